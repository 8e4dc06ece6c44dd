"""Find the provisions a short query names: 民诉法第244条, 2017年民事诉讼法第二百三十三条, 'Article 244 of the Civil Procedure Law'.

Used by retrieval for exact lookup. (The citation guard has its own, fuller extractor with spans,
back-references, 款/项 and lists; queries need only this.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.text.numerals import NUMERAL_CHARS, parse_numeral

NUM = f"[{NUMERAL_CHARS}]+"


@dataclass(frozen=True)
class ProvisionRef:
    law_id: str
    article: int
    year: int | None  # a year the text names for the law's version


@lru_cache(maxsize=8)
def _patterns(alias_key: tuple[tuple[str, str], ...]):
    names = "|".join(re.escape(a) for a, _ in alias_key)
    # 2017年民诉法 / 2017年修正的民诉法 / 2017年那版民诉法 / 2017年版本的民诉法
    zh = re.compile(rf"(?:(?P<year>(?:19|20)\d\d)年(?:修正|修订|修改)?(?:的|那一?版的?|版本?的?|文本的?|的版本|的文本)?)?《?(?P<law>{names})》?(?:（(?P<year2>(?:19|20)\d\d)年?(?:修正|修订)?）)?\s*第\s*(?P<num>{NUM})\s*条")
    en = re.compile(rf"\b(?:Article|Art\.?)\s*(?P<num>\d+)\s+of\s+(?:the\s+)?(?:(?P<year>(?:19|20)\d\d)\s+)?(?P<law>{names})", re.I)
    return zh, en


def find_provision_refs(text: str, registry) -> list[ProvisionRef]:
    lookup = {a.casefold(): law for a, law in registry.alias_names}
    zh, en = _patterns(tuple(registry.alias_names))
    refs: list[ProvisionRef] = []
    for pattern in (zh, en):
        for m in pattern.finditer(text):
            law = lookup.get(m.group("law").casefold()) or registry.resolve_alias(m.group("law"))
            if law is None:
                continue
            try:
                number = parse_numeral(m.group("num"))
            except ValueError:
                continue
            year = m.groupdict().get("year") or m.groupdict().get("year2")
            refs.append(ProvisionRef(law, number, int(year) if year else None))
    # a bare 第N条 after a law was named (执行和解规定第九条、第十条) is common in questions
    return refs
