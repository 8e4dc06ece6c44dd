"""The reranker variants train on a slice of the bank and load back what they saved: the learned note ranker (its
weights round-trip exactly) and the bi-encoder (its delta loads over the bundled base and changes its scores).
Neither ships yet: on the dev author's questions neither beat the retrieval order (README, note of 2026-12-04)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant import rerank
from assistant.index.embedders import e5_model_dir
from assistant.settings import REPO_ROOT, Settings

BANK = REPO_ROOT / "eval" / "bank"


@pytest.fixture(scope="module")
def base_dir() -> Path:
    return e5_model_dir(Settings().data_dir)


@pytest.fixture(scope="module")
def ranker(service, tmp_path_factory):
    """A note ranker trained on a slice of the bank's train split, saved and loaded back."""
    registry = service.registry
    train = rerank.load_bank(sorted(BANK.glob("train*.jsonl")), registry)[:40]

    def search(q, k):
        return service.retriever.search(q, k=k).hits

    model = rerank.train_note_ranker(registry, service.retriever.embedder, search, train)
    folder = tmp_path_factory.mktemp("ranker")
    model.save(folder)
    loaded = rerank.NoteRanker.load(registry, service.retriever.embedder, folder)
    assert np.allclose(loaded.weights, model.weights, atol=1e-5)
    return loaded


def test_ranker_scores_the_dev_split(service, ranker):
    dev = rerank.load_bank(sorted(BANK.glob("dev*.jsonl")), service.registry)[:30]

    def search(q, k):
        return service.retriever.search(q, k=k).hits

    result = rerank.evaluate_ranker(ranker, dev, search)
    assert result["questions"] == 30
    assert 0.0 <= result["retrieval_top1"] <= result["oracle_top8"] <= 1.0
    assert 0.0 <= result["ranked_top1"] <= result["oracle_top8"]


def test_no_shipped_weights_means_the_retrieval_order_stands(service):
    shipped = (rerank.WEIGHTS_DIR / rerank.RANKER_FILE).exists() or (rerank.WEIGHTS_DIR / rerank.DELTA_FILE).exists()
    assert (service.chain.reranker is not None) == shipped


def test_rerank_notes_keeps_articles_in_place_and_permutes_notes(service, ranker):
    hits = service.retriever.search("和解协议签了，对方只付了一半就不付了，我该怎么办？", k=12).hits
    out, scores = rerank.rerank_notes("和解协议签了，对方只付了一半就不付了，我该怎么办？", hits, ranker)
    assert [i for i, h in enumerate(out) if h.kind != "note"] == [i for i, h in enumerate(hits) if h.kind != "note"]
    assert sorted(h.doc_id for h in out) == sorted(h.doc_id for h in hits)
    ranked = [scores[rerank.candidate_key(h)] for h in out if h.kind == "note" and rerank.candidate_key(h) in scores]
    assert ranked == sorted(ranked, reverse=True)


def test_bi_encoder_trains_on_a_small_slice_and_reloads(service, base_dir, tmp_path):
    registry = service.registry
    questions = rerank.notes_own_questions(registry)[:8]

    def search(q, k):
        return service.retriever.search(q, k=k).hits

    model = rerank.train(registry, search, base_dir, questions, epochs=1, batch_size=4, top_layers=1, log_every=0)
    rerank.save_delta(model.model, model.prefixes, tmp_path, model.card)
    again = rerank.Reranker.load(registry, base_dir, tmp_path)
    q, p = rerank.REFERENCE_PAIRS[0]
    before = rerank.Reranker(rerank.load_base(base_dir), registry).score_views(q, [p])[0]
    after = again.score_views(q, [p])[0]
    assert np.isfinite(after) and after != pytest.approx(before, abs=1e-6)
    assert json.loads((tmp_path / rerank.CARD_FILE).read_text())["trainable_prefixes"] == ["encoder.layer.11."]
