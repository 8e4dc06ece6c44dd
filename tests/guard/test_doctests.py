"""The runnable examples in the guard's docstrings."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["assistant.guard", "assistant.guard.extract", "assistant.guard.resolve", "assistant.guard.report",
           "assistant.guard.annotate", "assistant.guard.tokenize", "assistant.guard.names"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
