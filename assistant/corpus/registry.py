"""The law registry: every instrument, every version, every article the assistant may cite.

It answers: which law does this name mean; does law L have article N (款 M, 项 K) in version V;
what is the current version; what is article N of an older revision called today.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path

from assistant.corpus.concordance import build_table, read_tsv, write_tsv
from assistant.corpus.notes import parse_note_file
from assistant.corpus.contrasts import CONTRASTS_FILE, ContrastSet, load_contrasts
from assistant.corpus.outside import OUTSIDE_FILE, OutsideInstrument, load_outside, validate_outside
from assistant.text.numerals import parse_numeral
from assistant.corpus.parse import CorpusError, parse_statute_file
from assistant.models import DRAFT_STATUSES, Article, CrossReference, LawVersion, Note

_STRIP = re.compile(r"[\s《》〈〉<>\"'“”‘’「」]")

# Mentions of 民事诉讼法 articles inside other instruments (and 民法典 inside interpretations).
_CROSS_REF = re.compile(
    r"(?:《?(?:中华人民共和国)?(民事诉讼法|民法典)》?)第([零〇一二两三四五六七八九十百千0-9]+)条"
)
_CROSS_LAW = {"民事诉讼法": "cpl", "民法典": "civil-code"}


def normalize_name(name: str) -> str:
    """Canonical form for alias lookup: NFKC, no brackets or spaces, parentheses unified, case-folded."""
    text = unicodedata.normalize("NFKC", name)
    text = _STRIP.sub("", text)
    return text.replace("(", "（").replace(")", "）").casefold()


@dataclass
class Law:
    law_id: str
    versions: list[LawVersion] = field(default_factory=list)  # sorted by effective date

    @property
    def current(self) -> LawVersion | None:
        in_force = [v for v in self.versions if v.status == "in_force"]
        return in_force[-1] if in_force else None

    @property
    def latest(self) -> LawVersion:
        return self.versions[-1]

    @property
    def title(self) -> str:
        return (self.current or self.latest).title

    @property
    def short_name(self) -> str:
        return (self.current or self.latest).short_name

    @property
    def title_en(self) -> str:
        return (self.current or self.latest).title_en

    @property
    def status(self) -> str:
        return "in_force" if self.current else self.latest.status


class LawRegistry:
    def __init__(self, laws: dict[str, Law], aliases: dict[str, str], concordance: dict[str, list[dict]],
                 notes: list[Note] | None = None, outside: dict[str, OutsideInstrument] | None = None,
                 partial_totals: dict[str, int] | None = None):
        self.laws = laws
        self._aliases = aliases
        self._concordance = concordance
        self.notes = notes or []
        # instruments known by name and status only (repealed, superseded, in force outside the corpus)
        self.outside: dict[str, OutsideInstrument] = outside or {}
        self.partial_totals: dict[str, int] = partial_totals or {}
        self.contrasts: tuple[ContrastSet, ...] = ()  # terms a claim can swap (corpus/guard/contrasts.yaml)
        self._outside_names = {normalize_name(n): inst.id for inst in self.outside.values()
                               for n in (*inst.names, *inst.names_en)}
        self._articles: dict[tuple[str, str], dict[tuple[int, int], Article]] = {
            (v.law_id, v.version): {(a.number, a.suffix): a for a in v.articles}
            for law in laws.values() for v in law.versions
        }

    # ----- loading -------------------------------------------------------------------------------
    @classmethod
    def load(cls, corpus_dir: Path, *, with_notes: bool = True, write_concordance: bool = False) -> "LawRegistry":
        statutes = sorted((corpus_dir / "statutes").glob("*.md"))
        if not statutes:
            raise CorpusError(corpus_dir / "statutes", 0, "no statute files found")
        by_law: dict[str, list[LawVersion]] = {}
        for path in statutes:
            lv = parse_statute_file(path)
            by_law.setdefault(lv.law_id, []).append(lv)
        laws: dict[str, Law] = {}
        for law_id, parts in by_law.items():
            merged: dict[str, LawVersion] = {}
            for lv in parts:  # a code in several files (民法典 总则 + 合同编) is one version
                if lv.version in merged:
                    prev = merged[lv.version]
                    clash = {(a.number, a.suffix) for a in prev.articles} & {(a.number, a.suffix) for a in lv.articles}
                    if clash:
                        raise CorpusError(lv.source_file, 1, f"articles {sorted(clash)[:5]} already in {prev.source_file}")
                    lv = replace(prev, articles=tuple(sorted(prev.articles + lv.articles, key=lambda a: (a.number, a.suffix))),
                                 source_file=prev.source_file + "+" + lv.source_file)
                merged[lv.version] = lv
            laws[law_id] = Law(law_id, sorted(merged.values(), key=lambda v: v.effective))
        aliases: dict[str, str] = {}
        for law in laws.values():
            for v in law.versions:
                for name in (v.title, v.short_name, *v.aliases, *( [v.doc_number] if v.doc_number else [])):
                    key = normalize_name(name)
                    if aliases.get(key, law.law_id) != law.law_id:
                        raise CorpusError(v.source_file, 1, f"alias {name!r} names both {aliases[key]} and {law.law_id}")
                    aliases[key] = law.law_id
        concordance: dict[str, list[dict]] = {}
        conc_dir = corpus_dir / "concordance"
        for law in laws.values():
            texts = [v for v in law.versions if v.articles]
            if len(texts) < 2:
                continue
            tsv = conc_dir / f"{law.law_id}.tsv"
            if write_concordance or not tsv.exists():
                rows = build_table(texts)
                if write_concordance:
                    write_tsv(tsv, texts, rows)
                concordance[law.law_id] = rows
            else:
                concordance[law.law_id] = read_tsv(tsv)
        outside, partial = load_outside(corpus_dir / OUTSIDE_FILE)
        validate_outside(outside, partial, laws, aliases, normalize_name, corpus_dir / OUTSIDE_FILE)
        registry = cls(laws, aliases, concordance, outside=outside, partial_totals=partial)
        registry.contrasts = load_contrasts(corpus_dir / CONTRASTS_FILE)
        registry._annotate_cross_references()
        if with_notes:
            registry.notes = registry._load_notes(corpus_dir / "commentary")
        return registry

    @property
    def notes(self) -> list[Note]:
        return self._notes

    @notes.setter
    def notes(self, notes: list[Note]) -> None:
        # every stage looks notes up by id (hits carry only the id): one index, kept with the list
        self._notes = notes
        self._notes_by_id = {n.id: n for n in notes}

    @property
    def notes_by_id(self) -> dict[str, Note]:
        return self._notes_by_id

    def note(self, note_id: str) -> Note | None:
        return self._notes_by_id.get(note_id)

    def _load_notes(self, folder: Path) -> list[Note]:
        notes = []
        seen: set[str] = set()
        for path in sorted(folder.glob("*.md")):
            if path.name.upper() == "README.MD":
                continue
            note = parse_note_file(path, self.resolve_alias)
            if note.id in seen:
                raise CorpusError(path, 1, f"duplicate note id {note.id}")
            seen.add(note.id)
            for c in note.cites:
                if not self.has_article(c.law_id, c.article):
                    raise CorpusError(path, 1, f"note cites {self.laws[c.law_id].short_name} 第{c.article}条, "
                                               f"which does not exist in the current version")
            notes.append(note)
        return notes

    def _annotate_cross_references(self) -> None:
        """Record, on each article, which provision its 民事诉讼法 / 民法典 mentions mean today."""
        for law in self.laws.values():
            new_versions = []
            for v in law.versions:
                changed = False
                arts = []
                for art in v.articles:
                    refs = []
                    text = art.text
                    for m in _CROSS_REF.finditer(text):
                        target = _CROSS_LAW[m.group(1)]
                        if target == law.law_id or target not in self.laws:
                            continue
                        try:
                            number = parse_numeral(m.group(2))
                        except ValueError:
                            continue
                        cited_version = self.version_in_force_on(target, _citing_date(v))
                        current = (self.map_article(target, number, cited_version.version)
                                   if cited_version else None)
                        refs.append(CrossReference(surface=m.group(0), law_id=target, cited_article=number,
                                                   cited_version=cited_version.version if cited_version else None,
                                                   current_article=current, start=m.start(), end=m.end()))
                    if refs:
                        art = replace(art, cross_refs=tuple(refs))
                        changed = True
                    arts.append(art)
                new_versions.append(replace(v, articles=tuple(arts)) if changed else v)
            law.versions = new_versions
        self._articles = {(v.law_id, v.version): {(a.number, a.suffix): a for a in v.articles}
                          for law in self.laws.values() for v in law.versions}

    # ----- names ---------------------------------------------------------------------------------
    def resolve_alias(self, name: str) -> str | None:
        """Law id for a title, short name, alias or document number; None if unknown.

        Tolerates 《》, spaces, full-width characters and a leading 中华人民共和国.
        """
        key = normalize_name(name)
        if key in self._aliases:
            return self._aliases[key]
        if key.startswith("中华人民共和国") and key[7:] in self._aliases:
            return self._aliases[key[7:]]
        if key in self.laws:
            return key
        return None

    def resolve_outside(self, name: str) -> OutsideInstrument | None:
        """The instrument outside the corpus a name means (合同法, 《中华人民共和国担保法》, Contract Law), else None."""
        key = normalize_name(name)
        hit = self._outside_names.get(key)
        if hit is None and key.startswith("中华人民共和国"):
            hit = self._outside_names.get(key[7:])
        return self.outside[hit] if hit else None

    def known_total(self, law_id: str) -> int:
        """The real last article number of a law: its partial total when the corpus holds part of it."""
        law = self.laws.get(law_id)
        top = max((a.number for v in law.versions for a in v.articles), default=0) if law else 0
        return max(top, self.partial_totals.get(law_id, 0))

    @cached_property
    def alias_names(self) -> list[tuple[str, str]]:
        """(surface alias, law id), longest first: what an extractor should try to match."""
        names: dict[str, str] = {}
        for law in self.laws.values():
            for v in law.versions:
                for name in (v.title, v.short_name, *v.aliases, *([v.doc_number] if v.doc_number else [])):
                    bare = name.strip("《》")
                    names[bare] = law.law_id
        return sorted(names.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    # ----- versions ------------------------------------------------------------------------------
    def law(self, law_id: str) -> Law:
        try:
            return self.laws[law_id]
        except KeyError:
            raise KeyError(f"unknown law id {law_id!r}") from None

    def current_version(self, law_id: str) -> LawVersion | None:
        return self.law(law_id).current

    def get_version(self, law_id: str, version: str | None = None) -> LawVersion | None:
        law = self.law(law_id)
        if version is None:
            return law.current
        for v in law.versions:
            if v.version == version:
                return v
        return None

    def version_for_year(self, law_id: str, year: int) -> LawVersion | None:
        """The text a writer means by '2017年民事诉讼法': the revision whose numbering that year used."""
        law = self.law(law_id)
        for v in law.versions:
            if year in v.numbering_years:
                return v
        candidates = [v for v in law.versions if v.effective.year <= year and v.articles]
        if candidates:
            return candidates[-1]
        amended = [v for v in law.versions if any(d.year == year for d in v.amended)]
        return amended[0] if amended else None

    def version_in_force_on(self, law_id: str, day: date) -> LawVersion | None:
        texts = [v for v in self.law(law_id).versions if v.articles and v.status not in DRAFT_STATUSES]
        started = [v for v in texts if (v.numbering_since or v.effective) <= day]
        if started:
            return started[-1]
        # cited before it took effect (an interpretation amended for the 民法典 in late 2020)
        return texts[0] if texts else None

    def versions(self, law_id: str) -> list[LawVersion]:
        return list(self.law(law_id).versions)

    # ----- articles ------------------------------------------------------------------------------
    def article(self, law_id: str, number: int, version: str | None = None, suffix: int = 0) -> Article | None:
        v = self.get_version(law_id, version)
        if v is None:
            return None
        return self._articles[(law_id, v.version)].get((number, suffix))

    def has_article(self, law_id: str, number: int, paragraph: int | None = None, item: int | None = None,
                    version: str | None = None, suffix: int = 0) -> bool:
        art = self.article(law_id, number, version, suffix)
        if art is None:
            return False
        return paragraph_and_item_exist(art, paragraph, item)

    def article_count(self, law_id: str, version: str | None = None) -> int:
        v = self.get_version(law_id, version)
        return len(v.articles) if v else 0

    def articles(self, law_id: str, version: str | None = None) -> tuple[Article, ...]:
        v = self.get_version(law_id, version)
        return v.articles if v else ()

    def all_current_articles(self) -> list[tuple[LawVersion, Article]]:
        out = []
        for law in self.laws.values():
            v = law.current
            if v:
                out.extend((v, a) for a in v.articles)
        return out

    # ----- concordance ---------------------------------------------------------------------------
    def map_article(self, law_id: str, number: int, from_version: str, to_version: str | None = None) -> int | None:
        """Article `number` of `from_version`, renumbered into `to_version` (default: current). None if dropped."""
        law = self.law(law_id)
        target = to_version or (law.current or law.latest).version
        if from_version == target:
            return number if self.article(law_id, number, from_version) else None
        rows = self._concordance.get(law_id)
        if rows is None:
            # one text only, or revisions that kept the numbering (执行和解规定 2018/2020)
            return number if self.article(law_id, number, target) else None
        for row in rows:
            if row.get(from_version) == number:
                return row.get(target)
        return None

    def history(self, law_id: str, number: int, version: str | None = None) -> list[tuple[LawVersion, Article | None]]:
        """The provision across every revision, located by the concordance from `version` (default current)."""
        law = self.law(law_id)
        base = version or (law.current or law.latest).version
        out = []
        for v in law.versions:
            if not v.articles:
                continue
            n = self.map_article(law_id, number, base, v.version)
            out.append((v, self.article(law_id, n, v.version) if n else None))
        return out

    def concordance_rows(self, law_id: str) -> list[dict]:
        return list(self._concordance.get(law_id, []))


def paragraph_and_item_exist(art: Article, paragraph: int | None, item: int | None) -> bool:
    if paragraph is not None:
        if paragraph < 1 or paragraph > len(art.paragraphs):
            return False
        if item is not None:
            return 1 <= item <= len(art.paragraphs[paragraph - 1].items)
        return True
    if item is not None:
        # 第X条第（Y）项 without 款: the items of whichever paragraph has them
        return any(1 <= item <= len(p.items) for p in art.paragraphs)
    return True


def _citing_date(v: LawVersion) -> date:
    """The day a text's cross-references were written: its latest amendment, else adoption, else effect."""
    if v.amended:
        return max(v.amended)
    return v.adopted or v.effective
