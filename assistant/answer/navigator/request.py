"""The body of POST /api/navigate: facts as JSON in, the navigation (and the resumption deadline) as JSON out."""

from __future__ import annotations

from datetime import date

from assistant.answer.deadlines import DeadlineInputError, compute_deadline, parse_date
from assistant.answer.navigator.engine import navigate_reversal, navigate_settlement
from assistant.answer.navigator.facts import FactsError, Performance, ReversalFacts, SettlementFacts


def navigate_request(payload: dict, *, today: date | None = None) -> dict:
    """The body of POST /api/navigate → JSON. Bad or contradictory facts raise InputError (→ HTTP 400).

    Payload: {"procedure": "settlement" | "reversal" (optional: guessed from the fields), "facts": {...}}
    or the facts themselves at the top level; optionally "deadline": true with facts.due_date to add the
    resumption deadline.
    """
    if not isinstance(payload, dict):
        raise FactsError("请求体应为 JSON 对象。", "The request body must be a JSON object.")
    facts = payload.get("facts", None)
    procedure = payload.get("procedure")
    if facts is None:
        facts = {k: v for k, v in payload.items() if k not in ("procedure", "today")}
    if not isinstance(facts, dict):
        raise FactsError("facts 应为 JSON 对象。", "'facts' must be a JSON object.")
    if procedure is None:
        rev = set(ReversalFacts.model_fields)
        procedure = "reversal" if facts and set(facts) <= rev and not set(facts) <= set(SettlementFacts.model_fields) \
            else "settlement"
    t = parse_date(payload.get("today") or today or date.today(), "today")
    if procedure == "settlement":
        data = dict(facts)
        if "as_of" not in data:
            data["as_of"] = t
        sf = SettlementFacts(**data)
        nav = navigate_settlement(sf)
        out = nav.to_dict()
        if sf.due_date and sf.performance in (Performance.NOT_PERFORMED, Performance.PARTLY_PERFORMED,
                                              Performance.UNKNOWN) and "resume_enforcement" in nav.remedies_open:
            try:
                out["deadline"] = compute_deadline("settlement_default", sf.due_date, today=t).to_dict()
            except DeadlineInputError as e:
                out["deadline_error"] = e.to_dict()
        return out
    if procedure == "reversal":
        return navigate_reversal(ReversalFacts(**facts)).to_dict()
    raise FactsError(f"未知程序 {procedure!r}，应为 settlement 或 reversal。",
                     f"Unknown procedure {procedure!r}; use 'settlement' or 'reversal'.")

