"""Does a question depend on the turns before it? A scored decision, learned from labelled conversation pairs.

Without an LLM, a follow-up ('那如果他只还了一半呢？') is answered by reading it together with the earlier turns; a
self-contained question (an example chip, a new topic, an out-of-scope question) must be answered on its own, or
it is answered as the old topic. The decision is a logistic model over a few readable features of the question
and of its relation to the previous user turn; ``assistant train-condenser`` fits it on the question bank's
follow-ups and topic switches (eval/bank/turns_*.jsonl) and writes ``condense_weights.json`` beside this file.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.answer.scope import IN_SCOPE, OUT_OF_SCOPE, STRONG_IN_SCOPE, classify_scope
from assistant.corpus.topics import named_topics

WEIGHTS_PATH = Path(__file__).with_name("condense_weights.json")

# Words that carry a question over from what was said before. Each is a generic mark of discourse, not a phrasing
# of one question: a continuation at the start, a bare pronoun or demonstrative, the particle 呢 at the end.
_CONTINUES = re.compile(r"^\s*(那|那么|那要是|还有|另外|再问|再者|接着|然后|此外|这样的话|这种情况下?|"
                        r"what about|how about|and\b|then\b|also\b|in that case|so\b)", re.I)
_SUPPOSES = re.compile(r"^\s*(如果|要是|假如|假设|万一|若|what if|if|suppose|assuming)", re.I)
_ENDS_NE = re.compile(r"呢\s*[？?]?\s*$")
_REFERS_BACK = re.compile(r"他|她|它|对方|这个|那个|这种|那种|这笔|那笔|该|此|上述|前述|刚才|上面|之前说的|这份|那份|"
                          r"\b(he|she|they|it|him|her|them|this|that|these|those|the same)\b", re.I)
# a turn that opens with a person it does not name ('他付了一半…', 'He paid 60%…') is about someone introduced before
_OPENS_WITH_PRONOUN = re.compile(r"^\s*(?:他|她|它|他们|她们|对方|此人|该人|(?:he|she|they|it|his|her|their)\b)", re.I)
_NAMES_PROVISION = re.compile(r"第[零〇一二两三四五六七八九十百千0-9]+条|Article\s*\d+|Art\.\s*\d+", re.I)
_DEFINES = re.compile(r"什么是|是什么意思|指什么|的含义|\bwhat is\b|\bwhat does .{1,40} mean\b", re.I)
_QUESTION_WORDS = re.compile(r"怎么|如何|能否|可否|能不能|可不可以|是否|哪|什么|多久|多长|几|吗|\b(how|what|when|where|which|who|can|may|must|is|are|does|do)\b", re.I)
# what a question that states its own situation names: the instrument, the procedure or the event it is about
_SITUATION = re.compile(r"判决|裁定|调解书|仲裁|公证|和解|协议|查封|扣押|冻结|拍卖|变卖|执行|撤销|再审|异议|复议|担保|保证|"
                        r"失信|限高|拘留|罚款|分配|追加|变更|时效|期间|期限|回转|立案|终本|破产|"
                        r"judgment|ruling|award|settlement|agreement|seiz|freez|auction|enforce|reversal|retrial|objection|"
                        r"guarant|blacklist|deadline|period", re.I)
_BIGRAM_STRIP = re.compile(r"[\s，。？！、；：,.?!;:“”\"'（）()]")


def _bigrams(text: str) -> set[str]:
    t = _BIGRAM_STRIP.sub("", text.lower())
    return {t[i:i + 2] for i in range(len(t) - 1)}


FEATURES = ("bias", "continues", "supposes", "ends_ne", "refers_back", "short", "log_length", "in_scope",
            "strong_in_scope", "out_of_scope_topic", "names_topic", "names_provision", "defines",
            "has_question_word", "overlap_with_previous", "english", "situation_words")


def features(question: str, previous: str) -> list[float]:
    q = question.strip()
    scope = classify_scope(q)
    out_topic = scope.topic not in (None, "unrelated") and not scope.in_scope and any(
        topic == scope.topic for topic, *_ in OUT_OF_SCOPE)
    prev, mine = _bigrams(previous), _bigrams(q)
    overlap = len(prev & mine) / len(mine) if mine else 0.0
    english = sum(c.isascii() and c.isalpha() for c in q) > len(q) / 2
    return [1.0,
            float(bool(_CONTINUES.search(q))),
            float(bool(_SUPPOSES.search(q))),
            float(bool(_ENDS_NE.search(q))),
            float(bool(_REFERS_BACK.search(q))),
            float(len(q) <= (40 if english else 15)),
            math.log1p(len(q)),
            float(bool(IN_SCOPE.search(q))),
            float(bool(STRONG_IN_SCOPE.search(q))),
            float(out_topic),
            float(bool(named_topics(q))),
            float(bool(_NAMES_PROVISION.search(q))),
            float(bool(_DEFINES.search(q))),
            float(bool(_QUESTION_WORDS.search(q))),
            overlap,
            float(english),
            min(3, len(set(m.group(0).lower() for m in _SITUATION.finditer(q)))) / 3]


@dataclass(frozen=True)
class CondenseModel:
    weights: tuple[float, ...]
    threshold: float
    trained_on: dict

    def probability(self, question: str, previous: str) -> float:
        z = sum(w * x for w, x in zip(self.weights, features(question, previous)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def depends(self, question: str, previous: str) -> bool:
        # a pronoun opening the turn has its person in an earlier turn, whatever else the turn says: the bank has
        # too few such pairs for the model to learn it, and nothing can answer the turn without that person
        if _OPENS_WITH_PRONOUN.search(question):
            return True
        return self.probability(question, previous) >= self.threshold

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "weights": [round(w, 6) for w in self.weights],
                "threshold": self.threshold, "trained_on": self.trained_on}

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> "CondenseModel":
        data = json.loads(path.read_text(encoding="utf-8"))
        if list(data["features"]) != list(FEATURES):
            raise ValueError(f"{path} was trained on other features; run `assistant train-condenser`")
        return cls(tuple(data["weights"]), float(data["threshold"]), data.get("trained_on", {}))


@dataclass(frozen=True)
class TurnPair:
    previous: str
    question: str
    depends: bool


def load_pairs(path: Path) -> list[TurnPair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        turns = obj["turns"]
        pairs.append(TurnPair(previous=turns[-2], question=turns[-1], depends=bool(obj["depends"])))
    return pairs


def _fit(pairs: list[TurnPair], seed: int) -> tuple[float, ...]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([features(p.question, p.previous) for p in pairs])
    y = np.array([int(p.depends) for p in pairs])
    clf = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000, random_state=seed).fit(x, y)
    return tuple(float(w) for w in clf.coef_[0])


def _accuracy(model: CondenseModel, pairs: list[TurnPair], threshold: float) -> float:
    probs = [model.probability(p.question, p.previous) for p in pairs]
    return sum((pr >= threshold) == p.depends for pr, p in zip(probs, pairs)) / len(pairs) if pairs else 0.0


def train(folds: dict[str, list[TurnPair]], *, seed: int = 0) -> tuple[CondenseModel, dict]:
    """Folds are the bank's authors. Each author's pairs are scored by a model fitted on the other authors'
    (held-out accuracy); the threshold maximises the pooled held-out accuracy; the shipped model is fitted on
    all pairs with that threshold."""
    thresholds = [i / 100 for i in range(10, 91)]
    held_out: list[tuple[float, bool]] = []
    per_fold = {}
    for name, pairs in folds.items():
        rest = [p for other, ps in folds.items() if other != name for p in ps]
        if not rest or not pairs:
            continue
        model = CondenseModel(_fit(rest, seed), 0.5, {})
        scored = [(model.probability(p.question, p.previous), p.depends) for p in pairs]
        held_out.extend(scored)
        per_fold[name] = scored
    if held_out:
        threshold = max(thresholds, key=lambda t: (sum((pr >= t) == lab for pr, lab in held_out), -abs(t - 0.5)))
    else:
        threshold = 0.5
    everything = [p for ps in folds.values() for p in ps]
    # the weights as the file stores them (6 decimals): a pair near the threshold is decided as it will be shipped
    model = CondenseModel(tuple(round(w, 6) for w in _fit(everything, seed)), threshold, {})
    report = {"pairs": len(everything), "seed": seed, "threshold": threshold,
              "held_out_accuracy": {name: round(sum((pr >= threshold) == lab for pr, lab in sc) / len(sc), 4)
                                    for name, sc in per_fold.items()},
              "held_out_pooled": round(sum((pr >= threshold) == lab for pr, lab in held_out) / len(held_out), 4)
              if held_out else None,
              "training_accuracy": round(_accuracy(model, everything, threshold), 4)}
    return CondenseModel(model.weights, threshold, report), report


def condense(previous_user_turns: list[str], question: str, model: CondenseModel, context_turns: int = 2) -> str:
    """The question as retrieval should read it: joined to the earlier user turns only when it depends on them."""
    q = question.strip()
    if not previous_user_turns or not model.depends(q, previous_user_turns[-1]):
        return q
    return " ".join([*previous_user_turns[-context_turns:], q])
