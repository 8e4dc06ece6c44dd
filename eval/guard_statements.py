"""The guard's claim checker on the statement bank: a large labelled claim set.

Each statement of eval/bank/statements_{A,B}.jsonl has a truth label and gold provisions. Its own citations are taken
out and its gold provisions (current numbers) are cited instead, in two forms: after it in brackets
(…。（《执行和解规定》第九条）) and before it (根据《执行和解规定》第九条，…). Then:

- a TRUE statement citing its gold provisions must verify: each citation not ``valid`` is a false alarm;
- a FALSE statement cites provisions that say otherwise: a catch is any citation ``unsupported``. Not every false
  statement contradicts its gold provision in words (some are false for what they leave out), so this is a recall
  proxy, comparable between versions of the guard, not a ceiling.

``partly`` statements are left out.

    python -m eval.guard_statements [--errors N] [--kind false_alarm|miss] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from assistant.corpus.registry import LawRegistry
from assistant.guard import check, extract_citations
from assistant.text.numerals import to_chinese

BANK = Path(__file__).resolve().parent / "bank"
FILES = (BANK / "statements_A.jsonl", BANK / "statements_B.jsonl")


def _strip_citations(text: str, registry: LawRegistry) -> str:
    """The statement without its citations, and without brackets or lead-ins they leave empty."""
    spans = sorted((c.start, c.end) for c in extract_citations(text, registry))
    out, pos = [], 0
    for s, e in spans:
        if s >= pos:
            out.append(text[pos:s])
            pos = e
    out.append(text[pos:])
    t = "".join(out)
    t = re.sub(r"[（(][\s、，,;；和及与]*(?:的规定|规定)?[\s、，,;；]*[)）]", "", t)
    t = re.sub(r"^(?:根据|依据|依照|按照|按|依|Under|According to|Pursuant to)\s*(?:的规定|规定)?[，,]?\s*", "", t, flags=re.I)
    t = re.sub(r"(?:根据|依据|依照|按照|按|依)\s*(?:的规定|规定)?[，,]", "", t)
    return t.strip()


def _cite(gold: list[dict], lang: str, registry: LawRegistry) -> str | None:
    parts = []
    for g in gold:
        law_id = registry.resolve_alias(g["law"]) or g["law"]
        if law_id not in registry.laws or registry.article(law_id, g["article"]) is None:
            return None
        law = registry.law(law_id)
        if lang == "en" and law.title_en:
            name = re.sub(r" of the People's Republic of China\b", "", law.title_en)
            parts.append(f"Article {g['article']} of the {name}")
        else:
            parts.append(f"《{law.short_name}》第{to_chinese(g['article'])}条")
    if lang == "zh":
        return "、".join(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def variants(row: dict, registry: LawRegistry) -> list[tuple[str, str]]:
    """(form, text) for the statement citing its gold provisions."""
    lang = row.get("lang", "zh")
    cite = _cite(row.get("gold") or [], lang, registry)
    if not cite:
        return []
    body = _strip_citations(row["statement"], registry)
    if len(body) < 6:
        return []
    if lang == "en":
        core = body.rstrip(" .;")
        return [("tail", f"{core} ({cite})."), ("lead", f"Under {cite}, {core[:1].lower()}{core[1:]}.")]
    core = body.rstrip("。；;，, ")
    return [("tail", f"{core}（{cite}）。"), ("lead", f"根据{cite}，{core}。")]


def evaluate(registry: LawRegistry, files=FILES) -> dict:
    counts = {"true": [0, 0], "false": [0, 0]}  # [texts, flagged]
    by_reason: dict[str, int] = {}
    errors = []
    for path in files:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            truth = row.get("truth")
            if truth not in counts:
                continue
            for form, text in variants(row, registry):
                cites = [c for c in check(text, registry).citations if c.citation.article is not None]
                if not cites:
                    continue
                flagged = [c for c in cites if c.verdict != "valid"] if truth == "true" else \
                    [c for c in cites if c.verdict == "unsupported"]
                counts[truth][0] += 1
                counts[truth][1] += bool(flagged)
                if truth == "true":
                    for c in flagged:
                        by_reason[c.verdict] = by_reason.get(c.verdict, 0) + 1
                if bool(flagged) == (truth == "true"):
                    errors.append({"id": row["id"], "form": form, "truth": truth, "text": text,
                                   "verdicts": [(c.text, c.verdict, c.message) for c in cites]})
    t, f = counts["true"], counts["false"]
    return {"true_texts": t[0], "false_alarm_rate": round(t[1] / t[0], 4) if t[0] else None,
            "false_texts": f[0], "false_caught_rate": round(f[1] / f[0], 4) if f[0] else None,
            "false_alarms_by_verdict": by_reason, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    from assistant.guard import default_registry

    ap = argparse.ArgumentParser(prog="python -m eval.guard_statements", description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="Print this many mismatches.")
    ap.add_argument("--kind", choices=["false_alarm", "miss"], help="Print only false alarms or only misses.")
    ap.add_argument("--json", action="store_true", help="Print the result as JSON.")
    args = ap.parse_args(argv)
    result = evaluate(default_registry())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"true statements citing their gold provisions: {result['true_texts']} texts, false alarms "
          f"{result['false_alarm_rate']} {result['false_alarms_by_verdict']}")
    print(f"false statements citing their gold provisions: {result['false_texts']} texts, caught as unsupported "
          f"{result['false_caught_rate']}")
    kind = {"false_alarm": "true", "miss": "false"}.get(args.kind or "")
    shown = [e for e in result["errors"] if kind in (None, e["truth"])]
    for e in shown[:args.errors]:
        print(f"- {e['id']} [{e['form']}] {e['truth']}: {e['text']}")
        for surface, verdict, message in e["verdicts"]:
            print(f"    {verdict} {surface}: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
