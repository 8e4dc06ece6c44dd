"""Open word classes the citation guard reads claims with, kept as data in corpus/guard/claim_words.yaml: words whose
negator negates nothing (不动产), the persons a claim can name, the light words and parties between a modal and its
act, the acts themselves, the words that attribute a claim to a provision, the words that mark a statement about an
earlier text, and English glosses of Chinese terms. Read strictly; a malformed file is a CorpusError naming the file
and the entry, and `assistant corpus build` refuses it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.corpus.parse import CorpusError
from assistant.corpus.wording import in_corpus, phrase_list, read_mapping, word_list

CLAIM_WORDS_FILE = Path("guard") / "claim_words.yaml"

# the first characters of the guard's negators (不得, 无需, 非, 未, 没有, 禁止, 严禁): a lexical negation begins with one
NEGATOR_STARTS = "不无非未没禁严"

_LISTS = ("lexical_negations", "role_qualifiers", "person_roles", "persons", "light_words", "acting_parties", "acts",
          "act_like_nouns", "attribution", "historical_markers", "not_former", "text_changes", "not_absolute",
          "not_topic_words")

_PHRASE_LISTS = ("attribution", "not_topic_words")  # may hold English phrases (lower case, single spaces)


@dataclass(frozen=True)
class ClaimWords:
    """The guard's open word classes, each in file order (see corpus/guard/claim_words.yaml for what each is)."""

    lexical_negations: tuple[str, ...]
    role_qualifiers: tuple[str, ...]
    person_roles: tuple[str, ...]
    persons: tuple[str, ...]
    light_words: tuple[str, ...]
    acting_parties: tuple[str, ...]
    acts: tuple[str, ...]
    act_like_nouns: tuple[str, ...]
    attribution: tuple[str, ...]
    historical_markers: tuple[str, ...]
    not_former: tuple[str, ...]
    text_changes: tuple[str, ...]
    not_absolute: tuple[str, ...]
    not_topic_words: tuple[str, ...]
    english_glosses: tuple[tuple[str, str], ...]  # (English word or stem, the Chinese word it names), in file order

    @property
    def size(self) -> int:
        """How many words the lists hold."""
        return sum(len(getattr(self, key)) for key in _LISTS) + len(self.english_glosses)

    def person_names(self) -> tuple[str, ...]:
        """Every way a person is named: each role bare and after each qualifier, and the other persons."""
        return tuple(q + r for q in ("", *self.role_qualifiers) for r in self.person_roles) + self.persons


def parse_claim_words(path: Path) -> ClaimWords:
    """The word classes of corpus/guard/claim_words.yaml."""
    data = read_mapping(path, {**{key: True for key in _LISTS}, "english_glosses": True})
    _refuse_duplicate_keys(path)
    lists = {key: phrase_list(path, key, data[key]) if key in _PHRASE_LISTS else word_list(path, key, data[key])
             for key in _LISTS}
    for w in lists["lexical_negations"]:
        if w[0] not in NEGATOR_STARTS or len(w) < 2:
            raise CorpusError(path, 1, f"lexical_negations: {w!r} does not begin with a negator "
                                       f"({', '.join(NEGATOR_STARTS)}), so it blocks nothing")
    for w in lists["act_like_nouns"]:
        if not any(w.startswith(a) and w != a for a in lists["acts"]):
            raise CorpusError(path, 1, f"act_like_nouns: {w!r} does not begin with a word of 'acts' (or is one), "
                                       "so it blocks nothing")
    both = sorted(set(lists["persons"]) & set(lists["person_roles"]))
    if both:
        raise CorpusError(path, 1, f"persons: {both[0]!r} is listed under person_roles too")
    for w in lists["not_former"]:
        if not w.startswith("原") or len(w) < 2:
            raise CorpusError(path, 1, f"not_former: {w!r} does not begin with 原, so it blocks nothing")
    glosses = data["english_glosses"]
    if not isinstance(glosses, dict) or not glosses:
        raise CorpusError(path, 1, "english_glosses: must map Chinese words to lists of English words")
    pairs: list[tuple[str, str]] = []
    for zh, english in glosses.items():
        word_list(path, "english_glosses", [zh])
        for en in phrase_list(path, f"english_glosses.{zh}", english):
            if not en.isascii():
                raise CorpusError(path, 1, f"english_glosses.{zh}: {en!r} is not an English word")
            other = next((z for e, z in pairs if e == en), None)
            if other is not None:
                raise CorpusError(path, 1, f"english_glosses.{zh}: {en!r} is listed under {other!r} too")
            pairs.append((en, zh))
    return ClaimWords(**lists, english_glosses=tuple(pairs))


def _refuse_duplicate_keys(path: Path) -> None:
    """YAML keeps the last of two equal keys without a word: a key written twice (at the top or in a mapping under it)
    is an error here."""
    def walk(node) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if key.value in seen:
                    raise CorpusError(path, key.start_mark.line + 1, f"{key.value!r} is listed twice")
                seen.add(key.value)
                walk(value)

    walk(yaml.compose(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def load_claim_words(corpus_dir: Path | None = None) -> ClaimWords:
    """The claim words of `corpus_dir` (default: the checkout's corpus/), read once per process."""
    return parse_claim_words(in_corpus(corpus_dir, CLAIM_WORDS_FILE))
