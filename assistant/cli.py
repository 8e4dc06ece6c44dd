"""Command-line interface: `assistant --help` is the documentation."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from assistant.settings import Settings

app = typer.Typer(help="Assistant for Chinese civil enforcement law: corpus, index, search, citation guard, answers.",
                  no_args_is_help=True, add_completion=False)
corpus_app = typer.Typer(help="Inspect and validate the corpus (statutes, commentary, concordance).", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")


def _registry(settings: Settings | None = None, **kw):
    from assistant.corpus.registry import LawRegistry

    settings = settings or Settings()
    return LawRegistry.load(settings.corpus_dir, **kw)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@corpus_app.command("stats")
def corpus_stats(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Laws, versions, statuses and article counts."""
    reg = _registry()
    rows = []
    for law in reg.laws.values():
        for v in law.versions:
            rows.append({"law_id": law.law_id, "short_name": v.short_name, "title": v.title, "version": v.version,
                         "status": v.status, "articles": len(v.articles), "doc_number": v.doc_number})
    if as_json:
        typer.echo(json.dumps({"versions": rows, "notes": len(reg.notes)}, ensure_ascii=False, indent=1))
        return
    typer.echo(f"{'law':<30} {'version':<11} {'status':<11} {'articles':>8}  title")
    for r in rows:
        typer.echo(f"{r['law_id']:<30} {r['version']:<11} {r['status']:<11} {r['articles']:>8}  {r['title']}")
    typer.echo(f"\n{len(reg.laws)} laws, {len(rows)} versions, "
               f"{sum(r['articles'] for r in rows)} articles, {len(reg.notes)} commentary notes")


@corpus_app.command("show")
def corpus_show(
    law: str = typer.Argument(..., help="Any name of the law: 民诉法, 民事诉讼法, 执行和解规定, 法释〔2018〕3号 …"),
    article: str = typer.Argument(..., help="Article number: 244, 二百四十四, 第二百四十四条."),
    version: Optional[str] = typer.Option(None, "--version", help="A year (2017) or version date (2017-07-01); default current."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Print an article with its history across revisions."""
    from assistant.text.numerals import parse_numeral, to_chinese

    reg = _registry(with_notes=False)
    law_id = reg.resolve_alias(law)
    if law_id is None:
        _fail(f"unknown law {law!r}; try `assistant corpus stats` for the list")
    try:
        number = parse_numeral(article.removeprefix("第").removesuffix("条"))
    except ValueError:
        _fail(f"not an article number: {article!r}")
    lv = reg.get_version(law_id, None)
    if version:
        lv = reg.get_version(law_id, version) or (reg.version_for_year(law_id, int(version)) if version.isdigit() else None)
        if lv is None:
            _fail(f"{reg.law(law_id).short_name} has no version {version!r}; versions: "
                  + ", ".join(v.version for v in reg.versions(law_id)))
    if lv is None:
        lv = reg.law(law_id).latest
    art = reg.article(law_id, number, lv.version)
    if art is None and lv.termination is not None:
        t = lv.termination
        _fail(f"{lv.short_name} is a draft whose review {t.by} terminated in {t.year} ({t.source}); it is not law "
              f"and the corpus holds none of its text")
    if art is None:
        _fail(f"{lv.short_name} ({lv.version}) has no article {number}; it has {len(lv.articles)} articles")
    current = reg.law(law_id).current
    now = reg.map_article(law_id, number, lv.version) if current and lv.version != current.version else number
    history = reg.history(law_id, number, lv.version)
    if as_json:
        typer.echo(json.dumps({
            "law_id": law_id, "title": lv.title, "version": lv.version, "status": lv.status, "article": number,
            "text": art.text, "current_article": now,
            "cross_refs": [{"surface": c.surface, "law_id": c.law_id, "cited_article": c.cited_article,
                            "cited_version": c.cited_version, "current_article": c.current_article} for c in art.cross_refs],
            "history": [{"version": v.version, "status": v.status, "article": a.number if a else None} for v, a in history],
        }, ensure_ascii=False, indent=1))
        return
    typer.echo(f"《{lv.title}》第{to_chinese(number)}条（第{number}条）  [{lv.version}, {lv.status}]")
    if art.path:
        typer.echo("  " + " / ".join(art.path))
    typer.echo("")
    typer.echo(art.text)
    for c in art.cross_refs:
        if c.current_article and c.current_article != c.cited_article:
            typer.echo(f"\n注：本条所称「{c.surface}」按 {c.cited_version} 文本编号，现行文本为第{c.current_article}条。")
    if current and lv.version != current.version:
        if now:
            typer.echo(f"\n此为 {lv.version} 文本（{lv.status}）的条文序号；现行文本（{current.version}）为第{now}条。"
                       f"\nThis is the numbering of the {lv.version} text; it is now article {now} of the text in force since {current.version}.")
        else:
            typer.echo(f"\n此条在现行文本（{current.version}）中没有对应条文。")
    typer.echo("\n沿革 / history:")
    for v, a in history:
        mark = "→" if v.version == lv.version else " "
        typer.echo(f" {mark} {v.version} [{v.status}]: " + (f"第{a.number}条" if a else "无对应条文"))


@corpus_app.command("build")
def corpus_build() -> None:
    """Validate every statute, note and rule file (corpus/rules/: every provision named is in force), the word
    classes of corpus/wording/ and corpus/guard/ and the currency manifest; regenerate corpus/concordance/ from the
    texts."""
    from assistant.corpus.claim_words import CLAIM_WORDS_FILE, parse_claim_words
    from assistant.corpus.currency import check_against, load_manifest
    from assistant.corpus.parse import CorpusError
    from assistant.answer.navigator.engine import build_rule_set
    from assistant.answer.navigator.facts import settlement_fact_values
    from assistant.corpus.scope_words import SCOPE_WORDS_FILE, parse_scope_words
    from assistant.corpus.rules import (DEADLINES_FILE, NAVIGATOR_FILE, NAVIGATOR_TEXT_FILE, check_navigator_rules,
                                        check_rules, parse_deadline_rules, parse_navigator_rules)
    from assistant.corpus.wording import (DATE_ROLES_FILE, ENGLISH_CLAIMS_FILE, FACT_CUES_FILE, PROVISOS_FILE,
                                          check_event_starts, check_fact_values, parse_date_cues,
                                          parse_english_claim_words, parse_fact_cues, parse_proviso_words)

    settings = Settings()
    try:
        reg = _registry(settings, write_concordance=True)
        manifest = load_manifest(settings.corpus_dir)
        rules = parse_deadline_rules(settings.corpus_dir / DEADLINES_FILE)
        navigator = parse_navigator_rules(settings.corpus_dir / NAVIGATOR_FILE,
                                          settings.corpus_dir / NAVIGATOR_TEXT_FILE)
        build_rule_set(navigator)    # every fact and value the rules name is one the navigator reads
        provisos = parse_proviso_words(settings.corpus_dir / PROVISOS_FILE)
        date_cues = parse_date_cues(settings.corpus_dir / DATE_ROLES_FILE)
        fact_cues = parse_fact_cues(settings.corpus_dir / FACT_CUES_FILE)
        claim_words = parse_claim_words(settings.corpus_dir / CLAIM_WORDS_FILE)
        english_words = parse_english_claim_words(settings.corpus_dir / ENGLISH_CLAIMS_FILE)
        scope_words = parse_scope_words(settings.corpus_dir / SCOPE_WORDS_FILE)
    except CorpusError as exc:
        _fail(str(exc), 1)
    problems = check_against(manifest, reg)
    if problems:
        _fail("corpus/manifest.yaml disagrees with corpus/statutes/:\n  " + "\n  ".join(problems), 1)
    problems = check_rules(rules, reg)
    if problems:
        _fail(f"{settings.corpus_dir / DEADLINES_FILE}: " + "; ".join(problems), 1)
    problems = check_navigator_rules(navigator, reg)
    if problems:
        _fail(f"{settings.corpus_dir / NAVIGATOR_FILE}: " + "; ".join(problems), 1)
    problems = check_event_starts(date_cues, {e.id for e in rules.events})
    if problems:
        _fail(f"{settings.corpus_dir / DATE_ROLES_FILE}: " + "; ".join(problems), 1)
    problems = check_fact_values(fact_cues, settlement_fact_values())
    if problems:
        _fail(f"{settings.corpus_dir / FACT_CUES_FILE}: " + "; ".join(problems), 1)
    typer.echo(f"ok: {len(reg.laws)} laws, {sum(len(v.articles) for l in reg.laws.values() for v in l.versions)} articles, "
               f"{len(reg.notes)} notes, {len(rules.events)} deadline events, "
               f"{sum(len(p.rules) for p in navigator.procedures.values())} navigator rules, "
               f"{len(provisos.opens) + len(provisos.closes)} proviso words, {len(date_cues.roles)} date roles, "
               f"{sum(len(w) for _, vs in fact_cues.facts for _, w in vs)} fact cue words, "
               f"{claim_words.size} guard claim words, {sum(len(w) for _, w in english_words.modals)} English modal words, "
               f"{scope_words.size} scope entries ({len(scope_words.out_of_scope)} other fields), "
               f"{len(reg.outside)} instruments outside the "
               f"corpus ({', '.join(sorted({i.status for i in reg.outside.values()}))}); manifest: {len(manifest.held)} "
               f"versions held, {len(manifest.named)} named elsewhere (reviewed {manifest.reviewed}); concordance written for "
               f"{', '.join(sorted(reg._concordance))}")


def _service(build_index: bool = True, progress: bool = True, settings: Settings | None = None):
    from assistant.service import AssistantService

    return AssistantService.create(settings or Settings(), progress=progress, build_index=build_index)


def _read_lines(path: str) -> list[tuple[int, str]]:
    fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with fh:
        return [(i, ln.rstrip("\n")) for i, ln in enumerate(fh, 1) if ln.strip()]


@app.command("index")
def index_cmd(rebuild: bool = typer.Option(False, "--rebuild", help="Drop and rebuild the collection."),
              write_seed_cache: bool = typer.Option(False, "--write-seed-cache",
                                                    help="Also write corpus/embedding-cache/ for the default corpus "
                                                         "(maintainers: commit it after changing notes or statutes).")) -> None:
    """Build the vector index (idempotent; embeddings come from the cache when texts are unchanged)."""
    from assistant.corpus.registry import LawRegistry
    from assistant.index.store import IndexError_, load_store
    from assistant.service import make_settings_embedder

    settings = Settings()
    registry = LawRegistry.load(settings.corpus_dir)
    store = load_store(settings, registry, make_settings_embedder(settings))
    try:  # the full check: every stored vector against the manifest's checksum
        report = store.ensure(settings, rebuild=rebuild, full=True, progress=True)
    except IndexError_ as exc:
        _fail(str(exc), 1)
    if write_seed_cache:
        from assistant.index.cache import EmbeddingCache, model_slug
        from assistant.index.store import SEED_CACHE_DIR

        cache = EmbeddingCache.for_model(store.embedder.model_id, settings.data_dir, SEED_CACHE_DIR)
        keep = {cache.key(d.text) for d in store.docs}
        if not all(cache.has(k) for k in keep):
            _fail("the embedding cache lacks some corpus texts; run `assistant index --rebuild` first", 1)
        path = cache.save(SEED_CACHE_DIR / (model_slug(store.embedder.model_id) + ".npz"), keep=keep)
        typer.echo(f"seed cache written: {path} ({len(keep)} vectors)")
    state = ("rebuilt (" + "; ".join(report.problems) + ")" if report.rebuilt and report.problems else
             "built" if report.rebuilt else "verified, up to date")
    typer.echo(f"{report.collection}: {state}; {report.documents} documents, {report.embedded} embedded, "
               f"{report.from_cache} from cache, {report.seconds:.1f}s")


@app.command("train-selector")
def train_selector_cmd(out: Optional[Path] = typer.Option(None, "--out", help="Weights file; default "
                                                           "ASSISTANT_SELECTOR_WEIGHTS, else the shipped one."),
                       check: bool = typer.Option(False, "--check", help="Retrain and compare with the weights file; "
                                                  "write nothing, exit 1 when they differ.")) -> None:
    """Fit the provision selector on the commentary's own questions (maintainers: after changing notes)."""
    from assistant.answer.selector import WEIGHTS_PATH, SelectorModel, is_current, train_for

    from assistant.service import AssistantService

    settings = Settings()
    path = out or settings.selector_weights or WEIGHTS_PATH
    shipped = None
    if check:   # a missing or broken file is said before the training, not after it
        try:
            shipped = SelectorModel.load(path)
        except (OSError, ValueError) as exc:
            _fail(f"cannot check {path}: {exc}", 2)
    # the selector being trained plays no part in the retrieval it learns from
    service = AssistantService.create(settings.model_copy(update={"provision_selector": False}), progress=True)
    model, examples = train_for(service.retriever, service.registry, service.settings.retrieval_k)
    info = model.trained_on
    typer.echo(f"{info['examples']} questions, {info['rows']} candidates ({info['positives']} cited); threshold "
               f"{model.threshold}: training precision {info['training_precision']}, recall {info['training_recall']}")
    if shipped is not None:
        current, why = is_current(shipped, model, examples)
        if not current:
            _fail(f"{path} is stale ({why}); run `assistant train-selector`", 1)
        typer.echo(f"{path}: up to date ({why})")
        return
    model.save(path)
    typer.echo(f"wrote {path}")


BANK_DIR = Path(__file__).resolve().parent.parent / "eval" / "bank"


@app.command("train-reranker")
def train_reranker_cmd(
    kind: str = typer.Option("ranker", "--kind", help="ranker: the learned note ranker (shipped); bi-encoder: "
                             "fine-tune e5-small's upper layers (slow on a CPU; measured, not shipped by default)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the weights and their card; default the "
                                       "shipped assistant/rerank_weights/."),
    seed: int = typer.Option(13, "--seed"),
    c: float = typer.Option(1.0, "--c", help="Inverse regularisation of the note ranker."),
    epochs: int = typer.Option(1, "--epochs", min=1, max=20, help="bi-encoder only."),
    top_layers: int = typer.Option(2, "--top-layers", min=1, max=12, help="bi-encoder only: layers fine-tuned."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Train on N sampled questions (a smoke run)."),
) -> None:
    """Train the reranker on the question bank's train split (eval/bank/train*.jsonl) plus the notes' own
    questions; score the dev split (eval/bank/dev*.jsonl, another author) before and after; write the weights."""
    import random

    from assistant import rerank
    from assistant.service import AssistantService

    settings = Settings()
    service = AssistantService.create(settings.model_copy(update={"reranker": False}), progress=True)
    registry = service.registry
    train_q = rerank.load_bank(sorted(BANK_DIR.glob("train*.jsonl")), registry) + rerank.notes_own_questions(registry)
    dev_q = rerank.load_bank(sorted(BANK_DIR.glob("dev*.jsonl")), registry)
    if limit:
        train_q = random.Random(seed).sample(train_q, min(limit, len(train_q)))
    typer.echo(f"train {len(train_q)} questions, dev {len(dev_q)}")
    hits_cache: dict[str, list] = {}

    def search(q, k):
        if q not in hits_cache:
            hits_cache[q] = service.retriever.search(q, k=20).hits
        return hits_cache[q][:k]

    folder = out or rerank.WEIGHTS_DIR
    files = {"train_files": [p.name for p in sorted(BANK_DIR.glob("train*.jsonl"))] + ["notes' own questions"],
             "dev_files": [p.name for p in sorted(BANK_DIR.glob("dev*.jsonl"))]}
    if kind == "ranker":
        model = rerank.train_note_ranker(registry, service.retriever.embedder, search, train_q, seed=seed, c=c)
        dev = rerank.evaluate_ranker(model, dev_q, search)
        model.card.update(files, dev=dev, embedder=service.retriever.embedder.model_id)
        model.save(folder)
        typer.echo(f"dev: retrieval top-1 {dev['retrieval_top1']} → ranked {dev['ranked_top1']} "
                   f"(a right note in the top 8: {dev['oracle_top8']}); wrote {folder / rerank.RANKER_FILE}")
        return
    if kind != "bi-encoder":
        _fail(f"unknown --kind {kind!r} (ranker or bi-encoder)")
    from assistant.index.embedders import e5_model_dir

    base = e5_model_dir(settings.data_dir)
    model = rerank.train(registry, search, base, train_q, seed=seed, epochs=epochs, top_layers=top_layers)
    before, after = rerank.evaluate(None, dev_q, search), rerank.evaluate(model, dev_q, search)
    card = {**model.card, **files, "train_questions": len(train_q), "dev_before": before, "dev_after": after}
    rerank.save_delta(model.model, model.prefixes, folder, card)
    # what the shipped (float16) weights score for fixed pairs: a test checks that loading reproduces them
    shipped = rerank.Reranker.load(registry, base, folder)
    card["reference_scores"] = rerank.reference_scores(shipped)
    rerank.save_delta(model.model, model.prefixes, folder, card)
    typer.echo(f"dev: retrieval top-1 {before['retrieval_top1']} → reranked {after['reranked_top1']} "
               f"(oracle in top 8: {after['oracle_top8']}); wrote {folder}")


@app.command("train-condenser")
def train_condenser_cmd(out: Optional[Path] = typer.Option(None, "--out", help="Weights file; default the shipped "
                                                           "assistant/answer/condense_weights.json."),
                        seed: int = typer.Option(0, "--seed")) -> None:
    """Fit the follow-up decision on the bank's turn pairs (eval/bank/turns_*.jsonl), one fold per author."""
    from assistant.answer.condense import WEIGHTS_PATH, load_pairs, train

    folds = {f.stem: load_pairs(f) for f in sorted(BANK_DIR.glob("turns_*.jsonl"))}
    if not folds:
        _fail(f"no turn pairs under {BANK_DIR} (turns_*.jsonl)")
    model, report = train(folds, seed=seed)
    path = out or WEIGHTS_PATH
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    typer.echo(f"{report['pairs']} pairs: held-out accuracy by author {report['held_out_accuracy']} (pooled "
               f"{report['held_out_pooled']}), training {report['training_accuracy']}, threshold {report['threshold']}; "
               f"wrote {path}")


@app.command("train-stance")
def train_stance_cmd(out: Optional[Path] = typer.Option(None, "--out", help="Weights file; default the shipped "
                                                       "assistant/answer/stance_weights.json."),
                     min_precision: float = typer.Option(0.85, "--min-precision", min=0.5, max=1.0,
                                                         help="Stances taken on held-out authors must be right this "
                                                              "often; the threshold follows."),
                     seed: int = typer.Option(0, "--seed")) -> None:
    """Fit the stance model on the bank's statement questions (eval/bank/statements_*.jsonl), one fold per author."""
    from assistant.answer.stance_model import WEIGHTS_PATH, load_statements, statement_rows, train

    files = sorted(BANK_DIR.glob("statements_*.jsonl"))
    if not files:
        _fail(f"no statement questions under {BANK_DIR} (statements_*.jsonl)")
    service = _service(progress=True, settings=Settings(stance_model=False))
    folds = {f.stem: statement_rows(service.chain, load_statements(f), f.stem) for f in files}
    model, report = train(folds, seed=seed, min_precision=min_precision)
    path = out or WEIGHTS_PATH
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    typer.echo(", ".join(f"{k} {v}" for k, v in report.items()) + f"; wrote {path}")


@app.command("train-statement-detector")
def train_statement_detector_cmd(
        out: Optional[Path] = typer.Option(None, "--out", help="Weights file; default the shipped "
                                           "assistant/answer/statement_detect_weights.json."),
        max_false_statements: float = typer.Option(0.02, "--max-false-statements", min=0.0, max=0.5,
                                                   help="Share of held-out open questions the threshold may take for "
                                                        "claims."),
        c: float = typer.Option(4.0, "--c", help="Inverse regularisation."),
        hold_out: list[str] = typer.Option([], "--hold-out", help="Authors only measured, never trained on."),
        seed: int = typer.Option(0, "--seed")) -> None:
    """Fit the statement detector on the bank: statements_*.jsonl against the other questions, and
    statement_detect_*.jsonl; one fold per author."""
    from assistant.answer.statement_detect import WEIGHTS_PATH, load_examples, train

    folds = load_examples(BANK_DIR, _registry())
    if not any(e.is_statement for es in folds.values() for e in es):
        _fail(f"no statement questions under {BANK_DIR} (statements_*.jsonl)")
    model, report = train(folds, seed=seed, c=c, max_false_statements=max_false_statements, hold_out_only=hold_out)
    path = out or WEIGHTS_PATH
    path.write_text(json.dumps(model.to_json(card=report), ensure_ascii=False) + "\n", encoding="utf-8")
    typer.echo(json.dumps(report, ensure_ascii=False) + f"; wrote {path}")


@app.command("train-date-roles")
def train_date_roles_cmd(out: Optional[Path] = typer.Option(None, "--out", help="Weights file; default the shipped "
                                                          "assistant/answer/date_roles_weights.json."),
                         min_precision: float = typer.Option(0.9, "--min-precision", min=0.5, max=1.0,
                                                             help="Roles the tagger is sure of must be right this "
                                                                  "often on held-out authors; the threshold follows."),
                         seed: int = typer.Option(0, "--seed")) -> None:
    """Fit the date-role tagger on the labelled dates of eval/bank/date_roles_*.jsonl, one fold per author."""
    from assistant.answer.date_roles import WEIGHTS_PATH, load_labelled, train
    from assistant.corpus.parse import CorpusError
    from assistant.corpus.wording import DATE_ROLES_FILE, parse_date_cues

    settings = Settings()
    files = sorted(BANK_DIR.glob("date_roles_*.jsonl"))
    if not files:
        _fail(f"no labelled dates under {BANK_DIR} (date_roles_*.jsonl)")
    try:
        cues = parse_date_cues(settings.corpus_dir / DATE_ROLES_FILE)
        folds = {f.stem.split("_")[-1]: load_labelled(f, cues) for f in files}
    except (CorpusError, ValueError) as exc:
        _fail(str(exc))
    model, card = train(folds, cues, seed=seed, min_precision=min_precision)
    path = out or WEIGHTS_PATH
    path.write_text(json.dumps(model.to_json(card=card), ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    held = "; ".join(f"{k}: accuracy {v['accuracy']}, sure {v['sure_share']} of dates, right {v['sure_accuracy']} "
                     f"when sure" for k, v in card["held_out"].items())
    typer.echo(f"{card['dates']} dates, threshold {card['threshold']}; held out — {held}; wrote {path} "
               f"({len(model.weights)} features)")


@app.command("train-fact-reader")
def train_fact_reader_cmd(out: Optional[Path] = typer.Option(None, "--out", help="Weights file; default the shipped "
                                                           "assistant/answer/navigator/fact_reader_weights.json."),
                          sure_precision: float = typer.Option(0.85, "--sure-precision", min=0.5, max=1.0,
                                                               help="Values read as stated must be right this often "
                                                                    "on held-out authors."),
                          seed: int = typer.Option(0, "--seed")) -> None:
    """Fit the settlement fact reader (performance, role, submission) on eval/bank/fact_labels_*.jsonl and
    fact_reading_*.jsonl, one fold per file; below each fact's floor (where, held out, reporting the fact missing is
    right more often than reading it) the navigator asks for the fact."""
    from assistant.answer.navigator.fact_model import AS_OF, WEIGHTS_PATH, fact_files, load_labelled, train
    from assistant.corpus.parse import CorpusError
    from assistant.corpus.wording import FACT_CUES_FILE, parse_fact_cues

    settings = Settings()
    files = fact_files(BANK_DIR)
    if not files:
        _fail(f"no labelled settlement facts under {BANK_DIR} (fact_labels_*.jsonl, fact_reading_*.jsonl)")
    try:
        cues = parse_fact_cues(settings.corpus_dir / FACT_CUES_FILE)
        folds = {f.stem.split("_")[-1]: load_labelled(f, cues, as_of=AS_OF) for f in files}
    except (CorpusError, ValueError) as exc:
        _fail(str(exc))
    model, card = train(folds, cues, seed=seed, sure_precision=sure_precision)
    path = out or WEIGHTS_PATH
    path.write_text(json.dumps(model.to_json(card=card), ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    held = "; ".join(f"{k}: " + ", ".join(f"{fact} {v['accuracy']} (macro-F1 {v['macro_f1']})" for fact, v in r.items())
                     for k, r in card["held_out"].items())
    typer.echo(f"{card['messages']} messages, bands {card['bands']}; held out — {held}; wrote {path} "
               f"({sum(len(c.weights) for c in model.classifiers.values())} weighted features)")


@app.command("train-scope")
def train_scope_cmd(out: Optional[Path] = typer.Option(None, "--out", help="Weights file; default the shipped "
                                                      "assistant/answer/scope_weights.json."),
                    max_false_declines: float = typer.Option(0.015, "--max-false-declines", min=0.0, max=0.5,
                                                             help="Share of held-out in-scope questions the threshold "
                                                                  "may decline."),
                    c: float = typer.Option(100.0, "--c", help="Inverse regularisation (the embedding's components "
                                                               "are small: weak regularisation fits them best)."),
                    seed: int = typer.Option(0, "--seed")) -> None:
    """Fit the scope decision on eval/bank/scope_*.jsonl, the bank's questions and the notes' own questions."""
    import contextlib

    from assistant.answer.scope import classify_scope
    from assistant.answer.scope_model import WEIGHTS_PATH, load_examples, train
    from assistant.retrieve import QueryError, clean_query

    service = _service(progress=True)
    folds = load_examples(BANK_DIR, service.registry)
    if not any(e.out_of_scope for es in folds.values() for e in es):
        _fail(f"no out-of-scope examples under {BANK_DIR} (scope_*.jsonl)")
    questions = sorted({e.question for es in folds.values() for e in es})
    embedder = service.retriever.embedder
    vectors = {}
    cleaned = {}
    for q in questions:  # embedded as the chain embeds a question: cleaned like a search query
        with contextlib.suppress(QueryError):
            cleaned[q] = clean_query(q, service.settings.max_question_chars)[0]
    pending = sorted(cleaned)
    for i in range(0, len(pending), 64):
        batch = pending[i:i + 64]
        for q, v in zip(batch, embedder.encode_queries([cleaned[b] for b in batch])):
            vectors[q] = [float(x) for x in v]
    folds = {name: [e for e in es if e.question in vectors] for name, es in folds.items()}
    model, report = train(folds, vectors, seed=seed, max_false_declines=max_false_declines, c=c)
    rules = [(not classify_scope(e.question).in_scope, e.out_of_scope) for es in folds.values() for e in es]
    report["word_rules"] = {
        "out_of_scope_declined": round(sum(d for d, o in rules if o) / max(1, sum(o for _, o in rules)), 3),
        "in_scope_declined": round(sum(d for d, o in rules if not o) / max(1, sum(not o for _, o in rules)), 3)}
    path = out or WEIGHTS_PATH
    path.write_text(json.dumps(model.to_json(card=report), ensure_ascii=False) + "\n", encoding="utf-8")
    typer.echo(json.dumps(report, ensure_ascii=False) + f"\nwrote {path}")


@app.command("search")
def search_cmd(
    question: Optional[str] = typer.Argument(None, help="The question or provision to search for."),
    k: int = typer.Option(10, "--k", min=1, max=100),
    batch: Optional[str] = typer.Option(None, "--batch", help="File with one question per line ('-' for stdin)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Hybrid search over statutes and commentary."""
    from assistant.retrieve import QueryError

    if (question is None) == (batch is None):
        _fail("give a QUESTION or --batch FILE")
    service = _service(progress=not as_json)
    queries = [q for _, q in _read_lines(batch)] if batch else [question]
    for q in queries:
        try:
            hits = service.search(q, k=k)
        except QueryError as exc:
            if batch:
                typer.echo(json.dumps({"query": q, "hits": [], "error": str(exc)}, ensure_ascii=False))
                continue
            _fail(str(exc))
        if as_json:
            typer.echo(json.dumps({"query": q, "hits": hits}, ensure_ascii=False))
        else:
            typer.echo(f"# {q}")
            for i, h in enumerate(hits, 1):
                head = f"{h['law']} 第{h['article']}条 [{h['version']}]" if h["kind"] == "article" else f"note {h['note_id']}"
                typer.echo(f"{i:>2}. {h['score']:.4f}  {head}\n    {h['text'][:120]}")


@app.command("ask")
def ask_cmd(
    question: Optional[str] = typer.Argument(None, help="Your question, in Chinese or English."),
    batch: Optional[str] = typer.Option(None, "--batch", help="JSONL/lines file: a question string or {id, question}."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Answer a question from the corpus; every cited provision is checked by the guard."""
    if (question is None) == (batch is None):
        _fail("give a QUESTION or --batch FILE")
    if question is not None and not question.strip():
        _fail("the question is empty")
    service = _service(progress=not as_json)
    items: list[tuple[str, list[str]]] = []
    if batch:
        for lineno, line in _read_lines(batch):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                obj = line
            except RecursionError:  # '[[[[…' thousands deep
                typer.echo(f"error: {batch}:{lineno}: JSON nested too deeply; skipped", err=True)
                continue
            if isinstance(obj, str):
                items.append((str(lineno), [obj]))
            elif isinstance(obj, dict) and isinstance(obj.get("question"), (str, list)) and obj["question"]:
                q = obj["question"]
                items.append((str(obj.get("id", lineno)), [q] if isinstance(q, str) else [str(t) for t in q]))
            else:
                typer.echo(f"error: {batch}:{lineno}: expected a string or {{id, question}}; skipped", err=True)
    else:
        items.append(("1", [question]))
    from assistant.retrieve import QueryError

    for qid, turns in items:
        history = [{"role": "user", "content": t} for t in turns[:-1]]
        try:
            answer = service.ask(turns[-1], history)
        except QueryError as exc:  # an empty or blank question
            if not batch:
                _fail(str(exc))
            typer.echo(f"error: {batch}:{qid}: {exc}; skipped", err=True)
            if as_json:
                typer.echo(json.dumps({"id": qid, "error": str(exc)}, ensure_ascii=False))
            continue
        if as_json:
            typer.echo(json.dumps({"id": qid, "answer": answer.text,
                                   "citations": [{"law": c.law_id, "article": c.current_article or c.article,
                                                  "verdict": c.verdict} for c in answer.citations],
                                   "abstained": answer.abstained}, ensure_ascii=False))
        else:
            typer.echo(answer.text)
            if answer.citations:
                typer.echo("\n" + "  ".join(f"[{c.verdict}] {c.surface}" for c in answer.citations))


def _register_feature_commands() -> None:
    from assistant.answer.navigator_cli import register as register_navigator
    from assistant.audit import register as register_audit
    from assistant.guard.cli import register as register_guard

    register_guard(app)
    register_navigator(app)
    register_audit(app)


_register_feature_commands()


def main() -> None:  # console script entry point
    app()


if __name__ == "__main__":
    main()
