"""Small factories for the guard's table-driven tests (in the manner of eyecite's test_factories)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.guard import GuardReport, check, default_registry


@dataclass(frozen=True)
class Expect:
    """One expected citation: the surface (a substring of the text) and what the guard should say about it."""

    surface: str
    law: str | None = None
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    verdict: str | None = None
    current: int | None = None


def cite(surface: str, law: str | None = None, article: int | None = None, paragraph: int | None = None,
         item: int | None = None) -> Expect:
    return Expect(surface, law, article, paragraph, item)


def verdict(surface: str, v: str, current: int | None = None, law: str | None = None) -> Expect:
    return Expect(surface, law=law, verdict=v, current=current)


def run(text: str, **kw) -> GuardReport:
    return check(text, default_registry(), **kw)


def find(report: GuardReport, surface: str):
    """The checked citation whose span overlaps the first occurrence of ``surface`` most."""
    i = report.text.find(surface)
    assert i >= 0, f"{surface!r} not in the text"
    j = i + len(surface)
    best, overlap = None, 0
    for c in report.citations:
        ov = min(j, c.end) - max(i, c.start)
        if ov > overlap:
            best, overlap = c, ov
    return best


def check_expect(report: GuardReport, e: Expect) -> None:
    c = find(report, e.surface)
    got = [(x.text, x.verdict, x.law_id, x.citation.article) for x in report.citations]
    assert c is not None, f"no citation found for {e.surface!r}; got {got}"
    if e.law is not None:
        assert c.law_id == e.law, f"{e.surface!r}: law {c.law_id} != {e.law}; got {got}"
    if e.article is not None:
        assert c.citation.article == e.article, f"{e.surface!r}: article {c.citation.article} != {e.article}"
    if e.paragraph is not None:
        assert c.citation.paragraph == e.paragraph, f"{e.surface!r}: paragraph {c.citation.paragraph}"
    if e.item is not None:
        assert c.citation.item == e.item, f"{e.surface!r}: item {c.citation.item}"
    if e.verdict is not None:
        assert c.verdict == e.verdict, f"{e.surface!r}: {c.verdict} ({c.message}) != {e.verdict}; got {got}"
    if e.current is not None:
        assert c.current_article == e.current, f"{e.surface!r}: current {c.current_article} != {e.current}"
