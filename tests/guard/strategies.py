"""Hypothesis strategies and surface-form renderers for the guard's property tests."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from assistant.corpus.numerals import to_chinese
from assistant.corpus.registry import normalize_name
from assistant.guard import default_registry
from assistant.guard.names import name_index

REG = default_registry()
IDX = name_index(REG)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def current_names(law_id: str) -> tuple[list[str], list[str]]:
    """(Chinese names, English names) that mean the text in force of a law (no superseded titles or numbers)."""
    zh, en = [], []
    for alias, lid in REG.alias_names:
        if lid != law_id or normalize_name(alias) in IDX.version_names:
            continue
        (zh if _CJK.search(alias) else en).append(alias)
    return zh, en


LAWS = sorted(l.law_id for l in REG.laws.values() if l.current is not None)
NAMES = {law_id: current_names(law_id) for law_id in LAWS}


def max_number(law_id: str) -> int:
    return REG.known_total(law_id)


def forms(law_id: str, n: int, k: int = 0) -> list[str]:
    """Supported surface forms of article n of a law; ``k`` rotates through the law's aliases."""
    law = REG.law(law_id)
    zh, en = NAMES[law_id]
    alias = zh[k % len(zh)] if zh else law.short_name
    out = [f"《{law.title}》第{to_chinese(n)}条", f"{law.short_name}第{n}条", f"{alias}第{to_chinese(n)}条",
           f"《{law.short_name}》第{n}条", f"{law.short_name}第 {n} 条"]
    if law.title_en:
        out.append(f"Article {n} of the {law.title_en}")
    if en:
        out.append(f"Art. {n} of the {en[k % len(en)]}")
    return out


def part_forms(law_id: str, n: int) -> list[str]:
    """Forms with 款 and 项, for the parts the article has."""
    art = REG.article(law_id, n)
    short = REG.law(law_id).short_name
    out = [f"{short}第{to_chinese(n)}条第一款"]
    for p, para in enumerate(art.paragraphs, 1):
        if para.items:
            out.append(f"{short}第{to_chinese(n)}条第{to_chinese(p)}款第（{to_chinese(len(para.items))}）项")
            out.append(f"Article {n}, paragraph {p}, item {len(para.items)} of the {REG.law(law_id).title_en}")
            break
    return out


@st.composite
def law_and_article(draw):
    law_id = draw(st.sampled_from(LAWS))
    numbers = sorted({a.number for a in REG.articles(law_id)})
    return law_id, draw(st.sampled_from(numbers))


NEUTRAL_ZH = ["本案双方当事人对此没有争议。", "以下是律师的分析意见。", "请结合具体案情判断。", "", "附：相关条文如下。"]
NEUTRAL_EN = ["The parties do not dispute this.", "See the analysis below.", "", "Consult a lawyer for details."]
FRAGMENTS = ["民事诉讼法", "民诉法解释", "《", "》", "第", "条", "款", "项", "（二）", "二百四十四", "9999", "之一",
             "、", "至", "，", "。", "\n", "Article ", "Art. ", " of the ", "Civil Procedure Law", "Provisions",
             "“", "”", "「", "」", "2017年", "该条", "同法", "本规定", "执行和解规定", "《民事执行法》", "草案",
             "😀", "\u200b", "\u202e", "\x00", "\ud800", "九千九百九十九", "第2百4十4条", "(", ")", "十五日内",
             "三年", "RMB 10,000", "不得", "可以", "一律", "恢复执行", "执行回转", "<script>", "&", "\"", "'"]
fragment_soup = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
any_text = st.text(max_size=400)
