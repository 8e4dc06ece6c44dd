"""The follow-up decision: features are well-formed, the shipped weights load, and on the question bank's
held-out turn pairs (written by another author than the training pairs) it decides as well as it did when trained."""

from __future__ import annotations

import json

import pytest

from assistant.answer.condense import FEATURES, WEIGHTS_PATH, CondenseModel, TurnPair, condense, features, load_pairs, train
from assistant.settings import REPO_ROOT

BANK = REPO_ROOT / "eval" / "bank"


@pytest.mark.parametrize("question,previous", [
    ("", ""), ("那如果他只还了一半呢？", "和解协议约定分三期付款，第二期没付"), ("What if he already paid?", "He signed a settlement"),
    ("x" * 5000, "y"), ("离婚财产怎么分", "执行和解后对方不履行怎么办？"),
])
def test_features_have_one_value_per_name(question, previous):
    values = features(question, previous)
    assert len(values) == len(FEATURES)
    assert all(isinstance(v, float) for v in values)


def test_shipped_weights_load_and_match_the_feature_names():
    model = CondenseModel.load(WEIGHTS_PATH)
    assert len(model.weights) == len(FEATURES)
    assert 0.0 < model.threshold < 1.0


def test_bank_pairs_decided_as_at_training_time():
    model = CondenseModel.load(WEIGHTS_PATH)
    pairs = [p for f in sorted(BANK.glob("turns_*.jsonl")) for p in load_pairs(f)]
    assert len(pairs) >= 100
    accuracy = sum(model.depends(p.question, p.previous) == p.depends for p in pairs) / len(pairs)
    assert accuracy == pytest.approx(model.trained_on["training_accuracy"], abs=1e-4)
    # each author's pairs, decided by a model fitted on the other author's, are mostly right
    assert all(v >= 0.75 for v in model.trained_on["held_out_accuracy"].values())


def test_training_separates_a_tiny_labelled_set():
    follow = [TurnPair("执行和解后对方不履行怎么办？", q, True) for q in ("那如果他只还了一半呢？", "那担保人呢？", "这个期限从哪天起算？")]
    switch = [TurnPair("执行和解后对方不履行怎么办？", q, False) for q in
              ("执行回转应当由哪个法院裁定？", "离婚时房子怎么分？", "案外人对查封的房子提出异议，应当在什么期限内起诉？")]
    model, report = train({"a": follow[:2] + switch[:2], "b": follow[2:] + switch[2:]})
    assert report["training_accuracy"] == 1.0


def test_a_question_without_history_is_never_joined():
    model = CondenseModel.load(WEIGHTS_PATH)
    assert condense([], "那如果他只还了一半呢？", model) == "那如果他只还了一半呢？"


def test_weights_file_is_json_with_its_training_report():
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert data["trained_on"]["pairs"] > 0 and data["trained_on"]["held_out_pooled"] is not None
