"""Relief navigator: every remedy path, the question reader, the API and CLI, and the eval scenarios.

Each table row names the provision it checks (current numbering; law ids as in docs/formats.md).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from assistant.answer.deadlines import EVENTS
from assistant.answer.navigator import (ContradictoryFactsError, FactsError, ReversalFacts, SettlementFacts,
                                        answer_from_question, extract_dates, navigate_request,
                                        navigate_reversal, navigate_settlement, question_focus)
from assistant.answer.navigator_cli import register
from assistant.answer.navigator import read_reversal, read_settlement, rule_set, settlement_facts_from_text
from assistant.answer.navigator.reader import INFERRED, STATED
from assistant.answer.provisions import LAW_NAMES, InputError, cite_en, cite_zh
from assistant.text.numerals import parse_numeral
from assistant.corpus.registry import LawRegistry
from assistant.settings import REPO_ROOT
from eval.navigator_eval import evaluate_navigator

TODAY = date(2026, 11, 23)

# the navigator's rules as loaded from corpus/rules/navigator.yaml and navigator_text.yaml
RULES = rule_set()
SETTLEMENT_RULES, REVERSAL_RULES = RULES.settlement.rules, RULES.reversal.rules
SETTLEMENT_NOTES, REVERSAL_NOTES = RULES.settlement.notes, RULES.reversal.notes
SETTLEMENT_FOLLOW_UPS, REVERSAL_FOLLOW_UPS = RULES.settlement.follow_ups, RULES.reversal.follow_ups
REMEDY_NAMES = RULES.remedy_names


@pytest.fixture(scope="module")
def law_registry() -> LawRegistry:
    return LawRegistry.load(REPO_ROOT / "corpus", with_notes=False)


# ---- settlement: (id, facts, open, closed, provision checked, rule ids expected) -----------------
SETTLEMENT_CASES = [
    ("default", {"role": "creditor", "performance": "not_performed"}, {"resume_enforcement", "separate_suit"}, set(),
     ("settlement", 9), {"S-resume-default", "S-suit-default", "S-guarantor-none", "S-objection-not-raised"}),
    ("partly-performed", {"performance": "partly_performed", "amount_paid": "50万"},
     {"resume_enforcement", "separate_suit"}, set(), ("settlement", 17), {"S-resume-partly", "N-deduction"}),
    ("fully-performed", {"performance": "fully_performed"}, set(), {"resume_enforcement", "separate_suit"},
     ("settlement", 11), {"S-resume-fully", "S-suit-fully"}),
    ("performed-late", {"performance": "performed_late"}, {"damages_suit"}, {"resume_enforcement", "separate_suit"},
     ("settlement", 15), {"S-resume-late-or-defective", "S-suit-late", "S-damages-late-or-defective"}),
    ("performed-defectively", {"performance": "performed_defectively", "concealment": True}, {"damages_suit"},
     {"resume_enforcement"}, ("settlement", 15), {"S-suit-defective", "N-concealed-defect"}),
    ("not-due", {"performance": "not_due"}, set(), {"resume_enforcement", "separate_suit"}, ("settlement", 11),
     {"S-resume-not-due", "S-suit-not-due"}),
    ("anticipatory-breach", {"performance": "not_due", "repudiated": True}, {"resume_enforcement", "separate_suit"},
     set(), ("civil-code", 578), {"S-resume-anticipatory", "S-suit-anticipatory"}),
    ("being-performed", {"performance": "being_performed"}, set(), {"resume_enforcement", "separate_suit"},
     ("settlement", 11), {"S-resume-performing", "S-suit-performing"}),
    ("already-resumed", {"enforcement_resumed": True, "performance": "not_performed"}, {"resume_enforcement"},
     {"separate_suit"}, ("settlement", 13), {"S-resume-already", "S-suit-after-resumption"}),
    ("suit-filed", {"suit_filed": True, "performance": "not_performed"}, {"separate_suit"}, {"resume_enforcement"},
     ("settlement", 14), {"S-resume-suit-chosen", "S-suit-filed"}),
    ("fraud", {"vitiation": "fraud"}, {"resume_enforcement", "invalidity_suit"}, set(), ("cpl", 241),
     {"S-resume-vitiated", "S-suit-vitiated", "S-invalidity-fraud"}),
    ("coercion", {"vitiation": "coercion"}, {"resume_enforcement", "invalidity_suit"}, set(), ("civil-code", 150),
     {"S-invalidity-coercion"}),
    ("declared-invalid", {"validity": "invalid_or_revoked"}, {"resume_enforcement"}, {"separate_suit"},
     ("settlement", 16), {"S-resume-invalid", "S-suit-invalid", "S-invalidity-decided"}),
    ("debtor-invalidity-suit-pending", {"validity": "suit_pending", "performance": "not_performed"},
     {"resume_enforcement", "separate_suit"}, set(), ("settlement", 16), {"S-resume-suit-pending"}),
    ("debtor-alleges-invalidity", {"role": "debtor", "invalidity_alleged": True, "submission": "submitted"},
     {"invalidity_suit"}, {"settlement_objection"}, ("settlement", 16),
     {"S-invalidity-alleged", "S-resume-debtor", "S-suit-debtor", "S-damages-debtor",
      "S-objection-accepted-settlement"}),
    ("guarantor-undertaking", {"guarantee": "guarantee_with_undertaking", "performance": "not_performed"},
     {"resume_enforcement", "separate_suit", "guarantor_enforcement"}, set(), ("settlement", 18),
     {"S-guarantor-default"}),
    ("guarantor-no-undertaking", {"guarantee": "guarantee_no_undertaking", "performance": "not_performed"},
     {"resume_enforcement", "separate_suit"}, {"guarantor_enforcement"}, ("settlement", 18),
     {"S-guarantor-no-undertaking", "N-guarantor-sue"}),
    ("guarantor-after-resumption", {"guarantee": "guarantee_with_undertaking", "enforcement_resumed": True,
                                    "performance": "not_performed"},
     {"resume_enforcement", "guarantor_enforcement"}, {"separate_suit"}, ("settlement", 18), {"S-guarantor-resumed"}),
    ("guarantor-anticipatory", {"guarantee": "guarantee_with_undertaking", "performance": "not_due",
                                "repudiated": True},
     {"resume_enforcement", "separate_suit", "guarantor_enforcement"}, set(), ("settlement", 18),
     {"S-guarantor-anticipatory"}),
    ("guarantor-no-default", {"guarantee": "guarantee_with_undertaking", "performance": "fully_performed"}, set(),
     {"resume_enforcement", "separate_suit", "guarantor_enforcement"}, ("settlement", 18), {"S-guarantor-no-default"}),
    ("guarantor-undertaking-unknown", {"guarantee": "guarantee_unspecified", "performance": "not_performed"},
     {"resume_enforcement", "separate_suit"}, set(), ("settlement", 18),
     {"S-guarantor-unspecified", "N-guarantor-condition", "F-guarantee-undertaking"}),
    ("guarantor-debtor-asks", {"role": "debtor", "guarantee": "guarantee_with_undertaking",
                               "submission": "not_submitted", "performance": "being_performed"},
     {"settlement_objection"}, set(), ("settlement", 19), {"S-guarantor-debtor", "S-objection-performing"}),
    ("creditor-private-settlement", {"role": "creditor", "submission": "not_submitted", "performance": "not_performed"},
     set(), set(), ("settlement", 19), {"S-resume-private", "S-suit-private", "N-private-creditor"}),
    ("debtor-objection-performed", {"role": "debtor", "submission": "not_submitted", "performance": "fully_performed",
                                    "reached_before_enforcement": True},
     {"settlement_objection"}, set(), ("settlement", 19), {"S-objection-performed", "N-before-enforcement"}),
    ("debtor-objection-late", {"role": "debtor", "submission": "not_submitted", "performance": "performed_late"},
     {"settlement_objection"}, set(), ("cpl", 236), {"S-objection-performed"}),
    ("debtor-objection-not-due", {"role": "debtor", "submission": "not_submitted", "performance": "not_due"},
     {"settlement_objection"}, set(), ("settlement", 19), {"S-objection-not-due", "N-objection-suspends"}),
    ("debtor-objection-default", {"role": "debtor", "submission": "not_submitted", "performance": "not_performed"},
     set(), {"settlement_objection"}, ("settlement", 19), {"S-objection-default"}),
    ("debtor-objection-repudiated", {"role": "debtor", "submission": "unrecognized", "performance": "not_due",
                                     "repudiated": True},
     set(), {"settlement_objection"}, ("civil-code", 578), {"S-objection-repudiated"}),
    ("debtor-objection-invalid", {"role": "debtor", "submission": "not_submitted", "validity": "not_formed",
                                  "performance": "fully_performed"},
     set(), {"settlement_objection"}, ("settlement", 19), {"S-objection-invalid"}),
    ("creditor-faces-objection", {"role": "creditor", "debtor_objection": True, "submission": "unrecognized",
                                  "performance": "partly_performed"},
     set(), {"settlement_objection"}, ("settlement", 19), {"S-objection-default"}),
    ("debtor-performance-unknown", {"role": "debtor", "submission": "not_submitted"}, set(), set(),
     ("settlement", 19), {"N-objection-outcomes", "F-own-performance"}),
    ("debtor-submission-unknown", {"role": "debtor", "performance": "fully_performed"}, {"settlement_objection"},
     set(), ("settlement", 19), {"F-objection-submission"}),
    ("creditor-performance-unknown", {"role": "creditor"}, set(), set(), ("settlement", 9),
     {"F-performance", "N-creditor-outcomes"}),
    ("resumption-refused", {"resumption_refused": True, "performance": "not_due"}, set(),
     {"resume_enforcement", "separate_suit"}, ("settlement", 12), {"N-resumption-refused"}),
    ("resume-period-note", {"performance": "not_performed", "submission": "submitted"},
     {"resume_enforcement", "separate_suit"}, set(), ("settlement", 10), {"N-resume-period"}),
]


def _ids(nav) -> set[str]:
    out = {r.rule_id for r in nav.remedies} | {r.rule_id for r in nav.not_applicable} | {n.code for n in nav.notes}
    if nav.follow_up_id:
        out.add(nav.follow_up_id)
    return out


@pytest.mark.parametrize("case_id,facts,opened,closed,provision,rules", SETTLEMENT_CASES,
                         ids=[c[0] for c in SETTLEMENT_CASES])
def test_settlement_paths(case_id, facts, opened, closed, provision, rules):
    nav = navigate_settlement(SettlementFacts(**facts))
    assert set(nav.remedies_open) == opened
    assert set(nav.remedies_closed) == closed
    assert provision in nav.provisions, (provision, nav.provisions)
    assert rules <= _ids(nav), (rules - _ids(nav))
    for r in nav.remedies:
        assert r.reason_zh and r.reason_en and r.provisions


# ---- reversal ------------------------------------------------------------------------------------
REVERSAL_CASES = [
    ("money-set-aside", {"executed": "money", "basis": "judgment", "basis_status": "revoked", "revoked_by": "court",
                         "fruits": True},
     {"reversal_return"}, set(), ("cpl", 244),
     {"R-return-money", "R-valuation-not-specific", "R-suit-only-specific", "N-fruits", "N-court-initiative"}),
    ("money-fruits", {"executed": "money", "basis_status": "revoked", "fruits": True}, {"reversal_return"}, set(),
     ("enforcement-work", 65), {"R-return-money"}),
    ("specific-returnable", {"executed": "specific_property", "basis_status": "revoked", "returnable": "returnable"},
     {"reversal_return"}, set(), ("enforcement-work", 66),
     {"R-return-specific", "R-valuation-returnable", "R-suit-returnable"}),
    ("specific-lost-agreed", {"executed": "specific_property", "basis_status": "revoked",
                              "returnable": "not_returnable", "valuation": "agreed"},
     {"reversal_valuation"}, {"reversal_return"}, ("enforcement-work", 66),
     {"R-return-original-lost", "R-valuation-agreed", "R-suit-agreed"}),
    ("specific-lost-disagreed", {"executed": "specific_property", "basis_status": "revoked",
                                 "returnable": "not_returnable", "valuation": "disagreed"},
     {"reversal_separate_suit"}, {"reversal_return", "reversal_valuation"}, ("enforcement-work", 66),
     {"R-valuation-disagreed", "R-suit-disagreed"}),
    ("specific-lost-no-word-on-value", {"executed": "specific_property", "basis_status": "revoked",
                                        "returnable": "not_returnable"},
     {"reversal_valuation", "reversal_separate_suit"}, {"reversal_return"}, ("enforcement-work", 66),
     {"R-valuation-possible", "R-suit-if-no-agreement", "N-valuation-agreed-specific", "F-valuation"}),
    ("cash-offered-instead", {"executed": "specific_property", "basis_status": "revoked", "returnable": "returnable",
                              "valuation": "proposed"},
     {"reversal_return"}, {"reversal_valuation"}, ("enforcement-work", 66), {"R-valuation-instead-of-return"}),
    ("specific-fate-unknown", {"executed": "specific_property", "basis_status": "revoked"}, {"reversal_return"}, set(),
     ("enforcement-work", 66), {"F-returnable"}),
    ("arbitral-award-set-aside", {"executed": "money", "basis": "arbitral_award", "basis_status": "revoked",
                                  "revoked_by": "court"},
     {"reversal_return"}, set(), ("arbitration-enforcement", 21),
     {"R-return-arbitral-award", "N-arbitral-preservation"}),
    ("arbitral-award-not-enforced", {"basis": "arbitral_award", "basis_status": "not_enforced"}, {"reversal_return"},
     set(), ("arbitration-enforcement", 21), {"R-return-arbitral-award"}),
    ("notarized-instrument-revoked", {"basis": "notarized_debt", "basis_status": "revoked",
                                      "revoked_by": "other_authority"},
     {"reversal_return"}, set(), ("cpl-interp", 474), {"R-return-other-document"}),
    ("revoked-by-other-authority", {"basis_status": "revoked", "revoked_by": "other_authority"}, {"reversal_return"},
     set(), ("cpl-interp", 474), {"R-return-other-authority"}),
    ("paid-after-period-expired", {"executed": "money", "basis_status": "not_revoked",
                                   "paid_after_period_expired": True},
     set(), {"reversal_return"}, ("cpl-interp", 481),
     {"R-return-paid-after-expiry", "R-valuation-gate", "R-suit-gate"}),
    ("expiry-irrelevant-once-set-aside", {"executed": "money", "basis_status": "revoked",
                                          "paid_after_period_expired": True},
     {"reversal_return"}, set(), ("cpl-interp", 481), {"N-paid-after-expiry-irrelevant"}),
    ("basis-stands", {"executed": "money", "basis_status": "not_revoked"}, set(), {"reversal_return"}, ("cpl", 244),
     {"R-return-basis-stands"}),
    ("basis-unknown", {"executed": "money"}, set(), set(), ("cpl", 244), {"R-return-basis-unknown", "F-basis"}),
    ("nothing-executed", {"stage": "not_executed", "basis_status": "revoked"}, set(), {"reversal_return"},
     ("cpl", 244), {"R-return-nothing-executed", "R-valuation-nothing", "R-suit-nothing"}),
    ("partly-changed", {"executed": "money", "basis_status": "changed"}, {"reversal_return"}, set(),
     ("enforcement-work", 65), {"N-changed"}),
    ("still-in-progress", {"executed": "money", "stage": "in_progress", "basis_status": "revoked"},
     {"reversal_return"}, set(), ("enforcement-work", 65), {"N-in-progress"}),
]


@pytest.mark.parametrize("case_id,facts,opened,closed,provision,rules", REVERSAL_CASES,
                         ids=[c[0] for c in REVERSAL_CASES])
def test_reversal_paths(case_id, facts, opened, closed, provision, rules):
    nav = navigate_reversal(ReversalFacts(**facts))
    assert set(nav.remedies_open) == opened
    assert set(nav.remedies_closed) == closed
    if provision == ("cpl", 244) and not nav.remedies:
        assert any(provision in r.provisions for r in nav.not_applicable) or provision in nav.provisions or \
            nav.follow_up_id
    else:
        assert provision in nav.provisions, (provision, nav.provisions)
    assert rules <= _ids(nav), (rules - _ids(nav))


def test_every_rule_note_and_follow_up_is_exercised():
    seen: set[str] = set()
    for _, facts, *_ in SETTLEMENT_CASES:
        seen |= _ids(navigate_settlement(SettlementFacts(**facts)))
    for _, facts, *_ in REVERSAL_CASES:
        seen |= _ids(navigate_reversal(ReversalFacts(**facts)))
    every = {r.id for r in SETTLEMENT_RULES + REVERSAL_RULES} | {n.id for n in SETTLEMENT_NOTES + REVERSAL_NOTES} | \
        {f.id for f in SETTLEMENT_FOLLOW_UPS + REVERSAL_FOLLOW_UPS}
    assert every - seen == set()


# ---- contradictions and invalid values -------------------------------------------------------
CONTRADICTIONS = [
    ("not-due-but-date-passed", SettlementFacts, {"performance": "not_due", "due_date": "2025-03-31",
                                                  "as_of": "2026-11-23"}),
    ("late-before-due-date", SettlementFacts, {"performance": "performed_late", "due_date": "2027-03-31",
                                               "as_of": "2026-11-23"}),
    ("fully-performed-and-repudiated", SettlementFacts, {"performance": "fully_performed", "repudiated": True}),
    ("resumed-and-sued", SettlementFacts, {"enforcement_resumed": True, "suit_filed": True}),
    ("resumed-and-refused", SettlementFacts, {"enforcement_resumed": True, "resumption_refused": True}),
    ("resumed-private-settlement", SettlementFacts, {"enforcement_resumed": True, "submission": "not_submitted"}),
    ("money-cannot-be-lost", ReversalFacts, {"executed": "money", "returnable": "not_returnable"}),
    ("money-no-valuation", ReversalFacts, {"executed": "money", "valuation": "agreed"}),
    ("nothing-executed-but-returned", ReversalFacts, {"stage": "not_executed", "returnable": "returnable"}),
    ("not-revoked-but-revoker", ReversalFacts, {"basis_status": "not_revoked", "revoked_by": "court"}),
    ("judgment-revoked-by-agency", ReversalFacts, {"basis": "judgment", "revoked_by": "other_authority"}),
    ("judgment-not-enforced", ReversalFacts, {"basis": "judgment", "basis_status": "not_enforced"}),
]


@pytest.mark.parametrize("case_id,cls,facts", CONTRADICTIONS, ids=[c[0] for c in CONTRADICTIONS])
def test_contradictory_facts_raise_clear_error(case_id, cls, facts):
    with pytest.raises(ContradictoryFactsError) as e:
        cls(**facts)
    assert isinstance(e.value, ValueError)
    assert e.value.zh.startswith("事实相互矛盾") and e.value.en.startswith("Contradictory facts")


def test_invalid_values_and_fields_are_clear():
    with pytest.raises(FactsError) as e:
        SettlementFacts(performance="half")
    assert "performance" in e.value.zh and "partly_performed" in e.value.en
    with pytest.raises(FactsError) as e:
        ReversalFacts(colour="red")
    assert "colour" in e.value.en


# ---- provisions exist, in current numbering ---------------------------------------------------

def test_every_cited_provision_exists(law_registry):
    provisions = RULES.provisions() + [(e.id, p) for e in EVENTS.values() for p in e.provisions]
    missing = [(rid, p) for rid, p in provisions if not law_registry.has_article(*p)]
    assert missing == []


def test_law_names_resolve_and_citations_parse(law_registry):
    for law_id, (zh, _) in LAW_NAMES.items():
        assert law_registry.resolve_alias(zh) == law_id, zh
        cite = cite_zh((law_id, 244 if law_id == "cpl" else 10))
        assert cite.startswith("《") and cite.endswith("条")
    assert cite_zh(("cpl", 250)) == "《民事诉讼法》第二百五十条"
    assert parse_numeral(cite_zh(("cpl-interp", 466)).split("第")[-1].rstrip("条")) == 466


def test_rule_texts_cite_only_existing_provisions(law_registry):
    """Statute references written inside reasons (e.g. 民法典第五百七十八条) exist in current numbering."""
    import re
    pat = re.compile(r"(民事诉讼法|民法典|执行和解规定)第([一二三四五六七八九十百零]+)条")
    ids = {"民事诉讼法": "cpl", "民法典": "civil-code", "执行和解规定": "settlement"}
    texts = [r.reason_zh for r in SETTLEMENT_RULES + REVERSAL_RULES] + [n.zh for n in SETTLEMENT_NOTES + REVERSAL_NOTES]
    for t in texts:
        for m in pat.finditer(t):
            assert law_registry.has_article(ids[m.group(1)], parse_numeral(m.group(2))), m.group(0)


def test_remedy_ids_match_formats_doc():
    doc = (REPO_ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    for remedy in REMEDY_NAMES:
        assert remedy in doc


# ---- the question reader: (id, question, kind, open, closed, deadline, provision) --------------
QUESTION_CASES = [
    ("zh-instalment-default", "和解协议约定分三期付款，第二期没付，我能申请恢复执行吗？还能起诉吗？", "settlement",
     {"resume_enforcement", "separate_suit"}, set(), None, ("settlement", 9)),
    ("zh-resume-deadline", "和解协议约定2025年3月31日前付清，对方没付，我最晚什么时候申请恢复执行？", "settlement",
     {"resume_enforcement", "separate_suit"}, set(), "2027-03-31", ("settlement", 10)),
    ("en-resume-deadline", "The settlement said pay by 31 March 2025 and nothing was paid. What is my deadline to resume "
     "enforcement?", "settlement", {"resume_enforcement", "separate_suit"}, set(), "2027-03-31", ("cpl-interp", 466)),
    ("en-us-date", "Our settlement required payment by March 31, 2025; the debtor didn't pay. By when must I apply to "
     "resume enforcement?", "settlement", {"resume_enforcement", "separate_suit"}, set(), "2027-03-31",
     ("settlement", 10)),
    ("zh-iso-date", "和解协议约定2025-08-15前付清，对方一直没付，申请恢复执行的期限哪天到期？", "settlement",
     {"resume_enforcement", "separate_suit"}, set(), "2027-08-16", ("cpl", 85)),
    ("zh-chinese-numeral-date", "和解协议约定二〇二五年三月三十一日前付清，对方没付，最晚哪天申请恢复执行？", "settlement",
     {"resume_enforcement", "separate_suit"}, set(), "2027-03-31", ("settlement", 10)),
    ("zh-year-inherited", "和解协议约定分三期付款，分别是2025年1月10日、4月10日、7月10日，第二期起就没付。申请恢复执行的期间到哪天为止？",
     "settlement", {"resume_enforcement", "separate_suit"}, set(), "2027-07-12", ("cpl-interp", 466)),
    ("zh-interruption-in-text", "和解协议约定2025年3月31日前付清，对方没付，2026年3月1日他书面承认欠款并同意还款，我最晚什么时候申请恢复执行？",
     "settlement", {"resume_enforcement", "separate_suit"}, set(), "2028-03-01", ("civil-code", 195)),
    ("zh-late", "和解协议最后全部履行完毕了，但对方比约定晚了三个月才付清。现在我还能申请恢复执行原判决吗？能要求赔损失吗？",
     "settlement", {"damages_suit"}, {"resume_enforcement", "separate_suit"}, None, ("settlement", 15)),
    ("zh-resumed-then-sue", "对方不履行和解协议，我申请了恢复执行，法院已经裁定恢复。现在我又想起诉要求他按和解协议付违约金，可以吗？",
     "settlement", {"resume_enforcement"}, {"separate_suit"}, None, ("settlement", 13)),
    ("zh-debtor-private-paid", "我是被执行人。执行前我们私下签了和解，没交法院，我已经按协议全部付清，申请人还是申请执行原判决，我该怎么办？",
     "settlement", {"settlement_objection"}, set(), None, ("settlement", 19)),
    ("zh-debtor-not-paid", "我跟申请执行人私下和解过，但说实话我没按约定付款。现在我想拿那份和解协议提执行异议，能成功吗？",
     "settlement", set(), {"settlement_objection"}, None, ("settlement", 19)),
    ("zh-claim-vs-actual", "被执行人以执行和解协议已经履行完毕为由提异议，但那份和解是他自己交给法院的，我（申请执行人）从来没认可过，而且他其实只付了一半。法院会怎么裁？",
     "settlement", set(), {"settlement_objection"}, None, ("settlement", 19)),
    # the other side's word that the settlement is performed is a claim, not a fact; what the asker says is owed is
    ("zh-debtor-says-performed", "被执行人说和解协议已经履行完了，不同意恢复执行，可他其实还欠我一笔钱，怎么办？",
     "settlement", {"resume_enforcement", "separate_suit"}, set(), None, ("settlement", 9)),
    ("zh-debtor-says-paid-off", "和解后对方说已经付清了，其实还差五万没给，我能申请恢复执行吗？",
     "settlement", {"resume_enforcement", "separate_suit"}, set(), None, ("settlement", 17)),
    ("zh-guarantor-undertaking", "执行和解协议里有担保条款，担保人还专门给法院写了承诺书，说债务人不履行就自愿接受直接强制执行。现在债务人违约了，我能怎么办？",
     "settlement", {"resume_enforcement", "guarantor_enforcement", "separate_suit"}, set(), None, ("settlement", 18)),
    ("zh-guarantor-no-undertaking", "和解协议上有个保证人签了字，但他没向法院作过任何承诺。债务人到期没付，恢复执行后法院能直接执行保证人的财产吗？",
     "settlement", {"resume_enforcement", "separate_suit"}, {"guarantor_enforcement"}, None, ("settlement", 18)),
    ("zh-fraud", "被执行人谎称自己公司马上要破产，骗我签了只拿三成的和解协议。我有哪些办法？", "settlement",
     {"resume_enforcement", "invalidity_suit"}, set(), None, ("cpl", 241)),
    ("zh-not-due-by-date", "和解协议约定对方2027年6月30日前付清，现在才2026年11月，他也没说不付。我想现在就恢复执行，行不行？",
     "settlement", set(), {"resume_enforcement", "separate_suit"}, None, ("settlement", 11)),
    ("zh-anticipatory", "对方已经明确跟我说不会按和解协议付钱了，可约定的付款期限还没到，我能不能提前申请恢复执行？", "settlement",
     {"resume_enforcement", "separate_suit"}, set(), None, ("civil-code", 578)),
    ("zh-performing", "被执行人一直按和解协议每月按时还款，只是还得慢，还有半年才还完。我现在申请恢复执行，法院会支持吗",
     "settlement", set(), {"resume_enforcement", "separate_suit"}, None, ("settlement", 11)),
    ("zh-defect", "和解协议约定用一辆车抵债，车已经交付过户了，开了一个月发现发动机有大毛病。我还能恢复执行原判决吗，还是只能要赔偿？",
     "settlement", {"damages_suit"}, {"resume_enforcement"}, None, ("settlement", 15)),
    ("en-partial", "The debtor paid half of what the settlement required and then stopped paying. Can I resume enforcement "
     "or sue?", "settlement", {"resume_enforcement", "separate_suit"}, set(), None, ("settlement", 17)),
    ("en-debtor-private", "I am the debtor. We settled privately and never submitted it to the court; I have paid "
     "everything but the creditor is still enforcing the judgment. What can I do?", "settlement",
     {"settlement_objection"}, set(), None, ("settlement", 19)),
    ("zh-reversal-money", "一审判决对方赔我50万并执行完毕，后来再审撤销改判驳回我的诉讼请求。对方要求我退还50万及利息，他能通过什么程序要回去？",
     "reversal", {"reversal_return"}, set(), None, ("enforcement-work", 65)),
    ("zh-reversal-valuation", "执行回转时发现被执行的原物（一台定制机床）已经毁损，双方同意按市场价折成现金赔偿，法院会怎么处理？",
     "reversal", {"reversal_valuation"}, {"reversal_return"}, None, ("enforcement-work", 66)),
    ("zh-reversal-terminated", "执行回转时原物已经灭失，双方对折价金额怎么也谈不拢，我（原被执行人）还能怎么办？", "reversal",
     {"reversal_separate_suit"}, {"reversal_return", "reversal_valuation"}, None, ("enforcement-work", 66)),
    ("zh-reversal-arbitral", "仲裁裁决去年执行完毕，我划走了对方80万，今年仲裁裁决被法院裁定撤销了。对方申请执行回转，法院会支持吗？",
     "reversal", {"reversal_return"}, set(), None, ("arbitration-enforcement", 21)),
    ("zh-reversal-expired", "申请执行时效早就过了，可我当时不知道，法院执行时我就配合着全部付清了。现在能以时效已过为由申请执行回转吗？",
     "reversal", set(), {"reversal_return"}, None, ("cpl-interp", 481)),
    ("en-reversal", "The judgment was set aside on retrial after the money had been enforced. Can I get the money back "
     "with interest?", "reversal", {"reversal_return"}, set(), None, ("cpl", 244)),
    ("zh-judgment-due", "判决要求对方2024年6月30日前还钱，他一直没还，我最晚哪天之前要申请执行？", "deadline", set(), set(),
     "2026-06-30", ("cpl", 250)),
    ("zh-judgment-instalments", "判决让对方分期还款，最后一期是2025年1月15日，到现在一期都没还。我申请执行的最后期限是哪天？",
     "deadline", set(), set(), "2027-01-15", ("cpl", 250)),
    ("zh-judgment-no-period", "判决2024年9月12日生效，判决书没写履行期限，对方一直没履行。我申请执行最晚到哪天？", "deadline",
     set(), set(), "2026-09-14", ("cpl", 250)),
    ("zh-judgment-days", "判决书写明“于本判决生效之日起十日内”付款，判决2024年12月10日生效，对方一直没付，我申请执行的期间哪天届满？",
     "deadline", set(), set(), "2026-12-21", ("cpl", 85)),
    ("zh-omission", "判决禁止对方使用我的商号，对方在2025年5月20日又开始用了。我申请强制执行的期限到什么时候？", "deadline",
     set(), set(), "2027-05-20", ("enforcement-procedure-interp", 21)),
    ("zh-suspension-in-text", "判决要求对方2024年6月30日前还钱，他一直没还，2026年1月1日至2026年5月31日我因车祸住院无法申请，我最晚哪天申请执行？",
     "deadline", set(), set(), "2026-11-27", ("enforcement-procedure-interp", 19)),
    ("zh-third-party-suit", "我是案外人，对执行标的提的异议被法院驳回了，裁定书2026年11月6日送达给我。我最晚哪天要提起执行异议之诉？",
     "deadline", set(), set(), "2026-11-23", ("cpl", 238)),
    ("en-third-party-suit", "The court rejected my third-party objection; the ruling was served on 6 November 2026. What "
     "is the last day to file a lawsuit?", "deadline", set(), set(), "2026-11-23", ("cpl", 238)),
    ("zh-reconsideration", "执行异议被驳回，裁定2026年11月12日送到我手上，我想向上一级法院申请复议，最后一天是哪天？",
     "deadline", set(), set(), "2026-11-23", ("cpl", 236)),
    ("zh-distribution", "参与分配的案子，我2026年11月10日收到法院的财产分配方案，觉得分少了，最晚哪天要提书面异议？",
     "deadline", set(), set(), "2026-11-25", ("cpl-interp", 509)),
    ("zh-arbitration", "仲裁裁决的执行案件，执行通知书2026年11月9日送达我（被执行人）。我想申请不予执行仲裁裁决，最晚哪天提？",
     "deadline", set(), set(), "2026-11-24", ("arbitration-enforcement", 8)),
    # paraphrases written after the rules, to keep the reader honest
    ("zh-paraphrase-month-end", "对方签了和解后一直拖着不给钱，约定的最后付款日是2025年10月31日，我现在还能申请恢复执行吗？截止到哪天？",
     "settlement", {"resume_enforcement", "separate_suit"}, set(), "2027-11-01", ("cpl", 85)),
    # asks only whether it is still in time: answered with the deadline (art. 10), not the deduction (art. 17)
    ("zh-paraphrase-partial", "和解协议约定2024年12月31日前还清，他只还了20万就没下文了，现在去恢复执行还来得及吗", "settlement",
     {"resume_enforcement", "separate_suit"}, set(), "2026-12-31", ("settlement", 10)),
    ("zh-paraphrase-performing", "执行中我们和解了，他答应分12个月还，现在已经按时还了8个月，我想直接恢复执行拿全款，行吗",
     "settlement", set(), {"resume_enforcement", "separate_suit"}, None, ("settlement", 11)),
    ("zh-paraphrase-coercion", "被执行人用威胁手段逼我签了和解协议，怎么推翻？", "settlement",
     {"resume_enforcement", "invalidity_suit"}, set(), None, ("civil-code", 150)),
    ("zh-other-side-alleges-coercion", "对方说和解协议是他受胁迫签的，起诉要求撤销，案子还在审，他也不付钱，我能恢复执行吗",
     "settlement", {"resume_enforcement", "separate_suit"}, set(), None, ("settlement", 16)),
    ("zh-fraud-with-aside", "我当时是被对方骗了才签的执行和解协议（他说公司快破产了，其实没有），现在还能恢复执行原来的判决吗？",
     "settlement", {"resume_enforcement", "invalidity_suit"}, set(), None, ("civil-code", 148)),
    ("en-paraphrase-nothing-paid", "My debtor signed an enforcement settlement promising to pay by 30 June 2025 but has paid "
     "nothing. Can I still resume enforcement, and until when?", "settlement", {"resume_enforcement", "separate_suit"},
     set(), "2027-06-30", ("settlement", 10)),
    ("zh-reversal-sold-on", "法院再审把原判决撤销了，可之前被执行的房子已经被对方卖给别人了，我该怎么办？", "reversal",
     {"reversal_valuation", "reversal_separate_suit"}, {"reversal_return"}, None, ("enforcement-work", 66)),
    # '要不要' asks whether the rule requires it: the fruits (interest) go back with the money
    ("zh-reversal-interest", "执行回转的时候，对方拿到执行款期间产生的利息要不要一起退？", "reversal",
     {"reversal_return"}, set(), None, ("enforcement-work", 65)),
    ("zh-reversal-cash-instead", "原判决被撤销了，执行回转时对方说房子还在，但想给我折现不还房子，可以吗？", "reversal",
     {"reversal_return"}, {"reversal_valuation"}, None, ("enforcement-work", 66)),
    ("en-party-change-suit", "The court added me as a judgment debtor; the ruling was served on 3 November 2026. What "
     "is the last day to sue?", "deadline", set(), set(), "2026-11-18", ("party-change", 32)),
    ("zh-party-change-suit", "法院以我抽逃出资为由裁定追加我为被执行人，裁定书2026年11月3日送达。我想提执行异议之诉，最晚哪天起诉？",
     "deadline", set(), set(), "2026-11-18", ("party-change", 18)),
]


@pytest.mark.parametrize("case_id,question,kind,opened,closed,deadline,provision", QUESTION_CASES,
                         ids=[c[0] for c in QUESTION_CASES])
def test_questions(case_id, question, kind, opened, closed, deadline, provision, law_registry):
    a = answer_from_question(question, today=TODAY, registry=law_registry)
    assert a is not None
    assert a.kind == kind, a.text
    assert set(a.remedies_open) == opened and set(a.remedies_closed) == closed, a.text
    assert (a.deadline.isoformat() if a.deadline else None) == deadline, a.text
    assert provision in a.citations, (provision, a.citations)
    assert all(law_registry.has_article(*c) for c in a.citations)
    zh = case_id.startswith("zh")
    assert a.lang == ("zh" if zh else "en")
    if deadline:
        d = date.fromisoformat(deadline)
        assert (f"{d.year}年{d.month}月{d.day}日" if zh else f"{d.day} ") in a.text
    for r in (a.navigation.remedies if a.navigation else ()):
        cite = cite_zh(r.provisions[0]) if zh else cite_en(r.provisions[0])
        if not a.focus or r.remedy in a.focus:
            assert cite in a.text      # every remedy the answer is about shown with its provision
        else:
            listed = f"{r.name(a.lang)}：" if zh else f"{r.name(a.lang)}: "
            assert listed not in a.text, (a.focus, a.text)   # the others are left to a follow-up


def test_guard_accepts_every_citation_the_navigator_writes(law_registry):
    """The citation guard checks the navigator's own text: every citation valid, in current numbering."""
    from assistant.guard import check

    bad = []
    for case_id, question, *_ in QUESTION_CASES:
        a = answer_from_question(question, today=TODAY)
        for c in check(a.text, law_registry).citations if a else ():
            if c.verdict != "valid":
                bad.append((case_id, c.text, c.verdict, c.message))
    assert bad == []


NOT_NAVIGATOR = [
    "什么是执行回转？",
    "故意伤害致人轻伤一般会判几年？",
    "期间最后一天是星期六，会顺延吗？",   # 85(3), not a missed period
    "What is execution reversal under Chinese law?",
    "和解协议约定用一套房子抵债，法院能不能直接根据这个协议出以物抵债裁定？",
    "从法理上讲，执行和解协议可以变更生效法律文书确定的哪些内容？",
    "民事诉讼法第二百四十一条规定了什么？",
    "和解协议里约定的违约金太高了，法院会支持吗？",      # the amount of a penalty: the notes on the suit's claims
    "德国法上判决执行后被撤销，钱怎么退？",              # another system: the comparative notes
    "法院把我的房子拍卖了，后来判决被撤销，我能把房子要回来吗？",   # the buyer's title: the auction note
    "执行中和解后我撤回了申请，两年半后对方还没还，我还能再申请执行吗？",   # re-applying (第518条), not resuming
    "",
]


@pytest.mark.parametrize("question", NOT_NAVIGATOR)
def test_not_a_navigator_question(question):
    assert answer_from_question(question, today=TODAY) is None


PERIOD_WITHOUT_A_DATE = [
    # (question, event, what the answer must say): the rule from the table, with the provision that sets it
    ("案外人执行异议被法院裁定驳回，想提起执行异议之诉，期限是几天？", "third_party_objection_ruling", ("十五日", "第二百三十八条")),
    ("执行中被法院裁定追加为被执行人，不服的话复议期限是多久", "party_change_reconsideration", ("十日", "第三十条", "第三十二条")),
    ("判决要求对方不得在本市从事同类经营（不作为义务），申请执行时效怎么起算？", "judgment_omission_breach",
     ("二年", "违反不作为义务之日", "第二十一条")),
    ("判决书判的是分期付款，那申请执行的期间从哪天开始算？", "judgment_instalments", ("二年", "最后一期履行期限届满之日")),
    ("How long do I have to apply for enforcement of a Chinese court judgment?", "judgment_due", ("two years", "250")),
    # 'What is the deadline …' asks for a period, not a definition
    ("What is the deadline to apply for reconsideration of a ruling on an objection to an enforcement act?",
     "objection_ruling_reconsideration", ("10 days", "Article 236")),
    # how long the court has, not the objector
    ("向法院提了执行行为异议，法院多长时间要作出裁定？", "objection_review", ("十五日", "第二百三十六条")),
    ("案外人对执行标的提出异议，法院几天内要审查完？", "third_party_objection_review", ("十五日", "第二百三十八条")),
    # a third party's objection dismissed, the suit not named: the suit is the next step
    ("我对法院查封的房子提了案外人异议，被驳回了，我还能怎么办？有几天时间？", "third_party_objection_ruling",
     ("执行异议之诉", "十五日", "第三百零三条", "审判监督程序")),
    # the resumption period after a settlement: its two years, where they start, 执行和解规定第10条 and 民诉法解释第466条
    ("签了执行和解协议，对方没履行，申请恢复执行的期限从哪天开始算？", "settlement_default",
     ("二年", "约定履行期间的最后一日", "第十条", "第四百六十六条")),
    # two periods asked, each answered, in the order asked
    ("对执行法院制作的财产分配方案有意见，多少天内提异议？后面的分配方案异议之诉又有什么期限？", "distribution_plan_objection",
     ("第五百零九条", "第五百一十条", "分配方案异议之诉期间")),
    # a period already missed: the extension, whichever period it was
    ("因为住院耽误了执行异议复议的期限，能不能申请顺延？", "extension_after_obstacle", ("十日", "障碍消除之日", "第八十六条")),
]


@pytest.mark.parametrize("question,event,says", PERIOD_WITHOUT_A_DATE, ids=[c[1] for c in PERIOD_WITHOUT_A_DATE])
def test_a_period_asked_about_without_a_date_is_stated_with_its_rule(question, event, says, law_registry):
    from assistant.guard import check

    a = answer_from_question(question, today=TODAY, registry=law_registry)
    assert a is not None and a.kind == "deadline" and a.facts["event"] == event and a.deadline is None
    for words in says:
        assert words in a.text, (words, a.text)
    assert a.follow_up and a.follow_up in a.text          # the date that would give a last day
    report = check(a.text, law_registry)
    assert report.citations and all(c.verdict == "valid" for c in report.citations)
    assert ("cpl", 85) not in a.citations                 # day counting is said in words, not cited without a date


def test_missing_date_gets_one_follow_up():
    a = answer_from_question("和解协议约定的付款期限过了，对方没付，我最晚什么时候申请恢复执行？", today=TODAY)
    assert a is not None and a.deadline is None and a.follow_up and a.follow_up.endswith("？")
    assert "resume_enforcement" in a.remedies_open and a.follow_up in a.text
    a = answer_from_question("案外人异议被驳回了，我最晚哪天要提起执行异议之诉？", today=TODAY)
    assert a is not None and a.deadline is None and "送达" in a.follow_up
    assert ("cpl", 238) in a.citations


def test_missing_fact_follow_up():
    a = answer_from_question("我私下跟申请人和解了，协议没交给法院，现在法院还在划我账户的钱，我能提执行异议吗", today=TODAY)
    assert a is not None and a.follow_up and "履行" in a.follow_up
    assert ("settlement", 19) in a.citations


BAD_QUESTIONS = [
    ("impossible-date", "和解协议约定2025年2月29日前付清，对方没付，我最晚什么时候申请恢复执行？", "invalid_date"),
    ("impossible-april-31", "判决要求对方2025年4月31日前还钱，我最晚哪天申请执行？", "invalid_date"),
    ("future-judgment-date", "判决要求对方2027年6月30日前还钱，我最晚哪天申请执行？", "date_in_future"),
    ("contradiction", "和解协议约定2024年1月31日前付清，现在还没到期，我能恢复执行吗", "contradictory_facts"),
    ("future-service", "执行异议被驳回，裁定2026年12月12日送到我手上，最后一天是哪天？", "date_in_future"),
]


@pytest.mark.parametrize("case_id,question,code", BAD_QUESTIONS, ids=[c[0] for c in BAD_QUESTIONS])
def test_bad_input_in_questions_never_gives_a_date(case_id, question, code):
    a = answer_from_question(question, today=TODAY)
    assert a is not None and a.kind == "error" and a.deadline is None
    assert a.error["error"] == code and a.follow_up
    assert a.error["message_zh"] in a.text


def test_lang_override_and_dates():
    a = answer_from_question("和解协议约定2025年3月31日前付清，对方没付，我最晚什么时候申请恢复执行？", today=TODAY, lang="en")
    assert a is not None and a.lang == "en" and "31 March 2027" in a.text
    found = extract_dates("约定2025年1月10日、4月10日，明年年底前付清", TODAY)
    assert [f.value.isoformat() for f in found] == ["2025-01-10", "2025-04-10", "2027-12-31"]


# ---- API and CLI ---------------------------------------------------------------------------------

def test_navigate_request_api():
    out = navigate_request({"procedure": "settlement", "today": "2026-11-23",
                            "facts": {"performance": "not_performed", "due_date": "2025-03-31"}})
    assert out["remedies_open"] == ["resume_enforcement", "separate_suit"]
    assert out["deadline"]["deadline"] == "2027-03-31"
    out = navigate_request({"executed": "specific_property", "basis_status": "revoked",
                            "returnable": "not_returnable", "valuation": "disagreed"})
    assert out["procedure"] == "reversal" and out["remedies_open"] == ["reversal_separate_suit"]
    for bad in ({"procedure": "appeal", "facts": {}}, {"facts": {"performance": "half"}}, {"facts": []},
                {"facts": {"enforcement_resumed": True, "suit_filed": True}}, "nonsense"):
        with pytest.raises(InputError) as e:
            navigate_request(bad)  # type: ignore[arg-type]
        assert e.value.to_dict()["message_en"]


@pytest.fixture(scope="module")
def cli_app():
    app = typer.Typer()
    register(app)
    return app


CLI_CASES = [
    ("deadline-settlement", ["deadline", "--event", "settlement_default", "--date", "2025-03-31", "--today", "2026-11-23"],
     0, "2027-03-31"),
    ("deadline-json", ["deadline", "-e", "judgment_due", "-d", "2024-02-29", "--today", "2026-11-23", "--json"], 0,
     '"unadjusted_deadline": "2026-02-28"'),
    ("deadline-suspension", ["deadline", "-e", "judgment_due", "-d", "2024-06-30", "--today", "2026-11-23",
                             "-s", "2026-01-01..2026-05-31"], 0, "2026-11-27"),
    ("deadline-impossible", ["deadline", "-e", "settlement_default", "-d", "2025-02-30"], 2, "2025-02-30"),
    ("deadline-future", ["deadline", "-e", "settlement_default", "-d", "2030-01-01", "--today", "2026-11-23"], 2,
     "after today"),
    ("deadline-missing", ["deadline"], 2, "--event"),
    ("deadline-list", ["deadline", "--list-events"], 0, "settlement_default"),
    ("navigate-facts", ["navigate", "--facts", '{"performance": "performed_late"}'], 0, "damages_suit"),
    ("navigate-json", ["navigate", "--facts", '{"performance": "partly_performed"}', "--json"], 0,
     '"remedies_open"'),
    ("navigate-bad-json", ["navigate", "--facts", "{performance"], 2, "JSON"),
    ("navigate-contradiction", ["navigate", "-f", '{"executed": "money", "returnable": "not_returnable"}'], 2,
     "Contradictory"),
    ("navigate-question", ["navigate", "-q", "判决要求对方2024年6月30日前还钱，他一直没还，我最晚哪天之前要申请执行？",
                           "--today", "2026-11-23"], 0, "2026年6月30日"),
]


@pytest.mark.parametrize("case_id,args,code,expect", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli(cli_app, case_id, args, code, expect):
    res = CliRunner().invoke(cli_app, args)
    assert res.exit_code == code, res.output
    assert expect in res.output


# ---- the evaluation scenarios ------------------------------------------------------------------

def test_eval_scenarios(law_registry, artifacts_dir):
    """Every eval question with a `navigator` gold entry, answered through the navigator (today = 2026-11-23)."""
    path = REPO_ROOT / "eval" / "questions.jsonl"
    report = evaluate_navigator(path, today=TODAY, registry=law_registry)
    (artifacts_dir / "navigator_eval.json").write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str),
                                                       encoding="utf-8")
    assert report["questions"] >= 25
    assert report["answered"] >= 0.95
    assert report["remedies_consistent"] >= 0.9 and report["deadline_exact"] >= 0.9, \
        [r for r in report["rows"] if not (r.get("remedies_consistent", True) and r.get("deadline_exact", True))]


# ---- what a settlement question asks about --------------------------------------------------------

FOCUS_CASES = [
    # (question, focus): only asking sentences count; scene-setting clauses are facts
    ("和解协议签了，结果对方一分钱没给，我该怎么办？", set()),
    ("执行中双方达成和解，被执行人事后不按协议履行，申请执行人依法有哪几种救济选择？", set()),
    ("老赖跟我签了和解，还了一部分就不还了。要是恢复执行，他已经还的那些钱怎么算？", {"deduction"}),
    ("他付了50万以后就不付了。我申请恢复执行的话还能执行多少？", {"deduction"}),
    ("保证人没向法院作过任何承诺。债务人到期没付，恢复执行后法院能直接执行保证人的财产吗？", {"guarantor_enforcement"}),
    ("和解协议约定2025年3月31日前付清，对方没付，我最晚什么时候申请恢复执行？", {"deadline"}),
    ("可约定的付款期限还没到，我能不能提前申请恢复执行？", {"resume_enforcement"}),   # '期限还没到' is a fact
    ("我申请了恢复执行，法院已经裁定恢复。现在我又想起诉要求他按和解协议付违约金，可以吗？", {"separate_suit", "damages_suit"}),
    ("第二期没付，我能申请恢复执行吗？还能起诉吗？", {"resume_enforcement", "separate_suit"}),
    ("Once the court has resumed enforcement, can I still file a lawsuit based on the settlement agreement?",
     {"separate_suit"}),
    ("If I resume enforcement, what happens to the money he already paid under the settlement?", {"deduction"}),
    ("What can the creditor do if the debtor breaches the settlement agreement?", set()),
]


@pytest.mark.parametrize("question,focus", FOCUS_CASES, ids=[q[:24] for q, _ in FOCUS_CASES])
def test_question_focus(question, focus):
    assert question_focus(question) == focus


def test_a_question_about_one_thing_is_answered_on_it_and_offered_the_rest(law_registry):
    # 执行和解规定第18条 answers the guarantor question; 恢复执行 (art. 9) and 另行起诉 (art. 14) are not asked
    q = "执行和解协议里有第三人提供担保，被执行人不履行的话，能不能直接执行担保人的财产？需要满足什么条件？"
    a = answer_from_question(q, today=TODAY, registry=law_registry)
    assert a.focus == ("guarantor_enforcement",)
    assert a.citations == (("settlement", 18),)
    assert "我还有哪些救济途径" in a.text
    assert {"resume_enforcement", "separate_suit"} <= set(a.remedies_open)   # the structured result keeps every path


def test_a_question_asking_what_to_do_gets_every_path(law_registry):
    q = "和解协议里有个担保人，他向法院写过承诺书，说债务人不还就执行他。现在债务人不还了，我怎么办？"
    a = answer_from_question(q, today=TODAY, registry=law_registry)
    assert a.focus == ()
    for remedy in ("resume_enforcement", "separate_suit", "guarantor_enforcement"):
        assert REMEDY_NAMES[remedy][0] + "：" in a.text
    assert {("settlement", 9), ("settlement", 14), ("settlement", 18)} <= set(a.citations)
    assert "我还有哪些救济途径" not in a.text


def test_a_focus_the_facts_do_not_answer_falls_back_to_every_path(law_registry):
    # asks what is deducted, but nothing was paid: nothing to narrow to, so every path is shown
    q = "和解协议签了，对方一分钱没给。我申请恢复执行的话还能执行多少？"
    a = answer_from_question(q, today=TODAY, registry=law_registry)
    assert question_focus(q) == {"deduction"}
    assert a.focus == ()
    assert REMEDY_NAMES["resume_enforcement"][0] + "：" in a.text


def test_after_fraud_asking_about_resumption_brings_the_suit_to_revoke(law_registry):
    q = "我当时是被对方骗了才签的执行和解协议，现在还能恢复执行原来的判决吗？"
    a = answer_from_question(q, today=TODAY, registry=law_registry)
    assert set(a.focus) == {"resume_enforcement", "invalidity_suit"}
    assert ("settlement", 16) in a.citations and ("cpl", 241) in a.citations


@pytest.mark.parametrize("question, lang", [
    ("申请执行时效是多久", "zh"),
    ("申请强制执行的期限是多长时间？", "zh"),
    ("申请执行期限多长？", "zh"),
    ("判决生效后申请执行的期限是多久？", "zh"),     # a judgment, but not how it sets performance
    ("申请执行时效从什么时候开始算？", "zh"),
    ("How long is the limitation period for applying for enforcement?", "en"),
    ("What is the time limit for applying for enforcement?", "en"),
])
def test_the_enforcement_period_asked_without_a_judgment_is_stated_with_every_start(question, lang):
    """provision: 民事诉讼法 第二百五十条 — two years, starting by how the judgment sets performance (para. 2);
    a duty to refrain starts on its breach (执行程序解释第二十一条)."""
    ans = answer_from_question(question, today=TODAY)
    assert ans is not None and ans.kind == "deadline" and ans.deadline is None
    assert list(ans.citations) == [("cpl", 250), ("enforcement-procedure-interp", 21)]
    events = ("judgment_due", "judgment_instalments", "judgment_no_period", "judgment_omission_breach")
    starts = [EVENTS[e].start_zh if lang == "zh" else EVENTS[e].start_en for e in events]
    assert all(start in ans.text for start in starts)
    assert ("二年" if lang == "zh" else "two years") in ans.text and ans.follow_up


@pytest.mark.parametrize("question, event", [
    ("判决规定了履行期限，申请执行的期限从哪天算？", "judgment_due"),
    ("判决要求对方不得使用我的商号，申请执行时效从什么时候起算？", "judgment_omission_breach"),
    ("判决书没写履行期限，申请执行时效从什么时候起算", "judgment_no_period"),
])
def test_a_judgment_that_says_how_it_sets_performance_gets_its_own_start(question, event):
    ans = answer_from_question(question, today=TODAY)
    assert ans is not None and ans.facts["event"] == event and "events" not in ans.facts


@pytest.mark.parametrize("question", [
    "申请执行时效能中断吗？哪些情形会中断？",          # what happens to the period: the grounded composer's notes
    "超过申请执行时效了，法院还会受理我的执行申请吗？",
    "申请执行时效是什么意思？",                        # a definition
])
def test_questions_about_what_happens_to_the_period_are_not_given_the_general_statement(question):
    ans = answer_from_question(question, today=TODAY)
    assert ans is None or "【申请执行期间】" not in ans.text


def test_a_guarantor_asking_is_not_told_they_are_a_party():
    ans = answer_from_question("我是担保人，在和解协议上签了字，现在债务人不还钱，法院能直接执行我吗？", today=TODAY)
    assert ans is not None and ans.navigation.facts["role"] == "unknown"
    assert "你是申请执行人" not in ans.text and "你是被执行人" not in ans.text
    assert ("settlement", 18) in ans.citations


def test_an_english_question_on_when_the_resumption_period_starts_gets_the_rule():
    """provision: 执行和解规定 第十条 — the resumption period runs from the settlement's last agreed day."""
    ans = answer_from_question("When does the two-year period to resume enforcement start after the debtor fails "
                               "to perform a settlement?", today=TODAY)
    assert ans is not None and ans.kind == "deadline" and ans.facts["event"] == "settlement_default"
    assert ("settlement", 10) in ans.citations and "two years" in ans.text     # one to nine spelled out


@pytest.mark.parametrize("question, event, deadline", [
    # the performance period written apart from 'effective'
    ("判决2024年3月1日生效，要求十日内付款，申请执行的最后期限是哪天？", "judgment_days_after_effective", "2026-03-11"),
    # a ruling's reconsideration, the ruling not named: the objection ruling's ten days; the year is the
    # latest 20 November up to today, since service has happened
    ("裁定书11月20日送达，我想申请复议，最晚哪天？", "objection_ruling_reconsideration", "2026-11-30"),
    # the suit against an objection ruling, the third party not named; '期限是？' asks the period
    ("我在2026年11月1日收到执行异议裁定，想提执行异议之诉，期限是？", "third_party_objection_ruling", "2026-11-16"),
    # a dated question on how the resumption period runs
    ("和解协议约定分期付款，最后一期是2025年12月31日，对方第二期就没付，恢复执行期限怎么算？", "settlement_default",
     "2027-12-31"),
])
def test_dated_period_questions_in_other_words(question, event, deadline):
    ans = answer_from_question(question, today=TODAY)
    assert ans is not None and ans.deadline == date.fromisoformat(deadline)
    assert ans.deadline_result.event == event


def test_a_year_not_given_is_worked_out_from_today_and_the_answer_shows_it():
    served = extract_dates("裁定书12月20日送达", TODAY)      # after today's 23 November: last year's
    assert [(d.value, d.relative) for d in served] == [(date(2025, 12, 20), True)]
    due = extract_dates("和解协议约定12月31日前付清", TODAY)   # a due day looks ahead: the next one
    assert [(d.value, d.relative) for d in due] == [(date(2026, 12, 31), True)]
    ans = answer_from_question("和解协议约定12月31日前付清，对方现在说付不起，我什么时候可以申请恢复执行？", today=TODAY)
    assert ans is not None and "2026年12月31日" in ans.text


def test_a_start_said_relative_to_today_is_counted_from_the_day_it_names():
    a = answer_from_question("执行异议被驳回，裁定书前天送达，申请复议最后一天是哪天？", today=TODAY)
    assert a is not None and a.facts["event_date"] == "2026-11-21" and a.deadline == date(2026, 12, 1)
    assert "2026年11月21日" in a.text


@pytest.mark.parametrize("question,said", [
    ("执行异议被驳回，裁定书上个月送达的，申请复议最后一天是哪天？", "“上个月”只说到月份（2026年10月）"),
    ("和解协议约定去年12月付清，对方没付，我最晚什么时候申请恢复执行？", "“去年12月”只说到月份（2025年12月）"),
])
def test_a_start_given_only_to_the_month_is_asked_for_not_guessed(question, said):
    a = answer_from_question(question, today=TODAY)
    assert a is not None and a.deadline is None and said in a.follow_up and "哪天" in a.follow_up


def test_a_month_of_another_event_is_not_said_to_be_the_start():
    a = answer_from_question("我上个月提了执行异议，被驳回了，申请复议最后一天是哪天？", today=TODAY)
    assert a is not None and a.deadline is None and "只说到月份" not in a.follow_up


def test_an_english_word_containing_lied_is_not_fraud():
    ans = answer_from_question("I am the debtor. I paid everything under the settlement but the creditor applied to "
                               "resume enforcement. What can I do?", today=TODAY)
    assert ans is not None and ans.navigation.facts["vitiation"] == "none"
    assert "fraud" not in ans.text.split("\n")[0]


# ---- the reader's evidence: each fact with the words it was read from and a confidence ----------------------

READINGS = [
    # question, fact, value, words read, confidence
    ("我是被执行人，和解协议已经全部付清了", "role", "debtor", "我是被执行人", STATED),
    ("我是被执行人，和解协议已经全部付清了", "performance", "fully_performed", "已经全部付清", STATED),
    ("和解协议签了，他一直没付，我能申请恢复执行吗", "role", "creditor", "我能申请恢复执行", STATED),
    ("和解协议签了，对方一直没付，怎么办", "role", "creditor", "对方一直没", INFERRED),
    ("和解协议约定2027年3月31日前付清，现在能恢复执行吗", "performance", "not_due", "2027年3月31日", INFERRED),
    ("和解协议约定2027年3月31日前付清，现在能恢复执行吗", "due_date", date(2027, 3, 31), "2027年3月31日", STATED),
    ("和解协议是私下签的，没交法院", "submission", "not_submitted", "私下", STATED),
    ("The debtor paid half of the settlement and then stopped paying. Can I resume enforcement?", "performance",
     "partly_performed", "paid half", STATED),
]


@pytest.mark.parametrize("question,fact,value,words,confidence", READINGS)
def test_each_fact_read_carries_its_words_and_confidence(question, fact, value, words, confidence):
    reading = read_settlement(question, today=TODAY)
    got = reading.read[fact]
    assert (got.value, got.surface, got.confidence) == (value, words, confidence)
    if got.span is not None:
        assert reading.text[got.span[0]:got.span[1]] == words
    assert reading.facts == settlement_facts_from_text(question, today=TODAY, dates=extract_dates(question, TODAY))


def test_a_decisive_fact_not_given_is_missing_and_contradictory_facts_are_flagged():
    assert read_settlement("和解协议签了，我该怎么办", today=TODAY).missing == ("performance",)
    assert read_settlement("和解协议签了，他一分钱没给", today=TODAY).missing == ()
    clash = read_settlement("和解协议约定2025年3月31日前付清，现在还没到期，能恢复执行吗", today=TODAY)
    assert clash.contradictory and clash.facts is None and clash.contradiction.code == "contradictory_facts"
    reversal = read_reversal("判决被再审撤销了，之前被执行的50万元和利息怎么要回来")
    assert reversal.read["basis_status"].value == "revoked" and reversal.read["executed"].confidence == INFERRED
    assert reversal.missing == ()
    assert read_reversal("执行回转怎么申请").missing == ("basis_status", "executed")


def test_a_new_rule_is_an_entry_in_the_rule_files_and_no_code(tmp_path, law_registry):
    """How a rule is added: an entry in corpus/rules/navigator.yaml, its wording under the same id in
    navigator_text.yaml, and a row in SETTLEMENT_CASES (test_every_rule_note_and_follow_up_is_exercised asks for it)."""
    import shutil

    import yaml

    from assistant.answer.navigator.engine import build_rule_set
    from assistant.corpus.rules import (NAVIGATOR_FILE, NAVIGATOR_TEXT_FILE, check_navigator_rules,
                                        parse_navigator_rules)

    for f in (NAVIGATOR_FILE, NAVIGATOR_TEXT_FILE):
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO_ROOT / "corpus" / f, tmp_path / f)
    rules_doc = yaml.safe_load((tmp_path / NAVIGATOR_FILE).read_text(encoding="utf-8"))
    rules_doc["settlement"]["notes"].append({
        "id": "N-late-interest", "when": {"performance": "performed_late", "role": ["creditor", "unknown"]},
        "provisions": [["settlement", 15]], "about": ["damages_suit"]})
    (tmp_path / NAVIGATOR_FILE).write_text(yaml.safe_dump(rules_doc, allow_unicode=True), encoding="utf-8")
    text_doc = yaml.safe_load((tmp_path / NAVIGATOR_TEXT_FILE).read_text(encoding="utf-8"))
    text_doc["notes"]["N-late-interest"] = {"zh": "迟延履行的损失，可以另行起诉请求赔偿。",
                                            "en": "Losses from the delay are claimed by a separate suit."}
    (tmp_path / NAVIGATOR_TEXT_FILE).write_text(yaml.safe_dump(text_doc, allow_unicode=True), encoding="utf-8")

    parsed = parse_navigator_rules(tmp_path / NAVIGATOR_FILE, tmp_path / NAVIGATOR_TEXT_FILE)
    assert check_navigator_rules(parsed, law_registry) == []
    nav = navigate_settlement(SettlementFacts(role="creditor", performance="performed_late"), build_rule_set(parsed))
    assert "N-late-interest" in {n.code for n in nav.notes} and ("settlement", 15) in nav.note_provisions
    # the shipped rules do not have it
    assert "N-late-interest" not in {n.code for n in navigate_settlement(
        SettlementFacts(role="creditor", performance="performed_late")).notes}


@pytest.mark.parametrize("question,due", [
    ("2023年3月20日双方达成和解协议，约定丙公司于2023年6月30日前一次性支付150万元。丙公司未付。2025年8月1日丁公司申请恢复执行。",
     date(2023, 6, 30)),
    ("和解协议约定2024年1月31日前付清，对方没付，我2025年3月2日才去申请恢复执行，还来得及吗？", date(2024, 1, 31)),
    # no date bound to paying: the latest date stands
    ("和解协议2024年5月签的，对方一直没履行，2024年12月1日是最后期限吗？", date(2024, 12, 1)),
])
def test_the_agreed_date_is_the_one_bound_to_paying(question, due):
    assert read_settlement(question, today=date(2026, 12, 4)).facts.due_date == due


# A case's narrative says what happened ('履行期限届满后…', 'the deadline expired'); what is asked is read in the
# sentences that ask. Each narrative below carries the navigator's deadline and remedy words, and each question
# asks how the court examines a debtor's objection: no period, no remedy menu.
_NARRATIVES = [
    "判决于2023年4月11日生效，乙应于判决生效后十日内付款，履行期限届满后乙分文未付，甲多次催告也没有办法。甲于2024年5月申请强制执行。",
    "The judgment took effect on 11 April 2023 and Yi had ten days to pay; the deadline expired and Yi paid nothing. "
    "Jia applied for enforcement in May 2024, well before the last day. ",
]
_EXAMINATION = ["乙以已经清偿为由提出异议，法院应当审查哪些事实？",
                "Yi objects that he has already paid. What facts does the court examine?"]


@pytest.mark.parametrize("narrative,question", list(zip(_NARRATIVES, _EXAMINATION)))
def test_what_is_asked_is_read_in_the_asking_sentence_not_the_narrative(narrative, question):
    today = date(2026, 12, 4)
    assert answer_from_question(narrative + question, today=today) is None
    asked_for_the_last_day = narrative + ("甲申请执行的最后一天是哪天？" if "判决" in narrative else
                                          "What was the last day for Jia to apply?")
    answer = answer_from_question(asked_for_the_last_day, today=today)
    assert answer is not None and answer.kind == "deadline"
