"""The other legal systems a text may name (德国法, Japanese law, 我国台湾地区 …): one list for the scope check,
the navigator, the grounded composer (which comparative note answers) and the citation guard (a foreign
citation is not ours to verify).

>>> [s.id for s in systems_named("德国和日本的执行和解制度有什么不同？")]
['germany', 'japan']
>>> bool(OTHER_SYSTEMS_RE.search("How do other legal systems handle this?")), bool(OTHER_SYSTEMS_RE.search("in English"))
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LegalSystem:
    id: str
    names_zh: tuple[str, ...]     # as Chinese text names it, longest first (台湾地区 before 台湾)
    names_en: tuple[str, ...]     # English words naming it or its law, lower case (possessives included)
    label_zh: str                 # how an answer names its law
    label_en: str


SYSTEMS: tuple[LegalSystem, ...] = (
    LegalSystem("germany", ("德国",), ("german", "germany", "germany's"), "德国法", "German law"),
    LegalSystem("japan", ("日本",), ("japan", "japanese", "japan's"), "日本法", "Japanese law"),
    LegalSystem("taiwan", ("台湾地区", "台湾"), ("taiwan", "taiwanese", "taiwan's"), "我国台湾地区", "Taiwan"),
    LegalSystem("russia", ("俄罗斯",), ("russia", "russian", "russia's"), "俄罗斯法", "Russian law"),
    LegalSystem("france", ("法国",), ("france", "french"), "法国法", "French law"),
    LegalSystem("korea", ("韩国",), ("korea", "korean"), "韩国法", "Korean law"),
    LegalSystem("italy", ("意大利",), ("italy", "italian"), "意大利法", "Italian law"),
    LegalSystem("usa", ("美国",), ("american",), "美国法", "American law"),
    LegalSystem("uk", ("英国",), ("british", "english law"), "英国法", "English law"),
    LegalSystem("hong_kong", ("香港",), ("hong kong",), "香港特别行政区", "Hong Kong"),
    LegalSystem("macau", ("澳门",), ("macau",), "澳门特别行政区", "Macau"),
    LegalSystem("switzerland", ("瑞士",), ("swiss",), "瑞士法", "Swiss law"),
    LegalSystem("austria", ("奥地利",), ("austrian",), "奥地利法", "Austrian law"),
)
# words for foreign law at large, not one system (a comparative overview answers them)
AT_LARGE_ZH = ("比较法", "外国", "国外", "境外", "各国", "域外")
AT_LARGE_EN = ("comparative", "foreign", "other countries", "other systems", "other legal systems")
AT_LARGE = LegalSystem("foreign", AT_LARGE_ZH, AT_LARGE_EN, "外国法", "foreign law")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def names_pattern(systems=SYSTEMS, *, at_large: bool = True) -> str:
    """A regex (case-insensitive use) naming any of `systems` (and foreign law at large), English words whole."""
    every = (*systems, AT_LARGE) if at_large else tuple(systems)
    zh = _alternation(n for s in every for n in s.names_zh)
    en = _alternation(n for s in every for n in s.names_en)
    return rf"(?:{zh}|\b(?:{en})\b)"


OTHER_SYSTEMS_RE = re.compile(names_pattern(), re.I)
_SYSTEM_RES = tuple((s, re.compile(names_pattern((s,), at_large=False), re.I)) for s in SYSTEMS)


def systems_named(text: str) -> list[LegalSystem]:
    """The systems a text names, in the order of SYSTEMS; foreign law at large comes last when named."""
    named = [s for s, pattern in _SYSTEM_RES if pattern.search(text)]
    at_large = re.compile(names_pattern((AT_LARGE,), at_large=False), re.I)
    return named + ([AT_LARGE] if at_large.search(text) else [])
