"""AssistantService: the one entry point used by the CLI, the API and the UI (they all run the same code)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date

from assistant.corpus.registry import LawRegistry
from assistant.index.store import load_store
from assistant.models import Answer
from assistant.retrieve import HybridRetriever, clean_query
from assistant.settings import Settings


def make_settings_embedder(settings: Settings):
    from assistant.index.embedders import make_embedder

    return make_embedder(settings.embedder_backend, settings.embedder_model, settings.data_dir / "models")


class AssistantService:
    def __init__(self, settings: Settings, registry: LawRegistry, retriever: HybridRetriever, chain, guard):
        self.settings = settings
        self.registry = registry
        self.retriever = retriever
        self.chain = chain
        self._guard = guard

    @classmethod
    def create(cls, settings: Settings | None = None, *, progress: bool = True, build_index: bool = True,
               today: date | None = None, llm=None) -> "AssistantService":
        """Load the corpus, the embedder and the index (built on first run, with progress on stderr)."""
        settings = settings or Settings()
        say = (lambda m: print(m, file=sys.stderr, flush=True)) if progress else (lambda m: None)
        t0 = time.perf_counter()
        registry = LawRegistry.load(settings.corpus_dir)
        say(f"[assistant] corpus: {len(registry.laws)} laws, {len(registry.notes)} notes ({time.perf_counter() - t0:.1f}s)")
        embedder = make_settings_embedder(settings)
        store = load_store(settings, registry, embedder)
        # verified at every start (a damaged index is rebuilt from the cache, or refused when build_index is False)
        report = store.ensure(settings, build=build_index, progress=progress, say=lambda m: say(f"[assistant] {m}"))
        if report.rebuilt:
            say(f"[assistant] index {report.collection} built: {report.embedded} embedded, {report.from_cache} from "
                f"cache, {report.seconds:.1f}s")
        else:
            say(f"[assistant] index {report.collection} verified ({report.seconds:.1f}s)")
        retriever = HybridRetriever(registry, store, embedder, max_query_chars=settings.max_query_chars)
        from assistant.answer.chain import AnswerChain
        from assistant.answer.llm import LLMComposer, make_chat_model

        if llm is None:
            model = make_chat_model(settings)
            llm = LLMComposer(model, registry, settings.llm_model or "llm") if model is not None else None
        guard = _load_guard(registry)
        from assistant.answer.navigator import answer_from_question
        from assistant.answer.navigator.fact_model import shipped_fact_reader

        fact_reader = shipped_fact_reader() if settings.fact_reader else None

        def navigator(question, *, today, lang):
            return answer_from_question(question, today=today, lang=lang, registry=registry, fact_reader=fact_reader)

        selector = None
        if settings.provision_selector:
            from assistant.answer.selector import ProvisionSelector, SelectorModel

            model = SelectorModel.load(settings.selector_weights)
            trained_with = model.trained_on.get("embedder")
            if trained_with and trained_with != embedder.model_id:
                # still usable (its strongest signals are ranks, not raw scores), but fitted to other scores
                print(f"[assistant] warning: the provision selector was trained with {trained_with}, the index uses "
                      f"{embedder.model_id}; run `assistant train-selector` to refit it", file=sys.stderr, flush=True)
            selector = ProvisionSelector(registry, model)
        condenser = None
        if settings.condenser:
            from assistant.answer.condense import WEIGHTS_PATH, CondenseModel

            condenser = CondenseModel.load(WEIGHTS_PATH) if WEIGHTS_PATH.exists() else None
        reranker = None
        if settings.reranker:
            from assistant.rerank import DELTA_FILE, RANKER_FILE, WEIGHTS_DIR, NoteRanker, Reranker

            t1 = time.perf_counter()
            if (WEIGHTS_DIR / RANKER_FILE).exists():
                reranker = NoteRanker.load(registry, embedder)
            elif (WEIGHTS_DIR / DELTA_FILE).exists():
                from assistant.index.embedders import e5_model_dir

                reranker = Reranker.load(registry, e5_model_dir(settings.data_dir))
            if reranker is not None:
                say(f"[assistant] reranker loaded in {time.perf_counter() - t1:.1f}s")
        stance_model = None
        if settings.stance_model:
            from assistant.answer.stance_model import StanceModel

            stance_model = StanceModel.load()
        statement_detector = None
        if settings.statement_detector:
            from assistant.answer.statement_detect import StatementDetector

            statement_detector = StatementDetector.load()
        scope_model = None
        if settings.scope_model:
            from assistant.answer.scope_model import ScopeModel

            scope_model = ScopeModel.load()
        chain = AnswerChain(registry, retriever, llm=llm, navigator=navigator, guard=guard, k=settings.retrieval_k,
                            history_turns=settings.history_turns, max_question_chars=settings.max_question_chars,
                            today=today, selector=selector, condenser=condenser, reranker=reranker,
                            stance_model=stance_model, scope_model=scope_model,
                            statement_detector=statement_detector)
        say(f"[assistant] ready in {time.perf_counter() - t0:.1f}s")
        return cls(settings, registry, retriever, chain, guard)

    def index_problem(self) -> str | None:
        """None when a probe search finds the document it was made from (for /readyz), else what is wrong."""
        store = getattr(self.retriever, "store", None)
        return "no vector index" if store is None else store.probe()

    # ----- answering -----------------------------------------------------------------------------
    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        """Raises QueryError for a question with nothing in it (the API answers 400; the chain itself
        answers such input with a polite prompt)."""
        clean_query(question, self.settings.max_question_chars * 10)
        return self.chain.ask(question, history)

    def ask_stream(self, question: str, history: list[dict] | None = None) -> Iterator[dict]:
        clean_query(question, self.settings.max_question_chars * 10)
        return self.chain.stream(question, history)

    def check(self, text: str):
        return self._guard(text)

    # ----- search and lookup ---------------------------------------------------------------------
    def search(self, query: str, k: int = 10) -> list[dict]:
        return [hit_to_dict(h, self.registry) for h in self.retriever.search(query, k=k).hits]

    def article(self, law: str, article: int) -> dict | None:
        law_id = self.registry.resolve_alias(law)
        if law_id is None:
            return None
        current = self.registry.law(law_id).current or self.registry.law(law_id).latest
        art = self.registry.article(law_id, article, current.version)
        if art is None:
            return None
        return {"law_id": law_id, "title": current.title, "article": article, "text": art.text, "version": current.version,
                "status": current.status,
                "history": [{"version": v.version, "status": v.status, "article": a.number if a else None,
                             "text": a.text if a else None} for v, a in self.registry.history(law_id, article)]}

    def navigate(self, facts: dict) -> dict:
        """Facts → remedies open and closed (InputError, a ValueError, for bad or contradictory facts)."""
        from assistant.answer.navigator import navigate_request

        return navigate_request(facts)

    def deadline(self, event: str, event_date: str, **kw) -> dict:
        from assistant.answer.deadlines import deadline_request

        return deadline_request({"event": event, "date": event_date, **kw})


def hit_to_dict(hit, registry: LawRegistry) -> dict:
    if hit.kind == "note":
        return {"law": None, "article": None, "version": None, "kind": "note", "note_id": hit.note_id,
                "score": hit.score, "text": hit.text, "status": hit.status,
                "cites": [{"law": registry.law(c.law_id).title, "article": c.article} for c in hit.cites]}
    return {"law": hit.law_title, "law_id": hit.law_id, "article": hit.article, "version": hit.version, "kind": "article",
            "note_id": None, "score": hit.score, "text": hit.text, "status": hit.status, "cites": []}


def answer_to_dict(answer: Answer) -> dict:
    return asdict(answer)


def _load_guard(registry: LawRegistry):
    from assistant.guard import check

    return lambda text: check(text, registry)

