"""Article concordance across revisions of one law, derived by aligning the texts.

Consecutive revisions are aligned monotonically (articles keep their order; insertions and deletions
are gaps) maximizing character-bigram similarity. The result is written to corpus/concordance/<law>.tsv
and read back by the registry; tests pin the known pairs (233→240→244 and friends).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from assistant.models import Article, LawVersion

MATCH_THRESHOLD = 0.35  # below this two articles are different provisions, not a renumbered one
GAP = 0.0


def _bigrams(text: str) -> frozenset[str]:
    compact = "".join(ch for ch in text if not ch.isspace())
    return frozenset(compact[i : i + 2] for i in range(len(compact) - 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class AlignedPair:
    old: int | None
    new: int | None
    score: float


def align(old: list[Article], new: list[Article]) -> list[AlignedPair]:
    """Needleman–Wunsch over articles; a pair below MATCH_THRESHOLD never counts as the same provision."""
    a = [_bigrams(x.text) for x in old]
    b = [_bigrams(x.text) for x in new]
    n, m = len(a), len(b)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 diag, 1 up (old deleted), 2 left (new inserted)
    for i in range(1, n + 1):
        move[i][0] = 1
    for j in range(1, m + 1):
        move[0][j] = 2
    # Revisions keep order and shift numbers by small amounts: a band keeps this fast and avoids wild matches.
    band = max(40, abs(n - m) + 25)
    for i in range(1, n + 1):
        lo, hi = max(1, i - band), min(m, i + band)
        for j in range(1, m + 1):
            if j < lo or j > hi:
                score[i][j] = -1e9
                move[i][j] = 1
                continue
            s = similarity(a[i - 1], b[j - 1])
            diag = score[i - 1][j - 1] + (s if s >= MATCH_THRESHOLD else -0.5)
            up = score[i - 1][j] + GAP
            left = score[i][j - 1] + GAP
            best = max(diag, up, left)
            score[i][j] = best
            move[i][j] = 0 if best == diag else (1 if best == up else 2)
    pairs: list[AlignedPair] = []
    i, j = n, m
    while i > 0 or j > 0:
        mv = move[i][j] if i > 0 and j > 0 else (1 if i > 0 else 2)
        if mv == 0:
            s = similarity(a[i - 1], b[j - 1])
            pairs.append(AlignedPair(old[i - 1].number, new[j - 1].number, round(s, 3)))
            i, j = i - 1, j - 1
        elif mv == 1:
            pairs.append(AlignedPair(old[i - 1].number, None, 0.0))
            i -= 1
        else:
            pairs.append(AlignedPair(None, new[j - 1].number, 0.0))
            j -= 1
    pairs.reverse()
    return pairs


def build_table(versions: list[LawVersion]) -> list[dict[str, int | None]]:
    """Rows keyed by version id, one row per provision, chained through consecutive alignments."""
    versions = sorted(versions, key=lambda v: v.effective)
    rows: list[dict[str, int | None]] = [{versions[0].version: a.number} for a in versions[0].articles if not a.suffix]
    for prev, nxt in zip(versions, versions[1:]):
        pairs = align([a for a in prev.articles if not a.suffix], [a for a in nxt.articles if not a.suffix])
        forward = {p.old: p for p in pairs if p.old is not None}
        by_prev = {row.get(prev.version): row for row in rows if row.get(prev.version) is not None}
        for old_number, row in by_prev.items():
            pair = forward.get(old_number)
            row[nxt.version] = pair.new if pair else None
            row[f"sim:{nxt.version}"] = pair.score if pair and pair.new else None  # type: ignore[assignment]
        for p in pairs:
            if p.old is None and p.new is not None:
                rows.append({nxt.version: p.new})
    order = [v.version for v in versions]
    rows.sort(key=lambda r: tuple((r.get(v) if r.get(v) is not None else 10**6) for v in reversed(order)))
    return rows


def write_tsv(path: Path, versions: list[LawVersion], rows: list[dict]) -> None:
    order = [v.version for v in sorted(versions, key=lambda v: v.effective)]
    cols = order + [f"sim:{v}" for v in order[1:]]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if r.get(c) is None else r[c] for c in cols])


def read_tsv(path: Path) -> list[dict[str, int | None]]:
    with path.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        out = []
        for r in reader:
            out.append({k: (None if v == "" else (float(v) if k.startswith("sim:") else int(v))) for k, v in r.items()})
        return out
