"""Relief navigator: which remedies are open or closed after a settlement collapses or a judgment is
overturned, and by when — from the rules in navigator_rules.py and the calculator in deadlines.py.

Three entry points:

* ``navigate_settlement(SettlementFacts)`` / ``navigate_reversal(ReversalFacts)`` → ``Navigation``;
* ``answer_from_question(question, today=...)`` → ``NavigatorAnswer`` or None: regex and keyword rules
  (no model) that read a fact pattern and dates from a Chinese or English question;
* ``navigate_request(payload)`` — the body of POST /api/navigate.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from assistant.answer.deadlines import (EVENTS, DeadlineInputError, DeadlineResult, EventRule, compute_deadline,
                                        RULES, role_provision)
from assistant.answer.navigator_rules import (REMEDY_NAMES, REVERSAL_FOLLOW_UPS, REVERSAL_NOTES, REVERSAL_REMEDIES,
                                              REVERSAL_RULES, SETTLEMENT_FOLLOW_UPS, SETTLEMENT_NOTES,
                                              SETTLEMENT_REMEDIES, SETTLEMENT_RULES, Basis, BasisStatus, Executed,
                                              FollowUp, Guarantee, NoteRule, Performance, Returnable, RevokedBy, Role,
                                              Rule, Stage, Submission, Valuation, Validity, Vitiation)
from assistant.answer.provisions import Caveat, InputError, Provision, cite_en, cite_list, cite_zh, dedupe
from assistant.answer.scope import OTHER_SYSTEMS
from assistant.text.dates import FoundDate, find_dates, fmt, fmt_zh
from assistant.text.language import detect_lang

__all__ = [
    "SettlementFacts", "ReversalFacts", "Navigation", "RemedyVerdict", "NavigatorAnswer", "ContradictoryFactsError",
    "navigate_settlement", "navigate_reversal", "answer_from_question", "navigate_request",
]


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


def _contradiction(zh: str, en: str) -> ContradictoryFactsError:
    return ContradictoryFactsError("事实相互矛盾：" + zh, "Contradictory facts: " + en)


class SettlementFacts(_Facts):
    """What happened to an enforcement settlement (执行和解协议)."""

    role: Role = Role.UNKNOWN                    # who is asking
    submission: Submission = Submission.UNKNOWN  # was the agreement submitted to the court
    vitiation: Vitiation = Vitiation.NONE        # creditor (or asking party) defrauded or coerced
    validity: Validity = Validity.UNCHALLENGED
    invalidity_alleged: bool = False             # the asking party says the agreement is void / voidable
    performance: Performance = Performance.UNKNOWN
    repudiated: bool = False                     # debtor clearly said it will not perform (民法典 第五百七十八条)
    guarantee: Guarantee = Guarantee.NONE
    enforcement_resumed: bool = False            # the court has ruled to resume enforcement
    resumption_refused: bool = False             # the court has ruled not to resume
    suit_filed: bool = False                     # creditor's suit on the settlement accepted (第十四条)
    debtor_objection: bool = False               # the debtor raises / wants to raise an objection (第十九条)
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
                raise _contradiction(
                    f"约定的履行期限（{fmt_zh(self.due_date)}）已经届满，不能同时是“尚未到履行期限”。请确认履行期限或履行情况。",
                    f"the agreed time for performance ({self.due_date}) has passed, so it cannot be 'not yet due'. "
                    f"Please check the date or the performance status.")
            if p == Performance.PERFORMED_LATE and self.due_date >= self.as_of:
                raise _contradiction(
                    f"约定的履行期限（{fmt_zh(self.due_date)}）尚未届满，不可能已经“迟延履行”。",
                    f"the agreed time for performance ({self.due_date}) has not passed, so performance cannot be late.")
        if self.repudiated and p in complete:
            raise _contradiction("和解协议已经履行完毕，又说被执行人明确表示不履行。",
                                 "the settlement is said to be fully performed and also repudiated.")
        if self.enforcement_resumed and self.suit_filed:
            raise _contradiction(
                "恢复执行与就和解协议起诉只能择一：恢复执行后起诉不予受理（执行和解规定第十三条），起诉受理后原执行可以终结（执行和解规定第十四条）。请确认实际走了哪一条。",
                "resumed enforcement and a suit on the settlement exclude each other (Settlement Provisions arts. 13 "
                "and 14). Which one actually happened?")
        if self.enforcement_resumed and self.resumption_refused:
            raise _contradiction("法院不能既裁定恢复执行又裁定不予恢复执行。",
                                 "the court cannot have both resumed and refused to resume enforcement.")
        if self.enforcement_resumed and self.submission in (Submission.NOT_SUBMITTED, Submission.UNRECOGNIZED):
            raise _contradiction(
                "和解协议没有提交法院（或对方不认可）时执行并未中止，不存在“恢复执行”。",
                "an unsubmitted or disputed settlement never suspended enforcement, so it cannot have been 'resumed'.")
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
            raise _contradiction("被执行的是金钱，金钱不存在“原物不能退还”的问题（应当返还同等金额及孳息）。",
                                 "money was enforced; money cannot be 'impossible to return' (the same sum and its "
                                 "interest are returned).")
        if self.executed == Executed.MONEY and self.valuation != Valuation.UNKNOWN:
            raise _contradiction("折价赔偿只适用于不能退还的特定物，被执行的却是金钱。",
                                 "compensation at a value concerns specific items, but money was enforced.")
        if self.stage == Stage.NOT_EXECUTED and (self.returnable != Returnable.UNKNOWN or
                                                 self.valuation != Valuation.UNKNOWN or self.fruits):
            raise _contradiction("尚未执行任何财产，却又谈到返还原物、折价或孳息。",
                                 "nothing was enforced, yet return, valuation or fruits are mentioned.")
        if self.basis_status == BasisStatus.NOT_REVOKED and self.revoked_by != RevokedBy.UNKNOWN:
            raise _contradiction("执行依据没有被撤销，却又说明了撤销机关。",
                                 "the judgment was not set aside, yet a body that set it aside is named.")
        if self.basis == Basis.JUDGMENT and self.revoked_by == RevokedBy.OTHER_AUTHORITY:
            raise _contradiction("人民法院的判决、裁定只能由人民法院撤销，不能由其他机关撤销。",
                                 "a court judgment can only be set aside by a court.")
        if self.basis == Basis.JUDGMENT and self.basis_status == BasisStatus.NOT_ENFORCED:
            raise _contradiction("“裁定不予执行”针对仲裁裁决、公证债权文书，不针对判决。",
                                 "'non-enforcement' concerns arbitral awards and notarized instruments, not judgments.")
        return self


# ----------------------------------------------------------------------------------------------
# navigation


class RemedyVerdict(BaseModel):
    model_config = ConfigDict(frozen=True)

    remedy: str
    status: Literal["open", "closed", "n/a"]
    rule_id: str
    name_zh: str
    name_en: str
    reason_zh: str
    reason_en: str
    provisions: tuple[tuple[str, int], ...]

    def reason(self, lang: str) -> str:
        return self.reason_zh if lang == "zh" else self.reason_en

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class Navigation(BaseModel):
    model_config = ConfigDict(frozen=True)

    procedure: Literal["settlement", "reversal"]
    facts: dict
    remedies: tuple[RemedyVerdict, ...]          # open and closed, in remedy order
    not_applicable: tuple[RemedyVerdict, ...]    # rules that found a remedy irrelevant (not listed)
    notes: tuple[Caveat, ...]
    note_provisions: tuple[tuple[str, int], ...]
    follow_up_zh: str | None = None
    follow_up_en: str | None = None
    follow_up_needs: tuple[str, ...] = ()
    follow_up_id: str | None = None

    @property
    def remedies_open(self) -> list[str]:
        return [r.remedy for r in self.remedies if r.status == "open"]

    @property
    def remedies_closed(self) -> list[str]:
        return [r.remedy for r in self.remedies if r.status == "closed"]

    @property
    def provisions(self) -> list[Provision]:
        return dedupe([p for r in self.remedies for p in r.provisions] + list(self.note_provisions))

    def follow_up(self, lang: str) -> str | None:
        return self.follow_up_zh if lang == "zh" else self.follow_up_en

    def to_dict(self) -> dict:
        d = self.model_dump(mode="json")
        d["remedies_open"] = self.remedies_open
        d["remedies_closed"] = self.remedies_closed
        d["provisions"] = [list(p) for p in self.provisions]
        d["notes"] = [{"code": n.code, "zh": n.zh, "en": n.en} for n in self.notes]
        return d


def _run(procedure: str, facts: _Facts, remedies: Iterable[str], rules: tuple[Rule, ...],
         notes: tuple[NoteRule, ...], follow_ups: tuple[FollowUp, ...], fmt_vars: dict[str, str]) -> Navigation:
    decided: list[RemedyVerdict] = []
    skipped: list[RemedyVerdict] = []
    for remedy in remedies:
        for rule in rules:
            if rule.remedy != remedy or not rule.matches(facts):
                continue
            zh_name, en_name = REMEDY_NAMES[remedy]
            v = RemedyVerdict(remedy=remedy, status="n/a" if rule.verdict == "skip" else rule.verdict,
                              rule_id=rule.id, name_zh=zh_name, name_en=en_name, reason_zh=rule.reason_zh,
                              reason_en=rule.reason_en, provisions=tuple(rule.provisions))
            (skipped if rule.verdict == "skip" else decided).append(v)
            break
    shown: list[Caveat] = []
    note_provs: list[Provision] = []
    for n in notes:
        if n.matches(facts):
            shown.append(Caveat(n.id, n.zh.format(**fmt_vars["zh"]), n.en.format(**fmt_vars["en"])))  # type: ignore[arg-type]
            note_provs += list(n.provisions)
    fu = next((f for f in follow_ups if f.matches(facts)), None) if follow_ups else None
    return Navigation(procedure=procedure, facts=facts.model_dump(mode="json"), remedies=tuple(decided),
                      not_applicable=tuple(skipped), notes=tuple(shown), note_provisions=tuple(dedupe(note_provs)),
                      follow_up_zh=fu.zh if fu else None, follow_up_en=fu.en if fu else None,
                      follow_up_needs=fu.needs if fu else (), follow_up_id=fu.id if fu else None)


def navigate_settlement(facts: SettlementFacts) -> Navigation:
    """Remedies open and closed after an enforcement settlement, with reasons and provisions."""
    paid_zh = f"（本案已履行{facts.amount_paid}）" if facts.amount_paid else ""
    paid_en = f" (here: {facts.amount_paid} already paid)" if facts.amount_paid else ""
    return _run("settlement", facts, SETTLEMENT_REMEDIES, SETTLEMENT_RULES, SETTLEMENT_NOTES, SETTLEMENT_FOLLOW_UPS,
                {"zh": {"paid": paid_zh}, "en": {"paid": paid_en}})  # type: ignore[dict-item]


def navigate_reversal(facts: ReversalFacts) -> Navigation:
    """Outcome of an execution reversal (返还 / 折价赔偿 / 终结回转另行起诉), with reasons and provisions."""
    return _run("reversal", facts, REVERSAL_REMEDIES, REVERSAL_RULES, REVERSAL_NOTES, REVERSAL_FOLLOW_UPS,
                {"zh": {}, "en": {}})


def navigate_request(payload: dict, *, today: date | None = None) -> dict:
    """The body of POST /api/navigate → JSON. Bad or contradictory facts raise InputError (→ HTTP 400).

    Payload: {"procedure": "settlement" | "reversal" (optional: guessed from the fields), "facts": {...}}
    or the facts themselves at the top level; optionally "deadline": true with facts.due_date to add the
    resumption deadline.
    """
    if not isinstance(payload, dict):
        raise FactsError("请求体应为 JSON 对象。", "The request body must be a JSON object.")
    facts = payload.get("facts", None)
    procedure = payload.get("procedure")
    if facts is None:
        facts = {k: v for k, v in payload.items() if k not in ("procedure", "today")}
    if not isinstance(facts, dict):
        raise FactsError("facts 应为 JSON 对象。", "'facts' must be a JSON object.")
    if procedure is None:
        rev = set(ReversalFacts.model_fields)
        procedure = "reversal" if facts and set(facts) <= rev and not set(facts) <= set(SettlementFacts.model_fields) \
            else "settlement"
    from assistant.answer.deadlines import parse_date
    t = parse_date(payload.get("today") or today or date.today(), "today")
    if procedure == "settlement":
        data = dict(facts)
        if "as_of" not in data:
            data["as_of"] = t
        sf = SettlementFacts(**data)
        nav = navigate_settlement(sf)
        out = nav.to_dict()
        if sf.due_date and sf.performance in (Performance.NOT_PERFORMED, Performance.PARTLY_PERFORMED,
                                              Performance.UNKNOWN) and "resume_enforcement" in nav.remedies_open:
            try:
                out["deadline"] = compute_deadline("settlement_default", sf.due_date, today=t).to_dict()
            except DeadlineInputError as e:
                out["deadline_error"] = e.to_dict()
        return out
    if procedure == "reversal":
        return navigate_reversal(ReversalFacts(**facts)).to_dict()
    raise FactsError(f"未知程序 {procedure!r}，应为 settlement 或 reversal。",
                     f"Unknown procedure {procedure!r}; use 'settlement' or 'reversal'.")


# ----------------------------------------------------------------------------------------------
# reading a question


def extract_dates(text: str, today: date) -> list[FoundDate]:
    """Every date in the question, in order; impossible ones carry the error instead of a value. A month and
    day followed by a word of service ('裁定书11月20日送达') is the latest such day up to today."""
    return find_dates(text, today)


def _any(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.I) is not None


_SEP = r"[，,。；;！？!?\n()（）]|\.\s"   # NFKC turns the full-width ， ； ？ into ASCII


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(_SEP, text) if c.strip()]


def _clause_after(text: str, end: int) -> str:
    rest = text[end:]
    lead = len(rest) - len(rest.lstrip(" ,，"))
    rest = rest[lead:]
    m = re.search(_SEP, rest)
    return rest[:m.start()] if m else rest


# --- vocabulary (Chinese and English in one pattern where it is natural) ----------------------

_SETTLE = r"和解|settle(?:ment|d)?\b"
_REVERSAL = r"执行回转|回转|execution reversal|revers(?:e|al)|\bset aside\b|overturn|quash|annul"
_BASIS_GONE = (r"撤销|改判|再审|推翻|不予执行|驳回.{0,6}诉讼请求|set aside|overturn|quash|annul|revers|vacat")
_GET_BACK = r"执行完毕|执行完了|执行完|已经执行|被执行(?!人)|执行走|划走|拿走|退还|退回|要回|返还|拿回|退钱|enforced|taken|get .{0,20}back|return"
_ASK_DEADLINE_STRONG = (r"最晚|截止|截至哪|到期|届满|最后期限|最后一天|最后一日|哪天(之前|以前|为止|到期|届满)?|哪一天|几号|什么时候(之前|以前|为止)?|"
                        r"到什么时候|来得及|期限.{0,6}(到|哪天|几号)|deadline|last day|by when|latest|until when|still in time|too late|expire")
_ASK_DEADLINE_WEAK = (r"多久|几天|多长时间|多少天|从哪天(开始)?算|怎么算|起算|期限是(多少|什么|几天)?[？?]?$|"
                      r"how long|how many days|when does .{0,60}start")
_ASK_REMEDY = (r"要不要|需不需要|怎么办|怎么处理|怎么(推翻|撤销|要|追|维权)|能不能|能否|可以吗|可不可以|行不行|行吗|好使吗|能.{0,20}吗|会.{0,12}吗|还能|有.{0,4}办法|有哪些|什么程序|怎么裁|怎样|如何|"
               r"支持|救济|怎么要|what can|can i|can we|can the|could i|options|remed|what happens|will the court|how do|how can|should i|is it possible")
_GENERAL = r"^(什么是|何为|请问什么是)|是什么意思|是什么[？?]?$|什么叫|^what is\b|^what does\b|^define\b|法理|区别|有什么不同|理论上"

_EXCLUDE_SETTLEMENT = (r"违约金.{0,4}(太|过|偏)(高|低)|(调低|调整|降低|减少).{0,4}违约金|以物抵债裁定|抵债裁定|提存|交到(执行)?法院|拒收|不收款|授权|委托|代理人|律师|代表我|老公|老婆|丈夫|妻子|"
                       r"解封|解除.{0,10}查封|失信|黑名单|哪个法院|管辖|违约金能|一并执行|中止执行还是终结|是中止还是终结|口头|往后推|推迟|"
                       r"变更.{0,4}协议|算错|少扣|多扣|撤回.{0,4}执行申请|撤回了?申请|撤(了|销了?)执行申请|withdr[ae]w (my|the|our) (enforcement )?application|不予恢复|查封冻结措施|查封.{0,6}措施|原来的执行案件|保全措施|"
                       r"查封的.{0,8}(还有效|怎么办|会怎么样)|deposit|lawyer|authori[sz]|which court|dishonest|blacklist|in lieu|seized|"
                       r"transferring the apartment")
# (an auction sale: whether the buyer keeps the thing is a question for the notes, not the specific-thing rule)
_EXCLUDE_REVERSAL = (r"拍卖|变卖|auction|国家赔偿|错误执行|司法赔偿|哪个法院|由哪个|重新立案|走什么程序|主动|依职权|不当得利|申请期限|时间限制|有没有.{0,4}期限|保全|"
                     r"不退钱|拒不(返还|退)|就是不退|措施|state compensation|wrongful|which court|own motion|unjust enrichment|time limit")
_EXCLUDE_DEADLINE = r"顺延|住院耽误|耽误了"

# What a settlement question asks about. A fact pattern ending '我该怎么办' wants every path; one asking a
# single thing (the guarantor, what was already paid, a deadline, whether a suit is still open) is answered
# on that thing, and the other paths are offered as a follow-up question. Only the asking sentences count,
# and clauses that set the scene ('恢复执行后', '要是恢复执行，', 'once the court has resumed enforcement,')
# are facts, not asks.
_ASKS_EVERY_PATH = (r"怎么办|怎么处理|怎么做|该如何|有哪些|哪几种|什么办法|哪些办法|有.{0,4}办法|救济|选择|途径|出路|"
                    r"what (can|should) (i|we|he|she|the \w+) do|options|remedies|what now")
_SCENE = (r"(要是|如果|假如|若是?|万一|\bif\b|\bonce\b|\bwhen\b)[^，,。？?]*[，,]|恢复执行(的话|后|以后|之后)|"
          r"(已经|已|又)?(被)?(法院)?(已经)?裁定(了)?恢复(执行)?|申请了恢复执行|"
          r"after (enforcement )?(is |has been )?resum\w*|(has|have|had) (been )?resumed|resumed enforcement")
_ASKS_ABOUT: dict[str, str] = {
    "deduction": (r"(已经?|之前|先前)(还|付|给|履行|支付)(了)?(的)?(那些|部分|钱|款|\d)|还能执行多少|执行多少|全额|扣除|扣掉|"
                  r"抵扣|already (paid|performed)|credited|deduct"),
    "guarantor_enforcement": r"担保人|保证人|担保财产|guarantor|surety",
    "damages_suit": r"损失|赔偿|赔|违约金|damages|compensat|losses",
    "separate_suit": r"起诉|打官司|告他|\bsue\b|lawsuit",
    "invalidity_suit": r"无效|撤销|推翻|作数|不算数|\bvoid\b|revok|rescind",
    "settlement_objection": r"异议|objection",
    "resume_enforcement": r"恢复执行|恢复原|执行原(来的)?判决|\bresume\b|resumption",
}


# narrower than _ASK_DEADLINE_STRONG, which also takes '期限还没到' (a fact) as a deadline question
_ASKS_FOR_A_DATE = (r"最晚|截止|截至|哪天|哪一天|几号|什么时候|到什么时候|来得及|deadline|by when|last day|latest|"
                    r"still in time|too late|until when")


# '恢复执行期限怎么算' asks how a period runs: with a date that is a deadline, whichever remedy it names
_ASKS_HOW_A_PERIOD_RUNS = (r"(期限|期间|时效).{0,6}(怎么算|怎么计算|如何计算|多久|多长|从哪天|起算|到哪天)|"
                           r"how (is|do you) .{0,30}(period|time limit).{0,10}(counted|calculated|computed)")


def _asking_sentences(q: str) -> list[str]:
    """The sentences that ask: those ending in a question mark, and the last one."""
    sentences = [s.strip() for s in re.findall(r"[^。！!？?]+[。！!？?]?", q) if s.strip()]
    if not sentences:
        return []
    return [s for s in sentences[:-1] if s.endswith(("？", "?"))] + [sentences[-1]]


# a path asked about brings the one that leads to it: after fraud or coercion, resumption goes through revoking
# the settlement, and revoking it is worth asking about because resumption follows
_LINKED_WHEN_VITIATED = frozenset({"resume_enforcement", "invalidity_suit"})


def question_focus(q: str) -> frozenset[str]:
    """What a settlement question asks about: remedy ids, 'deduction', 'deadline'; empty when it asks what to
    do (every path) or names nothing the navigator answers."""
    focus: set[str] = set()
    for sentence in _asking_sentences(q):
        if _any(_ASKS_EVERY_PATH, sentence):
            return frozenset()
        if _any(_ASKS_FOR_A_DATE, sentence) or _any(_ASKS_HOW_A_PERIOD_RUNS, sentence):
            focus.add("deadline")   # '最晚什么时候申请恢复执行': the remedy is the deadline's subject, not the ask
            continue
        asked = re.sub(_SCENE, "", sentence, flags=re.I)
        focus |= {key for key, pattern in _ASKS_ABOUT.items() if _any(pattern, asked)}
    return frozenset(focus)


def _is_general(q: str) -> bool:
    return _any(_GENERAL, q.strip())


# ----------------------------------------------------------------------------------------------
# settlement facts from text


def _neutralize(q: str) -> str:
    """Remove phrases that look like facts but deny them ('他也没说不付')."""
    q = re.sub(r"(也)?(没|未)(有)?(说|表示|讲)(过)?(他)?不(会)?(再)?(付|还|履行|给)?", "", q)
    # submission, not performance: 没交法院 / 未提交 / 没告诉法院
    q = re.sub(r"(没|未)(有)?(交|提交|交给|告诉)(给)?(法院|执行法院)?", "", q)
    return q


_P_CLAIM = r"为由|声称|谎称|主张|说(和解)?(协议)?(已经)?(全部)?(履行|付清|还清)|称(已经)?"
_P_ACTUAL = r"其实|实际上|事实上|说实话|但是?他?只|actually|in fact|in reality"
_P_LATE = (r"晚了|迟延|拖了|延迟|逾期.{0,6}(才|付清|履行)|比约定晚|晚付|才付清|才还清|才履行完|才全部|"
           r"\blate\b|delay|months? after|behind schedule")
_P_DEFECT = r"瑕疵|质量问题|毛病|缺陷|不合格|有问题|坏了|defect|faulty|broken|poor quality"
_P_DELIVERED = r"交付|过户|交了|给了|抵债|付清|履行完|全部|delivered|transferred|handed over"
_P_FULL = (r"全部(履行|付清|还清|付完|交付|付了)|履行完毕|履行完了|已经履行完|已履行完|已经付清|付清了|都付了|还清了|全部付清|按协议.{0,4}付清|"
           r"已经.{0,4}付清|fully (performed|paid)|paid (everything|in full|it all|all of it)|performed in full|paid off")
_P_BEING = (r"一直(在)?按.{0,10}(还|付|履行)|正在(按)?.{0,8}履行|按(时|期)(还|付)|每月.{0,4}(还|付)|一点点还|还在还|还有.{0,6}才(还|付)完|"
            r"还得慢|分期.{0,8}还没还完|paying on schedule|paying (in )?instal|is (still )?paying|on time every|being performed")
_P_PARTLY = (r"(付|还|给|履行)了(一部分|一半|部分|\d+(?:\.\d+)?\s*万?元?|[一二三四五六七八九十两百千]+万元?|几期|第一期|\d+%|百分之[一二三四五六七八九十]+).{0,8}"
             r"(就|后|以后|之后)?.{0,3}(不|没|停)(再)?(付|还|给|履行)|第[二三四五六七八九十\d]+期(起)?(就)?(都)?(没|未|不)(有)?(付|还|给|履行)|"
             r"还了一部分就不还|只(付|还|履行|给)了|部分履行|没有全部履行|没全部履行|不完全履行|还差|(没|未)(有)?(付|还)清|"
             r"paid (half|part|some|\d+%)|partly (paid|performed)|stopped paying|then stopped|missed the (second|third|later)")
_P_NOT_DUE = (r"还没到(期|付款日|履行期|约定)|尚未(到期|届至|届满)|(期限|日期|时间|日子)还没到|没到期|未到期|还不到(期|时间)|约定明年|明年.{0,4}(付|还)|"
              r"not (yet )?due|before the due date|has not (yet )?(come|arrived)")
_P_NOT_PERF = (r"(没|未|不|拒不|拒绝)(有)?(再)?(按.{0,8})?(付|还钱|还款|还|履行|给钱|支付|交付|交)|一分钱(都)?没|一分没给|违约|不履行|没履行|没有履行|(还|仍|仍然)欠|"
               r"nothing (was|has been) paid|paid nothing|not paid anything|no payment|did not pay|didn't pay|hasn'?t paid|has not paid|never paid|not paid|default|breach|failed to (pay|perform)")
_P_REPUDIATE = (r"明确(表示|说|跟我说|告诉我)?.{0,8}不(会|再|打算|准备)?(按.{0,8})?(付|还|履行)|说不(付|还)了|表示不(再)?履行|拒绝履行|不打算(付|还|履行)|"
                r"said (he|she|they|it) (will|would) not|won'?t pay|refuses? to pay|repudiat")
_P_FRAUD = r"骗|欺诈|谎称|诈骗|虚构|蒙骗|\btrick|deceiv|fraud|\blied\b|misrepresent"     # ('applied' is no lie)
_P_COERCE = r"胁迫|威胁|逼(我|着|迫)|恐吓|强迫|coerc|threat|forced me|under duress"
_P_OTHER_SAYS = (r"(对方|他|她|被执行人|申请人|申请执行人|债务人|债权人)(一直|还)?(说|称|主张|声称|认为|起诉说)|"
                 r"(he|she|they|the debtor|the creditor) (says|said|claims|claimed|alleges|alleged)")
_P_DEBTOR = (r"我是被执行人|我[（(]被执行人[)）]|作为被执行人|我(已经)?(按|依)(照)?(和解)?协议.{0,6}(付清|履行|付款|还)|我(私下)?(跟|和|与)申请(执行)?人|"
             r"我没(有)?按(约定|协议)|i am the debtor|i'm the debtor|as the debtor|i have paid|i paid|i've paid")
_P_NEITHER_PARTY = (r"我是(担保人|保证人|案外人|第三人|利害关系人)|作为(担保人|保证人|案外人|第三人)|我[（(](担保人|保证人|案外人)[)）]|"
                    r"i am (the |a )?(guarantor|surety|third party)|i'm (the |a )?(guarantor|surety|third party)|as (the |a )?guarantor")
_P_CREDITOR = (r"我是申请执行人|我[（(]申请执行人[)）]|作为申请执行人|欠我|还我|赔我|给我钱|骗我|逼我|我申请(了)?恢复执行|我(想|能|可以|要)(现在)?(就)?(申请)?恢复执行|"
               r"i am the creditor|i'm the creditor|as the creditor|owes me|pay me|resume enforcement")


def _performance(q: str) -> Performance:
    q = _neutralize(q)
    clauses = _clauses(q)
    actual = [c for c in clauses if _any(_P_ACTUAL, c)]
    normal = [c for c in clauses if c not in actual and not _any(_P_CLAIM, c)]

    def detect(cs: list[str], whole: str) -> Performance:
        joined = "，".join(cs)
        if not joined:
            return Performance.UNKNOWN
        if _any(_P_LATE, joined) and _any(_P_FULL + r"|付清|还清|履行完|paid", whole):
            return Performance.PERFORMED_LATE
        if _any(_P_DEFECT, joined) and _any(_P_DELIVERED, whole):
            return Performance.PERFORMED_DEFECTIVELY
        if _any(_P_PARTLY, joined):
            return Performance.PARTLY_PERFORMED
        if _any(_P_FULL, joined):
            return Performance.FULLY_PERFORMED
        if _any(_P_BEING, joined):
            return Performance.BEING_PERFORMED
        if _any(_P_NOT_DUE, joined):
            return Performance.NOT_DUE
        if _any(_P_NOT_PERF, joined):
            return Performance.NOT_PERFORMED
        return Performance.UNKNOWN

    for group in (actual, normal):
        p = detect(group, q)
        if p != Performance.UNKNOWN:
            return p
    return Performance.UNKNOWN


def settlement_facts_from_text(q: str, *, today: date, dates: list[FoundDate] | None = None) -> SettlementFacts:
    """Read SettlementFacts from a question (may raise ContradictoryFactsError)."""
    qn = _neutralize(q)
    role = Role.UNKNOWN
    if _any(_P_NEITHER_PARTY, q):
        pass    # a guarantor or other third party asking: the rules still apply, but not to 'you' as a party
    elif _any(_P_DEBTOR, q):
        role = Role.DEBTOR
    elif _any(_P_CREDITOR, q) or _any(r"(对方|他|她|债务人|被执行人)(一直|到期|就|也|还)?(没|不|拒|违约)|the debtor|he |she |they ", q):
        role = Role.CREDITOR
    submission = Submission.UNKNOWN
    if _any(r"(不认可|没(有)?认可|从来没认可|不承认|不予认可|doesn'?t accept|never accepted|disputes? (it|the))", q):
        submission = Submission.UNRECOGNIZED
    elif _any(r"私下|没(有)?交(给)?法院|没交|未(提交|交给)|没(有)?提交|没告诉法院|自行达成|never submitted|not submitted|out[- ]of[- ]court|privately", q):
        submission = Submission.NOT_SUBMITTED
    elif _any(r"笔录", q):
        submission = Submission.RECORDED
    elif _any(r"(交给|提交(给)?|交到)法院|法院(已经)?(裁定)?中止(了)?执行|submitted (it )?to the court", q):
        submission = Submission.SUBMITTED
    vitiation = Vitiation.NONE
    own = "，".join(c for c in _clauses(q) if not _any(_P_OTHER_SAYS, c))   # not the other side's allegations
    if _any(_P_COERCE, own):
        vitiation = Vitiation.COERCION
    elif _any(_P_FRAUD, own):
        vitiation = Vitiation.FRAUD
    validity = Validity.UNCHALLENGED
    if _any(r"和解协议(已经)?被(法院)?(判决)?(确认)?(无效|撤销)|(确认|判决|认定)(和解协议)?无效了|declared (void|invalid)|was revoked", q):
        validity = Validity.INVALID_OR_REVOKED
    elif _any(r"(被执行人|对方|他|她|债务人)(已经)?起诉.{0,16}(无效|撤销)|(无效|撤销).{0,10}(官司|诉讼|案子).{0,8}(还在|没打完|未审结|在审|审理中)|"
              r"sued to (have|declare|annul|revoke)", q):
        validity = Validity.SUIT_PENDING
    elif _any(r"不成立|未生效|没生效", q):
        validity = Validity.NOT_FORMED
    invalidity_alleged = _any(r"(我|我们)(认为|觉得).{0,10}(无效|应当撤销|该撤销)|推翻|想撤销|还作数|是否有效|还有效吗", q)
    guarantee = Guarantee.NONE
    if _any(r"担保|保证人|guarant|surety", q):
        neg = re.search(r"(没|未|没有|并未|从未|never|not|no)[^，。,.]{0,10}(承诺|undertak|promis)", q, re.I)
        if neg or _any(r"(只|仅)(是)?(在.{0,6})?签(了)?(个)?字|only signed", q):
            guarantee = Guarantee.NO_UNDERTAKING
        elif _any(r"承诺|自愿接受.{0,4}(直接)?(强制)?执行|undertak|promised the court", q):
            guarantee = Guarantee.WITH_UNDERTAKING
        else:
            guarantee = Guarantee.UNSPECIFIED
    resumed = _any(r"(已经|已|也)(裁定)?恢复(执行)?了?|已经恢复执行|裁定恢复(执行)?了|court (has )?resumed|enforcement (has been|was) resumed", q) \
        and not _any(r"不予恢复", q)
    suit_filed = _any(r"我(已经|已)(就.{0,10})?(起诉|提起诉讼)|我起诉了|法院(已经)?受理了?我的(起诉|诉讼)|i (have )?(already )?(sued|filed (a )?suit)", q)
    debtor_objection = _any(r"被执行人.{0,12}(提|提出)(执行)?异议|(拿|以|依据|根据).{0,20}(提|提出)(执行)?异议|debtor .{0,30}object", q)
    performance = _performance(q)
    repudiated = _any(_P_REPUDIATE, qn)
    # the agreed date: the latest date in the question that is not "now"
    due: date | None = None
    cand = [d for d in _main_dates(q, dates or []) if d.value is not None and
            not _near(q, d, r"现在|今天|目前|today|now", after=False)]
    if cand:
        due = max(d.value for d in cand)  # type: ignore[type-var]
    if due and due > today and performance in (Performance.UNKNOWN, Performance.NOT_PERFORMED):
        performance = Performance.NOT_DUE
    amount = None
    m = re.search(r"(?:付|还|给|履行)了\s*(\d+(?:\.\d+)?\s*万元?|\d+(?:\.\d+)?\s*元|[一二三四五六七八九十两百千]+万元?|一半)", q)
    if m:
        amount = m.group(1)
    return SettlementFacts(
        role=role, submission=submission, vitiation=vitiation, validity=validity,
        invalidity_alleged=invalidity_alleged, performance=performance, repudiated=repudiated, guarantee=guarantee,
        enforcement_resumed=resumed, resumption_refused=_any(r"裁定不予恢复", q), suit_filed=suit_filed,
        debtor_objection=debtor_objection and role != Role.DEBTOR,
        reached_before_enforcement=_any(r"执行前|执行立案(之)?前|申请执行(之)?前|立案前|before enforcement", q),
        concealment=_any(r"隐瞒|conceal|hid ", q), due_date=due, as_of=today, amount_paid=amount)


def _near(text: str, d: FoundDate, pattern: str, *, after: bool = True, window: int = 6) -> bool:
    before = text[max(0, d.start - window):d.start]
    if re.search(pattern, before, re.I):
        return True
    if after:
        return re.search(pattern, text[d.end:d.end + window], re.I) is not None
    return False


# ----------------------------------------------------------------------------------------------
# reversal facts from text


def reversal_facts_from_text(q: str) -> ReversalFacts:
    basis = Basis.UNKNOWN
    if _any(r"仲裁|arbitra", q):
        basis = Basis.ARBITRAL_AWARD
    elif _any(r"公证|notari", q):
        basis = Basis.NOTARIZED_DEBT
    elif _any(r"判决|裁定|调解书|一审|二审|再审|judgment|ruling", q):
        basis = Basis.JUDGMENT
    status = BasisStatus.UNKNOWN
    if _any(r"改判.{0,8}(少|减)|只是被改判|部分撤销|部分改判|减少了?金额|少付|reduced|partly (set aside|changed)", q):
        status = BasisStatus.CHANGED
    elif basis in (Basis.ARBITRAL_AWARD, Basis.NOTARIZED_DEBT) and _any(r"不予执行", q) and not _any(r"撤销", q):
        status = BasisStatus.NOT_ENFORCED
    elif _any(r"撤销|改判|推翻|驳回.{0,6}诉讼请求|再审.{0,6}(改|撤)|set aside|overturn|quash|annul|reversed|vacated|revoked", q):
        status = BasisStatus.REVOKED
    elif _any(r"执行回转(时|中|的时候|程序中)|(during|in) (an |the )?(execution )?reversal", q):
        status = BasisStatus.REVOKED     # a reversal under way presupposes it
    expired_paid = _any(r"时效.{0,8}(过了|届满|已过|已经过|过期)|period .{0,30}(expired|ran out|run out)", q) and \
        _any(r"付清|履行|付了|还了|配合|paid|performed", q)
    if status == BasisStatus.UNKNOWN and expired_paid:
        status = BasisStatus.NOT_REVOKED
    revoked_by = RevokedBy.UNKNOWN
    if status in (BasisStatus.REVOKED, BasisStatus.CHANGED, BasisStatus.NOT_ENFORCED):
        if _any(r"有关机关|公证(处|机构).{0,4}撤销|被.{0,4}机关撤销|(notary|authority) (revoked|set aside)", q):
            revoked_by = RevokedBy.OTHER_AUTHORITY
        elif _any(r"法院|再审|二审|court|retrial|appeal", q):
            revoked_by = RevokedBy.COURT
    if basis == Basis.JUDGMENT and revoked_by == RevokedBy.OTHER_AUTHORITY:
        basis = Basis.OTHER_DOCUMENT
    executed = Executed.UNKNOWN
    specific = _any(r"原物|特定物|机床|设备|机器|字画|画作|古董|车|房子|房产|货物|钢材|实物|specific (item|thing|property)|machine|painting|car\b|vehicle|equipment", q)
    money = _any(r"\d+\s*万|钱|款|\d+\s*元|利息|money|\bsum\b|\bpaid\b|\$|rmb|yuan", q)
    if _any(r"原物|特定物|specific (item|thing|property)", q) or (specific and not money):
        executed = Executed.SPECIFIC_PROPERTY
    elif money:
        executed = Executed.MONEY
    elif specific:
        executed = Executed.SPECIFIC_PROPERTY
    returnable = Returnable.UNKNOWN
    if _any(r"毁损|灭失|报废|卖给(了)?(别人|他人|第三人)|转卖|卖掉|卖了|不能退还|没法退|无法(退还|返还)|已经没了|destroyed|lost|sold (it )?to|scrapped|no longer exists|cannot be returned|can no longer be returned", q):
        returnable = Returnable.NOT_RETURNABLE
    elif _any(r"还在(对方)?(手里|手上|那里)|(原物|房子|房产|车|设备|机器|东西|货|字画)(都)?还在|能退还|still (has|have|exists)", q):
        returnable = Returnable.RETURNABLE
    if executed == Executed.MONEY and returnable == Returnable.NOT_RETURNABLE:
        returnable = Returnable.UNKNOWN
    valuation = Valuation.UNKNOWN
    if executed == Executed.SPECIFIC_PROPERTY:
        if _any(r"谈不拢|协商不成|不能协商一致|(意见|金额)不一致|达不成|不同意折价|cannot agree|can'?t agree|no agreement|disagree", q):
            valuation = Valuation.DISAGREED
        elif _any(r"(双方|都)?同意.{0,12}(折价|折成|折现|赔偿|现金)|协商一致.{0,10}折价|agreed? (on|to) (a )?(value|cash|compensation)", q):
            valuation = Valuation.AGREED
        elif _any(r"(说|提出|要求|想)(给我)?.{0,4}(折价|折现|给钱).{0,8}不(还|退)|offers? (cash|money) instead", q):
            valuation = Valuation.PROPOSED
    stage = Stage.COMPLETED
    if _any(r"还没(有)?执行|尚未执行|nothing (has been|was) enforced", q):
        stage = Stage.NOT_EXECUTED
    elif _any(r"执行中|还在执行|没执行完|执行了一部分|已经划走的那部分|still under way|partly enforced", q):
        stage = Stage.IN_PROGRESS
    fruits = _any(r"利息|孳息|收益|租金|赚了|interest|fruits|rent", q) and stage != Stage.NOT_EXECUTED
    return ReversalFacts(executed=executed, fruits=fruits, stage=stage, basis=basis, basis_status=status,
                         revoked_by=revoked_by, returnable=returnable, valuation=valuation,
                         paid_after_period_expired=expired_paid)


# ----------------------------------------------------------------------------------------------
# deadline events from text

_COURT_TAKES = (r"(法院|court).{0,15}(多长时间|多久|几天|多少天|how long|how many days|within how)|"
                r"(多长时间|多久|几天|多少天)内?.{0,4}(作出|审查|裁定|答复)|how long .{0,20}court .{0,10}(rule|decide)")
_EVENT_PATTERNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # event, patterns that must all match, anchor for choosing the date
    # a period already missed: the question is the extension (art. 86), whichever period it was
    ("extension_after_obstacle", (r"耽误|错过|误了|missed", r"顺延|延长|补救|还能|extend|still"), r"消除|出院|结束|ended|recover"),
    ("distribution_opposition_suit", (r"分配方案", r"反对意见|异议之诉", r"起诉|诉讼|之诉"), r"收到|通知"),
    ("distribution_plan_objection", (r"分配方案|distribution plan",), r"收到|送达|receiv|served"),
    ("arbitration_third_party_non_enforcement", (r"案外人", r"不予执行", r"仲裁"), r"知道|采取"),
    ("arbitration_non_enforcement", (r"不予执行|non-enforcement|not (to )?enforce", r"仲裁|arbitra"), r"送达|收到|served|receiv"),
    ("notarized_non_enforcement", (r"不予执行|non-enforcement|not (to )?enforce", r"公证|notari"), r"送达|收到|served|receiv"),
    ("jurisdiction_objection", (r"管辖", r"异议|object"), r"收到|送达|receiv|served"),
    ("exit_ban_reconsideration", (r"限制出境|exit ban",), r"收到|送达|receiv|served"),
    ("party_change_suit", (r"追加|变更.{0,6}(被执行人|当事人)|added (me |us |him |her |them )?as (a |an )?(additional )?(judgment )?debtor", r"异议之诉|起诉|诉讼|sue|lawsuit"),
     r"送达|收到|served|receiv"),
    ("party_change_reconsideration", (r"追加|变更.{0,6}(被执行人|当事人)|added (me |us |him |her |them )?as (a |an )?(additional )?(judgment )?debtor", r"复议|reconsideration"),
     r"送达|收到|served|receiv"),
    ("dishonest_list_reconsideration", (r"失信|dishonest", r"复议|reconsideration"), r"送达|收到|served|receiv"),
    # how long the court has to decide an objection (not the objector's next step)
    ("third_party_objection_review", (r"案外人|third[- ]party", r"异议|objection", _COURT_TAKES,
                                      r"^(?!.*(复议|reconsideration|之诉|起诉|\bsue\b|lawsuit))"), r"提出|提交|收到|filed|submitted"),
    ("objection_review", (r"异议|objection", _COURT_TAKES, r"^(?!.*(复议|reconsideration|之诉|起诉|\bsue\b|lawsuit|和解|settle))"),
     r"提出|提交|收到|filed|submitted"),
    ("third_party_objection_ruling", (r"案外人|third[- ]party|objection (by|of) a third party|not a party",
                                      r"异议|object", r"异议之诉|起诉|诉讼|\bsue\b|lawsuit|suit\b"),
     r"送达|收到|served|receiv"),
    # a third party's objection dismissed: the next step is the suit (or retrial), whether or not it is named
    ("third_party_objection_ruling", (r"案外人|third[- ]party", r"异议|object", r"驳回|dismiss|reject",
                                      r"^(?!.*(复议|reconsideration))"), r"送达|收到|served|receiv"),
    ("objection_ruling_reconsideration", (r"异议|objection", r"复议|reconsideration"), r"送达|收到|served|receiv"),
    # the suit against an objection ruling is the suit after a 238 objection (a third party's, or the creditor's
    # when that objection succeeded), whether or not the asker says so
    ("third_party_objection_ruling", (r"执行异议之诉|objection suit", r"^(?!.*(复议|reconsideration))"),
     r"送达|收到|served|receiv"),
    # an objection to an enforcement act was dismissed: the next step is reconsideration (not in settlement talk)
    ("objection_ruling_reconsideration", (r"执行异议|objection", r"驳回|dismiss|reject", r"^(?!.*(和解|settle|案外人|third))"),
     r"送达|收到|served|receiv"),
    # '裁定书11月20日送达，我想申请复议': reconsideration of a ruling not named otherwise is the objection ruling's
    ("objection_ruling_reconsideration", (r"申请复议|apply for reconsideration", r"裁定|ruling",
                                          r"^(?!.*(和解|settle|回转|revers))"), r"送达|收到|served|receiv"),
)


def _event_of(text: str) -> tuple[str, str] | None:
    """(event, anchor for its date) of the first pattern the text matches."""
    return next(((ev, anc) for ev, pats, anc in _EVENT_PATTERNS if all(_any(p, text) for p in pats)), None)


def _periods_asked(q: str) -> list[str]:
    """The events of the asking sentences that ask about a period, in the order asked ('多少天内提异议？后面的
    异议之诉又有什么期限？' asks two)."""
    asks_period = "|".join((_ASK_DEADLINE_STRONG, _ASK_DEADLINE_WEAK, r"期限|期间"))
    found = [_event_of(s) for s in _asking_sentences(q) if _any(asks_period, s)]
    return list(dict.fromkeys(e for e, _ in filter(None, found)))

def _pick(q: str, dates: list[FoundDate], anchor: str | None) -> FoundDate | None:
    good = [d for d in dates if d.value is not None]
    if not good:
        return None
    if anchor:
        anchored = [d for d in good if _near(q, d, anchor, window=8)]
        if anchored:
            return anchored[-1]
    return max(good, key=lambda d: d.value)  # type: ignore[arg-type,return-value]


def _judgment_event(q: str) -> tuple[str, str | None, int | None] | None:
    """(event, anchor, performance days) for a question about the period to apply for enforcement."""
    if not _any(r"判决|裁定|调解书|法律文书|仲裁裁决|公证债权文书|judgment|judgement|award", q):
        return None
    # '生效之日起十日内履行', '判决2024年3月1日生效，要求十日内付款'
    m = re.search(r"生效(?:之日起|后)?[^。？?；;]{0,12}?([\d一二三四五六七八九十百两]+)\s*(?:个)?(?:日|天)(?:内|之内)", q)
    if m:
        from assistant.text.numerals import parse_numeral
        with contextlib.suppress(ValueError):  # an unreadable day count: try the other patterns
            return "judgment_days_after_effective", r"生效", parse_numeral(m.group(1).replace("两", "二"))
    m = re.search(r"within (\d+) days of (taking effect|becoming effective)", q, re.I)
    if m:
        return "judgment_days_after_effective", r"effect", int(m.group(1))
    if _any(r"公证债权文书|notari", q):
        return "notarized_debt_due", None, None
    if _any(r"分期|最后一期|instal", q):
        return "judgment_instalments", r"最后一期|last instal", None
    if _any(r"禁止|不得|不作为|停止(使用|侵害)|又开始|refrain|must not|stop using", q):
        return "judgment_omission_breach", r"又|开始|违反|breach|again", None
    if _any(r"(没|未|没有)(写|规定|约定|明确)?.{0,4}(履行)?(期限|期间|日期)|no (time|deadline|period) for performance|did not say when", q):
        return "judgment_no_period", r"生效|effect", None
    return "judgment_due", r"前|之前|以前|by\b|before", None


_P_INTERRUPT = (r"催(款|收|讨|告|他|她|对方)|(要求|让)(他|她|对方)?(还|付|履行)|律师函|(承认|同意)(还|付|履行|欠)|还了(一部分|\d|[一二三四五六七八九十])|又(签|达成)|"
                r"acknowledg|demand letter|demanded|agreed to pay|promised to pay|paid part")


def _interruption_dates(q: str, dates: list[FoundDate]) -> list[FoundDate]:
    """Dates whose clause reports a demand, an acknowledgement or part payment (中断事由)."""
    out = []
    for d in dates:
        if d.value is None:
            continue
        if _any(_P_INTERRUPT, _clause_after(q, d.end)):
            out.append(d)
    return out


def _find_interruptions(q: str, dates: list[FoundDate], event_date: date) -> list[date]:
    return [d.value for d in _interruption_dates(q, dates) if d.value and d.value > event_date]


def _main_dates(q: str, dates: list[FoundDate]) -> list[FoundDate]:
    """Dates that can be the event date: not interruption dates, not the ends of an obstacle period."""
    skip = {id(d) for d in _interruption_dates(q, dates)}
    for a, b in zip(dates, dates[1:]):
        if (a.value, b.value) in _find_suspensions(q, dates):
            skip |= {id(a), id(b)}
    return [d for d in dates if id(d) not in skip]


def _find_suspensions(q: str, dates: list[FoundDate]) -> list[tuple[date, date]]:
    out = []
    for a, b in zip(dates, dates[1:]):
        if a.value is None or b.value is None:
            continue
        between = q[a.end:b.start]
        if re.fullmatch(r"\s*(至|到|～|~|—|-|–|to|until|through)\s*", between, re.I):
            ctx = q[max(0, a.start - 20):b.end + 25]
            if _any(r"住院|昏迷|不可抗力|疫情|地震|洪水|被(羁押|拘留|控制)|无法(行使|申请)|hospital|force majeure|detained|coma|unable to", ctx):
                out.append((a.value, b.value))
    return out


# ----------------------------------------------------------------------------------------------
# answers


class NavigatorAnswer(BaseModel):
    """What the chat shows for a navigator question."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    question: str
    lang: str
    kind: Literal["settlement", "reversal", "deadline", "error"]
    text: str
    citations: tuple[tuple[str, int], ...]
    remedies_open: tuple[str, ...] = ()
    remedies_closed: tuple[str, ...] = ()
    deadline: date | None = None
    deadline_result: DeadlineResult | None = None
    navigation: Navigation | None = None
    follow_up: str | None = None
    error: dict | None = None
    facts: dict = {}
    # what the text answers ('guarantor_enforcement', 'deduction', 'deadline', …); empty: every path
    focus: tuple[str, ...] = ()
    every_path_question: str | None = None   # offered when the answer is narrowed to what was asked

    def to_dict(self) -> dict:
        d = self.model_dump(mode="json", exclude={"deadline_result", "navigation"})
        d["citations"] = [list(c) for c in self.citations]
        if self.deadline_result:
            d["deadline_result"] = self.deadline_result.to_dict()
        if self.navigation:
            d["navigation"] = self.navigation.to_dict()
        return d


_FACT_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "role": {"creditor": ("你是申请执行人", "you are the creditor"), "debtor": ("你是被执行人", "you are the debtor")},
    "submission": {"submitted": ("和解协议已提交法院", "the settlement was submitted to the court"),
                   "recorded": ("和解已记入执行笔录", "the settlement was recorded by the court"),
                   "not_submitted": ("和解协议是私下达成、未提交法院的", "the settlement was private, not submitted to the court"),
                   "unrecognized": ("和解协议由一方提交法院、另一方不认可", "one side submitted the settlement and the other disputes it")},
    "vitiation": {"fraud": ("和解是受欺诈达成的", "the settlement was obtained by fraud"),
                  "coercion": ("和解是受胁迫达成的", "the settlement was obtained by coercion")},
    "validity": {"suit_pending": ("有人已起诉主张和解协议无效或应撤销，尚未审结", "a suit claiming the settlement is void is pending"),
                 "invalid_or_revoked": ("和解协议已被确认无效或撤销", "the settlement has been declared void or revoked"),
                 "not_formed": ("和解协议不成立或未生效", "the settlement was never formed or is not in effect")},
    "performance": {"not_due": ("约定的履行期限尚未届至", "performance is not yet due"),
                    "being_performed": ("被执行人正在按约履行", "the debtor is performing on schedule"),
                    "partly_performed": ("被执行人只履行了一部分", "the debtor performed only part"),
                    "not_performed": ("被执行人没有履行", "the debtor has not performed"),
                    "fully_performed": ("和解协议已经履行完毕", "the settlement has been fully performed"),
                    "performed_late": ("和解协议已履行完毕但有迟延", "the settlement was performed, but late"),
                    "performed_defectively": ("和解协议已履行但有瑕疵", "the settlement was performed defectively")},
    "guarantee": {"guarantee_no_undertaking": ("有担保人，但未向法院承诺接受直接强制执行", "there is a guarantor without an undertaking to the court"),
                  "guarantee_with_undertaking": ("担保人向法院承诺自愿接受直接强制执行", "the guarantor undertook to the court to accept direct enforcement"),
                  "guarantee_unspecified": ("和解协议有担保", "the settlement has a guarantee")},
    "executed": {"money": ("被执行的是金钱", "money was enforced"),
                 "specific_property": ("被执行的是特定物", "a specific item was enforced")},
    "basis": {"arbitral_award": ("执行依据是仲裁裁决", "the basis was an arbitral award"),
              "notarized_debt": ("执行依据是公证债权文书", "the basis was a notarized debt instrument"),
              "judgment": ("执行依据是判决、裁定或调解书", "the basis was a court judgment")},
    "basis_status": {"revoked": ("执行依据已被撤销", "the basis has been set aside"),
                     "changed": ("执行依据被部分变更", "the basis was partly changed"),
                     "not_enforced": ("执行依据被裁定不予执行", "enforcement of the basis was refused"),
                     "not_revoked": ("执行依据没有被撤销", "the basis has not been set aside")},
    "returnable": {"returnable": ("原物还能退还", "the item can be returned"),
                   "not_returnable": ("原物已不能退还", "the item can no longer be returned")},
    "valuation": {"agreed": ("双方同意折价赔偿", "both sides agree on compensation"),
                  "disagreed": ("双方对折价赔偿协商不成", "the sides cannot agree on compensation"),
                  "proposed": ("对方提出以折价代替退还原物", "the other side offers cash instead of the item")},
}
_FLAG_WORDS: dict[str, tuple[str, str]] = {
    "repudiated": ("被执行人已明确表示不履行", "the debtor has said it will not perform"),
    "enforcement_resumed": ("法院已裁定恢复执行", "the court has resumed enforcement"),
    "suit_filed": ("你已就和解协议起诉", "you have sued on the settlement"),
    "debtor_objection": ("被执行人依据和解协议提出了执行异议", "the debtor objects on the basis of the settlement"),
    "fruits": ("财产产生了利息等孳息", "the property earned interest or other fruits"),
    "paid_after_period_expired": ("申请执行时效届满后才履行", "payment was made after the enforcement period expired"),
}


def _facts_summary(facts: dict, lang: str) -> str:
    i = 0 if lang == "zh" else 1
    parts = []
    for k, words in _FACT_WORDS.items():
        v = facts.get(k)
        if v in words:
            parts.append(words[v][i])
    for k, words in _FLAG_WORDS.items():
        if facts.get(k):
            parts.append(words[i])
    if facts.get("due_date"):
        d = date.fromisoformat(facts["due_date"])
        parts.append(f"约定履行期限最后一日为{fmt_zh(d)}" if lang == "zh" else f"the agreed last day was {fmt(d, 'en')}")
    return ("；".join(parts) if lang == "zh" else "; ".join(parts))


# offered after an answer narrowed to what was asked; asked in the same conversation, it gets every path
EVERY_PATH_QUESTION = {"zh": "我还有哪些救济途径？", "en": "What are all my options?"}


@dataclass(frozen=True)
class _Composed:
    text: str
    cited: list[Provision]
    focus: frozenset[str]   # what the text answers; empty: every path


def _compose(lang: str, title: str, nav: Navigation | None, dl: DeadlineResult | None,
             follow_up: str | None, extra: list[str] | None = None,
             focus: frozenset[str] = frozenset()) -> _Composed:
    """The answer's text and the provisions it cites. With a ``focus``, only the remedies and notes the
    question asks about are shown (and the deadline only when asked); when none of them applies on these
    facts, every path is shown and the focus is dropped."""
    zh = lang == "zh"
    remedies = list(nav.remedies) if nav is not None else []
    caveats = list(nav.notes) if nav is not None else []
    if focus and nav is not None:
        if nav.facts.get("vitiation") not in (None, "none") and focus & _LINKED_WHEN_VITIATED:
            focus = focus | _LINKED_WHEN_VITIATED
        asked_remedies = [r for r in remedies if r.remedy in focus]
        asked_caveats = [n for n in caveats if _note_about(n.code, nav.procedure) & focus]
        asked_dl = dl if "deadline" in focus else None
        if asked_remedies or asked_caveats or asked_dl is not None:
            remedies, caveats, dl = asked_remedies, asked_caveats, asked_dl
        else:
            focus = frozenset()
    cited: list[Provision] = []
    lines = [title]
    if nav is not None:
        summary = _facts_summary(nav.facts, lang)
        if summary:
            lines.append(("我理解的事实：" if zh else "Facts as I understand them: ") + summary + ("。" if zh else "."))
        opened = [r for r in remedies if r.status == "open"]
        closed = [r for r in remedies if r.status == "closed"]
        for heading_zh, heading_en, group in (("可以走的路：", "Open to you:", opened), ("走不通的路：", "Closed:", closed)):
            if not group:
                continue
            lines.append(heading_zh if zh else heading_en)
            for n, r in enumerate(group, 1):
                lines.append(f"{n}. {r.name(lang)}：{r.reason(lang)}（依据：{cite_list(r.provisions, lang)}）" if zh else
                             f"{n}. {r.name(lang)}: {r.reason(lang)} ({cite_list(r.provisions, lang)})")
                cited += r.provisions
        if not focus and not opened and not closed and not follow_up:
            lines.append("根据现有事实，规则没有得出明确的救济路径。" if zh else "On these facts the rules give no clear remedy.")
    if dl is not None:
        lines.append(("期限：" if zh else "Deadline: ") + dl.explanation(lang))
        cited += dl.provisions
    notes: list[str] = []
    if nav is not None:
        for n in caveats:
            if dl is not None and n.code == "N-resume-period":
                continue   # the deadline says it in full
            p = _note_provs(n.code, nav.procedure)
            cited += p
            body = n.text(lang)
            if p and zh:
                notes.append(body.rstrip("。") + f"（依据：{cite_list(p, lang)}）。")
            elif p:
                notes.append(body.rstrip(".") + f" ({cite_list(p, lang)}).")
            else:
                notes.append(body)
    if dl is not None:
        notes += [w.text(lang) for w in dl.warnings]
    notes += extra or []
    if notes:
        # with a focus and no remedy to list, the notes are the answer itself
        answer_only = bool(focus) and not remedies and dl is None
        lines.append(("回答：" if zh else "Answer:") if answer_only else ("注意：" if zh else "Note:"))
        lines += [f"- {t}" for t in notes]
    if follow_up:
        lines.append(("还需要确认：" if zh else "To answer fully I need to know: ") + follow_up)
    if focus:
        lines.append(f"以上只回答了你问的这一点；想了解全部救济路径，可以接着问：“{EVERY_PATH_QUESTION['zh']}”" if zh else
                     f"This answers only what you asked; for every remedy open to you, ask: \"{EVERY_PATH_QUESTION['en']}\"")
    lines.append("以上依据现行条文编号，是基于规则的初步判断，不构成法律意见；具体请咨询律师或执行法院。" if zh else
                 "Article numbers are current. This is a rule-based first assessment, not legal advice.")
    return _Composed("\n".join(lines), dedupe(cited), focus)


def _note_rule(code: str, procedure: str) -> NoteRule | None:
    return next((n for n in (SETTLEMENT_NOTES if procedure == "settlement" else REVERSAL_NOTES) if n.id == code), None)


def _note_about(code: str, procedure: str) -> frozenset[str]:
    rule = _note_rule(code, procedure)
    return rule.about if rule else frozenset()


def _note_provs(code: str, procedure: str) -> tuple[Provision, ...]:
    rule = _note_rule(code, procedure)
    return rule.provisions if rule else ()


def _error_answer(question: str, lang: str, err: InputError, follow_zh: str, follow_en: str,
                  facts: dict | None = None) -> NavigatorAnswer:
    zh = lang == "zh"
    follow = follow_zh if zh else follow_en
    text = ("无法计算：" if zh else "Cannot compute: ") + err.message(lang) + "\n" + \
        (("请提供：" if zh else "Please tell me: ") + follow if follow else "")
    return NavigatorAnswer(question=question, lang=lang, kind="error", text=text.strip(), citations=(),
                           follow_up=follow or None, error=err.to_dict(), facts=facts or {})


def _verify(citations: list[Provision], registry: Any) -> list[Provision]:
    if registry is None:
        return citations
    return [c for c in citations if registry.has_article(c[0], c[1])]


def answer_from_question(question: str, *, today: date, lang: str | None = None,
                         registry: Any = None) -> NavigatorAnswer | None:
    """Answer a fact-pattern or date question with the navigator and calculator; None if it is not one.

    lang: "zh" or "en" (default: the question's language). registry: a LawRegistry; when given, citations
    that do not exist in it are dropped (they never should be — the tests check every rule).
    """
    if not isinstance(question, str) or not question.strip():
        return None
    q = unicodedata.normalize("NFKC", question).strip()
    if _any(OTHER_SYSTEMS, q):     # the navigator applies Chinese rules; other systems are the notes' to describe
        return None
    lang = lang or detect_lang(q)
    if lang not in ("zh", "en"):
        lang = "zh"
    dates = extract_dates(q, today)
    bad = [d for d in dates if d.error is not None]
    ask_deadline = _any(_ASK_DEADLINE_STRONG, re.sub(_ASK_DEADLINE_WEAK, "", q, flags=re.I))
    ask_weak = _any(_ASK_DEADLINE_WEAK, q)
    ask_remedy = _any(_ASK_REMEDY, q)
    general = _is_general(q)

    # ---- which kind of question ---------------------------------------------------------------
    settlement = _any(_SETTLE, q)
    reversal = _any(r"执行回转|execution reversal", q) or (_any(_BASIS_GONE, q) and _any(_GET_BACK, q)
                                                          and not settlement)
    event, anchor = _event_of(q) or (None, None)
    perf_days = None
    if event is None and settlement:
        event, anchor = "settlement_default", None
    if event is None and not reversal and _any(r"申请(强制)?执行|强制执行|apply for enforcement|enforce", q):
        je = _judgment_event(q)
        if je:
            event, anchor, perf_days = je

    # '申请执行时效是多久' names no judgment: the two years, and where they start for each kind of judgment
    # ('判决生效后申请执行的期限是多久' names a judgment but not how it sets performance: the same)
    unspecific = event is None or (event == "judgment_due" and not _any(_SETS_PERFORMANCE, q))
    if unspecific and not (settlement or reversal or dates) and _any(_ASKS_ENFORCEMENT_PERIOD, q) \
            and (ask_deadline or ask_weak or _any(_ASKS_LENGTH, q)) and not _any(_PERIOD_INCIDENTS, q):
        return _enforcement_period_answer(question, lang)

    # ---- deadline questions about fixed procedural periods, judgments ---------------------------
    if event and event != "settlement_default" and (not reversal or (dates and ask_deadline)):
        if _any(_EXCLUDE_DEADLINE, q) and event != "extension_after_obstacle":
            return None
        if not dates:
            # 'What is the deadline …' asks for a period, not a definition
            # '能不能申请顺延' asks for the extension rule itself
            if ((ask_deadline or ask_weak) and (not general or ask_deadline)) or event == "extension_after_obstacle":
                asked = _periods_asked(q)
                return _missing_date_answer(question, q, lang, asked if len(asked) > 1 else [event])
            return None
        if not (ask_deadline or ask_weak):
            return None
        if bad:
            return _bad_date_answer(question, lang, bad[0])
        chosen = _pick(q, _main_dates(q, dates) or dates, anchor)
        assert chosen is not None and chosen.value is not None
        inter = _find_interruptions(q, dates, chosen.value) if event.startswith(("judgment", "notarized")) else []
        susp = _find_suspensions(q, dates) if event.startswith(("judgment", "notarized")) else []
        try:
            dl = compute_deadline(event, chosen.value, today=today, interruptions=inter, suspensions=susp,
                                  performance_days=perf_days)
        except DeadlineInputError as e:
            return _error_answer(question, lang, e, "请核对日期。", "Please check the dates.")
        title = f"【{dl.title_zh}】" if lang == "zh" else f"[{dl.title_en}]"
        extra_cites, extra = _event_extras(event, q, lang)
        composed = _compose(lang, title, None, dl, None, extra)
        text = composed.text
        cites = _verify(dedupe(composed.cited + extra_cites), registry)
        return NavigatorAnswer(question=question, lang=lang, kind="deadline", text=text, citations=tuple(cites),
                               deadline=dl.deadline, deadline_result=dl,
                               facts={"event": event, "event_date": chosen.value.isoformat()})

    # ---- execution reversal ------------------------------------------------------------------
    if reversal:
        if general or _any(_EXCLUDE_REVERSAL, q) or not (ask_remedy or ask_deadline):
            return None
        try:
            rf = reversal_facts_from_text(q)
        except ContradictoryFactsError as e:
            return _error_answer(question, lang, e, "请说明被执行的是什么、原物现在的情况。",
                                 "Please say what was enforced and what happened to it.")
        if rf.basis_status == BasisStatus.UNKNOWN and not rf.paid_after_period_expired and \
                rf.returnable == Returnable.UNKNOWN and rf.valuation == Valuation.UNKNOWN:
            return None
        nav = navigate_reversal(rf)
        fu = nav.follow_up(lang)
        title = "【执行回转：结果与依据】" if lang == "zh" else "[Execution reversal: outcome and provisions]"
        composed = _compose(lang, title, nav, None, fu)
        return NavigatorAnswer(question=question, lang=lang, kind="reversal", text=composed.text,
                               citations=tuple(_verify(composed.cited, registry)),
                               remedies_open=tuple(nav.remedies_open), remedies_closed=tuple(nav.remedies_closed),
                               navigation=nav, follow_up=fu, facts=nav.facts)

    # ---- enforcement settlement --------------------------------------------------------------
    if settlement:
        if general or _any(_EXCLUDE_SETTLEMENT, q):
            return None
        focus = question_focus(q)
        # '他已经还的那些钱怎么算' asks how the rules treat a fact, which the navigator answers
        asks_treatment = "deduction" in focus
        if ask_weak and not (ask_deadline or ask_remedy or dates) and _any(r"恢复执行|resum", q) \
                and _any(r"期限|期间|时效|period|time limit", q):
            # '申请恢复执行的期限从哪天开始算': the resumption period's rule, without a date
            return _missing_date_answer(question, q, lang, ["settlement_default"])
        # a dated question on how the period runs ('最后一期是2025年12月31日…恢复执行期限怎么算') is a deadline
        dated_period = bool(dates) and ask_weak and "deadline" in focus
        if not (ask_remedy or ask_deadline or asks_treatment or dated_period):
            return None
        if ask_weak and not ask_deadline and not dates and not ask_remedy and not asks_treatment:
            return None
        if bad:
            return _bad_date_answer(question, lang, bad[0])
        try:
            sf = settlement_facts_from_text(q, today=today, dates=dates)
        except ContradictoryFactsError as e:
            return _error_answer(question, lang, e, "请核对约定的履行期限和实际履行情况。",
                                 "Please check the agreed date and what was actually performed.")
        informative = (sf.performance != Performance.UNKNOWN or sf.vitiation != Vitiation.NONE or
                       sf.validity != Validity.UNCHALLENGED or sf.enforcement_resumed or sf.suit_filed or
                       sf.guarantee != Guarantee.NONE or sf.objection_context or sf.due_date is not None)
        if not informative:
            return None
        nav = navigate_settlement(sf)
        dl: DeadlineResult | None = None
        extra: list[str] = []
        follow = nav.follow_up(lang)
        wants_deadline = (ask_deadline or (ask_weak and sf.due_date is not None)) and (not focus or "deadline" in focus)
        resumable = sf.role != Role.DEBTOR and sf.performance in (Performance.NOT_PERFORMED,
                                                                  Performance.PARTLY_PERFORMED, Performance.UNKNOWN)
        if wants_deadline and sf.role != Role.DEBTOR and \
                sf.submission not in (Submission.NOT_SUBMITTED, Submission.UNRECOGNIZED):
            if sf.due_date is not None and sf.due_date > today:
                extra.append(f"约定的履行期限至{fmt_zh(sf.due_date)}才届满，申请恢复执行的二年期间尚未开始计算；到期仍未履行的，自该日起计算二年。"
                             if lang == "zh" else f"The agreed period only ends on {fmt(sf.due_date, 'en')}; the two-year "
                                                  f"period to apply for resumption has not started and runs from that day.")
            elif resumable and sf.due_date is None:
                follow = ("和解协议约定的履行期限（最后一期）的最后一天是哪天？" if lang == "zh" else
                          "What was the last day for performance agreed in the settlement (the last instalment)?")
            elif resumable:
                inter = _find_interruptions(q, dates, sf.due_date)
                susp = _find_suspensions(q, dates)
                try:
                    dl = compute_deadline("settlement_default", sf.due_date, today=today, interruptions=inter,
                                          suspensions=susp)
                except DeadlineInputError as e:
                    extra.append(e.message(lang))
        title = "【执行和解后的救济路径】" if lang == "zh" else "[Remedies after an enforcement settlement]"
        composed = _compose(lang, title, nav, dl, follow, extra, focus)
        return NavigatorAnswer(question=question, lang=lang, kind="settlement", text=composed.text,
                               citations=tuple(_verify(composed.cited, registry)), focus=tuple(sorted(composed.focus)),
                               every_path_question=EVERY_PATH_QUESTION[lang] if composed.focus else None,
                               remedies_open=tuple(nav.remedies_open), remedies_closed=tuple(nav.remedies_closed),
                               deadline=dl.deadline if dl else None, deadline_result=dl, navigation=nav,
                               follow_up=follow, facts=nav.facts)
    return None


def _event_extras(event: str, q: str, lang: str) -> tuple[list[Provision], list[str]]:
    """Provisions and notes that depend on details of the question, not only on the event (the event's
    `details` in corpus/rules/deadlines.yaml)."""
    details = RULES.details.get(event)
    if details is None:
        return [], []
    zh = lang == "zh"
    for ground in details.grounds:
        if _any(ground.pattern, q):
            note = details.ground_note_zh if zh else details.ground_note_en
            return [ground.provision], [note.replace("{ground}", cite_list([ground.provision], lang))]
    return list(details.provisions), [details.note_zh if zh else details.note_en]


def _missing_date_answer(question: str, q: str, lang: str, events: list[str]) -> NavigatorAnswer:
    """Periods asked about without their dates ('复议期限是多久', 'by when must I…'): each rule, with the provision
    that sets it and where it starts, and the date the first needs to give a last day. ``q``: the question
    normalized."""
    zh = lang == "zh"
    lines: list[str] = []
    cited: list[Provision] = []
    for event in events:
        rule = EVENTS[event]
        extra_cites, extra = _event_extras(event, q, lang)
        stated = rule.statement("zh")   # what it cites is read from the Chinese, whichever language is shown
        lines += [f"【{rule.title_zh}】" if zh else f"[{rule.title_en}]",
                  (f"期限：{stated}开始之日不计入期间。" if zh else
                   f"Deadline: {rule.statement('en')} The first day is not counted.")]
        if extra:
            lines += ["注意：" if zh else "Note:", *(f"- {t}" for t in extra)]
        cited += [p for p in rule.provisions if cite_zh(p) in stated] + extra_cites
    first = EVENTS[events[0]]
    follow = (f"{first.start_zh}是哪天？告诉我日期就能算出最后一天。" if zh else
              f"On which date did it happen ({first.start_en})?")
    lines.append(("还需要确认：" if zh else "To give the last day I need to know: ") + follow)
    return NavigatorAnswer(question=question, lang=lang, kind="deadline", text="\n".join(lines),
                           citations=tuple(dedupe(cited)), follow_up=follow,
                           facts={"event": events[0], **({"events": events} if len(events) > 1 else {})})


# the period to apply for enforcement, named without the judgment it runs on
_ASKS_ENFORCEMENT_PERIOD = (r"申请(强制)?执行的?(期限|期间|时效)|执行时效|"
                            r"(limitation|time limit|period).{0,30}(apply(ing)? for|to apply for|seek) enforcement|"
                            r"enforcement (limitation )?period|how long .{0,30}apply(ing)? for enforcement")
# what happens to the period (interrupted, suspended, run out) is a question about the period, not its length
_PERIOD_INCIDENTS = r"中止|中断|超过|过了|届满|已过|逾期|interrupt|suspend|expired|run out|lapsed|passed"
# how a judgment sets performance, which decides where the period starts
_SETS_PERFORMANCE = r"履行期|前(还|付|履行|支付|交付)|之前|以前|分期|生效之日起|不得|禁止|不作为|before|\bby\b|within|instal|refrain"
# '多长' and 'what is the time limit' ask a length without the words of a deadline question
_ASKS_LENGTH = r"多长|几年|what is the (time limit|period|limitation period)"
_JUDGMENT_PERIOD_STARTS = ("judgment_due", "judgment_instalments", "judgment_no_period", "judgment_omission_breach")


def _enforcement_period_answer(question: str, lang: str) -> NavigatorAnswer:
    """The two years of 民事诉讼法第250条 and where they start for each kind of judgment (its second paragraph),
    then the date that would give the last day."""
    zh = lang == "zh"
    rules = [EVENTS[e] for e in _JUDGMENT_PERIOD_STARTS]
    conditions = [re.search(r"[（(]([^）)]+)[）)]", r.title_zh if zh else r.title_en).group(1) for r in rules]
    if zh:
        lines = ["【申请执行期间】", f"期限：{rules[0].note_zh}", "起算：取决于法律文书怎样规定履行（前三种见同条第二款）："]
        lines += [f"- {c}的，{_own_basis(r, 'zh')}自{r.start_zh}起计算；" for c, r in zip(conditions, rules)]
        lines[-1] = lines[-1].rstrip("；") + "。开始之日不计入期间。"
        follow = "判决（或其他法律文书）是怎样规定履行期限的，最后一日是哪天？告诉我就能算出申请执行的最后一天。"
        lines.append(f"还需要确认：{follow}")
    else:
        lines = ["[Period to apply for enforcement]", f"Deadline: {rules[0].note_en}",
                 "Start: it depends on how the judgment sets performance (the first three under the same article's second paragraph):"]
        lines += [f"- {c}: {_own_basis(r, 'en')}from {r.start_en};" for c, r in zip(conditions, rules)]
        lines[-1] = lines[-1].rstrip(";") + ". The first day is not counted."
        follow = "How does the judgment set the time to perform, and what is its last day? With that date I can give the deadline."
        lines.append(f"To give the last day I need to know: {follow}")
    return NavigatorAnswer(question=question, lang=lang, kind="deadline", text="\n".join(lines),
                           citations=tuple(dedupe([r.provisions[0] for r in rules])), follow_up=follow,
                           facts={"event": rules[0].id, "events": list(_JUDGMENT_PERIOD_STARTS)})


def _own_basis(rule: EventRule, lang: str) -> str:
    """'依执行程序解释第N条，' where a start rests on a provision of its own rather than the general rule on the
    enforcement period."""
    own = rule.provisions[0]
    if own == role_provision("enforcement_period"):
        return ""
    return f"依{cite_zh(own)}，" if lang == "zh" else f"under {cite_en(own)}, "


def _bad_date_answer(question: str, lang: str, bad: FoundDate) -> NavigatorAnswer:
    assert bad.error is not None
    return _error_answer(question, lang, bad.error, f"“{bad.surface}”这个日期不存在，请核对正确的日期。",
                         f"The date '{bad.surface}' does not exist; please give the correct date.")

