"""The smaller items of issue 20, each with its test: documented errors for unknown /api paths and wrong
methods (with the chat page mounted), far-future deadlines, CSV formula injection, no CLI tracebacks for bad
input, safe chat Markdown. (`audit export --since` with a UTC offset is tested on both audit databases in
test_audit.py.)"""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from assistant.audit import AuditLog


@pytest.fixture(scope="module")
def whole_app(service, audit_log):
    from assistant.api import create_app
    from assistant.ui import build_ui, mount_ui

    app = create_app(service, audit=audit_log)
    mount_ui(app, build_ui(service, audit=audit_log))
    with TestClient(app) as c:
        yield c


def test_unknown_api_paths_and_wrong_methods_get_the_documented_error(whole_app):
    r = whole_app.get("/api/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = whole_app.get("/api/ask")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    assert r.headers["allow"] == "POST"
    r = whole_app.delete("/api/articles/cpl/244")
    assert r.status_code == 405 and "GET" in r.headers["allow"]
    assert whole_app.get("/api/articles/cpl/244").status_code == 200  # the real routes still answer


@pytest.mark.parametrize("day", ["9999-12-31", "9999-12-30", "0001-01-01"])
def test_deadline_at_the_ends_of_the_calendar_is_a_400(client, day):
    r = client.post("/api/deadline", json={"event": "settlement_default", "date": day})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_input"
    assert "Error" not in r.json()["error"]["message"]  # a sentence, not a Python exception


# Bad input across the API: each a 4xx with the documented error body and a sentence for the user, never a 500,
# a traceback or a Python exception's own words ("several 400s carry raw Python messages").
BAD_INPUT = [
    ("post", "/api/deadline", {"event": "settlement_default", "date": "2025-13-01"}, 400),
    ("post", "/api/deadline", {"event": "settlement_default", "date": "20250101"}, 400),
    ("post", "/api/deadline", {"event": "settlement_default", "date": "2025-01-01", "period_days": "x"}, 400),
    ("post", "/api/deadline", {"event": "settlement_default", "date": "2025-01-01", "today": {"a": 1}}, 400),
    ("post", "/api/deadline", {"event": "no_such_event", "date": "2025-01-01"}, 400),
    ("post", "/api/deadline", {"event": "settlement_default", "date": 5}, 422),
    ("post", "/api/navigate", {"facts": {"no_such_fact": 1}}, 400),
    ("post", "/api/navigate", {"facts": {"stage": [1]}}, 400),
    ("post", "/api/navigate", {"facts": "abc"}, 422),
    ("get", "/api/search?q=%00%00%E2%80%8B", None, 400),
    ("get", "/api/search?q=a&k=abc", None, 422),
    ("get", "/api/search?q=a&k=100000", None, 422),
    ("get", "/api/articles/cpl/abc", None, 422),
    ("get", "/api/articles/no-such-law/1", None, 404),
    ("post", "/api/ask", {"question": 5}, 422),
    ("post", "/api/ask", {"question": "   \u200b "}, 400),
    ("post", "/api/ask", {"question": "执行", "history": [{"role": "x", "content": 1}]}, 422),
    ("post", "/api/ask", {"question": "执行", "history": "abc"}, 422),
    ("post", "/api/ask/stream", {"question": ""}, 400),
    ("post", "/api/check", {"text": ""}, 422),
    ("post", "/api/feedback", {"answer_id": "a", "rating": "meh"}, 422),
    ("post", "/api/ask", "[" * 5000, 400),  # nested past the JSON parser: "There was an error parsing the body"
    ("post", "/api/ask", '{"question": "执行回转', 422),
]
PYTHON_WORDS = ("Traceback", "Error:", "Exception", "object has no attribute", "unexpected keyword", "not supported "
                "between", "invalid literal", "NoneType", "<class", "takes 1 positional", "index out of range", "KeyError")


@pytest.mark.parametrize("method,path,body,status", BAD_INPUT, ids=[f"{m} {p} {i}" for i, (m, p, _, _) in
                                                                     enumerate(BAD_INPUT)])
def test_bad_input_is_a_clear_error_never_a_500(whole_app, method, path, body, status):
    if isinstance(body, str):
        r = whole_app.post(path, content=body, headers={"content-type": "application/json"})
    elif body is None:
        r = getattr(whole_app, method)(path)
    else:
        r = getattr(whole_app, method)(path, json=body)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["code"] and len(error["message"]) > 10
    assert not any(word in error["message"] for word in PYTHON_WORDS), error["message"]


def test_csv_export_neutralizes_formulas(tmp_path):
    log = AuditLog(tmp_path / "a.sqlite3")
    for i, comment in enumerate(['=HYPERLINK("http://evil.example","x")', "@SUM(1)", "-2+3", "普通意见"]):
        log.log_feedback(f"a{i}", "helpful", comment, channel="api")
    out = io.StringIO()
    assert log.export_csv(out, "feedback") == 4
    out.seek(0)
    comments = [row["comment"] for row in csv.DictReader(out)]
    assert comments == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "'@SUM(1)", "'-2+3", "普通意见"]


def test_cli_bad_input_prints_errors_not_tracebacks(tmp_path):
    from assistant.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["ask", ""])
    assert r.exit_code == 2 and "the question is empty" in r.stderr and "Traceback" not in r.output
    batch = tmp_path / "q.jsonl"
    batch.write_text('""\n{"question": []}\n' + "[" * 100_000 + "\n   \n" + '{"id": "ok", "question": "执行回转是什么？"}\n',
                     encoding="utf-8")
    r = runner.invoke(app, ["ask", "--batch", str(batch), "--json"])
    assert r.exit_code == 0, r.output
    assert r.exception is None
    assert "nested too deeply" in r.stderr and "skipped" in r.stderr
    assert '"id": "ok"' in r.stdout
    r = runner.invoke(app, ["ask", "执行和解协议不履行" * 2500])  # 22,500 characters: refused by length
    assert r.exit_code == 0 and r.exception is None and "Traceback" not in r.output and "4000" in r.output


def test_chat_client_renders_answer_text_as_text_only():
    """The chat page and the widget share one client that puts answer text on screen as text (textContent): a
    Markdown image, raw HTML or a link in an answer is shown as characters, never fetched, run or followed. The one
    HTML it inserts is the guard's annotated report, which the guard escapes (tests/guard/test_annotate.py)."""
    from pathlib import Path

    import assistant

    js = (Path(assistant.__file__).parent / "static" / "chat.js").read_text(encoding="utf-8")
    inner = [line.strip() for line in js.splitlines() if "innerHTML" in line and "=" in line.split("innerHTML", 1)[1][:3]]
    assert inner == ["annotated.innerHTML = report.annotated_html;  // the guard escapes the text and every attribute"]
    for sink in ("outerHTML", "insertAdjacentHTML", "document.write", ".src =", "eval(", "new Function"):
        assert sink not in js, sink
