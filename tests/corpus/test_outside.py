"""corpus/outside/instruments.yaml: loaded by the registry, validated against the statutes."""

from __future__ import annotations

import shutil

import pytest

from assistant.corpus.outside import OUTSIDE_FILE
from assistant.corpus.parse import CorpusError
from assistant.corpus.registry import LawRegistry


def test_registry_loads_outside_instruments(registry):
    contract = registry.resolve_outside("《中华人民共和国合同法》")
    assert contract is not None and contract.status == "repealed" and contract.successor == "civil-code"
    assert registry.resolve_outside("Contract Law").id == contract.id
    assert registry.resolve_outside("刑法").in_force
    old = registry.resolve_outside("最高人民法院关于审理拒不执行判决、裁定刑事案件适用法律若干问题的解释")
    assert old.status == "superseded" and old.successor == "refusal-crime-interp"
    assert registry.resolve_outside("民事诉讼法") is None  # a corpus law is never an outside one
    assert registry.known_total("civil-code") == 1260


def _corpus_copy(corpus_dir, tmp_path):
    dst = tmp_path / "corpus"
    shutil.copytree(corpus_dir / "statutes", dst / "statutes")
    (dst / "outside").mkdir()
    return dst


BAD = [
    ("successor: civil-code", "successor: no-such-law", "successor 'no-such-law' is not a known law id"),
    ("status: repealed\n    effective: 1999-10-01", "status: abolished\n    effective: 1999-10-01", "status 'abolished'"),
    ("articles: 428", "articles: 0", "'articles' must be a positive"),
    ("names: [合同法, 中华人民共和国合同法, 《合同法》]", "names: [合同法, 民事诉讼法]", "also names corpus law 'cpl'"),
    ("    repealed: 2021-01-01\n    successor: civil-code\n    articles: 428",
     "    successor: civil-code\n    articles: 428", "needs the 'repealed' date"),
]


@pytest.mark.parametrize("old,new,message", BAD, ids=[b[2][:30] for b in BAD])
def test_corpus_build_rejects_bad_outside_data(corpus_dir, tmp_path, old, new, message):
    dst = _corpus_copy(corpus_dir, tmp_path)
    text = (corpus_dir / OUTSIDE_FILE).read_text(encoding="utf-8")
    assert old in text
    (dst / OUTSIDE_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CorpusError, match=message.replace("(", r"\(").replace(")", r"\)")):
        LawRegistry.load(dst, with_notes=False)
