"""CLI commands for the deadline calculator and the relief navigator.

    assistant deadline --event settlement_default --date 2025-03-31 [--today 2026-11-23] [--json]
    assistant deadline --list-events
    assistant navigate --facts '{"performance": "partly_performed"}' [--procedure settlement] [--json]
    assistant navigate --question '和解协议约定2025年3月31日前付清，对方没付，我最晚什么时候申请恢复执行？'

`register(app)` adds both commands to the main Typer app.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from assistant.answer.provisions import InputError, cite_list


def _fail(err: Exception, code: int = 2) -> None:
    typer.echo(f"error: {err}", err=True)
    raise typer.Exit(code)


def _today(value: Optional[str]) -> date:
    from assistant.answer.deadlines import parse_date

    return parse_date(value, "today") if value else date.today()


def _split_range(value: str) -> tuple[str, str]:
    for sep in ("..", ":", ","):
        if sep in value:
            a, b = value.split(sep, 1)
            return a.strip(), b.strip()
    raise InputError(f"中止期间“{value}”应写成 开始..结束（如 2026-12-01..2027-01-10）。",
                     f"Suspension {value!r} must be START..END (e.g. 2026-12-01..2027-01-10).",
                     code="invalid_suspension")


def register(app: typer.Typer) -> None:
    @app.command("deadline")
    def deadline(
        event: Optional[str] = typer.Option(None, "--event", "-e", help="Event id, e.g. settlement_default, judgment_due, "
                                            "third_party_objection_ruling; see --list-events."),
        on: Optional[str] = typer.Option(None, "--date", "-d", help="Event date, YYYY-MM-DD."),
        today: Optional[str] = typer.Option(None, "--today", help="Compute as of this day (default: today)."),
        interruption: List[str] = typer.Option([], "--interruption", "-i",
                                               help="Day the period was interrupted (repeatable)."),
        suspension: List[str] = typer.Option([], "--suspension", "-s",
                                             help="Obstacle START..END that suspended the period (repeatable)."),
        performance_days: Optional[int] = typer.Option(None, "--performance-days",
                                                       help="N in 'perform within N days of taking effect' "
                                                            "(event judgment_days_after_effective)."),
        lang: str = typer.Option("zh", "--lang", help="zh or en."),
        list_events: bool = typer.Option(False, "--list-events", help="List the events and their rules."),
        as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    ) -> None:
        """Last day to act after an event: enforcement period, resumption after a settlement, objection periods."""
        from assistant.answer.deadlines import EVENTS, compute_deadline, list_events as _events

        if list_events:
            if as_json:
                typer.echo(json.dumps(_events(), ensure_ascii=False, indent=1))
            else:
                for r in EVENTS.values():
                    typer.echo(f"{r.id:<42} {r.period_iso():<5} {r.title_zh if lang == 'zh' else r.title_en}  "
                               f"[{cite_list(r.provisions, 'zh')}]")
            return
        if not event or not on:
            _fail(InputError("需要 --event 和 --date（可用 --list-events 查看事件）。",
                             "--event and --date are required (see --list-events)."))
        try:
            result = compute_deadline(event, on, today=_today(today), interruptions=interruption,  # type: ignore[arg-type]
                                      suspensions=[_split_range(s) for s in suspension],
                                      performance_days=performance_days)
        except InputError as e:
            _fail(e)
            return
        if as_json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
            return
        typer.echo(result.deadline.isoformat())
        typer.echo(result.explanation(lang))
        typer.echo(("依据：" if lang == "zh" else "Provisions: ") + cite_list(result.provisions, lang))
        for w in result.warnings:
            typer.echo(("注意：" if lang == "zh" else "Note: ") + w.text(lang))

    @app.command("navigate")
    def navigate(
        facts: Optional[str] = typer.Option(None, "--facts", "-f", help="Facts as JSON, or @file.json."),
        procedure: Optional[str] = typer.Option(None, "--procedure", "-p", help="settlement or reversal "
                                                "(default: guessed from the fields)."),
        question: Optional[str] = typer.Option(None, "--question", "-q", help="A question in Chinese or English instead "
                                               "of --facts."),
        today: Optional[str] = typer.Option(None, "--today", help="As of this day (default: today)."),
        lang: Optional[str] = typer.Option(None, "--lang", help="zh or en (default zh; for --question, its language)."),
        as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    ) -> None:
        """Remedies open and closed after a failed settlement or an overturned judgment, with provisions."""
        from assistant.answer.navigator import answer_from_question, navigate_request

        try:
            t = _today(today)
            if question:
                ans = answer_from_question(question, today=t, lang=lang)
                if ans is None:
                    _fail(InputError("这不是导航器能回答的事实或日期问题。",
                                     "This is not a fact-pattern or date question the navigator answers."), code=1)
                    return
                typer.echo(json.dumps(ans.to_dict(), ensure_ascii=False, indent=1) if as_json else ans.text)
                return
            if not facts:
                _fail(InputError("需要 --facts 或 --question。", "--facts or --question is required."))
                return
            raw = Path(facts[1:]).read_text(encoding="utf-8") if facts.startswith("@") else facts
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as e:
                raise InputError(f"--facts 不是有效的 JSON：{e}", f"--facts is not valid JSON: {e}") from None
            payload = {"facts": data, "today": t}
            if procedure:
                payload["procedure"] = procedure
            out = navigate_request(payload, today=t)
        except (InputError, OSError) as e:
            _fail(e)
            return
        if as_json:
            typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
            return
        lg = lang or "zh"
        for status, label in (("open", "可以走的路" if lg == "zh" else "Open"),
                              ("closed", "走不通的路" if lg == "zh" else "Closed")):
            rows = [r for r in out["remedies"] if r["status"] == status]
            if rows:
                typer.echo(label + ":")
                for r in rows:
                    name, reason = (r["name_zh"], r["reason_zh"]) if lg == "zh" else (r["name_en"], r["reason_en"])
                    provs = cite_list([tuple(p) for p in r["provisions"]], lg)
                    typer.echo(f"  [{r['remedy']}] {name}: {reason} ({provs})")
        for n in out["notes"]:
            typer.echo(("注意：" if lg == "zh" else "Note: ") + n[lg])
        fu = out.get("follow_up_zh" if lg == "zh" else "follow_up_en")
        if fu:
            typer.echo(("还需要确认：" if lg == "zh" else "Need to know: ") + fu)
        if out.get("deadline"):
            d = out["deadline"]
            typer.echo(("期限：" if lg == "zh" else "Deadline: ") + d["deadline"])
