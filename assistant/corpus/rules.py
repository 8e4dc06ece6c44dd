"""Legal rules kept as data in corpus/rules/*.yaml: read into frozen records and checked against the registry.

The deadline calculator's periods and events live in corpus/rules/deadlines.yaml. ``load_deadline_rules`` reads
the file (a malformed one is a CorpusError naming the file and the entry); ``check_rules`` lists every
provision the rules name that is not in the current text of a law in force, so that `assistant corpus build`
refuses a rule file citing a repealed law or a renumbered article.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.corpus.parse import CorpusError

Provision = tuple[str, int]
DEADLINES_FILE = Path("rules") / "deadlines.yaml"
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


def check_rules(rules: DeadlineRules, registry) -> list[str]:
    """Every provision the rules name that is not in the current text of a law in force, said in a line."""
    problems: list[str] = []
    named = [(f"cites.{role}", c.provision, c.paragraph) for role, c in rules.cites.items()]
    named += [(f"event {e.id!r}", p, None) for e in rules.events for p in e.provisions]
    named += [(f"event {event!r} details", p, None) for event, d in rules.details.items()
              for p in (*d.provisions, *(g.provision for g in d.grounds))]
    for where, (law_id, article), paragraph in named:
        law = registry.laws.get(law_id)
        if law is None:
            problems.append(f"{where}: unknown law id {law_id!r}")
        elif law.current is None:
            problems.append(f"{where}: {law_id} is not in force ({law.status})")
        elif not registry.has_article(law_id, article):
            problems.append(f"{where}: {law_id} has no article {article} in its current text")
        elif paragraph is not None and not registry.has_article(law_id, article, paragraph=paragraph):
            problems.append(f"{where}: {law_id} article {article} has no paragraph {paragraph}")
    for law_id in {p[0] for _, p, _ in named} - set(rules.short_names_en):
        if any(c.provision[0] == law_id for c in rules.cites.values()):
            problems.append(f"short_names_en: no English short name for {law_id!r}, which the cites use")
    return problems
