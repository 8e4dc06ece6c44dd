"""The court calendar, checked against the official schedule the ``chinesecalendar`` package records.

The deadline cases here are generated, not written by hand: for every period type the calculator knows and
every day of every year the package covers, the expected last day is computed straight from the package
(``chinese_calendar.is_workday``) and ``dateutil`` month arithmetic, independently of the code under test.
A year the package does not cover gets the weekend rule and a visible caveat.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from dateutil.relativedelta import relativedelta

from assistant.answer.court_calendar import calendar_day, covered_years, is_working_day, move_to_working_day
from assistant.answer.deadlines import EARLIEST_SUPPORTED, EVENTS, compute_deadline

D = date.fromisoformat
FAR = D("2100-01-01")

# one event per period type (P2Y, P1Y, P10D, P15D, P30D …): the last-day rule does not depend on the event
PERIOD_TYPES = {}
for _event, _rule in EVENTS.items():
    if _event != "judgment_days_after_effective":          # its start day is not the event day
        PERIOD_TYPES.setdefault(_rule.period_iso(), _event)



def _length(period: str) -> relativedelta:
    rule = EVENTS[PERIOD_TYPES[period]]
    return relativedelta(years=rule.years, months=rule.months, days=rule.days)


# every covered year a period can end in whole (the calculator starts at 2008-04-01)
GENERATED = [(period, year) for period in sorted(PERIOD_TYPES) for year in covered_years()
             if EARLIEST_SUPPORTED + _length(period) < D(f"{year}-01-01")]


def official_last_day(start: date, rule) -> date:
    """The last day by the official calendar: start + period (month ends clamped), then the first day the
    package calls a working day."""
    d = start + relativedelta(years=rule.years, months=rule.months, days=rule.days)
    while not chinese_calendar.is_workday(d):
        d += timedelta(days=1)
    return d


def test_the_library_covers_the_years_the_issue_names():
    assert {2024, 2025, 2026} <= set(covered_years())


@pytest.mark.parametrize("period,year", GENERATED, ids=[f"{p}-{y}" for p, y in GENERATED])
def test_generated_deadlines_match_the_official_calendar(period, year):
    """Every event date whose period ends (by arithmetic) in `year`: 0 mismatches with the package."""
    rule = EVENTS[PERIOD_TYPES[period]]
    length = _length(period)
    first = D(f"{year}-01-01") - length - timedelta(days=3)
    mismatches, checked = [], 0
    day = first
    while day + length <= D(f"{year}-12-31"):
        if (day + length).year == year:
            expected = official_last_day(day, rule)
            if expected.year in covered_years():    # a move into an uncovered year is tested below
                got = compute_deadline(rule.id, day, today=FAR)
                checked += 1
                if got.deadline != expected or not got.calendar_covered:
                    mismatches.append((day, got.deadline, expected))
        day += timedelta(days=1)
    assert checked >= 360 and mismatches == []     # 365 or 366, less any that move into an uncovered year


def test_every_calendar_day_agrees_with_the_library():
    for year in covered_years():
        d = D(f"{year}-01-01")
        while d.year == year:
            assert is_working_day(d) == chinese_calendar.is_workday(d), d
            d += timedelta(days=1)


# the 2026 Spring Festival: 15–23 February off; Saturday 14 and Saturday 28 February worked (调休上班)
SPRING_FESTIVAL_2026 = [
    # (event, event date, expected deadline, expected skipped days)
    ("objection_ruling_reconsideration", "2026-02-04", "2026-02-14", 0),    # Saturday, worked
    ("objection_ruling_reconsideration", "2026-02-05", "2026-02-24", 9),    # 15–23 February skipped
    ("third_party_objection_ruling", "2026-02-01", "2026-02-24", 8),        # from 16 February
    ("objection_ruling_reconsideration", "2026-02-13", "2026-02-24", 1),    # the 23rd, the last holiday
    ("objection_ruling_reconsideration", "2026-02-18", "2026-02-28", 0),    # Saturday, worked
    ("judgment_due", "2024-02-29", "2026-02-28", 0),                        # month end, Saturday, worked
]


@pytest.mark.parametrize("event,on,expected,skipped", SPRING_FESTIVAL_2026)
def test_spring_festival_2026(event, on, expected, skipped):
    r = compute_deadline(event, on, today=FAR)
    assert r.deadline == D(expected) and len(r.skipped_days) == skipped
    assert r.calendar_covered
    if skipped:
        assert all(s.kind == "holiday" for s in r.skipped_days if s.day.month == 2 and 15 <= s.day.day <= 23)
        assert "春节假期" in r.explanation_zh and "Spring Festival" in r.explanation_en
        assert "跳过" in r.explanation_zh and "Skipping" in r.explanation_en
    elif D(expected).weekday() >= 5:
        assert "春节调休上班日" in r.explanation_zh and "make-up working day" in r.explanation_en
        assert "不顺延" in r.explanation_zh


def test_national_day_week_2026():
    """1–7 October off; Sunday 20 September and Saturday 10 October worked; 25–27 September Mid-autumn."""
    for day in range(1, 8):
        last = move_to_working_day(D(f"2026-10-0{day}"))
        assert last.final == D("2026-10-08")
        assert [s.day for s in last.skipped] == [D(f"2026-10-0{k}") for k in range(day, 8)]
        assert all(s.holiday_en == "National Day" for s in last.skipped)
    assert move_to_working_day(D("2026-10-10")).final == D("2026-10-10")            # Saturday, worked
    assert move_to_working_day(D("2026-09-20")).final == D("2026-09-20")            # Sunday, worked
    assert move_to_working_day(D("2026-09-26")).final == D("2026-09-28")            # Mid-autumn
    r = compute_deadline("objection_ruling_reconsideration", "2026-09-21", today=FAR)
    assert r.unadjusted_deadline == D("2026-10-01") and r.deadline == D("2026-10-08")
    assert "跳过2026年10月1日至2026年10月7日（国庆节假期）" in r.explanation_zh
    assert "National Day holiday" in r.explanation_en
    r = compute_deadline("distribution_plan_objection", "2026-09-25", today=FAR)     # 15 days → Saturday 10 Oct
    assert r.deadline == D("2026-10-10") and not r.skipped_days and "国庆节调休上班日" in r.explanation_zh


def test_every_answer_says_whether_the_last_day_moved():
    for on, words in (("2026-11-12", "跳过2026年11月22日（周末）"),   # Sunday → Monday
                      ("2026-11-02", "2026年11月12日是星期四（工作日），不顺延")):
        r = compute_deadline("objection_ruling_reconsideration", on, today=FAR)
        assert words in r.explanation_zh, r.explanation_zh
        assert r.to_dict()["skipped_days"] == [s.model_dump(mode="json") for s in r.skipped_days]


UNCOVERED = covered_years().stop      # the first year the package has no schedule for


def test_an_uncovered_year_gets_the_weekend_rule_and_a_visible_caveat():
    mismatches = []
    d = D(f"{UNCOVERED}-01-01")
    while d.year == UNCOVERED:
        last = move_to_working_day(d)
        weekend_rule = d + timedelta(days=(7 - d.weekday()) % 7 if d.weekday() >= 5 else 0)
        if last.final != weekend_rule or last.covered or last.uncovered_years != (UNCOVERED,):
            mismatches.append(d)
        d += timedelta(days=1)
    assert mismatches == []
    r = compute_deadline("objection_ruling_reconsideration", D(f"{UNCOVERED}-09-21"), today=FAR)
    assert not r.calendar_covered
    caveats = [w for w in r.warnings if w.code == "holiday_schedule_not_published"]
    assert len(caveats) == 1 and f"{UNCOVERED}年的法定节假日安排尚未收录" in caveats[0].zh
    assert f"{UNCOVERED}" in caveats[0].en and "only Saturdays and Sundays" in caveats[0].en
    assert "该年放假安排尚未收录" in r.explanation_zh
    assert calendar_day(D(f"{UNCOVERED}-10-01")).covered is False
