"""python -m eval [--fast] [--questions FILE] [--guard-cases FILE] [--out DIR]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval.run import REPORTS, run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval", description="Measure retrieval, answers, guard and latency.")
    ap.add_argument("--fast", action="store_true", help="30-question subset; fails below the thresholds.")
    ap.add_argument("--questions", type=Path, default=Path(__file__).parent / "questions.jsonl")
    ap.add_argument("--guard-cases", type=Path, default=Path(__file__).parent / "guard_cases.jsonl")
    ap.add_argument("--out", type=Path, default=REPORTS)
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)
    report = run(args.questions, args.guard_cases, fast=args.fast, out_dir=args.out, with_baseline=not args.no_baseline)
    print((args.out / ("fast.md" if args.fast else "latest.md")).read_text(encoding="utf-8"))
    return 0 if report["thresholds"]["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
