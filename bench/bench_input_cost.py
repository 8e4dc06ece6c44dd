"""CPU cost against input length: a question (POST /api/ask's work), a search and a guard check, at doubling
lengths and in three shapes of text, measured in process CPU time (the best of a few runs).

    python bench/bench_input_cost.py                     # writes bench/reports/input_cost.md and .json
    python bench/bench_input_cost.py --code /tmp/base --out /tmp/input_cost_base   # another checkout's package
    python bench/bench_input_cost.py --before /tmp/input_cost_base.json            # … shown side by side

Linear cost shows as a ratio of about 2 (or less) from one length to the next, which doubles it; a ratio near 4
is quadratic. The shapes: `prose` (evaluation questions run together), `provisions` (a pasted list of
citations, 民事诉讼法第N条、…) and `digits` (numbers and separators, what a pasted bank statement looks like).
Questions go up to 3,900 characters (longer ones are refused by length), searches to 4,000 (cut to
ASSISTANT_MAX_QUERY_CHARS), guard checks to 40,000 (the API takes 50,000).

--code DIR measures the `assistant` package of another checkout (`git archive REV assistant corpus | tar -x -C
DIR`), on this checkout's data folder (its index and embedding cache) and questions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LENGTHS = {"ask": [250, 500, 1000, 2000, 3900], "search": [250, 500, 1000, 2000, 4000],
           "check": [2500, 5000, 10000, 20000, 40000]}


def shapes(questions: list[str]) -> dict:
    rng = random.Random(7)
    prose = "".join(rng.choice(questions) for _ in range(600))
    provisions = "".join(f"民事诉讼法第{n % 290 + 1}条、" for n in range(6000))
    digits = "".join(rng.choice("0123456789 -.") for _ in range(60000))
    return {"prose": prose, "provisions": provisions, "digits": digits}


def cpu_ms(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return round(best * 1000, 1)


def measure(runs: int) -> dict:
    from assistant.service import AssistantService
    from assistant.settings import Settings

    settings = Settings(data_dir=ROOT / "data")
    service = AssistantService.create(settings, progress=False)
    questions = [json.loads(line)["question"] for line in (ROOT / "eval" / "questions.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    texts = shapes([q for q in questions if isinstance(q, str)])
    stages = {"ask": lambda t: service.ask(t, []), "search": lambda t: service.search(t, k=10),
              "check": service.check}
    service.ask("被执行人不履行和解协议怎么办？", [])  # warm: lazy tables and the engine's first call
    out: dict = {}
    for stage, fn in stages.items():
        for shape, text in texts.items():
            row = {}
            for n in LENGTHS[stage]:
                row[str(n)] = cpu_ms(lambda: fn(text[:n]), runs)
                print(f"{stage:6s} {shape:10s} {n:6d} chars {row[str(n)]:9.1f} ms", flush=True)
            out.setdefault(stage, {})[shape] = row
    return out


def ratios(row: dict) -> list[float]:
    values = list(row.values())
    return [round(b / a, 2) if a > 0 else float("nan") for a, b in zip(values, values[1:])]


def write_report(result: dict, out: Path, before: dict | None) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    env = result["environment"]
    lines = ["# CPU cost against input length", "",
             f"`{result['command']}` — {result['date']}, {env['cpus']} CPU cores shared with other jobs (load average "
             f"before: {env['loadavg_before']}), Python {env['python']}, OMP_NUM_THREADS={env['omp_threads']}.", "",
             "Process CPU time, best of "
             f"{result['runs']} runs. Each length doubles the one before (the last ask step is 2,000 → 3,900); "
             "'growth' is the cost ratio per step: about 2 or less is linear, about 4 quadratic.", "",
             "What bounds it (tests/web/test_input_cost.py checks each structurally): BM25 scores at most 64 distinct "
             "query terms through an inverted index; a query is embedded from one e5 window (512 tokens), so ask and "
             "search stop growing past about 1,000 characters; the router compares at most 10 named provisions; the "
             "guard gives a list of citations in one clause a claim per run of 12. Searches are cut to 2,000 "
             "characters and questions over 4,000 are refused, as before. Single runs on a shared machine vary by "
             "tens of percent.", ""]
    for stage, by_shape in result["cost_ms"].items():
        lengths = LENGTHS[stage]
        head = "| shape | " + " | ".join(f"{n:,} chars" for n in lengths) + " | growth per step |"
        lines += [f"## {stage}", "", head, "|---|" + "---:|" * (len(lengths) + 1)]
        for shape, row in by_shape.items():
            lines.append(f"| {shape} | " + " | ".join(f"{v:g} ms" for v in row.values()) + " | "
                         + ", ".join(f"{r:g}" for r in ratios(row)) + " |")
            if before and stage in before["cost_ms"] and shape in before["cost_ms"][stage]:
                old = before["cost_ms"][stage][shape]
                lines.append(f"| {shape}, before ({before['code']}) | " + " | ".join(f"{v:g} ms" for v in old.values())
                             + " | " + ", ".join(f"{r:g}" for r in ratios(old)) + " |")
        lines.append("")
    out.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--code", type=Path, help="Measure the assistant package in this folder instead.")
    ap.add_argument("--before", type=Path, help="A report of this bench on other code, shown alongside.")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "reports" / "input_cost")
    args = ap.parse_args()
    sys.path.insert(0, str(args.code or ROOT))
    import assistant

    loadavg = " ".join(f"{x:.2f}" for x in os.getloadavg())
    result = {"command": "python bench/bench_input_cost.py" + (f" --code {args.code}" if args.code else ""),
              "code": str(Path(assistant.__file__).parent.parent), "runs": args.runs,
              "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "environment": {"cpus": os.cpu_count(), "loadavg_before": loadavg, "python": platform.python_version(),
                              "omp_threads": os.environ.get("OMP_NUM_THREADS", "unset")}}
    result["cost_ms"] = measure(args.runs)
    before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
    write_report(result, args.out, before)
    print(f"→ {args.out}.md")


if __name__ == "__main__":
    main()
