"""Embedding cache keyed by (model id, text hash).

A shipped seed cache (corpus/embedding-cache/<model>.npz) lets a fresh clone build its index without
re-embedding; new or changed texts are embedded and written to the data folder's cache.

A cache is a speed-up, never a source of truth: a file that cannot be read (truncated, not a zip), holds
vectors of another dimension, fails its checksum, or whose vectors are not what the embedder gives for a
sample of their texts (shuffled rows) is set aside with a warning, and its texts are embedded again.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.index.integrity import SAME_VECTOR_COSINE

VALIDATION_SAMPLE = 4


def model_slug(model_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)[:80] + "-" + hashlib.sha256(model_id.encode()).hexdigest()[:8]


def vectors_checksum(hashes: Sequence[str], vectors: np.ndarray) -> str:
    """sha256 over each (text hash, vector bytes) pair in order: a shuffled or edited row changes it."""
    h = hashlib.sha256()
    for key, v in zip(hashes, vectors):
        h.update(str(key).encode())
        h.update(np.ascontiguousarray(v, dtype=np.float16).tobytes())
    return h.hexdigest()


def cosine(a, b) -> float:
    a, b = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    if a.shape != b.shape:
        return -1.0
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b / (na * nb)) if na and nb else -1.0


class EmbeddingCache:
    def __init__(self, model_id: str, paths: list[Path], write_path: Path, *, dimension: int | None = None,
                 warn: Callable[[str], None] | None = None):
        self.model_id = model_id
        self.write_path = write_path
        self.dimension = dimension
        self.problems: list[str] = []
        self._warn = warn or (lambda m: print(f"[assistant] warning: {m}", file=sys.stderr, flush=True))
        self._files: list[tuple[Path, dict[str, np.ndarray]]] = []
        self._vectors: dict[str, np.ndarray] = {}
        self.dirty = False
        for p in paths:
            self._load(p)
        self._merge()

    @classmethod
    def for_model(cls, model_id: str, data_dir: Path, seed_dir: Path | None, *,
                  dimension: int | None = None) -> "EmbeddingCache":
        name = model_slug(model_id) + ".npz"
        paths = [p for p in ([seed_dir / name] if seed_dir else []) + [data_dir / "embeddings" / name] if p.exists()]
        return cls(model_id, paths, data_dir / "embeddings" / name, dimension=dimension)

    def _reject(self, path: Path, why: str) -> None:
        message = f"embedding cache {path} {why}; its texts will be embedded again"
        self.problems.append(message)
        self._warn(message)
        if path == self.write_path:
            self.dirty = True  # rewrite the data folder's copy on the next save

    def _load(self, path: Path) -> None:
        try:
            with np.load(path, allow_pickle=False) as z:
                if str(z["model_id"]) != self.model_id:
                    return  # another model's vectors never mix with ours
                hashes, vectors = z["hashes"], z["vectors"]
                stored_sum = str(z["checksum"]) if "checksum" in z.files else None
        except Exception as exc:  # BadZipFile, EOFError, zlib.error, OSError, KeyError, ValueError …
            self._reject(path, f"cannot be read ({type(exc).__name__}: {exc})")
            return
        if len(hashes) != len(vectors) or (len(vectors) and vectors.ndim != 2):
            self._reject(path, f"is inconsistent ({len(hashes)} keys, vectors of shape {vectors.shape})")
            return
        if len(vectors) and self.dimension is not None and vectors.shape[1] != self.dimension:
            self._reject(path, f"holds {vectors.shape[1]}-dimensional vectors, the embedder gives {self.dimension}")
            return
        if len(vectors) and not np.isfinite(vectors.astype(np.float32)).all():
            self._reject(path, "holds non-finite values")
            return
        if stored_sum is not None and stored_sum != vectors_checksum(hashes, vectors):
            self._reject(path, "fails its checksum (rows changed or reordered)")
            return
        self._files.append((path, {str(h): v for h, v in zip(hashes, vectors)}))

    def _merge(self) -> None:
        self._vectors = {}
        for _, vectors in self._files:  # the data folder's file (loaded last) wins over the seed
            self._vectors.update(vectors)

    def validate(self, texts: Sequence[str], embed_documents: Callable[[list[str]], list], *,
                 sample: int = VALIDATION_SAMPLE) -> list[str]:
        """Embed a few of each file's texts again and compare: a file whose rows do not match their texts
        (shuffled, or written by another model under this name) is dropped. Returns the problems found."""
        found: list[str] = []
        keyed = {self.key(t): t for t in texts}
        # the shortest texts: cheap to embed (a long note costs a second on a busy CPU), and a shuffled or
        # foreign file is wrong on nearly every row; one embedding call for all files
        picks = [sorted((h for h in keyed if h in vectors), key=lambda h: (len(keyed[h]), h))[:sample]
                 for _, vectors in self._files]
        wanted = list(dict.fromkeys(h for p in picks for h in p))
        fresh = dict(zip(wanted, embed_documents([keyed[h] for h in wanted]))) if wanted else {}
        kept = []
        for (path, vectors), chosen in zip(self._files, picks):
            worst = min((cosine(vectors[h], fresh[h]) for h in chosen), default=1.0)
            if worst < SAME_VECTOR_COSINE:
                self._reject(path, f"does not match the embedder (cosine {worst:.3f} on a sample of its texts)")
                found.append(self.problems[-1])
            else:
                kept.append((path, vectors))
        if len(kept) != len(self._files):
            self._files = kept
            self._merge()
        return found

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def get(self, text: str) -> np.ndarray | None:
        v = self._vectors.get(self.key(text))
        return None if v is None else v.astype(np.float32)

    def put(self, text: str, vector) -> None:
        self._vectors[self.key(text)] = np.asarray(vector, dtype=np.float16)
        self.dirty = True

    def has(self, key: str) -> bool:
        return key in self._vectors

    def __len__(self) -> int:
        return len(self._vectors)

    def save(self, path: Path | None = None, keep: set[str] | None = None) -> Path:
        """Atomic write; `keep` (text hashes) prunes vectors of texts no longer in the corpus."""
        path = path or self.write_path
        path.parent.mkdir(parents=True, exist_ok=True)
        items = sorted((h, v) for h, v in self._vectors.items() if keep is None or h in keep)
        hashes = np.array([h for h, _ in items])
        vectors = np.stack([v for _, v in items]).astype(np.float16) if items else np.zeros((0, 0), np.float16)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        os.close(fd)
        with open(tmp, "wb") as fh:
            np.savez_compressed(fh, model_id=np.array(self.model_id), hashes=hashes, vectors=vectors,
                                checksum=np.array(vectors_checksum(hashes, vectors)))
        os.chmod(tmp, 0o644)  # mkstemp makes it owner-only; the seed cache ships to every user
        os.replace(tmp, path)
        self.dirty = False
        return path
