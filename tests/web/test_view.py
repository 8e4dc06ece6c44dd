"""The structured answer view (assistant/view.py) as the API returns it: every citation keeps its verdict behind
a numbered reference, references open an article with the relied-on sentence marked, and the copy text is clean."""

from __future__ import annotations

import pytest

from assistant.view import _fix_nesting, build_view, relied_on_span

SETTLEMENT = "达成执行和解协议后，被执行人不履行，申请执行人可以怎么办？"
INSTALMENT = "和解协议约定分三期付款，第二期2025年3月31日到期没付，我能申请恢复执行吗？期限多久？"


@pytest.mark.parametrize("question", [SETTLEMENT, INSTALMENT, "执行回转应当由哪个法院裁定？", "离婚财产怎么分",
                                      "Which court rules on enforcement reversal?"])
def test_view_from_the_api(client, question):
    a = client.post("/api/ask", json={"question": question}).json()
    view = a["view"]
    kinds = [b["kind"] for b in view["blocks"]]
    assert [k for k in kinds if k != "title"][0] == "conclusion", kinds
    refs = {r["n"]: r for r in view["refs"]}
    used = {s["ref"] for b in view["blocks"] for item in b["items"] for s in item if "ref" in s}
    used |= {s["ref"] for b in view["blocks"] for sub in b["subs"] for item in sub for s in item if "ref" in s}
    assert used == set(refs)  # every reference appears in the text, every chip has a reference
    assert {c["verdict"] for c in a["citations"]} == {r["verdict"] for r in view["refs"]}
    for r in view["refs"]:
        if r["source"] is not None:
            src = view["sources"][r["source"]]
            assert src["kind"] == "article" and src["article"] == r["article"] and src["text"]
    for bad in ("**", "\n- ", "【", "> "):
        assert bad not in view["plain_text"]
    assert all("《《" not in s["title"] for s in view["sources"])


def test_navigator_paths_carry_highlights_and_short_chips(client):
    view = client.post("/api/ask", json={"question": INSTALMENT}).json()["view"]
    assert next(b for b in view["blocks"] if b["kind"] == "conclusion")["items"][0][0]["text"].startswith("最晚应在")
    deadline = next(b for b in view["blocks"] if b["kind"] == "deadline")
    assert "结论" not in "".join(s.get("text", "") for s in deadline["items"][0])  # lifted to lead the answer
    cited = [view["sources"][r["source"]] for r in view["refs"] if r["source"] is not None]
    assert sum(bool(s["highlights"]) for s in cited) >= len(cited) - 1
    steps = next(b for b in view["blocks"] if b["kind"] == "steps")
    text = "".join(s.get("text", "") for s in steps["items"][0])
    assert "最高人民法院关于执行和解若干问题的规定" not in text and "依据" not in text


def test_old_numbering_keeps_the_number_as_written(client):
    view = client.post("/api/ask", json={"question": "执行回转应当由哪个法院裁定？"}).json()["view"]
    labels = [r["label"] for r in view["refs"]]
    assert any("二百三十三" in label for label in labels) and any("二百四十四" in label for label in labels)


def test_relied_on_span_and_nesting():
    text = "人民法院审查执行异议。被执行人一方不履行执行和解协议的，申请执行人可以申请恢复执行。"
    start, end = relied_on_span(text, "被执行人不履行和解协议的，申请执行人可以申请恢复执行")
    assert text[start:end].startswith("被执行人一方")
    assert relied_on_span(text, "完全无关的句子讲的是别的") is None
    assert _fix_nesting("《最高人民法院关于适用《中华人民共和国民事诉讼法》的解释》") == \
        "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"


def test_view_without_registry_still_builds(service):
    answer = service.ask(SETTLEMENT, [])
    view = build_view(answer)
    assert view.refs and view.blocks[0].kind in ("title", "conclusion")
