"""The official court calendar: which days are working days, and where a period's last day moves.

A period whose last day is a statutory rest day ends on the first working day after it. Rest days are
the weekends and the public holidays of the State Council's annual schedule (国务院办公厅关于部分节假日安排
的通知); a Saturday or Sunday the schedule makes a working day (调休上班) is a working day, so a last day on
it does not move. The schedule comes from the maintained ``chinesecalendar`` package, which records every
published year; this module is the only place that reads it.

A year the package does not record yet (the schedule is published each November or December for the next
year) falls back to the weekend rule, and the result says so: ``LastDay.covered`` is false and
``uncovered_years`` names the years, so the answer can carry a visible caveat instead of a silent guess.

>>> last = move_to_working_day(date(2026, 10, 1))          # National Day week
>>> last.final, [d.day.isoformat() for d in last.skipped][:2]
(datetime.date(2026, 10, 8), ['2026-10-01', '2026-10-02'])
>>> move_to_working_day(date(2026, 2, 28)).skipped          # a Saturday worked for the Spring Festival
()
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import chinese_calendar
from chinese_calendar import constants as _schedule

from assistant.text.dates import WEEKDAYS_EN, WEEKDAYS_ZH

# the holiday names the package records (its English names) → the names the official notices use
_HOLIDAY_ZH = {h.value: h.chinese for h in chinese_calendar.Holiday}
_HOLIDAY_ZH.update({"Spring Festival": "春节", "National Day": "国庆节", "Tomb-sweeping Day": "清明节",
                    "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节"})

DayKind = Literal["working", "makeup_working", "holiday", "weekend"]


@dataclass(frozen=True)
class CalendarDay:
    """One day on the court calendar and why it is, or is not, a working day."""

    day: date
    kind: DayKind
    holiday_en: str = ""      # the holiday the day belongs to (or is worked for): 'Spring Festival'
    covered: bool = True      # false: the year is not in the official schedule; only weekends are known

    @property
    def working(self) -> bool:
        return self.kind in ("working", "makeup_working")

    @property
    def holiday_zh(self) -> str:
        return _HOLIDAY_ZH.get(self.holiday_en, self.holiday_en)

    def reason(self, lang: str = "zh") -> str:
        """Why the day is what it is: '国庆节假期（法定休假日）' / '星期六（休息日）' / '星期六，但为春节调休上班日（工作日）'.
        Outside the covered years the parenthesis says that only the weekend is known."""
        zh = lang == "zh"
        name = (WEEKDAYS_ZH if zh else WEEKDAYS_EN)[self.day.weekday()]
        if self.kind == "holiday":
            return f"{self.holiday_zh}假期（法定休假日）" if zh else f"{self.holiday_en} holiday (a public holiday)"
        if self.kind == "makeup_working":
            return (f"{name}，但为{self.holiday_zh}调休上班日（工作日）" if zh else
                    f"{name}, but a make-up working day for the {self.holiday_en} holiday (a working day)")
        what = ("休息日" if zh else "a rest day") if self.kind == "weekend" else ("工作日" if zh else "a working day")
        if not self.covered:
            what += ("；该年放假安排尚未收录，只按星期六、星期日判断" if zh else
                     "; that year's holiday schedule is not recorded yet, so only weekends are known")
        return f"{name}（{what}）" if zh else f"{name} ({what})"

    def label(self, lang: str = "zh") -> str:
        """A short name for a run of skipped days: '国庆节假期' / '周末'."""
        if self.kind == "holiday":
            return f"{self.holiday_zh}假期" if lang == "zh" else f"the {self.holiday_en} holiday"
        return "周末" if lang == "zh" else "weekend"


@dataclass(frozen=True)
class LastDay:
    """A period's last day by arithmetic (``nominal``), the working day it ends on (``final``), and every
    rest day skipped between them, each with its reason."""

    nominal: date
    final: date
    skipped: tuple[CalendarDay, ...]
    nominal_day: CalendarDay

    @property
    def moved(self) -> bool:
        return self.final != self.nominal

    @property
    def covered(self) -> bool:
        return self.nominal_day.covered and all(d.covered for d in self.skipped)

    @property
    def uncovered_years(self) -> tuple[int, ...]:
        days = (self.nominal_day, *self.skipped, calendar_day(self.final))
        return tuple(sorted({d.day.year for d in days if not d.covered}))


@lru_cache(maxsize=1)
def covered_years() -> range:
    """The years whose official schedule the installed ``chinesecalendar`` records (every year in between)."""
    years = [d.year for d in _schedule.holidays]
    return range(min(years), max(years) + 1)


def is_covered(year: int) -> bool:
    return year in covered_years()


def calendar_day(d: date) -> CalendarDay:
    """What the official calendar says about `d`; outside the covered years only the weekend is known."""
    if not is_covered(d.year):
        return CalendarDay(d, "weekend" if d.weekday() >= 5 else "working", covered=False)
    if d in _schedule.workdays:
        return CalendarDay(d, "makeup_working" if d.weekday() >= 5 else "working", _schedule.workdays[d])
    if d in _schedule.holidays:
        return CalendarDay(d, "holiday", _schedule.holidays[d])
    return CalendarDay(d, "weekend" if d.weekday() >= 5 else "working")


def is_working_day(d: date) -> bool:
    return calendar_day(d).working


def move_to_working_day(d: date) -> LastDay:
    """A last day on a rest day moves to the first working day after it (the rule corpus/rules/deadlines.yaml
    cites as rest_day_moves); a working day, make-up working days included, stays."""
    first = calendar_day(d)
    skipped: list[CalendarDay] = []
    day = first
    while not day.working:
        skipped.append(day)
        day = calendar_day(day.day + timedelta(days=1))
    return LastDay(nominal=d, final=day.day, skipped=tuple(skipped), nominal_day=first)


def describe_skipped(last: LastDay, lang: str, fmt) -> str:
    """'2026年10月1日至2026年10月7日（国庆节假期）' — the skipped days in runs, each run with its reason.
    `fmt(day, lang)` writes a date."""
    runs: list[list] = []          # [first day, last day, CalendarDay of the first]
    for d in last.skipped:
        if runs and runs[-1][2].label() == d.label() and runs[-1][1] == d.day - timedelta(days=1):
            runs[-1][1] = d.day
        else:
            runs.append([d.day, d.day, d])
    parts = []
    for first, end, d in runs:
        if lang == "zh":
            when = fmt(first, "zh") if first == end else f"{fmt(first, 'zh')}至{fmt(end, 'zh')}"
            parts.append(f"{when}（{d.label('zh')}）")
        else:
            when = fmt(first, "en") if first == end else f"{fmt(first, 'en')} to {fmt(end, 'en')}"
            parts.append(f"{when} ({d.label('en')})")
    return ("、" if lang == "zh" else "; ").join(parts)
