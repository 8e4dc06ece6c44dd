"""The learned scope decision: its weights, its threshold, and what the chain declines with it."""

from __future__ import annotations

import json
import random

import pytest

from assistant.answer.scope_model import RULE_FEATURES, ScopeModel, choose_threshold, rule_features


def test_shipped_weights_fit_the_embedder(service):
    model = ScopeModel.load()
    assert model is not None, "assistant/answer/scope_weights.json is missing: run `assistant train-scope`"
    vector = service.retriever.query_vector("和解协议不履行怎么办")
    assert model.dimension == len(vector) and len(model.weights) == len(RULE_FEATURES) + len(vector)
    card = json.loads(open("assistant/answer/scope_weights.json", encoding="utf-8").read())["card"]
    # the held-out authors' figures it was shipped with: fewer in-scope questions turned away than the word rules
    assert card["held_out"]["in_scope_declined"] <= card["word_rules"]["in_scope_declined"]
    assert card["held_out"]["out_of_scope_declined"] > card["word_rules"]["out_of_scope_declined"]


def test_the_rules_refusal_stands_unless_the_model_is_sure():
    model = ScopeModel((0.0,) * (len(RULE_FEATURES) + 2), threshold=0.9, dimension=2, accept_below=0.3)
    # σ(0) = 0.5: not sure either way, so the word rules' refusal stands and their acceptance too
    assert model.declines("你好呀", [0.0, 0.0])
    assert not model.declines("执行和解", [0.0, 0.0])
    sure_in = ScopeModel((-5.0,) + (0.0,) * (len(RULE_FEATURES) + 1), threshold=0.9, dimension=2, accept_below=0.3)
    assert not sure_in.declines("你好呀", [0.0, 0.0])


def test_an_embedding_of_another_size_is_refused():
    model = ScopeModel((0.0,) * (len(RULE_FEATURES) + 4), 0.5, 4)
    with pytest.raises(ValueError, match="train-scope"):
        model.probability_out("执行和解", [0.1] * 8)


def test_rule_features_read_the_word_rules():
    x = dict(zip(RULE_FEATURES, rule_features("离婚后孩子抚养权归谁？")))
    assert x["out_of_scope_topic"] == 1.0 and x["strong_in_scope"] == 0.0
    x = dict(zip(RULE_FEATURES, rule_features("对方不履行执行和解协议，我能申请恢复执行吗？")))
    assert x["strong_in_scope"] == 1.0 and x["out_of_scope_topic"] == 0.0


@pytest.mark.parametrize("seed", range(20))
def test_the_threshold_turns_away_at_most_the_share_allowed(seed):
    rng = random.Random(seed)
    scored = [(rng.random(), rng.random() < 0.4) for _ in range(200)]
    tau = choose_threshold(scored, max_false_declines=0.05)
    inside = [p for p, out in scored if not out]
    assert sum(p >= tau for p in inside) <= 0.05 * len(inside)


@pytest.mark.parametrize("question,declined", [
    ("我挂名当了朋友公司的执行董事，辞职后公司不办工商变更，我怎么才能不当这个执行董事？", True),
    ("离婚判决房子归我，但对方赖着不搬走，我申请了强制执行，法院能强制腾退吗？", False),
    ("对方不履行执行和解协议，我能申请恢复执行吗？", False),
])
def test_the_chain_declines_by_meaning(service, question, declined):
    # the first is in scope by the word rules alone (执行): the model's reading of its meaning declines it
    answer = service.ask(question)
    assert (answer.abstained and answer.abstain_reason == "out_of_scope") == declined, answer.text[:200]
