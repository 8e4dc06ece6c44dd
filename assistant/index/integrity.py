"""The index's integrity manifest, and a look at a stored collection that cannot crash the caller.

The manifest (corpus build id, embedder id, document count, a checksum of the vectors) is written into the
chroma collection's metadata in the same step that marks a build complete, so every process that shares the
data folder or the chroma server sees the same record.

Chroma's native HNSW reader trusts its files: random bytes in ``data_level0.bin`` crash the process that
opens them (SIGSEGV, no exception). A persistent index is therefore first opened in a child process
(``python -m assistant.index.integrity``) that reads a sample of stored vectors and runs probe queries; only
an index that passed is opened in the server's own process.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
SAME_VECTOR_COSINE = 0.99  # fp16 storage costs about 1e-3 of cosine; another text's vector is far below


@dataclass(frozen=True)
class IndexManifest:
    build_id: str
    model_id: str
    documents: int
    vectors_sha256: str
    built_at: str

    def to_metadata(self) -> dict:
        return {"build_id": self.build_id, "model_id": self.model_id, "documents": self.documents,
                "vectors_sha256": self.vectors_sha256, "built_at": self.built_at, "complete": "yes"}

    @classmethod
    def from_metadata(cls, meta: dict | None) -> "IndexManifest | None":
        """The manifest of a complete build; None for a build that never finished or predates manifests."""
        meta = meta or {}
        if meta.get("complete") != "yes":
            return None
        try:
            return cls(str(meta["build_id"]), str(meta["model_id"]), int(meta["documents"]),
                       str(meta["vectors_sha256"]), str(meta["built_at"]))
        except (KeyError, TypeError, ValueError):
            return None


def vectors_sha256(vectors: Sequence[Sequence[float]]) -> str:
    """Checksum of the vectors a build was given (float32, in document order): the embedding cache must still
    give the same vectors for the index to be the one the manifest describes."""
    h = hashlib.sha256()
    for v in vectors:
        h.update(np.asarray(v, dtype=np.float32).tobytes())
    return h.hexdigest()


def inspect_collection(col, sample_ids: list[str], probes: list[list[float]], all_ids: list[str] | None = None,
                       expected_path: str | None = None) -> dict:
    """Count, a sample of stored vectors and the top hits of probe queries; given every id and a .npy file of
    the vectors they must have (in that order), how many stored vectors are missing or point elsewhere.

    Vectors are compared by cosine: chroma normalizes what it stores in a cosine space."""
    out: dict = {"count": col.count()}
    got = col.get(ids=sample_ids, include=["embeddings"]) if sample_ids else {"ids": [], "embeddings": []}
    out["vectors"] = {i: np.asarray(e, dtype=np.float32).tolist() for i, e in zip(got["ids"], got["embeddings"])}
    out["probes"] = []
    for vector in probes:
        res = col.query(query_embeddings=[vector], n_results=3, include=["distances"])
        out["probes"].append({"ids": list(res["ids"][0]), "similarities": [1.0 - float(d) for d in res["distances"][0]]})
    if all_ids is not None and expected_path is not None:
        expected = np.load(expected_path, allow_pickle=False)
        got = col.get(ids=all_ids, include=["embeddings"])
        by_id = dict(zip(got["ids"], got["embeddings"]))
        out["missing"] = sum(1 for i in all_ids if i not in by_id)
        present = [(j, i) for j, i in enumerate(all_ids) if i in by_id]
        if present:
            stored = np.asarray([by_id[i] for _, i in present], dtype=np.float32)
            want = expected[[j for j, _ in present]].astype(np.float32)
            norms = np.linalg.norm(stored, axis=1) * np.linalg.norm(want, axis=1)
            cos = np.einsum("ij,ij->i", stored, want) / np.where(norms > 0, norms, 1.0)
            bad = np.flatnonzero(cos < SAME_VECTOR_COSINE)
            out["mismatched"] = int(len(bad))
            out["first_mismatch"] = present[int(bad[0])][1] if len(bad) else None
    return out


def inspect_isolated(chroma_path: Path, collection: str, sample_ids: list[str], probes: list[list[float]],
                     all_ids: list[str] | None = None, expected_path: str | None = None,
                     timeout_s: float = 300) -> tuple[dict | None, str | None]:
    """inspect_collection in a child process: (result, None), or (None, what went wrong)."""
    request = json.dumps({"path": str(chroma_path), "collection": collection, "sample_ids": sample_ids,
                          "probes": probes, "all_ids": all_ids, "expected_path": expected_path})
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]),
           "ANONYMIZED_TELEMETRY": "False"}
    try:
        proc = subprocess.run([sys.executable, "-m", "assistant.index.integrity"], input=request, capture_output=True,
                              text=True, timeout=timeout_s, env=env, cwd=str(REPO_ROOT))
    except subprocess.TimeoutExpired:
        return None, f"reading the stored index took longer than {timeout_s:.0f} s"
    if proc.returncode < 0:
        return None, f"reading the stored index crashed the reader (signal {-proc.returncode}): its files are damaged"
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"the index reader failed (exit {proc.returncode}): {tail[:300]}"
    if "error" in result:
        return None, f"the stored index cannot be read: {result['error'][:300]}"
    return result, None


def _child_main() -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    req = json.loads(sys.stdin.read())
    try:
        client = chromadb.PersistentClient(path=req["path"], settings=ChromaSettings(anonymized_telemetry=False))
        col = client.get_collection(req["collection"])
        result = inspect_collection(col, req["sample_ids"], req["probes"], req.get("all_ids"), req.get("expected_path"))
    except Exception as exc:  # reported to the parent, which decides: rebuild or refuse
        result = {"error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    _child_main()
