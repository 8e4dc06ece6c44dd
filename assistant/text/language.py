"""Which language a text is in: the one rule the answer stage, the navigator and the citation guard share."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def is_cjk(ch: str) -> bool:
    """A Chinese character (the unified ideographs and extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def detect_lang(text: str, sample: int = 20000) -> str:
    """'zh' when Chinese carries the text, else 'en': Chinese characters against English words (two letters or
    more), a Chinese character counting half a word, so an English sentence quoting a Chinese term stays
    English. Only the first `sample` characters are read.

    >>> detect_lang("和解协议对方不履行怎么办"), detect_lang("What is 执行回转 under Chinese law?"), detect_lang("")
    ('zh', 'en', 'zh')
    """
    s = text[:sample]
    cjk = len(_CJK.findall(s))
    words = len(_LATIN_WORD.findall(s))
    return "zh" if cjk >= 2 and cjk >= words * 2 else "en" if words else "zh"
