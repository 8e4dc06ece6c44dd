"""The guard's open word classes as data (corpus/guard/claim_words.yaml): read strictly, refused by `corpus build` with
the file named, and read by the claim patterns as listed."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from assistant.corpus.claim_words import CLAIM_WORDS_FILE, load_claim_words, parse_claim_words
from assistant.corpus.parse import CorpusError
from assistant.guard.claims import _glossed_terms, claim_patterns, is_historical

GOOD = {
    "lexical_negations": "[不动产, 无效]",
    "role_qualifiers": "[法定]",
    "person_roles": "[代表人]",
    "persons": "[配偶]",
    "light_words": "[依法]",
    "acting_parties": "[申请执行人]",
    "acts": "[申请, 执行]",
    "act_like_nouns": "[申请执行人]",
    "attribution": "[规定, sets out]",
    "historical_markers": "[修改前]",
    "not_former": "[原告]",
    "text_changes": "[废止]",
    "not_absolute": "[所有权]",
    "not_topic_words": "[real estate]",
    "english_glosses": "{送达: [service, served], 冻结: [freez]}",
}


def _write(tmp_path, **changes) -> object:
    entries = {**GOOD, **changes}
    path = tmp_path / "claim_words.yaml"
    path.write_text("".join(f"{k}: {v}\n" for k, v in entries.items() if v is not None), encoding="utf-8")
    return path


def test_the_shipped_claim_words_load():
    words = load_claim_words()
    assert "不动产" in words.lexical_negations and "法定代表人" in words.person_names()
    assert "sets out" in words.attribution and words.size >= 100


def test_a_well_formed_file_parses_in_file_order(tmp_path):
    words = parse_claim_words(_write(tmp_path))
    assert words.acts == ("申请", "执行") and words.person_names() == ("代表人", "法定代表人", "配偶")
    assert words.english_glosses == (("service", "送达"), ("served", "送达"), ("freez", "冻结"))


@pytest.mark.parametrize("changes,message", [
    ({"spare": "[无偿]"}, "unknown key 'spare'"),
    ({"persons": None}, "missing key 'persons'"),
    ({"light_words": "[]"}, "light_words: must be a list of words"),
    ({"acts": "申请"}, "acts: must be a list of words"),
    ({"persons": "[配偶, '']"}, "persons: '' is not a word"),
    ({"persons": "[配偶, 配偶]"}, "persons: '配偶' is listed twice"),
    ({"attribution": "[规定, provides, provides]"}, "'provides' is listed twice"),
    ({"attribution": "[Provides]"}, "listed in lower case"),
    ({"lexical_negations": "['不动产，']"}, "holds a space or punctuation"),
    ({"lexical_negations": "[动产]"}, "'动产' does not begin with a negator"),
    ({"act_like_nouns": "[被执行人]"}, "'被执行人' does not begin with a word of 'acts'"),
    ({"persons": "[配偶, 代表人]"}, "'代表人' is listed under person_roles too"),
    ({"not_former": "[告]"}, "'告' does not begin with 原"),
    ({"english_glosses": "[service]"}, "english_glosses: must map Chinese words"),
    ({"english_glosses": "{送达: [service], 通知: [service]}"}, "'service' is listed under '送达' too"),
    ({"english_glosses": "{送达: [service], 送达: [served]}"}, "'送达' is listed twice"),
    ({"english_glosses": "{送达: [送达]}"}, "'送达' is not an English word"),
    ({"english_glosses": "{送 达: [service]}"}, "holds a space or punctuation"),
])
def test_a_malformed_claim_words_file_is_a_corpus_error_naming_it(tmp_path, changes, message):
    path = _write(tmp_path, **changes)
    with pytest.raises(CorpusError) as err:
        parse_claim_words(path)
    assert str(path) in str(err.value) and message in str(err.value), str(err.value)


def test_corpus_build_refuses_bad_claim_words(tmp_path, monkeypatch, corpus_dir):
    from assistant.cli import app

    shutil.copytree(corpus_dir, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("embedding-cache"))
    path = tmp_path / CLAIM_WORDS_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("persons: [", "persons: [配偶, ", 1), encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 1 and "claim_words.yaml" in result.output and "'配偶' is listed twice" in result.output
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 0 and "guard claim words" in result.output, result.output


@pytest.mark.parametrize("pattern,text,found", [
    ("lexical_negation", "查封被执行人的不动产", ["不动产"]),
    ("lexical_negation", "不予执行", []),
    ("person", "其法定代表人及其配偶", ["法定代表人", "配偶"]),  # the qualified role whole, not 代表人
    ("person", "实际控制人的近亲属", ["实际控制人", "近亲属"]),
    ("attribution", "Article 9 Sets Out the period", ["Sets Out"]),
    ("attribution", "该条明确", ["明确"]),
])
def test_the_patterns_find_the_listed_words(pattern, text, found):
    assert [m.group(0) for m in getattr(claim_patterns(), pattern).finditer(text)] == found


@pytest.mark.parametrize("text,historical", [
    ("原第二百三十条规定的期间", True),
    ("修改前的民事诉讼法", True),
    ("该解释已被废止", True),
    ("formerly Article 230", True),
    ("原告向人民法院起诉", False),    # a word that begins with 原 and is about the case
    ("原判决确定的债务", False),
    ("已被查封的财产", False),        # 已被 a step of the case, not a change to the text
    ("原为夫妻共同生活所负的债务", False),
])
def test_historical_statements_are_read_from_the_listed_words(text, historical):
    assert is_historical(text) is historical


@pytest.mark.parametrize("english,terms", [
    ("within fifteen days of service of the ruling", {"送达", "裁定"}),
    ("the deposits are frozen", {"存款", "冻结"}),
    ("unfreezing", set()),  # a stem is read at a word's start only
])
def test_english_glosses_name_the_chinese_words(english, terms):
    assert _glossed_terms(english) == terms


@pytest.mark.parametrize("rest,act", [
    ("依法扣除被执行人的收入", "扣除被执行人的收入"),   # a light word
    ("由申请执行人提出书面申请", "提出书面申请"),          # an acting party after 由
    ("自行和解", "和解"),                                  # 自行 is a light word, not 自…之日起…内
    ("自裁定送达之日起十日内申请复议", "申请复议"),
])
def test_light_words_before_the_act_are_taken_off(rest, act):
    assert claim_patterns().light.sub("", rest, count=1) == act


@pytest.mark.parametrize("rest,act", [
    ("将担保人追加为被执行人", "追加为被执行人"),
    ("依据该协议作出裁定", "作出裁定"),
    ("依申请执行人的申请恢复执行", "申请恢复执行"),  # 申请执行人 is a noun that begins with an act, not the act
])
def test_the_object_before_the_act_is_taken_off(rest, act):
    assert claim_patterns().object_before_act.sub("", rest, count=1) == act
