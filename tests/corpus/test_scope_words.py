"""The scope vocabularies as data (corpus/wording/scope.yaml): read strictly, refused by `corpus build` with the file
named, and deciding as the file documents."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from assistant.answer.scope import classify_scope, scope_patterns
from assistant.corpus.parse import CorpusError
from assistant.corpus.scope_words import SCOPE_WORDS_FILE, load_scope_words, parse_scope_words

GOOD = """\
case_status:
  words: [where is my case]
  patterns: ['(查|看看).{0,6}(案子|进度)']
  hint_zh: 请联系承办法院。
  hint_en: Ask the court handling the case.
strong_in_scope:
  words: [强制执行, enforcement]
out_of_scope:
  tax:
    words: [个税]
    whole_words: [vat]
    word_starts: [tax]
    hint_zh: 请咨询税务机关。
    hint_en: Ask the tax authority.
  general:
    words: [天气]
in_scope:
  words: [执行, pay]
"""


def _write(tmp_path, text):
    path = tmp_path / "scope.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_scope_words_load():
    words = load_scope_words()
    topics = [topic for topic, _ in words.out_of_scope]
    assert topics[:2] == ["criminal", "family"] and {"tax", "labour", "immigration", "traffic", "general"} <= set(topics)
    assert "执行" in words.in_scope.words and "强制执行" in words.strong_in_scope.words
    assert dict(words.out_of_scope)["tax"].whole_words == ("vat",)
    assert words.case_status.patterns and words.case_status.hint_zh and words.case_status.hint_en


def test_the_good_file_parses_into_its_lists(tmp_path):
    words = parse_scope_words(_write(tmp_path, GOOD))
    tax = dict(words.out_of_scope)["tax"]
    assert (tax.words, tax.whole_words, tax.word_starts, tax.hint_en) == (("个税",), ("vat",), ("tax",),
                                                                          "Ask the tax authority.")
    assert dict(words.out_of_scope)["general"].hint_zh == "" and words.size == 10


@pytest.mark.parametrize("change,words", [
    (("in_scope:\n  words: [执行, pay]\n", "in_scope:\n  words: [执行, pay\n"), "invalid YAML"),
    (("in_scope:\n  words: [执行, pay]\n", ""), "missing key 'in_scope'"),
    (("    words: [天气]\n", "    words: [天气]\n  other:\n    hint_zh: 其他。\n    hint_en: Other.\n"),
     "out_of_scope.other: has no entries"),
    (("\nin_scope:", "\ntopics: []\nin_scope:"), "unknown key 'topics'"),
    (("  words: [执行, pay]", "  words: []"), "in_scope.words: must be a list of words"),
    (("    words: [天气]", "    words: [天气]\n    word_start: [weather]"), "out_of_scope.general: unknown key 'word_start'"),
    (("  words: [执行, pay]", "  words: [执行, pay]\n  hint_zh: 执行"), "in_scope: unknown key 'hint_zh'"),
    (("    whole_words: [vat]", "    whole_words: [增值税]"), "out_of_scope.tax.whole_words: '增值税'"),
    (("    word_starts: [tax]", "    word_starts: [Tax]"), "listed in lower case"),
    (("  words: [执行, pay]", "  words: [执行, pay, 执行]"), "in_scope.words: '执行' is listed twice"),
    (("  words: [执行, pay]", "  words: [执行, 'pay|owe']"), "holds punctuation"),
    (("  patterns: ['(查|看看).{0,6}(案子|进度)']", "  patterns: ['(查|看看.{0,6}']"),
     "case_status.patterns: '(查|看看.{0,6}' does not compile"),
    (("  patterns: ['(查|看看).{0,6}(案子|进度)']", "  patterns: ['(案子)?']"), "matches an empty text"),
    (("  patterns: ['(查|看看).{0,6}(案子|进度)']", "  patterns: []"), "case_status.patterns: must be a list"),
    (("  hint_en: Ask the court handling the case.\n", ""), "case_status: missing key 'hint_en'"),
    (("    hint_en: Ask the tax authority.\n", ""), "out_of_scope.tax: missing key 'hint_en'"),
    (("    hint_zh: 请咨询税务机关。", "    hint_zh: ''"), "out_of_scope.tax.hint_zh: must be a sentence"),
    (("  general:", "  unrelated:"), "'unrelated' is classify_scope's own answer"),
    (("  general:\n    words: [天气]\n", "  general: [天气]\n"), "out_of_scope.general: must be a mapping"),
])
def test_a_malformed_scope_file_is_a_corpus_error_naming_it(tmp_path, change, words):
    assert change[0] in GOOD
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(CorpusError) as err:
        parse_scope_words(path)
    assert str(path) in str(err.value) and words in str(err.value), str(err.value)


def test_a_missing_scope_file_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="cannot read the file"):
        parse_scope_words(tmp_path / "scope.yaml")


# (question, in scope, topic): what the shipped file's comments say each list and step decides
@pytest.mark.parametrize("question,in_scope,topic", [
    # words match anywhere, also inside a longer word; letter case never matters
    ("对方不还钱怎么办", True, None),
    ("The payment he promised never came", True, None),
    ("Can the creditor RESUME the case?", True, None),
    # nothing of any vocabulary: unrelated
    ("推荐一本好看的小说", False, "unrelated"),
    ("Tell me a joke about cats", False, "unrelated"),
    # criminal, family, labour, traffic, general: their words
    ("盗窃罪一般怎么量刑", False, "criminal"),
    ("How long a prison term for fraud?", False, "criminal"),
    ("离婚时孩子抚养权归谁", False, "family"),
    ("Who gets custody after we divorce?", False, "family"),
    ("公司违法辞退我，能要赔偿吗", False, "labour"),
    ("I was dismissed from my job without notice", False, "labour"),
    ("酒驾会被怎么处罚", False, "traffic"),
    ("明天天气怎么样", False, "general"),
    ("Please write a song about spring", False, "general"),
    # the family pattern: 'a will' is a testament, 'the court will …' and 'my will be …' are not
    ("My father's will leaves the flat to my brother", False, "family"),
    ("Will the court freeze the account if the debtor hides money?", True, None),
    ("The judgment says the debtor will pay in May; the will not pay clause?", True, None),
    # tax: a word start ('tax' begins 'taxes', not 'syntax'); 'vat' only as a whole word
    ("How are taxes on rental income worked out?", False, "tax"),
    ("Is VAT charged on this sale?", False, "tax"),
    ("The syntax of the private agreement is unclear", False, "unrelated"),
    # immigration: 'visa' / 'visas' as whole words only
    ("签证过期了怎么办", False, "immigration"),
    ("Can my visa be renewed?", False, "immigration"),
    ("The visage of the building", False, "unrelated"),
    # a strong enforcement term keeps a question that names another field in passing
    ("离婚判决生效后对方不给抚养费，我能申请强制执行吗", True, None),
    ("Can a tax debt stop enforcement of my judgment?", True, None),
    # another field is read before the plain enforcement words
    ("离婚后法院判的财产怎么分", False, "family"),
    # enforcement questions that share a word with another field: shares the court freezes (股票, not 股价), a
    # frozen social-insurance account (社保, not 交社保), 无期限 (not 无期徒刑), 'trafficking' (not 'traffic')
    ("法院能冻结我的股票吗", True, None),
    ("最近股价怎么样", False, "general"),
    ("社保账户也被冻结了怎么办", True, None),
    ("每个月交社保是公司的义务吗", False, "labour"),
    ("冻结账户是无期限的吗", True, None),
    ("判了无期徒刑还要赔钱吗", False, "criminal"),
    ("He was convicted of drug trafficking and still owes me money", True, None),
    ("I got a traffic ticket yesterday", False, "traffic"),
    # asking to look up one's own case comes first, even in enforcement words
    ("帮我查一下我的案子强制执行到哪一步了", False, "case_status"),
    ("Where is my case? The enforcement has been slow.", False, "case_status"),
])
def test_the_shipped_file_decides_as_it_documents(question, in_scope, topic):
    decision = classify_scope(question)
    assert (decision.in_scope, decision.topic) == (in_scope, topic)
    if topic not in (None, "unrelated", "general"):  # a declined field says where it belongs, in both languages
        assert decision.hint_zh and decision.hint_en.endswith(". ")


def test_the_decisions_come_from_the_file(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "wording").mkdir(parents=True)
    (corpus / SCOPE_WORDS_FILE).write_text(GOOD.replace("  general:", "  maritime:\n    words: [船舶碰撞]\n  general:"),
                                           encoding="utf-8")
    patterns = scope_patterns(corpus)
    assert classify_scope("船舶碰撞后怎么赔", patterns).topic == "maritime"
    assert classify_scope("船舶碰撞后怎么赔").topic != "maritime"  # the checkout's file has no such field
    tax = classify_scope("Taxation of interest", patterns)
    assert (tax.in_scope, tax.topic, tax.hint_en) == (False, "tax", "Ask the tax authority. ")
    assert classify_scope("强制执行的个税", patterns).in_scope  # strong before the other fields
    assert classify_scope("看看我的案子", patterns).hint_zh == "请联系承办法院。"


def test_corpus_build_refuses_bad_scope_words(tmp_path, monkeypatch, corpus_dir):
    from assistant.cli import app

    shutil.copytree(corpus_dir, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("embedding-cache"))
    path = tmp_path / SCOPE_WORDS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("    whole_words: [vat]", "    whole_words: [vat, 增值税]"),
                    encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 1 and "scope.yaml" in result.output
    assert "out_of_scope.tax.whole_words: '增值税'" in result.output, result.output
