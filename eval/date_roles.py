"""The date-role tagger against the word rules it replaces, on authors it was not trained on.

`python -m eval.date_roles [--out FILE]`: for each author of eval/bank/date_roles_*.jsonl, the tagger is trained on
the other authors and scored on this one, three ways:

- roles: accuracy, and precision / recall per role;
- the reader's due date (navigator/reader.py, settlement facts): the date it takes as the agreed last day of
  performance, against the latest date labelled performance_due (none when no date is);
- the deadline calculator's starting date (reader._pick, as the router calls it): for each starting role of
  corpus/wording/date_roles.yaml, the date picked against the dates labelled with that role (none when no date is:
  the answer should ask for it).

Each decision is made by the word rules alone (the tagger never sure), the tagger where it is sure and the word
rules elsewhere (what ships), and the tagger alone (always sure). Only texts whose labelled dates find_dates finds
with a value take part in the two decisions, since the navigator sees only those.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from datetime import date
from pathlib import Path

from assistant.answer.date_roles import DateRoleTagger, evaluate, fit, load_labelled, shipped_tagger
from assistant.answer.navigator.facts import ContradictoryFactsError
from assistant.answer.navigator.reader import _pick, settlement_facts_from_text
from assistant.corpus.wording import load_date_cues
from assistant.text.dates import find_dates

BANK = Path(__file__).resolve().parent / "bank"
TODAY = date(2026, 12, 5)
# the router's anchor words for the events that count from each role (navigator/reader.py, _EVENT_PATTERNS)
ANCHORS = {"ruling_served": r"送达|收到|served|receiv", "judgment_effective": r"生效|effect",
           "application_filed": r"提出|提交|收到|filed|submitted", "performance_due": r"前|之前|以前|by\b|before"}


def _texts(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, [(start, end, role)]) of the texts whose every labelled date find_dates finds with a value."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        found = {f.surface: f for f in find_dates(item["text"], TODAY) if f.value is not None}
        spans, pos = [], 0
        for d in item["dates"]:
            at = item["text"].find(d["surface"], pos)
            f = next((f for f in found.values() if f.start == at), None)
            if at < 0 or f is None:
                break
            spans.append((f.start, f.end, d["role"]))
            pos = f.end
        else:
            out.append((item["text"], spans))
    return out


def _variants(tagger: DateRoleTagger) -> dict[str, DateRoleTagger]:
    return {"word_rules": dataclasses.replace(tagger, threshold=2.0), "tagger_then_rules": tagger,
            "tagger_alone": dataclasses.replace(tagger, threshold=0.0)}


def due_date_accuracy(tagger: DateRoleTagger, texts) -> dict:
    out = {}
    for name, variant in _variants(tagger).items():
        right = 0
        for text, spans in texts:
            dates = find_dates(text, TODAY)
            gold_due = [d.value for d in dates for s, e, r in spans if (d.start, d.end) == (s, e) and r == "performance_due"]
            try:
                got = settlement_facts_from_text(text, today=TODAY, dates=dates, tagger=variant).due_date
            except ContradictoryFactsError:
                got = "contradiction"
            right += got == (max(gold_due) if gold_due else None)
        out[name] = round(right / len(texts), 3) if texts else None
    return out


def start_date_accuracy(tagger: DateRoleTagger, texts) -> dict:
    out: dict[str, dict] = {}
    for name, variant in _variants(tagger).items():
        with_role = without_role = n_with = n_without = 0
        for text, spans in texts:
            dates = find_dates(text, TODAY)
            roles = {(s, e): r for s, e, r in spans}
            for role, anchor in ANCHORS.items():
                gold = [d for d in dates if roles.get((d.start, d.end)) == role]
                got = _pick(text, dates, anchor, role, variant)
                if gold:
                    n_with += 1
                    want = max(gold, key=lambda d: d.value) if role == "performance_due" else None
                    with_role += got is not None and roles.get((got.start, got.end)) == role and \
                        (want is None or got.value == want.value)
                else:
                    n_without += 1
                    without_role += got is None
        out[name] = {"given_picked_right": round(with_role / n_with, 3) if n_with else None, "given_n": n_with,
                     "not_given_asked": round(without_role / n_without, 3) if n_without else None,
                     "not_given_n": n_without}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="Write the report as JSON here too.")
    args = parser.parse_args(argv)
    cues = load_date_cues()
    shipped = shipped_tagger()
    files = sorted(BANK.glob("date_roles_*.jsonl"))
    folds = {f.stem.split("_")[-1]: load_labelled(f, cues) for f in files}
    report = {"threshold": shipped.threshold}
    for f in files:
        author = f.stem.split("_")[-1]
        others = [r for a, rs in folds.items() if a != author for r in rs]
        tagger = DateRoleTagger(cues.roles, fit(others, list(cues.roles)), shipped.threshold, cues)
        texts = _texts(f)
        report[f"test_{author}"] = {"roles": evaluate(tagger, folds[author]), "decision_texts": len(texts),
                                    "due_date_right": due_date_accuracy(tagger, texts),
                                    "start_date": start_date_accuracy(tagger, texts)}
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
