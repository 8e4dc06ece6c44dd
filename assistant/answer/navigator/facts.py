"""The navigator's facts: typed records of what happened to an enforcement settlement or after a judgment that was
enforced is set aside, with the vocabulary the rules in corpus/rules/navigator.yaml name under `when`.

Facts that contradict each other raise ContradictoryFactsError with the message of
corpus/rules/navigator_text.yaml (`contradictions`); a field or value the records do not know raises FactsError.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from assistant.answer.provisions import InputError
from assistant.corpus.rules import load_navigator_rules
from assistant.text.dates import fmt_zh

# ----------------------------------------------------------------------------------------------
# vocabulary


class Role(StrEnum):
    CREDITOR = "creditor"        # 申请执行人
    DEBTOR = "debtor"            # 被执行人
    UNKNOWN = "unknown"


class Submission(StrEnum):
    SUBMITTED = "submitted"          # 共同提交，或一方提交、他方认可
    RECORDED = "recorded"            # 口头和解记入笔录
    NOT_SUBMITTED = "not_submitted"  # 当事人自行达成、未提交人民法院
    UNRECOGNIZED = "unrecognized"    # 一方提交、其他当事人不予认可
    UNKNOWN = "unknown"


class Vitiation(StrEnum):
    NONE = "none"
    FRAUD = "fraud"          # 欺诈
    COERCION = "coercion"    # 胁迫


class Validity(StrEnum):
    UNCHALLENGED = "unchallenged"
    SUIT_PENDING = "suit_pending"                # 被执行人诉请确认无效或撤销，尚未审结
    INVALID_OR_REVOKED = "invalid_or_revoked"    # 已被确认无效或者撤销
    NOT_FORMED = "not_formed"                    # 不成立、未生效或者无效


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
    WITH_UNDERTAKING = "guarantee_with_undertaking"  # 担保人向法院承诺自愿接受直接强制执行


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


class ContradictoryFactsError(InputError):
    code = "contradictory_facts"


class FactsError(InputError):
    code = "invalid_facts"


# ----------------------------------------------------------------------------------------------
# facts


class _Facts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def __init__(self, **data: Any):
        try:
            super().__init__(**data)
        except ValidationError as e:
            raise _facts_error(e, type(self)) from None


def _facts_error(e: ValidationError, cls: type) -> InputError:
    for err in e.errors():
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, InputError):
            return cause
    parts_zh, parts_en = [], []
    for err in e.errors():
        loc = ".".join(str(x) for x in err.get("loc", ())) or "?"
        field = cls.model_fields.get(loc.split(".")[0])
        choices = ""
        ann = getattr(field, "annotation", None) if field else None
        if isinstance(ann, type) and issubclass(ann, str) and hasattr(ann, "__members__"):
            choices = ", ".join(m.value for m in ann)  # type: ignore[attr-defined]
        if err.get("type") == "extra_forbidden":
            parts_zh.append(f"未知字段 {loc}")
            parts_en.append(f"unknown field {loc}")
        else:
            parts_zh.append(f"字段 {loc} 的值 {err.get('input')!r} 无效" + (f"（可选：{choices}）" if choices else ""))
            parts_en.append(f"field {loc}: invalid value {err.get('input')!r}" + (f" (one of: {choices})" if choices else ""))
    return FactsError("；".join(parts_zh) + f"。可用字段：{'，'.join(cls.model_fields)}",
                      "; ".join(parts_en) + f". Fields: {', '.join(cls.model_fields)}")


def _contradiction(which: str, **values: str) -> ContradictoryFactsError:
    """The error for a contradiction, in the words of corpus/rules/navigator_text.yaml (`contradictions`)."""
    zh, en = load_navigator_rules().text("contradictions", which)
    return ContradictoryFactsError("事实相互矛盾：" + zh.format(**values), "Contradictory facts: " + en.format(**values))


class SettlementFacts(_Facts):
    """What happened to an enforcement settlement (执行和解协议)."""

    role: Role = Role.UNKNOWN                    # who is asking
    submission: Submission = Submission.UNKNOWN  # was the agreement submitted to the court
    vitiation: Vitiation = Vitiation.NONE        # creditor (or asking party) defrauded or coerced
    validity: Validity = Validity.UNCHALLENGED
    invalidity_alleged: bool = False             # the asking party says the agreement is void / voidable
    performance: Performance = Performance.UNKNOWN
    repudiated: bool = False                     # debtor clearly said it will not perform (anticipatory breach)
    guarantee: Guarantee = Guarantee.NONE
    enforcement_resumed: bool = False            # the court has ruled to resume enforcement
    resumption_refused: bool = False             # the court has ruled not to resume
    suit_filed: bool = False                     # creditor's suit on the settlement accepted
    debtor_objection: bool = False               # the debtor raises / wants to raise an objection
    reached_before_enforcement: bool = False
    concealment: bool = False                    # a defect was concealed when settling
    due_date: date | None = None                 # last day of the agreed performance period
    as_of: date | None = None                    # the day the facts describe (today)
    amount_paid: str | None = None               # e.g. "50万", for the deduction note

    @property
    def objection_context(self) -> bool:
        return self.role == Role.DEBTOR or self.debtor_objection

    @model_validator(mode="after")
    def _consistent(self) -> "SettlementFacts":
        p = self.performance
        complete = {Performance.FULLY_PERFORMED, Performance.PERFORMED_LATE, Performance.PERFORMED_DEFECTIVELY}
        if self.due_date and self.as_of:
            if p == Performance.NOT_DUE and self.due_date < self.as_of:
                raise _contradiction("not-due-but-date-passed", due_date_zh=fmt_zh(self.due_date),
                                     due_date=str(self.due_date))
            if p == Performance.PERFORMED_LATE and self.due_date >= self.as_of:
                raise _contradiction("late-before-due-date", due_date_zh=fmt_zh(self.due_date),
                                     due_date=str(self.due_date))
        if self.repudiated and p in complete:
            raise _contradiction("fully-performed-and-repudiated")
        if self.enforcement_resumed and self.suit_filed:
            raise _contradiction("resumed-and-sued")
        if self.enforcement_resumed and self.resumption_refused:
            raise _contradiction("resumed-and-refused")
        if self.enforcement_resumed and self.submission in (Submission.NOT_SUBMITTED, Submission.UNRECOGNIZED):
            raise _contradiction("resumed-private-settlement")
        return self


class ReversalFacts(_Facts):
    """What happened after a judgment that was enforced is set aside (执行回转)."""

    executed: Executed = Executed.UNKNOWN         # what was executed
    fruits: bool = False                          # it produced interest, rent or other fruits (孳息)
    stage: Stage = Stage.COMPLETED
    basis: Basis = Basis.UNKNOWN                  # judgment, arbitral award, notarized debt …
    basis_status: BasisStatus = BasisStatus.UNKNOWN
    revoked_by: RevokedBy = RevokedBy.UNKNOWN
    returnable: Returnable = Returnable.UNKNOWN   # for a specific item: can it be returned
    valuation: Valuation = Valuation.UNKNOWN      # agreement on compensation at a value
    paid_after_period_expired: bool = False       # paid although the enforcement period had expired

    @model_validator(mode="after")
    def _consistent(self) -> "ReversalFacts":
        if self.executed == Executed.MONEY and self.returnable == Returnable.NOT_RETURNABLE:
            raise _contradiction("money-cannot-be-lost")
        if self.executed == Executed.MONEY and self.valuation != Valuation.UNKNOWN:
            raise _contradiction("money-no-valuation")
        if self.stage == Stage.NOT_EXECUTED and (self.returnable != Returnable.UNKNOWN or
                                                 self.valuation != Valuation.UNKNOWN or self.fruits):
            raise _contradiction("nothing-executed-but-returned")
        if self.basis_status == BasisStatus.NOT_REVOKED and self.revoked_by != RevokedBy.UNKNOWN:
            raise _contradiction("not-revoked-but-revoker")
        if self.basis == Basis.JUDGMENT and self.revoked_by == RevokedBy.OTHER_AUTHORITY:
            raise _contradiction("judgment-revoked-by-agency")
        if self.basis == Basis.JUDGMENT and self.basis_status == BasisStatus.NOT_ENFORCED:
            raise _contradiction("judgment-not-enforced")
        return self



def settlement_fact_values() -> dict[str, set[str]]:
    """Each settlement fact that takes one of a closed set of values, with those values (the cue words of
    corpus/wording/fact_cues.yaml are checked against them)."""
    out = {}
    for name, field in SettlementFacts.model_fields.items():
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, StrEnum):
            out[name] = {m.value for m in ann}
    return out
