"""Pieces of the grounded composer that read commentary notes."""

from __future__ import annotations

import re

import pytest

from assistant.answer.grounded import practical_points
from assistant.text.numerals import to_chinese


def test_practical_points_are_plain_text_without_citations(registry):
    points = [(n.id, p) for n in registry.notes for p in practical_points(n)]
    assert len({nid for nid, _ in points}) > len(registry.notes) // 2
    assert not [(nid, p) for nid, p in points if "*" in p or "《" in p], "markdown or citations leaked into points"
    # emphasis inside a sentence ('- **规定了履行期间的**，从…') keeps its words; only a label is dropped
    assert not [(nid, p) for nid, p in points if p[0] in "，。；、：:,"], "a point lost its opening words"
    # a heading of the note's own outline ('（二）起诉撤销和解协议。') is not a point
    assert not [(nid, p) for nid, p in points if re.match(r"^[（(][一二三四五六七八九十]+[)）][^，,。]{0,16}。?$", p)]


def test_a_line_the_note_labels_as_advice_is_a_point(registry):
    note = next(n for n in registry.notes if "**实务要点**：原申请执行人若已将执行款转付他人" in n.body)
    assert practical_points(note)[0].startswith("原申请执行人若已将执行款转付他人")


def test_a_label_alone_on_its_line_heads_its_bullets_without_doubling_them(registry):
    # '**实务要点**' then '- 申请回转时…' on the next line: once, and without the bullet's dash
    notes = [n for n in registry.notes if "**实务要点**\n- " in n.body]
    assert notes, "the corpus has notes with a bare 实务要点 label"
    for note in notes:
        points = practical_points(note)
        assert points and len(points) == len(set(points)), (note.id, points)
        assert not [p for p in points if p.startswith(("-", "*"))], (note.id, points)


def test_a_note_that_labels_advice_gives_only_that_advice(registry):
    # reversal-scope-fruits lists what a reversal returns ('- 被划扣、提取的款项；') and labels one line as
    # advice: the list describes the law and must not be offered as practical points beside it
    note = next(n for n in registry.notes if n.id == "reversal-scope-fruits")
    points = practical_points(note)
    assert points and points[0].startswith("申请回转时把本金、孳息分列清楚")
    assert not [p for p in points if "被划扣" in p or "过户的动产" in p], points


def test_bullets_under_an_advice_heading_alone_on_its_line_are_advice(registry):
    from assistant.models import Note

    body = ("规则是这样的。\n\n- 一项描述规则内容的条目；\n\n实务要点：\n\n- 先核对送达日期再决定是否复议；\n"
            "- 邮寄材料要保留快递单作为凭证。\n\n后记一句话。")
    note = Note(id="t", title="t", title_en="t", topic="settlement", kind="law", tags=(), asks=(), asks_en=(),
                conclusion="c", conclusion_en="", cites=(), body=body, source_file="t.md")
    assert practical_points(note) == ["先核对送达日期再决定是否复议", "邮寄材料要保留快递单作为凭证。"]


def _names(registry):
    return tuple(alias for alias, _ in registry.alias_names)


def test_a_sentence_citing_another_provision_is_quoted_with_the_reference_elided(registry):
    from assistant.answer.grounded import _quote_spans, best_sentence
    from assistant.index.bm25 import tokenize

    article = registry.article("settlement", 12)  # …可以依照民事诉讼法第二百二十五条规定提出异议。
    quote = best_sentence(article, set(tokenize("对恢复执行裁定不服怎么办")), _names(registry))
    assert quote == "当事人、利害关系人认为恢复执行或者不予恢复执行违反法律规定的，可以依照……提出异议。"
    spans = _quote_spans(article.text, quote)
    assert [article.text[a:b] for a, b in spans] == quote.split("……")


def test_items_are_quotable_and_reference_free_sentences_come_first(registry):
    from assistant.answer.grounded import best_sentence
    from assistant.index.bm25 import tokenize

    article = registry.article("settlement", 19)  # intro cites 民事诉讼法第二百二十五条; the items do not
    quote = best_sentence(article, set(tokenize("和解协议履行完毕 终结执行")), _names(registry))
    assert quote.startswith("（一）和解协议履行完毕的") and "……" not in quote


def test_elided_quotes_pass_the_guard(service):
    a = service.ask("对恢复执行的裁定不服，当事人可以怎么救济？")
    assert "可以依照……提出异议" in a.text
    assert a.citations and all(c.verdict == "valid" for c in a.citations)


def test_english_questions_choose_quotes_by_the_chinese_terms_they_name(service):
    a = service.ask("If I sue on the settlement agreement, what happens to the seized assets?")
    # the article is short, so it is quoted whole; the sentence the question's terms name is in the quotation
    import re

    assert any("执行中的查封、扣押、冻结措施，自动转为诉讼中的保全措施。" in q for q in re.findall(r"「([^」]+)」", a.text))


def test_the_deciding_provision_is_the_cited_article_retrieval_ranked_highest(registry):
    """A note stating several rules concludes on the provision of the rule asked about: of the articles it cites,
    the one retrieval ranked highest, above or below the note itself; otherwise on its leading provision."""
    from assistant.answer.grounded import deciding_provision
    from assistant.models import Hit

    note = next(n for n in registry.notes if len(n.cites) >= 3)
    lead, other, third = [(c.law_id, c.article) for c in note.cites[:3]]

    def article(key, score):
        return Hit(doc_id=f"art:{key[0]}#{key[1]}", kind="article", text="", score=score, law_id=key[0], article=key[1])

    note_hit = Hit(doc_id=f"note:{note.id}", kind="note", text="", score=0.5, note_id=note.id)
    uncited = Hit(doc_id="art:x#1", kind="article", text="", score=0.9, law_id="not-cited", article=1)
    assert deciding_provision(note, [uncited, article(other, 0.8), note_hit, article(third, 0.4)]) == other
    # a note whose own questions match the user's ranks above its articles; the best-ranked cited article still decides
    assert deciding_provision(note, [note_hit, article(third, 0.4)]) == third
    assert deciding_provision(note, [note_hit, uncited, article(third, 0.4), article(other, 0.3)]) == third
    # no cited article retrieved: the note's leading provision
    assert deciding_provision(note, [uncited, note_hit]) == lead


def test_the_label_of_the_nearest_question_of_the_note_decides(registry):
    """A labelled note: the provision its question nearest the user's is labelled with decides, above retrieval's
    order of its articles; a hit that reached the note by no question of it falls back to that order."""
    import dataclasses

    from assistant.answer.grounded import deciding_provision
    from assistant.models import Hit

    note = next(n for n in registry.notes if len(n.cites) >= 3 and len(n.asks) >= 2)
    lead, other, third = note.cites[:3]
    labelled = dataclasses.replace(note, ask_cites=(lead, third, *[lead] * (len(note.asks) - 2)), ask_cites_en=())
    ranked_other = Hit(doc_id=f"art:{other.law_id}#{other.article}", kind="article", text="", score=0.8,
                       law_id=other.law_id, article=other.article)

    def note_hit(ask):
        return Hit(doc_id=f"note:{note.id}", kind="note", text="", score=0.5, note_id=note.id, matched_ask=ask)

    assert deciding_provision(labelled, [note_hit(1), ranked_other]) == (third.law_id, third.article)
    assert deciding_provision(labelled, [note_hit(0), ranked_other]) == (lead.law_id, lead.article)
    # the nearest question is an English one and the English questions carry no label; or no question matched
    assert deciding_provision(labelled, [note_hit(len(note.asks)), ranked_other]) == (other.law_id, other.article)
    assert deciding_provision(labelled, [note_hit(None), ranked_other]) == (other.law_id, other.article)


def test_a_question_on_one_rule_of_a_note_concludes_on_that_rules_provision(service):
    # the late-objection note states when an objection is too late (异议复议规定 第六条, its leading provision) and
    # what the late objector can still do (执行异议之诉解释 第一条第二款); asked only about the late objector, the
    # legal basis leads with the provision on that, not with the note's first
    note = service.registry.note("proc-objection-too-late")
    answer = service.ask("案外人逾期提出异议，被裁定不予受理的，能否另行向申请执行人、被执行人主张权利？")
    assert note.conclusion[:40] in answer.text
    basis = answer.text.split("**法律依据**", 1)[1].strip().splitlines()[0]
    first = note.cites[0]
    lead = service.registry.law(first.law_id).title
    assert not basis.startswith(f"- 《{lead}》第{to_chinese(first.article)}条"), basis[:80]
    assert any(basis.startswith(f"- 《{service.registry.law(c.law_id).title}》第{to_chinese(c.article)}条")
               for c in note.cites[1:]), basis[:80]


def test_every_rule_sentence_of_every_note_stands_alone_for_the_guard(registry):
    """A note's sentence that leads an answer keeps the note's meaning out of the note: each reference the note
    made by number alone now names its law, so the guard resolves every citation in it, finds it valid, and reads
    the provision it speaks for first."""
    from assistant.answer.grounded import _rule_sentences
    from assistant.guard import check

    seen = 0
    for note in registry.notes:
        if note.kind != "law":
            continue
        for provision, sentences in _rule_sentences(note, registry).items():
            assert registry.law(provision[0]) is not None and provision[1], provision
            for sentence in sentences:
                seen += 1
                report = check(sentence, registry)
                assert report.citations, (note.id, sentence)
                assert not [c for c in report.citations if c.verdict != "valid"], (note.id, sentence)
                first = report.citations[0]
                assert (first.law_id, first.current_article or first.citation.article) == provision, (note.id, sentence)
                assert "*" not in sentence and not sentence.startswith(("-", "·")), (note.id, sentence)
    assert seen > len(registry.notes)


def test_a_question_another_provision_of_the_note_decides_is_answered_by_the_notes_sentence_on_it(registry):
    """The conclusion of a note speaks for its leading provision; when the user's nearest question of the note is
    labelled with another of its provisions, the answer opens with the note's own sentence on that provision."""
    import dataclasses

    from assistant.answer import grounded
    from assistant.models import Hit

    note = registry.note("settle-resume-procedure")
    lead = note.cites[0]
    on_choice = next(c for c in note.cites if (c.law_id, c.article) == ("settlement", 13))
    labelled = dataclasses.replace(note, ask_cites=(on_choice, *[lead] * (len(note.asks) - 1)), ask_cites_en=())
    hits = [Hit(doc_id=f"note:{note.id}", kind="note", text="", score=0.5, note_id=note.id, matched_ask=0)]
    notes = {**registry.notes_by_id, note.id: labelled}

    class Registry:  # the real registry, serving the relabelled note
        def __getattr__(self, name):
            return getattr(registry, name)
        notes_by_id = notes

    text = grounded.compose(note.asks[0], "zh", hits, Registry()).text
    conclusion = text.split("**结论**：", 1)[1].splitlines()[0]
    sentence = grounded.rule_sentence(labelled, ("settlement", 13), registry)
    assert sentence is not None and "第十三条" in sentence and "《执行和解规定》" in sentence
    assert conclusion.startswith(sentence) and conclusion.endswith(note.conclusion)
    # asked what the leading provision decides, the note's conclusion stands alone
    hits = [dataclasses.replace(hits[0], matched_ask=1)]
    text = grounded.compose(note.asks[1], "zh", hits, Registry()).text
    assert text.split("**结论**：", 1)[1].splitlines()[0] == note.conclusion


@pytest.mark.parametrize("en", [False, True])
def test_a_conclusion_shown_names_the_law_of_every_article_it_gives_by_number_alone(registry, en):
    """Shown after a navigator's answer that named other laws, a conclusion's bare '第十三条' / 'art 13' would be
    read by the guard as the last law's. Named, no reference in any note's conclusion is left bare, and, read
    alone, every Chinese one is valid."""
    from assistant.answer.grounded import _ARTICLE_ALONE, conclusion_with_laws_named
    from assistant.guard import check

    named_some = 0
    for note in registry.notes:
        if note.kind != "law" or not (note.conclusion_en if en else note.conclusion):
            continue
        text = conclusion_with_laws_named(note, registry, en)
        raw = note.conclusion_en if en else note.conclusion
        named_some += text != raw
        for c in check(text, registry).citations:
            # (刑法 is outside the corpus; English claims are read more loosely by the guard and not held here)
            assert en or c.verdict == "valid" or c.law_id is None, (note.id, c.citation.text, c.verdict)
            assert not c.citation.backref or not _ARTICLE_ALONE.fullmatch(c.citation.text), (note.id, c.citation.text)
    assert named_some >= 10


def test_the_deciding_provision_is_quoted_whole_when_it_fits(service):
    """The provision an answer rests on first is quoted in full (up to WHOLE_ARTICLE_CHARS): its conditions,
    consequences and exceptions are one rule, and a sentence of it may answer half the question. The others
    are quoted by their best sentence."""
    from assistant.answer.grounded import SHORT_ARTICLE_CHARS, WHOLE_ARTICLE_CHARS, whole_article

    names = tuple(alias for alias, _ in service.registry.alias_names)
    checked, longer = 0, 0
    for question in ("申请执行人就履行和解协议起诉以后，原来的查封冻结还有效吗？",
                     "被执行人以和解协议已经履行完毕为由提出异议，法院怎么审查？",
                     "执行和解协议履行完毕后，申请执行人又申请恢复执行，法院怎么处理？"):
        hits = service.retriever.search(question, k=service.settings.retrieval_k).hits
        comp = __import__("assistant.answer.grounded", fromlist=["compose"]).compose(
            question, "zh", hits, service.registry, selector=service.chain.selector)
        first = comp.basis[0]
        article = service.registry.article(first.law_id, first.article)
        whole = whole_article(article, names)
        if whole:
            checked += 1
            longer += len(article.text) > SHORT_ARTICLE_CHARS  # quoted whole for being first, not for being short
            assert first.quote == whole and len(whole) <= WHOLE_ARTICLE_CHARS
    assert checked >= 2 and longer >= 1


def test_an_english_answer_shows_the_english_points_of_its_conclusion_note(registry):
    """A Chinese answer shows practical points from the note's Chinese body; an English one shows the note's
    points_en, and none when the note has none (never Chinese points in an English answer)."""
    import dataclasses

    from assistant.answer import grounded
    from assistant.models import Hit

    note = registry.note("settle-resume-procedure")
    pointed = dataclasses.replace(note, points_en=("Apply to the court that handled the enforcement.",
                                                   "Apply within two years of the last day agreed for performance."))
    hits = [Hit(doc_id=f"note:{note.id}", kind="note", text="", score=0.5, note_id=note.id, matched_ask=None)]

    class Registry:  # the real registry, serving the note with English points
        def __getattr__(self, name):
            return getattr(registry, name)
        notes_by_id = {**registry.notes_by_id, note.id: pointed}

    text = grounded.compose(note.asks_en[0], "en", hits, Registry()).text
    assert "**Practical points**\n- Apply to the court that handled the enforcement.\n- Apply within two years" in text
    bare = dataclasses.replace(note, points_en=())
    Registry.notes_by_id = {**registry.notes_by_id, note.id: bare}
    text = grounded.compose(note.asks_en[0], "en", hits, Registry()).text
    assert "**Practical points**" not in text and "**实务要点**" not in text
