"""Provision references in questions: law, article and the year that names a revision."""

from __future__ import annotations

import pytest

from assistant.corpus.refs import ProvisionRef, find_provision_refs


@pytest.mark.parametrize("text, expected", [
    ("民诉法第241条", [ProvisionRef("cpl", 241, None)]),
    ("2017年民事诉讼法第二百三十九条", [ProvisionRef("cpl", 239, 2017)]),
    ("2017年修正的民事诉讼法第239条", [ProvisionRef("cpl", 239, 2017)]),
    ("2017年那版民诉法第230条是讲什么的？", [ProvisionRef("cpl", 230, 2017)]),
    ("2017年版民诉法第230条", [ProvisionRef("cpl", 230, 2017)]),
    ("2021年版本的民事诉讼法第237条", [ProvisionRef("cpl", 237, 2021)]),
    ("《民事诉讼法》（2017年修正）第二百三十三条", [ProvisionRef("cpl", 233, 2017)]),
    ("Article 233 of the 2017 Civil Procedure Law", [ProvisionRef("cpl", 233, 2017)]),
    # a year that dates something else is not the law's revision
    ("2017年我起诉了，民诉法第241条怎么规定", [ProvisionRef("cpl", 241, None)]),
])
def test_provision_refs(registry, text, expected):
    assert find_provision_refs(text, registry) == expected
