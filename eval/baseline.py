"""The textbook RAG baseline, measured beside ours: whole documents split by RecursiveCharacterTextSplitter
(500 characters, 50 overlap), the same embedder in chroma, top-5 chunks, no guard. A chunk retrieves the
articles whose headers (第N条 at a line start) it contains."""

from __future__ import annotations

import contextlib
import re
import time

from chromadb.errors import NotFoundError
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.text.numerals import parse_numeral
from assistant.corpus.parse import split_front_matter
from assistant.index.cache import EmbeddingCache, model_slug

HEADER = re.compile(r"^第([零〇一二两三四五六七八九十百千0-9]+)条", re.M)
DOTTED = re.compile(r"^(\d{1,3})[.．]", re.M)


class Baseline:
    def __init__(self, registry, embedder, client, settings, k: int = 5):
        self.k = k
        self.embedder = embedder
        splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
        self.chunks: list[tuple[str, str, list[int]]] = []  # (chunk id, text, article numbers), law id in id
        for law in registry.laws.values():
            v = law.current
            if v is None:
                continue
            for fname in v.source_file.split("+"):
                path = settings.statutes_dir / fname
                _, body, _ = split_front_matter(path, path.read_text(encoding="utf-8"))
                pattern = DOTTED if "dotted" in path.read_text(encoding="utf-8")[:2000] and law.law_id == "enforcement-work" else HEADER
                for i, chunk in enumerate(splitter.split_text(body)):
                    numbers = []
                    for m in pattern.finditer(chunk):
                        with contextlib.suppress(ValueError):  # a malformed header retrieves nothing
                            numbers.append(parse_numeral(m.group(1)))
                    self.chunks.append((f"{law.law_id}|{fname}|{i}", chunk, numbers))
        # its own cache file: the index's cache is pruned to the corpus texts on every rebuild
        path = settings.data_dir / "embeddings" / f"baseline-{model_slug(embedder.model_id)}.npz"
        cache = EmbeddingCache(embedder.model_id, [path] if path.exists() else [], path)
        vectors = []
        todo = [i for i, (_, text, _) in enumerate(self.chunks) if cache.get(text) is None]
        for start in range(0, len(todo), 64):
            idx = todo[start : start + 64]
            for i, vec in zip(idx, embedder.embed_documents([self.chunks[i][1] for i in idx])):
                cache.put(self.chunks[i][1], vec)
        if cache.dirty:
            cache.save()
        vectors = [cache.get(text).tolist() for _, text, _ in self.chunks]
        name = "baseline-" + model_slug(embedder.model_id)  # chroma allows [a-zA-Z0-9._-] only
        with contextlib.suppress(NotFoundError):  # rebuilt every run: the chunks may have changed
            client.delete_collection(name)
        from assistant.index.embedders import ChromaEmbeddingFunction

        self.collection = client.create_collection(name, embedding_function=ChromaEmbeddingFunction(embedder),
                                                   metadata={"hnsw:space": "cosine"})
        for s in range(0, len(self.chunks), 500):
            part = self.chunks[s : s + 500]
            self.collection.add(ids=[c[0] for c in part], documents=[c[1] for c in part],
                                embeddings=vectors[s : s + len(part)])

    def search(self, query: str) -> tuple[list[str], float]:
        t = time.perf_counter()
        res = self.collection.query(query_embeddings=[self.embedder.embed_query(query)], n_results=self.k)
        ms = (time.perf_counter() - t) * 1000
        out: list[str] = []
        by_id = {c[0]: c for c in self.chunks}
        for cid in res["ids"][0]:
            law_id = cid.split("|", 1)[0]
            for n in by_id[cid][2]:
                key = f"{law_id}:{n}"
                if key not in out:
                    out.append(key)
        return out, ms
