"""Stance on a user's statement: "执行员说…，对吗？" / "Is it true that…?" is answered yes, no or partly.

The statement is read out of the question's *frame* (someone says X + is that right), which is how people ask
this in any wording; then the statement is checked like a claim in an answer: against the provisions the
retrieval and the reranker found, with the guard's claim checks (polarity of 可以/不得/应当/不予, numbers and
periods bound to their acts) and the guard's verdicts on any provision the statement itself cites (an old
number, a repealed law, a draft). A statement no provision speaks to gets no stance: the answer says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.corpus.registry import LawRegistry
from assistant.guard.claims import (article_numbers, claim_grams, claim_numbers, contradicts, facts_cache,
                                    number_binding_conflict)
from assistant.guard.tokenize import bigrams

Truth = Literal["true", "false", "partly"]

# who says it, the statement, and the request to judge it
_ZH_FRAME = re.compile(
    r"^(?:请问|我想问一下|问一下|想请教)?[，,\s]*(?P<who>[^，,。？?]{0,24}?)"
    r"(?:跟我|和我|对我|告诉我|同我)?(?:说|讲|称|认为|表示|主张|声称|告诉我|坚持|解释说|回复说|答复说)(?:的是)?[：:，,\s“\"]*"
    r"(?P<claim>.{4,400}?)[”\"]?[，,。\s]*(?:这|这个|这种|这样|他的|她的|他们的|这话|这个说法|这种说法|这个观点|其说法)?(?:说法|观点)?"
    r"(?:对吗|对不对|是真的吗|是不是真的|是不是这样|正确吗|是否正确|对不|准确吗|有道理吗|有依据吗|是吗|靠谱吗|成立吗|可信吗|没错吧|属实吗)"
    r"[？?。！!]*\s*$", re.S)
_ZH_HEARD = re.compile(r"^(?:听说|据说|网上说|有人说|我看到说|我听人说)[，,：:\s]*(?P<claim>.{4,400}?)[，,。\s]*"
                       r"(?:对吗|对不对|是真的吗|是不是真的|正确吗|是否正确|是吗|靠谱吗|属实吗)[？?。！!]*\s*$", re.S)
_EN_FRAMES = (
    re.compile(r"^(?:is it (?:true|correct|right|accurate)|is it the case) that (?P<claim>.{4,400}?)\s*\??\s*$", re.I | re.S),
    re.compile(r"^(?P<who>.{0,60}?)\b(?:says|said|told me|tells me|claims|claimed|insists|argues|thinks)\b(?: that)?[:,]?\s*"
               r"(?P<claim>.{4,400}?)[\s,.;—–-]*(?:is (?:that|this|he|she|it|they) (?:true|right|correct|accurate)|"
               r"(?:true|right|correct)\s*\?|am i right)\s*\??\s*$", re.I | re.S),
)


@dataclass(frozen=True)
class Statement:
    claim: str
    who: str


def statement_of(question: str) -> Statement | None:
    """The statement a question asks to have judged, or None when it asks something else."""
    q = question.strip()
    for pattern in (_ZH_HEARD, _ZH_FRAME, *_EN_FRAMES):
        m = pattern.match(q)
        if m:
            claim = m.group("claim").strip(" ，,。:：“”\"")
            who = (m.groupdict().get("who") or "").strip()
            if len(claim) >= 4:
                return Statement(claim, who)
    return None


# An English statement is checked in the statutes' words: its terms through the glossary, its modal verbs and
# numbers as the Chinese texts write them.
_EN_MODALS = ((re.compile(r"\b(cannot|can't|can not|may not|must not|shall not|is not allowed to|is barred from|"
                          r"no longer|not able to)\b", re.I), "不得"),
              (re.compile(r"\b(does not need to|need not|doesn't need to|is not required to|don't have to|"
                          r"does not have to)\b", re.I), "无需"),
              (re.compile(r"\b(must|shall|has to|have to|is required to)\b", re.I), "应当"),
              (re.compile(r"\b(can|may|is allowed to|is entitled to|is free to)\b", re.I), "可以"))


def claim_for_check(claim: str, lang: str) -> str:
    if lang != "en":
        return claim
    from assistant.text.glossary import expand_english

    modal = next((zh for pattern, zh in _EN_MODALS if pattern.search(claim)), "")
    return f"{claim} {modal}{expand_english(claim)}"


@dataclass(frozen=True)
class Judgement:
    truth: Truth | None  # None: no provision speaks to it closely enough
    law_id: str | None = None
    article: int | None = None
    sentence: str = ""  # the sentence of the provision that decides
    reason: str = ""  # which check decided: polarity, number, supported, cited-old, cited-repealed …
    fit: float = 0.0


_SENTENCE = re.compile(r"[^。；\n]+[。；]?")
MIN_FIT = 0.34  # share of the statement's word pairs the deciding sentence must hold to judge it at all
SUPPORT_FIT = 0.5  # …and to call the statement true (with a modal or a period that agrees)

# What a sentence says one may, must, must not or need not do. Negated forms are read first ('不能' holds '能').
_PROHIBIT = re.compile(r"不得|不能|不可以|不可|禁止|不予|不应当|不应|无权|不准|不允许|不再|cannot|can't|may not|must not|shall not|not allowed|barred")
_EXEMPT = re.compile(r"无需|无须|不必|不需要|不用|不须|need not|not required|does not need|doesn't need|don't have to")
_OBLIGE = re.compile(r"必须|应当|应该|应予|须|一定要|只能|must|shall|has to|have to|required to")
_PERMIT = re.compile(r"可以|有权|能够|(?<![可功])能(?!力)|\bmay\b|\bcan\b|entitled|allowed")
_CONFLICTS = {("prohibit", "permit"), ("prohibit", "oblige"), ("permit", "prohibit"), ("oblige", "prohibit"),
              ("oblige", "permit"), ("exempt", "oblige"), ("oblige", "exempt")}


def modal_class(text: str) -> str | None:
    if _PROHIBIT.search(text):
        return "prohibit"
    if _EXEMPT.search(text):
        return "exempt"
    rest = _PROHIBIT.sub("", _EXEMPT.sub("", text))
    if _OBLIGE.search(rest):
        return "oblige"
    if _PERMIT.search(rest):
        return "permit"
    return None


_EN_DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|thirty|sixty)\s+"
                          r"(day|month|year)s?\b", re.I)
_EN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
             "fifteen": 15, "thirty": 30, "sixty": 60}
_DAYS = {"y": 365, "m": 30, "d": 1, "wd": 1}


def durations(text: str) -> set[int]:
    """Periods a text states, in days (一年 and 十二个月 are the same period; two years is not six months)."""
    out = set()
    for _, canon in claim_numbers(text):
        m = re.fullmatch(r"([0-9.]+)(y|m|d|wd)", canon)
        if m:
            out.add(round(float(m.group(1)) * _DAYS[m.group(2)]))
    for value, unit in _EN_DURATION.findall(text):
        n = int(value) if value.isdigit() else _EN_WORDS[value.lower()]
        out.add(n * {"day": 1, "month": 30, "year": 365}[unit.lower()])
    return out


def _sentence_durations(text: str) -> set[int]:
    out = set()
    for canon in article_numbers(text):
        m = re.fullmatch(r"([0-9.]+)(y|m|d|wd)", canon)
        if m:
            out.add(round(float(m.group(1)) * _DAYS[m.group(2)]))
    return out


_CONDITION = re.compile(r"^(?P<c>[^，,]{2,40}?)(?:(?:之后|以后|后)[，,]?|(?:的|时|期间)[，,])(?=.{2,})|^(?:if|after|once|when|where)\s+(?P<e>[^,]{3,80}),", re.I)


_CITING = re.compile(r"^(?:根据|依据|依照|按照|按|依|under|according to|pursuant to)\s*[，,]?\s*", re.I)


def without_citations(claim: str, spans: list[tuple[int, int]]) -> str:
    """The statement with the provisions it cites cut out: what it says, not where it says it is from."""
    out, pos = [], 0
    for start, end in sorted(spans):
        out.append(claim[pos:start])
        pos = max(pos, end)
    out.append(claim[pos:])
    text = "".join(out)
    text = re.sub(r"(?:根据|依据|依照|按照)\s*(?:规定)?\s*[，,]", "", text)
    return _CITING.sub("", text.strip(" ，,")).strip(" ，,") or claim


def _condition(claim: str) -> str:
    """The condition a statement puts first ('申请恢复执行之后…', 'once I have applied…'), or ''."""
    m = _CONDITION.match(claim.strip())
    if not m:
        return ""
    return (m.group("c") or m.group("e") or "").strip()


def _best_sentence(claim: str, text: str) -> tuple[str, float]:
    grams = claim_grams(claim)
    if not grams:
        return "", 0.0
    best, score = "", 0.0
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    # a sentence with its neighbour: a rule and its exception (但书) often sit in two sentences
    windows = sentences + [a + b for a, b in zip(sentences, sentences[1:])]
    for s in windows:
        fit = len(grams & bigrams(s)) / len(grams)
        if fit > score + 1e-9 or (abs(fit - score) < 1e-9 and len(s) < len(best)):
            best, score = s, fit
    return best, score


def judge(claim: str, candidates: list[tuple[str, int]], registry: LawRegistry) -> Judgement:
    """Judge a statement against candidate provisions (law id, current article), best candidates first.

    False: the deciding sentence says the opposite (must/may/must not/need not), or states another period.
    True: it holds most of the statement's words and agrees on the modal or the period the statement states.
    Anything looser gets no stance."""
    facts = facts_cache(registry)
    scored = []
    for rank, (law_id, number) in enumerate(candidates):
        version = facts.current(law_id)
        art = facts.article(law_id, number, version) if version else None
        if art is None:
            continue
        sentence, fit = _best_sentence(claim, art.text)
        scored.append((fit - 0.01 * rank, fit, law_id, number, sentence, art.text))
    if not scored:
        return Judgement(None)
    scored.sort(key=lambda x: -x[0])
    _, fit, law_id, number, sentence, text = scored[0]
    if fit < MIN_FIT:
        return Judgement(None, law_id, number, sentence, "no provision speaks to it", fit)
    condition = _condition(claim)
    if condition and re.search(r"[\u4e00-\u9fff]", condition) and len(claim_grams(condition) & bigrams(sentence)) < 0.5 * len(claim_grams(condition)):
        # 'after resuming, one cannot sue' is about what follows resumption: a sentence that does not speak of
        # that condition neither confirms nor refutes it
        return Judgement(None, law_id, number, sentence, "condition not in the provision", fit)
    mine, theirs = modal_class(claim), modal_class(sentence)
    if (mine, theirs) in _CONFLICTS or contradicts(claim, sentence):
        return Judgement("false", law_id, number, sentence, "polarity", fit)
    claimed, stated = durations(claim), _sentence_durations(sentence)
    if claimed and stated and not claimed & stated:
        return Judgement("false", law_id, number, sentence, "number", fit)
    nums = claim_numbers(claim)
    if nums and number_binding_conflict(claim, nums, text):
        return Judgement("false", law_id, number, sentence, "number", fit)
    agrees = (mine is not None and mine == theirs) or bool(claimed & stated)
    if fit >= SUPPORT_FIT and agrees:
        return Judgement("true", law_id, number, sentence, "supported", fit)
    return Judgement(None, law_id, number, sentence, "too loose a match", fit)
