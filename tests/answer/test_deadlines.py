"""Deadline calculator: every rule, month ends, leap years, weekends, interruption and suspension.

Each table row names the provision it checks (current numbering; law ids as in docs/formats.md).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.answer.deadlines import (EVENTS, DeadlineInputError, FutureDateError, InvalidDateError,
                                        InvalidInterruptionError, InvalidSuspensionError, NotInterruptibleError,
                                        PeriodExpiredError, UnknownEventError, UnsupportedDateError, add_months,
                                        add_years, compute_deadline, deadline_request, fmt_zh, parse_date,
                                        period_end)
from assistant.answer.court_calendar import covered_years, is_working_day, move_to_working_day
from assistant.answer.provisions import InputError, cite_en, cite_zh

D = date.fromisoformat
TODAY = D("2026-11-23")
FAR = D("2100-01-01")

# (id, event, event date, expected deadline, expected last day before the weekend move or None, provision, extra kw)
DEADLINE_CASES = [
    ("settlement-basic", "settlement_default", "2025-03-31", "2027-03-31", None, ("settlement", 10), {}),
    ("settlement-466-restart", "settlement_default", "2025-06-30", "2027-06-30", None, ("cpl-interp", 466), {}),
    ("settlement-sunday", "settlement_default", "2025-08-15", "2027-08-16", "2027-08-15", ("cpl", 85), {}),
    ("settlement-last-instalment-saturday", "settlement_default", "2025-07-10", "2027-07-12", "2027-07-10",
     ("cpl", 85), {}),
    ("settlement-month-end-sunday", "settlement_default", "2025-01-31", "2027-02-01", "2027-01-31", ("cpl", 85), {}),
    ("judgment-due", "judgment_due", "2024-06-30", "2026-06-30", None, ("cpl", 250), {}),
    # 2026-02-28 is a Saturday worked for the Spring Festival (调休上班): a working day, the deadline stays
    ("judgment-due-leap-day", "judgment_due", "2024-02-29", "2026-02-28", None, ("civil-code", 202), {}),
    ("judgment-due-feb28-to-leap-year", "judgment_due", "2022-02-28", "2024-02-28", None, ("civil-code", 202), {}),
    ("judgment-due-non-leap", "judgment_due", "2023-02-28", "2025-02-28", None, ("cpl", 250), {}),
    ("judgment-due-dec31", "judgment_due", "2024-12-31", "2026-12-31", None, ("cpl", 250), {}),
    ("judgment-instalments", "judgment_instalments", "2025-01-15", "2027-01-15", None, ("cpl", 250), {}),
    ("judgment-no-period-saturday", "judgment_no_period", "2024-09-12", "2026-09-14", "2026-09-12", ("cpl", 250), {}),
    ("judgment-10-days-after-effect", "judgment_days_after_effective", "2024-12-10", "2026-12-21", "2026-12-20",
     ("cpl", 250), {"performance_days": 10}),
    ("judgment-days-to-month-end", "judgment_days_after_effective", "2025-01-21", "2027-02-01", "2027-01-31",
     ("cpl", 85), {"performance_days": 10}),
    ("judgment-days-across-leap-feb", "judgment_days_after_effective", "2024-02-20", "2026-03-02", "2026-03-01",
     ("cpl", 85), {"performance_days": 10}),
    ("omission-breach", "judgment_omission_breach", "2025-05-20", "2027-05-20", None,
     ("enforcement-procedure-interp", 21), {}),
    ("notarized-debt", "notarized_debt_due", "2025-04-30", "2027-04-30", None, ("notarized-debt", 9), {}),
    ("third-party-suit-saturday", "third_party_objection_ruling", "2026-11-06", "2026-11-23", "2026-11-21",
     ("cpl", 238), {}),
    ("third-party-suit-across-month", "third_party_objection_ruling", "2026-01-20", "2026-02-04", None,
     ("cpl-interp", 303), {}),
    ("reconsideration-sunday", "objection_ruling_reconsideration", "2026-11-12", "2026-11-23", "2026-11-22",
     ("cpl", 236), {}),
    # 2026-01-04 is a Sunday worked for New Year's Day: a working day
    ("reconsideration-across-year-end", "objection_ruling_reconsideration", "2025-12-25", "2026-01-04", None,
     ("cpl", 236), {}),
    ("reconsideration-leap-february", "objection_ruling_reconsideration", "2024-02-20", "2024-03-01", None,
     ("cpl", 85), {}),
    ("reconsideration-common-february", "objection_ruling_reconsideration", "2025-02-20", "2025-03-03", "2025-03-02",
     ("cpl", 85), {}),
    ("objection-rejected-reconsideration", "objection_rejected_reconsideration", "2026-11-02", "2026-11-12", None,
     ("objection", 2), {}),
    ("distribution-plan", "distribution_plan_objection", "2026-11-10", "2026-11-25", None, ("cpl-interp", 509), {}),
    ("distribution-suit", "distribution_opposition_suit", "2026-10-01", "2026-10-16", None, ("cpl-interp", 510), {}),
    ("arbitration-non-enforcement", "arbitration_non_enforcement", "2026-11-09", "2026-11-24", None,
     ("arbitration-enforcement", 8), {}),
    ("arbitration-third-party-30-days", "arbitration_third_party_non_enforcement", "2026-01-31", "2026-03-02",
     None, ("arbitration-enforcement", 9), {}),
    ("notarized-non-enforcement", "notarized_non_enforcement", "2026-11-02", "2026-11-17", None,
     ("notarized-debt", 13), {}),
    ("jurisdiction-objection", "jurisdiction_objection", "2026-10-30", "2026-11-09", None,
     ("enforcement-procedure-interp", 3), {}),
    ("party-change-suit", "party_change_suit", "2026-11-03", "2026-11-18", None, ("party-change", 32), {}),
    ("party-change-reconsideration", "party_change_reconsideration", "2026-11-03", "2026-11-13", None,
     ("party-change", 30), {}),
    ("exit-ban", "exit_ban_reconsideration", "2026-11-05", "2026-11-16", "2026-11-15", ("objection", 9), {}),
    ("dishonest-list", "dishonest_list_reconsideration", "2026-11-04", "2026-11-16", "2026-11-14",
     ("dishonest-list", 12), {}),
    ("extension-after-obstacle", "extension_after_obstacle", "2026-11-01", "2026-11-11", None, ("cpl", 86), {}),
    ("revocation-fraud-leap-day", "revocation_fraud", "2024-02-29", "2025-02-28", None, ("civil-code", 152), {}),
    ("revocation-coercion", "revocation_coercion", "2025-08-31", "2026-08-31", None, ("civil-code", 152), {}),
    ("guarantee-period", "stay_guarantee_period", "2025-06-30", "2026-06-30", None, ("enforcement-guarantee", 12), {}),
    ("court-objection-review", "objection_review", "2026-11-02", "2026-11-17", None, ("cpl", 236), {}),
    ("court-third-party-review", "third_party_objection_review", "2026-11-02", "2026-11-17", None, ("cpl", 238), {}),
]


@pytest.mark.parametrize("case_id,event,on,expected,unadjusted,provision,kw", DEADLINE_CASES,
                         ids=[c[0] for c in DEADLINE_CASES])
def test_deadline_table(case_id, event, on, expected, unadjusted, provision, kw):
    r = compute_deadline(event, on, today=TODAY, **kw)
    assert r.deadline == D(expected), r.explanation_en
    assert r.unadjusted_deadline == D(unadjusted or expected)
    assert r.moved_to_working_day == (unadjusted is not None)
    assert is_working_day(r.deadline)
    if provision[0] != "civil-code" or provision[1] != 202:     # 202 is the arithmetic, not cited per event
        assert provision in r.provisions, (provision, r.provisions)
    assert fmt_zh(r.deadline) in r.explanation_zh and r.deadline.isoformat() in r.to_dict()["deadline"]
    assert r.explanation_en
    # a year without a published holiday schedule is said so, visibly; a covered year needs no such caveat
    caveat = any(w.code == "holiday_schedule_not_published" for w in r.warnings)
    assert caveat == (not r.calendar_covered) == (r.unadjusted_deadline.year not in covered_years())


def test_every_event_has_a_table_row():
    assert {c[1] for c in DEADLINE_CASES} == set(EVENTS)


@pytest.mark.parametrize("case_id,event,on,expected,unadjusted,provision,kw", DEADLINE_CASES,
                         ids=[c[0] for c in DEADLINE_CASES])
def test_every_result_names_the_provision_that_sets_its_period(case_id, event, on, expected, unadjusted, provision, kw,
                                                               registry):
    # '分配方案异议期间 … 十五日' must say it is 民诉法解释第五百零九条, in the words the guard reads
    from assistant.guard import check

    r = compute_deadline(event, on, today=TODAY, **kw)
    governing = EVENTS[event].provisions[0]
    assert cite_zh(governing) in r.explanation_zh, r.explanation_zh
    assert cite_en(governing) in r.explanation_en or cite_zh(governing) in EVENTS[event].note_zh, r.explanation_en
    cited = {(c.law_id, c.citation.article) for c in check(r.explanation_zh, registry).citations
             if c.verdict == "valid"}
    assert governing in cited


# month arithmetic — 民法典 第二百零二条: the same-numbered day, or the month's last day
MONTH_CASES = [
    ("jan31-plus-1", "2025-01-31", 1, "2025-02-28"),
    ("jan31-plus-1-leap", "2024-01-31", 1, "2024-02-29"),
    ("mar31-minus-1", "2025-03-31", -1, "2025-02-28"),
    ("leap-day-plus-24", "2024-02-29", 24, "2026-02-28"),
    ("leap-day-plus-48", "2024-02-29", 48, "2028-02-29"),
    ("dec31-plus-2", "2025-12-31", 2, "2026-02-28"),
    ("aug31-plus-1", "2025-08-31", 1, "2025-09-30"),
    ("oct31-minus-6", "2026-10-31", -6, "2026-04-30"),
    ("mid-month", "2025-05-15", 13, "2026-06-15"),
]


@pytest.mark.parametrize("case_id,start,months,expected", MONTH_CASES, ids=[c[0] for c in MONTH_CASES])
def test_add_months_table(case_id, start, months, expected):
    """provision: 民法典 第二百零二条 (civil-code 202)."""
    assert add_months(D(start), months) == D(expected)


def test_period_end_excludes_start_day():
    """provision: 民事诉讼法 第八十五条第二款 (cpl 85) — the start day is not counted."""
    assert period_end(D("2026-11-06"), days=15) == D("2026-11-21")
    assert period_end(D("2026-11-06"), days=1) == D("2026-11-07")
    assert period_end(D("2025-03-31"), years=2) == D("2027-03-31")


def test_move_to_working_day():
    """provision: 民事诉讼法 第八十五条第三款 (cpl 85) — a last day on a rest day moves to the next working day."""
    assert move_to_working_day(D("2026-11-21")).final == D("2026-11-23")   # Saturday
    assert move_to_working_day(D("2026-11-22")).final == D("2026-11-23")   # Sunday
    assert move_to_working_day(D("2026-11-20")).final == D("2026-11-20")   # Friday


# interruption and suspension — 民事诉讼法 第二百五十条 → 民法典 第一百九十四条、第一百九十五条; 执行程序解释 第十九条、第二十条
CHAIN_CASES = [
    ("interrupt-restarts", "settlement_default", "2025-08-15", ["2026-01-05"], [], "2028-01-05", ("civil-code", 195)),
    ("two-interruptions", "judgment_due", "2024-06-30", ["2025-03-01", "2026-06-01"], [], "2028-06-01",
     ("enforcement-procedure-interp", 20)),
    ("interrupt-on-last-day", "judgment_due", "2023-06-30", ["2025-06-30"], [], "2027-06-30", ("civil-code", 195)),
    ("interrupt-on-rolled-monday", "judgment_due", "2022-06-30", ["2024-07-01"], [], "2026-07-01",
     ("civil-code", 195)),
    # 2026-02-28, a Saturday worked for the Spring Festival (调休上班), is a working day
    ("interrupt-leap-day", "judgment_due", "2023-03-31", ["2024-02-29"], [], "2026-02-28", ("civil-code", 195)),
    ("suspend-in-last-six-months", "judgment_due", "2024-06-30", [], [("2026-01-01", "2026-05-31")], "2026-11-27",
     ("enforcement-procedure-interp", 19)),
    ("suspend-from-before-window", "judgment_due", "2024-06-30", [], [("2025-10-01", "2026-02-15")], "2026-08-17",
     ("civil-code", 194)),
    ("suspend-before-window-no-effect", "judgment_due", "2024-06-30", [], [("2025-01-01", "2025-03-01")],
     "2026-06-30", ("civil-code", 194)),
    ("short-suspension-adds-days", "judgment_due", "2024-06-30", [], [("2026-06-01", "2026-06-10")], "2026-07-09",
     ("enforcement-procedure-interp", 19)),
    ("suspension-after-expiry-ignored", "judgment_due", "2024-06-30", [], [("2026-07-10", "2026-07-20")],
     "2026-06-30", ("civil-code", 194)),
    ("interrupt-then-suspend", "settlement_default", "2024-01-31", ["2025-01-15"], [("2026-09-01", "2026-10-31")],
     "2027-03-16", ("enforcement-procedure-interp", 19)),
]


@pytest.mark.parametrize("case_id,event,on,ints,susp,expected,provision", CHAIN_CASES, ids=[c[0] for c in CHAIN_CASES])
def test_interruption_and_suspension(case_id, event, on, ints, susp, expected, provision):
    r = compute_deadline(event, on, today=FAR, interruptions=ints, suspensions=susp)
    assert r.deadline == D(expected), r.explanation_zh
    assert provision in r.provisions
    base = compute_deadline(event, on, today=FAR)
    if susp and not ints:
        assert r.deadline >= base.deadline


def test_suspension_warnings_explain_themselves():
    r = compute_deadline("judgment_due", "2024-06-30", today=FAR, suspensions=[("2025-01-01", "2025-03-01")])
    assert any(w.code == "suspension_outside_last_six_months" for w in r.warnings)
    r = compute_deadline("judgment_due", "2024-06-30", today=FAR, suspensions=[("2026-06-01", "2026-06-10")])
    assert any(w.code == "suspension_rule_conservative" for w in r.warnings)
    assert "第一百九十四条" in r.explanation_zh


def test_expired_period_mentions_interp_481():
    """provision: 民诉法解释 第四百八十一条 — late applications are accepted; the debtor may object."""
    r = compute_deadline("judgment_no_period", "2024-09-12", today=TODAY)
    assert r.expired and r.days_left < 0
    assert ("cpl-interp", 481) in r.provisions
    assert any(w.code == "enforcement_period_expired" for w in r.warnings)


def test_fixed_periods_point_to_extension_once_they_are_at_risk():
    """provision: 民事诉讼法 第八十六条 — fixed periods are extended, not suspended. The extension is named on
    the last day and after it; with days still left the answer says only that the period cannot stretch."""
    last_day = compute_deadline("third_party_objection_ruling", "2026-11-06", today=TODAY)
    assert last_day.days_left == 0 and "今天就是最后一日" in last_day.explanation_zh
    missed = compute_deadline("third_party_objection_ruling", "2026-10-20", today=TODAY)
    assert missed.expired
    running = compute_deadline("third_party_objection_ruling", "2026-11-16", today=TODAY)
    assert running.days_left > 0
    for result, names_extension in ((last_day, True), (missed, True), (running, False)):
        fixed = [w for w in result.warnings if w.code == "fixed_period"]
        assert len(fixed) == 1 and "不变期间" in fixed[0].zh
        assert (("cpl", 86) in result.provisions) is names_extension
        assert ("申请顺延" in fixed[0].zh) is names_extension
        assert ("art. 86" in fixed[0].en) is names_extension


# bad input: (id, call kwargs, error class, code)
ERROR_CASES = [
    ("future-event", dict(event="judgment_due", event_date="2026-12-01"), FutureDateError, "date_in_future"),
    ("feb-29-common-year", dict(event="judgment_due", event_date="2025-02-29"), InvalidDateError, "invalid_date"),
    ("month-13", dict(event="judgment_due", event_date="2025-13-01"), InvalidDateError, "invalid_date"),
    ("april-31", dict(event="judgment_due", event_date="2025-04-31"), InvalidDateError, "invalid_date"),
    ("not-a-date", dict(event="judgment_due", event_date="yesterday"), InvalidDateError, "invalid_date"),
    ("unknown-event", dict(event="appeal", event_date="2025-01-01"), UnknownEventError, "unknown_event"),
    ("before-2008", dict(event="judgment_due", event_date="2007-06-30"), UnsupportedDateError, "unsupported_date"),
    ("suspension-reversed", dict(event="judgment_due", event_date="2024-06-30",
                                 suspensions=[("2026-03-01", "2026-02-01")]), InvalidSuspensionError,
     "invalid_suspension"),
    ("suspension-overlap", dict(event="judgment_due", event_date="2024-06-30",
                                suspensions=[("2026-01-01", "2026-03-01"), ("2026-02-01", "2026-04-01")]),
     InvalidSuspensionError, "invalid_suspension"),
    ("suspension-one-date", dict(event="judgment_due", event_date="2024-06-30", suspensions=[("2026-01-01",)]),
     InvalidSuspensionError, "invalid_suspension"),
    ("suspension-not-ended", dict(event="judgment_due", event_date="2024-06-30",
                                  suspensions=[("2026-11-01", "2026-12-31")]), FutureDateError, "date_in_future"),
    ("interruption-in-future", dict(event="judgment_due", event_date="2024-06-30", interruptions=["2027-01-01"]),
     FutureDateError, "date_in_future"),
    ("interruption-before-start", dict(event="judgment_due", event_date="2024-06-30", interruptions=["2024-06-01"]),
     InvalidInterruptionError, "invalid_interruption"),
    ("interruption-inside-suspension", dict(event="judgment_due", event_date="2024-06-30",
                                            interruptions=["2026-02-01"],
                                            suspensions=[("2026-01-01", "2026-03-01")]),
     InvalidInterruptionError, "invalid_interruption"),
    ("interruption-after-expiry", dict(event="judgment_due", event_date="2022-06-30", interruptions=["2024-07-02"]),
     PeriodExpiredError, "period_already_expired"),
    ("fixed-period-interrupted", dict(event="third_party_objection_ruling", event_date="2026-11-06",
                                      interruptions=["2026-11-10"]), NotInterruptibleError, "not_interruptible"),
    ("missing-performance-days", dict(event="judgment_days_after_effective", event_date="2024-12-10"),
     DeadlineInputError, "missing_performance_days"),
    ("performance-days-elsewhere", dict(event="judgment_due", event_date="2024-12-10", performance_days=10),
     DeadlineInputError, "invalid_deadline_input"),
    ("performance-not-yet-over", dict(event="judgment_days_after_effective", event_date="2026-11-20",
                                      performance_days=10), FutureDateError, "date_in_future"),
]


@pytest.mark.parametrize("case_id,kw,exc,code", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_bad_input_is_a_clear_error(case_id, kw, exc, code):
    kw = dict(kw)
    event, on = kw.pop("event"), kw.pop("event_date")
    with pytest.raises(exc) as e:
        compute_deadline(event, on, today=TODAY, **kw)
    err = e.value
    assert isinstance(err, ValueError) and isinstance(err, InputError)
    assert err.code == code and err.zh and err.en
    assert err.zh in str(err) and err.en in str(err)


def test_leap_year_message_is_specific():
    with pytest.raises(InvalidDateError) as e:
        parse_date("2025-02-29")
    assert "不是闰年" in e.value.zh and "not a leap year" in e.value.en
    assert parse_date("2024年2月29日") == D("2024-02-29") and parse_date("2024/2/29") == D("2024-02-29")


def test_deadline_request_api():
    out = deadline_request({"event": "settlement_default", "date": "2025-03-31", "today": "2026-11-23"})
    assert out["deadline"] == "2027-03-31" and out["provisions"][0]["law_id"] == "settlement"
    assert out["provisions"][0]["cite"] == "《最高人民法院关于执行和解若干问题的规定》第十条"
    with pytest.raises(DeadlineInputError):
        deadline_request({"event": "settlement_default"})
    with pytest.raises(DeadlineInputError):
        deadline_request({"event": "settlement_default", "date": "2025-03-31", "colour": "red"})
    with pytest.raises(InvalidDateError):
        deadline_request({"event": "settlement_default", "date": "2025-02-30"})


# ---- properties ------------------------------------------------------------------------------

dates = st.dates(min_value=D("2008-04-01"), max_value=D("2090-12-31"))
events = st.sampled_from(sorted(EVENTS))
enforcement_events = st.sampled_from(sorted(e for e, r in EVENTS.items() if r.kind == "enforcement_period"))


def _compute(event: str, d: date, **kw):
    if event == "judgment_days_after_effective":
        kw.setdefault("performance_days", 10)
    return compute_deadline(event, d, today=FAR, **kw)


@settings(max_examples=300, deadline=None)
@given(events, dates)
def test_never_before_event_and_only_on_a_working_day(event, d):
    r = _compute(event, d)
    assert r.deadline > d
    assert is_working_day(r.deadline)
    # every day skipped is named, and every day named was a rest day between the two
    between = [r.unadjusted_deadline + timedelta(days=k) for k in range((r.deadline - r.unadjusted_deadline).days)]
    assert [s.day for s in r.skipped_days] == between
    assert not any(is_working_day(x) for x in between)


@settings(max_examples=300, deadline=None)
@given(events, dates, dates)
def test_monotone_in_event_date(event, a, b):
    a, b = min(a, b), max(a, b)
    assert _compute(event, a).deadline <= _compute(event, b).deadline


@settings(max_examples=300, deadline=None)
@given(enforcement_events, dates, st.integers(0, 900), st.integers(0, 400))
def test_suspension_never_shortens(event, d, offset, length):
    base = _compute(event, d)
    s = base.period_start + timedelta(days=offset)
    e = s + timedelta(days=length)
    if e > FAR:
        return
    r = _compute(event, d, suspensions=[(s, e)])
    assert r.deadline >= base.deadline
    assert is_working_day(r.deadline)


@settings(max_examples=200, deadline=None)
@given(enforcement_events, dates, st.integers(1, 700))
def test_interruption_restarts_full_period(event, d, offset):
    base = _compute(event, d)
    i = base.period_start + timedelta(days=offset)
    if i > base.deadline:
        with pytest.raises(PeriodExpiredError):
            _compute(event, d, interruptions=[i])
        return
    r = _compute(event, d, interruptions=[i])
    assert r.unadjusted_deadline == add_years(i, 2)
    assert r.deadline >= base.deadline


@settings(max_examples=500, deadline=None)
@given(dates, st.integers(-240, 240))
def test_add_months_keeps_day_or_clamps(d, n):
    r = add_months(d, n)
    assert (r.year * 12 + r.month) - (d.year * 12 + d.month) == n
    assert r.day == d.day or (r.day < d.day and (r + timedelta(days=1)).month != r.month)


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(1, 60))
def test_day_periods_exact(d, n):
    end = period_end(d, days=n)
    assert (end - d).days == n
    rolled = move_to_working_day(end).final
    assert rolled >= end and is_working_day(rolled)
