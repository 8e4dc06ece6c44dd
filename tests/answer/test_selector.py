"""The provision selector: its fitting, its file, the rows it scores and what it lets the composer keep."""

from __future__ import annotations

import json
import math
import random

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from assistant.answer import grounded
from assistant.answer.selector import (FEATURES, WEIGHTS_PATH, ProvisionFeatures, ProvisionSelector, SelectorModel,
                                       NEAR_TIE_F1, THRESHOLDS, TrainingExample, fit_logistic, is_current,
                                       selection_f1, train_for)
from assistant.models import Hit, NoteCitation


def test_fit_logistic_recovers_the_coefficients_data_was_drawn_from():
    rng = random.Random(7)
    true_w, true_b = [2.0, -1.5], -0.5
    rows, labels = [], []
    for _ in range(6000):
        x = [rng.gauss(0, 1), rng.gauss(0, 1)]
        p = 1 / (1 + math.exp(-(true_b + sum(w * v for w, v in zip(true_w, x)))))
        rows.append(x)
        labels.append(int(rng.random() < p))
    w, b = fit_logistic(rows, labels, l2=0.0)
    assert w == pytest.approx(true_w, abs=0.15)
    assert b == pytest.approx(true_b, abs=0.1)


def test_regularisation_shrinks_coefficients():
    rows = [[1.0], [2.0], [-1.0], [-2.0], [0.5], [-0.5]]
    labels = [1, 1, 0, 0, 0, 1]
    loose, _ = fit_logistic(rows, labels, l2=0.01)
    tight, _ = fit_logistic(rows, labels, l2=10.0)
    assert abs(tight[0]) < abs(loose[0])


@pytest.mark.parametrize("content, message", [
    ("{not json", "not a provision-selector weights file"),
    ('{"features": ["a"], "coefficients": [1, 2], "intercept": 0, "threshold": 0.1}', "1 features but 2 coefficients"),
    ('{"features": ["a"], "coefficients": [1]}', "not a provision-selector weights file"),
])
def test_a_broken_weights_file_is_named_in_the_error(tmp_path, content, message):
    path = tmp_path / "weights.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        SelectorModel.load(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_weights_round_trip(tmp_path):
    model = SelectorModel(("art_rr", "note_support"), (1.25, -0.5), -2.0, 0.2, {"corpus_build": "x"})
    model.save(tmp_path / "w.json")
    again = SelectorModel.load(tmp_path / "w.json")
    assert again == model and again.trained_on == {"corpus_build": "x"}
    assert again.probability({"art_rr": 1.0}) == pytest.approx(1 / (1 + math.exp(0.75)))


def _article_hit(law_id, article, version, score, status="in_force", **signals):
    return Hit(doc_id=f"art:{law_id}@{version}#{article}", kind="article", text="", score=score, law_id=law_id,
               article=article, version=version, status=status, signals=signals)


def _note_hit(note_id, cites, score):
    return Hit(doc_id=f"note:{note_id}", kind="note", text="", score=score, note_id=note_id,
               cites=tuple(NoteCitation(law, art) for law, art in cites))


def test_rows_map_old_numbers_to_current_and_add_up_note_support(registry):
    cpl = registry.law("cpl")
    v2017 = registry.version_for_year("cpl", 2017)
    law_note = next(n for n in registry.notes if n.kind == "law" and n.cites)
    hits = [_article_hit("cpl", 233, v2017.version, 0.5, status="superseded", bm25=3.0),
            _note_hit(law_note.id, [("cpl", 244), ("cpl-interp", 474)], 0.4),
            _note_hit(law_note.id, [("cpl", 244)], 0.2)]
    rows = ProvisionFeatures(registry).rows("执行回转", hits)
    assert cpl.current is not None
    row = rows[("cpl", 244)]  # 2017 art. 233 (执行回转) is art. 244 now
    assert row["art_rr"] == 1.0 and row["art_in_force"] == 0.0 and row["art_bm25"] == 3.0
    assert row["note_support"] == pytest.approx(1 / 2 + 1 / 3)
    assert row["note_count"] == 2 and row["top_note"] == 1.0 and row["top_note_pos0"] == 1.0
    assert rows[("cpl-interp", 474)]["note_support"] == pytest.approx(1 / 2 / 2)
    assert "art_rr" not in rows[("cpl-interp", 474)]
    assert rows[("cpl", 244)]["is_statute"] == 1.0 and rows[("cpl-interp", 474)]["is_statute"] == 0.0


def test_rows_skip_provisions_the_registry_lacks(registry):
    note = next(n for n in registry.notes if n.kind == "law")
    rows = ProvisionFeatures(registry).rows("x", [_note_hit(note.id, [("cpl", 9999)], 1.0)])
    assert ("cpl", 9999) not in rows


def _selector(registry, threshold=0.5):
    # probability rises with the article's reciprocal rank only
    return ProvisionSelector(registry, SelectorModel(("art_rr",), (10.0,), -6.0, threshold))


def test_keep_drops_unlikely_provisions_but_never_named_ones_or_all(registry):
    hits = [_article_hit("cpl", 241, registry.law("cpl").current.version, 1.0),
            _article_hit("cpl", 244, registry.law("cpl").current.version, 0.9),
            _article_hit("cpl", 250, registry.law("cpl").current.version, 0.8)]
    sel = _selector(registry)
    chosen = [("cpl", 241), ("cpl", 244), ("cpl", 250)]
    assert sel.keep("q", hits, chosen, always=[]) == [("cpl", 241)]
    assert sel.keep("q", hits, chosen, always=[("cpl", 250)]) == [("cpl", 241), ("cpl", 250)]
    strict = _selector(registry, threshold=0.999)
    assert strict.keep("q", hits, [("cpl", 244), ("cpl", 250)], always=[]) == [("cpl", 244)]


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([241, 244, 250, 236, 238]), min_size=0, max_size=5, unique=True),
       st.lists(st.sampled_from([241, 244, 250, 236, 238]), max_size=2, unique=True),
       st.floats(min_value=0.0, max_value=1.0))
def test_keep_is_an_ordered_nonempty_subset_holding_the_named(registry, chosen_numbers, named_numbers, threshold):
    current = registry.law("cpl").current.version
    hits = [_article_hit("cpl", n, current, 1.0 - i / 10) for i, n in enumerate([241, 244, 250])]
    chosen = [("cpl", n) for n in chosen_numbers]
    named = [("cpl", n) for n in named_numbers]
    kept = _selector(registry, threshold).keep("q", hits, chosen, always=named)
    assert [p for p in chosen if p in kept] == kept
    assert bool(kept) == bool(chosen)
    assert all(p in kept for p in named if p in chosen)


def test_the_composer_cites_only_what_the_selector_keeps(service):
    question = "执行回转的裁定由哪个法院作出，是原来的执行法院吗？"
    hits = service.retriever.search(question, k=service.settings.retrieval_k).hits
    notes = {n.id: n for n in service.registry.notes}
    everything = grounded.choose_provisions(hits, notes, [], service.registry, question=question)
    selector = service.chain.selector
    kept = grounded.choose_provisions(hits, notes, [], service.registry, question=question, selector=selector)
    assert kept and set(kept) <= set(everything)
    probabilities = selector.probabilities(question, hits)
    assert all(probabilities[p] >= selector.model.threshold for p in kept[1:])
    comp = grounded.compose(question, "zh", hits, service.registry, selector=selector)
    assert [(b.law_id, b.article) for b in comp.basis] == kept


def test_service_refuses_to_start_on_a_broken_weights_file(tmp_path, monkeypatch):
    from assistant.answer import selector as selector_module

    broken = tmp_path / "w.json"
    broken.write_text("[]", encoding="utf-8")
    monkeypatch.setattr(selector_module, "WEIGHTS_PATH", broken)
    from assistant.service import AssistantService
    from assistant.settings import Settings

    with pytest.raises(ValueError, match=str(broken)):
        AssistantService.create(Settings(), progress=False)


@pytest.fixture(scope="module")
def fitted_on_this_corpus(service):
    """The selector fitted once per run on this corpus as the service searches it (the costly step: every ask
    of every note is searched); the tests below share it."""
    return train_for(service.retriever, service.registry, service.settings.retrieval_k)


def test_shipped_weights_match_the_corpus_they_were_trained_on(fitted_on_this_corpus):
    """A retrain on the current corpus decides as the shipped file does; if this fails after a corpus change,
    run `assistant train-selector` and commit the weights. (Coefficients are not compared: a fresh index
    breaks near-ties differently and correlated features trade weight while decisions stay put.)"""
    shipped = SelectorModel.load(WEIGHTS_PATH)
    assert shipped.features == FEATURES
    retrained, examples = fitted_on_this_corpus
    current, why = is_current(shipped, retrained, examples)
    assert current, why
    # the threshold is the highest of those the training data cannot tell from the best
    base = SelectorModel(retrained.features, retrained.coefficients, retrained.intercept, 0.0)
    f1 = {t: selection_f1(base, examples, t)[2] for t in THRESHOLDS}
    assert retrained.threshold == max(t for t in THRESHOLDS if f1[t] >= max(f1.values()) - NEAR_TIE_F1)


def test_staleness_is_seen_in_decisions(registry):
    rows = {("cpl", n): {"art_rr": 1 / (n - 239)} for n in range(240, 250)}
    examples = [TrainingExample("n", "q", rows, frozenset({("cpl", 240)}))]
    base = SelectorModel(("art_rr",), (10.0,), -6.0, 0.5, {"corpus_build": "b"})
    same = SelectorModel(("art_rr",), (10.05,), -6.01, 0.5, {"corpus_build": "b"})
    shifted = SelectorModel(("art_rr",), (10.0,), -3.0, 0.5, {"corpus_build": "b"})
    rebuilt = SelectorModel(("art_rr",), (10.0,), -6.0, 0.5, {"corpus_build": "c"})
    assert is_current(base, same, examples)[0]
    assert not is_current(base, shifted, examples)[0]
    assert not is_current(base, rebuilt, examples)[0]


def test_a_threshold_is_judged_by_the_f1_it_gives_not_by_equality(registry):
    """A retrain may pick another of several near-tied thresholds; the shipped file is stale only when its
    own threshold selects measurably worse on the retrain's examples."""
    rows = {("cpl", n): {"art_rr": 1 / (n - 239)} for n in range(240, 250)}
    examples = [TrainingExample("n", "q", rows, frozenset({("cpl", 240)}))]
    retrained = SelectorModel(("art_rr",), (10.0,), -6.0, 0.5, {"corpus_build": "b"})
    tied = SelectorModel(("art_rr",), (10.0,), -6.0, 0.45, {"corpus_build": "b"})
    keeps_everything = SelectorModel(("art_rr",), (10.0,), -6.0, 0.0, {"corpus_build": "b"})
    assert is_current(tied, retrained, examples)[0]
    current, why = is_current(keeps_everything, retrained, examples)
    assert not current and "at the shipped threshold 0.0" in why


def test_the_conclusion_keeps_its_authority_whatever_the_selector_says(service, registry):
    """The conclusion comes from a note; that note's leading provision is cited even by a selector that would
    keep nothing else (here one whose threshold no candidate reaches)."""
    question = "执行和解协议签了以后双方都同意把付款时间往后推两个月，要走什么手续？"
    hits = service.retriever.search(question, k=service.settings.retrieval_k).hits
    stingy = ProvisionSelector(registry, SelectorModel(service.chain.selector.model.features,
                                                       service.chain.selector.model.coefficients,
                                                       service.chain.selector.model.intercept, 1.0))
    comp = grounded.compose(question, "zh", hits, registry, selector=stingy)
    note = {n.id: n for n in registry.notes}[comp.primary_note]
    assert note.id.startswith("settle-")
    lead = grounded.deciding_provision(note, hits)
    assert [(b.law_id, b.article) for b in comp.basis] == [lead]


def test_weights_fitted_to_another_embedder_are_flagged_at_start_up(tmp_path, capsys):
    from assistant.service import AssistantService
    from assistant.settings import Settings

    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["trained_on"]["embedder"] = "bge-m3@elsewhere"
    other = tmp_path / "w.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    service = AssistantService.create(Settings(selector_weights=other), progress=False)
    assert "trained with bge-m3@elsewhere" in capsys.readouterr().err
    assert service.chain.selector.model.trained_on["embedder"] == "bge-m3@elsewhere"


def test_a_retrained_model_saved_for_a_deployment_loads_back_and_is_current(fitted_on_this_corpus, tmp_path):
    """What `train-selector` writes (a fitted model, saved where the deployment points) is read back as the same
    decisions; a file recorded against another corpus build is stale. The CLI round trip itself is slow."""
    model, examples = fitted_on_this_corpus
    assert model.trained_on["examples"] == len(examples) > 100
    model.save(tmp_path / "selector.json")
    again = SelectorModel.load(tmp_path / "selector.json")
    assert is_current(again, model, examples)[0]
    stale = SelectorModel(again.features, again.coefficients, again.intercept, again.threshold,
                          {**again.trained_on, "corpus_build": "0000"})
    assert not is_current(stale, model, examples)[0]


@pytest.mark.parametrize("content", [None, "[]"])
def test_train_selector_check_names_a_missing_or_broken_file_before_training(tmp_path, monkeypatch, content):
    from typer.testing import CliRunner

    from assistant.cli import app

    target = tmp_path / "selector.json"
    if content is not None:
        target.write_text(content, encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_SELECTOR_WEIGHTS", str(target))
    result = CliRunner().invoke(app, ["train-selector", "--check"])
    assert result.exit_code == 2 and f"cannot check {target}" in result.output
    assert "questions" not in result.output      # it stopped before fitting anything


@pytest.mark.slow
def test_train_selector_writes_where_the_deployment_points_and_checks_it(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from assistant.cli import app

    target = tmp_path / "selector.json"
    monkeypatch.setenv("ASSISTANT_SELECTOR_WEIGHTS", str(target))
    runner = CliRunner()
    result = runner.invoke(app, ["train-selector"])
    assert result.exit_code == 0, result.output
    assert SelectorModel.load(target).trained_on["examples"] > 100
    assert runner.invoke(app, ["train-selector", "--check"]).exit_code == 0
    stale = json.loads(target.read_text(encoding="utf-8"))
    stale["trained_on"]["corpus_build"] = "0000"
    target.write_text(json.dumps(stale), encoding="utf-8")
    checked = runner.invoke(app, ["train-selector", "--check"])
    assert checked.exit_code == 1 and "stale" in checked.output
