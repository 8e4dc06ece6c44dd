"""A learned stance: the guard's claim checks, run on a user's statement against each candidate provision, weighed
into true / false / partly, or no stance when the weights are not sure enough.

The rules in stance.py decide only when one check is clear-cut (a flipped 可以/不得, another period); most
statements people ask about are neither worded like the provision nor plainly opposite to it. Each check is kept
as a feature instead (how much of the statement the provision holds, polarity and concept conflicts, numbers the
provision does not have, absolute words it does not use, what the statement's own citations are), and a
multinomial logistic model fitted on statement questions written by two authors from the statute texts
(eval/bank/statements_*.jsonl, ``assistant train-stance``) weighs them. The model answers only above a
probability threshold chosen on held-out authors; below it the answer says that the provisions neither confirm
nor refute the statement.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from assistant.answer.stance_english import EN_FEATURES
from assistant.corpus.registry import LawRegistry
from assistant.corpus.wording import load_english_claim_words
from assistant.guard.claims import (STOP_GRAMS, absolute_words, article_numbers, claim_grams, claim_numbers,
                                    claim_topics, concept_conflict, containment, contradicts, exclusive_conflict,
                                    facts_cache, number_binding_conflict, polarity_conflict)
from assistant.guard.tokenize import bigrams

WEIGHTS_PATH = Path(__file__).with_name("stance_weights.json")
CLASSES = ("true", "false", "partly")
MAX_CANDIDATES = 6
CLOSE = 0.4  # a candidate holding less of the statement than this speaks of something else: its conflicts don't count

# the verdicts of the statement's own citations, as the guard gives them ('draft': a text never enacted, which
# the guard calls not_in_force; a statement of what it 'provides' is no statement of law)
OLD = ("outdated_numbering",)
GONE = ("not_in_force",)
BAD = ("unknown_law", "nonexistent_article", "unsupported")

# a statement that joins two rules (并且 / but also) is where 'partly' lives
_TWO_PARTS = re.compile(r"并且|而且|同时|另外|此外|但是|但|不过|；|;|\band\b.{6,}|\bbut\b|\balso\b", re.I)
_NEGATED = re.compile(r"不|没有|无|未|非|\bnot\b|\bno\b|n't\b|\bnever\b", re.I)

FEATURES = ("bias", "english", "log_length", "two_parts", "negated", "absolutes",
            "contain_top", "contain_max", "contain_gap",
            "polarity_top", "polarity_close", "contradiction_top", "contradiction_close", "concept_close",
            "exclusive_close", "number_conflict_close", "numbers_missing_top", "numbers_missing_all",
            "has_numbers", "durations_agree_close", "topics_missing_top", "absolutes_unbacked_top",
            "modal_agree_top", "modal_conflict_top", "claim_has_modal",
            "cited_old", "cited_gone", "cited_bad", "cited_valid", "rule_false", "rule_true",
            "note_contain", "note_polarity", "note_contradiction", "note_numbers_missing", "note_modal_conflict",
            "note_modal_agree", "cited_draft", "durations_conflict_top", "durations_conflict_close", *EN_FEATURES)


@dataclass(frozen=True)
class CandidateCheck:
    """What one provision says of the statement: how much of it it holds, and which checks find it opposite."""

    law_id: str
    article: int
    sentence: str
    fit: float  # share of the statement's word pairs in the best sentence (or pair of sentences)
    contain: float  # share of the statement's informative word pairs anywhere in the article
    polarity: bool
    contradiction: bool
    concept: bool
    exclusive: bool
    number_conflict: bool
    numbers_missing: bool
    durations_agree: bool
    durations_conflict: bool
    topics_missing: bool
    absolutes_unbacked: bool
    modal_agree: bool
    modal_conflict: bool

    @property
    def conflict(self) -> bool:
        return (self.polarity or self.contradiction or self.concept or self.exclusive or self.number_conflict
                or self.durations_conflict)


def check_candidate(claim: str, law_id: str, number: int, registry: LawRegistry) -> CandidateCheck | None:
    """The guard's claim checks of the statement against one provision in force, or None when it has no text."""
    from assistant.answer.stance import _best_sentence, _sentence_durations, durations, modal_class

    cache = facts_cache(registry)
    version = cache.current(law_id)
    facts = cache.get(law_id, version, number) if version else None
    if facts is None:
        return None
    sentence, fit = _best_sentence(claim, facts.text)
    nums = claim_numbers(claim)
    claimed, stated = durations(claim), _sentence_durations(facts.text)
    topics = claim_topics(claim)
    mine, theirs = modal_class(claim), modal_class(sentence)
    from assistant.answer.stance import _CONFLICTS

    return CandidateCheck(
        law_id=law_id, article=number, sentence=sentence, fit=fit,
        contain=containment(claim_grams(claim), facts),
        polarity=polarity_conflict(claim, [facts.text]) is not None,
        contradiction=contradicts(claim, facts.text) is not None,
        concept=concept_conflict(claim, facts.text) is not None,
        exclusive=exclusive_conflict(claim, facts.text) is not None,
        number_conflict=bool(nums) and number_binding_conflict(claim, nums, facts.text) is not None,
        numbers_missing=any(canon not in facts.ext_numbers for _, canon in nums),
        durations_agree=bool(claimed & stated),
        durations_conflict=bool(claimed) and bool(stated) and not claimed & stated,
        topics_missing=bool(topics) and not any(t in facts.ext_topics for t in topics),
        absolutes_unbacked=any(w not in facts.text for w in absolute_words(claim)),
        modal_agree=mine is not None and mine == theirs,
        modal_conflict=(mine, theirs) in _CONFLICTS,
    )


def note_check(claim: str, notes: Sequence[str]) -> dict[str, float]:
    """The same checks against the commentary notes retrieval found for the statement: notes say in plain words what
    the provisions decide, closer to how people put a statement than the statute's own wording."""
    from assistant.answer.stance import _CONFLICTS, _best_sentence, modal_class

    grams = claim_grams(claim) - STOP_GRAMS
    best = {"note_contain": 0.0, "note_polarity": 0.0, "note_contradiction": 0.0, "note_numbers_missing": 0.0,
            "note_modal_conflict": 0.0, "note_modal_agree": 0.0}
    nums = claim_numbers(claim)
    for text in notes:
        contain = len(grams & bigrams(text)) / len(grams) if grams else 0.0
        if contain <= best["note_contain"]:
            continue
        sentence, _ = _best_sentence(claim, text)
        mine, theirs = modal_class(claim), modal_class(sentence)
        best = {"note_contain": contain,
                "note_polarity": float(polarity_conflict(claim, [text]) is not None),
                "note_contradiction": float(contradicts(claim, sentence) is not None),
                "note_numbers_missing": float(any(canon not in article_numbers(text) for _, canon in nums)),
                "note_modal_conflict": float((mine, theirs) in _CONFLICTS),
                "note_modal_agree": float(mine is not None and mine == theirs)}
    return best


def statement_features(claim: str, lang: str, checks: Sequence[CandidateCheck], cited: Sequence[str],
                       rule_truth: str | None, notes: Sequence[str] = (),
                       english: dict[str, float] | None = None) -> list[float]:
    """The feature vector of a statement, its candidates' checks (best candidates first), the verdicts the guard
    gave the statement's own citations, what the clear-cut rules of stance.judge said (`rule_truth`), the
    checks against the notes retrieval found for it and, for an English statement, the checks against those notes'
    English conclusions (stance_english.english_note_check; 0 when absent)."""
    from assistant.answer.stance import modal_class

    top = checks[0] if checks else None
    close = [c for c in checks if c.contain >= CLOSE]
    contains = sorted((c.contain for c in checks), reverse=True)
    nums = claim_numbers(claim)
    f = {
        "bias": 1.0,
        "english": float(lang == "en"),
        "log_length": math.log1p(len(claim)) / 6,
        "two_parts": float(bool(_TWO_PARTS.search(claim))),
        "negated": float(bool(_NEGATED.search(claim))),
        "absolutes": float(bool(absolute_words(claim))),
        "contain_top": top.contain if top else 0.0,
        "contain_max": contains[0] if contains else 0.0,
        "contain_gap": (contains[0] - contains[1]) if len(contains) > 1 else (contains[0] if contains else 0.0),
        "polarity_top": float(bool(top and top.polarity)),
        "polarity_close": float(any(c.polarity for c in close)),
        "contradiction_top": float(bool(top and top.contradiction)),
        "contradiction_close": float(any(c.contradiction for c in close)),
        "concept_close": float(any(c.concept for c in close)),
        "exclusive_close": float(any(c.exclusive for c in close)),
        "number_conflict_close": float(any(c.number_conflict for c in close)),
        "numbers_missing_top": float(bool(top and top.numbers_missing)),
        "numbers_missing_all": float(bool(nums) and bool(checks) and all(c.numbers_missing for c in checks)),
        "has_numbers": float(bool(nums)),
        "durations_agree_close": float(any(c.durations_agree for c in close)),
        "topics_missing_top": float(bool(top and top.topics_missing)),
        "absolutes_unbacked_top": float(bool(top and top.absolutes_unbacked)),
        "modal_agree_top": float(bool(top and top.modal_agree)),
        "modal_conflict_top": float(bool(top and top.modal_conflict)),
        "claim_has_modal": float(modal_class(claim) is not None),
        "cited_old": float(any(v in OLD for v in cited)),
        "cited_gone": float(any(v in GONE for v in cited)),
        "cited_bad": float(any(v in BAD for v in cited)),
        "cited_valid": float(bool(cited) and all(v == "valid" for v in cited)),
        "rule_false": float(rule_truth == "false"),
        "rule_true": float(rule_truth == "true"),
        **note_check(claim, notes),
        "cited_draft": float("draft" in cited),
        "durations_conflict_top": float(bool(top and top.durations_conflict)),
        "durations_conflict_close": float(any(c.durations_conflict for c in close)),
        **{name: (english or {}).get(name, 0.0) for name in EN_FEATURES},
    }
    return [f[name] for name in FEATURES]


# The checks that read an English statement's modal through the glossary: claim_for_check gives the whole statement
# one Chinese modal word, whatever clause it belongs to, and the clear-cut rules of stance.judge rest on it. For an
# English statement the English checks against the note's English conclusion say this clause by clause, so the English
# weights do not read these.
GLOSSARY_MODAL_CHECKS = ("rule_true", "rule_false", "modal_agree_top", "modal_conflict_top", "note_modal_agree",
                         "note_modal_conflict", "note_polarity", "polarity_top", "polarity_close", "contradiction_top",
                         "contradiction_close", "note_contradiction")
_GLOSSARY_MODAL = [FEATURES.index(name) for name in GLOSSARY_MODAL_CHECKS]
_ENGLISH_ONLY = [FEATURES.index(name) for name in EN_FEATURES]
_ENGLISH = FEATURES.index("english")


def english_view(x: Sequence[float]) -> list[float]:
    """The features as the English weights read them: an English statement's glossary modal checks left out (0)."""
    out = list(x)
    if out[_ENGLISH] > 0.5:
        for i in _GLOSSARY_MODAL:
            out[i] = 0.0
    return out


@dataclass(frozen=True)
class StanceModel:
    """Multinomial logistic weights over FEATURES, one row per class, and the probability below which no stance is
    taken: `threshold_en` for English statements when set. An English claim is checked against Chinese provisions
    through the glossary, so the same probability is right less often; each language's bar is chosen on held-out
    authors to reach the same precision. `weights_en`, when set, weigh English statements: fitted with the English
    checks (EN_FEATURES), while `weights` are fitted without them, so what a Chinese statement gets does not move
    with the English evidence."""

    weights: tuple[tuple[float, ...], ...]
    threshold: float
    features: tuple[str, ...] = FEATURES
    classes: tuple[str, ...] = CLASSES
    threshold_en: float | None = None
    weights_en: tuple[tuple[float, ...], ...] | None = None

    def english(self, x: Sequence[float]) -> bool:
        return x[self.features.index("english")] > 0.5

    def probabilities(self, x: Sequence[float]) -> dict[str, float]:
        weights = self.weights
        if self.weights_en is not None and self.english(x):
            weights, x = self.weights_en, english_view(x)
        scores = [sum(w * v for w, v in zip(row, x)) for row in weights]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def decide(self, x: Sequence[float]) -> tuple[str | None, float]:
        """The class and its probability; None when it is below the threshold."""
        probs = self.probabilities(x)
        best = max(probs, key=probs.get)
        return (best if probs[best] >= self.bar(x) else None), probs[best]

    def bar(self, x: Sequence[float]) -> float:
        return self.threshold_en if self.english(x) and self.threshold_en is not None else self.threshold

    def to_json(self) -> dict:
        return {"features": list(self.features), "classes": list(self.classes), "threshold": self.threshold,
                "threshold_en": self.threshold_en, "english_words_digest": load_english_claim_words().digest(),
                "weights": [list(r) for r in self.weights],
                "weights_en": None if self.weights_en is None else [list(r) for r in self.weights_en]}

    @classmethod
    def from_json(cls, data: dict) -> "StanceModel":
        if tuple(data["features"]) != FEATURES:
            raise ValueError("stance weights were trained on other features; run `assistant train-stance`")
        if data.get("english_words_digest") != load_english_claim_words().digest():
            # the English features read these word classes: other words, other features under the same names
            raise ValueError("stance weights were trained on other English claim words than "
                             "corpus/wording/english_claims.yaml; run `assistant train-stance`")

        def rows(value):
            return None if value is None else tuple(tuple(float(w) for w in r) for r in value)

        return cls(weights=rows(data["weights"]), threshold=float(data["threshold"]), classes=tuple(data["classes"]),
                   threshold_en=None if data.get("threshold_en") is None else float(data["threshold_en"]),
                   weights_en=rows(data.get("weights_en")))

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> "StanceModel | None":
        if not path.exists():
            return None
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def deciding_check(truth: str | None, checks: Sequence[CandidateCheck]) -> CandidateCheck | None:
    """The provision to show for a stance: for 'false' the closest one that finds the statement opposite, else the
    closest one."""
    if not checks:
        return None
    if truth in ("false", "partly"):
        opposite = [c for c in checks if c.conflict and c.contain >= CLOSE]
        if opposite:
            return max(opposite, key=lambda c: c.contain)
    return max(checks, key=lambda c: (c.contain, c.fit))


# ----- training ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StatementRow:
    author: str
    truth: str
    x: tuple[float, ...]


def fit_weights(rows: Sequence[StatementRow], *, seed: int = 0, c: float = 1.0):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    X = np.array([r.x for r in rows])
    y = np.array([CLASSES.index(r.truth) for r in rows])
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed, fit_intercept=False)
    clf.fit(X, y)
    # sklearn orders rows by the labels it saw; give every class a row (an unseen class never wins)
    weights = [[-1e3] + [0.0] * (X.shape[1] - 1) for _ in CLASSES]
    for row, label in zip(clf.coef_ if len(clf.classes_) > 2 else [-clf.coef_[0], clf.coef_[0]], clf.classes_):
        weights[int(label)] = [float(v) for v in row]
    return tuple(tuple(r) for r in weights)


def _outcomes(model: StanceModel, rows: Sequence[StatementRow]) -> list[tuple[str | None, float, str]]:
    return [(*model.decide(r.x), r.truth) for r in rows]


def choose_threshold(outcomes: Sequence[tuple[str, float, str]], *, min_precision: float) -> float:
    """The lowest probability threshold at which the stances taken are right at least `min_precision` of the time
    (most stances at that precision); 1.0 (no stance) when none reaches it."""
    best = 1.0
    for tau in sorted({round(p, 3) for _, p, _ in outcomes}, reverse=True):
        taken = [(pred, truth) for pred, p, truth in outcomes if p >= tau]
        if taken and sum(pred == truth for pred, truth in taken) / len(taken) >= min_precision:
            best = tau
    return best


def without_english_checks(row: StatementRow) -> StatementRow:
    """The row as the shared weights see it: the English checks left out (0)."""
    x = list(row.x)
    for i in _ENGLISH_ONLY:
        x[i] = 0.0
    return StatementRow(row.author, row.truth, tuple(x))


def as_english_weights_see(row: StatementRow) -> StatementRow:
    """The row as the English weights see it: an English statement without the glossary's modal checks."""
    return StatementRow(row.author, row.truth, tuple(english_view(row.x)))


def fit_model(rows: Sequence[StatementRow], *, seed: int = 0, threshold: float = 0.0,
              threshold_en: float | None = None) -> StanceModel:
    """The shared weights fitted on every statement without the English checks, as they were before there were any
    (fitted on Chinese statements alone they take more stances on held-out authors at the same precision, but were
    right less often on the blind statements), the English weights on every statement with them (the Chinese statements teach
    them what the other checks mean)."""
    with_english = any(r.x[i] for r in rows for i in _ENGLISH_ONLY)
    weights_en = fit_weights([as_english_weights_see(r) for r in rows], seed=seed) if with_english else None
    return StanceModel(fit_weights([without_english_checks(r) for r in rows], seed=seed), threshold=threshold,
                       threshold_en=threshold_en, weights_en=weights_en)


def train(folds: dict[str, list[StatementRow]], *, seed: int = 0, min_precision: float = 0.85) -> tuple[StanceModel, dict]:
    """Fit on all folds; the threshold and the reported figures come from each author held out in turn."""
    held_out, english = [], []
    at = FEATURES.index("english")
    for name, rows in folds.items():
        others = [r for n, rs in folds.items() if n != name for r in rs]
        if not others or not rows:
            continue
        model = fit_model(others, seed=seed)
        held_out += [(pred, p, truth) for pred, p, truth in _outcomes(model, rows)]
        english += [r.x[at] > 0.5 for r in rows]
    everything = [r for rs in folds.values() for r in rs]
    chinese_rows = [o for o, en in zip(held_out, english) if not en]
    english_rows = [o for o, en in zip(held_out, english) if en]
    threshold = choose_threshold(chinese_rows or held_out, min_precision=min_precision) if held_out else 0.5
    threshold_en = choose_threshold(english_rows, min_precision=min_precision) if english_rows else None
    model = fit_model(everything, seed=seed, threshold=threshold, threshold_en=threshold_en)
    bars = [threshold_en if en and threshold_en is not None else threshold for en in english]
    taken = [(pred, truth) for (pred, p, truth), bar in zip(held_out, bars) if p >= bar]
    def by_language(flag: bool) -> dict:
        rows = [(o, bar) for o, en, bar in zip(held_out, english, bars) if en == flag]
        took = [(pred, truth) for (pred, p, truth), bar in rows if p >= bar]
        right = sum(a == b for a, b in took)
        return {"n": len(rows), "taken": round(len(took) / len(rows), 3) if rows else None,
                "right_when_taken": round(right / len(took), 3) if took else None,
                "right_overall": round(right / len(rows), 3) if rows else None,
                "argmax_accuracy": round(sum(pred == truth for (pred, _, truth), _ in rows) / len(rows), 3)
                if rows else None}

    report = {"statements": len(everything), "threshold": round(threshold, 3),
              "threshold_en": round(threshold_en, 3) if threshold_en is not None else None,
              "held_out_zh": by_language(False), "held_out_en": by_language(True),
              "held_out_stance_taken": round(len(taken) / len(held_out), 3) if held_out else None,
              "held_out_right_when_taken": round(sum(a == b for a, b in taken) / len(taken), 3) if taken else None,
              "held_out_right_overall": round(sum(a == b for a, b in taken) / len(held_out), 3) if held_out else None,
              "held_out_argmax_accuracy": round(sum(a == b for a, _, b in held_out) / len(held_out), 3) if held_out else None}
    return model, report


def load_statements(path: Path) -> list[dict]:
    """Statement questions of the bank: {question, statement, truth, lang, …} per line."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("truth") not in CLASSES or not isinstance(item.get("question"), str):
            raise ValueError(f"{path}:{n}: a statement needs a question and truth in {CLASSES}")
        items.append(item)
    return items


def statement_rows(chain, items: Sequence[dict], author: str) -> list[StatementRow]:
    """Each statement question read as the chain reads it at answer time once the detector has called it one: its
    statement out of the question's frame or quotation (the writer's bare statement when none is found), the candidates from the whole question, the features."""
    from assistant.answer.stance import Statement, claim_in
    from assistant.retrieve import QueryError
    from assistant.text.language import detect_lang

    rows = []
    for item in items:
        question = item["question"]
        statement = claim_in(question) or Statement(item.get("statement") or question, "")
        lang = item.get("lang") or detect_lang(question)
        extra: list[tuple[str, int]] = []
        with contextlib.suppress(QueryError):  # a question search refuses: the statement's own search still judges it
            for h in chain.retriever.search(question, k=chain.k).hits:
                if h.kind == "note" and h.cites:
                    extra += [(c.law_id, c.article) for c in h.cites[:2]]
                elif h.kind == "article" and h.law_id and h.article:
                    extra.append((h.law_id, h.article))
        _, x = chain.judge_statement(statement, lang, extra)
        rows.append(StatementRow(author, item["truth"], tuple(x)))
    return rows
