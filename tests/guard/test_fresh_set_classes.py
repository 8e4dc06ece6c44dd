"""Classes of misses a fresh development set (eval/guard_dev_D.jsonl) showed, each as a table drawn from the class:
a word about the case read as a word about the text's history, a repealed interpretation named with the short title
of the law it interprets, …. Each table holds the miss and the faithful or historical sentence it must not flag."""

from __future__ import annotations

import pytest

from assistant.guard.claims import denominalize
from tests.guard.factories import Expect, check_expect, run, verdict

# 已被 and 原为 are about the text's history only where they report a change (已被废止, 原为第二百三十条); in 已被执行的
# 财产 or 原为夫妻共同生活所负的债务 they are words about the case, and the citation is still applied as law
HISTORY_WORD_CASES = [
    ("《民事诉讼法》（2021年修正）第二百四十条要求法院对已被执行的财产作出裁定，责令取得财产的人返还。",
     verdict("《民事诉讼法》（2021年修正）第二百四十条", "outdated_numbering", current=244)),
    ("对已被查封的财产，其他法院可以轮候查封（《民事诉讼法》（2021年修正）第二百四十条）。",
     verdict("《民事诉讼法》（2021年修正）第二百四十条", "unsupported")),
    ("原为担保主债务所设定的保证，保证人应当承担保证责任（《担保法》第十八条）。",
     verdict("《担保法》第十八条", "not_in_force")),
    # …and where they do report a change, the citation is told as history
    ("《民事诉讼法》（2021年修正）第二百四十条已被2023年修正调整为第二百四十四条。",
     verdict("《民事诉讼法》（2021年修正）第二百四十条", "valid")),
    ("原《担保法》第十八条规定了连带责任保证。", verdict("《担保法》第十八条", "valid")),
    ("执行回转现规定于民事诉讼法第二百四十四条，原为民诉法第二百三十三条。", verdict("民诉法第二百三十三条", "valid")),
]

# a title that quotes the law it interprets by its short name (关于适用〈担保法〉…) names the same instrument as the
# full title (关于适用〈中华人民共和国担保法〉…): a repealed one is not in force, not unknown
INNER_SHORT_TITLE_CASES = [
    ("依《最高人民法院关于适用〈担保法〉若干问题的解释》第四十四条，保证人可以参与分配。",
     verdict("《最高人民法院关于适用〈担保法〉若干问题的解释》第四十四条", "not_in_force")),
    ("《最高人民法院关于适用〈婚姻法〉若干问题的解释（三）》第五条规定了婚后个人财产的收益。",
     verdict("《最高人民法院关于适用〈婚姻法〉若干问题的解释（三）》第五条", "not_in_force")),
    ("依照《最高人民法院关于适用〈民事诉讼法〉的解释》第五百零六条，被执行人为公民或者其他组织的，其他已经取得执行依据的"
     "债权人可以申请参与分配。", verdict("《最高人民法院关于适用〈民事诉讼法〉的解释》第五百零六条", "valid")),
]

# must for may: a duty claimed for an act the article leaves to discretion, wholly or in the claim's case; the duty the
# article does impose (in its own case, or after words the predicate stops at) is no swap
STRENGTH_CASES = [
    ("被执行人提供确实有效的担保的，人民法院应当解除限制消费令（限高规定第九条）。",
     verdict("限高规定第九条", "unsupported")),
    ("被执行人履行完毕生效法律文书确定的义务的，人民法院应当解除限制消费令（限高规定第九条）。",
     verdict("限高规定第九条", "valid")),
    ("拒执罪解释第十一条规定，在提起公诉前履行全部执行义务，犯罪情节轻微的，人民检察院应当作出不起诉的决定。",
     verdict("拒执罪解释第十一条", "unsupported")),
    ("拒执罪解释第十一条规定，在提起公诉前履行全部执行义务，犯罪情节轻微的，人民检察院可以依法不起诉。",
     verdict("拒执罪解释第十一条", "valid")),
    ("此外依执行程序解释第二十五条，申请执行人同意的，执行法院应当解除限制出境措施。",
     verdict("执行程序解释第二十五条", "unsupported")),
    ("依执行程序解释第二十五条，被执行人履行法律文书确定的全部债务的，执行法院应当及时解除限制出境措施。",
     verdict("执行程序解释第二十五条", "valid")),
    ("依执行程序解释第二十五条，申请执行人同意的，执行法院可以解除限制出境措施。",
     verdict("执行程序解释第二十五条", "valid")),
    # a party's option (申请执行人可以申请恢复执行) is no discretion of the court that must then act
    ("被执行人一方不履行执行和解协议的，人民法院应当依申请恢复执行原生效法律文书（《执行和解规定》第九条）。",
     verdict("《执行和解规定》第九条", "valid")),
    # for a party's remedy 'must' names the way to it, not a duty the article does not impose
    ("对执行法院作出的追加裁定不服的，申请人应当向执行法院提起执行异议之诉（《变更追加规定》第三十二条）。",
     verdict("《变更追加规定》第三十二条", "valid")),
]

# an English period or amount stated as a cap, a limit or a stretch of time (caps … at, limits … to, for the N years
# preceding) is a number the article must hold; an amount is bound to the owner its own clause names
EN_NUMBER_CASES = [
    ("Article 250 of the Civil Procedure Law fixes the time limit for applying for enforcement at three years.",
     verdict("Article 250 of the Civil Procedure Law", "unsupported")),
    ("Article 250 of the Civil Procedure Law fixes the time limit for applying for enforcement at two years.",
     verdict("Article 250 of the Civil Procedure Law", "valid")),
    ("Article 118 of the Civil Procedure Law limits detention to thirty days.",
     verdict("Article 118 of the Civil Procedure Law", "unsupported")),
    ("Article 118 of the Civil Procedure Law limits detention to fifteen days.",
     verdict("Article 118 of the Civil Procedure Law", "valid")),
    ("Under Article 252 of the Civil Procedure Law the debtor must report its property for the two years preceding "
     "the enforcement notice.", verdict("Article 252 of the Civil Procedure Law", "unsupported")),
    ("Under Article 252 of the Civil Procedure Law the debtor must report its property for the year preceding the "
     "enforcement notice.", verdict("Article 252 of the Civil Procedure Law", "valid")),
    ("Article 118 of the Civil Procedure Law caps fines at RMB 100,000 for individuals, and sets RMB 50,000 as the "
     "floor for entities.", verdict("Article 118 of the Civil Procedure Law", "valid")),
]

# the moment a period starts: another moment of the same thing (和解协议成立之日 for …履行期间的最后一日) is another start;
# the article's own event named more fully is the same start
START_CASES = [
    ("依《执行和解规定》第十条，当事人不履行执行和解协议的，申请恢复执行期间自执行和解协议成立之日起计算。",
     verdict("《执行和解规定》第十条", "unsupported")),
    ("依《执行和解规定》第十条，当事人不履行执行和解协议的，申请恢复执行期间自执行和解协议约定的履行期间的最后一日起计算。",
     verdict("《执行和解规定》第十条", "valid")),
    ("执行法院应当自收到追加被执行人的书面申请之日起六十日内作出裁定（《变更追加规定》第二十八条）。",
     verdict("《变更追加规定》第二十八条", "valid")),
    ("依《执行和解规定》第十条，当事人不履行执行和解协议的，申请恢复执行期间自执行和解协议约定的履行期限届满之日起计算。",
     verdict("《执行和解规定》第十条", "valid")),  # 届满之日 is the period's last day
    ("第三人可以自知道或应当知道权益受损之日起六个月内，向作出该裁判的法院起诉（民诉法解释第二百九十条）。",
     verdict("民诉法解释第二百九十条", "valid")),  # 权益受损: 民事权益受到损害 in fewer words
    ("执行法院应当自收到书面申请书之日起六十日内作出裁定（《变更追加规定》第二十八条）。",
     verdict("《变更追加规定》第二十八条", "valid")),  # only a period's end is told from another moment by its last word
]

# a refusal heading a clause and ending in 案件 names a kind of case, it refuses nothing
NOMINAL_REFUSAL_CASES = [
    ("《仲裁裁决执行规定》第十二条规定，不予执行仲裁裁决案件应当在立案之日起两个月内审查完毕并作出裁定。",
     verdict("《仲裁裁决执行规定》第十二条", "valid")),
    ("依《仲裁裁决执行规定》第十二条，不予执行仲裁裁决案件有特殊情况需要延长的，经本院院长批准，可以延长三个月。",
     verdict("《仲裁裁决执行规定》第十二条", "unsupported")),
]

# an instrument named by its issuers, its kind and its year alone is the one corpus instrument that fits; where several
# fit, it names none
ISSUER_YEAR_CASES = [
    ("Article 4 of the 2024 SPC/SPP Interpretation treats besieging enforcement officers as especially serious.",
     verdict("Article 4 of the 2024 SPC/SPP Interpretation", "valid", law="refusal-crime-interp")),
    ("Under Article 9 of the 2025 SPC Interpretation, the objector must prove its claim.",
     Expect("Article 9 of the 2025 SPC Interpretation", law="objection-suit-interp")),
    ("Article 2 of the 2021 SPC Provisions governs this.",
     verdict("Article 2 of the 2021 SPC Provisions", "unknown_law")),
    # 2015: the 民诉法解释 came into force, and so did the 拒执 interpretation outside the corpus — neither is named…
    ("Article 3 of the 2015 SPC Interpretation defines the refusal.",
     verdict("Article 3 of the 2015 SPC Interpretation", "unknown_law")),
    # …unless what it is about follows in lower case: the shortest description that names one instrument, as far on
    # as its words are that instrument's (not the sentence's verb after it)
    ("Article 3 of the 2015 SPC Interpretation on refusing to enforce judgments defines it.",
     verdict("Article 3 of the 2015 SPC Interpretation on refusing to enforce judgments", "not_in_force")),
    ("Article 14 of the 2024 SPC/SPP Interpretation on the crime of refusing to enforce judgments allows a private "
     "prosecution.", verdict("2024 SPC/SPP Interpretation on the crime of refusing to enforce judgments", "valid",
                             law="refusal-crime-interp")),
]

# a number the cited article holds only through a provision it refers to, stated for what the article itself gives
# another number (执行程序解释第八条: 三十日 to decide a review; the 十五日 of the statute it applies is the objection's)
BORROWED_NUMBER_CASES = [
    ("依执行程序解释第八条，上一级人民法院对复议申请应当在十五日内审查完毕。",
     verdict("执行程序解释第八条", "unsupported")),
    ("依执行程序解释第八条，上一级人民法院对复议申请应当在三十日内审查完毕。",
     verdict("执行程序解释第八条", "valid")),
]

# polarity read where the act stands: the act a ruling orders (作出裁定，责令…返还), the act after who does it and
# where (由申请执行人向执行法院提出…), 不主动 as a negation, an English 'prohibits/bars … from' with its act in -ing
POLARITY_CASES = [
    ("民事诉讼法第二百四十四条规定，原判决被撤销后，人民法院不得裁定返还已被执行的财产。",
     verdict("民事诉讼法第二百四十四条", "unsupported")),
    ("民事诉讼法第二百四十四条规定，原判决被撤销后，人民法院应当裁定责令取得财产的人返还。",
     verdict("民事诉讼法第二百四十四条", "valid")),
    ("依执行程序解释第二十三条，限制被执行人出境的，申请执行人不能提出书面申请，只能由法院依职权决定。",
     verdict("执行程序解释第二十三条", "unsupported")),
    ("依执行程序解释第二十三条，限制被执行人出境的，应当由申请执行人向执行法院提出书面申请。",
     verdict("执行程序解释第二十三条", "valid")),
    ("限高规定第九条规定，被执行人履行完毕的，人民法院不主动解除限制消费令。", verdict("限高规定第九条", "unsupported")),
    # a person the article's prohibition names by role said to be exempt from it; not the possessor of another person
    ("依限高规定第三条，被执行人为单位的，其主要负责人也不受限制。", verdict("限高规定第三条", "unsupported")),
    ("依限高规定第三条，被执行人为单位的，其法定代表人的近亲属不受限制。", verdict("限高规定第三条", "valid")),
    # refusing to accept an application refuses what it asks for (…申请复议的，不予受理 against 可以申请复议), read in the
    # 款 cited: 第一款 refuses the parties' review that 第三款 grants on a third party's application
    ("依《仲裁裁决执行规定》第二十二条第一款，人民法院裁定不予执行仲裁裁决后，当事人对该裁定提出执行异议的，人民法院应当受理。",
     verdict("《仲裁裁决执行规定》第二十二条第一款", "unsupported")),
    ("依《仲裁裁决执行规定》第二十二条第一款，人民法院裁定不予执行仲裁裁决后，当事人对该裁定申请复议的，人民法院不予受理。",
     verdict("《仲裁裁决执行规定》第二十二条第一款", "valid")),
    ("依《仲裁裁决执行规定》第二十二条第三款，人民法院基于案外人申请裁定不予执行仲裁裁决，当事人不服的，可以自裁定送达之日起"
     "十日内向上一级人民法院申请复议。", verdict("《仲裁裁决执行规定》第二十二条第三款", "valid")),
    ("Article 4 of the SPC Provisions on Seizure, Detention and Freezing of Property bars the court from seizing the "
     "dwelling the debtor needs.", verdict("Article 4 of the SPC Provisions on Seizure", "unsupported")),
    ("Article 4 of the SPC Provisions on Seizure, Detention and Freezing of Property bars the court from auctioning "
     "the dwelling the debtor needs.", verdict("Article 4 of the SPC Provisions on Seizure", "valid")),
]

# the 项 a claim matches: another item's case cited under this item's number (the words every item shares aside)
ITEM_CASES = [
    ("民事诉讼法第二百六十七条第（一）项规定，案外人对执行标的提出确有理由的异议的，人民法院应当裁定中止执行。",
     verdict("民事诉讼法第二百六十七条第（一）项", "unsupported")),
    ("民事诉讼法第二百六十七条第（二）项规定，案外人对执行标的提出确有理由的异议的，人民法院应当裁定中止执行。",
     verdict("民事诉讼法第二百六十七条第（二）项", "valid")),
    ("依据执行和解规定第十一条第（一）项，执行和解协议履行完毕后申请恢复执行的，人民法院裁定不予恢复执行。",
     verdict("执行和解规定第十一条第（一）项", "valid")),
    ("依据执行和解规定第十一条第（一）项，执行和解协议约定的履行期限尚未届至的，人民法院裁定不予恢复执行。",
     verdict("执行和解规定第十一条第（一）项", "unsupported")),
]

# the neighbouring provision: a case the next article lists, cited under this one whether the citation opens or closes
# the statement; and how enforcement stops (中止 / 终结 / 暂缓执行, corpus/guard/contrasts.yaml) as the article says it
NEIGHBOUR_CASES = [
    ("依民事诉讼法第二百六十七条，据以执行的法律文书被撤销的，人民法院应当裁定中止执行。",
     verdict("民事诉讼法第二百六十七条", "unsupported")),
    ("依民事诉讼法第二百六十七条，申请人表示可以延期执行的，人民法院应当裁定中止执行。",
     verdict("民事诉讼法第二百六十七条", "valid")),
    ("依民事诉讼法第二百六十八条，作为被执行人的公民因生活困难无力偿还借款，无收入来源，又丧失劳动能力的，人民法院应当"
     "裁定中止执行。", verdict("民事诉讼法第二百六十八条", "unsupported")),
    ("依民事诉讼法第二百六十八条，作为被执行人的公民因生活困难无力偿还借款，无收入来源，又丧失劳动能力的，人民法院应当"
     "裁定终结执行。", verdict("民事诉讼法第二百六十八条", "valid")),
]

# terms of one kind as data (corpus/guard/contrasts.yaml): how ordinary creditors share (in proportion / in the order
# of seizure), and the place whose court enforces an arbitral award
TERM_CASES = [
    ("依民诉法解释第五百一十四条，当事人不同意移送破产的，执行法院对普通债权应当按比例清偿。",
     verdict("民诉法解释第五百一十四条", "unsupported")),
    ("依民诉法解释第五百零八条，执行所得价款扣除执行费用并清偿优先受偿的债权后，普通债权原则上按照债权数额的比例受偿。",
     verdict("民诉法解释第五百零八条", "valid")),
    ("民诉法解释第五百一十四条规定，普通债权不按比例，而是按照查封、扣押、冻结财产的先后顺序清偿。",
     verdict("民诉法解释第五百一十四条", "valid")),
    ("依《仲裁裁决执行规定》第二条，申请执行仲裁裁决的，由仲裁委员会所在地的中级人民法院管辖。",
     verdict("《仲裁裁决执行规定》第二条", "unsupported")),
    ("Under Article 2 of the SPC Provisions on Enforcement of Arbitral Awards, the intermediate court where the debtor "
     "is domiciled or where the property is located has jurisdiction.",
     verdict("Article 2 of the SPC Provisions on Enforcement of Arbitral Awards", "valid")),
    ("Under Article 2 of the SPC Provisions on Enforcement of Arbitral Awards, the court where the arbitration "
     "commission is located has jurisdiction.",
     verdict("Article 2 of the SPC Provisions on Enforcement of Arbitral Awards", "unsupported")),
]
# a rule only brought in by its citation (依据X，…; …（X）) is still read for the words that admit no case at all (一律,
# 自动) where the article has none; the writer's own 无论/只要 there is left alone
CATEGORICAL_CASES = [
    ("依据《民事诉讼法》第二百五十条，申请执行的期间一律为二年。", verdict("《民事诉讼法》第二百五十条", "unsupported")),
    ("被执行人及其所扶养家属生活所必需的居住房屋，一律不得查封（《查封扣押冻结规定》第四条）。",
     verdict("《查封扣押冻结规定》第四条", "unsupported")),
    ("依据《查封扣押冻结规定》第二十六条，查封解除的，登记在先的轮候查封即自动生效。",
     verdict("《查封扣押冻结规定》第二十六条", "valid")),
    ("根据《民诉法解释》第三百零九条，无论案外人还是申请执行人提起执行异议之诉，均由案外人就其享有足以排除强制执行的民事"
     "权益承担举证证明责任。", verdict("《民诉法解释》第三百零九条", "valid")),
    # 一律 describing how the article is built, governing no rule of its own
    ("现行《执行和解规定》第九条对所有类型的和解协议一律给出恢复执行或另行起诉两条路，由申请执行人自选。",
     verdict("《执行和解规定》第九条", "valid")),
    ("根据《执行和解规定》第九条，被执行人一方不履行执行和解协议的，申请执行人一律不得申请恢复执行。",
     verdict("《执行和解规定》第九条", "unsupported")),
]
# a case an earlier text of the cited provision listed and the text in force dropped (适用法律确有错误 as a ground to
# refuse enforcing an arbitral award: 2008 第二百一十三条, gone from 第二百四十八条)
OLD_RULE_CASES = [
    ("依民事诉讼法第二百四十八条，仲裁裁决适用法律确有错误的，人民法院应当裁定不予执行。",
     verdict("民事诉讼法第二百四十八条", "unsupported")),
    ("依民事诉讼法第二百四十八条，仲裁员在仲裁该案时有贪污受贿、徇私舞弊、枉法裁决行为的，人民法院应当裁定不予执行。",
     verdict("民事诉讼法第二百四十八条", "valid")),
]


def test_the_message_names_the_earlier_text_that_had_the_case():
    report = run("依民事诉讼法第二百四十八条，仲裁裁决适用法律确有错误的，人民法院应当裁定不予执行。")
    assert "第二百一十三条" in report.citations[0].message and "已无此规定" in report.citations[0].message


CASES = OLD_RULE_CASES + CATEGORICAL_CASES + HISTORY_WORD_CASES + INNER_SHORT_TITLE_CASES + STRENGTH_CASES + EN_NUMBER_CASES + START_CASES + \
    NOMINAL_REFUSAL_CASES + ISSUER_YEAR_CASES + BORROWED_NUMBER_CASES + POLARITY_CASES + ITEM_CASES + NEIGHBOUR_CASES + \
    TERM_CASES


def test_the_message_names_the_item_that_says_it():
    report = run("民事诉讼法第二百六十七条第（一）项规定，案外人对执行标的提出确有理由的异议的，人民法院应当裁定中止执行。")
    assert "第（二）项" in report.citations[0].message


@pytest.mark.parametrize("text,expected", [
    ("不予执行仲裁裁决案件应当在两个月内审查完毕", "案件应当在两个月内审查完毕"),
    ("人民法院，不予执行仲裁裁决案件应当…", "人民法院，案件应当…"),
    ("人民法院不予受理申请", "人民法院不予受理申请"),  # a refusal the court states
])
def test_a_refusal_naming_a_kind_of_case_is_taken_out(text, expected):
    assert denominalize(text) == expected


@pytest.mark.parametrize("text,expect", CASES, ids=[c[0][:24] for c in CASES])
def test_fresh_set_classes(text, expect):
    check_expect(run(text), expect)
