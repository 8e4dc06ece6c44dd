"""Classes of false alarms a fresh development set of hard-to-recognise valid citations (eval/guard_dev_E.jsonl)
showed, each as a table drawn from the class, written anew: the faithful sentence the guard must pass and, beside it,
the wrong one it must still flag."""

from __future__ import annotations

import pytest

from assistant.guard.claims import same_period
from tests.guard.factories import check_expect, run, verdict

# an interpretation is called a 解释 and a 司法解释 alike, with or without the year before its name
INTERPRETATION_NAME_CASES = [
    ("依照2024年拒执罪司法解释第二条，法院为执行仲裁裁决所作的裁定属于该条规定的裁定。",
     verdict("2024年拒执罪司法解释第二条", "valid", law="refusal-crime-interp")),
    ("拒执罪司法解释第十一条规定，在提起公诉前履行全部执行义务、犯罪情节轻微的，可以依法不起诉。",
     verdict("拒执罪司法解释第十一条", "valid", law="refusal-crime-interp")),
    ("根据执行和解司法解释第六条，当事人达成以物抵债执行和解协议的，法院不得依据该协议作出以物抵债裁定。",
     verdict("执行和解司法解释第六条", "valid", law="settlement")),
]

# 所有 is 'all' before what it counts, and ownership in 所有权 or at the end of its clause (归其所有的): only 'all' is an
# absolute word the article must hold
OWNERSHIP_CASES = [
    ("执行异议之诉解释第四条规定，案外人提起执行异议之诉、请求确认执行标的归其所有的，以被执行人为被告。",
     verdict("执行异议之诉解释第四条", "valid")),
    ("依执行异议之诉解释第四条，案外人在异议之诉中要求确认房屋归其所有的，确权请求以被执行人为被告。",
     verdict("执行异议之诉解释第四条", "valid")),
    ("执行异议之诉解释第四条规定，所有确权请求都以被执行人为被告。", verdict("执行异议之诉解释第四条", "unsupported")),
]

# 一律/一概 before a prohibition the cited article states without exception says no more than the article; before a
# prohibition the article qualifies (但是…的除外) it drops the exception
PROHIBITION_CASES = [
    ("被执行人是未成年人的，人民法院一律不得将其列入失信被执行人名单（失信规定第四条）。",
     verdict("失信规定第四条", "valid")),
    ("机关法人一律不得担任保证人（民法典第六百八十三条）。", verdict("民法典第六百八十三条", "unsupported")),
    ("保管人一律不得把保管物交给第三人保管（民法典第八百九十四条）。", verdict("民法典第八百九十四条", "unsupported")),
]

# a topic the claim names by a word the article itself uses (无财产可供执行) is the article's, whatever its topic
# evidence lists; an English term that holds a trigger (real estate: not a deceased's estate) names no topic; a
# consequence the article does not have is still flagged
TOPIC_CASES = [
    ("审理期间有保证人为被告作保、法院因此没有保全被告财产的，到了执行阶段被告无财产可供执行，法院可以直接执行保证人在保证责任"
     "范围内的财产，哪怕判决没写保证人的责任（执行工作规定第五十四条）。", verdict("执行工作规定第五十四条", "valid")),
    ("执行工作规定第五十四条规定，被执行人无财产可供执行的，法院应当裁定终结本次执行程序。",
     verdict("执行工作规定第五十四条", "unsupported")),
    ("Once restricted, an individual debtor may not buy real estate or go on holiday (Article 3 of the Provisions on "
     "Restricting High Consumption).", verdict("Article 3 of the Provisions on Restricting High Consumption", "valid")),
]

# 中止和终结执行 names 中止执行 as well as 终结执行: a coordination that shares its head is no swap of terms
COORDINATION_CASES = [
    ("终结执行的裁定和中止执行的裁定，送达当事人后立即生效（民事诉讼法第二百六十九条）。",
     verdict("民事诉讼法第二百六十九条", "valid")),
    ("暂缓执行的裁定送达当事人后立即生效（民事诉讼法第二百六十九条）。", verdict("民事诉讼法第二百六十九条", "unsupported")),
]

# one length of time in another unit (一个月 for 三十日, 十二个月 for 一年) is the article's period; a period the
# article gives another act is still flagged
PERIOD_UNIT_CASES = [
    ("受托法院收到委托函件后必须在十五日内开始执行，一个月内仍未执行完毕的，也应当把执行情况函告委托法院（民事诉讼法第二百四十条）。",
     verdict("民事诉讼法第二百四十条", "valid")),
    ("受托法院收到委托函件后必须在一个月内开始执行（民事诉讼法第二百四十条）。",
     verdict("民事诉讼法第二百四十条", "unsupported")),
    ("《仲裁裁决执行规定》第十二条规定，不予执行仲裁裁决案件应当在立案之日起三十日内审查完毕。",
     verdict("《仲裁裁决执行规定》第十二条", "unsupported")),
]

# a clause that only says when the statement applies (计算“六个月”时) names no word the claim states: its 计算 is not
# the 计算 the article negates; a claim that states the negated word itself is still flagged
FRAME_CASES = [
    ("计算“六个月”时，执行中的公告期间、鉴定评估期间、暂缓执行期间以及中止执行期间都予扣除（执行程序解释第十三条）。",
     verdict("执行程序解释第十三条", "valid")),
    ("计算“六个月”时，应当计算执行中的公告期间、鉴定评估期间、暂缓执行期间以及中止执行期间（执行程序解释第十三条）。",
     verdict("执行程序解释第十三条", "unsupported")),
    ("六个月期间，应当计算执行中的公告期间、鉴定评估期间、暂缓执行期间以及中止执行期间（执行程序解释第十三条）。",
     verdict("执行程序解释第十三条", "unsupported")),
]

# a claim is presented as the article's words (and read for every absolute word) when an attribution word follows the
# citation (第四条规定, 第四条明确, Article 4 provides); a party's 要求 in the case is no attribution
ATTRIBUTION_CASES = [
    ("案外人提起执行异议之诉并要求确认执行标的权属的，无论标的是动产还是不动产，确权请求都以被执行人为被告（执行异议之诉解释第四条）。",
     verdict("执行异议之诉解释第四条", "valid")),
    ("执行异议之诉解释第四条规定，无论案外人是否提出确权请求，都以被执行人为被告。", verdict("执行异议之诉解释第四条", "unsupported")),
    ("执行异议之诉解释第四条明确，无论案外人是否提出确权请求，都以被执行人为被告。", verdict("执行异议之诉解释第四条", "unsupported")),
]

# what the writer denies (并不是必须解除, 不是一年而是二年, does not set a one-year period, 执行员无权签发, 不是自…起算) is
# no statement the article must hold; the statement itself is still checked
DENIAL_CASES = [
    ("被执行人提供确实有效的担保的，法院可以解除限制消费令，但并不是必须解除（限高规定第九条）。", verdict("限高规定第九条", "valid")),
    ("被执行人提供确实有效的担保的，法院必须解除限制消费令（限高规定第九条）。", verdict("限高规定第九条", "unsupported")),
    ("申请执行的期间不是一年，而是二年（民事诉讼法第二百五十条）。", verdict("民事诉讼法第二百五十条", "valid")),
    ("申请执行的期间并非二年，而是一年（民事诉讼法第二百五十条）。", verdict("民事诉讼法第二百五十条", "unsupported")),
    ("Article 250 of the Civil Procedure Law does not set a three-year period: a creditor has two years to apply.",
     verdict("Article 250 of the Civil Procedure Law", "valid")),
    ("Under Article 250 of the Civil Procedure Law, the period for applying for enforcement is three years, not two.",
     verdict("Article 250 of the Civil Procedure Law", "unsupported")),
    # a term whose power the claim denies (执行员自己无权签发), a start it denies (不是自原判决生效之日起算)
    ("搜查令由院长签发，执行员自己无权签发（民事诉讼法第二百五十九条）。", verdict("民事诉讼法第二百五十九条", "valid")),
    ("搜查令由执行员签发（民事诉讼法第二百五十九条第二款）。", verdict("民事诉讼法第二百五十九条第二款", "unsupported")),
    ("和解协议没有履行的，申请恢复执行的期间自和解协议约定履行期间的最后一日起算，不是自原判决生效之日起算（执行和解规定第十条第二款）。",
     verdict("执行和解规定第十条第二款", "valid")),
    ("和解协议没有履行的，申请恢复执行的期间从原判决生效之日起算（执行和解规定第十条第二款）。",
     verdict("执行和解规定第十条第二款", "unsupported")),
]

# an article that splits its rule by case (…根据生效法律文书确定的方法计算；…未确定给付该利息的，不予计算) backs a claim that
# states the rule for one case the way the article does for it; the general case stated the other way is still flagged
CASE_SPLIT_CASES = [
    ("如果生效法律文书没有确定给付这部分利息的，迟延履行期间的一般债务利息就不予计算（迟延履行利息解释第一条第二款）。",
     verdict("迟延履行利息解释第一条第二款", "valid")),
    ("迟延履行期间的一般债务利息不予计算（迟延履行利息解释第一条第二款）。", verdict("迟延履行利息解释第一条第二款", "unsupported")),
]

# 'Article 268(4)' is item (4) where the article is one paragraph and a list, paragraph 2 where it has one
BRACKET_NOTATION_CASES = [
    ("Article 268(3) of the Civil Procedure Law: enforcement is terminated where a citizen debtor dies leaving no estate "
     "and no one to bear the obligation.", verdict("Article 268(3) of the Civil Procedure Law", "valid")),
    ("Article 268(9) of the Civil Procedure Law ends enforcement.",
     verdict("Article 268(9) of the Civil Procedure Law", "nonexistent_article")),
    ("Article 250(2) of the Civil Procedure Law: where a judgment sets no performance period, the period runs from the "
     "day it takes effect.", verdict("Article 250(2) of the Civil Procedure Law", "valid")),
]

CASES = INTERPRETATION_NAME_CASES + OWNERSHIP_CASES + PROHIBITION_CASES + TOPIC_CASES + COORDINATION_CASES + \
    PERIOD_UNIT_CASES + FRAME_CASES + ATTRIBUTION_CASES + DENIAL_CASES + CASE_SPLIT_CASES + BRACKET_NOTATION_CASES


@pytest.mark.parametrize("text,expect", CASES, ids=[c[0][:24] for c in CASES])
def test_fresh_set_e_classes(text, expect):
    check_expect(run(text), expect)


@pytest.mark.parametrize("canon,same", [
    ("1m", {"1m", "30d"}), ("2y", {"2y", "24m"}), ("14d", {"14d", "2w"}), ("15d", {"15d"}), ("3wd", {"3wd"}),
    ("10000yuan", {"10000yuan"}),
])
def test_a_period_converts_only_to_whole_units(canon, same):
    assert same_period(canon) == same


# an instrument amended in place keeps the articles the amendment did not touch: one cited by the earlier document
# number, word for word the same in the text in force, is in force; one the revision rewrote is not
CARRIED_UNCHANGED_CASES = [
    ("当事人达成以物抵债执行和解协议的，法院不得依据该协议作出以物抵债裁定（法释〔2018〕3号第六条）。",
     verdict("法释〔2018〕3号第六条", "valid", law="settlement")),
    ("依照2018年《执行和解规定》第六条，法院不能依据以物抵债的和解协议作出以物抵债裁定。",
     verdict("2018年《执行和解规定》第六条", "valid", law="settlement")),
    ("依据法释〔2013〕17号《关于公布失信被执行人名单信息的若干规定》第三条，被执行人认为纳入名单错误的可以申请纠正。",
     verdict("法释〔2013〕17号《关于公布失信被执行人名单信息的若干规定》第三条", "not_in_force")),
]


@pytest.mark.parametrize("text,expected", CARRIED_UNCHANGED_CASES)
def test_an_article_an_amendment_left_alone_is_cited_in_force_by_the_earlier_number(text, expected):
    check_expect(run(text), expected)
