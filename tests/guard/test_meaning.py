"""Claims checked for meaning: polarity, the 款 a claim belongs to, and which provision does say it."""

from __future__ import annotations

import pytest

from assistant.guard.claims import en_predications, polarity_conflict, predications
from tests.guard.factories import check_expect, run, verdict

MEANING_CASES = [
    # polarity: the claim says may where the article says must not, or the reverse
    ("和解协议已经履行完毕的，申请执行人仍可申请恢复执行（执行和解规定第十一条）。",
     verdict("执行和解规定第十一条", "unsupported")),
    ("《民诉法解释》第四百六十五条规定，申请恢复执行的，已履行的部分不予扣除。",
     verdict("《民诉法解释》第四百六十五条", "unsupported")),
    ("被执行人不履行和解协议的，申请执行人不得申请恢复执行（执行和解规定第九条）。",
     verdict("执行和解规定第九条", "unsupported")),
    # the flip is read wherever the sentence stands on its line: after a bullet, a number, a word, emphasis
    ("- 依《执行和解规定》第九条，被执行人一方不履行执行和解协议的，申请执行人不得申请恢复执行原生效法律文书。",
     verdict("《执行和解规定》第九条", "unsupported")),
    ("x依《执行和解规定》第九条，被执行人一方不履行执行和解协议的，申请执行人不得申请恢复执行原生效法律文书。",
     verdict("《执行和解规定》第九条", "unsupported")),
    ("**法律依据**：\n1. 此外《执行和解规定》第九条规定，被执行人一方不履行执行和解协议的，申请执行人不得申请恢复执行。",
     verdict("《执行和解规定》第九条", "unsupported")),
    ("- 依《执行和解规定》第九条，被执行人一方不履行执行和解协议的，申请执行人可以申请恢复执行原生效法律文书。",
     verdict("《执行和解规定》第九条", "valid")),
    # English modals: may / can / shall against may not / cannot / shall not / need not
    ("- Under Article 9 of the Provisions on Enforcement Settlement, where the debtor fails to perform the settlement "
     "agreement, the creditor may not apply to resume enforcement of the original judgment.",
     verdict("Article 9 of the Provisions on Enforcement Settlement", "unsupported")),
    ("Under Article 9 of the Provisions on Enforcement Settlement, where the debtor fails to perform the settlement "
     "agreement, the creditor cannot resume enforcement.",
     verdict("Article 9 of the Provisions on Enforcement Settlement", "unsupported")),
    ("Under Article 9 of the Provisions on Enforcement Settlement, where the debtor fails to perform the settlement "
     "agreement, the creditor may apply to resume enforcement of the original judgment.",
     verdict("Article 9 of the Provisions on Enforcement Settlement", "valid")),
    ("Under Article 11 of the Provisions on Enforcement Settlement, once the settlement agreement has been performed, "
     "the court shall not resume enforcement.",
     verdict("Article 11 of the Provisions on Enforcement Settlement", "valid")),
    ("Under Article 11 of the Provisions on Enforcement Settlement, once the settlement agreement has been performed, "
     "the court shall refuse to resume enforcement.",
     verdict("Article 11 of the Provisions on Enforcement Settlement", "valid")),
    # a plain verb negated in one and stated in the other (停止 against 不停止), wherever the negation stands
    ("对罚款决定不服申请复议的，复议期间停止执行（民事诉讼法第一百一十九条）。",
     verdict("民事诉讼法第一百一十九条", "unsupported")),
    ("对罚款决定不服申请复议的，复议期间不停止执行（民事诉讼法第一百一十九条）。",
     verdict("民事诉讼法第一百一十九条", "valid")),
    # …read over two clauses of the article, a kind of case named by a refusal left out (审查不予执行…案件期间)
    ("《公证债权文书执行规定》第十七条规定，法院审查不予执行公证债权文书的申请期间，应当停止执行。",
     verdict("《公证债权文书执行规定》第十七条", "unsupported")),
    ("《拒执罪解释》第五条第二款规定，认定执行能力时，不扣除负有执行义务的人所扶养家属的生活必需费用。",
     verdict("《拒执罪解释》第五条第二款", "unsupported")),
    # 禁止 is a negation: 禁止…买受 says what 不得买受 says
    ("《民诉法解释》第四百八十八条第二款禁止法院工作人员买受变卖的财产。", verdict("《民诉法解释》第四百八十八条第二款", "valid")),
    # a superseded interpretation named by its year and presented as saying the claim is cited as law; told as
    # history it is not
    ("2013年《失信规定》第一条规定，被执行人有履行能力而拒不履行的，可以纳入失信被执行人名单。",
     verdict("2013年《失信规定》第一条", "not_in_force")),
    # terms of a set that say the same thing (以…为限, …范围内) do not contradict each other
    ("依《变更追加规定》第十七条，可以追加未足额缴纳出资的股东为被执行人，责任以未缴出资额为限。",
     verdict("《变更追加规定》第十七条", "valid")),
    # a term of an aligned set put in the article's slot: the party, the court, must for may
    ("依《民诉法解释》第三百零五条，案外人提起执行异议之诉的，以被执行人为被告。",
     verdict("《民诉法解释》第三百零五条", "unsupported")),
    ("依《民诉法解释》第三百零五条，案外人提起执行异议之诉的，以申请执行人为被告。",
     verdict("《民诉法解释》第三百零五条", "valid")),
    ("《民诉法解释》第四百六十四条规定，当事人达成和解协议后请求终结执行的，法院应当裁定终结执行。",
     verdict("《民诉法解释》第四百六十四条", "unsupported")),
    # …but what must be done may be done: a claimed 可以 where the article says 应当 is no swap
    ("执行回转时，执行法院可以作出执行回转的裁定（《执行工作若干问题规定》第六十五条）。",
     verdict("《执行工作若干问题规定》第六十五条", "valid")),
    # a concessive case (即使…) is the case the statement is for: it takes the article's side for that case
    ("依《民诉法解释》第四百六十五条，即使和解协议已经履行完毕，申请执行人仍可申请恢复执行。",
     verdict("《民诉法解释》第四百六十五条", "unsupported")),
    # the event a period or an effect starts from
    ("《执行担保规定》第十二条规定，担保期间自担保人签署担保书之日起计算。",
     verdict("《执行担保规定》第十二条", "unsupported")),
    ("《执行担保规定》第十二条规定，担保期间自暂缓执行期限届满之日起计算。",
     verdict("《执行担保规定》第十二条", "valid")),
    # a rule stated without the article's conditions (只要…就, 所有…都)
    ("《异议复议规定》第二十八条规定，买受人只要签订了书面买卖合同，就可以排除执行。",
     verdict("《异议复议规定》第二十八条", "unsupported")),
    # a period misstated in the claim's condition: 最后一年内 for the article's 最后六个月内
    ("《执行程序解释》第十九条规定，在申请执行时效期间的最后三个月内因不可抗力不能行使请求权的，时效中止。",
     verdict("《执行程序解释》第十九条", "unsupported")),
    ("《执行程序解释》第十九条规定，在申请执行时效期间的最后六个月内因不可抗力不能行使请求权的，时效中止。",
     verdict("《执行程序解释》第十九条", "valid")),
    # English: a second modal joined by 'and', a main clause after 'once…' with no comma, a passive after 'allows'
    ("Under Article 9 of the Provisions on Enforcement Settlement, once the debtor defaults the creditor must sue on "
     "the agreement and can no longer resume enforcement.",
     verdict("Article 9 of the Provisions on Enforcement Settlement", "unsupported")),
    ("Article 4 of the Provisions on the List of Dishonest Judgment Debtors allows a minor to be listed.",
     verdict("Article 4 of the Provisions on the List of Dishonest Judgment Debtors", "unsupported")),
    # does a review halt what it reviews? (复议期间不停止执行)
    ("Under Article 119 of the Civil Procedure Law, the fine is suspended while the reconsideration is pending.",
     verdict("Article 119 of the Civil Procedure Law", "unsupported")),
    # a statute's general rule applied to the writer's case: the case's topic is not the statute's to name
    ("受胁迫签订执行和解协议的，撤销权自胁迫行为终止之日起一年内行使（《民法典》第一百五十二条）。",
     verdict("《民法典》第一百五十二条", "valid")),
    # a co-cited article that refers both to the old and to the current number does not make the current one old
    ("被执行人违反限制消费令进行消费的，属于拒不履行生效判决、裁定的行为，予以拘留、罚款（《限制高消费规定》第十一条、"
     "《民事诉讼法》第一百一十四条）。", verdict("《民事诉讼法》第一百一十四条", "valid")),
    # the opposite said for the opposite case (the article's condition negated) is no flip
    ("担保人没有向人民法院承诺在被执行人不履行执行和解协议时自愿接受直接强制执行的，恢复执行后，人民法院不能直接裁定执行"
     "担保财产或者保证人的财产（《执行和解规定》第十八条）。", verdict("《执行和解规定》第十八条", "valid")),
    # for a party's remedy 'must' names the way to it: 不服的，应当提起诉讼 says what 可以提起诉讼 says
    ("对追加裁定不服的，应当自裁定书送达之日起十五日内向执行法院提起执行异议之诉（《变更追加规定》第三十二条）。",
     verdict("《变更追加规定》第三十二条", "valid")),
    # the same polarity as the article: valid
    ("《民诉法解释》第四百六十五条规定，恢复执行时已履行的部分应当扣除。",
     verdict("《民诉法解释》第四百六十五条", "valid")),
    ("被执行人不履行和解协议的，申请执行人可以申请恢复执行（执行和解规定第九条）。",
     verdict("执行和解规定第九条", "valid")),
    ("和解协议已经履行完毕的，人民法院不予恢复执行（执行和解规定第十一条）。",
     verdict("执行和解规定第十一条", "valid")),
    # the 款: the first paragraph's rule cited as the second
    ("民事诉讼法第二百五十条第二款规定，申请执行的期间为二年。", verdict("民事诉讼法第二百五十条第二款", "unsupported")),
    ("民事诉讼法第二百五十条第一款规定，申请执行的期间为二年。", verdict("民事诉讼法第二百五十条第一款", "valid")),
    ("民事诉讼法第二百五十条第二款规定，申请执行的期间从法律文书规定履行期间的最后一日起计算。",
     verdict("民事诉讼法第二百五十条第二款", "valid")),
    # a 款 that applies the cited one (（一）承租人符合本条第一款规定的…) repeats its words: the cited 款 is right,
    # but a statement of that 款's own rule still belongs to it
    ("承租人的请求（执行异议之诉解释第二十条第一款）。", verdict("执行异议之诉解释第二十条第一款", "valid")),
    ("执行异议之诉解释第二十条第一款规定，申请执行人对执行裁定不服，可以自裁定送达之日起十五日内以承租人、被执行人为被告"
     "向执行法院提起诉讼。", verdict("执行异议之诉解释第二十条第一款", "unsupported")),
    # a citation naming a term it defines (第六条规定的期限) is not presented as saying the sentence
    ("案外人未在执行异议和复议规定第六条规定的期限内提出异议，人民法院裁定不予受理的，可以依法另行向申请执行人、被执行人等"
     "主张权利。", verdict("执行异议和复议规定第六条", "valid")),
    ("执行异议和复议规定第六条规定，案外人未在规定期限内提出异议，人民法院裁定不予受理的，可以依法另行向申请执行人、"
     "被执行人等主张权利。", verdict("执行异议和复议规定第六条", "unsupported")),
    # a sentence citing several provisions, each for its own clause
    ("异议应在该标的执行终结前提出；标的由当事人受让的，在执行程序终结前提出（执行异议和复议规定第六条第二款，民诉法解释"
     "第四百六十二条），由提出异议时负责执行该标的的法院审查（执行异议之诉解释第一条第一款）。",
     verdict("执行异议和复议规定第六条第二款", "valid")),
    ("异议应在该标的执行终结前提出；标的由当事人受让的，在执行程序终结前提出（执行异议和复议规定第六条第二款，民诉法解释"
     "第四百六十二条），由提出异议时负责执行该标的的法院审查（执行异议之诉解释第一条第一款）。",
     verdict("执行异议之诉解释第一条第一款", "valid")),
    # another instrument's provision cited as the basis
    ("被执行人一方不履行执行和解协议的，申请执行人可以依据《执行担保规定》第九条申请恢复执行原生效法律文书。",
     verdict("《执行担保规定》第九条", "unsupported")),
    ("被执行人一方不履行执行和解协议的，申请执行人可以依据《执行和解规定》第九条申请恢复执行原生效法律文书。",
     verdict("《执行和解规定》第九条", "valid")),
]


@pytest.mark.parametrize("text,expect", MEANING_CASES, ids=[c[0][:28] for c in MEANING_CASES])
def test_meaning(text, expect):
    check_expect(run(text), expect)


def test_messages_name_what_the_article_says_and_where_the_statement_is():
    c = run("《民诉法解释》第四百六十五条规定，申请恢复执行的，已履行的部分不予扣除。").citations[0]
    assert "应当扣除" in c.message and "不予扣除" in c.message
    c = run("民事诉讼法第二百五十条第二款规定，申请执行的期间为二年。").citations[0]
    assert "第一款" in c.message and c.supported_by == ("cpl", 250, 1)
    c = run("被执行人一方不履行执行和解协议的，申请执行人可以依据《执行担保规定》第九条申请恢复执行原生效法律文书。").citations[0]
    assert c.supported_by == ("settlement", 9, None) and "执行和解规定第九条" in c.message
    assert c.to_dict()["supported_by"] == {"law": "settlement", "article": 9, "paragraph": None}
    c = run("民事诉讼法第二百四十一条规定，执行回转时，人民法院应当责令取得财产的人返还。").citations[0]
    assert c.verdict == "unsupported" and c.supported_by == ("cpl", 244, None) and "第二百四十四条" in c.message
    # a period the other provision does not contain: no provision is named rather than a wrong one
    c = run("执行和解规定第十条规定，申请恢复执行原生效法律文书，适用民事诉讼法申请执行期间的规定，期间为六个月。").citations[0]
    assert c.verdict == "unsupported" and c.supported_by is None
    c = run("Paragraph 2 of Article 250 of the Civil Procedure Law provides that the period for applying is two years.",
            lang="en").citations[0]
    assert c.verdict in ("valid", "unsupported") and c.message.isascii()


@pytest.mark.parametrize("text,expected", [
    ("人民法院应当裁定不予受理", [(-1, "受理")]),  # what is ordered is a refusal
    ("申请执行人也可以就履行执行和解协议提起诉讼", [(1, "就履行执行和解协")]),
    ("相应的期间", []),  # 相应 is not a modal
    ("当事人无需重新立案", [(-1, "重新立案")]),
    ("被执行人不履行的，", []),  # a condition states nothing
    ("折价赔偿只适用于不能退还原物的情形", []),  # the case a rule is for states nothing
    ("不能退还原物", [(-1, "退还原物")]),
    # a clause that runs on into a condition is part of it: 不能 there says what cannot be done
    ("原物已经灭失不能返还，当事人又不同意折价的，人民法院应当裁定终结", [(1, "终结")]),
    # a court's decision stated without a modal is an affirmative rule; the ruling named is none
    ("理由成立的，裁定撤销", [(1, "撤销")]),
    ("对该裁定不服的，可以申请复议", [(1, "复议")]),
    ("作出裁定后十日内送达", []),
    # a quoted phrase is mentioned, not stated
    ("不受“应当在异议期间内提出”的限制", []),
])
def test_predications(text, expected):
    assert [(p, q) for p, q, _ in predications(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("the creditor may not apply to resume enforcement", [(-1, ("resume",))]),
    ("the creditor can still apply for resumption of enforcement", [(1, ("resume",))]),
    ("the court shall refuse to resume enforcement", [(-1, ("resume",))]),  # a refusal is what is ordered
    ("the creditor need not file a new enforcement settlement", [(-1, ("settlement",))]),
    ("where the creditor may resume enforcement", []),  # a condition states nothing
    # a second act with its own polarity is not the first's: 'but not' denies the act after it
    ("the dwelling may be sealed up but not auctioned", [(-1, ("auction",))]),
])
def test_english_predications(text, expected):
    assert [(p, t) for p, t, _ in en_predications(text)] == expected


def test_english_flip_messages_stay_english():
    c = run("Under Article 9 of the Provisions on Enforcement Settlement, where the debtor fails to perform, the creditor "
            "may not apply to resume enforcement.", lang="en").citations[0]
    assert c.verdict == "unsupported" and c.message.isascii() and "may not apply to resume enforcement" in c.message


def test_an_article_that_says_both_is_no_evidence_of_a_flip():
    article = "符合条件的，应当恢复执行；已经履行完毕的，不予恢复执行。"
    assert polarity_conflict("申请执行人可以申请恢复执行", [article]) is None
    assert polarity_conflict("申请执行人不得申请恢复执行", [article]) is None


def test_an_article_that_says_both_is_read_by_the_case_the_claim_states():
    article = ("申请人以对方违约为由申请解除查封，理由成立的，裁定解除查封；有下列情形之一的，裁定不予解除查封：\n"
               "（一）担保财产已经被依法处分的；\n（二）被申请人仍在约定期限内分期清偿债务的。")
    flip = polarity_conflict("担保财产已经被依法处分的，法院可以解除查封", [article])
    assert flip is not None and "不予解除查封" in flip[1]
    assert polarity_conflict("对方违约且理由成立的，法院可以解除查封", [article]) is None
    assert polarity_conflict("法院可以解除查封", [article]) is None  # no case stated: either side may be meant


def test_the_meaning_checks_raise_no_alarm_on_the_commentary_or_the_statutes(registry):
    """False alarms: the curated notes and every statute article citing another one are read for polarity,
    the 款 and misattribution; none of those checks may fire on them."""
    texts = ["\n".join([n.conclusion, n.body]) for n in registry.notes]
    texts += [a.text for _, a in registry.all_current_articles() if "第" in a.text and "条" in a.text]
    markers = ("与表述「", "不在所引第", "没有规定所述内容")
    alarms = [(c.text, c.message) for t in texts for c in run(t).citations
              if c.verdict == "unsupported" and any(m in c.message for m in markers)]
    assert not alarms, alarms[:10]
