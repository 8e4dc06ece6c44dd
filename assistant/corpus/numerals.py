"""Chinese and Arabic numerals as they appear in article numbers (第二百四十四条, 第244条, 第一千零八条)."""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万0123456789０１２３４５６７８９"
NUMERAL_RE = re.compile(f"[{NUMERAL_CHARS}]+")


def parse_numeral(text: str) -> int:
    """Parse a Chinese or Arabic numeral.

    >>> parse_numeral("二百四十四"), parse_numeral("十一"), parse_numeral("一千零八"), parse_numeral("244")
    (244, 11, 1008, 244)

    Raises ValueError for anything that is not a well-formed numeral.
    """
    s = text.strip().translate(FULLWIDTH)
    if not s:
        raise ValueError("empty numeral")
    if s.isdigit():
        return int(s)
    if any(ch not in DIGITS and ch not in UNITS for ch in s):
        raise ValueError(f"not a numeral: {text!r}")
    total, section, digit = 0, 0, None
    last_unit = 10**9
    for ch in s:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0 and digit != 0:
                # two digits in a row without a unit ("二四") is positional notation
                return _positional(s)
            digit = DIGITS[ch]
        else:
            unit = UNITS[ch]
            if unit == 10000:
                section = (section + (digit or 0)) * unit
                total += section
                section, digit, last_unit = 0, None, 10**9
                continue
            if unit >= last_unit:
                raise ValueError(f"malformed numeral: {text!r}")
            # a unit with no digit, or right after 零 (一万零十), counts once
            section += (1 if not digit else digit) * unit
            digit, last_unit = None, unit
    return total + section + (digit or 0)


def _positional(s: str) -> int:
    if all(ch in DIGITS for ch in s):
        return int("".join(str(DIGITS[ch]) for ch in s))
    raise ValueError(f"malformed numeral: {s!r}")


def to_chinese(n: int) -> str:
    """Render an integer as a Chinese numeral the way statutes write article numbers.

    >>> to_chinese(244), to_chinese(10), to_chinese(1008), to_chinese(110), to_chinese(0)
    ('二百四十四', '十', '一千零八', '一百一十', '零')
    """
    if n < 0:
        raise ValueError("negative")
    if n == 0:
        return "零"
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = to_chinese(low) if low else ""
        if low and low < 1000:
            rest = "零" + ("一" + rest if rest.startswith("十") else rest)  # 一万零一十, as 一千零一十
        return to_chinese(high) + "万" + rest
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    zero_pending = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(digits[d] + unit)
        elif parts:
            zero_pending = True
    text = "".join(parts)
    if text.startswith("一十"):
        text = text[1:]
    return text
