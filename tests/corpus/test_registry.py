from __future__ import annotations

import pytest

from assistant.corpus.registry import LawRegistry

ALIASES = [
    ("民事诉讼法", "cpl"), ("民诉法", "cpl"), ("《中华人民共和国民事诉讼法》", "cpl"), ("中华人民共和国民事诉讼法", "cpl"),
    ("Civil Procedure Law", "cpl"), ("执行和解规定", "settlement"), ("《执行和解若干问题的规定》", "settlement"),
    ("法释〔2018〕3号", "settlement"), ("最高人民法院关于执行和解若干问题的规定", "settlement"),
    ("民诉法解释", "cpl-interp"), ("最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", "cpl-interp"),
    ("执行工作若干问题规定", "enforcement-work"), ("民法典", "civil-code"), ("限高规定", "consumption-restriction"),
    ("民事强制执行法草案", "enforcement-draft"), ("执行 和解 规定", "settlement"),
    ("执行异议之诉解释", "objection-suit-interp"), ("异议之诉司法解释", "objection-suit-interp"),
    ("执行异议之诉司法解释", "objection-suit-interp"), ("法释〔2025〕10号", "objection-suit-interp"),
    ("《最高人民法院关于审理执行异议之诉案件适用法律问题的解释》", "objection-suit-interp"),
    ("the 2025 SPC Interpretation on Enforcement Objection Actions", "objection-suit-interp"),
    ("法释〔2015〕10号", "objection"),
]


@pytest.mark.parametrize("name, law_id", ALIASES)
def test_alias_resolution(registry, name, law_id):
    assert registry.resolve_alias(name) == law_id


@pytest.mark.parametrize("name", ["民事执行法", "执行和解实施细则", "Enforcement Settlement Act", ""])
def test_unknown_names(registry, name):
    assert registry.resolve_alias(name) is None


def test_current_versions(registry):
    assert registry.current_version("cpl").version == "2024-01-01"
    assert registry.current_version("cpl-interp").version == "2022-04-10"
    assert registry.current_version("settlement").version == "2021-01-01"
    assert registry.current_version("enforcement-draft") is None
    assert registry.law("enforcement-draft").status == "terminated_draft"
    ended = registry.law("enforcement-draft").latest.termination
    assert ended is not None and ended.year == 2024 and "2024年第4号" in ended.source and "审执分离" in ended.reason
    interp = registry.current_version("objection-suit-interp")
    assert (interp.version, interp.doc_number, interp.status) == ("2025-07-24", "法释〔2025〕10号", "in_force")
    assert interp.adopted.isoformat() == "2024-12-14" and len(interp.articles) == 23


def test_superseded_kept(registry):
    statuses = {v.version: v.status for v in registry.versions("cpl")}
    assert statuses["2022-01-01"] == "superseded" and statuses["2024-01-01"] == "in_force"
    assert registry.current_version("consumption-restriction").title.endswith("高消费及有关消费的若干规定")
    assert [v.status for v in registry.versions("consumption-restriction")] == ["superseded", "in_force"]


def test_article_lookup_by_version(registry):
    assert "执行回转" not in registry.article("cpl", 244, "2024-01-01").text  # the article text does not name itself
    assert "返还" in registry.article("cpl", 244).text
    assert "返还" in registry.article("cpl", 233, "2017-07-01").text
    assert registry.article("cpl", 307) is None
    assert registry.has_article("cpl", 291, version="2022-01-01") and not registry.has_article("cpl", 292, version="2022-01-01")


@pytest.mark.parametrize("year, version", [(2017, "2017-07-01"), (2012, "2017-07-01"), (2021, "2022-01-01"),
                                            (2023, "2024-01-01"), (2007, "2008-04-01"), (1991, "1991-04-09")])
def test_version_for_year(registry, year, version):
    assert registry.version_for_year("cpl", year).version == version


def test_notes_are_looked_up_by_id_and_the_index_follows_the_list(registry):
    assert all(registry.note(n.id) is n for n in registry.notes)
    assert registry.note("no-such-note") is None
    bare = LawRegistry(registry.laws, {}, {}, notes=registry.notes[:2])
    assert set(bare.notes_by_id) == {n.id for n in registry.notes[:2]}
    bare.notes = registry.notes[2:3]
    assert list(bare.notes_by_id) == [registry.notes[2].id]
