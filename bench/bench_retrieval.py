"""Retrieval benchmark (not a test): index build time cold and from cache, search latency per stage, peak memory.

    .venv/bin/python bench/bench_retrieval.py [--cold]

--cold also builds the index into a fresh data folder with no embedding cache at all (minutes).
Writes bench/reports/retrieval.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cold", action="store_true")
    args = ap.parse_args()
    from assistant.corpus.registry import LawRegistry
    from assistant.index.store import load_store
    from assistant.retrieve import HybridRetriever
    from assistant.service import make_settings_embedder
    from assistant.settings import Settings
    from eval.data import load_questions

    out = {}
    settings = Settings()
    t = time.perf_counter()
    registry = LawRegistry.load(settings.corpus_dir)
    out["registry_load_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    embedder = make_settings_embedder(settings)
    out["embedder_load_s"] = round(time.perf_counter() - t, 3)
    out["embedder"] = embedder.model_id
    with tempfile.TemporaryDirectory() as tmp:
        # from cache: a fresh data folder, the shipped seed cache (and this machine's cache) supply the vectors
        fresh = Settings(data_dir=Path(tmp) / "data")
        cache_src = settings.data_dir / "embeddings"
        if cache_src.exists():
            shutil.copytree(cache_src, fresh.data_dir / "embeddings")
        store = load_store(fresh, registry, embedder)
        rep = store.build(fresh, progress=False)
        out["index_build_from_cache_s"] = round(rep.seconds, 2)
        out["index_documents"] = rep.documents
        out["index_embedded_during_cached_build"] = rep.embedded
        if args.cold:
            import assistant.index.store as store_mod

            cold = Settings(data_dir=Path(tmp) / "cold")
            seed = store_mod.SEED_CACHE_DIR
            store_mod.SEED_CACHE_DIR = Path(tmp) / "no-seed"
            try:
                rep = load_store(cold, registry, embedder).build(cold, progress=True)
            finally:
                store_mod.SEED_CACHE_DIR = seed
            out["index_build_cold_s"] = round(rep.seconds, 2)
    store = load_store(settings, registry, embedder)
    store.build(settings, progress=False)
    t = time.perf_counter()
    retriever = HybridRetriever(registry, store, embedder)
    out["retriever_init_s"] = round(time.perf_counter() - t, 3)
    questions = [q.question for q in load_questions(ROOT / "eval" / "questions.jsonl").items]
    for q in questions[:5]:
        retriever.search(q)  # warm-up
    stages: dict[str, list[float]] = {}
    totals = []
    for q in questions:
        t = time.perf_counter()
        res = retriever.search(q, k=10)
        totals.append((time.perf_counter() - t) * 1000)
        for k, v in res.timings_ms.items():
            stages.setdefault(k, []).append(v)
    out["queries"] = len(questions)
    out["search_ms"] = {"p50": round(pct(totals, 0.5), 2), "p95": round(pct(totals, 0.95), 2),
                        "mean": round(statistics.mean(totals), 2)}
    out["stage_ms"] = {k: {"p50": round(pct(v, 0.5), 2), "p95": round(pct(v, 0.95), 2)} for k, v in stages.items()}
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    (ROOT / "bench" / "reports").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "reports" / "retrieval.json").write_text(json.dumps(out, indent=1, ensure_ascii=False))
    print("| measure | value |\n|---|---|")
    for k, v in out.items():
        print(f"| {k} | {v} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
