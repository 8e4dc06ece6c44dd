"""The JSON API against the real service (grounded composer, the shared index)."""

from __future__ import annotations

import json
import socket

import pytest
from fastapi.testclient import TestClient


SETTLEMENT_Q = "达成执行和解协议后，被执行人不履行，申请执行人可以怎么办？"
REVERSAL_Q = "据以执行的判决被撤销后，已经执行的财产怎么办？"


def error_of(r) -> dict:
    body = r.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body
    return body["error"]


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["laws"] > 5


def test_ask_answers_with_checked_citations(client, audit_log):
    r = client.post("/api/ask", json={"question": SETTLEMENT_Q + " 我的电话13800138000", "history": []})
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["text"] and not a["abstained"] and a["composer"] in ("grounded", "navigator")
    assert a["citations"] and all(c["verdict"] for c in a["citations"])
    assert any(c["verdict"] == "valid" for c in a["citations"])
    assert a["sources"] and a["sources"][0]["text"]
    row = next(r for r in audit_log.rows() if r["answer_id"] == a["id"])
    assert "13800138000" not in row["question"] and "[PHONE]" in row["question"] and row["channel"] == "api"
    assert json.loads(row["citations"])[0]["verdict"] == a["citations"][0]["verdict"]


def test_ask_follow_up_uses_history(client):
    first = client.post("/api/ask", json={"question": REVERSAL_Q}).json()
    r = client.post("/api/ask", json={"question": "那如果财产已经被第三人买走了呢？", "history": [
        {"role": "user", "content": REVERSAL_Q}, {"role": "assistant", "content": first["text"]}]})
    assert r.status_code == 200
    assert r.json()["standalone_question"] != "那如果财产已经被第三人买走了呢？"


def test_ask_stream_server_sent_events(client):
    with client.stream("POST", "/api/ask/stream", json={"question": SETTLEMENT_Q}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        events = []
        for block in r.iter_text():
            events.append(block)
    text = "".join(events)
    parsed = [(b.split("\n")[0].removeprefix("event: "), json.loads(b.split("\n")[1].removeprefix("data: ")))
              for b in text.strip().split("\n\n")]
    kinds = [k for k, _ in parsed]
    assert kinds[0] == "delta" and kinds[-1] == "final" and "error" not in kinds
    final = parsed[-1][1]
    deltas = "".join(d["text"] for k, d in parsed if k == "delta")
    assert final["citations"] and deltas.strip()[:10] == final["text"].strip()[:10]


def test_check_any_text(client):
    r = client.post("/api/check", json={"text": "根据《民事诉讼法》第二百三十三条，执行依据被撤销的，应当执行回转。"})
    assert r.status_code == 200
    cites = r.json()["citations"]
    assert cites and cites[0]["verdict"] == "outdated_numbering"


def test_check_a_repealed_law_is_200(client):
    """Issue 17: a citation of a repealed law crashed the guard (500); it is not law in force."""
    r = client.post("/api/check", json={"text": "根据《合同法》第一百零七条，违约方应承担责任；担保法第十八条亦同。"})
    assert r.status_code == 200, r.text
    assert [c["verdict"] for c in r.json()["citations"]] == ["not_in_force", "not_in_force"]


def test_search(client):
    r = client.get("/api/search", params={"q": "执行回转", "k": 5})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert 0 < len(hits) <= 5 and all(h["text"] for h in hits)


def test_article_with_history(client):
    r = client.get("/api/articles/民事诉讼法/244")
    assert r.status_code == 200
    a = r.json()
    assert a["law_id"] == "cpl" and "执行回转" in a["text"] or "撤销" in a["text"]
    assert [h["article"] for h in a["history"]][-3:] == [233, 240, 244]
    r = client.get("/api/articles/不存在的法/1")
    assert r.status_code == 404 and error_of(r)["code"] == "not_found"


def test_feedback(client, audit_log):
    r = client.post("/api/feedback", json={"answer_id": "abc123", "rating": "not_helpful",
                                           "comment": "卡号6222020200001234567不该出现"})
    assert r.status_code == 200 and r.json() == {"ok": True}
    row = [f for f in audit_log.rows("feedback") if f["answer_id"] == "abc123"][-1]
    assert row["comment"] == "卡号[BANK_CARD]不该出现"
    r = client.post("/api/feedback", json={"answer_id": "abc123", "rating": "meh"})
    assert r.status_code == 422 and error_of(r)["code"] == "invalid_request"


@pytest.mark.parametrize("body,code", [
    (b'{"question": "x",', "malformed_json"),
    (b'{"history": []}', "invalid_request"),
    (b'{"question": 5}', "invalid_request"),
    (b'[1, 2]', "invalid_request"),
])
def test_bad_json_is_422_with_a_message(client, body, code):
    r = client.post("/api/ask", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    err = error_of(r)
    assert err["code"] == code and err["message"]


def test_empty_question_is_400(client):
    for q in ("   ", "\u200b\u200b"):  # blank, or nothing left after cleaning
        r = client.post("/api/ask", json={"question": q})
        assert r.status_code == 400 and error_of(r)["code"] == "bad_query"


def test_oversized_body_is_413(client, web_settings):
    big = {"question": "执" * (web_settings.max_body_bytes // 3 + 10)}
    r = client.post("/api/ask", json=big)
    assert r.status_code == 413 and error_of(r)["code"] == "payload_too_large"

    def chunks():  # chunked upload, no Content-Length
        for _ in range(web_settings.max_body_bytes // 1000 + 2):
            yield b" " * 1000

    r = client.post("/api/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and error_of(r)["code"] == "payload_too_large"


def test_cors_allowlist(client, portal_origin):
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-api-key"}
    ok = client.options("/api/ask", headers={"Origin": portal_origin, **pre})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == portal_origin
    bad = client.options("/api/ask", headers={"Origin": "https://evil.example", **pre})
    assert "access-control-allow-origin" not in bad.headers
    r = client.get("/api/search", params={"q": "执行和解"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_api_keys_and_rate_limits(service, web_settings, audit_log):
    PORTAL_KEY = next(iter(web_settings.api_keys))
    from assistant.api import create_app

    strict = web_settings.model_copy(update={"require_api_key": True, "rate_limit_per_minute": 3})
    with TestClient(create_app(service, audit=audit_log, settings=strict)) as c:
        r = c.get("/api/search", params={"q": "执行回转"})
        assert r.status_code == 401 and error_of(r)["code"] == "missing_api_key"
        r = c.get("/api/search", params={"q": "执行回转"}, headers={"X-API-Key": "stolen"})
        assert r.status_code == 401 and error_of(r)["code"] == "invalid_api_key"
        r = c.post("/api/ask", json={"question": REVERSAL_Q}, headers={"X-API-Key": PORTAL_KEY})
        assert r.status_code == 200
        assert next(x for x in audit_log.rows() if x["answer_id"] == r.json()["id"])["portal"] == "test-portal"
        codes = [c.get("/api/search", params={"q": "执行回转"}, headers={"X-API-Key": PORTAL_KEY}).status_code
                 for _ in range(3)]
        assert codes == [200, 200, 429]
        r = c.get("/api/search", params={"q": "执行回转"}, headers={"X-API-Key": PORTAL_KEY})
        assert error_of(r)["code"] == "rate_limited" and int(r.headers["retry-after"]) >= 1
        assert c.get("/healthz").status_code == 200  # not limited


def test_widget_embed_docs_and_headers(client, portal_origin):
    r = client.get("/widget.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert "attachShadow" in r.text and "/embed?" in r.text
    r = client.get("/embed")
    assert r.status_code == 200 and 'src="/chat.js"' in r.text
    csp = r.headers["content-security-policy"]
    assert f"frame-ancestors 'self' {portal_origin}" in csp and "script-src 'self'" in csp
    assert "x-frame-options" not in r.headers
    assert client.get("/chat.js").status_code == 200 and client.get("/chat.css").status_code == 200
    r = client.get("/api/search", params={"q": "执行和解"})
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    spec = client.get("/openapi.json").json()
    assert {"/api/ask", "/api/ask/stream", "/api/check", "/api/search", "/api/articles/{law}/{article}",
            "/api/feedback", "/healthz"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_failing_llm_falls_back_to_grounded(web_settings):
    """An LLM endpoint that refuses connections: the grounded composer answers and the answer says so."""
    from assistant.api import create_app
    from assistant.service import AssistantService

    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    settings = web_settings.model_copy(update={"llm_provider": "openai", "llm_base_url": f"http://127.0.0.1:{dead}/v1",
                                               "llm_model": "test-model", "llm_timeout_s": 3.0})
    svc = AssistantService.create(settings, progress=False)
    with TestClient(create_app(svc, settings=settings)) as c:
        a = c.post("/api/ask", json={"question": "执行回转应当由哪个法院裁定？"}).json()
        assert a["composer"] == "grounded" and a["notices"] and a["citations"]
        assert a["notices"][0] in a["text"]
