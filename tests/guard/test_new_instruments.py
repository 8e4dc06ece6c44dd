"""The guard on the 2025 objection-suit interpretation (23 articles) and on the terminated 2022 draft."""

from __future__ import annotations

import pytest

from assistant.guard import check


@pytest.mark.parametrize("text, article", [
    ("依据《执行异议之诉解释》第六条，申请执行人提供担保请求继续执行的，由审理执行异议之诉的法院裁定是否准许。", 6),
    ("执行异议之诉司法解释第二条规定，轮候查封时以首先查封的申请执行人为被告。", 2),
    ("《最高人民法院关于审理执行异议之诉案件适用法律问题的解释》第二十一条规定了虚假执行异议之诉的处理。", 21),
    ("Under Article 14 of the 2025 SPC Interpretation on Enforcement Objection Actions, a buyer in possession "
     "can exclude enforcement by ordinary creditors.", 14),
])
def test_articles_of_the_2025_interpretation_are_valid(registry, text, article):
    [c] = check(text, registry).citations
    assert (c.law_id, c.citation.article, c.verdict) == ("objection-suit-interp", article, "valid"), c.message


def test_article_24_of_the_2025_interpretation_does_not_exist(registry):
    [c] = check("执行异议之诉解释第二十四条另有规定。", registry).citations
    assert c.verdict == "nonexistent_article" and "23" in c.message


@pytest.mark.parametrize("text, words", [
    ("按照《民事强制执行法（草案）》第九十条，和解协议可以直接执行。", ("2024年终止", "不是法律")),
    ("Under Article 90 of the draft Civil Enforcement Law, a settlement is directly enforceable.",
     ("terminated in 2024", "not law")),
])
def test_a_draft_citation_is_reported_as_terminated_and_not_law(registry, text, words):
    [c] = check(text, registry).citations
    assert c.verdict == "not_in_force" and all(w in c.message for w in words), c.message
