"""The vocabularies that tell whether a question is about civil enforcement, kept as data in
corpus/wording/scope.yaml: the in-scope words, the strong in-scope words, each other field's words and hint, and the
cues of a request to look up one's own case. Read strictly (see the file for what each key is and how entries
match); a malformed file is a CorpusError naming the file and the entry, and `assistant corpus build` refuses it.
assistant/answer/scope.py builds its patterns from these records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.corpus.parse import CorpusError
from assistant.corpus.wording import in_corpus, phrase_list, read_mapping

SCOPE_WORDS_FILE = Path("wording") / "scope.yaml"
LIST_KEYS = ("words", "whole_words", "word_starts", "patterns")
# classify_scope's own answers for a question that names no other field: a topic may not take their names
RESERVED_TOPICS = ("case_status", "unrelated")


@dataclass(frozen=True)
class Vocabulary:
    """One vocabulary of scope.yaml: entries found anywhere (words), as whole words, at the start of a word, or as
    regular expressions; and, for a field that is not ours, the sentence on where such a question belongs."""

    words: tuple[str, ...] = ()
    whole_words: tuple[str, ...] = ()
    word_starts: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    hint_zh: str = ""
    hint_en: str = ""

    def regex(self) -> re.Pattern:
        """One case-insensitive pattern that matches a text holding any entry."""
        alternatives = [*(re.escape(w) for w in self.words),
                        *(rf"\b{re.escape(w)}\b" for w in self.whole_words),
                        *(rf"\b{re.escape(w)}" for w in self.word_starts),
                        *(f"(?:{p})" for p in self.patterns)]
        return re.compile("|".join(alternatives), re.I)

    @property
    def size(self) -> int:
        return len(self.words) + len(self.whole_words) + len(self.word_starts) + len(self.patterns)


@dataclass(frozen=True)
class ScopeWords:
    """The vocabularies of corpus/wording/scope.yaml; `out_of_scope` is (topic, vocabulary) in file order, the order
    topics are tried in."""

    case_status: Vocabulary
    strong_in_scope: Vocabulary
    out_of_scope: tuple[tuple[str, Vocabulary], ...]
    in_scope: Vocabulary

    @property
    def size(self) -> int:
        return sum(v.size for v in (self.case_status, self.strong_in_scope, self.in_scope)) + sum(
            v.size for _, v in self.out_of_scope)


def _patterns(path: Path, where: str, value) -> tuple[str, ...]:
    """A list of distinct regular expressions that compile and do not match an empty text."""
    if not isinstance(value, list) or not value:
        raise CorpusError(path, 1, f"{where}: must be a list of regular expressions")
    out: list[str] = []
    for p in value:
        if not isinstance(p, str) or not p.strip():
            raise CorpusError(path, 1, f"{where}: {p!r} is not a regular expression")
        try:
            compiled = re.compile(p, re.I)
        except re.error as exc:
            raise CorpusError(path, 1, f"{where}: {p!r} does not compile: {exc}") from None
        if compiled.search(""):
            raise CorpusError(path, 1, f"{where}: {p!r} matches an empty text, so it would match every question")
        if p in out:
            raise CorpusError(path, 1, f"{where}: {p!r} is listed twice")
        out.append(p)
    return tuple(out)


def _hint(path: Path, where: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(path, 1, f"{where}: must be a sentence")
    return value.strip()


def _vocabulary(path: Path, where: str, value, *, hints: str) -> Vocabulary:
    """The vocabulary at `where`; `hints`: 'none' (not allowed), 'required', or 'optional' (both or neither)."""
    allowed = LIST_KEYS + (("hint_zh", "hint_en") if hints != "none" else ())
    if not isinstance(value, dict):
        raise CorpusError(path, 1, f"{where}: must be a mapping with one or more of {', '.join(LIST_KEYS)}")
    unknown = sorted(set(map(str, value)) - set(allowed))
    if unknown:
        raise CorpusError(path, 1, f"{where}: unknown key {unknown[0]!r} (the keys are {', '.join(allowed)})")
    if not any(key in value for key in LIST_KEYS):
        raise CorpusError(path, 1, f"{where}: has no entries (give one or more of {', '.join(LIST_KEYS)})")
    lists = {key: phrase_list(path, f"{where}.{key}", value[key]) for key in LIST_KEYS[:3] if key in value}
    for key in ("whole_words", "word_starts"):
        for w in lists.get(key, ()):
            if not w.isascii():
                raise CorpusError(path, 1, f"{where}.{key}: {w!r}: only English words have word boundaries; "
                                           "list Chinese words under 'words'")
    if "patterns" in value:
        lists["patterns"] = _patterns(path, f"{where}.patterns", value["patterns"])
    given = [key for key in ("hint_zh", "hint_en") if key in value]
    if hints == "required" or given:
        for key in ("hint_zh", "hint_en"):
            if key not in value:
                raise CorpusError(path, 1, f"{where}: missing key {key!r} (a hint is given in both languages)")
        lists.update(hint_zh=_hint(path, f"{where}.hint_zh", value["hint_zh"]),
                     hint_en=_hint(path, f"{where}.hint_en", value["hint_en"]))
    return Vocabulary(**lists)


def parse_scope_words(path: Path) -> ScopeWords:
    """The vocabularies of corpus/wording/scope.yaml."""
    data = read_mapping(path, {"case_status": True, "strong_in_scope": True, "out_of_scope": True, "in_scope": True})
    topics = data["out_of_scope"]
    if not isinstance(topics, dict) or not topics:
        raise CorpusError(path, 1, "out_of_scope: must map each topic to its vocabulary")
    out_of_scope = []
    for topic, value in topics.items():
        if not isinstance(topic, str) or not topic.isidentifier():
            raise CorpusError(path, 1, f"out_of_scope: {topic!r} is not a topic name (letters, digits and '_')")
        if topic in RESERVED_TOPICS:
            raise CorpusError(path, 1, f"out_of_scope: {topic!r} is classify_scope's own answer, not a topic")
        out_of_scope.append((topic, _vocabulary(path, f"out_of_scope.{topic}", value, hints="optional")))
    return ScopeWords(case_status=_vocabulary(path, "case_status", data["case_status"], hints="required"),
                      strong_in_scope=_vocabulary(path, "strong_in_scope", data["strong_in_scope"], hints="none"),
                      out_of_scope=tuple(out_of_scope),
                      in_scope=_vocabulary(path, "in_scope", data["in_scope"], hints="none"))


@lru_cache(maxsize=4)
def load_scope_words(corpus_dir: Path | None = None) -> ScopeWords:
    """The scope vocabularies of `corpus_dir` (default: the checkout's corpus/), read once per process."""
    return parse_scope_words(in_corpus(corpus_dir, SCOPE_WORDS_FILE))
