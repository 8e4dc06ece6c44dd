"""A quotation keeps the proviso that qualifies it."""

from __future__ import annotations

import pytest

from assistant.corpus.wording import load_proviso_words
from assistant.text.clauses import ProvisoWords, complete_clause, qualifier_after

WORDS = load_proviso_words()

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
    assert complete_clause(ARTICLE, quote, WORDS) == completed


def test_a_proviso_in_a_sentence_of_its_own_is_found():
    text = "被执行人可以提出异议。但是，异议期限届满的，不予受理。其他规定。"
    assert qualifier_after(text, "被执行人可以提出异议。", WORDS) == "但是，异议期限届满的，不予受理。"


def test_every_real_article_sentence_completes_within_its_article(registry):
    # over every current article: completing any of its clauses stays inside the article and never shortens it
    import re

    for _, article in registry.all_current_articles()[:400]:
        for clause in re.findall(r"[^。；\n]+[。；]?", article.text):
            done = complete_clause(article.text, clause, WORDS)
            assert done.startswith(clause.rstrip("。；;，, ")) and done in article.text


def test_the_word_class_decides_what_is_a_proviso():
    # 除权 (ex-rights) opens no proviso while 除 does; a word not in the class opens nothing
    text = "股票应当除权。除权日后交易。"
    assert qualifier_after(text, "股票应当", WORDS) == ""
    assert qualifier_after("可以申请，除非另有约定。", "可以申请", WORDS) == "，除非另有约定。"
    narrow = ProvisoWords(opens=("但是",), not_opening=(), closes=("除外",))
    assert qualifier_after("可以申请，然而法院可以拒绝。", "可以申请", narrow) == ""
    assert qualifier_after("可以申请，然而法院可以拒绝。", "可以申请", WORDS) == "，然而法院可以拒绝。"
