"""A topic slice of the question bank, scored by author, with the reason each item went wrong.

The blind sets are reported in aggregate only, so a weak topic there (third-party objections) is studied on the
bank, which is development data and may be read item by item: this module picks the bank questions of a topic (by
the provisions they are labelled with, or that the notes they are labelled with rest on) and, for each, records
where the chain went: refused, answered by the navigator, a labelled note among the first five notes retrieved,
the note the conclusion came from, the first provision cited. Scores follow eval.blind (concluded right: the first
valid citation is a labelled provision; recall of the labelled provisions; key points).

    python -m eval.slice --topic third_party [--files eval/bank/train_A.jsonl eval/bank/dev_B.jsonl] [--items]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from eval.blind import NO_WORKED_ANSWER, _mean, cited_in_order, mentions, provision_keys
from eval.data import EVAL_DIR

BANK_FILES = (EVAL_DIR / "bank" / "train_A.jsonl", EVAL_DIR / "bank" / "dev_B.jsonl")
STATEMENT_FILES = (EVAL_DIR / "bank" / "statements_A.jsonl", EVAL_DIR / "bank" / "statements_B.jsonl")

# A topic is the set of provisions that decide it, as {"law": any name, "article": first, "to": last}; a bank
# question belongs to it when a provision it is labelled with, or the leading provision of a note it is labelled
# with, is in the set.
TOPICS = {
    "all": [],  # no filter: the whole file, to see that a change for one topic costs nothing elsewhere
    "third_party": [  # 案外人异议, 执行异议之诉, 许可执行之诉, and the choice between them and retrial
        {"law": "民事诉讼法", "article": 238, "to": 238},
        {"law": "民诉法解释", "article": 302, "to": 316},
        {"law": "民诉法解释", "article": 421, "to": 421},
        {"law": "异议复议规定", "article": 24, "to": 31},
        {"law": "执行异议之诉解释", "article": 1, "to": 40},
        {"law": "执行程序解释", "article": 14, "to": 15},
    ],
    "refusal": [  # 拒不执行判决、裁定罪: who commits it, conduct, 自诉 and transfer, leniency, recovery
        {"law": "拒执罪解释", "article": 1, "to": 30},
    ],
    "settlement_default": [  # a settlement not (fully) performed: resume or sue, the routes it closes, deduction
        {"law": "执行和解规定", "article": 9, "to": 17},
        {"law": "民事诉讼法", "article": 241, "to": 241},
        {"law": "民诉法解释", "article": 464, "to": 466},
    ],
}

TOP_NOTES = 5


def topic_keys(topic: str, registry) -> set[str]:
    keys = set()
    for span in TOPICS[topic]:
        law = registry.resolve_alias(span["law"])
        if law is None:
            raise SystemExit(f"topic {topic}: the corpus holds no law named {span['law']}")
        keys |= {f"{law}:{n}" for n in range(span["article"], span["to"] + 1)}
    return keys


def load_items(paths) -> list[dict]:
    items = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                item["author"] = f"{Path(path).stem.split('_')[0]}_{item.get('author') or Path(path).stem.split('_')[-1]}"
                items.append(item)
    return items


def in_topic(item: dict, keys: set[str], registry) -> bool:
    if not keys:
        return True
    gold = provision_keys(item.get("provisions") or item.get("gold"), registry)
    notes = [registry.note(n) for n in item.get("notes") or []]
    leads = {f"{n.cites[0].law_id}:{n.cites[0].article}" for n in notes if n is not None and n.cites}
    return bool((gold | leads) & keys)


def trace(item: dict, service) -> dict:
    """Ask the question through the chain's stages, keeping what each stage decided."""
    from assistant.answer.chain import Turn

    chain, registry = service.chain, service.registry
    turns = item["question"] if isinstance(item["question"], list) else [item["question"]]
    turn = Turn(question=turns[-1], history=[{"role": "user", "content": t} for t in turns[:-1]])
    turn = chain.compose(chain.retrieve(chain.route(chain.condense(turn))))
    notes_found = list(dict.fromkeys(h.note_id for h in turn.hits if h.kind == "note"))  # a split's parts, in turn
    answer = chain.respond(chain.check(turn))
    labelled = list(item.get("notes") or [])
    gold = provision_keys(item.get("provisions") or item.get("gold"), registry)
    allowed = gold | provision_keys(item.get("acceptable"), registry)
    cited = cited_in_order(answer)
    # an English answer states the note's English conclusion
    concluded_from = next((n for n in notes_found if (note := registry.note(n)) is not None
                           and any(c and c[:40] in answer.text for c in (note.conclusion, note.conclusion_en))), None)
    keys = item.get("must_mention") or item.get("key_points") or []
    row = {"id": item.get("id"), "author": item.get("author"), "question": turns[-1],
           "composer": answer.composer, "abstained": answer.abstain_reason,
           "split": turn.split is not None, "labelled_notes": labelled,
           "no_worked_answer": any(m[:12] in answer.text for m in NO_WORKED_ANSWER),
           "note_rank": next((i for i, n in enumerate(notes_found) if n in labelled), None),
           "top_notes": notes_found[:TOP_NOTES], "concluded_from": concluded_from,
           "gold": sorted(gold), "cited": cited,
           "concluded_right": (bool(cited) and cited[0] in allowed) if gold else None,  # None: nothing to cite
           "recall": len(gold & set(cited)) / len(gold) if gold else None,
           "key_points": all(mentions(answer.text, k) for k in keys) if keys else None}
    row["failure"] = failure_class(row)
    return row


def failure_class(row: dict) -> str | None:
    """Where the chain went wrong, the earliest stage first."""
    if row["concluded_right"] is not False:
        return None
    if row["abstained"]:
        return f"refused:{row['abstained']}"
    if row["composer"] == "navigator":
        return "routed_to_navigator"
    if row.get("no_worked_answer"):
        return "no_worked_answer"
    if not row["labelled_notes"]:
        return "wrong_conclusion"
    if row["note_rank"] is None or row["note_rank"] >= TOP_NOTES:
        return "retrieval_missed_note"
    if row["concluded_from"] not in row["labelled_notes"]:
        return "other_note_concluded"
    return "right_note_wrong_first_citation"


def summarise(rows: list[dict]) -> dict:
    def block(rs):
        return {"n": len(rs), "concluded_right": _mean(r["concluded_right"] for r in rs if r["concluded_right"] is not None),
                "gold_recall": _mean(r["recall"] for r in rs if r["recall"] is not None),
                "key_points": _mean(r["key_points"] for r in rs if r["key_points"] is not None),
                "labelled_note_in_top5": _mean(r["note_rank"] is not None and r["note_rank"] < TOP_NOTES
                                               for r in rs if r["labelled_notes"]),
                "failures": dict(Counter(r["failure"] for r in rs if r["failure"]).most_common())}

    by_author = defaultdict(list)
    for r in rows:
        by_author[r["author"]].append(r)
    return {"all": block(rows), "by_author": {a: block(rs) for a, rs in sorted(by_author.items())}}


def main(argv: list[str] | None = None) -> int:
    from assistant.service import AssistantService
    from assistant.settings import Settings

    ap = argparse.ArgumentParser(prog="python -m eval.slice", description=__doc__.split("\n\n")[0])
    ap.add_argument("--topic", choices=sorted(TOPICS), required=True)
    ap.add_argument("--files", nargs="+", type=Path, default=list(BANK_FILES),
                    help="bank files (never a blind set: this module prints items)")
    ap.add_argument("--statements", action="store_true", help="also the bank's statements to judge (by their gold)")
    ap.add_argument("--items", action="store_true", help="print each item's trace as JSON lines")
    ap.add_argument("--out", type=Path, help="write the summary and the traces here as JSON")
    args = ap.parse_args(argv)
    blind = (EVAL_DIR / "blind").resolve()
    if any(blind in p.resolve().parents for p in args.files):
        print("eval.slice prints items; blind sets are scored by eval.blind in aggregate only", file=sys.stderr)
        return 2
    service = AssistantService.create(Settings(), progress=False, today=date(2026, 12, 4))
    keys = topic_keys(args.topic, service.registry)
    files = [*args.files, *(STATEMENT_FILES if args.statements else ())]
    items = [i for i in load_items(files) if in_topic(i, keys, service.registry)]
    rows = [trace(i, service) for i in items]
    summary = summarise(rows)
    if args.items:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"summary": summary, "items": rows}, ensure_ascii=False, indent=1),
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
