"""Closed word classes kept as data in corpus/wording/*.yaml: the words statutes use to open or close a qualifying
clause (provisos.yaml); the cue words of what a date in a question stands for (date_roles.yaml); the cue words of a
settlement's decisive facts (fact_cues.yaml). Read strictly into the text layer's records; a malformed file is a CorpusError naming the
file, the line where YAML can tell it, and the entry, and `assistant corpus build` refuses it."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.corpus.parse import CorpusError
from assistant.text.clauses import ProvisoWords

PROVISOS_FILE = Path("wording") / "provisos.yaml"


def in_corpus(corpus_dir: Path | None, relative: Path) -> Path:
    """`relative` inside `corpus_dir`, by default the checkout's corpus/ (where every word file's loader looks)."""
    if corpus_dir is None:
        from assistant.settings import REPO_ROOT
        corpus_dir = REPO_ROOT / "corpus"
    return Path(corpus_dir) / relative


def read_mapping(path: Path, keys: dict[str, bool]) -> dict:
    """The YAML mapping in `path`, with only the keys of `keys` (True: required)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CorpusError(path, 1, f"cannot read the file: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusError(path, (mark.line + 1) if mark else 1, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise CorpusError(path, 1, f"must be a mapping with {', '.join(repr(k) for k in keys)}")
    unknown = sorted(set(map(str, data)) - set(keys))
    if unknown:
        raise CorpusError(path, 1, f"unknown key {unknown[0]!r} (the keys are {', '.join(keys)})")
    missing = [k for k, required in keys.items() if required and k not in data]
    if missing:
        raise CorpusError(path, 1, f"missing key {missing[0]!r}")
    return data


def word_list(path: Path, where: str, value, *, allow_empty: bool = False) -> tuple[str, ...]:
    """A list of distinct words without spaces or punctuation, as a tuple."""
    if value is None and allow_empty:
        return ()
    if not isinstance(value, list) or (not value and not allow_empty):
        raise CorpusError(path, 1, f"{where}: must be a list of words")
    words: list[str] = []
    for w in value:
        if not isinstance(w, str) or not w.strip():
            raise CorpusError(path, 1, f"{where}: {w!r} is not a word")
        if any(not ch.isalnum() for ch in w):
            raise CorpusError(path, 1, f"{where}: {w!r} holds a space or punctuation; list words only")
        if w in words:
            raise CorpusError(path, 1, f"{where}: {w!r} is listed twice")
        words.append(w)
    return tuple(words)


def parse_proviso_words(path: Path) -> ProvisoWords:
    """The proviso words of corpus/wording/provisos.yaml."""
    data = read_mapping(path, {"opens": True, "not_opening": False, "closes": True})
    opens = word_list(path, "opens", data["opens"])
    not_opening = word_list(path, "not_opening", data.get("not_opening"), allow_empty=True)
    closes = word_list(path, "closes", data["closes"])
    for w in not_opening:
        if not any(w.startswith(o) and w != o for o in opens):
            raise CorpusError(path, 1, f"not_opening: {w!r} does not start with a word of 'opens' (or is one), "
                                       "so it blocks nothing")
    return ProvisoWords(opens=opens, not_opening=not_opening, closes=closes)


@lru_cache(maxsize=4)
def load_proviso_words(corpus_dir: Path | None = None) -> ProvisoWords:
    """The proviso words of `corpus_dir` (default: the checkout's corpus/), read once per process."""
    return parse_proviso_words(in_corpus(corpus_dir, PROVISOS_FILE))


# ----- what a date stands for (corpus/wording/date_roles.yaml) ----------------------------------------------
DATE_ROLES_FILE = Path("wording") / "date_roles.yaml"


@dataclass(frozen=True)
class DateCues:
    """The date-role tagger's closed word classes: cue words per role (the roles it tells apart, in file order),
    negation words, and the role of the date each deadline event counts from."""

    cues: tuple[tuple[str, tuple[str, ...]], ...]
    negations: tuple[str, ...]
    event_starts: tuple[tuple[str, str], ...]

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(role for role, _ in self.cues)

    def start_role(self, event: str) -> str | None:
        return dict(self.event_starts).get(event)

    def digest(self) -> str:
        """A short fingerprint of the word lists: the tagger's weights were trained on these features."""
        text = json.dumps([self.cues, self.negations], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def phrase_list(path: Path, where: str, value) -> tuple[str, ...]:
    """A list of distinct cue phrases: Chinese words, or English words with single spaces and apostrophes."""
    if not isinstance(value, list) or not value:
        raise CorpusError(path, 1, f"{where}: must be a list of words")
    out: list[str] = []
    for w in value:
        if not isinstance(w, str) or not w.strip():
            raise CorpusError(path, 1, f"{where}: {w!r} is not a word")
        if w != w.strip() or "  " in w or any(not (ch.isalnum() or ch in " '-") for ch in w):
            raise CorpusError(path, 1, f"{where}: {w!r} holds punctuation or stray spaces; list words only")
        if w.isascii() and w != w.lower():
            raise CorpusError(path, 1, f"{where}: {w!r}: English cue words are listed in lower case")
        if w in out:
            raise CorpusError(path, 1, f"{where}: {w!r} is listed twice")
        out.append(w)
    return tuple(out)


def parse_date_cues(path: Path) -> DateCues:
    """The date roles, cue words and event starts of corpus/wording/date_roles.yaml."""
    data = read_mapping(path, {"cues": True, "negations": True, "event_starts": True})
    if not isinstance(data["cues"], dict) or len(data["cues"]) < 2:
        raise CorpusError(path, 1, "cues: must map at least two roles to their cue words")
    cues = []
    for role, words in data["cues"].items():
        if not isinstance(role, str) or not role.isidentifier():
            raise CorpusError(path, 1, f"cues: {role!r} is not a role name (letters, digits and '_')")
        cues.append((role, phrase_list(path, f"cues.{role}", words)))
    negations = phrase_list(path, "negations", data["negations"])
    starts = data["event_starts"]
    if not isinstance(starts, dict):
        raise CorpusError(path, 1, "event_starts: must map deadline events to a role")
    roles = [r for r, _ in cues]
    for event, role in starts.items():
        if role not in roles:
            raise CorpusError(path, 1, f"event_starts.{event}: {role!r} is not one of the roles of 'cues'")
    return DateCues(tuple(cues), negations, tuple((str(e), r) for e, r in starts.items()))


def check_event_starts(cues: DateCues, events: set[str]) -> list[str]:
    """Every event of event_starts that the deadline rules do not have, said in a line."""
    return [f"event_starts: {event!r} is not an event of corpus/rules/deadlines.yaml"
            for event, _ in cues.event_starts if event not in events]


@lru_cache(maxsize=4)
def load_date_cues(corpus_dir: Path | None = None) -> DateCues:
    """The date cues of `corpus_dir` (default: the checkout's corpus/), read once per process."""
    return parse_date_cues(in_corpus(corpus_dir, DATE_ROLES_FILE))


# ----- what a settlement question says about its decisive facts (corpus/wording/fact_cues.yaml) -------------
FACT_CUES_FILE = Path("wording") / "fact_cues.yaml"


@dataclass(frozen=True)
class FactCues:
    """The fact reader's closed word classes: for each fact, the cue words of each of its values (in file order);
    contrast, neither-party, negation, hypothesis, claim, first-person and other-side words."""

    facts: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    contrasts: tuple[str, ...]
    neither_party: tuple[str, ...]
    negations: tuple[str, ...]
    hypotheticals: tuple[str, ...]
    claims: tuple[str, ...]
    first_person: tuple[str, ...]
    other_side: tuple[str, ...]

    def values(self, fact: str) -> tuple[str, ...]:
        return tuple(v for v, _ in dict(self.facts)[fact])

    def digest(self) -> str:
        """A short fingerprint of the word lists: the reader's weights were trained on these features."""
        text = json.dumps([self.facts, self.contrasts, self.neither_party, self.negations, self.hypotheticals,
                           self.claims, self.first_person, self.other_side], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_fact_cues(path: Path) -> FactCues:
    """The fact cue words of corpus/wording/fact_cues.yaml."""
    lists = ("contrasts", "neither_party", "negations", "hypotheticals", "claims", "first_person", "other_side")
    data = read_mapping(path, {"facts": True, **{key: True for key in lists}})
    if not isinstance(data["facts"], dict) or not data["facts"]:
        raise CorpusError(path, 1, "facts: must map each fact to its values' cue words")
    facts = []
    for fact, values in data["facts"].items():
        if not isinstance(fact, str) or not fact.isidentifier():
            raise CorpusError(path, 1, f"facts: {fact!r} is not a fact name (letters, digits and '_')")
        if not isinstance(values, dict) or len(values) < 2:
            raise CorpusError(path, 1, f"facts.{fact}: must map at least two values to their cue words")
        for value in values:
            if not isinstance(value, str) or not value.isidentifier() or value == "unknown":
                raise CorpusError(path, 1, f"facts.{fact}: {value!r} is not a value name ('unknown' has no cues)")
        facts.append((fact, tuple((v, phrase_list(path, f"facts.{fact}.{v}", w)) for v, w in values.items())))
    return FactCues(tuple(facts), *(phrase_list(path, key, data[key]) for key in lists))


def check_fact_values(cues: FactCues, known: dict[str, set[str]]) -> list[str]:
    """Every fact or value of fact_cues.yaml that the settlement facts do not have, said in a line (`known`: each
    fact's values)."""
    problems = []
    for fact, values in cues.facts:
        if fact not in known:
            problems.append(f"facts: {fact!r} is not a settlement fact")
            continue
        problems += [f"facts.{fact}: {v!r} is not one of {sorted(known[fact])}" for v, _ in values if v not in known[fact]]
    return problems


@lru_cache(maxsize=4)
def load_fact_cues(corpus_dir: Path | None = None) -> FactCues:
    """The fact cues of `corpus_dir` (default: the checkout's corpus/), read once per process."""
    return parse_fact_cues(in_corpus(corpus_dir, FACT_CUES_FILE))


# ----- how an English statement says may / must / must not, denies and overstates (corpus/wording/english_claims.yaml)
ENGLISH_CLAIMS_FILE = Path("wording") / "english_claims.yaml"
MODAL_CLASSES = ("prohibit", "exempt", "oblige", "permit")  # the order a clause is read in: negated forms first


@dataclass(frozen=True)
class EnglishClaimWords:
    """The closed word classes an English statement is compared with an English conclusion by: the phrases of each
    modal class (in MODAL_CLASSES order), negation words, absolute words and function words."""

    modals: tuple[tuple[str, tuple[str, ...]], ...]
    negations: tuple[str, ...]
    absolutes: tuple[str, ...]
    stop_words: tuple[str, ...]
    not_negations: tuple[str, ...] = ()

    def digest(self) -> str:
        """A short fingerprint of the word lists: the stance model's weights were trained on these features."""
        text = json.dumps([self.modals, self.negations, self.absolutes, self.stop_words, self.not_negations],
                          ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_english_claim_words(path: Path) -> EnglishClaimWords:
    """The English claim words of corpus/wording/english_claims.yaml."""
    data = read_mapping(path, {"modals": True, "negations": True, "absolutes": True, "stop_words": True,
                               "not_negations": False})
    modals = data["modals"]
    if not isinstance(modals, dict) or sorted(map(str, modals)) != sorted(MODAL_CLASSES):
        raise CorpusError(path, 1, f"modals: must map exactly the classes {', '.join(MODAL_CLASSES)} to their words")
    classes = tuple((name, phrase_list(path, f"modals.{name}", modals[name])) for name in MODAL_CLASSES)
    seen: dict[str, str] = {}
    for name, words in classes:
        for w in words:
            if w in seen:
                raise CorpusError(path, 1, f"modals.{name}: {w!r} is also listed under {seen[w]!r}")
            seen[w] = name
    negations = phrase_list(path, "negations", data["negations"])
    not_negations = phrase_list(path, "not_negations", data["not_negations"]) if data.get("not_negations") else ()
    for phrase in not_negations:
        if not any(re.search(rf"(?<![a-z']){re.escape(n)}(?![a-z])", phrase) for n in negations):
            raise CorpusError(path, 1, f"not_negations: {phrase!r} holds no word of 'negations', so it masks nothing")
    return EnglishClaimWords(classes, negations, phrase_list(path, "absolutes", data["absolutes"]),
                             phrase_list(path, "stop_words", data["stop_words"]), not_negations)


@lru_cache(maxsize=4)
def load_english_claim_words(corpus_dir: Path | None = None) -> EnglishClaimWords:
    """The English claim words of `corpus_dir` (default: the checkout's corpus/), read once per process."""
    return parse_english_claim_words(in_corpus(corpus_dir, ENGLISH_CLAIMS_FILE))
