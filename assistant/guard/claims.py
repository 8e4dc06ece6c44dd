"""What a text claims about a provision, and how well an article supports it.

A claim is the clause around a citation (its sentence, narrowed to its own comma-clauses when the
sentence cites several provisions), with every citation surface masked out. From it we read
quotations, numbers with units (periods, amounts, multiples), topics from the lexicon, modal
statements (可以 / 不得 …) and absolute words (一律, automatically …). ``ArticleFacts`` holds the same
features for an article, computed once per (law, version, article).
"""

from __future__ import annotations

import contextlib
import heapq
import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.corpus.claim_words import load_claim_words
from assistant.corpus.registry import LawRegistry
from assistant.corpus.topics import TOPIC_LABELS, TOPICS, evidence_topics
from assistant.corpus.wording import load_proviso_words
from assistant.guard.lexicon import (EN_NUMBER_CONTEXT, EN_NUMBER_WORDS, EN_UNITS, PRESENT_MARKERS, ZH_NUMBER_AFTER,
                                     ZH_NUMBER_BEFORE, ZH_UNITS)
from assistant.guard.tokenize import bigrams, find_quotes, normalize_for_match, trie_regex
from assistant.text.numerals import parse_amount as _zh_value
from assistant.models import Article


# ----- the open word classes of corpus/guard/claim_words.yaml as patterns --------------------------------------
@dataclass(frozen=True)
class ClaimPatterns:
    """Patterns built from the guard's word lists (assistant.corpus.claim_words); the grammar around the words is here."""

    lexical_negation: re.Pattern  # words whose negator negates nothing: 不动产, 不当得利
    person: re.Pattern  # a person an article names by role (the parties are named in every rule and tell nothing)
    light: re.Pattern  # light words between the modal and the verb: 应当依法扣除, 可以直接申请, 应当由申请执行人提出
    object_before_act: re.Pattern  # the object or basis moved before the act: 将担保人 追加为…, 依据该协议 作出…
    attribution: re.Pattern  # words that attribute a claim to the provision it cites
    historical_zh: re.Pattern  # a Chinese statement about an earlier text: 原第二百三十条, 修改前, 已被废止
    historical_en: re.Pattern  # the same in English: formerly, was, now Article …
    english_glosses: tuple[tuple[re.Pattern, str], ...]  # an English word or stem (at a word start), the Chinese word
    not_absolute: re.Pattern  # words that hold an absolute word and state none: 所有权, 归其所有的
    not_topic: re.Pattern  # terms that hold a topic's trigger and name something else: real estate


@lru_cache(maxsize=1)
def claim_patterns() -> ClaimPatterns:
    """The patterns of the checkout's corpus/guard/claim_words.yaml, built on first use."""
    words = load_claim_words()
    parties = trie_regex(list(words.acting_parties))
    light = re.compile(
        rf"^(?:{trie_regex(list(words.light_words))}|由(?:{parties})?|"
        r"向[^，。；]{0,8}?(?=申请|提出|起诉|请求)|"
        r"按照[^，。；]{0,10}?(?=扣除|计算|处理)|"
        r"自[^，。；自]{1,20}?(?:之日|之时)起?[^，。；]{0,6}?内|"  # 可以自裁定送达之日起十日内 申请复议
        r"在[^，。；在]{1,8}?(?:后|之后|以后)(?=[\u4e00-\u9fff])|)")  # 可在查封后 拍卖: when, not what
    # what stands between the modal and the act: the object moved before it (将担保人 追加为…, 把…) and the basis
    # (依据该协议 作出…, 据此 作出…, 依申请执行人的申请 恢复执行); the act is the verb after it, not a noun that begins
    # with one (申请执行人)
    object_before_act = re.compile(r"^(?:将|把|依据|根据|依照|按照|依|据此|据)[^，。；]{0,12}?"
                                   rf"(?={trie_regex(list(words.acts))})(?!{trie_regex(list(words.act_like_nouns))})")
    # 原 that is part of a word about the case, not 'former': 原判决, 原生效法律文书, 原告, 原因, 原则 …; 原为 is 'was
    # formerly' only before a number or a provision (原为第二百三十条, 原为十五日, 原为民诉法第…条), not in 原为夫妻共同
    # 生活所负的债务
    not_former = trie_regex([w[1:] for w in words.not_former]) + \
        r"|为(?![第《0-9〇零一二三四五六七八九十两百])(?![^，。；]{0,12}?(?:法|规定|解释|条))"
    # 已被 reports a change to the text (已被废止, 已被2017年修正案修改), not a step of the case (已被执行的财产, 已被查封)
    changed = rf"已被(?=[^，。；]{{0,12}}?(?:{trie_regex(list(words.text_changes))}))"
    # 为现行 covers 分别为现行 / 依次为现行 ('第239条、第225条分别为现行第250条、第236条')
    historical_zh = re.compile(rf"原(?!{not_former})|{changed}|{trie_regex(list(words.historical_markers))}")
    historical_en = re.compile(r"\bformer(?:ly)?\b|\bwas\b|\bwere\b|\bused to\b|\brenumbered\b|"
                               r"\bnow (?:articles?|arts?\.?)(?=\s|\d|$)|"
                               r"\bhistor|\bprevious|\bold\b|\bsuperseded\b|\bsince (?:replaced|amended)\b|\bthen\b", re.I)
    return ClaimPatterns(lexical_negation=re.compile(trie_regex(list(words.lexical_negations))),
                         person=re.compile(trie_regex(list(words.person_names()))),
                         light=light, object_before_act=object_before_act,
                         attribution=re.compile(trie_regex([w.lower() for w in words.attribution]), re.I),
                         historical_zh=historical_zh, historical_en=historical_en,
                         english_glosses=tuple((re.compile(rf"\b{re.escape(en)}"), zh)
                                               for en, zh in words.english_glosses),
                         # 所有 ending its clause (归其所有的，) is the verb 'own'; 'all' stands before what it counts
                         not_absolute=re.compile(rf"{trie_regex(list(words.not_absolute))}|"
                                                 r"所有(?=的?(?:[，。；,;：:）)\s]|$))"),
                         not_topic=re.compile(rf"(?<![a-z]){trie_regex(list(words.not_topic_words))}(?![a-z])"))


# ----- numbers -------------------------------------------------------------------------------------------
_ZH_NUM = (r"(?<![0-9０-９.．])[0-9０-９]{1,15}(?:[.．][0-9]{1,6})?\s*[万千百]?"
           r"|(?<![零〇一二两三四五六七八九十百千万])[零〇一二两三四五六七八九十百千万]{1,12}(?:点[零〇一二三四五六七八九]{1,6})?")
_ZH_UNIT = "|".join(sorted((re.escape(u) for u in ZH_UNITS), key=len, reverse=True))
ZH_NUMBER = re.compile(rf"(?P<num>{_ZH_NUM})\s*(?P<unit>{_ZH_UNIT})")
ZH_RATE = re.compile(r"(?:百分之|万分之|千分之)(?P<num>[零〇一二两三四五六七八九十百点0-9.]{1,12})")
ZH_DATE = re.compile(r"(?:(?:19|20)[0-9]{2}|[〇零一二][〇零一二三四五六七八九]{3})\s*年(?:\s*[0-9一二三四五六七八九十]{1,2}\s*月"
                     r"(?:\s*[0-9一二三四五六七八九十]{1,3}\s*[日号])?)?|[0-9一二三四五六七八九十]{1,2}\s*月\s*"
                     r"[0-9一二三四五六七八九十]{1,3}\s*[日号]")
_EN_NUM_WORDS = "|".join(sorted(EN_NUMBER_WORDS, key=len, reverse=True))
_EN_UNIT = "|".join(sorted((re.escape(u) for u in EN_UNITS), key=len, reverse=True))
EN_NUMBER = re.compile(rf"(?<![\w.,])(?P<num>[0-9]{{1,15}}(?:[.,][0-9]{{1,3}}){{0,4}}|{_EN_NUM_WORDS})(?:\s+|-)(?:calendar\s+)?"
                       rf"(?P<unit>{_EN_UNIT})(?![a-z])", re.I)
EN_MONEY = re.compile(r"(?:RMB|CNY|¥|￥)\s*(?P<num>[0-9][0-9,]{0,18}(?:\.[0-9]{1,6})?)\s*(?P<mult>million|thousand|万)?", re.I)
EN_RATE = re.compile(r"(?<![0-9.])(?P<num>[0-9]{1,12}(?:\.[0-9]{1,8})?)\s*(?:%|per\s*cent|percent)"
                     r"|(?<![0-9.])(?P<num2>[0-9.]{1,12})\s*(?:/|per)\s*10,?000",
                     re.I)
EN_DATE = re.compile(r"\b(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)"
                     r"\s+[0-9]{1,2},?\s+)?(?:19|20)[0-9]{2}\b", re.I)


def _canon(value: float, unit: str) -> str:
    v = int(value) if value == int(value) else round(value, 4)
    return f"{v}{unit}"


# one length of time in units that convert (a year is twelve months, a week seven days; a month is read as thirty days,
# as statutes count one): 一个月内 says what 三十日内 says. Working days convert to nothing.
_PERIOD_IN = {"y": (("m", 12),), "m": (("y", 1 / 12), ("d", 30)), "w": (("d", 7),), "d": (("w", 1 / 7), ("m", 1 / 30))}


def same_period(canon: str) -> frozenset[str]:
    """The canonical number and the same length of time in the other units it converts to exactly ('1m' → '30d')."""
    m = re.fullmatch(r"([0-9.]+)([a-z]+)", canon)
    if m is None or m.group(2) not in _PERIOD_IN:
        return frozenset({canon})
    value = float(m.group(1))
    out = {canon}
    for unit, factor in _PERIOD_IN[m.group(2)]:
        converted = round(value * factor, 6)
        if converted == int(converted) and converted > 0:
            out.add(_canon(converted, unit))
    return frozenset(out)


def article_numbers(text: str) -> frozenset[str]:
    """Every number with a unit in a statute text, canonical ('2y', '15d', '100000yuan', '1.75permyriad')."""
    out = set()
    for m in ZH_NUMBER.finditer(text):
        v = _zh_value(m.group("num"))
        if v is not None:
            unit = ZH_UNITS[m.group("unit")]
            out.add(_canon(v, "permyriad" if unit == "pct" else unit) if unit != "pct" else _canon(v * 100, "permyriad"))
            if ZH_UNITS[m.group("unit")] == "wd":
                out.add(_canon(v, "d"))
    for m in ZH_RATE.finditer(text):
        v = _zh_value(m.group("num"))
        scale = {"百": 100.0, "万": 1.0, "千": 10.0}[m.group(0)[0]]
        if v is not None:
            out.add(_canon(v * scale, "permyriad"))
    if _ZH_DOUBLE.search(text):  # 双倍补偿, 加倍支付: a multiple of two, which a claim may write 两倍 or 2倍
        out.add(_canon(2, "x"))
    return frozenset(out)


_ZH_DOUBLE = re.compile(r"双倍|加倍|翻倍")


def claim_numbers(text: str) -> list[tuple[str, str]]:
    """(surface, canonical) for numbers the claim states as a period, amount, multiple or rate.

    Dates and bare facts (欠款50万元) are left out: a number counts when the words around it make it a
    statement about a limit (…日内, 为二年, 不超过, within 15 days, up to RMB 100,000 …).
    """
    masked = ZH_DATE.sub(lambda m: " " * len(m.group(0)), text)
    out: list[tuple[str, str]] = []
    for m in ZH_NUMBER.finditer(masked):
        num, unit = m.group("num"), m.group("unit")
        if unit in ("年", "月") and not _period_context(masked, m):
            continue
        before = masked[max(0, m.start() - 5):m.start()]
        after = masked[m.end():m.end() + 4]
        if before.endswith(("第", "每", "前第", "同")) or (before.endswith("最后") and unit in ("日", "天")):
            continue
        if _ZH_DENIED_NUMBER.search(masked, max(0, m.start() - 6), m.start()):
            continue  # 不是一年，而是二年: the number the writer denies is not one it states
        if ZH_UNITS[unit] in ("yuan", "x", "pct"):
            if not (any(before.endswith(w) for w in _AMOUNT_BEFORE) or any(after.startswith(w) for w in _AMOUNT_AFTER)):
                continue
        elif not (any(before.endswith(w) for w in ZH_NUMBER_BEFORE) or any(after.startswith(w) for w in ZH_NUMBER_AFTER)):
            continue
        v = _zh_value(num)
        if v is None or (len(num) == 1 and num in "一" and unit in ("日", "天") and not after.startswith(("内", "以内"))):
            continue
        canon_unit = ZH_UNITS[unit]
        out.append((m.group(0), _canon(v * 100, "permyriad") if canon_unit == "pct" else _canon(v, canon_unit)))
    for m in ZH_RATE.finditer(masked):
        v = _zh_value(m.group("num"))
        if v is not None:
            scale = {"百": 100.0, "万": 1.0, "千": 10.0}[m.group(0)[0]]
            out.append((m.group(0), _canon(v * scale, "permyriad")))
    en_masked = EN_DATE.sub(lambda m: " " * len(m.group(0)), masked)
    for m in EN_NUMBER.finditer(en_masked):
        word = m.group("num").lower()
        if word in ("a", "an", "single") and not re.search(r"(?:within|for|of|period)\s+$", en_masked[max(0, m.start() - 12):m.start()], re.I):
            continue
        try:
            v = float(word.replace(",", "")) if word[0].isdigit() else float(EN_NUMBER_WORDS[word])
        except ValueError:
            continue
        before = en_masked[max(0, m.start() - 24):m.start()]
        after = en_masked[m.end():m.end() + 12].lower()
        if _EN_DENIED_NUMBER.search(en_masked, max(0, m.start() - 32), m.start()):
            continue
        if not (EN_NUMBER_CONTEXT.search(before) or after.lstrip().startswith(
                ("of", "after", "before", "from", "period", "time limit", "deadline", "limit", "term", "ban",
                 "listing"))):
            continue
        out.append((m.group(0), _canon(v, EN_UNITS[m.group("unit").lower()])))
    for m in EN_MONEY.finditer(en_masked):
        try:
            v = float(m.group("num").replace(",", ""))
        except ValueError:
            continue
        v *= {"million": 1e6, "thousand": 1e3, "万": 1e4}.get((m.group("mult") or "").lower(), 1)
        before = en_masked[max(0, m.start() - 24):m.start()]
        if EN_NUMBER_CONTEXT.search(before) or re.search(
                r"(?:fine|penalty|exceed|below|under|over|capped|cap|limit|up to|maximum|minimum|at)\s*(?:of|at)?\s*$",
                before, re.I):
            out.append((m.group(0), _canon(v, "yuan")))
    for m in EN_RATE.finditer(en_masked):
        if m.group("num"):
            out.append((m.group(0), _canon(float(m.group("num")) * 100, "permyriad")))
        else:
            with contextlib.suppress(ValueError):  # a malformed rate states nothing to check
                out.append((m.group(0), _canon(float(m.group("num2")), "permyriad")))
    return out


# a number the writer denies (不是一年，而是二年; does not set a one-year period, rather than three years) is no number
# it states; 不超过, not more than, not exceeding are limits and stay
_ZH_DENIED_NUMBER = re.compile(r"(?:不是|并非|而非|绝非)\s*(?:为期|为|是)?\s*$")
_EN_DENIED_NUMBER = re.compile(r"\b(?:not|rather\s+than|instead\s+of)\s+(?:(?:set|fix|provide|give|impose|specify|a|an|the|"
                               r"of|for|by|within)\s+){0,3}$", re.I)
_AMOUNT_BEFORE = ("罚款", "处", "不超过", "超过", "最高", "最低", "金额为", "数额为", "为人民币", "人民币", "不得超过", "不低于",
                  "按", "加倍", "上限为", "上限", "以下", "标准为")
_AMOUNT_AFTER = ("以下", "以上", "以内", "为限", "的罚款", "罚款")


def _period_context(text: str, m: re.Match) -> bool:
    before = text[max(0, m.start() - 5):m.start()]
    after = text[m.end():m.end() + 4]
    if m.group("num").strip().isdigit() and len(m.group("num").strip()) == 4:
        return False
    return any(before.endswith(w) for w in ZH_NUMBER_BEFORE) or any(after.startswith(w) for w in ZH_NUMBER_AFTER)


# ----- topics, modality, absolutes ----------------------------------------------------------------------
_TOPIC_TRIGGERS: list[tuple[str, str]] = sorted(((t, topic) for topic, (trig, _) in TOPICS.items() for t in trig),
                                                key=lambda x: -len(x[0]))
_EXAMPLE_AFTER = re.compile(r"(?:、[^，。；、,;]{1,12})*等")


_TRIGGER_RE = re.compile("(" + trie_regex([t.lower() for t, _ in _TOPIC_TRIGGERS]) + ")")
_TRIGGER_TOPIC = {t.lower(): topic for t, topic in _TOPIC_TRIGGERS}
_TOPIC_ORDER = {topic: n for n, topic in enumerate(TOPICS)}


def claim_topics(text: str) -> tuple[str, ...]:
    """Topics the text names; a trigger used as an example (仲裁裁决等…) or inside a word does not count."""
    return tuple(sorted({topic for topic, _ in _topic_words(text)}, key=_TOPIC_ORDER.get))


def _topic_words(text: str) -> list[tuple[str, str]]:
    """(topic, the trigger that names it) for each trigger the text names a topic by, in text order."""
    low = claim_patterns().not_topic.sub(lambda m: " " * len(m.group(0)), text.lower())
    found: list[tuple[str, str]] = []
    for m in _TRIGGER_RE.finditer(low):
        t = m.group(1)
        topic = _TRIGGER_TOPIC[t]
        i, end = m.start(), m.start() + len(t)
        if t.isascii():
            if (i > 0 and low[i - 1].isalpha()) or (end < len(low) and low[end].isalpha() and
                                                     low[end:end + 2] not in ("s ", "s,", "s.", "ed", "s)")):
                continue
        elif _EXAMPLE_AFTER.match(text, end) or text[max(0, i - 2):i] in ("例如", "比如"):
            continue
        found.append((topic, t))
    return found


def topics_worded_in(claim_text: str, article_text: str) -> frozenset[str]:
    """Topics the claim names by a word the article itself uses (无财产可供执行 in both): whatever the article's
    topic evidence lists, the article speaks of them."""
    return frozenset(topic for topic, word in _topic_words(claim_text) if not word.isascii() and word in article_text)


ABSOLUTES = ("一律", "一概", "即可", "无需", "无须", "不需要", "自动", "直接生效", "均可", "任何情况下", "所有情况",
             "不论", "无论如何", "必须经", "只能", "只要", "所有", "无论",
             "automatically", "without exception", "in all cases", "always", "never", "any circumstances",
             "only needs", "merely", "only", "at any time", "at any stage")
_MODAL_POS = re.compile(r"(?:可以|应当|应予|应|有权|能够|可|须|必须|即可)")
_MODAL_NEG = re.compile(r"(?:不得|不予|不能|不可以|无权|不应|不应当|不准|禁止|不受|不属于|不影响|不适用)")


_SEG_SPLIT = re.compile(r"[，。；;,：:！？!?\n]")


_MODAL_SPLIT = re.compile(r"[，。；;,：:！？!?\n]")


# a refusal named as a kind of case or ruling (对不予执行仲裁裁决案件…, 审查不予受理申请…) states no refusal
# …and at the head of a clause, a refusal ending in 案件 is its subject (不予执行仲裁裁决案件应当在…审查完毕)
_NOMINAL_NEG = re.compile(r"(?<=[对就于理办查])(?:不予|不得)[\u4e00-\u9fff]{1,10}?(?:案件|裁定书|申请书|申请|之诉)|"
                          r"(?:^|(?<=[，。；：,;:\s]))(?:不予|不得)[\u4e00-\u9fff]{1,10}?案件")


def denominalize(text: str) -> str:
    """The text with refusals that only name a kind of case taken out (对不予执行仲裁裁决案件 → 对案件)."""
    return _NOMINAL_NEG.sub(lambda m: m.group(0)[-2:], text) if ("不予" in text or "不得" in text) else text


_QUOTED = re.compile(r"“[^“”]{1,80}”|「[^「」]{1,80}」|‘[^‘’]{1,80}’|\"[^\"]{1,80}\"")


def mask_quotes(text: str) -> str:
    """The text with what stands inside quotation marks blanked (same length): a quoted phrase is mentioned, not
    stated (不受“应当在执行程序终结之前提出”的限制 states no 应当); quotations of the statute are checked as quotes."""
    if not any(q in text for q in "“「‘\""):
        return text
    return _QUOTED.sub(lambda m: m.group(0)[0] + "○" * (len(m.group(0)) - 2) + m.group(0)[-1], text)


_STRONG_MODAL = re.compile(r"可以|应当|应予|不得|不予|必须|有权|无权|禁止")
_SENTENCE_SPLIT = re.compile(r"[。；;！？!?\n]")


# 即使已经履行完毕 / 无论能否证明: the case a statement is made for, like a condition
_CONCESSIVE = re.compile(r"^(?:即使|即便|哪怕|纵然|无论|不论)|^[\u4e00-\u9fff]{1,8}(?:即使|即便|哪怕)")


# what is left of a clause that only brings a citation in, the citation masked: 此外按 / 同时根据 / 依
_LEAD_ONLY = re.compile(r"^(?:此外|另外|同时|并且|而且|再者|其次|首先|最后|另|又|还)?[，,\s]*(?:根据|依据|依照|按照|参照|依|按|据)?\s*$")


def condition_flags(segments: list[str]) -> list[bool]:
    """Which comma-clauses of one sentence are conditions: one ending in 的 (…的，), one opening with 如果/若/凡, and
    a clause that runs on into a condition without a deontic modal of its own (特定物不能退还原物，双方不能协商一致的，…:
    both clauses are the case the rule is for; 不能 there says what cannot be done, not what is forbidden)."""
    flags = [False] * len(segments)
    for n in range(len(segments) - 1, -1, -1):
        seg = segments[n].strip()
        if _LEAD_ONLY.match(seg):
            continue  # 此外按（a citation masked）， brings the rule in, it is no case of it
        if seg.endswith("的") or seg.startswith(("如果", "若", "凡", "是否", "if ", "where ")) or _CONCESSIVE.search(seg):
            flags[n] = True
        elif n + 1 < len(segments) and flags[n + 1] and \
                not segments[n + 1].strip().startswith(("但", "除")) and not _STRONG_MODAL.search(seg):
            flags[n] = True
    return flags


_CASES_HEAD = re.compile(r"(?:下列|以下|如下)[\u4e00-\u9fff]{0,6}(?:情形|情况|行为|事由|条件)(?:之一)?的")
_LIST_OPEN = re.compile(r"[：:]\s*(?=[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")


def clause_segments(text: str) -> list[tuple[str, bool, str]]:
    """(comma-clause, is a condition, the condition it is stated under) for every clause of the text, sentence by
    sentence, quotations blanked. A clause's condition is the condition clauses before it in its sentence; a rule that
    opens a list (有下列情形之一的，裁定不予恢复执行：（一）…；（二）…) is stated under the listed cases."""
    out: list[tuple[str, bool, str]] = []
    # a line break after ： or ； continues the sentence (the items of a list); elsewhere it ends one
    for sentence in re.split(r"[。！？!?]|(?<![：:；;])\n", mask_quotes(text)):
        listing = _LIST_OPEN.search(sentence)
        head, items = (sentence[:listing.start()], sentence[listing.end():]) if listing else (sentence, "")
        parts = _SENTENCE_SPLIT.split(head)
        for p, part in enumerate(parts):
            segs = _MODAL_SPLIT.split(part)
            flags = condition_flags(segs)
            for n, (seg, flag) in enumerate(zip(segs, flags)):
                # every condition clause before it in the sentence: 约定担保条款且担保人承诺…的，恢复执行后，人民法院
                # 可以…，直接裁定执行… states the last clause under the first's condition too
                condition = "，".join(x for x, f in zip(segs[:n], flags[:n]) if f)
                if items and p == len(parts) - 1 and n == len(segs) - 1:
                    condition = (condition + "：" + items) if condition else items
                out.append((seg, flag, condition))
        # the items of 有下列情形之一的，…： are the cases the rule is for, not rules
        cases = bool(items) and bool(_CASES_HEAD.search(head))
        for item in _SENTENCE_SPLIT.split(items) if items else ():
            segs = _MODAL_SPLIT.split(item)
            out.extend((seg, flag or cases, "") for seg, flag in zip(segs, condition_flags(segs)))
    return out


def modal_clauses(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Statements that something is allowed (可以, 应当) or forbidden (不得, 不予): (statement, statement with its
    condition) with modal words removed. A segment that is itself a condition (…的) states nothing."""
    pos, neg = [], []
    text = denominalize(text)
    clauses = [(x, flag) for x, flag, _ in clause_segments(text) if x.strip()]
    segs = [x for x, _ in clauses]
    for n, (seg, is_condition) in enumerate(clauses):
        seg = seg.strip()
        if len(seg) < 4 or is_condition:
            continue
        cond = segs[n - 1] + seg if n > 0 and segs[n - 1].strip().endswith("的") else seg
        if _MODAL_NEG.search(seg):
            neg.append((_MODAL_NEG.sub("", seg), _MODAL_NEG.sub("", cond)))
        elif _MODAL_POS.search(seg):
            pos.append((_MODAL_POS.sub("", seg), _MODAL_POS.sub("", cond)))
    return pos, neg


def _overlap(a: str, b: str) -> tuple[int, float, float]:
    ba, bb = bigrams(a) - STOP_GRAMS, bigrams(b) - STOP_GRAMS
    shared = len(ba & bb)
    return shared, shared / max(1, len(ba)), shared / max(1, len(bb))


def _same(a: tuple[str, str], b: tuple[str, str], ratio: float = 0.6) -> bool:
    for x in a:
        for y in b:
            shared, ra, rb = _overlap(x, y)
            if shared >= 4 and ra >= ratio and rb >= ratio:
                return True
    return False


def contradicts(claim_text: str, article_text: str) -> str | None:
    """A claim 'X 可以 Y' against an article 'X 不得 Y' (or the reverse): the claim's statement, else None."""
    c_pos, c_neg = modal_clauses(claim_text)
    if not c_pos and not c_neg:
        return None
    a_pos, a_neg = modal_clauses(article_text)
    for mine, theirs, same in ((c_pos, a_neg, a_pos), (c_neg, a_pos, a_neg)):
        for x in mine:
            if any(_same(x, y) for y in theirs) and not any(_same(x, z, 0.5) for z in same):
                return x[0].strip()
    return None


# ----- negation of one aligned clause: 受…限制 against 不受…限制, 中断 against 不中断 --------------------------------
# A claim clause and an article clause that say the same words, one negating a word the other states plainly, say
# opposite things. Modals are read by ``polarity_conflict``; this reads the plain verbs (受, 影响, 停止, 计入, 属于…).
# a negated modal is one negator: 不得超过 and 不超过 negate the same word
_NEGATOR = re.compile(r"不得|不应当|不应|不能|不可以|不可|不予|不必|无需|无须|不需要?|禁止|严禁|不|未|无|非|没有")


def _negated_heads(clause: str) -> tuple[frozenset[str], str]:
    """(the bigrams right after each negator, the clause with its negators taken out)."""
    heads = set()
    lexical = [(m.start(), m.end()) for m in claim_patterns().lexical_negation.finditer(clause)]
    keep = []
    pos = 0
    for m in _NEGATOR.finditer(clause):
        if any(a <= m.start() < b for a, b in lexical) or m.start() < pos:
            continue
        after = re.sub(r"[^\u4e00-\u9fff]", "", clause[m.end():m.end() + 3])[:2]
        if len(after) == 2 and not _NEGATOR.match(after):
            heads.add(after)
            keep.append(clause[pos:m.start()])
            pos = m.end()
    keep.append(clause[pos:])
    return frozenset(heads), "".join(keep)


def _negated_scope(clause: str) -> frozenset[str]:
    """The bigrams a negator governs: all that follows it up to the clause's end (禁止被执行人提取和有关企业向被执行人
    支付 negates 提取 and 支付 as well as the 被执 right after it)."""
    scope: set[str] = set()
    lexical = [(m.start(), m.end()) for m in claim_patterns().lexical_negation.finditer(clause)]
    for m in _NEGATOR.finditer(clause):
        if any(a <= m.start() < b for a, b in lexical):
            continue
        rest = re.split(r"[，,；;。：:]", clause[m.end():], maxsplit=1)[0]
        scope |= bigrams(re.sub(r"[^\u4e00-\u9fff]", "", rest))
    return frozenset(scope)


# a condition that a clause holds before its statement (在其债务尚未清偿时应当…, 并可在和解协议不履行后就…起诉): 在/当 …
# 时/后, then the modal or the act
_EMBEDDED_WHEN = re.compile(r"(?P<cond>(?:在|当)[^，,；;。]{2,30}?(?:时|之后|以后|后))"
                            r"(?=[^，,；;。]{0,4}?(?:应当|应|可以|可|不得|不能|须|必须|才|就|向|申请|提起))")


def _condition_heads(texts: list[str]) -> frozenset[str]:
    """The words the articles negate in their conditions (其债务尚未清偿的，…)."""
    return frozenset(h for c in _article_conditions(tuple(texts)) for h in _negated_heads(c)[0])


_ITEM_MARK = re.compile(r"\s*[（(][一二三四五六七八九十]{1,3}[)）]")


def _plain_clauses(text: str, runs: bool = False) -> list:
    """The clauses that state something; a short lead-in (复议期间，不停止…) is read with the clause after it. With
    ``runs``: (clause, whether it follows the one before with no condition between)."""
    out, lead, joinable = [], "", False
    follows = []
    # a refusal naming a kind of case (审查不予执行公证债权文书案件/申请期间) is left out whole: two wordings of it align
    for seg, is_condition, _ in clause_segments(_NOMINAL_NEG.sub("", text)):
        size = len(re.sub(r"[^\u4e00-\u9fff]", "", seg))
        if is_condition:
            lead, joinable = "", False
        elif size < 5:
            lead = seg.strip() if size else ""
        elif joinable and len(bigrams(seg) - STOP_GRAMS) < 4:
            out[-1] += lead + seg  # 审查…期间，不停止执行: a clause too short to say what it is about ends the one before
            lead = ""
        else:
            out.append(lead + seg)
            follows.append(joinable)
            lead, joinable = "", True
    return list(zip(out, follows)) if runs else out


@lru_cache(maxsize=8192)
def _article_plain_clauses(article_text: str) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    out = []
    units: list[str] = []
    for sentence in re.split(r"[。！？!?]|(?<![：:；;])\n", article_text):
        # a listed item takes its polarity from the rule that lists it (不得有以下行为：（一）…)
        clauses = [seg for seg in _plain_clauses(sentence, runs=True) if not _ITEM_MARK.match(seg[0])]
        units += [seg for seg, _ in clauses]
        # two clauses in a row, with no condition between them, are read together as well: a claim may say in one
        # clause what the article says in two (在认定…执行能力时，应当扣除… / 认定执行能力时不扣除…)
        units += [a + b for (a, _), (b, joined) in zip(clauses, clauses[1:]) if joined]
    for seg in units:
        heads, bare = _negated_heads(seg)
        out.append((seg, heads, bigrams(bare) - STOP_GRAMS))
    return tuple(out)


_WHEN = re.compile(r"(?<![小及随按准适届])时$")  # …时, 'when …' (not 八小时, 及时, 随时, 按时)


def negation_conflict(claim_text: str, article_texts: list[str]) -> tuple[str, str] | None:
    """(the claim's clause, the article's clause) when a clause of the claim is nearly word for word a clause of the
    article, and one negates a word that the other states plainly (and no other clause of the articles says it the
    claim's way): 再次申请受申请执行时效期间的限制 against 再次申请不受申请执行时效期间的限制."""
    if not re.search(r"[\u4e00-\u9fff]", claim_text):
        return None
    theirs = [c for t in article_texts for c in _article_plain_clauses(t)]
    if not theirs:
        return None
    # a clause that only names when the statement applies (计算“六个月”时，…) is read with it, for alignment; what it
    # names is no word the claim states
    frames = [f.strip() for f in re.split(r"[，,；;。]", mask_quotes(claim_text)) if _WHEN.search(f.strip())]
    for seg in _plain_clauses(claim_text):
        heads, bare = _negated_heads(seg)
        grams = bigrams(bare) - STOP_GRAMS
        if len(grams) < 4:
            continue
        # a negation inside the clause's own condition (在其债务尚未清偿时，应当…) that the articles state in theirs
        # (其债务尚未清偿的) is their condition, not a statement negated
        when = _EMBEDDED_WHEN.search(seg)
        if when:
            heads -= _negated_heads(when.group("cond"))[0] & _condition_heads(article_texts)
        scope = _negated_scope(seg)
        frame = next((f for f in frames if seg.startswith(f)), "")
        stated = bigrams(_negated_heads(seg[len(frame):])[1]) - STOP_GRAMS if frame else grams
        aligned = [(a_seg, a_heads, a_grams) for a_seg, a_heads, a_grams in theirs
                   if len(grams & a_grams) >= 4 and len(grams & a_grams) >= 0.6 * len(grams)
                   and len(grams & a_grams) >= 0.4 * len(a_grams)]
        if not aligned:
            continue
        # as many negations on both sides (也不对异议进行审查 / 对异议不进行审查): they agree, wherever they stand
        if any(len(heads) == len(a_heads) for _, a_heads, _ in aligned):
            continue
        for a_seg, a_heads, a_grams in aligned:
            # the claim negates a word the article states plainly, or states plainly a word the article negates; a
            # word further inside a negator's scope is negated too (禁止其提取、禁止有关企业向其支付 against 禁止被执行人
            # 提取和有关企业向被执行人支付)
            a_scope = _negated_scope(a_seg)
            flipped = (heads - a_heads - a_scope) & a_grams | (a_heads - heads - scope) & stated
            if flipped and not _complementary_case(claim_text, seg, _article_conditions(tuple(article_texts))) \
                    and not _said_in_the_claims_case(claim_text, heads, flipped, article_texts):
                return seg.strip(), a_seg.strip()
    return None


def _said_in_the_claims_case(claim_text: str, heads: frozenset[str], flipped: frozenset[str],
                             article_texts: list[str]) -> bool:
    """The article says it the claim's way for the case the claim states (…未确定给付该利息的，不予计算 backs 生效法律文书
    没有确定给付一般债务利息的，…不予计算, though another clause of the article says 计算 for the general case): a
    statement under a condition the claim's condition fits, with the same negations, that negates (or states) the flipped
    words as the claim does."""
    claim_condition = "，".join(x for x, is_condition, _ in clause_segments(claim_text) if is_condition)
    if not claim_condition:
        return False
    claim_negations = len(_negated_heads(claim_condition)[0])
    for text in article_texts:
        for statement, is_condition, condition in clause_segments(text):
            if is_condition or not condition or condition_fit(claim_condition, condition) < 0.5 or \
                    len(_negated_heads(condition)[0]) != claim_negations:
                continue
            a_heads, a_bare = _negated_heads(statement)
            said = a_heads | bigrams(a_bare)
            if flipped <= said and all((w in a_heads) == (w in heads) for w in flipped):
                return True
    return False


@lru_cache(maxsize=4096)
def _article_conditions(article_texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(seg for t in article_texts for seg, is_condition, _ in clause_segments(t) if is_condition)


# ----- when a period or an effect starts: 自暂缓执行期限届满之日起 against 自担保书提交之日起 ------------------------------
# the event ends where its day is named: 之日, 之次日, …期间的最后一日 (the 后 of 最后 ends nothing)
_START = re.compile(r"(?:自|从)(?P<event>[^，。；;：:自从]{2,30}?)(?:之日|之次日|次日|的最后一日|最后一日|之时|(?<!最)后|时)(?:起)?")


_PERIOD_END = ("届满", "期满", "届至")


def start_conflict(claim_text: str, article_text: str) -> str | None:
    """The event a claim says a period or an effect starts from, when the article names its own start events and
    none of them, nor the article's text, holds that event's words (付清全部价款之日起 against 拍卖成交裁定送达买受人
    时起): the claim's event, else None."""
    if "自" not in claim_text and "从" not in claim_text:
        return None
    starts = list(_START.finditer(article_text))
    events = [m.group("event") for m in starts]
    theirs = [bigrams(e) for e in events]
    period_end = any(re.search(r"最后一日|届满|期满|届至", m.group(0)) for m in starts)
    if not theirs:
        return None
    article = bigrams(article_text)
    for m in _START.finditer(claim_text):
        if _DENIED.search(claim_text, max(0, m.start() - 4), m.start()):
            continue  # 而非从原判决生效之日起算: a start the writer denies
        grams = bigrams(m.group("event")) - STOP_GRAMS
        if len(grams) < 2:
            continue
        if any(len(g - STOP_GRAMS) >= 3 and len(grams & g) >= 0.75 * len(g - STOP_GRAMS) for g in theirs):
            continue  # the article's event named more fully (收到变更、追加当事人的书面申请 for 收到书面申请)
        if max(len(grams & g) for g in theirs) < len(grams) / 3 and len(grams & article) < len(grams) / 2:
            return m.group(0)
        # the same thing, another moment of it: 和解协议签订之日 against 和解协议约定履行期间的最后一日 — where the article
        # counts from the end of a period, a claim counting from an event of the same thing that ends on no word of
        # the article (签订) counts from another moment; other endings are too often the same event in other words
        # (收到申请书 for 收到申请, 受理 for 立案) to tell
        if not period_end:
            continue
        event = re.sub(r"\s+", "", m.group("event"))
        tail = event[-2:]
        if tail in _PERIOD_END or re.search(r"最后一日|届满|期满|届至", m.group(0)):
            continue  # 履行期限届满之日 names what …履行期间的最后一日 names
        if any(all(ch in ev for ch in tail) for ev in events):
            continue  # 权益受损 says what 民事权益受到损害 says, in fewer words
        if len(event) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]{2}", tail) and tail not in article and \
                any(len(grams & g) >= len(grams) / 3 for g in theirs):
            return m.group(0)
    return None


# ----- which number goes with which act --------------------------------------------------------------------
def _glossed_terms(english: str) -> set[str]:
    """The Chinese words whose English glosses the text holds (service → 送达, frozen → 冻结)."""
    low = english.lower()
    return {zh for rx, zh in claim_patterns().english_glosses if rx.search(low)}


def _windows(text: str, unit_re: re.Pattern, size: int = 12) -> list[tuple[str, str]]:
    out = []
    for m in unit_re.finditer(text):
        lo = max(0, m.start() - size)
        hi = min(len(text), m.end() + size)
        left = re.split(r"[。；;\n]", text[lo:m.start()])[-1]
        right = re.split(r"[。；;\n]", text[m.end():hi])[0]
        out.append((m.group(0), left + " " + right))
    return out


def _context_similarity(claim_text: str, surface: str):
    """How well an article's number window says what the claim says around its number: a function of the window,
    or None where the claim's context names too little (the words of its comma-clause; English by glossed terms)."""
    i = claim_text.find(surface)
    if i < 0:
        return None
    left = re.split(r"[。；;\n]", claim_text[max(0, i - 40):i])[-1]
    right = re.split(r"[。；;\n]", claim_text[i + len(surface):i + len(surface) + 60])[0]
    if re.search(r"[\u4e00-\u9fff]", left + right):
        grams = bigrams(re.split(r"[，,]", left)[-1][-12:] + " " + re.split(r"[，,]", right)[0][:12]) - STOP_GRAMS
        if len(grams) < 3:
            return None
        return lambda w: len(grams & bigrams(w)) / len(grams)
    ctx = re.split(r"[,;]\s", left)[-1] + " " + re.split(r",\s|;\s", right)[0]
    terms = _glossed_terms(ctx)
    if len(terms) < 2:
        return None
    return lambda w: sum(1 for z in terms if z in w) / len(terms)


@lru_cache(maxsize=8192)
def _own_numbers(article_text: str) -> frozenset[str]:
    return article_numbers(article_text)


def borrowed_number_conflict(claim_text: str, claim_nums: list[tuple[str, str]], article_text: str,
                             referred_texts: list[str]) -> str | None:
    """A number the cited article does not hold, only a provision it refers to, stated for what the cited article
    itself gives another number of that unit (上一级法院…十五日内作出复议裁定 against the article's own 三十日内审查完毕,
    where the 十五日 is the objection period of the statute it applies): the claim's number, else None."""
    if not claim_nums:
        return None
    own_numbers = _own_numbers(article_text)
    for surface, canon in claim_nums:
        if canon in own_numbers:
            continue
        unit = re.sub(r"^[0-9.]+", "", canon)
        own = [w for c, w in _article_number_windows(article_text) if re.sub(r"^[0-9.]+", "", c) == unit]
        if not own:
            continue
        sim = _context_similarity(claim_text, surface)
        if sim is None:
            continue
        own_sim = max(sim(w) for w in own)
        ref_sim = max((sim(w) for t in referred_texts for c, w in _article_number_windows(t) if c == canon), default=0.0)
        if own_sim >= 0.3 and own_sim >= ref_sim + 0.15:
            return surface
    return None


def number_binding_conflict(claim_text: str, claim_nums: list[tuple[str, str]], article_text: str) -> str | None:
    """'三十日内审查完毕' against an article whose 审查完毕 period is 六十日 (it has 三十日 only for something else)."""
    if not claim_nums:
        return None
    art = [(canon, window) for canon, window in _article_number_windows(article_text)]
    for surface, canon in claim_nums:
        unit = re.sub(r"^[0-9.]+", "", canon)
        same_unit = [(c, w) for c, w in art if re.sub(r"^[0-9.]+", "", c) == unit]
        if len(same_unit) < 2 or canon not in {c for c, _ in same_unit}:
            continue
        i = claim_text.find(surface)
        if i < 0:
            continue
        left = re.split(r"[。；;\n]", claim_text[max(0, i - 40):i])[-1]
        right = re.split(r"[。；;\n]", claim_text[i + len(surface):i + len(surface) + 60])[0]
        ctx = left + " " + right
        if re.search(r"[\u4e00-\u9fff]", ctx):
            ctx_zh = re.split(r"[，,]", left)[-1][-12:] + " " + re.split(r"[，,]", right)[0][:12]
            grams = bigrams(ctx_zh) - STOP_GRAMS

            def sim(w: str) -> float:
                return len(grams & bigrams(w)) / len(grams) if grams else 0.0
        else:
            # an English clause names whose amount it is inside its own commas (RMB 100,000 for individuals, RMB
            # 50,000 to 1,000,000 for entities): the next clause's owner is not this number's
            ctx = re.split(r"[,;]\s", left)[-1] + " " + re.split(r",\s|;\s", right)[0]
            terms = _glossed_terms(ctx)
            if len(terms) < 2:
                continue

            def sim(w: str) -> float:
                return sum(1 for z in terms if z in w) / len(terms)
        scored = [(sim(w), c) for c, w in same_unit]
        best_sim, best_val = max(scored)
        own = max(sv for sv, c in scored if c == canon)
        if best_val != canon and best_sim >= 0.4 and own <= best_sim - 0.2:
            return surface
    return None


@lru_cache(maxsize=8192)
def _article_number_windows(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for m in ZH_NUMBER.finditer(text):
        v = _zh_value(m.group("num"))
        if v is None:
            continue
        unit = ZH_UNITS[m.group("unit")]
        canon = _canon(v * 100, "permyriad") if unit == "pct" else _canon(v, unit)
        # the left side reaches back over one comma (对个人的罚款金额，为人民币十万元以下): the clause before names
        # whose amount or period it is
        lo, hi = max(0, m.start() - 20), min(len(text), m.end() + 14)
        left = re.split(r"[。；;\n]", text[lo:m.start()])[-1]
        right = re.split(r"[。；;，,\n]", text[m.end():hi])[0]
        out.append((canon, left + " " + right))
    return tuple(out)


_ABS_EN = [(w, re.compile(rf"\b{re.escape(w)}\b")) for w in ABSOLUTES if w.isascii()]
_ABS_ZH = [w for w in ABSOLUTES if not w.isascii()]


def absolute_words(text: str) -> tuple[str, ...]:
    """Absolute words in the text that are not negated (并不一律, not automatically)."""
    out = []
    if any(w in text for w in _ABS_ZH):
        text = claim_patterns().not_absolute.sub(lambda m: " " * len(m.group(0)), text)
        for w in _ABS_ZH:
            for m in re.finditer(re.escape(w), text):
                if not re.search(r"(?:不|非|并非|未必|不会|不能|不是)\S{0,2}$", text[max(0, m.start() - 4):m.start()]):
                    out.append(w)
                    break
    if text.isascii() or re.search(r"[A-Za-z]", text):
        low = text.lower()
        for w, rx in _ABS_EN:
            if w not in low:
                continue
            for m in rx.finditer(low):
                if not re.search(r"\b(?:not|never|no)\s+(?:\w+\s+)?$", low[max(0, m.start() - 16):m.start()]):
                    out.append(w)
                    break
    return tuple(out)


_PROHIBITION = re.compile(r"不得|不予|不能|不可|禁止|无权")
_CLAUSE_STOP = re.compile(r"[，。；;,\n]")


def restates_prohibition(claim_text: str, word: str, article_texts: list[str]) -> bool:
    """An absolute word before a prohibition (一律不得纳入失信名单) that a cited article states without
    exception (不得将其纳入失信被执行人名单, and no 但/除外 in the article): the word says no more than the article."""
    m = re.search(re.escape(word) + r"\s*(?:" + _PROHIBITION.pattern + ")", claim_text)
    if m is None:
        return False
    stop = _CLAUSE_STOP.search(claim_text, m.end())
    act = bigrams(claim_text[m.end():stop.start() if stop else m.end() + 20]) - STOP_GRAMS
    if len(act) < 2:
        return False
    provisos = load_proviso_words()
    for text in article_texts:
        clauses = re.split(r"(?<=[，,；;。])", text)
        if provisos.closes_sentence(text) or any(provisos.opens_clause(c) for c in clauses):
            continue  # a prohibition with an exception is not one without
        for p in _PROHIBITION.finditer(text):
            stop = re.search(r"[。；;\n]", text[p.end():])
            if len(act & bigrams(text[p.end():p.end() + (stop.start() if stop else 40)])) >= 2:
                return True
    return False


# Concepts whose polarity a claim can get wrong: (name, claim says yes, claim says no, article says yes,
# article says no). A claim saying no where the article says yes (and never no), or the reverse, is unsupported.
CONCEPTS = [
    ("counted",
     re.compile(r"\b(?:is|are|shall be|be|gets?) (?:counted|included|computed)\b|(?<!不)计算在期间内|(?<!不)计入期间"),
     re.compile(r"\bnot (?:be )?(?:counted|included)\b|\bexcluded\b|不计算在期间内|不计入"),
     re.compile(r"(?<!不)计算在期间内|(?<!不)计入期间"), re.compile(r"不计算在期间内|不计入")),
    ("consent",
     re.compile(r"\bwith (?:the )?[\w'’ ]{0,30}consent\b|经[^，。；]{0,12}同意"),
     re.compile(r"\bwithout (?:the )?[\w'’ ]{0,30}(?:consent|agreement|approval)\b|\bregardless of [\w'’ ]{0,30}consent\b|"
                r"无需[^，。；]{0,12}同意|不需要?[^，。；]{0,12}同意|不必[^，。；]{0,12}同意|未经[^，。；]{0,12}同意即"),
     re.compile(r"经[^，。；]{0,12}同意"), re.compile(r"无需[^，。；]{0,12}同意|不需要?[^，。；]{0,12}同意")),
    ("interrupt",
     re.compile(r"(?<!not )\binterrupt(?:s|ed|ion)?\b|(?<!不)(?<!未)中断"),
     re.compile(r"\bnot interrupt(?:s|ed)?\b|\bmerely suspended\b|\bonly suspended\b|不中断|不发生中断"),
     re.compile(r"(?<!不)(?<!未)中断"), re.compile(r"不中断|不发生中断")),
    ("separate_suit",
     re.compile(r"\b(?:may|can) (?:also )?(?:file|bring|institute|sue)\b|(?:可以|仍可|也可|亦可|均可|有权)[^，。；]{0,20}"
                r"(?:提起诉讼|起诉)"),
     re.compile(r"\bsuit\b[^.;]{0,40}\b(?:is |are )?(?:barred|not allowed|unavailable|precluded|prohibited)\b|"
                r"\b(?:cannot|may not|can't) (?:file|bring|sue)\b|不得[^，。；]{0,10}(?:提起诉讼|起诉)|不能[^，。；]{0,10}起诉"),
     # a suit the court shall accept (应予受理) is one that may be brought; 不予受理 stated as a condition
     # (…裁定不予受理的，可以另行主张) refuses nothing
     re.compile(r"可以[^，。；]{0,20}(?:提起诉讼|起诉)|(?:提起|起诉)[^。；]{0,30}(?:应予|应当)受理"),
     re.compile(r"不得[^，。；]{0,10}(?:提起诉讼|起诉)|不予受理(?!的)")),
    # does a review (复议, 异议) halt what is reviewed? 复议期间不停止执行 is read in English claims too
    ("halted_pending_review",
     re.compile(r"\b(?:is|are|be|gets?)\s+(?:suspended|stayed|halted|stopped)\b[^.;]{0,60}\b(?:while|during|pending)\b|"
                r"\b(?:halts?|suspends?|stays?|stops?)\s+(?:the\s+)?(?:enforcement|execution)\b"),
     re.compile(r"\bnot\s+(?:be\s+)?(?:suspended|stayed|halted|stopped)\b|\b(?:does|do)\s+not\s+(?:halt|suspend|stay|stop)\b"),
     re.compile(r"(?<!不)停止(?:原决定的|原裁定的)?执行"), re.compile(r"不停止(?:原决定的|原裁定的)?执行")),
]


@lru_cache(maxsize=8192)
def _article_concepts(article_text: str) -> tuple[tuple[bool, bool], ...]:
    return tuple((bool(a_yes.search(article_text)), bool(a_no.search(article_text)))
                 for _, _, _, a_yes, a_no in CONCEPTS)


def concept_conflict(claim_text: str, article_text: str) -> str | None:
    low = claim_text.lower()
    polarity = None
    for n, (name, c_yes, c_no, _, _) in enumerate(CONCEPTS):
        says_no = c_no.search(low)
        says_yes = None if says_no else c_yes.search(low)
        if not says_no and not says_yes:
            continue
        if polarity is None:
            polarity = _article_concepts(article_text)
        a_yes, a_no = polarity[n]
        if says_no and a_yes and not a_no:
            return says_no.group(0)
        if says_yes and a_no and not a_yes:
            return says_yes.group(0)
    return None


_ORDER = re.compile(r"先(?:行)?(?P<a>[^，。；,;]{2,24}?)[，,]?\s*(?:再|然后|后)(?:行)?(?P<b>[^，。；,;]{2,24})")


def order_conflict(claim_text: str, article_text: str) -> str | None:
    """'先清偿利息再清偿本金' against an article that puts them the other way round: the claim's order, else None."""
    if "先" not in claim_text:
        return None
    mine = [(m.group("a"), m.group("b"), m.group(0)) for m in _ORDER.finditer(claim_text)]
    if not mine:
        return None
    theirs = [(m.group("a"), m.group("b")) for m in _ORDER.finditer(article_text)]
    for a, b, surface in mine:
        for x, y in theirs:
            # what the claim puts first is what the article puts last (and not what it puts first)
            if _close(a, y) and not _close(a, x) and not _close(b, y):
                return surface
    return None


def _close(a: str, b: str) -> bool:
    shared, ra, rb = _overlap(a, b)
    return shared >= 2 and max(ra, rb) >= 0.6


def exclusive_conflict(claim_text: str, article_text: str) -> str | None:
    """'only X' / 只能X against an article that offers alternatives (也可以, 或者…也)."""
    m = re.search(r"\bonly (?:to )?\w+|只能|仅能|仅可|唯一的?救济", claim_text, re.I)
    if m and re.search(r"也可以|也可|亦可", article_text):
        return m.group(0)
    return None


def is_present(text: str) -> bool:
    low = text.lower()
    return any(m in low for m in PRESENT_MARKERS) or bool(re.search(
        r"\b(?:still|today|operative|remains? (?:the )?(?:law|in force|applicable|valid|effective)|"
        r"governs?|currently|presently|now (?:in force|applies|governs))\b", low))


def is_historical(text: str) -> bool:
    """The text speaks of an earlier text (原第二百三十条, 修改前, 已被废止, formerly, now Article …)."""
    patterns = claim_patterns()
    if patterns.historical_zh.search(text):
        return True
    return bool(re.search(r"[A-Za-z]", text)) and bool(patterns.historical_en.search(text))


# ----- article facts -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ArticleFacts:
    law_id: str
    version: str
    number: int
    text: str
    norm: str  # normalize_for_match(text)
    para_norms: tuple[str, ...]  # per paragraph (items included)
    grams: frozenset[str]
    numbers: frozenset[str]  # this article's own numbers
    ext_numbers: frozenset[str]  # plus the articles it cross-refers to
    topics: frozenset[str]  # from the text alone
    ext_topics: frozenset[str]  # plus chapter headings, the law's title and cross-referenced articles
    absolutes: tuple[str, ...] = field(default=())
    para_grams: tuple[frozenset[str], ...] = field(default=())  # bigrams per paragraph (items included)
    para_topics: tuple[frozenset[str], ...] = field(default=())  # topics per paragraph
    para_texts: tuple[str, ...] = field(default=())  # per paragraph, as written (items included)


_FACTS: dict[int, "FactsCache"] = {}


def facts_cache(registry: LawRegistry) -> "FactsCache":
    """The FactsCache of a registry (one per registry object)."""
    fc = _FACTS.get(id(registry))
    if fc is None or fc.registry is not registry:
        fc = FactsCache(registry)
        _FACTS[id(registry)] = fc
    return fc


class FactsCache:
    """ArticleFacts per (law, version, number, suffix); built lazily, kept for the registry's lifetime."""

    def __init__(self, registry: LawRegistry):
        self.registry = registry
        self._facts: dict[tuple[str, str, int, int], ArticleFacts | None] = {}
        self._maps: dict[tuple[str, int, str], int | None] = {}
        self._current: dict[str, str | None] = {}
        self._versions: dict[str, tuple[str, ...]] = {}
        self._articles: dict[tuple[str, int, str, int], Article | None] = {}

    def current(self, law_id: str) -> str | None:
        """Version id of the text in force (None for a draft or an unknown id), memoized."""
        if law_id not in self._current:
            law = self.registry.laws.get(law_id)
            self._current[law_id] = law.current.version if law is not None and law.current is not None else None
        return self._current[law_id]

    def versions(self, law_id: str) -> tuple[str, ...]:
        """Version ids of the texts of a law that have articles, oldest first, memoized."""
        if law_id not in self._versions:
            law = self.registry.laws.get(law_id)
            self._versions[law_id] = tuple(v.version for v in law.versions if v.articles) if law else ()
        return self._versions[law_id]

    def article(self, law_id: str, number: int, version: str, suffix: int = 0) -> Article | None:
        key = (law_id, number, version, suffix)
        if key not in self._articles:
            self._articles[key] = self.registry.article(law_id, number, version, suffix)
        return self._articles[key]

    def map_article(self, law_id: str, number: int, from_version: str) -> int | None:
        """registry.map_article to the current version, memoized."""
        key = (law_id, number, from_version)
        if key not in self._maps:
            self._maps[key] = self.registry.map_article(law_id, number, from_version)
        return self._maps[key]

    def get(self, law_id: str, version: str, number: int, suffix: int = 0) -> ArticleFacts | None:
        key = (law_id, version, number, suffix)
        if key in self._facts:
            return self._facts[key]
        art = self.article(law_id, number, version, suffix)
        facts = self._build(art) if art is not None else None
        self._facts[key] = facts
        return facts

    def _build(self, art: Article) -> ArticleFacts:
        reg = self.registry
        text = art.text
        lv = reg.get_version(art.law_id, art.version)
        title = (lv.title + lv.short_name) if lv else ""
        ext_text = " ".join(art.path) + title
        ext_numbers = set(article_numbers(text))
        ext_topics = set(evidence_topics(text)) | set(evidence_topics(ext_text))
        for ref in art.cross_refs:
            target = reg.article(ref.law_id, ref.current_article) if ref.current_article else None
            if target is not None:
                ext_numbers |= article_numbers(target.text)
                ext_topics |= evidence_topics(target.text)
        para_texts = ["".join([p.text, *p.items]) for p in art.paragraphs]
        para_norms = tuple(normalize_for_match(t) for t in para_texts)
        return ArticleFacts(law_id=art.law_id, version=art.version, number=art.number, text=text,
                            norm=normalize_for_match(text), para_norms=para_norms, grams=bigrams(text),
                            numbers=article_numbers(text), ext_numbers=frozenset(ext_numbers),
                            topics=evidence_topics(text), ext_topics=frozenset(ext_topics),
                            absolutes=absolute_words(text), para_grams=tuple(bigrams(t) for t in para_texts),
                            para_topics=tuple(evidence_topics(t) for t in para_texts), para_texts=tuple(para_texts))


# ----- quotes ---------------------------------------------------------------------------------------------
_QUOTE_LEAD = re.compile(r"(?:规定|写明|写道|明确|载明|称|指出|表述为|原文|条文|内容为|即|：|:|says|provides|states|reads)\s*[:：,，]?\s*$")


def claim_quotes(text: str, start: int, end: int) -> list[str]:
    """Quotations in text[start:end] that the writer presents as the statute's words (Chinese only)."""
    out = []
    for qs, qe in find_quotes(text, start, end):
        q = text[qs:qe]
        norm = normalize_for_match(q)
        cjk = sum(1 for ch in norm if "\u4e00" <= ch <= "\u9fff")
        if cjk < 6:
            continue  # 「正当理由」, “执行回转”: a term, not a quotation
        lead = text[max(start, qs - 12):qs - 1]
        if cjk >= 16 or _QUOTE_LEAD.search(lead):
            out.append(q)
    return out


def quote_found(quote: str, facts: ArticleFacts, paragraph: int | None = None) -> bool:
    """A quotation is found when each of its pieces (split on ellipses) occurs in the article, punctuation aside."""
    pieces = [normalize_for_match(p) for p in re.split(r"…+|\.{3,}|⋯+", quote)]
    pieces = [p for p in pieces if len(p) >= 2]
    if not pieces:
        return True
    hay = facts.norm
    if paragraph is not None and 1 <= paragraph <= len(facts.para_norms):
        hay = facts.para_norms[paragraph - 1]
    if all(p in hay for p in pieces):
        return True
    # a loose quotation: nearly every bigram in the article, the same numbers, no negation added or dropped
    joined = "".join(pieces)
    if len(joined) < 8:
        return False
    grams = {joined[i:i + 2] for i in range(len(joined) - 1)}
    hay_grams = {hay[i:i + 2] for i in range(len(hay) - 1)}
    missing = len(grams - hay_grams)
    if missing > 1 and missing / len(grams) > 0.05:
        return False
    if not set(re.findall(r"[0-9]+", joined)) <= set(re.findall(r"[0-9]+", hay)):
        return False
    for neg in ("不得", "不予", "不能", "不应", "无权", "不可"):
        if (neg in joined) != (neg in hay) and neg in joined:
            return False
    return True


@lru_cache(maxsize=4096)
def claim_grams(text: str) -> frozenset[str]:
    return bigrams(text)


STOP_GRAMS = frozenset({"规定", "人民", "民法", "法院", "可以", "应当", "根据", "依据", "依照", "按照", "条规", "之日", "的规",
                        "当事", "事人", "申请", "执行", "行人", "被执", "请执", "第二", "第三", "第一", "规则", "本条", "该条",
                        "条的", "明确", "中的", "以及", "或者", "的，", "十条", "百四", "二百", "四十", "三十", "百三",
                        "百五", "五十", "百二", "二十", "百一", "一十", "百六", "六十", "十一", "十二", "十三", "十四",
                        "十五", "十六", "十七", "十八", "十九", "百零"})


def containment(claim: frozenset[str], facts: ArticleFacts) -> float:
    """Share of the claim's informative bigrams that the article contains."""
    grams = claim - STOP_GRAMS
    if not grams:
        return 0.0
    return len(grams & facts.grams) / len(grams)


_MODAL_ANY = re.compile(r"可以|应当|应予|不得|不予|不能|有权|无权|必须|\b(?:may|shall|must|can|cannot|is entitled to)\b", re.I)


def consequence_topics(text: str) -> tuple[str, ...]:
    """Topics named in the segment that carries the claim's modal (…，申请执行人可以申请恢复执行 → resume)."""
    out: list[str] = []
    for seg in re.split(r"[，。；;,：:！？!?\n]", text):
        m = _MODAL_ANY.search(seg)
        if m:
            for t in claim_topics(seg[m.end():]):
                if t not in out:
                    out.append(t)
    return tuple(out)


# ----- polarity: what a statement says may, must or must not happen ----------------------------------------
# A predication is (polarity, predicate): 应当扣除 → (+1, 扣除), 无需重新立案 → (-1, 重新立案). A claim whose
# predicate the article states only with the opposite polarity says the opposite of the article.
_POL_NEG = ("不应当", "不可以", "不需要", "不得", "不予", "不能", "不可", "不应", "不必", "无需", "无须", "不需", "无权", "不再",
            "不主动",
            "禁止", "不准", "不宜", "不会", "不得再", "不发生")
_POL_POS = ("仍然可以", "仍应当", "应当", "应予", "应该", "可以", "有权", "必须", "仍可", "仍应", "亦可", "也可", "均可",
            "即可", "方可", "才可", "并可", "还可", "得以", "能够", "须", "应")
# a court's decision stated without a modal is an affirmative rule (理由成立的，裁定恢复执行): 裁定/决定 + an act
_POL_DECIDE = ("裁定", "决定")
_POL_NEG_RE = re.compile("(" + "|".join(sorted((re.escape(w) for w in _POL_NEG), key=len, reverse=True)) + ")")
_POL_RE = re.compile("(" + "|".join(sorted((re.escape(w) for w in _POL_NEG + _POL_POS + _POL_DECIDE), key=len,
                                           reverse=True)) + ")")
# characters before 应 / 须 that make it part of another word (相应, 对应, 必须 is listed whole)
_POL_NOT_AFTER = set("相对适反供答回效响照理顺呼感无必")
_POL_DECISION = re.compile(r"^(?:裁定|决定)(?=[\u4e00-\u9fff]{2})(?!书|不服)")
# asking for an act and the act itself are one predicate here: 可以申请恢复执行 against 不予恢复执行
_POL_REQUEST = re.compile(r"^(?:申请|请求|要求|主张)(?=[\u4e00-\u9fff]{2})")
_POL_STOP = re.compile(r"[，。；;,：:！？!?\n（）()“”「」]|的(?:[，。；]|$)")


# a modal after a denial (并不是必须, 而非应当, not that …) is a statement the writer rejects
_DENIED = re.compile(r"(?:不是|并非|而非|绝非|未必|并不)\s*$")


def predications(text: str) -> list[tuple[int, str, str]]:
    """(polarity, predicate, surface) for every modal statement in the text; conditions (…的，) state nothing."""
    return [(polarity, pred, surface) for polarity, pred, surface, _ in conditioned_predications(text)]


def conditioned_predications(text: str) -> list[tuple[int, str, str, str]]:
    """(polarity, predicate, surface, the condition it is stated under) for every modal statement in the text."""
    out = []
    patterns = claim_patterns()
    for seg, is_condition, condition in clause_segments(denominalize(text)):
        seg_s = seg.strip()
        if len(seg_s) < 3 or is_condition:
            continue
        for m in _POL_RE.finditer(seg):
            word = m.group(1)
            if word in ("应", "须") and m.start() > 0 and seg[m.start() - 1] in _POL_NOT_AFTER:
                continue
            if word in ("应", "须") and seg[m.end():m.end() + 1] in ("当", "予", "该", "知", "用", "对", "付", "诉"):
                continue
            if _DENIED.search(seg, max(0, m.start() - 4), m.start()):
                continue  # 并不是必须解除, 而非应当: the writer denies the statement, it is no rule the claim states
            rest = seg[m.end():]
            if word in _POL_DECIDE and (not re.match(r"[\u4e00-\u9fff]", rest[:1]) or rest[:1] in "书的是后" or rest.startswith("不服") or
                                        seg[max(0, m.start() - 2):m.start()] in ("作出", "的", "对") or
                                        seg[m.start() - 1:m.start()] in ("的", "该", "此", "对", "前", "原")):
                continue  # 裁定书, 该裁定, 作出裁定, 裁定不服: the ruling named, not a decision stated
            if word.endswith("可") and rest.startswith("以"):
                rest = rest[1:]  # 也可以, 亦可以
            polarity = -1 if word in _POL_NEG else 1
            inner = _POL_NEG_RE.search(rest[:6])
            if polarity == 1 and inner:
                polarity, rest = -1, rest[inner.end():]  # 应当裁定不予受理: what is ordered is a refusal
            if re.match(r"[\u4e00-\u9fff]{1,4}的(?!除外|以外|情形)[\u4e00-\u9fff]", rest):
                continue  # 其他当事人不予认可的和解协议: the modal describes a noun, it states nothing
            if re.search(r"(?:适用于|属于|限于|仅指|是指|针对|对于|用于)$", seg[max(0, m.start() - 4):m.start()]) and \
                    re.match(r"[\u4e00-\u9fff]{1,8}的", rest):
                continue  # 只适用于不能退还原物的情形: the modal names the case a rule is for, it states nothing
            for _ in range(3):  # 由申请执行人 向执行法院 提出…: who acts and where are light too
                lighter = patterns.light.sub("", rest, count=1)
                if lighter == rest:
                    break
                rest = lighter
            rest = _POL_DECISION.sub("", rest, count=1)  # 应当裁定恢复执行 orders what 裁定恢复执行 decides: 恢复执行
            rest = patterns.object_before_act.sub("", rest, count=1)
            stop = _POL_STOP.search(rest)
            pred = re.sub(r"\s+", "", rest[:stop.start()] if stop else rest)
            pred = _POL_REQUEST.sub("", pred, count=1)[:8]
            if len(pred) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in pred[:2]):
                continue
            tail = seg[m.end():m.end() + 12]
            cut = _POL_STOP.search(tail)
            surface = (word + (tail[:cut.start()] if cut else tail)).strip()
            out.append((polarity, pred, surface, condition))
            joined = re.match(r"[\u4e00-\u9fff]{2}、([\u4e00-\u9fff]{2,})", pred)  # 变更、追加为…: each act
            if joined:
                out.append((polarity, joined.group(1), surface, condition))
            if polarity == -1 and pred.startswith("受理") and condition:
                # …提出执行异议或者申请复议的，不予受理: refusing the application refuses what it asks for
                asked = re.split(r"[，,]", condition)[-1]
                for act in re.findall(r"(?:申请|提出|提起)([\u4e00-\u9fff]{2,4}?)(?=或者|、|和|的$)", asked):
                    out.append((polarity, act, surface, condition))
            if pred.startswith(("作出裁定", "作出决定")):
                # …作出裁定，责令取得财产的人返还: the ruling orders the act, which is what it decides
                ordered = re.match(r"\s*[，,]\s*责令(?:[^，。；]{0,16}(?:人|方|者))?(?P<act>[\u4e00-\u9fff]{2,6})(?=[，。；;,]|$)",
                                   text[text.find(seg) + len(seg):] if text.find(seg) >= 0 else "")
                if ordered:
                    out.append((polarity, ordered.group("act"), surface, condition))
            break  # the first modal of a segment governs it (不得…，但可以… is two segments)
    return out


def _same_predicate(a: str, b: str) -> bool:
    if a[:2] != b[:2]:
        return False
    short, long = sorted((a, b), key=len)
    if long.startswith(short) or (len(short) >= 4 and a[:4] == b[:4]):  # 提交符合（a citation masked）规定的
        return True
    ga, gb = {short[i:i + 2] for i in range(len(short) - 1)}, {long[i:i + 2] for i in range(len(long) - 1)}
    return len(ga & gb) / max(1, len(ga)) >= 0.6


def polarity_conflict(claim_text: str, article_texts: list[str]) -> tuple[str, str] | None:
    """(the claim's statement, the article's opposite statement) when the claim says must / may where every cited
    article says must not for the same act, or the reverse; None otherwise (and when an article says both).

    An English claim is read against the Chinese article by the acts its predicate names (topics: 'resume
    enforcement' = 恢复执行); the article's side is then given in English ('may (resuming enforcement)')."""
    mine = conditioned_predications(claim_text)
    english = en_predications(claim_text)
    if not mine and not english:
        return None
    theirs = [p for t in article_texts for p in _article_predications(t)]
    for pol, pred, surface, condition in mine:
        same = [(s, c) for p, q, s, c in theirs if p == pol and _same_predicate(pred, q)]
        opposite = [(s, c) for p, q, s, c in theirs if p == -pol and _same_predicate(pred, q)]
        if opposite and not same:
            if _complementary_case(claim_text, surface, [c for _, c in opposite]):
                continue
            return surface, opposite[0][0]
        if opposite and condition:
            # the article says both, each under its own condition: the claim takes the side whose case it states
            # (和解协议已经履行完毕的，仍可申请恢复执行 against 履行完毕后申请恢复执行的 → 不予恢复执行)
            fit_opposite = max((condition_fit(condition, c), s) for s, c in opposite)
            fit_same = max(condition_fit(condition, c) for _, c in same)
            if fit_opposite[0] >= 0.5 and fit_opposite[0] >= fit_same + 0.15:
                return surface, fit_opposite[1]
    for pol, topics, surface in english:
        acts = [(p, t) for p, q, _, _ in theirs for t in _predicate_topics(q) if t in topics]
        opposite = [t for p, t in acts if p == -pol]
        if opposite and not any(p == pol for p, _ in acts):
            label = TOPIC_LABELS.get(opposite[0], (opposite[0], opposite[0]))[1]
            return surface, f"{'may' if pol < 0 else 'may not'} ({label})"
    return None


# English modals: a negative form is matched before the positive word inside it (may not before may)
_EN_POL_NEG = r"(?:may|can|shall|must|should|need|will)\s+not|cannot|can't|mustn't|shan't|needn't|(?:is|are)\s+not\s+" \
              r"(?:entitled|allowed|permitted|required)\s+to|(?:has|have)\s+no\s+right\s+to|(?:is|are)\s+(?:prohibited|" \
              r"barred|precluded)\s+from|(?:may|can|could)\s+no\s+longer|no\s+longer\s+(?:may|can)|" \
              r"(?:prohibits?|bars?|forbids?|precludes?)\s+(?:[\w'’-]+\s+){0,4}?from(?:\s+even)?"
_EN_POL_POS = r"(?:may|can|shall|must|should)(?:\s+(?:still|also|then|directly|only|again))?|(?:is|are)\s+(?:entitled|" \
              r"allowed|permitted|required|obliged)\s+to|(?:has|have)\s+(?:the\s+)?right\s+to|" \
              r"(?:allows?|lets|permits?|entitles?|enables?|authori[sz]es?|requires?|obliges?)\s+(?:the\s+|a\s+|an\s+)?" \
              r"(?:[\w'’-]+\s+){0,3}?(?:to\s+)?(?:be\s+)?(?=(?:apply|resume|sue|file|bring|issue|make|seek|request|object|" \
              r"order|suspend|terminate|seize|freeze|auction|sell|return|add|list|remove|delete|restrict|detain|fine)" \
              r"(?:e?d|s)?\b)"
_EN_POL_RE = re.compile(rf"\b(?:(?P<neg>{_EN_POL_NEG})|(?P<pos>{_EN_POL_POS}))\b", re.I)
# asking for an act is the act here (apply to resume = resume), as in Chinese (申请恢复执行 against 不予恢复执行)
_EN_REQUEST = re.compile(r"^\s*(?:(?:apply|ask|petition|move)\s+(?:to|for)(?:\s+the\s+court\s+to)?|request|seek(?:\s+to)?|"
                         r"(?:still|also|then|directly|only|again)\b)\s*", re.I)
# a predicate that is itself a refusal turns the modal round: shall refuse to resume = shall not resume
_EN_REFUSAL = re.compile(r"^\s*(?:refuse|decline|reject|deny|dismiss)\w*\b(?:\s+to)?", re.I)


# a ruling on what a party asks (support, grant, uphold: 支持, 准许): its object names the request, not the act ruled on
_EN_RULING = re.compile(r"^\s*(?:support|grant|uphold|sustain|entertain)(?:s|ed|ing)?\b", re.I)


def en_predications(text: str) -> list[tuple[int, tuple[str, ...], str]]:
    """(polarity, the acts the predicate names as topics, surface) for English modal statements; conditions (if…,
    where…, unless…) state nothing. The first modal of a segment governs it, as in ``predications``."""
    out = []
    for seg in _SEG_SPLIT.split(text):
        seg_s = seg.strip()
        if len(seg_s) < 6:
            continue
        m = _EN_POL_RE.search(seg)
        if m is None:
            continue
        if re.match(r"(?:if|where|when|unless|whether|once|after|before|provided)\b", seg_s, re.I) and \
                len(re.findall(r"\b(?:the|a|an|its|their|his|her)\b", seg[:m.start()], re.I)) < 2:
            continue  # a condition states nothing; 'once the debtor defaults the creditor must …' runs on into its
            # main clause without a comma: a second noun phrase before the modal is the main clause's subject
        out += _en_predication(seg, m)
        # a second verb phrase with its own modal (must sue … and can no longer resume …) says something of its own
        for later in _EN_POL_RE.finditer(seg, m.end()):
            if re.search(r"\b(?:and|but|or|yet)\s+$", seg[:later.start()], re.I):
                out += _en_predication(seg, later)
    return out


def _en_predication(seg: str, m: re.Match) -> list[tuple[int, tuple[str, ...], str]]:
    out = []
    polarity = -1 if m.group("neg") else 1
    rest = seg[m.end():]
    surface = " ".join([m.group(0), *rest.split()[:8]]).rstrip(".;:!? ")
    for _ in range(3):  # apply to, still apply for, …
        stripped = _EN_REQUEST.sub("", rest, count=1)
        if stripped == rest:
            break
        rest = stripped
    if _EN_RULING.match(rest):
        return out  # will not support an application to enforce against …: the act is the ruling, the topics its object's
    refusal = _EN_REFUSAL.match(rest)
    if refusal:
        polarity, rest = -polarity, rest[refusal.end():]
    # …, but not (to) resume enforcement: the act after 'but not' is denied, whatever the first modal says
    for but in re.finditer(r"\bbut\s+not\s+(?:to\s+|by\s+|through\s+)?(?P<act>(?:[\w'’-]+\s*){1,6})", rest, re.I):
        topics = claim_topics(" ".join(but.group("act").split()[:5]))
        if topics:
            out.append((-polarity, topics, but.group(0).strip()))
    # the act itself, not the objects and circumstances after it, nor a second act joined to it with its own
    # polarity (may be sealed up but not auctioned); 'allows X to be listed': the passive's 'be' is read with it
    words = re.split(r"\b(?:but|and|or|nor|yet|unless|except|not)\b", rest, maxsplit=1, flags=re.I)[0].split()[:9]
    passive = "be " if re.search(r"\bbe\s*$", m.group(0)) else ""
    topics = claim_topics(passive + " ".join(words))
    if not topics and re.search(r"ing\b", " ".join(words)):
        # prohibits … from sealing up / auctioning: the act in its plain form (seal up, auction; seize, freeze)
        plain = " ".join(words)
        topics = tuple(dict.fromkeys(claim_topics(re.sub(r"(\w{3,}?)ing\b", r"\1", plain)) +
                                     claim_topics(re.sub(r"(\w{3,}?)ing\b", r"\1e", plain))))
    if topics:
        out.append((polarity, topics, surface))
    return out


@lru_cache(maxsize=8192)
def _predicate_topics(predicate: str) -> tuple[str, ...]:
    return claim_topics(predicate)


@lru_cache(maxsize=8192)
def _article_predications(article_text: str) -> tuple[tuple[int, str, str, str], ...]:
    return tuple(conditioned_predications(article_text))


def _complementary_case(claim_text: str, surface: str, conditions: list[str]) -> bool:
    """The claim states the opposite for the opposite case: what it says before its statement holds the words of the
    article's condition with a negation the condition lacks, or the reverse (担保人没有向人民法院承诺…，不能直接裁定
    against 担保人向人民法院承诺…的，可以…直接裁定)."""
    at = claim_text.find(surface)
    before = claim_text[:at] if at > 0 else ""
    heads, bare = _negated_heads(before)
    grams = bigrams(bare)
    for condition in conditions:
        c_heads, c_bare = _negated_heads(condition)
        c_grams = bigrams(c_bare) - STOP_GRAMS
        if len(c_grams) >= 4 and len(c_grams & grams) >= 0.5 * len(c_grams) and len(heads) != len(c_heads):
            return True
    return False


def condition_fit(claim_condition: str, article_condition: str) -> float:
    """Share of the claim's condition words (bigrams) that one case of the article's condition holds (a listed case,
    or the whole condition)."""
    grams = bigrams(claim_condition) - STOP_GRAMS
    if not grams or not article_condition:
        return 0.0
    cases = [article_condition, *re.split(r"[；;：:]", article_condition)]
    return max(len(grams & bigrams(case)) / len(grams) for case in cases)


# ----- exempt where the article binds: 法定代表人…不受限制 against …及其法定代表人…不得实施 -------------------------------
_EXEMPT = re.compile(r"(?P<subject>[^，。；;,]{2,40}?)(?:均|都|也|则|仍|亦)?(?:不受[^，。；;,]{0,8}?(?:限制|约束)|"
                     r"不在[^，。；;,]{0,6}?限制[^，。；;,]{0,4}?之列|不属于[^，。；;,]{0,6}?限制[^，。；;,]{0,4}?范围)")

def exemption_conflict(claim_text: str, article_texts: list[str]) -> tuple[str, str] | None:
    """(the claim's exemption, the article's prohibition) when the claim says a person the article's prohibition
    names by role is not bound by it (其法定代表人…不受限制 against 被执行人及其法定代表人…不得实施前款规定的行为)."""
    if "不受" not in claim_text and "不在" not in claim_text and "不属于" not in claim_text:
        return None
    bound = []
    for t in article_texts:
        for sentence in re.split(r"[。；;\n]", t):
            m = re.search(r"不得|禁止", sentence)
            if m:
                bound.append((sentence[:m.start()], sentence[m.start():m.start() + 14]))
    if not bound:
        return None
    person = claim_patterns().person
    for m in _EXEMPT.finditer(claim_text):
        subject = m.group("subject")
        # the persons the subject is about, not their possessors (法定代表人的近亲属 is about 近亲属)
        persons = {p.group(0) for p in person.finditer(subject) if not subject.startswith("的", p.end())}
        for who, prohibition in bound:
            named = [p for p in persons if p in {q.group(0) for q in person.finditer(who)}]
            if named:
                return m.group(0).strip(), prohibition
    return None


# ----- must for may: a duty claimed where the article leaves the act to the court's or a party's discretion -------
_DUTY = ("应当", "必须", "应予", "仍应当", "仍应", "须", "应")
_DISCRETION = ("可以", "有权", "仍然可以", "仍可", "亦可", "也可", "均可", "方可", "才可", "得以", "能够")
# an act named as its decision (作出不起诉决定, 作出准许的裁定) is the act (不起诉, 准许)
_DECISION_WRAP = re.compile(r"^作出(?P<act>[\u4e00-\u9fff]{2,6}?)(?:的)?(?:决定|裁定)$|^作出(?P<act2>[\u4e00-\u9fff]{2,6}?)(?:的)?(?:决定|裁定)")


_PARTY_REMEDY = re.compile(r"(?<!不)(?:提起|起诉|申请|提出|请求|主张)")


def _act(predicate: str) -> str:
    m = _DECISION_WRAP.match(predicate)
    return (m.group("act") or m.group("act2")) if m else predicate


_MODALS_LONGEST_FIRST = tuple(sorted(_DUTY + _DISCRETION, key=len, reverse=True))


def _strength(surface: str) -> str | None:
    word = next((w for w in _MODALS_LONGEST_FIRST if surface.startswith(w)), None)
    return None if word is None else ("duty" if word in _DUTY else "discretion")


@lru_cache(maxsize=8192)
def _duty_clauses(article_text: str) -> tuple[tuple[str, str], ...]:
    """(clause after its duty word, its condition) for every clause of an article that imposes a duty."""
    out = []
    for seg, is_cond, condition in clause_segments(denominalize(article_text)):
        m = None if is_cond else re.search(r"应当|必须|应予", seg)
        if m:
            out.append((seg[m.end():], condition))
    return tuple(out)


def strength_conflict(claim_text: str, article_texts: list[str]) -> tuple[str, str] | None:
    """(the claim's statement, the article's) when the claim says must (应当不起诉) where the article says may for the
    same act (可以依法不起诉): every statement of the act in the cited articles is a discretion, or the article says
    must in one case and may in another and the claim's condition is the discretionary case (提供担保的 → 可以解除)."""
    mine = [(pred, surface, condition) for pol, pred, surface, condition in conditioned_predications(claim_text)
            if pol == 1 and _strength(surface) == "duty"]
    if not mine:
        return None
    theirs = [(_strength(s), q, s, c) for t in article_texts for p, q, s, c in _article_predications(t) if p == 1]
    # a duty whose act stands after words the predicate stops at (应当在本规定第六条通知…的范围内及时…解除限制消费令)
    # is read from its whole clause
    duty_clauses = [dc for t in article_texts for dc in _duty_clauses(t)]
    for pred, surface, condition in mine:
        at = claim_text.find(surface)
        clause = re.split(r"[，。；;,\n]", claim_text[at:])[0] if at >= 0 else surface
        if _PARTY_REMEDY.search(clause):
            continue  # for a party's remedy 'must' names the way to it (不服的，应当提起诉讼 for 可以提起诉讼)
        act = _act(pred)
        same = [(k, s, c) for k, q, s, c in theirs if k is not None and _same_predicate(act, _act(q))]
        if not same:
            continue
        duties = [(s, c) for k, s, c in same if k == "duty"]
        duties += [(after.strip(), c) for after, c in duty_clauses if act[:4] in after]
        # a party's option (申请执行人可以申请恢复执行) is no discretion of the court that must act on it
        discretions = [(s, c) for k, s, c in same if k == "discretion" and not _PARTY_REMEDY.search(s)]
        if not discretions:
            continue
        if not duties:
            return surface, discretions[0][0]
        if condition:
            best_may = max((condition_fit(condition, c), s) for s, c in discretions)
            best_must = max(condition_fit(condition, c) for _, c in duties)
            if best_may[0] >= 0.5 and best_may[0] >= best_must + 0.15:
                return surface, best_may[1]
    return None


# ----- terms of one kind swapped: 由执行员签发 for 由院长签发 (corpus/guard/contrasts.yaml) ------------------------------
_NEGATED_BEFORE = re.compile(r"(?:不|非|并非|而非|不是|无需|无须|不必|不得|不能)[由经向对以将]?$")
# a term whose own power is denied right after it (执行员无权签发, 执行员不能自行签发) is not claimed to act
_DENIED_AFTER = re.compile(r"^(?:也|均|都|则|并|自己|本身)?(?:无权|不得|不能|不可以|不可|无须|无需|不是)")


def _terms_in(text: str, terms: tuple[str, ...], negation: bool) -> list[str]:
    """Terms of one set in the text, longest first where they overlap; with ``negation``, none right after 不/非 nor
    right before a denial of its power (执行员无权…)."""
    found = []
    for i, end, t in _term_spans(text, terms):
        if negation and (_NEGATED_BEFORE.search(text[max(0, i - 4):i]) or _DENIED_AFTER.match(text[end:end + 6])):
            continue
        if t not in found:
            found.append(t)
    return found


def _english_terms(text: str, pairs: tuple[tuple[str, str], ...]) -> list[str]:
    """The terms an English claim names by their English words (longest first, not after 'not'/'rather than')."""
    low = text.lower()
    taken = [False] * len(low)
    found = []
    for words, term in sorted(pairs, key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"(?<![a-z]){re.escape(words)}(?![a-z])", low):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            if re.search(r"\b(?:not|never|rather than|instead of|than)\s+(?:by\s+|the\s+|a\s+|an\s+)*$", low[:m.start()]):
                continue
            if term not in found:
                found.append(term)
    return found


def contrast_conflict(claim_text: str, article_texts: list[str], contrasts) -> tuple[str, str] | None:
    """(the claim's term, the article's term of the same set) when the claim uses a term the cited articles never use
    while they use another of its set: 搜查令可以由执行员签发 against 由院长签发搜查令."""
    if not contrasts:
        return None
    chinese = bool(re.search(r"[\u4e00-\u9fff]", claim_text))
    article = "\n".join(article_texts)
    for cs in contrasts:
        if cs.aligned:
            continue  # read in a slot only: aligned_swap
        mine = _terms_in(claim_text, cs.terms, negation=True) if chinese else _english_terms(claim_text, cs.en)
        if not mine:
            continue
        theirs = _terms_in(article, cs.terms, negation=False)
        if not theirs:
            continue
        extra = [t for t in mine if not any(cs.equivalent(t, a) for a in theirs)
                 and not _coordinated(t, article, cs.terms)]
        if extra:
            return extra[0], theirs[0]
    return None


_COORDINATOR = r"(?:和|与|及|以及|或者|或|、)"


def _coordinated(term: str, text: str, terms: tuple[str, ...]) -> bool:
    """The text names the term in a coordination of what comes before a head it shares with another term of the set:
    中止和终结执行 names 中止执行 as well as 终结执行."""
    for other in terms:
        shared = len(os.path.commonprefix([term[::-1], other[::-1]]))  # the head both end in (执行)
        if other == term or not 0 < shared < len(term):
            continue
        head = term[-shared:]
        if re.search(re.escape(term[:-shared]) + _COORDINATOR + r"[\u4e00-\u9fff、]{0,8}?" + re.escape(head), text):
            return True
    return False


_NON_CJK = re.compile(r"[^\u4e00-\u9fff]")


def _term_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, term) of the terms of a set in the text, longest first where they overlap."""
    taken = [False] * len(text)
    out = []
    for t in terms:  # longest first
        start = 0
        while (i := text.find(t, start)) >= 0:
            start = i + 1
            if not any(taken[i:i + len(t)]):
                taken[i:i + len(t)] = [True] * len(t)
                out.append((i, i + len(t), t))
    return out


@lru_cache(maxsize=4096)
def _article_sentences(article_text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    units = (_NON_CJK.sub("", u) for u in re.split(r"[。；;\n]", article_text))
    return tuple((u, bigrams(u) - STOP_GRAMS) for u in units if len(u) >= 4)


_REMEDY_AFTER = re.compile(r"(?:[\u4e00-\u9fff]{0,16}?(?:向|在|于))?[\u4e00-\u9fff]{0,12}?(?:提起|起诉|申请|提出|请求)")


def aligned_swap(claim_text: str, article_texts: list[str], contrasts) -> tuple[str, str] | None:
    """(the claim's term, the article's term) when a clause of the claim repeats a sentence of the article word for
    word around one slot and fills it with another term of an aligned set (以被执行人为被告 against
    以申请执行人为被告; 法院应当裁定终结执行 against 人民法院可以裁定…终结执行), a term the article never uses there."""
    sets = [cs for cs in contrasts if cs.aligned]
    if not sets or not re.search(r"[\u4e00-\u9fff]", claim_text):
        return None
    import difflib

    units = [u for t in article_texts for u in _article_sentences(t)]
    for seg, _, _ in clause_segments(denominalize(claim_text)):
        clause = _NON_CJK.sub("", seg)
        grams = bigrams(clause) - STOP_GRAMS
        if len(clause) < 5 or len(grams) < 3:
            continue
        unit, shared = max(((u, len(grams & g)) for u, g in units), key=lambda x: x[1], default=("", 0))
        if shared < max(3, 0.5 * len(grams)):
            continue
        ops = difflib.SequenceMatcher(None, clause, unit, autojunk=False).get_opcodes()
        if sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal") < 0.6 * len(clause):
            continue
        for k, (tag, i1, i2, j1, j2) in enumerate(ops):
            if tag != "replace" or not 0 < k < len(ops) - 1:
                continue
            left, right = ops[k - 1], ops[k + 1]
            if left[0] != "equal" or right[0] != "equal" or (left[2] - left[1]) + (right[2] - right[1]) < 4:
                continue  # the slot must stand between words both say
            for cs in sets:
                if cs.weaker and _REMEDY_AFTER.match(unit, j2):
                    continue  # 不服的，应当/可以提起诉讼: for a party's remedy 'must' names the way to it, not a duty
                mine = [t for a, b, t in _term_spans(clause, cs.terms) if a < i2 and b > i1]
                theirs = [t for a, b, t in _term_spans(unit, cs.terms) if a < j2 and b > j1]
                for t in mine:
                    if theirs and t not in unit and not any(cs.compatible(t, x) for x in theirs):
                        return t, theirs[0]
    return None


# ----- where a statement does belong: another 款 of the article, another provision -------------------------
def paragraph_scores(claim_text: str, claim_topics_: tuple[str, ...], facts: ArticleFacts) -> list[float]:
    """How well the claim fits each paragraph (款) of the article: shared bigrams, plus shared topics."""
    grams = claim_grams(claim_text) - STOP_GRAMS
    out = []
    for pg, pt in zip(facts.para_grams, facts.para_topics):
        if len(grams) >= 5:  # Chinese: the words themselves
            score = len(grams & pg) / len(grams)
        else:  # English or a very short claim: the topics it names
            score = sum(1 for t in claim_topics_ if t in pt) / len(claim_topics_) if claim_topics_ else 0.0
        out.append(score)
    return out


def paragraph_elsewhere(claim_text: str, claim_topics_: tuple[str, ...], facts: ArticleFacts, cited: int) -> int | None:
    """The 款 that says what the claim attributes to 款 ``cited``, when the cited one clearly does not."""
    if len(facts.para_grams) < 2 or not 1 <= cited <= len(facts.para_grams):
        return None
    scores = paragraph_scores(claim_text, claim_topics_, facts)
    own = scores[cited - 1]
    best = max(range(len(scores)), key=lambda k: scores[k])
    if best + 1 != cited and scores[best] >= 0.6 and own <= 0.5 and scores[best] - own >= 0.3:
        if _speaks_through_reference(claim_text, claim_topics_, facts, best, cited):
            return None
        return best + 1
    return None


def item_elsewhere(claim_text: str, items: list[str], cited: int) -> int | None:
    """The 项 that says what the claim attributes to 项 ``cited`` (1-based), when the cited one clearly does not: the
    claim's words, less those every item shares (the list's head the claim repeats), are another item's."""
    if len(items) < 2 or not 1 <= cited <= len(items):
        return None
    grams = claim_grams(claim_text) - STOP_GRAMS
    item_grams = [bigrams(t) - STOP_GRAMS for t in items]
    common = frozenset.intersection(*item_grams)
    grams -= common
    if len(grams) < 5:
        return None  # English, or too short to tell one item from another by its words
    scores = [len(grams & g) / len(grams) for g in item_grams]
    own = scores[cited - 1]
    best = max(range(len(scores)), key=lambda k: scores[k])
    if best + 1 != cited and scores[best] >= 0.5 and own <= 0.3 and scores[best] - own >= 0.3:
        return best + 1
    return None


def _speaks_through_reference(claim_text: str, claim_topics_: tuple[str, ...], facts: ArticleFacts, best: int,
                              cited: int) -> bool:
    """Paragraph ``best`` (0-based) applies the cited one (符合本条第一款规定的, 按前款规定处理) and what the claim
    shares with it beyond the cited paragraph lies in those referring sentences: the claim states the cited rule in
    the words of the paragraph that applies it (承租人的请求 for 第一款's 案外人 who leases), not another rule."""
    referring = [s for s in re.split(r"[。；;：:\n]", facts.para_texts[best] if facts.para_texts else "")
                 if cited in paragraphs_referred_to(normalize_for_match(s), best + 1)]
    if not referring:
        return False
    grams = claim_grams(claim_text) - STOP_GRAMS
    if len(grams) >= 5:  # the same reading as paragraph_scores: words for Chinese, topics otherwise
        extra = (grams & facts.para_grams[best]) - facts.para_grams[cited - 1]
        return extra <= bigrams("。".join(referring))
    extra = {t for t in claim_topics_ if t in facts.para_topics[best] and t not in facts.para_topics[cited - 1]}
    return extra <= evidence_topics("。".join(referring))


# 本条第一款, 第二款 (of this article: not preceded by another article's 条), 前款, 前两款, in normalized text
_PARA_REF = re.compile(r"本条第(\d+)款|(?<![条0-9])第(\d+)款|前(\d*)款")


def paragraphs_referred_to(para_norm: str, own: int) -> set[int]:
    """The other paragraphs of the same article that paragraph ``own`` refers back to (text normalized).

    >>> sorted(paragraphs_referred_to(normalize_for_match("承租人符合本条第一款规定的，按前两款处理"), 4))
    [1, 2, 3]
    >>> paragraphs_referred_to(normalize_for_match("依照民事诉讼法第二百三十八条第一款"), 2)
    set()
    """
    out: set[int] = set()
    for m in _PARA_REF.finditer(para_norm):
        if m.group(1) or m.group(2):
            out.add(int(m.group(1) or m.group(2)))
        else:
            out.update(range(max(1, own - int(m.group(3) or 1)), own))
    return out - {own}


class ProvisionFinder:
    """Which provision in force says a statement: an inverted index of the bigrams of every current article."""

    def __init__(self, registry: LawRegistry):
        self.keys: list[tuple[str, int, int]] = []
        self.sizes: list[int] = []
        self.index: dict[str, list[int]] = {}
        for v, art in registry.all_current_articles():
            k = len(self.keys)
            self.keys.append((v.law_id, art.number, art.suffix))
            grams = bigrams(art.text) - STOP_GRAMS
            self.sizes.append(len(grams))
            for g in grams:
                self.index.setdefault(g, []).append(k)
        # rare words say more about which provision is meant than common ones (纠正 more than 名单)
        total = max(1, len(self.keys))
        self.idf: dict[str, float] = {g: math.log((total + 1) / (len(ks) + 0.5)) for g, ks in self.index.items()}
        self.unseen_idf = math.log((total + 1) / 0.5)
        self._best: dict[tuple, tuple[str, int, float] | None] = {}

    def shares(self, grams: frozenset[str], law: str | None = None) -> dict[tuple[str, int], float]:
        """(law id, article) → rarity-weighted share of ``grams`` each current article holds (those holding any)."""
        grams = grams - STOP_GRAMS
        total = sum(self.idf.get(g, self.unseen_idf) for g in grams)
        if not total:
            return {}
        counts: dict[int, float] = {}
        for g in grams:
            w = self.idf.get(g, 0.0)
            for k in self.index.get(g, ()):
                counts[k] = counts.get(k, 0.0) + w
        out = {}
        for k, n in counts.items():
            law_id, number, suffix = self.keys[k]
            if not suffix and (law is None or law_id == law):
                out[(law_id, number)] = n / total
        return out

    def weighted_containment(self, grams: frozenset[str], facts: ArticleFacts) -> float:
        """Share of the claim's informative bigrams the article holds, each weighted by its rarity."""
        grams = grams - STOP_GRAMS
        total = sum(self.idf.get(g, self.unseen_idf) for g in grams)
        return sum(self.idf.get(g, self.unseen_idf) for g in grams & facts.grams) / total if total else 0.0

    def best(self, claim_text: str, exclude: set[tuple[str, int]], minimum: float = 0.6,
             law: str | None = None) -> tuple[str, int, float] | None:
        """(law id, article, share of the claim's bigrams it holds) of the provision holding most of the claim
        (of one law when ``law`` is given); memoized, answers repeat the same sentences."""
        key = (claim_text, frozenset(exclude), minimum, law)
        if key not in self._best:
            if len(self._best) > 20_000:
                self._best.clear()
            self._best[key] = self._best_uncached(claim_text, exclude, minimum, law)
        return self._best[key]

    def _best_uncached(self, claim_text: str, exclude: set[tuple[str, int]], minimum: float,
                       law: str | None) -> tuple[str, int, float] | None:
        grams = claim_grams(claim_text) - STOP_GRAMS
        if len(grams) < 6:
            return None
        counts: dict[int, float] = {}
        for g in grams:
            w = self.idf.get(g, self.unseen_idf)
            for k in self.index.get(g, ()):
                counts[k] = counts.get(k, 0.0) + w
        total = sum(self.idf.get(g, self.unseen_idf) for g in grams)
        if law:
            counts = {k: n for k, n in counts.items() if self.keys[k][0] == law}
        need = minimum * total  # nothing below the minimum can be the answer: skip ranking it
        ranked = heapq.nlargest(5, ((k, n) for k, n in counts.items() if n >= need),
                                key=lambda kv: (kv[1], -self.sizes[kv[0]]))
        for k, n in ranked:
            law_id, number, suffix = self.keys[k]
            if (law_id, number) in exclude or suffix or (law and law_id != law):
                continue
            share = n / total
            return (law_id, number, share) if share >= minimum else None
        return None


_FINDERS: dict[int, tuple[LawRegistry, ProvisionFinder]] = {}


def provision_finder(registry: LawRegistry) -> ProvisionFinder:
    hit = _FINDERS.get(id(registry))
    if hit is None or hit[0] is not registry:
        hit = (registry, ProvisionFinder(registry))
        _FINDERS[id(registry)] = hit
    return hit[1]
