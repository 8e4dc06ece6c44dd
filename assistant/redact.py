"""Personal numbers out of everything the service stores or logs: resident ID cards, phone numbers, bank cards,
e-mail addresses.

Why our own scanner rather than a library: Microsoft Presidio (presidio-analyzer) ships no Chinese ID-card,
mobile or bank-card recognizers (each would be our own pattern in its PatternRecognizer wrapper) and needs
spaCy with a language model that is downloaded, not installed from PyPI — nothing may download at run time
here. phonenumbers (libphonenumber) finds phone numbers only, and no maintained Chinese PII package was
installable from PyPI. People write the same number in many ways (``110105 1949 1231 002X``,
``138.0013.8000``, ``138—0013—8000``, ``1 3 8 0 0 1 3 8 0 0 0``, ``622202 0200001234567``, full-width
digits), so instead of one pattern per spelling the scanner finds every run of digits joined by separators,
reads its digits, and classifies the digit string: one rule per kind of number, whatever the spelling.

>>> redact("我的身份证号是11010519491231002X，电话138-0013-8000。")
'我的身份证号是[ID_CARD]，电话[PHONE]。'
>>> redact("卡号 622202.0200.0012.34567，手机１３８ ００１３ ８０００")
'卡号 [BANK_CARD]，手机[PHONE]'
>>> redact("按民事诉讼法第244条，2025-01-01起算")
'按民事诉讼法第244条，2025-01-01起算'
"""

from __future__ import annotations

import re

# One character to one character, so spans found in the translated copy are spans in the original.
_FULLWIDTH = str.maketrans("０１２３４５６７８９Ｘｘ＋＠．", "0123456789Xx+@.")
# What people put between the digits of one number: spaces of every width, hyphens and dashes, dots, middle dots,
# slashes and underscores (up to three in a row: ' - ', ' . ').
_SEPARATORS = " \t\u00a0\u2000-\u200a\u202f\u205f\u3000\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d.\u00b7\u30fb\u2027\uff0e\u3002/_\uff3f()\uff08\uff09"
_SEP = f"[{_SEPARATORS}]{{0,3}}"
# A run: digits joined by separators, optionally ending in the X check digit of an ID card; a leading + (+86).
_RUN = re.compile(rf"(?:\+|[(\uff08])?(?<!\d)\d(?:{_SEP}\d)*(?:{_SEP}[Xx])?")
_DATE = r"(?:18|19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_ID18 = re.compile(rf"[1-9]\d{{5}}{_DATE}\d{{3}}[0-9X]")
_ID15 = re.compile(r"[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}")
_MOBILE = re.compile(r"(?:0{0,2}86)?1[3-9]\d{9}")
_LANDLINE = re.compile(r"0[1-9]\d{8,10}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def classify(digits: str) -> str | None:
    """The placeholder for a run's digit string (X kept as the check digit), None when it is no personal number.

    >>> [classify(d) for d in ("11010519491231002X", "8613800138000", "6222020200001234567", "01012345678",
    ...                        "13800138000X", "20250101")]
    ['[ID_CARD]', '[PHONE]', '[BANK_CARD]', '[PHONE]', '[PHONE]', None]
    """
    if _ID18.fullmatch(digits) or _ID15.fullmatch(digits):
        return "[ID_CARD]"
    if digits.endswith("X"):  # not an ID card: the X was a word after the number ('13800138000 x')
        return classify(digits[:-1])
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits):
        return "[PHONE]"
    if len(digits) >= 16:  # bank cards (16-19 digits), and any longer run: nothing in a legal question needs it
        return "[BANK_CARD]"
    return None


def redact(text: str | None) -> str | None:
    """Replace ID-card, phone and bank-card numbers (in any spelling) and e-mail addresses with placeholders.
    Linear in the text's length."""
    if not text:
        return text
    probe = text.translate(_FULLWIDTH)
    spans = [(m.start(), m.end(), "[EMAIL]") for m in EMAIL.finditer(probe)]
    taken = iter(spans)
    email = next(taken, None)
    for m in _RUN.finditer(probe):
        while email is not None and email[1] <= m.start():
            email = next(taken, None)
        if email is not None and email[0] < m.end():
            continue  # digits inside an address: the address goes whole
        digits = "".join(ch for ch in m.group() if ch.isdigit() or ch in "Xx").upper()
        token = classify(digits) if len(digits) >= 10 else None
        if token:
            spans.append((m.start(), m.end(), token))
    if not spans:
        return text
    pieces, pos = [], 0
    for start, end, token in sorted(spans):
        pieces += [text[pos:start], token]
        pos = end
    return "".join(pieces) + text[pos:]
