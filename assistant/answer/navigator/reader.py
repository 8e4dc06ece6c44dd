"""The navigator's reader: text → facts, by regex and keyword rules (no model), in Chinese and English.

``settlement_facts_from_text`` and ``reversal_facts_from_text`` give the facts records; ``read_settlement`` and
``read_reversal`` give a Reading: the same facts, each with the span of the question it was read from and a
confidence, which decisive facts are missing, and whether the facts contradict each other. ``question_focus`` says
what a settlement question asks about; ``_event_of`` which deadline event a question is about.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date

from dataclasses import dataclass, field
from typing import Any

from assistant.answer.navigator.facts import (Basis, BasisStatus, ContradictoryFactsError, Executed, Guarantee,
                                              Performance, Returnable, ReversalFacts, RevokedBy, Role,
                                              SettlementFacts, Stage, Submission, Validity, Valuation, Vitiation)
from assistant.answer.date_roles import DateRoleTagger, shipped_tagger
from assistant.answer.navigator.fact_model import FactReader, FactReading
from assistant.text.dates import FoundDate, find_dates

# how sure a reading is: said in so many words ('我是被执行人', '全部付清'), or inferred from other words (the
# debtor's role from '他没付', 'not yet due' from a date after today, money from '万元')
STATED, INFERRED = 1.0, 0.6
# the facts without which the rules cannot decide the main remedies: reported as missing when the text gives none
DECISIVE = {"settlement": ("performance",), "reversal": ("basis_status", "executed")}


@dataclass(frozen=True)
class ReadFact:
    """A fact as read: its value, the span of the question it was read from (None where the words read were
    rewritten first), the words, and how sure the reading is (STATED or INFERRED)."""

    value: Any
    span: tuple[int, int] | None
    surface: str
    confidence: float
    probability: float | None = None   # the learned reader's probability for the value, where it read the fact


@dataclass(frozen=True)
class Reading:
    """What the reader made of a question: the facts (None when they contradict each other), every fact read with
    its evidence (facts left at their default are not listed), the decisive facts the question does not give,
    and the contradiction, if any."""

    text: str
    facts: SettlementFacts | ReversalFacts | None
    read: dict[str, ReadFact]
    missing: tuple[str, ...]
    contradiction: ContradictoryFactsError | None = None

    @property
    def contradictory(self) -> bool:
        return self.contradiction is not None


@dataclass
class _Evidence:
    """Where the reader found each fact, collected while it reads (the last words read for a fact win, as the
    reading's own if/elif chains decide)."""

    text: str
    found: dict[str, tuple[tuple[int, int] | None, str, float]] = field(default_factory=dict)
    probability: dict[str, float] = field(default_factory=dict)

    def match(self, name: str, m: re.Match, searched: str, confidence: float) -> None:
        surface = m.group(0)
        if searched is self.text:
            span: tuple[int, int] | None = m.span()
        else:   # clauses joined or phrases removed first: find the words in the question itself
            at = self.text.find(surface)
            span = (at, at + len(surface)) if at >= 0 and surface else None
        self.found[name] = (span, surface, confidence)

    def record(self, name: str, start: int, end: int, confidence: float) -> None:
        self.found[name] = ((start, end), self.text[start:end], confidence)

    def learned(self, reading: FactReading) -> str:
        """A fact as the learned reader read it: stated or inferred by its probability band, from the clause that
        decided it; nothing is noted for a fact it reports missing. Returns the value read."""
        if not reading.missing:
            span = reading.span
            if span is not None and self.text[span[0]:span[1]] != reading.surface:
                at = self.text.find(reading.surface)    # read on the NFKC text: find the words in the question
                span = (at, at + len(reading.surface)) if at >= 0 and reading.surface else None
            self.found[reading.fact] = (span, reading.surface, STATED if reading.stated else INFERRED)
            self.probability[reading.fact] = round(reading.probability, 3)
        return reading.value

    def copy(self, source: str, name: str, confidence: float) -> None:
        if source in self.found:
            span, surface, _ = self.found[source]
            self.found[name] = (span, surface, confidence)

    def reading(self, facts, defaults) -> dict[str, ReadFact]:
        out = {}
        for name, (span, surface, confidence) in self.found.items():
            value = getattr(facts, name)
            if value != getattr(defaults, name):
                out[name] = ReadFact(value, span, surface, confidence, self.probability.get(name))
        return out


def _hit(ev: _Evidence, name: str, pattern: str, text: str, confidence: float = STATED) -> bool:
    """_any, noting the words matched as the evidence for the fact `name`."""
    m = re.search(pattern, text, re.I)
    if m is not None:
        ev.match(name, m, text, confidence)
    return m is not None


def _reading(kind: str, q: str, read, defaults) -> Reading:
    ev = _Evidence(q)
    try:
        facts = read(ev)
    except ContradictoryFactsError as e:
        return Reading(q, None, {}, (), e)
    found = ev.reading(facts, defaults)
    missing = tuple(n for n in DECISIVE[kind] if getattr(facts, n) == getattr(defaults, n) and n not in found)
    return Reading(q, facts, found, missing)


def read_settlement(q: str, *, today: date, dates: list[FoundDate] | None = None,
                    fact_reader: FactReader | None = None) -> Reading:
    """The settlement facts of a question with where each was read; contradictory facts are flagged, not raised.

    >>> r = read_settlement("我是被执行人，和解协议已经全部付清了", today=date(2026, 11, 23))
    >>> r.read["performance"].value, r.read["performance"].surface, r.read["role"].confidence
    (<Performance.FULLY_PERFORMED: 'fully_performed'>, '已经全部付清', 1.0)
    >>> read_settlement("和解协议签了，我该怎么办", today=date(2026, 11, 23)).missing
    ('performance',)
    """
    dates = find_dates(q, today) if dates is None else dates
    return _reading("settlement", q, lambda ev: settlement_facts_from_text(q, today=today, dates=dates, ev=ev,
                                                                           fact_reader=fact_reader),
                    SettlementFacts())


def read_reversal(q: str) -> Reading:
    """The reversal facts of a question with where each was read; contradictory facts are flagged, not raised."""
    return _reading("reversal", q, lambda ev: reversal_facts_from_text(q, ev), ReversalFacts())


def extract_dates(text: str, today: date) -> list[FoundDate]:
    """Every date in the question, in order (assistant.text.dates.find_dates): impossible ones carry the error
    instead of a value, a month without a day says so, and dates said relative to today are worked out from it."""
    return find_dates(text, today)


def _any(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.I) is not None


_SEP = r"[，,。；;！？!?\n()（）]|\.\s"   # NFKC turns the full-width ， ； ？ into ASCII


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(_SEP, text) if c.strip()]


def _clause_after(text: str, end: int) -> str:
    rest = text[end:]
    lead = len(rest) - len(rest.lstrip(" ,，"))
    rest = rest[lead:]
    m = re.search(_SEP, rest)
    return rest[:m.start()] if m else rest


# --- vocabulary (Chinese and English in one pattern where it is natural) ----------------------

_SETTLE = r"和解|settle(?:ment|d)?\b"
_REVERSAL = r"执行回转|回转|execution reversal|revers(?:e|al)|\bset aside\b|overturn|quash|annul"
_BASIS_GONE = (r"撤销|改判|再审|推翻|不予执行|驳回.{0,6}诉讼请求|set aside|overturn|quash|annul|revers|vacat")
_GET_BACK = r"执行完毕|执行完了|执行完|已经执行|被执行(?!人)|执行走|划走|拿走|退还|退回|要回|返还|拿回|退钱|enforced|taken|get .{0,20}back|return"
_ASK_DEADLINE_STRONG = (r"最晚|截止|截至哪|到期|届满|最后期限|最后一天|最后一日|哪天(之前|以前|为止|到期|届满)?|哪一天|几号|什么时候(之前|以前|为止)?|"
                        r"到什么时候|来得及|期限.{0,6}(到|哪天|几号)|deadline|last day|by when|latest|until when|still in time|too late|expire")
_ASK_DEADLINE_WEAK = (r"多久|几天|多长时间|多少天|从哪天(开始)?算|怎么算|起算|期限是(多少|什么|几天)?[？?]?$|"
                      r"how long|how many days|when does .{0,60}start")
_ASK_REMEDY = (r"要不要|需不需要|怎么办|怎么处理|怎么(推翻|撤销|要|追|维权)|能不能|能否|可以吗|可不可以|行不行|行吗|好使吗|能.{0,20}吗|会.{0,12}吗|还能|有.{0,4}办法|有哪些|什么程序|怎么裁|怎样|如何|"
               r"支持|救济|怎么要|what can|can i|can we|can the|could i|options|remed|what happens|will the court|how do|how can|should i|is it possible")
_GENERAL = r"^(什么是|何为|请问什么是)|是什么意思|是什么[？?]?$|什么叫|^what is\b|^what does\b|^define\b|法理|区别|有什么不同|理论上"

_EXCLUDE_SETTLEMENT = (r"违约金.{0,4}(太|过|偏)(高|低)|(调低|调整|降低|减少).{0,4}违约金|以物抵债裁定|抵债裁定|提存|交到(执行)?法院|拒收|不收款|授权|委托|代理人|律师|代表我|老公|老婆|丈夫|妻子|"
                       r"解封|解除.{0,10}查封|失信|黑名单|哪个法院|管辖|违约金能|一并执行|中止执行还是终结|是中止还是终结|口头|往后推|推迟|"
                       r"变更.{0,4}协议|算错|少扣|多扣|撤回.{0,4}执行申请|撤回了?申请|撤(了|销了?)执行申请|withdr[ae]w (my|the|our) (enforcement )?application|不予恢复|查封冻结措施|查封.{0,6}措施|原来的执行案件|保全措施|"
                       r"查封的.{0,8}(还有效|怎么办|会怎么样)|deposit|lawyer|authori[sz]|which court|dishonest|blacklist|in lieu|seized|"
                       r"transferring the apartment")
# (an auction sale: whether the buyer keeps the thing is a question for the notes, not the specific-thing rule)
_EXCLUDE_REVERSAL = (r"拍卖|变卖|auction|国家赔偿|错误执行|司法赔偿|哪个法院|由哪个|重新立案|走什么程序|主动|依职权|不当得利|申请期限|时间限制|有没有.{0,4}期限|保全|"
                     r"不退钱|拒不(返还|退)|就是不退|措施|state compensation|wrongful|which court|own motion|unjust enrichment|time limit")
_EXCLUDE_DEADLINE = r"顺延|住院耽误|耽误了"

# What a settlement question asks about. A fact pattern ending '我该怎么办' wants every path; one asking a
# single thing (the guarantor, what was already paid, a deadline, whether a suit is still open) is answered
# on that thing, and the other paths are offered as a follow-up question. Only the asking sentences count,
# and clauses that set the scene ('恢复执行后', '要是恢复执行，', 'once the court has resumed enforcement,')
# are facts, not asks.
_ASKS_EVERY_PATH = (r"怎么办|怎么处理|怎么做|该如何|有哪些|哪几种|什么办法|哪些办法|有.{0,4}办法|救济|选择|途径|出路|"
                    r"what (can|should) (i|we|he|she|the \w+) do|options|remedies|what now")
_SCENE = (r"(要是|如果|假如|若是?|万一|\bif\b|\bonce\b|\bwhen\b)[^，,。？?]*[，,]|恢复执行(的话|后|以后|之后)|"
          r"(已经|已|又)?(被)?(法院)?(已经)?裁定(了)?恢复(执行)?|申请了恢复执行|"
          r"after (enforcement )?(is |has been )?resum\w*|(has|have|had) (been )?resumed|resumed enforcement")
_ASKS_ABOUT: dict[str, str] = {
    "deduction": (r"(已经?|之前|先前)(还|付|给|履行|支付)(了)?(的)?(那些|部分|钱|款|\d)|还能执行多少|执行多少|全额|扣除|扣掉|"
                  r"抵扣|already (paid|performed)|credited|deduct"),
    "guarantor_enforcement": r"担保人|保证人|担保财产|guarantor|surety",
    "damages_suit": r"损失|赔偿|赔|违约金|damages|compensat|losses",
    "separate_suit": r"起诉|打官司|告他|\bsue\b|lawsuit",
    "invalidity_suit": r"无效|撤销|推翻|作数|不算数|\bvoid\b|revok|rescind",
    "settlement_objection": r"异议|objection",
    "resume_enforcement": r"恢复执行|恢复原|执行原(来的)?判决|\bresume\b|resumption",
}


# narrower than _ASK_DEADLINE_STRONG, which also takes '期限还没到' (a fact) as a deadline question
_ASKS_FOR_A_DATE = (r"最晚|截止|截至|哪天|哪一天|几号|什么时候|到什么时候|来得及|deadline|by when|last day|latest|"
                    r"still in time|too late|until when")


# '恢复执行期限怎么算' asks how a period runs: with a date that is a deadline, whichever remedy it names
_ASKS_HOW_A_PERIOD_RUNS = (r"(期限|期间|时效).{0,6}(怎么算|怎么计算|如何计算|多久|多长|从哪天|起算|到哪天)|"
                           r"how (is|do you) .{0,30}(period|time limit).{0,10}(counted|calculated|computed)")


def _asking_sentences(q: str) -> list[str]:
    """The sentences that ask: those ending in a question mark, and the last one. (An English full stop ends a
    sentence when a space follows: an abbreviation such as 'Art.' before a number and a decimal point rarely do.)"""
    sentences = [s.strip() for s in re.findall(r"(?:[^。！!？?.]|\.(?!\s))+(?:[。！!？?]|\.(?=\s)|\.$)?", q) if s.strip()]
    if not sentences:
        return []
    return [s for s in sentences[:-1] if s.endswith(("？", "?"))] + [sentences[-1]]


def question_focus(q: str) -> frozenset[str]:
    """What a settlement question asks about: remedy ids, 'deduction', 'deadline'; empty when it asks what to
    do (every path) or names nothing the navigator answers."""
    focus: set[str] = set()
    for sentence in _asking_sentences(q):
        if _any(_ASKS_EVERY_PATH, sentence):
            return frozenset()
        if _any(_ASKS_FOR_A_DATE, sentence) or _any(_ASKS_HOW_A_PERIOD_RUNS, sentence):
            focus.add("deadline")   # '最晚什么时候申请恢复执行': the remedy is the deadline's subject, not the ask
            continue
        asked = re.sub(_SCENE, "", sentence, flags=re.I)
        focus |= {key for key, pattern in _ASKS_ABOUT.items() if _any(pattern, asked)}
    return frozenset(focus)


def _is_general(q: str) -> bool:
    return _any(_GENERAL, q.strip())


# ----------------------------------------------------------------------------------------------
# settlement facts from text


def _neutralize(q: str) -> str:
    """Remove phrases that look like facts but deny them ('他也没说不付')."""
    q = re.sub(r"(也)?(没|未)(有)?(说|表示|讲)(过)?(他)?不(会)?(再)?(付|还|履行|给)?", "", q)
    # submission, not performance: 没交法院 / 未提交 / 没告诉法院
    q = re.sub(r"(没|未)(有)?(交|提交|交给|告诉)(给)?(法院|执行法院)?", "", q)
    return q


_P_CLAIM = r"为由|声称|谎称|主张|说(和解)?(协议)?(已经)?(全部)?(履行|付清|还清)|称(已经)?"
_P_ACTUAL = r"其实|实际上|事实上|说实话|但是?他?只|actually|in fact|in reality"
_P_LATE = (r"晚了|迟延|拖了|延迟|逾期.{0,6}(才|付清|履行)|比约定晚|晚付|才付清|才还清|才履行完|才全部|"
           r"\blate\b|delay|months? after|behind schedule")
_P_DEFECT = r"瑕疵|质量问题|毛病|缺陷|不合格|有问题|坏了|defect|faulty|broken|poor quality"
_P_DELIVERED = r"交付|过户|交了|给了|抵债|付清|履行完|全部|delivered|transferred|handed over"
_P_FULL = (r"全部(履行|付清|还清|付完|交付|付了)|履行完毕|履行完了|已经履行完|已履行完|已经付清|付清了|都付了|还清了|全部付清|按协议.{0,4}付清|"
           r"已经.{0,4}付清|fully (performed|paid)|paid (everything|in full|it all|all of it)|performed in full|paid off")
_P_BEING = (r"一直(在)?按.{0,10}(还|付|履行)|正在(按)?.{0,8}履行|按(时|期)(还|付)|每月.{0,4}(还|付)|一点点还|还在还|还有.{0,6}才(还|付)完|"
            r"还得慢|分期.{0,8}还没还完|paying on schedule|paying (in )?instal|is (still )?paying|on time every|being performed")
_P_PARTLY = (r"(付|还|给|履行)了(一部分|一半|部分|\d+(?:\.\d+)?\s*万?元?|[一二三四五六七八九十两百千]+万元?|几期|第一期|\d+%|百分之[一二三四五六七八九十]+).{0,8}"
             r"(就|后|以后|之后)?.{0,3}(不|没|停)(再)?(付|还|给|履行)|第[二三四五六七八九十\d]+期(起)?(就)?(都)?(没|未|不)(有)?(付|还|给|履行)|"
             r"还了一部分就不还|只(付|还|履行|给)了|部分履行|没有全部履行|没全部履行|不完全履行|还差|(没|未)(有)?(付|还)清|"
             r"paid (half|part|some|\d+%)|partly (paid|performed)|stopped paying|then stopped|missed the (second|third|later)")
_P_NOT_DUE = (r"还没到(期|付款日|履行期|约定)|尚未(到期|届至|届满)|(期限|日期|时间|日子)还没到|没到期|未到期|还不到(期|时间)|约定明年|明年.{0,4}(付|还)|"
              r"not (yet )?due|before the due date|has not (yet )?(come|arrived)")
_P_NOT_PERF = (r"(没|未|不|拒不|拒绝)(有)?(再)?(按.{0,8})?(付|还钱|还款|还|履行|给钱|支付|交付|交)|一分钱(都)?没|一分没给|违约|不履行|没履行|没有履行|(还|仍|仍然)欠|"
               r"nothing (was|has been) paid|paid nothing|not paid anything|no payment|did not pay|didn't pay|hasn'?t paid|has not paid|never paid|not paid|default|breach|failed to (pay|perform)")
_P_REPUDIATE = (r"明确(表示|说|跟我说|告诉我)?.{0,8}不(会|再|打算|准备)?(按.{0,8})?(付|还|履行)|说不(付|还)了|表示不(再)?履行|拒绝履行|不打算(付|还|履行)|"
                r"said (he|she|they|it) (will|would) not|won'?t pay|refuses? to pay|repudiat")
_P_FRAUD = r"骗|欺诈|谎称|诈骗|虚构|蒙骗|\btrick|deceiv|fraud|\blied\b|misrepresent"     # ('applied' is no lie)
_P_COERCE = r"胁迫|威胁|逼(我|着|迫)|恐吓|强迫|coerc|threat|forced me|under duress"
_P_OTHER_SAYS = (r"(对方|他|她|被执行人|申请人|申请执行人|债务人|债权人)(一直|还)?(说|称|主张|声称|认为|起诉说)|"
                 r"(he|she|they|the debtor|the creditor) (says|said|claims|claimed|alleges|alleged)")
_P_DEBTOR = (r"我是被执行人|我[（(]被执行人[)）]|作为被执行人|我(已经)?(按|依)(照)?(和解)?协议.{0,6}(付清|履行|付款|还)|我(私下)?(跟|和|与)申请(执行)?人|"
             r"我没(有)?按(约定|协议)|i am the debtor|i'm the debtor|as the debtor|i have paid|i paid|i've paid")
_P_NEITHER_PARTY = (r"我是(担保人|保证人|案外人|第三人|利害关系人)|作为(担保人|保证人|案外人|第三人)|我[（(](担保人|保证人|案外人)[)）]|"
                    r"i am (the |a )?(guarantor|surety|third party)|i'm (the |a )?(guarantor|surety|third party)|as (the |a )?guarantor")
_P_CREDITOR = (r"我是申请执行人|我[（(]申请执行人[)）]|作为申请执行人|欠我|还我|赔我|给我钱|骗我|逼我|我申请(了)?恢复执行|我(想|能|可以|要)(现在)?(就)?(申请)?恢复执行|"
               r"i am the creditor|i'm the creditor|as the creditor|owes me|pay me|resume enforcement")


def _performance(q: str, ev: "_Evidence | None" = None) -> Performance:
    ev = ev or _Evidence(q)
    q = _neutralize(q)
    clauses = _clauses(q)
    actual = [c for c in clauses if _any(_P_ACTUAL, c)]
    normal = [c for c in clauses if c not in actual and not _any(_P_CLAIM, c)]

    def detect(cs: list[str], whole: str) -> Performance:
        joined = "，".join(cs)
        if not joined:
            return Performance.UNKNOWN
        if _hit(ev, "performance", _P_LATE, joined) and _any(_P_FULL + r"|付清|还清|履行完|paid", whole):
            return Performance.PERFORMED_LATE
        if _hit(ev, "performance", _P_DEFECT, joined) and _any(_P_DELIVERED, whole):
            return Performance.PERFORMED_DEFECTIVELY
        if _hit(ev, "performance", _P_PARTLY, joined):
            return Performance.PARTLY_PERFORMED
        if _hit(ev, "performance", _P_FULL, joined):
            return Performance.FULLY_PERFORMED
        if _hit(ev, "performance", _P_BEING, joined):
            return Performance.BEING_PERFORMED
        if _hit(ev, "performance", _P_NOT_DUE, joined):
            return Performance.NOT_DUE
        if _hit(ev, "performance", _P_NOT_PERF, joined):
            return Performance.NOT_PERFORMED
        return Performance.UNKNOWN

    for group in (actual, normal):
        p = detect(group, q)
        if p != Performance.UNKNOWN:
            return p
    return Performance.UNKNOWN


def _rule_role(q: str, ev: _Evidence) -> Role:
    """Who is asking, by the word rules."""
    role = Role.UNKNOWN
    if _any(_P_NEITHER_PARTY, q):
        pass    # a guarantor or other third party asking: the rules still apply, but not to 'you' as a party
    elif _hit(ev, "role", _P_DEBTOR, q):
        role = Role.DEBTOR
    elif _hit(ev, "role", _P_CREDITOR, q) or _hit(ev, "role", r"(对方|他|她|债务人|被执行人)(一直|到期|就|也|还)?(没|不|拒|违约)|the debtor|he |she |they ", q,
                                                            INFERRED):
        role = Role.CREDITOR
    return role


def _rule_submission(q: str, ev: _Evidence) -> Submission:
    """Whether the agreement went to the court, by the word rules."""
    submission = Submission.UNKNOWN
    if _hit(ev, "submission", r"(不认可|没(有)?认可|从来没认可|不承认|不予认可|doesn'?t accept|never accepted|disputes? (it|the))", q):
        submission = Submission.UNRECOGNIZED
    elif _hit(ev, "submission", r"私下|没(有)?交(给)?法院|没交|未(提交|交给)|没(有)?提交|没告诉法院|自行达成|never submitted|not submitted|out[- ]of[- ]court|privately", q):
        submission = Submission.NOT_SUBMITTED
    elif _hit(ev, "submission", r"笔录", q):
        submission = Submission.RECORDED
    elif _hit(ev, "submission", r"(交给|提交(给)?|交到)法院|法院(已经)?(裁定)?中止(了)?执行|submitted (it )?to the court", q):
        submission = Submission.SUBMITTED
    return submission


def settlement_facts_from_text(q: str, *, today: date, dates: list[FoundDate] | None = None,
                               ev: "_Evidence | None" = None, tagger: DateRoleTagger | None = None,
                               fact_reader: FactReader | None = None) -> SettlementFacts:
    """Read SettlementFacts from a question (may raise ContradictoryFactsError); `ev` collects where each fact was
    read (read_settlement); `tagger` tells what each date stands for (default: the shipped date-role tagger);
    `fact_reader` reads performance, role and submission (navigator/fact_model.py; None: the word rules)."""
    ev = ev or _Evidence(q)
    qn = _neutralize(q)
    learned = fact_reader.read(q, as_of=today, tagger=tagger) if fact_reader is not None else None
    if learned is not None:
        role = Role(ev.learned(learned["role"]))
        submission = Submission(ev.learned(learned["submission"]))
    else:
        role, submission = _rule_role(q, ev), _rule_submission(q, ev)
    vitiation = Vitiation.NONE
    own = "，".join(c for c in _clauses(q) if not _any(_P_OTHER_SAYS, c))   # not the other side's allegations
    if _hit(ev, "vitiation", _P_COERCE, own):
        vitiation = Vitiation.COERCION
    elif _hit(ev, "vitiation", _P_FRAUD, own):
        vitiation = Vitiation.FRAUD
    validity = Validity.UNCHALLENGED
    if _hit(ev, "validity", r"和解协议(已经)?被(法院)?(判决)?(确认)?(无效|撤销)|(确认|判决|认定)(和解协议)?无效了|declared (void|invalid)|was revoked", q):
        validity = Validity.INVALID_OR_REVOKED
    elif _hit(ev, "validity", r"(被执行人|对方|他|她|债务人)(已经)?起诉.{0,16}(无效|撤销)|(无效|撤销).{0,10}(官司|诉讼|案子).{0,8}(还在|没打完|未审结|在审|审理中)|"
              r"sued to (have|declare|annul|revoke)", q):
        validity = Validity.SUIT_PENDING
    elif _hit(ev, "validity", r"不成立|未生效|没生效", q):
        validity = Validity.NOT_FORMED
    invalidity_alleged = _hit(ev, "invalidity_alleged", r"(我|我们)(认为|觉得).{0,10}(无效|应当撤销|该撤销)|推翻|想撤销|还作数|是否有效|还有效吗", q)
    guarantee = Guarantee.NONE
    if _hit(ev, "guarantee", r"担保|保证人|guarant|surety", q):
        neg = _hit(ev, "guarantee", r"(没|未|没有|并未|从未|never|not|no)[^，。,.]{0,10}(承诺|undertak|promis)", q)
        if neg or _hit(ev, "guarantee", r"(只|仅)(是)?(在.{0,6})?签(了)?(个)?字|only signed", q):
            guarantee = Guarantee.NO_UNDERTAKING
        elif _hit(ev, "guarantee", r"承诺|自愿接受.{0,4}(直接)?(强制)?执行|undertak|promised the court", q):
            guarantee = Guarantee.WITH_UNDERTAKING
        else:
            guarantee = Guarantee.UNSPECIFIED
    resumed = _hit(ev, "enforcement_resumed", r"(已经|已|也)(裁定)?恢复(执行)?了?|已经恢复执行|裁定恢复(执行)?了|court (has )?resumed|enforcement (has been|was) resumed", q) \
        and not _any(r"不予恢复", q)
    suit_filed = _hit(ev, "suit_filed", r"我(已经|已)(就.{0,10})?(起诉|提起诉讼)|我起诉了|法院(已经)?受理了?我的(起诉|诉讼)|i (have )?(already )?(sued|filed (a )?suit)", q)
    debtor_objection = _hit(ev, "debtor_objection", r"被执行人.{0,12}(提|提出)(执行)?异议|(拿|以|依据|根据).{0,20}(提|提出)(执行)?异议|debtor .{0,30}object", q)
    performance = Performance(ev.learned(learned["performance"])) if learned is not None else _performance(q, ev)
    repudiated = _hit(ev, "repudiated", _P_REPUDIATE, qn)
    # the agreed date: the latest date the date-role tagger reads as performance due ('2023年6月30日前一次性支付',
    # '约定…于…付清', 'pay by …'); none when every date stands for something else (when the settlement was
    # signed, a part payment, an application), so a case's later dates are not taken for the day the debtor had
    # to pay. Measured on held-out authors, the tagger alone chose the due date right more often than the word
    # rules did, alone or under it (eval/date_roles.py).
    due: date | None = None
    cand = [d for d in _main_dates(q, dates or []) if d.value is not None]  # "now" is the tagger's question_date
    bound = [t for t in (tagger or shipped_tagger()).tag(q, cand) if t.role == "performance_due"]
    if bound:
        due_tag = max(bound, key=lambda t: t.date.value)  # type: ignore[arg-type,return-value]
        due = due_tag.date.value
    if due and due > today and performance in (Performance.UNKNOWN, Performance.NOT_PERFORMED):
        performance = Performance.NOT_DUE
        ev.record("performance", due_tag.date.start, due_tag.date.end, INFERRED)    # read from the date, not said
    if due:
        # stated when the tagger is sure the date is the due date, inferred when it only leans that way
        ev.record("due_date", due_tag.date.start, due_tag.date.end, STATED if due_tag.sure else INFERRED)
    amount = None
    m = re.search(r"(?:付|还|给|履行)了\s*(\d+(?:\.\d+)?\s*万元?|\d+(?:\.\d+)?\s*元|[一二三四五六七八九十两百千]+万元?|一半)", q)
    if m:
        amount = m.group(1)
        ev.record("amount_paid", m.start(1), m.end(1), STATED)
    return SettlementFacts(
        role=role, submission=submission, vitiation=vitiation, validity=validity,
        invalidity_alleged=invalidity_alleged, performance=performance, repudiated=repudiated, guarantee=guarantee,
        enforcement_resumed=resumed, resumption_refused=_hit(ev, "resumption_refused", r"裁定不予恢复", q), suit_filed=suit_filed,
        debtor_objection=debtor_objection and role != Role.DEBTOR,
        reached_before_enforcement=_hit(ev, "reached_before_enforcement", r"执行前|执行立案(之)?前|申请执行(之)?前|立案前|before enforcement", q),
        concealment=_hit(ev, "concealment", r"隐瞒|conceal|hid ", q), due_date=due, as_of=today, amount_paid=amount)


def _near(text: str, d: FoundDate, pattern: str, *, after: bool = True, window: int = 6) -> bool:
    before = text[max(0, d.start - window):d.start]
    if re.search(pattern, before, re.I):
        return True
    if after:
        return re.search(pattern, text[d.end:d.end + window], re.I) is not None
    return False


# ----------------------------------------------------------------------------------------------
# reversal facts from text


def reversal_facts_from_text(q: str, ev: "_Evidence | None" = None) -> ReversalFacts:
    """Read ReversalFacts from a question (may raise ContradictoryFactsError); `ev` collects where each fact was read
    (read_reversal)."""
    ev = ev or _Evidence(q)
    basis = Basis.UNKNOWN
    if _hit(ev, "basis", r"仲裁|arbitra", q):
        basis = Basis.ARBITRAL_AWARD
    elif _hit(ev, "basis", r"公证|notari", q):
        basis = Basis.NOTARIZED_DEBT
    elif _hit(ev, "basis", r"判决|裁定|调解书|一审|二审|再审|judgment|ruling", q):
        basis = Basis.JUDGMENT
    status = BasisStatus.UNKNOWN
    if _hit(ev, "basis_status", r"改判.{0,8}(少|减)|只是被改判|部分撤销|部分改判|减少了?金额|少付|reduced|partly (set aside|changed)", q):
        status = BasisStatus.CHANGED
    elif basis in (Basis.ARBITRAL_AWARD, Basis.NOTARIZED_DEBT) and _hit(ev, "basis_status", r"不予执行", q) and not _hit(ev, "basis_status", r"撤销", q):
        status = BasisStatus.NOT_ENFORCED
    elif _hit(ev, "basis_status", r"撤销|改判|推翻|驳回.{0,6}诉讼请求|再审.{0,6}(改|撤)|set aside|overturn|quash|annul|reversed|vacated|revoked", q):
        status = BasisStatus.REVOKED
    elif _hit(ev, "basis_status", r"执行回转(时|中|的时候|程序中)|(during|in) (an |the )?(execution )?reversal", q,
                  INFERRED):
        status = BasisStatus.REVOKED     # a reversal under way presupposes it
    expired_paid = _hit(ev, "paid_after_period_expired", r"时效.{0,8}(过了|届满|已过|已经过|过期)|period .{0,30}(expired|ran out|run out)", q) and \
        _any(r"付清|履行|付了|还了|配合|paid|performed", q)
    if status == BasisStatus.UNKNOWN and expired_paid:
        status = BasisStatus.NOT_REVOKED
        ev.copy("paid_after_period_expired", "basis_status", INFERRED)   # paying late presupposes it stands
    revoked_by = RevokedBy.UNKNOWN
    if status in (BasisStatus.REVOKED, BasisStatus.CHANGED, BasisStatus.NOT_ENFORCED):
        if _hit(ev, "revoked_by", r"有关机关|公证(处|机构).{0,4}撤销|被.{0,4}机关撤销|(notary|authority) (revoked|set aside)", q):
            revoked_by = RevokedBy.OTHER_AUTHORITY
        elif _hit(ev, "revoked_by", r"法院|再审|二审|court|retrial|appeal", q):
            revoked_by = RevokedBy.COURT
    if basis == Basis.JUDGMENT and revoked_by == RevokedBy.OTHER_AUTHORITY:
        basis = Basis.OTHER_DOCUMENT
    executed = Executed.UNKNOWN
    specific = _hit(ev, "executed", r"原物|特定物|机床|设备|机器|字画|画作|古董|车|房子|房产|货物|钢材|实物|specific (item|thing|property)|machine|painting|car\b|vehicle|equipment", q,
                    INFERRED)
    money = _hit(ev, "executed", r"\d+\s*万|钱|款|\d+\s*元|利息|money|\bsum\b|\bpaid\b|\$|rmb|yuan", q, INFERRED)
    if _hit(ev, "executed", r"原物|特定物|specific (item|thing|property)", q) or (specific and not money):
        executed = Executed.SPECIFIC_PROPERTY
    elif money:
        executed = Executed.MONEY
    elif specific:
        executed = Executed.SPECIFIC_PROPERTY
    returnable = Returnable.UNKNOWN
    if _hit(ev, "returnable", r"毁损|灭失|报废|卖给(了)?(别人|他人|第三人)|转卖|卖掉|卖了|不能退还|没法退|无法(退还|返还)|已经没了|destroyed|lost|sold (it )?to|scrapped|no longer exists|cannot be returned|can no longer be returned", q):
        returnable = Returnable.NOT_RETURNABLE
    elif _hit(ev, "returnable", r"还在(对方)?(手里|手上|那里)|(原物|房子|房产|车|设备|机器|东西|货|字画)(都)?还在|能退还|still (has|have|exists)", q):
        returnable = Returnable.RETURNABLE
    if executed == Executed.MONEY and returnable == Returnable.NOT_RETURNABLE:
        returnable = Returnable.UNKNOWN
    valuation = Valuation.UNKNOWN
    if executed == Executed.SPECIFIC_PROPERTY:
        if _hit(ev, "valuation", r"谈不拢|协商不成|不能协商一致|(意见|金额)不一致|达不成|不同意折价|cannot agree|can'?t agree|no agreement|disagree", q):
            valuation = Valuation.DISAGREED
        elif _hit(ev, "valuation", r"(双方|都)?同意.{0,12}(折价|折成|折现|赔偿|现金)|协商一致.{0,10}折价|agreed? (on|to) (a )?(value|cash|compensation)", q):
            valuation = Valuation.AGREED
        elif _hit(ev, "valuation", r"(说|提出|要求|想)(给我)?.{0,4}(折价|折现|给钱).{0,8}不(还|退)|offers? (cash|money) instead", q):
            valuation = Valuation.PROPOSED
    stage = Stage.COMPLETED
    if _hit(ev, "stage", r"还没(有)?执行|尚未执行|nothing (has been|was) enforced", q):
        stage = Stage.NOT_EXECUTED
    elif _hit(ev, "stage", r"执行中|还在执行|没执行完|执行了一部分|已经划走的那部分|still under way|partly enforced", q):
        stage = Stage.IN_PROGRESS
    fruits = _hit(ev, "fruits", r"利息|孳息|收益|租金|赚了|interest|fruits|rent", q) and stage != Stage.NOT_EXECUTED
    return ReversalFacts(executed=executed, fruits=fruits, stage=stage, basis=basis, basis_status=status,
                         revoked_by=revoked_by, returnable=returnable, valuation=valuation,
                         paid_after_period_expired=expired_paid)


# ----------------------------------------------------------------------------------------------
# deadline events from text

_COURT_TAKES = (r"(法院|court).{0,15}(多长时间|多久|几天|多少天|how long|how many days|within how)|"
                r"(多长时间|多久|几天|多少天)内?.{0,4}(作出|审查|裁定|答复)|how long .{0,20}court .{0,10}(rule|decide)")
_EVENT_PATTERNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # event, patterns that must all match, anchor for choosing the date
    # a period already missed: the question is the extension after an obstacle, whichever period it was
    ("extension_after_obstacle", (r"耽误|错过|误了|missed", r"顺延|延长|补救|还能|extend|still"), r"消除|出院|结束|ended|recover"),
    ("distribution_opposition_suit", (r"分配方案", r"反对意见|异议之诉", r"起诉|诉讼|之诉"), r"收到|通知"),
    ("distribution_plan_objection", (r"分配方案|distribution plan",), r"收到|送达|receiv|served"),
    ("arbitration_third_party_non_enforcement", (r"案外人", r"不予执行", r"仲裁"), r"知道|采取"),
    ("arbitration_non_enforcement", (r"不予执行|non-enforcement|not (to )?enforce", r"仲裁|arbitra"), r"送达|收到|served|receiv"),
    ("notarized_non_enforcement", (r"不予执行|non-enforcement|not (to )?enforce", r"公证|notari"), r"送达|收到|served|receiv"),
    ("jurisdiction_objection", (r"管辖", r"异议|object"), r"收到|送达|receiv|served"),
    ("exit_ban_reconsideration", (r"限制出境|exit ban",), r"收到|送达|receiv|served"),
    ("party_change_suit", (r"追加|变更.{0,6}(被执行人|当事人)|added (me |us |him |her |them )?as (a |an )?(additional )?(judgment )?debtor", r"异议之诉|起诉|诉讼|sue|lawsuit"),
     r"送达|收到|served|receiv"),
    ("party_change_reconsideration", (r"追加|变更.{0,6}(被执行人|当事人)|added (me |us |him |her |them )?as (a |an )?(additional )?(judgment )?debtor", r"复议|reconsideration"),
     r"送达|收到|served|receiv"),
    ("dishonest_list_reconsideration", (r"失信|dishonest", r"复议|reconsideration"), r"送达|收到|served|receiv"),
    # how long the court has to decide an objection (not the objector's next step)
    ("third_party_objection_review", (r"案外人|third[- ]party", r"异议|objection", _COURT_TAKES,
                                      r"^(?!.*(复议|reconsideration|之诉|起诉|\bsue\b|lawsuit))"), r"提出|提交|收到|filed|submitted"),
    ("objection_review", (r"异议|objection", _COURT_TAKES, r"^(?!.*(复议|reconsideration|之诉|起诉|\bsue\b|lawsuit|和解|settle))"),
     r"提出|提交|收到|filed|submitted"),
    ("third_party_objection_ruling", (r"案外人|third[- ]party|objection (by|of) a third party|not a party",
                                      r"异议|object", r"异议之诉|起诉|诉讼|\bsue\b|lawsuit|suit\b"),
     r"送达|收到|served|receiv"),
    # a third party's objection dismissed: the next step is the suit (or retrial), whether or not it is named
    ("third_party_objection_ruling", (r"案外人|third[- ]party", r"异议|object", r"驳回|dismiss|reject",
                                      r"^(?!.*(复议|reconsideration))"), r"送达|收到|served|receiv"),
    ("objection_ruling_reconsideration", (r"异议|objection", r"复议|reconsideration"), r"送达|收到|served|receiv"),
    # the suit against an objection ruling is the suit after a 238 objection (a third party's, or the creditor's
    # when that objection succeeded), whether or not the asker says so
    ("third_party_objection_ruling", (r"执行异议之诉|objection suit", r"^(?!.*(复议|reconsideration))"),
     r"送达|收到|served|receiv"),
    # an objection to an enforcement act was dismissed: the next step is reconsideration (not in settlement talk)
    ("objection_ruling_reconsideration", (r"执行异议|objection", r"驳回|dismiss|reject", r"^(?!.*(和解|settle|案外人|third))"),
     r"送达|收到|served|receiv"),
    # '裁定书11月20日送达，我想申请复议': reconsideration of a ruling not named otherwise is the objection ruling's
    ("objection_ruling_reconsideration", (r"申请复议|apply for reconsideration", r"裁定|ruling",
                                          r"^(?!.*(和解|settle|回转|revers))"), r"送达|收到|served|receiv"),
)


def _event_of(text: str) -> tuple[str, str] | None:
    """(event, anchor for its date) of the first pattern the text matches."""
    return next(((ev, anc) for ev, pats, anc in _EVENT_PATTERNS if all(_any(p, text) for p in pats)), None)


def _periods_asked(q: str) -> list[str]:
    """The events of the asking sentences that ask about a period, in the order asked ('多少天内提异议？后面的
    异议之诉又有什么期限？' asks two)."""
    asks_period = "|".join((_ASK_DEADLINE_STRONG, _ASK_DEADLINE_WEAK, r"期限|期间"))
    found = [_event_of(s) for s in _asking_sentences(q) if _any(asks_period, s)]
    return list(dict.fromkeys(e for e, _ in filter(None, found)))

def _pick(q: str, dates: list[FoundDate], anchor: str | None, role: str | None = None,
          tagger: DateRoleTagger | None = None) -> FoundDate | None:
    """The date an event's period counts from. With the event's starting `role` (corpus/wording/date_roles.yaml):
    a date the date-role tagger reads as playing it (for a due date, the latest; else the last named), or None when
    it reads none so, since the question then does not give the date the period counts from (the answer asks for
    it rather than counting from another event's date). An event without a starting role is dated by its
    `anchor` words, else by the latest date. On held-out authors the tagger alone picked the starting date as
    often as with the anchor words under it, and counted from another event's date far less often
    (eval/date_roles.py)."""
    good = [d for d in dates if d.value is not None]
    if not good:
        return None
    if role:
        named = [t.date for t in (tagger or shipped_tagger()).tag(q, good) if t.role == role]
        if not named:
            return None
        return max(named, key=lambda d: d.value) if role == "performance_due" else named[-1]  # type: ignore[arg-type,return-value]
    if anchor:
        anchored = [d for d in good if _near(q, d, anchor, window=8)]
        if anchored:
            return anchored[-1]
    return max(good, key=lambda d: d.value)  # type: ignore[arg-type,return-value]


def month_only(q: str, dates: list[FoundDate], role: str | None, tagger: DateRoleTagger | None = None) -> FoundDate | None:
    """The date of the event a period counts from when the question gives it only to the month ('裁定书上个月送达的',
    '约定去年12月付清'): the last one the date-role tagger reads as playing `role`, or None. The answer then asks for
    the day rather than count from the first or last day of the month."""
    if not role or not any(d.precision == "month" for d in dates):
        return None
    tags = (tagger or shipped_tagger()).tag(q, [d for d in dates if d.bounds is not None])
    named = [t.date for t in tags if t.role == role and t.date.precision == "month"]
    return named[-1] if named else None


def _judgment_event(q: str) -> tuple[str, str | None, int | None] | None:
    """(event, anchor, performance days) for a question about the period to apply for enforcement."""
    if not _any(r"判决|裁定|调解书|法律文书|仲裁裁决|公证债权文书|judgment|judgement|award", q):
        return None
    # '生效之日起十日内履行', '判决2024年3月1日生效，要求十日内付款'
    m = re.search(r"生效(?:之日起|后)?[^。？?；;]{0,12}?([\d一二三四五六七八九十百两]+)\s*(?:个)?(?:日|天)(?:内|之内)", q)
    if m:
        from assistant.text.numerals import parse_numeral
        with contextlib.suppress(ValueError):  # an unreadable day count: try the other patterns
            return "judgment_days_after_effective", r"生效", parse_numeral(m.group(1).replace("两", "二"))
    m = re.search(r"within (\d+) days of (taking effect|becoming effective)", q, re.I)
    if m:
        return "judgment_days_after_effective", r"effect", int(m.group(1))
    if _any(r"公证债权文书|notari", q):
        return "notarized_debt_due", None, None
    if _any(r"分期|最后一期|instal", q):
        return "judgment_instalments", r"最后一期|last instal", None
    if _any(r"禁止|不得|不作为|停止(使用|侵害)|又开始|refrain|must not|stop using", q):
        return "judgment_omission_breach", r"又|开始|违反|breach|again", None
    if _any(r"(没|未|没有)(写|规定|约定|明确)?.{0,4}(履行)?(期限|期间|日期)|no (time|deadline|period) for performance|did not say when", q):
        return "judgment_no_period", r"生效|effect", None
    return "judgment_due", r"前|之前|以前|by\b|before", None


_P_INTERRUPT = (r"催(款|收|讨|告|他|她|对方)|(要求|让)(他|她|对方)?(还|付|履行)|律师函|(承认|同意)(还|付|履行|欠)|还了(一部分|\d|[一二三四五六七八九十])|又(签|达成)|"
                r"acknowledg|demand letter|demanded|agreed to pay|promised to pay|paid part")


def _interruption_dates(q: str, dates: list[FoundDate]) -> list[FoundDate]:
    """Dates whose clause reports a demand, an acknowledgement or part payment (中断事由)."""
    out = []
    for d in dates:
        if d.value is None:
            continue
        if _any(_P_INTERRUPT, _clause_after(q, d.end)):
            out.append(d)
    return out


def _find_interruptions(q: str, dates: list[FoundDate], event_date: date) -> list[date]:
    return [d.value for d in _interruption_dates(q, dates) if d.value and d.value > event_date]


def _main_dates(q: str, dates: list[FoundDate]) -> list[FoundDate]:
    """Dates that can be the event date: not interruption dates, not the ends of an obstacle period."""
    skip = {id(d) for d in _interruption_dates(q, dates)}
    for a, b in zip(dates, dates[1:]):
        if (a.value, b.value) in _find_suspensions(q, dates):
            skip |= {id(a), id(b)}
    return [d for d in dates if id(d) not in skip]


def _find_suspensions(q: str, dates: list[FoundDate]) -> list[tuple[date, date]]:
    out = []
    for a, b in zip(dates, dates[1:]):
        if a.value is None or b.value is None:
            continue
        between = q[a.end:b.start]
        if re.fullmatch(r"\s*(至|到|～|~|—|-|–|to|until|through)\s*", between, re.I):
            ctx = q[max(0, a.start - 20):b.end + 25]
            if _any(r"住院|昏迷|不可抗力|疫情|地震|洪水|被(羁押|拘留|控制)|无法(行使|申请)|hospital|force majeure|detained|coma|unable to", ctx):
                out.append((a.value, b.value))
    return out

