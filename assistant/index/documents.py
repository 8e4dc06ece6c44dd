"""Turn the registry's articles and notes into index documents: the unit of retrieval."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from assistant.corpus.registry import LawRegistry
from assistant.models import NoteCitation


@dataclass(frozen=True)
class IndexDocument:
    doc_id: str  # art:<law>@<version>#<n>[-<suffix>] or note:<id>
    kind: str  # article | note | note_ask (one of the questions a note answers; dense search only)
    text: str  # what is embedded and searched
    display: str  # what a user sees
    law_id: str | None
    law_title: str | None
    article: int | None
    version: str | None
    status: str
    note_id: str | None = None
    note_kind: str | None = None
    cites: tuple[NoteCitation, ...] = ()

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def metadata(self) -> dict:
        """Chroma metadata: scalars only."""
        meta = {"kind": self.kind, "status": self.status, "law_id": self.law_id or "", "law_title": self.law_title or "",
                "article": self.article if self.article is not None else -1, "version": self.version or "",
                "note_id": self.note_id or "", "content_hash": self.content_hash}
        if self.cites:
            meta["cites"] = ";".join(f"{c.law_id}:{c.article}" for c in self.cites)
        return meta


def article_doc_id(law_id: str, version: str, number: int, suffix: int = 0) -> str:
    return f"art:{law_id}@{version}#{number}" + (f"-{suffix}" if suffix else "")


def build_documents(registry: LawRegistry, *, include_superseded: bool = True) -> list[IndexDocument]:
    docs: list[IndexDocument] = []
    for law in registry.laws.values():
        for v in law.versions:
            if v.status == "superseded" and not include_superseded:
                continue
            for a in v.articles:
                heading = " / ".join(a.path[-2:])
                label = f"《{v.short_name}》第{a.label}条"
                text = f"{label}（{heading}）\n{a.text}" if heading else f"{label}\n{a.text}"
                docs.append(IndexDocument(
                    doc_id=article_doc_id(v.law_id, v.version, a.number, a.suffix), kind="article", text=text,
                    display=a.text, law_id=v.law_id, law_title=v.title, article=a.number, version=v.version,
                    status=v.status))
    for n in registry.notes:
        text = "\n".join([n.title, n.title_en, *n.asks, *n.asks_en, n.conclusion, n.body])
        status = "in_force" if n.kind == "law" else "doctrine"
        docs.append(IndexDocument(doc_id=f"note:{n.id}", kind="note", text=text, display=n.body, law_id=None,
                                  law_title=None, article=None, version=None, status=status,
                                  note_id=n.id, note_kind=n.kind, cites=n.cites))
        # Each question a note answers gets its own vector: a user's question lies much closer to a question
        # than to a whole note, whose vector averages over everything it says (dense recall@5 0.72 → 0.77).
        for i, ask in enumerate([*n.asks, *n.asks_en], 1):
            docs.append(IndexDocument(doc_id=f"{NOTE_ASK_PREFIX}{n.id}#{i}", kind="note_ask", text=ask, display=ask,
                                      law_id=None, law_title=None, article=None, version=None, status=status,
                                      note_id=n.id, note_kind=n.kind, cites=n.cites))
    return docs


NOTE_ASK_PREFIX = "ask:"


def ask_index(doc_id: str) -> int:
    """Which of its note's questions a question vector is (0-based over asks then asks_en): 'ask:note-id#3' → 2."""
    return int(doc_id.rsplit("#", 1)[1]) - 1


def owner_doc_id(doc: IndexDocument) -> str:
    """The document a hit stands for: a note's question vector stands for the note."""
    return f"note:{doc.note_id}" if doc.kind == "note_ask" else doc.doc_id


def corpus_build_id(docs: list[IndexDocument], model_id: str) -> str:
    """Changes whenever any text or the embedding model changes: one chroma collection per build."""
    h = hashlib.sha256(model_id.encode())
    for d in docs:
        h.update(d.doc_id.encode())
        h.update(d.content_hash.encode())
    return h.hexdigest()[:12]
