"""BM25 over index documents with jieba and a legal-term dictionary.

A query costs what its distinct terms cost, each in proportion to the documents that hold it (an inverted
index), and at most MAX_QUERY_TERMS distinct terms are scored: a long question is not searched for longer than
a short one plus its segmentation (rank_bm25's own scoring walks every document for every query token, so a
2,000-character question took over a second).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

TERMS_FILE = Path(__file__).with_name("legal_terms.txt")
_STOP = set("的 了 和 与 或 及 是 在 对 为 以 于 而 其 该 之 等 被 把 就 也 都 这 那 有 我 你 他 她 它 们 吗 呢 吧 啊 怎么 什么 如何 可以 能 能否 是否 应当".split())
# the questions of eval/questions.jsonl have at most 35 distinct terms (English ones with their glossary terms); past this many, later terms are left out
MAX_QUERY_TERMS = 64
_TOKEN_OK = re.compile(r"[\w\u4e00-\u9fff]")
_lock = threading.Lock()
_tokenizer = None


def _jieba():
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.load_userdict(str(TERMS_FILE))
            _tokenizer = tok
    return _tokenizer


def tokenize(text: str) -> list[str]:
    """Search-engine style segmentation (long words also yield their parts), lower-cased, stop words dropped."""
    tok = _jieba()
    out = []
    for w in tok.lcut_for_search(text.lower()):
        w = w.strip()
        if not w or w in _STOP or not _TOKEN_OK.search(w):
            continue
        out.append(w)
    return out


class BM25Index:
    """Okapi BM25 with rank_bm25's parameters and idf; scores equal ``BM25Okapi.get_scores`` for any query of at
    most MAX_QUERY_TERMS distinct terms."""

    def __init__(self, doc_ids: list[str], texts: list[str]):
        self.doc_ids = doc_ids
        okapi = BM25Okapi([tokenize(t) for t in texts])
        self.idf: dict[str, float] = okapi.idf
        doc_len = np.asarray(okapi.doc_len, dtype=np.float64)
        self._norm = okapi.k1 * (1 - okapi.b + okapi.b * doc_len / okapi.avgdl)  # per document
        self._k1 = okapi.k1
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for i, freqs in enumerate(okapi.doc_freqs):
            for term, tf in freqs.items():
                docs, tfs = postings.setdefault(term, ([], []))
                docs.append(i)
                tfs.append(tf)
        self._postings = {t: (np.asarray(d, dtype=np.int64), np.asarray(f, dtype=np.float64))
                          for t, (d, f) in postings.items()}

    def query_terms(self, query: str) -> dict[str, int]:
        """The terms scored for ``query`` with how often each occurs: the first MAX_QUERY_TERMS distinct ones."""
        counts: dict[str, int] = {}
        for term in tokenize(query):
            if term in counts:
                counts[term] += 1
            elif len(counts) < MAX_QUERY_TERMS:
                counts[term] = 1
        return counts

    def scores(self, terms: dict[str, int]) -> np.ndarray:
        out = np.zeros(len(self.doc_ids))
        for term, count in terms.items():
            found = self._postings.get(term)
            if found is None:
                continue
            docs, tf = found
            out[docs] += count * (self.idf[term] * (tf * (self._k1 + 1) / (tf + self._norm[docs])))
        return out

    def search(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        terms = self.query_terms(query)
        if not terms:
            return []
        scores = self.scores(terms)
        top = sorted(np.flatnonzero(scores > 0).tolist(), key=lambda i: (-scores[i], i))[:k]
        return [(self.doc_ids[i], float(scores[i])) for i in top]
