"""The whole guard in one call: ``check(text) -> GuardReport``.

>>> report = check("根据《中华人民共和国民事诉讼法》第二百三十条，申请执行人可以申请恢复执行。")
>>> [(c.verdict, c.current_article) for c in report.citations]
[('outdated_numbering', 241)]
>>> report.ok
False
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus.registry import LawRegistry
from assistant.guard.annotate import annotate_html, annotate_markdown, repair_text
from assistant.guard.extract import extract_citations
from assistant.guard.records import VERDICTS, CheckedCitation
from assistant.guard.resolve import resolve_citations
from assistant.guard.tokenize import detect_lang
from assistant.guard.verify import verify_citations

MAX_CHARS = 2_000_000  # longer texts are checked up to this many characters

_DEFAULT: dict[str, LawRegistry] = {}
_LOCK = threading.Lock()


def default_registry(corpus_dir: Path | None = None) -> LawRegistry:
    """The registry of the project's corpus, loaded once (without commentary notes) and cached."""
    from assistant.settings import Settings

    folder = Path(corpus_dir) if corpus_dir else Settings().corpus_dir
    key = str(folder.resolve())
    with _LOCK:
        reg = _DEFAULT.get(key)
        if reg is None:
            reg = LawRegistry.load(folder, with_notes=False)
            _DEFAULT[key] = reg
    return reg


@dataclass(frozen=True)
class GuardReport:
    """All verdicts for one text."""

    text: str
    lang: str
    citations: tuple[CheckedCitation, ...]
    truncated: bool = False

    @property
    def ok(self) -> bool:
        """True iff every citation is valid (a text with no citations is ok)."""
        return all(c.verdict == "valid" for c in self.citations)

    @property
    def problems(self) -> tuple[CheckedCitation, ...]:
        return tuple(c for c in self.citations if c.verdict != "valid")

    @property
    def repaired_text(self) -> str:
        """The text with certain repairs applied (outdated numbers rewritten, with a note); else unchanged."""
        return repair_text(self.text, list(self.citations))

    def annotate_html(self) -> str:
        return annotate_html(self.text, list(self.citations))

    def annotate_markdown(self) -> str:
        return annotate_markdown(self.text, list(self.citations))

    def counts(self) -> dict[str, int]:
        out = {v: 0 for v in VERDICTS}
        for c in self.citations:
            out[c.verdict] += 1
        return out

    def to_dict(self, *, evidence: bool = False) -> dict:
        cites = []
        for c in self.citations:
            d = c.to_dict()
            if not evidence:
                d.pop("evidence", None)
            cites.append(d)
        return {"ok": self.ok, "lang": self.lang, "truncated": self.truncated, "counts": self.counts(),
                "citations": cites}


def check(text: str, registry: LawRegistry | None = None, lang: str | None = None, *,
          mentions: bool = True) -> GuardReport:
    """Extract, resolve and verify every citation in ``text``.

    ``registry``: defaults to the project's corpus (loaded once). ``lang``: 'zh' or 'en' for the messages;
    default: Chinese if the text is mostly Chinese. ``mentions``: also report laws named without an
    article (an unknown or draft law is flagged; a known one is valid).
    """
    if not isinstance(text, str):
        raise TypeError(f"check() needs a str, not {type(text).__name__}")
    reg = registry or default_registry()
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    lang = lang or detect_lang(text)
    citations = extract_citations(text, reg)
    if not mentions:
        citations = [c for c in citations if c.article is not None]
    resolved = resolve_citations(citations, reg)
    checked = verify_citations(resolved, text, reg, lang=lang)
    return GuardReport(text=text, lang=lang, citations=tuple(checked), truncated=truncated)
