"""Chinese and Arabic numerals: article numbers (第二百四十四条, 第244条, 第一千零八条), periods (十五日, 两年),
years written digit by digit (二〇二四年) and amounts (3.5万, 十二点五).

One parser for the whole code base (the guard, the navigator, the corpus reader and the deadline calculator
all read numerals through it). It is our own rather than ``cn2an`` because the callers need what cn2an does
not give: a ValueError on anything malformed (二四十), 两 and 〇, digits mixed with units (2百4十4) and the
statutes' way of writing numbers back (一百一十, 一万零一十); tests/text/test_numerals.py checks it against
cn2an (tests/text).
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache

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


_ASCII_TO_ZH = str.maketrans("0123456789", "〇一二三四五六七八九")


@lru_cache(maxsize=65536)
def parse_number(text: str) -> int | None:
    """Article and period numbers in Chinese, Arabic or mixed numerals; None when it is not a number.

    >>> parse_number("二百四十四"), parse_number("244"), parse_number("2百4十4"), parse_number("十万"), parse_number("两")
    (244, 244, 244, 100000, 2)
    """
    s = text.strip()
    if not s or len(s) > 24:
        return None
    with contextlib.suppress(ValueError):  # not a plain numeral: try mixed digits (2百4十4)
        return parse_numeral(s)
    if any(c.isdigit() for c in s):
        with contextlib.suppress(ValueError):
            return parse_numeral(s.translate(_ASCII_TO_ZH))
    return None


def parse_digits(text: str) -> int:
    """A number written digit by digit, as years are: 二〇二四 → 2024, 二〇〇〇 → 2000 (parse_numeral would read
    a run of zeros as nothing). ValueError for anything else.

    >>> parse_digits("二〇二四"), parse_digits("二〇〇〇"), parse_digits("2026")
    (2024, 2000, 2026)
    """
    s = text.strip().translate(FULLWIDTH)
    if not s or any(ch not in DIGITS and not ch.isdigit() for ch in s):
        raise ValueError(f"not a digit string: {text!r}")
    return int("".join(ch if ch.isdigit() else str(DIGITS[ch]) for ch in s))


_MULTIPLIERS = {"万": 10000, "千": 1000, "百": 100}
_HALFWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def parse_amount(text: str) -> float | None:
    """An amount as people write it: 3.5万, 十二点五, 1,200, 两千; None when it is not a number.

    >>> parse_amount("3.5万"), parse_amount("十二点五"), parse_amount("两千"), parse_amount("12")
    (35000.0, 12.5, 2000.0, 12.0)
    """
    s = text.strip().translate(_HALFWIDTH)
    mult = 1
    if s and s[-1] in _MULTIPLIERS and any(c.isdigit() for c in s[:-1]):
        mult = _MULTIPLIERS[s[-1]]
        s = s[:-1].strip()
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_number(whole) if whole else 0
        digits = "".join(str(DIGITS[c]) if c in DIGITS else c for c in frac)
        if w is None or not digits.isdigit():
            return None
        return float(f"{w}.{digits}")
    try:
        return float(s) * mult
    except ValueError:
        n = parse_number(s)
        return float(n * mult) if n is not None else None
