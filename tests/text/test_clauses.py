"""A quotation keeps the proviso that qualifies it."""

from __future__ import annotations

import pytest

from assistant.text.clauses import complete_clause, qualifier_after

ARTICLE = ("当事人可以申请恢复执行；但是，和解协议已经履行完毕的除外。"
           "人民法院应当在十五日内审查，法律另有规定的除外。"
           "申请人可以向上一级人民法院申请复议。复议期间，不停止执行。")


@pytest.mark.parametrize("quote,completed", [
    ("当事人可以申请恢复执行；", "当事人可以申请恢复执行；但是，和解协议已经履行完毕的除外。"),
    ("当事人可以申请恢复执行", "当事人可以申请恢复执行；但是，和解协议已经履行完毕的除外。"),
    ("人民法院应当在十五日内审查", "人民法院应当在十五日内审查，法律另有规定的除外。"),
    # no proviso follows: the quote stays as it is
    ("申请人可以向上一级人民法院申请复议。", "申请人可以向上一级人民法院申请复议。"),
    ("复议期间，不停止执行。", "复议期间，不停止执行。"),
    # a quote that is not in the text is left alone
    ("法院可以拍卖", "法院可以拍卖"),
])
def test_the_proviso_is_kept(quote, completed):
    assert complete_clause(ARTICLE, quote) == completed


def test_a_proviso_in_a_sentence_of_its_own_is_found():
    text = "被执行人可以提出异议。但是，异议期限届满的，不予受理。其他规定。"
    assert qualifier_after(text, "被执行人可以提出异议。") == "但是，异议期限届满的，不予受理。"


def test_every_real_article_sentence_completes_within_its_article(registry):
    # over every current article: completing any of its clauses stays inside the article and never shortens it
    import re

    for _, article in registry.all_current_articles()[:400]:
        for clause in re.findall(r"[^。；\n]+[。；]?", article.text):
            done = complete_clause(article.text, clause)
            assert done.startswith(clause.rstrip("。；;，, ")) and done in article.text
