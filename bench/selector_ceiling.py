"""How precise can a provision selector over retrieval signals be? (not a test)

    .venv/bin/python bench/selector_ceiling.py

For each eval question with gold, the candidates are the provisions the top-k hits carry (the rows the
shipped selector scores). Policy: cite the likeliest candidate, plus every other at or above a threshold.
Three models are scored, at thresholds 0.05–0.7, by mean citation precision and recall against gold:

- ``shipped``: the shipped weights (trained on the notes' own questions);
- ``cv_eval``: 5-fold cross-validation on the eval questions themselves, each fold trained on the other four
  folds plus the notes' questions — an optimistic ceiling, since it learns from questions like the test ones;
- ``oracle``: cites exactly the gold provisions among the candidates (what retrieval leaves reachable).

Writes ``bench/reports/selector_ceiling.json``.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7)
FOLDS = 5


def main() -> None:
    from assistant.answer.selector import (FEATURES, ProvisionFeatures, SelectorModel, TrainingExample, design_matrix,
                                           fit_logistic, selection_f1, training_examples)
    from assistant.service import AssistantService
    from assistant.settings import Settings
    from eval.data import EVAL_DIR, load_questions
    from eval.retrieval import gold_qrels
    from eval.run import EVAL_TODAY, standalone_queries

    service = AssistantService.create(Settings(provision_selector=False), progress=False, today=EVAL_TODAY)
    registry, k = service.registry, service.settings.retrieval_k
    questions = load_questions(EVAL_DIR / "questions.jsonl").items
    qrels = gold_qrels(questions, registry)
    standalone = standalone_queries(service, questions)
    features = ProvisionFeatures(registry)
    # the eval questions in the selector's own form: their gold provisions are the positives
    evaluated = []
    for q in questions:
        gold = frozenset((key.split(":")[0], int(key.split(":")[1])) for key in qrels.get(q.id, {}))
        if gold:
            hits = service.retriever.search(standalone[q.id], k=k).hits
            evaluated.append(TrainingExample(q.id, standalone[q.id], features.rows(standalone[q.id], hits), gold))
    asks = training_examples(registry, lambda text, n: service.retriever.search(text, k=n).hits, k)

    def scores(model: SelectorModel, examples: list[TrainingExample], t: float) -> tuple[float, float]:
        p, r, _ = selection_f1(model, examples, t)
        return round(p, 4), round(r, 4)

    shipped = SelectorModel.load()
    report = {"questions": len(evaluated), "k": k, "shipped_threshold": shipped.threshold, "policies": {}}
    report["policies"]["shipped"] = {str(t): scores(shipped, evaluated, t) for t in THRESHOLDS}

    ids = [ex.note_id for ex in evaluated]
    random.Random(0).shuffle(ids)
    fold_of = {qid: i % FOLDS for i, qid in enumerate(ids)}
    folds = []
    for fold in range(FOLDS):
        coefficients, intercept = fit_logistic(*design_matrix(asks + [ex for ex in evaluated if fold_of[ex.note_id] != fold]))
        folds.append((SelectorModel(FEATURES, tuple(coefficients), intercept, 0.0),
                      [ex for ex in evaluated if fold_of[ex.note_id] == fold]))
    cv = {}
    for t in THRESHOLDS:
        per_fold = [(selection_f1(model, held_out, t), len(held_out)) for model, held_out in folds]
        cv[str(t)] = (round(sum(f[0] * n for f, n in per_fold) / len(evaluated), 4),
                      round(sum(f[1] * n for f, n in per_fold) / len(evaluated), 4))
    report["policies"]["cv_eval"] = cv
    oracle_recall = sum(len(set(ex.rows) & ex.positives) / len(ex.positives) for ex in evaluated) / len(evaluated)
    report["policies"]["oracle"] = {"precision": 1.0, "recall": round(oracle_recall, 4)}
    best = {name: max(((t, pr) for t, pr in table.items()), key=lambda kv: 2 * kv[1][0] * kv[1][1] / (sum(kv[1]) or 1))
            for name, table in report["policies"].items() if name != "oracle"}
    report["best_f1"] = {name: {"threshold": t, "precision": pr[0], "recall": pr[1],
                                "f1": round(2 * pr[0] * pr[1] / (sum(pr) or 1), 4)} for name, (t, pr) in best.items()}
    out = REPO / "bench" / "reports" / "selector_ceiling.json"
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=1))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
