"""Deadline calculator: statutory periods of enforcement law, computed and explained.

Arithmetic (docs/formats.md; 民事诉讼法 第八十五条, 民法典 第二百零一条至第二百零三条):

* the day the period starts from is not counted — a period of N days from day S ends on S + N;
* a period of N months or years ends on the same-numbered day of the final month, or on that
  month's last day where it has no such day (2024-02-29 + 2 years → 2026-02-28);
* a last day on a rest day moves to the first working day after it, on the official court calendar
  (assistant/answer/court_calendar.py): weekends and public holidays are rest days, a make-up working day
  (调休上班) is a working day. Every result names the days it skipped and why; for a year whose official
  schedule is not published yet it uses the weekend rule and says so.

The two-year enforcement application period (民事诉讼法 第二百五十条) can be interrupted (it restarts
on the day of the interruption) and suspended (民事诉讼法 第二百五十条 refers to the rules on
limitation periods: 民法典 第一百九十四条; 执行程序解释 第十九条). Only an obstacle within the last six
months of the period suspends it; the calculator adds the suspended days (执行程序解释 第十九条,
“继续计算”) and, where 民法典 第一百九十四条第二款 (“满六个月届满”) would give an earlier day, uses
that earlier day and says so. The short procedural periods (10 or 15 days) are fixed periods: they
are not interrupted or suspended; 民事诉讼法 第八十六条 allows an application to extend instead.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Literal, Sequence

from pydantic import BaseModel, ConfigDict

from assistant.answer.court_calendar import (LastDay, covered_years, describe_skipped, is_working_day,
                                             move_to_working_day)
from assistant.answer.provisions import Caveat, InputError, Provision, cite_en, cite_zh, dedupe
from assistant.text import dates
from assistant.text.dates import fmt, fmt_en, fmt_zh, weekday

# ----------------------------------------------------------------------------------------------
# errors


class DeadlineInputError(InputError):
    code = "invalid_deadline_input"


class InvalidDateError(DeadlineInputError):
    code = "invalid_date"


class FutureDateError(DeadlineInputError):
    code = "date_in_future"


class UnknownEventError(DeadlineInputError):
    code = "unknown_event"


class InvalidSuspensionError(DeadlineInputError):
    code = "invalid_suspension"


class InvalidInterruptionError(DeadlineInputError):
    code = "invalid_interruption"


class NotInterruptibleError(DeadlineInputError):
    code = "not_interruptible"


class PeriodExpiredError(DeadlineInputError):
    code = "period_already_expired"


class UnsupportedDateError(DeadlineInputError):
    code = "unsupported_date"


# ----------------------------------------------------------------------------------------------
# dates

# The two-year period of 民事诉讼法 第二百五十条 (then 第二百一十五条) applies from 2008-04-01; before that
# the period was one year for individuals and six months for organisations. Older start days are refused.
EARLIEST_SUPPORTED = date(2008, 4, 1)


def make_date(year: int, month: int, day: int) -> date:
    """A date, or InvalidDateError saying in both languages why it does not exist."""
    try:
        return dates.make_date(year, month, day)
    except dates.DateError as e:
        raise InvalidDateError(e.zh, e.en) from None


def parse_date(value: date | str, field: str = "date") -> date:
    """Accept a date, 'YYYY-MM-DD', 'YYYY/M/D' or 'YYYY年M月D日'; anything else is InvalidDateError."""
    try:
        return dates.parse_date(value, field)
    except dates.DateError as e:
        raise InvalidDateError(e.zh, e.en) from None


def add_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


def add_months(d: date, n: int) -> date:
    """Same-numbered day n months later (or earlier), clamped to the month's last day (民法典 第二百零二条)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, n: int) -> date:
    return add_months(d, 12 * n)


def period_end(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """Last day of a period counted from `start`, the start day itself not counted (民事诉讼法 第八十五条)."""
    if years < 0 or months < 0 or days < 0:
        raise ValueError("periods are not negative")
    return add_days(add_months(start, 12 * years + months), days)


# ----------------------------------------------------------------------------------------------
# the rules

# English prose spells out one to nine ('two years', 'six months'; '15 days')
_SMALL_NUMBERS_EN = dict(enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")))


@dataclass(frozen=True)
class EventRule:
    id: str
    title_zh: str
    title_en: str
    start_zh: str          # what the event date is
    start_en: str
    action_zh: str         # what must be done by the deadline
    action_en: str
    provisions: tuple[Provision, ...]
    years: int = 0
    months: int = 0
    days: int = 0
    kind: Literal["enforcement_period", "procedural", "court_duty", "right_period"] = "procedural"
    note_zh: str = ""
    note_en: str = ""
    governed_by: int = 1   # how many of the leading provisions set the period (民诉法第238条 and 民诉法解释第303条 both do)

    @property
    def interruptible(self) -> bool:
        return self.kind == "enforcement_period"

    def period_zh(self) -> str:
        from assistant.text.numerals import to_chinese
        if self.years:
            return f"{to_chinese(self.years)}年"
        if self.months:
            return f"{to_chinese(self.months)}个月"
        return f"{to_chinese(self.days)}日"

    def period_en(self) -> str:
        for n, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day")):
            if n:
                return f"{_SMALL_NUMBERS_EN.get(n, n)} {unit}{'s' if n != 1 else ''}"
        return ""

    def basis(self, lang: str = "zh") -> str:
        """The sentence naming the provision that sets the period. The enforcement periods' notes already state
        the two years (art. 250, or the settlement's art. 10), so there it only says where the period starts."""
        governing = [p for p in self.provisions[:self.governed_by] if p != _CPL85]
        zh = lang == "zh"
        if not governing or (self.kind == "enforcement_period" and cite_zh(governing[0]) in self.note_zh):
            return ""
        named = "、".join(map(cite_zh, governing)) if zh else " and ".join(map(cite_en, governing))
        if self.kind == "enforcement_period":
            return (f"依{named}，本期间自{self.start_zh}起计算。" if zh else
                    f"Under {named}, the period runs from {self.start_en}. ")
        return (f"依{named}，{self.action_zh}的期间为{self.period_zh()}，自{self.start_zh}起计算。" if zh else
                f"Under {named}, the period to {self.action_en} is {self.period_en()}, from {self.start_en}. ")

    def statement(self, lang: str = "zh") -> str:
        """The rule in words, without a date: the period, the provision that sets it and where it starts, then
        the rule's note."""
        zh = lang == "zh"
        basis = self.basis(lang)
        # the length, unless the note already gives it ('申请执行的期间为二年'; the settlement's note does not;
        # the English note is its translation)
        told = self.period_zh() in self.note_zh
        if basis:
            starts = ""
        elif zh:
            starts = f"本期间{'' if told else f'为{self.period_zh()}，'}自{self.start_zh}起计算。"
        else:
            starts = f"The period{'' if told else f' is {self.period_en()} and'} runs from {self.start_en}."
        if self.kind == "enforcement_period":
            parts = [self.note_zh if zh else self.note_en, basis, starts]   # the note states the two years
        else:
            parts = [basis or (f"期间为{self.period_zh()}。" if zh else f"The period is {self.period_en()}."), starts,
                     self.note_zh if zh else self.note_en]
        return ("" if zh else " ").join(x.strip() for x in parts if x.strip())

    def period_iso(self) -> str:
        return f"P{self.years}Y" if self.years else f"P{self.months}M" if self.months else f"P{self.days}D"


_CPL85: Provision = ("cpl", 85)
_CPL250: Provision = ("cpl", 250)

_ENF_NOTE_ZH = ("申请执行的期间为二年，其中止、中断适用法律有关诉讼时效中止、中断的规定（《民事诉讼法》第二百五十条第一款）。")
_ENF_NOTE_EN = ("The period to apply for enforcement is two years; its suspension and interruption follow the "
                "rules on limitation periods (Civil Procedure Law art. 250(1)).")

EVENTS: dict[str, EventRule] = {r.id: r for r in (
    EventRule("judgment_due", "申请执行期间（法律文书规定了履行期间）",
              "Enforcement application period (judgment with a performance period)",
              "法律文书规定的履行期间的最后一日", "the last day of the performance period set by the judgment",
              "申请执行", "apply for enforcement", (_CPL250, _CPL85), years=2, kind="enforcement_period",
              note_zh=_ENF_NOTE_ZH, note_en=_ENF_NOTE_EN),
    EventRule("judgment_instalments", "申请执行期间（分期履行）", "Enforcement application period (instalments)",
              "最后一期履行期限届满之日", "the day the last instalment fell due",
              "申请执行", "apply for enforcement", (_CPL250, _CPL85), years=2, kind="enforcement_period",
              note_zh=_ENF_NOTE_ZH, note_en=_ENF_NOTE_EN),
    EventRule("judgment_no_period", "申请执行期间（法律文书未规定履行期间）",
              "Enforcement application period (no performance period set)",
              "法律文书生效之日", "the day the judgment took effect",
              "申请执行", "apply for enforcement", (_CPL250, _CPL85), years=2, kind="enforcement_period",
              note_zh=_ENF_NOTE_ZH, note_en=_ENF_NOTE_EN),
    EventRule("judgment_days_after_effective", "申请执行期间（自生效之日起若干日内履行）",
              "Enforcement application period (performance within N days of effect)",
              "法律文书生效之日（履行期间自次日起算）", "the day the judgment took effect (the performance period runs from the next day)",
              "申请执行", "apply for enforcement", (_CPL250, _CPL85), years=2, kind="enforcement_period",
              note_zh=_ENF_NOTE_ZH, note_en=_ENF_NOTE_EN),
    EventRule("judgment_omission_breach", "申请执行期间（不作为义务）", "Enforcement application period (duty to refrain)",
              "债务人违反不作为义务之日", "the day the debtor breached the duty to refrain",
              "申请执行", "apply for enforcement", (("enforcement-procedure-interp", 21), _CPL250, _CPL85), years=2,
              kind="enforcement_period", note_zh=_ENF_NOTE_ZH, note_en=_ENF_NOTE_EN),
    EventRule("settlement_default", "申请恢复执行期间（执行和解协议不履行）",
              "Period to apply to resume enforcement (settlement not performed)",
              "执行和解协议约定履行期间的最后一日", "the last day of the performance period agreed in the settlement",
              "申请恢复执行", "apply to resume enforcement",
              (("settlement", 10), ("cpl-interp", 466), _CPL250, _CPL85), years=2, kind="enforcement_period",
              note_zh="申请恢复执行原生效法律文书适用申请执行期间的规定；申请执行期间因达成执行中的和解协议而中断，"
                      "自和解协议约定履行期限的最后一日起重新计算（《最高人民法院关于执行和解若干问题的规定》第十条、"
                      "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百六十六条）。",
              note_en="An application to resume enforcement is subject to the enforcement application period; the "
                      "settlement interrupts that period, which runs afresh from the last day of the performance "
                      "period agreed in the settlement (Settlement Provisions art. 10; CPL Interpretation art. 466)."),
    EventRule("notarized_debt_due", "申请执行期间（公证债权文书）", "Enforcement application period (notarized debt instrument)",
              "公证债权文书确定的履行期间的最后一日（分期履行的，每期分别计算）",
              "the last day of the performance period in the notarized instrument (each instalment separately)",
              "申请执行", "apply for enforcement", (("notarized-debt", 9), _CPL250, _CPL85), years=2,
              kind="enforcement_period",
              note_zh="债权人向公证机构申请出具执行证书的，申请执行时效自提出申请之日起中断（《最高人民法院关于公证债权文书执行若干问题的规定》第九条第二款）。",
              note_en="Applying to the notary for an enforcement certificate interrupts the period from the day of "
                      "the application (Notarized Debt Provisions art. 9(2))."),
    EventRule("third_party_objection_ruling", "执行异议之诉期间（案外人异议裁定）",
              "Period to sue after a ruling on a third-party objection",
              "案外人异议裁定送达之日", "the day the ruling on the third-party objection was served",
              "向执行法院提起执行异议之诉（与原判决、裁定无关的）", "file an objection suit with the enforcing court (where the claim is unrelated to the original judgment)",
              (("cpl", 238), ("cpl-interp", 303), ("cpl-interp", 304), _CPL85), days=15, governed_by=2,
              note_zh="认为原判决、裁定错误的，依照审判监督程序办理，不适用本期间（《民事诉讼法》第二百三十八条）。",
              note_en="Where the original judgment itself is said to be wrong, the route is retrial, not this suit "
                      "(Civil Procedure Law art. 238)."),
    EventRule("objection_ruling_reconsideration", "复议期间（执行行为异议裁定）",
              "Period to apply for reconsideration of a ruling on an objection to an enforcement act",
              "执行异议裁定送达之日", "the day the ruling on the objection was served",
              "向上一级人民法院申请复议", "apply to the next higher court for reconsideration",
              (("cpl", 236), _CPL85), days=10),
    EventRule("objection_rejected_reconsideration", "复议期间（执行异议不予受理或驳回申请裁定）",
              "Period to seek reconsideration of a refusal to accept an objection",
              "不予受理或者驳回申请裁定送达之日", "the day the ruling refusing or dismissing the objection was served",
              "向上一级人民法院申请复议", "apply to the next higher court for reconsideration",
              (("objection", 2), _CPL85), days=10),
    EventRule("distribution_plan_objection", "分配方案异议期间", "Period to object to a distribution plan",
              "收到财产分配方案之日", "the day the distribution plan was received",
              "向执行法院提出书面异议", "file a written objection with the enforcing court",
              (("cpl-interp", 509), _CPL85), days=15),
    EventRule("distribution_opposition_suit", "分配方案异议之诉期间", "Period to sue over a distribution plan",
              "收到反对意见通知之日", "the day notice of the opposition was received",
              "向执行法院提起诉讼", "sue in the enforcing court", (("cpl-interp", 510), _CPL85), days=15),
    EventRule("arbitration_non_enforcement", "申请不予执行仲裁裁决期间", "Period to apply for non-enforcement of an arbitral award",
              "执行通知书送达之日", "the day the enforcement notice was served",
              "向人民法院提出不予执行仲裁裁决的书面申请", "file a written application not to enforce the award",
              (("arbitration-enforcement", 8), _CPL85), days=15,
              note_zh="以伪造证据、隐瞒证据或者仲裁员枉法裁决为由的，自知道或者应当知道有关事实之日起十五日内提出"
                      "（《最高人民法院关于人民法院办理仲裁裁决执行案件若干问题的规定》第八条第一款）。",
              note_en="Where the ground is forged or concealed evidence or arbitrator misconduct, the 15 days run "
                      "from knowledge of the facts (same article, para. 1)."),
    EventRule("notarized_non_enforcement", "申请不予执行公证债权文书期间",
              "Period to apply for non-enforcement of a notarized debt instrument",
              "执行通知书送达之日", "the day the enforcement notice was served",
              "向执行法院提出不予执行的书面申请", "file a written application not to enforce the instrument",
              (("notarized-debt", 13), _CPL85), days=15),
    EventRule("jurisdiction_objection", "执行管辖异议期间", "Period to object to enforcement jurisdiction",
              "收到执行通知书之日", "the day the enforcement notice was received",
              "提出管辖权异议", "object to jurisdiction", (("enforcement-procedure-interp", 3), _CPL85), days=10),
    EventRule("party_change_reconsideration", "复议期间（变更、追加当事人裁定）",
              "Period to seek reconsideration of a ruling changing or adding a party",
              "变更、追加裁定或驳回申请裁定送达之日", "the day the ruling was served",
              "向上一级人民法院申请复议", "apply to the next higher court for reconsideration",
              (("party-change", 30), _CPL85), days=10),
    EventRule("party_change_suit", "执行异议之诉期间（变更、追加当事人）", "Period to sue over a ruling adding a party",
              "变更、追加裁定或驳回申请裁定送达之日", "the day the ruling was served",
              "向执行法院提起执行异议之诉", "file an objection suit with the enforcing court",
              (("party-change", 32), _CPL85), days=15),
    EventRule("exit_ban_reconsideration", "复议期间（限制出境）", "Period to seek reconsideration of an exit ban",
              "收到限制出境决定之日", "the day the exit-ban decision was received",
              "向上一级人民法院申请复议", "apply to the next higher court for reconsideration",
              (("objection", 9), _CPL85), days=10),
    EventRule("dishonest_list_reconsideration", "复议期间（失信名单纠正申请被驳回）",
              "Period to seek reconsideration after a correction request on the dishonest-debtor list is rejected",
              "驳回决定书送达之日", "the day the rejection was served",
              "向上一级人民法院申请复议", "apply to the next higher court for reconsideration",
              (("dishonest-list", 12), _CPL85), days=10),
    EventRule("extension_after_obstacle", "申请顺延期限", "Period to apply to extend a missed time limit",
              "障碍消除之日", "the day the obstacle ended",
              "申请顺延期限", "apply to extend the time limit", (("cpl", 86), _CPL85), days=10,
              note_zh="须因不可抗拒的事由或者其他正当理由耽误期限；是否准许由人民法院决定。",
              note_en="Only for delay caused by force majeure or another good reason; the court decides."),
    EventRule("arbitration_third_party_non_enforcement", "案外人申请不予执行仲裁裁决期间",
              "Period for a third party to apply not to enforce an arbitral award",
              "知道或者应当知道人民法院对该标的采取执行措施之日",
              "the day the third party knew or should have known of the enforcement measure",
              "申请不予执行仲裁裁决或者仲裁调解书", "apply not to enforce the award or arbitral conciliation statement",
              (("arbitration-enforcement", 9), _CPL85), days=30),
    EventRule("revocation_fraud", "撤销权行使期间（受欺诈）", "Period to revoke for fraud",
              "知道或者应当知道撤销事由之日", "the day the defrauded party knew or should have known of the fraud",
              "请求人民法院撤销和解协议", "ask the court to revoke the settlement",
              (("civil-code", 152), ("civil-code", 148), ("settlement", 16)), years=1, kind="right_period",
              note_zh="撤销权的存续期间不适用诉讼时效中止、中断的规定（《民法典》第一百九十九条）；自民事法律行为发生之日起五年内没有行使的，撤销权消灭（《民法典》第一百五十二条第二款）。",
              note_en="The revocation period cannot be suspended or interrupted (Civil Code art. 199) and the right "
                      "lapses in any case five years after the act (Civil Code art. 152(2))."),
    EventRule("revocation_coercion", "撤销权行使期间（受胁迫）", "Period to revoke for coercion",
              "胁迫行为终止之日", "the day the coercion ended",
              "请求人民法院撤销和解协议", "ask the court to revoke the settlement",
              (("civil-code", 152), ("civil-code", 150), ("settlement", 16)), years=1, kind="right_period",
              note_zh="撤销权的存续期间不适用诉讼时效中止、中断的规定（《民法典》第一百九十九条）；自民事法律行为发生之日起五年内没有行使的，撤销权消灭（《民法典》第一百五十二条第二款）。",
              note_en="The revocation period cannot be suspended or interrupted (Civil Code art. 199) and the right "
                      "lapses in any case five years after the act (Civil Code art. 152(2))."),
    EventRule("stay_guarantee_period", "执行担保期间（担保书未记载）", "Enforcement guarantee period (none stated)",
              "暂缓执行期限届满之日", "the day the stay of enforcement expired",
              "申请执行担保财产或者保证人的财产", "apply to enforce against the guarantee or guarantor",
              (("enforcement-guarantee", 12), ("enforcement-guarantee", 13)), years=1, kind="right_period",
              note_zh="担保书记载了担保期间的，以记载为准；担保期间届满后申请执行担保财产或保证人财产的，人民法院不予支持。",
              note_en="A guarantee period stated in the guarantee prevails; after it ends the court will not enforce "
                      "against the guarantee."),
    EventRule("objection_review", "法院审查执行行为异议的期限", "Time the court has to decide an objection to an enforcement act",
              "人民法院收到书面异议之日", "the day the court received the written objection",
              "人民法院审查并作出裁定", "the court must review and rule", (("cpl", 236), _CPL85), days=15,
              kind="court_duty",
              note_zh="逾期不作出异议裁定的，异议人可以向上一级人民法院提出异议（《最高人民法院关于人民法院办理执行异议和复议案件若干问题的规定》第三条）。",
              note_en="If the court does not rule in time the objector may complain to the next higher court "
                      "(Objection Provisions art. 3)."),
    EventRule("third_party_objection_review", "法院审查案外人异议的期限", "Time the court has to decide a third-party objection",
              "人民法院收到书面异议之日", "the day the court received the written objection",
              "人民法院审查并作出裁定", "the court must review and rule", (("cpl", 238), _CPL85), days=15,
              kind="court_duty"),
)}

def schedule_not_published(last: LastDay) -> Caveat:
    """The visible caveat for a last day in a year the official holiday schedule does not cover yet."""
    years_zh = "、".join(f"{y}年" for y in last.uncovered_years)
    years_en = ", ".join(map(str, last.uncovered_years))
    known = covered_years()
    return Caveat(
        "holiday_schedule_not_published",
        f"{years_zh}的法定节假日安排尚未收录（本计算收录了{known.start}年至{known.stop - 1}年国务院公布的放假安排），"
        f"因此只按星期六、星期日顺延，未计入法定节假日和调休上班日。届满日遇法定节假日的，以节假日后的第一个工作日为届满日"
        f"（{cite_zh(_CPL85)}第三款），请核对国务院办公厅公布的当年放假安排。",
        f"The official holiday schedule for {years_en} is not recorded yet (this calculation has the State "
        f"Council's schedules for {known.start}–{known.stop - 1}), so only Saturdays and Sundays were skipped; "
        f"public holidays and make-up working days were not. A last day on a public holiday moves to the first "
        f"working day after it (Civil Procedure Law art. 85(3)); check that year's official schedule.")


class SkippedDay(BaseModel):
    """A rest day the deadline moved over, and why it is a rest day."""

    model_config = ConfigDict(frozen=True)

    day: date
    kind: str                     # holiday | weekend
    reason_zh: str
    reason_en: str


class DeadlineResult(BaseModel):
    """One computed deadline with the rule it comes from."""

    model_config = ConfigDict(frozen=True)

    event: str
    event_date: date
    period_start: date            # the day the period is counted from (not itself counted)
    period: str                   # ISO 8601 duration: P2Y, P15D …
    rule_id: str
    kind: str                     # enforcement_period | procedural | court_duty | right_period
    title_zh: str
    title_en: str
    action_zh: str
    action_en: str
    deadline: date                # the last day, after moving off rest days (official court calendar)
    unadjusted_deadline: date     # the last day by arithmetic, before that move
    moved_to_working_day: bool
    skipped_days: tuple[SkippedDay, ...]   # the rest days between the two, each with its reason
    calendar_covered: bool        # false: a year without a published holiday schedule (weekend rule only)
    explanation_zh: str
    explanation_en: str
    provisions: tuple[tuple[str, int], ...]
    warnings: tuple[Caveat, ...]
    today: date
    expired: bool
    days_left: int                # negative once expired
    interruptions: tuple[date, ...] = ()
    suspensions: tuple[tuple[date, date], ...] = ()

    def explanation(self, lang: str = "zh") -> str:
        return self.explanation_zh if lang == "zh" else self.explanation_en

    def to_dict(self) -> dict:
        d = self.model_dump(mode="json")
        d["provisions"] = [{"law_id": l, "article": a, "cite": cite_zh((l, a))} for l, a in self.provisions]
        d["warnings"] = [{"code": w.code, "zh": w.zh, "en": w.en} for w in self.warnings]
        return d


def list_events() -> list[dict]:
    return [{"event": r.id, "title_zh": r.title_zh, "title_en": r.title_en, "period": r.period_iso(),
             "starts_from_zh": r.start_zh, "starts_from_en": r.start_en,
             "provisions": [list(p) for p in r.provisions]} for r in EVENTS.values()]


# ----------------------------------------------------------------------------------------------
# computation


def compute_deadline(event: str, event_date: date | str, *, today: date | str,
                     interruptions: Iterable[date | str] = (),
                     suspensions: Iterable[Sequence[date | str]] = (),
                     performance_days: int | None = None) -> DeadlineResult:
    """The last day to act after `event` happened on `event_date`, as seen on `today`.

    interruptions: days on which the enforcement period was interrupted (a demand for performance, the
        debtor's agreement to perform, a new settlement …); the period restarts on each.
    suspensions: (first day, last day) of obstacles that prevented the creditor from acting.
    performance_days: for ``judgment_days_after_effective`` — the N in “生效之日起N日内履行”.
    Raises a DeadlineInputError (a ValueError) with a message in Chinese and English for bad input.
    """
    rule = EVENTS.get(event)
    if rule is None:
        raise UnknownEventError(f"未知事件“{event}”。可用事件：{', '.join(EVENTS)}",
                                f"Unknown event {event!r}. Known events: {', '.join(EVENTS)}")
    ev = parse_date(event_date, "event_date")
    today_d = parse_date(today, "today")
    ints = sorted(parse_date(x, "interruption") for x in interruptions)
    susp = []
    for s in suspensions:
        if len(s) != 2:
            raise InvalidSuspensionError("中止须给出起止两个日期。", "A suspension needs a first and a last day.")
        susp.append((parse_date(s[0], "suspension start"), parse_date(s[1], "suspension end")))
    susp.sort()

    if ev > today_d:
        raise FutureDateError(
            f"事件日期{fmt_zh(ev)}晚于今天（{fmt_zh(today_d)}）：期间尚未开始计算，无法给出届满日。",
            f"The event date {ev.isoformat()} is after today ({today_d.isoformat()}): the period has not started, "
            f"so there is no deadline yet.")
    if ev < EARLIEST_SUPPORTED:
        raise UnsupportedDateError(
            f"起算日{fmt_zh(ev)}早于2008年4月1日，可能适用修改前民事诉讼法的期间（如申请执行期间公民一年、法人六个月）及过渡规定，本计算器不作计算。",
            f"The start date {ev.isoformat()} is before 1 April 2008; earlier law (e.g. one year / six months to "
            f"apply for enforcement) and transitional rules may apply, which this calculator does not compute.")

    warnings: list[Caveat] = []
    if (ints or susp) and not rule.interruptible:
        raise NotInterruptibleError(
            f"“{rule.title_zh}”是{rule.period_zh()}的法定期间，不适用中止、中断；因不可抗拒的事由或者其他正当理由耽误期限的，"
            f"可以在障碍消除后十日内申请顺延（{cite_zh(('cpl', 86))}）。",
            f"'{rule.title_en}' is a fixed period of {rule.period_en()}: it is not interrupted or suspended. If it was "
            f"missed for force majeure or another good reason, apply within 10 days after the obstacle ends to extend "
            f"it (Civil Procedure Law art. 86).")

    steps_zh: list[str] = []
    steps_en: list[str] = []
    provisions: list[Provision] = list(rule.provisions)

    # where counting starts
    start = ev
    if performance_days is not None and event != "judgment_days_after_effective":
        raise DeadlineInputError("performance_days 只适用于 judgment_days_after_effective 事件。",
                                 "performance_days applies only to the judgment_days_after_effective event.")
    if event == "judgment_days_after_effective":
        if performance_days is None or not isinstance(performance_days, int) or not 1 <= performance_days <= 3650:
            raise DeadlineInputError(
                "请给出判决确定的履行日数（“生效之日起N日内履行”中的N，1至3650）。",
                "Give the number of days the judgment allows for performance (the N in 'within N days of taking "
                "effect', 1 to 3650).", code="missing_performance_days")
        start = add_days(ev, performance_days)
        steps_zh.append(f"法律文书于{fmt_zh(ev)}生效，履行期间为生效之日起{performance_days}日，开始之日不计算在内，"
                        f"履行期间的最后一日为{fmt_zh(start)}。")
        steps_en.append(f"The judgment took effect on {fmt_en(ev)} and allows {performance_days} days to perform; "
                        f"not counting the first day, the performance period ended on {fmt_en(start)}.")
        if start > today_d:
            raise FutureDateError(
                f"履行期间至{fmt_zh(start)}才届满，晚于今天（{fmt_zh(today_d)}），申请执行期间尚未开始计算。",
                f"The performance period only ends on {start.isoformat()}, after today ({today_d.isoformat()}); the "
                f"enforcement period has not started yet.")
        if not is_working_day(start):
            warnings.append(Caveat(
                "performance_end_on_rest_day",
                f"履行期间的最后一日{fmt_zh(start)}是休息日，如按法定休假日顺延，起算日会推后；为稳妥起见本计算不顺延该日。",
                f"The performance period's last day ({fmt_en(start)}) is a rest day; if it moved to the next working "
                f"day the period would start later. To be safe this calculation does not move it."))

    start_zh, start_en = rule.start_zh, rule.start_en
    if event == "judgment_days_after_effective":
        start_zh, start_en = "履行期间的最后一日", "the last day of the performance period"
    # every result names the provision that sets its period
    basis_zh, basis_en = rule.basis("zh"), rule.basis("en")
    if rule.years or rule.months:
        raw = period_end(start, years=rule.years, months=rule.months)
        steps_zh.append(f"{rule.note_zh}{basis_zh}依{cite_zh(_CPL85)}第二款，期间开始的日不计算在期间内。本期间自{start_zh}（{fmt_zh(start)}）起计算，"
                        f"{rule.period_zh()}期间至{fmt_zh(raw)}届满"
                        + ("（到期月没有对应日的，以该月最后一日为期间的最后一日）" if raw.day != start.day else "") + "。")
        steps_en.append(f"{rule.note_en} {basis_en}The period runs from {start_en} ({fmt_en(start)}), that day not "
                        f"counted (Civil Procedure Law art. 85(2)); {rule.period_en()} end on {fmt_en(raw)}"
                        + (" (the final month has no same-numbered day, so its last day)" if raw.day != start.day else "")
                        + ".")
    else:
        raw = period_end(start, days=rule.days)
        steps_zh.append(f"{basis_zh}依{cite_zh(_CPL85)}第二款，期间开始的日不计算在期间内。本期间自{rule.start_zh}（{fmt_zh(start)}）起计算，"
                        f"{rule.period_zh()}期间的最后一日为{fmt_zh(raw)}。"
                        + (rule.note_zh if rule.note_zh else ""))
        steps_en.append(f"{basis_en}The period runs from {rule.start_en} ({fmt_en(start)}), that day not counted (Civil "
                        f"Procedure Law art. 85(2)); the {rule.period_en()} end on {fmt_en(raw)}."
                        + (" " + rule.note_en if rule.note_en else ""))

    # interruptions and suspensions, in date order
    events: list[tuple[date, str, object]] = [(d, "i", d) for d in ints] + [(s, "s", (s, e)) for s, e in susp]
    events.sort(key=lambda t: (t[0], t[1]))
    for d, _, _ in events:
        if d > today_d:
            raise FutureDateError(f"中断或中止的日期{fmt_zh(d)}晚于今天（{fmt_zh(today_d)}）。",
                                  f"The interruption or suspension date {d.isoformat()} is after today "
                                  f"({today_d.isoformat()}).")
    for s, e in susp:
        if e < s:
            raise InvalidSuspensionError(f"中止的结束日{fmt_zh(e)}早于开始日{fmt_zh(s)}。",
                                         f"The suspension ends ({e.isoformat()}) before it starts ({s.isoformat()}).")
        if e > today_d:
            raise FutureDateError(
                f"中止原因到{fmt_zh(e)}才消除，晚于今天（{fmt_zh(today_d)}）：障碍尚未消除时无法确定届满日，请在障碍消除后再计算。",
                f"The obstacle lasts until {e.isoformat()}, after today ({today_d.isoformat()}): the deadline cannot be "
                f"fixed while the obstacle continues; compute it again once it has ended.")
    for (s1, e1), (s2, e2) in zip(susp, susp[1:]):
        if s2 <= e1:
            raise InvalidSuspensionError(f"两段中止期间重叠（{fmt_zh(s1)}至{fmt_zh(e1)}，{fmt_zh(s2)}至{fmt_zh(e2)}），请合并为一段。",
                                         f"Two suspensions overlap ({s1}–{e1} and {s2}–{e2}); merge them into one.")
    for i in ints:
        for s, e in susp:
            if s <= i <= e:
                raise InvalidInterruptionError(
                    f"中断日{fmt_zh(i)}落在中止期间（{fmt_zh(s)}至{fmt_zh(e)}）之内，事实相互矛盾，请核实。",
                    f"The interruption on {i.isoformat()} falls inside the suspension {s}–{e}; the facts conflict.")

    applied_i: list[date] = []
    applied_s: list[tuple[date, date]] = []
    for d, kind, payload in events:
        current = move_to_working_day(raw).final
        if kind == "i":
            if d <= start:
                raise InvalidInterruptionError(
                    f"中断日{fmt_zh(d)}不晚于期间起算日{fmt_zh(start)}：期间开始之前的事由不能中断期间。",
                    f"The interruption on {d.isoformat()} is not after the period's start ({start.isoformat()}); "
                    f"nothing can interrupt a period before it begins.")
            if d > current:
                raise PeriodExpiredError(
                    f"期间已于{fmt_zh(current)}届满，{fmt_zh(d)}发生的事由不能中断已经届满的期间。被执行人在时效届满后同意履行的，"
                    f"不得再以时效届满为由抗辩（{cite_zh(('civil-code', 192))}第二款），这需要具体认定，本计算器不给出新日期。",
                    f"The period already ended on {current.isoformat()}; an event on {d.isoformat()} cannot interrupt "
                    f"it. A debtor who agrees to perform after expiry cannot then rely on the expiry (Civil Code art. "
                    f"192(2)), but that needs a case-specific assessment; no new date is given.")
            raw = period_end(d, years=rule.years, months=rule.months)
            applied_i.append(d)
            steps_zh.append(f"{fmt_zh(d)}期间中断（如申请执行人提出履行要求、被执行人同意履行义务、双方达成和解协议），"
                            f"从中断时起重新计算，新的届满日为{fmt_zh(raw)}（{cite_zh(_CPL250)}、{cite_zh(('civil-code', 195))}、"
                            f"{cite_zh(('enforcement-procedure-interp', 20))}）。")
            steps_en.append(f"On {fmt_en(d)} the period was interrupted (a demand for performance, the debtor's "
                            f"agreement to perform, a settlement …) and runs afresh: it now ends on {fmt_en(raw)} "
                            f"(Civil Procedure Law art. 250; Civil Code art. 195; Enforcement Procedure "
                            f"Interpretation art. 20).")
            provisions += [("civil-code", 195), ("enforcement-procedure-interp", 20)]
        else:
            s, e = payload  # type: ignore[misc]
            provisions += [("civil-code", 194), ("enforcement-procedure-interp", 19)]
            if s > current:
                warnings.append(Caveat(
                    "suspension_after_expiry",
                    f"中止事由（{fmt_zh(s)}至{fmt_zh(e)}）发生在期间届满（{fmt_zh(current)}）之后，不影响期间。",
                    f"The obstacle ({s}–{e}) began after the period ended ({current}); it changes nothing."))
                continue
            window = add_days(add_months(raw, -6), 1)   # the last six months: (raw − 6 months, raw]
            if e < window:
                warnings.append(Caveat(
                    "suspension_outside_last_six_months",
                    f"中止事由（{fmt_zh(s)}至{fmt_zh(e)}）在期间最后六个月（自{fmt_zh(window)}起）之前已经消除，不发生中止"
                    f"（{cite_zh(('civil-code', 194))}、{cite_zh(('enforcement-procedure-interp', 19))}）。",
                    f"The obstacle ({s}–{e}) ended before the last six months of the period (from {window}); it "
                    f"does not suspend the period (Civil Code art. 194; Enforcement Procedure Interpretation art. 19)."))
                continue
            eff = max(s, window)
            by_days = add_days(raw, (e - eff).days)
            by_six = max(raw, add_months(e, 6))
            new = min(by_days, by_six)
            applied_s.append((s, e))
            part_zh = (f"（自{fmt_zh(window)}进入最后六个月，此前的障碍期间不计）" if eff > s else "")
            part_en = (f" (only from {fmt_en(window)}, when the last six months began)" if eff > s else "")
            steps_zh.append(
                f"{fmt_zh(eff)}至{fmt_zh(e)}因障碍不能行使请求权，期间中止{part_zh}；自中止原因消除之日起继续计算，"
                f"期间顺延{(e - eff).days}日至{fmt_zh(by_days)}（{cite_zh(('enforcement-procedure-interp', 19))}）。"
                + (f"按{cite_zh(('civil-code', 194))}第二款“自中止时效的原因消除之日起满六个月届满”计算为{fmt_zh(by_six)}；"
                   f"两者不一致时本计算采用较早的{fmt_zh(new)}。" if by_six != by_days else ""))
            steps_en.append(
                f"From {fmt_en(eff)} to {fmt_en(e)} an obstacle prevented the claim{part_en}; the period was "
                f"suspended and continues once the obstacle ends, so it is extended by {(e - eff).days} days to "
                f"{fmt_en(by_days)} (Enforcement Procedure Interpretation art. 19)."
                + (f" Under Civil Code art. 194(2) (the period ends six months after the obstacle ends) it would be "
                   f"{fmt_en(by_six)}; where they differ this calculation uses the earlier day, {fmt_en(new)}."
                   if by_six != by_days else ""))
            if by_six > by_days:
                warnings.append(Caveat(
                    "suspension_rule_conservative",
                    f"中止的计算采用较早的日期（{fmt_zh(by_days)}）；依{cite_zh(('civil-code', 194))}第二款可能主张至{fmt_zh(by_six)}，但不宜依赖。",
                    f"The suspension uses the earlier date ({by_days}); Civil Code art. 194(2) might support "
                    f"{by_six}, but do not rely on it."))
            raw = new

    last = move_to_working_day(raw)
    final, moved = last.final, last.moved
    step_zh, step_en = explain_last_day(last)
    steps_zh.append(step_zh)
    steps_en.append(step_en)
    expired = final < today_d
    days_left = (final - today_d).days
    if rule.kind == "court_duty":
        summary_zh = f"结论：{rule.action_zh}的期限届满日为{fmt_zh(final)}（{weekday(final, 'zh')}）。"
        summary_en = f"Result: the court's time limit ends on {weekday(final, 'en')} {fmt_en(final)}."
    else:
        summary_zh = f"结论：最晚应在{fmt_zh(final)}（{weekday(final, 'zh')}）{rule.action_zh}。"
        summary_en = f"Result: {rule.action_en} no later than {weekday(final, 'en')} {fmt_en(final)}."
    if expired:
        summary_zh += f"截至今天（{fmt_zh(today_d)}），该期间已经届满。"
        summary_en += f" As of today ({fmt_en(today_d)}) the period has expired."
    elif rule.kind != "court_duty":
        if days_left == 0:
            summary_zh += "今天就是最后一日。"
            summary_en += " Today is the last day."
        else:
            summary_zh += f"距今天还有{days_left}日。"
            summary_en += f" That is {days_left} day{'s' if days_left != 1 else ''} from today."
    steps_zh.append(summary_zh)
    steps_en.append(summary_en)

    if expired and rule.kind == "enforcement_period":
        provisions.append(("cpl-interp", 481))
        warnings.append(Caveat(
            "enforcement_period_expired",
            f"申请执行时效期间届满后申请强制执行的，人民法院应予受理；被执行人对时效提出异议且异议成立的，裁定不予执行；"
            f"被执行人履行全部或者部分义务后，又以不知道时效届满为由请求执行回转的，不予支持（{cite_zh(('cpl-interp', 481))}）。"
            f"如期间内有中断、中止事由（催告、对方承认或同意履行、达成和解等），请提供日期重新计算。",
            "After the period has expired the court still accepts an application; if the debtor objects on that "
            "ground and the objection holds, enforcement is refused; a debtor who has paid cannot get it back by "
            "pleading ignorance of the expiry (CPL Interpretation art. 481). If the period was interrupted or "
            "suspended (a demand, the debtor's acknowledgement, a settlement …), give the dates and recompute."))
    if rule.kind == "procedural" and rule.provisions[0] != ("cpl", 86):   # the extension itself: it would repeat it
        # the extension (art. 86) matters to someone who has missed the period or may miss it today; with days
        # still left, what helps is knowing the period cannot stretch and that posting in time counts
        if days_left <= 0:
            extension_zh = f"因正当理由耽误的，可在障碍消除后十日内申请顺延（{cite_zh(('cpl', 86))}）。"
            extension_en = ("If it was missed for good reason, apply within 10 days after the obstacle ends to extend "
                            "it (Civil Procedure Law art. 86). ")
            provisions.append(("cpl", 86))
        else:
            extension_zh = extension_en = ""
        warnings.append(Caveat(
            "fixed_period",
            f"这是不变期间，不因中止、中断而延长；{extension_zh}"
            f"期间不包括在途时间，诉讼文书在期满前交邮的，不算过期（{cite_zh(_CPL85)}第四款）。",
            f"This is a fixed period: it is not suspended or interrupted. {extension_en}Documents posted before the "
            "period ends are in time (Civil Procedure Law art. 85(4))."))
    if not last.covered:
        warnings.append(schedule_not_published(last))

    return DeadlineResult(
        event=event, event_date=ev, period_start=start, period=rule.period_iso(), rule_id=f"deadline.{rule.id}",
        kind=rule.kind, title_zh=rule.title_zh, title_en=rule.title_en, action_zh=rule.action_zh,
        action_en=rule.action_en, deadline=final, unadjusted_deadline=raw, moved_to_working_day=moved,
        skipped_days=tuple(SkippedDay(day=d.day, kind=d.kind, reason_zh=d.reason("zh"), reason_en=d.reason("en"))
                           for d in last.skipped),
        calendar_covered=last.covered,
        explanation_zh="".join(steps_zh), explanation_en=" ".join(steps_en),
        provisions=tuple(dedupe(provisions)), warnings=tuple(warnings), today=today_d, expired=expired,
        days_left=days_left, interruptions=tuple(applied_i), suspensions=tuple(applied_s))


def explain_last_day(last: LastDay) -> tuple[str, str]:
    """The sentence saying whether the last day moved, over which rest days and why (zh, en)."""
    raw, final = last.nominal, last.final
    if last.moved:
        return (f"{fmt_zh(raw)}是{last.nominal_day.reason('zh')}；期间届满的最后一日是法定休假日的，"
                f"以法定休假日后的第一日为期间届满的日期（{cite_zh(_CPL85)}第三款）。跳过"
                f"{describe_skipped(last, 'zh', fmt)}，顺延至{fmt_zh(final)}（{weekday(final, 'zh')}）。",
                f"{fmt_en(raw)} is a {last.nominal_day.reason('en')}; a period whose last day is a rest day ends "
                f"on the first working day after it (Civil Procedure Law art. 85(3)). Skipping "
                f"{describe_skipped(last, 'en', fmt)}, it moves to {weekday(final, 'en')} {fmt_en(final)}.")
    return (f"{fmt_zh(raw)}是{last.nominal_day.reason('zh')}，不顺延。",
            f"{fmt_en(raw)} is a {last.nominal_day.reason('en')}; it does not move.")


def deadline_request(payload: dict, *, today: date | None = None) -> dict:
    """The body of POST /api/deadline → the JSON answer. Bad input raises DeadlineInputError (→ HTTP 400).

    Payload: {"event": "settlement_default", "date": "2025-03-31", "today": "2026-11-23" (optional),
              "interruptions": ["2026-01-05"], "suspensions": [["2026-12-01", "2027-01-10"]],
              "performance_days": 10 (judgment_days_after_effective only)}
    """
    if not isinstance(payload, dict):
        raise DeadlineInputError("请求体应为 JSON 对象。", "The request body must be a JSON object.")
    unknown = set(payload) - {"event", "date", "event_date", "today", "interruptions", "suspensions",
                              "performance_days", "lang"}
    if unknown:
        raise DeadlineInputError(f"未知字段：{', '.join(sorted(unknown))}", f"Unknown fields: {', '.join(sorted(unknown))}")
    event = payload.get("event")
    when = payload.get("date", payload.get("event_date"))
    if not event or not when:
        raise DeadlineInputError("需要 event 和 date 两个字段。", "Both 'event' and 'date' are required.",
                                 code="missing_field")
    t = payload.get("today") or today or date.today()
    result = compute_deadline(str(event), when, today=t, interruptions=payload.get("interruptions") or (),
                              suspensions=payload.get("suspensions") or (),
                              performance_days=payload.get("performance_days"))
    return result.to_dict()
