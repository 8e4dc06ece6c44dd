"""Closed word classes as data (corpus/wording/): read strictly, and refused by `corpus build` with the file named."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from assistant.corpus.parse import CorpusError
from assistant.corpus.wording import PROVISOS_FILE, load_proviso_words, parse_proviso_words

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
