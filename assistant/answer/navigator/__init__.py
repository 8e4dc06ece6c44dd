"""Relief navigator: which remedies are open or closed after a settlement collapses or a judgment is overturned,
and by when — from the rules in corpus/rules/navigator.yaml and the calculator in assistant/answer/deadlines.py.

One module a job: facts.py (the records), reader.py (text → facts, with spans and confidence), fact_model.py (the
learned reader of a settlement's performance, role and submission, behind Settings.fact_reader), engine.py (the rules
applied to the facts), render.py (the answer's text), route.py (which kind of question, and the answer),
request.py (the body of POST /api/navigate). Entry points:

* ``navigate_settlement(SettlementFacts)`` / ``navigate_reversal(ReversalFacts)`` → ``Navigation``;
* ``answer_from_question(question, today=...)`` → ``NavigatorAnswer`` or None;
* ``navigate_request(payload)`` — the body of POST /api/navigate.
"""

from assistant.answer.navigator.engine import (Navigation, RemedyVerdict, navigate_reversal, navigate_settlement,
                                               rule_set)
from assistant.answer.navigator.facts import ContradictoryFactsError, FactsError, ReversalFacts, SettlementFacts
from assistant.answer.navigator.reader import (Reading, ReadFact, extract_dates, question_focus, read_reversal,
                                               read_settlement, reversal_facts_from_text, settlement_facts_from_text)
from assistant.answer.navigator.render import NavigatorAnswer
from assistant.answer.navigator.request import navigate_request
from assistant.answer.navigator.route import answer_from_question

__all__ = [
    "SettlementFacts", "ReversalFacts", "Navigation", "RemedyVerdict", "NavigatorAnswer", "ContradictoryFactsError",
    "FactsError", "navigate_settlement", "navigate_reversal", "answer_from_question", "navigate_request", "rule_set",
    "extract_dates", "question_focus", "settlement_facts_from_text", "reversal_facts_from_text", "Reading", "ReadFact",
    "read_settlement", "read_reversal",
]
