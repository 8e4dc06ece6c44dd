"""Closed word classes as data (corpus/wording/): read strictly, and refused by `corpus build` with the file named."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from assistant.corpus.parse import CorpusError
from assistant.corpus.wording import (DATE_ROLES_FILE, PROVISOS_FILE, check_event_starts, load_date_cues,
                                      load_proviso_words, parse_date_cues, parse_proviso_words)

GOOD = "opens: [但是, 但, 除]\nnot_opening: [除权]\ncloses: [除外, 不在此限]\n"


def test_the_shipped_proviso_words_load():
    words = load_proviso_words()
    assert {"但是", "但"} <= set(words.opens) and {"除外", "不在此限", "另有规定"} <= set(words.closes)
    assert words.opens_clause("；但是，已经履行完毕的除外。") and not words.opens_clause("，除权日后")


@pytest.mark.parametrize("text,words", [
    ("opens: [但是\ncloses: [除外]\n", "invalid YAML"),
    ("- 但是\n- 除外\n", "must be a mapping"),
    ("closes: [除外]\n", "missing key 'opens'"),
    ("opens: [但是]\ncloses: [除外]\nexcept: [除]\n", "unknown key 'except'"),
    ("opens: []\ncloses: [除外]\n", "opens: must be a list of words"),
    ("opens: 但是\ncloses: [除外]\n", "opens: must be a list of words"),
    ("opens: [但是, 但是]\ncloses: [除外]\n", "'但是' is listed twice"),
    ("opens: [但是]\ncloses: [除外, '']\n", "closes: '' is not a word"),
    ("opens: [但是]\ncloses: [除外, 12]\n", "closes: 12 is not a word"),
    ("opens: ['但是，']\ncloses: [除外]\n", "holds a space or punctuation"),
    ("opens: [但是]\nnot_opening: [除权]\ncloses: [除外]\n", "does not start with a word of 'opens'"),
])
def test_a_malformed_word_file_is_a_corpus_error_naming_it(tmp_path, text, words):
    path = tmp_path / "provisos.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        parse_proviso_words(path)
    assert str(path) in str(err.value) and words in str(err.value), str(err.value)


def test_a_yaml_error_names_its_line(tmp_path):
    path = tmp_path / "provisos.yaml"
    path.write_text("# a comment\nopens: [但是]\ncloses: [除外\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        parse_proviso_words(path)
    assert err.value.line >= 3 and "invalid YAML" in err.value.message


def test_a_missing_file_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="cannot read the file"):
        parse_proviso_words(tmp_path / "provisos.yaml")


def test_the_parsed_words_decide_as_listed(tmp_path):
    path = tmp_path / "provisos.yaml"
    path.write_text(GOOD, encoding="utf-8")
    words = parse_proviso_words(path)
    assert words.opens_clause("，除本法另有规定外") and not words.opens_clause("，除权")
    assert words.closes_sentence("……的不在此限。") and not words.closes_sentence("法律另有规定。")


def test_corpus_build_refuses_bad_proviso_words(tmp_path, monkeypatch, corpus_dir):
    from assistant.cli import app

    shutil.copytree(corpus_dir, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("embedding-cache"))
    path = tmp_path / PROVISOS_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("closes: [", "closes: [除外, ", 1), encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 1 and "provisos.yaml" in result.output and "'除外' is listed twice" in result.output
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 0 and "proviso words" in result.output, result.output


# ----- date roles (corpus/wording/date_roles.yaml) ------------------------------------------------------------
CUES = """cues:
  performance_due: [前, 到期, due]
  ruling_served: [送达, served]
negations: [没, not]
event_starts:
  settlement_default: performance_due
"""


def test_the_shipped_date_cues_load_and_name_deadline_events():
    from assistant.corpus.rules import load_deadline_rules

    cues = load_date_cues()
    assert "performance_due" in cues.roles and "other" in cues.roles and len(cues.roles) == 10
    assert check_event_starts(cues, {e.id for e in load_deadline_rules().events}) == []
    assert cues.start_role("settlement_default") == "performance_due" and cues.start_role("revocation_fraud") is None


@pytest.mark.parametrize("change,words", [
    (("event_starts:\n  settlement_default: performance_due", "event_starts:\n  settlement_default: paid"),
     "'paid' is not one of the roles"),
    (("[前, 到期, due]", "[前, 到期, Due]"), "listed in lower case"),
    (("[没, not]", "[没, no]"), "negations: False is not a word"),
    (("[送达, served]", "[送达, 'served.']"), "holds punctuation"),
    (("[送达, served]", "[]"), "cues.ruling_served: must be a list"),
    (("negations: [没, not]\n", ""), "missing key 'negations'"),
])
def test_malformed_date_cues_are_a_corpus_error(tmp_path, change, words):
    path = tmp_path / "date_roles.yaml"
    path.write_text(CUES.replace(*change), encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        parse_date_cues(path)
    assert str(path) in str(err.value) and words in str(err.value), str(err.value)


def test_an_event_start_the_deadline_rules_lack_is_named(tmp_path):
    path = tmp_path / "date_roles.yaml"
    path.write_text(CUES.replace("settlement_default:", "settlement_defualt:"), encoding="utf-8")
    assert check_event_starts(parse_date_cues(path), {"settlement_default"}) == [
        "event_starts: 'settlement_defualt' is not an event of corpus/rules/deadlines.yaml"]


def test_corpus_build_refuses_an_unknown_event_start(tmp_path, monkeypatch, corpus_dir):
    from assistant.cli import app

    shutil.copytree(corpus_dir, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("embedding-cache"))
    path = tmp_path / DATE_ROLES_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("  judgment_due:", "  judgement_due:"), encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 1 and "date_roles.yaml" in result.output and "'judgement_due'" in result.output


@pytest.mark.slow
def test_train_date_roles_writes_weights_that_load(tmp_path):
    from assistant.answer.date_roles import DateRoleTagger
    from assistant.cli import app

    out = tmp_path / "w.json"
    result = CliRunner().invoke(app, ["train-date-roles", "--out", str(out), "--seed", "1"])
    assert result.exit_code == 0 and "held out" in result.output, result.output
    assert DateRoleTagger.load(out).classes == load_date_cues().roles


# ----- English claim words (corpus/wording/english_claims.yaml) ----------------------------------------------
ENGLISH = """modals:
  prohibit: [cannot, may not]
  exempt: [need not]
  oblige: [must]
  permit: [can, may]
negations: [not, "no"]
absolutes: [only, always]
stop_words: [the, a]
"""


def test_the_shipped_english_claim_words_load():
    from assistant.corpus.wording import MODAL_CLASSES, load_english_claim_words

    words = load_english_claim_words()
    assert tuple(name for name, _ in words.modals) == MODAL_CLASSES
    modals = dict(words.modals)
    assert {"cannot", "may not", "no longer"} <= set(modals["prohibit"]) and {"can", "may"} <= set(modals["permit"])
    assert {"only", "always", "automatically"} <= set(words.absolutes) and "the" in words.stop_words
    assert len(words.digest()) == 16


@pytest.mark.parametrize("change,words", [
    (("  exempt: [need not]\n", ""), "must map exactly the classes prohibit, exempt, oblige, permit"),
    (("  permit: [can, may]", "  permit: [can, may]\n  forbid: [never]"), "must map exactly the classes"),
    (("permit: [can, may]", "permit: [can, may not]"), "'may not' is also listed under 'prohibit'"),
    (("negations: [not, \"no\"]", "negations: [not, no]"), "negations: False is not a word"),
    (("absolutes: [only, always]", "absolutes: [Only, always]"), "listed in lower case"),
    (("stop_words: [the, a]\n", ""), "missing key 'stop_words'"),
    (("oblige: [must]", "oblige: ['must,']"), "holds punctuation"),
    (("stop_words: [the, a]\n", "stop_words: [the, a]\nnot_negations: [as soon as]\n"), "holds no word of 'negations'"),
])
def test_malformed_english_claim_words_are_a_corpus_error(tmp_path, change, words):
    from assistant.corpus.wording import parse_english_claim_words

    path = tmp_path / "english_claims.yaml"
    path.write_text(ENGLISH.replace(*change), encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        parse_english_claim_words(path)
    assert str(path) in str(err.value) and words in str(err.value), str(err.value)


def test_corpus_build_refuses_bad_english_claim_words(tmp_path, monkeypatch, corpus_dir):
    from assistant.cli import app
    from assistant.corpus.wording import ENGLISH_CLAIMS_FILE

    shutil.copytree(corpus_dir, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("embedding-cache"))
    path = tmp_path / ENGLISH_CLAIMS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("permit: [can,", "permit: [cannot, can,"), encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 1 and "english_claims.yaml" in result.output
    assert "'cannot' is also listed under 'prohibit'" in result.output, result.output
