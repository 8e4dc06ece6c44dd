"""Hybrid retrieval: exact lookup, BM25, fusion, bad input, the langchain retriever. Dense is exercised in tests/answer."""

from __future__ import annotations

import pytest

from assistant.index.bm25 import tokenize
from assistant.retrieve import HybridRetriever, QueryError, clean_query, defined_term


@pytest.fixture(scope="module")
def lexical(registry) -> HybridRetriever:
    return HybridRetriever(registry)  # no store: exact + BM25 only


@pytest.mark.parametrize("query, doc_id", [
    ("民诉法第244条", "art:cpl@2024-01-01#244"),
    ("执行和解规定第九条", "art:settlement@2021-01-01#9"),
    ("Article 244 of the Civil Procedure Law", "art:cpl@2024-01-01#244"),
    ("《最高人民法院关于执行和解若干问题的规定》第十九条", "art:settlement@2021-01-01#19"),
])
def test_exact_lookup_ranks_first(lexical, query, doc_id):
    assert lexical.search(query, k=5).hits[0].doc_id == doc_id


@pytest.mark.parametrize("question, term", [
    ("什么是执行回转？", "执行回转"),
    ("执行回转是什么意思？", "执行回转"),
    ("什么叫执行和解协议", "执行和解协议"),
    ("什么是执行回转，为什么要有这个制度？", "执行回转"),
    ("What is execution reversal?", "execution reversal"),
    ("What is an enforcement settlement under Chinese law?", "enforcement settlement"),
    ("执行回转裁定下来了，对方拖着不退钱怎么办？", None),
    ("What is the deadline to resume enforcement?", "deadline to resume enforcement"),
    ("申请执行时效是多久", None),
])
def test_definition_questions_name_their_term(question, term):
    assert defined_term(question) == term


@pytest.mark.parametrize("question, note", [
    ("什么是执行回转？", "note:reversal-concept-purpose"),
    ("执行回转是什么意思？", "note:reversal-concept-purpose"),
    ("What is execution reversal?", "note:reversal-concept-purpose"),
    ("什么是执行和解协议？", "note:settle-agreement-definition"),     # the note asks about 执行和解
])
def test_a_definition_question_finds_the_note_that_defines_the_term(lexical, question, note):
    hits = lexical.search(question, k=3).hits
    assert hits[0].doc_id == note and "defines" in hits[0].signals


@pytest.mark.parametrize("question", ["执行回转裁定下来了，对方拖着不退钱怎么办？", "What is enforcement?", "什么是执行？"])
def test_other_questions_get_no_definition_signal(lexical, question):
    # a term inside another note's question ('…challenging enforcement steps') is not that note's definition
    hits = lexical.search(question, k=8).hits
    assert not [h for h in hits if "defines" in h.signals]


def test_year_named_returns_old_and_current(lexical):
    ids = [h.doc_id for h in lexical.search("2017年民事诉讼法第二百三十三条", k=5).hits]
    assert ids[:2] == ["art:cpl@2017-07-01#233", "art:cpl@2024-01-01#244"]


def test_old_number_without_year_surfaces_current_article(lexical):
    ids = [h.doc_id for h in lexical.search("民事诉讼法第二百三十条 执行和解", k=5).hits]
    assert "art:cpl@2024-01-01#241" in ids


def test_superseded_not_returned_unless_asked(lexical):
    hits = lexical.search("执行和解协议不履行 恢复执行", k=20).hits
    assert all(h.status != "superseded" for h in hits)


def test_legal_terms_kept_whole():
    assert "执行和解协议" in tokenize("执行和解协议不履行") and "执行回转" in tokenize("申请执行回转")


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01\x02", "\u200b\u200b"])
def test_empty_queries_rejected_clearly(lexical, bad):
    with pytest.raises(QueryError, match="empty query"):
        lexical.search(bad)


def test_huge_query_truncated_not_crashing(lexical):
    res = lexical.search("执行和解" * 5000, k=3)
    assert res.truncated and len(res.query) == 2000 and res.hits


def test_control_characters_stripped():
    text, truncated = clean_query("执行\x00回转\x07", 100)
    assert text == "执行 回转" and not truncated


def test_notes_carry_their_citations(lexical):
    notes = [h for h in lexical.search("对方不履行和解协议，我是申请恢复执行还是起诉", k=10).hits if h.kind == "note"]
    assert notes and all(n.cites for n in notes)


def test_langchain_retriever(lexical):
    docs = lexical.as_langchain(k=4).invoke("执行回转 孳息")
    assert 0 < len(docs) <= 4
    arts = [d for d in docs if d.metadata["kind"] == "article"]
    assert arts and arts[0].metadata["citation"].startswith("《")
    notes = [d for d in docs if d.metadata["kind"] == "note"]
    assert all(d.metadata["cites"] for d in notes)


def test_note_questions_are_dense_only(registry):
    from assistant.index.documents import build_documents

    docs = build_documents(registry)
    asks = [d for d in docs if d.kind == "note_ask"]
    assert len(asks) == sum(len(n.asks) + len(n.asks_en) for n in registry.notes)
    lexical = HybridRetriever(registry, docs=docs)
    assert not [d for d in lexical.bm25_search(asks[0].text, k=50) if d[0].startswith("ask:")]


def test_dense_hits_stand_for_their_notes(service):
    # a user who asks one of a note's questions word for word gets the note, never the question vector itself
    for note in [n for n in service.registry.notes if n.asks][:10]:
        hits = service.retriever.search(note.asks[0], k=10, mode="dense").hits
        assert not [h for h in hits if not h.doc_id.startswith(("art:", "note:"))]
        assert len({h.doc_id for h in hits}) == len(hits)
        assert f"note:{note.id}" in [h.doc_id for h in hits[:3]], note.id


def test_a_note_hit_knows_which_of_its_questions_matched(service):
    # asked one of a note's questions word for word (its last Chinese one, or its English one), the note's hit says
    # it came through that question: the question's label decides which of the note's provisions concludes
    for note in [n for n in service.registry.notes if len(n.asks) >= 3 and n.asks_en][:8]:
        for index, question in ((len(note.asks) - 1, note.asks[-1]), (len(note.asks), note.asks_en[0])):
            hit = next(h for h in service.retriever.search(question, k=10).hits if h.note_id == note.id)
            assert hit.matched_ask == index, (note.id, index, hit.matched_ask)
    article = next(h for h in service.retriever.search("执行和解", k=10).hits if h.kind == "article")
    assert article.matched_ask is None
