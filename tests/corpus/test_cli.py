from __future__ import annotations

import json
import subprocess

from assistant.settings import REPO_ROOT

CLI = str(REPO_ROOT / ".venv" / "bin" / "assistant")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def test_show_old_number_explains_current():
    out = run("corpus", "show", "民事诉讼法", "233", "--version", "2017")
    assert out.returncode == 0, out.stderr
    assert "第244条" in out.stdout and "2017-07-01" in out.stdout and "article 244" in out.stdout


def test_show_current_with_history_json():
    out = run("corpus", "show", "民诉法", "第二百四十四条", "--json")
    data = json.loads(out.stdout)
    assert data["law_id"] == "cpl" and data["current_article"] == 244
    assert [h["article"] for h in data["history"]][-3:] == [233, 240, 244]


def test_show_prints_the_article_with_status_and_date():
    out = run("corpus", "show", "执行异议之诉解释", "6")
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[0]
    assert "第六条" in first and "in_force" in first and "2025-07-24" in first
    assert "继续执行并提供相应担保" in out.stdout


def test_show_a_terminated_draft_says_it_is_not_law():
    out = run("corpus", "show", "民事强制执行法草案", "1")
    assert out.returncode == 2 and "terminated in 2024" in out.stderr and "not law" in out.stderr


def test_show_unknown_law_is_a_clear_error():
    out = run("corpus", "show", "民事执行法", "1")
    assert out.returncode == 2 and "unknown law" in out.stderr


def test_show_nonexistent_article():
    out = run("corpus", "show", "执行和解规定", "25")
    assert out.returncode == 2 and "has no article 25" in out.stderr


def test_stats_lists_versions_and_statuses():
    out = run("corpus", "stats", "--json")
    rows = json.loads(out.stdout)["versions"]
    cpl = {r["version"]: (r["status"], r["articles"]) for r in rows if r["law_id"] == "cpl"}
    assert cpl["2024-01-01"] == ("in_force", 306) and cpl["2022-01-01"] == ("superseded", 291)
