"""Parse normalized statute files (corpus/statutes/*.md) into LawVersion records with Article records."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml

from assistant.text.numerals import parse_numeral
from assistant.models import DRAFT_STATUSES, Article, LawVersion, Paragraph, Termination

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
CHINESE_ARTICLE = re.compile(r"^第([零〇一二两三四五六七八九十百千0-9０-９]+)条(?:之([一二三四五六七八九十]+))?(?:[\s\u3000]+|$)(.*)$")
DOTTED_ARTICLE = re.compile(r"^([0-9]{1,3})[.．、]\s*(.*)$")
ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]")
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
REQUIRED = ("law_id", "title", "short_name", "effective", "status", "kind")
STATUSES = ("in_force", "superseded", "draft", "terminated_draft")
TERMINATION_FIELDS = ("year", "by", "source", "reason")


class CorpusError(ValueError):
    """A problem in a corpus file, located by file and line."""

    def __init__(self, path: Path | str, line: int, message: str):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{path}:{line}: {message}")


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """Return (metadata, body, line number where the body starts)."""
    if not text.startswith("---\n"):
        raise CorpusError(path, 1, "missing YAML front matter (file must start with '---')")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise CorpusError(path, 1, "front matter is not closed with '---'")
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        raise CorpusError(path, line, f"invalid YAML front matter: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(meta, dict):
        raise CorpusError(path, 2, "front matter must be a mapping")
    body_start_line = text[: end + 5].count("\n") + 1
    return meta, text[end + 5 :], body_start_line


def _as_date(path: Path, key: str, value) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CorpusError(path, 1, f"front matter field {key!r} is not a YYYY-MM-DD date: {value!r}") from None


def parse_statute_file(path: Path) -> LawVersion:
    text = path.read_text(encoding="utf-8")
    meta, body, first_line = split_front_matter(path, text)
    missing = [k for k in REQUIRED if not meta.get(k)]
    if missing:
        raise CorpusError(path, 1, f"front matter lacks {', '.join(missing)}")
    if meta["status"] not in STATUSES:
        raise CorpusError(path, 1, f"status must be one of {', '.join(STATUSES)}, not {meta['status']!r}")
    termination = _termination(path, meta)
    effective = _as_date(path, "effective", meta["effective"])
    assert effective is not None
    articles = parse_articles(path, body, law_id=meta["law_id"], version=effective.isoformat(),
                              numbering=meta.get("numbering", "chinese"), first_line=first_line,
                              part=meta.get("part"))
    if meta["status"] not in DRAFT_STATUSES and not articles:
        raise CorpusError(path, first_line, "no articles found")
    return LawVersion(
        law_id=meta["law_id"], title=meta["title"], short_name=meta["short_name"], title_en=meta.get("title_en", ""),
        aliases=tuple(meta.get("aliases") or ()), issuer=meta.get("issuer", ""), doc_number=meta.get("doc_number"),
        adopted=_as_date(path, "adopted", meta.get("adopted")),
        amended=tuple(_as_date(path, "amended", d) for d in meta.get("amended") or ()),
        effective=effective, status=meta["status"], kind=meta["kind"],
        numbering_years=tuple(int(y) for y in meta.get("numbering_years") or ()), source_file=path.name,
        articles=tuple(articles), numbering_since=_as_date(path, "numbering_since", meta.get("numbering_since")),
        termination=termination,
    )


def _termination(path: Path, meta: dict) -> Termination | None:
    """A terminated draft must say when, by whom, where published and why; nothing else may carry the record."""
    record = meta.get("terminated")
    if meta["status"] != "terminated_draft":
        if record is not None:
            raise CorpusError(path, 1, f"'terminated' is only for status terminated_draft, not {meta['status']!r}")
        return None
    if not isinstance(record, dict):
        raise CorpusError(path, 1, "a terminated_draft needs a 'terminated' mapping (year, by, source, reason)")
    missing = [k for k in TERMINATION_FIELDS if not record.get(k)]
    if missing:
        raise CorpusError(path, 1, f"'terminated' lacks {', '.join(missing)}")
    try:
        year = int(record["year"])
    except (TypeError, ValueError):
        raise CorpusError(path, 1, f"'terminated.year' is not a year: {record['year']!r}") from None
    return Termination(year=year, by=str(record["by"]), source=str(record["source"]), reason=str(record["reason"]),
                       reported=str(record.get("reported") or ""))


def parse_articles(path: Path, body: str, *, law_id: str, version: str, numbering: str = "chinese",
                   first_line: int = 1, part: str | None = None) -> list[Article]:
    """Split a statute body into articles. Headings (#…) set the chapter path; blank lines separate paragraphs."""
    pattern = DOTTED_ARTICLE if numbering == "dotted" else CHINESE_ARTICLE
    articles: list[Article] = []
    headings: dict[int, str] = {}
    current: dict | None = None
    seen: dict[tuple[int, int], int] = {}

    def close():
        if current is None:
            return
        paragraphs = _paragraphs(current["lines"])
        if not paragraphs:
            raise CorpusError(path, current["line"], f"article {current['number']} has no text")
        articles.append(Article(law_id=law_id, version=version, number=current["number"], suffix=current["suffix"],
                                paragraphs=paragraphs, path=current["path"], line=current["line"]))

    for offset, raw in enumerate(body.splitlines()):
        lineno = first_line + offset
        line = ZERO_WIDTH.sub("", raw).strip()
        if not line:
            if current is not None:
                current["lines"].append("")
            continue
        heading = HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = re.sub(r"\s+", " ", heading.group(2)).strip()
            close()
            current = None
            continue
        match = pattern.match(line)
        if match:
            close()
            try:
                number = parse_numeral(match.group(1))
                suffix = parse_numeral(match.group(2)) if numbering != "dotted" and match.group(2) else 0
            except ValueError as exc:
                raise CorpusError(path, lineno, f"bad article number: {exc}") from None
            key = (number, suffix)
            if key in seen:
                raise CorpusError(path, lineno, f"duplicate article {number}{'之' + str(suffix) if suffix else ''} "
                                                f"(first at line {seen[key]})")
            seen[key] = lineno
            first_text = match.group(match.lastindex if numbering != "dotted" else 2) or ""
            if numbering != "dotted":
                first_text = match.group(3) or ""
            path_parts = tuple(([part] if part else []) + [headings[k] for k in sorted(headings)])
            current = {"number": number, "suffix": suffix, "lines": [first_text.strip()], "line": lineno, "path": path_parts}
            continue
        if current is None:
            # Preambles (制定本规定…) and signature blocks sit outside articles; keep going.
            continue
        current["lines"].append(line)
    close()
    _check_sequence(path, articles)
    return articles


def _paragraphs(lines: list[str]) -> tuple[Paragraph, ...]:
    """Blank-line separated blocks; item lines （一）… attach to the paragraph that introduces them."""
    blocks: list[str] = []
    buf: list[str] = []
    for ln in lines + [""]:
        if ln:
            buf.append(ln)
        elif buf:
            blocks.append("".join(buf))
            buf = []
    paragraphs: list[Paragraph] = []
    for block in blocks:
        if ITEM.match(block) and paragraphs:
            last = paragraphs[-1]
            paragraphs[-1] = replace(last, items=last.items + (block,))
        else:
            paragraphs.append(Paragraph(text=block))
    return tuple(paragraphs)


def _check_sequence(path: Path, articles: list[Article]) -> None:
    """Report gaps: a statute numbers its articles consecutively (之一 articles aside)."""
    numbers = sorted({a.number for a in articles})
    if not numbers:
        return
    expected = set(range(numbers[0], numbers[-1] + 1))
    missing = sorted(expected - set(numbers))
    if missing:
        after = {a.number: a.line for a in articles}
        first_gap = missing[0]
        line = after.get(first_gap - 1, articles[0].line)
        shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        raise CorpusError(path, line, f"missing article number(s): {shown}")
