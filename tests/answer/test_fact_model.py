"""The learned fact reader: its shipped weights, its training, its features, its cue words, and what the navigator
does with a fact it reports missing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.answer.navigator import answer_from_question, read_settlement
from assistant.answer.navigator.fact_model import (AS_OF, FACTS, PROBE, PROBE_AS_OF, UNKNOWN, WEIGHTS_PATH, FactReader,
                                                   best_floor, fact_files, fit_fact, load_labelled, message_features,
                                                   train)
from assistant.answer.navigator.facts import settlement_fact_values
from assistant.corpus.parse import CorpusError
from assistant.corpus.rules import load_navigator_rules
from assistant.corpus.wording import FACT_CUES_FILE, check_fact_values, load_fact_cues, parse_fact_cues

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "eval" / "bank"
TODAY = date(2026, 12, 5)


@pytest.fixture(scope="module")
def cues():
    return load_fact_cues()


@pytest.fixture(scope="module")
def reader():
    return FactReader.load()


@pytest.fixture(scope="module")
def folds(cues):
    return {f.stem.split("_")[-1]: load_labelled(f, cues, as_of=AS_OF) for f in fact_files(BANK)}


def test_the_shipped_weights_load_and_read_the_probe_as_at_training_time(reader):
    card = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["card"]
    got = reader.read(PROBE, as_of=PROBE_AS_OF)
    assert set(got) == set(FACTS) == set(card["probe"]["probabilities"])
    for fact, reading in got.items():
        assert [round(p, 2) for _, p in reading.probabilities] == \
            pytest.approx(card["probe"]["probabilities"][fact], abs=0.01)
    assert (got["performance"].value, got["role"].value, got["submission"].value) == \
        ("partly_performed", "creditor", "submitted")
    # the card says how it did on the author group it was not trained on, and the weights stay small
    assert {"test_AB_trained_on_others", "test_C_trained_on_others"} <= set(card["held_out"])
    assert WEIGHTS_PATH.stat().st_size < 2_000_000


def test_weights_for_other_cue_words_are_refused(tmp_path, cues):
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["cues_digest"] = "0" * 16
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="train-fact-reader"):
        FactReader.load(path, cues)
    with pytest.raises(ValueError, match="cannot read the fact-reader weights"):
        FactReader.load(tmp_path / "missing.json", cues)


@pytest.mark.parametrize("text,wanted", [
    ("他没付清", "cue:performance:fully_performed|neg"),
    ("我只还了一半", "cue:performance:partly_performed|by_own"),
    ("对方只还了一半", "cue:performance:partly_performed|by_other"),
    ("如果他不付了，我怎么办", "frame:hyp"),
    ("他说已经付清了", "cue:performance:fully_performed|claim"),
    ("货按时交了，但有一半发霉", "pair:performance:being_performed+performed_defectively"),
    ("我是担保人", "party:neither"),
    ("和解协议约定2027年3月31日前付清", "due_after_as_of"),
    ("和解协议约定2025年3月31日前付清", "due_passed"),
])
def test_the_frames_of_a_cue_are_features(cues, text, wanted):
    assert wanted in {f for f, _ in message_features(text, cues, as_of=TODAY)}


def test_training_is_reproducible_and_holds_each_group_out(folds, cues):
    small = {name: rows[:120] for name, rows in folds.items()}
    one, card = train(small, cues, seed=2)
    two, _ = train(small, cues, seed=2)
    assert json.dumps(one.to_json()) == json.dumps(two.to_json())
    assert set(card["held_out"]) == {"test_AB_trained_on_others", "test_C_trained_on_others"}
    for fact, clf in one.classifiers.items():
        assert 0.0 <= clf.floor <= clf.sure <= 1.0 and clf.classes[-1] == UNKNOWN


def test_held_out_the_reader_beats_the_commonest_value(folds, cues):
    for test, train_on in (("C", "AB"), ("AB", "C")):
        for fact in FACTS:
            clf = fit_fact(folds[train_on], fact, cues)
            gold = [r.labels[fact] for r in folds[test]]
            got = [clf.decide(clf.probabilities(r.features)) for r in folds[test]]
            commonest = max(gold.count(v) for v in set(gold)) / len(gold)
            accuracy = sum(g == p for g, p in zip(gold, got)) / len(gold)
            assert accuracy > commonest - 0.05, (test, fact, accuracy, commonest)


def test_the_floor_reports_missing_where_guessing_is_wrong_more_often():
    # below 0.5 the guesses are wrong and the facts unknown; above, right
    scored = [(0.3, "not_performed", UNKNOWN), (0.4, "fully_performed", UNKNOWN), (0.6, "not_due", "not_due"),
              (0.9, "not_performed", "not_performed")]
    assert best_floor(scored) == 0.6


def test_a_bad_labelled_line_is_named(tmp_path, cues):
    path = tmp_path / "fact_labels_X.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "他没付", "performance": "paid", "role": "creditor",
                                "submission": "unknown"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"fact_labels_X.jsonl:1: performance must be one of"):
        load_labelled(path, cues, as_of=TODAY)


def test_the_cue_words_name_only_facts_and_values_the_navigator_has(cues, tmp_path):
    assert check_fact_values(cues, settlement_fact_values()) == []
    assert check_fact_values(cues, {"performance": {"unknown"}}) != []
    text = (ROOT / "corpus" / FACT_CUES_FILE).read_text(encoding="utf-8")
    bad = tmp_path / "fact_cues.yaml"
    bad.write_text(text.replace("    not_due: [", "    unknown: [", 1), encoding="utf-8")
    with pytest.raises(CorpusError, match="'unknown' has no cues"):
        parse_fact_cues(bad)


# ----- what the navigator does with the reading ---------------------------------------------------------------
def test_the_reading_carries_the_deciding_clause_and_a_probability_band(reader):
    q = "我是申请执行人，和解协议约定分六期付款，对方付了两期就不付了，我能申请恢复执行吗？"
    reading = read_settlement(q, today=TODAY, fact_reader=reader)
    performance = reading.read["performance"]
    assert performance.value.value == "partly_performed" and performance.probability is not None
    assert performance.surface in q and q[performance.span[0]:performance.span[1]] == performance.surface
    assert performance.confidence in (1.0, 0.6)


def test_a_performance_the_reader_cannot_read_is_asked_for(reader):
    # the guarantor's undertaking is read, what the debtor did is not said: the answer asks for it
    q = "我们的和解协议有担保人，担保人向法院承诺了自愿接受直接强制执行。我能申请执行担保人的财产吗？"
    reading = read_settlement(q, today=TODAY, fact_reader=reader)
    assert "performance" in reading.missing
    answer = answer_from_question(q, today=TODAY, fact_reader=reader)
    asked = load_navigator_rules().text("follow_ups", "F-performance")[0]
    assert answer is not None and answer.follow_up == asked
