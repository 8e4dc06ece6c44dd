"""Deadline calculator: statutory periods of enforcement law, computed and explained.

The periods, the events that start them and the provisions the explanations cite are data, in
corpus/rules/deadlines.yaml (checked by `assistant corpus build`); this module does the arithmetic
(docs/formats.md):

* the day the period starts from is not counted — a period of N days from day S ends on S + N;
* a period of N months or years ends on the same-numbered day of the final month, or on that
  month's last day where it has no such day (2024-02-29 + 2 years → 2026-02-28);
* a last day on a rest day moves to the first working day after it, on the official court calendar
  (assistant/answer/court_calendar.py): weekends and public holidays are rest days, a make-up working day
  (调休上班) is a working day. Every result names the days it skipped and why; for a year whose official
  schedule is not published yet it uses the weekend rule and says so.

The two-year enforcement application period can be interrupted (it restarts on the day of the
interruption) and suspended (it follows the rules on limitation periods). Only an obstacle within the last
six months of the period suspends it; the calculator adds the suspended days (“继续计算”) and, where the
Civil Code's “满六个月届满” would give an earlier day, uses that earlier day and says so. The short
procedural periods (10 or 15 days) are fixed periods: they are not interrupted or suspended; an
application to extend is the remedy instead.
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Iterable, Literal, Sequence

from pydantic import BaseModel, ConfigDict

from assistant.answer.court_calendar import (LastDay, covered_years, describe_skipped, is_working_day,
                                             move_to_working_day)
from assistant.answer.provisions import Caveat, InputError, Provision, cite_en, cite_zh, dedupe
from assistant.corpus.rules import load_deadline_rules
from assistant.text import dates
from assistant.text.dates import fmt, fmt_en, fmt_zh, weekday
from assistant.text.numerals import to_chinese

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

RULES = load_deadline_rules()
# the earliest start day the two-year enforcement period applies to (the data says why); older ones are refused
EARLIEST_SUPPORTED = RULES.earliest_start


def cite_role_zh(role: str, paragraph: bool = True) -> str:
    """How the calculator's sentences name a provision it applies to every period, the role's paragraph included
    ('《民事诉讼法》第N条第M款'; without it when `paragraph` is false)."""
    c = RULES.cite(role)
    return cite_zh(c.provision) + (f"第{to_chinese(c.paragraph)}款" if c.paragraph and paragraph else "")


def cite_role_en(role: str, paragraph: bool = True) -> str:
    """The same in English: 'Civil Procedure Law art. N(M)'."""
    c = RULES.cite(role)
    law_id, article = c.provision
    return f"{RULES.short_names_en[law_id]} art. {article}" + (f"({c.paragraph})" if c.paragraph and paragraph else "")


def role_provision(role: str) -> Provision:
    return RULES.cite(role).provision


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
    """Same-numbered day n months later (or earlier), clamped to the month's last day (the Civil Code's rule for month ends)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, n: int) -> date:
    return add_months(d, 12 * n)


def period_end(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """Last day of a period counted from `start`, the start day itself not counted."""
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
    governed_by: int = 1   # how many of the leading provisions set the period (a statute and its interpretation may)

    @property
    def interruptible(self) -> bool:
        return self.kind == "enforcement_period"

    def period_zh(self) -> str:
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
        the two years, so there it only says where the period starts."""
        governing = [p for p in self.provisions[:self.governed_by] if p != role_provision("start_day_not_counted")]
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


EVENTS: dict[str, EventRule] = {e.id: EventRule(**asdict(e)) for e in RULES.events}


def schedule_not_published(last: LastDay) -> Caveat:
    """The visible caveat for a last day in a year the official holiday schedule does not cover yet."""
    years_zh = "、".join(f"{y}年" for y in last.uncovered_years)
    years_en = ", ".join(map(str, last.uncovered_years))
    known = covered_years()
    return Caveat(
        "holiday_schedule_not_published",
        f"{years_zh}的法定节假日安排尚未收录（本计算收录了{known.start}年至{known.stop - 1}年国务院公布的放假安排），"
        f"因此只按星期六、星期日顺延，未计入法定节假日和调休上班日。届满日遇法定节假日的，以节假日后的第一个工作日为届满日"
        f"（{cite_role_zh('rest_day_moves')}），请核对国务院办公厅公布的当年放假安排。",
        f"The official holiday schedule for {years_en} is not recorded yet (this calculation has the State "
        f"Council's schedules for {known.start}–{known.stop - 1}), so only Saturdays and Sundays were skipped; "
        f"public holidays and make-up working days were not. A last day on a public holiday moves to the first "
        f"working day after it ({cite_role_en('rest_day_moves')}); check that year's official schedule.")


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
            f"可以在障碍消除后十日内申请顺延（{cite_role_zh('extension')}）。",
            f"'{rule.title_en}' is a fixed period of {rule.period_en()}: it is not interrupted or suspended. If it was "
            f"missed for force majeure or another good reason, apply within 10 days after the obstacle ends to extend "
            f"it ({cite_role_en('extension')}).")

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
        steps_zh.append(f"{rule.note_zh}{basis_zh}依{cite_role_zh('start_day_not_counted')}，期间开始的日不计算在期间内。本期间自{start_zh}（{fmt_zh(start)}）起计算，"
                        f"{rule.period_zh()}期间至{fmt_zh(raw)}届满"
                        + ("（到期月没有对应日的，以该月最后一日为期间的最后一日）" if raw.day != start.day else "") + "。")
        steps_en.append(f"{rule.note_en} {basis_en}The period runs from {start_en} ({fmt_en(start)}), that day not "
                        f"counted ({cite_role_en('start_day_not_counted')}); {rule.period_en()} end on {fmt_en(raw)}"
                        + (" (the final month has no same-numbered day, so its last day)" if raw.day != start.day else "")
                        + ".")
    else:
        raw = period_end(start, days=rule.days)
        steps_zh.append(f"{basis_zh}依{cite_role_zh('start_day_not_counted')}，期间开始的日不计算在期间内。本期间自{rule.start_zh}（{fmt_zh(start)}）起计算，"
                        f"{rule.period_zh()}期间的最后一日为{fmt_zh(raw)}。"
                        + (rule.note_zh if rule.note_zh else ""))
        steps_en.append(f"{basis_en}The period runs from {rule.start_en} ({fmt_en(start)}), that day not counted "
                        f"({cite_role_en('start_day_not_counted')}); the {rule.period_en()} end on {fmt_en(raw)}."
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
                    f"不得再以时效届满为由抗辩（{cite_role_zh('performance_after_expiry')}），这需要具体认定，本计算器不给出新日期。",
                    f"The period already ended on {current.isoformat()}; an event on {d.isoformat()} cannot interrupt "
                    f"it. A debtor who agrees to perform after expiry cannot then rely on the expiry "
                    f"({cite_role_en('performance_after_expiry')}), but that needs a case-specific assessment; no new "
                    f"date is given.")
            raw = period_end(d, years=rule.years, months=rule.months)
            applied_i.append(d)
            steps_zh.append(f"{fmt_zh(d)}期间中断（如申请执行人提出履行要求、被执行人同意履行义务、双方达成和解协议），"
                            f"从中断时起重新计算，新的届满日为{fmt_zh(raw)}（{cite_role_zh('enforcement_period')}、"
                            f"{cite_role_zh('interruption_rule')}、{cite_role_zh('interruption_in_enforcement')}）。")
            steps_en.append(f"On {fmt_en(d)} the period was interrupted (a demand for performance, the debtor's "
                            f"agreement to perform, a settlement …) and runs afresh: it now ends on {fmt_en(raw)} "
                            f"({cite_role_en('enforcement_period')}; {cite_role_en('interruption_rule')}; "
                            f"{cite_role_en('interruption_in_enforcement')}).")
            provisions += [role_provision("interruption_rule"), role_provision("interruption_in_enforcement")]
        else:
            s, e = payload  # type: ignore[misc]
            provisions += [role_provision("suspension_rule"), role_provision("suspension_in_enforcement")]
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
                    f"（{cite_role_zh('suspension_rule', paragraph=False)}、{cite_role_zh('suspension_in_enforcement')}）。",
                    f"The obstacle ({s}–{e}) ended before the last six months of the period (from {window}); it "
                    f"does not suspend the period ({cite_role_en('suspension_rule', paragraph=False)}; "
                    f"{cite_role_en('suspension_in_enforcement')})."))
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
                f"期间顺延{(e - eff).days}日至{fmt_zh(by_days)}（{cite_role_zh('suspension_in_enforcement')}）。"
                + (f"按{cite_role_zh('suspension_rule')}“自中止时效的原因消除之日起满六个月届满”计算为{fmt_zh(by_six)}；"
                   f"两者不一致时本计算采用较早的{fmt_zh(new)}。" if by_six != by_days else ""))
            steps_en.append(
                f"From {fmt_en(eff)} to {fmt_en(e)} an obstacle prevented the claim{part_en}; the period was "
                f"suspended and continues once the obstacle ends, so it is extended by {(e - eff).days} days to "
                f"{fmt_en(by_days)} ({cite_role_en('suspension_in_enforcement')})."
                + (f" Under {cite_role_en('suspension_rule')} (the period ends six months after the obstacle ends) "
                   f"it would be "
                   f"{fmt_en(by_six)}; where they differ this calculation uses the earlier day, {fmt_en(new)}."
                   if by_six != by_days else ""))
            if by_six > by_days:
                warnings.append(Caveat(
                    "suspension_rule_conservative",
                    f"中止的计算采用较早的日期（{fmt_zh(by_days)}）；依{cite_role_zh('suspension_rule')}可能主张至{fmt_zh(by_six)}，但不宜依赖。",
                    f"The suspension uses the earlier date ({by_days}); {cite_role_en('suspension_rule')} might support "
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
        provisions.append(role_provision("application_after_expiry"))
        warnings.append(Caveat(
            "enforcement_period_expired",
            f"申请执行时效期间届满后申请强制执行的，人民法院应予受理；被执行人对时效提出异议且异议成立的，裁定不予执行；"
            f"被执行人履行全部或者部分义务后，又以不知道时效届满为由请求执行回转的，不予支持（{cite_role_zh('application_after_expiry')}）。"
            f"如期间内有中断、中止事由（催告、对方承认或同意履行、达成和解等），请提供日期重新计算。",
            "After the period has expired the court still accepts an application; if the debtor objects on that "
            "ground and the objection holds, enforcement is refused; a debtor who has paid cannot get it back by "
            f"pleading ignorance of the expiry ({cite_role_en('application_after_expiry')}). If the period was "
            "interrupted or suspended (a demand, the debtor's acknowledgement, a settlement …), give the dates and "
            "recompute."))
    if rule.kind == "procedural" and rule.provisions[0] != role_provision("extension"):   # it would repeat itself
        # the extension matters to someone who has missed the period or may miss it today; with days
        # still left, what helps is knowing the period cannot stretch and that posting in time counts
        if days_left <= 0:
            extension_zh = f"因正当理由耽误的，可在障碍消除后十日内申请顺延（{cite_role_zh('extension')}）。"
            extension_en = ("If it was missed for good reason, apply within 10 days after the obstacle ends to extend "
                            f"it ({cite_role_en('extension')}). ")
            provisions.append(role_provision("extension"))
        else:
            extension_zh = extension_en = ""
        warnings.append(Caveat(
            "fixed_period",
            f"这是不变期间，不因中止、中断而延长；{extension_zh}"
            f"期间不包括在途时间，诉讼文书在期满前交邮的，不算过期（{cite_role_zh('posting_in_time')}）。",
            f"This is a fixed period: it is not suspended or interrupted. {extension_en}Documents posted before the "
            f"period ends are in time ({cite_role_en('posting_in_time')})."))
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
                f"以法定休假日后的第一日为期间届满的日期（{cite_role_zh('rest_day_moves')}）。跳过"
                f"{describe_skipped(last, 'zh', fmt)}，顺延至{fmt_zh(final)}（{weekday(final, 'zh')}）。",
                f"{fmt_en(raw)} is a {last.nominal_day.reason('en')}; a period whose last day is a rest day ends "
                f"on the first working day after it ({cite_role_en('rest_day_moves')}). Skipping "
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
