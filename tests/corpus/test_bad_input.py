"""A malformed corpus fails loudly, naming the file and line."""

from __future__ import annotations

import shutil

import pytest

from assistant.corpus.parse import CorpusError, parse_statute_file
from assistant.corpus.registry import LawRegistry

FRONT = "---\nlaw_id: x\ntitle: 测试规定\nshort_name: 测试规定\neffective: 2020-01-01\nstatus: in_force\nkind: interpretation\n---\n"


def write(tmp_path, text, name="x@2020-01-01.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_missing_front_matter(tmp_path):
    with pytest.raises(CorpusError) as e:
        parse_statute_file(write(tmp_path, "第一条 甲。\n"))
    assert "x@2020-01-01.md:1" in str(e.value)


def test_bad_yaml_names_line(tmp_path):
    with pytest.raises(CorpusError) as e:
        parse_statute_file(write(tmp_path, "---\nlaw_id: x\ntitle: [unclosed\n---\n第一条 甲。\n"))
    assert "invalid YAML" in str(e.value) and e.value.line >= 2


def test_duplicate_article_reported_with_line(tmp_path):
    with pytest.raises(CorpusError) as e:
        parse_statute_file(write(tmp_path, FRONT + "\n第一条 甲。\n\n第二条 乙。\n\n第二条 丙。\n"))
    assert "duplicate article 2" in e.value.message and e.value.line == 14


def test_missing_article_reported(tmp_path):
    with pytest.raises(CorpusError) as e:
        parse_statute_file(write(tmp_path, FRONT + "\n第一条 甲。\n\n第二条 乙。\n\n第四条 丁。\n"))
    assert "missing article number(s): 3" in e.value.message


def test_bad_status(tmp_path):
    with pytest.raises(CorpusError, match="status must be"):
        parse_statute_file(write(tmp_path, FRONT.replace("in_force", "maybe") + "\n第一条 甲。\n"))


DRAFT_FRONT = ("---\nlaw_id: x\ntitle: 测试法（草案）\nshort_name: 测试法草案\neffective: 2022-06-21\n"
               "status: terminated_draft\nkind: draft\n{extra}---\n\n本草案已终止审议。\n")


def test_terminated_draft_needs_its_record(tmp_path):
    with pytest.raises(CorpusError, match="needs a 'terminated' mapping"):
        parse_statute_file(write(tmp_path, DRAFT_FRONT.format(extra="")))
    with pytest.raises(CorpusError, match="'terminated' lacks reason"):
        parse_statute_file(write(tmp_path, DRAFT_FRONT.format(extra="terminated: {year: 2024, by: 常委会, source: 公报}\n")))
    with pytest.raises(CorpusError, match="not a year"):
        parse_statute_file(write(tmp_path, DRAFT_FRONT.format(
            extra="terminated: {year: soon, by: 常委会, source: 公报, reason: 待定}\n")))
    lv = parse_statute_file(write(tmp_path, DRAFT_FRONT.format(
        extra="terminated: {year: 2024, by: 常委会, source: 公报, reason: 待定}\n")))
    assert lv.termination.year == 2024 and not lv.articles


def test_termination_record_only_on_a_terminated_draft(tmp_path):
    with pytest.raises(CorpusError, match="only for status terminated_draft"):
        parse_statute_file(write(tmp_path, FRONT.replace("kind: interpretation\n", "kind: interpretation\nterminated: {year: 2024}\n")
                                 + "\n第一条 甲。\n"))


def test_empty_statute(tmp_path):
    with pytest.raises(CorpusError, match="no articles"):
        parse_statute_file(write(tmp_path, FRONT + "\n本规定没有条文。\n"))


@pytest.fixture
def corpus_copy(tmp_path, corpus_dir):
    dst = tmp_path / "corpus"
    shutil.copytree(corpus_dir, dst)
    return dst


NOTE = """---
id: {id}
title: 测试
title_en: Test
topic: settlement
kind: law
conclusion: 测试。
cites:
  - {{law: {law}, article: {article}}}
---
正文。
"""


def test_note_citing_nonexistent_article_fails_build(corpus_copy):
    (corpus_copy / "commentary" / "bad-note.md").write_text(NOTE.format(id="bad-note", law="执行和解规定", article=25), encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        LawRegistry.load(corpus_copy)
    assert "bad-note.md" in str(e.value) and "第25条" in str(e.value)


def test_note_citing_unknown_law_fails_build(corpus_copy):
    (corpus_copy / "commentary" / "bad-law.md").write_text(NOTE.format(id="bad-law", law="执行和解实施细则", article=1), encoding="utf-8")
    with pytest.raises(CorpusError, match="unknown law"):
        LawRegistry.load(corpus_copy)


def test_note_id_must_match_file(corpus_copy):
    (corpus_copy / "commentary" / "other-name.md").write_text(NOTE.format(id="mismatch", law="民事诉讼法", article=241), encoding="utf-8")
    with pytest.raises(CorpusError, match="does not match the file name"):
        LawRegistry.load(corpus_copy)


def test_every_note_cite_resolves(registry):
    assert registry.notes, "the corpus ships commentary"
    for note in registry.notes:
        for c in note.cites:
            assert registry.has_article(c.law_id, c.article), (note.id, c)


LABELLED_NOTE = """---
id: labelled
title: 测试
title_en: Test
topic: settlement
kind: law
asks:
  - 和解协议不履行怎么办？
  - 申请恢复执行的期限是多久？
ask_cites: {labels}
conclusion: 测试。
cites:
  - {{law: 民事诉讼法, article: 241}}
  - {{law: 执行和解规定, article: 11}}
---
正文。
"""


def _build_fails_naming(corpus_copy, name: str, note: str, error: str) -> None:
    """A note written into a copy of the corpus stops the build with ``error``, naming the note's file."""
    (corpus_copy / "commentary" / name).write_text(note, encoding="utf-8")
    with pytest.raises(CorpusError, match=error) as e:
        LawRegistry.load(corpus_copy)
    assert name in str(e.value)


@pytest.mark.parametrize("labels, error", [
    ("[民事诉讼法 241]", "one entry per question"),  # one label for two questions
    ("[民事诉讼法 241, 民事诉讼法 250]", "ask_cites\\[1\\]"),  # a provision the note does not cite
    ("[民事诉讼法 241, 执行和解规定]", "ask_cites\\[1\\]"),  # no article number
    ("[民事诉讼法 241, 和解规定细则 11]", "ask_cites\\[1\\]"),  # a law the corpus does not know
    ("民事诉讼法 241", "one entry per question"),  # not a list
])
def test_malformed_question_labels_fail_build(corpus_copy, labels, error):
    _build_fails_naming(corpus_copy, "labelled.md", LABELLED_NOTE.format(labels=labels), error)


def test_question_labels_read_in_order(corpus_copy):
    (corpus_copy / "commentary" / "labelled.md").write_text(
        LABELLED_NOTE.format(labels="[民事诉讼法 241, 执行和解规定 11]"), encoding="utf-8")
    note = LawRegistry.load(corpus_copy).note("labelled")
    assert [(c.law_id, c.article) for c in note.ask_cites] == [("cpl", 241), ("settlement", 11)]
    assert note.ask_provision(1).article == 11 and note.ask_provision(2) is None  # no third question


def test_every_shipped_note_labels_each_question_with_a_provision_it_cites(registry):
    # the answer concludes on the label of the note's question nearest the user's: an unlabelled question would
    # quietly fall back to retrieval's order of the note's articles
    for note in registry.notes:
        assert len(note.ask_cites) == len(note.asks) and len(note.ask_cites_en) == len(note.asks_en), note.id
        assert set(note.ask_cites) | set(note.ask_cites_en) <= set(note.cites), note.id


POINTED_NOTE = """---
id: pointed
title: 测试
title_en: Test
topic: settlement
kind: law
conclusion: 测试。
conclusion_en: Test.
points_en: {points}
cites:
  - {{law: 民事诉讼法, article: 241}}
---
正文。
"""


@pytest.mark.parametrize("points, error", [
    ('"Apply within two years."', "must be a list"),  # a string, not a list
    ('["Apply within two years.", ""]', "must be a list of non-empty strings"),
    ('["Apply within two years of the 和解 date."]', "points_en\\[0\\] has Chinese"),
    ('["Fine.", "Under Article 241 the court resumes."]', "points_en\\[1\\] cites a provision by number"),
    ('["Under art. 10, apply within two years."]', "points_en\\[0\\] cites a provision by number"),
])
def test_malformed_english_points_fail_build(corpus_copy, points, error):
    _build_fails_naming(corpus_copy, "pointed.md", POINTED_NOTE.format(points=points), error)


def test_english_points_read_in_order(corpus_copy):
    (corpus_copy / "commentary" / "pointed.md").write_text(POINTED_NOTE.format(
        points='["Apply to the court that handled the enforcement.", "Within two years of the last day agreed."]'),
        encoding="utf-8")
    note = LawRegistry.load(corpus_copy).note("pointed")
    assert note.points_en == ("Apply to the court that handled the enforcement.", "Within two years of the last day agreed.")


def test_every_shipped_law_note_has_english_points(registry):
    # an English answer shows its conclusion note's points_en; a law note without them answers an English user with
    # one sentence where a Chinese user gets the conditions, periods and courts
    missing = [n.id for n in registry.notes if n.kind == "law" and len(n.points_en) < 2]
    assert not missing, missing
