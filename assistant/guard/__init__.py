"""Citation guard: checks every citation of law in a text (ours, an LLM's, or a pasted draft).

Four steps, one module each, modelled on eyecite:
``extract_citations`` (extract.py) → ``resolve_citations`` (resolve.py) → ``verify_citations`` (verify.py)
→ ``annotate_html`` / ``annotate_markdown`` / ``repair_text`` (annotate.py); ``check`` runs them all.

>>> from assistant.guard import check
>>> r = check("民事诉讼法第二百五十条规定，申请执行的期间为二年。")
>>> r.ok, r.citations[0].verdict
(True, 'valid')
"""

from assistant.guard.annotate import annotate_html, annotate_markdown, repair_text
from assistant.guard.extract import extract_citations
from assistant.guard.records import (VERDICTS, CheckedCitation, Citation, Claim, Evidence, LawMention, Repair,
                                     Resolved, Verdict)
from assistant.guard.report import GuardReport, check, default_registry
from assistant.guard.resolve import resolve_citations
from assistant.guard.verify import build_claims, verify_citations

__all__ = ["check", "GuardReport", "CheckedCitation", "Citation", "LawMention", "Resolved", "Claim", "Evidence",
           "Repair", "Verdict", "VERDICTS", "extract_citations", "resolve_citations", "verify_citations",
           "build_claims", "annotate_html", "annotate_markdown", "repair_text", "default_registry"]
