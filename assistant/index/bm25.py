"""BM25 over index documents with jieba and a legal-term dictionary."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from rank_bm25 import BM25Okapi

TERMS_FILE = Path(__file__).with_name("legal_terms.txt")
_STOP = set("的 了 和 与 或 及 是 在 对 为 以 于 而 其 该 之 等 被 把 就 也 都 这 那 有 我 你 他 她 它 们 吗 呢 吧 啊 怎么 什么 如何 可以 能 能否 是否 应当".split())
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
    def __init__(self, doc_ids: list[str], texts: list[str]):
        self.doc_ids = doc_ids
        self._bm25 = BM25Okapi([tokenize(t) for t in texts])

    def search(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        terms = tokenize(query)
        if not terms:
            return []
        scores = self._bm25.get_scores(terms)
        top = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
        return [(self.doc_ids[i], float(scores[i])) for i in top if scores[i] > 0]
