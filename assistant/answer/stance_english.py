"""Evidence for an English statement, from the English the corpus already has: each commentary note's
``conclusion_en`` (what the provisions decide, in plain words) and ``title_en``.

An English statement compared by Chinese word pairs against Chinese provisions has almost nothing to go on (the
glossary names a few terms, not what the statement says of them). The note retrieval finds for the statement says
the rule in English, so the statement is read against it in its own language, with the checks the guard runs on a
Chinese claim: how much of the statement the conclusion holds, whether the clause that holds it says may / must /
must not / need not as the statement does, denies what it affirms, states the periods and numbers it states, and
backs its absolute words. The word classes are data (corpus/wording/english_claims.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from assistant.answer.stance import _CONFLICTS, durations  # the same modal classes opposed as in Chinese
from assistant.corpus.wording import EnglishClaimWords, load_english_claim_words
from assistant.guard.claims import claim_numbers, is_historical
from assistant.guard.tokenize import trie_regex
from assistant.models import Note

# the features, 0 for a statement in Chinese (stance_model.FEATURES lists them in this order)
EN_FEATURES = ("en_note_cover", "en_note_fit", "en_note_dense", "en_modal_agree", "en_modal_conflict",
               "en_modal_agree_close", "en_modal_conflict_close", "en_negation_mismatch_close", "en_numbers_missing",
               "en_durations_agree", "en_durations_conflict", "en_absolutes_unbacked")
CLOSE_FIT = 0.4  # a clause holding less of the statement than this speaks of something else: its modal says little
ENGLISH_NOTES = 2  # the notes retrieval ranks first for the statement, as many as note_check reads in Chinese
# where a clause of a conclusion ends: a sentence, a semicolon, a dash, or a turn (', but', ', while', ', unless')
_CLAUSE = re.compile(r"(?<=[.;:])\s+|\s+[-–—]\s+|"
                     r",\s+(?=(?:but|while|whereas|though|although|unless|except|so|and then)\b)", re.I)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# e5 similarities of anything related to a statement lie between these two
DENSE_FLOOR, DENSE_SPAN = 0.8, 0.15


@dataclass(frozen=True)
class _Words:
    """The word lists of english_claims.yaml compiled for matching."""

    modals: tuple[tuple[str, re.Pattern], ...]
    negation: re.Pattern
    not_negation: re.Pattern | None
    absolutes: tuple[tuple[str, re.Pattern], ...]
    stop: frozenset[str]


def _phrases(words: Sequence[str]) -> re.Pattern:
    return re.compile(r"(?<![a-z'])(?:" + trie_regex(list(words)) + r")(?![a-z])")


@lru_cache(maxsize=4)
def _compiled(words: EnglishClaimWords) -> _Words:
    return _Words(modals=tuple((name, _phrases(ws)) for name, ws in words.modals),
                  negation=_phrases(words.negations),
                  not_negation=_phrases(words.not_negations) if words.not_negations else None,
                  absolutes=tuple((w, _phrases([w])) for w in words.absolutes),
                  stop=frozenset(words.stop_words))


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def content_stems(text: str, words: EnglishClaimWords | None = None) -> frozenset[str]:
    """The stems of a text's content words: what it is about, whatever the inflection ('resumed', 'resumption')."""
    w = _compiled(words or load_english_claim_words())
    tokens = [t.replace("'", "") for t in _WORD.findall(text.lower())]
    return frozenset(_stemmer().stemWords([t for t in tokens if t not in w.stop and len(t) > 1]))


def english_modal(text: str, words: EnglishClaimWords | None = None) -> str | None:
    """What a clause says one may, must, must not or need not do: the first class whose words it holds, the words
    of the classes before taken out ('cannot' is no 'can')."""
    rest = text.lower()
    for name, pattern in _compiled(words or load_english_claim_words()).modals:
        if pattern.search(rest):
            return name
    return None


def negated(text: str, words: EnglishClaimWords | None = None) -> bool:
    """Does the clause deny what it says: a negation word outside the phrases that deny nothing ('not only … but
    also', 'no later than')?"""
    w = _compiled(words or load_english_claim_words())
    low = w.not_negation.sub(" ", text.lower()) if w.not_negation is not None else text.lower()
    return bool(w.negation.search(low))


def absolutes_in(text: str, words: EnglishClaimWords | None = None) -> frozenset[str]:
    low = text.lower()
    return frozenset(w for w, pattern in _compiled(words or load_english_claim_words()).absolutes if pattern.search(low))


def _parts(text: str) -> list[str]:
    return [p.strip(" ,.;:") for p in _CLAUSE.split(text) if p and len(p.strip(" ,.;:")) >= 8]


def clauses(text: str) -> list[str]:
    """The clauses of a conclusion, and each with the next: a rule and its exception often sit in two."""
    parts = _parts(text)
    return parts + [f"{a}, {b}" for a, b in zip(parts, parts[1:])]


def current_parts(text: str) -> list[str]:
    """The clauses of a conclusion that state the rule, not a former one ('the former rule of one year … was
    replaced by the 2007 amendment'): the periods and numbers of the rule are theirs."""
    return [part for part in _parts(text) if not is_historical(part)]


def _numbers(text: str) -> set[str]:
    return {canon for _, canon in claim_numbers(text)}


def deciding_note(claim: str, notes: Sequence[tuple[Note, float]]) -> tuple[Note, float, float] | None:
    """(note, share of the statement's stems its title and conclusion hold, its e5 similarity) for the note whose
    English conclusion holds most of the statement (the closer one on a tie), or None when none has one."""
    words = load_english_claim_words()
    mine = content_stems(claim, words)
    best: tuple[float, float, Note] | None = None
    for note, dense in notes:
        if not note.conclusion_en or not mine:
            continue
        cover = len(mine & content_stems(f"{note.title_en} {note.conclusion_en}", words)) / len(mine)
        if best is None or (cover, dense) > best[:2]:
            best = (cover, dense, note)
    return (best[2], best[0], best[1]) if best else None


def english_note_check(claim: str, notes: Sequence[tuple[Note, float]]) -> dict[str, float]:
    """The features of an English statement against the English conclusions of the notes retrieval found for it
    (each with its e5 similarity to the statement, 0 when the dense search did not rank it): against the deciding
    note (deciding_note), and within it the clause that holds most of the statement."""
    words = load_english_claim_words()
    mine = content_stems(claim, words)
    out = dict.fromkeys(EN_FEATURES, 0.0)
    decided = deciding_note(claim, notes)
    if decided is None:
        return out
    note, cover, dense = decided
    scored = [(len(mine & content_stems(c, words)) / len(mine), -len(c), c) for c in clauses(note.conclusion_en)]
    fit, _, clause = max(scored) if scored else (0.0, 0, note.conclusion_en)
    claim_modal, clause_modal = english_modal(claim, words), english_modal(clause, words)
    current = current_parts(note.conclusion_en)
    claimed, stated = durations(claim), {d for part in current for d in durations(part)}
    theirs_numbers = {n for part in current for n in _numbers(part)}
    missing = [surface for surface, canon in claim_numbers(claim)
               if canon not in theirs_numbers and not durations(surface) & stated]
    unbacked = absolutes_in(claim, words) - absolutes_in(note.conclusion_en, words)
    out.update({
        "en_note_cover": cover,
        "en_note_fit": fit,
        "en_note_dense": min(1.0, max(0.0, (dense - DENSE_FLOOR) / DENSE_SPAN)) if dense else 0.0,
        "en_modal_agree": float(claim_modal is not None and claim_modal == clause_modal),
        "en_modal_conflict": float((claim_modal, clause_modal) in _CONFLICTS),
        "en_modal_agree_close": float(fit >= CLOSE_FIT and claim_modal is not None and claim_modal == clause_modal),
        "en_modal_conflict_close": float(fit >= CLOSE_FIT and (claim_modal, clause_modal) in _CONFLICTS),
        "en_negation_mismatch_close": float(fit >= CLOSE_FIT and negated(claim, words) != negated(clause, words)),
        "en_numbers_missing": float(bool(missing)),
        "en_durations_agree": float(bool(claimed & stated)),
        "en_durations_conflict": float(bool(claimed) and bool(stated) and not claimed & stated),
        "en_absolutes_unbacked": float(bool(unbacked)),
    })
    return out
