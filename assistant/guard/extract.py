"""Step 1: find every citation in a text, Chinese or English, with its character span.

>>> from assistant.guard import default_registry
>>> [(c.text, c.law.law_id, c.article) for c in extract_citations("民诉法第二百四十一条第二款", default_registry())]
[('民诉法第二百四十一条第二款', 'cpl', 241)]

Handled: 《title》第N条 / alias第N条 (Chinese, Arabic or mixed numerals; 之一; 第M款; 第（K）项), lists and
ranges (第九条、第十条; 第九条至第十一条; 第9、10条), back-references (该条第二款, 同法第X条, 本规定第X条, a bare
第X条 after a law was named), year qualifiers (2017年民事诉讼法, 《民事诉讼法》（2017年修正）), unknown laws
(《民事执行法》第3条, 民事执行法第3条), and English (Article 244 of the Civil Procedure Law, Art. 9 of the SPC
Provisions on Enforcement Settlement, Articles 9 and 10 of …, CPL Article 244, Article 241(2)).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from assistant.corpus.registry import LawRegistry, paragraph_and_item_exist
from assistant.guard.claims import claim_quotes, claim_topics, containment, facts_cache, quote_found
from assistant.guard.lexicon import BACKREF_LAW, EN_ORDINALS, NAME_LEAD_WORDS
from assistant.guard.tokenize import bigrams
from assistant.guard.names import NameIndex, looks_like_law, name_index
from assistant.guard.records import Citation, LawMention
from assistant.guard.tokenize import NUM, fold, is_cjk, parse_number
from assistant.text.legal_systems import names_pattern

# ----- Chinese article references ----------------------------------------------------------------------
_SUF = r"(?:\s*之\s*(?P<suf>[一二三四五六七八九十]{1,3}))?"
_PARTS = (rf"(?:\s*第\s*(?P<para>{NUM})\s*款)?"
          rf"(?:\s*(?:第\s*\(\s*(?P<item1>{NUM})\s*\)\s*项?|\(\s*(?P<item2>{NUM})\s*\)\s*项|第\s*(?P<item3>{NUM})\s*项))?")
_LIST_SEP = r"(?:、|,|，|和|及|与|或)"
_RANGE_SEP = r"(?:至|到|-|~)"
ZH_ART = re.compile(
    rf"第\s*(?P<nums>{NUM}(?:\s*(?:{_LIST_SEP}|{_RANGE_SEP})\s*第?\s*{NUM}){{0,12}})\s*条{_SUF}{_PARTS}")
ZH_CONT = re.compile(
    rf"\s*(?P<sep>、|,|，|和|以及|及|与|或者|或|并|至|到|-|~)\s*"
    rf"(?:(?:第\s*)?(?P<nums>{NUM}(?:\s*(?:{_LIST_SEP}|{_RANGE_SEP})\s*第?\s*{NUM}){{0,12}})\s*条{_SUF}{_PARTS}"
    rf"|第\s*(?P<para_only>{NUM})\s*款(?:\s*(?:第\s*\(\s*(?P<pitem1>{NUM})\s*\)\s*项?|第\s*(?P<pitem2>{NUM})\s*项))?"
    rf"|(?:第\s*\(\s*(?P<item_only1>{NUM})\s*\)\s*项?|第\s*(?P<item_only2>{NUM})\s*项))")
ZH_PARTS_ONLY = re.compile(
    rf"\s*(?:第\s*(?P<para>{NUM})\s*款)?"
    rf"(?:\s*(?:第\s*\(\s*(?P<item1>{NUM})\s*\)\s*项?|\(\s*(?P<item2>{NUM})\s*\)\s*项|第\s*(?P<item3>{NUM})\s*项))?")
ZH_BACKREF_ART = re.compile(r"(?:(?:该条|本条|同条|此条|前条|上条)(?![例件约目文款])|上述条文|前述条文|该条文|该条款|前引条文)")
_GENERIC_REF = re.compile(r"(?:相关|有关|具体|法律|明确|特别|一般|其他|各项|这些|这一|那些|上开|此前|以上|以下|下列|上列|现行|"
                          r"原|新|旧|我国|前|后|两部|这部|那部)(?:的)?"
                          r"(?:规定|解释|司法解释|法律|法规|办法|意见|规则|条例|法)$|^(?:司法解释|规定|解释|法规|法律)$")
ZH_PART_ALONE = re.compile(
    rf"第\s*(?P<para>{NUM})\s*款(?:\s*(?:第\s*\(\s*(?P<pitem1>{NUM})\s*\)\s*项?|第\s*(?P<pitem2>{NUM})\s*项))?"
    rf"|第\s*\(\s*(?P<item1>{NUM})\s*\)\s*项|第\s*(?P<item2>{NUM})\s*项")
EN_PART_ALONE = re.compile(
    r"(?<![a-z])(?:(?:paragraph|para\.)\s*(?P<p>[0-9]{1,3})"
    r"(?:\s*,?\s*(?:item|subparagraph|point)\s*\(?(?P<pi>[0-9]{1,3})\)?)?"
    r"(?:\s+of\s+(?:that|this|the same|the said|the above|the preceding)\s+(?:article|provision))?"
    r"|(?:item|subparagraph|point)\s*\(\s*(?P<i>[0-9]{1,3})\s*\)"
    r"(?:\s+of\s+(?:that|this|the same|the said|the above|the preceding)\s+(?:article|provision))?)")
_NUM_SPLIT = re.compile(rf"(?P<sep>{_LIST_SEP}|{_RANGE_SEP})?\s*第?\s*(?P<n>{NUM})")
# Chinese text runs that may hold a name before 第 (names with brackets included)
_RUN_CHARS = re.compile(r"[\u4e00-\u9fff、《》〔〕0-9]")
_NOT_A_LAW_TAIL = re.compile(r"(?:合同|协议|约定|章程|判决书?|裁定书?|决定书|调解书|笔录|通知书|公告|条款|附件|"
                             r"规则书|说明书|清单|表|书|单|函|文件|报告|意见书)$")
# ----- English article references ----------------------------------------------------------------------
# (2), and a Roman numeral in lower case for an item: Article 2(iii), Article 10(1)(i)
_EN_SUB = r"(?:\s*\(\s*(?P<{0}>[0-9]{{1,3}}|[ivx]{{1,5}})\s*\))?"
_ROMAN = {"i": 1, "v": 5, "x": 10}


def _roman(s: str) -> int:
    """'iv' → 4, 'ix' → 9, 'viii' → 8."""
    values = [_ROMAN[ch] for ch in s]
    return sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values))


def _en_parts(para: str | None, item: str | None) -> tuple[int | None, int | None]:
    """(paragraph, item) of an English reference's brackets: a Roman numeral names an item (Article 2(iii)), also
    where it stands first; Arabic numerals a paragraph, then an item."""
    if para and not para.isdigit():
        return None, _roman(para)
    return _num(para), (_roman(item) if item and not item.isdigit() else _num(item))
EN_ART = re.compile(
    r"(?<![a-z])(?P<kw>articles?|arts?\.?|art\.|sections?|rules?|clauses?|§§?)\s*(?P<n>[0-9]{1,6})(?!\.[0-9])"
    + _EN_SUB.format("p") + _EN_SUB.format("i")
    + r"(?:\s*,?\s*(?:paragraph|para\.?|§)\s*(?P<p2>[0-9]{1,3}))?"
    + r"(?:\s*,?\s*(?:item|subparagraph|sub-paragraph|point|subitem)\s*\(?(?P<i2>[0-9]{1,3})\)?)?")
EN_CONT = re.compile(
    r"\s*(?P<sep>,\s*and|,\s*or|,|and|or|&|to|through|-|~)\s*(?:(?:articles?|arts?\.?)\s*)?(?P<n>[0-9]{1,6})(?!\.[0-9])"
    + _EN_SUB.format("p") + _EN_SUB.format("i"))
EN_PARA_FIRST = re.compile(
    r"(?<![a-z])(?:(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th)"
    r"\s+paragraph|(?:paragraph|para\.?)\s*(?P<pn>[0-9]{1,3}))"
    r"(?:\s*,?\s*(?:item|subparagraph|point)\s*\(?(?P<it>[0-9]{1,3})\)?)?"
    r"\s*(?:of|,|in)\s*(?P<kw>article|art\.?)\s*(?P<n>[0-9]{1,6})")
EN_LINK = re.compile(r"\s*,?\s*(?:of|in|under)\s+(?:the\s+)?")
EN_BACKREF = re.compile(
    r"\s*,?\s*(?:(?:of|in|under)\s+(?:the\s+)?(?:same|said|this|these|that|those|above|aforementioned|aforesaid)\s+"
    r"(?:law|code|provisions?|interpretation|regulations?|rules|measures|act)|thereof|ibid\.?)(?![a-z])")
EN_BACKREF2 = re.compile(
    r"\s*,?\s*(?:of|in|under)\s+the\s+(?:law|code|provisions|interpretation|regulations|rules|measures|act)(?![\w])"
    r"(?!\s+(?:on|of|concerning|for|regarding)\b)")
EN_GENERIC_NAME = re.compile(
    r"(?:(?:19|20)[0-9]{2}\s+)?(?P<name>(?:[A-Z][\w'’-]*|of|on|the|for|and|in|to|by|concerning|regarding|"
    r"\((?:Draft|Trial|Trial Implementation|Provisional)\))"
    r"(?:\s+(?:[A-Z][\w'’-]*|of|on|the|for|and|in|to|by|concerning|regarding|\((?:Draft|Trial|Trial Implementation|"
    r"Provisional)\))){0,14}?\s+(?:Law|Code|Provisions?|Interpretations?|Regulations?|Rules|Measures|Act|Decision|"
    r"Opinions?)(?:\s+\((?:Draft|Trial|Trial Implementation|Provisional)\))?)(?![\w])")


def _num(s: str | None) -> int | None:
    return parse_number(s) if s else None


def _style(s: str) -> str:
    return "arabic" if any(c.isdigit() for c in s) else "chinese"


def extract_citations(text: str, registry: LawRegistry, *, index: NameIndex | None = None,
                      bare_backrefs: bool = False) -> list[Citation]:
    """All citations and law mentions in ``text``, in order, spans non-overlapping.

    ``bare_backrefs``: also report a bare 该条 / 本条 (no 款 or 项) as a citation of the article cited last.
    Law mentions without an article come back with ``article=None``.
    """
    idx = index or name_index(registry)
    folded = fold(text)
    mentions = idx.find_mentions(text, folded)
    ex = _Extractor(text, folded, idx, mentions, bare_backrefs)
    return ex.run()


class _Extractor:
    def __init__(self, text: str, folded: str, idx: NameIndex, mentions: list[LawMention], bare_backrefs: bool):
        self.text, self.f, self.idx, self.mentions = text, folded, idx, mentions
        self.bare_backrefs = bare_backrefs
        self.citations: list[Citation] = []
        self.used_mentions: set[int] = set()
        self.group = 0
        self.recent: list[LawMention] = []  # laws named so far, most recent last
        self.facts = facts_cache(idx.registry)
        self.mention_starts = [m.start for m in mentions]
        self.mention_ends = [m.end for m in mentions]

    # ----- driver ------------------------------------------------------------------------------------
    def run(self) -> list[Citation]:
        events: list[tuple[int, int, str, re.Match | None]] = []
        for m in ZH_ART.finditer(self.f):
            events.append((m.start(), 0, "zh", m))
        for m in EN_PARA_FIRST.finditer(self.f):
            events.append((m.start(), 0, "en_pf", m))
        for m in EN_ART.finditer(self.f):
            events.append((m.start(), 1, "en", m))
        for m in ZH_BACKREF_ART.finditer(self.f):
            events.append((m.start(), 1, "zh_backref", m))
        for m in ZH_PART_ALONE.finditer(self.f):
            events.append((m.start(), 2, "zh_part", m))
        for m in EN_PART_ALONE.finditer(self.f):
            events.append((m.start(), 2, "en_part", m))
        events.sort(key=lambda e: (e[0], e[1]))
        pos = 0  # text before pos has been consumed by a citation
        mi = 0
        last_law: LawMention | None = None
        self.last_cite: Citation | None = None
        # mentions before each event update "the law named last"
        for start, _, kind, m in events:
            if start < pos:
                continue
            while mi < len(self.mentions) and self.mentions[mi].end <= start:
                last_law = self.mentions[mi]
                self._named(last_law)
                mi += 1
            if kind == "zh":
                end, law = self._zh(m, last_law)
            elif kind == "zh_backref":
                end, law = self._zh_backref(m)
            elif kind in ("zh_part", "en_part"):
                end, law = self._part_alone(m, kind)
            elif kind == "en_pf":
                end, law = self._en_para_first(m, last_law)
            else:
                end, law = self._en(m, last_law)
            if end is not None:
                pos = end
                if law is not None:
                    last_law = law
                    self._named(law)
                # mentions swallowed by this citation (the 'of the Law' after an English article) count as named
                while mi < len(self.mentions) and self.mentions[mi].start < pos:
                    if self.mentions[mi].end <= pos and law is None:
                        last_law = self.mentions[mi]
                        self._named(last_law)
                    mi += 1
        # law mentions that no citation used: reported with article None
        out = [c for c in self.citations if not self._foreign(c)]
        taken = bytearray(len(self.f) + 1)
        for c in out:
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        for i, mention in enumerate(self.mentions):
            if i in self.used_mentions:
                continue
            if any(taken[mention.start:mention.end]):
                continue
            c = Citation(start=mention.start, end=mention.end, text=self.text[mention.start:mention.end],
                         law=mention, lang="en" if mention.kind == "english" else "zh")
            if not self._foreign(c):
                out.append(c)
        out.sort(key=lambda c: (c.start, c.end))
        return out

    def _foreign(self, c: Citation) -> bool:
        """A citation of foreign law (日本民事诉讼法第260条, Taiwan's Code of Civil Procedure art. 395): not ours."""
        law = c.law
        if law is None:
            return False
        s = law.start
        direct = self.f[max(0, s - 8):s]
        if _FOREIGN_PREFIX.search(direct):
            return True
        if law.law_id is None:
            lo = max(0, s - 60)
            cut = max(self.f.rfind(ch, lo, s) for ch in "。；;!?！？\n")
            if _FOREIGN_WORDS.search(self.f[max(lo, cut + 1):s]) or _FOREIGN_WORDS.search(law.name):
                return True
        return False

    # ----- helpers -----------------------------------------------------------------------------------
    def _mention_ending_at(self, pos: int, gap: re.Pattern) -> tuple[int, LawMention] | None:
        """The closest mention ending at or before pos, if only ``gap`` text separates them."""
        i = bisect.bisect_right(self.mention_ends, pos) - 1
        if i < 0:
            return None
        mt = self.mentions[i]
        if pos - mt.end <= 40 and gap.fullmatch(self.f[mt.end:pos]):
            return i, mt
        return None

    def _emit(self, start: int, end: int, law: LawMention | None, article: int | None, *, suffix=0, para=None,
              item=None, backref=False, number_span=None, style="chinese", lang="zh") -> Citation:
        c = Citation(start=start, end=end, text=self.text[start:end], law=law, article=article, suffix=suffix,
                     paragraph=para, item=item, backref=backref, group=self.group, number_span=number_span,
                     number_style=style, lang=lang)  # type: ignore[arg-type]
        self.citations.append(c)
        self.last_cite = c
        return c

    def _split_nums(self, nums: str, base: int) -> list[tuple[int, int, int, str]]:
        """'九、十' / '9-11' → [(value, start, end, sep)], spans in the text; ranges give both ends."""
        out = []
        for m in _NUM_SPLIT.finditer(self.f, base, base + len(nums)):
            value = parse_number(m.group("n"))
            if value is None:
                continue
            out.append((value, m.start("n"), m.end("n"), m.group("sep") or ""))
        return out

    # ----- Chinese -----------------------------------------------------------------------------------
    def _law_before_zh(self, m: re.Match, last_law: LawMention | None) -> tuple[LawMention | None, int, bool] | None:
        """(law, citation start, backref) for an article reference; None: not a citation of law."""
        start = m.start()
        hit = self._mention_ending_at(start, _ZH_GAP)
        if hit is not None:
            i, mt = hit
            self.used_mentions.add(i)
            return mt, mt.start, False
        # the characters right before 第
        j = start
        while j > 0 and self.f[j - 1] in " \t":
            j -= 1
        if j > 0 and (self.f[j - 1].isalpha() and not is_cjk(self.f[j - 1])):
            return None  # ГПК第443条, ZPO第5条: a foreign or unknown code written in letters
        k = j
        while k > 0 and j - k < 40:
            ch = self.f[k - 1]
            if ch == ")":
                o = self.f.rfind("(", max(0, k - 12), k - 1)
                if o >= 0 and re.fullmatch(r"\((?:试行|草案|暂行)\)", self.f[o:k]):
                    k = o
                    continue
                break
            if ch == "(" or not _RUN_CHARS.match(ch):
                break
            k -= 1
        run = self.f[k:j]
        first = self._first_ref(m)
        if not run:
            law = self._pick(start, m.end(), first, None)
            return (law, start, True) if law is not None else None
        b = BACKREF_LAW.search(run)
        if b:
            law = self._pick(start, m.end(), first, _kind_of(b.group(0)))
            return (law, k + b.start(), True) if law is not None else None
        g = _GENERIC_REF.search(run)
        if g:  # 相关规定第5条, 司法解释第5条, 现行法第…条: the law named last, in the numbering the words point to
            law = self._pick(start, m.end(), first, _kind_of(g.group(0)))
            return (self._rebase_year(law, run), start, True) if law is not None else None
        name_start = _name_start(run)
        name = run[name_start:]
        if name and looks_like_law(name.strip("《》")):
            law_id, version, year = self.idx.resolve(name)
            original = self.text[k + name_start:j]
            mention = LawMention(start=k + name_start, end=j, name=original, law_id=law_id, kind="generic",
                                 year=year, version=version)
            for i in range(bisect.bisect_left(self.mention_starts, mention.start), len(self.mentions)):
                mt = self.mentions[i]
                if mt.start >= mention.end:
                    break
                if mt.end <= mention.end:
                    self.used_mentions.add(i)  # 民事诉讼法 inside 民事诉讼法实施条例
            return mention, mention.start, False
        if _NOT_A_LAW_TAIL.search(run):
            return None  # 合同第5条, 判决书第二项: not a citation of law
        law = self._pick(start, m.end(), first, None, run=run)
        if law is None:
            return None
        return self._rebase_year(law, run), start, True

    def _first_ref(self, m: re.Match) -> tuple[int | None, int | None, int | None]:
        nums = self._split_nums(m.group("nums"), m.start("nums")) if "nums" in m.groupdict() and m.group("nums") else []
        article = nums[0][0] if nums else None
        if len(nums) > 1:
            return article, None, None
        gd = m.groupdict()
        para = _num(gd.get("para"))
        item = _num(gd.get("item1") or gd.get("item2") or gd.get("item3"))
        return article, para, item

    # ----- which law a back-reference means ---------------------------------------------------------
    def _named(self, law: LawMention) -> None:
        if self.recent and _same_law(self.recent[-1], law):
            self.recent[-1] = law
            return
        self.recent = [x for x in self.recent if not _same_law(x, law)][-5:]
        self.recent.append(law)

    def _pick(self, start: int, end: int, ref: tuple[int | None, int | None, int | None], kind: str | None,
              run: str = "") -> LawMention | None:
        """The law a back-reference at [start, end) means: the nearest law named before, unless another law
        named shortly before has this article and fits the sentence clearly better (or the nearest does not
        have it at all). ``kind`` ('规定', '解释', '法') narrows the candidates (本规定 → a 规定)."""
        cands = [x for x in reversed(self.recent) if start - x.end <= 4000]
        if not cands:
            return None
        if kind:
            narrowed = [x for x in cands if _law_kind(x, self.idx) == kind]
            if narrowed:
                cands = narrowed
        if len(cands) == 1:
            return cands[0]
        article, para, item = ref
        if article is None:
            return cands[0]
        xref = self._cross_ref(start, article)
        if xref is not None:
            return xref
        year = None
        y = _RUN_YEAR.search(run) if run else None
        if y and not _AFTER_YEAR.search(run[y.end():]):
            year = int(y.group(1))
        cands = cands[:4]
        has = [self._has(x, article, para, item, year) for x in cands]  # None: a law we cannot look into
        if not any(h is True for h in has[1:]):
            return cands[0]  # no other candidate has this article
        if has[0] is False and sum(h is True for h in has) == 1:
            return cands[has.index(True)]
        masked, raw = self._sentence(start, end)
        sentence = (claim_topics(masked), claim_quotes(raw, 0, len(raw)), bigrams(masked))
        scores = [self._score(x, article, para, item, sentence, year) if h is not False else -5.0
                  for x, h in zip(cands, has)]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        if best != 0 and scores[best] >= scores[0] + 2:
            return cands[best]
        return cands[0]

    def _sentence(self, start: int, end: int) -> tuple[str, str]:
        """(masked text, raw text) of the sentence around a reference; names and the reference blanked."""
        lo = max(0, start - 200)
        hi = min(len(self.f), end + 200)
        m = _SENT_BACK.search(self.f, lo, start)
        s = m.end() if m else lo
        m2 = _SENT_END.search(self.f, end, hi)
        e = m2.start() if m2 else hi
        raw = self.text[s:e]
        pieces = []
        pos = s
        for i in range(max(0, bisect.bisect_left(self.mention_ends, s)), len(self.mentions)):
            mt = self.mentions[i]
            if mt.start >= e:
                break
            a, b = max(mt.start, pos), min(mt.end, e)
            if b > a:
                pieces.append(self.text[pos:a])
                pieces.append(" " * (b - a))
                pos = b
        pieces.append(self.text[pos:e])
        masked = "".join(pieces)
        a, b = max(start, s) - s, min(end, e) - s
        if b > a:
            masked = masked[:a] + " " * (b - a) + masked[b:]
        return masked, raw

    def _cross_ref(self, start: int, article: int) -> LawMention | None:
        """'该条所引第二百二十五条': a number the article cited last itself refers to (民事诉讼法, old numbering)."""
        prev = self.last_cite
        if prev is None or prev.article is None or prev.law is None or prev.law.law_id is None:
            return None
        if not re.search(r"(?:所引|援引|引用|所援引|所称|refers? to|cites?)[的\s]*(?:的)?\s*[「“\"]?\s*$",
                         self.f[max(prev.end, start - 12):start]):
            return None
        version = self._version_of(prev.law, None)
        art = self.facts.article(prev.law.law_id, prev.article, version) if version else None
        for ref in (art.cross_refs if art else ()):
            if ref.cited_article == article:
                return LawMention(start=start, end=start, name=ref.surface, law_id=ref.law_id, kind="backref",
                                  version=ref.cited_version)
        return None

    def _version_of(self, law: LawMention, year: int | None) -> str | None:
        reg = self.idx.registry
        if law.law_id is None or law.law_id not in reg.laws:
            return None
        current = self.facts.current(law.law_id)
        if current is None:
            return None
        y = year or law.year
        if y:
            v = reg.version_for_year(law.law_id, y)
            if v is not None and v.articles:
                return v.version
        return current

    def _has(self, law: LawMention, article: int, para: int | None, item: int | None,
             year: int | None) -> bool | None:
        if law.law_id is None:  # outside the corpus: only its article count is known (合同法 has 428)
            outside = self.idx.outside_of(law.name)
            inst = self.idx.registry.outside.get(outside) if outside else None
            return False if inst is not None and article > inst.articles else None
        version = self._version_of(law, year)
        if version is None:
            return None
        art = self.facts.article(law.law_id, article, version)
        return art is not None and paragraph_and_item_exist(art, para, item)

    def _score(self, law: LawMention, article: int, para: int | None, item: int | None,
               sentence: tuple, year: int | None) -> float:
        version = self._version_of(law, year)
        if version is None:
            return 0.0
        if not self._has(law, article, para, item, year):
            return -5.0
        facts = self.facts.get(law.law_id, version, article)
        if facts is None:
            return -5.0
        topics, quotes, grams = sentence
        score = 1.0
        for t in topics:
            score += 2.0 if t in facts.ext_topics else -1.0
        for q in quotes:
            score += 4.0 if quote_found(q, facts) else -3.0
        score += 3.0 * containment(grams, facts)
        return score

    def _rebase_year(self, law: LawMention, run: str) -> LawMention:
        """A bare 第X条 names the law named last, in the numbering the words before it point to:
        '2007年的第二百零七条' → 2007; '修正后该内容位于第二百四十四条' / '现为第…条' → the text in force.
        Only the words since the previous reference count: in '2017年民事诉讼法第二百三十九条现为第二百五十条'
        the year belongs to the first reference, and 现为 points the second to the text in force."""
        run = _SINCE_LAST_REF.split(run)[-1]
        m = _RUN_YEAR.search(run)
        if m:
            year = int(m.group(1))
            if _AFTER_YEAR.search(run[m.end():]):
                return replace(law, year=None, version=None, historical=False)
            return replace(law, year=year, version=None)
        if law.year is not None or law.version is not None:
            if _NOW_WORDS.search(run):
                return replace(law, year=None, version=None, historical=False)
        return law

    def _zh(self, m: re.Match, last_law: LawMention | None):
        found = self._law_before_zh(m, last_law)
        if found is None:
            return m.end(), None
        law, cstart, backref = found
        self.group += 1
        end = self._zh_chain(m, law, cstart, backref)
        return end, law

    def _zh_chain(self, m: re.Match, law: LawMention | None, cstart: int, backref: bool) -> int:
        nums = self._split_nums(m.group("nums"), m.start("nums"))
        suffix = _num(m.group("suf")) or 0
        para = _num(m.group("para"))
        item = _num(m.group("item1") or m.group("item2") or m.group("item3"))
        first = True
        prev_end = cstart
        for n, (value, ns, ne, sep) in enumerate(nums):
            last = n == len(nums) - 1
            start = cstart if first else ns
            end = m.end() if last else ne
            self._emit(start, end, law, value, suffix=suffix if last else 0, para=para if last else None,
                       item=item if last else None, backref=backref, number_span=(ns, ne),
                       style=_style(self.f[ns:ne]))
            first = False
            prev_end = end
        article = nums[-1][0] if nums else None
        pos = m.end()
        while True:
            c = ZH_CONT.match(self.f, pos)
            if not c:
                break
            if c.group("nums"):
                sub = self._split_nums(c.group("nums"), c.start("nums"))
                if not sub:
                    break
                suffix = _num(c.group("suf")) or 0
                para = _num(c.group("para"))
                item = _num(c.group("item1") or c.group("item2") or c.group("item3"))
                for n, (value, ns, ne, sep) in enumerate(sub):
                    last = n == len(sub) - 1
                    start = ns if n else (c.start("nums") if self.f[c.start("nums") - 1:c.start("nums")] != "第"
                                          else self._back_to_di(c.start("nums")))
                    self._emit(start, c.end() if last else ne, law, value, suffix=suffix if last else 0,
                               para=para if last else None, item=item if last else None, backref=backref,
                               number_span=(ns, ne), style=_style(self.f[ns:ne]))
                article = sub[-1][0]
            elif c.group("para_only"):
                para = _num(c.group("para_only"))
                item = _num(c.group("pitem1") or c.group("pitem2"))
                s = self.f.index("第", c.start("sep") + len(c.group("sep")))
                self._emit(s, c.end(), law, article, para=para, item=item, backref=backref)
            else:
                item = _num(c.group("item_only1") or c.group("item_only2"))
                s = self.f.index("第", c.start("sep") + len(c.group("sep")))
                para = self.last_cite.paragraph if self.last_cite else None
                self._emit(s, c.end(), law, article, para=para, item=item, backref=backref)
            pos = c.end()
        return pos

    def _back_to_di(self, pos: int) -> int:
        j = pos - 1
        while j > 0 and self.f[j] in " \t":
            j -= 1
        return j if self.f[j] == "第" else pos

    def _zh_backref(self, m: re.Match):
        prev = self.last_cite
        if prev is None or prev.article is None:
            return None, None
        parts = ZH_PARTS_ONLY.match(self.f, m.end())
        para = _num(parts.group("para")) if parts else None
        item = _num(parts.group("item1") or parts.group("item2") or parts.group("item3")) if parts else None
        if para is None and item is None:
            if not self.bare_backrefs or ZH_ART.match(self.f, m.end()) or m.group(0) in ("前条", "上条"):
                return None, None
            end = m.end()
        else:
            end = parts.end()
        self.group += 1
        self._emit(m.start(), end, prev.law, prev.article, suffix=prev.suffix, para=para, item=item, backref=True,
                   style=prev.number_style)
        return end, None

    def _part_alone(self, m: re.Match, kind: str):
        """第（四）项 / 第二款 / item (5) / Paragraph 2 of that article: a part of the article cited last."""
        prev = self.last_cite
        if prev is None or prev.article is None or m.start() - prev.end > 200 or \
                "\n\n" in self.f[prev.end:m.start()]:
            return None, None
        between = self.f[prev.end:m.start()]
        explicit = bool(re.search(r"(?:that|this|the same|the said) (?:article|provision)", self.f[m.start():m.end()]))
        stops = r"[。！？!?\n]|\.\s" if kind == "en_part" else r"[。；;!?！？\n]|\.\s"
        if not explicit and re.search(stops, between):
            return None, None  # an implicit part reaches back only within its sentence
        if re.search(r"(?:至|到|、|和|及|-|~)\s*$", between) and re.search(r"第\s*[^第]{1,4}\s*(?:至|到|、|和|及)\s*$", between):
            return None, None  # 第二至第六项: a range of items we do not expand
        if kind == "zh_part":
            j = m.start()
            k = j
            while k > 0 and j - k < 12 and _RUN_CHARS.match(self.f[k - 1]):
                k -= 1
            if _NOT_A_LAW_TAIL.search(self.f[k:j]) or re.search(r"(?:判决|裁定|主文|协议|合同)", self.f[k:j]):
                return None, None
            para = _num(m.group("para"))
            item = _num(m.group("pitem1") or m.group("pitem2") or m.group("item1") or m.group("item2"))
        else:
            para = _num(m.group("p"))
            item = _num(m.group("pi") or m.group("i"))
        if para is None:
            para = prev.paragraph
        reg = self.idx.registry
        law_id = prev.law.law_id if prev.law else None
        if not explicit and law_id in reg.laws and not any(
                reg.has_article(law_id, prev.article, para, item, v.version, prev.suffix)
                for v in reg.law(law_id).versions if v.articles):
            return None, None  # an implicit part that the article does not have: probably another article's
        self.group += 1
        self._emit(m.start(), m.end(), prev.law, prev.article, suffix=prev.suffix, para=para, item=item,
                   backref=True, style=prev.number_style, lang="en" if kind == "en_part" else "zh")
        return m.end(), None

    # ----- English -----------------------------------------------------------------------------------
    def _en_law_after(self, pos: int) -> tuple[LawMention | None, int, bool] | None:
        """'of the <law>' after an English article reference: (law, end, backref)."""
        b = EN_BACKREF.match(self.f, pos)
        if b:
            return None, b.end(), True
        link = EN_LINK.match(self.f, pos)
        if EN_BACKREF2.match(self.f, pos):
            b2 = EN_BACKREF2.match(self.f, pos)
            return None, b2.end(), True
        if not link:
            # 'Article 9 执行和解规定' / 'Article 9 CPL'; '(Art. 9, SPC Interpretation on …)': a name after a comma that
            # closes the reference
            i = bisect.bisect_left(self.mention_starts, pos)
            if i < len(self.mentions) and self.mentions[i].start - pos <= 1 \
                    and re.fullmatch(r"\s*", self.f[pos:self.mentions[i].start]):
                self.used_mentions.add(i)
                return self.mentions[i], self.mentions[i].end, False
            if i < len(self.mentions) and re.fullmatch(r",\s?", self.f[pos:self.mentions[i].start]) \
                    and re.match(r"\s*(?:[)）;；]|\.(?:\s|$)|$)", self.f[self.mentions[i].end:]):
                self.used_mentions.add(i)
                return self.mentions[i], self.mentions[i].end, False
            return None
        at = link.end()
        i = bisect.bisect_right(self.mention_ends, at)
        if i < len(self.mentions):
            mt = self.mentions[i]
            # 'of the 2017 Civil Procedure Law', 'of the current Civil Procedure Law': a year or the word that dates it
            if (mt.start <= at < mt.end) or (mt.start <= at + 12 and re.fullmatch(
                    r"(?:the\s+|(?:19|20)[0-9]{2}\s*|(?:current|present|existing)\s+)*", self.f[at:mt.start])):
                self.used_mentions.add(i)
                return mt, mt.end, False
        g = EN_GENERIC_NAME.match(self.text, at)
        if g:
            name = g.group("name")
            law_id, version, year = self.idx.resolve(name)
            mention = LawMention(start=g.start("name"), end=g.end(), name=name, law_id=law_id, kind="english",
                                 year=year, version=version)
            return mention, g.end(), False
        return None

    def _en(self, m: re.Match, last_law: LawMention | None):
        para, item = _en_parts(m.group("p") or m.group("p2"), m.group("i") or m.group("i2"))
        refs = [(int(m.group("n")), m.start("n"), m.end("n"), para, item, "")]
        bracketed = {0} if para is not None and m.group("p") and not m.group("i") and not m.group("i2") else set()
        pos = m.end()
        while True:
            c = EN_CONT.match(self.f, pos)
            if not c:
                break
            para, item = _en_parts(c.group("p"), c.group("i"))
            refs.append((int(c.group("n")), c.start("n"), c.end("n"), para, item, c.group("sep")))
            if para is not None and not c.group("i"):
                bracketed.add(len(refs) - 1)
            pos = c.end()
        after = self._en_law_after(pos)
        self.group += 1
        if after is not None:
            law, end, backref = after
            if backref:
                law = self._pick(m.start(), end, (refs[0][0], refs[0][3], refs[0][4]),
                                 _kind_of(self.f[pos:end]))
                if law is None:
                    return end, None
            refs = self._bracketed_items(law, refs, bracketed)
            for n, (value, ns, ne, para, item, sep) in enumerate(refs):
                start = m.start() if n == 0 else ns
                cend = end if n == len(refs) - 1 else ne
                self._emit(start, cend, law, value, para=para, item=item, backref=backref, number_span=(ns, ne),
                           style="arabic", lang="en")
            return end, law
        # a law named right before: 'CPL Article 244', 'Civil Procedure Law, Art. 244'
        hit = self._mention_ending_at(m.start(), _EN_GAP)
        if hit is not None:
            i, law = hit
            self.used_mentions.add(i)
            refs = self._bracketed_items(law, refs, bracketed)
            for n, (value, ns, ne, para, item, sep) in enumerate(refs):
                start = law.start if n == 0 else ns
                cend = pos if n == len(refs) - 1 else ne
                self._emit(start, cend, law, value, para=para, item=item, number_span=(ns, ne), style="arabic",
                           lang="en")
            return pos, law
        if re.match(r"\s*(?:of|in|under)\s+(?:the|a|an|this|its|their|our|your)\s", self.f[pos:pos + 20]) \
                or last_law is None:
            return pos, None  # Article 5 of the contract: not law
        law = self._pick(m.start(), pos, (refs[0][0], refs[0][3], refs[0][4]), None)
        if law is not None:
            # 'Article 233 of the 2012 Civil Procedure Law is now Article 244': the words since the last
            # reference point the bare one to the text in force, as 现为第…条 does
            since = self.last_cite.end if self.last_cite is not None and self.last_cite.end <= m.start() else 0
            law = self._rebase_year(law, self.f[since:m.start()])
            refs = self._bracketed_items(law, refs, bracketed)
        for n, (value, ns, ne, para, item, sep) in enumerate(refs):
            start = m.start() if n == 0 else ns
            cend = pos if n == len(refs) - 1 else ne
            self._emit(start, cend, law, value, para=para, item=item, backref=True, number_span=(ns, ne),
                       style="arabic", lang="en")
        return pos, None

    def _bracketed_items(self, law: LawMention, refs: list[tuple], bracketed: set[int]) -> list[tuple]:
        """'Article 268(4)' names paragraph 4, or item (4) where the article has no fourth paragraph and its items run
        that far (an article of one paragraph and a list): the notation is read the way the article is built."""
        out = []
        for n, (value, ns, ne, para, item, sep) in enumerate(refs):
            if n in bracketed and para is not None and self._has(law, value, para, None, None) is False \
                    and self._has(law, value, None, para, None):
                para, item = None, para
            out.append((value, ns, ne, para, item, sep))
        return out

    def _en_para_first(self, m: re.Match, last_law: LawMention | None):
        para = EN_ORDINALS.get(m.group("ord")) if m.group("ord") else _num(m.group("pn"))
        item = _num(m.group("it"))
        value = int(m.group("n"))
        after = self._en_law_after(m.end())
        self.group += 1
        if after is None:
            if last_law is None:
                return m.end(), None
            law, end, backref = last_law, m.end(), True
        else:
            law, end, backref = after
            if backref:
                law = last_law
                if law is None:
                    return end, None
        self._emit(m.start(), end, law, value, para=para, item=item, backref=backref,
                   number_span=(m.start("n"), m.end("n")), style="arabic", lang="en")
        return end, law


# foreign law (assistant/text/legal_systems.py): named right before a citation, or in its sentence
_FOREIGN_PREFIX = re.compile(rf"(?:{names_pattern(at_large=False)}|外国)(?:的|：|:|\s|「|《|“|\"|')*$", re.I)
_FOREIGN_WORDS = re.compile(names_pattern(), re.I)
_SENT_BACK = re.compile(r"[。；;!?！？\n](?=[^。；;!?！？\n]*$)")
_SENT_END = re.compile(r"[。；;!?！？\n]")
_RUN_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_AFTER_YEAR = re.compile(r"(?:修正|修订|修改)后|之后|以后")
_SINCE_LAST_REF = re.compile(r"[条款项](?![一-龥]{0,1}[法律规定解释])")
_NOW_WORDS = re.compile(r"现为|现行|现在|目前|如今|调整为|改为|变为|位于|新法|修正后|修改后|修订后|"
                        r"\b(?:now|current(?:ly)?|renumbered|became|moved to)\b", re.I)
_ZH_GAP = re.compile(r"\s*(?:的|中的|中|之)?\s*")
_EN_GAP = re.compile(r"\s*(?:'s|,)?\s*")
_MULTI_BREAK = NAME_LEAD_WORDS
_ANCHORS = re.compile(r"(?:最高人民法院|最高人民检察院|最高法院|最高院|最高法|中华人民共和国|国务院|全国人民代表大会|"
                      r"全国人大|司法部|《)")
_SINGLE_BREAK = set("依按据见即是在由对向将为了而并但则应可其也还与和及或、的")


def _same_law(a: LawMention, b: LawMention) -> bool:
    if a.law_id or b.law_id:
        return a.law_id == b.law_id and a.year == b.year and a.version == b.version
    return a.name == b.name


def _kind_of(word: str) -> str | None:
    """'本规定' → '规定', '该解释' → '解释', '同法' → '法', 'the same Provisions' → '规定' …"""
    w = word.lower()
    if "解释" in w or "interpretation" in w:
        return "解释"
    if "规定" in w or "provision" in w or "办法" in w or "规则" in w or "rules" in w or "regulation" in w:
        return "规定"
    if w.endswith(("法", "法律", "法典")) or re.search(r"\b(?:law|code|act)\b", w):
        return "法"
    return None


def _law_kind(law: LawMention, idx: NameIndex) -> str | None:
    if law.law_id and law.law_id in idx.registry.laws:
        title = idx.registry.law(law.law_id).title
        return _kind_of(re.sub(r"（[^）]*）$", "", title)[-4:])
    name = re.sub(r"[（(][^）)]*[）)]$", "", law.name.strip("《》 "))
    return _kind_of(name[-4:] if not name.isascii() else name)


def _name_start(run: str) -> int:
    """Where a law name begins inside the run of characters before 第 ('申请人依照民事执行法' → 5)."""
    cut = 0
    for m in _MULTI_BREAK.finditer(run):
        if m.end() < len(run):
            cut = m.end()
    a = _ANCHORS.search(run, cut)
    if a:
        return a.start()
    i = cut
    # the name is the part after the last single-character function word, if what remains is long enough
    for j in range(len(run) - 2, cut - 1, -1):
        if run[j] in _SINGLE_BREAK and len(run) - (j + 1) >= 3:
            return j + 1
    while i < len(run) - 1 and run[i] in _SINGLE_BREAK:
        i += 1
    return i
