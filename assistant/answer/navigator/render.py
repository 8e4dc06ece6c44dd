"""The navigator's renderer: a navigation, a deadline and notes → the answer's text and the provisions it cites."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.answer.deadlines import DeadlineResult
from assistant.answer.navigator.engine import Navigation, NoteRule, rule_set
from assistant.answer.provisions import InputError, Provision, cite_list, dedupe
from assistant.text.dates import fmt, fmt_zh


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



# the last line of every navigator answer (the chain adds after-answer material above it)
CLOSING_CAVEAT = {"zh": "以上依据现行条文编号，是基于规则的初步判断，不构成法律意见；具体请咨询律师或执行法院。",
                  "en": "Article numbers are current. This is a rule-based first assessment, not legal advice."}

def _facts_summary(facts: dict, lang: str) -> str:
    i = 0 if lang == "zh" else 1
    parts = []
    for k, words in rule_set().fact_words.items():   # corpus/rules/navigator_text.yaml, `facts`
        v = facts.get(k)
        if v is not None and v is not False and v in words:
            parts.append(words[v][i])
    if facts.get("due_date"):
        d = date.fromisoformat(facts["due_date"])
        parts.append(f"约定履行期限最后一日为{fmt_zh(d)}" if lang == "zh" else f"the agreed last day was {fmt(d, 'en')}")
    return ("；".join(parts) if lang == "zh" else "; ".join(parts))


# a path asked about brings the one that leads to it: after fraud or coercion, resumption goes through revoking
# the settlement, and revoking it is worth asking about because resumption follows
_LINKED_WHEN_VITIATED = frozenset({"resume_enforcement", "invalidity_suit"})


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
    lines.append(CLOSING_CAVEAT["zh" if zh else "en"])
    return _Composed("\n".join(lines), dedupe(cited), focus)


def _note_rule(code: str, procedure: str) -> NoteRule | None:
    return rule_set().procedures[procedure].note(code)


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

