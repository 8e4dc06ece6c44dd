"""Frozen records passed between the guard's steps: extract → resolve → verify → annotate.

Every record keeps its character span in the checked text (``start`` inclusive, ``end`` exclusive),
so that annotation and repair never search the text again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["valid", "unknown_law", "nonexistent_article", "outdated_numbering", "unsupported", "not_in_force"]
VERDICTS: tuple[str, ...] = ("valid", "unknown_law", "nonexistent_article", "outdated_numbering", "unsupported",
                             "not_in_force")

MentionKind = Literal["alias", "title", "generic", "english", "backref"]


@dataclass(frozen=True)
class LawMention:
    """A name of a law in the text: 《中华人民共和国民事诉讼法》, 民诉法, the Civil Procedure Law, 本规定 …

    ``law_id`` is what the name resolves to (None: a law the registry does not know). ``version`` is set
    when the name itself points at one revision (a superseded title or document number);
    ``year`` when the text qualifies the name with a year (2017年民事诉讼法, 《民事诉讼法》（2017年修正）).
    """

    start: int
    end: int
    name: str
    law_id: str | None
    kind: MentionKind = "alias"
    year: int | None = None
    version: str | None = None
    historical: bool = False  # 原/旧/修改前的 … : the writer means an earlier text, not the one in force


@dataclass(frozen=True)
class Citation:
    """One cited provision as found in the text (step 1: extract).

    ``article`` is None for a mention of a law with no article. Lists and ranges give one Citation
    per number; the first carries the law name in its span, the others only their own number.
    """

    start: int
    end: int
    text: str
    law: LawMention | None
    article: int | None = None
    suffix: int = 0  # 第X条之一 → 1
    paragraph: int | None = None
    item: int | None = None
    backref: bool = False  # resolved to a law (or article) named earlier in the text
    group: int = 0  # citations written together (a list, a range, 第241条和执行和解规定第9条) share a group
    number_span: tuple[int, int] | None = None  # where the article number itself is written (for repair)
    number_style: Literal["chinese", "arabic"] = "chinese"
    lang: Literal["zh", "en"] = "zh"

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class Claim:
    """What the text says about a citation: the clause around it, with the citations themselves masked."""

    start: int
    end: int
    text: str  # masked text of the clause (citation surfaces replaced by spaces)
    quotes: tuple[str, ...] = ()
    numbers: tuple[tuple[str, str], ...] = ()  # (surface, canonical value+unit)
    topics: tuple[str, ...] = ()
    local_topics: tuple[str, ...] = ()  # topics of the part that speaks about this citation (see ``local``)
    present_tense: bool = False  # 现行 / 目前 / currently …: the writer presents the text as the law in force
    local: str = ""  # the part of the clause that speaks about this citation (masked); topics come from here
    explained: bool = False  # the writer states the renumbering itself (原文…即现行第X条, is now Article X)
    historical: bool = False  # 原 / 曾 / 当时 / formerly …: the writer speaks of an earlier text
    attributed: bool = False  # 规定 / 明确 / provides …: the claim is presented as what the article says
    consequence: tuple[str, ...] = ()  # topics of what the claim says may / must / must not be done
    absolutes: tuple[str, ...] = ()  # 一律, automatically … (not negated)
    about: bool = True  # the claim is presented as what the cited article says (not 依…作出的裁定, 按…计算)


@dataclass(frozen=True)
class Resolved:
    """A citation checked against the registry (step 2: resolve)."""

    citation: Citation
    law_id: str | None
    law_title: str | None
    status: str | None  # the law's status: in_force | superseded | draft | terminated_draft; None when unknown
    version: str | None  # the version the text points to (a year, a superseded title), else None = current
    exists_in: tuple[str, ...] = ()  # versions that have this article (and 款/项)
    article_in_any: tuple[str, ...] = ()  # versions that have the article number at all
    uncovered: bool = False  # a real article the corpus does not hold (民法典 parts outside the corpus)
    outside: str | None = None  # id of the instrument outside the corpus the name means (合同法, 刑法 …)
    # the writer named the text in force by its year (2022年民诉法解释第三百零七条): the number is that text's, so
    # it is not read as an older revision's even where an older article fits the words better
    named_in_force: bool = False


@dataclass(frozen=True)
class Evidence:
    """What the verdict rests on: the article text it was checked against and the spans that matched or not."""

    law_id: str | None = None
    version: str | None = None
    article: int | None = None
    article_text: str = ""
    matched: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckedCitation:
    """One verdict (step 3: verify)."""

    citation: Citation
    verdict: Verdict
    message: str
    law_id: str | None = None
    law_title: str | None = None
    version: str | None = None  # the version the citation was checked against
    current_law: str | None = None
    current_article: int | None = None
    evidence: Evidence = field(default_factory=Evidence)
    claim: Claim | None = None
    repair: "Repair | None" = None
    # for an unsupported claim: the provision in force that does say it (law id, article, 款 or None)
    supported_by: tuple[str, int, int | None] | None = None

    @property
    def start(self) -> int:
        return self.citation.start

    @property
    def end(self) -> int:
        return self.citation.end

    @property
    def text(self) -> str:
        return self.citation.text

    @property
    def ok(self) -> bool:
        return self.verdict == "valid"

    def to_dict(self) -> dict:
        c = self.citation
        return {
            "text": c.text,
            "span": [c.start, c.end],
            "law": self.law_id,
            "law_title": self.law_title,
            "article": c.article,
            "paragraph": c.paragraph,
            "item": c.item,
            "verdict": self.verdict,
            "current": ({"law": self.current_law, "article": self.current_article}
                        if self.current_law is not None and self.current_article is not None else None),
            "message": self.message,
            "supported_by": ({"law": self.supported_by[0], "article": self.supported_by[1],
                              "paragraph": self.supported_by[2]} if self.supported_by else None),
            "version": self.version,
            "evidence": {"article_text": self.evidence.article_text, "matched": list(self.evidence.matched),
                         "missing": list(self.evidence.missing)},
        }


@dataclass(frozen=True)
class Repair:
    """A certain rewrite: replace text[start:end] by ``replacement`` and add ``note``."""

    start: int
    end: int
    original: str
    replacement: str
    note: str
