"""A question with several questions in it: a case with numbered sub-questions, or two questions in one message.

Each part is answered on its own, with the case facts in front of it, and in order; the answer says which facts
it used. Recognised from the layout people use for it — numbered items after the facts ('请回答：1.… 2.…',
'（1）…（2）…', 'Questions: 1) … 2) …'), or two or more full questions in a row — never from what is asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a numbered item: at the start of a line or after a colon/space, '1.', '1、', '（1）', '(1)', '1)', '问题1：', 'Q1'
_ITEM = re.compile(r"(?:^|(?<=[\n：:。？?；;\s]))\s*(?:问题\s*|第\s*)?(?:[（(](?P<a>[1-9])[)）]|(?P<b>[1-9])\s*[.、．)）](?!\d)|"
                   r"Q(?P<c>[1-9])[.:：]?)\s*")
_LEAD = re.compile(r"(?:请(?:分别)?回答(?:下列|以下|如下)?(?:问题)?|问题如下|问题|请分析|回答下列问题|Questions?|Please answer)\s*[：:]?\s*$",
                   re.I)
_QUESTION_END = re.compile(r"[^？?]{6,}?[？?]")


@dataclass(frozen=True)
class Part:
    number: int
    text: str


@dataclass(frozen=True)
class Split:
    facts: str  # the case facts before the questions ('' for questions in a row)
    parts: tuple[Part, ...]


def _runs(items: list[re.Match]) -> list[list[re.Match]]:
    """The runs of items numbered 1, 2, 3 … in order (a new '1' starts a new run)."""
    runs: list[list[re.Match]] = []
    for m in items:
        n = int(m.group("a") or m.group("b") or m.group("c"))
        if n == 1:
            runs.append([m])
        elif runs and n == len(runs[-1]) + 1:
            runs[-1].append(m)
    return [r for r in runs if len(r) >= 2]


def _question_run(items: list[re.Match], text: str) -> list[re.Match]:
    """The numbered run that holds the questions. A case may number its facts too ('调解书确定：1.…2.… 问题：1.…2.…'):
    the questions come last, and are the run whose items ask (end in a question mark) when one does."""
    runs = _runs(items)
    if not runs:
        return []

    def asks(run: list[re.Match]) -> bool:
        ends = [r.start() for r in run[1:]] + [len(text)]
        return sum("？" in text[m.end():e] or "?" in text[m.end():e] for m, e in zip(run, ends)) * 2 >= len(run)

    asking = [r for r in runs if asks(r)]
    return (asking or runs)[-1]


def split_questions(text: str) -> Split | None:
    """Numbered sub-questions (1, 2, … in order), or two to four full questions in a row; else None."""
    t = text.strip()
    numbered = _question_run(list(_ITEM.finditer(t)), t)
    if len(numbered) >= 2:
        facts = _LEAD.sub("", t[:numbered[0].start()].rstrip()).strip()
        parts = []
        for i, m in enumerate(numbered):
            end = numbered[i + 1].start() if i + 1 < len(numbered) else len(t)
            body = t[m.end():end].strip(" \n；;")
            if len(body) < 4:
                return None
            parts.append(Part(i + 1, body))
        return Split(facts, tuple(parts))
    questions = [q.strip() for q in _QUESTION_END.findall(t)]
    if 2 <= len(questions) <= 4 and sum(len(q) for q in questions) >= 0.6 * len(t):
        # the facts are what the first question states before asking; later questions lean on them
        return Split("", tuple(Part(i + 1, q) for i, q in enumerate(questions)))
    return None


def with_facts(split: Split, part: Part) -> str:
    """What is searched and answered for one part: the case facts, then that part's question."""
    if split.facts:
        return f"{split.facts} {part.text}".strip()
    # questions in a row: a later one leans on what the first one stated
    return part.text if part.number == 1 else f"{split.parts[0].text} {part.text}"
