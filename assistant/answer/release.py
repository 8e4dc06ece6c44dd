"""Guarded release: text reaches the reader one sentence at a time, and only after the citation guard has
passed that sentence.

A sentence is held back until it is complete and its citations are verified, in the context of everything
already released (so a reference such as 该规定第…条 resolves as the reader will read it). A sentence whose
citations are all valid is released as it is; one with an outdated number is rewritten by the guard's own certain
repair (the current number, with the guard's note) when the rewritten sentence then checks out; any other sentence
is removed, keeping the line's bullet or label only when more of that line stands. The same gate vets a whole answer
(``vet``) and a streamed draft (``feed`` piece by piece, then ``close``), so what a stream shows and what the
final answer says are decided by one procedure (tests/answer/test_release.py shows both on a draft).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.guard import repair_text
from assistant.guard.tokenize import segment

# what opens a line and is layout, not a claim: a bullet or number, a bold label ('- ', '1. ', '**结论**：')
LINE_LEAD = re.compile(r"[ \t]*(?:[-*][ \t]+|\d+[.、][ \t]*)?(?:\*\*[^*\n]{1,24}\*\*[：:]?[ \t]*)?")
# a piece ending in one of these ends a sentence even before the next character arrives
_CLOSES_SENTENCE = ("。", "！", "？", "；", "\n")


@dataclass
class GuardedRelease:
    """Releases vetted sentences of a text that arrives in pieces. ``guard(text) -> GuardReport``."""

    guard: Callable
    shown: str = ""  # everything released so far
    repaired: int = 0  # outdated numbers rewritten to the current ones
    removed: int = 0  # sentences removed because a citation in them could not be verified
    removed_verdicts: set[str] = field(default_factory=set)
    _pending: str = ""  # received, not yet a complete sentence
    _held_lead: str = ""  # the bullet or label of a line whose first sentence was removed

    def feed(self, piece: str) -> str:
        """Take the next piece of the draft; return what may be shown now (possibly '')."""
        self._pending += piece
        starts = segment(self._pending).sentence_starts
        cut = len(self._pending) if self._pending.endswith(_CLOSES_SENTENCE) else starts[-1]
        if cut == 0:
            return ""
        ready, self._pending = self._pending[:cut], self._pending[cut:]
        return self._release(ready)

    def close(self) -> str:
        """The draft is complete: vet what is left (a last sentence without a full stop)."""
        ready, self._pending = self._pending, ""
        out = self._release(ready) if ready else ""
        self._held_lead = ""  # a bullet whose line was removed to the end is not shown
        return out

    def notices(self, lang: str) -> list[str]:
        out = []
        if self.repaired:
            out.append("已自动更正过时的条文序号。" if lang == "zh" else "Outdated article numbers were corrected.")
        if self.removed:
            # a draft's name checks out as a draft: say that, not that it could not be verified
            drafts_only = self.removed_verdicts == {"not_in_force"}
            if lang == "zh":
                out.append(f"删除了{self.removed}处援引草案或已失效文本的句子，它们不是现行法。" if drafts_only
                           else f"删除了{self.removed}处无法核实的引用。")
            else:
                out.append(f"Removed {self.removed} sentence(s) citing a draft or a text no longer in force."
                           if drafts_only else f"Removed {self.removed} sentence(s) whose citations could not be verified.")
        return out

    # ----- one sentence at a time -----------------------------------------------------------------
    def _release(self, ready: str) -> str:
        starts = list(segment(ready).sentence_starts) + [len(ready)]
        out = []
        for a, b in zip(starts, starts[1:]):
            if a < b:
                released = self._sentence(ready[a:b])
                self.shown += released
                out.append(released)
        return "".join(out)

    def _sentence(self, sentence: str) -> str:
        held, self._held_lead = self._held_lead, ""
        candidate = held + sentence
        body = candidate.rstrip("\n")
        line_end = candidate[len(body):]
        at = len(self.shown)
        report = self.guard(self.shown + candidate)
        bad = [c for c in report.citations if c.verdict != "valid" and c.end > at]
        if not bad:
            if held and not sentence.strip():
                return ""  # a removed line's bullet with nothing after it
            return candidate
        fixable = [c for c in bad if c.repair is not None and c.repair.start >= at]
        if len(fixable) == len(bad):
            repaired = repair_text(self.shown + candidate, fixable)[at:]
            if all(c.verdict == "valid" for c in self.guard(self.shown + repaired).citations if c.end > at):
                self.repaired += len(fixable)
                return repaired
        self.removed += 1
        self.removed_verdicts.update(c.verdict for c in bad)
        line_start = not self.shown or self.shown.endswith("\n")
        if line_end:  # the line ends here: keep its break only if some of the line was shown
            return "" if line_start else line_end
        if line_start:
            lead = LINE_LEAD.match(candidate).group(0)
            if lead and not any(c.start < at + len(lead) for c in bad):
                self._held_lead = lead  # shown with the next sentence of this line, if one stands
        return ""


def vet(text: str, guard: Callable) -> GuardedRelease:
    """A whole text through the gate: ``.shown`` is what may be shown, with the counts for the notices."""
    gate = GuardedRelease(guard)
    gate.feed(text)
    gate.close()
    return gate
