"""The date-role tagger: its shipped weights, its training, its inputs, and what the navigator does with it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.answer.date_roles import (PROBE, PROBE_TODAY, WEIGHTS_PATH, DateRoleTagger, date_features, evaluate,
                                         fit, load_labelled, train)
from assistant.answer.navigator import answer_from_question, settlement_facts_from_text
from assistant.corpus.wording import load_date_cues
from assistant.text.dates import find_dates

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "eval" / "bank"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def cues():
    return load_date_cues()


@pytest.fixture(scope="module")
def tagger():
    return DateRoleTagger.load()


@pytest.fixture(scope="module")
def labelled(cues):
    return {f.stem.split("_")[-1]: load_labelled(f, cues) for f in sorted(BANK.glob("date_roles_*.jsonl"))}


def test_the_shipped_weights_load_and_tag_the_probe_as_at_training_time(tagger, cues):
    card = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["card"]
    assert tagger.classes == cues.roles and 0.3 < tagger.threshold <= 1.0
    tags = tagger.tag(PROBE, find_dates(PROBE, PROBE_TODAY))
    assert card["probe"]["text"] == PROBE and len(tags) == len(card["probe"]["probabilities"]) == 4
    for t, at_training in zip(tags, card["probe"]["probabilities"]):
        assert [round(p, 2) for _, p in t.probabilities] == pytest.approx(at_training, abs=0.01)
    assert [t.role for t in tags] == ["judgment_effective", "settlement_signed", "performance_due", "ruling_served"]
    # the card says how it did on authors it was not trained on
    assert {"test_A_trained_on_others", "test_C_trained_on_others"} <= set(card["held_out"])


def test_weights_for_other_cue_words_are_refused(tmp_path, cues):
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["cues_digest"] = "0" * 16
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="train-date-roles"):
        DateRoleTagger.load(path, cues)
    with pytest.raises(ValueError, match="cannot read the date-role weights"):
        DateRoleTagger.load(tmp_path / "missing.json", cues)


@pytest.mark.parametrize("text,roles", [
    ("和解协议是2025年3月1日签的，约定2025年6月30日前付清。", ["settlement_signed", "performance_due"]),
    ("异议裁定书2026年11月6日送达给我，我想申请复议。", ["ruling_served"]),
    ("被执行人2025年5月8日付了10万元，之后再没付过。", ["payment_made"]),
    ("判决2024年9月12日生效，对方一直没有履行。", ["judgment_effective"]),
    ("法院2025年2月10日查封了我的房子。", ["enforcement_event"]),
    ("The settlement was signed on 1 March 2025 and he had to pay by 30 June 2025.",
     ["settlement_signed", "performance_due"]),
])
def test_the_shipped_tagger_reads_plain_questions(tagger, text, roles):
    assert [t.role for t in tagger.tag(text, find_dates(text, TODAY))] == roles


def test_the_dates_of_one_list_play_one_role(tagger):
    text = "和解协议约定分三期付款，分别是2025年1月10日、4月10日、7月10日，第二期起就没付。"
    tags = tagger.tag(text, find_dates(text, TODAY))
    assert len(tags) == 3 and len({(t.role, t.probability) for t in tags}) == 1


def test_a_negation_and_the_side_of_a_cue_are_features(cues):
    text = "裁定书还没送达，对方2025年3月1日提出了异议。"
    spans = [(d.start, d.end) for d in find_dates(text, TODAY)]
    feats = date_features(text, spans, 0, cues)
    assert "neg_cue:ruling_served" in feats and "cueL_out:ruling_served" in feats
    assert "cueR_in:application_filed" in feats and "only" in feats


def test_training_on_a_slice_is_reproducible_and_beats_the_majority_role(labelled, cues):
    rows = labelled["C"]
    train_rows, test_rows = rows[:700], rows[700:]
    classes = list(cues.roles)
    w1, w2 = fit(train_rows, classes, seed=3, steps=150), fit(train_rows, classes, seed=3, steps=150)
    assert w1 == w2
    report = evaluate(DateRoleTagger(cues.roles, w1, 0.5, cues), test_rows)
    majority = max(sum(r.role == c for r in test_rows) for c in classes) / len(test_rows)
    assert report["accuracy"] >= majority + 0.3, (report["accuracy"], majority)


def test_train_holds_each_author_out_and_chooses_a_sure_threshold(labelled, cues):
    folds = {"A": labelled["A"], "C": labelled["C"][:400]}
    tagger, card = train(folds, cues, steps=120)
    assert set(card["held_out"]) == {"test_A_trained_on_others", "test_C_trained_on_others"}
    for figures in card["held_out"].values():
        assert figures["sure_accuracy"] is None or figures["sure_accuracy"] >= 0.75
    assert 0.0 < tagger.threshold <= 1.0 and card["dates"] == len(folds["A"]) + 400


@pytest.mark.parametrize("line,message", [
    ({"id": "x", "text": "判决2024年1月1日生效", "dates": [{"surface": "2024年1月1日", "role": "birthday"}]}, "role"),
    ({"id": "x", "text": "判决2024年1月1日生效", "dates": [{"surface": "2024年2月1日", "role": "other"}]}, "not in the text"),
    ({"id": "x", "text": "判决2024年1月1日生效", "dates": []}, "needs 'text'"),
])
def test_a_bad_labelled_line_is_named(tmp_path, cues, line, message):
    path = tmp_path / "date_roles_X.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        load_labelled(path, cues)
    assert f"{path}:1" in str(err.value)


# ----- what the navigator does with the roles ---------------------------------------------------------------
def test_the_signing_date_is_not_taken_for_the_due_date():
    q = "我们2025年3月1日签了执行和解协议，对方一直没付，我最晚什么时候申请恢复执行？"
    assert settlement_facts_from_text(q, today=TODAY, dates=find_dates(q, TODAY)).due_date is None
    a = answer_from_question(q, today=TODAY)
    assert a is not None and a.deadline is None and "2027年3月" not in a.text


def test_the_due_date_is_read_whatever_the_order_of_the_dates():
    q = "约定2025年6月30日前付清，和解协议是2025年3月1日签的，还有2025年5月8日他付了两万，剩下的没付。"
    assert settlement_facts_from_text(q, today=TODAY, dates=find_dates(q, TODAY)).due_date == date(2025, 6, 30)


def test_a_period_counts_from_its_own_event_or_asks_for_it():
    # the service date is the start; the filing date, given too, is not
    q = "我2026年10月20日提了执行异议，被驳回，裁定2026年11月12日送到我手上，申请复议最后一天是哪天？"
    a = answer_from_question(q, today=TODAY)
    assert a is not None and a.facts["event_date"] == "2026-11-12" and a.deadline == date(2026, 11, 23)
    # only the filing date is given: the answer asks when the ruling was served instead of counting from it
    q = "我2026年11月2日提了执行异议，被驳回了，我想申请复议，最后一天是哪天？"
    a = answer_from_question(q, today=TODAY)
    assert a is not None and a.deadline is None and a.follow_up and "送达" in a.follow_up
