"""The learned fact reader against the word rules, on authors it was not trained on.

`python -m eval.fact_reading [--out FILE]`: the settlement questions of the bank labelled with their decisive facts
(eval/bank/fact_labels_AB.jsonl, written by authors A and B; eval/bank/fact_reading_C.jsonl, by author C from the
statutes only) are read two ways, each direction held out in turn (trained on A+B, tested on C; trained on C, tested
on A+B):

- the word rules: what navigator/reader.py's regular expressions read (settlement_facts_from_text with the learned
  reader off; contradictory facts read as nothing);
- the learned reader (navigator/fact_model.py) fitted on the other group, with the shipped probability bands (chosen
  on both directions held out, as `assistant train-fact-reader` does): a value below the floor counts as unknown.

Per fact (performance, role, submission): accuracy and macro-F1 over the values; for the learned reader also how
often it reads a value as stated and how often that is right, and how often a decisive fact it reports missing is
really unknown.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.answer.navigator.facts import ContradictoryFactsError
from assistant.answer.navigator.fact_model import (AS_OF, FACTS, UNKNOWN, FactReader, evaluate, fact_files, fit_fact,
                                                   load_labelled, scores, shipped_fact_reader)
from assistant.answer.navigator.reader import settlement_facts_from_text
from assistant.corpus.wording import load_fact_cues

BANK = Path(__file__).resolve().parent / "bank"


def word_rules(rows) -> dict[str, list[str]]:
    """The values the word rules read for each fact of each message."""
    out: dict[str, list[str]] = {f: [] for f in FACTS}
    for r in rows:
        try:
            facts = settlement_facts_from_text(r.text, today=r.as_of, fact_reader=None)
            got = {f: getattr(facts, f).value for f in FACTS}
        except ContradictoryFactsError:
            got = {f: UNKNOWN for f in FACTS}
        for f in FACTS:
            out[f].append(got[f])
    return out


def compare(train_rows, test_rows, cues, shipped: FactReader) -> dict:
    model = FactReader({f: fit_fact(train_rows, f, cues, floor=c.floor, sure=c.sure)
                        for f, c in shipped.classifiers.items()}, cues)
    learned = evaluate(model, test_rows)
    rules = word_rules(test_rows)
    out = {}
    for f in FACTS:
        gold = [r.labels[f] for r in test_rows]
        missing = [r.labels[f] for r in test_rows
                   if model.classifiers[f].decide(model.classifiers[f].probabilities(r.features)) == UNKNOWN]
        out[f] = {"word_rules": scores(gold, rules[f], model.classifiers[f].classes), "learned": learned[f],
                  "reported_missing": len(missing),
                  "missing_really_unknown": round(missing.count(UNKNOWN) / len(missing), 3) if missing else None}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="Write the report as JSON here too.")
    args = parser.parse_args(argv)
    cues = load_fact_cues()
    shipped = shipped_fact_reader()
    folds = {f.stem.split("_")[-1]: load_labelled(f, cues, as_of=AS_OF) for f in fact_files(BANK)}
    report: dict = {"bands": {f: {"floor": c.floor, "sure": c.sure} for f, c in shipped.classifiers.items()},
                    "messages": {name: len(rows) for name, rows in folds.items()}}
    for name, rows in folds.items():
        others = [r for n, rs in folds.items() if n != name for r in rs]
        if others:
            report[f"test_{name}_trained_on_{'+'.join(n for n in folds if n != name)}"] = compare(others, rows, cues,
                                                                                                   shipped)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
