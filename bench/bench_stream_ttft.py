"""Time to first text of /api/ask/stream with a streaming LLM, now that every sentence waits for the guard.

    python bench/bench_stream_ttft.py [--runs 5] [--first-chunk 0.3] [--chunk 0.03]

The LLM is the tests' scripted OpenAI-compatible endpoint (tests/web/scripted_llm.py) paced like a hosted
model: ``--first-chunk`` seconds to the first token, then one chunk (an English word or two Chinese characters)
every ``--chunk`` seconds. The app is the real one on uvicorn, configured by ASSISTANT_LLM_*; the client reads
the server-sent events over loopback. For each draft it reports the time from sending the question to the first
``delta`` (what the user waits for), to the moment the model itself began answering, and to ``final``.
Writes bench/reports/stream_ttft.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "web")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from conftest import LiveServer, free_port  # noqa: E402  (tests/web: the test suite's own server helper)
from scripted_llm import ScriptedLLM  # noqa: E402
from test_llm_wire import CARELESS_EN, CARELESS_ZH, REVERSAL_EN, REVERSAL_ZH  # noqa: E402

REPORT = ROOT / "bench" / "reports" / "stream_ttft.json"
WELL_BEHAVED = "执行回转的范围包括孳息吗？"
WELL_BEHAVED_DRAFT = ("**结论**：执行回转由执行法院裁定。\n- 《中华人民共和国民事诉讼法》第二百四十四条规定，执行完毕后，据以执行的判决、"
                      "裁定和其他法律文书确有错误，被人民法院撤销的，对已被执行的财产，人民法院应当作出裁定，责令取得财产的人返还。")


def one_stream(url: str, question: str, llm: ScriptedLLM) -> dict:
    before = len(llm.requests)
    t0 = time.perf_counter()
    first = final = None
    with httpx.stream("POST", url + "/api/ask/stream", json={"question": question}, timeout=120) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if line == "event: delta" and first is None:
                first = time.perf_counter() - t0
            elif line == "event: final":
                final = time.perf_counter() - t0
            elif line == "event: error":
                raise RuntimeError(f"error event for {question!r}")
    sent = [q for q in llm.requests[before:] if q.stream]
    return {"first_text_s": first, "final_s": final, "model_asked_s": sent[0].received_at - t0 if sent else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--first-chunk", type=float, default=0.3, help="the model's time to first token, seconds")
    ap.add_argument("--chunk", type=float, default=0.03, help="seconds between streamed chunks")
    args = ap.parse_args()

    from assistant.api import create_app
    from assistant.service import AssistantService
    from assistant.settings import Settings

    script = {REVERSAL_ZH: CARELESS_ZH, REVERSAL_EN: CARELESS_EN, WELL_BEHAVED: WELL_BEHAVED_DRAFT}
    drafts = {"careless zh (repair + 3 removals)": REVERSAL_ZH, "careless en (repair + 2 removals)": REVERSAL_EN,
              "well-behaved zh": WELL_BEHAVED}
    rows = {}
    with ScriptedLLM(script, first_chunk_s=args.first_chunk, chunk_s=args.chunk) as llm, \
            tempfile.TemporaryDirectory() as scratch:
        os.environ.update({"ASSISTANT_LLM_PROVIDER": "openai", "ASSISTANT_LLM_BASE_URL": llm.base_url,
                           "ASSISTANT_LLM_MODEL": llm.model, "ASSISTANT_LLM_API_KEY": llm.api_key,
                           "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
                           "ASSISTANT_AUDIT_DB": str(Path(scratch) / "audit.sqlite3")})
        settings = Settings()
        service = AssistantService.create(settings, progress=False)
        with LiveServer(create_app(service, settings=settings), free_port()) as live:
            for name, question in drafts.items():
                one_stream(live.url, question, llm)  # warm-up
                runs = [one_stream(live.url, question, llm) for _ in range(args.runs)]
                first_sentence = ScriptedLLM.chunks(script[question].split("\n", 1)[0])
                line_1 = args.first_chunk + args.chunk * (len(first_sentence) - 1)
                rows[name] = {
                    "first_text_s_median": round(statistics.median(r["first_text_s"] for r in runs), 3),
                    "first_text_s_max": round(max(r["first_text_s"] for r in runs), 3),
                    "model_asked_s_median": round(statistics.median(r["model_asked_s"] for r in runs), 3),
                    "first_line_streamed_by_model_s": round(line_1, 3),
                    # what the gate adds: first text, less the wait for the model and for its first line
                    "held_back_s_median": round(statistics.median(r["first_text_s"] - r["model_asked_s"] - line_1
                                                                  for r in runs), 3),
                    "final_s_median": round(statistics.median(r["final_s"] for r in runs), 3),
                    "runs": runs,
                }
    report = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": platform.platform(),
              "cpus": os.cpu_count(), "load_average": os.getloadavg(), "runs": args.runs, "model_first_chunk_s": args.first_chunk,
              "model_chunk_s": args.chunk, "drafts": rows}
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; medians of {args.runs} runs, seconds")
    print(f"{'draft':<36} {'first text':>10} {'(max)':>7} {'model asked':>11} {'model line 1':>12} {'held back':>9} "
          f"{'final':>7}")
    for name, r in rows.items():
        print(f"{name:<36} {r['first_text_s_median']:>10.3f} {r['first_text_s_max']:>7.3f} "
              f"{r['model_asked_s_median']:>11.3f} {r['first_line_streamed_by_model_s']:>12.3f} "
              f"{r['held_back_s_median']:>9.3f} {r['final_s_median']:>7.3f}")
    print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
