"""Answer benchmark (not a test): grounded-path latency p50/p95 per stage and the guard's share.

    .venv/bin/python bench/bench_answer.py
Writes bench/reports/answer.json and prints a table.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pct(values, q):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(q * (len(values) - 1))))], 2)


def main() -> int:
    from assistant.service import AssistantService
    from eval.data import load_questions

    service = AssistantService.create(progress=False, today=date(2026, 11, 23))
    questions = load_questions(ROOT / "eval" / "questions.jsonl").items
    for q in questions[:5]:
        service.ask(q.question)  # warm-up
    wall, stages = [], {}
    for q in questions:
        t = time.perf_counter()
        a = service.ask(q.question, [{"role": "user", "content": h} for h in q.history])
        wall.append((time.perf_counter() - t) * 1000)
        for k, v in a.timings_ms.items():
            stages.setdefault(k, []).append(v)
    guard_share = sum(stages.get("guard", [])) / sum(wall)
    out = {"questions": len(questions), "loadavg": os.getloadavg(),
           "answer_ms": {"p50": pct(wall, 0.5), "p95": pct(wall, 0.95)},
           "stage_ms": {k: {"p50": pct(v, 0.5), "p95": pct(v, 0.95), "n": len(v)} for k, v in sorted(stages.items())},
           "guard_share_of_total": round(guard_share, 4)}
    (ROOT / "bench" / "reports").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "reports" / "answer.json").write_text(json.dumps(out, indent=1))
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
