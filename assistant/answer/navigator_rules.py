"""The rules of the relief navigator, as data.

Each rule says: when the facts match ``when`` (every field equal to, or one of, the listed values),
the remedy is ``open``, ``closed`` or ``skip`` (not applicable — not listed), for the stated reason and
provisions. For each remedy the first matching rule decides; a remedy with no matching rule is not
listed. Provisions are (law id, article) in current numbering; tests check each exists.

Remedy ids are those of docs/formats.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, Mapping

from assistant.answer.provisions import Provision

# ----------------------------------------------------------------------------------------------
# vocabulary


class Role(StrEnum):
    CREDITOR = "creditor"        # 申请执行人
    DEBTOR = "debtor"            # 被执行人
    UNKNOWN = "unknown"


class Submission(StrEnum):
    SUBMITTED = "submitted"          # 共同提交，或一方提交、他方认可（执行和解规定第二条第一、二项）
    RECORDED = "recorded"            # 口头和解记入笔录（第二条第三项）
    NOT_SUBMITTED = "not_submitted"  # 当事人自行达成、未提交人民法院（第十九条）
    UNRECOGNIZED = "unrecognized"    # 一方提交、其他当事人不予认可（第十九条）
    UNKNOWN = "unknown"


class Vitiation(StrEnum):
    NONE = "none"
    FRAUD = "fraud"          # 欺诈
    COERCION = "coercion"    # 胁迫


class Validity(StrEnum):
    UNCHALLENGED = "unchallenged"
    SUIT_PENDING = "suit_pending"                # 被执行人诉请确认无效或撤销，尚未审结
    INVALID_OR_REVOKED = "invalid_or_revoked"    # 已被确认无效或者撤销
    NOT_FORMED = "not_formed"                    # 不成立、未生效或者无效（第十九条第五项）


class Performance(StrEnum):
    NOT_DUE = "not_due"                    # 履行期限尚未届至，未履行
    BEING_PERFORMED = "being_performed"    # 正在按约履行
    PARTLY_PERFORMED = "partly_performed"  # 履行了一部分后不再履行
    NOT_PERFORMED = "not_performed"        # 到期未履行
    FULLY_PERFORMED = "fully_performed"    # 按约履行完毕
    PERFORMED_LATE = "performed_late"      # 履行完毕，但迟延
    PERFORMED_DEFECTIVELY = "performed_defectively"  # 履行完毕，但有瑕疵
    UNKNOWN = "unknown"


class Guarantee(StrEnum):
    NONE = "none"
    UNSPECIFIED = "guarantee_unspecified"            # 有担保，是否向法院承诺不清楚
    NO_UNDERTAKING = "guarantee_no_undertaking"      # 有担保条款，担保人未向法院承诺接受直接强制执行
    WITH_UNDERTAKING = "guarantee_with_undertaking"  # 担保人向法院承诺自愿接受直接强制执行（第十八条）


class Executed(StrEnum):
    MONEY = "money"                          # 金钱（含种类物）
    SPECIFIC_PROPERTY = "specific_property"  # 特定物
    UNKNOWN = "unknown"


class Stage(StrEnum):
    COMPLETED = "completed"        # 执行完毕
    IN_PROGRESS = "in_progress"    # 执行中，已执行部分财产
    NOT_EXECUTED = "not_executed"  # 尚未执行任何财产
    UNKNOWN = "unknown"


class Basis(StrEnum):
    JUDGMENT = "judgment"                  # 判决、裁定、调解书
    ARBITRAL_AWARD = "arbitral_award"      # 仲裁裁决、仲裁调解书
    NOTARIZED_DEBT = "notarized_debt"      # 公证债权文书
    OTHER_DOCUMENT = "other_document"      # 其他法律文书
    UNKNOWN = "unknown"


class BasisStatus(StrEnum):
    REVOKED = "revoked"            # 被撤销
    CHANGED = "changed"            # 被变更（部分改判）
    NOT_ENFORCED = "not_enforced"  # 仲裁裁决、公证债权文书被裁定不予执行
    NOT_REVOKED = "not_revoked"    # 执行依据仍然有效
    UNKNOWN = "unknown"


class RevokedBy(StrEnum):
    COURT = "court"
    OTHER_AUTHORITY = "other_authority"  # 有关机关或者组织（如公证机构）
    UNKNOWN = "unknown"


class Returnable(StrEnum):
    RETURNABLE = "returnable"
    NOT_RETURNABLE = "not_returnable"  # 灭失、毁损、已被他人善意取得等
    UNKNOWN = "unknown"


class Valuation(StrEnum):
    AGREED = "agreed"          # 双方同意折价赔偿（并就金额一致）
    DISAGREED = "disagreed"    # 不能协商一致
    PROPOSED = "proposed"      # 一方提出以折价代替退还原物
    UNKNOWN = "unknown"


SETTLEMENT_REMEDIES = ("resume_enforcement", "separate_suit", "settlement_objection", "damages_suit",
                       "invalidity_suit", "guarantor_enforcement")
REVERSAL_REMEDIES = ("reversal_return", "reversal_valuation", "reversal_separate_suit")

REMEDY_NAMES: dict[str, tuple[str, str]] = {
    "resume_enforcement": ("申请恢复执行原生效法律文书", "Apply to resume enforcement of the original judgment"),
    "separate_suit": ("就履行执行和解协议另行起诉", "Sue to enforce the settlement agreement"),
    "settlement_objection": ("被执行人依据和解协议提出执行异议", "Debtor's enforcement objection based on the settlement"),
    "damages_suit": ("迟延履行、瑕疵履行损失赔偿之诉", "Suit for damages from late or defective performance"),
    "invalidity_suit": ("请求确认和解协议无效或者撤销之诉", "Suit to declare the settlement void or to revoke it"),
    "guarantor_enforcement": ("直接执行担保财产或者保证人的财产", "Direct enforcement against the guarantee or guarantor"),
    "reversal_return": ("执行回转：裁定返还财产及其孳息", "Execution reversal: ruling to return the property and its fruits"),
    "reversal_valuation": ("执行回转：折价赔偿", "Execution reversal: compensation at an agreed value"),
    "reversal_separate_suit": ("终结执行回转程序，另行起诉", "Reversal terminated; a separate lawsuit"),
}

Verdict = Literal["open", "closed", "skip"]


@dataclass(frozen=True)
class Rule:
    id: str
    remedy: str
    verdict: Verdict
    when: Mapping[str, Any]
    reason_zh: str
    reason_en: str
    provisions: tuple[Provision, ...] = ()

    def matches(self, facts: Any) -> bool:
        return all(_match(getattr(facts, k), v) for k, v in self.when.items())


@dataclass(frozen=True)
class NoteRule:
    """Extra information shown when the facts match (a limit, a time bar, a practical point)."""

    id: str
    when: Mapping[str, Any]
    zh: str
    en: str
    provisions: tuple[Provision, ...] = ()
    # what a question must ask about for the note to answer it: remedies by id, or 'deduction' / 'deadline'
    about: frozenset[str] = frozenset()

    def matches(self, facts: Any) -> bool:
        return all(_match(getattr(facts, k), v) for k, v in self.when.items())


@dataclass(frozen=True)
class FollowUp:
    id: str
    when: Mapping[str, Any]
    zh: str
    en: str
    needs: tuple[str, ...] = field(default=())   # the fact the answer would fill

    def matches(self, facts: Any) -> bool:
        return all(_match(getattr(facts, k), v) for k, v in self.when.items())


def _match(actual: Any, expected: Any) -> bool:
    if isinstance(expected, (set, frozenset, tuple, list)):
        return actual in expected
    return actual == expected


# ----------------------------------------------------------------------------------------------
# shorthands

CREDITOR_SIDE = frozenset({Role.CREDITOR, Role.UNKNOWN})
PRIVATE = frozenset({Submission.NOT_SUBMITTED, Submission.UNRECOGNIZED})
ACCEPTED = frozenset({Submission.SUBMITTED, Submission.RECORDED})
DEFAULTED = frozenset({Performance.PARTLY_PERFORMED, Performance.NOT_PERFORMED})
COMPLETE = frozenset({Performance.FULLY_PERFORMED, Performance.PERFORMED_LATE, Performance.PERFORMED_DEFECTIVELY})
NOT_YET = frozenset({Performance.NOT_DUE, Performance.BEING_PERFORMED})
VITIATED = frozenset({Vitiation.FRAUD, Vitiation.COERCION})
NO_BASIS_CHANGE = frozenset({BasisStatus.NOT_REVOKED, BasisStatus.UNKNOWN})

S9, S10, S11, S12, S13, S14, S15, S16, S17, S18, S19 = (("settlement", n) for n in range(9, 20))
CPL236, CPL241, CPL244 = ("cpl", 236), ("cpl", 241), ("cpl", 244)
I465, I466, I474, I481 = ("cpl-interp", 465), ("cpl-interp", 466), ("cpl-interp", 474), ("cpl-interp", 481)
CC578 = ("civil-code", 578)
EW65, EW66 = ("enforcement-work", 65), ("enforcement-work", 66)
AE21 = ("arbitration-enforcement", 21)

# ----------------------------------------------------------------------------------------------
# enforcement settlement (执行和解)

SETTLEMENT_RULES: tuple[Rule, ...] = (
    # ---- resume_enforcement 恢复执行 -------------------------------------------------------------
    Rule("S-resume-debtor", "resume_enforcement", "skip", {"role": Role.DEBTOR},
         "恢复执行由申请执行人申请，被执行人一方无此救济。",
         "Only the creditor can apply to resume enforcement."),
    Rule("S-resume-already", "resume_enforcement", "open", {"enforcement_resumed": True},
         "法院已经裁定恢复执行，原生效法律文书继续执行；恢复执行后，执行和解协议已经履行的部分应当依法扣除，"
         "对扣除有异议的，可以依照民事诉讼法第二百三十六条提出异议。",
         "The court has already resumed enforcement of the original judgment; whatever was performed under the "
         "settlement is deducted, and a wrong deduction can be challenged by an objection (CPL art. 236).",
         (S17, CPL241, CPL236)),
    Rule("S-resume-suit-chosen", "resume_enforcement", "closed", {"suit_filed": True},
         "申请执行人已就履行执行和解协议向执行法院提起诉讼并被受理：恢复执行与起诉只能择一，执行法院受理后可以裁定终结原生效法律文书的执行，"
         "执行中的查封、扣押、冻结措施自动转为诉讼中的保全措施。",
         "The creditor has already sued on the settlement and the court accepted the case: resuming enforcement "
         "and suing are alternatives; the court may terminate enforcement of the original judgment and the "
         "seizures become preservation measures in the suit.",
         (S9, S14)),
    Rule("S-resume-private", "resume_enforcement", "skip", {"submission": PRIVATE},
         "和解协议没有提交法院（或者对方不认可），执行程序并未因和解而中止，谈不上“恢复”执行：原生效法律文书可以继续执行或者申请执行。",
         "The settlement was never submitted to the court (or the other side disputes it), so enforcement was not "
         "suspended and there is nothing to 'resume': the original judgment can simply be enforced.",
         (("settlement", 2), S19)),
    Rule("S-resume-invalid", "resume_enforcement", "open", {"validity": Validity.INVALID_OR_REVOKED},
         "执行和解协议被确认无效或者撤销后，申请执行人可以据此申请恢复执行。",
         "Once the settlement has been declared void or revoked, the creditor may apply to resume enforcement.",
         (S16, CPL241)),
    Rule("S-resume-vitiated", "resume_enforcement", "open", {"vitiation": VITIATED},
         "申请执行人因受欺诈、胁迫与被执行人达成和解协议的，人民法院可以根据当事人的申请，恢复对原生效法律文书的执行。",
         "Where the creditor entered the settlement because of fraud or coercion, the court may, on application, "
         "resume enforcement of the original judgment.",
         (CPL241,)),
    Rule("S-resume-fully", "resume_enforcement", "closed", {"performance": Performance.FULLY_PERFORMED},
         "执行和解协议已经履行完毕的，人民法院裁定不予恢复执行，执行案件作执行结案处理。",
         "The settlement has been fully performed: the court will refuse to resume enforcement, and the case is "
         "closed as performed.",
         (S11, I465, ("settlement", 8))),
    Rule("S-resume-late-or-defective", "resume_enforcement", "closed",
         {"performance": {Performance.PERFORMED_LATE, Performance.PERFORMED_DEFECTIVELY}},
         "和解协议已经履行完毕，即使是迟延履行或者瑕疵履行，申请恢复执行也属于“执行和解协议履行完毕后申请恢复执行”，人民法院裁定不予恢复执行；"
         "因迟延履行、瑕疵履行遭受的损害，可以向执行法院另行提起诉讼。",
         "The settlement has been performed, if late or defectively: an application to resume enforcement after "
         "performance is refused; losses from late or defective performance are claimed by a separate suit.",
         (S11, S15, I465)),
    Rule("S-resume-anticipatory", "resume_enforcement", "open", {"performance": NOT_YET, "repudiated": True},
         "履行期限虽未届至，但被执行人一方明确表示或者以自己的行为表明不履行和解协议，属于民法典第五百七十八条规定的情形，"
         "不受“履行期限尚未届至”的限制，可以申请恢复执行。",
         "The time for performance has not come, but the debtor has clearly said or shown it will not perform "
         "(anticipatory breach, Civil Code art. 578), so the not-yet-due bar does not apply: resumption is open.",
         (S11, CC578, S9)),
    Rule("S-resume-not-due", "resume_enforcement", "closed", {"performance": Performance.NOT_DUE},
         "执行和解协议约定的履行期限尚未届至或者履行条件尚未成就的，人民法院裁定不予恢复执行（被执行人明确表示不履行的除外）。",
         "The agreed time for performance has not come (or its condition has not occurred): resumption is refused, "
         "unless the debtor has clearly repudiated.",
         (S11, CC578)),
    Rule("S-resume-performing", "resume_enforcement", "closed", {"performance": Performance.BEING_PERFORMED},
         "被执行人一方正在按照执行和解协议约定履行义务的，人民法院裁定不予恢复执行；嫌履行太慢不是恢复执行的理由。",
         "The debtor is performing as the settlement provides: resumption is refused (slow but punctual "
         "performance is not a ground).",
         (S11,)),
    Rule("S-resume-suit-pending", "resume_enforcement", "open",
         {"validity": Validity.SUIT_PENDING, "performance": DEFAULTED | {Performance.UNKNOWN}},
         "被执行人以执行和解协议无效或者应予撤销为由提起诉讼的，不影响申请执行人申请恢复执行；被执行人一方不履行执行和解协议的，可以申请恢复执行原生效法律文书。",
         "The debtor's suit claiming the settlement is void or voidable does not prevent the creditor from "
         "applying to resume enforcement; the debtor is not performing, so resumption is open.",
         (S16, S9, CPL241)),
    Rule("S-resume-partly", "resume_enforcement", "open", {"performance": Performance.PARTLY_PERFORMED},
         "被执行人一方不履行或者不完全履行执行和解协议的，申请执行人可以申请恢复执行原生效法律文书；恢复执行后，和解协议已经履行的部分应当扣除。",
         "The debtor has performed only part of the settlement: the creditor may apply to resume enforcement of the "
         "original judgment, and what was already performed is deducted.",
         (S9, S17, I465, CPL241)),
    Rule("S-resume-default", "resume_enforcement", "open", {"performance": Performance.NOT_PERFORMED},
         "被执行人一方不履行执行和解协议的，申请执行人可以申请恢复执行原生效法律文书。",
         "The debtor has not performed the settlement: the creditor may apply to resume enforcement of the "
         "original judgment.",
         (S9, CPL241, I465)),

    # ---- separate_suit 就履行和解协议起诉 -----------------------------------------------------------
    Rule("S-suit-debtor", "separate_suit", "skip", {"role": Role.DEBTOR},
         "就履行和解协议起诉是申请执行人的救济。", "Suing on the settlement is the creditor's remedy."),
    Rule("S-suit-after-resumption", "separate_suit", "closed", {"enforcement_resumed": True},
         "恢复执行后，申请执行人再就履行执行和解协议提起诉讼的，人民法院不予受理。",
         "After enforcement has been resumed, a suit by the creditor to enforce the settlement will not be accepted.",
         (S13,)),
    Rule("S-suit-filed", "separate_suit", "open", {"suit_filed": True},
         "已就履行执行和解协议向执行法院提起诉讼并被受理；执行中的查封、扣押、冻结措施自动转为诉讼中的保全措施。",
         "The suit on the settlement has been accepted; the seizures in enforcement become preservation measures "
         "in the suit.",
         (S14, S9)),
    Rule("S-suit-private", "separate_suit", "skip", {"submission": PRIVATE},
         "和解协议未提交法院（或者对方不认可）时，原生效法律文书的执行并未中止，申请执行人通常直接执行原生效法律文书。",
         "With an unsubmitted or disputed settlement, enforcement of the judgment was never suspended; the creditor "
         "normally just enforces the judgment.",
         (S19,)),
    Rule("S-suit-vitiated", "separate_suit", "skip", {"vitiation": VITIATED},
         "受欺诈、胁迫达成的和解协议，通常应申请恢复执行或者请求撤销，而不是请求按协议履行。",
         "A settlement obtained by fraud or coercion is normally undone (resumption, revocation), not enforced."),
    Rule("S-suit-invalid", "separate_suit", "closed", {"validity": Validity.INVALID_OR_REVOKED},
         "和解协议已被确认无效或者撤销，不能再请求按协议履行，应当申请恢复执行原生效法律文书。",
         "The settlement has been declared void or revoked: it cannot be enforced; apply to resume enforcement "
         "of the original judgment instead.",
         (S16,)),
    Rule("S-suit-fully", "separate_suit", "closed", {"performance": Performance.FULLY_PERFORMED},
         "和解协议已经履行完毕，不存在“被执行人一方不履行执行和解协议”的情形，就履行和解协议起诉没有基础。",
         "The settlement has been fully performed; there is no non-performance to sue on.",
         (S9, ("settlement", 8))),
    Rule("S-suit-late", "separate_suit", "closed", {"performance": Performance.PERFORMED_LATE},
         "和解协议已经履行完毕（只是迟延），不能再就履行和解协议起诉；迟延履行造成的损失，应当另行提起诉讼请求赔偿。",
         "The settlement has been performed, only late: there is nothing left to sue for performance of; losses "
         "from the delay are claimed in a separate damages suit.",
         (S9, S15)),
    Rule("S-suit-defective", "separate_suit", "skip", {"performance": Performance.PERFORMED_DEFECTIVELY},
         "瑕疵履行的救济是执行和解规定第十五条的损失赔偿之诉。", "Defective performance is remedied by the damages suit of art. 15.",
         (S15,)),
    Rule("S-suit-anticipatory", "separate_suit", "open", {"performance": NOT_YET, "repudiated": True},
         "被执行人一方明确表示或者以自己的行为表明不履行和解协议的，申请执行人可以在履行期限届满前请求其承担违约责任，就履行执行和解协议向执行法院起诉。",
         "The debtor has repudiated the settlement, so the creditor may sue before the time for performance "
         "(Civil Code art. 578).",
         (CC578, S9)),
    Rule("S-suit-not-due", "separate_suit", "closed", {"performance": Performance.NOT_DUE},
         "履行期限尚未届至，被执行人尚未“不履行执行和解协议”，就履行和解协议起诉的条件不具备。",
         "The time for performance has not come, so there is no non-performance yet to sue on.",
         (S9,)),
    Rule("S-suit-performing", "separate_suit", "closed", {"performance": Performance.BEING_PERFORMED},
         "被执行人正在按约履行，不存在不履行和解协议的情形，就履行和解协议起诉的条件不具备。",
         "The debtor is performing on schedule; there is no non-performance to sue on.",
         (S9,)),
    Rule("S-suit-default", "separate_suit", "open", {"performance": DEFAULTED},
         "被执行人一方不履行执行和解协议的，申请执行人也可以就履行执行和解协议向执行法院提起诉讼（与恢复执行二选一）；"
         "执行法院受理后可以裁定终结原生效法律文书的执行，查封、扣押、冻结措施自动转为诉讼中的保全措施。",
         "Instead of resuming enforcement the creditor may sue in the enforcing court to enforce the settlement (one "
         "or the other); once the suit is accepted the original enforcement may be terminated and the seizures "
         "become preservation measures.",
         (S9, S14)),

    # ---- damages_suit 迟延、瑕疵履行损失赔偿 ------------------------------------------------------
    Rule("S-damages-debtor", "damages_suit", "skip", {"role": Role.DEBTOR},
         "损失赔偿之诉是申请执行人的救济。", "The damages suit is the creditor's remedy."),
    Rule("S-damages-late-or-defective", "damages_suit", "open",
         {"performance": {Performance.PERFORMED_LATE, Performance.PERFORMED_DEFECTIVELY}},
         "执行和解协议履行完毕，申请执行人因被执行人迟延履行、瑕疵履行遭受损害的，可以向执行法院另行提起诉讼。",
         "The settlement was performed, but late or defectively: the creditor may bring a separate lawsuit in the "
         "enforcing court for damages for the resulting losses.",
         (S15,)),

    # ---- invalidity_suit 确认无效或撤销之诉 -------------------------------------------------------
    Rule("S-invalidity-decided", "invalidity_suit", "skip", {"validity": Validity.INVALID_OR_REVOKED},
         "和解协议已被确认无效或者撤销。", "The settlement has already been declared void or revoked."),
    Rule("S-invalidity-fraud", "invalidity_suit", "open", {"vitiation": Vitiation.FRAUD},
         "因受欺诈达成的和解协议可以请求撤销：当事人、利害关系人认为执行和解协议无效或者应予撤销的，可以向执行法院提起诉讼；"
         "协议被撤销后，申请执行人可以据此申请恢复执行。撤销权应自知道或者应当知道撤销事由之日起一年内行使。",
         "A settlement induced by fraud can be revoked: sue in the enforcing court to have it declared void or "
         "revoked, then apply to resume enforcement. The right to revoke must be exercised within one year of "
         "learning of the fraud.",
         (S16, ("civil-code", 148), ("civil-code", 152))),
    Rule("S-invalidity-coercion", "invalidity_suit", "open", {"vitiation": Vitiation.COERCION},
         "因受胁迫达成的和解协议可以请求撤销：当事人、利害关系人认为执行和解协议无效或者应予撤销的，可以向执行法院提起诉讼；"
         "协议被撤销后，申请执行人可以据此申请恢复执行。撤销权应自胁迫行为终止之日起一年内行使。",
         "A settlement obtained by coercion can be revoked: sue in the enforcing court to have it revoked, then "
         "apply to resume enforcement. The right to revoke must be exercised within one year after the coercion "
         "ended.",
         (S16, ("civil-code", 150), ("civil-code", 152))),
    Rule("S-invalidity-alleged", "invalidity_suit", "open", {"invalidity_alleged": True},
         "当事人、利害关系人认为执行和解协议无效或者应予撤销的，可以向执行法院提起诉讼。",
         "A party who considers the settlement void or voidable may sue in the enforcing court.",
         (S16,)),

    # ---- guarantor_enforcement 直接执行担保人 -----------------------------------------------------
    Rule("S-guarantor-none", "guarantor_enforcement", "skip", {"guarantee": Guarantee.NONE},
         "和解协议没有担保。", "The settlement has no guarantee."),
    Rule("S-guarantor-debtor", "guarantor_enforcement", "skip", {"role": Role.DEBTOR},
         "直接执行担保人是申请执行人的救济。", "Direct enforcement against a guarantor is the creditor's remedy."),
    Rule("S-guarantor-no-undertaking", "guarantor_enforcement", "closed", {"guarantee": Guarantee.NO_UNDERTAKING},
         "和解协议虽有担保条款，但担保人没有向人民法院承诺在被执行人不履行执行和解协议时自愿接受直接强制执行，恢复执行后人民法院不能直接裁定执行担保财产或者保证人的财产；"
         "可以另行起诉担保人。",
         "The settlement has a guarantee clause, but the guarantor never undertook to the court to accept direct "
         "enforcement; the court cannot enforce against the guarantor after resumption — sue the guarantor instead.",
         (S18,)),
    Rule("S-guarantor-unspecified", "guarantor_enforcement", "skip", {"guarantee": Guarantee.UNSPECIFIED},
         "能否直接执行担保人，取决于担保人是否向人民法院承诺自愿接受直接强制执行。",
         "Whether the guarantor can be enforced against directly depends on an undertaking to the court.",
         (S18,)),
    Rule("S-guarantor-resumed", "guarantor_enforcement", "open", {"enforcement_resumed": True},
         "执行和解协议中约定担保条款，且担保人向人民法院承诺在被执行人不履行执行和解协议时自愿接受直接强制执行的，恢复执行原生效法律文书后，"
         "人民法院可以依申请执行人申请及担保条款的约定，直接裁定执行担保财产或者保证人的财产。",
         "The guarantor undertook to the court to accept direct enforcement; enforcement has been resumed, so on the "
         "creditor's application the court may directly enforce against the guarantee or the guarantor.",
         (S18,)),
    Rule("S-guarantor-default", "guarantor_enforcement", "open", {"performance": DEFAULTED},
         "执行和解协议中约定担保条款，且担保人向人民法院承诺在被执行人不履行执行和解协议时自愿接受直接强制执行的，恢复执行原生效法律文书后，"
         "人民法院可以依申请执行人申请及担保条款的约定，直接裁定执行担保财产或者保证人的财产（先申请恢复执行）。",
         "The guarantor undertook to the court to accept direct enforcement and the debtor has defaulted: after "
         "enforcement is resumed the court may, on application, directly enforce against the guarantee or guarantor "
         "(apply to resume first).",
         (S18,)),
    Rule("S-guarantor-anticipatory", "guarantor_enforcement", "open", {"performance": NOT_YET, "repudiated": True},
         "被执行人已明确表示不履行；担保人向人民法院作出过承诺的，恢复执行后可以申请直接裁定执行担保财产或者保证人的财产。",
         "The debtor has repudiated; as the guarantor gave the court an undertaking, after resumption the court may "
         "enforce directly against the guarantee.",
         (S18, CC578)),
    Rule("S-guarantor-no-default", "guarantor_enforcement", "closed",
         {"performance": COMPLETE | NOT_YET},
         "被执行人没有不履行和解协议（已经履行完毕、正在履行或者尚未到期），直接执行担保人的条件（被执行人不履行、恢复执行）不具备。",
         "The debtor has not defaulted (performed, performing or not yet due), so the conditions for enforcing "
         "against the guarantor are not met.",
         (S18,)),

    # ---- settlement_objection 被执行人依第十九条提出异议 ---------------------------------------------
    Rule("S-objection-not-raised", "settlement_objection", "skip", {"objection_context": False},
         "只有被执行人可以依据和解协议提出执行和解规定第十九条的异议。", "Only the debtor raises an objection under art. 19."),
    Rule("S-objection-accepted-settlement", "settlement_objection", "closed", {"submission": ACCEPTED},
         "和解协议已经提交法院（或者记入笔录）并为各方认可，不属于执行和解规定第十九条的情形；对恢复执行或者不予恢复执行有异议的，"
         "可以依照民事诉讼法第二百三十六条提出异议。",
         "The settlement was submitted to the court (or recorded) and accepted by both sides, so art. 19 does not "
         "apply; objections to a resumption go under CPL art. 236.",
         (S19, S12, CPL236)),
    Rule("S-objection-invalid", "settlement_objection", "closed",
         {"validity": {Validity.NOT_FORMED, Validity.INVALID_OR_REVOKED}},
         "和解协议不成立、未生效或者无效的，人民法院裁定驳回异议。",
         "If the settlement was never formed, is not in effect or is void, the objection is dismissed.",
         (S19,)),
    Rule("S-objection-performed", "settlement_objection", "open", {"performance": COMPLETE},
         "被执行人依据自行达成但未提交人民法院（或者对方不认可）的和解协议，依照民事诉讼法第二百三十六条提出执行异议，和解协议已经履行完毕的，"
         "人民法院裁定终结原生效法律文书的执行。",
         "The debtor may object (CPL art. 236) on the basis of the unsubmitted or disputed settlement; as it has been "
         "performed, the court rules to terminate enforcement of the original judgment.",
         (S19, CPL236)),
    Rule("S-objection-repudiated", "settlement_objection", "closed", {"performance": NOT_YET, "repudiated": True},
         "履行期限虽未届至，但被执行人已明确表示不履行（民法典第五百七十八条），不能据和解协议阻止执行，异议将被驳回。",
         "The time has not come but the debtor has repudiated (Civil Code art. 578): the settlement no longer "
         "stops enforcement and the objection is dismissed.",
         (S19, CC578)),
    Rule("S-objection-not-due", "settlement_objection", "open", {"performance": Performance.NOT_DUE},
         "被执行人依据未提交人民法院（或者对方不认可）的和解协议提出执行异议，和解协议约定的履行期限尚未届至或者履行条件尚未成就的，人民法院裁定中止执行。",
         "On the debtor's objection based on the settlement, if the agreed time for performance has not come the "
         "court suspends enforcement.",
         (S19, CPL236)),
    Rule("S-objection-performing", "settlement_objection", "open", {"performance": Performance.BEING_PERFORMED},
         "被执行人一方正在按照和解协议约定履行义务的，人民法院根据其执行异议裁定中止执行。",
         "If the debtor is performing as agreed, the court suspends enforcement on the objection.",
         (S19, CPL236)),
    Rule("S-objection-default", "settlement_objection", "closed", {"performance": DEFAULTED},
         "被执行人不履行和解协议的，其依据和解协议提出的执行异议，人民法院裁定驳回异议。",
         "A debtor who has not performed the settlement cannot rely on it: the objection is dismissed.",
         (S19,)),
)

SETTLEMENT_NOTES: tuple[NoteRule, ...] = (
    NoteRule("N-deduction", {"performance": Performance.PARTLY_PERFORMED, "role": CREDITOR_SIDE},
             "恢复执行后，执行和解协议已经履行的部分应当依法扣除{paid}；当事人认为扣除行为违反法律规定的，可以依照民事诉讼法第二百三十六条提出异议。",
             "After resumption, what was already performed under the settlement is deducted{paid}; a wrong deduction "
             "can be challenged by an objection under CPL art. 236.",
             (S17, I465),
             about=frozenset({"deduction"})),
    NoteRule("N-resume-period", {"role": CREDITOR_SIDE, "performance": DEFAULTED, "enforcement_resumed": False,
                                  "suit_filed": False, "submission": ACCEPTED | {Submission.UNKNOWN}},
             "申请恢复执行的期间为二年，自执行和解协议约定履行期间的最后一日起计算。",
             "The application to resume must be made within two years from the last day of the performance period "
             "agreed in the settlement.",
             (S10, I466),
             about=frozenset({"deadline", "resume_enforcement"})),
    NoteRule("N-concealed-defect", {"performance": Performance.PERFORMED_DEFECTIVELY, "concealment": True},
             "如果对方在和解时故意隐瞒瑕疵，可能构成欺诈，可以考虑在知道之日起一年内请求撤销和解协议，撤销后再申请恢复执行；这需要证据支持。",
             "If the other side deliberately hid the defect when settling, that may be fraud: you could ask the court to "
             "revoke the settlement within one year of learning of it and then apply to resume enforcement; that "
             "needs evidence.",
             (S16, ("civil-code", 148), ("civil-code", 152)),
             about=frozenset({"invalidity_suit", "resume_enforcement", "damages_suit"})),
    NoteRule("N-before-enforcement", {"reached_before_enforcement": True, "objection_context": True},
             "和解协议在执行立案前达成的，属于执行依据生效之后的实体事由，被执行人可以据此提出排除执行的异议，人民法院参照民事诉讼法第二百三十六条审查。",
             "A settlement reached after the judgment took effect but before enforcement began is a later substantive "
             "fact the debtor can raise by objection, reviewed as under CPL art. 236.",
             (("objection", 7),),
             about=frozenset({"settlement_objection"})),
    NoteRule("N-objection-suspends", {"objection_context": True, "submission": PRIVATE,
                                       "performance": {Performance.NOT_DUE, Performance.BEING_PERFORMED}},
             "异议审查期间不停止执行；被执行人提供充分、有效的担保请求停止相应处分措施的，人民法院可以准许。",
             "Enforcement continues while the objection is reviewed; the debtor may offer adequate security to stop "
             "disposal measures.",
             (("enforcement-procedure-interp", 9),),
             about=frozenset({"settlement_objection"})),
    NoteRule("N-objection-outcomes", {"objection_context": True, "performance": Performance.UNKNOWN,
                                       "submission": PRIVATE | {Submission.UNKNOWN}},
             "被执行人依据未提交法院（或对方不认可）的和解协议提出执行异议的，法院按履行情况处理：和解协议履行完毕的，裁定终结原生效法律文书的执行；"
             "履行期限尚未届至或者正在按约履行的，裁定中止执行；不履行和解协议，或者和解协议不成立、未生效、无效的，裁定驳回异议。",
             "On the debtor's objection based on an unsubmitted or disputed settlement: if it has been performed, "
             "enforcement of the judgment is terminated; if not yet due or being performed, enforcement is suspended; "
             "if the debtor has not performed, or the settlement is not valid, the objection is dismissed.",
             (S19, CPL236),
             about=frozenset({"settlement_objection"})),
    NoteRule("N-creditor-outcomes", {"role": CREDITOR_SIDE, "performance": Performance.UNKNOWN,
                                      "vitiation": Vitiation.NONE, "validity": Validity.UNCHALLENGED,
                                      "enforcement_resumed": False, "suit_filed": False,
                                      "submission": ACCEPTED | {Submission.UNKNOWN}},
             "被执行人一方不履行执行和解协议的，申请执行人可以申请恢复执行原生效法律文书，也可以就履行和解协议向执行法院提起诉讼；"
             "但和解协议已经履行完毕、履行期限尚未届至或者被执行人正在按约履行的，人民法院裁定不予恢复执行。",
             "If the debtor does not perform the settlement, the creditor may apply to resume enforcement or sue on "
             "the settlement; if it has been performed, is not yet due or is being performed, resumption is refused.",
             (S9, S11),
             about=frozenset({"resume_enforcement", "separate_suit"})),
    NoteRule("N-private-creditor", {"role": CREDITOR_SIDE, "submission": PRIVATE},
             "和解协议没有提交法院（或者对方不认可）的，执行程序并未因和解而中止，申请执行人可以继续执行或者申请执行原生效法律文书；"
             "被执行人依据这份和解协议提出执行异议的，法院按执行和解规定第十九条区分履行情况处理。",
             "A settlement never submitted to the court (or disputed) does not suspend enforcement: the creditor can "
             "continue to enforce the judgment; if the debtor objects on the basis of the settlement, the court "
             "decides according to art. 19.",
             (S19, ("settlement", 2)),
             about=frozenset({"resume_enforcement", "settlement_objection"})),
    NoteRule("N-resumption-refused", {"resumption_refused": True},
             "对人民法院裁定不予恢复执行（或者恢复执行）不服的，当事人、利害关系人可以依照民事诉讼法第二百三十六条提出异议。",
             "A party who disagrees with a ruling refusing (or granting) resumption can object under CPL art. 236.",
             (S12, CPL236),
             about=frozenset({"resume_enforcement"})),
    NoteRule("N-guarantor-condition", {"guarantee": Guarantee.UNSPECIFIED, "role": CREDITOR_SIDE},
             "和解协议约定了担保条款，且担保人向人民法院承诺在被执行人不履行时自愿接受直接强制执行的，恢复执行后，人民法院可以依申请直接裁定执行担保财产或者保证人的财产；没有这一承诺的，只能另行起诉担保人。",
             "If the guarantor undertook to the court to accept direct enforcement, the court can, after resumption, "
             "enforce directly against the guarantee; without that undertaking the guarantor must be sued.",
             (S18,),
             about=frozenset({"guarantor_enforcement"})),
    NoteRule("N-guarantor-sue", {"guarantee": Guarantee.NO_UNDERTAKING, "role": CREDITOR_SIDE},
             "没有向法院承诺的担保人，只能依担保合同另行起诉。",
             "A guarantor who gave the court no undertaking can only be sued on the guarantee.",
             (S18,),
             about=frozenset({"guarantor_enforcement", "separate_suit"})),
)

SETTLEMENT_FOLLOW_UPS: tuple[FollowUp, ...] = (
    FollowUp("F-objection-submission", {"objection_context": True, "submission": Submission.UNKNOWN},
             "这份和解协议有没有提交给法院（或由执行人员记入笔录），对方是否认可？",
             "Was the settlement submitted to the court (or recorded by the enforcement officer), and does the "
             "other side accept it?", ("submission",)),
    FollowUp("F-own-performance", {"role": Role.DEBTOR, "performance": Performance.UNKNOWN},
             "你按和解协议履行了吗？（已全部履行／正在按期履行／还没到履行期限／没有履行或只履行了一部分）",
             "Have you performed the settlement? (fully / on schedule / not yet due / not, or only partly)",
             ("performance",)),
    FollowUp("F-performance", {"performance": Performance.UNKNOWN, "vitiation": Vitiation.NONE,
                               "validity": {Validity.UNCHALLENGED, Validity.NOT_FORMED},
                               "enforcement_resumed": False, "suit_filed": False},
             "被执行人按和解协议履行了吗？（完全没履行／只履行了一部分／正在按期履行／已全部履行／还没到履行期限）",
             "Has the debtor performed the settlement? (not at all / only partly / paying on schedule / fully / not "
             "yet due)", ("performance",)),
    FollowUp("F-guarantee-undertaking", {"guarantee": Guarantee.UNSPECIFIED, "role": CREDITOR_SIDE},
             "担保人有没有向法院出具承诺，表示被执行人不履行时自愿接受直接强制执行？",
             "Did the guarantor give the court a written undertaking to accept direct enforcement if the debtor "
             "defaults?", ("guarantee",)),
)

# ----------------------------------------------------------------------------------------------
# execution reversal (执行回转)

_RETURN_MONEY_ZH = ("据以执行的判决、裁定和其他法律文书被撤销或者变更的，对已被执行的财产，人民法院应当作出执行回转的裁定，"
                    "责令原申请执行人返还已取得的财产及其孳息（如利息）；拒不返还的，强制执行。执行回转应当重新立案，适用执行程序的有关规定。")
_RETURN_MONEY_EN = ("The judgment on which enforcement was based has been set aside or changed: the court rules on "
                    "execution reversal, ordering the former creditor to return what it obtained together with its "
                    "fruits (e.g. interest), enforced if not returned. Reversal is registered as a new enforcement case.")

REVERSAL_RULES: tuple[Rule, ...] = (
    # ---- reversal_return 裁定返还 ----------------------------------------------------------------
    Rule("R-return-nothing-executed", "reversal_return", "closed", {"stage": Stage.NOT_EXECUTED},
         "尚未执行任何财产，不存在执行回转；执行依据被撤销的，尚未执行的部分不再执行。",
         "Nothing has been enforced, so there is nothing to reverse; enforcement of a set-aside judgment stops.",
         (CPL244, EW65)),
    Rule("R-return-paid-after-expiry", "reversal_return", "closed",
         {"basis_status": NO_BASIS_CHANGE, "paid_after_period_expired": True},
         "被执行人履行全部或者部分义务后，又以不知道申请执行时效期间届满为由请求执行回转的，人民法院不予支持。",
         "A debtor who has paid cannot get the money back by reversal on the ground that he did not know the "
         "enforcement period had expired: the court will not support it.",
         (I481,)),
    Rule("R-return-basis-stands", "reversal_return", "closed", {"basis_status": BasisStatus.NOT_REVOKED},
         "执行回转以据以执行的法律文书被撤销或者变更为前提；执行依据仍然有效的，不能申请执行回转。",
         "Execution reversal requires that the judgment enforced has been set aside or changed; while it stands "
         "there is no reversal.",
         (CPL244, EW65)),
    Rule("R-return-basis-unknown", "reversal_return", "skip", {"basis_status": BasisStatus.UNKNOWN},
         "需要先确认执行依据是否已被撤销或者变更。", "It is not yet known whether the judgment was set aside or changed."),
    Rule("R-return-original-lost", "reversal_return", "closed",
         {"executed": Executed.SPECIFIC_PROPERTY, "returnable": Returnable.NOT_RETURNABLE},
         "已执行的标的物系特定物的，应当退还原物；原物已经灭失、毁损或者无法退还的，不能再裁定退还原物，只能折价赔偿或者另行起诉。",
         "A specific item must be returned as such; where it has been lost, destroyed or cannot be returned, a "
         "return order is no longer possible — only compensation at an agreed value or a separate suit.",
         (EW66,)),
    Rule("R-return-arbitral-award", "reversal_return", "open", {"basis": Basis.ARBITRAL_AWARD},
         "人民法院裁定撤销仲裁裁决或者基于被执行人申请裁定不予执行仲裁裁决，原被执行人申请执行回转的，人民法院应当支持；基于案外人申请裁定不予执行仲裁裁决或者仲裁调解书的，"
         "案外人申请执行回转，人民法院也应当支持。其他法律文书执行完毕后被撤销的，"
         "经当事人申请，适用民事诉讼法第二百四十四条关于执行回转的规定，责令返还已取得的财产及其孳息。",
         "The arbitral award has been set aside (or refused enforcement on the debtor's or a third party's "
         "application): the application for execution reversal will be granted; for documents other than judgments "
         "reversal needs an application and follows CPL art. 244, returning the property and its fruits.",
         (AE21, I474, CPL244, EW65)),
    Rule("R-return-other-document", "reversal_return", "open",
         {"basis": {Basis.NOTARIZED_DEBT, Basis.OTHER_DOCUMENT}},
         "法律规定由人民法院执行的其他法律文书执行完毕后，该法律文书被有关机关或者组织依法撤销的，经当事人申请，适用民事诉讼法第二百四十四条的规定执行回转，"
         "责令返还已取得的财产及其孳息。",
         "Where another enforceable document (a notarized debt instrument …) is revoked by the competent body after "
         "enforcement, execution reversal under CPL art. 244 is available on a party's application, returning the "
         "property and its fruits.",
         (I474, CPL244, EW65)),
    Rule("R-return-other-authority", "reversal_return", "open", {"revoked_by": RevokedBy.OTHER_AUTHORITY},
         "据以执行的法律文书被人民法院以外的有关机关或者组织依法撤销的，同样可以执行回转：法律规定由人民法院执行的其他法律文书执行完毕后被撤销的，"
         "经当事人申请，适用民事诉讼法第二百四十四条的规定，责令返还已取得的财产及其孳息。",
         "Where the document enforced is set aside by a competent body other than a court, reversal is still "
         "available on a party's application under CPL art. 244, returning the property and its fruits.",
         (I474, CPL244, EW65)),
    Rule("R-return-specific", "reversal_return", "open", {"executed": Executed.SPECIFIC_PROPERTY},
         "据以执行的法律文书被撤销或者变更的，人民法院应当作出执行回转的裁定；已执行的标的物系特定物的，应当退还原物（连同孳息）；拒不返还的，强制执行。",
         "The judgment has been set aside or changed: the court orders execution reversal; a specific item is "
         "returned as such (with its fruits), by force if necessary.",
         (CPL244, EW65, EW66)),
    Rule("R-return-money", "reversal_return", "open", {},
         _RETURN_MONEY_ZH, _RETURN_MONEY_EN, (CPL244, EW65)),

    # ---- reversal_valuation 折价赔偿 -------------------------------------------------------------
    Rule("R-valuation-gate", "reversal_valuation", "skip", {"basis_status": NO_BASIS_CHANGE},
         "执行依据未被撤销或者变更。", "The judgment has not been set aside or changed."),
    Rule("R-valuation-nothing", "reversal_valuation", "skip", {"stage": Stage.NOT_EXECUTED},
         "尚未执行任何财产。", "Nothing has been enforced."),
    Rule("R-valuation-not-specific", "reversal_valuation", "skip",
         {"executed": {Executed.MONEY, Executed.UNKNOWN}},
         "折价赔偿只适用于特定物不能退还的情形。", "Valuation only concerns a specific item that cannot be returned."),
    Rule("R-valuation-instead-of-return", "reversal_valuation", "closed",
         {"returnable": Returnable.RETURNABLE, "valuation": {Valuation.PROPOSED, Valuation.AGREED}},
         "原物还在、能够退还的，应当退还原物；折价赔偿只适用于不能退还原物的情形，不能以折价代替退还原物。",
         "The item still exists and can be returned, so it must be returned; compensation at a value is only for "
         "items that cannot be returned.",
         (EW66,)),
    Rule("R-valuation-returnable", "reversal_valuation", "skip", {"returnable": {Returnable.RETURNABLE, Returnable.UNKNOWN}},
         "原物可以退还（或者尚不清楚）。", "The item can be returned (or that is not known)."),
    Rule("R-valuation-agreed", "reversal_valuation", "open", {"valuation": Valuation.AGREED},
         "已执行的特定物不能退还原物的，经双方当事人同意，可以折价赔偿。",
         "The specific item cannot be returned and both parties agree: compensation at the agreed value.",
         (EW66,)),
    Rule("R-valuation-disagreed", "reversal_valuation", "closed", {"valuation": Valuation.DISAGREED},
         "折价赔偿须经双方当事人同意；双方对折价赔偿不能协商一致的，人民法院应当终结执行回转程序。",
         "Compensation at a value needs both parties' agreement; as they cannot agree, the court terminates the "
         "reversal proceedings.",
         (EW66,)),
    Rule("R-valuation-possible", "reversal_valuation", "open", {},
         "已执行的特定物不能退还原物的，经双方当事人同意，可以折价赔偿（前提是双方就折价达成一致）。",
         "The specific item cannot be returned: compensation at a value is possible if both parties agree on it.",
         (EW66,)),

    # ---- reversal_separate_suit 终结回转、另行起诉 ------------------------------------------------
    Rule("R-suit-gate", "reversal_separate_suit", "skip", {"basis_status": NO_BASIS_CHANGE},
         "执行依据未被撤销或者变更。", "The judgment has not been set aside or changed."),
    Rule("R-suit-nothing", "reversal_separate_suit", "skip", {"stage": Stage.NOT_EXECUTED},
         "尚未执行任何财产。", "Nothing has been enforced."),
    Rule("R-suit-only-specific", "reversal_separate_suit", "skip",
         {"executed": {Executed.MONEY, Executed.UNKNOWN}}, "金钱可以直接裁定返还。", "Money is simply ordered returned."),
    Rule("R-suit-returnable", "reversal_separate_suit", "skip", {"returnable": {Returnable.RETURNABLE, Returnable.UNKNOWN}},
         "原物可以退还（或者尚不清楚）。", "The item can be returned (or that is not known)."),
    Rule("R-suit-agreed", "reversal_separate_suit", "skip", {"valuation": Valuation.AGREED},
         "双方已就折价赔偿达成一致。", "The parties agreed on compensation."),
    Rule("R-suit-disagreed", "reversal_separate_suit", "open", {"valuation": Valuation.DISAGREED},
         "双方当事人对折价赔偿不能协商一致的，人民法院应当终结执行回转程序，申请执行人可以另行起诉。",
         "As the parties cannot agree on compensation, the court terminates the reversal proceedings and the "
         "applicant may bring a separate lawsuit.",
         (EW66,)),
    Rule("R-suit-if-no-agreement", "reversal_separate_suit", "open", {},
         "如果双方对折价赔偿不能协商一致，人民法院应当终结执行回转程序，申请执行人可以另行起诉。",
         "If the parties cannot agree on compensation, the court terminates the reversal and the applicant may "
         "sue separately.",
         (EW66,)),
)

REVERSAL_NOTES: tuple[NoteRule, ...] = (
    NoteRule("N-changed", {"basis_status": BasisStatus.CHANGED},
             "原法律文书只是被部分变更的，按照新的生效法律文书，对多执行的部分执行回转。",
             "Where the judgment was only partly changed, reversal covers what was enforced beyond the new judgment.",
             (EW65,)),
    NoteRule("N-fruits", {"fruits": True, "basis_status": {BasisStatus.REVOKED, BasisStatus.CHANGED, BasisStatus.NOT_ENFORCED}},
             "返还的范围包括已取得的财产及其孳息，如执行款在此期间产生的利息。",
             "What must be returned includes the fruits of the property, such as interest earned on the money.",
             (EW65,)),
    NoteRule("N-in-progress", {"stage": Stage.IN_PROGRESS, "basis_status": {BasisStatus.REVOKED, BasisStatus.CHANGED}},
             "执行中据以执行的法律文书被撤销或者变更的，已执行的部分同样可以执行回转，尚未执行的部分不再执行。",
             "If the judgment is set aside while enforcement is still under way, what was already enforced can be "
             "reversed and the rest is not enforced.",
             (EW65,)),
    NoteRule("N-court-initiative", {"basis": Basis.JUDGMENT, "basis_status": {BasisStatus.REVOKED, BasisStatus.CHANGED}},
             "判决、裁定被人民法院撤销或者变更的，原执行机构可以依当事人申请或者依职权作出执行回转裁定。",
             "Where a court judgment is set aside or changed, the enforcing court may order reversal on application "
             "or of its own motion.",
             (EW65, CPL244)),
    NoteRule("N-arbitral-preservation", {"basis": Basis.ARBITRAL_AWARD,
                                          "basis_status": {BasisStatus.REVOKED, BasisStatus.NOT_ENFORCED}},
             "原申请执行人可以对已履行或者被强制执行的款物申请保全，但须在保全之日起三十日内重新申请仲裁或者向人民法院起诉，否则保全将被解除。",
             "The former creditor may apply to preserve the money or property, but must start a new arbitration or "
             "sue within 30 days of the preservation, or it is lifted.",
             (AE21,)),
    NoteRule("N-paid-after-expiry-irrelevant", {"paid_after_period_expired": True,
                                                 "basis_status": {BasisStatus.REVOKED, BasisStatus.CHANGED, BasisStatus.NOT_ENFORCED}},
             "执行回转的依据是执行依据被撤销或者变更，而不是申请执行时效已过；后者单独不能请求执行回转。",
             "Reversal rests on the judgment being set aside, not on the enforcement period having expired, which "
             "alone is no ground for reversal.",
             (I481,)),
    NoteRule("N-valuation-agreed-specific", {"executed": Executed.SPECIFIC_PROPERTY, "returnable": Returnable.NOT_RETURNABLE,
                                              "valuation": Valuation.UNKNOWN,
                                              "basis_status": {BasisStatus.REVOKED, BasisStatus.CHANGED, BasisStatus.NOT_ENFORCED}},
             "原物不能退还时，先看双方能否就折价赔偿协商一致：能，则折价赔偿；不能，则终结执行回转程序，另行起诉。",
             "When the item cannot be returned: if both sides agree on a value, compensation; if not, the reversal "
             "ends and a separate suit follows.",
             (EW66,)),
)

REVERSAL_FOLLOW_UPS: tuple[FollowUp, ...] = (
    FollowUp("F-basis", {"basis_status": BasisStatus.UNKNOWN, "paid_after_period_expired": False},
             "据以执行的判决、裁定或者其他法律文书是否已经被撤销或者变更？",
             "Has the judgment (or other document) that was enforced been set aside or changed?", ("basis_status",)),
    FollowUp("F-returnable", {"executed": Executed.SPECIFIC_PROPERTY, "returnable": Returnable.UNKNOWN,
                              "basis_status": {BasisStatus.REVOKED, BasisStatus.CHANGED, BasisStatus.NOT_ENFORCED}},
             "被执行的原物现在还在吗，能否原样退还？", "Does the enforced item still exist and can it be returned?",
             ("returnable",)),
    FollowUp("F-valuation", {"executed": Executed.SPECIFIC_PROPERTY, "returnable": Returnable.NOT_RETURNABLE,
                             "valuation": Valuation.UNKNOWN,
                             "basis_status": {BasisStatus.REVOKED, BasisStatus.CHANGED, BasisStatus.NOT_ENFORCED}},
             "双方能否就折价赔偿的金额协商一致？", "Can both sides agree on the value to be paid instead?", ("valuation",)),
)


def all_rule_provisions() -> list[tuple[str, Provision]]:
    """(rule id, provision) for every provision the rules cite — the tests check each exists."""
    out = []
    for r in SETTLEMENT_RULES + REVERSAL_RULES:
        out += [(r.id, p) for p in r.provisions]
    for n in SETTLEMENT_NOTES + REVERSAL_NOTES:
        out += [(n.id, p) for p in n.provisions]
    return out
