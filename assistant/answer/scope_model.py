"""Is a question about civil enforcement? A learned decision over the question's meaning, not its words alone.

The word rules of scope.py call a question ours when it holds any enforcement-sounding word (判决, 法院, 担保,
异议, court, pay …), so a divorce, labour or first-instance question that uses one is answered as enforcement, with
green chips. The question's embedding (the same multilingual-e5 vector the dense search computes, so it costs
nothing extra) carries what it is about whatever its words; a logistic model over it, plus the word rules' own
verdicts as features, is fitted on questions labelled in or out of scope by two authors
(eval/bank/scope_*.jsonl), on the bank's in-scope questions and on the notes' own questions
(``assistant train-scope``). It declines only above a probability chosen on held-out authors so that almost no
in-scope question is turned away.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from assistant.answer.scope import IN_SCOPE, OUT_OF_SCOPE, STRONG_IN_SCOPE, ScopeDecision, classify_scope

WEIGHTS_PATH = Path(__file__).with_name("scope_weights.json")
RULE_FEATURES = ("bias", "strong_in_scope", "in_scope_words", "out_of_scope_topic", "english")


def rule_features(question: str, decision: ScopeDecision | None = None) -> list[float]:
    """The word rules' verdicts as features; `decision`: classify_scope's, when the caller already has it."""
    decision = decision or classify_scope(question)
    other_topic = any(pattern.search(question) for _, pattern, _, _ in OUT_OF_SCOPE)
    return [1.0, float(bool(STRONG_IN_SCOPE.search(question))), float(bool(IN_SCOPE.search(question))),
            float(other_topic and not decision.in_scope), float(not any("\u4e00" <= ch <= "\u9fff" for ch in question))]


@dataclass(frozen=True)
class ScopeModel:
    """P(out of scope) = σ(w · [rule features, embedding]); declines at or above `threshold`, and overrules the word
    rules' refusal only below `accept_below` (when it is sure the question is ours)."""

    weights: tuple[float, ...]
    threshold: float
    dimension: int
    accept_below: float = 0.0  # to overrule a refusal for want of any enforcement word
    accept_below_topic: float = 0.0  # to overrule a refusal that names another field (family, criminal, labour …)

    def probability_out(self, question: str, vector: Sequence[float], decision: ScopeDecision | None = None) -> float:
        x = [*rule_features(question, decision), *vector]
        if len(x) != len(self.weights):
            raise ValueError(f"scope weights expect a {self.dimension}-d embedding, got {len(vector)}; "
                             "run `assistant train-scope` for this embedder")
        z = sum(w * v for w, v in zip(self.weights, x))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def declines(self, question: str, vector: Sequence[float], decision: ScopeDecision | None = None) -> bool:
        """`decision`: the word rules' (classify_scope), computed here when the caller has none. The model overrules
        their refusal only below its bars, a higher one when they named another field."""
        decision = decision or classify_scope(question)
        p = self.probability_out(question, vector, decision)
        rules_topic = not decision.in_scope and decision.topic not in (None, "unrelated")
        bar = self.accept_below_topic if rules_topic else self.accept_below
        return p >= self.threshold or (not decision.in_scope and p >= bar)

    def to_json(self, card: dict | None = None) -> dict:
        return {"rule_features": list(RULE_FEATURES), "dimension": self.dimension, "threshold": self.threshold,
                "accept_below": self.accept_below, "accept_below_topic": self.accept_below_topic,
                "weights": [round(w, 6) for w in self.weights], "card": card or {}}

    @classmethod
    def from_json(cls, data: dict) -> "ScopeModel":
        if tuple(data["rule_features"]) != RULE_FEATURES:
            raise ValueError("scope weights were trained on other features; run `assistant train-scope`")
        return cls(tuple(float(w) for w in data["weights"]), float(data["threshold"]), int(data["dimension"]),
                   float(data.get("accept_below", 0.0)), float(data.get("accept_below_topic", 0.0)))

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> "ScopeModel | None":
        if not path.exists():
            return None
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


# ----- training ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScopeExample:
    question: str
    out_of_scope: bool
    author: str


def load_examples(bank_dir: Path, registry) -> dict[str, list[ScopeExample]]:
    """Folds by author: each scope file (in and out of scope), the bank's questions, statements and detection
    messages (in scope, with their authors' scope files when the author letter matches) and the notes' own
    questions (in scope, a fold of their own)."""
    folds: dict[str, list[ScopeExample]] = {}
    for path in sorted(bank_dir.glob("scope_*.jsonl")):
        author = path.stem.split("_", 1)[1]
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            if not isinstance(obj.get("question"), str) or not isinstance(obj.get("in_scope"), bool):
                raise ValueError(f"{path}:{n}: a scope example needs a question and in_scope true/false")
            folds.setdefault(author, []).append(ScopeExample(obj["question"], not obj["in_scope"], author))
    # every question of the bank is about enforcement: the open ones, the statements to judge and the messages
    # written to tell statements from questions (a claim put as '律师说…对吗？' is as much ours as a question)
    for path in sorted([*bank_dir.glob("train_*.jsonl"), *bank_dir.glob("dev_*.jsonl"),
                        *bank_dir.glob("statements_*.jsonl"), *bank_dir.glob("statement_detect_*.jsonl")]):
        author = path.stem.rsplit("_", 1)[1]
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            q = obj.get("question", obj.get("text"))
            q = q[-1] if isinstance(q, list) and q else q
            if isinstance(q, str) and q.strip():
                folds.setdefault(author, []).append(ScopeExample(q, False, author))
    for note in registry.notes:
        for q in [*note.asks, *note.asks_en]:
            folds.setdefault("notes", []).append(ScopeExample(q, False, "notes"))
    return folds


def _matrix(examples: Sequence[ScopeExample], vectors: dict[str, Sequence[float]]):
    import numpy as np

    x = np.array([[*rule_features(e.question), *vectors[e.question]] for e in examples], dtype=np.float64)
    y = np.array([int(e.out_of_scope) for e in examples])
    return x, y


def _fit(x, y, *, seed: int, c: float) -> tuple[float, ...]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=5000, random_state=seed, fit_intercept=False, class_weight="balanced")
    clf.fit(x, y)
    return tuple(float(w) for w in clf.coef_[0])


def choose_threshold(scored: Sequence[tuple[float, bool]], *, max_false_declines: float) -> float:
    """The lowest threshold at which at most `max_false_declines` of the in-scope questions are declined."""
    inside = sorted((p for p, out in scored if not out), reverse=True)
    if not inside:
        return 0.5
    allowed = int(max_false_declines * len(inside))
    return min(0.999, inside[allowed] + 1e-6) if allowed < len(inside) else 0.5


def choose_accept_below(rule_declined: Sequence[tuple[float, bool]], *, max_readmitted: float) -> float:
    """The highest probability below which the model may overrule the word rules' refusal while readmitting at most
    `max_readmitted` of the out-of-scope questions the rules turned away."""
    outs = sorted(p for p, out in rule_declined if out)
    if not outs:
        return 0.0
    allowed = int(max_readmitted * len(outs))
    return outs[allowed] if allowed < len(outs) else 1.0


def train(folds: dict[str, list[ScopeExample]], vectors: dict[str, Sequence[float]], *, seed: int = 0, c: float = 1.0,
          max_false_declines: float = 0.02, max_readmitted: float = 0.02) -> tuple[ScopeModel, dict]:
    """Fit on every fold; the thresholds and the figures come from each author with out-of-scope examples held out."""
    import numpy as np

    dimension = len(next(iter(vectors.values())))
    # (P(out), out of scope, the word rules decline, … because the question names another field)
    held_out: dict[str, list[tuple[float, bool, bool, bool]]] = {}
    for name, held in folds.items():
        if not any(e.out_of_scope for e in held):
            continue  # an author with only in-scope questions tests nothing about declining
        rest = [e for n, es in folds.items() if n != name for e in es]
        x, y = _matrix(rest, vectors)
        model = ScopeModel(_fit(x, y, seed=seed, c=c), 0.5, dimension)
        decisions = [classify_scope(e.question) for e in held]
        held_out[name] = [(model.probability_out(e.question, vectors[e.question]), e.out_of_scope, not d.in_scope,
                           not d.in_scope and d.topic not in (None, "unrelated")) for e, d in zip(held, decisions)]
    pooled = [row for rows in held_out.values() for row in rows]
    threshold = choose_threshold([(p, out) for p, out, _, _ in pooled], max_false_declines=max_false_declines) \
        if pooled else 0.5
    accept_below = choose_accept_below([(p, out) for p, out, rules, topic in pooled if rules and not topic],
                                       max_readmitted=max_readmitted)
    accept_below_topic = choose_accept_below([(p, out) for p, out, rules, topic in pooled if topic],
                                             max_readmitted=max_readmitted)
    everything = [e for es in folds.values() for e in es]
    x, y = _matrix(everything, vectors)
    model = ScopeModel(_fit(x, y, seed=seed, c=c), threshold, dimension, accept_below, accept_below_topic)

    def rates(rows):
        declined = [(p >= threshold or (rules and p >= (accept_below_topic if topic else accept_below)), out)
                    for p, out, rules, topic in rows]
        outs = [d for d, out in declined if out]
        ins = [d for d, out in declined if not out]
        return {"out_of_scope_declined": round(float(np.mean(outs)), 3) if outs else None,
                "in_scope_declined": round(float(np.mean(ins)), 3) if ins else None, "n": len(rows)}

    report = {"examples": len(everything), "threshold": round(threshold, 4), "accept_below": round(accept_below, 4),
              "accept_below_topic": round(accept_below_topic, 4),
              "held_out": rates(pooled), **{f"held_out_{k}": rates(v) for k, v in held_out.items()}}
    return model, report
