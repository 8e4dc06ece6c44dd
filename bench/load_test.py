"""Bounded load test of POST /api/ask on loopback.

    .venv/bin/python bench/load_test.py                 # starts `python app.py` on a free port, 32 clients × 60 s
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:7860 --clients 8 --duration 20

Each client sends the evaluation questions (eval/questions.jsonl) in turn, one request at a time, for the
whole duration; a short warm-up is not counted. Writes bench/reports/load.md and load.json; exits 1 if
any request failed (a non-200 status, a timeout or a connection error).

The server it starts runs on the embedded defaults (grounded composer, persistent chroma, audit log on),
with the per-IP rate limit switched off (every client shares 127.0.0.1) and the audit log in a scratch file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "bench" / "reports"


def requests_from_eval() -> list[dict]:
    """One /api/ask body per evaluation question; a multi-turn question sends its earlier turns as history."""
    rows = [json.loads(line) for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    bodies = []
    for r in rows:
        q = r["question"]
        if isinstance(q, list):
            history = [{"role": "user", "content": t} for t in q[:-1]]
            history = [m for h in history for m in (h, {"role": "assistant", "content": "……"})]
            bodies.append({"question": q[-1], "history": history})
        else:
            bodies.append({"question": q, "history": []})
    return bodies


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, audit_db: Path) -> subprocess.Popen:
    env = {**os.environ, "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0", "ASSISTANT_AUDIT_DB": str(audit_db),
           "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    deadline = time.monotonic() + 1800  # the first run builds the index
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"app.py exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):  # not listening yet
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("app.py did not become healthy")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def run(url: str, clients: int, duration: float, warmup: float, timeout: float, baseline: int = 20) -> dict:
    qs = requests_from_eval()
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors: list[str] = []
    composers: dict[str, int] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        # warm-up: every client once, not counted
        warm_end = time.monotonic() + warmup
        while time.monotonic() < warm_end:
            await asyncio.gather(*(http.post("/api/ask", json=qs[i % len(qs)]) for i in range(clients)))

        # baseline: one client, one request at a time
        single = []
        for body in qs[:baseline]:
            t0 = time.perf_counter()
            r = await http.post("/api/ask", json=body)
            if r.status_code == 200:
                single.append((time.perf_counter() - t0) * 1000)

        start = time.monotonic()
        stop = start + duration

        async def client(n: int) -> None:
            i = n
            while time.monotonic() < stop:
                body = qs[i % len(qs)]
                i += clients
                t0 = time.perf_counter()
                try:
                    r = await http.post("/api/ask", json=body)
                    ms = (time.perf_counter() - t0) * 1000
                    statuses[str(r.status_code)] = statuses.get(str(r.status_code), 0) + 1
                    if r.status_code == 200:
                        latencies.append(ms)
                        c = r.json().get("composer", "?")
                        composers[c] = composers.get(c, 0) + 1
                    else:
                        errors.append(f"{r.status_code}: {r.text[:200]}")
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] = statuses.get(type(exc).__name__, 0) + 1
                    errors.append(f"{type(exc).__name__}: {exc}")

        await asyncio.gather(*(client(n) for n in range(clients)))
        elapsed = time.monotonic() - start
    total = sum(statuses.values())
    return {
        "clients": clients, "duration_s": round(elapsed, 2), "warmup_s": warmup, "requests": total,
        "ok": len(latencies), "errors": len(errors), "error_samples": errors[:10], "statuses": statuses,
        "composers": composers, "throughput_rps": round(len(latencies) / elapsed, 2),
        "latency_ms": {"p50": round(percentile(latencies, 0.50), 1), "p95": round(percentile(latencies, 0.95), 1),
                       "p99": round(percentile(latencies, 0.99), 1), "mean": round(statistics.fmean(latencies), 1) if latencies else None,
                       "max": round(max(latencies), 1) if latencies else None,
                       "min": round(min(latencies), 1) if latencies else None},
        "questions": len(qs),
        "single_client_ms": {"requests": len(single), "p50": round(percentile(single, 0.50), 1),
                             "p95": round(percentile(single, 0.95), 1)},
    }


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip() + (" (+ uncommitted changes)" if subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip() else "")
    except OSError:
        return "unknown"


def write_report(result: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    lat = result["latency_ms"]
    env = result["environment"]
    lines = [
        "# Load test: POST /api/ask on loopback", "",
        f"`{result['command']}` — {result['date']}, commit {env['commit']}", "",
        "| clients | duration | requests | errors | throughput | p50 | p95 | p99 | max |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {result['clients']} | {result['duration_s']} s | {result['requests']} | {result['errors']} | "
        f"{result['throughput_rps']} req/s | {lat['p50']} ms | {lat['p95']} ms | {lat['p99']} ms | {lat['max']} ms |",
        "",
        f"- Status codes: {', '.join(f'{k}: {v}' for k, v in sorted(result['statuses'].items()))}; "
        f"composer: {', '.join(f'{k}: {v}' for k, v in result['composers'].items())}.",
        f"- Each client sends one request at a time, cycling through the {result['questions']} questions of "
        f"eval/questions.jsonl (multi-turn ones with their earlier turns as history); a {result['warmup_s']} s "
        "warm-up is not counted.",
        f"- Server: {result['server']}.",
        f"- Machine: {env['cpus']} CPUs, {env['platform']}, Python {env['python']}. Client and server share the machine; "
        f"load average before the run: {env['loadavg_before']}.",
        f"- Baseline, one client, one request at a time ({result['single_client_ms']['requests']} questions): "
        f"p50 {result['single_client_ms']['p50']} ms, p95 {result['single_client_ms']['p95']} ms.",
        "",
        "Latency is the full request as the client sees it (JSON in, the guarded answer with its sources out). "
        "Under load the requests queue for the CPUs (the work is CPU-bound: query embedding, BM25, the guard), "
        "so p50 ≈ clients ÷ throughput.",
    ]
    if result["errors"]:
        lines += ["", "## Errors (first 10)", "", *[f"- `{e}`" for e in result["error_samples"]]]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="Target a running server instead of starting app.py.")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--duration", type=float, default=60.0, help="Seconds of measured load.")
    ap.add_argument("--warmup", type=float, default=5.0)
    ap.add_argument("--timeout", type=float, default=120.0, help="Per-request timeout (counts as an error).")
    ap.add_argument("--baseline", type=int, default=20, help="Sequential requests measured before the load.")
    ap.add_argument("--out", type=Path, default=REPORTS / "load", help="Report path without extension.")
    args = ap.parse_args()

    proc = None
    scratch = tempfile.TemporaryDirectory()
    url = args.url
    server = f"an existing server at {url}"
    if url is None:
        port = free_port()
        proc = start_server(port, Path(scratch.name) / "audit.sqlite3")
        url = f"http://127.0.0.1:{port}"
        server = ("`python app.py` (one uvicorn process; FastAPI + gradio; grounded composer; persistent chroma; "
                  "audit log on, scratch file; rate limit off)")
    loadavg_before = " ".join(f"{x:.2f}" for x in os.getloadavg())  # other work on the machine skews the numbers
    try:
        result = asyncio.run(run(url, args.clients, args.duration, args.warmup, args.timeout, args.baseline))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        scratch.cleanup()
    result.update({
        "command": "python bench/load_test.py" + ("" if args.clients == 32 else f" --clients {args.clients}")
        + ("" if args.duration == 60 else f" --duration {args.duration:g}") + (f" --url {args.url}" if args.url else ""),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "server": server,
        "environment": {"loadavg_before": loadavg_before, "cpus": os.cpu_count(), "platform": platform.platform(),
                        "python": platform.python_version(),
                        "commit": git_commit()},
    })
    write_report(result, args.out)
    lat = result["latency_ms"]
    print(f"{result['requests']} requests in {result['duration_s']} s: {result['throughput_rps']} req/s, "
          f"p50 {lat['p50']} ms, p95 {lat['p95']} ms, errors {result['errors']} → {args.out}.md")
    sys.exit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
