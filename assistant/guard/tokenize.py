"""Low-level text handling: length-preserving folding, numerals, a trie regex of law names, sentences.

Everything here keeps character offsets: ``fold(text)`` has exactly ``len(text)`` characters, so a match
in the folded text is a span in the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from assistant.text.language import detect_lang, is_cjk  # noqa: F401  (the guard's names for them)
from assistant.text.numerals import parse_number  # noqa: F401

# ----- folding ---------------------------------------------------------------------------------------

_FOLD: dict[int, str] = {}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII → ASCII
    _FOLD[_cp] = chr(_cp - 0xFEE0)
for _cp in range(ord("A"), ord("Z") + 1):
    _FOLD[_cp] = chr(_cp + 32)
_FOLD.update({ord("（"): "(", ord("）"): ")", ord("〈"): "《", ord("〉"): "》", ord("«"): "《", ord("»"): "》",
              ord("［"): "〔", ord("］"): "〕", ord("["): "〔", ord("]"): "〕", ord("【"): "〔", ord("】"): "〕",
              ord("\u3000"): " ", ord("\u00a0"): " ", ord("○"): "〇", ord("’"): "'", ord("‘"): "'",
              ord("—"): "-", ord("–"): "-", ord("－"): "-", ord("～"): "~"})
for _cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):  # zero-width characters read as spaces
    _FOLD[_cp] = " "
# After the table: full-width forms of the brackets above were mapped to ASCII first; map them on.
_FOLD[ord("（")] = "("
_FOLD[ord("）")] = ")"
_FOLD[0xFF3B] = "〔"
_FOLD[0xFF3D] = "〕"
_FOLD[0xFF5E] = "~"


def fold(text: str) -> str:
    """Same-length normal form for matching: ASCII lower case, half-width, one kind of bracket.

    >>> fold("《民事诉讼法》（２０１７年修正）Article")
    '《民事诉讼法》(2017年修正)article'
    """
    return text.translate(_FOLD)


# ----- numerals --------------------------------------------------------------------------------------

ZH_DIGITS = "零〇一二两三四五六七八九"
NUM = r"[0-9零〇一二两三四五六七八九十百千万]{1,20}"


# ----- a regex from a trie of names ------------------------------------------------------------------

def trie_regex(words: list[str]) -> str:
    """One regex that matches any of ``words``, longest first, without trying each word at each position."""
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        terminal = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if terminal:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


# ----- scripts and language --------------------------------------------------------------------------

# ----- normalization for comparing claims with statute text -------------------------------------------

_PUNCT_CATS = ("P", "S", "Z", "C")
_NUM_RUN = re.compile(r"[0-9]+|[零〇一二两三四五六七八九十百千万]+")


@lru_cache(maxsize=65536)
def _norm_numeral(run: str) -> str:
    if run.isdigit():
        return str(int(run)) if len(run) < 16 else run
    if len(run) == 1 and run not in "十百千万":
        return run  # 一 in 一般, 统一: leave single characters alone on both sides
    n = parse_number(run)
    return str(n) if n is not None else run


def normalize_for_match(text: str) -> str:
    """Drop punctuation and spaces, unify numerals (二年 = 两年 = 2年), NFKC; for substring tests.

    >>> normalize_for_match("申请执行的期间为 两年。") == normalize_for_match("申请执行的期间为2年")
    True
    """
    t = unicodedata.normalize("NFKC", text)
    t = "".join(ch for ch in t if unicodedata.category(ch)[0] not in _PUNCT_CATS)
    t = t.replace("两", "二")
    return _NUM_RUN.sub(_numeral_sub, t).casefold()


_UNIT_AFTER = set("年月日天个倍元项款条次人万周")


def _numeral_sub(m: re.Match) -> str:
    run = m.group(0)
    if len(run) == 1 and not run.isdigit() and run not in "十百千万":
        nxt = m.string[m.end():m.end() + 1]
        if nxt in _UNIT_AFTER and nxt:
            n = parse_number(run)
            return str(n) if n is not None else run
    return _norm_numeral(run)


_NON_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff]+")


def bigrams(text: str) -> frozenset[str]:
    """Bigrams of the Chinese characters of a text (punctuation and Latin letters ignored)."""
    cjk = _NON_CJK.sub("", text)
    return frozenset(map(str.__add__, cjk, cjk[1:]))


# ----- sentences and clauses ---------------------------------------------------------------------------

QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "\"": "\"", "‘": "’", "﹁": "﹂"}
_SENT_END_ZH = set("。；;！？!?\n")
_CLAUSE_END = set("，,：:")
_EN_ABBREV = re.compile(r"(?:\b(?:art|arts|no|nos|para|paras|e\.g|i\.e|cf|mr|ms|dr|vs|etc|p|pp|sec|ch|vol|"
                        r"u\.s|prc|spc)|\b[a-z])\.$", re.I)
MAX_QUOTE = 400


@dataclass(frozen=True)
class Segments:
    """Sentence and clause boundaries of a text, computed once; quotes are never split."""

    sentence_starts: tuple[int, ...]
    clause_starts: tuple[int, ...]
    length: int

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else self.length
        return start, end

    def clause_index(self, pos: int) -> int:
        return bisect.bisect_right(self.clause_starts, pos) - 1

    def clause(self, index: int) -> tuple[int, int]:
        start = self.clause_starts[index]
        end = self.clause_starts[index + 1] if index + 1 < len(self.clause_starts) else self.length
        return start, end


_SEG_SPECIAL = re.compile("[" + re.escape("".join(QUOTE_PAIRS)) + "。；;！？!?\n，,：:.(（]")
_PAREN_CLOSE = {"(": ")", "（": "）"}


def segment(text: str, protected: list[tuple[int, int]] | None = None) -> Segments:
    """Split into sentences (。；!? newline, and '. ' in English) and clauses (，,：:).

    Quote marks (“…” 「…」 "…") suspend splitting up to MAX_QUOTE characters; ``protected`` spans
    (citations: 'Art. 9', 'Articles 9, 10') are never split either.
    """
    n = len(text)
    sentence_starts = [0]
    clause_starts = [0]
    protect = sorted(protected or [])
    pi = 0
    skip_until = 0
    paren_end = -1  # inside a parenthesis ('(Article 16 of …; Article 152 of …)') a semicolon separates nothing
    for m in _SEG_SPECIAL.finditer(text):
        i = m.start()
        if i < skip_until:
            continue
        if text[i] in _PAREN_CLOSE:
            j = text.find(_PAREN_CLOSE[text[i]], i + 1, min(n, i + 1 + MAX_QUOTE))
            if j > i and text.find("\n", i + 1, j) < 0 and text.find("(", i + 1, j) < 0 and text.find("（", i + 1, j) < 0:
                paren_end = max(paren_end, j)
            continue
        if text[i] in "；;" and i < paren_end:
            continue  # one list of what backs the sentence: one clause
        while pi < len(protect) and protect[pi][1] <= i:
            pi += 1
        if pi < len(protect) and protect[pi][0] <= i < protect[pi][1]:
            skip_until = protect[pi][1]
            continue
        ch = text[i]
        if ch in QUOTE_PAIRS:
            close = QUOTE_PAIRS[ch]
            j = text.find(close, i + 1, min(n, i + 1 + MAX_QUOTE))
            if j >= 0 and text.find("\n", i + 1, j) < 0:
                skip_until = j + 1
            continue
        if ch in _SENT_END_ZH:
            end = i + 1
            while end < n and (text[end] in _SENT_END_ZH or text[end] in "”」』\"’ ）)"):
                end += 1
            if end < n:
                sentence_starts.append(end)
                clause_starts.append(end)
            skip_until = end
            continue
        if ch == ".":
            if i + 1 < n and not text[i + 1].isspace():
                continue
            before = text[max(0, i - 6):i + 1]
            if _EN_ABBREV.search(before) or (i > 0 and text[i - 1].isdigit() and text[i + 1:i + 2].isdigit()):
                continue
            end = i + 1
            while end < n and text[end].isspace():
                end += 1
            if end < n:
                sentence_starts.append(end)
                clause_starts.append(end)
            skip_until = end
            continue
        if i + 1 < n:  # ，,：:
            clause_starts.append(i + 1)
    return Segments(tuple(sentence_starts), tuple(sorted(set(clause_starts))), n)


_QUOTE_OPEN = re.compile("[" + re.escape("".join(QUOTE_PAIRS)) + "]")


def find_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans (inside the quote marks) of balanced quotations within text[start:end]."""
    out = []
    pos = start
    while True:
        m = _QUOTE_OPEN.search(text, pos, end)
        if not m:
            return out
        i = m.start()
        close = QUOTE_PAIRS[m.group(0)]
        j = text.find(close, i + 1, min(end, i + 1 + MAX_QUOTE))
        if j > i + 1:
            out.append((i + 1, j))
            pos = j + 1
        else:
            pos = i + 1
