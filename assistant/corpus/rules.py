"""Legal rules kept as data in corpus/rules/*.yaml: read into frozen records and checked against the registry.

The deadline calculator's periods and events live in corpus/rules/deadlines.yaml. ``load_deadline_rules`` reads
the file (a malformed one is a CorpusError naming the file and the entry); ``check_rules`` lists every
provision the rules name that is not in the current text of a law in force, so that `assistant corpus build`
refuses a rule file citing a repealed law or a renumbered article.

The relief navigator's rules live in corpus/rules/navigator.yaml and their wording in navigator_text.yaml:
``load_navigator_rules`` reads both, ``check_navigator_rules`` checks the provisions they name (and those written
inside the Chinese texts) the same way. Which facts a rule may name is the navigator's to check
(assistant/answer/navigator/engine.py), since the facts are its records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.corpus.parse import CorpusError

Provision = tuple[str, int]
DEADLINES_FILE = Path("rules") / "deadlines.yaml"
NAVIGATOR_FILE = Path("rules") / "navigator.yaml"
NAVIGATOR_TEXT_FILE = Path("rules") / "navigator_text.yaml"
VERDICTS = ("open", "closed", "skip")
# what a note may answer besides a remedy: the deduction of what was paid, a deadline
NOTE_SUBJECTS = ("deduction", "deadline")
KINDS = ("enforcement_period", "procedural", "court_duty", "right_period")


@dataclass(frozen=True)
class Cite:
    """A provision the calculator names in its own sentences, with the paragraph (款) it means, if one."""

    provision: Provision
    paragraph: int | None = None


@dataclass(frozen=True)
class Ground:
    """A ground a question may name (a regex) and the provision a ruling on that ground rests on."""

    pattern: str
    provision: Provision


@dataclass(frozen=True)
class EventDetails:
    """What an answer adds about an event from details of the question: the provision and note for a ground the
    question names (`ground_note` with '{ground}' for that provision), else `provisions` and `note`."""

    provisions: tuple[Provision, ...]
    note_zh: str
    note_en: str
    grounds: tuple[Ground, ...] = ()
    ground_note_zh: str = ""
    ground_note_en: str = ""


@dataclass(frozen=True)
class EventData:
    id: str
    title_zh: str
    title_en: str
    start_zh: str
    start_en: str
    action_zh: str
    action_en: str
    provisions: tuple[Provision, ...]
    years: int = 0
    months: int = 0
    days: int = 0
    kind: str = "procedural"
    note_zh: str = ""
    note_en: str = ""
    governed_by: int = 1


@dataclass(frozen=True)
class DeadlineRules:
    earliest_start: date
    cites: dict[str, Cite]
    short_names_en: dict[str, str]
    events: tuple[EventData, ...]
    details: dict[str, EventDetails]

    def cite(self, role: str) -> Cite:
        try:
            return self.cites[role]
        except KeyError:
            raise KeyError(f"corpus/rules/deadlines.yaml has no cite {role!r}") from None


def _provision(path: Path, where: str, value) -> Provision:
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], int)):
        raise CorpusError(path, 1, f"{where}: a provision is [law id, article number], not {value!r}")
    return value[0], value[1]


def _pair(path: Path, where: str, entry: dict, key: str, required: bool = True) -> tuple[str, str]:
    value = entry.get(key)
    if value is None and not required:
        return "", ""
    if not (isinstance(value, dict) and isinstance(value.get("zh"), str) and isinstance(value.get("en"), str)):
        raise CorpusError(path, 1, f"{where}: {key!r} needs a 'zh' and an 'en' text")
    return value["zh"], value["en"]


def parse_deadline_rules(path: Path) -> DeadlineRules:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CorpusError(path, 1, f"cannot read the rules: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise CorpusError(path, 1, "expected a mapping with a list of 'events'")
    if not isinstance(data.get("earliest_start"), date):
        raise CorpusError(path, 1, "'earliest_start' must be a YYYY-MM-DD date")
    cites = {}
    for role, value in (data.get("cites") or {}).items():
        if not isinstance(value, dict) or "provision" not in value:
            raise CorpusError(path, 1, f"cites.{role}: needs a 'provision'")
        paragraph = value.get("paragraph")
        if paragraph is not None and not isinstance(paragraph, int):
            raise CorpusError(path, 1, f"cites.{role}: 'paragraph' must be a number")
        cites[role] = Cite(_provision(path, f"cites.{role}", value["provision"]), paragraph)
    events, seen, details = [], set(), {}
    for i, entry in enumerate(data["events"]):
        where = f"events[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise CorpusError(path, 1, f"{where}: every event needs an 'id'")
        where = f"event {entry['id']!r}"
        if entry["id"] in seen:
            raise CorpusError(path, 1, f"{where}: the id is used twice")
        seen.add(entry["id"])
        period = entry.get("period") or {}
        lengths = {k: period.get(k, 0) for k in ("years", "months", "days")}
        if set(period) - set(lengths) or not all(isinstance(v, int) and v >= 0 for v in lengths.values()) \
                or sum(1 for v in lengths.values() if v) != 1:
            raise CorpusError(path, 1, f"{where}: 'period' is one of years, months or days, a positive number")
        kind = entry.get("kind", "procedural")
        if kind not in KINDS:
            raise CorpusError(path, 1, f"{where}: 'kind' must be one of {', '.join(KINDS)}")
        provisions = tuple(_provision(path, where, p) for p in entry.get("provisions") or ())
        if not provisions:
            raise CorpusError(path, 1, f"{where}: name the provisions that set the period")
        governed_by = entry.get("governed_by", 1)
        if not isinstance(governed_by, int) or not 1 <= governed_by <= len(provisions):
            raise CorpusError(path, 1, f"{where}: 'governed_by' counts leading provisions (1 to {len(provisions)})")
        title, start, action = (_pair(path, where, entry, k) for k in ("title", "starts_from", "action"))
        note = _pair(path, where, entry, "note", required=False)
        events.append(EventData(entry["id"], *title, *start, *action, provisions, **lengths, kind=kind,
                                note_zh=note[0], note_en=note[1], governed_by=governed_by))
        if "details" in entry:
            details[entry["id"]] = _details(path, where, entry["details"])
    names = data.get("short_names_en") or {}
    return DeadlineRules(data["earliest_start"], cites, dict(names), tuple(events), details)


def _details(path: Path, where: str, value) -> EventDetails:
    where = f"{where} details"
    if not isinstance(value, dict):
        raise CorpusError(path, 1, f"{where}: expected a mapping")
    grounds = []
    for g in value.get("grounds") or ():
        if not isinstance(g, dict) or not isinstance(g.get("pattern"), str):
            raise CorpusError(path, 1, f"{where}: a ground is {{pattern, provision}}")
        try:
            re.compile(g["pattern"])
        except re.error as exc:
            raise CorpusError(path, 1, f"{where}: the pattern {g['pattern']!r} is not a regex ({exc})") from None
        grounds.append(Ground(g["pattern"], _provision(path, where, g.get("provision"))))
    provisions = tuple(_provision(path, where, p) for p in value.get("provisions") or ())
    note = _pair(path, where, value, "note")
    ground_note = _pair(path, where, value, "ground_note", required=bool(grounds))
    if grounds and not all("{ground}" in t for t in ground_note):
        raise CorpusError(path, 1, f"{where}: 'ground_note' must say where the ground goes ('{{ground}}')")
    return EventDetails(provisions, *note, tuple(grounds), *ground_note)


@lru_cache(maxsize=4)
def load_deadline_rules(corpus_dir: Path | None = None) -> DeadlineRules:
    """The deadline rules of `corpus_dir` (default: the checkout's corpus/), read once per process."""
    if corpus_dir is None:
        from assistant.settings import REPO_ROOT
        corpus_dir = REPO_ROOT / "corpus"
    return parse_deadline_rules(Path(corpus_dir) / DEADLINES_FILE)


def _provision_problem(where: str, provision: Provision, paragraph: int | None, registry) -> str | None:
    law_id, article = provision
    law = registry.laws.get(law_id)
    if law is None:
        return f"{where}: unknown law id {law_id!r}"
    if law.current is None:
        return f"{where}: {law_id} is not in force ({law.status})"
    if not registry.has_article(law_id, article):
        return f"{where}: {law_id} has no article {article} in its current text"
    if paragraph is not None and not registry.has_article(law_id, article, paragraph=paragraph):
        return f"{where}: {law_id} article {article} has no paragraph {paragraph}"
    return None


def check_rules(rules: DeadlineRules, registry) -> list[str]:
    """Every provision the rules name that is not in the current text of a law in force, said in a line."""
    named = [(f"cites.{role}", c.provision, c.paragraph) for role, c in rules.cites.items()]
    named += [(f"event {e.id!r}", p, None) for e in rules.events for p in e.provisions]
    named += [(f"event {event!r} details", p, None) for event, d in rules.details.items()
              for p in (*d.provisions, *(g.provision for g in d.grounds))]
    problems = [m for where, p, paragraph in named if (m := _provision_problem(where, p, paragraph, registry))]
    for law_id in {p[0] for _, p, _ in named} - set(rules.short_names_en):
        if any(c.provision[0] == law_id for c in rules.cites.values()):
            problems.append(f"short_names_en: no English short name for {law_id!r}, which the cites use")
    return problems


# ----------------------------------------------------------------------------------------------
# the relief navigator

# a `when` value: one value of a fact, or any of several
WhenValue = str | bool | tuple[str, ...]


@dataclass(frozen=True)
class NavigatorRule:
    """For `remedy`: `verdict` (open, closed or skip) when every fact in `when` has its value."""

    id: str
    remedy: str
    verdict: str
    when: tuple[tuple[str, WhenValue], ...]
    provisions: tuple[Provision, ...] = ()


@dataclass(frozen=True)
class NavigatorNote:
    id: str
    when: tuple[tuple[str, WhenValue], ...]
    provisions: tuple[Provision, ...] = ()
    about: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NavigatorFollowUp:
    id: str
    when: tuple[tuple[str, WhenValue], ...]
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class NavigatorProcedure:
    name: str
    remedies: tuple[str, ...]
    rules: tuple[NavigatorRule, ...]
    notes: tuple[NavigatorNote, ...]
    follow_ups: tuple[NavigatorFollowUp, ...]


@dataclass(frozen=True)
class NavigatorRules:
    procedures: dict[str, NavigatorProcedure]
    # section (remedies, rules, notes, follow_ups, contradictions) -> id -> (zh, en)
    texts: dict[str, dict[str, tuple[str, str]]]
    path: Path
    text_path: Path
    # how the answer states a fact read: fact -> value (a string, or True for a fact stated only when it holds)
    # -> (zh, en), in the order the facts are stated
    fact_words: dict[str, dict[str | bool, tuple[str, str]]] = field(default_factory=dict)

    def text(self, section: str, id_: str) -> tuple[str, str]:
        return self.texts[section][id_]


_TEXT_SECTIONS = ("remedies", "rules", "notes", "follow_ups", "contradictions")


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CorpusError(path, 1, f"cannot read the rules: {exc}") from None
    if not isinstance(data, dict):
        raise CorpusError(path, 1, "expected a mapping")
    return data


def _when(path: Path, where: str, value) -> tuple[tuple[str, WhenValue], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise CorpusError(path, 1, f"{where}: 'when' maps facts to a value or a list of values")
    out: list[tuple[str, WhenValue]] = []
    for fact, v in value.items():
        if isinstance(v, list) and v and all(isinstance(x, str) for x in v):
            out.append((fact, tuple(v)))
        elif isinstance(v, (str, bool)):
            out.append((fact, v))
        else:
            raise CorpusError(path, 1, f"{where}: 'when' {fact}: {v!r} is not a value or a list of values")
    return tuple(out)


def _strings(path: Path, where: str, key: str, value) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise CorpusError(path, 1, f"{where}: {key!r} is a list of names")
    return tuple(value)


def _procedure(path: Path, name: str, data, seen: set[str]) -> NavigatorProcedure:
    if not isinstance(data, dict) or not isinstance(data.get("remedies"), list) or not data["remedies"]:
        raise CorpusError(path, 1, f"procedure {name!r}: expected a mapping with a list of 'remedies'")
    remedies = _strings(path, f"procedure {name!r}", "remedies", data["remedies"])
    parts: dict[str, list] = {"rules": [], "notes": [], "follow_ups": []}
    for section in parts:
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise CorpusError(path, 1, f"procedure {name!r}: {section!r} is a list")
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise CorpusError(path, 1, f"{name}.{section}[{i}]: every entry needs an 'id'")
            where = f"{section[:-1].replace('_', '-')} {entry['id']!r}"
            if entry["id"] in seen:
                raise CorpusError(path, 1, f"{where}: the id is used twice")
            seen.add(entry["id"])
            known = {"rules": {"id", "remedy", "verdict", "when", "provisions"},
                     "notes": {"id", "when", "provisions", "about"},
                     "follow_ups": {"id", "when", "needs"}}[section]
            if set(entry) - known:
                raise CorpusError(path, 1, f"{where}: unknown key(s) {', '.join(sorted(set(entry) - known))}")
            when = _when(path, where, entry.get("when"))
            provisions = tuple(_provision(path, where, p) for p in entry.get("provisions") or ())
            if section == "rules":
                if entry.get("remedy") not in remedies:
                    raise CorpusError(path, 1, f"{where}: 'remedy' must be one of {', '.join(remedies)}")
                if entry.get("verdict") not in VERDICTS:
                    raise CorpusError(path, 1, f"{where}: 'verdict' must be one of {', '.join(VERDICTS)}")
                if entry["verdict"] != "skip" and not provisions:
                    raise CorpusError(path, 1, f"{where}: an open or closed remedy names the provisions it rests on")
                parts[section].append(NavigatorRule(entry["id"], entry["remedy"], entry["verdict"], when, provisions))
            elif section == "notes":
                about = _strings(path, where, "about", entry.get("about"))
                stray = set(about) - set(remedies) - set(NOTE_SUBJECTS)
                if stray:
                    raise CorpusError(path, 1, f"{where}: 'about' names {', '.join(sorted(stray))}, which is neither a "
                                               f"remedy of {name!r} nor one of {', '.join(NOTE_SUBJECTS)}")
                parts[section].append(NavigatorNote(entry["id"], when, provisions, frozenset(about)))
            else:
                if provisions:
                    raise CorpusError(path, 1, f"{where}: a follow-up question cites nothing")
                parts[section].append(NavigatorFollowUp(entry["id"], when,
                                                        _strings(path, where, "needs", entry.get("needs"))))
    return NavigatorProcedure(name, remedies, tuple(parts["rules"]), tuple(parts["notes"]), tuple(parts["follow_ups"]))


def parse_navigator_rules(path: Path, text_path: Path) -> NavigatorRules:
    """The navigator's rules and their wording; a malformed entry, an id without its text in both languages, or a
    text without its id is a CorpusError naming the file and the entry."""
    data = _read_yaml(path)
    seen: set[str] = set()
    procedures = {name: _procedure(path, name, value, seen) for name, value in data.items()}
    if not procedures:
        raise CorpusError(path, 1, "no procedure")
    text_data = _read_yaml(text_path)
    sections = (*_TEXT_SECTIONS, "facts")
    if set(text_data) - set(sections):
        raise CorpusError(text_path, 1, f"unknown section(s) {', '.join(sorted(set(text_data) - set(sections)))}"
                                        f"; the sections are {', '.join(sections)}")
    texts: dict[str, dict[str, tuple[str, str]]] = {}
    for section in _TEXT_SECTIONS:
        entries = text_data.get(section) or {}
        if not isinstance(entries, dict):
            raise CorpusError(text_path, 1, f"{section}: expected a mapping from ids to texts")
        texts[section] = {id_: _pair(text_path, f"{section}.{id_}", {"text": v}, "text") for id_, v in entries.items()}
    wanted = {"remedies": {r for p in procedures.values() for r in p.remedies},
              "rules": {r.id for p in procedures.values() for r in p.rules},
              "notes": {n.id for p in procedures.values() for n in p.notes},
              "follow_ups": {f.id for p in procedures.values() for f in p.follow_ups}}
    for section, ids in wanted.items():
        missing = sorted(ids - set(texts[section]))
        if missing:
            raise CorpusError(text_path, 1, f"{section}: no text for {', '.join(missing)} (named in {path.name})")
        orphans = sorted(set(texts[section]) - ids)
        if orphans:
            raise CorpusError(text_path, 1, f"{section}: {', '.join(orphans)} is not in {path.name}")
    fact_words: dict[str, dict[str | bool, tuple[str, str]]] = {}
    for fact, words in (text_data.get("facts") or {}).items():
        if not isinstance(words, dict) or not all(isinstance(v, str) or v is True for v in words):
            raise CorpusError(text_path, 1, f"facts.{fact}: map each value (or true) to a 'zh' and an 'en' text")
        fact_words[fact] = {v: _pair(text_path, f"facts.{fact}.{v}", {"text": t}, "text") for v, t in words.items()}
    return NavigatorRules(procedures, texts, path, text_path, fact_words)


@lru_cache(maxsize=4)
def load_navigator_rules(corpus_dir: Path | None = None) -> NavigatorRules:
    """The navigator's rules of `corpus_dir` (default: the checkout's corpus/), read once per process."""
    if corpus_dir is None:
        from assistant.settings import REPO_ROOT
        corpus_dir = REPO_ROOT / "corpus"
    return parse_navigator_rules(Path(corpus_dir) / NAVIGATOR_FILE, Path(corpus_dir) / NAVIGATOR_TEXT_FILE)


def navigator_provisions(rules: NavigatorRules) -> list[tuple[str, Provision]]:
    """(where, provision) for every provision the navigator's rules and notes name."""
    out = []
    for p in rules.procedures.values():
        out += [(f"rule {r.id!r}", prov) for r in p.rules for prov in r.provisions]
        out += [(f"note {n.id!r}", prov) for n in p.notes for prov in n.provisions]
    return out


def _written_references(text: str, registry) -> list[tuple[str, Provision]]:
    """'民事诉讼法第二百三十六条' written inside a text: (surface, provision) for every law name the registry knows
    followed by an article number."""
    from assistant.text.numerals import parse_numeral

    law_of = dict(registry.alias_names)
    names = sorted(law_of, key=len, reverse=True)
    pattern = re.compile("(" + "|".join(re.escape(n) for n in names) + r")》?第([0-9零〇一二两三四五六七八九十百千]+)条")
    return [(m.group(0), (law_of[m.group(1)], parse_numeral(m.group(2)))) for m in pattern.finditer(text)]


def check_navigator_rules(rules: NavigatorRules, registry) -> list[str]:
    """Every provision the navigator's rules name, or its Chinese texts write out, that is not in the current text
    of a law in force, said in a line."""
    problems = [m for where, p in navigator_provisions(rules) if (m := _provision_problem(where, p, None, registry))]
    for section, entries in rules.texts.items():
        for id_, (zh, _) in entries.items():
            for surface, p in _written_references(zh, registry):
                if (m := _provision_problem(f"{rules.text_path.name} {section}.{id_} ({surface})", p, None, registry)):
                    problems.append(m)
    return problems
