"""Parse commentary notes (corpus/commentary/*.md): our own explanations, each citing provisions in current numbering."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.corpus.parse import CorpusError, split_front_matter
from assistant.models import Note, NoteCitation
from assistant.text.language import has_cjk

NOTE_KINDS = ("law", "doctrine", "comparative", "reform")
REQUIRED = ("id", "title", "title_en", "topic", "kind", "conclusion", "cites")


def parse_note_file(path: Path, resolve_law) -> Note:
    """``resolve_law(name) -> law_id | None`` turns a short name or alias into a law id."""
    meta, body, body_line = split_front_matter(path, path.read_text(encoding="utf-8"))
    missing = [k for k in REQUIRED if meta.get(k) in (None, "")]
    if missing:
        raise CorpusError(path, 1, f"note front matter lacks {', '.join(missing)}")
    if meta["kind"] not in NOTE_KINDS:
        raise CorpusError(path, 1, f"note kind must be one of {NOTE_KINDS}, not {meta['kind']!r}")
    if path.stem != meta["id"]:
        raise CorpusError(path, 1, f"note id {meta['id']!r} does not match the file name {path.stem!r}")
    cites: list[NoteCitation] = []
    for entry in meta["cites"] or []:
        if not isinstance(entry, dict) or "law" not in entry or "article" not in entry:
            raise CorpusError(path, 1, f"each cites entry needs law and article: {entry!r}")
        law_id = resolve_law(str(entry["law"]))
        if law_id is None:
            raise CorpusError(path, 1, f"cites unknown law {entry['law']!r}")
        try:
            article = int(entry["article"])
        except (TypeError, ValueError):
            raise CorpusError(path, 1, f"cites a non-numeric article {entry['article']!r}") from None
        cites.append(NoteCitation(law_id, article))
    body = body.strip()
    if not body:
        raise CorpusError(path, body_line, "note has no body")

    def tup(key: str) -> tuple[str, ...]:
        value = meta.get(key) or ()
        return tuple(str(v) for v in ([value] if isinstance(value, str) else value))

    asks, asks_en = tup("asks"), tup("asks_en")
    return Note(id=meta["id"], title=meta["title"], title_en=meta["title_en"], topic=meta["topic"], kind=meta["kind"],
                tags=tup("tags"), asks=asks, asks_en=asks_en, conclusion=str(meta["conclusion"]),
                conclusion_en=str(meta.get("conclusion_en", "")), cites=tuple(cites), body=body, source_file=path.name,
                ask_cites=_ask_labels(path, meta, "ask_cites", asks, cites, resolve_law),
                ask_cites_en=_ask_labels(path, meta, "ask_cites_en", asks_en, cites, resolve_law),
                points_en=_english_points(path, meta))


# a provision by number ('Article 13', 'art. 13'): an answer cites provisions in its legal basis, where the guard checks
# them; a point states the rule in words
_CITES_BY_NUMBER = re.compile(r"\b(?:Articles?|Arts?\.?|Paragraph)\s*\d+", re.I)


def _english_points(path: Path, meta: dict) -> tuple[str, ...]:
    """``points_en: ["…", …]``: plain English sentences, without Chinese and without provisions cited by number.
    Optional."""
    points = meta.get("points_en")
    if points is None:
        return ()
    if not isinstance(points, list) or not all(isinstance(p, str) and p.strip() for p in points):
        raise CorpusError(path, 1, "points_en must be a list of non-empty strings")
    for i, point in enumerate(points):
        if has_cjk(point):
            raise CorpusError(path, 1, f"points_en[{i}] has Chinese characters: {point[:40]!r}")
        if _CITES_BY_NUMBER.search(point):
            raise CorpusError(path, 1, f"points_en[{i}] cites a provision by number (state the rule in words): "
                                       f"{point[:40]!r}")
    return tuple(p.strip() for p in points)


def _ask_labels(path: Path, meta: dict, key: str, asks: tuple[str, ...], cites: list[NoteCitation],
                resolve_law) -> tuple[NoteCitation, ...]:
    """``ask_cites: [执行和解规定 9, 民事诉讼法 241, ...]``: for each question, the one of the note's cites that
    decides it ("<law> <article>", the law as the cites name it). Optional; when given, one per question."""
    labels = meta.get(key)
    if labels is None:
        return ()
    if not isinstance(labels, list) or len(labels) != len(asks):
        raise CorpusError(path, 1, f"{key} needs one entry per question ({len(asks)}), got "
                                   f"{len(labels) if isinstance(labels, list) else repr(labels)}")
    out = []
    for i, entry in enumerate(labels):
        law, _, number = str(entry).strip().rpartition(" ")
        law_id = resolve_law(law.strip()) if law.strip() else None
        if law_id is None or not number.isdigit() or NoteCitation(law_id, int(number)) not in cites:
            raise CorpusError(path, 1, f"{key}[{i}] = {entry!r} is not '<law> <article>' of one of the note's cites")
        out.append(NoteCitation(law_id, int(number)))
    return tuple(out)
