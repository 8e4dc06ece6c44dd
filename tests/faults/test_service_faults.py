"""Faults under a running service: a rebuild by another process, a deleted index, an audit log that cannot be
written. The API keeps answering correctly, or refuses with a JSON 503, and /readyz says which; never a 500."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from assistant.settings import REPO_ROOT, Settings

QUESTION = "被执行人不履行执行和解协议，申请执行人怎么办？"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A service on its own copy of the served index, behind the API (TestClient runs the real app)."""
    from fastapi.testclient import TestClient

    from assistant.api import create_app
    from assistant.audit import AuditLog
    from assistant.service import AssistantService

    data_dir = tmp_path_factory.mktemp("served") / "data"
    for part in ("chroma", "embeddings"):
        # a fresh clone builds from the shipped seed cache and embeds nothing: it may have no embeddings folder
        if (Settings().data_dir / part).exists():
            shutil.copytree(Settings().data_dir / part, data_dir / part)
    settings = Settings(data_dir=data_dir, rate_limit_per_minute=0)
    service = AssistantService.create(settings, progress=False)
    audit = AuditLog.from_settings(settings)
    with TestClient(create_app(service, audit=audit), raise_server_exceptions=False) as client:
        yield settings, service, audit, client


def _cli(settings, *args):
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir), "PYTHONPATH": str(REPO_ROOT),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, env=env,
                          cwd=str(REPO_ROOT), timeout=900)


def _hits(client, q="执行和解协议的效力"):
    r = client.get("/api/search", params={"q": q, "k": 5})
    return r.status_code, r.json()


def test_ready_when_healthy(served):
    _, _, _, client = served
    r = client.get("/readyz")
    assert r.status_code == 200 and r.json() == {"status": "ready", "checks": {"index": "ok", "audit": "ok"}}
    assert client.get("/healthz").status_code == 200


def test_a_rebuild_by_another_process_is_picked_up_by_the_running_service(served):
    settings, service, _, client = served
    code, before = _hits(client)
    assert code == 200
    old = service.retriever.store.active_name
    proc = _cli(settings, "index", "--rebuild")
    assert proc.returncode == 0, proc.stderr
    assert service.retriever.store.active_name != old  # a new collection; the old one was dropped
    code, after = _hits(client)  # the service's handle points at the dropped collection: it re-resolves
    assert code == 200
    assert [h["score"] for h in after["hits"]] == pytest.approx([h["score"] for h in before["hits"]], abs=2e-3)
    assert client.get("/readyz").status_code == 200
    assert client.post("/api/ask", json={"question": QUESTION}).status_code == 200


def test_a_corrupted_index_is_reported_by_the_index_command(served):
    """`assistant index` on an index whose stored vectors were overwritten rebuilds (it said 'up to date')."""
    settings, service, _, client = served
    name = service.retriever.store.active_name
    script = ("import chromadb, sys; from chromadb.config import Settings as S; "
              "c = chromadb.PersistentClient(path=sys.argv[1], settings=S(anonymized_telemetry=False)); "
              "col = c.get_collection(sys.argv[2]); ids = col.get(limit=40)['ids']; "
              "col.update(ids=ids, embeddings=[[0.5] * 384 for _ in ids])")
    subprocess.run([sys.executable, "-c", script, str(settings.data_dir / "chroma"), name], check=True,
                   capture_output=True, timeout=300)
    proc = _cli(settings, "index")
    assert proc.returncode == 0, proc.stderr
    assert "rebuilt (" in proc.stdout and "differ" in proc.stdout, proc.stdout
    assert _hits(client)[0] == 200 and client.get("/readyz").status_code == 200


def test_a_deleted_index_is_a_503_and_not_ready(served):
    settings, service, _, client = served
    script = ("import chromadb, sys; from chromadb.config import Settings as S; "
              "c = chromadb.PersistentClient(path=sys.argv[1], settings=S(anonymized_telemetry=False)); "
              "[c.delete_collection(x.name) for x in c.list_collections()]")
    subprocess.run([sys.executable, "-c", script, str(settings.data_dir / "chroma")], check=True, capture_output=True,
                   timeout=300)
    code, body = _hits(client)
    assert code == 503 and body["error"]["code"] == "index_unavailable"
    r = client.post("/api/ask", json={"question": QUESTION})
    assert r.status_code == 503 and r.json()["error"]["code"] == "index_unavailable"
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["checks"]["index"] != "ok"
    proc = _cli(settings, "index")  # the operator's fix
    assert proc.returncode == 0, proc.stderr
    assert _hits(client)[0] == 200 and client.get("/readyz").status_code == 200


@contextlib.contextmanager
def _immutable(path):
    """Make the audit database unopenable for anyone, root included, on any filesystem: a directory takes the
    file's place (sqlite cannot open it), and the file comes back afterwards."""
    aside = path.with_name(path.name + ".aside")
    path.rename(aside)
    path.mkdir()
    try:
        yield
    finally:
        path.rmdir()
        aside.rename(path)


def test_an_unwritable_audit_log_costs_the_record_not_the_answer(served, caplog):
    settings, _, audit, client = served
    audit.log_error("warm-up", channel="api", error="none")
    audit.close()
    for suffix in ("-wal", "-shm"):  # a clean single file, then frozen
        p = audit.path.with_name(audit.path.name + suffix)
        p.unlink(missing_ok=True)
    with _immutable(audit.path):
        r = client.post("/api/ask", json={"question": QUESTION})
        assert r.status_code == 200
        assert any("audit log" in n for n in r.json()["notices"])
        stream = client.post("/api/ask/stream", json={"question": QUESTION})
        events = [ln.removeprefix("event: ") for ln in stream.text.splitlines() if ln.startswith("event: ")]
        assert stream.status_code == 200 and events[-1] in ("final", "error"), events
        fb = client.post("/api/feedback", json={"answer_id": r.json()["id"], "rating": "helpful"})
        assert fb.status_code == 503 and fb.json()["error"]["code"] == "feedback_not_stored"
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "cannot be written" in ready.json()["checks"]["audit"]
        assert "cannot be written" in caplog.text
    assert client.get("/readyz").status_code == 200  # writable again: ready again
    assert client.post("/api/feedback", json={"answer_id": r.json()["id"], "rating": "helpful"}).status_code == 200
    assert json.dumps(audit.rows("feedback")[-1]["rating"]) == '"helpful"'
