"""Which language a text is in, for answers that follow the user's language."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detect_lang(text: str) -> str:
    """'zh' when Chinese carries the text, else 'en'.

    >>> detect_lang("和解协议对方不履行怎么办"), detect_lang("What is 执行回转 under Chinese law?")
    ('zh', 'en')
    """
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    return "zh" if cjk >= 2 and cjk >= words * 2 else "en" if words else "zh"
