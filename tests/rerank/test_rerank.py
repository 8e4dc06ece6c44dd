"""The trained reranker: the shipped weights load over the bundled base and reproduce the scores recorded at
training time; training runs (on a small slice); the chain concludes from the note it ranks first."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant import rerank
from assistant.index.embedders import e5_model_dir
from assistant.settings import Settings


@pytest.fixture(scope="module")
def base_dir() -> Path:
    return e5_model_dir(Settings().data_dir)


@pytest.fixture(scope="module")
def shipped(registry, base_dir):
    return rerank.Reranker.load(registry, base_dir)


def test_shipped_delta_is_small_and_only_upper_layers():
    size = (rerank.WEIGHTS_DIR / rerank.DELTA_FILE).stat().st_size
    assert size < 50 * 1024 * 1024
    from safetensors import safe_open

    with safe_open(str(rerank.WEIGHTS_DIR / rerank.DELTA_FILE), "pt") as fh:
        names = list(fh.keys())
    assert names and all(n.startswith("encoder.layer.") for n in names)


def test_shipped_weights_reproduce_the_training_time_scores(shipped):
    card = json.loads((rerank.WEIGHTS_DIR / rerank.CARD_FILE).read_text(encoding="utf-8"))
    assert card["reference_scores"]
    for ref in card["reference_scores"]:
        got = shipped.score_views(ref["question"], [ref["passage"]])[0]
        assert got == pytest.approx(ref["score"], abs=2e-3)


def test_shipped_weights_differ_from_the_base(registry, base_dir, shipped):
    base = rerank.Reranker(rerank.load_base(base_dir), registry)
    q, p = rerank.REFERENCE_PAIRS[0]
    assert abs(base.score_views(q, [p])[0] - shipped.score_views(q, [p])[0]) > 1e-4


def test_rerank_notes_keeps_articles_in_place_and_permutes_notes(registry, shipped):
    from assistant.models import Hit

    notes = [Hit(doc_id=f"note:{n.id}", kind="note", text=n.title, score=1.0, note_id=n.id) for n in registry.notes[:4]]
    article = Hit(doc_id="a", kind="article", text="x", score=1.0, law_id="cpl", article=241)
    hits = [notes[0], article, *notes[1:]]
    out, scores = rerank.rerank_notes("和解协议不履行怎么办", hits, shipped)
    assert out[1] is article
    assert sorted(h.doc_id for h in out) == sorted(h.doc_id for h in hits)
    ranked = [scores[rerank.candidate_key(h)] for h in out if h.kind == "note"]
    assert ranked == sorted(ranked, reverse=True)


def test_training_runs_on_a_small_slice(service, base_dir, tmp_path):
    registry = service.registry
    questions = rerank.notes_own_questions(registry)[:8]

    def search(q, k):
        return service.retriever.search(q, k=k).hits

    model = rerank.train(registry, search, base_dir, questions, epochs=1, batch_size=4, top_layers=1, log_every=0)
    rerank.save_delta(model.model, model.prefixes, tmp_path, model.card)
    again = rerank.Reranker.load(registry, base_dir, tmp_path)
    q, p = rerank.REFERENCE_PAIRS[0]
    assert np.isfinite(again.score_views(q, [p])).all()
    assert len(json.loads((tmp_path / rerank.CARD_FILE).read_text())["trainable_prefixes"]) == 1
