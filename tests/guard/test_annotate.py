"""Step 4: marked HTML (safe for untrusted text), Markdown, and certain repairs only."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from tests.guard.factories import run


def test_html_marks_every_citation_and_escapes_the_rest():
    text = '<script>alert("x")</script>民事诉讼法第二百三十三条规定了执行回转 & 《民事执行法》第3条"'
    html = run(text).annotate_html()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    marks = re.findall(r"<mark [^>]*>", html)
    assert len(marks) == 2
    assert 'class="cite cite-outdated_numbering"' in html and 'class="cite cite-unknown_law"' in html
    assert 'data-current="244"' in html
    # nothing but our own tags remain once marks and line breaks are removed
    stripped = re.sub(r"</?mark[^>]*>|<br>", "", html)
    assert "<" not in stripped and ">" not in stripped


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_attribute_injection_is_escaped():
    text = '《"><img src=x onerror=alert(1)>法》第3条 <a href="javascript:x">y</a>'
    html = run(text).annotate_html()
    parser = _Tags()
    parser.feed(html)
    assert {t for t, _ in parser.tags} <= {"mark", "br"}
    assert all(set(a) <= {"class", "data-verdict", "data-law", "data-article", "data-current", "title"}
               for _, a in parser.tags)


def test_markdown_has_footnotes():
    md = run("民事诉讼法第二百三十三条规定了执行回转。").annotate_markdown()
    assert "**民事诉讼法第二百三十三条**[^c1]" in md and "[^c1]: ↻ `outdated_numbering`" in md


def test_repair_rewrites_outdated_numbers_with_a_note():
    r = run("民事诉讼法第二百三十三条规定了执行回转；民事诉讼法第233条规定，对已被执行的财产应当裁定返还。")
    fixed = r.repaired_text
    assert fixed.startswith("民事诉讼法第二百四十四条〔注：原引第二百三十三条")
    assert "民事诉讼法第244条" in fixed


def test_repair_english():
    r = run("Article 233 of the Civil Procedure Law governs reversal of enforcement.")
    assert r.repaired_text.startswith("Article 244 of the Civil Procedure Law [note:")


def test_nonexistent_article_is_never_replaced():
    text = "执行和解规定第25条规定了和解协议的登记。"
    assert run(text).repaired_text == text


def test_report_json_shape():
    d = run("民事诉讼法第二百三十三条规定了执行回转。").to_dict()
    json.dumps(d, ensure_ascii=False)
    (c,) = d["citations"]
    assert set(c) >= {"text", "span", "law", "law_title", "article", "paragraph", "item", "verdict", "current", "message"}
    assert c["current"] == {"law": "cpl", "article": 244} and c["span"] == [0, 12]
    unknown = run("《民事执行法》第3条").to_dict()["citations"][0]
    assert unknown["current"] is None and unknown["law"] is None
