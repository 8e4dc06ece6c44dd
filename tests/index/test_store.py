"""The vector store against real chromadb: embedded (PersistentClient) and a real `chroma run` server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.index.documents import build_documents
from assistant.index.embedders import SentenceTransformerEmbedder, gt_minilm_model_path
from assistant.index.store import IndexError_, VectorStore, make_client
from assistant.settings import Settings


@pytest.fixture(scope="module")
def small_embedder():
    # the offline English MiniLM keeps these tests fast; the default embedder is exercised by the service tests
    return SentenceTransformerEmbedder(str(gt_minilm_model_path()))


@pytest.fixture(scope="module")
def settlement_docs(registry):
    return [d for d in build_documents(registry) if d.law_id in ("settlement",) or (d.note_id or "").startswith("settle-d")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _exercise(store: VectorStore, settings: Settings):
    report = store.build(settings, progress=False)
    assert report.rebuilt and report.documents == len(store.docs)
    assert store.is_built()
    again = store.build(settings, progress=False)
    assert not again.rebuilt  # idempotent
    checked = store.ensure(settings, progress=False)  # and the built index verifies
    assert not checked.rebuilt and store.probe() is None
    col = store.collection()
    meta = col.get(ids=[store.docs[0].doc_id], include=["metadatas"])["metadatas"][0]
    assert {"law_id", "version", "article", "status", "kind"} <= set(meta)
    assert (col.metadata or {}).get("model_id") == store.embedder.model_id
    current = [d for d in store.docs if d.status == "in_force"][3]
    hits = store.query(store.embedder.embed_query(current.text), k=3)
    assert hits[0][0] == current.doc_id
    superseded = [d for d in store.docs if d.status == "superseded"]
    assert superseded and all(h[0] not in {d.doc_id for d in superseded}
                              for h in store.query(store.embedder.embed_query(superseded[0].text), k=10))


def test_persistent_store(tmp_path, small_embedder, settlement_docs):
    settings = Settings(data_dir=tmp_path)
    store = VectorStore(make_client(settings), small_embedder, settlement_docs)
    _exercise(store, settings)
    # a second process-level client on the same folder sees the same build
    store2 = VectorStore(make_client(settings), small_embedder, settlement_docs)
    assert store2.is_built()


def test_missing_index_is_reported(tmp_path, small_embedder, settlement_docs):
    store = VectorStore(make_client(Settings(data_dir=tmp_path)), small_embedder, settlement_docs)
    with pytest.raises(IndexError_, match="assistant index"):
        store.query([0.0] * small_embedder.dimension, k=1)


def test_changed_text_gets_a_new_collection(tmp_path, small_embedder, settlement_docs):
    settings = Settings(data_dir=tmp_path)
    store = VectorStore(make_client(settings), small_embedder, settlement_docs)
    store.build(settings, progress=False)
    from dataclasses import replace

    changed = [replace(settlement_docs[0], text=settlement_docs[0].text + "（修改）")] + settlement_docs[1:]
    store2 = VectorStore(make_client(settings), small_embedder, changed)
    assert store2.collection_name != store.collection_name and not store2.is_built()
    report = store2.build(settings, progress=False)
    assert report.embedded == 1 and report.from_cache == len(changed) - 1  # only the changed text is re-embedded
    names = [c if isinstance(c, str) else c.name for c in store2.client.list_collections()]
    assert names == [store2.active_name]  # one collection per data folder: the older build went
    folders = [p for p in (tmp_path / "chroma").iterdir() if p.is_dir()]
    assert len(folders) <= 1  # and so did its HNSW folder (chroma leaves it behind)


def test_http_server_mode(tmp_path, small_embedder, settlement_docs):
    port = _free_port()
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "srv")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        settings = Settings(data_dir=tmp_path / "data", chroma_mode="http", chroma_host="127.0.0.1", chroma_port=port)
        deadline = time.time() + 60
        while True:
            try:
                client = make_client(settings)
                client.heartbeat()
                break
            except Exception:
                if time.time() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        _exercise(VectorStore(client, small_embedder, settlement_docs), settings)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
