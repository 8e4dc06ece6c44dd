"""Law names: one compiled matcher per registry, and the fuzzy resolution of a name to a law id.

The matcher finds every alias the registry knows (Chinese and English, with the registry's own
``alias_names``), 《…》 titles (nested brackets included), year qualifiers around a name
(2017年民事诉讼法, 《民事诉讼法》（2017年修正）, the 2017 Civil Procedure Law) and marks names that point
at one superseded text (the 2010 title of the 限制高消费 provisions, a superseded document number).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field, replace

from assistant.corpus.registry import LawRegistry, normalize_name
from assistant.guard.lexicon import (HISTORICAL_PREFIX, LAW_SUFFIX, NAME_LEAD_CHARS, NAME_LEAD_WORDS, NAME_PREFIXES,
                                     NOT_LAW_WORDS, SHORT_LAWS)
from assistant.guard.records import LawMention
from assistant.guard.tokenize import fold, trie_regex

_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_DOC_NUMBER = re.compile(r"(?:法释|法发|法|法办|法〔|主席令)\s*[〔\[(（]?\s*(?:19|20)?[0-9]{2,4}\s*[〕\])）]?\s*第?\s*[0-9]{1,4}\s*号|"
                         r"(?:中华人民共和国)?主席令第[0-9]{1,4}号")
_ZH_YEAR = r"(?:(?:19|20)[0-9]{2}|[〇零一二][〇零一二三四五六七八九]{3})"
ZH_YEAR_BEFORE = re.compile(
    rf"(?P<y>{_ZH_YEAR})\s*年\s*(?:[0-9一二三四五六七八九十]{{1,2}}\s*月\s*(?:[0-9一二三四五六七八九十]{{1,3}}\s*日)?)?"
    r"\s*(?:起)?\s*(?:第[一二三四五六七八九十]+次)?\s*(?:修正|修订|修改|颁布|公布|施行|通过|版本|版|发布|生效|文本)?"
    r"\s*(?:后)?\s*(?:的)?\s*(?:《)?$")
ZH_YEAR_AFTER = re.compile(
    rf"\s*\(\s*(?P<y>{_ZH_YEAR})\s*年?\s*(?:[0-9]{{1,2}}\s*月\s*(?:[0-9]{{1,2}}\s*日)?)?\s*(?:第[一二三四五六七八九十]+次)?"
    r"\s*(?:修正|修订|修改|版本|版|文本|施行|本)?\s*(?:本|版|文本)?\s*\)")
ZH_YEAR_INSIDE = re.compile(
    rf"\(\s*(?P<y>{_ZH_YEAR})\s*年?\s*(?:第[一二三四五六七八九十]+次)?\s*(?:修正|修订|修改|版本|版|文本|施行|本)?"
    r"\s*(?:本|版|文本)?\s*\)")
EN_YEAR_BEFORE = re.compile(r"(?P<y>(?:19|20)[0-9]{2})(?:\s*|-)(?:amended\s+|revised\s+|version\s+of\s+(?:the\s+)?)?$")
EN_YEAR_AFTER = re.compile(
    r"(?:\s*\(\s*(?:as\s+)?(?:amended|revised)?\s*(?:in\s+)?(?P<y>(?:19|20)[0-9]{2})"
    r"(?:\s+(?:amendment|revision|version|text|amended|revised))?\s*\)"
    r"|\s*,?\s*(?:as\s+)?(?:amended|revised)\s+in\s+(?P<y2>(?:19|20)[0-9]{2}))")
_ZH_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")

# ----- English names the registry does not list verbatim ------------------------------------------------
_EN_TOKEN = re.compile(r"[A-Z][A-Za-z'’\-]*(?:/[A-Z][A-Za-z]*)*|(?:19|20)[0-9]{2}\b|\((?:Draft|Trial|Trial Implementation|"
                       r"Provisional)\)|[a-z]+|[,.;:!?()\[\]\"“”]|\S+")
EN_KINDS = {"law": "law", "code": "code", "provisions": "provisions", "provision": "provisions",
            "interpretation": "interpretation", "interpretations": "interpretation", "regulations": "regulations",
            "regulation": "regulations", "rules": "rules", "measures": "measures", "act": "act", "decision": "decision",
            "opinions": "opinions", "opinion": "opinions", "guidelines": "guidelines", "ordinance": "ordinance",
            "notice": "notice", "directive": "directive", "statute": "statute", "procedures": "procedures"}
_EN_LINK = {"of", "on", "the", "for", "and", "in", "to", "by", "during", "concerning", "regarding", "with", "under",
            "against", "from", "about", "at"}
_EN_LEADING = {"the", "under", "according", "pursuant", "in", "per", "see", "as", "this", "that", "these", "those",
               "both", "neither", "either", "by", "for", "from", "with", "contrary", "unlike", "only", "while", "when",
               "where", "if", "although", "since", "because", "article", "articles", "art", "arts", "section", "rule",
               "paragraph", "item", "chapter", "a", "an", "its", "their", "our", "and", "or", "but", "not", "no",
               "on", "of", "to", "at", "before", "after", "also", "however", "therefore", "thus", "yet"}
EN_STOP = {"of", "on", "the", "for", "and", "in", "to", "by", "during", "concerning", "regarding", "with", "under",
           "against", "from", "about", "at", "several", "issues", "issue", "some", "people's", "peoples", "court",
           "courts", "supreme", "procuratorate", "republic", "china", "prc", "spc", "spp", "spc/spp", "draft",
           "compulsory", "certain", "relating", "related", "application", "applying", "handling", "cases", "case",
           "questions", "trial", "implementation", "provisional", "is", "a", "an", "up"}


def _stem(w: str) -> str:
    """A light stem, so that one word's forms meet: change / changing, addition / adding, refusal / refusing."""
    w = w.lower().strip("'’")
    if w.endswith(("ment", "ments")) and len(w) >= 9:  # enforcement / enforcing, settlement / settling
        w = w[:w.rfind("ment")]
    for suf in ("itions", "ition", "ations", "ation", "ions", "ion", "ings", "ing", "als", "al", "ed", "es", "s", "e"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def en_words(name: str) -> tuple[str | None, frozenset[str]]:
    """(kind, content word stems) of an English law name: ('provisions', {'enforc', 'settlement'})."""
    toks = re.findall(r"[A-Za-z][A-Za-z'’]*", name.replace("/", " ").replace("-", " "))  # Sealing-up = Sealing Up
    kind = None
    words = set()
    for t in toks:
        low = t.lower()
        if kind is None and low in EN_KINDS and t[0].isupper():
            kind = EN_KINDS[low]
            continue
        if low in EN_STOP or low in EN_KINDS and t[0].isupper() and kind == EN_KINDS[low]:
            continue
        stem = _stem(low)
        words.add(_EN_SAME.get(stem, stem))
    return kind, frozenset(words)


# stems English names use for one another: Refusing to Execute / to Enforce Judgments, the Crime of / Criminal Cases;
# 查封 is rendered sealing (up) as often as seizure, 扣押 distraint as often as detention, 担保 security as often as
# guarantee (Enforcement Security)
_EN_SAME = {"execut": "enforc", "crim": "crimin", "seal": "seizur", "distraint": "detent", "distrain": "detent",
            "security": "guarante", "secur": "guarante"}


# a name's words, one blank apart; a comma only inside a list of its subjects (Sealing Up, Seizure and Freezing)
_EN_RUN = re.compile(r"(?:[A-Z][A-Za-z'’\-]*(?:/[A-Z][A-Za-z]*)*|(?:19|20)[0-9]{2})"
                     r"(?:(?:\s+|,\s+(?=[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?,?\s+and\s+[A-Z]))(?:[A-Z][A-Za-z'’\-]*(?:/[A-Z][A-Za-z]*)*|(?:19|20)[0-9]{2}|\((?:Draft|Trial)\)|"
                     r"of|on|the|for|and|in|to|by|during|concerning|regarding|with|under|against|from|about)){0,24}")
_EN_KIND_RE = re.compile(r"\b(?:Law|Code|Provisions?|Interpretations?|Regulations?|Rules|Measures|Act|Decision|"
                         r"Opinions?|Guidelines|Ordinance|Notice|Directive|Statute|Procedures)\b")


def _en_name_runs(text: str):
    """Runs of capitalized words, looked for only around instrument words (most of a text has none)."""
    end = 0
    for k in _EN_KIND_RE.finditer(text):
        if k.start() < end:
            continue
        lo = max(end, k.start() - 300)
        sp = text.rfind(" ", lo, max(lo, k.start() - 250)) if k.start() - 300 > end else -1
        lo = sp + 1 if sp >= 0 else lo
        hi = min(len(text), k.end() + 300)
        for m in _EN_RUN.finditer(text, lo, hi):
            if m.end() > k.start():
                end = max(end, m.end())
                yield m
                if m.start() >= k.start():
                    break
        end = max(end, k.end())


_EN_REFERENCE_WORD = re.compile(r"(?:Articles?|Arts?\.?|Paragraphs?|Items?)[,;:]?")


def english_names(text: str) -> list[tuple[int, int, str]]:
    """Capitalized names that contain an instrument word (Law, Provisions, Rules …): (start, end, name)."""
    out = []
    for m in _en_name_runs(text):
        toks = [(t.start() + m.start(), t.end() + m.start(), t.group(0)) for t in re.finditer(r"\S+", m.group(0))]
        # a reference word ends a name: 'the Civil Procedure Law and Article 303 of …'
        cut = next((i for i, t in enumerate(toks) if _EN_REFERENCE_WORD.fullmatch(t[2])), len(toks))
        toks = toks[:cut]
        kinds = [i for i, t in enumerate(toks) if t[2].lower() in EN_KINDS and t[2][0].isupper()]
        if not kinds:
            continue
        # split between two instruments joined by and/or ('the Civil Procedure Law and the SPC Provisions …')
        segments = []
        start = 0
        for a, b in zip(kinds, kinds[1:]):
            for j in range(a + 1, b):
                if toks[j][2] in ("and", "or"):
                    segments.append((start, j))
                    start = j + 1
                    break
        segments.append((start, len(toks)))
        for lo, hi in segments:
            seg = toks[lo:hi]
            while seg and (seg[0][2].lower() in _EN_LEADING or seg[0][2].lower() in _EN_LINK):
                seg = seg[1:]
            while seg and (seg[-1][2] in _EN_LINK or seg[-1][2].lower() in ("the", "and")):
                seg = seg[:-1]
            if len(seg) < 2 or not any(t[2].lower() in EN_KINDS and t[2][0].isupper() for t in seg):
                continue
            kind, words = en_words(" ".join(t[2] for t in seg))
            if not words and not _issuer_year(" ".join(t[2] for t in seg)):
                continue
            out.append((seg[0][0], seg[-1][1], text[seg[0][0]:seg[-1][1]]))
    return out


_ISSUER_SPC = re.compile(r"\b(?:SPC|Supreme People's Court)\b", re.I)
_ISSUER_SPP = re.compile(r"\b(?:SPP|Supreme People's Procuratorate)\b", re.I)


def _issuer_year(name: str) -> tuple[int, bool] | None:
    """(year, joint with the procuratorate) of a name that gives the Supreme People's Court as its issuer and a year
    ('2024 SPC/SPP Interpretation'); None otherwise."""
    year = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", name)
    if year is None or not _ISSUER_SPC.search(name):
        return None
    return int(year.group(1)), bool(_ISSUER_SPP.search(name))


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.translate(_ZH_YEAR_DIGITS)
    return int(digits) if digits.isdigit() else None


def en_key(name: str) -> str:
    """Key for English names: lower case, no articles, SPC = Supreme People's Court, no 'several issues'."""
    s = fold(name).replace("’", "'")
    s = re.sub(r"\bof the supreme people's court\b", " ", s)
    s = re.sub(r"\bsupreme people's court(?: and supreme people's procuratorate)?\b", " spc ", s)
    s = re.sub(r"\b(?:the|spc|spp|prc|of the people's republic of china|people's republic of china|"
               r"several issues concerning|several issues on|several issues|issues concerning|some issues)\b", " ", s)
    s = re.sub(r"\bprovision\b", "provisions", s)
    s = re.sub(r"\binterpretations\b", "interpretation", s)
    s = re.sub(r"[^a-z0-9()]+", " ", s)
    return " ".join(s.split())


@dataclass
class NameIndex:
    """Everything about law names that depends on the registry, compiled once."""

    registry: LawRegistry
    zh_re: re.Pattern
    en_re: re.Pattern
    zh_names: dict[str, str]  # folded surface → law id
    en_names: dict[str, str]  # en_key → law id
    version_names: dict[str, tuple[str, str]]  # normalized name → (law id, superseded version) the name points at
    superseded_titles: dict[str, tuple[str, str]]  # subset: names that only the superseded title uses
    en_fuzzy: list = field(default_factory=list)  # (law id, kind, content words) of every English name
    zh_loose: dict = field(default_factory=dict)  # loose key of every Chinese name → law id
    outside_zh: dict = field(default_factory=dict)  # folded Chinese name of an instrument outside the corpus → its id
    outside_en: dict = field(default_factory=dict)  # en_key of its English names → its id
    outside_en_fuzzy: list = field(default_factory=list)  # (id, kind, content words) of every English name outside
    _resolved: dict = field(default_factory=dict)  # name → resolve(name)
    _outside: dict = field(default_factory=dict)  # name → outside_of(name)

    @classmethod
    def build(cls, registry: LawRegistry) -> "NameIndex":
        zh: dict[str, str] = {}
        en: dict[str, str] = {}
        en_keys: dict[str, str] = {}
        for alias, law_id in registry.alias_names:
            for variant in _variants(alias):
                key = fold(variant)
                if _HAS_CJK.search(variant):
                    zh.setdefault(key, law_id)
                else:
                    en.setdefault(key, law_id)
                    en_keys.setdefault(en_key(variant), law_id)
        for law in registry.laws.values():
            for v in law.versions:
                if v.title_en:
                    for variant in _en_variants(v.title_en):
                        en.setdefault(fold(variant), law.law_id)
                        en_keys.setdefault(en_key(variant), law.law_id)
                if law.law_id in ("cpl", "civil-code", "enforcement-draft"):
                    for name in (v.short_name,):
                        zh.setdefault(fold("中华人民共和国" + name), law.law_id)
        # names that point at one superseded text
        version_names: dict[str, tuple[str, str]] = {}
        superseded_titles: dict[str, tuple[str, str]] = {}
        for law in registry.laws.values():
            current = law.current
            for v in law.versions:
                if current is None or v.version == current.version:
                    continue
                if v.doc_number and v.doc_number != current.doc_number:
                    version_names[normalize_name(v.doc_number)] = (law.law_id, v.version)
                if v.title != current.title:
                    cur_title = normalize_name(current.title)
                    for alias in (v.title, *v.aliases):
                        key = normalize_name(alias)
                        if _HAS_CJK.search(alias) and normalize_name(v.title).endswith(key) \
                                and not cur_title.endswith(key) and len(key) >= 6:
                            version_names[key] = (law.law_id, v.version)
                            superseded_titles[key] = (law.law_id, v.version)
        en_fuzzy: list[tuple[str, str | None, frozenset[str]]] = []
        for key_name, law_id in list(en.items()):
            kind, words = en_words(_titlecase(key_name))
            if kind and words:
                en_fuzzy.append((law_id, kind, words))
        zh_loose: dict[str, set[str]] = {}
        for key_name, law_id in zh.items():
            zh_loose.setdefault(loose_zh(key_name), set()).add(law_id)
        # instruments outside the corpus (合同法, 刑法 …) are found like corpus names, resolved by outside_of()
        outside_zh: dict[str, str] = {}
        outside_en: dict[str, str] = {}
        outside_en_surface: set[str] = set()
        for inst in registry.outside.values():
            for name in inst.names:
                for variant in _variants(name):
                    outside_zh.setdefault(fold(variant), inst.id)
            for name in inst.names_en:
                for variant in _en_variants(name):
                    outside_en.setdefault(en_key(variant), inst.id)
                    outside_en_surface.add(fold(variant))
        zh_surfaces = set(zh) | {k for k in outside_zh if k not in zh}
        en_surfaces = set(en) | {k for k in outside_en_surface if k not in en}
        zh_re = re.compile(trie_regex(sorted(zh_surfaces, key=len, reverse=True)))
        en_re = re.compile(r"(?<![a-z0-9])(?:" + trie_regex(sorted(en_surfaces, key=len, reverse=True)) + r")(?![a-z0-9])")
        idx = cls(registry, zh_re, en_re, zh, en_keys, version_names, superseded_titles)
        idx.outside_zh, idx.outside_en = outside_zh, outside_en
        for inst in registry.outside.values():
            for name in inst.names_en:
                for variant in _en_variants(name):
                    kind, words = en_words(variant)
                    if kind and words:
                        idx.outside_en_fuzzy.append((inst.id, kind, words))
        idx.en_fuzzy = en_fuzzy
        idx.zh_loose = {k: next(iter(v)) for k, v in zh_loose.items() if len(v) == 1}
        return idx

    # ----- resolution ------------------------------------------------------------------------------
    def resolve(self, name: str) -> tuple[str | None, str | None, int | None]:
        """Memoized :meth:`resolve_uncached`."""
        hit = self._resolved.get(name)
        if hit is None:
            hit = self.resolve_uncached(name)
            if len(self._resolved) < 50_000:
                self._resolved[name] = hit
        return hit

    def resolve_uncached(self, name: str) -> tuple[str | None, str | None, int | None]:
        """(law id, version the name points at, year named inside it) for any spelling of a law's name.

        >>> # NameIndex.build(registry).resolve("《中华人民共和国民事诉讼法（2017年修正）》") → ('cpl', None, 2017)
        """
        s = fold(name).strip()
        year = None
        m = ZH_YEAR_INSIDE.search(s)
        if m:
            year = _year(m.group("y"))
            s = (s[:m.start()] + s[m.end():]).strip()
        s = s.strip("《》 ")
        if self._outside_plain(s) is not None:
            return None, None, year  # 合同法 is not a loose spelling of a corpus name
        law_id = self._resolve_plain(s)
        version = None
        if law_id:
            hit = self.version_names.get(normalize_name(s))
            if hit and hit[0] == law_id:
                version = hit[1]
        return law_id, version, year

    def _resolve_plain(self, s: str) -> str | None:
        reg = self.registry
        candidates = [s, s.replace("《", "").replace("》", "")]
        for c in candidates:
            law_id = reg.resolve_alias(c)
            if law_id:
                return law_id
        bare = candidates[1]
        changed = True
        while changed:  # 最高院关于执行和解若干问题的规定, 我国民事诉讼法, 新民事诉讼法
            changed = False
            for p in NAME_PREFIXES:
                if bare.startswith(p) and len(bare) > len(p) + 1:
                    bare = bare[len(p):]
                    changed = True
                    law_id = reg.resolve_alias(bare) or reg.resolve_alias("关于" + bare)
                    if law_id:
                        return law_id
        if not _HAS_CJK.search(s):
            key = en_key(s)
            if key in self.en_names:
                return self.en_names[key]
            return self._resolve_english(name_of_case(s)) or self._resolve_issuer_year(name_of_case(s))
        if "强制执行法" in s and ("民事" in s or "草案" in s):  # 《强制执行法》 alone names no text at all
            return reg.resolve_alias("民事强制执行法草案")
        return self._resolve_loose_zh(bare)

    def _resolve_english(self, name: str) -> str | None:
        """'SPC Interpretation on Calculating Debt Interest during Delayed Performance' → delay-interest.

        The kind (Provisions, Interpretation, Law …) must agree and every content word of the name must
        occur in one of the law's English names (one miss allowed for names of four words or more).
        """
        kind, words = en_words(name)
        if not kind or not words:
            return None
        best: dict[str, float] = {}
        for law_id, k, law_words in self.en_fuzzy:
            if k != kind:
                continue
            missing = len(words - law_words)
            allowed = 1 if len(words) >= 4 else 0
            if missing <= allowed:
                score = len(words & law_words) / len(words | law_words)
                best[law_id] = max(best.get(law_id, 0.0), score)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[1][1] >= ranked[0][1] - 0.05:
            return None
        return ranked[0][0]

    def _described_name(self, text: str, s: int, e: int, name: str) -> tuple[int, str]:
        """'the 2015 SPC Interpretation on refusing to enforce judgments': a name of issuers, kind and year followed by
        what it is about in lower case takes the longest such description that names one instrument (the sentence's
        own words after it do not)."""
        m = re.match(r"\s+(?:on|concerning|regarding)\s+((?:[a-z][a-z'’-]*\s*){1,10})", text[e:])
        if m is None:
            return e, name
        words = m.group(1).split()
        found = None
        for k in range(1, len(words) + 1):  # the shortest description that names one instrument…
            if words[k - 1] in _EN_LINK:
                continue
            candidate = f"{name} on {' '.join(words[:k])}"
            found = self.resolve(candidate)[0] or self.outside_of(candidate)
            if found:
                break
        if not found:
            return e, name
        vocabulary = set().union(*([w for i, _, w in self.en_fuzzy if i == found] +
                                   [w for i, _, w in self.outside_en_fuzzy if i == found]))
        last = k
        for j in range(k + 1, len(words) + 1):  # …and as far on as its words are that instrument's
            word = words[j - 1].lower()
            if word in _EN_LINK or word in EN_STOP:
                continue
            if _EN_SAME.get(_stem(word), _stem(word)) not in vocabulary:
                break
            last = j
        offset = m.start(1)
        for w in words[:last]:
            offset = text.find(w, e + offset) - e + len(w)
        return e + offset, text[s:e + offset]

    def _resolve_issuer_year(self, name: str) -> str | None:
        """'the 2024 SPC/SPP Interpretation': an instrument named by its issuers, its kind and its year alone, when one
        corpus instrument of that kind was issued by exactly those courts that year (adopted or in force from)."""
        named = _issuer_year(name)
        kind, words = en_words(name)
        if named is None or kind is None or words:
            return None
        year, joint = named
        hits = set()
        for law in self.registry.laws.values():
            for v in law.versions:
                issuer = getattr(v, "issuer", "") or ""
                if "最高人民法院" not in issuer or ("最高人民检察院" in issuer) != joint:
                    continue
                if en_words(v.title_en or "")[0] != kind:
                    continue
                years = {d.year for d in (v.adopted, v.effective) if d is not None and hasattr(d, "year")}
                if year in years:
                    hits.add(law.law_id)
        # an instrument outside the corpus issued that year by those courts (the 2015 拒执 interpretation beside the
        # 2015 民诉法解释) makes the name ambiguous: it names neither
        zh_kind = {"interpretation": "解释", "provisions": "规定", "opinions": "意见", "rules": "规则"}.get(kind)
        for inst in self.registry.outside.values():
            if inst.title.startswith("最高人民法院") and ("最高人民检察院" in inst.title) == joint and zh_kind and \
                    re.search(zh_kind + r"(?:（[一二三四五六七八九十]）)?$", inst.title) and \
                    inst.effective is not None and inst.effective.year == year:
                hits.add(inst.id)
        return next(iter(hits)) if len(hits) == 1 and next(iter(hits)) in self.registry.laws else None

    def _resolve_loose_zh(self, name: str) -> str | None:
        """《查封、扣押、冻结财产规定》, 《变更追加规定》: an abbreviation of one known name (same ending)."""
        key = loose_zh(name)
        if len(key) < 4:
            return None
        if key in self.zh_loose:
            return self.zh_loose[key]
        if not key.endswith(("规定", "解释")):
            return None
        hits = set()
        for other, law_id in self.zh_loose.items():
            if other.endswith(key[-2:]) and len(other) - len(key) <= 4 and len(other) <= 2.5 * len(key) \
                    and _subsequence(key, other):
                hits.add(law_id)
        return next(iter(hits)) if len(hits) == 1 else None

    def is_superseded_title(self, name: str) -> tuple[str, str] | None:
        s = fold(name).strip("《》 ")
        m = ZH_YEAR_INSIDE.search(s)
        if m:
            s = s[:m.start()] + s[m.end():]
        return self.superseded_titles.get(normalize_name(s))

    # ----- finding names in text -------------------------------------------------------------------
    def find_mentions(self, text: str, folded: str | None = None) -> list[LawMention]:
        """Every law name in the text, non-overlapping, in order; unknown 《…法》 titles included (law_id None)."""
        f = folded if folded is not None else fold(text)
        found: list[tuple[int, int, str, str]] = []  # (start, end, kind, name)
        for m in self.zh_re.finditer(f):
            if m.end() > m.start():
                surface = m.group(0)
                if surface not in self.zh_names and not self.name_boundary_ok(f, m.start()):
                    continue  # 合同法 inside 劳动合同法: a name outside the corpus must stand on its own
                found.append((m.start(), m.end(), "alias", text[m.start():m.end()]))
        for m in self.en_re.finditer(f):
            if m.end() > m.start():
                found.append((m.start(), m.end(), "english", text[m.start():m.end()]))
        for s, e in bracket_titles(f):
            found.append((s, e, "title", text[s:e]))
        if re.search(r"[A-Z]", text):
            for s, e, name in english_names(text):
                if not en_words(name)[1]:
                    e, name = self._described_name(text, s, e, name)
                found.append((s, e, "egeneric", name))
        # longest wins; a 《title》 wins ties (it includes the brackets)
        found.sort(key=lambda t: (t[0], -(t[1] - t[0]), t[2] != "title"))
        chosen: list[tuple[int, int, str, str]] = []
        rank = {"title": 0, "alias": 1, "english": 1, "egeneric": 2}
        taken = bytearray(len(f) + 1)
        for item in sorted(found, key=lambda t: (-(t[1] - t[0]), rank[t[2]], t[0])):
            if any(taken[item[0]:item[1]]):
                continue
            taken[item[0]:item[1]] = b"\x01" * (item[1] - item[0])
            chosen.append(item)
        chosen.sort()
        out: list[LawMention] = []
        for s, e, kind, name in chosen:
            mention = self._mention(text, f, s, e, kind, name)
            if mention is not None:
                out.append(mention)
        return self._join_doc_numbers(f, out)

    def _join_doc_numbers(self, f: str, mentions: list[LawMention]) -> list[LawMention]:
        """A name and its document number written together (《…解释》（法释〔2015〕16号）, 法释〔2013〕17号《…规定》) are one
        mention: the name of the instrument, the revision the number points at."""
        out: list[LawMention] = []
        for m in mentions:
            prev = out[-1] if out else None
            if prev is not None and self._same_instrument(prev, m):
                gap = f[prev.end:m.start]
                if _DOC_NUMBER.fullmatch(m.name.strip()) and (gap == "" or (gap == "(" and f[m.end:m.end + 1] == ")")):
                    out[-1] = replace(prev, end=m.end + (1 if gap else 0), version=prev.version or m.version)
                    continue
                if _DOC_NUMBER.fullmatch(prev.name.strip()) and gap == "" and m.kind == "title":
                    out[-1] = replace(m, start=prev.start, version=m.version or prev.version, year=m.year or prev.year)
                    continue
            out.append(m)
        return out

    def _same_instrument(self, a: LawMention, b: LawMention) -> bool:
        if a.law_id is not None or b.law_id is not None:
            return a.law_id == b.law_id
        return self.outside_of(a.name) is not None and self.outside_of(a.name) == self.outside_of(b.name)

    def _mention(self, text: str, f: str, s: int, e: int, kind: str, name: str) -> LawMention | None:
        law_id, version, year = self.resolve(name)
        if kind == "title" and law_id is None:
            inner = fold(name).strip("《》 ")
            inner = ZH_YEAR_INSIDE.sub("", inner)
            inner = re.sub(r"\([一二三四五六七八九十]{1,3}\)$", "", inner)  # 《…合同法若干问题的解释（一）》
            if not looks_like_law(inner) and self.outside_of(name) is None:
                return None
        if kind == "alias" and law_id is None:
            law_id = self.zh_names.get(fold(name))
        if kind == "english" and law_id is None:
            law_id = self.en_names.get(en_key(name))
        if kind == "egeneric":
            kind = "english"
            m = re.match(r"((?:19|20)[0-9]{2})\s+", name)
            if m:
                year = int(m.group(1))
            m = re.search(r"\s+(?:of\s+)?((?:19|20)[0-9]{2})$", name)
            if m:
                year = int(m.group(1))
        start, end = s, e
        historical = False
        # year / historical qualifiers around the name
        if kind == "english":
            before = f[max(0, s - 24):s]
            m = EN_YEAR_BEFORE.search(before)
            if m and year is None:
                year = int(m.group("y"))
                start = s - (len(before) - m.start())
            m2 = EN_YEAR_AFTER.match(f, e)
            if m2 and year is None:
                year = int(m2.group("y") or m2.group("y2"))
                end = m2.end()
            inside = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", name)
            if inside and year is None:  # the SPC's 2015 Interpretation on …: a year inside the name qualifies it
                year = int(inside.group(1))
            if re.search(r"(?:former|old|previous|prior|superseded)\s+(?:version\s+of\s+(?:the\s+)?)?$",
                         f[max(0, s - 30):start]):
                historical = True
        else:
            before = f[max(0, s - 28):s]
            m = ZH_YEAR_BEFORE.search(before)
            if m and year is None:
                year = _year(m.group("y"))
                start = s - (len(before) - m.start())
            m2 = ZH_YEAR_AFTER.match(f, e)
            if m2 and year is None:
                year = _year(m2.group("y"))
                end = m2.end()
            if HISTORICAL_PREFIX.search(f[max(0, start - 6):start]):
                historical = True
        if law_id is not None and year is not None and (year < 1949 or year > 2100):
            year = None
        return LawMention(start=start, end=end, name=name, law_id=law_id, kind=kind,  # type: ignore[arg-type]
                          year=year, version=version, historical=historical)

    def outside_of(self, name: str) -> str | None:
        """Id of the instrument outside the corpus a name means (《中华人民共和国合同法》, 担保法, the Contract Law)."""
        hit = self._outside.get(name, False)
        if hit is False:
            s = ZH_YEAR_INSIDE.sub("", fold(name)).strip("《》 ")
            hit = self._outside_plain(s)
            if len(self._outside) < 50_000:
                self._outside[name] = hit
        return hit

    def _outside_plain(self, s: str) -> str | None:
        if not self.outside_zh:
            return None
        if not _HAS_CJK.search(s):
            return self.outside_en.get(en_key(s)) or self._outside_english(name_of_case(s))
        bare = s.replace("《", "").replace("》", "")
        for candidate in (s, bare):
            hit = self.outside_zh.get(candidate)
            if hit:
                return hit
            inst = self.registry.resolve_outside(candidate)
            if inst:
                return inst.id
        changed = True
        while changed:  # 最高人民法院关于…, 我国合同法, 原担保法
            changed = False
            for p in NAME_PREFIXES:
                if bare.startswith(p) and len(bare) > len(p) + 1:
                    bare = bare[len(p):]
                    changed = True
                    hit = self.outside_zh.get(bare) or self.outside_zh.get("关于" + bare)
                    if hit:
                        return hit
        return None

    def _outside_english(self, name: str) -> str | None:
        """An English name of an instrument outside the corpus in other words ('the 1992 SPC Opinions on Applying the
        Civil Procedure Law'), by the same rule as corpus names: same kind, every content word found (one miss
        allowed from four words), one best instrument; never when a corpus law fits as well."""
        kind, words = en_words(name)
        if not kind or not words:
            return None
        best: dict[str, float] = {}
        for inst_id, k, inst_words in self.outside_en_fuzzy:
            if k == kind and len(words - inst_words) <= (1 if len(words) >= 4 else 0):
                best[inst_id] = max(best.get(inst_id, 0.0), len(words & inst_words) / len(words | inst_words))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1] - 0.05):
            return None
        if self._resolve_english(name) is not None:
            return None
        return ranked[0][0]

    def name_boundary_ok(self, f: str, start: int) -> bool:
        """A name found at ``start`` of the folded text stands on its own (not the tail of 劳动合同法)."""
        if start == 0 or not _HAS_CJK.match(f[start - 1]) or f[start - 1] in NAME_LEAD_CHARS:
            return True
        lead = f[max(0, start - 6):start]
        return any(m.end() == len(lead) for m in NAME_LEAD_WORDS.finditer(lead))


_LOOSE_DROP = re.compile(r"[《》、，,\s()（）]|的|若干问题|关于|最高人民法院|人民法院|中华人民共和国|办理|案件|适用法律")


def loose_zh(name: str) -> str:
    return _LOOSE_DROP.sub("", fold(name))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _titlecase(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] if w not in _EN_LINK else w for w in name.split())


def name_of_case(s: str) -> str:
    """Folded (lower-case) names lose their capitals; give content words one back for en_words()."""
    return s if any(ch.isupper() for ch in s) else _titlecase(s)


def looks_like_law(name: str) -> bool:
    """True for names that end like an instrument (…法, …规定, …解释 …) and are not ordinary words."""
    name = name.strip()
    if not name or len(name) > 80:
        return False
    if not LAW_SUFFIX.search(name):
        return False
    if name in SHORT_LAWS:
        return True
    if len(name) < 3:
        return False
    for w in NOT_LAW_WORDS:
        if name.endswith(w) and (len(name) == len(w) or name[-len(w) - 1] in "的之和与及或、"):
            return False
    return name not in NOT_LAW_WORDS


def bracket_titles(folded: str, max_len: int = 120) -> list[tuple[int, int]]:
    """Outermost balanced 《…》 spans (nesting allowed, no newline inside, at most max_len characters)."""
    out = []
    stack: list[int] = []
    for m in re.finditer(r"[《》\n]", folded):
        ch = m.group(0)
        pos = m.start()
        if ch == "\n":
            stack.clear()
        elif ch == "《":
            if stack and pos - stack[0] > max_len:
                stack.clear()
            if len(stack) < 4:
                stack.append(pos)
        elif stack:
            start = stack.pop()
            if not stack and pos + 1 - start <= max_len and pos > start + 1:
                out.append((start, pos + 1))
    return out


def _variants(alias: str) -> list[str]:
    out = [alias]
    # a title quoting a law inside it is written with the law's short name as often as with its full one:
    # 关于适用〈婚姻法〉若干问题的解释 for 关于适用〈中华人民共和国婚姻法〉若干问题的解释
    inner = re.sub(r"(?<=[〈《<])中华人民共和国", "", alias)
    if inner != alias and not inner.startswith(("〈", "《", "<")):
        out.append(inner)
    for name in list(out):
        if "《" in name:
            out.append(name.replace("《", "").replace("》", ""))
    # an interpretation is called a 解释 and a 司法解释 alike (拒执罪解释, 拒执罪司法解释)
    for name in list(out):
        if name.endswith("司法解释"):
            out.append(name[:-len("司法解释")] + "解释")
        elif name.endswith("解释") and len(name) > 2:
            out.append(name[:-len("解释")] + "司法解释")
    return out


def _en_variants(title_en: str) -> list[str]:
    """'Provisions of the Supreme People's Court on X' → also 'SPC Provisions on X', 'Provisions on X'."""
    out = [title_en]
    m = re.match(r"^(Provisions|Interpretation|Decision|Opinions|Rules)\s+of the Supreme People's Court"
                 r"(?: and the Supreme People's Procuratorate)?\s+(on|concerning)\s+(.*)$", title_en)
    if m:
        kind, prep, rest = m.groups()
        out += [f"SPC {kind} {prep} {rest}", f"Supreme People's Court {kind} {prep} {rest}", f"{kind} {prep} {rest}"]
        short = re.sub(r"^Several Issues Concerning (?:the )?", "", rest)
        if short != rest:
            out += [f"SPC {kind} {prep} {short}", f"{kind} {prep} {short}"]
    m = re.match(r"^(.*) of the People's Republic of China(.*)$", title_en)
    if m:
        out += [m.group(1) + m.group(2), "PRC " + m.group(1) + m.group(2)]
    return out


_CACHE: "weakref.WeakKeyDictionary[LawRegistry, NameIndex]" = weakref.WeakKeyDictionary()


def name_index(registry: LawRegistry) -> NameIndex:
    """The compiled NameIndex of a registry (built on first use, then cached)."""
    idx = _CACHE.get(registry)
    if idx is None:
        idx = NameIndex.build(registry)
        _CACHE[registry] = idx
    return idx
