"""The docstring examples of the operations modules run as tests (redaction, the gate, the chat's Markdown)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["assistant.redact", "assistant.audit", "assistant.api"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
