"""Embedding cache keyed by (model id, text hash).

A shipped seed cache (corpus/embedding-cache/<model>.npz) lets a fresh clone build its index without
re-embedding; new or changed texts are embedded and written to the data folder's cache.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import numpy as np


def model_slug(model_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)[:80] + "-" + hashlib.sha256(model_id.encode()).hexdigest()[:8]


class EmbeddingCache:
    def __init__(self, model_id: str, paths: list[Path], write_path: Path):
        self.model_id = model_id
        self.write_path = write_path
        self._vectors: dict[str, np.ndarray] = {}
        self.dirty = False
        for p in paths:
            self._load(p)

    @classmethod
    def for_model(cls, model_id: str, data_dir: Path, seed_dir: Path | None) -> "EmbeddingCache":
        name = model_slug(model_id) + ".npz"
        paths = [p for p in ([seed_dir / name] if seed_dir else []) + [data_dir / "embeddings" / name] if p.exists()]
        return cls(model_id, paths, data_dir / "embeddings" / name)

    def _load(self, path: Path) -> None:
        try:
            with np.load(path, allow_pickle=False) as z:
                if str(z["model_id"]) != self.model_id:
                    return  # another model's vectors never mix with ours
                for h, v in zip(z["hashes"], z["vectors"]):
                    self._vectors[str(h)] = v
        except (OSError, KeyError, ValueError):
            # A damaged cache costs time, never correctness: its texts are simply embedded again.
            return

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
        vectors = np.stack([v for _, v in items]) if items else np.zeros((0, 0), np.float16)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        os.close(fd)
        with open(tmp, "wb") as fh:
            np.savez_compressed(fh, model_id=np.array(self.model_id), hashes=hashes, vectors=vectors)
        os.chmod(tmp, 0o644)  # mkstemp makes it owner-only; the seed cache ships to every user
        os.replace(tmp, path)
        self.dirty = False
        return path
