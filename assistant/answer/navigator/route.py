"""The navigator's router: which kind of question this is (a deadline, a settlement's remedies, an execution
reversal, or none the navigator answers), read by reader.py, decided by engine.py and the deadline calculator,
written by render.py.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from assistant.answer.date_roles import DateRoleTagger
from assistant.answer.deadlines import (EVENTS, DeadlineInputError, DeadlineResult, EventRule, compute_deadline,
                                        RULES, role_provision)
from assistant.answer.navigator.engine import navigate_reversal, navigate_settlement
from assistant.answer.navigator.fact_model import FactReader
from assistant.answer.navigator.facts import (BasisStatus, ContradictoryFactsError, Guarantee, Performance,
                                              Returnable, Role, Submission, Validity, Valuation, Vitiation)
from assistant.answer.navigator.reader import (_ASK_DEADLINE_STRONG, _ASK_DEADLINE_WEAK, _ASK_REMEDY, _BASIS_GONE,
                                               _EXCLUDE_DEADLINE, _EXCLUDE_REVERSAL, _EXCLUDE_SETTLEMENT, _GET_BACK,
                                               _SETTLE, _any, _asking_sentences, _event_of, _find_interruptions, _find_suspensions,
                                               _is_general, _judgment_event, _main_dates, _periods_asked, _pick,
                                               extract_dates, month_only, question_focus,
                                               reversal_facts_from_text, settlement_facts_from_text)
from assistant.answer.navigator.render import (EVERY_PATH_QUESTION, NavigatorAnswer, _compose, _error_answer)
from assistant.answer.provisions import Provision, cite_en, cite_list, cite_zh, dedupe
from assistant.answer.scope import OTHER_SYSTEMS
from assistant.corpus.wording import load_date_cues
from assistant.text.dates import FoundDate, fmt, fmt_month, fmt_zh
from assistant.text.language import detect_lang


def _verify(citations: list[Provision], registry: Any) -> list[Provision]:
    if registry is None:
        return citations
    return [c for c in citations if registry.has_article(c[0], c[1])]


def answer_from_question(question: str, *, today: date, lang: str | None = None,
                         registry: Any = None, tagger: DateRoleTagger | None = None,
                         fact_reader: FactReader | None = None) -> NavigatorAnswer | None:
    """Answer a fact-pattern or date question with the navigator and calculator; None if it is not one.

    lang: "zh" or "en" (default: the question's language). registry: a LawRegistry; when given, citations
    that do not exist in it are dropped (they never should be — the tests check every rule). tagger: what each
    date stands for (default: the shipped date-role tagger). fact_reader: reads a settlement's performance, role
    and submission (navigator/fact_model.py; None: the word rules).
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
    # what is asked is read where it is asked: a case's narrative ('甲公司于3月1日申请执行…多次催告') says what
    # happened, and read as asking, every part of the case became a deadline or remedy question
    asking = " ".join(_asking_sentences(q)) or q
    ask_deadline = _any(_ASK_DEADLINE_STRONG, re.sub(_ASK_DEADLINE_WEAK, "", asking, flags=re.I))
    ask_weak = _any(_ASK_DEADLINE_WEAK, asking)
    ask_remedy = _any(_ASK_REMEDY, asking)
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
        start_role = load_date_cues().start_role(event)
        chosen = _pick(q, _main_dates(q, dates) or dates, anchor, start_role, tagger)
        if chosen is None or chosen.value is None:
            # the dates given are of other events, or the start is given only to the month: the period's own
            # start is asked for, not counted from another date or a guessed day
            return _missing_date_answer(question, q, lang, [event], month_only(q, dates, start_role, tagger))
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
            sf = settlement_facts_from_text(q, today=today, dates=dates, tagger=tagger, fact_reader=fact_reader)
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
                month = month_only(q, dates, "performance_due", tagger)
                if month is not None:
                    follow = _only_the_month(month, lang) + follow
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


def _only_the_month(month: FoundDate, lang: str) -> str:
    """What the answer says of a start given only to the month, before asking for the day."""
    assert month.bounds is not None
    if lang == "zh":
        return f"问题中的“{month.surface}”只说到月份（{fmt_month(month.bounds[0], 'zh')}），期间从具体哪一天起算会影响最后一天。"
    return (f"“{month.surface}” gives only the month ({fmt_month(month.bounds[0], 'en')}); the last day depends on "
            f"the exact day the period starts. ")


def _missing_date_answer(question: str, q: str, lang: str, events: list[str],
                         month: FoundDate | None = None) -> NavigatorAnswer:
    """Periods asked about without their dates ('复议期限是多久', 'by when must I…'): each rule, with the provision
    that sets it and where it starts, and the date the first needs to give a last day. ``q``: the question
    normalized. ``month``: the first period's start, given only to the month (said before the day is asked for)."""
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
    if month is not None:
        follow = _only_the_month(month, lang) + follow
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
    """The two years to apply for enforcement and where they start for each kind of judgment (the second paragraph
    of the article that sets them, corpus/rules/deadlines.yaml), then the date that would give the last day."""
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

