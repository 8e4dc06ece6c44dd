"""English statements read against the English conclusions of the commentary notes (assistant/answer/stance_english.py)."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.answer.stance_english import (EN_FEATURES, clauses, content_stems, english_modal,
                                             english_note_check, negated)
from assistant.answer.stance_model import (FEATURES, GLOSSARY_MODAL_CHECKS, StanceModel, StatementRow, english_view,
                                           fit_model, statement_features)


@pytest.mark.parametrize("text,modal", [
    ("the court cannot sell the shop", "prohibit"),
    ("you can't appeal that ruling", "prohibit"),
    ("the court refuses to resume enforcement", "prohibit"),
    ("the creditor can no longer apply", "prohibit"),  # 'no longer' is read before 'can'
    ("the debtor need not pay the penalty", "exempt"),
    ("a special authorisation is not required", "exempt"),
    ("the creditor must apply within two years", "oblige"),
    ("the court shall order the return", "oblige"),
    ("an agent may settle only with special authorisation", "oblige"),
    ("the creditor may apply to resume", "permit"),
    ("the court sets a hearing date", None),
])
def test_a_clause_says_may_must_must_not_or_need_not(text, modal):
    assert english_modal(text) == modal


@pytest.mark.parametrize("text,denies", [
    ("the creditor may not apply", True),
    ("no right to sue", True),
    ("not only the debtor but also a guarantor can commit the crime", False),
    ("the court decides no later than fifteen days after filing", False),
    ("the court did not act without delay", True),  # 'without delay' denies nothing; 'did not' does
])
def test_phrases_that_hold_a_negation_word_and_deny_nothing(text, denies):
    assert negated(text) is denies


def test_stems_ignore_inflection_and_function_words():
    assert content_stems("The creditor applied to the court") == content_stems("creditors applying to courts")
    assert not content_stems("is it so that it is?")


def test_a_conclusion_is_read_clause_by_clause_and_in_pairs():
    parts = clauses("The court may not issue the ruling; title passes by delivery, but the creditor may resume.")
    assert parts[:3] == ["The court may not issue the ruling", "title passes by delivery", "but the creditor may resume"]
    assert "The court may not issue the ruling, title passes by delivery" in parts


def _note(registry, note_id):
    note = registry.note(note_id)
    assert note is not None and note.conclusion_en, note_id
    return note


@pytest.mark.parametrize("claim,on,off", [
    # the note: 'The court may not issue a transfer-in-lieu ruling based on a settlement; …'
    ("the court can issue a transfer-in-lieu ruling based on the settlement",
     {"en_modal_conflict", "en_modal_conflict_close"}, {"en_modal_agree", "en_absolutes_unbacked"}),
    ("the court may not issue a transfer-in-lieu ruling based on a settlement",
     {"en_modal_agree", "en_modal_agree_close"}, {"en_modal_conflict", "en_modal_conflict_close"}),
    ("the court always issues a transfer-in-lieu ruling once the parties settle",
     {"en_absolutes_unbacked"}, {"en_durations_conflict"}),
])
def test_a_statement_against_its_note(registry, claim, on, off):
    features = english_note_check(claim, [(_note(registry, "settle-deed-in-lieu"), 0.88)])
    assert set(features) == set(EN_FEATURES)
    assert all(features[name] == 1.0 for name in on), features
    assert all(features[name] == 0.0 for name in off), features
    assert features["en_note_cover"] >= 0.5 and 0.0 < features["en_note_dense"] <= 1.0


@pytest.mark.parametrize("claim,agree,conflict", [
    ("the period for applying for enforcement is two years", 1.0, 0.0),
    ("the period for applying for enforcement is six months", 0.0, 1.0),
    ("the period for applying for enforcement runs from the last day of performance", 0.0, 0.0),
])
def test_periods_are_compared_with_the_conclusions(registry, claim, agree, conflict):
    features = english_note_check(claim, [(_note(registry, "proc-enforcement-period-start"), 0.0)])
    assert (features["en_durations_agree"], features["en_durations_conflict"]) == (agree, conflict)


def test_the_note_holding_most_of_the_statement_decides(registry):
    claim = "an agent may settle only with the principal's special authorisation"
    notes = [(_note(registry, "settle-deed-in-lieu"), 0.9), (_note(registry, "settle-agent-special-authority"), 0.85)]
    features = english_note_check(claim, notes)
    assert features["en_note_fit"] == 1.0 and features["en_modal_agree_close"] == 1.0


def test_nothing_to_compare_gives_no_evidence(registry):
    assert set(english_note_check("is it so that it is?", [(_note(registry, "settle-deed-in-lieu"), 0.9)]).values()) == {0.0}
    assert set(english_note_check("the court may seize the car", []).values()) == {0.0}


def test_a_chinese_statement_has_no_english_evidence():
    x = statement_features("申请执行的期间为二年", "zh", [], [], None)
    assert all(x[FEATURES.index(name)] == 0.0 for name in EN_FEATURES)


def test_the_english_weights_do_not_read_the_glossary_modal_checks_of_an_english_statement():
    x = [1.0] * len(FEATURES)
    english = english_view(x)
    assert all(english[FEATURES.index(name)] == 0.0 for name in GLOSSARY_MODAL_CHECKS)
    assert sum(english) == len(FEATURES) - len(GLOSSARY_MODAL_CHECKS)
    x[FEATURES.index("english")] = 0.0
    assert english_view(x) == x  # a Chinese statement keeps them


def _rows(n, english_signal):
    """Chinese rows whose truth a shared feature tells; English rows whose truth an English check tells."""
    rows = []
    for i in range(n):
        truth = ("true", "false")[i % 2]
        x = [0.0] * len(FEATURES)
        x[0] = 1.0
        x[FEATURES.index("polarity_top")] = float(truth == "false" and i % 3 != 0)
        rows.append(StatementRow("zh", truth, tuple(x)))
        y = [0.0] * len(FEATURES)
        y[0], y[FEATURES.index("english")] = 1.0, 1.0
        y[FEATURES.index("en_modal_conflict_close")] = float(truth == "false") * english_signal
        rows.append(StatementRow("en", truth, tuple(y)))
    return rows


def test_the_english_checks_weigh_english_statements_only():
    with_signal, weaker = fit_model(_rows(60, 1.0)), fit_model(_rows(60, 0.3))
    # the shared weights never read the English checks, so a Chinese statement is weighed the same either way
    assert with_signal.weights == weaker.weights and with_signal.weights_en != weaker.weights_en
    assert all(row[FEATURES.index(name)] == 0.0 for row in with_signal.weights for name in EN_FEATURES)
    english = [0.0] * len(FEATURES)
    english[0], english[FEATURES.index("english")] = 1.0, 1.0
    english[FEATURES.index("en_modal_conflict_close")] = 1.0
    probs = with_signal.probabilities(english)
    assert probs["false"] > 0.8
    assert StanceModel.from_json(with_signal.to_json()) == with_signal


def test_the_shipped_weights_weigh_english_statements_with_the_english_checks():
    model = StanceModel.load()
    # the English bar is whatever held-out authors allow at the trainer's precision: 1.0 (no English stance) when
    # no threshold reaches it
    assert model.weights_en is not None and model.threshold_en is not None and 0.0 < model.threshold_en <= 1.0
    assert any(row[FEATURES.index(name)] != 0.0 for row in model.weights_en for name in EN_FEATURES)
    assert all(row[FEATURES.index(name)] == 0.0 for row in model.weights for name in EN_FEATURES)


@pytest.mark.parametrize("question,opening,provision", [
    ("Someone told me a creditor who was coerced into an enforcement settlement may apply to the court to resume "
     "enforcement of the original judgment. True?", "Yes, that is right", "Article 241 of the Civil Procedure Law"),
    ("I heard that filing an objection to an enforcement act automatically suspends enforcement. Is that true?",
     "No, that is not right", None),
])
def test_an_english_statement_is_answered_with_the_provision_its_note_rests_on(service, monkeypatch, question,
                                                                               opening, provision):
    """The wiring from the English weights to the answer, with the English bar at the Chinese one (the shipped English
    bar follows held-out precision and may withhold every English stance: see the test below)."""
    model = service.chain.stance_model
    monkeypatch.setattr(service.chain, "stance_model", dataclasses.replace(model, threshold_en=model.threshold))
    answer = service.ask(question)
    head = answer.text.split("**Conclusion**: ")[-1]
    assert head.startswith(opening), answer.text[:400]
    if provision:
        assert provision in head.split("\n")[0], head[:400]


def test_an_english_statement_below_the_english_bar_gets_no_stance_but_the_rules(service, monkeypatch):
    model = service.chain.stance_model
    monkeypatch.setattr(service.chain, "stance_model", dataclasses.replace(model, threshold_en=1.0 + 1e-9))
    answer = service.ask("I heard that filing an objection to an enforcement act automatically suspends enforcement. "
                         "Is that true?")
    head = answer.text.split("**Conclusion**: ")[-1]
    assert head.startswith("I can't reliably judge that statement"), answer.text[:400]
    assert not head.startswith(("Yes", "No")) and any(c.verdict == "valid" for c in answer.citations)
