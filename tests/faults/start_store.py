"""One start of the vector store in its own process, as a server starts it: load, verify (rebuild or refuse),
search. Prints one JSON line; exit 3 with the message on stderr when the index is refused.

    python tests/faults/start_store.py DATA_DIR [--no-build] [--rebuild] [--full]

By default a small corpus (the settlement provisions and notes) with the offline MiniLM keeps each start a few
seconds; chroma keeps so small an index in its write-ahead log as well and repairs damaged HNSW files from it,
so damage to the index files is tested with --full: the whole corpus and the default embedder, as served.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

QUERIES = ["和解协议不履行怎么办", "恢复执行的期限", "执行和解协议的效力", "申请执行人受欺诈达成和解",
           "迟延履行和解协议的责任", "execution settlement agreement breached", "另行起诉", "和解协议 担保人"]


def small_docs(registry):
    from assistant.index.documents import build_documents

    return [d for d in build_documents(registry)
            if d.law_id == "settlement" or (d.note_id or "").startswith("settle-d")]


def open_store(data_dir: Path, full: bool):
    from assistant.corpus.registry import LawRegistry
    from assistant.index.embedders import SentenceTransformerEmbedder, gt_minilm_model_path
    from assistant.index.store import VectorStore, load_store, make_client
    from assistant.service import make_settings_embedder
    from assistant.settings import REPO_ROOT, Settings

    settings = Settings(data_dir=data_dir)
    registry = LawRegistry.load(REPO_ROOT / "corpus")
    if full:
        return settings, load_store(settings, registry, make_settings_embedder(settings))
    embedder = SentenceTransformerEmbedder(str(gt_minilm_model_path()))
    return settings, VectorStore(make_client(settings), embedder, small_docs(registry))


def search_quality(store, settings) -> list[dict]:
    """Each query's hits against the exact nearest neighbours computed from the vectors the documents must have
    (the validated cache, else embedded now): recall of the exact top ten, and the largest difference between a
    returned score and the true cosine of that document (a wrong stored vector shows here)."""
    import numpy as np

    cache = store._cache(settings, validate=True)
    vectors = [cache.get(d.text) for d in store.docs]
    missing = [i for i, v in enumerate(vectors) if v is None]
    for i, v in zip(missing, store.embedder.embed_documents([store.docs[i].text for i in missing]) if missing else []):
        vectors[i] = np.asarray(v, dtype=np.float32)
    matrix = np.stack(vectors).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    row = {d.doc_id: i for i, d in enumerate(store.docs)}
    out = []
    for q in QUERIES:
        qv = np.asarray(store.embedder.embed_query(q), dtype=np.float32)
        exact = matrix @ (qv / np.linalg.norm(qv))
        tenth = np.sort(exact)[-10]
        truth = {store.docs[i].doc_id for i in np.flatnonzero(exact >= tenth - 1e-4)}
        hits = store.query(qv.tolist(), k=10, include_superseded=True)
        out.append({"recall": sum(1 for i, _ in hits if i in truth) / 10,
                    "score_error": max(abs(s - float(exact[row[i]])) for i, s in hits)})
    return out


def main() -> None:
    from assistant.index.store import IndexError_

    data_dir = Path(sys.argv[1])
    settings, store = open_store(data_dir, "--full" in sys.argv)
    try:
        report = store.ensure(settings, build="--no-build" not in sys.argv, rebuild="--rebuild" in sys.argv,
                              progress=False)
    except IndexError_ as exc:
        print(str(exc), file=sys.stderr)
        sys.exit(3)
    print(json.dumps({"rebuilt": report.rebuilt, "problems": report.problems, "embedded": report.embedded,
                      "collection": report.collection, "probe": store.probe(), "quality": search_quality(store, settings)},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
