"""The answer chain (langchain LCEL): condense → route (scope, named provisions, navigator) → retrieve →
compose → guard → respond. Every answer passes the citation guard before anyone sees it."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from langchain_core.runnables import RunnableLambda

from assistant.answer import grounded
from assistant.answer.navigator.render import CLOSING_CAVEAT
from assistant.answer.condense import CondenseModel
from assistant.answer.condense import condense as condense_turns
from assistant.text.language import detect_lang
from assistant.answer.llm import LLMComposer, LLMUnavailable
from assistant.answer.prompts import load_prompt, prompt_versions
from assistant.answer.release import LINE_LEAD, GuardedRelease, vet
from assistant.answer.split import Split, split_questions, with_facts
from assistant.answer.stance import Judgement, Statement, claim_for_check, find_statement, judge, without_citations
from assistant.answer.statement_detect import StatementDetector
from assistant.answer.stance_english import ENGLISH_NOTES, deciding_note, english_note_check
from assistant.answer.stance_model import (MAX_CANDIDATES, CandidateCheck, StanceModel, check_candidate, deciding_check,
                                           statement_features)
from assistant.answer.scope import OUT_OF_SCOPE, STRONG_IN_SCOPE, ScopeDecision, classify_scope
from assistant.answer.scope_model import ScopeModel
from assistant.answer.selector import ProvisionSelector
from assistant.text.numerals import to_chinese
from assistant.corpus.refs import find_provision_refs
from assistant.corpus.registry import LawRegistry
from assistant.corpus.topics import evidence_topics, named_topics
from assistant.index.bm25 import tokenize
from assistant.models import DRAFT_STATUSES, Answer, AnswerCitation, Hit, Source
from assistant.rerank import Reranker, rerank_notes
from assistant.retrieve import _ASKS_CURRENT, HybridRetriever, QueryError, clean_query, fuse_rankings

# (a turn opening with a pronoun, '他付了一半…', 'He paid 60%…', is about someone the conversation introduced)
FOLLOW_UP = re.compile(r"^(那|那么|如果|要是|假如|还有|另外|再|它|该|这种|这个|那个|此时|他|她|what about|and if|and what|what if|how about|"
                       r"and the|in that case|then|(he|she|they|it)\b)|^.{0,12}(呢|吗)[？?]?$", re.I)
_PROVISION_MENTION = re.compile(r"第[零〇一二两三四五六七八九十百千0-9]+条|Article\s*\d+|Art\.\s*\d+", re.I)
_DISCLAIMER = re.compile(r"\n*> (?:以上为法律信息，不构成法律意见。|This is legal information, not legal advice\.)\s*$")
_SENTENCE_END = re.compile(r"(?<=[。！？；\n])|(?<=[.!?;]\s)")


@dataclass
class Turn:
    """The state that flows through the chain."""

    question: str
    history: list[dict]
    started: float = field(default_factory=time.perf_counter)
    lang: str = "zh"
    standalone: str = ""
    hits: list[Hit] = field(default_factory=list)
    rerank_scores: dict[str, float] = field(default_factory=dict)  # candidate key → reranker score
    named: list[tuple[str, int]] = field(default_factory=list)
    renumbered: bool = False  # named holds what old numbers the question gave have become
    missing_in: list[str] = field(default_factory=list)  # laws whose named article does not exist (past the end)
    preface: list[str] = field(default_factory=list)  # renumbering and draft notices shown before the answer
    text: str = ""
    composer: str = "grounded"
    abstained: bool = False
    abstain_reason: str | None = None
    follow_ups: tuple[str, ...] = ()
    notices: list[str] = field(default_factory=list)
    highlights: dict = field(default_factory=dict)
    citations: tuple[AnswerCitation, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    done: bool = False  # answered before retrieval (scope, refusal, navigator)
    split: Split | None = None  # several questions in one message, each answered in turn
    whole: bool = False  # a part of a split question: never split again
    asked: str = ""  # a part of a case: what it asks without the facts (searched beside the facts + question)
    statement: Statement | None = None  # the claim it asks to have judged, once read (statement_read)
    statement_read: bool = False

    def lap(self, name: str, t0: float) -> None:
        self.timings[name] = round((time.perf_counter() - t0) * 1000, 2)


class AnswerChain:
    def __init__(self, registry: LawRegistry, retriever: HybridRetriever, *, llm: LLMComposer | None = None,
                 navigator=None, guard=None, k: int = 8, history_turns: int = 6, max_question_chars: int = 4000,
                 today: date | None = None, selector: ProvisionSelector | None = None,
                 condenser: CondenseModel | None = None, reranker: Reranker | None = None,
                 stance_model: StanceModel | None = None, scope_model: ScopeModel | None = None,
                 statement_detector: StatementDetector | None = None):
        self.registry = registry
        self.selector = selector
        self.condenser = condenser
        self.reranker = reranker
        self.stance_model = stance_model
        self.statement_detector = statement_detector
        self.scope_model = scope_model
        self.retriever = retriever
        self.llm = llm
        self.navigator = navigator
        self.guard = guard
        self.k = k
        self.history_turns = history_turns
        self.max_question_chars = max_question_chars
        self.today = today
        self.refusals = load_prompt("refusal").sections()
        self.chain = (RunnableLambda(self.condense) | RunnableLambda(self.route) | RunnableLambda(self.retrieve)
                      | RunnableLambda(self.compose) | RunnableLambda(self.check) | RunnableLambda(self.respond))

    # ----- public --------------------------------------------------------------------------------
    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        return self.chain.invoke(Turn(question=question, history=list(history or [])))

    def stream(self, question: str, history: list[dict] | None = None) -> Iterator[dict]:
        """Deltas then the final, guarded answer; the deltas put together are the final text.

        An LLM draft is shown sentence by sentence as it arrives, each sentence only after the guard has passed it
        (``GuardedRelease``: repaired or removed, never shown unchecked). Should the whole text decide a verdict
        differently from its sentences, a ``reset`` discards what was shown and the final text follows."""
        turn = Turn(question=question, history=list(history or []))
        turn = self.retrieve(self.route(self.condense(turn)))
        shown = ""
        if not turn.done and not turn.abstained and self.llm is not None and turn.hits and not _weak(turn.hits):
            gate = GuardedRelease(self.guard) if self.guard is not None else None
            try:
                for piece in self.llm.stream(turn.standalone, turn.lang, turn.hits):
                    released = gate.feed(piece) if gate is not None else piece
                    if released:
                        shown += released
                        yield {"type": "delta", "text": released}
                if gate is not None:
                    released = gate.close()
                    shown += released
                    if released:
                        yield {"type": "delta", "text": released}
                    turn.notices.extend(gate.notices(turn.lang))
                turn.text, turn.composer = shown, self.llm.name
                turn.done = True
            except LLMUnavailable as exc:
                turn.notices.append(self._llm_failed_notice(turn.lang, exc))
                shown = ""
                yield {"type": "reset"}
        answer = self.respond(self.check(self.compose(turn), retry=False))
        if not answer.text.startswith(shown):
            shown = ""
            yield {"type": "reset"}
        for piece in _chunks(answer.text[len(shown):]):
            yield {"type": "delta", "text": piece}
        yield {"type": "final", "answer": answer}

    # ----- stages --------------------------------------------------------------------------------
    def condense(self, turn: Turn) -> Turn:
        t0 = time.perf_counter()
        question = turn.question if isinstance(turn.question, str) else ""
        turn.lang = detect_lang(question)
        history = [h for h in turn.history if isinstance(h, dict) and isinstance(h.get("content"), str)]
        history = history[-2 * self.history_turns:]
        turn.history = history
        turn.standalone = question.strip()
        users = [h["content"] for h in history if h.get("role") == "user"]
        if users and question.strip():
            if self.llm is not None:
                try:
                    turn.standalone = self.llm.condense(history, question)
                except LLMUnavailable as exc:
                    turn.notices.append(self._llm_failed_notice(turn.lang, exc))
                    turn.standalone = self._rule_condense(users, question)
            else:
                turn.standalone = self._rule_condense(users, question)
        turn.lap("condense", t0)
        return turn

    def route(self, turn: Turn) -> Turn:
        t0 = time.perf_counter()
        q = turn.question if isinstance(turn.question, str) else ""
        en = turn.lang == "en"
        if not q.strip():
            return self._refuse(turn, "refused", self.refusals["empty.en" if en else "empty.zh"], t0)
        if len(q) > self.max_question_chars:
            msg = self.refusals["too_long.en" if en else "too_long.zh"].format(length=len(q), limit=self.max_question_chars)
            return self._refuse(turn, "refused", msg, t0)
        try:
            clean_query(turn.standalone, self.max_question_chars)
        except QueryError:
            return self._refuse(turn, "refused", self.refusals["empty.en" if en else "empty.zh"], t0)
        if not turn.history and _dangling(q):
            return self._refuse(turn, "needs_context", self.refusals["needs_context.en" if en else "needs_context.zh"], t0)
        scope = self._scope(turn.standalone)
        if not scope.in_scope:
            key = "out_of_scope.en" if en else "out_of_scope.zh"
            return self._refuse(turn, "out_of_scope", self.refusals[key].format(topic_hint=scope.hint_en if en else scope.hint_zh), t0)
        # provisions the question names: nonexistent ones are said to be so, never quoted
        missing = []
        asks_current = bool(_ASKS_CURRENT.search(turn.standalone))
        refs = named_provisions(turn.standalone, self.registry)
        for ref in refs:
            law = self.registry.law(ref.law_id)
            current = law.current
            exists_somewhere = any(self.registry.article(ref.law_id, ref.article, v.version)
                                   for v in self.registry.versions(ref.law_id))
            if not exists_somewhere:
                count = self.registry.article_count(ref.law_id) if current else 0
                key = "nonexistent.en" if en else "nonexistent.zh"
                missing.append(self.refusals[key].format(law=law.title_en if en else f"《{law.title}》",
                                                         article=ref.article, count=count))
                turn.missing_in.append(ref.law_id)
                continue
            if current is None:
                continue
            if ref.year is not None:
                version = self.registry.version_for_year(ref.law_id, ref.year)
                if version is not None and version.version != current.version:
                    now = self.registry.map_article(ref.law_id, ref.article, version.version)
                    turn.preface.append(_renumbered(law, ref.year, ref.article, now, current, en))
                    if now:
                        turn.named.append((ref.law_id, now))
                        turn.renumbered = True
                    continue
            if not asks_current and (old := _old_reading_that_fits(ref, turn.standalone, self.registry)):
                # the enforcement period asked about by its 2021 number: today that number is another article
                v, now = old
                turn.preface.append(_renumbered(law, v.year, ref.article, now, current, en))
                turn.named.append((ref.law_id, now))
                turn.renumbered = True
                continue
            if self.registry.article(ref.law_id, ref.article) and not asks_current:
                turn.named.append((ref.law_id, ref.article))
            if asks_current:
                # the user says the number is old but not from which revision: show how the two most recent
                # superseded revisions read it (older texts are too far back to be what people quote)
                superseded = [v for v in law.versions if v.articles and v.status == "superseded"]
                readings, quoting = _reading_of_quoting_provision(ref, refs, self.registry)
                if quoting is None and _fits_today(ref, turn.standalone, self.registry):
                    # '执行回转现在规定在第N条': 现在 names the text in force, and today's article is the one the
                    # question describes (it fits at least as well as any older article of that number)
                    turn.named.append((ref.law_id, ref.article))
                    continue
                if quoting is not None and quoting not in turn.named:
                    turn.named.append(quoting)  # the provision that quotes the old number is part of the answer
                for v in reversed(superseded if not readings else []):
                    if not self.registry.article(ref.law_id, ref.article, v.version):
                        continue
                    now = self.registry.map_article(ref.law_id, ref.article, v.version)
                    if now and now != ref.article and (ref.law_id, now) not in turn.named \
                            and now not in [n for _, n in readings]:
                        readings.append((v, now))
                for v, now in _readings_on_topic(readings, ref, turn.standalone, self.registry):
                    turn.preface.append(_renumbered(law, v.year, ref.article, now, current, en))
                    turn.named.append((ref.law_id, now))
                    turn.renumbered = True
        for alias, law_id in self.registry.alias_names:
            law = self.registry.law(law_id)
            if law.status in DRAFT_STATUSES and alias in turn.standalone:
                turn.preface.append(self.refusals["draft.en" if en else "draft.zh"].format(
                    law=law.title_en if en else f"《{law.title}》"))
                break
        if missing:
            # say so first; then answer what else the question asks, if it asks anything of substance
            rest = _PROVISION_MENTION.sub("", turn.standalone)
            if not STRONG_IN_SCOPE.search(rest):
                return self._refuse(turn, "unsupported", "\n".join(missing), t0)
            turn.preface[:0] = missing
        split = split_questions(turn.standalone) if not turn.whole and not turn.history else None
        if split is not None and not split.facts and self._statement(turn) is not None:
            split = None  # '需要特别授权吗？我理解是必须有，没错吧？' asks one thing: whether the belief is right
        if split is not None and split.facts:
            # a case with numbered sub-questions: each part is routed and answered on its own (compose)
            turn.split = split
            turn.lap("route", t0)
            return turn
        if self.navigator is not None and self._statement(turn) is None:
            # a statement to judge is the grounded composer's: it checks the statement against the provisions
            nav = self.navigator(turn.standalone, today=self.today or date.today(), lang=turn.lang)
            if nav is not None:
                turn.text = "\n".join(turn.preface + [nav.text]) if turn.preface else nav.text
                turn.follow_ups = tuple(x for x in [getattr(nav, "follow_up", None),
                                                    getattr(nav, "every_path_question", None)] if x)
                turn.composer = "navigator"
                turn.done = True
        if split is not None and not turn.done:
            # questions in a row that the navigator does not answer as one fact pattern: one answer for each
            turn.split = split
        turn.lap("route", t0)
        return turn

    def retrieve(self, turn: Turn) -> Turn:
        if turn.abstained or turn.split is not None:
            return turn
        t0 = time.perf_counter()
        result = self.retriever.search(turn.standalone, k=self.k)
        turn.hits = result.hits
        if turn.asked and turn.asked != turn.standalone:
            # a case's facts outweigh its short question in one search (dates pull in the period notes, names of
            # parties the notes on parties): what the part asks is searched alone too, and both rankings fused
            with contextlib.suppress(QueryError):
                turn.hits = fuse_rankings([result.hits, self.retriever.search(turn.asked, k=self.k).hits], self.k)
        for name, ms in result.timings_ms.items():
            turn.timings[f"retrieve.{name}"] = round(ms, 2)
        turn.lap("retrieve", t0)
        if self.reranker is not None and turn.hits:
            # the conclusion comes from the first note: the trained reranker decides which one that is
            t1 = time.perf_counter()
            turn.hits, turn.rerank_scores = rerank_notes(turn.standalone, turn.hits, self.reranker)
            turn.lap("rerank", t1)
        return turn

    def compose(self, turn: Turn) -> Turn:
        if turn.done and turn.composer == "navigator" and not turn.abstained:
            self._add_note_rule(turn)
        if turn.done or turn.abstained:
            return turn
        t0 = time.perf_counter()
        if turn.split is not None:
            self._compose_parts(turn)
            turn.lap("compose", t0)
            return turn
        if not turn.hits or _weak(turn.hits):
            turn.abstained, turn.abstain_reason = True, "unsupported"
            turn.text = self._nearest(turn)
            turn.lap("compose", t0)
            return turn
        if self.llm is not None and self._llm_failed_notice(turn.lang) not in turn.notices:  # failed once: not again
            try:
                turn.text = self.llm.compose(turn.standalone, turn.lang, turn.hits)
                turn.composer = self.llm.name
            except LLMUnavailable as exc:
                turn.notices.append(self._llm_failed_notice(turn.lang, exc))
        if turn.composer == "grounded":
            statement = self._statement(turn)
            stance_of = None
            if statement is not None:
                def stance_of(candidates, statement=statement, lang=turn.lang):
                    return self.judge_statement(statement, lang, candidates)[0]
            comp = grounded.compose(turn.standalone, turn.lang, turn.hits, self.registry, named=turn.named,
                                    preface=turn.preface, renumbered=turn.renumbered, selector=self.selector,
                                    named_laws=turn.missing_in, stance_of=stance_of)
            turn.text, turn.follow_ups, turn.highlights = comp.text, comp.follow_ups, comp.highlights
        turn.lap("compose", t0)
        return turn

    def _scope(self, question: str) -> ScopeDecision:
        """In or out of scope: the word rules, overruled by the learned scope model when one is shipped (it reads the
        question's meaning, with the rules' verdicts among its features). Looking up a case stays the rules'."""
        scope = classify_scope(question)
        if self.scope_model is None or scope.topic == "case_status" or find_provision_refs(question, self.registry):
            # a question naming a provision of a text in the corpus is ours to check, whatever else it asks
            return scope
        try:
            clean, _ = clean_query(question, self.max_question_chars)
            vector = self.retriever.query_vector(clean)
        except QueryError:
            return scope
        if vector is None:
            return scope
        if self.scope_model.declines(question, vector, scope):
            if scope.in_scope:
                topic = next(((t, zh, en) for t, pattern, zh, en in OUT_OF_SCOPE if pattern.search(question)), None)
                return ScopeDecision(False, topic[0], topic[1], topic[2]) if topic else ScopeDecision(False, "unrelated")
            return scope
        return scope if scope.in_scope else ScopeDecision(True, None)

    def statement_in(self, question: str) -> Statement | None:
        """The claim a message asks to have judged, or None: the learned detector decides whether there is one."""
        return find_statement(question, self.statement_detector)

    def _statement(self, turn: Turn) -> Statement | None:
        """statement_in for the turn's standalone question, read once however many stages ask. A part of a case is
        read on its own words: the case's facts are a narrative ('乙公司…未支付'), not a claim the user asks to have
        judged, and read with them every sub-question looked like one."""
        if not turn.statement_read:
            turn.statement, turn.statement_read = self.statement_in(turn.asked or turn.standalone), True
        return turn.statement

    def judge_statement(self, statement: Statement, lang: str, candidates: list[tuple[str, int]]
                        ) -> tuple[Judgement, list[float]]:
        """Judge a user's statement (yes, no, partly, or no stance) against the provisions it is about, and the
        features the stance model reads (computed with or without a model, for training). The provisions found by retrieval on the statement
        alone come first, then `candidates` (what the answer rests on)."""
        found, notes, english_notes = [], [], []
        with contextlib.suppress(QueryError):
            for h in self.retriever.search(statement.claim, k=self.k).hits:
                if h.kind == "note" and len(notes) < 2:
                    notes.append(h.text)
                note = self.registry.note(h.note_id) if h.kind == "note" and h.note_id else None
                if note is not None and len(english_notes) < ENGLISH_NOTES:
                    english_notes.append((note, h.signals.get("dense", 0.0)))
                if h.kind == "note" and h.cites:
                    # the provision of the note's question nearest the statement, then the note's leading one
                    label = note.ask_provision(h.matched_ask) if note is not None and h.matched_ask is not None else None
                    if label is not None:
                        found.append((label.law_id, label.article))
                    found.append((h.cites[0].law_id, h.cites[0].article))
                elif h.kind == "article" and h.law_id and h.article:
                    found.append((h.law_id, h.article))
        # what the statement itself cites: an old number or a text no longer in force is part of the verdict, and
        # the provision it now is comes first
        cited = ()
        if self.guard is not None:
            try:
                cited = self.guard(statement.claim).citations
            except Exception:  # noqa: BLE001 — the stance never fails an answer; the guard checks it again
                cited = ()
        for c in cited:
            if c.verdict == "outdated_numbering" and c.current_article and c.law_id:
                found.insert(0, (c.law_id, c.current_article))
            elif c.verdict == "unsupported" and c.supported_by:
                found.insert(0, c.supported_by[:2])
        superseded = any(c.verdict in ("outdated_numbering", "not_in_force") for c in cited)
        plain = without_citations(statement.claim, [(c.start, c.end) for c in cited])
        claim = claim_for_check(plain, lang)
        ordered = list(dict.fromkeys([*found, *candidates]))
        judgement = judge(claim, ordered, self.registry)
        checks = [c for c in (check_candidate(claim, law_id, number, self.registry)
                              for law_id, number in ordered[:MAX_CANDIDATES]) if c is not None]
        verdicts = [("draft" if c.law_id and self.registry.laws.get(c.law_id) is not None
                     and self.registry.law(c.law_id).status in DRAFT_STATUSES else c.verdict) for c in cited]
        english = english_note_check(plain, english_notes) if lang == "en" else None
        x = statement_features(claim, lang, checks, verdicts, judgement.truth, notes, english)
        if self.stance_model is None:
            if superseded and judgement.truth == "true":
                judgement = dataclasses.replace(judgement, truth="partly", reason="cited_old")
            return judgement, x
        truth, _ = self.stance_model.decide(x)
        if truth is None:
            return Judgement(None, reason="not sure"), x
        # an English statement is judged by the note it was read against: the provision shown is the one the note
        # rests on, and the reason the English check that found the statement opposite
        from_note = self._note_provision(claim, plain, english_notes, checks) if english is not None else None
        if truth == judgement.truth and judgement.law_id and from_note is None:
            decided = judgement  # the clear-cut rule agrees: its sentence and reason stand
        else:
            best = from_note or deciding_check(truth, checks)
            if truth != "false":
                reason = "supported" if truth == "true" else "partly"
            elif from_note is not None:
                reason = ("number" if english["en_durations_conflict"] else
                          "polarity" if english["en_modal_conflict_close"] else "differs")
            else:
                reason = ("polarity" if best and (best.polarity or best.modal_conflict) else
                          "number" if best and best.number_conflict else "differs")
            decided = Judgement(truth, best.law_id if best else None, best.article if best else None,
                                best.sentence if best else "", reason, best.fit if best else 0.0)
        if superseded and truth in ("true", "partly"):
            decided = dataclasses.replace(decided, reason="cited_old")
        return decided, x

    def _note_provision(self, claim: str, plain: str, notes: list, checks: list) -> CandidateCheck | None:
        """The first provision in force that the note deciding an English statement cites, checked like the
        candidates (the check already made when it is one of them)."""
        decided = deciding_note(plain, notes)
        for cite in decided[0].cites if decided else ():
            found = next((c for c in checks if (c.law_id, c.article) == (cite.law_id, cite.article)), None)
            found = found or check_candidate(claim, cite.law_id, cite.article, self.registry)
            if found is not None:
                return found
        return None

    def check(self, turn: Turn, *, retry: bool = True) -> Turn:
        """Every composer's text through the guarded release: outdated numbers are rewritten to the current ones,
        sentences with citations that cannot be verified are removed, each with a notice. An LLM draft that would
        lose sentences is first regenerated once with the guard's findings (``retry``; a stream cannot, its
        sentences are already on screen)."""
        t0 = time.perf_counter()
        if self.guard is None or not turn.text:
            turn.lap("guard", t0)
            return turn
        report = self.guard(turn.text)
        if not report.ok:
            gate = vet(turn.text, self.guard)
            if gate.removed and retry and turn.composer.startswith("llm") and self.llm is not None:
                findings = "\n".join(f"- {c.text}: {c.verdict} — {c.message}" for c in report.citations if c.verdict != "valid")
                try:
                    second = vet(self.llm.compose(turn.standalone, turn.lang, turn.hits, findings=findings), self.guard)
                    if not second.removed:
                        gate = second
                except LLMUnavailable as exc:
                    turn.notices.append(self._llm_failed_notice(turn.lang, exc))
            turn.text = gate.shown
            report = self.guard(turn.text)
            if not report.ok:  # a verdict that only the whole text decides (a later sentence about an earlier one)
                turn.text, removed = _strip_bad_sentences(turn.text, report)
                gate.removed += removed
                gate.removed_verdicts.update(c.verdict for c in report.citations if c.verdict != "valid")
                report = self.guard(turn.text)
            turn.notices.extend(gate.notices(turn.lang))
        # a bare mention of a law (no article) that checks out is not a citation chip
        turn.citations = tuple(_to_answer_citation(c) for c in report.citations
                               if c.citation.article is not None or c.verdict != "valid")
        turn.lap("guard", t0)
        return turn

    def respond(self, turn: Turn) -> Answer:
        turn.timings["total"] = round((time.perf_counter() - turn.started) * 1000, 2)
        text = turn.text
        if turn.notices:
            text = text + "\n\n" + "\n".join(f"> {n}" for n in turn.notices if n not in text)
        return Answer(id=uuid.uuid4().hex[:16], question=turn.question if isinstance(turn.question, str) else "",
                      standalone_question=turn.standalone, text=text, lang=turn.lang,  # type: ignore[arg-type]
                      citations=turn.citations, sources=tuple(self._sources(turn)), abstained=turn.abstained,
                      abstain_reason=turn.abstain_reason, composer=turn.composer,
                      prompt_version=prompt_versions("system", "answer", "condense", "refusal"),
                      follow_ups=turn.follow_ups, notices=tuple(turn.notices), timings_ms=turn.timings)

    # ----- helpers -------------------------------------------------------------------------------
    def _add_note_rule(self, turn: Turn) -> None:
        """A navigator answer reads the facts into remedies or a date; the note retrieval ranks first states the rule
        the question may turn on in words of its own (what was paid is deducted, a suit after resumption is not
        accepted). It follows the navigator's answer, named as the note's, so a fact the navigator did not read
        still meets its rule."""
        top = next((h for h in turn.hits if h.kind == "note"), None)
        note = self.registry.notes_by_id.get(top.note_id) if top is not None else None
        if note is None or note.kind != "law":
            return
        en = turn.lang == "en"
        rule = grounded.conclusion_with_laws_named(note, self.registry, en)
        if not en:
            rule = grounded.with_deciding_rule(note, turn.hits, self.registry, rule)
        if not rule or rule[:40] in turn.text:
            return
        added = (f"**The rule that may also apply** ({note.title_en}): {rule}" if en
                 else f"**可能同样适用的规则**（{note.title}）：{rule}")
        if en and note.points_en:
            # an English user gets the note's practical points with its rule, as in a grounded English answer
            added += "\n" + "\n".join(f"- {p}" for p in note.points_en[:grounded.PRACTICAL_POINTS])
        lines = turn.text.rstrip().split("\n")
        # before the navigator's closing caveat (current numbering, a first assessment, not legal advice)
        at = len(lines) - 1 if lines and lines[-1] in CLOSING_CAVEAT.values() else len(lines)
        turn.text = ("\n".join(lines[:at]).rstrip() + f"\n\n{added}\n\n" + "\n".join(lines[at:])).rstrip()

    def _compose_parts(self, turn: Turn) -> None:
        """Each part of a split question, with the case facts, in order; the answer names the facts it used."""
        split = turn.split
        en = turn.lang == "en"
        sections = []
        if split.facts:
            facts = split.facts if len(split.facts) <= 120 else split.facts[:120] + "……"
            sections.append(f"Each answer below uses the facts you gave: {facts}" if en else f"以下各问均结合你给出的案情作答：{facts}")
        follow: list[str] = []
        for part in split.parts:
            sub = Turn(question=with_facts(split, part), history=[], whole=True, asked=part.text if split.facts else "")
            sub.lang, sub.standalone = turn.lang, sub.question
            sub = self.compose(self.retrieve(self.route(sub)))
            body = _DISCLAIMER.sub("", sub.text).strip()
            sections.append(f"**{part.number}. {part.text}**\n\n{body}")
            turn.hits.extend(h for h in sub.hits if h not in turn.hits)
            for k, v in sub.highlights.items():
                turn.highlights.setdefault(k, v)
            follow.extend(f for f in sub.follow_ups if f not in follow)
            turn.preface.extend(p for p in sub.preface if p not in turn.preface)
        sections.append("> This is legal information, not legal advice." if en else "> 以上为法律信息，不构成法律意见。")
        turn.text = "\n\n".join(sections)
        turn.follow_ups = tuple(follow[:3])
        turn.composer = "grounded"

    def _rule_condense(self, users: list[str], question: str) -> str:
        if self.condenser is not None:
            return condense_turns(users, question, self.condenser, CONTEXT_TURNS)
        return _rule_condense(users, question)

    def _refuse(self, turn: Turn, reason: str, message: str, t0: float) -> Turn:
        turn.abstained, turn.abstain_reason, turn.text, turn.done = True, reason, message, True
        turn.lap("route", t0)
        return turn

    def _nearest(self, turn: Turn) -> str:
        en = turn.lang == "en"
        lines = [self.refusals["unsupported.en" if en else "unsupported.zh"]]
        for h in [h for h in turn.hits if h.kind == "article"][:3]:
            law = self.registry.law(h.law_id)
            lines.append(f"- Article {h.article} of the {law.title_en}" if en else f"- 《{law.title}》第{to_chinese(h.article)}条")
        return "\n".join(lines)

    def _llm_failed_notice(self, lang: str, exc: Exception | None = None) -> str:
        return ("The language model endpoint failed; this answer comes from the grounded composer." if lang == "en"
                else "大模型服务不可用，本回答由离线的基于资料的组合器生成。")

    def _sources(self, turn: Turn) -> list[Source]:
        out = []
        cited = {(c.law_id, c.current_article or c.article) for c in turn.citations}
        for h in turn.hits:
            if h.kind == "article":
                law = self.registry.law(h.law_id)
                out.append(Source(doc_id=h.doc_id, kind="article", title=f"《{law.title}》第{h.article}条", text=h.text,
                                  law_id=h.law_id, article=h.article, version=h.version, status=h.status,
                                  highlights=turn.highlights.get(h.doc_id, ())))
            else:
                note = self.registry.notes_by_id[h.note_id]
                out.append(Source(doc_id=h.doc_id, kind="note", title=note.title_en if turn.lang == "en" else note.title,
                                  text=note.body, note_id=note.id, status=h.status))
        # cited provisions not among the hits still get a source entry, so every chip opens a text
        have = {(s.law_id, s.article) for s in out if s.kind == "article"}
        for law_id, number in cited:
            if law_id and number and (law_id, number) not in have and self.registry.article(law_id, number):
                law = self.registry.law(law_id)
                art = self.registry.article(law_id, number)
                out.append(Source(doc_id=f"art:{law_id}@{law.current.version}#{number}", kind="article",
                                  title=f"《{law.title}》第{number}条", text=art.text, law_id=law_id, article=number,
                                  version=law.current.version, status="in_force",
                                  highlights=turn.highlights.get(f"art:{law_id}@{law.current.version}#{number}", ())))
        return out


def _renumbered(law, year: int, number: int, now: int | None, current, en: bool) -> str:
    """A sentence the guard can verify: the old number is year-qualified, the new one names the law."""
    if en:
        if now:
            return (f"Article {number} of the {year} {law.title_en} is now Article {now} of the text in force "
                    f"(since {current.effective.isoformat()}).")
        return f"Article {number} of the {year} {law.title_en} has no counterpart in the text in force."
    if now:
        return (f"【条文序号】{year}年《{law.short_name}》第{number}条，对应现行《{law.short_name}》第{now}条"
                f"（{current.effective.year}年{current.effective.month}月{current.effective.day}日起施行的文本）。")
    return f"【条文序号】{year}年《{law.short_name}》第{number}条在现行文本中没有对应条文。"


CONTEXT_TURNS = 2  # facts are often spread over the last two turns ('仲裁裁决已经被执行完了' / '后来被撤销了')


def _reading_of_quoting_provision(ref, refs: list, registry: LawRegistry) -> tuple[list, tuple[str, int] | None]:
    """An old number the question quotes from another named provision (a 民事诉讼法 number as an article of
    执行和解规定 cites it) is read in the revision that provision cites, which the corpus records for it.
    Returns that reading and the quoting provision."""
    for other in refs:
        if other.law_id == ref.law_id or (article := registry.article(other.law_id, other.article)) is None:
            continue
        for x in article.cross_refs:
            if x.law_id == ref.law_id and x.cited_article == ref.article and x.cited_version and x.current_article \
                    and x.current_article != ref.article:
                version = registry.get_version(ref.law_id, x.cited_version)
                if version is not None:
                    return [(version, x.current_article)], (other.law_id, other.article)
    return [], None


# A question is read for at most this many distinct provisions it names, the first ones (the questions of
# eval/questions.jsonl name at most two): each costs a comparison of the question with its article in every
# revision, so without a cap a pasted list of provisions would cost its length squared.
MAX_NAMED_PROVISIONS = 10


def named_provisions(question: str, registry: LawRegistry) -> list:
    """The provisions a question names, each once, in order, at most MAX_NAMED_PROVISIONS."""
    return list(dict.fromkeys(find_provision_refs(question, registry)))[:MAX_NAMED_PROVISIONS]


@functools.lru_cache(maxsize=256)
def _terms(text: str) -> frozenset[str]:
    """tokenize(text) as a set, remembered: the question is compared with each provision it names, and the same
    article texts come up again and again."""
    return frozenset(tokenize(text))


def _asked_terms(ref, question: str, registry: LawRegistry) -> set[str]:
    """What the question says about a provision it names: its words less the law's names and the numbers."""
    law = registry.law(ref.law_id)
    names = [alias for alias, law_id in registry.alias_names if law_id == ref.law_id]
    naming = _terms(" ".join([law.title, *names])) | {"现在", "现行", "如今", "目前", "规定"}
    return {t for t in _terms(question) if len(t) >= 2 and t not in naming
            and not re.search(r"[0-9]|第|条|哪", t) and not re.fullmatch(r"[零〇一二两三四五六七八九十百千]+", t)}


# how much better an old revision's article must fit the question than today's article before a number given
# without a year is read as old: one shared word (执行) is common to almost every enforcement article, so it
# takes two words, or a topic the question names (执行回转) that the old article shows and today's does not
OLD_READING_MARGIN = 2
TOPIC_FIT = 2


def _fit(asked: set[str], topics: frozenset[str], text: str) -> int:
    return len(asked & _terms(text)) + TOPIC_FIT * len(topics & evidence_topics(text))


def _fit_by_revision(ref, question: str, registry: LawRegistry):
    """How well what the question says about a number it names fits today's article of that number, and the article
    of that number in each superseded revision (newest first): (today's fit, [(revision, article, fit)]), or None
    when the law has no text in force or no article of that number today."""
    law = registry.law(ref.law_id)
    today = registry.article(ref.law_id, ref.article)
    if law.current is None or today is None:
        return None
    asked, topics = _asked_terms(ref, question, registry), named_topics(question)
    older = []
    for v in reversed([v for v in law.versions if v.articles and v.status == "superseded"]):
        article = registry.article(ref.law_id, ref.article, v.version)
        if article is not None:
            older.append((v, article, _fit(asked, topics, article.text)))
    return _fit(asked, topics, today.text), older


def _old_reading_that_fits(ref, question: str, registry: LawRegistry):
    """(revision, current number) when a number given without a year plainly means an old revision's article
    (the enforcement period or 执行回转 asked about by a superseded number): that article fits what the question says
    about it by at least OLD_READING_MARGIN more than today's article does."""
    fits = _fit_by_revision(ref, question, registry)
    if fits is None:
        return None
    today_fit, older = fits
    best = None
    for v, _, fit in older:
        now = registry.map_article(ref.law_id, ref.article, v.version)
        if not now or now == ref.article:
            continue
        if fit - today_fit >= OLD_READING_MARGIN and (best is None or fit > best[0]):
            best = (fit, v, now)
    return (best[1], best[2]) if best else None


def _fits_today(ref, question: str, registry: LawRegistry) -> bool:
    """Does the question describe today's article of the number it names (its words or topics are in it), at least
    as well as the article of that number in any superseded revision?"""
    fits = _fit_by_revision(ref, question, registry)
    return fits is not None and fits[0] > 0 and all(fit <= fits[0] for _, _, fit in fits[1])


def _readings_on_topic(readings: list, ref, question: str, registry: LawRegistry, recent: int = 2) -> list:
    """Of the revisions an old number may come from (newest first), those whose article says most of what the
    question says about it (a number said to be about 执行和解 → the revision where that number is 执行和解; one
    said to set a one-year period for individuals → 1991); when the question says nothing about the article, the
    two most recent (older texts are rarely what people quote)."""
    if len(readings) < 2:
        return readings
    asked = _asked_terms(ref, question, registry)
    overlap = [_fit(asked, frozenset(), registry.article(ref.law_id, ref.article, v.version).text) for v, _ in readings]
    best = max(overlap)
    if best == 0 or min(overlap) == best:  # nothing said about the article, or nothing that tells them apart
        return readings[:recent]
    return [r for r, n in zip(readings, overlap) if n == best]


def _rule_condense(previous_user_turns: list[str], question: str) -> str:
    """Without an LLM: a follow-up ('那如果已经履行完毕了呢？') is read together with the turns before it.

    A question is a follow-up when it says so (那/如果/what about …), is short, is not about enforcement on its
    own, or names no enforcement institution: '我能直接让法院把钱退给我吗' depends on what came before."""
    q = question.strip()
    if FOLLOW_UP.search(q) or len(q) <= 15 or not classify_scope(q).in_scope or not STRONG_IN_SCOPE.search(q):
        return " ".join([*previous_user_turns[-CONTEXT_TURNS:], q])
    return q


# a first turn worded as a follow-up ('那如果对方只付了一半呢？', 'What if he only paid half?') names no situation of
# its own: answering it means guessing what came before
_CONTINUES = re.compile(r"^(那|那么)(如果|要是|假如|这样)?|^(what|how) about\b|^and (if|what|the)\b|^in that case\b|^then\b", re.I)
_SUPPOSES = re.compile(r"^(what if|如果|要是|假如)", re.I)
_BARE_PRONOUN = re.compile(r"\b(he|she|they|it|him|her|them)\b|他|她|它", re.I)


def _dangling(question: str) -> bool:
    q = question.strip()
    if STRONG_IN_SCOPE.search(q) or named_topics(q) & {"settlement", "reversal", "objection", "time_limit"}:
        return False
    return bool(_CONTINUES.search(q) or (_SUPPOSES.search(q) and _BARE_PRONOUN.search(q)))


def _weak(hits: list[Hit]) -> bool:
    """No lexical or exact support at all: dense similarity alone always returns something."""
    return not any(("bm25" in h.signals or "exact" in h.signals) for h in hits[:5])


def _chunks(text: str, size: int = 24) -> Iterator[str]:
    for i in range(0, len(text), size):
        yield text[i : i + size]


def _strip_bad_sentences(text: str, report) -> tuple[str, int]:
    """Remove the sentences holding a citation that is not valid. A line keeps its bullet or label when what
    follows the removed sentence still stands ('**结论**：<removed>；现行有效的仍是…'); a line left with nothing
    but layout goes."""
    bad_spans = [(c.start, c.end) for c in report.citations if c.verdict != "valid"]
    if not bad_spans:
        return text, 0
    out, pos, removed = [], 0, 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        lead = LINE_LEAD.match(line).group(0)
        kept, at, dropped = [], line_start, False
        for piece in (p for p in _SENTENCE_END.split(line) if p):
            start, end = at, at + len(piece)
            at = end
            if any(s < end and e > start for s, e in bad_spans):
                removed += 1
                dropped = True
                continue
            kept.append(piece)
        if not dropped:
            out.append(line)
            continue
        rest = "".join(kept)
        if not rest.strip() or rest.strip() == lead.strip():
            continue    # nothing but layout is left
        lead_stands = not any(line_start <= s < line_start + len(lead) for s, _ in bad_spans)
        if lead and lead_stands and not rest.startswith(lead):
            rest = lead + rest.lstrip()
        out.append(rest)
    return "\n".join(out), removed


def _to_answer_citation(c: Any) -> AnswerCitation:
    return AnswerCitation(surface=c.text, span=(c.start, c.end), law_id=c.law_id, law_title=c.law_title,
                          article=c.citation.article, paragraph=c.citation.paragraph, item=c.citation.item,
                          verdict=c.verdict, message=c.message, current_article=c.current_article)
