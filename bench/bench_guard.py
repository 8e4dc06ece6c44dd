"""Citation guard benchmark: throughput on 1 MB of text and latency for a 1,000-character answer.

    python bench/bench_guard.py [--runs 3] [--latency-runs 300]

Writes bench/reports/guard.json and prints a table. The texts are built from the project's own files
(commentary note bodies and the guard evaluation cases), so they cite the way real answers do: one
citation every 60–80 characters, a mix of valid, renumbered, unknown and unsupported ones.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.corpus.parse import split_front_matter  # noqa: E402
from assistant.corpus.registry import LawRegistry  # noqa: E402
from assistant.guard import check  # noqa: E402

REPORT = ROOT / "bench" / "reports" / "guard.json"


def corpus_text() -> str:
    parts = []
    for path in sorted((ROOT / "corpus" / "commentary").glob("*.md")):
        if path.name.upper() == "README.MD":
            continue
        try:
            _, body, _ = split_front_matter(path, path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        parts.append(body.strip())
    cases = ROOT / "eval" / "guard_cases.jsonl"
    if cases.exists():
        for line in cases.read_text(encoding="utf-8").splitlines():
            if line.strip():
                parts.append(json.loads(line)["text"])
    return "\n\n".join(parts)


def one_megabyte(text: str, size: int = 1_000_000) -> str:
    reps = size // max(1, len(text)) + 1
    return (text + "\n\n") * reps if len(text) < size else text[:size]


def answers_1000(text: str) -> tuple[str, str]:
    """Two 1,000-character answers starting at paragraphs: a typical one (median citation density among
    the candidates) and the densest one (worst case)."""
    chunks = []
    start = 0
    while start < min(len(text), 200_000):
        chunk = text[start:start + 1000]
        if len(chunk) == 1000:
            chunks.append((chunk.count("条") + chunk.count("Article"), chunk))
        nxt = text.find("\n\n", start + 1)
        if nxt < 0:
            break
        start = nxt + 2
    if not chunks:
        return text[:1000], text[:1000]
    chunks.sort(key=lambda c: c[0])
    return chunks[len(chunks) // 2][1], chunks[-1][1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="Timed runs on the 1 MB text (median reported).")
    ap.add_argument("--latency-runs", type=int, default=300, help="Timed runs on the 1,000-character answer.")
    ap.add_argument("--out", type=Path, default=REPORT)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    registry = LawRegistry.load(ROOT / "corpus", with_notes=False)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    check("民事诉讼法第二百四十四条", registry)  # compiles the name matcher
    warm_s = time.perf_counter() - t0

    base = corpus_text()
    big = one_megabyte(base)[:1_000_000]
    typical, dense = answers_1000(base)

    times = []
    report = None
    for _ in range(max(1, args.runs)):
        t0 = time.perf_counter()
        report = check(big, registry)
        times.append(time.perf_counter() - t0)
    mb_s = statistics.median(times)
    n_cites = len(report.citations)

    def latency(answer: str) -> dict:
        lat = []
        r = None
        for _ in range(max(10, args.latency_runs)):
            t0 = time.perf_counter()
            r = check(answer, registry)
            lat.append((time.perf_counter() - t0) * 1000)
        lat.sort()

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(p * len(lat)))], 3)

        return {"chars": len(answer), "citations": len(r.citations), "runs": len(lat), "p50_ms": pct(0.50),
                "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": round(lat[-1], 3), "target_ms": 10.0,
                "meets_target": pct(0.95) < 10.0}

    typ = latency(typical)
    worst = latency(dense)

    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(), "machine": platform.machine(), "processor": platform.processor(),
        "registry_load_s": round(load_s, 3), "first_check_s": round(warm_s, 3),
        "one_mb": {"chars": len(big), "bytes_utf8": len(big.encode("utf-8")), "citations": n_cites,
                   "seconds_median": round(mb_s, 3), "seconds_runs": [round(t, 3) for t in times],
                   "chars_per_s": round(len(big) / mb_s), "citations_per_s": round(n_cites / mb_s),
                   "verdicts": report.counts()},
        "answer_1000": typ,
        "answer_1000_densest": worst,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")

    rows = [
        ("registry load", f"{load_s:.3f} s"),
        ("first check (compile names)", f"{warm_s:.3f} s"),
        ("1 MB text", f"{len(big):,} chars, {n_cites:,} citations"),
        ("1 MB time (median)", f"{mb_s:.2f} s  ({len(big) / mb_s / 1e6:.2f} M chars/s, {n_cites / mb_s:,.0f} citations/s)"),
        ("1,000-char answer (typical)", f"{typ['citations']} citations: p50 {typ['p50_ms']:.2f} / p95 "
                                        f"{typ['p95_ms']:.2f} / p99 {typ['p99_ms']:.2f} ms (target < 10 ms)"),
        ("1,000-char answer (densest)", f"{worst['citations']} citations: p50 {worst['p50_ms']:.2f} / p95 "
                                        f"{worst['p95_ms']:.2f} / p99 {worst['p99_ms']:.2f} ms"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 40}")
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    print(f"\nwritten {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
