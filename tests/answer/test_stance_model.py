"""The learned stance: its weights file, its threshold choice, its training, and what the chain says with it."""

from __future__ import annotations

import json
import random

import pytest

from assistant.answer import stance_model as sm
from assistant.answer.stance_model import FEATURES, StanceModel, StatementRow, choose_threshold, train


def test_shipped_weights_match_the_features():
    model = StanceModel.load()
    assert model is not None, "assistant/answer/stance_weights.json is missing: run `assistant train-stance`"
    assert len(model.weights) == len(sm.CLASSES) and all(len(r) == len(FEATURES) for r in model.weights)
    assert 0.34 < model.threshold <= 1.0


def test_weights_for_other_features_are_refused(tmp_path):
    data = StanceModel.load().to_json()
    data["features"] = data["features"][:-1]
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="train-stance"):
        StanceModel.load(path)


def test_weights_for_other_english_claim_words_are_refused(tmp_path):
    data = StanceModel.load().to_json()
    data["english_words_digest"] = "0" * 16
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="english_claims.yaml; run `assistant train-stance`"):
        StanceModel.load(path)


def test_below_the_threshold_no_stance_is_taken():
    model = StanceModel(weights=((0.0,) * len(FEATURES),) * 3, threshold=0.5)
    truth, p = model.decide([1.0] * len(FEATURES))
    assert truth is None and abs(p - 1 / 3) < 1e-9


def test_english_statements_meet_their_own_bar():
    # the 'true' row favours a statement with every feature on: p(true) = e^1 / (e^1 + 2) ≈ 0.58
    weights = tuple((1.0 / len(FEATURES),) * len(FEATURES) if c == "true" else (0.0,) * len(FEATURES)
                    for c in sm.CLASSES)
    model = StanceModel(weights=weights, threshold=0.5, threshold_en=0.9)
    chinese = [1.0] * len(FEATURES)
    chinese[FEATURES.index("english")] = 0.0
    chinese[0] = 2.0  # keeps the sum of the features as for the English row
    english = [1.0] * len(FEATURES)
    assert model.decide(chinese)[0] == "true"
    truth, p = model.decide(english)
    assert truth is None and 0.5 < p < 0.9
    assert StanceModel.from_json(model.to_json()).threshold_en == 0.9


def test_training_sets_a_bar_per_language():
    rng = random.Random(3)
    at = FEATURES.index("english")

    def row(author, truth, english):
        x = [rng.gauss(0, 1) for _ in FEATURES]
        x[0], x[at] = 1.0, float(english)
        x[FEATURES.index("rule_false")] = 3.0 * (truth == "false")
        return StatementRow(author, truth, tuple(x))

    folds = {a: [row(a, rng.choice(("true", "false")), i % 4 == 0) for i in range(80)] for a in ("A", "B")}
    model, report = train(folds, min_precision=0.8)
    assert model.threshold_en is not None and report["held_out_en"]["n"] == 40 and report["held_out_zh"]["n"] == 120


@pytest.mark.parametrize("seed", range(20))
def test_threshold_reaches_the_precision_asked(seed):
    rng = random.Random(seed)
    outcomes = [(rng.choice(sm.CLASSES), rng.random(), rng.choice(sm.CLASSES)) for _ in range(60)]
    tau = choose_threshold(outcomes, min_precision=0.8)
    taken = [(a, b) for a, p, b in outcomes if p >= tau]
    assert tau == 1.0 or sum(a == b for a, b in taken) / len(taken) >= 0.8


def _rows(author, n, rng):
    # a feature that tells true from false, noise elsewhere
    rows = []
    for _ in range(n):
        truth = rng.choice(("true", "false"))
        x = [1.0] + [rng.random() for _ in FEATURES[1:]]
        x[FEATURES.index("english")] = 0.0  # Chinese statements: the English weights read polarity otherwise
        x[FEATURES.index("polarity_top")] = float(truth == "false")
        rows.append(StatementRow(author, truth, tuple(x)))
    return rows


def test_training_is_reproducible_and_learns_the_signal():
    rng = random.Random(7)
    folds = {"a": _rows("a", 40, rng), "b": _rows("b", 40, rng)}
    m1, report = train(folds, seed=3)
    m2, _ = train(folds, seed=3)
    assert m1 == m2
    assert report["held_out_argmax_accuracy"] >= 0.9
    x = [1.0] + [0.5] * (len(FEATURES) - 1)
    x[FEATURES.index("polarity_top")] = 1.0
    assert m1.probabilities(x)["false"] > m1.probabilities(x)["true"]
    # a class no author wrote never wins
    assert all(m1.probabilities(r.x)["partly"] < 0.01 for r in folds["a"])


@pytest.mark.parametrize("question,opening", [
    ("执行员说申请执行的期间是一年，对吗？", "这个说法不正确"),
    ("朋友告诉我，被执行人不履行执行和解协议的，申请执行人可以申请恢复执行原生效法律文书，是这样吗？", "这个说法正确"),
    # English statements meet a bar of their own (stance_weights.json: threshold_en), set high because held-out
    # authors' English stances are right less often at the same probability: below it no stance, and the rule
    # itself follows
    ("My lawyer says the period for applying for enforcement is six months. Is that true?", "I can't reliably judge"),
])
def test_the_answer_opens_with_the_stance(service, question, opening):
    answer = service.ask(question)
    head = answer.text.split("**结论**：")[-1].split("**Conclusion**: ")[-1]
    assert head.startswith(opening), answer.text[:300]
    if opening.startswith("I can't"):
        assert "two years" in answer.text and "Article 250" in answer.text
