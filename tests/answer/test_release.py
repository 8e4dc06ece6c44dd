"""The guarded release on the real guard: what it shows is checked, and it does not depend on how a draft was cut."""

from __future__ import annotations

import random

import pytest

from assistant.answer.release import GuardedRelease, vet
from assistant.guard import check

DRAFT = ("**结论**：依民事执行法第3条可以直接起诉；现行有效的仍是执行和解规定第十九条的执行异议。\n"
         "- 执行回转的依据是民事诉讼法第二百三十三条。\n"
         "- 执行和解规定第二十五条规定可以直接起诉。\n"
         "- 执行和解需要双方自愿。\n"
         "Under Article 999 of the Civil Procedure Law, reversal takes three days. Art. 244 of the Civil Procedure "
         "Law governs execution reversal.")


def test_an_outdated_number_is_repaired_and_a_sentence_citing_no_article_removed():
    # (the example that was the module's docstring: article numbers stay out of assistant/answer/)
    gate = GuardedRelease(check)
    assert gate.feed("执行回转的依据是民事诉讼法第二百三十三条。民事诉讼法第九百九十九条规定") == \
        "执行回转的依据是民事诉讼法第二百四十四条〔注：原引第二百三十三条系2017-07-01文本的条文序号，现行文本为第二百四十四条〕。"
    assert gate.feed("可以直接起诉。") == ""
    assert (gate.repaired, gate.removed) == (1, 1)


def test_a_whole_draft_is_repaired_and_stripped_line_by_line():
    gate = vet(DRAFT, check)
    assert gate.shown.split("\n") == [
        "**结论**：现行有效的仍是执行和解规定第十九条的执行异议。",
        "- 执行回转的依据是民事诉讼法第二百四十四条〔注：原引第二百三十三条系2017-07-01文本的条文序号，现行文本为第二百四十四条〕。",
        "- 执行和解需要双方自愿。",
        "Art. 244 of the Civil Procedure Law governs execution reversal."]
    assert (gate.repaired, gate.removed) == (1, 3)
    assert gate.notices("zh") == ["已自动更正过时的条文序号。", "删除了3处无法核实的引用。"]
    assert check(gate.shown).ok


@pytest.mark.parametrize("seed", range(8))
def test_how_the_draft_is_cut_changes_nothing_and_every_piece_shown_is_checked(seed):
    rnd = random.Random(seed)
    cuts = sorted(rnd.sample(range(1, len(DRAFT)), 40))
    pieces = [DRAFT[a:b] for a, b in zip([0, *cuts], [*cuts, len(DRAFT)])]
    gate = GuardedRelease(check)
    shown = ""
    for piece in pieces:
        released = gate.feed(piece)
        start, shown = len(shown), shown + released
        assert all(c.verdict == "valid" for c in check(shown).citations if c.end > start), released
    shown += gate.close()
    assert shown == gate.shown == vet(DRAFT, check).shown


def test_a_bullet_whose_only_sentence_goes_leaves_no_empty_line():
    gate = GuardedRelease(check)
    assert gate.feed("- 民事诉讼法第九百九十九条规定可以") == ""
    assert gate.feed("直接起诉") == ""
    assert gate.close() == "" and gate.removed == 1
