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


def policy_scores(examples, probability, threshold):
    precision, recall = [], []
    for rows, gold in examples:
        ranked = sorted(rows.items(), key=lambda kv: -probability(kv[1]))
        chosen = [ranked[0][0]] + [p for p, row in ranked[1:] if probability(row) >= threshold] if ranked else []
        hit = len(set(chosen) & gold)
        precision.append(hit / len(chosen) if chosen else 0.0)
        recall.append(hit / len(gold))
    n = len(examples)
    return round(sum(precision) / n, 4), round(sum(recall) / n, 4)


def main() -> None:
    from assistant.answer.selector import FEATURES, ProvisionFeatures, SelectorModel, fit_logistic, training_examples
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
    evaluated = []
    for q in questions:
        gold = {(key.split(":")[0], int(key.split(":")[1])) for key in qrels.get(q.id, {})}
        if gold:
            evaluated.append((q.id, features.rows(standalone[q.id], service.retriever.search(standalone[q.id], k=k).hits), gold))
    asks = training_examples(registry, lambda text, n: service.retriever.search(text, k=n).hits, k)
    asks_matrix = [[row.get(f, 0.0) for f in FEATURES] for ex in asks for row in ex.rows.values()]
    asks_labels = [int(p in ex.positives) for ex in asks for p in ex.rows]

    def model_from(matrix, labels):
        coefficients, intercept = fit_logistic(matrix, labels)
        return SelectorModel(FEATURES, tuple(coefficients), intercept, 0.0)

    examples = [(rows, gold) for _, rows, gold in evaluated]
    shipped = SelectorModel.load()
    report = {"questions": len(examples), "k": k, "shipped_threshold": shipped.threshold, "policies": {}}
    report["policies"]["shipped"] = {str(t): policy_scores(examples, shipped.probability, t) for t in THRESHOLDS}

    ids = [qid for qid, _, _ in evaluated]
    random.Random(0).shuffle(ids)
    fold_of = {qid: i % FOLDS for i, qid in enumerate(ids)}
    cv_models = {}
    for fold in range(FOLDS):
        matrix, labels = list(asks_matrix), list(asks_labels)
        for qid, rows, gold in evaluated:
            if fold_of[qid] != fold:
                for p, row in rows.items():
                    matrix.append([row.get(f, 0.0) for f in FEATURES])
                    labels.append(int(p in gold))
        cv_models[fold] = model_from(matrix, labels)
    cv = {}
    for t in THRESHOLDS:
        per_fold = [([(rows, gold) for qid, rows, gold in evaluated if fold_of[qid] == f], cv_models[f]) for f in range(FOLDS)]
        p = r = 0.0
        for fold_examples, model in per_fold:
            fp, fr = policy_scores(fold_examples, model.probability, t)
            p += fp * len(fold_examples)
            r += fr * len(fold_examples)
        cv[str(t)] = (round(p / len(examples), 4), round(r / len(examples), 4))
    report["policies"]["cv_eval"] = cv
    oracle_recall = sum(len(set(rows) & gold) / len(gold) for rows, gold in examples) / len(examples)
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
