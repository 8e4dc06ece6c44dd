"""Step 3: one verdict per citation, with a short message in the text's language and the evidence.

Verdicts: valid · unknown_law · nonexistent_article · outdated_numbering · unsupported · not_in_force.
The guard is conservative: a citation is flagged only on positive evidence (a quotation not in the
article, a period it does not contain, a topic it does not mention, a modal it contradicts); otherwise
it is valid.
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field, replace

from assistant.text.numerals import parse_numeral, to_chinese
from assistant.corpus.outside import OutsideInstrument
from assistant.corpus.registry import LawRegistry
from assistant.corpus.topics import TOPIC_LABELS
from assistant.guard.claims import (ArticleFacts, absolute_words, claim_patterns, claim_grams, claim_numbers,
                                    aligned_swap, start_conflict, clause_segments, claim_quotes, claim_topics, concept_conflict, negation_conflict, consequence_topics, containment,
                                    contrast_conflict, order_conflict,
                                    contradicts, exclusive_conflict, facts_cache, is_historical, is_present,
                                    borrowed_number_conflict, exemption_conflict, item_elsewhere, number_binding_conflict, paragraph_elsewhere, polarity_conflict,
                                    strength_conflict,
                                    provision_finder, quote_found, restates_prohibition, same_period, topics_worded_in,
                                    STOP_GRAMS)
from assistant.guard.names import name_index
from assistant.guard.records import CheckedCitation, Claim, Evidence, Repair, Resolved, Verdict
from assistant.guard.tokenize import Segments, detect_lang, segment

_APPLY_BEFORE = re.compile(r"(?:依据|根据|依照|按照|适用|援用|依|按|据|under|according to|pursuant to|in accordance with"
                           r"|as provided (?:in|by)|per)\s*$", re.I)


@dataclass
class Fit:
    """How well a claim fits one article."""

    score: float = 0.0
    positive: bool = False
    negative: bool = False
    quote_missing: bool = False
    matched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    contain: float = 0.0


def fit(claim: Claim, facts: ArticleFacts, paragraph: int | None = None) -> Fit:
    f = Fit()
    for q in claim.quotes:
        if quote_found(q, facts):
            f.score += 4
            f.positive = True
            f.matched.append(q)
        else:
            f.score -= 4
            f.negative = f.quote_missing = True
            f.missing.append(q)
    for surface, canon in claim.numbers:
        if canon in facts.ext_numbers:
            f.score += 1.5
            f.positive = True
            f.matched.append(surface)
        else:
            f.score -= 2
            f.negative = True
            f.missing.append(surface)
    if claim.topics:
        present = [t for t in claim.topics if t in facts.ext_topics]
        absent = [t for t in claim.topics if t not in facts.ext_topics]
        f.score += 2 * len(present) - 1.5 * len(absent)
        if present:
            f.positive = True
            f.matched += present
        else:
            f.score -= 1.5
        if absent:
            f.negative = True
            f.missing += absent
    f.contain = containment(claim_grams(claim.text), facts)
    f.score += 4 * f.contain
    if f.contain >= 0.5:
        f.positive = True
    return f


# ----- claims -------------------------------------------------------------------------------------------
_EXPLAINED = re.compile(r"条号|原文|即现行|年文本|＝现行|=现行|现为|现行为|现行文本为|现行第|现在是第|改为第|调整为第|变为第|对应现行|"
                        r"\bnow (?:article|art\.?|arts?\.?)|\b(?:is|are) now\b|renumbered|numbering|\bformerly\b", re.I)
_SHORT_LEAD = re.compile(r"^[\s（(“\"]*(?:根据|依据|依照|按照|依|按|据|见|参见|详见|参照|适用|"
                         r"(?:其|此|这|该|上述|以上)?(?:法律|规范)?(?:依据|根据|出处)(?:是|为|在于|见于|系)?|规定(?:于|在)|见于|"
                         r"under|according to|pursuant to|see|per|in accordance with|as provided in)?[\s：:，,]*$", re.I)
_SHORT_TAIL = re.compile(r"^[\s）)”\"]*(?:的规定|规定|之规定|明确规定|第[一二三四五六七八九十]款)?[\s）)”\"]*"
                         r"(?:(?:对此|就此|对此问题|对这一问题)?(?:也|亦)?(?:有|作了|作出了|作有|作出)?(?:明确|相应|具体|专门)?的?"
                         r"规定|provides|states|says)?[\s）)。.；;，,：:]*$", re.I)
# …第N条规定的期限内提出异议: the citation names a term it defines (规定的 + a noun), the sentence is not what it says
_MODIFIER_AFTER = re.compile(r"^\s*(?:所说的|所称的?|所指的?|所规定的|规定的(?!是|内容)(?=[\u4e00-\u9fff])|情形|所列|中所说|里的|所述的?|"
                             r"所称之|的情形|条件|作出的|所作的|所引|援引的|引用的|ground|grounds|case|cases|"
                             r"situation|circumstances?)", re.I)
# a Markdown bullet, a number or an emphasis mark opening a line: - , * , 1. , （一）, **
_LIST_MARK = re.compile(r"^\s*(?:[-*+•·>]+\s+|\*\*|[0-9]{1,2}[.、)）]\s*|[（(][一二三四五六七八九十0-9]{1,3}[)）]\s*)+")
_SUBJECT_VERB = re.compile(r"^[\s”\"）)]*(?:(?:第[一二三四五六七八九十]+款)?(?:也|还|则|亦|同样|明确|专门|进一步|只|仅)?"
                           r"(?:规定|明确|要求|写明|载明|允许|准许|列举|指出|强调|确立|确定|赋予|授权|设定|限定|针对|把|将|"
                           r"对|就|禁止|排除|适用于)|\s*(?:also |further |only |expressly |clearly )?(?:provides?|states?|"
                           r"requires?|says|allows?|permits?|lets|gives?|empowers?|governs?|sets?|caps?|stipulates?|"
                           r"prescribes?|obliges?|bars?|prohibits?|entitles?|authori[sz]es?|deals?|lists?|establishes?|"
                           r"holds?|makes?|treats?|applies|still provides))", re.I)
_CONDITION_BEFORE = re.compile(r"(?:符合|属于|具有|构成|类推|比照|与|同|跟|不同于|区别于|不是|并非|like|unlike|"
                               r"compared with|similar to)\s*$", re.I)
# a sentence that is nothing but its citations and how they are brought in (依据是民事诉讼法第N条。 / 见…。 / See
# Article N of …): it backs the sentence before it
_BARE_SENTENCE = re.compile(r"^[（(]*(?:(?:其|此|这|该|上述|以上|前述)?(?:内容|规则|做法)?的?(?:法律|规范)?"
                            r"(?:依据|根据|出处)(?:是|为|在于|见于|系)?|规定(?:于|在)|见于|参见|详见|见|参照|"
                            r"see(?:also)?|cf\.?|(?:this|that|therule)is(?:provided|setout|laiddown|stated|found)in|"
                            r"(?:the)?(?:legal)?basis(?:is)?|source)?[：:，,]?(?:[、，,和及与]|and)*[）)]*"
                            r"(?:(?:对此|就此)?(?:也|亦)?(?:有|作了|作出了)?(?:明确|相应|具体|专门)?的?规定|providesso|providesforthis)?"
                            r"[）)。.；;！!]*$", re.I)  # matched against the sentence without its spaces


_INFERENCE = re.compile(r"[，,；;]\s*(?:(?:这|此|由此|据此)?(?:说明|可见|足见|因此|所以|这意味着|意味着|推出|可以推知|从而|故而)|"
                        r"(?:有|一种|另一种)?(?:观点|意见|学者|人)(?:据此)?(?:认为|主张)|据此认为)")


WINDOW = 240  # a claim reaches at most this many characters either side of its citation
# at most this many citations share one claim: each citation's checks read its claim, so a claim shared by n
# citations costs n times its length; with runs of GROUP_MAX the guard's work stays linear in the text
GROUP_MAX = 12


def _runs(items: list[int], size: int) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def build_claims(text: str, resolved: list[Resolved], seg: Segments | None = None) -> list[Claim]:
    """The claim of each citation: its clause, plus the clauses up to the next citation in the sentence.

    Citations in one clause (a list, 第241条和执行和解规定第9条) share one Claim. ``local`` narrows it to
    what speaks about them: their own clause, the clauses after it when the citations open it (根据…第N条，…),
    the clauses before it when they close it (…（第N条）).
    """
    cites = [r.citation for r in resolved]
    if seg is None:
        seg = segment(text, [c.span for c in cites])
    spans = sorted(c.span for c in cites)
    blank = _blank(text, spans)  # the text with every citation blanked out, same length
    claims: list[Claim | None] = [None] * len(cites)
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, c in enumerate(cites):
        by_sentence.setdefault(seg.sentence(c.start), []).append(i)
    by_sentence = _join_bare_sentences(text, blank, seg, by_sentence)
    for (s_start, s_end), idxs in by_sentence.items():
        clause_of = {i: seg.clause_index(cites[i].start) for i in idxs}
        members: dict[int, list[int]] = {}
        for i in idxs:
            if cites[i].article is None:
                c = cites[i]  # a law named without an article: tense is read only when a version is named
                claims[i] = Claim(start=max(s_start, c.start - 60), end=min(s_end, c.end + 60), text="")
            else:
                members.setdefault(clause_of[i], []).append(i)
        # a clause's citations share a claim; a longer list than GROUP_MAX is read as runs of GROUP_MAX, each with
        # a claim of its own, so that no claim spans the whole of a pasted list of thousands
        clusters = [(k, run) for k in sorted(members)
                    for run in _runs(sorted(members[k], key=lambda i: cites[i].start), GROUP_MAX)]
        first_clause = seg.clause_index(s_start)
        last_clause = seg.clause_index(max(s_start, s_end - 1))
        def embedded(k: int) -> bool:
            """The cluster's citations stand inside a clause that says something else (…符合公司法第十六条规定的章程,
            人民法院依照民事诉讼法第N条规定发出…): a reference on the way, not a claim of its own."""
            first = min(cites[i].start for i in members[k])
            last = max(cites[i].end for i in members[k])
            c_lo, c_hi = seg.clause(k)
            before_k = _LIST_MARK.sub("", blank[max(c_lo, first - WINDOW):first], count=1)
            if not re.search(r"[\u4e00-\u9fff]", before_k) or _SHORT_LEAD.match(before_k):
                return False
            after_k = blank[last:min(c_hi, last + WINDOW)]
            return bool(_MODIFIER_AFTER.match(after_k) or _CONDITION_BEFORE.search(before_k)
                        or _APPLY_BEFORE.search(before_k) or re.match(r"\s*(?:规定|的规定)(?:的|发出|作出|处理|办理)", after_k))

        for pos, (k, group) in enumerate(clusters):
            first_c = min(cites[i].start for i in group)
            last_c = max(cites[i].end for i in group)
            prev_k = clusters[pos - 1][0] if pos > 0 else first_clause - 1
            next_k = clusters[pos + 1][0] if pos + 1 < len(clusters) else last_clause + 1
            lo = first_clause if pos == 0 else k
            hi = max(next_k - 1, k)
            start = max(s_start, seg.clause(lo)[0], first_c - WINDOW)
            end = min(s_end, seg.clause(hi)[1], last_c + WINDOW)
            c_start, c_end = seg.clause(k)
            before = blank[max(c_start, first_c - WINDOW):first_c]
            after = blank[last_c:min(c_end, s_end, last_c + WINDOW)]
            l_lo, l_hi = k, k
            lead = _LIST_MARK.sub("", before, count=1)  # a bullet or number opening the line is no content
            parenthetical = bool(re.search(r"[（(]\s*$", text[max(c_start, first_c - 2):first_c]))
            # the clause holds nothing but the citation and how it is brought in (x依…第九条， / 此外…第九条规定，):
            # what it says is in the clauses after it, whatever stands before it on the line
            only_citation = bool(_SHORT_TAIL.match(after) and not parenthetical
                                 and (_APPLY_BEFORE.search(before) or _SUBJECT_VERB.match(after)))
            if _SHORT_LEAD.match(lead) or only_citation:
                l_hi = max(k, next_k - 1)
                if _SHORT_TAIL.match(after):  # the clause is only the citation: （第N条）, 依据是第N条
                    l_lo = min(k, prev_k + 1)
            elif parenthetical and _SHORT_TAIL.match(after):
                l_lo = min(k, prev_k + 1)  # …，…（第N条）: the parenthesis backs what precedes it
            modifier = bool(_MODIFIER_AFTER.match(after) or _CONDITION_BEFORE.search(before))
            # is the claim presented as what the cited article says?
            about = bool(_SHORT_LEAD.match(lead) or _SUBJECT_VERB.match(after)
                         or (re.search(r"[（(]\s*$", before) and _SHORT_TAIL.match(after))
                         or (_APPLY_BEFORE.search(before) and _SHORT_TAIL.match(after))) and not modifier
            ls = max(s_start, seg.clause(l_lo)[0], first_c - WINDOW)
            le = min(s_end, seg.clause(l_hi)[1], last_c + WINDOW)
            says_nothing = _SHORT_LEAD.match(_LIST_MARK.sub("", blank[ls:le].replace(" ", ""), count=1).rstrip("，,：: "))
            if pos + 1 < len(clusters) and (says_nothing or (_SHORT_LEAD.match(lead) and all(
                    embedded(q) for q, _ in clusters[pos + 1:]))):
                # 根据X第N条，申请执行人对依照本规定第三条作出的裁定不服的，可以…: the clauses after it are what it says,
                # though they name other provisions on the way
                le = min(s_end, last_c + WINDOW)
                end = max(end, le)
            inference = _INFERENCE.search(blank, last_c, le)  # …第8条规定，A，说明B: B is the writer's, not the article's
            if inference:
                le = inference.start()
                end = min(end, le)
            masked = blank[start:end]
            local_masked = blank[ls:le]
            sentence_text = text[max(s_start, first_c - WINDOW):min(s_end, last_c + WINDOW)]
            raw = text[start:end]
            claim = Claim(start=start, end=end, text=masked, quotes=tuple(claim_quotes(text, start, end)),
                          numbers=tuple(claim_numbers(masked)), topics=claim_topics(masked),
                          local_topics=() if modifier else claim_topics(local_masked),
                          present_tense=is_present(raw), local=local_masked,
                          explained=bool(_EXPLAINED.search(sentence_text)), historical=is_historical(raw),
                          attributed=_attributed(local_masked),
                          consequence=consequence_topics(local_masked), absolutes=absolute_words(local_masked),
                          about=about)
            for i in group:
                claims[i] = claim
    return [c if c is not None else Claim(start=0, end=0, text="") for c in claims]


# what may stand between a (masked, blank) citation and the word that attributes the claim to it: 第N条也明确规定
_ATTRIBUTION_LEAD = re.compile(r"\s(?:[也还则亦都均又即的]|中|里|之中)?(?:明确|专门|进一步)?$")


def _attributed(local_masked: str) -> bool:
    """An attribution word right after a citation: 第N条规定, 该条也明确, 第N条的规定, Article 9 provides. A 要求 or
    明确 elsewhere in the clause is the case's (当事人要求确认…, 给付内容明确), not the article's."""
    return any(_ATTRIBUTION_LEAD.search(local_masked, max(0, m.start() - 8), m.start())
               for m in claim_patterns().attribution.finditer(local_masked))


_SPACES = re.compile(r"\s+")


def _join_bare_sentences(text: str, blank: str, seg: Segments,
                         by_sentence: dict[tuple[int, int], list[int]]) -> dict[tuple[int, int], list[int]]:
    """A sentence that holds nothing but its citations (依据是民事诉讼法第N条。) is read with the sentence before it
    in the same paragraph, when that one cites nothing itself: its claim is what the previous sentence says. Bare
    citation sentences in a row ('(Article 16 of …; Article 152 of …)') are one: they back that sentence together."""
    out: dict[tuple[int, int], list[int]] = {}
    last: tuple[int, int] | None = None  # the key of the last bare group, while bare sentences follow one another
    for (s_start, s_end), idxs in sorted(by_sentence.items()):
        bare = s_start > 0 and bool(_BARE_SENTENCE.match(_SPACES.sub("", blank[s_start:s_end])))
        if bare and last is not None and last[1] == s_start:
            joined = (last[0], s_end)
            out[joined] = out.pop(last) + idxs
            last = joined
            continue
        last = None
        if bare:
            prev = seg.sentence(s_start - 1)
            if prev[0] < s_start and prev not in by_sentence and "\n" not in text[prev[0]:s_start].rstrip():
                start = prev[0]
                while start > 0 and text[start - 1:start] in ("；", ";"):  # one sentence in parts: A；B。
                    before = seg.sentence(start - 1)
                    if before in by_sentence or "\n" in text[before[0]:start] or before[0] >= start:
                        break
                    start = before[0]
                out[(start, s_end)] = idxs
                last = (start, s_end)
                continue
        out[(s_start, s_end)] = idxs
    return out


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    parts = []
    pos = 0
    for s, e in spans:
        if e <= pos:
            continue
        s = max(s, pos)
        parts.append(text[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


# ----- verdicts -----------------------------------------------------------------------------------------
def verify_citations(resolved: list[Resolved], text: str, registry: LawRegistry, *, lang: str | None = None,
                     claims: list[Claim] | None = None) -> list[CheckedCitation]:
    """A verdict for each resolved citation (same order)."""
    lang = lang or detect_lang(text)
    seg = segment(text, [r.citation.span for r in resolved])
    if claims is None:
        claims = build_claims(text, resolved, seg)
    v = _Verifier(registry, text, lang, resolved, claims, seg)
    return [v.check(i) for i in range(len(resolved))]


class _Verifier:
    def __init__(self, registry: LawRegistry, text: str, lang: str, resolved: list[Resolved], claims: list[Claim],
                 seg: Segments):
        self.reg, self.text, self.lang, self.resolved, self.claims = registry, text, lang, resolved, claims
        self.facts = facts_cache(registry)
        self.idx = name_index(registry)
        self.by_claim: dict[int, list[int]] = {}
        self.by_sentence: dict[tuple[int, int], list[int]] = {}
        for j, r in enumerate(resolved):
            self.by_claim.setdefault(claims[j].start, []).append(j)
            self.by_sentence.setdefault(seg.sentence(r.citation.start), []).append(j)
        self.sentence_of = {j: seg.sentence(r.citation.start) for j, r in enumerate(resolved)}
        self._successors: dict[tuple, int | None] = {}
        self._predecessors: dict[tuple[str, str], dict[int, int]] = {}
        self.seg = seg

    # ----- helpers ---------------------------------------------------------------------------------
    def zh(self) -> bool:
        return self.lang == "zh"

    def msg(self, zh: str, en: str) -> str:
        return zh if self.zh() else en

    def law_label(self, r: Resolved) -> str:
        law = self.reg.law(r.law_id)
        if self.zh():
            return law.short_name
        return "the " + re.sub(r" of the People's Republic of China\b", "", law.title_en or law.short_name)

    def cite_label(self, r: Resolved, n: int | None, suffix: int = 0) -> str:
        """民事诉讼法第二百四十四条 / Article 244 of the Civil Procedure Law"""
        if self.zh():
            return f"{self.law_label(r)}{self.art_label(n, suffix)}"
        return f"{self.art_label(n, suffix)} of {self.law_label(r)}"

    def art_label(self, n: int | None, suffix: int = 0) -> str:
        if n is None:
            return ""
        if self.zh():
            return f"第{to_chinese(n)}条" + (f"之{to_chinese(suffix)}" if suffix else "")
        return f"Article {n}" + (f"-{suffix}" if suffix else "")

    def cluster_facts(self, i: int) -> list[ArticleFacts]:
        """Facts of the other citations that share this citation's claim (same sentence and clause)."""
        claim = self.claims[i]
        out = []
        for j in _nearest(self.by_claim.get(claim.start, []), i):
            r = self.resolved[j]
            if j == i or r.law_id is None or r.citation.article is None:
                continue
            cur = self.facts.current(r.law_id)
            if cur is None:
                continue
            f = self.facts.get(r.law_id, r.version or cur, r.citation.article, r.citation.suffix)
            if f is not None:
                out.append(f)
        return out

    def sentence_cross_refs(self, i: int) -> dict[tuple[str, int], tuple[int | None, str | None]]:
        """(law, article as cited) → (current article, cited version) for cross-references inside the articles
        that other citations in the same sentence point to (民事诉讼法第一百零二条 inside 限高规定 第十一条)."""
        out: dict[tuple[str, int], tuple[int | None, str | None]] = {}
        for j in _nearest(self.by_sentence.get(self.sentence_of[i], []), i):
            r = self.resolved[j]
            if j == i or r.law_id is None or r.citation.article is None:
                continue
            cur = self.facts.current(r.law_id)
            if cur is None:
                continue
            art = self.facts.article(r.law_id, r.citation.article, r.version or cur, r.citation.suffix)
            if art is None:
                continue
            for ref in art.cross_refs:
                out[(ref.law_id, ref.cited_article)] = (ref.current_article, ref.cited_version)
        return out

    def _named_inside_cocited(self, i: int, law_id: str, number: int) -> bool:
        """Another citation in the sentence cites an article in force of the same law whose own text refers to
        ``number`` (本法第二百五十三条、第二百五十四条… inside 民事诉讼法第二百六十五条)."""
        cur = self.facts.current(law_id)
        for j in _nearest(self.by_sentence.get(self.sentence_of[i], []), i):
            r = self.resolved[j]
            if j == i or r.law_id != law_id or r.citation.article in (None, number) or r.version not in (None, cur):
                continue
            art = self.facts.article(law_id, r.citation.article, cur, r.citation.suffix)
            if art is not None and number in _internal_refs(art.text):
                return True
        return False

    def applied(self, i: int) -> bool:
        c = self.resolved[i].citation
        claim = self.claims[i]
        before = self.text[max(claim.start, c.start - 8):c.start]
        if c.article is None:
            return bool(_APPLY_BEFORE.search(before)) or is_present(self.text[claim.start:claim.end])
        return bool(_APPLY_BEFORE.search(before)) or claim.present_tense

    def historical(self, i: int) -> bool:
        c = self.resolved[i].citation
        claim = self.claims[i]
        if c.article is None:
            return is_historical(self.text[claim.start:claim.end]) or bool(c.law and c.law.historical)
        return claim.historical or bool(c.law and c.law.historical)

    # ----- the decision ----------------------------------------------------------------------------
    def verdict(self, i: int, verdict: Verdict, message: str, **fields) -> CheckedCitation:
        """The one place a verdict is built: the citation's own record, then what the decision adds or overrides
        (a field named twice replaces the default instead of raising, whatever the status that led here)."""
        r = self.resolved[i]
        record = {"citation": r.citation, "law_id": r.law_id, "law_title": r.law_title, "claim": self.claims[i]}
        return CheckedCitation(**(record | fields), verdict=verdict, message=message)

    def check(self, i: int) -> CheckedCitation:
        r = self.resolved[i]
        c = r.citation
        if r.law_id is None:
            inst = self.reg.outside.get(r.outside) if r.outside else None
            if inst is not None:
                return self._outside(i, r, inst)
            name = (c.law.name if c.law else c.text).strip("《》")
            return self.verdict(i, "unknown_law", self.msg(
                f"法规库中没有「{name}」：可能是虚构或名称有误，无法核对。",
                f"No law named '{name}' in the registry: it may not exist or be misnamed; cannot be checked."))
        law = self.reg.law(r.law_id)
        if law.current is None:
            return self._no_text_in_force(i, law)
        superseded_title = c.law is not None and self.idx.is_superseded_title(c.law.name) is not None
        if c.article is None:
            if r.version is not None and (superseded_title or self.applied(i)) and not self.historical(i):
                return self._not_in_force_version(i, r, None)
            return self.verdict(i, "valid", self.msg(
                f"《{law.title}》是现行有效的规范。", f"{law.title_en or law.title} is in force."))
        if r.version is not None:
            return self._named_version(i, r, superseded_title)
        return self._current(i, r)

    def _revision_narrative(self, i: int) -> bool:
        """The sentence tells the history of the text (早在1991年…, 2012年修正…新增, 2007年的…, the cap is now …) or asks
        about it: it names two revisions, contrasts then and now, or is a question, so a revision's number is told or
        asked about, not applied."""
        start, end = self.sentence_of[i]
        while self.text[end - 2:end].strip()[-1:] in ("；", ";") and end < len(self.text):  # A; B. is one sentence
            end = self.seg.sentence(end)[1]
        sentence = self.text[start:end]
        years = set(re.findall(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", sentence))
        # a question about the revision (2021年修正的民事诉讼法第237条讲的是什么？) applies nothing either
        return len(years) >= 2 or bool(_NARRATIVE.search(sentence)) or bool(re.search(r"[？?]", sentence))

    def _outside(self, i: int, r: Resolved, inst: OutsideInstrument) -> CheckedCitation:
        """A citation of an instrument the corpus knows by name, status and size only (corpus/outside/)."""
        c = r.citation
        zh_no = f"《{inst.title}》共{inst.articles}条，没有{self.art_label(c.article, c.suffix)}"
        en_no = f"{self._outside_en(inst)} has {inst.articles} articles; there is no {self.art_label(c.article, c.suffix)}"
        too_high = c.article is not None and c.article > inst.articles
        if inst.in_force:
            if too_high:
                return self.verdict(i, "nonexistent_article", self.msg(zh_no + "。", en_no + "."))
            return self.verdict(i, "valid", self.msg(
                f"《{inst.title}》不在本库中，只核对了条文序号，内容未核对。",
                f"{self._outside_en(inst)} is not in the corpus; only the article number was checked, not the content."))
        successor = self.reg.laws.get(inst.successor) if inst.successor else None
        if successor is None and inst.successor in self.reg.outside:
            successor = self.reg.outside[inst.successor]
        when = inst.repealed.isoformat() if inst.repealed else ""
        zh_when = f"{inst.repealed.year}年{inst.repealed.month}月{inst.repealed.day}日" if inst.repealed else ""
        zh_by = f"，由《{successor.title}》取代" if successor is not None else ""
        en_by = f" and was replaced by {self._successor_en(successor)}" if successor is not None else ""
        zh_verb = {"superseded": "被取代而失效"}.get(inst.status, "废止")
        zh_extra = f"（且{zh_no}）" if too_high else ""
        en_extra = f" ({en_no})" if too_high else ""
        zh_state = f"《{inst.title}》已于{zh_when}{zh_verb}{zh_by}"
        en_state = f"{self._outside_en(inst)} ceased to be law on {when}{en_by}"
        current_law = getattr(successor, "law_id", None)
        if (self._historical_here(i) or self._states_repeal(i)) and not too_high:
            # the writer speaks of the former law (原合同法, 修改前的, 已废止的…): a historical reference, not a basis
            return self.verdict(i, "valid", law_title=inst.title, current_law=current_law, message=self.msg(
                f"{zh_state}；此处作为历史文本提及，条文内容未核对。",
                f"{en_state[:1].upper()}{en_state[1:]}; it is mentioned here as a former text, its content was not checked."))
        return self.verdict(i, "not_in_force", law_title=inst.title, current_law=current_law, message=self.msg(
            f"{zh_state}，不能作为现行依据{zh_extra}。",
            f"{en_state[:1].upper()}{en_state[1:]}; it is not law in force{en_extra}."))

    def _historical_here(self, i: int) -> bool:
        """The writer speaks of the former law in the citation's own clause (原合同法第…条, 修改前的…, under the former
        …): words like 原/was elsewhere in the sentence are about the facts (原为夫妻共同生活所负的债务, was time-barred)."""
        c = self.resolved[i].citation
        if c.law is not None and c.law.historical:
            return True
        lo, hi = self.seg.clause(self.seg.clause_index(c.start))
        return is_historical(self.text[lo:c.start] + self.text[c.end:hi])

    def _states_repeal(self, i: int) -> bool:
        """The text reports the repeal itself (…同时废止, was repealed by …): a mention, not a basis. For a cited
        article the words must stand in its own comma-clause (根据合同法第一百零七条，… stays a basis)."""
        c = self.resolved[i].citation
        span = self.seg.clause(self.seg.clause_index(c.start)) if c.article is not None else self.sentence_of[i]
        where = self.text[span[0]:span[1]].replace(c.text, "")
        return bool(re.search(r"废止|失效|不再适用|取代|repealed|superseded|replaced|no longer", where, re.I))

    def _outside_en(self, inst: OutsideInstrument) -> str:
        return "the " + inst.names_en[0] if inst.names_en else inst.title

    def _successor_en(self, law) -> str:
        en = getattr(law, "title_en", "") or (law.names_en[0] if getattr(law, "names_en", ()) else "")
        return ("the " + re.sub(r" of the People's Republic of China\b", "", en)) if en else f"《{law.title}》"

    def _no_text_in_force(self, i: int, law) -> CheckedCitation:
        """A corpus instrument with no text in force: a draft, a terminated draft, whatever status the data gives."""
        status = law.latest.status
        ended = getattr(law.latest, "termination", None)
        if ended is not None:
            # a draft whose review was terminated: say when, from the corpus record
            return self.verdict(i, "not_in_force", self.msg(
                f"《{law.title}》是草案，其审议已于{ended.year}年终止，从未通过，不是法律。",
                f"{law.title_en or law.title} is a draft whose review was terminated in {ended.year}; "
                f"it was never enacted and is not law."), law_title=law.title)
        zh_state = {"draft": "是草案，尚未通过施行", "terminated": "是已终止审议的草案，从未施行",
                    "terminated_draft": "是已终止审议的草案，从未施行",
                    "superseded": "已被取代"}.get(status, f"不是现行有效的规范（状态：{status}）")
        en_state = {"draft": "is a draft that has not been enacted", "terminated": "is a draft that was never enacted",
                    "terminated_draft": "is a draft that was never enacted",
                    "superseded": "has been superseded"}.get(status, f"is not in force (status: {status})")
        return self.verdict(i, "not_in_force", self.msg(
            f"《{law.title}》{zh_state}，不是现行有效的法律。",
            f"{law.title_en or law.title} {en_state}; it is not law in force."), law_title=law.title)

    def _not_in_force_version(self, i: int, r: Resolved, mapped: int | None) -> CheckedCitation:
        law = self.reg.law(r.law_id)
        old = self.reg.get_version(r.law_id, r.version)
        c = r.citation
        facts = self.facts.get(r.law_id, r.version, c.article, c.suffix) if c.article else None
        where = (f"，该条现行文本为{self.art_label(mapped)}" if mapped else "") if self.zh() else \
            (f"; the provision is now {self.art_label(mapped)}" if mapped else "")
        return self.verdict(i, 
            law_id=r.law_id, law_title=law.title, version=r.version,
            verdict="not_in_force", current_law=r.law_id if mapped else None, current_article=mapped,
            evidence=Evidence(r.law_id, r.version, c.article, facts.text if facts else ""),
            message=self.msg(f"所引为已被修改或取代的文本（{old.title}，{r.version}），不是现行有效的规定；"
                             f"现行文本为《{law.title}》（{law.current.version}）{where}。",
                             f"This cites a superseded text ({old.title_en or old.title}, {r.version}), not the law "
                             f"in force; the current text is the {law.current.version} version{where}."))

    def _named_version(self, i: int, r: Resolved, superseded_title: bool) -> CheckedCitation:
        c = r.citation
        law = self.reg.law(r.law_id)
        claim = self.claims[i]
        if r.version not in r.exists_in:
            if r.exists_in:
                return self._nonexistent(i, r, in_version=r.version)
            return self._nonexistent(i, r)
        mapped = self.facts.map_article(r.law_id, c.article, r.version)
        historical = self.historical(i)
        if law.current.kind == "law" and mapped and mapped != c.article and not superseded_title \
                and not historical and not claim.explained and not claim.present_tense \
                and not self._revision_narrative(i):
            # a statute amended in place (《民事诉讼法》（2021年修正）第二百四十条): the law is in force, only the number
            # of that revision is out of date; the rule is read from the cited revision, as the writer meant it. (A
            # superseded interpretation named by its year, 2013年失信规定, is another text: not_in_force below.)
            facts = self.facts.get(r.law_id, r.version, c.article, c.suffix)
            f = fit(claim, facts, c.paragraph) if facts else None
            if f is None or not f.negative:
                return self._outdated(i, r, r.version, mapped, facts, f)
        # a superseded text named by its year or title and presented as saying the claim (2013年失信规定第三条规定，…)
        # is cited as law; told as history (曾规定, 2013年…2017年…) it is not
        presented = law.current.kind != "law" and claim.about and not self._revision_narrative(i)
        if (superseded_title or self.applied(i) or presented) and not historical \
                and not self._carried_unchanged(r, mapped):
            if law.current.kind == "law" and mapped and mapped != c.article and not superseded_title:
                # a statute amended in place, applied by an earlier revision's number in a sentence that also names
                # the text in force (依照2021年修正的民事诉讼法第二百四十六条…；依现行…第二百五十条…): the law is in force,
                # the number is out of date
                return self._outdated(i, r, r.version, mapped, self.facts.get(r.law_id, r.version, c.article, c.suffix))
            return self._not_in_force_version(i, r, mapped)
        facts = self.facts.get(r.law_id, r.version, c.article, c.suffix)
        problem = self._support_problem(i, r, facts) if facts else None
        if problem:
            return self._unsupported(i, r, facts, problem, version=r.version, current=mapped)
        return self.verdict(i, 
            law_id=r.law_id, law_title=law.title, version=r.version, verdict="valid",
            current_law=r.law_id if mapped else None, current_article=mapped,
            evidence=Evidence(r.law_id, r.version, c.article, facts.text if facts else ""),
            message=self.msg(
                f"按{r.version}文本核对无误" + (f"；该条现行文本为{self.art_label(mapped)}。" if mapped and mapped != c.article
                                              else ("。" if mapped else "；现行文本已无对应条文。")),
                f"Correct for the {r.version} text" + (f"; it is now {self.art_label(mapped)}." if mapped and mapped != c.article
                                                      else ("." if mapped else "; the current text has no counterpart."))))

    def _carried_unchanged(self, r: Resolved, mapped: int | None) -> bool:
        """The cited article stands in the text in force under the same number, word for word: an amendment that
        left it alone (执行和解规定 法释〔2018〕3号 → 2020年修正, 第六条 untouched) did not take it out of force, so
        citing it by the earlier document number cites the law in force. (A revision that rewrote or renumbered it,
        2013年失信规定 → 2017, did.)"""
        c = r.citation
        if mapped is None or mapped != c.article:
            return False
        old = self.facts.get(r.law_id, r.version, c.article, c.suffix)
        now = self.facts.get(r.law_id, self.facts.current(r.law_id), c.article, c.suffix)
        return old is not None and now is not None and _same_wording(old.text, now.text)

    def _current(self, i: int, r: Resolved) -> CheckedCitation:
        c = r.citation
        law = self.reg.law(r.law_id)
        cur = law.current.version
        claim = self._own_part(i)
        cur_exists = cur in r.exists_in
        if r.uncovered and not cur_exists:
            return self.verdict(i, law_id=r.law_id, law_title=law.title, version=cur,
                                   verdict="valid", current_law=r.law_id, current_article=c.article, message=self.msg(
                                       f"{self.law_label(r)}{self.art_label(c.article)}存在，但本库未收录其条文，内容未核对。",
                                       f"{self.cite_label(r, c.article)} exists but its text is not in "
                                       f"the corpus; the content was not checked."))
        olds = []
        for v in r.exists_in:
            if v == cur:
                continue
            mapped = self.facts.map_article(r.law_id, c.article, v)
            if mapped == c.article:
                continue
            facts = self.facts.get(r.law_id, v, c.article, c.suffix)
            if facts is not None:
                olds.append((fit(claim, facts, c.paragraph), v, mapped, facts))
        if not r.exists_in:
            return self._nonexistent(i, r)
        # the number is today's: the writer named the text in force by its year (2022年民诉法解释第三百零七条), or a
        # co-cited article refers to it in today's numbering (below)
        named_now = r.named_in_force
        if not claim.explained:
            # a cross-reference in a co-cited article fixes the numbering (民事诉讼法第一百零二条 in 限高规定 第十一条)
            refs = self.sentence_cross_refs(i)
            xref = refs.get((r.law_id, c.article))
            # a co-cited article names this very number in today's numbering (第二百六十五条 refers to 第二百五十三条、
            # 第二百五十四条…): the sentence states that article's rule, the number is the one it refers to
            named_now = named_now or bool(xref and xref[0] == c.article and xref[1] in (None, cur)) or \
                self._named_inside_cocited(i, r.law_id, c.article)
            # …unless the number is also what another of its references is now (限高规定 第十一条 refers to 第一百一十一条,
            # now 第一百一十四条, and to the old 第一百一十四条): the writer may cite the current one
            current_too = any(law == r.law_id and now == c.article for (law, _), (now, _) in refs.items())
            if xref and xref[0] and xref[0] != c.article and xref[1] and xref[1] != cur and xref[1] in r.exists_in \
                    and not current_too:
                return self._outdated(i, r, xref[1], xref[0])
        informative = bool(claim.quotes or claim.numbers or claim.topics) or \
            len(claim_grams(claim.text)) >= 4
        if not cur_exists:
            if not olds:
                return self._nonexistent(i, r)
            if claim.explained:
                best = olds[0]
                return self.verdict(i, 
                    law_id=r.law_id, law_title=law.title, version=best[1], verdict="valid",
                    current_law=r.law_id if best[2] else None, current_article=best[2],
                    evidence=Evidence(r.law_id, best[1], c.article, best[3].text),
                    message=self.msg(f"{self.art_label(c.article)}是{best[1]}文本的条文序号（句中已说明）。",
                                     f"{self.art_label(c.article)} is the numbering of the {best[1]} text, as the "
                                     f"sentence says."))
            best = max(olds, key=lambda o: (o[0].score, o[2] is not None, o[1]))
            f = best[0]
            if c.paragraph is not None or c.item is not None:
                # the article exists today, but not that 款/项: only an old text that fits rescues it, by its words
                # (a topic alone does not make an old text's 款 the one meant)
                if r.citation.article in [a for a in (c.article,)] and cur in r.article_in_any and \
                        not (f.positive and not f.negative and (f.contain >= 0.3 or f.score >= 4)):
                    return self._nonexistent(i, r)
            if f.quote_missing or (informative and f.negative and not f.positive):
                return self._nonexistent(i, r)
            mapped = best[2] or self._content_successor(r.law_id, claim, best[3])  # the concordance lost it
            if mapped is None:
                # the number exists only in an old text whose rule the text in force dropped: cited by the name of
                # the law in force, it names an article that law does not have
                return self._nonexistent(i, r)
            return self._outdated(i, r, best[1], mapped, best[3], f)
        cur_facts = self.facts.get(r.law_id, cur, c.article, c.suffix)
        if claim.explained:
            # the sentence is about numbering (原文援引的第X条即现行第Y条): existence is all we can check
            return self.verdict(i, 
                law_id=r.law_id, law_title=law.title, version=cur, verdict="valid",
                current_law=r.law_id, current_article=c.article,
                evidence=Evidence(r.law_id, cur, c.article, cur_facts.text),
                message=self.msg(f"{self.law_label(r)}{self.art_label(c.article, c.suffix)}存在（句中说明的是条文序号）。",
                                 f"{self.cite_label(r, c.article, c.suffix)} exists (the sentence "
                                 f"is about numbering)."))
        cur_fit = fit(claim, cur_facts, c.paragraph)
        if olds and informative and not named_now:
            best = max(olds, key=lambda o: (o[0].score, o[2] is not None, o[1]))
            f = best[0]
            diff = f.score - cur_fit.score
            # the claim restates the old article nearly word for word and the current one much less
            restates_old = f.contain >= 0.85 and cur_fit.contain <= f.contain - 0.3
            if f.contain >= 0.85 and not restates_old:  # similar wording: do the rare words tell them apart?
                finder, grams = provision_finder(self.reg), claim_grams(claim.text)
                old_w = finder.weighted_containment(grams, best[3])
                restates_old = old_w >= 0.85 and finder.weighted_containment(grams, cur_facts) <= old_w - 0.3
            if not restates_old and f.positive and not f.negative and f.contain >= 0.5 and \
                    cur_fit.contain <= f.contain - 0.3:
                restates_old = self._moved(r.law_id, claim, best[3], cur_facts, best[2])
            if f.positive and not f.quote_missing and \
                    ((diff >= 2.5 and (cur_fit.negative or cur_fit.contain < 0.35)) or diff >= 4 or restates_old):
                # the concordance lost it (rewritten, split): the claim's content says where it went
                mapped = best[2] or self._content_successor(r.law_id, claim, best[3])
                if mapped is not None and mapped != c.article:
                    return self._outdated(i, r, best[1], mapped, best[3], f)
        problem = self._support_problem(i, r, cur_facts)
        if problem:
            return self._unsupported(i, r, cur_facts, problem, version=cur, current=c.article)
        return self.verdict(i, 
            law_id=r.law_id, law_title=law.title, version=cur, verdict="valid",
            current_law=r.law_id, current_article=c.article,
            evidence=Evidence(r.law_id, cur, c.article, cur_facts.text, tuple(cur_fit.matched), ()),
            message=self.msg(f"{self.law_label(r)}{self.art_label(c.article, c.suffix)}存在，内容与表述相符。",
                             f"{self.cite_label(r, c.article, c.suffix)} exists and supports the statement."))

    def _moved(self, law_id: str, claim: Claim, old: ArticleFacts, cited_now: ArticleFacts, mapped: int | None) -> bool:
        """The claim states what the old article said and the article in force now holds under another number: its
        rare words are in the old article and in the current article the old number went to, much less in the
        article the number names today (失信规定第七条 for the 2013 删除 rule, now 第十条)."""
        target = mapped or self._content_successor(law_id, claim, old)
        if target is None or target == cited_now.number:
            return False
        now = self.facts.get(law_id, self.facts.current(law_id), target)
        if now is None:
            return False
        finder, grams = provision_finder(self.reg), claim_grams(claim.local or claim.text)
        in_cited = finder.weighted_containment(grams, cited_now)
        return (finder.weighted_containment(grams, old) >= max(0.45, in_cited + 0.25)
                and finder.weighted_containment(grams, now) >= max(0.3, in_cited + 0.1))

    def _own_part(self, i: int) -> Claim:
        """An English claim less the topics and numbers the other provisions cited with it account for ('…; an objection
        under CPL art. 236 (Article 17 of …; Article 465 of …)'): which text of one article it fits is read from the
        rest."""
        claim = self.claims[i]
        if not (claim.topics or claim.numbers) or re.search(r"[\u4e00-\u9fff]", claim.text):
            return claim  # a Chinese claim is read by its words, which name what each article says
        others = self.cluster_facts(i)
        if not others:
            return claim
        topics = set().union(*(f.ext_topics for f in others))
        numbers = set().union(*(f.ext_numbers for f in others))
        return replace(claim, topics=tuple(t for t in claim.topics if t not in topics),
                       numbers=tuple(n for n in claim.numbers if n[1] not in numbers))

    def _content_successor(self, law_id: str, claim: Claim, old: ArticleFacts) -> int | None:
        """The current article that now holds an old article's rule (the concordance lost it: rewritten, split,
        merged), read from the content: the article holding most of the old article's and the claim's words."""
        key = (law_id, old.version, old.number, claim.start, claim.end)
        if key not in self._successors:
            finder = provision_finder(self.reg)
            by_old = finder.shares(old.grams, law_id)
            by_claim = finder.shares(claim_grams(claim.local or claim.text), law_id)
            if not by_claim and claim.topics:
                # an English claim has no Chinese words: the acts it names stand for them (correction → 纠正)
                cur = self.facts.current(law_id)
                for k in heapq.nlargest(8, by_old, key=by_old.get):
                    now = self.facts.get(law_id, cur, k[1]) if cur else None
                    if now is not None and all(t in now.ext_topics for t in claim.topics):
                        by_claim[k] = 1.0
            scored = {k: 0.5 * v + 0.5 * by_claim.get(k, 0.0) for k, v in by_old.items()}
            best = max(scored, key=lambda k: (scored[k], -k[1]), default=None)
            self._successors[key] = best[1] if best is not None and scored[best] >= 0.4 else None
        return self._successors[key]

    # ----- support -------------------------------------------------------------------------------
    def _support_problem(self, i: int, r: Resolved, facts: ArticleFacts) -> tuple[str, list[str]] | None:
        """('quote' | 'number' | 'topic' | 'contradiction' | 'absolute' | 'paragraph', missing spans) or None."""
        claim = self.claims[i]
        c = r.citation
        others = self.cluster_facts(i)
        pool = [facts, *others]
        missing_quotes = [q for q in claim.quotes if not any(quote_found(q, f) for f in pool)]
        if missing_quotes:
            return "quote", missing_quotes
        if c.paragraph is not None and claim.quotes and not others:
            wrong_para = [q for q in claim.quotes if not quote_found(q, facts, c.paragraph)]
            if wrong_para:
                return "paragraph", wrong_para
        if not claim.about:
            # not presented as what the article says (依…作出的裁定, 按…计算, 符合…情形的); a basis the writer
            # applies (可以依据X第N条申请…) is still checked for a clear misattribution
            before = self.text[max(claim.start, c.start - 8):c.start]
            after = self.text[c.end:c.end + 8]
            if _APPLY_BEFORE.search(before) and not _MODIFIER_AFTER.match(after):
                return self._said_elsewhere(i, pool, strict=True)
            return None
        if c.paragraph is not None and not others:
            elsewhere = paragraph_elsewhere(claim.local, claim.local_topics, facts, c.paragraph)
            if elsewhere:
                return "other_paragraph", [str(elsewhere)]
        if c.item is not None and not others:
            items = self._items_of(facts, c.paragraph)
            elsewhere = item_elsewhere(claim.local, items, c.item) if items else None
            if elsewhere:
                return "other_item", [str(elsewhere)]
        numbers = set().union(*(f.ext_numbers for f in pool))
        kinds = {_number_kind(canon) for canon in numbers}
        # a number in the claim's condition (即使超过二年，…; 二年期间届满前，…) that the article has no number of the kind
        # for (no period at all) names another provision's period, not what this article says; 最后一年内 against an
        # article's 最后六个月内 is the article's period misstated
        missing_numbers = [s for s, canon in claim.numbers if not same_period(canon) & numbers and not (
            _number_kind(canon) not in kinds and _in_condition(claim.local or claim.text, s))]
        if missing_numbers:
            return "number", missing_numbers
        pooled_text = "".join(f.text for f in pool)
        if claim.local_topics and not self._case_of_general_rule(claim, pool):
            topics = set().union(*(f.ext_topics for f in pool)) | topics_worded_in(claim.local, pooled_text)
            if not any(t in topics for t in claim.local_topics):
                if containment(claim_grams(claim.local), facts) < 0.5:
                    return "topic", list(claim.local_topics)
        # a cited 款 is what the claim is read against: 第一款 refuses what 第三款 allows in another case
        said = [facts.para_texts[c.paragraph - 1]] if not others and c.paragraph and \
            c.paragraph <= len(facts.para_texts) else [f.text for f in pool]
        x = polarity_conflict(claim.local, said) or negation_conflict(claim.local, said) or \
            exemption_conflict(claim.local, said)
        if x:
            return "polarity", list(x)
        x = strength_conflict(claim.local, said)
        if x:
            return "swap", list(x)
        if not others:
            x = contradicts(claim.local, facts.text) or concept_conflict(claim.local, facts.text)
            if x:
                return "contradiction", [x]
            cited_text = facts.para_texts[c.paragraph - 1] if c.paragraph and c.paragraph <= len(facts.para_texts) \
                else facts.text
            x = contrast_conflict(claim.local, [cited_text], self.reg.contrasts) or \
                aligned_swap(claim.local, [cited_text], self.reg.contrasts)
            if x:
                return "swap", list(x)
            # a period in another unit (三十日 for 一个月) is read as the article's, for which act it belongs to
            in_article_units = [(s, canon if canon in facts.numbers else
                                 min(same_period(canon) & facts.numbers, default=canon)) for s, canon in claim.numbers]
            x = number_binding_conflict(claim.text, in_article_units, facts.text) or \
                borrowed_number_conflict(claim.text, list(claim.numbers), facts.text, self._referred_texts(facts))
            if x:
                return "number", [x]
            x = order_conflict(claim.local, facts.text)
            if x:
                return "contradiction", [x]
            # the event a period starts from; a statute's general event (民事法律行为发生之日) is one a claim may name
            # by its instance (和解协议成立之日), an interpretation's is already the specific one
            if self.reg.law(r.law_id).current.kind != "law":
                x = start_conflict(claim.local, cited_text)
                if x:
                    return "start", [x]
            if claim.attributed or re.search(r"\b(?:allows?|permits?|lets)\b|允许", claim.local[:600]):
                x = exclusive_conflict(claim.local, facts.text)
                if x:
                    return "absolute", [x]
        # the consequence (可以/应当 …, may/shall …) names a topic the article does not have
        cons = claim.consequence
        if cons:
            topics = set().union(*(f.ext_topics for f in pool))
            if not any(t in topics for t in cons):
                return "topic", list(cons)
        # a rule stated as the article's (规定 / provides) is its rule, every absolute word with it; one only brought in
        # by the citation (依据X，…一律…; …（X）) is read for the words that admit no case at all (一律, 自动): 无需,
        # 无论, 只要 there are as often the writer's own faithful reading
        absolutes = [w for w in claim.absolutes if w in _STRONG_ABSOLUTES] if claim.attributed else \
            [w for w in claim.absolutes if w in _CATEGORICAL and _governs_rule(claim.local, w)] if claim.about else []
        if absolutes:
            in_article = set().union(*(set(f.absolutes) for f in pool))
            pooled = pooled_text
            extra = [w for w in absolutes if w not in in_article and w not in pooled
                     and not any(zh in pooled for zh in _EN_ABSOLUTE_ZH.get(w, ()))
                     and not restates_prohibition(claim.local, w, [f.text for f in pool])]
            if extra:
                return "absolute", extra
        return (self._old_rule(i, r, facts) if not others else None) or \
            self._condition_elsewhere(i, pool) or self._said_elsewhere(i, pool)

    def _old_rule(self, i: int, r: Resolved, facts: ArticleFacts) -> tuple[str, list[str]] | None:
        """The claim's case is one an earlier text of this very provision listed and the text in force dropped
        (认定事实的主要证据不足的 under 民事诉讼法第二百四十八条: the 1991 and 2008 texts' ground, gone since 2013): the
        claim's condition clause is nearly word for word in the earlier article the cited one continues, and much less
        in the cited one. ('old_rule', [version, old number])"""
        claim = self.claims[i]
        conditions = [seg for seg, is_condition, _ in clause_segments(claim.local) if is_condition]
        grams = claim_grams("，".join(conditions)) - STOP_GRAMS
        if len(grams) < 6 or facts.version != self.facts.current(r.law_id):
            return None
        own = len(grams & facts.grams) / len(grams)
        if own >= 0.6:
            return None
        for version in reversed(self.facts.versions(r.law_id)):
            if version == facts.version:
                continue
            old_number = self._predecessor(r.law_id, version, facts.number)
            old = self.facts.get(r.law_id, version, old_number) if old_number else None
            if old is not None and len(grams & old.grams) / len(grams) >= max(0.9, own + 0.3):
                return "old_rule", [version, str(old_number)]
        return None

    def _predecessor(self, law_id: str, version: str, number: int) -> int | None:
        """The article of an earlier text that the concordance carries to ``number`` of the text in force."""
        key = (law_id, version)
        if key not in self._predecessors:
            back: dict[int, int] = {}
            law_version = self.reg.get_version(law_id, version)
            for art in law_version.articles if law_version is not None else ():
                if art.suffix == 0:
                    now = self.facts.map_article(law_id, art.number, version)
                    if now is not None:
                        back.setdefault(now, art.number)
            self._predecessors[key] = back
        return self._predecessors[key].get(number)

    def _items_of(self, facts: ArticleFacts, paragraph: int | None) -> list[str]:
        """The 项 of the cited 款, or of the one 款 of the article that has items when none is cited."""
        art = self.facts.article(facts.law_id, facts.number, facts.version)
        if art is None:
            return []
        if paragraph is not None:
            return list(art.paragraphs[paragraph - 1].items) if 1 <= paragraph <= len(art.paragraphs) else []
        listed = [p for p in art.paragraphs if p.items]
        return list(listed[0].items) if len(listed) == 1 else []

    def _referred_texts(self, facts: ArticleFacts) -> list[str]:
        """The texts in force of the provisions an article refers to (依照民事诉讼法第二百二十五条…)."""
        art = self.facts.article(facts.law_id, facts.number, facts.version)
        out = []
        for ref in art.cross_refs if art is not None else ():
            target = self.reg.article(ref.law_id, ref.current_article) if ref.current_article else None
            if target is not None:
                out.append(target.text)
        return out

    def _case_of_general_rule(self, claim: Claim, pool: list[ArticleFacts]) -> bool:
        """A statute's general rule applied to the claim's case: the topics the claim names stand only in its condition
        (受胁迫签订和解协议的，撤销权…自胁迫行为终止之日起计算 citing the 民法典): the rule is the statute's, the case is
        the writer's."""
        if not all(self.reg.law(f.law_id).current.kind == "law" for f in pool):
            return False
        stated = "，".join(seg for seg, is_condition, _ in clause_segments(claim.local) if not is_condition)
        return not claim_topics(stated)

    def _condition_elsewhere(self, i: int, pool: list[ArticleFacts]) -> tuple[str, list[str]] | None:
        """The claim's condition (…的，) is another provision's word for word while the cited articles hold little of
        it: 追索赡养费…的权利人死亡的，应当裁定中止执行 cites the 中止 article for the 终结 article's case."""
        claim = self.claims[i]
        c = self.resolved[i].citation
        sentence_start, sentence_end = self.sentence_of[i]
        if _SHORT_TAIL.match(self.text[c.end:sentence_end]):
            stated = self.text[claim.start:c.start]  # …的，…（第N条）。: the citation closes the statement
        elif claim.about and _SHORT_LEAD.match(_LIST_MARK.sub("", self.text[sentence_start:c.start], count=1)):
            stated = self.text[c.end:sentence_end]  # 依第N条，…的，…。: the citation opens it
        else:
            return None  # only a citation that opens or closes the statement backs its condition
        conditions = [seg for seg in re.split(r"[，,；;。]", stated) if seg.strip().endswith("的")]
        text = "".join(conditions)
        grams = claim_grams(text)
        if len(grams - STOP_GRAMS) < 8:
            return None
        finder = provision_finder(self.reg)
        own = max(finder.weighted_containment(grams, f) for f in pool)
        if own >= 0.35:
            return None
        hit = finder.best(text, {(f.law_id, f.number) for f in pool}, minimum=0.85)
        if hit is None or self._elaborates(pool, hit[0], hit[1]):
            return None
        return "elsewhere", [f"{hit[0]}:{hit[1]}"]

    def _elaborates(self, pool: list[ArticleFacts], law_id: str, number: int) -> bool:
        """One of the cited articles and the other provision refer to each other's law (an interpretation applying the
        statute: 依照民事诉讼法第二百三十八条规定…): the words they share are the statute's, rightly used."""
        other = self.facts.article(law_id, number, self.facts.current(law_id))
        cited_laws = {f.law_id for f in pool}
        if other is not None and any(ref.law_id in cited_laws for ref in other.cross_refs):
            return True
        for f in pool:
            art = self.facts.article(f.law_id, f.number, f.version)
            if art is not None and any(ref.law_id == law_id for ref in art.cross_refs):
                return True
        return False

    def _said_elsewhere(self, i: int, pool: list[ArticleFacts], strict: bool = False) -> tuple[str, list[str]] | None:
        """The statement is another provision's (a neighbour, or another instrument: 执行担保规定 cited for 执行和解规定
        content): the cited articles hold little of its wording, one other provision holds nearly all of it."""
        claim = self.claims[i]
        grams = claim_grams(claim.local)
        if len(grams) < 8 or claim.explained:
            return None
        own = max(containment(grams, f) for f in pool)
        cited = {(f.law_id, f.number) for f in pool}
        finder = provision_finder(self.reg)
        if own > 0.4:
            # the statement is another provision nearly word for word, rare words included, and the cited one holds
            # much less of it: formulaic neighbours (变更追加 provisions) share the common words, not the rare ones.
            # Not for a provision applied on the way (依照民事诉讼法第二百三十六条提出异议，…): the sentence is another's
            if strict:
                return None
            hit = finder.best(claim.local, cited, minimum=0.9)
            own_w = max(finder.weighted_containment(grams, f) for f in pool)
            if hit is None or hit[2] - own_w < 0.3 or own_w > 0.55 or len(grams) < 12:
                return None
        else:
            hit = finder.best(claim.local, cited, minimum=0.8 if strict else 0.7)
            if hit is None or hit[2] - own < 0.45:
                return None
        other = self.facts.get(hit[0], self.facts.current(hit[0]), hit[1])
        if other is None or polarity_conflict(claim.local, [other.text]):
            return None
        art = self.facts.article(hit[0], hit[1], self.facts.current(hit[0]))
        cited_laws = {law_id for law_id, _ in cited}
        if art is not None and any(ref.law_id in cited_laws for ref in art.cross_refs):
            return None  # the other provision elaborates the cited law (依照民事诉讼法第…条的规定…): not a misattribution
        return "elsewhere", [f"{hit[0]}:{hit[1]}"]

    # ----- verdict builders ----------------------------------------------------------------------
    def _unsupported(self, i: int, r: Resolved, facts: ArticleFacts, problem: tuple[str, list[str]], *,
                     version: str, current: int | None) -> CheckedCitation:
        kind, missing = problem
        if kind == "topic":
            missing = [TOPIC_LABELS.get(t, (t, t))[0 if self.zh() else 1] for t in missing]
        if kind == "swap" and not self.zh():  # the terms in the English words the data gives for them
            english = {term: words for cs in self.reg.contrasts for words, term in reversed(cs.en)}  # first listed
            missing = [english.get(t, t) for t in missing]
        c = r.citation
        where = f"{self.law_label(r)}{self.art_label(c.article, c.suffix)}" if self.zh() else \
            f"{self.cite_label(r, c.article, c.suffix)}"
        shown = "、".join(missing[:3]) if self.zh() else ", ".join(missing[:3])
        first, last = (missing[0], missing[-1]) if missing else ("", "")  # every message below is formatted
        other_para = int(missing[0]) if kind == "other_paragraph" else 0
        other_item = int(missing[0]) if kind == "other_item" else 0
        old_label = self.art_label(int(last)) if kind == "old_rule" else ""
        elsewhere = None
        if kind == "elsewhere":
            law_id, _, number = missing[0].partition(":")
            elsewhere = (law_id, int(number), None)
            missing = []
        zh = {"quote": f"{where}中找不到所引原文「{shown}」。",
              "paragraph": f"所引原文「{shown}」不在{where}第{to_chinese(c.paragraph or 0)}款。",
              "other_paragraph": f"所述内容规定在{where}第{to_chinese(other_para)}款，"
                                 f"不在所引第{to_chinese(c.paragraph or 0)}款。",
              "other_item": f"所述内容规定在{where}第（{to_chinese(other_item)}）项，不在所引第（{to_chinese(c.item or 0)}）项。",
              "old_rule": f"所述情形是{first}文本{old_label}的规定，现行{where}已无此规定。",
              "number": f"{where}没有规定「{shown}」这一期限或数额。",
              "topic": f"{where}与所述事项（{shown}）无关。",
              "contradiction": f"{where}的规定与表述相反（「{shown}」）。",
              "polarity": f"{where}规定的是「{last}」，与表述「{first}」相反。",
              "swap": f"{where}规定的是「{last}」，不是「{first}」。",
              "absolute": f"{where}没有「{shown}」这样的绝对化表述。",
              "start": f"{where}规定的起算时间不是「{shown}」。",
              "elsewhere": f"{where}没有规定所述内容。"}[kind]
        en = {"quote": f"The quoted words '{shown}' are not in {where}.",
              "paragraph": f"The quoted words '{shown}' are not in paragraph {c.paragraph} of {where}.",
              "other_paragraph": f"The statement is in paragraph {other_para} of {where}, not in paragraph "
                                 f"{c.paragraph}.",
              "other_item": f"The statement is in item {other_item} of {where}, not in item {c.item}.",
              "old_rule": f"The case stated is the {first} text's ({old_label}); {where} in force no longer has it.",
              "number": f"{where} contains no such period or amount ('{shown}').",
              "topic": f"{where} does not deal with the stated topic ({shown}).",
              "contradiction": f"{where} says the opposite ('{shown}').",
              "polarity": f"{where} says '{last}', the opposite of '{first}'.",
              "swap": f"{where} says '{last}', not '{first}'.",
              "absolute": f"{where} contains no absolute rule like '{shown}'.",
              "start": f"{where} does not start the period or effect from '{shown}'.",
              "elsewhere": f"{where} does not say this."}[kind]
        supported_by = (r.law_id, c.article, other_para) if other_para else \
            (r.law_id, c.article, c.paragraph) if other_item else \
            elsewhere or self._provision_saying(i, kind, facts)
        if supported_by and not other_para and not other_item:
            law_id, number, _ = supported_by
            label = self.reg.law(law_id).short_name if self.zh() else self.law_label_of(law_id)
            zh += f"所述内容见于{label}{self.art_label(number)}。"
            en += f" The statement matches {self.art_label(number)} of {label}."
        return self.verdict(i, version=version,
                            verdict="unsupported", current_law=r.law_id if current else None, current_article=current,
                            evidence=Evidence(r.law_id, version, c.article, facts.text, (), tuple(missing)),
                            message=self.msg(zh, en), supported_by=supported_by)

    def law_label_of(self, law_id: str) -> str:
        law = self.reg.law(law_id)
        return "the " + re.sub(r" of the People's Republic of China\b", "", law.title_en or law.short_name)

    def _provision_saying(self, i: int, kind: str, facts: ArticleFacts) -> tuple[str, int, None] | None:
        """The provision in force (this law or another instrument) that holds the statement, if one clearly does."""
        if kind not in ("topic", "number", "polarity", "contradiction", "quote", "swap", "start"):
            return None
        claim = self.claims[i]
        cited = {(self.resolved[j].law_id, self.resolved[j].citation.article)
                 for j in self.by_claim.get(claim.start, [i])}
        text = " ".join(claim.quotes) if kind == "quote" else claim.local
        hit = provision_finder(self.reg).best(text, cited, minimum=0.5)
        if hit is None:
            return None
        law_id, number, share = hit
        if share < containment(claim_grams(text), facts) + 0.2:
            return None
        other = self.facts.get(law_id, self.facts.current(law_id), number)
        if other is None or polarity_conflict(claim.local, [other.text]):
            return None
        if any(t not in other.ext_topics for t in claim.local_topics):
            return None  # it must deal with what the claim is about, not only share its words
        if any(canon not in other.ext_numbers for _, canon in claim.numbers):
            return None
        if kind == "quote" and not all(quote_found(q, other) for q in claim.quotes):
            return None
        return law_id, number, None

    def _nonexistent(self, i: int, r: Resolved, in_version: str | None = None) -> CheckedCitation:
        c = r.citation
        law = self.reg.law(r.law_id)
        count = self.reg.article_count(r.law_id, in_version) if in_version else max(
            (len(v.articles) for v in law.versions), default=0)
        art_exists = bool(r.article_in_any) if in_version is None else in_version in r.article_in_any
        if art_exists and (c.paragraph is not None or c.item is not None):
            zh = f"{self.law_label(r)}{self.art_label(c.article, c.suffix)}没有" + \
                 (f"第{to_chinese(c.paragraph)}款" if c.paragraph else "") + (f"第（{to_chinese(c.item)}）项" if c.item else "") + "。"
            en = f"{self.cite_label(r, c.article, c.suffix)} has no " + \
                 " ".join(x for x in ((f"paragraph {c.paragraph}" if c.paragraph else ""),
                                      (f"item {c.item}" if c.item else "")) if x) + "."
        elif in_version is None and r.article_in_any:
            only = "、".join(r.article_in_any)
            zh = (f"现行{self.law_label(r)}没有{self.art_label(c.article, c.suffix)}；该条号只见于{only}文本，"
                  f"且其内容与所述不符。")
            en = (f"{self.law_label(r)[:1].upper()}{self.law_label(r)[1:]} in force has no {self.art_label(c.article, c.suffix)}; that number exists "
                  f"only in the {only} text, whose content does not match the statement.")
        else:
            ver = f"（{in_version}文本）" if in_version else ""
            zh = f"{self.law_label(r)}{ver}没有{self.art_label(c.article, c.suffix)}（共{count}条），任何版本中都不存在此条。" \
                if not in_version else f"{self.law_label(r)}{ver}没有{self.art_label(c.article, c.suffix)}（该文本共{count}条）。"
            en = (f"{self.law_label(r)[:1].upper()}{self.law_label(r)[1:]} has no {self.art_label(c.article, c.suffix)} in any version "
                  f"(at most {count} articles)." if not in_version else
                  f"The {in_version} text of {self.law_label(r)} has no {self.art_label(c.article, c.suffix)} ({count} articles).")
        return self.verdict(i, law_id=r.law_id, law_title=law.title, claim=self.claims[i],
                               version=in_version or law.current.version, verdict="nonexistent_article",
                               evidence=Evidence(r.law_id, in_version, c.article, ""), message=self.msg(zh, en))

    def _dropped(self, i: int, r: Resolved, old_version: str) -> CheckedCitation:
        c = r.citation
        law = self.reg.law(r.law_id)
        facts = self.facts.get(r.law_id, old_version, c.article, c.suffix)
        return self.verdict(i, 
            law_id=r.law_id, law_title=law.title, version=old_version,
            verdict="not_in_force", evidence=Evidence(r.law_id, old_version, c.article, facts.text if facts else ""),
            message=self.msg(f"{self.art_label(c.article)}只见于{old_version}文本，现行文本已删除该条。",
                             f"{self.art_label(c.article)} exists only in the {old_version} text and was dropped from "
                             f"the text in force."))

    def _outdated(self, i: int, r: Resolved, old_version: str, mapped: int, facts: ArticleFacts | None = None,
                  f: Fit | None = None) -> CheckedCitation:
        c = r.citation
        law = self.reg.law(r.law_id)
        facts = facts or self.facts.get(r.law_id, old_version, c.article, c.suffix)
        old_label = self.art_label(c.article, c.suffix)
        new_label = self.art_label(mapped)
        repair = None
        if c.number_span is not None:
            s, e = c.number_span
            new_number = to_chinese(mapped) if c.number_style == "chinese" else str(mapped)
            note = self.msg(f"〔注：原引{old_label}系{old_version}文本的条文序号，现行文本为{new_label}〕",
                            f" [note: {old_label} is the numbering of the {old_version} text; it is now {new_label}]")
            repair = Repair(start=s, end=e, original=self.text[s:e], replacement=new_number, note=note)
        return self.verdict(i, 
            law_id=r.law_id, law_title=law.title, version=old_version,
            verdict="outdated_numbering", current_law=r.law_id, current_article=mapped, repair=repair,
            evidence=Evidence(r.law_id, old_version, c.article, facts.text if facts else "",
                              tuple(f.matched) if f else (), tuple(f.missing) if f else ()),
            message=self.msg(f"{old_label}是{self.law_label(r)}{old_version}文本的条文序号；所述内容现行文本为{new_label}。",
                             f"{old_label} is the numbering of the {old_version} text of {self.law_label(r)}; "
                             f"the provision is now {new_label}."))


_CONDITION_SEGMENT = re.compile(r"^\s*(?:即使|即便|如果|假如|若|凡|超过|逾期|在)|(?:的|前|后|时|之前|之后|以前|以后)\s*$")


_PERIOD_UNITS = frozenset({"h", "d", "wd", "w", "m", "y"})


_INTERNAL_REF = re.compile(r"(?:本法|本规定|本解释)(第[〇零一二三四五六七八九十百千]+条(?:(?:、|和|或者|及|至)第[〇零一二三四五六七八九十百千]+条)*)")


def _internal_refs(article_text: str) -> set[int]:
    """The article numbers an article refers to in its own instrument (本法第二百五十三条、第二百五十四条)."""
    return {parse_numeral(n) for m in _INTERNAL_REF.finditer(article_text)
            for n in re.findall(r"第([〇零一二三四五六七八九十百千]+)条", m.group(1))}


def _number_kind(canon: str) -> str:
    """'period' for any length of time (15d, 6m, 2y), else the unit (yuan, x, permyriad)."""
    unit = re.sub(r"^[0-9.]+", "", canon)
    return "period" if unit in _PERIOD_UNITS else unit


def _in_condition(text: str, surface: str) -> bool:
    """The number stands in a comma-clause that is a condition (即使超过二年 / 二年期间届满前 / 超过…的)."""
    i = text.find(surface)
    if i < 0:
        return False
    start = max(text.rfind(ch, 0, i) for ch in "，,。；;：:\n") + 1
    ends = [j for j in (text.find(ch, i) for ch in "，,。；;：:\n") if j >= 0]
    segment = text[start:min(ends) if ends else len(text)]
    return bool(_CONDITION_SEGMENT.search(segment))


_NARRATIVE = re.compile(r"早在|早期|最初|起初|新增|增加了|修正后|修订后|修改后|此后|后来|现行|目前|如今|位于|"
                        r"\b(?:now|today|currently|later|originally|at the time|since then|subsequently)\b", re.I)


def _nearest(idxs: list[int], i: int, k: int = 6) -> list[int]:
    """At most k indices of ``idxs`` (sorted) on each side of i: lists of thousands stay linear."""
    if len(idxs) <= 2 * k + 1:
        return idxs
    p = bisect.bisect_left(idxs, i)
    return idxs[max(0, p - k):p + k + 1]


# the words a Chinese article uses for an English absolute (自动转为 is 'automatically becomes')
_EN_ABSOLUTE_ZH = {"automatically": ("自动",), "without exception": ("一律", "一概"), "in all cases": ("一律", "一概"),
                   "always": ("一律", "一概"), "any circumstances": ("任何",), "at any time": ("随时",),
                   "at any stage": ("随时", "任何阶段")}
# 只要…就, 所有…都, 无论…都: a rule stated without the conditions the article sets
_CATEGORICAL = ("一律", "一概", "任何情况下", "无论如何", "自动", "直接生效", "automatically", "without exception",
                "in all cases", "any circumstances")
def _governs_rule(text: str, word: str) -> bool:
    """一律/一概 make a rule categorical only where they govern one — a modal, an effect, a time or a way of dealing
    with the case (一律不得查封, 一律无效, 一律停止执行, 一律从…起计算, 一律按…受偿): 对所有协议一律给出两条路 describes the
    article; a manner (自动, automatically) is the rule itself."""
    if word not in ("一律", "一概", "任何情况下", "无论如何"):
        return True
    return bool(re.search(re.escape(word) + r"[^，。；;,]{0,4}?(?:不得|不予|不能|不可|不受|应当|应予|必须|须|可以|可|无需|无须|"
                                            r"予以|视为|为|无效|有效|停止|中止|终结|解除|从|自|按|依|由|以|适用|不适用)", text))


_STRONG_ABSOLUTES = ("一律", "一概", "即可", "无需", "无须", "不需要", "自动", "直接生效", "任何情况下", "无论如何",
                     "只要", "所有", "无论", "不论",
                     "automatically", "without exception", "in all cases", "any circumstances", "always", "at any time",
                     "at any stage")


def _same_wording(a: str, b: str) -> bool:
    """Two texts of an article that differ at most in spacing and punctuation."""
    def letters(text: str) -> str:
        return "".join(ch for ch in text if ch.isalnum())
    return letters(a) == letters(b)
