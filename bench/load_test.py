"""Bounded load test of POST /api/ask (and GET /api/search) on loopback.

    .venv/bin/python bench/load_test.py                 # starts `python app.py` on a free port, 32 clients × 60 s
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:7860 --clients 8 --duration 20
    .venv/bin/python bench/load_test.py --shared-stack  # 1 and 2 uvicorn workers on chroma run + Redis + PostgreSQL

Each client sends the evaluation questions (eval/questions.jsonl) in turn, one request at a time, for the
whole duration; a short warm-up is not counted. Writes bench/reports/load.md and load.json; exits 1 if
any request failed (a non-200 status, a timeout or a connection error).

The server it starts runs on the embedded defaults (grounded composer, persistent chroma, audit log on),
with the per-IP rate limit switched off (every client shares 127.0.0.1) and the audit log in a scratch file.

--shared-stack starts a chroma server (`chroma run`), redis-server and PostgreSQL on 127.0.0.1 (as the tests
do, tests/local_servers.py), then `python app.py --workers 1` and `--workers 2` against them in turn: rate
limits in Redis (a budget too large to bite, so every request still pays for the Redis round trip), the audit
log in PostgreSQL (a fresh database per run, its rows counted against the answered asks). Every fourth request
is a search. Then a third start, two workers with a small limit, takes a burst on one API key from many
connections: the key must get exactly its budget through the two workers together. Writes
bench/reports/load_workers.md and .json; exits 1 on any error, a missing audit row or a limit that leaks.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import platform
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
sys.path.insert(0, str(ROOT / "tests"))
from local_servers import chroma_server, free_port, postgres_server, redis_server, stop_process  # noqa: E402


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


AUDIT_NOTICE_MARK = "could not be written to the audit log"


async def run(url: str, clients: int, duration: float, warmup: float, timeout: float, baseline: int = 20,
              search_every: int = 0) -> dict:
    """``search_every`` > 0: every that many-th request of the load is GET /api/search on the question instead."""
    qs = requests_from_eval()
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors: list[str] = []
    composers: dict[str, int] = {}
    answered_asks = 0  # every 200 from /api/ask, warm-up and baseline included (each is one audit row)
    audit_notices = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    def asked(r: httpx.Response) -> None:
        nonlocal answered_asks, audit_notices
        if r.status_code == 200:
            answered_asks += 1
            audit_notices += any(AUDIT_NOTICE_MARK in n for n in r.json().get("notices", []))

    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        # warm-up: every client once, not counted
        warm_end = time.monotonic() + warmup
        while time.monotonic() < warm_end:
            for r in await asyncio.gather(*(http.post("/api/ask", json=qs[i % len(qs)]) for i in range(clients))):
                asked(r)

        # baseline: one client, one request at a time
        single = []
        for body in qs[:baseline]:
            t0 = time.perf_counter()
            r = await http.post("/api/ask", json=body)
            asked(r)
            if r.status_code == 200:
                single.append((time.perf_counter() - t0) * 1000)

        start = time.monotonic()
        stop = start + duration
        kinds = {"ask": 0, "search": 0}
        sequence = itertools.count()  # one count over all clients: every search_every-th request is a search

        async def client(n: int) -> None:
            i = n
            while time.monotonic() < stop:
                body = qs[i % len(qs)]
                search = search_every > 0 and next(sequence) % search_every == search_every - 1
                i += clients
                t0 = time.perf_counter()
                try:
                    if search:
                        r = await http.get("/api/search", params={"q": body["question"][:2000], "k": 10})
                    else:
                        r = await http.post("/api/ask", json=body)
                    ms = (time.perf_counter() - t0) * 1000
                    statuses[str(r.status_code)] = statuses.get(str(r.status_code), 0) + 1
                    if r.status_code == 200:
                        latencies.append(ms)
                        kinds["search" if search else "ask"] += 1
                        if not search:
                            asked(r)
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
        "composers": composers, "throughput_rps": round(len(latencies) / elapsed, 2), "ok_by_kind": kinds,
        "latency_ms": {"p50": round(percentile(latencies, 0.50), 1), "p95": round(percentile(latencies, 0.95), 1),
                       "p99": round(percentile(latencies, 0.99), 1), "mean": round(statistics.fmean(latencies), 1) if latencies else None,
                       "max": round(max(latencies), 1) if latencies else None,
                       "min": round(min(latencies), 1) if latencies else None},
        "questions": len(qs), "answered_asks": answered_asks, "audit_notices": audit_notices,
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


# ----- two workers on a shared stack: chroma run, Redis, PostgreSQL ------------------------------------------

def start_workers(port: int, workers: int, env_extra: dict[str, str], log: Path,
                  timeout: float = 900) -> subprocess.Popen:
    """`python app.py --workers N`; ready when every worker has logged its start-up and /readyz answers 200."""
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
           **env_extra}
    with open(log, "wb") as fh:
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port),
                                 "--workers", str(workers)], cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"app.py --workers {workers} exited with {proc.returncode}:\n"
                             + log.read_text(errors="replace")[-3000:])
        started = log.read_text(errors="replace").count("Application startup complete")
        with contextlib.suppress(httpx.HTTPError):
            if started >= workers and httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200:
                return proc
        time.sleep(0.5)
    stop_process(proc, 30)
    raise SystemExit(f"app.py --workers {workers} did not become ready:\n" + log.read_text(errors="replace")[-3000:])


def worker_pids(parent: int) -> list[int]:
    """uvicorn's worker processes: the children of ``parent`` started by multiprocessing (Linux /proc)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent and "spawn_main" in (stat.parent / "cmdline").read_bytes().decode(errors="replace"):
                pids.append(int(stat.parent.name))
    return sorted(pids)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


async def burst(url: str, key: str, n: int) -> dict:
    """``n`` requests at once on one API key, each on a connection of its own (so the kernel hands them to both
    workers); a cheap endpoint, so the burst lasts well under a second and the bucket barely refills."""
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        t0 = time.monotonic()
        responses = await asyncio.gather(*(http.get("/api/articles/cpl/244", headers={"X-API-Key": key})
                                           for _ in range(n)), return_exceptions=True)
        elapsed = time.monotonic() - t0
    codes: dict[str, int] = {}
    for r in responses:
        code = str(r.status_code) if isinstance(r, httpx.Response) else type(r).__name__
        codes[code] = codes.get(code, 0) + 1
    return {"requests": n, "statuses": codes, "seconds": round(elapsed, 3)}


def audit_rows(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM exchanges WHERE status = 'ok'").fetchone()[0]


def shared_stack(args) -> dict:
    runs, limit = [], {}
    with tempfile.TemporaryDirectory(prefix="load-") as scratch, postgres_server() as pg, redis_server() as redis_url, \
            chroma_server(Path(scratch) / "chroma") as chroma_port:
        base = {"ASSISTANT_CHROMA_MODE": "http", "ASSISTANT_CHROMA_HOST": "127.0.0.1",
                "ASSISTANT_CHROMA_PORT": str(chroma_port), "ASSISTANT_RATE_LIMIT_URL": redis_url}
        for workers in args.workers:
            database = f"audit_{workers}w"
            audit_url = pg.create_database(database)
            port = free_port()
            t0 = time.monotonic()
            proc = start_workers(port, workers, {**base, "ASSISTANT_AUDIT_URL": audit_url,
                                                 "ASSISTANT_RATE_LIMIT_PER_MINUTE": "10000000"},
                                 Path(scratch) / f"server-{workers}.log")
            ready_s = time.monotonic() - t0
            pids = worker_pids(proc.pid) or [proc.pid]  # one worker: uvicorn serves in the process itself
            loadavg = " ".join(f"{x:.2f}" for x in os.getloadavg())
            try:
                cpu0 = {p: cpu_seconds(p) for p in pids}
                result = asyncio.run(run(f"http://127.0.0.1:{port}", args.clients, args.duration, args.warmup,
                                         args.timeout, args.baseline, search_every=4))
                cpu = [round(cpu_seconds(p) - cpu0[p], 1) for p in pids]
            finally:
                stop_process(proc, 30)
            rows = audit_rows(audit_url)
            result.update({"workers": workers, "worker_pids": pids, "worker_cpu_s": cpu, "ready_s": round(ready_s, 1),
                           "audit_rows": rows, "loadavg_before": loadavg})
            runs.append(result)
            print(f"{workers} worker(s): {result['throughput_rps']} req/s, errors {result['errors']}, audit rows "
                  f"{rows}/{result['answered_asks']}, worker CPU {cpu} s", flush=True)

        # the limit across workers: a small budget, one key, a burst from many connections
        per_minute, key = args.limit, "bench-burst-key"
        port = free_port()
        proc = start_workers(port, 2, {**base, "ASSISTANT_AUDIT_URL": pg.create_database("audit_limit"),
                                       "ASSISTANT_RATE_LIMIT_PER_MINUTE": str(per_minute),
                                       "ASSISTANT_API_KEYS": json.dumps({key: "bench"})},
                             Path(scratch) / "server-limit.log")
        try:
            pids = worker_pids(proc.pid)
            cpu0 = {p: cpu_seconds(p) for p in pids}
            limit = asyncio.run(burst(f"http://127.0.0.1:{port}", key, 3 * per_minute))
            limit["worker_cpu_s"] = [round(cpu_seconds(p) - cpu0[p], 2) for p in pids]
        finally:
            stop_process(proc, 30)
        refill = int(limit["seconds"] * per_minute / 60)  # tokens the bucket regains while the burst lasts
        passed = limit["statuses"].get("200", 0)
        limit.update({"workers": 2, "per_minute": per_minute, "passed": passed, "allowed_max": per_minute + refill,
                      "holds": per_minute <= passed <= per_minute + refill
                      and passed + limit["statuses"].get("429", 0) == limit["requests"]})
        print(f"limit {per_minute}/min over 2 workers: {passed} of {limit['requests']} passed in "
              f"{limit['seconds']} s ({limit['statuses']})", flush=True)
    return {"runs": runs, "rate_limit": limit}


def write_shared_report(result: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    env, lim = result["environment"], result["rate_limit"]
    lines = [
        "# Load test: 1 and 2 uvicorn workers on chroma run + Redis + PostgreSQL", "",
        f"`{result['command']}` — {result['date']}, commit {env['commit']}", "",
        "| workers | clients | duration | requests (ask / search) | errors | throughput | p50 | p95 | max | "
        "one client p50 | audit rows / asks answered | worker CPU |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["runs"]:
        lat = r["latency_ms"]
        lines.append(
            f"| {r['workers']} | {r['clients']} | {r['duration_s']} s | {r['requests']} ({r['ok_by_kind']['ask']} / "
            f"{r['ok_by_kind']['search']}) | {r['errors']} | {r['throughput_rps']} req/s | {lat['p50']} ms | "
            f"{lat['p95']} ms | {lat['max']} ms | {r['single_client_ms']['p50']} ms | {r['audit_rows']} / "
            f"{r['answered_asks']} | {' + '.join(f'{c:g} s' for c in r['worker_cpu_s'])} |")
    lines += [
        "",
        f"**Rate limit across workers**: 2 workers, {lim['per_minute']} requests a minute per key (and per address), "
        f"{lim['requests']} requests at once on one key, each on its own connection: **{lim['passed']} passed**, "
        f"statuses {', '.join(f'{k}: {v}' for k, v in sorted(lim['statuses'].items()))}, in {lim['seconds']} s "
        f"(the bucket refills {lim['per_minute']}/60 a second, so at most {lim['allowed_max']} may pass); worker CPU "
        f"during the burst {' + '.join(f'{c:g} s' for c in lim['worker_cpu_s'])} (both workers served). "
        f"{'Holds.' if lim['holds'] else 'DOES NOT HOLD.'}",
        "",
        "- Stack, all on 127.0.0.1 and started by the script: `chroma run` (chromadb's server; the index is built into "
        "it from the embedding cache by the first start), redis-server (rate limits, `ASSISTANT_RATE_LIMIT_URL`; a "
        "budget of 10,000,000 a minute during the throughput runs, so each request pays the Redis round trip but "
        "none is refused), PostgreSQL 15 (the audit log, `ASSISTANT_AUDIT_URL`; a fresh database per run, default "
        "durability). Server: `python app.py --workers N` (uvicorn workers on one port; grounded composer).",
        "- Each client sends one request at a time; every fourth request is `GET /api/search` on the question, the "
        f"others `POST /api/ask` with the {result['runs'][0]['questions']} questions of eval/questions.jsonl "
        f"(multi-turn ones with their history). A {result['runs'][0]['warmup_s']} s warm-up is not counted; "
        "'audit rows' counts the PostgreSQL rows against every ask answered (warm-up and the one-client baseline "
        "included): equal means no record was lost.",
        f"- Machine: {env['cpus']} CPU cores **shared with other developers' jobs** (load average before each run: "
        f"{'; '.join(r['workers'].__str__() + ' worker(s) ' + r['loadavg_before'] for r in result['runs'])}), "
        f"{env['platform']}, Python {env['python']}, OMP_NUM_THREADS={env['omp_threads']}. Client, chroma, Redis, "
        "PostgreSQL and the workers all share those cores, so the second worker has little idle CPU to add: the "
        "numbers show that two workers on a shared stack serve without errors and without losing records or limits, "
        "not how they scale on a dedicated host (there throughput should grow with the cores, the work being CPU-bound "
        "per request).",
    ]
    errs = [e for r in result["runs"] for e in r["error_samples"]]
    if errs:
        lines += ["", "## Errors (first 10)", "", *[f"- `{e}`" for e in errs[:10]]]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="Target a running server instead of starting app.py.")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--duration", type=float, default=60.0, help="Seconds of measured load.")
    ap.add_argument("--warmup", type=float, default=5.0)
    ap.add_argument("--timeout", type=float, default=120.0, help="Per-request timeout (counts as an error).")
    ap.add_argument("--baseline", type=int, default=20, help="Sequential requests measured before the load.")
    ap.add_argument("--out", type=Path, default=None, help="Report path without extension (default "
                    "bench/reports/load, with --shared-stack bench/reports/load_workers).")
    ap.add_argument("--shared-stack", action="store_true", help="Start chroma run, redis-server and PostgreSQL and "
                    "compare 1 and 2 uvicorn workers against them, then check a rate limit across the workers.")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="With --shared-stack: worker counts.")
    ap.add_argument("--limit", type=int, default=30, help="With --shared-stack: the per-minute budget of the burst.")
    args = ap.parse_args()
    if args.shared_stack:
        return main_shared(args)
    args.out = args.out or REPORTS / "load"

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


def main_shared(args) -> None:
    out = args.out or REPORTS / "load_workers"
    result = shared_stack(args)
    result.update({
        "command": f"python bench/load_test.py --shared-stack --clients {args.clients} --duration {args.duration:g} "
                   f"--warmup {args.warmup:g} --baseline {args.baseline} --limit {args.limit}",
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "environment": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                        "omp_threads": os.environ.get("OMP_NUM_THREADS", "unset"), "commit": git_commit()},
    })
    write_shared_report(result, out)
    bad = [r for r in result["runs"] if r["errors"] or r["audit_rows"] != r["answered_asks"] or r["audit_notices"]]
    print(f"→ {out}.md")
    sys.exit(1 if bad or not result["rate_limit"]["holds"] else 0)


if __name__ == "__main__":
    main()
