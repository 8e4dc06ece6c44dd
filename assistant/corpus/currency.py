"""The currency manifest (corpus/manifest.yaml): which instruments, in which versions, the corpus relies on.

It is the one list a reviewer updates when the law changes. ``check_against`` compares it with the statutes the
registry holds (the same 文号 and status for every version, nothing missing either way); the texts that name
instruments (notes, rules, prompts) are checked against it in tests/corpus/test_currency.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.corpus.parse import CorpusError
from assistant.corpus.registry import LawRegistry, normalize_name

HELD_STATUSES = ("in_force", "superseded", "terminated_draft")
NAMED_STATUSES = ("in_force", "repealed", "foreign")
MANIFEST_FILE = "manifest.yaml"


@dataclass(frozen=True)
class HeldVersion:
    """One version of an instrument whose text is in corpus/statutes/."""

    law_id: str
    title: str
    version: str  # the date this text took effect, as in the statute file name
    doc_number: str | None
    status: str
    amended_by: str = ""


@dataclass(frozen=True)
class NamedInstrument:
    """An instrument the texts name without the corpus holding it (a repealed law, a foreign code)."""

    title: str
    names: tuple[str, ...]
    status: str
    repealed_on: str | None = None


@dataclass(frozen=True)
class CurrencyManifest:
    reviewed: str
    held: tuple[HeldVersion, ...]
    named: tuple[NamedInstrument, ...]

    def versions(self, law_id: str) -> tuple[HeldVersion, ...]:
        return tuple(v for v in self.held if v.law_id == law_id)

    def version(self, law_id: str, version: str) -> HeldVersion | None:
        return next((v for v in self.held if v.law_id == law_id and v.version == version), None)

    def named_instrument(self, name: str) -> NamedInstrument | None:
        key = normalize_name(name)
        return next((n for n in self.named if key in {normalize_name(x) for x in (n.title, *n.names)}), None)


def load_manifest(corpus_dir: Path) -> CurrencyManifest:
    path = corpus_dir / MANIFEST_FILE
    if not path.exists():
        raise CorpusError(path, 0, "the currency manifest is missing")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusError(path, (mark.line + 1) if mark else 1, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("held"), list):
        raise CorpusError(path, 1, "the manifest needs a 'held' list")
    held: list[HeldVersion] = []
    for entry in data["held"]:
        if not isinstance(entry, dict) or not entry.get("law_id") or not isinstance(entry.get("versions"), list):
            raise CorpusError(path, 1, f"each held entry needs law_id and a versions list: {entry!r}")
        for v in entry["versions"]:
            if not isinstance(v, dict) or not v.get("version") or v.get("status") not in HELD_STATUSES:
                raise CorpusError(path, 1, f"{entry['law_id']}: each version needs a version date and a status "
                                           f"in {HELD_STATUSES}: {v!r}")
            held.append(HeldVersion(law_id=str(entry["law_id"]), title=str(entry.get("title", "")),
                                    version=str(v["version"]), doc_number=v.get("doc_number"),
                                    status=str(v["status"]), amended_by=str(v.get("amended_by") or "")))
    named: list[NamedInstrument] = []
    for entry in data.get("named") or []:
        if not isinstance(entry, dict) or not entry.get("title") or entry.get("status") not in NAMED_STATUSES:
            raise CorpusError(path, 1, f"each named entry needs a title and a status in {NAMED_STATUSES}: {entry!r}")
        if entry["status"] == "repealed" and not entry.get("repealed_on"):
            raise CorpusError(path, 1, f"{entry['title']}: a repealed instrument needs repealed_on")
        named.append(NamedInstrument(title=str(entry["title"]), names=tuple(str(n) for n in entry.get("names") or ()),
                                     status=str(entry["status"]), repealed_on=entry.get("repealed_on")))
    return CurrencyManifest(reviewed=str(data.get("reviewed", "")), held=tuple(held), named=tuple(named))


def check_against(manifest: CurrencyManifest, registry: LawRegistry) -> list[str]:
    """Every way the manifest and the statutes disagree, one line each (empty when they agree)."""
    problems: list[str] = []
    in_corpus = {(lv.law_id, lv.version): lv for law in registry.laws.values() for lv in law.versions}
    listed = {(v.law_id, v.version): v for v in manifest.held}
    for key, lv in sorted(in_corpus.items()):
        entry = listed.get(key)
        if entry is None:
            problems.append(f"{lv.source_file}: {lv.short_name} {lv.version} is in the corpus but not in the manifest")
            continue
        if entry.status != lv.status:
            problems.append(f"{lv.short_name} {lv.version}: the manifest says {entry.status}, the statute file {lv.status}")
        if (entry.doc_number or None) != (lv.doc_number or None):
            problems.append(f"{lv.short_name} {lv.version}: the manifest gives 文号 {entry.doc_number!r}, "
                            f"the statute file {lv.doc_number!r}")
    for key in sorted(set(listed) - set(in_corpus)):
        problems.append(f"{key[0]} {key[1]} is in the manifest but the corpus holds no such text")
    return problems
