"""Hybrid retrieval: exact provision lookup + BM25 (jieba) + dense (chroma), fused by weighted reciprocal rank.

A question asking what a term means ('什么是执行回转', 'What is execution reversal?') is also matched to the
notes that give that definition among their questions: every note on the topic shares the term, so neither
BM25 nor a short embedding tells the defining note from the others.

Superseded texts never enter the BM25 or dense candidate lists unless the query asks for an older
version (names a year, 旧/原/修正前, 'old'); they are reached by exact lookup when a query names them.
"""

from __future__ import annotations

import dataclasses

import re
import time
from collections import OrderedDict
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from assistant.corpus.refs import find_provision_refs
from assistant.corpus.registry import LawRegistry
from assistant.index.bm25 import BM25Index
from assistant.index.documents import IndexDocument, article_doc_id, ask_index, build_documents, owner_doc_id
from assistant.models import Hit
from assistant.text.glossary import expand_query

# Chosen on eval/questions.jsonl by a grid over RRF_K {10, 20, 60} × dense weight {0.4 … 1.2}
# (bench/reports/fusion_grid.json): k=10 and 0.8 give the best recall@5; heavier dense weights trade recall@5
# for recall@1 and MRR.
RRF_K = 10
WEIGHTS = {"exact": 3.0, "exact_old": 1.0, "bm25": 1.0, "dense": 0.8, "defines": 3.0}
CANDIDATES = 50
DENSE_OVERFETCH = 4  # vectors fetched per distinct document wanted (a note's questions collapse onto it)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
# the user says the number they give is an old one ("…现在是哪一条", "now", "current")
_ASKS_CURRENT = re.compile(r"现在|现行|如今|目前|对应|新法|now|current|today|renumber", re.I)
_ASKS_OLD = re.compile(r"(?:19|20)\d\d年|旧法|原民诉法|修正前|修改前|修订前|原来的|以前的|\bold\b|\bformer\b|\bprevious\b|\bbefore the 20\d\d\b", re.I)


# '什么是X' / 'X是什么意思' / 'What is (an) X?': X, the term asked about (trailing clauses and 'in China' aside)
_DEFINITION = (
    re.compile(r"^(?:请问)?(?:什么是|何为|什么叫|何谓)(.{2,16}?)(?:[，,、].*)?[？?。]?$"),
    re.compile(r"^(?:请问)?(.{2,16}?)(?:到底)?(?:是什么意思|是什么|指的是什么|指什么|是指什么)[？?。]?$"),
    re.compile(r"^what (?:is|are) (?:an? |the )?([a-z][a-z -]{2,48}?)(?: under chinese law| in china)?\s*\??$", re.I),
)


def defined_term(question: str) -> str | None:
    """The term a definition question asks about, lower-cased; None for any other question."""
    text = question.strip()
    for pattern in _DEFINITION:
        m = pattern.match(text)
        if m:
            return m.group(1).strip().lower()
    return None


def fuse_rankings(rankings: list[list[Hit]], k: int) -> list[Hit]:
    """Several searches' hits in one order, by reciprocal rank (the same RRF_K as the signals within a search);
    a hit keeps its first record, with the fused score."""
    fused: dict[str, float] = {}
    first: dict[str, Hit] = {}
    for hits in rankings:
        for rank, hit in enumerate(hits):
            fused[hit.doc_id] = fused.get(hit.doc_id, 0.0) + 1.0 / (RRF_K + rank + 1)
            first.setdefault(hit.doc_id, hit)
    order = sorted(fused, key=lambda d: (-fused[d], d))[:k]
    return [dataclasses.replace(first[d], score=fused[d]) for d in order]


class QueryError(ValueError):
    """A query that cannot be searched (empty after cleaning); the message is shown to the user."""


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    truncated: bool = False
    timings_ms: dict[str, float] = field(default_factory=dict)


def clean_query(query: str, max_chars: int) -> tuple[str, bool]:
    if not isinstance(query, str):
        raise QueryError("query must be a string")
    text = unicodedata.normalize("NFKC", query)
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise QueryError("empty query: type a question or a provision such as 民事诉讼法第244条")
    if len(text) > max_chars:
        return text[:max_chars], True
    return text, False


class HybridRetriever:
    def __init__(self, registry: LawRegistry, store=None, embedder=None, *, max_query_chars: int = 2000,
                 docs: list[IndexDocument] | None = None, weights: dict[str, float] | None = None):
        self.registry = registry
        self.store = store
        self.embedder = embedder
        self._vectors: OrderedDict[str, list[float]] = OrderedDict()  # the last queries' embeddings
        self.max_query_chars = max_query_chars
        self.weights = dict(weights or WEIGHTS)
        self.docs = docs if docs is not None else (store.docs if store is not None else build_documents(registry))
        self.by_id = {d.doc_id: d for d in self.docs}
        # a note's questions are part of the note's own text already: BM25 sees each note once
        lexical = [d for d in self.docs if d.kind != "note_ask"]
        searchable = [d for d in lexical if d.status != "superseded"]
        self.bm25 = BM25Index([d.doc_id for d in searchable], [_lexical_text(d) for d in searchable])
        old = [d for d in lexical if d.status == "superseded"]
        self._bm25_old = BM25Index([d.doc_id for d in old], [_lexical_text(d) for d in old]) if old else None
        # term → the notes that answer '什么是<term>' among their questions
        self.definitions: dict[str, list[str]] = {}
        for note in registry.notes:
            for ask in (*note.asks, *note.asks_en):
                term = defined_term(ask)
                if term and f"note:{note.id}" in self.by_id:
                    self.definitions.setdefault(term, []).append(f"note:{note.id}")

    # ----- signals -------------------------------------------------------------------------------
    def exact(self, query: str) -> tuple[list[str], list[str]]:
        """Doc ids for the provisions a query names, and (second list) what the same number became if the
        user meant an older revision: weaker evidence, fused like any other signal."""
        out: list[str] = []
        old: list[str] = []
        for ref in find_provision_refs(query, self.registry):
            law = self.registry.law(ref.law_id)
            current = law.current
            if ref.year is not None:
                v = self.registry.version_for_year(ref.law_id, ref.year)
                if v and self.registry.article(ref.law_id, ref.article, v.version):
                    out.append(article_doc_id(ref.law_id, v.version, ref.article))
                    now = self.registry.map_article(ref.law_id, ref.article, v.version)
                    if now and current:
                        out.append(article_doc_id(ref.law_id, current.version, now))
                continue
            if current and self.registry.article(ref.law_id, ref.article):
                out.append(article_doc_id(ref.law_id, current.version, ref.article))
            # the same number in older revisions may be what the user means
            for v in reversed(law.versions):
                if v is current or not self.registry.article(ref.law_id, ref.article, v.version):
                    continue
                now = self.registry.map_article(ref.law_id, ref.article, v.version)
                if now and current and now != ref.article:
                    old.append(article_doc_id(ref.law_id, current.version, now))
        seen: set[str] = set()
        out = [d for d in out if d in self.by_id and not (d in seen or seen.add(d))]
        return out, [d for d in old if d in self.by_id and not (d in seen or seen.add(d))]

    def defines(self, query: str) -> list[str]:
        """The notes defining the term a definition question asks about, or the term it narrows ('执行和解协议'
        finds the note on '执行和解'; '执行' does not find the note on '执行回转')."""
        term = defined_term(query)
        if term is None or len(term) < 2:
            return []
        found = [d for t, ids in self.definitions.items() if term.startswith(t) for d in ids]
        return list(dict.fromkeys(found))

    def bm25_search(self, query: str, k: int = CANDIDATES, include_superseded: bool = False) -> list[tuple[str, float]]:
        query = expand_query(query)
        hits = self.bm25.search(query, k)
        if include_superseded and self._bm25_old is not None:
            hits = sorted(hits + self._bm25_old.search(query, k), key=lambda x: -x[1])[:k]
        return hits

    def query_vector(self, query: str) -> list[float] | None:
        """The query's embedding, remembered for the last few queries: the scope decision and the dense search of one
        question embed it once."""
        if self.embedder is None:
            return None
        vector = self._vectors.get(query)
        if vector is None:
            vector = self.embedder.embed_query(query)
            self._vectors[query] = vector
            if len(self._vectors) > 32:
                self._vectors.popitem(last=False)
        return vector

    def dense_search(self, query: str, k: int = CANDIDATES, include_superseded: bool = False) -> list[tuple[str, float]]:
        return self._dense(query, k, include_superseded)[0]

    def _dense(self, query: str, k: int = CANDIDATES,
               include_superseded: bool = False) -> tuple[list[tuple[str, float]], dict[str, int]]:
        """The k best documents, and for each note reached through one of its questions, which question (0-based
        over asks then asks_en): different questions of a note are decided by different provisions."""
        if self.store is None or self.embedder is None:
            return [], {}
        vector = self.query_vector(query)
        out: dict[str, float] = {}
        matched: dict[str, int] = {}
        # question vectors stand for their note; the note keeps its best score (results arrive best first). A note
        # carries a dozen or more questions, so k vectors can collapse onto a handful of notes: fetch more vectors
        # and keep k distinct documents, or the articles fall out of the dense list.
        for doc_id, score in self.store.query(vector, k * DENSE_OVERFETCH, include_superseded=include_superseded):
            doc = self.by_id.get(doc_id)
            owner = owner_doc_id(doc) if doc is not None else doc_id
            if doc is not None and doc.kind == "note_ask" and owner not in matched:
                matched[owner] = ask_index(doc_id)
            out.setdefault(owner, score)
            if len(out) == k:
                break
        return list(out.items()), matched

    # ----- fusion --------------------------------------------------------------------------------
    def search(self, query: str, k: int = 10, mode: str = "hybrid") -> SearchResult:
        text, truncated = clean_query(query, self.max_query_chars)
        include_old = bool(_ASKS_OLD.search(text))
        timings: dict[str, float] = {}
        lists: dict[str, list[tuple[str, float]]] = {}
        matched_asks: dict[str, int] = {}
        if mode in ("hybrid", "exact"):
            t = time.perf_counter()
            named, renumbered = self.exact(text)
            lists["exact"] = [(d, 1.0) for d in named]
            lists["exact_old"] = [(d, 1.0) for d in renumbered]
            lists["defines"] = [(d, 1.0) for d in self.defines(text)]
            timings["exact"] = (time.perf_counter() - t) * 1000
        if mode in ("hybrid", "bm25"):
            t = time.perf_counter()
            lists["bm25"] = self.bm25_search(text, include_superseded=include_old)
            timings["bm25"] = (time.perf_counter() - t) * 1000
        if mode in ("hybrid", "dense"):
            t = time.perf_counter()
            lists["dense"], matched_asks = self._dense(text, include_superseded=include_old)
            timings["dense"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        fused: dict[str, float] = {}
        signals: dict[str, dict[str, float]] = {}
        weights = dict(self.weights)
        if _ASKS_CURRENT.search(text) and lists.get("exact_old"):
            weights["exact"], weights["exact_old"] = weights["exact_old"], weights["exact"]
        for name, ranked in lists.items():
            w = weights.get(name, 1.0)
            for rank, (doc_id, score) in enumerate(ranked):
                fused[doc_id] = fused.get(doc_id, 0.0) + w / (RRF_K + rank + 1)
                signals.setdefault(doc_id, {})[name] = round(score, 4)
        ranked_ids = sorted(fused, key=lambda d: (-fused[d], d))[:k]
        hits = [self._hit(d, fused[d], signals[d], matched_asks.get(d)) for d in ranked_ids]
        timings["fuse"] = (time.perf_counter() - t) * 1000
        return SearchResult(text, hits, truncated, timings)

    def _hit(self, doc_id: str, score: float, signals: dict[str, float], matched_ask: int | None = None) -> Hit:
        d = self.by_id[doc_id]
        return Hit(doc_id=doc_id, kind=d.kind, text=d.display, score=round(score, 6), law_id=d.law_id,
                   law_title=d.law_title, article=d.article, version=d.version, status=d.status,  # type: ignore[arg-type]
                   note_id=d.note_id, cites=d.cites, signals=signals, matched_ask=matched_ask)

    def as_langchain(self, k: int = 8) -> "CorpusRetriever":
        return CorpusRetriever(hybrid=self, k=k)


_LABEL_NUMBER = re.compile(r"^(《[^》]+》)第[0-9]+(?:之[0-9]+)?条")


def _lexical_text(doc: IndexDocument) -> str:
    """BM25 text without the Arabic article number of the label: a bare '233' in a question would otherwise
    match article 233 of every law (exact lookup handles numbers that come with a law's name)."""
    return _LABEL_NUMBER.sub(r"\1", doc.text, count=1) if doc.kind == "article" else doc.text


def hit_to_document(hit: Hit, registry: LawRegistry) -> Document:
    meta: dict[str, Any] = {"doc_id": hit.doc_id, "kind": hit.kind, "score": hit.score, "law_id": hit.law_id,
                            "law_title": hit.law_title, "article": hit.article, "version": hit.version,
                            "status": hit.status, "note_id": hit.note_id,
                            "cites": [{"law_id": c.law_id, "law": registry.law(c.law_id).title, "article": c.article}
                                      for c in hit.cites],
                            "signals": dict(hit.signals)}
    if hit.kind == "article" and hit.law_id:
        meta["citation"] = f"《{hit.law_title}》第{hit.article}条"
    return Document(page_content=hit.text, metadata=meta)


class CorpusRetriever(BaseRetriever):
    """The hybrid retriever as a langchain retriever: Documents whose metadata carries the citation."""

    hybrid: Any
    k: int = 8

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = self.hybrid.search(query, k=self.k)
        return [hit_to_document(h, self.hybrid.registry) for h in result.hits]
