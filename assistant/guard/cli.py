"""`assistant check`: the citation guard on the command line.

    assistant check answer.txt                 # table of verdicts
    echo '民诉法第233条规定了执行回转' | assistant check - --json
    assistant check --batch cases.jsonl --json  # one {"id","text"} per line in, one result per line out
    assistant check draft.md --html > marked.html   /   --markdown   /   --repair
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

MAX_INPUT_BYTES = 8 * 1024 * 1024


def _read(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        path = Path(source)
        if not path.is_file():
            raise typer.BadParameter(f"no such file: {source}")
        with path.open("rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        typer.echo(f"warning: input longer than {MAX_INPUT_BYTES} bytes; checking the first part only", err=True)
        data = data[:MAX_INPUT_BYTES]
    return data.decode("utf-8", errors="replace")


def _row(item_id, report) -> dict:
    return {"id": item_id, "ok": report.ok, "citations": report.to_dict()["citations"]}


def register(app: typer.Typer) -> None:
    """Add the `check` command to a typer app (the project's `assistant` CLI)."""

    @app.command("check")
    def check_command(
        source: Optional[str] = typer.Argument(None, help="A text file, or - for standard input."),
        batch: Optional[Path] = typer.Option(None, "--batch", help='JSONL file: one {"id": …, "text": …} per line.'),
        as_json: bool = typer.Option(False, "--json", help="Machine-readable output (one JSON object per line with --batch)."),
        html: bool = typer.Option(False, "--html", help="Print the text as HTML with every citation marked."),
        markdown: bool = typer.Option(False, "--markdown", help="Print the text as Markdown with footnotes."),
        repair: bool = typer.Option(False, "--repair", help="Print the text with certain repairs applied."),
        lang: Optional[str] = typer.Option(None, "--lang", help="Message language: zh or en (default: the text's)."),
        evidence: bool = typer.Option(False, "--evidence", help="With --json: include the article text checked against."),
        strict: bool = typer.Option(False, "--strict", help="Exit with status 1 when any citation is not valid."),
    ) -> None:
        """Check every citation of law in a text: unknown laws, nonexistent or renumbered articles, unsupported
        claims, drafts and superseded texts. Verdicts: valid, unknown_law, nonexistent_article,
        outdated_numbering, unsupported, not_in_force."""
        from assistant.guard import check, default_registry

        if lang not in (None, "zh", "en"):
            raise typer.BadParameter("--lang must be zh or en")
        if (source is None) == (batch is None):
            raise typer.BadParameter("give a FILE (or -) or --batch FILE.jsonl")
        registry = default_registry()
        all_ok = True
        if batch is not None:
            if not batch.is_file():
                raise typer.BadParameter(f"no such file: {batch}")
            with batch.open(encoding="utf-8", errors="replace") as fh:
                for lineno, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        obj = json.loads(line)
                        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                            raise ValueError('each line needs {"id": …, "text": "…"}')
                    except (json.JSONDecodeError, ValueError) as exc:
                        typer.echo(f"{batch.name}:{lineno}: skipped: {exc}", err=True)
                        all_ok = False
                        continue
                    report = check(obj["text"], registry, lang=lang)
                    all_ok &= report.ok
                    if as_json:
                        row = _row(obj.get("id"), report)
                        if not evidence:
                            for cdict in row["citations"]:
                                cdict.pop("evidence", None)
                        typer.echo(json.dumps(row, ensure_ascii=False))
                    else:
                        _print_table(obj.get("id"), report)
            raise typer.Exit(1 if strict and not all_ok else 0)
        text = _read(source)
        report = check(text, registry, lang=lang)
        if html:
            typer.echo(report.annotate_html())
        elif markdown:
            typer.echo(report.annotate_markdown())
        elif repair:
            typer.echo(report.repaired_text)
        elif as_json:
            typer.echo(json.dumps(report.to_dict(evidence=evidence), ensure_ascii=False, indent=1))
        else:
            _print_table(None, report)
        raise typer.Exit(1 if strict and not report.ok else 0)


def _print_table(item_id, report) -> None:
    head = f"[{item_id}] " if item_id is not None else ""
    if not report.citations:
        typer.echo(f"{head}no citations found")
        return
    for c in report.citations:
        cur = f" → {c.current_article}" if c.current_article and c.current_article != c.citation.article else ""
        typer.echo(f"{head}{c.verdict:<20} {c.text}{cur}\n{'':<20} {c.message}")
    counts = ", ".join(f"{k} {v}" for k, v in report.counts().items() if v)
    typer.echo(f"{head}{'ok' if report.ok else 'problems found'}: {counts}")
