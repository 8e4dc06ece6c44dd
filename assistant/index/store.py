"""The vector store: chromadb, persistent on disk by default or a chroma server over HTTP.

Vectors are always computed by the project's embedder and passed in explicitly; the collection is also
created with the project's embedding function so chroma never falls back to its downloading default.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from chromadb.errors import NotFoundError

from assistant.index.cache import EmbeddingCache
from assistant.index.documents import IndexDocument, build_documents, corpus_build_id
from assistant.settings import Settings

SEED_CACHE_DIR = Path(__file__).resolve().parents[2] / "corpus" / "embedding-cache"
BATCH = 64


class IndexError_(RuntimeError):
    """The index is missing or unusable; the message says what to run."""


def make_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_mode == "http":
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


@dataclass
class BuildReport:
    collection: str
    documents: int
    embedded: int
    from_cache: int
    seconds: float
    rebuilt: bool


class VectorStore:
    def __init__(self, client, embedder, docs: list[IndexDocument]):
        self.client = client
        self.embedder = embedder
        self.docs = docs
        self.build_id = corpus_build_id(docs, embedder.model_id)
        self.collection_name = f"corpus-{self.build_id}"
        self._collection = None

    def _embedding_function(self):
        from assistant.index.embedders import ChromaEmbeddingFunction

        return ChromaEmbeddingFunction(self.embedder)

    def collection(self):
        if self._collection is None:
            try:
                self._collection = self.client.get_collection(self.collection_name,
                                                              embedding_function=self._embedding_function())
            except NotFoundError as exc:
                raise IndexError_(f"index collection {self.collection_name} not found ({exc.__class__.__name__}); "
                                  f"run `assistant index`") from None
        return self._collection

    def is_built(self) -> bool:
        try:
            col = self.client.get_collection(self.collection_name, embedding_function=self._embedding_function())
        except NotFoundError:
            return False
        meta = col.metadata or {}
        return meta.get("complete") == "yes" and col.count() == len(self.docs)

    def build(self, settings: Settings, *, rebuild: bool = False, progress: bool = True) -> BuildReport:
        import time

        t0 = time.perf_counter()
        if not rebuild and self.is_built():
            return BuildReport(self.collection_name, len(self.docs), 0, 0, time.perf_counter() - t0, False)
        with contextlib.suppress(NotFoundError):  # nothing to drop on a first build
            self.client.delete_collection(self.collection_name)
        cache = EmbeddingCache.for_model(self.embedder.model_id, settings.data_dir, SEED_CACHE_DIR)
        vectors, embedded, cached = self._vectors(cache, progress)
        if cache.dirty:
            cache.save(keep={cache.key(d.text) for d in self.docs})
        col = self.client.create_collection(
            self.collection_name, embedding_function=self._embedding_function(),
            metadata={"hnsw:space": "cosine", "model_id": self.embedder.model_id, "build_id": self.build_id,
                      "complete": "no"})
        for i in range(0, len(self.docs), 500):
            chunk = self.docs[i : i + 500]
            col.add(ids=[d.doc_id for d in chunk], documents=[d.text for d in chunk],
                    metadatas=[d.metadata() for d in chunk], embeddings=[vectors[j] for j in range(i, i + len(chunk))])
        # chroma refuses a metadata update that repeats the distance function
        col.modify(metadata={**{k: v for k, v in (col.metadata or {}).items() if not k.startswith("hnsw:")},
                             "complete": "yes"})
        self._collection = col
        self._drop_stale_collections()
        return BuildReport(self.collection_name, len(self.docs), embedded, cached, time.perf_counter() - t0, True)

    def _vectors(self, cache: EmbeddingCache, progress: bool) -> tuple[list[list[float]], int, int]:
        from tqdm import tqdm

        out: list[np.ndarray | None] = [cache.get(d.text) for d in self.docs]
        todo = [i for i, v in enumerate(out) if v is None]
        bar = tqdm(total=len(todo), desc="embedding corpus", unit="doc", disable=not progress or not todo, file=sys.stderr)
        for start in range(0, len(todo), BATCH):
            idx = todo[start : start + BATCH]
            vecs = self.embedder.embed_documents([self.docs[i].text for i in idx])
            for i, v in zip(idx, vecs):
                cache.put(self.docs[i].text, v)
                out[i] = np.asarray(v, dtype=np.float32)
            bar.update(len(idx))
        bar.close()
        return [v.tolist() for v in out], len(todo), len(self.docs) - len(todo)

    def _drop_stale_collections(self) -> None:
        """One collection per corpus build: older builds of this corpus go."""
        names = [c if isinstance(c, str) else c.name for c in self.client.list_collections()]
        for name in names:
            if name.startswith("corpus-") and name != self.collection_name:
                with contextlib.suppress(NotFoundError):  # another process dropped it first
                    self.client.delete_collection(name)

    def query(self, vector: list[float], k: int, include_superseded: bool = False) -> list[tuple[str, float]]:
        where = None if include_superseded else {"status": {"$ne": "superseded"}}
        res = self.collection().query(query_embeddings=[vector], n_results=k, where=where, include=["distances"])
        return [(doc_id, 1.0 - float(dist)) for doc_id, dist in zip(res["ids"][0], res["distances"][0])]


def load_store(settings: Settings, registry, embedder) -> VectorStore:
    docs = build_documents(registry)
    return VectorStore(make_client(settings), embedder, docs)
