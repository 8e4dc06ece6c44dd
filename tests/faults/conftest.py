"""Fault injection: damage the index, the embedding cache or the audit log the way disks and operators do,
then start again. Every case must end in a rebuild or a clear refusal, never a wrong answer or a crash."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import REPO_ROOT, Settings

START = Path(__file__).with_name("start_store.py")


def start(data_dir: Path, *flags: str, wait: bool = True):
    """Run one start of the store in a fresh process; returns (exit code, parsed JSON or None, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen([sys.executable, str(START), str(data_dir), *flags], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=str(REPO_ROOT))
    if not wait:
        return proc
    return finish(proc)


def finish(proc, timeout: float = 600):
    out, err = proc.communicate(timeout=timeout)
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    return proc.returncode, (json.loads(lines[-1]) if lines else None), err


@pytest.fixture(scope="session")
def reference(tmp_path_factory):
    """A healthy build and its search results: what every recovery must give back."""
    data_dir = tmp_path_factory.mktemp("reference") / "data"
    code, result, err = start(data_dir)
    assert code == 0, err
    assert result["rebuilt"] and result["probe"] is None
    return data_dir, result


@pytest.fixture
def built(reference, tmp_path):
    """A copy of the healthy small data folder to damage."""
    src, _ = reference
    shutil.copytree(src, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def full_reference(tmp_path_factory):
    """The served index (whole corpus, default embedder), verified in the shared data folder, then copied."""
    settings = Settings()
    code, _, err = start(settings.data_dir, "--full")
    assert code == 0, err
    data_dir = tmp_path_factory.mktemp("full-reference") / "data"
    for part in ("chroma", "embeddings"):
        # a fresh clone builds from the shipped seed cache and embeds nothing: it may have no embeddings folder
        if (settings.data_dir / part).exists():
            shutil.copytree(settings.data_dir / part, data_dir / part)
    code, result, err = start(data_dir, "--full")
    assert code == 0 and not result["rebuilt"], err
    return data_dir, result


@pytest.fixture
def built_full(full_reference, tmp_path):
    shutil.copytree(full_reference[0], tmp_path / "data")
    return tmp_path / "data"


def segment_dirs(data_dir: Path) -> list[Path]:
    return [p for p in (data_dir / "chroma").iterdir() if p.is_dir() and (p / "data_level0.bin").exists()]


def assert_right_results(result: dict) -> None:
    """The searches find (nearly all of) the exact nearest neighbours, each with its true score."""
    for q in result["quality"]:
        assert q["recall"] >= 0.8 and q["score_error"] < 5e-3, result["quality"]
