"""Closed word classes kept as data in corpus/wording/*.yaml: the words statutes use to open or close a qualifying
clause (provisos.yaml). Read strictly into the text layer's records; a malformed file is a CorpusError naming the
file, the line where YAML can tell it, and the entry, and `assistant corpus build` refuses it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from assistant.corpus.parse import CorpusError
from assistant.text.clauses import ProvisoWords

PROVISOS_FILE = Path("wording") / "provisos.yaml"


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
    if corpus_dir is None:
        from assistant.settings import REPO_ROOT
        corpus_dir = REPO_ROOT / "corpus"
    return parse_proviso_words(Path(corpus_dir) / PROVISOS_FILE)
