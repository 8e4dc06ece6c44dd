"""`assistant check` through a tiny typer app (the guard registers its command on any app)."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from assistant.guard.cli import register

app = typer.Typer()
register(app)


@app.callback()
def _root() -> None:
    """Test app."""


runner = CliRunner()


def test_check_stdin_json():
    r = runner.invoke(app, ["check", "-", "--json"], input="民诉法第233条规定了执行回转。")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["citations"][0]["verdict"] == "outdated_numbering" and d["citations"][0]["current"]["article"] == 244


def test_check_file_table_and_strict(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("《民事执行法》第3条规定了和解。", encoding="utf-8")
    r = runner.invoke(app, ["check", str(f)])
    assert r.exit_code == 0 and "unknown_law" in r.output
    assert runner.invoke(app, ["check", str(f), "--strict"]).exit_code == 1


def test_check_batch_jsonl(tmp_path):
    f = tmp_path / "b.jsonl"
    f.write_text('{"id": "a", "text": "民事诉讼法第二百四十四条规定了执行回转。"}\n'
                 'not json\n'
                 '{"id": "b", "text": "Article 9999 of the Civil Procedure Law"}\n', encoding="utf-8")
    r = runner.invoke(app, ["check", "--batch", str(f), "--json"])
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert [row["id"] for row in rows] == ["a", "b"]
    assert rows[0]["citations"][0]["verdict"] == "valid"
    assert rows[1]["citations"][0]["verdict"] == "nonexistent_article"
    for row in rows:
        for c in row["citations"]:
            assert set(c) >= {"text", "span", "law", "article", "paragraph", "item", "verdict", "current", "message"}


def test_check_html_and_repair():
    r = runner.invoke(app, ["check", "-", "--html"], input="民诉法第233条<b>")
    assert "<mark" in r.output and "&lt;b&gt;" in r.output
    r = runner.invoke(app, ["check", "-", "--repair"], input="民事诉讼法第二百三十三条规定了执行回转。")
    assert "第二百四十四条" in r.output


def test_check_needs_one_input():
    assert runner.invoke(app, ["check"]).exit_code != 0
