"""The learned fact reader: what a settlement question says about its decisive facts, with how sure it is.

The navigator read whether a settlement was performed, who is asking and whether the agreement went to the court
with a regular expression per wording ('全部付清', '只付了一半就不付了', '我是被执行人'); a question worded
otherwise was read wrong or not at all, and the reading carried no measure of doubt. Here each fact (performance,
role, submission) has a multinomial logistic classifier over the same features of the message: the cue words of each
value (a closed class kept as data in corpus/wording/fact_cues.yaml) found in each clause, with whether a negation
stands just before the cue, whether the asker or the other side is its subject ('我只还了' / '他只还了'), whether its
clause is a supposition, someone's claim or a contrast ('按时交了，但…'), and whether it is the last clause that
speaks to the fact; which values the message names together; whether the asker says he is neither side; and
whether the date-role tagger finds an agreed performance date after the day of the question (not yet due) or before
it. Character n-grams of the clauses were tried as well and lowered the held-out figures in both directions (they
learn an author's topics, not the facts), so they are not features. The classifiers are fitted on settlement
questions labelled for two groups of authors (eval/bank/fact_labels_AB.jsonl, eval/bank/fact_reading_C.jsonl) with
`assistant train-fact-reader`; the weights ship beside this module with the held-out figures in their card
(eval/fact_reading.py sets them beside the word rules).

The probability is the confidence: a value at or above the fact's `sure` probability is read as stated, one between
its `floor` and `sure` as inferred, and one below the floor is not read at all, so that the navigator asks for the
fact instead of guessing (both chosen on held-out authors). The words that decided a value are the clause whose
features add most to it.

>>> reader = FactReader.load()
>>> got = reader.read("我是申请执行人，和解协议约定分六期付款，对方只付了第一期就不付了。", as_of=date(2026, 12, 5))
>>> got["performance"].value, got["role"].value
('partly_performed', 'creditor')
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from assistant.answer.date_roles import CLAUSE_BREAK, DateRoleTagger, _cue_spans, choose_threshold, fit
from assistant.corpus.wording import FactCues, load_fact_cues
from assistant.text.dates import find_dates

WEIGHTS_PATH = Path(__file__).with_name("fact_reader_weights.json")
FACTS = ("performance", "role", "submission")
UNKNOWN = "unknown"
# read at training time and written into the card: the shipped file must read it the same when loaded
PROBE = "我是申请执行人，2025年和解协议交给了法院，约定分六期付款，对方付了两期就不付了。"
PROBE_AS_OF = date(2026, 12, 5)
FEATURES_VERSION = 1  # raised whenever message_features changes: older weights then refuse to load
NEGATION_GAP = 3     # characters between a negation and the cue it denies
SUBJECT_GAP = 6      # characters between the asker or the other side and a cue they are the subject of


# ----- features ----------------------------------------------------------------------------------------------
def _normalized(text: str) -> str:
    """The text in lower case with every digit 0, character for character (so spans stay those of `text`)."""
    out = []
    for ch in text:
        low = ch.lower()
        ch = low if len(low) == 1 else ch
        out.append("0" if ch.isdigit() else ch)
    return "".join(out)


def clause_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the clauses of `text` (between clause punctuation), empty ones left out."""
    spans, start = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def message_features(text: str, cues: FactCues, *, as_of: date, tagger: DateRoleTagger | None = None
                     ) -> list[tuple[str, int | None]]:
    """The named features of a message, each with the index of the clause it comes from (None: the whole message).
    `as_of`: the day the question is asked; `tagger`: what each date stands for (default: the shipped tagger)."""
    text = unicodedata.normalize("NFKC", text)
    norm = _normalized(text)
    out: list[tuple[str, int | None]] = [("bias", None), ("lang_en" if _mostly_ascii(text) else "lang_zh", None)]
    spans = clause_spans(norm)
    last_with: dict[str, int] = {}
    frames_of: dict[int, list[str]] = {}
    cue_hits: list[tuple[int, str, str, bool]] = []   # clause, fact, value, negated
    for i, (s, e) in enumerate(spans):
        clause = norm[s:e]
        frames = frames_of[i] = [name for name, words in (("hyp", cues.hypotheticals), ("claim", cues.claims),
                                                          ("own", cues.first_person), ("contrast", cues.contrasts))
                                 if _cue_spans(clause, words)]
        out += [(f"frame:{p}", i) for p in frames]
        if _cue_spans(clause, cues.neither_party):
            out += [("party:neither", i)] + [(f"party:neither|{p}", i) for p in frames]
        negations = _cue_spans(clause, cues.negations)
        own = _cue_spans(clause, cues.first_person)
        other = _cue_spans(clause, cues.other_side)
        for fact, values in cues.facts:
            for value, words in values:
                for cs, _ in _cue_spans(clause, words):
                    negated = any(ne <= cs and cs - ne <= NEGATION_GAP for _, ne in negations)
                    subject = ("own" if _just_before(own, cs) else "other" if _just_before(other, cs) else None)
                    cue_hits.append((i, fact, value, negated, subject))
                    last_with[fact] = i
    held: dict[str, set[str]] = {}
    for i, fact, value, negated, subject in cue_hits:
        name = f"{fact}:{value}" + ("|neg" if negated else "")
        out.append((f"cue:{name}", i))
        if subject:
            out.append((f"cue:{name}|by_{subject}", i))
        out += [(f"cue:{name}|{p}", i) for p in frames_of[i]]
        if last_with.get(fact) == i:
            out.append((f"last:{name}", i))
        if not negated and "hyp" not in frames_of[i]:
            held.setdefault(fact, set()).add(value)
    # values said together ('按时全部交付' and '发霉'): each pair is a feature of its own
    for fact, values in held.items():
        ordered = sorted(values)
        out += [(f"pair:{fact}:{a}+{b}", None) for k, a in enumerate(ordered) for b in ordered[k + 1:]]
    out += [(f, None) for f in _date_features(text, as_of, tagger)]
    return out


def _just_before(spans: list[tuple[int, int]], start: int) -> bool:
    """Whether one of `spans` ends at most SUBJECT_GAP characters before `start` ('我只还了', 'i have paid')."""
    return any(e <= start and start - e <= SUBJECT_GAP for s, e in spans)


def _mostly_ascii(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) > len(letters) / 2


def _date_features(text: str, as_of: date, tagger: DateRoleTagger | None) -> list[str]:
    """Whether an agreed performance date falls after the day of the question (not yet due) or on or before it."""
    dates = [d for d in find_dates(text, as_of) if d.value is not None]
    if not dates:
        return ["no_date"]
    if tagger is None:
        from assistant.answer.date_roles import shipped_tagger
        tagger = shipped_tagger()
    due = [t.date.value for t in tagger.tag(text, dates) if t.role == "performance_due" and t.date.value]
    if not due:
        return ["no_due_date"]
    return ["due_after_as_of" if max(due) > as_of else "due_passed"]


# ----- the model -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FactReading:
    """One fact as the reader reads it: the value (UNKNOWN below the floor), its probability, whether it counts
    as stated (at or above `sure`), and the clause that decided it (None when nothing did)."""

    fact: str
    value: str
    probability: float
    stated: bool
    span: tuple[int, int] | None
    surface: str
    probabilities: tuple[tuple[str, float], ...] = ()

    @property
    def missing(self) -> bool:
        return self.value == UNKNOWN


@dataclass(frozen=True)
class FactClassifier:
    """Multinomial logistic weights for one fact (features never seen in training weigh nothing), with the
    probability below which its value is not read (`floor`) and at or above which it counts as stated (`sure`)."""

    fact: str
    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    floor: float
    sure: float

    def scores(self, features: Sequence[str]) -> list[float]:
        scores = [0.0] * len(self.classes)
        for f in set(features):
            row = self.weights.get(f)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row)]
        return scores

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def decide(self, probs: dict[str, float]) -> str:
        """The value read: the likeliest, unless it falls below the floor (then UNKNOWN: the fact is missing)."""
        best = max(probs, key=probs.get)
        return best if probs[best] >= self.floor else UNKNOWN

    def to_json(self) -> dict:
        return {"classes": list(self.classes), "floor": self.floor, "sure": self.sure,
                "weights": {f: [round(w, 3) for w in row] for f, row in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, fact: str, data: dict) -> "FactClassifier":
        return cls(fact, tuple(data["classes"]), {f: tuple(float(w) for w in row) for f, row in data["weights"].items()},
                   float(data["floor"]), float(data["sure"]))


@dataclass(frozen=True)
class FactReader:
    """One classifier per fact, over the features of message_features."""

    classifiers: dict[str, FactClassifier]
    cues: FactCues

    def read(self, text: str, *, as_of: date, tagger: DateRoleTagger | None = None) -> dict[str, FactReading]:
        """Each fact of the message `text` asked on `as_of`, with its probability and the clause that decided it
        (spans are those of the NFKC-normalized text, which the navigator reads)."""
        named = message_features(text, self.cues, as_of=as_of, tagger=tagger)
        features = [f for f, _ in named]
        norm_text = unicodedata.normalize("NFKC", text)
        spans = clause_spans(norm_text)
        out = {}
        for fact, clf in self.classifiers.items():
            probs = clf.probabilities(features)
            value = clf.decide(probs)
            best = max(probs, key=probs.get)
            span = _deciding_clause(clf, named, best, spans) if value != UNKNOWN else None
            out[fact] = FactReading(fact, value, probs[best], value != UNKNOWN and probs[best] >= clf.sure, span,
                                    norm_text[span[0]:span[1]] if span else "", tuple(probs.items()))
        return out

    def to_json(self, card: dict | None = None) -> dict:
        return {"cues_digest": self.cues.digest(), "features": FEATURES_VERSION, "card": card or {},
                "facts": {fact: clf.to_json() for fact, clf in self.classifiers.items()}}

    @classmethod
    def from_json(cls, data: dict, cues: FactCues) -> "FactReader":
        if data.get("cues_digest") != cues.digest() or data.get("features") != FEATURES_VERSION:
            raise ValueError("the fact-reader weights were trained on other cue words or features than "
                             "corpus/wording/fact_cues.yaml and this module's; run `assistant train-fact-reader`")
        for fact, clf in data["facts"].items():
            wanted = (*cues.values(fact), UNKNOWN)
            if set(clf["classes"]) != set(wanted):
                raise ValueError(f"the fact-reader weights for {fact} know the values {clf['classes']}, the cue words "
                                 f"{list(wanted)}; run `assistant train-fact-reader`")
        return cls({fact: FactClassifier.from_json(fact, clf) for fact, clf in data["facts"].items()}, cues)

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH, cues: FactCues | None = None) -> "FactReader":
        cues = cues or load_fact_cues()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"cannot read the fact-reader weights {path}: {exc}; run `assistant train-fact-reader`") from None
        return cls.from_json(data, cues)


def _deciding_clause(clf: FactClassifier, named: list[tuple[str, int | None]], value: str,
                     spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the clause whose features add most to `value` over the other values (None: no clause adds)."""
    k = clf.classes.index(value)
    gain: dict[int, float] = {}
    for f, i in set(named):
        row = clf.weights.get(f)
        if row is None or i is None:
            continue
        others = (sum(row) - row[k]) / max(len(row) - 1, 1)
        gain[i] = gain.get(i, 0.0) + row[k] - others
    if not gain:
        return None
    best = max(gain, key=gain.get)
    return spans[best] if gain[best] > 0 and best < len(spans) else None


@lru_cache(maxsize=1)
def shipped_fact_reader() -> FactReader:
    """The reader with the shipped weights and the checkout's cue words, loaded once per process."""
    return FactReader.load()


# ----- training ------------------------------------------------------------------------------------------------
FACT_FILES = ("fact_labels_*.jsonl", "fact_reading_*.jsonl")
AS_OF = date(2026, 12, 5)   # the day of a labelled message that gives none (the bank was written then)


def fact_files(bank: Path) -> list[Path]:
    """The labelled fact files of the bank folder, one author group each."""
    return sorted(p for pattern in FACT_FILES for p in bank.glob(pattern))


@dataclass(frozen=True)
class LabelledMessage:
    author: str
    id: str
    text: str
    as_of: date
    labels: dict[str, str]
    features: tuple[str, ...]


def load_labelled(path: Path, cues: FactCues, *, as_of: date, tagger: DateRoleTagger | None = None
                  ) -> list[LabelledMessage]:
    """The labelled messages of a fact file ({id, author, text, performance, role, submission[, as_of]}; `as_of`
    is the day of a message that gives none), each with its features."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"{path}:{n}: not JSON ({exc})") from None
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{path}:{n}: a labelled message needs a 'text'")
        labels = {}
        for fact in FACTS:
            allowed = (*cues.values(fact), UNKNOWN)
            if item.get(fact) not in allowed:
                raise ValueError(f"{path}:{n}: {fact} must be one of {list(allowed)}, not {item.get(fact)!r}")
            labels[fact] = item[fact]
        try:
            day = date.fromisoformat(item["as_of"]) if item.get("as_of") else as_of
        except ValueError:
            raise ValueError(f"{path}:{n}: as_of {item['as_of']!r} is not a date (YYYY-MM-DD)") from None
        feats = tuple(f for f, _ in message_features(text, cues, as_of=day, tagger=tagger))
        author = str(item.get("author") or path.stem.split("_")[-1])
        rows.append(LabelledMessage(author, str(item.get("id") or n), text, day, labels, feats))
    return rows


def _classes(cues: FactCues, fact: str) -> list[str]:
    return [*cues.values(fact), UNKNOWN]


# Chosen on the two held-out directions (A+B → C, C → A+B): rare performance and submission values are read best
# when every value counts alike (balanced); the asker's role, best with each message counting alike.
FIT_ARGS = {"l2": 0.03, "min_count": 2, "steps": 300, "keep_above": 0.02}
BALANCED = {"performance": True, "role": False, "submission": True}


def fit_fact(rows: Sequence[LabelledMessage], fact: str, cues: FactCues, *, seed: int = 0, floor: float = 0.0,
             sure: float = 1.0) -> FactClassifier:
    classes = _classes(cues, fact)
    weights = fit(rows, classes, seed=seed, label=lambda r: r.labels[fact], balanced=BALANCED[fact], **FIT_ARGS)
    return FactClassifier(fact, tuple(classes), weights, floor, sure)


def scores(gold: Sequence[str], got: Sequence[str], classes: Sequence[str]) -> dict:
    """Accuracy, and macro-F1 over the values that occur in `gold` or `got`."""
    f1s = []
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, got))
        said, true = sum(p == c for p in got), sum(g == c for g in gold)
        if said or true:
            f1s.append(2 * tp / (said + true))
    return {"n": len(gold), "accuracy": round(sum(g == p for g, p in zip(gold, got)) / len(gold), 3) if gold else None,
            "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else None}


def evaluate(reader: FactReader, rows: Sequence[LabelledMessage]) -> dict:
    """Per fact: accuracy and macro-F1 of the values read (below the floor: unknown), and how often a value read
    as stated is right."""
    out = {}
    for fact, clf in reader.classifiers.items():
        got, stated = [], []
        for r in rows:
            probs = clf.probabilities(r.features)
            value = clf.decide(probs)
            got.append(value)
            if value != UNKNOWN and probs[value] >= clf.sure:
                stated.append(value == r.labels[fact])
        out[fact] = {**scores([r.labels[fact] for r in rows], got, clf.classes),
                     "stated_share": round(len(stated) / len(rows), 3) if rows else None,
                     "stated_right": round(sum(stated) / len(stated), 3) if stated else None}
    return out


# What a wrong value costs beside a fact reported missing (1). Reading the wrong side answers the other party's
# remedies (issue class 3), so a wrong role costs twice a question back; a wrong performance or submission costs
# as much as a missing one, since the navigator then asks anyway whenever nothing else is read.
WRONG_COST = {"performance": 1.0, "role": 2.0, "submission": 1.0}


def best_floor(scored: Sequence[tuple[float, str, str]], wrong_cost: float = 1.0) -> float:
    """The probability below which a fact is better reported missing than read: the floor at which held-out readings
    ((probability, value read, true value)) cost least, a wrong value costing `wrong_cost` and a known fact reported
    missing 1 (the lowest such floor)."""
    best, best_cost = 0.0, float("inf")
    for tau in sorted({0.0, *(round(p, 3) for p, _, _ in scored)}):
        cost = 0.0
        for p, value, gold in scored:
            read = value if p >= tau else UNKNOWN
            cost += 0 if read == gold else 1 if read == UNKNOWN else wrong_cost
        if cost < best_cost:
            best, best_cost = tau, cost
    return best


def train(folds: dict[str, list[LabelledMessage]], cues: FactCues, *, seed: int = 0,
          sure_precision: float = 0.85) -> tuple[FactReader, dict]:
    """Fit every fact on every author group; each fact's floor (below it the fact is missing: best_floor) and its
    sure band (values read at or above it are right at least `sure_precision` of the time) come from each group held
    out in turn, trained on the others."""
    classifiers, held = {}, {}
    for fact in FACTS:
        scored: list[tuple[float, str, str]] = []
        for name, rows in folds.items():
            others = [r for n, rs in folds.items() if n != name for r in rs]
            if not others or not rows:
                continue
            clf = fit_fact(others, fact, cues, seed=seed)
            for r in rows:
                probs = clf.probabilities(r.features)
                best = max(probs, key=probs.get)
                scored.append((probs[best], best, r.labels[fact]))
        floor = best_floor(scored, WRONG_COST[fact]) if scored else 0.5
        taken = [(p, value == gold) for p, value, gold in scored if value != UNKNOWN and p >= floor]
        sure = max(floor, choose_threshold(taken, min_precision=sure_precision)) if taken else 1.0
        everything = [r for rs in folds.values() for r in rs]
        classifiers[fact] = fit_fact(everything, fact, cues, seed=seed, floor=floor, sure=sure)
    reader = FactReader(classifiers, cues)
    for name, rows in folds.items():   # the held-out figures at the chosen bands
        others = [r for n, rs in folds.items() if n != name for r in rs]
        if others and rows:
            model = FactReader({f: fit_fact(others, f, cues, seed=seed, floor=c.floor, sure=c.sure)
                                for f, c in classifiers.items()}, cues)
            held[f"test_{name}_trained_on_others"] = evaluate(model, rows)
    probe = {f: [round(p, 4) for _, p in r.probabilities] for f, r in reader.read(PROBE, as_of=PROBE_AS_OF).items()}
    everything = [r for rs in folds.values() for r in rs]
    card = {"messages": len(everything), "authors": {n: len(rs) for n, rs in folds.items()}, "seed": seed,
            "fit": {**FIT_ARGS, "balanced": BALANCED}, "wrong_cost": WRONG_COST, "sure_precision": sure_precision,
            "bands": {f: {"floor": round(c.floor, 3), "sure": round(c.sure, 3)} for f, c in classifiers.items()},
            "probe": {"text": PROBE, "as_of": PROBE_AS_OF.isoformat(), "probabilities": probe},
            "held_out": held, "training": evaluate(reader, everything)}
    return reader, card
