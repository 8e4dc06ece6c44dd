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
from assistant.corpus.wording import load_proviso_words
from assistant.guard.claims import (article_numbers, claim_grams, claim_numbers, contradicts, facts_cache,
                                    number_binding_conflict)
from assistant.guard.tokenize import bigrams
from assistant.text.clauses import complete_clause

Truth = Literal["true", "false", "partly"]

# A statement question is a statement and a request to judge it, in any order of words before. The request is a
# closed class of tails ('对吗', '靠谱吗', '现在还适用吗', 'is that true?'); the statement is what a speech or belief
# marker introduces ('执行员说', '我听说', '我理解的是', 'my lawyer says'), else the sentence before the tail. Both
# classes are word lists of the language, not phrasings of particular questions.
_ZH_TAIL = re.compile(
    r"(?:[，,。；;\s]*(?:请问|请帮我判断一下|帮我看看)?[，,\s]*"
    r"(?:这|这个|这种|这样|这句|这句话|这条|这一条|这个条号和说法|这个条号|他的|她的|他们的|对方的|其|执行员的|法官的|律师的|"
    r"这话|这个说法|这种说法|这个观点|这种理解|我的理解|我这样理解|[他她]说的|[他她]讲的|说的|讲的|(?:[他她]|对方|执行员|法官|律师)?说得)?"
    r"(?:说法|观点|理解|规定|条号)?[，,\s]*(?:真的|果真|确实)?"
    r"(?:对吗|对么|对不对|对不|对吧|是对的吗|是真的吗|真的吗|是不是真的|是不是这样|是这样吗|是这样的吗|是吗|正确吗|是否正确|对不对啊|"
    r"准确吗|有道理吗|有依据吗|有法律依据吗|靠谱吗|成立吗|站得住吗|站得住脚吗|可信吗|没错吧|没错吗|属实吗|"
    r"现在还适用吗|还适用吗|还有效吗|现在还有效吗|还能这么理解吗|现在还能这么理解吗|现在还是这样吗|还是这样吗|"
    r"我要不要相信|要不要相信|能信吗|可以相信吗|说得对吗|说的对吗|讲得对吗|是不是|是否属实|有没有依据|有没有道理|"
    r"(?<=[\u4e00-\u9fff])吧)"
    r"[呢啊呀吧]?[？?。！!…\s]*)$")
_ZH_MARKER = re.compile(
    r"(?:说|讲|称|认为|表示|主张|声称|告诉我|坚持|一口咬定|解释说|回复说|答复说|听说|据说|网上说|看到|查到|读到|"
    r"理解的?是|理解为|觉得|以为|印象中|记得|咬定|提醒我|强调|断言)(?:的是|说|道)?[：:，,\s“\"「]*")
_EN_TAIL = re.compile(
    r"(?:[\s,.;:—–-]*(?:(?:is|was) (?:that|this|it|he|she|they|this statement|that statement|that claim|that rule) "
    r"(?:true|right|correct|accurate|so|the law|still the law|still the rule|still good law|valid)|"
    r"(?:true|right|correct|accurate|false)|am i right|is he right|is she right|are they right|does (?:that|this|it) hold(?: up)?|"
    r"(?:has|did) (?:that|this|the rule) change(?:d)?|can i rely on (?:that|this|it)|should i believe (?:him|her|them|it)|"
    r"(?:is|was) (?:he|she|they) correct|does the law say so|is that how it works)\s*\?+\s*)$", re.I)
_EN_MARKER = re.compile(
    r"\b(?:says|said|told me|tells me|claims|claimed|insists|insisted|argues|argued|thinks|believes|heard|read|"
    r"understand|understood|was told|maintains|assured me|warned me)\b(?: that)?[:,]?\s*", re.I)
_EN_IS_IT = re.compile(r"^(?:is it (?:true|correct|right|accurate)|is it the case|is it still the case|"
                       r"is it still true|do i understand correctly|am i right) that (?P<claim>.{4,600}?)\s*\??\s*$",
                       re.I | re.S)
# the tails that ask whether something still stands, said with nothing pointing at a statement
_BARE_STANDING = re.compile(r"[\s，,]*(?:现在)?还?(?:有效|适用|成立)吗[呢啊呀吧]?[？?。！!…\s]*$")
# a 'statement' that is itself a question asks, it does not assert ('申请执行期间是多久？对吗？')
_ASKING = re.compile(r"(?:吗|呢|么|是否|能否|可否|能不能|可不可以|怎么|如何|什么|哪|多久|多长|多少|几[天日月年个])[^，,。]{0,6}[？?]?$")


@dataclass(frozen=True)
class Statement:
    claim: str
    who: str
    # the judging question stands in a sentence of its own ('X. Which is right?'): whether it judges the sentence
    # before or asks something else ('Which court is right?') is the learned detector's to say, not the grammar's
    asked_apart: bool = False


def _last_marked(head: str, marker: re.Pattern) -> tuple[str, str] | None:
    """(speaker, statement) after the last speech or belief marker that leaves a statement of some length."""
    for m in reversed(list(marker.finditer(head))):
        claim = head[m.end():]
        if len(claim.strip(" ，,。:：“”\"'「」")) >= 6:
            speaker = re.split(r"[，,。？?；;！!\n]|\.\s", head[:m.start()])[-1]
            return speaker.strip()[-24:], claim
    return None


def _english_question_start(text: str, tail_start: int) -> int:
    """Where the English judging question begins: a tail ('correct?', 'true?', 'right?') asks about the sentence
    before when the few words that open its own sentence carry no rule ('Is this still correct?', 'Still true?',
    'Who is right?', 'True or false?'); otherwise the tail closes the statement's own sentence ('…, right?')."""
    opening = re.split(r"(?<=[.!?:;—–])\s+", text[:tail_start])[-1]
    if len(opening.split()) <= 4 and not RULE_WORDS.search(opening) and not _EN_MARKER.search(opening):
        return tail_start - len(opening)
    return tail_start


def _as_statement(question_sentence: str) -> str:
    """A yes/no question put as the statement it asks about ('法院可以据此裁定中止执行吗' → '法院可以据此裁定中止执行')."""
    return re.sub(r"(?:吗|么|呢)?[？?]\s*$", "", question_sentence.strip())


def statement_of(question: str) -> Statement | None:
    """The statement a question asks to have judged, or None when it asks something else."""
    q = question.strip()
    m = _EN_IS_IT.match(q)
    if m:
        return Statement(m.group("claim").strip(" ,.;:"), "")
    tail = _ZH_TAIL.search(q) or _EN_TAIL.search(q)
    if tail is None or tail.start() == 0:
        return None
    english = tail.re is _EN_TAIL
    question_start = _english_question_start(q, tail.start()) if english else tail.start()
    head = q[:question_start].rstrip(" ，,。；;：:—–-\n")
    if not head:
        return None
    found = _last_marked(head, _EN_MARKER if english else _ZH_MARKER)
    if found is None and not english and _BARE_STANDING.match(tail.group(0)):
        # '我的租赁合同还有效吗？' asks whether a thing (a lease, a seizure) still stands, not whether a statement
        # is right: only a statement someone made, or one pointed at ('这个说法还适用吗'), is judged so
        return None
    who, claim = found if found else ("", "")
    if not claim:
        # no marker: the statement is the last sentence before the tail (a bare assertion)
        sentences = [x for x in re.split(r"(?<=[。！!？?])\s*|(?<=\.)(?<!\bno\.)(?<!\bNo\.)(?<!\bart\.)(?<!\bArt\.)\s+",
                                         head) if x.strip()]
        claim = sentences[-1] if sentences else head
    claim = claim.strip(" ，,。.:：“”\"'「」")
    pieces = re.split(r"(?<=[。！!])", claim)
    if len(pieces) > 1 and len(pieces[-1].strip()) < 8:
        claim = "".join(pieces[:-1]).strip(" ，,。")  # '…过户。执行员（说的对吗）': the speaker left after the statement
    if len(claim) < 6 and not english:
        # '…裁定中止执行吗？我觉得可以，对不对？': the statement is the question before, answered as the user believes
        sentences = [x for x in re.split(r"(?<=[。！!？?])", head) if x.strip()]
        before = [x for x in sentences[:-1] if x.strip().endswith(("？", "?"))]
        if before and not re.search(r"不|没|未", claim):  # a belief that it cannot is not read (yet)
            claim = _as_statement(before[-1])
    if len(claim) < 4 or _ASKING.search(claim) or (english and claim.endswith("?")):
        return None  # 'What about the deadline? Who is right?' asks twice and asserts nothing
    return Statement(claim, who, asked_apart=question_start < tail.start())


# a quoted stretch long enough to be a claim; what makes a reported sentence a rule rather than a fact: a modal, a
# period, an article number, a legal effect (both read by the statement detector too)
QUOTED_CLAIM = re.compile(r"[“\"「『]([^”\"」』]{8,})[”\"」』]")
RULE_WORDS = re.compile(r"可以|不得|不能|应当|必须|只能|无需|不用|不予|有权|无权|一律|就是|属于|无效|有效|期限|期间|\d+\s*[日天个月年]|"
                         r"[一二三六十]+[日天个年]|第[零〇一二三四五六七八九十百千0-9]+条|"
                         r"\b(?:can(?:not)?|may|must|shall|only|never|always|deadline|within|article)\b", re.I)

_CLAUSE_END = re.compile(r"[。！!？?\n]|(?<=[a-z0-9)])\.(?:\s|$)", re.I)
_TRAILING = re.compile(r"(?:吗|么|呢|吧)?[？?。！!.\s]*(?:[（(][^）)]{1,12}[）)])?[？?。！!.\s]*$")


def claim_in(question: str) -> Statement | None:
    """The claim in a message already known to put one forward (the statement detector said so) when the frame
    grammar finds no frame: a quoted rule, else what the last speech or belief marker introduces up to the end of
    its sentence, else the text after a colon, else the message's longest sentence, each put as a statement."""
    found = statement_of(question)
    if found is not None:
        return found
    q = question.strip()
    quotes = [m for m in QUOTED_CLAIM.finditer(q) if RULE_WORDS.search(m.group(1))]
    if quotes:
        m = max(quotes, key=lambda m: len(m.group(1)))
        speaker = re.split(r"[，,。？?；;！!\n]", q[:m.start()])[-1]
        return Statement(m.group(1).strip(" ，,。"), speaker.strip(" ：:")[-24:])
    english = not re.search(r"[\u4e00-\u9fff]", q)
    for m in reversed(list((_EN_MARKER if english else _ZH_MARKER).finditer(q))):
        said = _CLAUSE_END.split(q[m.end():], 1)[0].strip(" ，,：:“”\"'")
        if "：" in said[:8]:
            said = said.split("：", 1)[1]  # '我理解是这样的：…'
        if len(said) >= 8 and RULE_WORDS.search(said):
            speaker = re.split(r"[，,。？?；;！!\n]", q[:m.start()])[-1]
            return Statement(_TRAILING.sub("", said), speaker.strip()[-24:])
    colon = max(q.rfind("："), q.rfind(": "))
    if colon >= 0:
        said = _CLAUSE_END.split(q[colon + 1:], 1)[0].strip()
        if len(said) >= 8 and RULE_WORDS.search(said):
            return Statement(_TRAILING.sub("", said), "")
    sentences = [x.strip() for x in re.split(r"(?<=[。！!？?])|(?<=\.)\s+", q) if len(x.strip()) >= 8]
    ruled = [x for x in sentences if RULE_WORDS.search(x)]
    if ruled:
        return Statement(_TRAILING.sub("", max(ruled, key=len)), "")
    return None


def find_statement(question: str, detector=None) -> Statement | None:
    """The statement a message asks to have judged: one the frame grammar finds, else, when the learned detector
    is sure the message puts one forward in a frame the grammar does not know, the claim claim_in finds."""
    framed = statement_of(question)
    if detector is None or (framed is not None and not framed.asked_apart):
        return framed
    return (framed or claim_in(question)) if detector.is_statement(question) else None


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
    # the rule is judged with its proviso: '……可以……，但……的除外' is not '……可以……'
    return complete_clause(text, best, load_proviso_words()) if best else best, score


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
