"""Instruments cited in practice whose text the corpus does not hold: repealed laws (合同法, 担保法 …),
interpretations superseded by one the corpus holds (the 2015 拒执 interpretation), and laws in force
outside the corpus (刑法, 公司法 …). Read from corpus/outside/instruments.yaml and validated against the
statutes: every successor must be known, no name may also name a corpus law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from assistant.corpus.parse import CorpusError

OUTSIDE_FILE = Path("outside") / "instruments.yaml"
OUTSIDE_STATUSES = ("repealed", "superseded", "in_force")


@dataclass(frozen=True)
class OutsideInstrument:
    """An instrument known by name, status and size only."""

    id: str
    title: str
    short_name: str
    names: tuple[str, ...]  # Chinese names, the title and short name included
    names_en: tuple[str, ...]
    status: str  # one of OUTSIDE_STATUSES
    effective: date | None
    repealed: date | None  # when it ceased to be law (repealed or superseded)
    successor: str | None  # law id (corpus or outside) of what replaced it
    articles: int  # its last article number

    @property
    def in_force(self) -> bool:
        return self.status == "in_force"


def load_outside(path: Path) -> tuple[dict[str, OutsideInstrument], dict[str, int]]:
    """(instruments by id, real article totals of partially held corpus laws); empty when the file is absent."""
    if not path.exists():
        return {}, {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusError(path, (mark.line + 1) if mark else 1, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise CorpusError(path, 1, "must be a mapping with 'instruments' and 'partial'")
    out: dict[str, OutsideInstrument] = {}
    for n, raw in enumerate(data.get("instruments") or [], 1):
        inst = _instrument(path, n, raw)
        if inst.id in out:
            raise CorpusError(path, 1, f"instrument {n}: duplicate id {inst.id!r}")
        out[inst.id] = inst
    partial: dict[str, int] = {}
    for n, raw in enumerate(data.get("partial") or [], 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("law_id"), str) or not _positive(raw.get("articles")):
            raise CorpusError(path, 1, f"partial entry {n}: needs law_id and a positive articles count")
        partial[raw["law_id"]] = raw["articles"]
    return out, partial


def _instrument(path: Path, n: int, raw) -> OutsideInstrument:
    where = f"instrument {n}"
    if not isinstance(raw, dict):
        raise CorpusError(path, 1, f"{where}: must be a mapping")
    for key in ("id", "title", "short_name", "status"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise CorpusError(path, 1, f"{where}: missing {key!r}")
    where = f"instrument {raw['id']!r}"
    status = raw["status"]
    if status not in OUTSIDE_STATUSES:
        raise CorpusError(path, 1, f"{where}: status {status!r} is not one of {', '.join(OUTSIDE_STATUSES)}")
    if not _positive(raw.get("articles")):
        raise CorpusError(path, 1, f"{where}: 'articles' must be a positive whole number")
    effective, repealed = _date(path, where, raw, "effective"), _date(path, where, raw, "repealed")
    successor = raw.get("successor")
    if status != "in_force" and repealed is None:
        raise CorpusError(path, 1, f"{where}: a {status} instrument needs the 'repealed' date")
    if status == "in_force" and (repealed is not None or successor):
        raise CorpusError(path, 1, f"{where}: an instrument in force has no 'repealed' date or successor")
    if status == "superseded" and not successor:
        raise CorpusError(path, 1, f"{where}: a superseded instrument needs its 'successor'")
    if effective and repealed and repealed < effective:
        raise CorpusError(path, 1, f"{where}: repealed {repealed} before it took effect {effective}")
    names = _strings(path, where, raw, "names")
    names_en = _strings(path, where, raw, "names_en")
    names = tuple(dict.fromkeys((raw["title"], raw["short_name"], *names)))
    return OutsideInstrument(id=raw["id"], title=raw["title"], short_name=raw["short_name"], names=names,
                             names_en=names_en, status=status, effective=effective, repealed=repealed,
                             successor=successor or None, articles=raw["articles"])


def _positive(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _strings(path: Path, where: str, raw: dict, key: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise CorpusError(path, 1, f"{where}: {key!r} must be a list of names")
    return tuple(value)


def _date(path: Path, where: str, raw: dict, key: str) -> date | None:
    value = raw.get(key)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CorpusError(path, 1, f"{where}: {key!r} is not a YYYY-MM-DD date: {value!r}") from None


def validate_outside(outside: dict[str, OutsideInstrument], partial: dict[str, int], laws: dict,
                     aliases: dict[str, str], normalize, path: Path) -> None:
    """Cross-checks against the statutes: successors exist, names are unambiguous, totals cover the text."""
    seen: dict[str, str] = {}
    for inst in outside.values():
        if inst.successor and inst.successor not in laws and inst.successor not in outside:
            raise CorpusError(path, 1, f"instrument {inst.id!r}: successor {inst.successor!r} is not a known law id")
        if inst.id in laws:
            raise CorpusError(path, 1, f"instrument {inst.id!r}: id is also a corpus law id")
        for name in (*inst.names, *inst.names_en):
            key = normalize(name)
            if key in aliases:
                raise CorpusError(path, 1, f"instrument {inst.id!r}: name {name!r} also names corpus law "
                                           f"{aliases[key]!r}")
            if seen.get(key, inst.id) != inst.id:
                raise CorpusError(path, 1, f"instrument {inst.id!r}: name {name!r} also names {seen[key]!r}")
            seen[key] = inst.id
    for law_id, total in partial.items():
        law = laws.get(law_id)
        if law is None:
            raise CorpusError(path, 1, f"partial: {law_id!r} is not a corpus law id")
        top = max((a.number for v in law.versions for a in v.articles), default=0)
        if total < top:
            raise CorpusError(path, 1, f"partial: {law_id} has article {top} in the corpus, more than {total}")
