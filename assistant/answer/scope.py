"""Is a question about civil enforcement at all? Out-of-scope questions get a short statement of scope."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.corpus.scope_words import load_scope_words
from assistant.text.legal_systems import names_pattern

# A question asking what a provision it names says ('第…条讲的是什么', 'What does Article … provide?').
ASKS_CONTENT = re.compile(r"(?:讲|说|规定)(?:的是|了)?(?:什么|啥)|(?:内容|原文)是什么|怎么(?:规定|说)的?|"
                          r"\bwhat (?:does|do) .{0,80}\b(?:say|provide|state)s?\b|\bwhat is in\b|\bwording of\b", re.I)
# A question about other legal systems (the comparative notes answer it; the navigator applies Chinese rules only).
OTHER_SYSTEMS = names_pattern()
# A question about scholarship, other legal systems or reform (doctrine notes may answer it).
ASKS_DOCTRINE = re.compile(rf"学说|学者|理论|观点|争议|比较|改革|完善|建议|草案|性质|什么关系|{OTHER_SYSTEMS}|"
                           r"doctrine|scholar|debate|theor|compar|reform|draft|nature", re.I)


@dataclass(frozen=True)
class ScopeDecision:
    in_scope: bool
    topic: str | None
    hint_zh: str = ""
    hint_en: str = ""


# The vocabularies are data (corpus/wording/scope.yaml, read by assistant/corpus/scope_words.py); their patterns are
# built on first use. Looking up one's own case needs the courts' case systems, which this assistant has no access to;
# it is asked in enforcement words, so it is recognised before them. An enforcement question mentioning a family or
# criminal matter in passing is still ours (STRONG_IN_SCOPE is read before the other fields).
@dataclass(frozen=True)
class ScopePatterns:
    in_scope: re.Pattern
    strong_in_scope: re.Pattern
    out_of_scope: tuple[tuple[str, re.Pattern, str, str], ...]  # (topic, pattern, hint_zh, hint_en), in file order
    case_status: re.Pattern
    case_status_hint: tuple[str, str]


def _with_space(hint_en: str) -> str:
    """The refusal template puts the English hint right before its next sentence (prompts/refusal.md)."""
    return hint_en + " " if hint_en else ""


@lru_cache(maxsize=4)
def scope_patterns(corpus_dir: Path | None = None) -> ScopePatterns:
    """The patterns of `corpus_dir`'s scope.yaml (default: the checkout's corpus/), built once per process."""
    words = load_scope_words(corpus_dir)
    return ScopePatterns(
        in_scope=words.in_scope.regex(),
        strong_in_scope=words.strong_in_scope.regex(),
        out_of_scope=tuple((topic, v.regex(), v.hint_zh, _with_space(v.hint_en)) for topic, v in words.out_of_scope),
        case_status=words.case_status.regex(),
        case_status_hint=(words.case_status.hint_zh, _with_space(words.case_status.hint_en)))


# The names other modules import, read from the checkout's corpus on first use (PEP 562).
_PATTERN_NAMES = {"IN_SCOPE": "in_scope", "STRONG_IN_SCOPE": "strong_in_scope", "OUT_OF_SCOPE": "out_of_scope",
                  "CASE_STATUS": "case_status", "CASE_STATUS_HINT": "case_status_hint"}


def __getattr__(name: str):
    if name in _PATTERN_NAMES:
        return getattr(scope_patterns(), _PATTERN_NAMES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def classify_scope(question: str, patterns: ScopePatterns | None = None) -> ScopeDecision:
    """Case status first, then strong enforcement terms, then the other fields in file order, then enforcement
    words (corpus/wording/scope.yaml says why); `patterns`: by default the checkout's."""
    p = patterns or scope_patterns()
    if p.case_status.search(question):
        return ScopeDecision(False, "case_status", *p.case_status_hint)
    if p.strong_in_scope.search(question):
        return ScopeDecision(True, None)
    for topic, pattern, zh, en in p.out_of_scope:
        if pattern.search(question):
            return ScopeDecision(False, topic, zh, en)
    if p.in_scope.search(question):
        return ScopeDecision(True, None)
    return ScopeDecision(False, "unrelated")
