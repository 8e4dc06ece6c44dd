"""Hypothesis strategies and surface-form renderers for the guard's property tests."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from assistant.text.numerals import to_chinese
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


# ----- every name the guard knows, by source: a generated citation draws from all of them ------------------
OUTSIDE = sorted(REG.outside.values(), key=lambda i: i.id)


def name_sources() -> dict[str, list[tuple[str, str]]]:
    """source → [(name, what it means)]: 'law:<id>' for a corpus law, 'outside:<id>' for an instrument outside it,
    'version:<id>' for a name of one superseded text, 'unknown' for a plausible name nobody enacted."""
    corpus_zh, corpus_en, titles, superseded = [], [], [], []
    for alias, law_id in REG.alias_names:
        key = normalize_name(alias)
        if key in IDX.version_names:
            superseded.append((alias, f"version:{law_id}"))
        else:
            (corpus_zh if _CJK.search(alias) else corpus_en).append((alias, f"law:{law_id}"))
    for law in REG.laws.values():
        titles.append((f"《{law.title}》", f"law:{law.law_id}"))
    outside_zh = [(n, f"outside:{i.id}") for i in OUTSIDE for n in i.names]
    outside_zh += [(f"《{i.short_name}》", f"outside:{i.id}") for i in OUTSIDE if "《" not in i.short_name]
    outside_en = [(n, f"outside:{i.id}") for i in OUTSIDE for n in i.names_en]
    unknown = [(n, "unknown") for n in ("《民事执行法》", "《执行和解条例》", "强制执行规则", "《最高人民法院关于执行程序的规定》",
                                         "Enforcement Settlement Act", "《债务清偿法》")]
    return {"corpus_zh": corpus_zh, "corpus_en": corpus_en, "titles": titles, "superseded": superseded,
            "outside_zh": outside_zh, "outside_en": outside_en, "unknown": unknown}


NAME_SOURCES = name_sources()


def total_of(meaning: str) -> int | None:
    kind, _, ident = meaning.partition(":")
    if kind in ("law", "version"):
        return REG.known_total(ident)
    if kind == "outside":
        return REG.outside[ident].articles
    return None


def citation_text(rng, name: str, meaning: str) -> tuple[str, int]:
    """A citation of ``name`` with an article number in or out of range and sometimes a 款 / 项 (or
    paragraph / item): (text, article number)."""
    total = total_of(meaning) or 50
    n = rng.choice([1, 2, rng.randint(1, total), total, total + 1, total + rng.randint(2, 500), 99_999])
    en = not _CJK.search(name)
    if en:
        part = rng.choice(["", f", paragraph {rng.randint(1, 4)}", f", paragraph 1, item {rng.randint(1, 9)}",
                           f"({rng.randint(1, 3)})"])
        return rng.choice([f"Article {n}{part} of the {name}", f"Art. {n} of the {name}",
                           f"the {name}, Article {n}"]), n
    num = rng.choice([to_chinese(n), str(n)])
    part = rng.choice(["", f"第{to_chinese(rng.randint(1, 4))}款", f"第{to_chinese(rng.randint(1, 3))}款第（{to_chinese(rng.randint(1, 9))}）项",
                       f"第（{to_chinese(rng.randint(1, 9))}）项"])
    lead = rng.choice(["", "根据", "依照", "按照", "原", "适用", "依据"])
    return f"{lead}{name}第{num}条{part}", n


NEUTRAL_ZH = ["本案双方当事人对此没有争议。", "以下是律师的分析意见。", "请结合具体案情判断。", "", "附：相关条文如下。"]
NEUTRAL_EN = ["The parties do not dispute this.", "See the analysis below.", "", "Consult a lawyer for details."]
FRAGMENTS = ["民事诉讼法", "民诉法解释", "《", "》", "第", "条", "款", "项", "（二）", "二百四十四", "9999", "之一",
             "、", "至", "，", "。", "\n", "Article ", "Art. ", " of the ", "Civil Procedure Law", "Provisions",
             "“", "”", "「", "」", "2017年", "该条", "同法", "本规定", "执行和解规定", "《民事执行法》", "草案",
             "😀", "\u200b", "\u202e", "\x00", "\ud800", "九千九百九十九", "第2百4十4条", "(", ")", "十五日内",
             "三年", "RMB 10,000", "不得", "可以", "一律", "恢复执行", "执行回转", "<script>", "&", "\"", "'"]
fragment_soup = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
any_text = st.text(max_size=400)
