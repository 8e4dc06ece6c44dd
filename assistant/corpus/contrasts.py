"""Sets of mutually exclusive terms (who signs, which court, which review, which liability) that the citation guard
compares between a claim and the article it cites. Read from corpus/guard/contrasts.yaml, validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.corpus.parse import CorpusError

CONTRASTS_FILE = Path("guard") / "contrasts.yaml"


@dataclass(frozen=True)
class ContrastSet:
    id: str
    note: str
    terms: tuple[str, ...]  # longest first: where terms overlap, the longest is read
    en: tuple[tuple[str, str], ...] = ()  # (English words, the term they stand for), as listed, lower case
    same: tuple[frozenset[str], ...] = ()  # terms of the set that say one thing in two wordings (为限, 范围内)
    # read only where the claim and the article say the same words around the term (以被执行人为被告 against
    # 以申请执行人为被告): terms every article names in passing (parties, courts, modals) say nothing by presence alone
    aligned: bool = False
    weaker: frozenset[str] = frozenset()  # terms the others imply (可以 is said by an article that says 应当)

    def equivalent(self, a: str, b: str) -> bool:
        """Two terms of the set that say the same thing."""
        return a == b or any(a in group and b in group for group in self.same)

    def compatible(self, claimed: str, stated: str) -> bool:
        """A claim's term that the article's term says or implies (可以 where the article says 应当)."""
        return self.equivalent(claimed, stated) or (claimed in self.weaker and stated not in self.weaker)


def load_contrasts(path: Path) -> tuple[ContrastSet, ...]:
    """The contrast sets of a corpus; none when the file is absent."""
    if not path.exists():
        return ()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusError(path, (mark.line + 1) if mark else 1, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("contrasts"), list):
        raise CorpusError(path, 1, "must be a mapping with a 'contrasts' list")
    out: list[ContrastSet] = []
    seen: set[str] = set()
    for n, raw in enumerate(data["contrasts"], 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"].strip():
            raise CorpusError(path, 1, f"contrast {n}: needs an 'id'")
        terms = raw.get("terms")
        if not isinstance(terms, list) or len(terms) < 2 or not all(isinstance(t, str) and t.strip() for t in terms):
            raise CorpusError(path, 1, f"contrast {raw['id']!r}: 'terms' must list at least two terms")
        if len(set(terms)) != len(terms):
            raise CorpusError(path, 1, f"contrast {raw['id']!r}: a term is listed twice")
        if raw["id"] in seen:
            raise CorpusError(path, 1, f"contrast {raw['id']!r}: duplicate id")
        seen.add(raw["id"])
        en = raw.get("en") or {}
        if not isinstance(en, dict) or not all(k in terms and isinstance(v, list) and all(isinstance(w, str) and w.strip()
                                                                                       for w in v) for k, v in en.items()):
            raise CorpusError(path, 1, f"contrast {raw['id']!r}: 'en' must map terms of the set to lists of English words")
        pairs = tuple((w.strip().lower(), k) for k, v in en.items() for w in v)  # as listed: the first names the term
        same = raw.get("same") or []
        if not isinstance(same, list) or not all(isinstance(g, list) and len(g) >= 2 and all(t in terms for t in g)
                                                 for g in same):
            raise CorpusError(path, 1, f"contrast {raw['id']!r}: 'same' must list groups of two or more terms of the set")
        weaker = raw.get("weaker") or []
        if not isinstance(weaker, list) or not all(t in terms for t in weaker):
            raise CorpusError(path, 1, f"contrast {raw['id']!r}: 'weaker' must list terms of the set")
        if not isinstance(raw.get("aligned", False), bool):
            raise CorpusError(path, 1, f"contrast {raw['id']!r}: 'aligned' must be true or false")
        out.append(ContrastSet(id=raw["id"], note=str(raw.get("note") or ""),
                               terms=tuple(sorted((t.strip() for t in terms), key=len, reverse=True)), en=tuple(pairs),
                               same=tuple(frozenset(g) for g in same), aligned=bool(raw.get("aligned", False)),
                               weaker=frozenset(weaker)))
    return tuple(out)
