"""The learned statement detector: its shipped weights, its training, its threshold, and the claim it hands on."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from assistant.answer.stance import claim_in, find_statement, statement_of
from assistant.answer.statement_detect import (DENSE_FEATURES, WEIGHTS_PATH, StatementDetector,
                                               choose_threshold, load_examples, train)

BANK = Path(__file__).resolve().parents[2] / "eval" / "bank"


def test_shipped_weights_load_and_beat_the_grammar_on_held_out_authors():
    model = StatementDetector.load()
    assert model is not None, f"{WEIGHTS_PATH.name} is missing: run `assistant train-statement-detector`"
    card = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["card"]
    held = {k[len("held_out_"):]: v for k, v in card.items() if k.startswith("held_out_")}
    assert len(held) >= 2, "the card reports each author held out"
    for author, figures in held.items():
        grammar = card[f"grammar_alone_{author}"]
        assert figures["statements_found"] >= grammar["statements_found"]
        # an author who wrote only statements has no open questions to take for claims
        assert figures["open_taken_for_statements"] is None or figures["open_taken_for_statements"] <= 0.05


def test_training_on_a_slice_separates_what_it_saw():
    folds = load_examples(BANK)
    rng = random.Random(0)
    sliced = {name: rng.sample(es, min(len(es), 120)) for name, es in folds.items() if name in ("A", "B")}
    model, report = train(sliced, c=4.0)
    assert report["examples"] == sum(len(es) for es in sliced.values())
    seen = [e for es in sliced.values() for e in es]
    right = sum(model.is_statement(e.text) == e.is_statement for e in seen) / len(seen)
    assert right >= 0.85
    again, _ = train(sliced, c=4.0)
    assert again.to_json() == model.to_json(), "training is seeded and reproducible"


def test_weights_of_other_features_are_refused():
    data = StatementDetector((0.0,) * len(DENSE_FEATURES), {}, 0.5).to_json()
    data["dense_features"] = ["bias"]
    with pytest.raises(ValueError, match="train-statement-detector"):
        StatementDetector.from_json(data)


def test_a_bad_bank_line_names_its_file(tmp_path):
    (tmp_path / "statement_detect_Z.jsonl").write_text('{"text": "执行和解", "is_statement": "yes"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="statement_detect_Z.jsonl:1"):
        load_examples(tmp_path)


@pytest.mark.parametrize("seed", range(20))
def test_the_threshold_takes_at_most_the_share_allowed(seed):
    rng = random.Random(seed)
    scored = [(rng.random(), rng.random() < 0.4, rng.random() < 0.01) for _ in range(300)]
    tau = choose_threshold(scored, max_false_statements=0.05)
    opens = [(p, framed) for p, s, framed in scored if not s]
    assert sum(p >= tau or framed for p, framed in opens) <= 0.05 * len(opens) + 1e-9


@pytest.mark.parametrize("question,claim", [
    # a quoted rule, whatever the user then asks about it
    ("对方律师说：“和解协议无效的问题只能在执行程序里提执行异议解决，不能单独起诉。”我该听他的吗？",
     "和解协议无效的问题只能在执行程序里提执行异议解决，不能单独起诉"),
    # what a belief marker introduces, to the end of its sentence
    ("我提了执行异议，可法院照样在推进拍卖。我以为执行异议审查期间，法院应当停止执行。法院这样做是不是违法？",
     "执行异议审查期间，法院应当停止执行"),
    # an exam item: the text after the colon, without its answer brackets
    ("判断：执行回转中双方对折价赔偿协商不成的，法院应当终结执行回转程序。（对/错）",
     "执行回转中双方对折价赔偿协商不成的，法院应当终结执行回转程序"),
    # a bare assertion put as a question
    ("被执行人不履行和解协议的，申请执行人只能申请恢复执行？", "被执行人不履行和解协议的，申请执行人只能申请恢复执行"),
    ("My lawyer says an enforcement settlement must be in writing or it has no effect. Should I believe him?",
     "an enforcement settlement must be in writing or it has no effect"),
])
def test_the_claim_is_read_out_of_frames_the_grammar_does_not_know(question, claim):
    found = claim_in(question)
    assert found is not None and found.claim == claim


def test_the_detector_backs_the_grammar_and_does_not_take_open_questions():
    model = StatementDetector.load()
    framed = "执行员说当事人要和解必须先撤回执行申请，对吗？"
    assert statement_of(framed) is not None and find_statement(framed, model) == statement_of(framed)
    for question in ("和解协议签了，对方一分钱没给，我该怎么办？", "What can I do if the debtor ignores the settlement?"):
        assert find_statement(question, model) is None
    # without a detector, only the grammar reads a statement
    quoted = "对方律师说：“和解协议无效的问题只能在执行程序里提执行异议解决，不能单独起诉。”我该听他的吗？"
    assert find_statement(quoted, None) == statement_of(quoted)

