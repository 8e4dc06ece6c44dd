"""The navigator scored on its own: every evaluation question with a `navigator` gold entry, answered through
assistant.answer.navigator.answer_from_question (the full evaluation, eval/run.py, scores the whole answer)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from assistant.answer.navigator import answer_from_question


def evaluate_navigator(path: Path | str, *, today: date, registry: Any = None) -> dict:
    """Score answer_from_question on every question with a `navigator` gold entry.

    Per question: answered; remedies exact (open and closed sets equal); remedies consistent (every gold
    remedy on the right side, nothing on the wrong side); deadline exact; gold citations covered;
    must_mention terms present. Returns totals and rows.
    """
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        gold = item.get("navigator")
        if not gold:
            continue
        question = item["question"] if isinstance(item["question"], str) else item["question"][-1]
        ans = answer_from_question(question, today=today, registry=registry)
        row: dict[str, Any] = {"id": item["id"], "answered": ans is not None}
        g_open, g_closed = set(gold.get("remedies_open") or []), set(gold.get("remedies_closed") or [])
        has_rem = "remedies_open" in gold or "remedies_closed" in gold
        p_open = set(ans.remedies_open) if ans else set()
        p_closed = set(ans.remedies_closed) if ans else set()
        if has_rem:
            row["remedies_exact"] = ans is not None and p_open == g_open and p_closed == g_closed
            row["remedies_consistent"] = ans is not None and g_open <= p_open and g_closed <= p_closed
        if "deadline" in gold:
            row["deadline_exact"] = bool(ans and ans.deadline and ans.deadline.isoformat() == gold["deadline"])
            row["deadline"] = ans.deadline.isoformat() if ans and ans.deadline else None
        if registry is not None and item.get("gold"):
            want = set()
            for g in item["gold"]:
                lid = registry.resolve_alias(g["law"])
                want.add((lid, int(g["article"])))
            got = set(ans.citations) if ans else set()
            row["citation_recall"] = len(want & got) / len(want) if want else 1.0
        if item.get("must_mention"):
            row["mentions"] = bool(ans) and all(t in ans.text for t in item["must_mention"])
        row["predicted"] = {"open": sorted(p_open), "closed": sorted(p_closed)}
        row["gold"] = {"open": sorted(g_open), "closed": sorted(g_closed), "deadline": gold.get("deadline")}
        rows.append(row)

    def rate(key: str) -> float | None:
        vals = [r[key] for r in rows if key in r]
        return round(sum(vals) / len(vals), 4) if vals else None

    return {"questions": len(rows), "answered": rate("answered"), "remedies_exact": rate("remedies_exact"),
            "remedies_consistent": rate("remedies_consistent"), "deadline_exact": rate("deadline_exact"),
            "citation_recall": rate("citation_recall"), "must_mention": rate("mentions"), "rows": rows}
