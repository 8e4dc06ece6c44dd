"""The grounded composer: builds an answer from retrieved notes and provisions, with no LLM.

Conclusion from the best-supported commentary note; legal basis quoted verbatim with official titles and
current numbers; practical points from the note; follow-up questions from neighbouring notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.corpus.registry import LawRegistry
from assistant.corpus.topics import named_topics
from assistant.corpus.wording import load_proviso_words
# the guard's extractor and resolver, which check the answer's own citations, read the notes' references too
from assistant.guard import check
from assistant.index.bm25 import tokenize
from assistant.text.clauses import complete_clause, qualifier_after
from assistant.text.glossary import expand_english
from assistant.text.legal_systems import AT_LARGE, systems_named
from assistant.models import Article, Hit, Note
from assistant.retrieve import defined_term
from assistant.answer.scope import ASKS_CONTENT, ASKS_DOCTRINE
from assistant.answer.provisions import LAW_NAMES
from assistant.answer.selector import ProvisionSelector

_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
_CITES_PROVISION = re.compile(r"第[零〇一二两三四五六七八九十百千0-9]+条|Articles?\s+\d+|Arts?\.\s*\d+|\bart\s+\d+", re.I)
# a Markdown bullet needs a space after - or * ('**实务要点**：' is a bold label, not a bullet)
_BULLET = re.compile(r"^\s*(?:[-*]\s+|[·•]|\d+[.、)]|（\d+）|[①②③④⑤⑥⑦⑧⑨])\s*")

MAX_BASIS = 3
PRACTICAL_POINTS = 3

# The conclusion when no note answers the question (eval counts these honest replies by this text).
NO_WORKED_ANSWER = (
    "本库没有直接回答这个问题的现成解答。下面的条文与问题用词相近，可能相关，但未必决定你的问题；"
    "请补充关键事实（谁申请、处于哪个程序、发生了什么、日期）再问，或向承办法院、律师咨询。",
    "The library has no worked answer to this question. The provisions below share its wording and may be "
    "relevant, but need not decide it; add the decisive facts (who applies, at what stage, what happened, the "
    "dates) and ask again, or ask the court handling the case or a lawyer.",
)

QUOTE_CHARS = 160


@dataclass(frozen=True)
class Basis:
    law_id: str
    article: int
    title: str
    title_en: str
    quote: str  # verbatim, may be empty when the relevant sentence cross-references an old number
    old_number_notes: tuple[str, ...]
    old_number_notes_en: tuple[str, ...]


@dataclass(frozen=True)
class Composition:
    text: str
    basis: tuple[Basis, ...]
    primary_note: str | None
    follow_ups: tuple[str, ...]
    highlights: dict[str, tuple[tuple[int, int], ...]]  # doc id → spans of the article text quoted


# words every provision shares (the law's own name, 规定 …): matching them says nothing about the sentence
_GENERIC_TERMS = frozenset("规定 民事 诉讼 诉讼法 民事诉讼 法律 人民 法院 人民法院 当事人 本法 适用 依照 条 第 款 项".split())


_NUM = "零〇一二两三四五六七八九十百千0-9"


# what a conclusion drawn from a note that is not itself law is: scholarship, a foreign system, or a proposal or
# draft; each says so in its own words, so that what is left after the guard strips a draft's name still reads true
_NOT_IN_FORCE_CAVEAT = {
    "doctrine": ("（此为学说观点，并非现行规则。）", " (This is a scholarly view, not a rule in force.)"),
    "comparative": ("（此为比较法介绍，并非我国现行规则。）", " (This describes foreign law, not a rule in force in China.)"),
    "reform": ("（草案和改革建议的内容都不是现行规则。）",
               " (Neither a draft nor a reform proposal is a rule in force.)"),
}


# the subjects a comparative note may be about, and the systems a question may ask about (zh, en names)
_COMPARED_SUBJECTS = frozenset({"settlement", "reversal"})
# a note describing a system names it in its title or tags; foreign law at large is described by the overview
_OVERVIEW = re.compile(r"综述|overview", re.I)
_NO_COMPARISON = ("注意：现有资料中没有{system}在这一问题上的比较法介绍；以下只依我国现行规定和相关学说回答。",
                  "Note: the corpus has no comparative material on {system} for this question; the answer below "
                  "rests only on Chinese law in force and Chinese commentary.")


def _note_subjects(note: Note) -> frozenset[str]:
    return named_topics(" ".join((note.title, note.title_en, note.conclusion, *note.tags)))


def _comparisons_for(question: str, note_hits: list[Hit], notes: dict[str, Note]) -> tuple[list[Hit], tuple[str, str] | None]:
    """The note hits with the comparative notes fitted to the question, and the (zh, en) name of a system it
    asks about that no note describes. Another system's rules on one subject (what follows when enforcement is
    undone) say nothing about its rules on another (settlement); a question about a system is answered by the
    note describing it."""
    subjects = named_topics(question) & _COMPARED_SUBJECTS
    note_hits = [h for h in note_hits if not (notes[h.note_id].kind == "comparative" and subjects
                                              and not subjects & _note_subjects(notes[h.note_id]))]
    systems = systems_named(question)
    if not systems:
        return note_hits, None

    def describes(note: Note) -> bool:
        named_in = " ".join((note.title, note.title_en, *note.tags))
        if note.kind != "comparative":
            return False
        if AT_LARGE in systems and _OVERVIEW.search(named_in):
            return True
        return bool((set(systems) & set(systems_named(named_in))) - {AT_LARGE})

    first = [h for h in note_hits if describes(notes[h.note_id])]
    note_hits = first + [h for h in note_hits if h not in first]
    if any(notes[h.note_id].kind == "comparative" for h in note_hits):
        return note_hits, None
    return note_hits, (systems[0].label_zh, systems[0].label_en)


def _caveat_kind(note: Note) -> str:
    if note.kind == "comparative":
        return "comparative"
    return "reform" if note.kind == "reform" or note.topic == "reform" else "doctrine"


@lru_cache(maxsize=4)
def _reference_pattern(law_names: tuple[str, ...]) -> re.Pattern:
    """A reference inside law text: 民事诉讼法第…条, 本规定第…条, 《…》第X条第X款第X项."""
    names = "|".join(re.escape(n) for n in sorted(law_names, key=len, reverse=True))
    return re.compile(rf"(?:《[^》]{{1,60}}》|(?:{names}|本法|本规定|本解释))?第[{_NUM}]+条(?:之[一二三四五六七八九十])?"
                      rf"(?:第[{_NUM}]+款)?(?:第[（(]?[{_NUM}]+[)）]?项)?(?:的?规定)?")


def _elided(sentence: str, references: re.Pattern) -> str:
    """The sentence with its references to other provisions cut out (……): the words stay verbatim, and the
    old numbers such references often carry are explained under the provision instead."""
    return re.sub(r"(?:……)+", "……", references.sub("……", sentence))


def best_sentence(article: Article, question_terms: set[str], law_names: tuple[str, ...] = ()) -> str:
    """The article sentence (items included) sharing most terms with the question. Sentences that cite other
    provisions are quoted only when no other sentence will do, and then with the references elided."""
    question_terms = {t for t in question_terms if t not in _GENERIC_TERMS and len(t) > 1}
    references = _reference_pattern(law_names)
    candidates: list[tuple[bool, float, int, str]] = []
    for i, p in enumerate([*article.paragraphs]):
        for s in (s for text in (p.text, *p.items) for s in _SENTENCE.findall(text)):
            s = s.strip()
            cites = bool(_CITES_PROVISION.search(s))
            if cites:
                s = _elided(s, references)
                if _CITES_PROVISION.search(s):
                    continue  # a reference the pattern does not know: quote nothing rather than an old number
            if len(s.replace("……", "")) < 6:
                continue
            overlap = len(question_terms & set(tokenize(s)))
            candidates.append((cites, overlap - 0.001 * i, -len(s) if len(s) > QUOTE_CHARS else 0, s))
    if not candidates:
        return ""
    candidates.sort(key=lambda c: (c[0], -c[1], -c[2]))
    return complete_clause(article.text, candidates[0][3], load_proviso_words())


# an article asked about by name ('第…条讲的是什么'), or the one the answer rests on first, is quoted whole when it is no
# longer than this (on the question bank's case questions, the key points a sentence of it left out were its other
# conditions and consequences)
WHOLE_ARTICLE_CHARS = 400
# any article this short is quoted whole
SHORT_ARTICLE_CHARS = 200


def whole_article(article: Article, law_names: tuple[str, ...]) -> str:
    """The article's full text on one line (references elided), or "" when it is too long to quote whole."""
    text = _elided("".join(article.text.split("\n")), _reference_pattern(law_names))
    return text if len(text) <= WHOLE_ARTICLE_CHARS and not _CITES_PROVISION.search(text) else ""


def _basis(registry: LawRegistry, law_id: str, number: int, question_terms: set[str],
           whole: bool = False) -> Basis | None:
    article = registry.article(law_id, number)
    if article is None:
        return None
    law = registry.law(law_id)
    names = tuple(alias for alias, _ in registry.alias_names)
    # a short article is quoted whole: its conditions and consequences are one rule (a sentence of it may be half)
    quote = ((whole or len(article.text) <= SHORT_ARTICLE_CHARS) and whole_article(article, names)) or \
        best_sentence(article, question_terms, names)
    notes_zh, notes_en = [], []
    for ref in article.cross_refs:
        if ref.current_article and ref.current_article != ref.cited_article and ref.cited_version:
            year = _year_of(registry, ref.law_id, ref.cited_version)
            target = registry.law(ref.law_id)
            notes_zh.append(f"本条原文援引的是{year}年{target.short_name}第{_zh(ref.cited_article)}条，"
                            f"即现行{target.short_name}第{_zh(ref.current_article)}条")
            notes_en.append(f"its text refers to Article {ref.cited_article} of the {year} {target.title_en}, "
                            f"now Article {ref.current_article} of the text in force")
    return Basis(law_id, number, law.title, law.title_en, quote, tuple(dict.fromkeys(notes_zh)), tuple(dict.fromkeys(notes_en)))


def _year_of(registry: LawRegistry, law_id: str, version: str) -> int:
    v = registry.get_version(law_id, version)
    return v.year if v else int(version[:4])


def _zh(n: int) -> str:
    from assistant.text.numerals import to_chinese

    return to_chinese(n)


# a bold label opening a line ('**实务要点**：', '**背景。**'): a heading for the reader, not part of a point
# ('**有履行期间的**，从…' is emphasis inside a sentence: only the asterisks go)
_BOLD_LABEL = re.compile(r"^(\s*(?:[-*]\s+|[·•]\s*)?)\*\*[^*\n]{1,24}(?:[。：:]\*\*|\*\*[：:])\s*", re.M)


def _plain(markdown: str) -> str:
    return _BOLD_LABEL.sub(r"\1", markdown).replace("**", "")


# lines the note itself labels as practical advice ('**实务要点**：…', '**注意**：…')
# (a label alone on its line heads a bullet list, which is read as bullets: the label must not reach past its line)
_ADVICE_WORDS = r"实务要点|实务提示|需要注意|注意|提示|(?:几|两|三)?点提醒|提醒|建议|稳妥做法"
_ADVICE_LINE = re.compile(rf"^[ \t]*\*\*(?:{_ADVICE_WORDS})[。.]?\*\*[：:]?[ \t]*(\S.*)$", re.M)
_ADVICE_HEAD = re.compile(rf"^[ \t]*(?:\*\*)?(?:{_ADVICE_WORDS})[。.]?(?:\*\*)?[：:]?(?:\*\*)?[ \t]*$")


_OUTLINE_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）][^，,。；]{0,16}[。：:]?$")


def _advice(note: Note) -> list[str]:
    """What the note labels as advice: a labelled line's text, and the bullets under a label alone on its line."""
    out, under_head = [], False
    for line in note.body.splitlines():
        labelled = _ADVICE_LINE.match(line)
        if labelled:
            out.append(_plain(labelled.group(1)).strip())
            under_head = False
        elif _ADVICE_HEAD.match(line):
            under_head = True
        elif under_head and _BULLET.match(line):
            out.append(_BULLET.sub("", _plain(line)).strip())
        elif line.strip():
            under_head = False
    return out


def practical_points(note: Note, limit: int = 3) -> list[str]:
    """What the note labels as advice. A note with no usable advice gives its bullet lines, or when it has
    neither its later sentences; a note's other lists describe the law (what a reversal returns, the conditions
    of a rule) and stand in only then. None that cite provisions."""
    body = _plain(note.body)

    def usable(lines: list[str]) -> list[str]:
        # not a provision's citation, and not a heading of the note's own outline ('（二）起诉撤销和解协议。')
        return [b.rstrip("；;") for b in lines if len(b) >= 8 and not _CITES_PROVISION.search(b) and "《" not in b
                and not _OUTLINE_HEADING.match(b)]

    advice = _advice(note)
    if points := usable(advice):
        return points[:limit]
    bullets = advice + [_BULLET.sub("", ln).strip() for ln in body.splitlines() if _BULLET.match(ln)]
    if not bullets:
        bullets = [s.strip() for s in _SENTENCE.findall(body.replace("\n", ""))][1:]
    return usable(bullets)[:limit]


# where a note's sentence stops: a rule, its condition and its exception sit in one sentence, so 。！？ and lines
# split, ； only when a sentence is too long to lead an answer
_NOTE_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_LEAD_CHARS = 160
# a short label the note puts before its point ('选择：', '期限：'): the answer's conclusion needs no label
_POINT_LABEL = re.compile(r"^[^，,。；：:（(]{1,6}[：:]")


# a reference by an article number alone (第…条, 'art …'), as opposed to one that names its law
# ('Article … of those Provisions' names its law by pointing back, and is left as written)
_ARTICLE_ALONE = re.compile(rf"第[{_NUM}]+条(?:之[一二三四五六七八九十])?(?:第[{_NUM}]+款)?(?:第[（(]?[{_NUM}]+[)）]?项)?|"
                            r"(?:Articles?|Arts?\.?|art)\s*\d+(?:\(\d+\))*(?:,?\s*(?:para(?:graph)?|item)\.?\s*\d+)*", re.I)


def _name_back_references(text: str, citations, registry: LawRegistry, en: bool = False, offset: int = 0) -> str:
    """``text`` with each of ``citations`` (the guard's, found in a text in which ``text`` starts at ``offset``)
    that refers back to a law by an article number alone given that law's name."""
    pieces, last = [], 0
    for c in citations:
        start, end = c.citation.start - offset, c.citation.end - offset
        law = registry.law(c.law_id) if c.law_id else None
        if start < last or law is None or not c.citation.backref or not _ARTICLE_ALONE.fullmatch(c.citation.text):
            continue
        english = LAW_NAMES[c.law_id][1] if c.law_id in LAW_NAMES else law.title_en
        pieces += [text[last:start], f"{c.citation.text} of the {english}" if en
                   else f"《{law.short_name}》{c.citation.text}"]
        last = end
    return "".join(pieces) + text[last:]


@lru_cache(maxsize=2048)
def conclusion_with_laws_named(note: Note, registry: LawRegistry, en: bool = False) -> str:
    """The note's conclusion with each reference by an article number alone given its law's name, for showing it
    after a navigator's answer that named other laws: a bare 第…条 there would be read by the guard as the last
    law named. The note's leading provision's law is its context, as in the note."""
    text = (note.conclusion_en or "") if en else note.conclusion
    if not text or not note.cites:
        return text
    law = registry.law(note.cites[0].law_id)
    context = f"the {law.title_en}. " if en else f"《{law.short_name}》。"
    found = [c for c in check(context + text, registry).citations if c.citation.start >= len(context)]
    return _name_back_references(text, found, registry, en, offset=len(context))


@lru_cache(maxsize=512)
def _rule_sentences(note: Note, registry: LawRegistry) -> dict[tuple[str, int], tuple[str, ...]]:
    """The note's own sentences stating the rule of each provision it cites, in the note's order, with every
    reference the note makes by an article number alone given its law's name, so that the sentence stands alone
    and the guard reads it as the note did. Found with the guard's extractor, which resolves such back-references.
    A sentence is kept only where the guard, reading it alone, finds every citation valid and the same provision
    first."""
    body = note.body
    report = check(body, registry)
    by_sentence: dict[tuple[str, int], list[str]] = {}
    for m in _NOTE_SENTENCE.finditer(body):
        start, end = m.span()
        inside = [c for c in report.citations if start <= c.citation.start and c.citation.end <= end
                  and c.law_id and (c.current_article or c.citation.article) and c.verdict == "valid"]
        if not inside:
            continue
        named = _name_back_references(body[start:end], inside, registry, offset=start)
        sentence = _POINT_LABEL.sub("", _BULLET.sub("", _plain(named)).strip()).strip()
        if len(sentence) > _LEAD_CHARS:
            continue  # a paragraph-long sentence does not lead an answer; the conclusion stands alone
        sentence = re.sub(r"[；;，,：:]$", "。", sentence)
        if not sentence.endswith(("。", "！", "？")):
            sentence += "。"
        # a sentence speaks for the provision it cites first; later ones are its cross-references (the current number
        # of an older article it names, the procedure another provision lends it)
        key = (inside[0].law_id, inside[0].current_article or inside[0].citation.article)
        alone = check(sentence, registry).citations
        if not alone or any(c.verdict != "valid" for c in alone) or \
                (alone[0].law_id, alone[0].current_article or alone[0].citation.article) != key:
            continue  # out of the note it would read otherwise ('不适用第一款' of another article): not a lead
        if sentence not in by_sentence.setdefault(key, []):
            by_sentence[key].append(sentence)
    return {k: tuple(v) for k, v in by_sentence.items()}


def with_deciding_rule(note: Note, hits: list[Hit], registry: LawRegistry, conclusion: str) -> str:
    """The note's (Chinese) conclusion, led by its own sentence on the provision that decides the question when that
    is not its leading provision: the conclusion speaks for the leading one, and a question another of its
    provisions decides is answered first by what the note says on that one (the notes are written in Chinese)."""
    if not note.cites:
        return conclusion
    deciding = deciding_provision(note, hits)
    lead = rule_sentence(note, deciding, registry) \
        if deciding != (note.cites[0].law_id, note.cites[0].article) else None
    return lead + conclusion if lead and lead not in conclusion else conclusion


def rule_sentence(note: Note, provision: tuple[str, int], registry: LawRegistry) -> str | None:
    """The note's first sentence that cites ``provision`` before any other, or None."""
    found = _rule_sentences(note, registry).get(provision)
    return found[0] if found else None


def choose_provisions(hits: list[Hit], notes: dict[str, Note], named: list[tuple[str, int]],
                      registry: LawRegistry, renumbered: bool = False, *, question: str = "",
                      selector: ProvisionSelector | None = None, conclusion_note: Note | None = None,
                      named_laws: list[str] | None = None) -> list[tuple[str, int]]:
    """Provisions the answer rests on: those the question names, the primary note's cites, then top articles,
    less those the selector finds unlikely to govern the question.

    ``renumbered``: the question gave an old number and the route has read it (a year, or '现在是哪一条'):
    the provisions it became are the answer; articles that merely share its number in other revisions are not.
    ``conclusion_note``: the note the answer's conclusion is taken from; its leading provision is the
    conclusion's authority, so it is cited and the selector may not drop it."""
    chosen: list[tuple[str, int]] = []

    def add(law_id: str, number: int | None):
        if number and (law_id, number) not in chosen and registry.article(law_id, number):
            chosen.append((law_id, number))

    for law_id, number in named:
        add(law_id, number)
    authority = []
    if conclusion_note is not None and conclusion_note.cites and not renumbered:
        lead = deciding_provision(conclusion_note, hits)
        add(*lead)
        authority = [lead]
        # the law the question named (its article did not exist): the conclusion's provision from that law
        in_named_law = next((c for c in conclusion_note.cites if c.law_id in (named_laws or [])), None)
        if in_named_law is not None:
            add(in_named_law.law_id, in_named_law.article)
            authority.append((in_named_law.law_id, in_named_law.article))
    law_notes = [h for h in hits if h.kind == "note" and notes[h.note_id].kind == "law"]
    # a question naming provisions rests on a note about them when there is one
    primary = next((h for h in law_notes if _cites_any(notes[h.note_id], named)), None) if named else None
    if renumbered:
        # only a note led by the provision asked about speaks for it (a note listing it eleventh does not)
        led = next((h for h in law_notes if _leads_with_any(notes[h.note_id], named)), None)
        if led is not None:
            add(led.cites[0].law_id, led.cites[0].article)
        return chosen[:MAX_BASIS]
    primary = primary or next(iter(law_notes), None)
    top_article = next((h for h in hits if h.kind == "article"), None)
    if primary is not None and (top_article is None or hits.index(primary) <= hits.index(top_article) + 2):
        for c in notes[primary.note_id].cites[:2]:
            add(c.law_id, c.article)
    for h in hits:
        if len(chosen) >= MAX_BASIS:
            break
        if h.kind == "article" and h.status == "in_force":
            if len(chosen) >= 2 and h.score < hits[0].score * 0.6:
                break
            add(h.law_id, h.article)
    chosen = chosen[:MAX_BASIS]
    if selector is not None:
        chosen = selector.keep(question, hits, chosen, always=[*named, *authority])
    return chosen


def deciding_provision(note: Note, hits: list[Hit]) -> tuple[str, int]:
    """Of the provisions a note rests on, the one that decides the question.

    A note often states several rules (when to object, what follows a late objection, how long the court has),
    each on its own provision, and each of its questions is labelled with the provision that decides it
    (``ask_cites``). The question of the note that lay nearest the user's question in the dense search carries
    that label: a user asking from which day delay interest runs lies nearest the note's question about the start
    date, not its question about the rate. Before the label: a cited article that retrieval ranked first of all
    hits (the question uses its words). Without a label: the cited article retrieval ranked highest, else the
    note's leading provision.

    On the question bank (693 questions by two outside authors), where the label and retrieval's order disagreed,
    the label was right 48 times and the order 40, 10 of those when the order's article was the first hit. Measured
    before the labels and dropped: the cosine of the question with each cited article, and the words it shares
    with the note's passage on each provision."""
    cited = {(c.law_id, c.article) for c in note.cites}
    if hits and hits[0].kind == "article" and (hits[0].law_id, hits[0].article) in cited:
        # the question's own words point straight at one of the note's articles, above every note
        return hits[0].law_id, hits[0].article
    own = next((h for h in hits if h.kind == "note" and h.note_id == note.id), None)
    if own is not None and own.matched_ask is not None:
        label = note.ask_provision(own.matched_ask)
        if label is not None:
            return label.law_id, label.article
    found = next(((h.law_id, h.article) for h in hits if h.kind == "article" and (h.law_id, h.article) in cited),
                 None)
    return found or (note.cites[0].law_id, note.cites[0].article)


def _cites_any(note: Note, provisions: list[tuple[str, int]]) -> bool:
    return any((c.law_id, c.article) in provisions for c in note.cites)


def _leads_with_any(note: Note, provisions: list[tuple[str, int]]) -> bool:
    return bool(note.cites) and (note.cites[0].law_id, note.cites[0].article) in provisions


def compose(question: str, lang: str, hits: list[Hit], registry: LawRegistry,
            named: list[tuple[str, int]] | None = None, preface: list[str] | None = None,
            renumbered: bool = False, selector: ProvisionSelector | None = None,
            named_laws: list[str] | None = None, stance_of=None) -> Composition:
    notes = registry.notes_by_id
    # quotes are chosen on the statutes' own words: an English question's terms are mapped to them first
    # (colloquial Chinese is not: '没付清' would read as 付清, and 付清 as 履行完毕)
    terms = set(tokenize(expand_english(question)))
    note_hits = [h for h in hits if h.kind == "note"]
    if not ASKS_DOCTRINE.search(question):
        # a scholarly or comparative note answers only a question about scholarship or other systems, or one
        # where the law is silent: a doctrine note on practice (not reform) that is the best match of all.
        # What a term means is what the law says, so a definition is never such a gap.
        gap = hits[0] if hits and hits[0].kind == "note" and notes[hits[0].note_id].kind == "doctrine" \
            and notes[hits[0].note_id].topic != "reform" and defined_term(question) is None else None
        note_hits = [h for h in note_hits if notes[h.note_id].kind == "law" or h is gap]
    note_hits, missing_system = _comparisons_for(question, note_hits, notes)
    if missing_system:
        zh_name, en_name = missing_system
        preface = [*(preface or []), _NO_COMPARISON[1].format(system=en_name) if lang == "en"
                   else _NO_COMPARISON[0].format(system=zh_name)]
    asks_content = bool(named) and bool(ASKS_CONTENT.search(question))
    if named:
        # a question naming provisions is answered from a note about them, when there is one; a question
        # about what an old number became is answered from the provision itself, not a note on other numbers
        note_hits = sorted(note_hits, key=lambda h: not _cites_any(notes[h.note_id], named))
        if renumbered or asks_content:
            # what an old number became, or what a named provision says: the provision answers, or a note
            # led by it; not a note that merely lists it among others
            note_hits = [h for h in note_hits if _leads_with_any(notes[h.note_id], named)]
    if named_laws and not named:
        # an article number past the law's end '…关于执行回转的规定': no such article, but the law is named; a note
        # on it answers first
        note_hits = sorted(note_hits, key=lambda h: not any(c.law_id in named_laws for c in notes[h.note_id].cites))
    answering = note_hits
    top = hits[0] if hits else None
    if top is not None and top.kind == "article" and not named:
        # the best match is a provision: a note answers only if it rests on it; otherwise the provision does
        # (the other notes are still offered as related questions)
        answering = [h for h in note_hits if _cites_any(notes[h.note_id], [(top.law_id, top.article)])]
        note_hits = answering + [h for h in note_hits if h not in answering]
    primary = notes[answering[0].note_id] if answering else None
    related_hits = note_hits[1:] if primary is not None else note_hits
    provisions = choose_provisions(hits, notes, named or [], registry, renumbered=renumbered, question=question,
                                   selector=selector, conclusion_note=primary, named_laws=named_laws)
    basis = [b for b in (_basis(registry, law_id, n, terms, whole=(asks_content and (law_id, n) in named) or i == 0)
                         for i, (law_id, n) in enumerate(provisions)) if b]
    follow = []
    for h in related_hits:
        n = notes[h.note_id]
        asks = n.asks_en if lang == "en" else n.asks
        if asks and not _CITES_PROVISION.search(asks[0]) and asks[0] not in follow:
            follow.append(asks[0])
        if len(follow) == 3:
            break
    lines: list[str] = list(preface or [])
    if lines:
        lines.append("")
    en = lang == "en"
    if primary is not None:
        # (its references by number alone stay as the note wrote them: the legal basis below names their law first;
        # named here they became the answer's first citations, and blind questions concluded right 0.709 → 0.700)
        conclusion = (primary.conclusion_en or primary.title_en) if en else primary.conclusion
        if primary.kind != "law":
            conclusion += _NOT_IN_FORCE_CAVEAT[_caveat_kind(primary)][1 if en else 0]
        elif not en and not named and not renumbered:
            conclusion = with_deciding_rule(primary, hits, registry, conclusion)
    elif basis and named and not renumbered and (basis[0].law_id, basis[0].article) in named:
        b = basis[0]
        conclusion = (f"Article {b.article} of the {b.title_en} provides as quoted below." if en
                      else f"《{b.title}》第{_zh(b.article)}条的规定见下。")
    elif basis and renumbered:
        now = "、".join(f"第{_zh(b.article)}条" for b in basis if (b.law_id, b.article) in (named or []))
        now_en = ", ".join(f"Article {b.article}" for b in basis if (b.law_id, b.article) in (named or []))
        conclusion = (f"In the text in force it is {now_en} of the {basis[0].title_en}; its wording is quoted below." if en
                      else f"该条在现行文本中为《{basis[0].title}》{now}，现行条文见下。")
    elif basis:
        # no note answers and the question names no provision: retrieval found only words in common, which is
        # no reason to call an article the answer; say so, and offer the provisions as possibly relevant
        conclusion = NO_WORKED_ANSWER[1 if en else 0]
    else:
        conclusion = ""
    if stance_of is not None:
        # the user asked whether a statement is right: judge it against the provisions this answer rests on
        # (the conclusion note's first), and say so before anything else
        candidates = list(dict.fromkeys([*(((c.law_id, c.article) for c in primary.cites) if primary else ()),
                                         *provisions, *((h.law_id, h.article) for h in hits
                                                        if h.kind == "article" and h.law_id and h.article)]))
        judgement = stance_of(candidates)
        if judgement is not None:
            conclusion = _stance_sentence(judgement, registry, en) + (" " if en else "") + conclusion
            if judgement.law_id and (judgement.law_id, judgement.article) not in provisions and judgement.truth:
                extra = _basis(registry, judgement.law_id, judgement.article, terms)
                if extra:
                    basis.insert(0, extra)
    lines.append(("**Conclusion**: " if en else "**结论**：") + conclusion)
    if basis:
        lines.append("")
        worked = conclusion != NO_WORKED_ANSWER[1 if en else 0]
        lines.append(("**Legal basis**" if en else "**法律依据**") if worked else
                     ("**Provisions that may be relevant**" if en else "**可能相关的条文**"))
        for b in basis:
            if en:
                head = f"- Article {b.article} of the {b.title_en} (《{b.title}》第{_zh(b.article)}条)"
                lines.append(head + (f": 「{b.quote}」" if b.quote else ""))
                for note in b.old_number_notes_en:
                    lines.append(f"  - Note: {note}.")
            else:
                head = f"- 《{b.title}》第{_zh(b.article)}条"
                lines.append(head + (f"：「{b.quote}」" if b.quote else ""))
                for note in b.old_number_notes:
                    lines.append(f"  - 注：{note}。")
    if primary is not None and en:
        points = list(primary.points_en[:PRACTICAL_POINTS])
    else:
        points = practical_points(primary, PRACTICAL_POINTS) if primary is not None else []
    if points:
        lines.append("")
        lines.append("**Practical points**" if en else "**实务要点**")
        lines.extend(f"- {p}" for p in points)
    if en:
        related = [notes[h.note_id] for h in related_hits[:2]]
        points_en = [n.conclusion_en for n in related if n.conclusion_en and not _CITES_PROVISION.search(n.conclusion_en)]
        if points_en:
            lines.append("")
            lines.append("**Also relevant**")
            lines.extend(f"- {p}" for p in points_en)
    if follow:
        lines.append("")
        lines.append("**Related questions**" if en else "**相关问题**")
        lines.extend(f"- {f}" for f in follow)
    lines.append("")
    lines.append("> This is legal information, not legal advice." if en else "> 以上为法律信息，不构成法律意见。")
    text = "\n".join(lines)
    highlights: dict[str, tuple[tuple[int, int], ...]] = {}
    for b in basis:
        art = registry.article(b.law_id, b.article)
        spans = _quote_spans(art.text, b.quote) if art and b.quote else ()
        if spans:
            current = registry.current_version(b.law_id)
            highlights[f"art:{b.law_id}@{current.version}#{b.article}"] = spans
    return Composition(text, tuple(basis), primary.id if primary else None, tuple(follow), highlights)


_STANCE_WORDS = {  # the first words of a judged statement's answer (eval reads the stance from them)
    "true": ("这个说法正确。", "Yes, that is right."),
    "false": ("这个说法不正确。", "No, that is not right."),
    "partly": ("这个说法部分正确。", "Partly."),
    # no stance: the checks were not sure enough, which is not the same as the law being silent; what follows may
    # well settle it, so the opening says only that the assistant could not judge it reliably
    None: ("这个说法我无法可靠地判断，请以下面的规定和条文为准。",
           "I can't reliably judge that statement; here is what the rules and provisions say."),
}
_STANCE_REASONS = {
    "polarity": ("现行条文的规定与此相反", "the provision in force says the opposite"),
    "number": ("现行条文规定的期限或数额与此不同", "the provision in force sets a different period or amount"),
    "supported": ("现行条文正是这样规定的", "this is what the provision in force says"),
    "differs": ("现行条文并不是这样规定的", "the provision in force does not say that"),
    "partly": ("其中一部分与现行条文一致，另一部分不一致", "part of it matches the provision in force and part does not"),
    "cited_old": ("规则本身与现行规定一致，但它所引的条文序号已过时或所引文本已不再有效",
                  "the rule holds, but the provision it cites is numbered as in an older text or is no longer in force"),
}


def _stance_sentence(judgement, registry: LawRegistry, en: bool) -> str:
    """The stance, its reason, then the deciding provision quoted (the guard checks the quote verbatim; the
    reason sits in a sentence of its own so the citing sentence claims only what it quotes)."""
    head = _STANCE_WORDS[judgement.truth][1 if en else 0]
    if judgement.truth is None or not judgement.law_id:
        return head
    law = registry.law(judgement.law_id)
    reason = _STANCE_REASONS.get(judgement.reason, ("", ""))[1 if en else 0]
    quote = judgement.sentence.strip()
    if len(quote) > QUOTE_CHARS:
        # shortened in the middle, never at the end: the proviso that closes it stays
        article = registry.article(judgement.law_id, judgement.article)
        tail = qualifier_after(article.text, quote[:QUOTE_CHARS], load_proviso_words()) if article else ""
        quote = quote[:QUOTE_CHARS] + "……" + (tail if tail and tail not in quote[:QUOTE_CHARS] else "")
    if en:
        return f"{head[:-1]}: {reason}. Article {judgement.article} of the {law.title_en} reads: 「{quote}」"
    return f"{head[:-1]}：{reason}。《{law.title}》第{_zh(judgement.article)}条：「{quote}」"


def _quote_spans(text: str, quote: str) -> tuple[tuple[int, int], ...]:
    """Where the quote's pieces (split on the …… of elided references) stand in the article, in order;
    nothing when a piece is not found."""
    spans, at = [], 0
    for piece in (p for p in quote.split("……") if p):
        start = text.find(piece, at)
        if start < 0:
            return ()
        spans.append((start, start + len(piece)))
        at = start + len(piece)
    return tuple(spans)
