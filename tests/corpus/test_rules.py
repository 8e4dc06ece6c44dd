"""Rules as data (corpus/rules/deadlines.yaml, navigator.yaml and navigator_text.yaml): read strictly, and refused by
`corpus build` when a provision they name is not in force."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from typer.testing import CliRunner

from assistant.corpus.parse import CorpusError
from assistant.corpus.rules import (Cite, DEADLINES_FILE, NAVIGATOR_FILE, check_navigator_rules, check_rules,
                                    load_deadline_rules, load_navigator_rules, parse_deadline_rules,
                                    parse_navigator_rules)


def test_the_shipped_rules_name_only_provisions_in_force(registry):
    rules = load_deadline_rules()
    assert rules.events and check_rules(rules, registry) == []


@pytest.mark.parametrize("provision,paragraph,words", [
    (("cpl", 9999), None, "has no article 9999"),
    (("enforcement-draft", 1), None, "is not in force"),
    (("no-such-law", 1), None, "unknown law id"),
    (("cpl", 85), 9, "has no paragraph 9"),
])
def test_a_provision_not_in_force_is_named(registry, provision, paragraph, words):
    rules = load_deadline_rules()
    broken = dataclasses.replace(rules, cites={**rules.cites, "rest_day_moves": Cite(provision, paragraph)})
    problems = check_rules(broken, registry)
    assert problems and "cites.rest_day_moves" in problems[0] and words in problems[0]
    event = dataclasses.replace(rules.events[0], provisions=(provision,))
    broken = dataclasses.replace(rules, events=(event, *rules.events[1:]))
    if paragraph is None:
        assert any(f"event {event.id!r}" in p and words in p for p in check_rules(broken, registry))


EVENT = """
  - id: sample
    title: {zh: 样例, en: Sample}
    starts_from: {zh: 送达之日, en: the day of service}
    action: {zh: 申请复议, en: apply}
    period: {days: 10}
    provisions: [[cpl, 236]]
"""


@pytest.mark.parametrize("change,words", [
    (("period: {days: 10}", "period: {days: 10, years: 1}"), "'period' is one of"),
    (("period: {days: 10}", "period: {weeks: 2}"), "'period' is one of"),
    (("    title: {zh: 样例, en: Sample}\n", ""), "'title' needs"),
    (("provisions: [[cpl, 236]]", "provisions: [[cpl, '236']]"), "[law id, article number]"),
    (("provisions: [[cpl, 236]]", "provisions: [[cpl, 236]]\n    kind: annual"), "'kind' must be one of"),
])
def test_a_malformed_event_is_a_corpus_error_naming_it(tmp_path, change, words):
    path = tmp_path / "deadlines.yaml"
    path.write_text("earliest_start: 2008-04-01\nevents:" + EVENT.replace(*change), encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        parse_deadline_rules(path)
    assert str(path) in str(err.value) and words in str(err.value)
    assert "sample" in str(err.value)


def test_an_event_id_used_twice_is_refused(tmp_path):
    path = tmp_path / "deadlines.yaml"
    path.write_text("earliest_start: 2008-04-01\nevents:" + EVENT + EVENT, encoding="utf-8")
    with pytest.raises(CorpusError, match="used twice"):
        parse_deadline_rules(path)


def test_corpus_build_refuses_a_rule_citing_a_missing_article(tmp_path, monkeypatch, corpus_dir):
    from assistant.cli import app

    # the whole corpus but its embedding cache (the manifest and the outside instruments are checked too)
    shutil.copytree(corpus_dir, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("embedding-cache"))
    rules = tmp_path / DEADLINES_FILE
    text = rules.read_text(encoding="utf-8")
    assert "provisions: [[cpl, 236], [cpl, 85]]" not in text       # the dump writes one pair a line
    rules.write_text(text.replace("- [cpl, 236]", "- [cpl, 2360]", 1), encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 1 and "cpl has no article 2360" in result.output
    rules.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 0 and "26 deadline events" in result.output, result.output


def test_the_provisions_of_an_events_details_are_checked_too(registry):
    rules = load_deadline_rules()
    event, details = next(iter(rules.details.items()))
    broken = dataclasses.replace(rules, details={**rules.details,
                                                 event: dataclasses.replace(details, provisions=(("cpl", 9999),))})
    assert check_rules(broken, registry) == [f"event {event!r} details: cpl has no article 9999 in its current text"]


# ---- the relief navigator's rules (corpus/rules/navigator.yaml, wording in navigator_text.yaml) ----------------

def test_the_navigator_rules_name_only_provisions_in_force(registry):
    from assistant.answer.navigator.engine import build_rule_set

    rules = load_navigator_rules()
    assert rules.procedures["settlement"].rules and check_navigator_rules(rules, registry) == []
    assert build_rule_set(rules).settlement.remedies[0] == "resume_enforcement"


def test_a_navigator_rule_citing_a_missing_article_is_named(registry):
    rules = load_navigator_rules()
    settlement = rules.procedures["settlement"]
    rule = dataclasses.replace(settlement.rules[1], provisions=(("settlement", 99),))
    broken = dataclasses.replace(rules, procedures={
        **rules.procedures, "settlement": dataclasses.replace(settlement, rules=(settlement.rules[0], rule,
                                                                                   *settlement.rules[2:]))})
    assert check_navigator_rules(broken, registry) == [
        f"rule {rule.id!r}: settlement has no article 99 in its current text"]


def test_a_provision_written_inside_a_navigator_text_is_checked(registry):
    rules = load_navigator_rules()
    rule_id, (zh, en) = next(iter(rules.texts["rules"].items()))
    broken = dataclasses.replace(rules, texts={**rules.texts, "rules": {
        **rules.texts["rules"], rule_id: (zh + "依照民事诉讼法第九百九十九条。", en)}})
    problems = check_navigator_rules(broken, registry)
    assert len(problems) == 1 and rule_id in problems[0] and "cpl has no article 999" in problems[0]


NAVIGATOR = """
settlement:
  remedies: [resume_enforcement]
  rules:
  - id: S-sample
    remedy: resume_enforcement
    verdict: open
    when: {performance: not_performed}
    provisions: [[settlement, 9]]
  notes: []
  follow_ups: []
"""
NAVIGATOR_TEXT = """
remedies:
  resume_enforcement: {zh: 申请恢复执行, en: Resume enforcement}
rules:
  S-sample: {zh: 可以申请恢复执行。, en: Resumption is open.}
"""


@pytest.mark.parametrize("change,words", [
    (("verdict: open", "verdict: maybe"), "'verdict' must be one of open, closed, skip"),
    (("remedy: resume_enforcement\n    verdict", "remedy: appeal\n    verdict"), "'remedy' must be one of"),
    (("    provisions: [[settlement, 9]]\n", ""), "names the provisions it rests on"),
    (("[[settlement, 9]]", "[[settlement, nine]]"), "[law id, article number]"),
    (("when: {performance: not_performed}", "when: {performance: {a: 1}}"), "is not a value or a list of values"),
    (("verdict: open", "verdict: open\n    because: it is so"), "unknown key(s) because"),
])
def test_a_malformed_navigator_rule_is_a_corpus_error_naming_it(tmp_path, change, words):
    path, text_path = tmp_path / "navigator.yaml", tmp_path / "navigator_text.yaml"
    path.write_text(NAVIGATOR.replace(*change), encoding="utf-8")
    text_path.write_text(NAVIGATOR_TEXT, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        parse_navigator_rules(path, text_path)
    assert str(path) in str(err.value) and words in str(err.value) and "S-sample" in str(err.value)


@pytest.mark.parametrize("text_change,words", [
    (("  S-sample: {zh: 可以申请恢复执行。, en: Resumption is open.}\n", ""), "rules: no text for S-sample"),
    (("{zh: 可以申请恢复执行。, en: Resumption is open.}", "{zh: 可以申请恢复执行。}"), "needs a 'zh' and an 'en' text"),
    (("rules:\n", "rules:\n  S-gone: {zh: 无, en: None}\n"), "rules: S-gone is not in navigator.yaml"),
])
def test_a_navigator_text_missing_or_astray_is_a_corpus_error(tmp_path, text_change, words):
    path, text_path = tmp_path / "navigator.yaml", tmp_path / "navigator_text.yaml"
    path.write_text(NAVIGATOR, encoding="utf-8")
    text_path.write_text(NAVIGATOR_TEXT.replace(*text_change), encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        parse_navigator_rules(path, text_path)
    assert str(text_path) in str(err.value) and words in str(err.value)


@pytest.mark.parametrize("change,words", [
    (("{performance: not_performed}", "{performance: half_done}"), "performance cannot be 'half_done'; it is one of"),
    (("{performance: not_performed}", "{mood: angry}"), "'mood' is not a fact of settlement"),
    (("{performance: not_performed}", "{suit_filed: maybe}"), "suit_filed cannot be 'maybe'; it is one of True, False"),
])
def test_a_navigator_rule_naming_a_fact_the_navigator_does_not_read_is_refused(tmp_path, change, words):
    from assistant.answer.navigator.engine import build_rule_set

    path, text_path = tmp_path / "navigator.yaml", tmp_path / "navigator_text.yaml"
    path.write_text(NAVIGATOR.replace(*change), encoding="utf-8")
    text_path.write_text(NAVIGATOR_TEXT, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        build_rule_set(parse_navigator_rules(path, text_path))
    assert str(path) in str(err.value) and words in str(err.value) and "S-sample" in str(err.value)


def test_corpus_build_refuses_a_navigator_rule_citing_a_missing_article(tmp_path, monkeypatch, corpus_dir):
    from assistant.cli import app

    shutil.copytree(corpus_dir, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("embedding-cache"))
    rules = tmp_path / NAVIGATOR_FILE
    text = rules.read_text(encoding="utf-8")
    assert "provisions: [[settlement, 17], [cpl, 241], [cpl, 236]]" in text
    rules.write_text(text.replace("[[settlement, 17], [cpl, 241], [cpl, 236]]", "[[settlement, 17], [cpl, 2410]]"),
                     encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 1 and "rule 'S-resume-already': cpl has no article 2410" in result.output
    assert str(tmp_path / NAVIGATOR_FILE) in result.output
    rules.write_text(text.replace("when: {enforcement_resumed: true}", "when: {enforcement_resumed: yes please}"),
                     encoding="utf-8")
    result = CliRunner().invoke(app, ["corpus", "build"])
    assert result.exit_code == 1 and "enforcement_resumed cannot be 'yes please'" in result.output


@pytest.mark.parametrize("facts,words", [
    ("  performance:\n    halfway: {zh: 一半, en: half}\n", "facts.performance: 'halfway' is not one of"),
    ("  mood:\n    angry: {zh: 生气, en: angry}\n", "facts.mood: not a fact the navigator reads"),
    ("  suit_filed:\n    false: {zh: 没起诉, en: not sued}\n", "facts.suit_filed: map each value (or true)"),
])
def test_the_words_for_a_fact_name_a_fact_and_value_the_navigator_reads(tmp_path, facts, words):
    from assistant.answer.navigator.engine import build_rule_set

    path, text_path = tmp_path / "navigator.yaml", tmp_path / "navigator_text.yaml"
    path.write_text(NAVIGATOR, encoding="utf-8")
    text_path.write_text(NAVIGATOR_TEXT + "facts:\n" + facts, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        build_rule_set(parse_navigator_rules(path, text_path))
    assert str(text_path) in str(err.value) and words in str(err.value)
