"""The navigator's rule engine: the rules of corpus/rules/navigator.yaml, with their wording from
navigator_text.yaml, applied to the facts (facts.py).

For each remedy of a procedure the first rule for it whose `when` matches decides: ``open``, ``closed`` or
``skip`` (not applicable: not listed), for the stated reason and provisions; a remedy no rule matches is not
listed. Every matching note is shown; the first matching follow-up is asked. Loading checks that every fact a rule
names is a field of the facts and every value one of that field's values (a CorpusError naming the entry), so that
`assistant corpus build` refuses a rule file the navigator cannot apply.

Remedy ids are those of docs/formats.md.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict

from assistant.answer.navigator.facts import ReversalFacts, SettlementFacts, _Facts
from assistant.answer.provisions import Caveat, Provision, dedupe
from assistant.corpus.parse import CorpusError
from assistant.corpus.rules import NavigatorRules, WhenValue, load_navigator_rules

Verdict = Literal["open", "closed", "skip"]


class _Conditional:
    """A rule, note or follow-up applies when every fact in its `when` has the value (or one of the values) there."""

    when: Mapping[str, Any]

    def matches(self, facts: Any) -> bool:
        return all(_match(getattr(facts, k), v) for k, v in self.when.items())


@dataclass(frozen=True)
class Rule(_Conditional):
    id: str
    remedy: str
    verdict: Verdict
    when: Mapping[str, Any]
    reason_zh: str
    reason_en: str
    provisions: tuple[Provision, ...] = ()


@dataclass(frozen=True)
class NoteRule(_Conditional):
    """Extra information shown when the facts match (a limit, a time bar, a practical point)."""

    id: str
    when: Mapping[str, Any]
    zh: str
    en: str
    provisions: tuple[Provision, ...] = ()
    # what a question must ask about for the note to answer it: remedies by id, or 'deduction' / 'deadline'
    about: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FollowUp(_Conditional):
    id: str
    when: Mapping[str, Any]
    zh: str
    en: str
    needs: tuple[str, ...] = field(default=())   # the fact the answer would fill


def _match(actual: Any, expected: Any) -> bool:
    if isinstance(expected, (set, frozenset, tuple, list)):
        return actual in expected
    return actual == expected


@dataclass(frozen=True)
class Procedure:
    """One procedure's remedies (in the order they are listed) with its rules, notes and follow-ups."""

    name: str
    facts: type[_Facts]
    remedies: tuple[str, ...]
    rules: tuple[Rule, ...]
    notes: tuple[NoteRule, ...]
    follow_ups: tuple[FollowUp, ...]

    def note(self, code: str) -> NoteRule | None:
        return next((n for n in self.notes if n.id == code), None)


@dataclass(frozen=True)
class RuleSet:
    remedy_names: dict[str, tuple[str, str]]    # remedy id -> (zh, en)
    procedures: dict[str, Procedure]
    # how the answer states a fact read: fact -> value (or True) -> (zh, en), in the order stated
    fact_words: dict[str, dict[str | bool, tuple[str, str]]] = field(default_factory=dict)

    @property
    def settlement(self) -> Procedure:
        return self.procedures["settlement"]

    @property
    def reversal(self) -> Procedure:
        return self.procedures["reversal"]

    def provisions(self) -> list[tuple[str, Provision]]:
        """(rule or note id, provision) for every provision the rules and notes cite."""
        out = []
        for p in self.procedures.values():
            out += [(r.id, prov) for r in p.rules for prov in r.provisions]
            out += [(n.id, prov) for n in p.notes for prov in n.provisions]
        return out


FACTS_OF: dict[str, type[_Facts]] = {"settlement": SettlementFacts, "reversal": ReversalFacts}


def _allowed(facts: type[_Facts], name: str) -> tuple[Any, ...] | None:
    """The values a rule may require of the fact `name`: an enum's values, or True and False; None when the
    records have no such fact."""
    if name in facts.model_fields:
        annotation = typing.get_type_hints(facts)[name]
    elif isinstance(getattr(facts, name, None), property):
        annotation = typing.get_type_hints(getattr(facts, name).fget).get("return")
    else:
        return None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(m.value for m in annotation)
    if annotation is bool:
        return (True, False)
    return ()


def _typed_when(rules: NavigatorRules, procedure: str, where: str,
                when: tuple[tuple[str, WhenValue], ...]) -> dict[str, Any]:
    facts = FACTS_OF[procedure]
    out: dict[str, Any] = {}
    for name, value in when:
        allowed = _allowed(facts, name)
        if allowed is None:
            raise CorpusError(rules.path, 1, f"{where}: {name!r} is not a fact of {procedure} "
                                             f"({', '.join(facts.model_fields)})")
        values = value if isinstance(value, tuple) else (value,)
        wrong = [v for v in values if v not in allowed or type(v) is not type(allowed[0])]
        if wrong or not allowed:
            raise CorpusError(rules.path, 1, f"{where}: {name} cannot be {', '.join(map(repr, wrong or values))}"
                                             + (f"; it is one of {', '.join(map(str, allowed))}" if allowed else ""))
        out[name] = frozenset(value) if isinstance(value, tuple) else value
    return out


def build_rule_set(rules: NavigatorRules) -> RuleSet:
    """Typed rules with their wording; a fact or value the records do not know is a CorpusError."""
    unknown = set(rules.procedures) - set(FACTS_OF)
    if unknown:
        raise CorpusError(rules.path, 1, f"unknown procedure(s) {', '.join(sorted(unknown))}; "
                                         f"the navigator has {', '.join(FACTS_OF)}")
    procedures = {}
    for name, p in rules.procedures.items():
        built_rules = tuple(Rule(r.id, r.remedy, r.verdict,  # type: ignore[arg-type]
                                 _typed_when(rules, name, f"rule {r.id!r}", r.when), *rules.text("rules", r.id),
                                 r.provisions) for r in p.rules)
        notes = tuple(NoteRule(n.id, _typed_when(rules, name, f"note {n.id!r}", n.when), *rules.text("notes", n.id),
                               n.provisions, n.about) for n in p.notes)
        follow_ups = tuple(FollowUp(f.id, _typed_when(rules, name, f"follow-up {f.id!r}", f.when),
                                    *rules.text("follow_ups", f.id), f.needs) for f in p.follow_ups)
        for f in follow_ups:
            stray = [n for n in f.needs if n not in FACTS_OF[name].model_fields]
            if stray:
                raise CorpusError(rules.path, 1, f"follow-up {f.id!r}: 'needs' names {', '.join(stray)}, "
                                                 f"not a fact of {name}")
        procedures[name] = Procedure(name, FACTS_OF[name], p.remedies, built_rules, notes, follow_ups)
    for fact, words in rules.fact_words.items():
        allowed = next((a for facts in FACTS_OF.values() if (a := _allowed(facts, fact))), None)
        if allowed is None:
            raise CorpusError(rules.text_path, 1, f"facts.{fact}: not a fact the navigator reads")
        wrong = [v for v in words if v not in allowed or type(v) is not type(allowed[0]) or v is False]
        if wrong:
            raise CorpusError(rules.text_path, 1, f"facts.{fact}: {', '.join(map(repr, wrong))} is not one of "
                                                  f"{', '.join(map(str, allowed))}")
    return RuleSet(dict(rules.texts["remedies"]), procedures, dict(rules.fact_words))


@lru_cache(maxsize=4)
def rule_set(corpus_dir: Path | None = None) -> RuleSet:
    """The navigator's rules of `corpus_dir` (default: the checkout's corpus/), read and checked once."""
    return build_rule_set(load_navigator_rules(corpus_dir))


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


def _run(procedure: Procedure, facts: _Facts, remedy_names: dict[str, tuple[str, str]],
         fmt_vars: dict[str, dict[str, str]]) -> Navigation:
    decided: list[RemedyVerdict] = []
    skipped: list[RemedyVerdict] = []
    for remedy in procedure.remedies:
        for rule in procedure.rules:
            if rule.remedy != remedy or not rule.matches(facts):
                continue
            zh_name, en_name = remedy_names[remedy]
            v = RemedyVerdict(remedy=remedy, status="n/a" if rule.verdict == "skip" else rule.verdict,
                              rule_id=rule.id, name_zh=zh_name, name_en=en_name, reason_zh=rule.reason_zh,
                              reason_en=rule.reason_en, provisions=tuple(rule.provisions))
            (skipped if rule.verdict == "skip" else decided).append(v)
            break
    shown: list[Caveat] = []
    note_provs: list[Provision] = []
    for n in procedure.notes:
        if n.matches(facts):
            shown.append(Caveat(n.id, n.zh.format(**fmt_vars["zh"]), n.en.format(**fmt_vars["en"])))
            note_provs += list(n.provisions)
    fu = next((f for f in procedure.follow_ups if f.matches(facts)), None)
    return Navigation(procedure=procedure.name, facts=facts.model_dump(mode="json"),  # type: ignore[arg-type]
                      remedies=tuple(decided), not_applicable=tuple(skipped), notes=tuple(shown),
                      note_provisions=tuple(dedupe(note_provs)),
                      follow_up_zh=fu.zh if fu else None, follow_up_en=fu.en if fu else None,
                      follow_up_needs=fu.needs if fu else (), follow_up_id=fu.id if fu else None)


def navigate_settlement(facts: SettlementFacts, rules: RuleSet | None = None) -> Navigation:
    """Remedies open and closed after an enforcement settlement, with reasons and provisions (by the shipped
    rules, or `rules`)."""
    paid_zh = f"（本案已履行{facts.amount_paid}）" if facts.amount_paid else ""
    paid_en = f" (here: {facts.amount_paid} already paid)" if facts.amount_paid else ""
    rules = rules or rule_set()
    return _run(rules.settlement, facts, rules.remedy_names, {"zh": {"paid": paid_zh}, "en": {"paid": paid_en}})


def navigate_reversal(facts: ReversalFacts, rules: RuleSet | None = None) -> Navigation:
    """Outcome of an execution reversal (返还 / 折价赔偿 / 终结回转另行起诉), with reasons and provisions (by the
    shipped rules, or `rules`)."""
    rules = rules or rule_set()
    return _run(rules.reversal, facts, rules.remedy_names, {"zh": {}, "en": {}})
