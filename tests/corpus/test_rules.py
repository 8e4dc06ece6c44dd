"""Rules as data (corpus/rules/deadlines.yaml): read strictly, and refused by `corpus build` when a provision
they name is not in force."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from typer.testing import CliRunner

from assistant.corpus.parse import CorpusError
from assistant.corpus.rules import Cite, DEADLINES_FILE, check_rules, load_deadline_rules, parse_deadline_rules


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
