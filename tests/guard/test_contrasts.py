"""Terms of one kind swapped in a claim (who signs, which court, which review, which liability), read from
corpus/guard/contrasts.yaml; and the loader's errors."""

from __future__ import annotations

import pytest

from assistant.corpus.contrasts import load_contrasts
from assistant.corpus.parse import CorpusError
from tests.guard.factories import check_expect, find, run, verdict

CASES = [
    # the officer who signs
    ("搜查令由审判长签发（民事诉讼法第二百五十九条）。", verdict("民事诉讼法第二百五十九条", "unsupported")),
    ("搜查令由院长签发（民事诉讼法第二百五十九条第二款）。", verdict("民事诉讼法第二百五十九条第二款", "valid")),
    # a negated term is not claimed
    ("搜查令并非由执行员签发，而是由院长签发（民事诉讼法第二百五十九条）。", verdict("民事诉讼法第二百五十九条", "valid")),
    # which court is liable: the entrusting one, not the entrusted one
    ("受托法院错误执行造成损害的，以受托法院为赔偿义务机关（涉执行司法赔偿解释第四条）。",
     verdict("涉执行司法赔偿解释第四条", "unsupported")),
    # a limited liability stated as unlimited
    ("执行担保人的全部财产都可以直接执行（《执行担保规定》第十一条第二款）。", verdict("《执行担保规定》第十一条第二款", "unsupported")),
    # a refusal that names a kind of case states no refusal
    ("法院对不予执行仲裁裁决案件应当在立案之日起两个月内审查完毕并作出裁定（《仲裁裁决执行规定》第十二条）。",
     verdict("《仲裁裁决执行规定》第十二条", "valid")),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:24] for c in CASES])
def test_swapped_terms(text, expected):
    check_expect(run(text), expected)


def test_the_message_names_both_terms():
    c = find(run("搜查令由审判长签发（民事诉讼法第二百五十九条）。"), "民事诉讼法第二百五十九条")
    assert "院长" in c.message and "审判长" in c.message


@pytest.mark.parametrize("body,error", [
    ("contrasts:\n  - id: one\n    terms: [院长]\n", "at least two"),
    ("contrasts:\n  - terms: [院长, 执行员]\n", "needs an 'id'"),
    ("contrasts:\n  - id: a\n    terms: [院长, 院长]\n", "listed twice"),
    ("nothing: here\n", "'contrasts' list"),
    ("contrasts:\n  - id: a\n    terms: [院长, 执行员]\n    same: [[院长, 审判长]]\n", "'same'"),
    ("contrasts:\n  - id: a\n    terms: [院长, 执行员]\n    weaker: [法官]\n", "'weaker'"),
    ("contrasts:\n  - id: a\n    terms: [院长, 执行员]\n    aligned: sometimes\n", "'aligned'"),
])
def test_bad_contrast_files_are_refused_clearly(tmp_path, body, error):
    path = tmp_path / "contrasts.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CorpusError, match=error):
        load_contrasts(path)


def test_longest_term_first():
    from assistant.guard.claims import contrast_conflict
    from assistant.guard import default_registry

    contrasts = default_registry().contrasts
    # 连带责任保证 in the article is not 连带责任; the claim's 连带责任 is still its own term
    assert contrast_conflict("保证人承担连带责任", ["按照一般保证承担保证责任"], contrasts) == ("连带责任", "一般保证")
    assert contrast_conflict("保证人承担连带责任保证责任", ["约定为连带责任保证的"], contrasts) is None


MEANING_CASES = [
    # the order of payment turned round
    ("财产不足时，应当先清偿加倍部分债务利息再清偿本金（迟延履行利息解释第四条）。", verdict("迟延履行利息解释第四条", "unsupported")),
    ("财产不足时，应当先清偿金钱债务，再清偿加倍部分债务利息（迟延履行利息解释第四条）。", verdict("迟延履行利息解释第四条", "valid")),
    # the act after an object moved before it (将…追加为被执行人) against the article's 不得将…变更、追加为被执行人
    ("暂缓执行期满被执行人仍不履行的，法院应当将担保人追加为被执行人（《执行担保规定》第十一条）。",
     verdict("《执行担保规定》第十一条", "unsupported")),
    # a period stated before the noun it limits (十日上诉期)
    ("中止执行的裁定须经十日上诉期才生效（民事诉讼法第二百六十九条）。", verdict("民事诉讼法第二百六十九条", "unsupported")),
]


@pytest.mark.parametrize("text,expected", MEANING_CASES, ids=[c[0][:24] for c in MEANING_CASES])
def test_meaning(text, expected):
    check_expect(run(text), expected)


ENGLISH_CASES = [
    ("Article 259 of the Civil Procedure Law provides that a search warrant is signed by the enforcement officer.",
     verdict("Article 259", "unsupported")),
    ("Article 259 of the Civil Procedure Law provides that a search warrant is signed by the president of the court.",
     verdict("Article 259", "valid")),
    # 'X but not Y' denies Y
    ("Article 9 of the SPC Provisions on Enforcement Settlement lets the applicant sue on the settlement agreement but "
     "not resume enforcement.", verdict("Article 9", "unsupported")),
    ("Article 9 of the SPC Provisions on Enforcement Settlement allows the applicant to resume enforcement or to sue on "
     "the settlement agreement.", verdict("Article 9", "valid")),
    # an amount bound to the wrong person: RMB 50,000 is the entities' floor, individuals' cap is RMB 100,000
    ("Under Article 118 of the Civil Procedure Law, fines on individuals may not exceed RMB 50,000.",
     verdict("Article 118", "unsupported")),
    ("Under Article 118 of the Civil Procedure Law, fines on individuals may not exceed RMB 100,000.",
     verdict("Article 118", "valid")),
]


@pytest.mark.parametrize("text,expected", ENGLISH_CASES, ids=[c[0][:30] for c in ENGLISH_CASES])
def test_english_claims(text, expected):
    check_expect(run(text), expected)


CLAUSE_CASES = [
    # an opening citation speaks for the clauses after it, though they name other provisions on the way
    ("根据《执行担保规定》第五条，公司为被执行人提供执行担保的，不得提交符合公司法第十六条规定的公司章程。",
     verdict("《执行担保规定》第五条", "unsupported")),
    ("根据《执行担保规定》第五条，公司为被执行人提供执行担保的，应当提交符合公司法第十六条规定的公司章程。",
     verdict("《执行担保规定》第五条", "valid")),
    ("根据《仲裁裁决执行规定》第五条，申请执行人对人民法院依照本规定第三条、第四条作出的驳回执行申请裁定不服的，"
     "可以自裁定送达之日起二十日内向上一级人民法院申请复议。", verdict("《仲裁裁决执行规定》第五条", "unsupported")),
    # what the writer infers after the citation is not the article's (…规定，A，说明B; …，有观点据此认为…)
    ("《涉执行司法赔偿解释》第八条规定，依据当时有效的执行依据作出的执行行为，不因依据事后被撤销而被认定为错误执行，"
     "说明当时合法的拍卖行为本身并不因此失去正当性。", verdict("《涉执行司法赔偿解释》第八条", "valid")),
]


@pytest.mark.parametrize("text,expected", CLAUSE_CASES, ids=[c[0][:24] for c in CLAUSE_CASES])
def test_what_a_citation_speaks_for(text, expected):
    check_expect(run(text), expected)


def test_a_neighbours_rule_word_for_word_is_not_the_cited_articles():
    # 《查封扣押冻结规定》第十条's rule on who keeps seized property, cited as the eleventh article
    text = "根据《查封扣押冻结规定》第十一条，查封、扣押的财产不宜由人民法院保管的，人民法院可以指定被执行人负责保管。"
    c = find(run(text), "《查封扣押冻结规定》第十一条")
    assert c.verdict == "unsupported" and c.supported_by is not None and c.supported_by[1] != 11


def test_a_parenthesised_list_backs_its_sentence_together():
    # the one-year period is Civil Code art. 152's; the list in the parenthesis backs the sentence as a whole
    text = ("A settlement induced by fraud can be revoked; the right to revoke must be exercised within one year of "
            "learning of the fraud. (Article 16 of the SPC Provisions on Enforcement Settlement; Article 152 of the Civil "
            "Code)")
    report = run(text)
    assert [c.verdict for c in report.citations] == ["valid", "valid"], [(c.text, c.message) for c in report.citations]


def test_a_condition_that_is_another_provisions():
    # the case of the 终结 article (权利人死亡) with the consequence of the 中止 article
    text = "追索赡养费、扶养费、抚养费案件的权利人死亡的，法院应当裁定中止执行（民事诉讼法第二百六十七条）。"
    c = find(run(text), "民事诉讼法第二百六十七条")
    assert c.verdict == "unsupported" and c.supported_by == ("cpl", 268, None)
    # an interpretation that applies the statute uses the statute's words for its condition: no misattribution
    text = "与原判决、裁定无关的，自裁定送达之日起十五日内向执行法院提起执行异议之诉（执行异议之诉解释第一条第一款）。"
    assert find(run(text), "执行异议之诉解释第一条第一款").verdict == "valid"


def test_an_english_claim_finds_where_an_old_number_went_by_the_acts_it_names():
    # the 2013 text's 第七条 (删除) is the 2017 text's 第十条
    text = ("Article 7 of the Provisions on the List of Dishonest Judgment Debtors requires removal from the list once the "
            "debtor has fully performed.")
    c = find(run(text), "Article 7")
    assert (c.verdict, c.current_article) == ("outdated_numbering", 10)


ENGLISH_VALID = [
    # 'automatically' is the article's 自动
    "Article 14 of the SPC Provisions on Enforcement Settlement provides that after the court accepts a suit on the "
    "settlement, seizures in enforcement automatically become preservation measures in the suit.",
    # 不予认可的和解协议 describes an agreement: it forbids nothing
    "Article 19 of the SPC Provisions on Enforcement Settlement allows the debtor to object based on a settlement not "
    "submitted to the court; if the settlement has been fully performed, the court rules to terminate enforcement.",
]


@pytest.mark.parametrize("text", ENGLISH_VALID, ids=[t[:30] for t in ENGLISH_VALID])
def test_english_paraphrases_stay_valid(text):
    assert [c.verdict for c in run(text).citations] == ["valid"]
