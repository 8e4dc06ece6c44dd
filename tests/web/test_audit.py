"""Audit log: redaction before writing, retention, CSV export, the `audit export` command."""

from __future__ import annotations

import csv
import io
import sqlite3
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


def test_exchange_is_redacted_before_writing(tmp_path):
    log = AuditLog(tmp_path / "audit.sqlite3")
    log.log_exchange(_answer("我叫张三，身份证11010519491231002X，电话13800138000，卡号6222020200001234567"),
                     channel="api", portal="court-portal", total_ms=12.345)
    log.log_feedback("a1", "not_helpful", "请打13800138000联系我", channel="ui")
    log.close()
    raw = (tmp_path / "audit.sqlite3").read_bytes() + b"".join(
        p.read_bytes() for p in tmp_path.glob("audit.sqlite3-*"))
    for secret in (b"11010519491231002X", b"13800138000", b"6222020200001234567"):
        assert secret not in raw  # not in the database file, nor in its WAL
    rows = AuditLog(tmp_path / "audit.sqlite3").rows()
    assert rows[0]["question"] == "我叫张三，身份证[ID_CARD]，电话[PHONE]，卡号[BANK_CARD]"
    assert rows[0]["portal"] == "court-portal" and rows[0]["answer_id"] == "a1" and rows[0]["total_ms"] == 12.35
    assert '"verdict": "valid"' in rows[0]["citations"] and '"retrieve": 1.5' in rows[0]["timings"]


def test_retention_purges_old_rows(tmp_path):
    path = tmp_path / "audit.sqlite3"
    log = AuditLog(path, retention_days=30)
    log.log_exchange(_answer("新的问题"), channel="api")
    old = (datetime.now(timezone.utc) - timedelta(days=31)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO exchanges (created_at, channel, status, question) VALUES (?, 'api', 'ok', '旧问题')", (old,))
        db.execute("INSERT INTO feedback (created_at, answer_id, rating, channel) VALUES (?, 'x', 'helpful', 'ui')", (old,))
    assert log.purge() == 2
    assert [r["question"] for r in log.rows()] == ["新的问题"]
    assert log.rows("feedback") == []


def test_csv_export(tmp_path):
    log = AuditLog(tmp_path / "audit.sqlite3")
    log.log_exchange(_answer("执行回转怎么申请？", "abc"), channel="ui")
    log.log_error("", channel="api", error="bad_query: empty")
    buf = io.StringIO()
    assert log.export_csv(buf) == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["answer_id"] == "abc" and rows[0]["question"] == "执行回转怎么申请？" and rows[1]["status"] == "error"


def test_cli_audit_export(tmp_path, monkeypatch):
    db = tmp_path / "audit.sqlite3"
    log = AuditLog(db)
    log.log_exchange(_answer("电话13900001111，和解协议不履行怎么办", "x1"), channel="api", portal="p")
    log.log_feedback("x1", "helpful", None, channel="api")
    log.close()
    monkeypatch.setenv("ASSISTANT_AUDIT_DB", str(db))
    app = typer.Typer()
    app.command("noop")(lambda: None)
    register(app)
    out = tmp_path / "out" / "audit.csv"
    result = CliRunner().invoke(app, ["audit", "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("id,created_at,answer_id,channel,portal")
    assert "[PHONE]" in text and "13900001111" not in text
    result = CliRunner().invoke(app, ["audit", "export", "--table", "feedback"])
    assert result.exit_code == 0 and "x1,helpful" in result.output
    assert CliRunner().invoke(app, ["audit", "export", "--since", "yesterday"]).exit_code == 2
