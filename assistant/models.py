"""Typed records passed from one stage to the next. Frozen: a stage never edits what it was given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Status = Literal["in_force", "superseded", "draft", "terminated_draft"]
# A bill is never law, whether its review is still open or was terminated.
DRAFT_STATUSES = ("draft", "terminated_draft")


@dataclass(frozen=True)
class Paragraph:
    """One 款. Items (项) belong to the paragraph that introduces them."""

    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class CrossReference:
    """A mention inside an article of another provision, e.g. 民事诉讼法第二百三十九条 inside 执行和解规定 art 10."""

    surface: str
    law_id: str
    cited_article: int
    cited_version: str | None  # the version whose numbering the citing text uses
    current_article: int | None  # what it means today
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    law_id: str
    version: str  # effective date, YYYY-MM-DD
    number: int
    suffix: int = 0  # 第X条之一 → 1
    paragraphs: tuple[Paragraph, ...] = ()
    path: tuple[str, ...] = ()  # chapter / section headings
    cross_refs: tuple[CrossReference, ...] = ()
    line: int = 0  # line in the corpus file, for error messages

    @property
    def label(self) -> str:
        return f"{self.number}" + (f"之{self.suffix}" if self.suffix else "")

    @property
    def text(self) -> str:
        lines: list[str] = []
        for p in self.paragraphs:
            lines.append(p.text)
            lines.extend(p.items)
        return "\n".join(lines)

    @property
    def item_count(self) -> int:
        return sum(len(p.items) for p in self.paragraphs)


@dataclass(frozen=True)
class Termination:
    """Why and when the review of a bill was ended: the record a terminated draft carries as data."""

    year: int
    by: str  # the body that ended the review
    source: str  # where the decision is published
    reason: str
    reported: str = ""  # what secondary reports say of the exact date, where the record itself gives none


@dataclass(frozen=True)
class LawVersion:
    """One revision of one instrument, as normalized in corpus/statutes/."""

    law_id: str
    title: str
    short_name: str
    title_en: str
    aliases: tuple[str, ...]
    issuer: str
    doc_number: str | None
    adopted: date | None
    amended: tuple[date, ...]
    effective: date
    status: Status
    kind: Literal["law", "interpretation", "draft"]
    numbering_years: tuple[int, ...]  # years a text may name for this numbering (2012 and 2017 share one)
    source_file: str
    articles: tuple[Article, ...] = ()
    numbering_since: date | None = None  # an earlier amendment with the same numbering (2012 text = 2017 text)
    termination: Termination | None = None  # set only for a terminated draft

    @property
    def version(self) -> str:
        return self.effective.isoformat()

    @property
    def year(self) -> int:
        """The year people name this text by ('2017年民事诉讼法'): its last amendment, else when it took effect."""
        return self.amended[-1].year if self.amended else self.effective.year


@dataclass(frozen=True)
class NoteCitation:
    law_id: str
    article: int


@dataclass(frozen=True)
class Note:
    id: str
    title: str
    title_en: str
    topic: str
    kind: Literal["law", "doctrine", "comparative", "reform"]
    tags: tuple[str, ...]
    asks: tuple[str, ...]
    asks_en: tuple[str, ...]
    conclusion: str
    conclusion_en: str
    cites: tuple[NoteCitation, ...]
    body: str
    source_file: str
    # the provision (one of ``cites``) that decides each of ``asks`` / ``asks_en``, in their order; empty when the
    # note's questions are not labelled
    ask_cites: tuple[NoteCitation, ...] = ()
    ask_cites_en: tuple[NoteCitation, ...] = ()
    # the note's practical points in English (periods, courts, conditions and what follows when one fails), which an
    # English answer shows as the Chinese one shows points from the Chinese body; empty when not written
    points_en: tuple[str, ...] = ()

    def ask_provision(self, index: int) -> NoteCitation | None:
        """The provision deciding the note's ``index``-th question, counted over asks then asks_en (None: not
        labelled). The parser holds each label list to its question list's length."""
        if 0 <= index < len(self.asks):
            return self.ask_cites[index] if self.ask_cites else None
        index -= len(self.asks)
        if 0 <= index < len(self.asks_en):
            return self.ask_cites_en[index] if self.ask_cites_en else None
        return None


@dataclass(frozen=True)
class Hit:
    """A retrieved unit: an article or a note, with the citation it carries."""

    doc_id: str
    kind: Literal["article", "note"]
    text: str
    score: float
    law_id: str | None = None
    law_title: str | None = None
    article: int | None = None
    version: str | None = None
    status: Status | None = None
    note_id: str | None = None
    cites: tuple[NoteCitation, ...] = ()
    signals: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    # a note hit: which of its questions (asks, then asks_en; 0-based) lay nearest the query in the dense search
    matched_ask: int | None = None


@dataclass(frozen=True)
class AnswerCitation:
    """A provision the answer cites, with the guard's verdict on it."""

    surface: str
    span: tuple[int, int]
    law_id: str | None
    law_title: str | None
    article: int | None
    paragraph: int | None
    item: int | None
    verdict: str  # valid | unknown_law | nonexistent_article | outdated_numbering | unsupported | not_in_force
    message: str
    current_article: int | None = None


@dataclass(frozen=True)
class Source:
    """What the answer was built from, for the sources panel: full text plus the spans the answer relies on."""

    doc_id: str
    kind: Literal["article", "note"]
    title: str  # 《…》第N条 or the note title
    text: str
    law_id: str | None = None
    article: int | None = None
    version: str | None = None
    status: str | None = None
    note_id: str | None = None
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Answer:
    id: str
    question: str  # as asked
    standalone_question: str  # after condensing the conversation
    text: str  # Markdown
    lang: Literal["zh", "en"]
    citations: tuple[AnswerCitation, ...]
    sources: tuple[Source, ...]
    abstained: bool
    abstain_reason: str | None  # out_of_scope | unsupported | refused | needs_context | None
    composer: str  # grounded | llm:<model> | navigator
    prompt_version: str
    follow_ups: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()  # e.g. the LLM failed and the grounded composer answered
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
