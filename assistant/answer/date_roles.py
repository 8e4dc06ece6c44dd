"""What each date in a question stands for: a learned tagger over the date's context, not a regex per wording.

The navigator used to bind a date to "performance due" when particular words followed it ('前…支付', '约定…')
and dated a deadline event by an anchor word near the date ('送达', '生效'); a question worded otherwise got the
wrong date. Here every date found by assistant.text.dates.find_dates gets a role (judgment_effective,
performance_due, settlement_signed, payment_made, application_filed, ruling_served, enforcement_event,
reversal_event, question_date, other) with a probability, from a multinomial logistic model over features of
its context: character n-grams left and right of the date, cue words of each role (a closed class kept as data in
corpus/wording/date_roles.yaml) on either side and in the date's own clause, whether a negation precedes the cue,
the date's place among the question's dates and its shape. The model is fitted on dates labelled by two authors
(eval/bank/date_roles_*.jsonl) with `assistant train-date-roles`; its weights ship beside this module, with the
held-out figures in their card. A role counts as sure at or above the threshold chosen on held-out authors; the
callers keep their word rules for a date the model is unsure of.

>>> tagger = DateRoleTagger.load()
>>> text = "和解协议2024年5月10日签的，约定2024年6月30日前付清，对方没付。"
>>> [t.role for t in tagger.tag(text, find_dates(text, date(2024, 12, 1)))]
['settlement_signed', 'performance_due']
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from assistant.corpus.wording import DateCues, load_date_cues
from assistant.text.dates import FoundDate, find_dates

WEIGHTS_PATH = Path(__file__).with_name("date_roles_weights.json")
# tagged at training time and written into the card: the shipped file must tag it the same when loaded
PROBE = "判决2023年4月11日生效，我们2024年5月10日签了和解，约定2024年6月30日前付清，裁定书2025年3月3日送达。"
PROBE_TODAY = date(2026, 1, 1)
WINDOW = 12          # characters of context read on each side of a date
NEAR = 4             # characters right next to it, read again on their own
CLAUSE_BREAK = re.compile(r"[，,。；;！？?!：:\n（）()]")
_DIGITS = re.compile(r"\d")


# ----- features ----------------------------------------------------------------------------------------------
def _grams(text: str, prefix: str, sizes: Iterable[int]) -> list[str]:
    return [f"{prefix}{n}:{text[i:i + n]}" for n in sizes for i in range(len(text) - n + 1)]


def _cue_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    spans = []
    lower = text.lower()
    for w in words:
        if w.isascii():
            spans += [m.span() for m in re.finditer(rf"(?<![a-z]){re.escape(w)}(?![a-z])", lower)]
        else:
            start = lower.find(w)
            while start >= 0:
                spans.append((start, start + len(w)))
                start = lower.find(w, start + 1)
    return spans


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause holding text[start:end] (between clause punctuation); a date that stands alone
    before a comma ('2024年5月10日，双方达成和解') takes the clause after it."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = CLAUSE_BREAK.search(text, end)
    if right and not text[end:right.start()].strip() and not re.sub(r"[于在自从on\s]", "", text[left:start]):
        right = CLAUSE_BREAK.search(text, right.end())
    return left, right.start() if right else len(text)


_LIST_JOIN = re.compile(r"^\s*(?:、|，|,|和|及|与|以及|至|到|and|to|or)\s*$", re.I)


def _run(text: str, spans: Sequence[tuple[int, int]], index: int) -> tuple[int, int]:
    """The span of the list of dates the `index`-th one belongs to ('2024年6月30日、8月31日、10月31日前'): what is
    said of the list is said of each date in it."""
    lo = hi = index
    while lo > 0 and _LIST_JOIN.match(text[spans[lo - 1][1]:spans[lo][0]]):
        lo -= 1
    while hi < len(spans) - 1 and _LIST_JOIN.match(text[spans[hi][1]:spans[hi + 1][0]]):
        hi += 1
    return spans[lo][0], spans[hi][1]


def date_features(text: str, spans: Sequence[tuple[int, int]], index: int, cues: DateCues,
                  values: Sequence[date | None] = ()) -> list[str]:
    """The named features of the `index`-th date of `text` (its spans, in order; `values` the dates' values where
    known)."""
    start, end = spans[index]
    norm = _DIGITS.sub("0", text.lower())
    # context is read around the list the date belongs to, so each date of a list gets the words of the list
    run_start, run_end = _run(text, spans, index)
    left, right = norm[max(0, run_start - WINDOW):run_start], norm[run_end:run_end + WINDOW]
    out = ["bias"] if (run_start, run_end) == (start, end) else ["bias", "in_list"]
    start, end = run_start, run_end
    out += _grams(left, "L", (1, 2, 3)) + _grams(right, "R", (1, 2, 3))
    out += _grams(left[-NEAR:], "l", (1, 2)) + _grams(right[:NEAR], "r", (1, 2))
    # the cue words of each role: on which side, in the date's own clause or beyond it, and how near
    c_start, c_end = _clause(text, start, end)
    negations = _cue_spans(text, cues.negations)
    nearest: tuple[int, str] | None = None
    for role, words in cues.cues:
        for s, e in _cue_spans(text, words):
            if start <= s < end:
                continue  # inside the date itself ('2024年底' holds no cue)
            side = "L" if e <= start else "R"
            gap = start - e if side == "L" else s - end
            if gap > 2 * WINDOW:
                continue
            where = "in" if c_start <= s and e <= c_end else "out"
            out.append(f"cue{side}_{where}:{role}")
            if gap <= NEAR:
                out.append(f"cue{side}_near:{role}")
            if any(ne <= s and s - ne <= 3 for _, ne in negations):
                out.append(f"neg_cue:{role}")
            if where == "in" and (nearest is None or gap < nearest[0]):
                nearest = (gap, role)
    if nearest:
        out.append(f"cue_nearest:{nearest[1]}")
    if any(c_start <= s and e <= start for s, e in negations):
        out.append("neg_before")
    # the date among the others, and its shape
    n = len(spans)
    out.append("only" if n == 1 else "first" if index == 0 else "last" if index == n - 1 else "middle")
    known = [v for v in values if v is not None]
    if len(known) > 1 and index < len(values) and values[index] is not None:
        out.append("latest" if values[index] == max(known) else "earliest" if values[index] == min(known) else "between")
    surface = text[spans[index][0]:spans[index][1]]
    out.append("shape_en" if surface.isascii() and re.search(r"[a-z]", surface, re.I) else
               "shape_digits" if re.fullmatch(r"[\d\s\-/.]+", surface) else "shape_zh")
    if not re.search(r"\d\s*[日号]|\d{1,2}(?:st|nd|rd|th)?[,\s]|[-/.]\d{1,2}$|[一二三四五六七八九十]日", surface):
        out.append("shape_no_day")
    if re.search(r"今|明|去|昨|前天|上个|这个|下个|today|yesterday|last|ago", surface, re.I):
        out.append("shape_relative")
    return out


# ----- the model -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DateRole:
    """The role the tagger gives a date, its probability, and whether that is at or above the sure threshold."""

    date: FoundDate
    role: str
    probability: float
    sure: bool
    probabilities: tuple[tuple[str, float], ...] = ()  # every role's, in the tagger's order

    def probability_of(self, role: str) -> float:
        return dict(self.probabilities).get(role, 0.0)


@dataclass(frozen=True)
class DateRoleTagger:
    """Multinomial logistic weights: one row of per-class weights for each named feature (features never seen in
    training weigh nothing), and the probability at or above which a role is sure."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float
    cues: DateCues

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        scores = [0.0] * len(self.classes)
        for f in features:
            row = self.weights.get(f)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def tag(self, text: str, dates: Sequence[FoundDate]) -> list[DateRole]:
        """A role for each of `dates` (dates of `text`, as find_dates gives them), in their order."""
        spans = [(d.start, d.end) for d in dates]
        values = [d.value for d in dates]
        probs = [self.probabilities(date_features(text, spans, i, self.cues, values)) for i in range(len(dates))]
        runs: dict[tuple[int, int], list[int]] = {}
        for i in range(len(dates)):
            runs.setdefault(_run(text, spans, i), []).append(i)
        out = []
        for i, d in enumerate(dates):
            # the dates of one list play one role ('分别于1月10日、4月10日、7月10日前支付'): their probabilities pooled
            members = runs[_run(text, spans, i)]
            pooled = {c: sum(probs[j][c] for j in members) / len(members) for c in self.classes}
            role = max(pooled, key=pooled.get)
            out.append(DateRole(d, role, pooled[role], pooled[role] >= self.threshold, tuple(pooled.items())))
        return out

    def to_json(self, card: dict | None = None) -> dict:
        return {"classes": list(self.classes), "cues_digest": self.cues.digest(), "threshold": self.threshold,
                "window": WINDOW, "near": NEAR, "card": card or {},
                "weights": {f: [round(w, 3) for w in row] for f, row in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict, cues: DateCues) -> "DateRoleTagger":
        if data.get("cues_digest") != cues.digest() or tuple(data["classes"]) != cues.roles \
                or data.get("window") != WINDOW or data.get("near") != NEAR:
            raise ValueError("the date-role weights were trained on other cue words, roles or windows than "
                             "corpus/wording/date_roles.yaml and this module's; run `assistant train-date-roles`")
        return cls(tuple(data["classes"]), {f: tuple(float(w) for w in row) for f, row in data["weights"].items()},
                   float(data["threshold"]), cues)

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH, cues: DateCues | None = None) -> "DateRoleTagger":
        cues = cues or load_date_cues()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"cannot read the date-role weights {path}: {exc}; run `assistant train-date-roles`") from None
        return cls.from_json(data, cues)


@lru_cache(maxsize=1)
def shipped_tagger() -> DateRoleTagger:
    """The tagger with the shipped weights and the checkout's cue words, loaded once per process."""
    return DateRoleTagger.load()


def sure_dates(tags: Sequence[DateRole], roles: Iterable[str]) -> list[FoundDate]:
    """The dates the tagger is sure play one of `roles`, in order."""
    wanted = set(roles)
    return [t.date for t in tags if t.sure and t.role in wanted]


# ----- training ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LabelledDate:
    author: str
    text_id: str
    lang: str
    role: str
    features: tuple[str, ...]


def _occurrence(text: str, surface: str, pos: int) -> int:
    """Where `surface` occurs in `text` at or after `pos`, not as part of a longer number (or -1)."""
    i = text.find(surface, pos)
    while i >= 0:
        before, after = text[i - 1:i], text[i + len(surface):i + len(surface) + 1]
        if not (before.isdigit() and surface[0].isdigit()) and not (after.isdigit() and surface[-1].isdigit()) \
                and not (surface.endswith("月") and (after.isdigit() or after == "份")):
            return i
        i = text.find(surface, i + 1)
    return -1


def load_labelled(path: Path, cues: DateCues) -> list[LabelledDate]:
    """The labelled dates of a date_roles_*.jsonl file ({id, lang, author, text, dates: [{surface, role}]}, the
    dates in text order), each with its features. A date find_dates would also find is read with the values of
    the text's other dates, as at answer time."""
    rows: list[LabelledDate] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"{path}:{n}: not JSON ({exc})") from None
        text, labelled = item.get("text"), item.get("dates")
        if not isinstance(text, str) or not isinstance(labelled, list) or not labelled:
            raise ValueError(f"{path}:{n}: a labelled text needs 'text' and a list of 'dates'")
        spans, pos = [], 0
        for d in labelled:
            if not isinstance(d, dict) or d.get("role") not in cues.roles or not isinstance(d.get("surface"), str):
                raise ValueError(f"{path}:{n}: each date needs a 'surface' and a 'role' in {list(cues.roles)}")
            at = _occurrence(text, d["surface"], pos)
            if at < 0:
                at = _occurrence(text, d["surface"], 0)  # listed out of order
            if at < 0:
                raise ValueError(f"{path}:{n}: {d['surface']!r} is not in the text")
            spans.append((at, at + len(d["surface"]), d["role"]))
            pos = at + len(d["surface"])
        spans.sort()
        found = {(f.start, f.end): f.value for f in find_dates(text, date(2026, 1, 1))}
        values = [found.get((s, e)) for s, e, _ in spans]
        for i, (_, _, role) in enumerate(spans):
            feats = date_features(text, [(s, e) for s, e, _ in spans], i, cues, values)
            rows.append(LabelledDate(str(item.get("author") or path.stem), str(item.get("id") or n),
                                     str(item.get("lang") or ""), role, tuple(feats)))
    return rows


def fit(rows: Sequence, classes: Sequence[str], *, seed: int = 0, l2: float = 0.02,
        min_count: int = 3, steps: int = 400, keep_above: float = 0.05, label=lambda r: r.role,
        balanced: bool = False) -> dict[str, tuple[float, ...]]:
    """Softmax regression by full-batch Adam on the features seen at least `min_count` times (numpy; the same rows
    and seed give the same weights). `rows` have `features`; `label(row)` is the class (default: a LabelledDate's
    role). `balanced` weighs each row by the inverse of its class's share, so that a rare class counts as much as a
    common one. Features whose weights all stay below `keep_above` are dropped: on held-out authors that costs
    nothing and keeps the shipped file small."""
    import numpy as np

    counts: dict[str, int] = {}
    for r in rows:
        for f in set(r.features):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, c in counts.items() if c >= min_count or f == "bias")
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for i, r in enumerate(rows):
        for f in r.features:
            if f in index:
                x[i, index[f]] = 1.0
    y = np.zeros((len(rows), len(classes)))
    y[np.arange(len(rows)), [classes.index(label(r)) for r in rows]] = 1.0
    share = y.sum(axis=0)
    row_weight = (y @ np.where(share > 0, len(rows) / (len(classes) * np.maximum(share, 1)), 0.0))[:, None] \
        if balanced else np.ones((len(rows), 1))
    rng = np.random.default_rng(seed)
    w = rng.normal(0.0, 1e-3, (len(vocab), len(classes)))
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ ((p - y) * row_weight) / len(rows) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    keep = np.abs(w).max(axis=1) >= keep_above
    return {f: tuple(float(a) for a in w[i]) for f, i in index.items() if keep[i]}


def choose_threshold(scored: Sequence[tuple[float, bool]], *, min_precision: float) -> float:
    """The lowest probability at which the held-out roles at or above it are right at least `min_precision` of the
    time (1.0: never sure, when none is)."""
    best = 1.0
    for tau in sorted({round(p, 3) for p, _ in scored}, reverse=True):
        taken = [ok for p, ok in scored if p >= tau]
        if taken and sum(taken) / len(taken) >= min_precision:
            best = tau
    return best


def evaluate(tagger: DateRoleTagger, rows: Sequence[LabelledDate]) -> dict:
    """Accuracy, accuracy and share of the sure roles, and per role precision / recall / count."""
    out = [(tagger.probabilities(r.features), r.role) for r in rows]
    pred = [(max(p, key=p.get), max(p.values()), role) for p, role in out]
    sure = [(a, b) for a, p, b in pred if p >= tagger.threshold]
    per_role = {}
    for c in tagger.classes:
        tp = sum(a == c and b == c for a, _, b in pred)
        said = sum(a == c for a, _, _ in pred)
        true = sum(b == c for _, _, b in pred)
        per_role[c] = {"precision": round(tp / said, 3) if said else None,
                       "recall": round(tp / true, 3) if true else None, "n": true}
    return {"n": len(rows), "accuracy": round(sum(a == b for a, _, b in pred) / len(pred), 3) if pred else None,
            "sure_share": round(len(sure) / len(pred), 3) if pred else None,
            "sure_accuracy": round(sum(a == b for a, b in sure) / len(sure), 3) if sure else None,
            "per_role": per_role}


def train(folds: dict[str, list[LabelledDate]], cues: DateCues, *, seed: int = 0, min_precision: float = 0.9,
          **fit_args) -> tuple[DateRoleTagger, dict]:
    """Fit on every author; the threshold and the reported figures come from each author held out in turn (trained
    on the others)."""
    classes = list(cues.roles)
    held: dict[str, dict] = {}
    scored: list[tuple[float, bool]] = []
    for name, rows in folds.items():
        others = [r for n, rs in folds.items() if n != name for r in rs]
        if not others or not rows:
            continue
        model = DateRoleTagger(tuple(classes), fit(others, classes, seed=seed, **fit_args), 0.0, cues)
        held[name] = evaluate(model, rows)
        for r in rows:
            p = model.probabilities(r.features)
            best = max(p, key=p.get)
            scored.append((p[best], best == r.role))
    threshold = choose_threshold(scored, min_precision=min_precision) if scored else 0.5
    everything = [r for rs in folds.values() for r in rs]
    tagger = DateRoleTagger(tuple(classes), fit(everything, classes, seed=seed, **fit_args), threshold, cues)
    for name in held:  # the held-out figures at the chosen threshold
        rows = folds[name]
        model = DateRoleTagger(tuple(classes), fit([r for n, rs in folds.items() if n != name for r in rs], classes,
                                                   seed=seed, **fit_args), threshold, cues)
        held[name] = evaluate(model, rows)
    probe = [[round(p, 4) for _, p in t.probabilities] for t in tagger.tag(PROBE, find_dates(PROBE, PROBE_TODAY))]
    card = {"dates": len(everything), "authors": {n: len(rs) for n, rs in folds.items()}, "seed": seed,
            "probe": {"text": PROBE, "probabilities": probe},
            "threshold": round(threshold, 3), "min_precision": min_precision,
            "held_out": {f"test_{n}_trained_on_others": v for n, v in held.items()},
            "training": {k: v for k, v in evaluate(tagger, everything).items() if k != "per_role"}}
    return tagger, card
