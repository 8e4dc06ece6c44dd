"""Pieces of the grounded composer that read commentary notes."""

from __future__ import annotations

from assistant.answer.grounded import practical_points


def test_practical_points_are_plain_text_without_citations(registry):
    points = [(n.id, p) for n in registry.notes for p in practical_points(n)]
    assert len({nid for nid, _ in points}) > len(registry.notes) // 2
    assert not [(nid, p) for nid, p in points if "*" in p or "《" in p], "markdown or citations leaked into points"


def test_a_line_the_note_labels_as_advice_is_a_point(registry):
    note = next(n for n in registry.notes if "**实务要点**：原申请执行人若已将执行款转付他人" in n.body)
    assert practical_points(note)[0].startswith("原申请执行人若已将执行款转付他人")
