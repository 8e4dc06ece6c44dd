"""Parse commentary notes (corpus/commentary/*.md): our own explanations, each citing provisions in current numbering."""

from __future__ import annotations

from pathlib import Path

from assistant.corpus.parse import CorpusError, split_front_matter
from assistant.models import Note, NoteCitation

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

    return Note(id=meta["id"], title=meta["title"], title_en=meta["title_en"], topic=meta["topic"], kind=meta["kind"],
                tags=tup("tags"), asks=tup("asks"), asks_en=tup("asks_en"), conclusion=str(meta["conclusion"]),
                conclusion_en=str(meta.get("conclusion_en", "")), cites=tuple(cites), body=body, source_file=path.name)
