"""Step 4: render the checked text with every citation marked (HTML, Markdown) and repair what is certain.

HTML is safe for untrusted input: every character of the text and every attribute value is escaped;
the only markup is our own ``<mark>`` elements.

>>> from assistant.guard import check
>>> check("民事诉讼法第二百三十三条规定了执行回转。").repaired_text
'民事诉讼法第二百四十四条〔注：原引第二百三十三条系2017-07-01文本的条文序号，现行文本为第二百四十四条〕规定了执行回转。'
"""

from __future__ import annotations

import html
import re

from assistant.guard.records import CheckedCitation

SYMBOL = {"valid": "✓", "unknown_law": "?", "nonexistent_article": "✗", "outdated_numbering": "↻",
          "unsupported": "≠", "not_in_force": "⊘"}


def _disjoint(checked: list[CheckedCitation]) -> list[CheckedCitation]:
    out: list[CheckedCitation] = []
    end = -1
    for c in sorted(checked, key=lambda c: (c.start, -c.end)):
        if c.start >= end and c.end > c.start:
            out.append(c)
            end = c.end
    return out


def annotate_html(text: str, checked: list[CheckedCitation]) -> str:
    """The text, HTML-escaped, with each citation in ``<mark class="cite cite-{verdict}" data-…>``."""
    parts: list[str] = []
    pos = 0
    for c in _disjoint(checked):
        parts.append(html.escape(text[pos:c.start]))
        attrs = {"class": f"cite cite-{c.verdict}", "data-verdict": c.verdict, "data-law": c.law_id or "",
                 "data-article": "" if c.citation.article is None else str(c.citation.article),
                 "data-current": "" if c.current_article is None else str(c.current_article),
                 "title": c.message}
        rendered = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
        parts.append(f"<mark {rendered}>{html.escape(text[c.start:c.end])}</mark>")
        pos = c.end
    parts.append(html.escape(text[pos:]))
    return "".join(parts).replace("\n", "<br>\n")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md_escape(s: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", s)


def annotate_markdown(text: str, checked: list[CheckedCitation]) -> str:
    """The text with each citation in bold, followed by a footnote with its verdict and message."""
    parts: list[str] = []
    notes: list[str] = []
    pos = 0
    for n, c in enumerate(_disjoint(checked), 1):
        parts.append(text[pos:c.start])
        parts.append(f"**{_md_escape(text[c.start:c.end])}**[^c{n}]")
        notes.append(f"[^c{n}]: {SYMBOL.get(c.verdict, '')} `{c.verdict}` — {_md_escape(c.message)}")
        pos = c.end
    parts.append(text[pos:])
    body = "".join(parts)
    return body + ("\n\n" + "\n".join(notes) + "\n" if notes else "")


def repair_text(text: str, checked: list[CheckedCitation]) -> str:
    """The text with every certain repair applied (an outdated number rewritten to the current one, with a note).

    Nothing else is changed: a nonexistent article is never replaced by a guess.
    """
    edits = sorted(((c.repair, c.end) for c in checked if c.repair is not None), key=lambda x: x[0].start)
    out: list[str] = []
    pos = 0
    for rep, cite_end in edits:
        if rep.start < pos:
            continue
        out.append(text[pos:rep.start])
        out.append(rep.replacement)
        out.append(text[rep.end:cite_end])
        out.append(rep.note)
        pos = cite_end
    out.append(text[pos:])
    return "".join(out)
