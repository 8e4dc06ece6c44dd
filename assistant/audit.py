"""Audit log: every exchange and every piece of feedback, redacted, in SQLite; retention; CSV export.

Personal numbers are removed *before* anything is written (assistant.redact): Chinese resident ID-card
numbers, phone numbers (mobile and landline), bank-card numbers and e-mail addresses, in any spelling.

>>> redact("我的身份证号是11010519491231002X，电话138-0013-8000。")
'我的身份证号是[ID_CARD]，电话[PHONE]。'
>>> redact("请打到 6222 0202 0000 1234 567，按民事诉讼法第244条执行回转")
'请打到 [BANK_CARD]，按民事诉讼法第244条执行回转'
"""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any, Iterable

from assistant.models import Answer
from assistant.redact import redact

log = logging.getLogger("assistant.audit")

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
CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY, checked_at TEXT NOT NULL);
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
        self.last_error: str | None = None

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

    def _write(self, sql: str, params: Iterable[Any]) -> bool:
        """True when the row is stored. A log that cannot be written (read-only file, disk full) costs the record,
        never the user's answer: a warning is logged, ``last_error`` says why, and the next write tries again."""
        if not self.enabled:
            return True
        try:
            with self._lock:
                db = self._db()
                if time.monotonic() - self._last_purge > 3600:
                    self._purge_locked()
                db.execute(sql, tuple(params))
                db.commit()
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return False
        self.last_error = None
        return True

    def _failed(self, exc: Exception) -> None:
        self.last_error = f"{type(exc).__name__}: {exc}"
        log.warning("audit log %s cannot be written (%s); answers are served without a record", self.path,
                    self.last_error)
        with self._lock:  # reopen on the next write: the file may be back
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None

    def check_writable(self) -> str | None:
        """None when a row can be written now (for /readyz), else why not."""
        if not self.enabled:
            return None
        if self._write("INSERT OR REPLACE INTO health (id, checked_at) VALUES (1, ?)", [_now()]):
            return None
        return f"the audit log {self.path} cannot be written ({self.last_error})"

    # ----- writing ---------------------------------------------------------------------------------
    def log_exchange(self, answer: Answer, *, channel: str, portal: str | None = None,
                     total_ms: float | None = None) -> bool:
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
        return self._insert("exchanges", row)

    def log_error(self, question: str | None, *, channel: str, error: str, portal: str | None = None,
                  total_ms: float | None = None) -> bool:
        return self._insert("exchanges", {"created_at": _now(), "channel": channel, "portal": portal, "status": "error",
                                   "error": error, "question": redact(question if isinstance(question, str) else None),
                                   "total_ms": round(total_ms, 2) if total_ms is not None else None})

    def log_feedback(self, answer_id: str, rating: str, comment: str | None = None, *, channel: str,
                     portal: str | None = None) -> bool:
        return self._insert("feedback", {"created_at": _now(), "answer_id": answer_id, "rating": rating,
                                  "comment": redact(comment.strip()) if comment and comment.strip() else None,
                                  "channel": channel, "portal": portal})

    def _insert(self, table: str, row: dict[str, Any]) -> bool:
        cols = list(row)
        return self._write(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
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
        writer.writerows({k: _csv_cell(v) for k, v in row.items()} for row in rows)
        return len(rows)


def _csv_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading
    apostrophe (OWASP's advice for CSV injection); numbers stay numbers.

    >>> [_csv_cell(v) for v in ("=1+2", "-1+2", "执行", 3.5)]
    ["'=1+2", "'-1+2", '执行', 3.5]
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


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
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:  # 2025-01-01T08:00+08:00 is 00:00 UTC: rows are stamped in UTC
                moment = moment.astimezone(timezone.utc)
            return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        except ValueError:
            typer.echo(f"error: {name} must be a date like 2025-01-31 or a time like 2025-01-31T08:00+08:00, got "
                       f"{value!r}", err=True)
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
