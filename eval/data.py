"""Load evaluation files; malformed lines are reported by line number and skipped, never silently dropped."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent


@dataclass
class Question:
    id: str
    category: str
    lang: str
    turns: list[str]
    gold: list[dict]
    must_mention: list[str]
    navigator: dict | None
    acceptable: list[dict] = field(default_factory=list)  # graded gold: may be cited, need not be
    raw: dict = field(repr=False, default_factory=dict)

    @property
    def question(self) -> str:
        return self.turns[-1]

    @property
    def history(self) -> list[str]:
        return self.turns[:-1]


@dataclass
class LoadReport:
    items: list
    errors: list[str]


def load_questions(path: Path) -> LoadReport:
    items, errors = [], []
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("line is not a JSON object")
            qid = str(obj["id"])
            q = obj["question"]
            turns = [q] if isinstance(q, str) else list(q)
            if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
                raise ValueError("question must be a non-empty string or list of strings")
            gold = obj.get("gold") or []
            acceptable = obj.get("acceptable") or []
            for g in [*gold, *acceptable]:
                if not isinstance(g, dict) or "law" not in g or "article" not in g:
                    raise ValueError(f"gold and acceptable entries need law and article: {g}")
            if acceptable and not gold:
                raise ValueError("acceptable provisions without gold")
            if qid in seen:
                raise ValueError(f"duplicate id {qid}")
            seen.add(qid)
            items.append(Question(id=qid, category=obj.get("category", "uncategorized"), lang=obj.get("lang", "zh"),
                                  turns=turns, gold=gold, must_mention=list(obj.get("must_mention") or []),
                                  navigator=obj.get("navigator"), acceptable=list(acceptable), raw=obj))
        except (json.JSONDecodeError, KeyError, ValueError, TypeError) as exc:
            errors.append(f"{path.name}:{lineno}: {exc.__class__.__name__}: {exc}")
    return LoadReport(items, errors)
