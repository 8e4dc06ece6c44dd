"""`python app.py --workers N`: several uvicorn workers need the shared chroma server; asked for on the embedded
store they are refused with a sentence that names the fix, before anything is loaded. (Two workers against a
chroma server, Redis and PostgreSQL are run by bench/load_test.py --shared-stack.)"""

from __future__ import annotations

import os
import subprocess
import sys

from assistant.settings import REPO_ROOT


def _app(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    return subprocess.run([sys.executable, str(REPO_ROOT / "app.py"), *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120, env={**environ, **env})


def test_workers_on_the_embedded_store_are_refused_with_the_fix():
    r = _app("--workers", "2", ASSISTANT_CHROMA_MODE="persistent")
    assert r.returncode == 2 and "ASSISTANT_CHROMA_MODE=http" in r.stderr and "chroma run" in r.stderr
    assert "Traceback" not in r.stderr and "[assistant] corpus" not in r.stderr  # refused before loading anything
    r = _app("--workers", "0")
    assert r.returncode == 2 and "--workers must be 1 or more" in r.stderr
