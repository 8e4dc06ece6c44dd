"""Terms of one kind swapped (corpus/guard/contrasts.yaml): the direction of a sentence (从重 / 从轻, 减轻, 从宽), a
co-defendant for a third party in English, a 法人 for a 公民 or 其他组织, the same panel for a panel formed anew. Each
row is a new sentence written from the statutes: the wrong one the guard must flag and the faithful one it must pass.
The classes came from development sets C, D and E (this stop); on guard_dev_G, written afterwards and not tuned on,
unsupported recall rose 0.452 → 0.460 with false alarms unchanged."""

from __future__ import annotations

import pytest

from tests.guard.factories import check_expect, run, verdict

# terms of one kind swapped (corpus/guard/contrasts.yaml): the direction of a sentence, a co-defendant for a third party
# in English, a decision for a ruling in the article's own words
CONTRAST_CASES = [
    ("Where a refusal to pay court-ordered maintenance for parents is a crime, the offender is punished more harshly "
     "(Article 10 of the 2024 Interpretation on Refusal to Enforce Judgments and Rulings).",
     verdict("Article 10 of the 2024 Interpretation on Refusal to Enforce Judgments and Rulings", "valid")),
    ("Refusing to pay wages that a court ordered, where it amounts to a crime, earns a lighter sentence (Article 10 of "
     "the 2024 Interpretation on Refusal to Enforce Judgments and Rulings).",
     verdict("Article 10 of the 2024 Interpretation on Refusal to Enforce Judgments and Rulings", "unsupported")),
    ("拒不执行支付医疗费用的判决构成犯罪的，依法从宽处罚（拒执罪解释第十条）。", verdict("拒执罪解释第十条", "unsupported")),
    ("拒不执行支付劳动报酬的裁定构成犯罪的，应当从重处罚（拒执罪解释第十条）。", verdict("拒执罪解释第十条", "valid")),
    ("Under Article 2 of the 2025 SPC Interpretation on Enforcement Objection Suits, the other applicants whose seizures "
     "wait in the queue are joined as co-defendants.",
     verdict("Article 2 of the 2025 SPC Interpretation on Enforcement Objection Suits", "unsupported")),
    ("Under Article 2 of the 2025 SPC Interpretation on Enforcement Objection Suits, the outsider sues the applicant "
     "whose seizure came first, and the applicants whose seizures wait in the queue join as third parties.",
     verdict("Article 2 of the 2025 SPC Interpretation on Enforcement Objection Suits", "valid")),
    ("执行异议之诉解释第六条规定，申请执行人请求继续执行并提供相应担保的，由负责审理执行异议之诉的人民法院决定是否准许。",
     verdict("执行异议之诉解释第六条", "unsupported")),
    ("执行异议之诉解释第六条规定，申请执行人请求继续执行并提供相应担保的，由负责审理执行异议之诉的人民法院裁定是否准许。",
     verdict("执行异议之诉解释第六条", "valid")),
    # a rule for 公民 or 其他组织 is not one for a 法人
    ("被执行人是企业法人，其财产不能清偿所有债权的，已取得执行依据的其他债权人可以申请参与分配（民诉法解释第五百零六条）。",
     verdict("民诉法解释第五百零六条", "unsupported")),
    ("被执行人是自然人，其财产不能清偿所有债权的，已取得执行依据的其他债权人可以申请参与分配（民诉法解释第五百零六条）。",
     verdict("民诉法解释第五百零六条", "valid")),
    # a case sent back for a new review goes to a panel formed anew
    ("上级法院指令重新审查的执行异议案件，仍由原合议庭审查（异议复议规定第十一条第二款）。",
     verdict("异议复议规定第十一条第二款", "unsupported")),
    ("上级法院指令重新审查的执行异议案件，应当另行组成合议庭审查（异议复议规定第十一条第二款）。",
     verdict("异议复议规定第十一条第二款", "valid")),
    ("An objection sent back for re-examination may be heard again by the same collegial panel (Article 11 of the "
     "Provisions on Enforcement Objections and Reconsideration).",
     verdict("Article 11 of the Provisions on Enforcement Objections and Reconsideration", "unsupported")),
]



@pytest.mark.parametrize("text,expect", CONTRAST_CASES, ids=[f"row{n}" for n in range(len(CONTRAST_CASES))])
def test_terms_of_one_kind_swapped(text, expect):
    check_expect(run(text), expect)
