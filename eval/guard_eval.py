"""Citation guard evaluation: precision and recall per verdict on eval/guard_cases.jsonl.

Sets: ``cases`` (eval/guard_cases.jsonl, the guard's own cases), ``dev`` (eval/guard_dev.jsonl), ``devC``
(eval/guard_dev_C.jsonl), ``devD`` (eval/guard_dev_D.jsonl), ``devE`` (eval/guard_dev_E.jsonl: mostly valid
citations written to be hard to recognise as valid) and ``devF`` (eval/guard_dev_F.jsonl: mostly valid citations, mixed
with wrong ones in one sentence, cited together for one claim, or read against conditions and periods) and ``devG``
(eval/guard_dev_G.jsonl: about half wrong claims about existing provisions — polarity, actor, period, procedure,
neighbouring 款 — written after the unsupported-recall work on C–E and used to decide what of it to keep), each written from the statute texts alone, in the blind set's schema; tuned on, unlike the
blind set in eval/blind/. ``all`` scores every set whose file is present.

Expected citations (``surface``, an exact substring of the text) are matched one-to-one to the
citations the guard extracts by span overlap (largest overlap first, in text order). Then for each
verdict v: a true positive is a matched pair where both say v; a false negative an expected v that is
unmatched or got another verdict; a false positive a predicted v that is unmatched or expected otherwise.

    python -m eval.guard_eval [CASES | --set cases|dev|devC|devD|devE|devF|devG|all] [--errors N] [--verdict V] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from assistant.corpus.registry import LawRegistry
from assistant.guard import VERDICTS, check

EVAL_DIR = Path(__file__).resolve().parent
GUARD_SETS = {"cases": EVAL_DIR / "guard_cases.jsonl", "dev": EVAL_DIR / "guard_dev.jsonl",
              "devC": EVAL_DIR / "guard_dev_C.jsonl", "devD": EVAL_DIR / "guard_dev_D.jsonl",
              "devE": EVAL_DIR / "guard_dev_E.jsonl", "devF": EVAL_DIR / "guard_dev_F.jsonl",
              "devG": EVAL_DIR / "guard_dev_G.jsonl"}


def load_cases(path: Path) -> tuple[list[dict], list[str]]:
    cases, errors = [], []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError("needs an object with a text")
            for e in obj.get("expected") or []:
                if "surface" not in e or "verdict" not in e:
                    raise ValueError(f"expected entry needs surface and verdict: {e}")
            cases.append(obj)
        except (json.JSONDecodeError, ValueError) as exc:
            errors.append(f"{Path(path).name}:{lineno}: {exc}")
    return cases, errors


def _locate(text: str, expected: list[dict]) -> list[tuple[int, int] | None]:
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for e in expected:
        s = e["surface"]
        i = text.find(s, pos)
        if i < 0:
            i = text.find(s)
        if i < 0:
            spans.append(None)
            continue
        spans.append((i, i + len(s)))
        pos = i + len(s)
    return spans


def match(expected_spans: list[tuple[int, int] | None], predicted_spans: list[tuple[int, int]]) -> dict[int, int]:
    """Expected index → predicted index, one-to-one, by largest character overlap."""
    pairs = []
    for i, es in enumerate(expected_spans):
        if es is None:
            continue
        for j, ps in enumerate(predicted_spans):
            ov = min(es[1], ps[1]) - max(es[0], ps[0])
            if ov > 0:
                pairs.append((-ov, abs(es[0] - ps[0]), i, j))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in pairs:
        if i in out or j in used:
            continue
        out[i] = j
        used.add(j)
    return out


def _law_id(law: str | None, registry: LawRegistry) -> str | None:
    """The expected law as a corpus id: sets written from the statute texts name it (民事诉讼法, 限高规定)."""
    if not law or law in registry.laws:
        return law
    from assistant.guard.names import name_index

    return name_index(registry).resolve(law)[0] or registry.resolve_alias(law)


def evaluate_guard(cases_path: Path, registry: LawRegistry, *, max_errors: int = 400) -> dict:
    """Precision / recall per verdict, extraction P/R, false alarms on valid, and the mismatches."""
    cases, load_errors = load_cases(cases_path)
    tp = {v: 0 for v in VERDICTS}
    fp = {v: 0 for v in VERDICTS}
    fn = {v: 0 for v in VERDICTS}
    support = {v: 0 for v in VERDICTS}
    n_expected = n_predicted = n_matched = 0
    valid_total = valid_flagged = 0
    current_ok = current_total = 0
    law_ok = 0
    errors: list[dict] = []
    crashed = 0
    started = time.perf_counter()
    for case in cases:
        text = case["text"]
        expected = case.get("expected") or []
        try:
            predicted = list(check(text, registry).citations)
        except Exception:  # noqa: BLE001 — a crash is a miss for each citation of the case, and is counted
            crashed += 1
            predicted = []
        spans = _locate(text, expected)
        m = match(spans, [(c.start, c.end) for c in predicted])
        n_expected += len(expected)
        n_predicted += len(predicted)
        n_matched += len(m)
        matched_pred = set(m.values())
        for i, e in enumerate(expected):
            v = e["verdict"]
            support[v] = support.get(v, 0) + 1
            p = predicted[m[i]] if i in m else None
            if p is not None and p.verdict == v:
                tp[v] += 1
            else:
                fn[v] += 1
                if p is not None:
                    fp[p.verdict] += 1
            if v == "valid":
                valid_total += 1
                if p is not None and p.verdict != "valid":
                    valid_flagged += 1
            if p is not None:
                law_ok += int(p.law_id == _law_id(e.get("law"), registry))
            if v == "outdated_numbering" and p is not None and p.verdict == v:
                current_total += 1
                current_ok += int(p.current_article == e.get("current_article"))
            if (p is None or p.verdict != v) and len(errors) < max_errors:
                errors.append({"id": case.get("id"), "surface": e["surface"], "expected": v,
                               "got": p.verdict if p else None, "got_text": p.text if p else None,
                               "message": p.message if p else None, "text": text})
        for j, p in enumerate(predicted):
            if j not in matched_pred:
                fp[p.verdict] += 1
                if len(errors) < max_errors:
                    errors.append({"id": case.get("id"), "surface": None, "expected": None, "got": p.verdict,
                                   "got_text": p.text, "message": p.message, "text": text})
    elapsed = time.perf_counter() - started
    per_verdict = {}
    for v in VERDICTS:
        per_verdict[v] = {
            "precision": round(tp[v] / (tp[v] + fp[v]), 4) if tp[v] + fp[v] else None,
            "recall": round(tp[v] / (tp[v] + fn[v]), 4) if tp[v] + fn[v] else None,
            "support": support.get(v, 0), "tp": tp[v], "fp": fp[v], "fn": fn[v],
        }
    return {
        "per_verdict": per_verdict,
        "false_alarm_rate_on_valid": round(valid_flagged / valid_total, 4) if valid_total else None,
        "extraction": {"precision": round(n_matched / n_predicted, 4) if n_predicted else None,
                       "recall": round(n_matched / n_expected, 4) if n_expected else None},
        "law_accuracy_on_matched": round(law_ok / n_matched, 4) if n_matched else None,
        "outdated_current_article_accuracy": round(current_ok / current_total, 4) if current_total else None,
        "cases": len(cases), "crashed_cases": crashed, "citations": n_expected, "skipped_lines": load_errors,
        "seconds": round(elapsed, 3), "errors": errors,
    }


def render_table(result: dict) -> str:
    lines = ["| verdict | precision | recall | support | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for v, m in result["per_verdict"].items():
        fmt = lambda x: "—" if x is None else f"{x:.3f}"  # noqa: E731
        lines.append(f"| {v} | {fmt(m['precision'])} | {fmt(m['recall'])} | {m['support']} | {m['tp']} | {m['fp']} | {m['fn']} |")
    lines.append("")
    lines.append(f"false alarms on valid: {result['false_alarm_rate_on_valid']}  ·  extraction P/R: "
                 f"{result['extraction']['precision']} / {result['extraction']['recall']}  ·  law accuracy: "
                 f"{result['law_accuracy_on_matched']}  ·  current article (outdated): "
                 f"{result['outdated_current_article_accuracy']}")
    lines.append(f"{result['cases']} cases, {result['citations']} expected citations, {result['seconds']} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from assistant.guard import default_registry

    ap = argparse.ArgumentParser(prog="python -m eval.guard_eval", description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="?", type=Path, default=None, help="A cases file (default: the set chosen by --set).")
    ap.add_argument("--set", choices=[*GUARD_SETS, "all"], default="cases",
                    help="Which guard set to score: the guard's own cases, the development set, or both.")
    ap.add_argument("--errors", type=int, default=0, help="Print this many mismatches.")
    ap.add_argument("--verdict", choices=VERDICTS, help="Print only mismatches expected (or predicted) as this verdict.")
    ap.add_argument("--json", action="store_true", help="Print the full result as JSON.")
    args = ap.parse_args(argv)
    if args.cases is not None:
        paths = {args.cases.stem: args.cases}
    else:
        paths = {k: p for k, p in GUARD_SETS.items() if p.exists()} if args.set == "all" else \
            {args.set: GUARD_SETS[args.set]}
    missing = [str(p) for p in paths.values() if not p.exists()]
    if missing:
        print(f"no such cases file: {', '.join(missing)}", file=sys.stderr)
        return 2
    registry = default_registry()
    results = {name: evaluate_guard(path, registry) for name, path in paths.items()}
    if args.json:
        print(json.dumps(results if len(results) > 1 else next(iter(results.values())), ensure_ascii=False, indent=1))
        return 0
    for name, result in results.items():
        if len(results) > 1:
            print(f"## {name} ({paths[name].name})\n")
        print(render_table(result))
        errors = [e for e in result["errors"] if args.verdict in (None, e["expected"], e["got"])]
        for e in errors[:args.errors]:
            print(f"- {e['id']}: expected {e['expected']} for {e['surface']!r}, got {e['got']} for {e['got_text']!r}: "
                  f"{e['message']}\n    {e['text']}")
        if len(results) > 1:
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
