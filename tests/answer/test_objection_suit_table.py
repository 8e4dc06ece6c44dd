"""Table test: third parties' questions on objection suits, written blind from the 2025 interpretation's text.

eval/blind/objection_suit.jsonl (the blind writer's file; the notes were written before it was read)
holds questions with ``gold`` provisions and ``must_mention`` key points. Where the gold names
《执行异议之诉解释》 (法释〔2025〕10号), it governs the question, and the answer must cite it. The pass rate is
checked against the rate measured when the table was first run (below), so that a change which makes answers
stop citing the interpretation fails. Like every blind set it is reported in aggregate only
(test-artifacts/objection_suit_table.md): no per-question rows, so nothing is tuned on single items.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.guard import check
from eval.data import EVAL_DIR, load_questions
from eval.run import mentions_key_point

QUESTIONS = EVAL_DIR / "blind" / "objection_suit.jsonl"
INTERPRETATION = "objection-suit-interp"
# The first set (37 questions) was retired on 2026-12-05: a copy of it had been left among the developers' notes and
# a helper read three items, and the lead saw its reference answers by mistake. A fresh blind writer wrote 40 new
# questions from the statutes; first run on them, 2026-12-05, before any change made after reading them (none was):
# 25 of the 28 where the interpretation governs cite it (17 one of its gold articles; gold recall 0.537; key points
# 0.453; no non-valid citation). Fewer passes than this is a regression.
MEASURED_PASSES = 25


@dataclass(frozen=True)
class Row:
    id: str
    question: str
    governs: bool  # the gold names the 2025 interpretation
    cites_interpretation: bool  # the answer cites any article of it (valid)
    cites_gold_article: bool  # … one of the gold articles of it
    gold_recall: float
    key_points: float
    non_valid: tuple[str, ...]


def _gold_keys(q, registry) -> set[tuple[str, int]]:
    keys = set()
    for g in q.gold:
        law_id = registry.resolve_alias(str(g["law"]))
        if law_id is None:  # a short name the registry lacks: let the guard read it as a writer would
            cited = check(f"《{g['law']}》第{int(g['article'])}条", registry).citations
            law_id = cited[0].law_id if cited else None
        assert law_id is not None, f"{q.id}: gold names an unknown law {g['law']!r}"
        keys.add((law_id, int(g["article"])))
    return keys


def _row(q, answer, registry) -> Row:
    gold = _gold_keys(q, registry)
    cited = {(c.law_id, c.current_article or c.article) for c in answer.citations
             if c.law_id and c.verdict == "valid" and (c.current_article or c.article)}
    interp_gold = {k for k in gold if k[0] == INTERPRETATION}
    return Row(id=q.id, question=q.question, governs=bool(interp_gold),
               cites_interpretation=any(law == INTERPRETATION for law, _ in cited),
               cites_gold_article=bool(interp_gold & cited), gold_recall=len(gold & cited) / len(gold) if gold else 1.0,
               key_points=(sum(mentions_key_point(answer.text, k) for k in q.must_mention) / len(q.must_mention)
                           if q.must_mention else 1.0),
               non_valid=tuple(f"{c.surface}: {c.verdict}" for c in answer.citations if c.verdict != "valid"))


def _report(rows: list[Row], path) -> str:
    governed = [r for r in rows if r.governs]
    lines = ["# Objection-suit table (eval/blind/objection_suit.jsonl, aggregates only)", "",
             f"- questions: {len(rows)}; the 2025 interpretation governs (in gold): {len(governed)}",
             f"- cite the interpretation where it governs: {sum(r.cites_interpretation for r in governed)}/{len(governed)}",
             f"- cite one of its gold articles: {sum(r.cites_gold_article for r in governed)}/{len(governed)}",
             f"- gold recall (mean): {sum(r.gold_recall for r in rows) / len(rows):.3f}",
             f"- key points (mean): {sum(r.key_points for r in rows) / len(rows):.3f}",
             f"- answers with a non-valid citation: {sum(bool(r.non_valid) for r in rows)}"]
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def test_answers_cite_the_2025_interpretation_where_it_governs(service, artifacts_dir):
    assert QUESTIONS.exists(), f"{QUESTIONS} is missing: the blind objection-suit questions belong in eval/blind/"
    loaded = load_questions(QUESTIONS)
    assert not loaded.errors, loaded.errors
    assert len(loaded.items) >= 20, "the issue asks for at least 20 blind questions"
    rows = [_row(q, service.ask(q.question), service.registry) for q in loaded.items]
    report = _report(rows, artifacts_dir / "objection_suit_table.md")
    print(report)
    governed = [r for r in rows if r.governs]
    assert governed, "no question's gold names the 2025 interpretation"
    passes = sum(r.cites_interpretation for r in governed)
    assert passes >= MEASURED_PASSES, report
    assert not any(r.non_valid for r in rows), report
