"""Legal facts are data: no article number in the answer stage's Python (assistant/answer/), neither in a string
(messages, templates, docstrings) nor in a comment nor as an article bound to a law id ("cpl", 236). Rules, periods
and their wording live in corpus/rules/*.yaml, checked by `assistant corpus build`."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from assistant.settings import REPO_ROOT

ANSWER_DIR = REPO_ROOT / "assistant" / "answer"
_NUMERALS = "零〇一二两三四五六七八九十百千"
# 第236条, 第二百三十六条, art. 236, Article 236, arts. 13 and 14, § 5
ARTICLE = re.compile(rf"第\s*(?:\d+|[{_NUMERALS}]+)\s*条|\b(?:arts?|articles?)\.?\s*\d+|§\s*\d+", re.I)


def _law_ids() -> set[str]:
    return {p.name.split("@")[0] for p in (REPO_ROOT / "corpus" / "statutes").glob("*.md")} | \
        {p.name.split("@")[0].rsplit("-", 1)[0] for p in (REPO_ROOT / "corpus" / "statutes").glob("*-*@*.md")}


def article_numbers(source: str, law_ids: set[str]) -> list[tuple[int, str]]:
    """(line, what) for every article number in the source: in a string or a comment, or an int beside a law id."""
    found: list[tuple[int, str]] = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [(node.lineno, f"string {m.group(0)!r}") for m in ARTICLE.finditer(node.value)]
        elems = node.elts if isinstance(node, (ast.Tuple, ast.List)) else \
            node.args if isinstance(node, ast.Call) else []
        for a, b in zip(elems, elems[1:]):
            if isinstance(a, ast.Constant) and a.value in law_ids and isinstance(b, ast.Constant) \
                    and isinstance(b.value, int) and not isinstance(b.value, bool):
                found.append((a.lineno, f"article {b.value} of {a.value!r}"))
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            found += [(tok.start[0], f"comment {m.group(0)!r}") for m in ARTICLE.finditer(tok.string)]
    return sorted(found)


@pytest.mark.parametrize("source,expected", [
    ('x = "依照民事诉讼法第二百三十六条提出异议"', [(1, "string '第二百三十六条'")]),
    ('x = f"under CPL art. {n}"', []),
    ('x = "Settlement Provisions arts. 13 and 14"', [(1, "string 'arts. 13'")]),
    ('x = "第十三条、第十四条"', [(1, "string '第十三条'"), (1, "string '第十四条'")]),
    ('"""The two years of 民事诉讼法第250条."""', [(1, "string '第250条'")]),
    ('CPL236 = ("cpl", 236)', [(1, "article 236 of 'cpl'")]),
    ('registry.has_article("settlement", 9)', [(1, "article 9 of 'settlement'")]),
    ('x = 1  # (第十九条)', [(1, "comment '第十九条'")]),
    ('x = ("cpl", True); y = "第N条"; z = f"第{n}条"', []),
])
def test_the_scan_finds_article_numbers(source, expected):
    assert article_numbers(source, {"cpl", "settlement"}) == expected


def test_no_article_number_in_the_answer_stage():
    law_ids = _law_ids()
    assert {"cpl", "settlement", "civil-code"} <= law_ids
    files = sorted(ANSWER_DIR.rglob("*.py"))
    assert any(f.parent.name == "navigator" for f in files)
    found = [f"{f.relative_to(REPO_ROOT)}:{line}: {what}" for f in files
             for line, what in article_numbers(f.read_text(encoding="utf-8"), law_ids)]
    assert found == [], "article numbers belong in corpus/rules/*.yaml:\n" + "\n".join(found)
