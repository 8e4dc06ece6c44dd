"""Blind sets: questions written by helpers who saw only the statute texts and a topic list.

Nothing is fitted or tuned on them, so this module reports them **in aggregate only**: no per-question file is
written and no failing item is printed. Once items have been read one by one to fix something, they are retired
(moved to ``eval/blind/retired/``) and a fresh writer replaces them.

Sets (each optional; a missing file is reported as absent):
- ``questions.jsonl``: realistic and textbook questions with gold provisions and key points (the headline set);
- ``objection_suit.jsonl``: third-party questions decided by the 2025 objection-suit interpretation;
- ``statements.jsonl``: "X says …, is that right?" with the truth and whether it rests on superseded law;
- ``cases.jsonl``: case-analysis questions with 2–4 numbered sub-questions;
- ``turns.jsonl``: conversation pairs, a topic switch (``depends`` false) or a real follow-up (``depends`` true).

    python -m eval.blind [--out eval/reports] [--label NAME]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

from eval.data import EVAL_DIR

try:
    from assistant.answer.grounded import NO_WORKED_ANSWER
except ImportError:  # measuring a commit from before honest fallbacks existed
    NO_WORKED_ANSWER = ()

BLIND_DIR = EVAL_DIR / "blind"
SET_FILES = ("questions", "objection_suit", "statements", "cases", "turns", "guard_cases")


def load_set(name: str, directory: Path = BLIND_DIR) -> list[dict]:
    path = directory / f"{name}.jsonl"
    if not path.exists():
        return []
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            items.append(json.loads(line))
    return items


def provision_keys(entries, registry) -> set[str]:
    """'law_id:article' in current numbering for gold entries written as {"law": any name, "article": N}."""
    keys = set()
    for e in entries or []:
        law = registry.resolve_alias(str(e.get("law", "")))
        if law is None:  # an instrument the corpus does not hold: a gold the answer cannot meet, counted as missed
            keys.add(f"unknown:{e.get('law')}:{e.get('article')}")
            continue
        keys.add(f"{law}:{int(e['article'])}")
    return keys


def cited_in_order(answer) -> list[str]:
    """The answer's valid citations in the order they appear in its text (the first is what it concludes from)."""
    out = []
    for c in sorted(answer.citations, key=lambda c: c.span[0]):
        if c.verdict == "valid" and c.law_id and (c.current_article or c.article):
            key = f"{c.law_id}:{c.current_article or c.article}"
            if key not in out:
                out.append(key)
    return out


# the answer asks the user for a fact (not a list of related questions, which also end in question marks)
_ASKS_BACK = re.compile(r"请(?:补充|告诉我|说明|提供|确认)|需要(?:知道|了解|确认)|还需要.{0,8}(?:信息|事实|日期)|"
                        r"请问.{0,30}[？?]|please (?:tell|give|confirm|let me know|provide)|I need to know|could you tell", re.I)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text.lower())


def mentions(text: str, key_point: str) -> bool:
    return _fold(key_point) in _fold(text)


# ----- stance -------------------------------------------------------------------------------------
# What the answer says of the user's statement, read from its opening (the conclusion comes first). Negative forms
# are tried before the positive ones they contain ('不正确' before '正确').
_STANCE_PATTERNS = (
    ("partly", re.compile(r"部分正确|不完全(正确|对|准确)|只说对了一半|有对有错|\bpartly\b|\bpartially\b|\bin part\b", re.I)),
    ("false", re.compile(r"不正确|不对|错误|不成立|不准确|说法有误|并非如此|不是这样|^\W*不[，,。]|\bno\b[,.]|\bnot (true|correct|right)\b|\bincorrect\b|\bwrong\b|\bfalse\b", re.I)),
    ("true", re.compile(r"正确|说得对|^\W*对[，,。]|是的|没错|属实|成立|\byes\b[,.]|\b(true|correct|right)\b", re.I)),
)


_CONCLUSION = re.compile(r"\*\*(?:结论|Conclusion)\*\*[：:]\s*(?P<c>[^\n]*)")


def read_stance(text: str, head_chars: int = 24) -> str | None:
    """The stance the answer takes, read from the first sentence of its conclusion (else its opening)."""
    m = _CONCLUSION.search(text)
    head = (m.group("c") if m else text.strip())[:head_chars]
    head = re.split(r"(?<=[。！？!?])|(?<=\.)\s", head)[0]
    for stance, pattern in _STANCE_PATTERNS:
        if pattern.search(head):
            return stance
    return None


# ----- scoring ------------------------------------------------------------------------------------
def _mean(values) -> float | None:
    values = list(values)
    return round(statistics.mean(values), 4) if values else None


def retrieved_keys(service, question: str, k: int) -> list[set[str]]:
    """The provisions each of the first k retrieval hits stands for (a note by its first two citations): whether the
    material for a right answer was found at all, apart from what the answer made of it."""
    from assistant.retrieve import QueryError

    try:
        hits = service.chain.retriever.search(question, k=k).hits
    except QueryError:
        return []
    keys = []
    for h in hits[:k]:
        if h.kind == "note" and h.cites:
            keys.append({f"{c.law_id}:{c.article}" for c in h.cites[:2]})
        elif h.kind == "article" and h.law_id and h.article:
            keys.append({f"{h.law_id}:{h.article}"})
        else:
            keys.append(set())
    return keys


def score_questions(items: list[dict], service) -> dict:
    registry = service.registry
    rows = []
    for item in items:
        turns = item["question"] if isinstance(item["question"], list) else [item["question"]]
        history = [{"role": "user", "content": t} for t in turns[:-1]]
        answer = service.ask(turns[-1], history)
        expected = item.get("expected")
        if expected not in ("answer", "ask", "decline"):  # a writer who put the reference answer here meant "answer"
            expected = "decline" if item.get("category") == "out_of_scope" else "answer"
        gold = provision_keys(item.get("gold"), registry)
        allowed = gold | provision_keys(item.get("acceptable"), registry)
        cited = cited_in_order(answer)
        row = {"category": item.get("category", "?"), "kind": item.get("kind", "?"), "lang": item.get("lang", "zh"),
               "expected": expected, "abstained": answer.abstained, "reason": answer.abstain_reason,
               "nonvalid": any(c.verdict != "valid" for c in answer.citations),
               "no_worked_answer": any(m[:12] in answer.text for m in NO_WORKED_ANSWER)}
        if expected == "answer" and gold:
            row["concluded_right"] = bool(cited) and cited[0] in allowed
            ranked = retrieved_keys(service, answer.standalone_question, 5)
            row["retrieved"] = any(keys & allowed for keys in ranked)
            row["first_retrieved"] = bool(ranked and ranked[0] & allowed)
            row["recall"] = len(gold & set(cited)) / len(gold)
            row["precision"] = (len(set(cited) & allowed) / len(cited)) if cited else 0.0
        keys = item.get("must_mention") or []
        if expected == "answer" and keys:
            row["key_points"] = all(mentions(answer.text, k) for k in keys)
        if expected == "decline":
            row["declined"] = answer.abstained
        if expected == "ask":
            row["asked"] = answer.abstain_reason == "needs_context" or bool(_ASKS_BACK.search(answer.text))
        rows.append(row)
    return _aggregate(rows)


def _aggregate(rows: list[dict]) -> dict:
    def block(rs):
        return {
            "n": len(rs),
            "concluded_right": _mean(r["concluded_right"] for r in rs if "concluded_right" in r),
            "retrieved_at_5": _mean(r["retrieved"] for r in rs if "retrieved" in r),
            "retrieved_at_1": _mean(r["first_retrieved"] for r in rs if "first_retrieved" in r),
            "gold_recall": _mean(r["recall"] for r in rs if "recall" in r),
            "precision_graded": _mean(r["precision"] for r in rs if "precision" in r),
            "key_points": _mean(r["key_points"] for r in rs if "key_points" in r),
            "nonvalid_share": _mean(r["nonvalid"] for r in rs),
            "declined_out_of_scope": _mean(r["declined"] for r in rs if "declined" in r),
            "asked_when_fact_missing": _mean(r["asked"] for r in rs if "asked" in r),
            "abstained_in_scope": _mean(r["abstained"] for r in rs if r["expected"] == "answer"),
            "no_worked_answer": _mean(r["no_worked_answer"] for r in rs if r["expected"] == "answer"),
        }

    out = {"all": block(rows)}
    for field in ("category", "kind", "lang"):
        groups = defaultdict(list)
        for r in rows:
            groups[r[field]].append(r)
        out[f"by_{field}"] = {k: block(v) for k, v in sorted(groups.items())}
    reasons = defaultdict(int)
    for r in rows:
        reasons[r["reason"] or "answered"] += 1
    out["abstain_reasons"] = dict(sorted(reasons.items()))
    return out


def score_statements(items: list[dict], service) -> dict:
    registry = service.registry
    rows = []
    for item in items:
        answer = service.ask(item["question"], [])
        stance = read_stance(answer.text)
        truth = item.get("truth")
        gold = provision_keys(item.get("gold"), registry)
        question = item["question"][-1] if isinstance(item["question"], list) else item["question"]
        rows.append({"superseded": bool(item.get("superseded")), "truth": truth, "stance": stance,
                     "category": item.get("category") or "–", "lang": item.get("lang") or "zh",
                     "route": answer.abstain_reason if answer.abstained else answer.composer,
                     "claim_read": service.chain.statement_in(question) is not None,
                     "right": stance is not None and stance == truth,
                     "recall": (len(gold & set(cited_in_order(answer))) / len(gold)) if gold else None,
                     "key_points": all(mentions(answer.text, k) for k in item.get("key_points") or [])})

    def block(rs):
        taken = [r for r in rs if r["stance"] is not None]
        return {"n": len(rs), "claim_read": _mean(r["claim_read"] for r in rs),
                "routes": dict(sorted(Counter(r["route"] for r in rs).items())),
                "stance_taken": _mean(r["stance"] is not None for r in rs),
                "right_when_taken": _mean(r["right"] for r in taken), "right_overall": _mean(r["right"] for r in rs),
                "false_statements_rejected": _mean(r["stance"] == "false" for r in rs if r["truth"] == "false"),
                "gold_recall": _mean(r["recall"] for r in rs if r["recall"] is not None),
                "key_points": _mean(r["key_points"] for r in rs)}

    return {"all": block(rows), "superseded": block([r for r in rows if r["superseded"]]),
            "current": block([r for r in rows if not r["superseded"]]),
            "by_lang": {k: block([r for r in rows if r["lang"] == k]) for k in sorted({r["lang"] for r in rows})},
            "by_category": {k: block([r for r in rows if r["category"] == k])
                            for k in sorted({r["category"] for r in rows})}}


def score_cases(items: list[dict], service) -> dict:
    """Each case is asked whole. A sub-question counts as answered when the answer has a part numbered for it, and
    as correct (a proxy for the written reference) when that answer also holds all its key points and cites a gold
    provision."""
    registry = service.registry
    rows = []
    for item in items:
        answer = service.ask(item["question"], [])
        cited = set(cited_in_order(answer))
        for sub in item.get("subquestions") or []:
            n = int(sub.get("n", 0))
            numbered = re.search(rf"(^|\n)\s*(\*\*)?[（(]?{n}[)）.、．]|第{n}问|问题\s*{n}|Q{n}\b", answer.text)
            gold = provision_keys(sub.get("gold"), registry)
            keys_ok = all(mentions(answer.text, k) for k in sub.get("key_points") or [])
            rows.append({"answered": bool(numbered) and not answer.abstained,
                         "correct_proxy": bool(numbered) and keys_ok and (not gold or bool(gold & cited)),
                         "abstained": answer.abstained})
    return {"cases": len(items), "subquestions": len(rows),
            "answered": _mean(r["answered"] for r in rows), "correct_proxy": _mean(r["correct_proxy"] for r in rows),
            "case_abstained": _mean(r["abstained"] for r in rows)}


def score_turns(items: list[dict], service) -> dict:
    """A topic switch is answered on its own: its standalone question is the question itself. A real follow-up is
    read with the turn before it and answers with a gold provision or its key points."""
    registry = service.registry
    switch, follow = [], []
    for item in items:
        first, second = item["turns"][0], item["turns"][-1]
        history = [{"role": "user", "content": first}]
        answer = service.ask(second, history)
        on_own = answer.standalone_question.strip() == second.strip()
        expected = item.get("expected") or "answer"
        gold = provision_keys(item.get("gold"), registry)
        cited = set(cited_in_order(answer))
        content_ok = (answer.abstained if expected == "decline"
                      else (not answer.abstained and (bool(gold & cited) or
                                                      all(mentions(answer.text, k) for k in item.get("must_mention") or ["\0"]))))
        if item.get("depends"):
            follow.append({"joined": not on_own, "ok": (not on_own) and content_ok})
        else:
            switch.append({"on_own": on_own, "ok": on_own and content_ok})
    return {"topic_switches": len(switch), "switch_answered_on_own": _mean(r["on_own"] for r in switch),
            "switch_right": _mean(r["ok"] for r in switch),
            "follow_ups": len(follow), "follow_up_joined": _mean(r["joined"] for r in follow),
            "follow_up_right": _mean(r["ok"] for r in follow)}


SETS = ("questions", "objection_suit", "statements", "cases", "turns", "guard")


def evaluate_blind(service, directory: Path = BLIND_DIR, only: tuple[str, ...] = SETS) -> dict:
    """Every blind set (or the ones named in `only`), scored in aggregate."""
    scorers = {"questions": score_questions, "objection_suit": score_questions, "statements": score_statements,
               "cases": score_cases, "turns": score_turns}
    report = {}
    for name, scorer in scorers.items():
        items = load_set(name, directory) if name in only else None
        report[name] = scorer(items, service) if items else None
    report["guard"] = score_guard(directory / "guard_cases.jsonl", service.registry) if "guard" in only else None
    return report


def score_guard(path: Path, registry) -> dict | None:
    """Per-verdict precision and recall, false alarms on valid citations; the mismatches are dropped unread."""
    if not path.exists():
        return None
    from eval.guard_eval import evaluate_guard

    result = evaluate_guard(path, registry)
    result.pop("errors", None)
    return result


def render_markdown(report: dict, label: str = "") -> str:
    lines = [f"# Blind sets{f' — {label}' if label else ''}", "",
             "Written by helpers who saw only the statute texts and a topic list; never tuned on; aggregates only.", ""]
    q = report.get("questions")
    for name in ("questions", "objection_suit"):
        q = report.get(name)
        if not q:
            lines += [f"## {name}: absent", ""]
            continue
        lines += [f"## {name}", "", "| group | n | concluded right | gold recall | precision (graded) | key points | "
                  "non-valid | declined (oos) | asked (missing fact) | abstained in scope | no worked answer | retrieved@5 |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        rows = [("all", q["all"])] + [(f"{k}", v) for k, v in q["by_category"].items()] + \
               [(f"kind={k}", v) for k, v in q["by_kind"].items()] + [(f"lang={k}", v) for k, v in q["by_lang"].items()]
        for label_, b in rows:
            lines.append("| " + " | ".join([label_, str(b["n"])] + [_fmt(b.get(k)) for k in (
                "concluded_right", "gold_recall", "precision_graded", "key_points", "nonvalid_share",
                "declined_out_of_scope", "asked_when_fact_missing", "abstained_in_scope", "no_worked_answer",
                "retrieved_at_5", "retrieved_at_1")]) + " |")
        lines += ["", f"abstain reasons: {json.dumps(q['abstain_reasons'], ensure_ascii=False)}", ""]
    s = report.get("statements")
    if s:
        lines += ["## statements", "", "| group | n | claim read | stance taken | right when taken | right overall | false rejected | gold recall | key points | answered by |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        groups = [(k, s[k]) for k in ("all", "superseded", "current")] + \
            [(f"lang={k}", v) for k, v in s.get("by_lang", {}).items()] + \
            [(f"topic={k}", v) for k, v in s.get("by_category", {}).items()]
        for label_, b in groups:
            routes = ", ".join(f"{k} {v}" for k, v in b.get("routes", {}).items())
            lines.append("| " + " | ".join([label_, str(b["n"])] + [_fmt(b.get(k)) for k in (
                "claim_read", "stance_taken", "right_when_taken", "right_overall", "false_statements_rejected", "gold_recall", "key_points")])
                + f" | {routes} |")
        lines.append("")
    c = report.get("cases")
    if c:
        lines += ["## cases", "", f"{c['cases']} cases, {c['subquestions']} sub-questions: answered {_fmt(c['answered'])}, "
                  f"correct (key points + gold cited, a proxy) {_fmt(c['correct_proxy'])}, whole case declined {_fmt(c['case_abstained'])}", ""]
    g = report.get("guard")
    if g:
        lines += ["## guard cases", "", "| verdict | precision | recall | support |", "|---|---|---|---|"]
        for verdict, m in g["per_verdict"].items():
            if m["support"] or m["fp"]:
                lines.append(f"| {verdict} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | {m['support']} |")
        lines += ["", f"false alarms on valid: {_fmt(g['false_alarm_rate_on_valid'])}; cases {g['cases']}, "
                  f"crashed {g.get('crashed_cases', 0)}; citations {g['citations']}; extraction recall "
                  f"{_fmt(g['extraction']['recall'])}", ""]
    t = report.get("turns")
    if t:
        lines += ["## turns", "", f"topic switches {t['topic_switches']}: answered on their own {_fmt(t['switch_answered_on_own'])}, "
                  f"and right {_fmt(t['switch_right'])}; follow-ups {t['follow_ups']}: joined {_fmt(t['follow_up_joined'])}, "
                  f"and right {_fmt(t['follow_up_right'])}", ""]
    return "\n".join(lines)


def _fmt(v) -> str:
    return "–" if v is None else f"{v:.3f}"


def main(argv: list[str] | None = None) -> int:
    from datetime import date

    from assistant.service import AssistantService
    from assistant.settings import Settings
    from eval.run import REPORTS, _git_commit

    ap = argparse.ArgumentParser(prog="python -m eval.blind", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPORTS)
    ap.add_argument("--dir", type=Path, default=BLIND_DIR)
    ap.add_argument("--label", default="", help="name of the report, e.g. 'baseline-<commit>'")
    ap.add_argument("--only", nargs="+", choices=SETS, default=list(SETS), help="score only these sets")
    args = ap.parse_args(argv)
    service = AssistantService.create(Settings(), progress=False, today=date(2026, 12, 4))
    report = evaluate_blind(service, args.dir, tuple(args.only))
    report["commit"] = _git_commit()
    label = args.label or f"commit {report['commit']}"
    stem = "blind" + (f"-{args.label}" if args.label else "")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{stem}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    (args.out / f"{stem}.md").write_text(render_markdown(report, label), encoding="utf-8")
    print(render_markdown(report, label))
    return 0


if __name__ == "__main__":
    sys.exit(main())
