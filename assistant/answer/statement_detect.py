"""Does a message put forward a claim to be judged ("执行员说…，对吗？", "My lawyer says … — true?"), or ask an open
question? A learned decision over the message's characters, not a list of its frames.

The frame grammar of stance.py knows the closed classes of judgement tails (对吗, 靠谱吗, is that true?) and of
speech or belief markers (说, 听说, my lawyer says); people also end a claim with what they mean to do about it
("…我该听他的吗？", "…我可以放心了吗？", "…请帮我判断"), quote it, or put it as an exam item. A logistic model over
character n-grams of the message's last clause and of the whole message, with the grammar's findings as a few
features among them, is fitted on statement questions and open questions written by several authors
(eval/bank/statements_*.jsonl against the bank's other questions; eval/bank/statement_detect_*.jsonl, which holds
both; ``assistant train-statement-detector``). It calls a message a statement only above a probability chosen on
held-out authors so that few open questions are taken for claims: a question taken for a claim gets a stance
line it did not ask for.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from assistant.answer.stance import (_ASKING, _EN_MARKER, _EN_TAIL, _ZH_MARKER, _ZH_TAIL, QUOTED_CLAIM, RULE_WORDS,
                                     statement_of)

WEIGHTS_PATH = Path(__file__).with_name("statement_detect_weights.json")
DENSE_FEATURES = ("bias", "frame_tail", "speech_marker", "quoted_claim", "asking_tail", "english", "log_length",
                  "question_marks", "modal_words", "reported_rule", "quoted_rule")

_SENTENCE_END = re.compile(r"[。！!？?；;\n]")
_MODAL = re.compile(r"可以|不得|不能|应当|必须|只能|无需|不予|有权|无权|\b(?:can(?:not)?|may|must|shall|only)\b", re.I)


def last_clause(text: str) -> str:
    """The message's last clause: what it ends by asking or saying ('…，对吗？' → '对吗？')."""
    stripped = text.strip()
    body = stripped.rstrip("？?！!。. \n")
    parts = [p for p in re.split(r"[，,。！!？?；;：:\n]", body) if p.strip()]
    tail = parts[-1].strip() if parts else body
    return tail[-24:] + stripped[len(body):][:2]


def _grams(text: str, sizes: Iterable[int]) -> set[str]:
    text = re.sub(r"\s+", " ", text.lower())
    return {text[i:i + n] for n in sizes for i in range(len(text) - n + 1) if text[i:i + n].strip()}


def sparse_features(text: str) -> set[str]:
    """Named n-gram features: 'end:…' of the last clause (1–3 characters), 'all:…' of the whole message (pairs)."""
    clause = last_clause(text)
    return {f"end:{g}" for g in _grams(clause, (1, 2, 3))} | {f"all:{g}" for g in _grams(text, (2,))}


def dense_features(text: str) -> list[float]:
    english = not any("\u4e00" <= ch <= "\u9fff" for ch in text)
    clause = last_clause(text)
    return [1.0,
            float(bool(_ZH_TAIL.search(text) or _EN_TAIL.search(text))),
            float(bool(_ZH_MARKER.search(text) or _EN_MARKER.search(text))),
            float(bool(QUOTED_CLAIM.search(text))),
            float(bool(_ASKING.search(clause.rstrip("？?")))),
            float(english),
            math.log1p(len(text)) / 6.0,
            min(3, text.count("？") + text.count("?")) / 3.0,
            float(bool(_MODAL.search(text))),
            float(_reported_rule(text)),
            float(any(RULE_WORDS.search(m.group(1)) for m in QUOTED_CLAIM.finditer(text)))]


def _reported_rule(text: str) -> bool:
    """Someone is reported to say or believe a rule: a speech or belief marker, then a clause with a rule word."""
    for marker in (_ZH_MARKER, _EN_MARKER):
        for m in marker.finditer(text):
            said = _SENTENCE_END.split(text[m.end():], 1)[0]
            if len(said) >= 8 and RULE_WORDS.search(said):
                return True
    return False


@dataclass(frozen=True)
class StatementDetector:
    """P(statement) = σ(w · [dense features] + Σ w[n-gram]); a statement at or above `threshold`."""

    dense: tuple[float, ...]
    sparse: dict[str, float]
    threshold: float

    def probability(self, text: str) -> float:
        z = sum(w * v for w, v in zip(self.dense, dense_features(text)))
        grams = sparse_features(text)
        if grams:
            z += sum(self.sparse.get(g, 0.0) for g in grams) / math.sqrt(len(grams))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def is_statement(self, text: str) -> bool:
        return self.probability(text) >= self.threshold

    def to_json(self, card: dict | None = None) -> dict:
        return {"dense_features": list(DENSE_FEATURES), "threshold": self.threshold,
                "dense": [round(w, 6) for w in self.dense],
                "sparse": {g: round(w, 5) for g, w in sorted(self.sparse.items()) if abs(w) >= 1e-4},
                "card": card or {}}

    @classmethod
    def from_json(cls, data: dict) -> "StatementDetector":
        if tuple(data["dense_features"]) != DENSE_FEATURES:
            raise ValueError("statement detector weights were trained on other features; "
                             "run `assistant train-statement-detector`")
        return cls(tuple(float(w) for w in data["dense"]), {str(k): float(v) for k, v in data["sparse"].items()},
                   float(data["threshold"]))

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> "StatementDetector | None":
        if not path.exists():
            return None
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


# ----- training ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DetectExample:
    text: str
    is_statement: bool
    author: str


def _question_of(obj: dict) -> str | None:
    q = obj.get("question")
    q = q[-1] if isinstance(q, list) and q else q
    return q if isinstance(q, str) and q.strip() else None


def load_examples(bank_dir: Path, registry=None) -> dict[str, list[DetectExample]]:
    """Folds by author. Statements: eval/bank/statements_<author>.jsonl. Open questions: the bank's questions
    (train_/dev_), the in-scope questions of scope_<author>.jsonl and the turns of turns_<author>.jsonl. Both:
    statement_detect_<author>.jsonl ({text, is_statement}). The notes' own questions (a fold of their own) when a
    registry is given."""
    folds: dict[str, list[DetectExample]] = {}

    def add(author: str, text: str | None, label: bool) -> None:
        if text and text.strip():
            folds.setdefault(author, []).append(DetectExample(text.strip(), label, author))

    def rows(path: Path) -> Iterable[tuple[int, dict]]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield n, json.loads(line)

    def author_of(path: Path) -> str:
        return path.stem.rsplit("_", 1)[1]

    for path in sorted(bank_dir.glob("statements_*.jsonl")):
        for _, obj in rows(path):
            add(author_of(path), _question_of(obj), True)
    for path in sorted([*bank_dir.glob("train_*.jsonl"), *bank_dir.glob("dev_*.jsonl")]):
        for _, obj in rows(path):
            add(author_of(path), _question_of(obj), False)
    for path in sorted(bank_dir.glob("scope_*.jsonl")):
        for _, obj in rows(path):
            if obj.get("in_scope") is True:
                add(author_of(path), _question_of(obj), False)
    for path in sorted(bank_dir.glob("turns_*.jsonl")):
        for _, obj in rows(path):
            for turn in obj.get("turns") or []:
                add(author_of(path), turn if isinstance(turn, str) else None, False)
    for path in sorted(bank_dir.glob("statement_detect_*.jsonl")):
        for n, obj in rows(path):
            if not isinstance(obj.get("text"), str) or not isinstance(obj.get("is_statement"), bool):
                raise ValueError(f"{path}:{n}: a detection example needs text and is_statement true/false")
            add(author_of(path), obj["text"], obj["is_statement"])
    if registry is not None:
        for note in registry.notes:
            for q in [*note.asks, *note.asks_en]:
                add("notes", q, False)
    return folds


def _fit(examples: Sequence[DetectExample], *, c: float, seed: int, min_count: int = 2,
         tail_dropout: bool = True) -> StatementDetector:
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    grams = [sparse_features(e.text) for e in examples]
    dense_rows = [dense_features(e.text) for e in examples]
    labels = [int(e.is_statement) for e in examples]
    if tail_dropout:
        # each message once more without its last clause's features: one author ends every claim with '对吗？',
        # another with what the user means to do; the model must also learn what the claim itself looks like
        tail_at = DENSE_FEATURES.index("frame_tail")
        grams += [{g for g in gs if not g.startswith("end:")} for gs in grams]
        dense_rows += [[0.0 if i == tail_at else v for i, v in enumerate(row)] for row in dense_rows]
        labels += labels
    for gs in grams:
        for g in gs:
            counts[g] = counts.get(g, 0) + 1
    vocabulary = {g: i for i, g in enumerate(sorted(g for g, n in counts.items() if n >= min_count))}
    rows, cols, vals = [], [], []
    for r, gs in enumerate(grams):
        if gs:
            weight = 1 / math.sqrt(len(gs))  # the same scaling probability() applies
            for g in gs:
                if g in vocabulary:
                    rows.append(r), cols.append(vocabulary[g]), vals.append(weight)
    x_sparse = csr_matrix((vals, (rows, cols)), shape=(len(grams), len(vocabulary)))
    x_dense = csr_matrix(np.array(dense_rows))
    y = np.array(labels)
    clf = LogisticRegression(C=c, max_iter=5000, random_state=seed, fit_intercept=False, class_weight="balanced")
    clf.fit(hstack([x_dense, x_sparse]).tocsr(), y)
    w = clf.coef_[0]
    dense = tuple(float(v) for v in w[:len(DENSE_FEATURES)])
    by_name = {g: float(w[len(DENSE_FEATURES) + i]) for g, i in vocabulary.items()}
    return StatementDetector(dense, by_name, 0.5)


def choose_threshold(scored: Sequence[tuple[float, bool, bool]], *, max_false_statements: float) -> float:
    """The lowest threshold at which at most `max_false_statements` of the open questions are taken for claims, by
    the model or by the frame grammar it backs (rows: probability, is a statement, the grammar finds a frame)."""
    opens = [(p, framed) for p, s, framed in scored if not s]
    if not opens:
        return 0.5
    allowed = int(max_false_statements * len(opens)) - sum(framed for _, framed in opens)
    model_only = sorted((p for p, framed in opens if not framed), reverse=True)
    if allowed < 0:
        return 0.999
    return min(0.999, model_only[allowed] + 1e-6) if allowed < len(model_only) else 0.5


def rates(scored: Sequence[tuple[float, bool, bool]], threshold: float) -> dict:
    statements = [p >= threshold or framed for p, s, framed in scored if s]
    opens = [p >= threshold or framed for p, s, framed in scored if not s]
    return {"statements_found": round(sum(statements) / len(statements), 3) if statements else None,
            "open_taken_for_statements": round(sum(opens) / len(opens), 3) if opens else None,
            "n": len(scored)}


def train(folds: dict[str, list[DetectExample]], *, seed: int = 0, c: float = 4.0,
          max_false_statements: float = 0.025, hold_out_only: Sequence[str] = ()) -> tuple[StatementDetector, dict]:
    """Fit on every fold; the threshold and the figures come from each author with statements held out in turn,
    for the decision the chain makes: the frame grammar finds a frame, or the model is sure enough.
    `hold_out_only`: authors measured held out and never trained on (their figures are reported apart)."""
    def row(model: StatementDetector, e: DetectExample) -> tuple[float, bool, bool]:
        framed = statement_of(e.text)  # a judging question asked apart is the model's to decide, as in the chain
        return model.probability(e.text), e.is_statement, framed is not None and not framed.asked_apart

    trainable = {n: es for n, es in folds.items() if n not in hold_out_only}
    held_out: dict[str, list[tuple[float, bool, bool]]] = {}
    for name, held in trainable.items():
        if not any(e.is_statement for e in held):
            continue  # an author without statements tests nothing about finding them
        rest = [e for n, es in trainable.items() if n != name for e in es]
        model = _fit(rest, c=c, seed=seed)
        held_out[name] = [row(model, e) for e in held]
    pooled = [r for rows in held_out.values() for r in rows]
    threshold = choose_threshold(pooled, max_false_statements=max_false_statements) if pooled else 0.5
    everything = [e for es in trainable.values() for e in es]
    fitted = _fit(everything, c=c, seed=seed)
    model = StatementDetector(fitted.dense, fitted.sparse, threshold)
    grammar = {name: rates([(0.0, s, framed) for _, s, framed in rows], 1.0) for name, rows in held_out.items()}
    report = {"examples": len(everything), "threshold": round(threshold, 4), "held_out": rates(pooled, threshold),
              **{f"held_out_{k}": rates(v, threshold) for k, v in held_out.items()},
              **{f"grammar_alone_{k}": v for k, v in grammar.items()}}
    for name in hold_out_only:
        if name in folds:
            report[f"never_trained_{name}"] = rates([row(model, e) for e in folds[name]], threshold)
    return model, report
