"""The date-role tagger against the word rules it replaces, on authors it was not trained on.

`python -m eval.date_roles [--out FILE]`: for each author of eval/bank/date_roles_*.jsonl, the tagger is trained on
the other authors and scored on this one, three ways:

- roles: accuracy, and precision / recall per role;
- the reader's due date (navigator/reader.py, settlement facts): the date it takes as the agreed last day of
  performance, against the latest date labelled performance_due (none when no date is);
- the deadline calculator's starting date (reader._pick, as the router calls it): for each starting role of
  corpus/wording/date_roles.yaml, the date picked against the dates labelled with that role (none when no date is:
  the answer should ask for it).

Each decision is made by the word rules the navigator used before the tagger (kept here, frozen, to measure
against) and by the tagger as the navigator now reads it. Only texts whose labelled dates find_dates finds with a
value take part in the two decisions, since the navigator sees only those.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path

from assistant.answer.date_roles import DateRoleTagger, evaluate, fit, load_labelled, shipped_tagger
from assistant.answer.navigator.facts import ContradictoryFactsError
from assistant.answer.navigator.reader import _main_dates, _near, _pick, settlement_facts_from_text
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


# the reader's word rules for a due date before the tagger (navigator/reader.py at commit bbe14b2), frozen here
_DUE_AFTER = (r"\s*(?:之前|以前|前|内|之内|止)?[，,]?\s*(?:一次性|分期|全部|按月)?\s*(?:向\S{1,8})?"
              r"(?:支付|付清|付款|付|还清|还款|偿还|给付|履行|交付|结清|before|by)")
_DUE_BEFORE = (r"(?:约定|承诺|应当|应于|须于|需于|限于|履行期限(?:为|至|是)?|付款(?:期限|日期?)(?:为|是)?|到期日(?:为|是)?|"
               r"最后一期|(?:pay|paid|perform\w*|due) (?:by|on|before))\s*$")


def _word_rules_due(text: str, dates) -> date | None:
    """A date the wording binds to performance, else the latest date not said to be now (as the reader did)."""
    cand = [d for d in _main_dates(text, dates) if d.value is not None and
            not _near(text, d, r"现在|今天|目前|today|now", after=False)]
    bound = [d for d in cand if re.match(_DUE_AFTER, text[d.end:d.end + 14], re.I) or
             re.search(_DUE_BEFORE, text[max(0, d.start - 10):d.start], re.I)]
    return max(d.value for d in bound or cand) if cand else None


def due_date_accuracy(tagger: DateRoleTagger, texts) -> dict:
    out = {}
    for name in ("word_rules", "tagger"):
        right = 0
        for text, spans in texts:
            dates = find_dates(text, TODAY)
            gold_due = [d.value for d in dates for s, e, r in spans if (d.start, d.end) == (s, e) and r == "performance_due"]
            if name == "word_rules":
                got = _word_rules_due(text, dates)
            else:
                try:
                    got = settlement_facts_from_text(text, today=TODAY, dates=dates, tagger=tagger).due_date
                except ContradictoryFactsError:
                    got = "contradiction"
            right += got == (max(gold_due) if gold_due else None)
        out[name] = round(right / len(texts), 3) if texts else None
    return out


def start_date_accuracy(tagger: DateRoleTagger, texts) -> dict:
    out: dict[str, dict] = {}
    for name in ("word_rules", "tagger"):
        with_role = without_role = n_with = n_without = 0
        for text, spans in texts:
            dates = find_dates(text, TODAY)
            roles = {(s, e): r for s, e, r in spans}
            for role, anchor in ANCHORS.items():
                gold = [d for d in dates if roles.get((d.start, d.end)) == role]
                # without a role, _pick dates an event by its anchor words, as it did for every event before
                got = _pick(text, dates, anchor) if name == "word_rules" else _pick(text, dates, anchor, role, tagger)
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
