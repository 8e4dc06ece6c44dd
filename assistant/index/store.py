"""The vector store: chromadb, persistent on disk by default or a chroma server over HTTP.

Vectors are always computed by the project's embedder and passed in explicitly; the collection is also
created with the project's embedding function so chroma never falls back to its downloading default.

Every build goes into a new collection (``corpus-<build id>-<stamp>``) whose metadata carries the integrity
manifest; writing the manifest is the last step and is what makes the build visible, so a running server never
sees a half-built index. Older collections are dropped afterwards; a server still holding one finds the
newest complete build on its next search. ``ensure`` verifies the index cheaply (manifest, count, a sample of
stored vectors against the embedding cache, probe queries) under a file lock, and rebuilds it or refuses.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from chromadb.errors import ChromaError, NotFoundError

from assistant.index.cache import SAME_VECTOR_COSINE, EmbeddingCache, cosine
from assistant.index.documents import IndexDocument, build_documents, corpus_build_id
from assistant.index.integrity import IndexManifest, inspect_collection, inspect_isolated, vectors_sha256
from assistant.settings import Settings

SEED_CACHE_DIR = Path(__file__).resolve().parents[2] / "corpus" / "embedding-cache"
BATCH = 64
SAMPLE = 24  # stored vectors compared with the cache at start-up (spread over the collection, first and last included)
PROBES = 3
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LOCK_TIMEOUT_S = 900  # a first build on a slow machine, waited for by a second process starting alongside


class IndexError_(RuntimeError):
    """The index is missing or unusable; the message says what to run."""


def make_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_mode == "http":
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    from filelock import FileLock

    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    # chroma creates its tables when a client first opens an empty folder; two processes doing so at once race
    # ("table collections already exists"), so the first open is serialised like the first build
    with FileLock(str(settings.data_dir / "chroma-open.lock"), timeout=LOCK_TIMEOUT_S):
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


@dataclass
class BuildReport:
    collection: str
    documents: int
    embedded: int
    from_cache: int
    seconds: float
    rebuilt: bool
    problems: list[str] = field(default_factory=list)  # what verification found before a rebuild


@dataclass
class IndexCheck:
    collection: str | None
    problems: list[str]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems


def _say(message: str) -> None:
    print(f"[assistant] {message}", file=sys.stderr, flush=True)


class VectorStore:
    def __init__(self, client, embedder, docs: list[IndexDocument]):
        self.client = client
        self.embedder = embedder
        self.docs = docs
        self.build_id = corpus_build_id(docs, embedder.model_id)
        self.collection_name = f"corpus-{self.build_id}"  # every build of this corpus is named <this>-<stamp>
        self._collection = None
        self._lock = threading.Lock()
        self._probe_vector: list[float] | None = None

    def _embedding_function(self):
        from assistant.index.embedders import ChromaEmbeddingFunction

        return ChromaEmbeddingFunction(self.embedder)

    # ----- which collection is the index -----------------------------------------------------------
    def _builds(self) -> list[tuple[str, IndexManifest]]:
        """Complete builds of this corpus and embedder, oldest first (listing never opens a segment)."""
        out = []
        for c in self.client.list_collections():
            name = c if isinstance(c, str) else c.name
            meta = None if isinstance(c, str) else c.metadata
            if not name.startswith(self.collection_name + "-"):
                continue
            manifest = IndexManifest.from_metadata(meta)
            if manifest and manifest.build_id == self.build_id and manifest.model_id == self.embedder.model_id:
                out.append((name, manifest))
        return sorted(out, key=lambda nm: (nm[1].built_at, nm[0]))

    def active(self) -> tuple[str, IndexManifest] | None:
        builds = self._builds()
        return builds[-1] if builds else None

    @property
    def active_name(self) -> str | None:
        found = self.active()
        return found[0] if found else None

    def collection(self):
        with self._lock:
            if self._collection is None:
                name = self.active_name
                if name is None:
                    raise IndexError_(f"no complete index {self.collection_name}-* for this corpus and embedder; "
                                      f"run `assistant index`")
                try:
                    self._collection = self.client.get_collection(name, embedding_function=self._embedding_function())
                except NotFoundError:
                    raise IndexError_(f"index collection {name} vanished while opening it; run `assistant index`") from None
            return self._collection

    def is_built(self) -> bool:
        """A complete build of this corpus exists (by its manifest; nothing is opened)."""
        found = self.active()
        return found is not None and found[1].documents == len(self.docs)

    # ----- verification ----------------------------------------------------------------------------
    def _sample_ids(self, n: int) -> list[int]:
        if not self.docs:
            return []
        return sorted({round(i * (len(self.docs) - 1) / max(1, n - 1)) for i in range(n)})

    def _expected_vectors(self, settings: Settings, idx: list[int]) -> list[list[float]]:
        """The vectors these documents must have: from the (validated) cache, else embedded now."""
        cache = self._cache(settings, validate=True)
        out: list[list[float] | None] = [None if (v := cache.get(self.docs[i].text)) is None else v.tolist() for i in idx]
        todo = [j for j, v in enumerate(out) if v is None]
        if todo:
            for j, v in zip(todo, self.embedder.embed_documents([self.docs[idx[j]].text for j in todo])):
                out[j] = [float(x) for x in v]
        return out  # type: ignore[return-value]

    def verify(self, settings: Settings, *, full: bool = False, isolated: bool | None = None) -> IndexCheck:
        """Manifest, count, a sample of stored vectors against the cache, probe queries; ``full`` also compares
        the checksum of every stored vector with the manifest. A persistent index is read in a child process
        first (``isolated``), since damaged HNSW files crash the process that opens them."""
        t0 = time.perf_counter()
        found = self.active()
        if found is None:
            stale = [n for n in self._collection_names() if n.startswith("corpus-")]
            why = (f"no complete index for this corpus and embedder (build {self.build_id}"
                   + (f"; found only {', '.join(stale[:3])}" if stale else "") + ")")
            return IndexCheck(None, [why], time.perf_counter() - t0)
        name, manifest = found
        problems = []
        if manifest.documents != len(self.docs):
            problems.append(f"the manifest of {name} records {manifest.documents} documents, the corpus has {len(self.docs)}")
        idx = self._sample_ids(SAMPLE)
        expected = self._expected_vectors(settings, idx)
        probe_at = [round(j * (len(idx) - 1) / max(1, PROBES - 1)) for j in range(PROBES)] if idx else []
        probes = [expected[j] for j in probe_at]
        sample_ids = [self.docs[i].doc_id for i in idx]
        all_ids, expected_file = None, None
        if full:  # every stored vector against the cache, and the cache against the manifest's checksum
            cache = self._cache(settings, validate=False)
            cached = [(d.doc_id, v) for d in self.docs if (v := cache.get(d.text)) is not None]
            if len(cached) == len(self.docs) and vectors_sha256([v for _, v in cached]) != manifest.vectors_sha256:
                problems.append("the embedding cache no longer gives the vectors recorded in the manifest")
            if cached:
                all_ids = [i for i, _ in cached]
                fd, expected_file = tempfile.mkstemp(suffix=".npy", dir=settings.data_dir)
                os.close(fd)
                np.save(expected_file, np.stack([v for _, v in cached]).astype(np.float32))
        if isolated is None:
            isolated = settings.chroma_mode == "persistent"
        try:
            if isolated:
                result, error = inspect_isolated(settings.data_dir / "chroma", name, sample_ids, probes, all_ids,
                                                 expected_file)
            else:
                try:
                    col = self.client.get_collection(name, embedding_function=self._embedding_function())
                    result, error = inspect_collection(col, sample_ids, probes, all_ids, expected_file), None
                except (ChromaError, ValueError) as exc:
                    result, error = None, f"the stored index cannot be read: {type(exc).__name__}: {exc}"
        finally:
            if expected_file:
                os.unlink(expected_file)
        if error:
            return IndexCheck(name, problems + [error], time.perf_counter() - t0)
        if result["count"] != len(self.docs):
            problems.append(f"{name} holds {result['count']} vectors, the corpus has {len(self.docs)} documents")
        wrong = [i for i, v in zip(sample_ids, expected)
                 if cosine(result["vectors"].get(i, []), v) < SAME_VECTOR_COSINE]
        if wrong:
            problems.append(f"{len(wrong)} of {len(sample_ids)} sampled stored vectors differ from the embedding cache "
                            f"(e.g. {wrong[0]})")
        for probe in result["probes"]:
            if not probe["similarities"] or probe["similarities"][0] < SAME_VECTOR_COSINE:
                problems.append("a probe search does not find the document it was made from")
                break
        if result.get("missing"):
            problems.append(f"{result['missing']} documents have no stored vector")
        if result.get("mismatched"):
            problems.append(f"{result['mismatched']} stored vectors differ from the embedding cache "
                            f"(e.g. {result['first_mismatch']})")
        if not problems and probes:
            self._probe_vector = probes[0]
        return IndexCheck(name, problems, time.perf_counter() - t0)

    def ensure(self, settings: Settings, *, build: bool = True, progress: bool = True, full: bool = False,
               rebuild: bool = False, say: Callable[[str], None] = _say) -> BuildReport:
        """Verify the index and rebuild it when it fails (or refuse with IndexError_ when ``build`` is False).
        A file lock in the data folder makes concurrent first starts wait for one build."""
        from filelock import FileLock, Timeout

        t0 = time.perf_counter()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            with FileLock(str(settings.data_dir / "index.lock"), timeout=LOCK_TIMEOUT_S):
                check = None if rebuild else self.verify(settings, full=full)
                if check is not None and check.ok:
                    return BuildReport(check.collection or "", len(self.docs), 0, 0, time.perf_counter() - t0, False)
                problems = ["rebuild requested"] if check is None else check.problems
                if not build:
                    raise IndexError_(f"the index cannot be served: {'; '.join(problems)}. Run `assistant index` "
                                      f"to rebuild it")
                if check is not None and check.collection is None:
                    say(f"building index {self.collection_name} ({len(self.docs)} documents) …")
                elif check is not None:
                    say(f"index check failed: {'; '.join(problems)}; rebuilding {len(self.docs)} documents …")
                report = self.build(settings, rebuild=True, progress=progress)
                after = self.verify(settings, isolated=False)  # our own fresh build: safe to open here
                if not after.ok:
                    raise IndexError_(f"the rebuilt index fails verification: {'; '.join(after.problems)}")
                report.problems = problems
                return report
        except Timeout:
            raise IndexError_(f"another process has held {settings.data_dir / 'index.lock'} for {LOCK_TIMEOUT_S} s; "
                              f"is a build stuck?") from None

    def probe(self) -> str | None:
        """A search that must find its own document: None when it does, else what is wrong (for /readyz)."""
        if self._probe_vector is None:
            return "the index has not been verified"
        try:
            hits = self.query(self._probe_vector, k=1, include_superseded=True)
        except IndexError_ as exc:
            return str(exc)
        if not hits or hits[0][1] < SAME_VECTOR_COSINE:
            return "the probe search does not find the document it was made from"
        return None

    # ----- building --------------------------------------------------------------------------------
    def _cache(self, settings: Settings, *, validate: bool) -> EmbeddingCache:
        cache = EmbeddingCache.for_model(self.embedder.model_id, settings.data_dir, SEED_CACHE_DIR,
                                         dimension=self.embedder.dimension)
        if validate:
            cache.validate([d.text for d in self.docs], self.embedder.embed_documents)
        return cache

    def build(self, settings: Settings, *, rebuild: bool = False, progress: bool = True) -> BuildReport:
        t0 = time.perf_counter()
        if not rebuild and self.is_built():
            return BuildReport(self.active_name or "", len(self.docs), 0, 0, time.perf_counter() - t0, False)
        cache = self._cache(settings, validate=True)
        vectors, embedded, cached = self._vectors(cache, progress)
        if cache.dirty:
            cache.save(keep={cache.key(d.text) for d in self.docs})
        name = f"{self.collection_name}-{time.time_ns():x}{os.getpid() % 4096:03x}"
        manifest = IndexManifest(self.build_id, self.embedder.model_id, len(self.docs), vectors_sha256(vectors),
                                 datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
        col = self.client.create_collection(
            name, embedding_function=self._embedding_function(),
            metadata={"hnsw:space": "cosine", "model_id": self.embedder.model_id, "build_id": self.build_id,
                      "complete": "no"})
        for i in range(0, len(self.docs), 500):
            chunk = self.docs[i : i + 500]
            col.add(ids=[d.doc_id for d in chunk], documents=[d.text for d in chunk],
                    metadatas=[d.metadata() for d in chunk], embeddings=[vectors[j] for j in range(i, i + len(chunk))])
        # the manifest goes in last and makes the build visible (chroma refuses a repeated distance function)
        col.modify(metadata=manifest.to_metadata())
        with self._lock:
            self._collection = col
        self._drop_other_collections(keep=name)
        if settings.chroma_mode == "persistent":
            self._remove_orphan_segments(settings)
        return BuildReport(name, len(self.docs), embedded, cached, time.perf_counter() - t0, True)

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
                # as the cache keeps it, so the manifest's checksum can be recomputed from the cache
                out[i] = np.asarray(v, dtype=np.float16).astype(np.float32)
            bar.update(len(idx))
        bar.close()
        return [v.tolist() for v in out], len(todo), len(self.docs) - len(todo)

    def _collection_names(self) -> list[str]:
        return [c if isinstance(c, str) else c.name for c in self.client.list_collections()]

    def _drop_other_collections(self, keep: str) -> None:
        """One index per data folder: earlier builds (of any corpus, damaged ones included) go. Dropping a
        collection does not open its files; a server still holding one re-resolves on its next search."""
        for name in self._collection_names():
            if name.startswith("corpus-") and name != keep:
                with contextlib.suppress(NotFoundError, ValueError):  # another process dropped it first
                    self.client.delete_collection(name)

    def _remove_orphan_segments(self, settings: Settings) -> int:
        """Chroma's embedded mode leaves a dropped collection's HNSW folder on disk (about 7 MB per build of this
        corpus); remove the folders no live segment names. Returns how many went."""
        import shutil
        import sqlite3

        root = settings.data_dir / "chroma"
        try:
            with contextlib.closing(sqlite3.connect(f"file:{root / 'chroma.sqlite3'}?mode=ro", uri=True)) as db:
                live = {row[0] for row in db.execute("SELECT id FROM segments")}
        except sqlite3.Error:
            return 0  # another chroma version's layout: leave its files alone
        removed = 0
        for folder in root.iterdir():
            if folder.is_dir() and _UUID.fullmatch(folder.name) and folder.name not in live:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed

    # ----- searching -------------------------------------------------------------------------------
    def query(self, vector: list[float], k: int, include_superseded: bool = False) -> list[tuple[str, float]]:
        """Nearest documents. When the collection this process holds was dropped or fails (a rebuild by another
        process, deleted files), the newest complete build is looked up once more; then IndexError_."""
        where = None if include_superseded else {"status": {"$ne": "superseded"}}
        try:
            res = self.collection().query(query_embeddings=[vector], n_results=k, where=where, include=["distances"])
        except (ChromaError, ValueError):
            with self._lock:
                self._collection = None
            try:
                res = self.collection().query(query_embeddings=[vector], n_results=k, where=where, include=["distances"])
            except (ChromaError, ValueError) as exc:
                with self._lock:
                    self._collection = None
                raise IndexError_(f"the index cannot be searched ({type(exc).__name__}: {str(exc)[:200]}); "
                                  f"run `assistant index`") from None
        return [(doc_id, 1.0 - float(dist)) for doc_id, dist in zip(res["ids"][0], res["distances"][0])]


def load_store(settings: Settings, registry, embedder) -> VectorStore:
    docs = build_documents(registry)
    return VectorStore(make_client(settings), embedder, docs)
