"""Audit log: every exchange and every piece of feedback, redacted, in SQLite; retention; CSV export.

Personal numbers are removed *before* anything is written: Chinese resident ID-card numbers, phone
numbers (mobile and landline), bank-card numbers and e-mail addresses.

>>> redact("我的身份证号是11010519491231002X，电话138-0013-8000。")
'我的身份证号是[ID_CARD]，电话[PHONE]。'
>>> redact("请打到 6222 0202 0000 1234 567，按民事诉讼法第244条执行回转")
'请打到 [BANK_CARD]，按民事诉讼法第244条执行回转'
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any, Iterable

from assistant.models import Answer

# Full-width digits and separators are matched as their ASCII forms; the mapping is one character to one
# character, so spans found in the translated copy are spans in the original.
_FULLWIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－　＋（）＠．", "0123456789Xx- +()@.")
_SEP = r"[ \-]?"
_DATE = r"(?:18|19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
REDACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 18-digit resident ID: 6-digit area, birth date, 3-digit sequence, check digit (0-9 or X); optional
    # separators between the area, date and sequence groups. Then the old 15-digit form (yymmdd).
    ("[ID_CARD]", re.compile(rf"(?<![0-9A-Za-z])[1-9]\d{{5}}{_SEP}{_DATE}{_SEP}\d{{3}}[0-9Xx](?![0-9A-Za-z])")),
    ("[ID_CARD]", re.compile(r"(?<!\d)[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?!\d)")),
    # Bank cards: 16-19 digits, contiguous or in groups of four; any longer run of digits too.
    ("[BANK_CARD]", re.compile(rf"(?<!\d)\d{{4}}(?:{_SEP}\d{{4}}){{3}}(?:{_SEP}\d{{1,3}})?(?!\d)")),
    ("[BANK_CARD]", re.compile(r"(?<!\d)\d{16,}(?!\d)")),
    # Mobile: optional +86 / 0086, 1[3-9]x, 11 digits, contiguous or 3-4-4.
    ("[PHONE]", re.compile(rf"(?<![\d+])(?:(?:\+|00)86{_SEP})?1[3-9]\d(?:{_SEP}\d{{4}}){{2}}(?!\d)")),
    # Landline: area code 0xx(x) then 7-8 digits: 010-12345678, (0755)1234567, 0571 8888888, 02112345678.
    ("[PHONE]", re.compile(r"(?<!\d)(?:\(0\d{2,3}\)\s?|0\d{2,3}[ \-])\d{3,4}[ \-]?\d{4}(?!\d)")),
    ("[PHONE]", re.compile(r"(?<!\d)0[1-9]\d{9,10}(?!\d)")),
    ("[EMAIL]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
)


def redact(text: str | None) -> str | None:
    """Replace ID-card, phone, bank-card numbers and e-mail addresses with placeholders."""
    if not text:
        return text
    for token, pattern in REDACTIONS:
        probe = text.translate(_FULLWIDTH)
        pieces, pos = [], 0
        for m in pattern.finditer(probe):
            pieces.append(text[pos : m.start()])
            pieces.append(token)
            pos = m.end()
        if pieces:
            text = "".join(pieces) + text[pos:]
    return text


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _cutoff(days: int, now: datetime | None = None) -> str:
    return ((now or datetime.now(timezone.utc)) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_SCHEMA = """
CREATE TABLE IF NOT EXISTS exchanges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    answer_id TEXT,
    channel TEXT NOT NULL,          -- api | stream | embed | ui
    portal TEXT,                    -- the portal name its API key maps to
    status TEXT NOT NULL,           -- ok | error
    error TEXT,
    question TEXT,
    standalone_question TEXT,
    lang TEXT,
    composer TEXT,
    abstained INTEGER,
    abstain_reason TEXT,
    citations TEXT,                 -- JSON [{surface, law_id, article, verdict}]
    notices TEXT,                   -- JSON [str]
    timings TEXT,                   -- JSON {stage: ms}
    total_ms REAL
);
CREATE INDEX IF NOT EXISTS exchanges_created ON exchanges(created_at);
CREATE INDEX IF NOT EXISTS exchanges_answer ON exchanges(answer_id);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    rating TEXT NOT NULL,           -- helpful | not_helpful
    comment TEXT,
    channel TEXT NOT NULL,
    portal TEXT
);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback(created_at);
"""

EXCHANGE_COLUMNS = ("id", "created_at", "answer_id", "channel", "portal", "status", "error", "question",
                    "standalone_question", "lang", "composer", "abstained", "abstain_reason", "citations", "notices",
                    "timings", "total_ms")
FEEDBACK_COLUMNS = ("id", "created_at", "answer_id", "rating", "comment", "channel", "portal")
TABLES = {"exchanges": EXCHANGE_COLUMNS, "feedback": FEEDBACK_COLUMNS}


@dataclass
class AuditLog:
    """One SQLite file, one connection guarded by a lock (writes are tiny; WAL lets readers run alongside).

    Rows older than ``retention_days`` are purged when the log opens and then at most once an hour.
    """

    path: Path
    retention_days: int = 180
    enabled: bool = True

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._last_purge = 0.0

    @classmethod
    def from_settings(cls, settings) -> "AuditLog":
        return cls(settings.audit_path, retention_days=settings.audit_retention_days, enabled=settings.audit_enabled)

    # ----- connection ------------------------------------------------------------------------------
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            self._conn = conn
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _write(self, sql: str, params: Iterable[Any]) -> None:
        if not self.enabled:
            return
        with self._lock:
            db = self._db()
            if time.monotonic() - self._last_purge > 3600:
                self._purge_locked()
            db.execute(sql, tuple(params))
            db.commit()

    # ----- writing ---------------------------------------------------------------------------------
    def log_exchange(self, answer: Answer, *, channel: str, portal: str | None = None,
                     total_ms: float | None = None) -> None:
        citations = [{"surface": redact(c.surface), "law_id": c.law_id, "article": c.article, "verdict": c.verdict}
                     for c in answer.citations]
        row = {
            "created_at": _now(), "answer_id": answer.id, "channel": channel, "portal": portal, "status": "ok",
            "error": None, "question": redact(answer.question), "standalone_question": redact(answer.standalone_question),
            "lang": answer.lang, "composer": answer.composer, "abstained": int(answer.abstained),
            "abstain_reason": answer.abstain_reason, "citations": json.dumps(citations, ensure_ascii=False),
            "notices": json.dumps(list(answer.notices), ensure_ascii=False),
            "timings": json.dumps(dict(answer.timings_ms), ensure_ascii=False),
            "total_ms": round(total_ms, 2) if total_ms is not None else answer.timings_ms.get("total"),
        }
        self._insert("exchanges", row)

    def log_error(self, question: str | None, *, channel: str, error: str, portal: str | None = None,
                  total_ms: float | None = None) -> None:
        self._insert("exchanges", {"created_at": _now(), "channel": channel, "portal": portal, "status": "error",
                                   "error": error, "question": redact(question if isinstance(question, str) else None),
                                   "total_ms": round(total_ms, 2) if total_ms is not None else None})

    def log_feedback(self, answer_id: str, rating: str, comment: str | None = None, *, channel: str,
                     portal: str | None = None) -> None:
        self._insert("feedback", {"created_at": _now(), "answer_id": answer_id, "rating": rating,
                                  "comment": redact(comment.strip()) if comment and comment.strip() else None,
                                  "channel": channel, "portal": portal})

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        cols = list(row)
        self._write(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [row[c] for c in cols])

    # ----- retention -------------------------------------------------------------------------------
    def purge(self, now: datetime | None = None) -> int:
        """Delete rows older than the retention period; returns how many went."""
        with self._lock:
            return self._purge_locked(now)

    def _purge_locked(self, now: datetime | None = None) -> int:
        db = self._db()
        cutoff = _cutoff(self.retention_days, now)
        n = 0
        for table in TABLES:
            n += db.execute(f"DELETE FROM {table} WHERE created_at < ?", (cutoff,)).rowcount
        db.commit()
        self._last_purge = time.monotonic()
        return n

    # ----- reading ---------------------------------------------------------------------------------
    def rows(self, table: str = "exchanges", *, since: str | None = None, until: str | None = None) -> list[dict]:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; one of {', '.join(TABLES)}")
        sql, params = f"SELECT {', '.join(TABLES[table])} FROM {table}", []
        where = []
        if since:
            where.append("created_at >= ?")
            params.append(since)
        if until:
            where.append("created_at < ?")
            params.append(until)
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._lock:
            cur = self._db().execute(sql + " ORDER BY id", params)
            return [dict(zip(TABLES[table], r)) for r in cur.fetchall()]

    def export_csv(self, out: IO[str], table: str = "exchanges", *, since: str | None = None,
                   until: str | None = None) -> int:
        """Write the table as CSV (header row first); returns the number of data rows."""
        rows = self.rows(table, since=since, until=until)
        writer = csv.DictWriter(out, fieldnames=list(TABLES[table]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return len(rows)


def register(app) -> None:
    """Add `audit export` and `audit purge` to the CLI (a typer.Typer)."""
    import typer

    audit_app = typer.Typer(help="The audit log of exchanges and feedback (redacted; SQLite).", no_args_is_help=True)
    app.add_typer(audit_app, name="audit")

    def _open() -> AuditLog:
        from assistant.settings import Settings

        return AuditLog.from_settings(Settings())

    def _day(value: str | None, name: str) -> str | None:
        if value is None:
            return None
        try:
            return datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        except ValueError:
            typer.echo(f"error: {name} must be a date like 2025-01-31, got {value!r}", err=True)
            raise typer.Exit(2)

    @audit_app.command("export")
    def audit_export(
        out: Path = typer.Option(Path("-"), "--out", "-o", help="CSV file to write; - for standard output."),
        table: str = typer.Option("exchanges", "--table", help="exchanges or feedback."),
        since: str | None = typer.Option(None, "--since", help="Only rows on or after this date (UTC), e.g. 2025-01-01."),
        until: str | None = typer.Option(None, "--until", help="Only rows before this date (UTC)."),
    ) -> None:
        """Write the audit log as CSV (personal numbers were redacted when the rows were written)."""
        if table not in TABLES:
            typer.echo(f"error: --table must be one of {', '.join(TABLES)}", err=True)
            raise typer.Exit(2)
        log = _open()
        s, u = _day(since, "--since"), _day(until, "--until")
        if str(out) == "-":
            n = log.export_csv(sys.stdout, table, since=s, until=u)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("w", encoding="utf-8", newline="") as fh:
                n = log.export_csv(fh, table, since=s, until=u)
        log.close()
        typer.echo(f"{n} {table} rows from {log.path}" + ("" if str(out) == "-" else f" → {out}"), err=True)

    @audit_app.command("purge")
    def audit_purge() -> None:
        """Delete rows older than ASSISTANT_AUDIT_RETENTION_DAYS now (the server also does this hourly)."""
        log = _open()
        n = log.purge()
        log.close()
        typer.echo(f"deleted {n} rows older than {log.retention_days} days from {log.path}")
