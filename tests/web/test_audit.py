"""Audit log: redaction before writing, retention, CSV export, the `audit export` command, a log that cannot be
written — each on SQLite (the embedded default) and on a real PostgreSQL (ASSISTANT_AUDIT_URL)."""

from __future__ import annotations

import csv
import io
import socket
import threading
from datetime import datetime, timedelta, timezone

import pytest
import typer
from typer.testing import CliRunner

from assistant.audit import AuditLog, redact, register
from assistant.models import Answer, AnswerCitation

REDACT_CASES = [
    # (text, expected)
    ("身份证11010519491231002X", "身份证[ID_CARD]"),
    ("身份证号 110105 19491231 002x。", "身份证号 [ID_CARD]。"),
    ("旧身份证110105491231002", "旧身份证[ID_CARD]"),
    ("手机13800138000", "手机[PHONE]"),
    ("电话 +86 138-0013-8000 或 138 0013 8000", "电话 [PHONE] 或 [PHONE]"),
    ("全角：１３８００１３８０００", "全角：[PHONE]"),
    ("座机010-12345678，(0755)1234567", "座机[PHONE]，[PHONE]"),
    ("卡号6222020200001234567", "卡号[BANK_CARD]"),
    ("卡号 6222 0202 0000 1234 567 收款", "卡号 [BANK_CARD] 收款"),
    ("卡号6222-0202-0000-1234", "卡号[BANK_CARD]"),
    ("写信到 zhang.san@example.com", "写信到 [EMAIL]"),
    # legal text stays as it is
    ("民事诉讼法第244条、第二百三十三条", "民事诉讼法第244条、第二百三十三条"),
    ("法释〔2018〕3号，2017-06-27修正，（2023）京0105执12345号", "法释〔2018〕3号，2017-06-27修正，（2023）京0105执12345号"),
    ("欠款1000000元，20230101立案", "欠款1000000元，20230101立案"),
]


@pytest.mark.parametrize("text,expected", REDACT_CASES)
def test_redact(text, expected):
    assert redact(text) == expected


def _answer(question: str, answer_id: str = "a1") -> Answer:
    cite = AnswerCitation(surface="《民事诉讼法》第二百四十四条", span=(0, 15), law_id="cpl", law_title="中华人民共和国民事诉讼法",
                          article=244, paragraph=None, item=None, verdict="valid", message="ok")
    return Answer(id=answer_id, question=question, standalone_question=question, text="……", lang="zh",
                  citations=(cite,), sources=(), abstained=False, abstain_reason=None, composer="grounded",
                  prompt_version="test", timings_ms={"retrieve": 1.5, "total": 3.0})


def _cli(audit_backend, monkeypatch):
    for name in ("ASSISTANT_AUDIT_DB", "ASSISTANT_AUDIT_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in audit_backend.env.items():
        monkeypatch.setenv(name, value)
    app = typer.Typer()
    app.command("noop")(lambda: None)
    register(app)
    return lambda *args: CliRunner().invoke(app, ["audit", *args])


def test_exchange_is_redacted_before_writing(audit_backend):
    log = audit_backend.open()
    log.log_exchange(_answer("我叫张三，身份证11010519491231002X，电话13800138000，卡号6222020200001234567"),
                     channel="api", portal="court-portal", total_ms=12.345)
    log.log_feedback("a1", "not_helpful", "请打13800138000联系我", channel="ui")
    raw = audit_backend.raw_bytes()
    assert "我叫张三，身份证[ID_CARD]".encode() in raw  # the scan sees the stored text ...
    for secret in (b"11010519491231002X", b"13800138000", b"6222020200001234567"):
        assert secret not in raw  # ... and no number: not in the tables, nor in a write-ahead log
    rows = audit_backend.open().rows()
    assert rows[0]["question"] == "我叫张三，身份证[ID_CARD]，电话[PHONE]，卡号[BANK_CARD]"
    assert rows[0]["portal"] == "court-portal" and rows[0]["answer_id"] == "a1" and rows[0]["total_ms"] == 12.35
    assert rows[0]["abstained"] == 0 and isinstance(rows[0]["id"], int)
    assert '"verdict": "valid"' in rows[0]["citations"] and '"retrieve": 1.5' in rows[0]["timings"]
    assert log.rows("feedback")[0]["comment"] == "请打[PHONE]联系我"
    log.close()


def test_retention_purges_old_rows(audit_backend):
    log = audit_backend.open(retention_days=30)
    log.log_exchange(_answer("新的问题"), channel="api")
    old = (datetime.now(timezone.utc) - timedelta(days=31)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    log._insert("exchanges", {"created_at": old, "channel": "api", "status": "ok", "question": "旧问题"})
    log._insert("feedback", {"created_at": old, "answer_id": "x", "rating": "helpful", "channel": "ui"})
    assert len(log.rows()) == 2
    assert log.purge() == 2
    assert [r["question"] for r in log.rows()] == ["新的问题"]
    assert log.rows("feedback") == []
    log.close()


def test_csv_export(audit_backend):
    log = audit_backend.open()
    log.log_exchange(_answer("执行回转怎么申请？", "abc"), channel="ui")
    log.log_error("", channel="api", error="bad_query: empty")
    buf = io.StringIO()
    assert log.export_csv(buf) == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["answer_id"] == "abc" and rows[0]["question"] == "执行回转怎么申请？" and rows[1]["status"] == "error"
    assert rows[0]["total_ms"] == "3.0" and rows[0]["abstained"] == "0"  # the same cells from either database
    log.close()


def test_cli_audit_export(audit_backend, monkeypatch, tmp_path):
    log = audit_backend.open()
    log.log_exchange(_answer("电话13900001111，和解协议不履行怎么办", "x1"), channel="api", portal="p")
    log.log_feedback("x1", "helpful", None, channel="api")
    log.close()
    audit = _cli(audit_backend, monkeypatch)
    out = tmp_path / "out" / "audit.csv"
    result = audit("export", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert audit_backend.name in result.stderr and "1 exchanges rows" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("id,created_at,answer_id,channel,portal")
    assert "[PHONE]" in text and "13900001111" not in text
    result = audit("export", "--table", "feedback")
    assert result.exit_code == 0 and "x1,helpful" in result.output
    assert audit("export", "--since", "yesterday").exit_code == 2
    purge = audit("purge")
    assert purge.exit_code == 0 and "deleted 0 rows" in purge.stdout


def test_export_since_honours_a_utc_offset(audit_backend, monkeypatch):
    log = audit_backend.open()
    log._insert("feedback", {"created_at": "2025-01-01T01:00:00.000000Z", "answer_id": "x", "rating": "helpful",
                             "channel": "api"})
    log.close()
    audit = _cli(audit_backend, monkeypatch)
    before = audit("export", "--table", "feedback", "--since", "2025-01-01T08:30+08:00")
    after = audit("export", "--table", "feedback", "--since", "2025-01-01T09:30+08:00")
    until = audit("export", "--table", "feedback", "--until", "2025-01-01T09:30+08:00")
    assert before.exit_code == after.exit_code == until.exit_code == 0
    assert before.stdout.count("\n") == 2 and after.stdout.count("\n") == 1  # 01:00 UTC is 09:00 in UTC+8
    assert until.stdout.count("\n") == 2


def test_an_unwritable_log_costs_the_record_with_a_warning(audit_backend, caplog):
    log = audit_backend.open()
    assert log.log_feedback("before", "helpful", channel="api") and log.check_writable() is None
    with audit_backend.unwritable(log):
        assert log.log_feedback("during", "helpful", channel="api") is False
        assert log.log_exchange(_answer("执行回转怎么申请？", "during"), channel="api") is False
        problem = log.check_writable()
        assert problem and "cannot be written" in problem and log.location in problem
        assert "cannot be written" in caplog.text and "answers are served without a record" in caplog.text
    assert log.log_feedback("after", "helpful", channel="api")  # the next write reconnects
    assert log.check_writable() is None and log.last_error is None
    assert [r["answer_id"] for r in log.rows("feedback")] == ["before", "after"]
    log.close()


def test_readyz_reports_the_audit_database(audit_backend, service):
    from fastapi.testclient import TestClient

    from assistant.api import create_app

    log = audit_backend.open()
    with TestClient(create_app(service, audit=log), raise_server_exceptions=False) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 200 and ready.json()["checks"]["audit"] == "ok"
        with audit_backend.unwritable(log):
            r = client.post("/api/ask", json={"question": "执行和解协议不履行怎么办？"})
            assert r.status_code == 200 and any("audit log" in n for n in r.json()["notices"])
            ready = client.get("/readyz")
            assert ready.status_code == 503 and "cannot be written" in ready.json()["checks"]["audit"]
        assert client.get("/readyz").status_code == 200
    log.close()


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_postgres_is_a_warning_then_a_clear_cli_error(caplog, monkeypatch):
    url = f"postgresql://audit:s3cret@127.0.0.1:{_dead_port()}/assistant"
    log = AuditLog(url=url)
    assert log.location == url.replace(":s3cret", "")
    assert log.log_feedback("x", "helpful", channel="api") is False
    assert "cannot be written" in caplog.text and "s3cret" not in caplog.text
    monkeypatch.delenv("ASSISTANT_AUDIT_DB", raising=False)
    monkeypatch.setenv("ASSISTANT_AUDIT_URL", url)
    app = typer.Typer()
    app.command("noop")(lambda: None)
    register(app)
    result = CliRunner().invoke(app, ["audit", "export"])
    assert result.exit_code == 1 and "cannot read the audit log" in result.stderr
    assert "Traceback" not in result.output and "s3cret" not in result.output
    monkeypatch.setenv("ASSISTANT_AUDIT_URL", "mysql://x@127.0.0.1/db")
    result = CliRunner().invoke(app, ["audit", "purge"])
    assert result.exit_code == 2 and "must be a postgresql://" in result.stderr


def test_two_workers_share_one_postgres_log(postgres):
    """Workers opening the log at the same moment create the tables once and write into the same rows."""
    url = postgres.create_database("audit_two_workers")
    logs = [AuditLog(url=url) for _ in range(2)]
    results: list[bool] = []
    threads = [threading.Thread(target=lambda lg=lg, i=i: results.append(
        lg.log_feedback(f"w{i}", "helpful", channel="api"))) for i, lg in enumerate(logs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True, True]
    assert sorted(r["answer_id"] for r in logs[0].rows("feedback")) == ["w0", "w1"]
    for lg in logs:
        lg.close()


def test_a_role_that_may_only_read_and_write_the_tables(postgres):
    """The deployment guide's least-privilege set-up: an administrator's first start creates the tables, the
    service's role may use them (and not create anything); the log works with that role."""
    url = postgres.create_database("audit_least_privilege")
    owner = AuditLog(url=url)
    assert owner.check_writable() is None
    owner.close()
    database = url.rsplit("/", 1)[1]
    postgres.sql("DROP ROLE IF EXISTS audit_writer")
    postgres.sql("CREATE ROLE audit_writer LOGIN")
    postgres.sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC", database)
    postgres.sql("GRANT SELECT, INSERT, UPDATE, DELETE ON exchanges, feedback, health TO audit_writer", database)
    log = AuditLog(url=url.replace("postgres@", "audit_writer@"))
    assert log.log_feedback("by-writer", "helpful", channel="api") and log.check_writable() is None
    assert log.purge() == 0 and [r["answer_id"] for r in log.rows("feedback")] == ["by-writer"]
    log.close()
