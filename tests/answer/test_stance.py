"""Statements to judge: the frame is read in any wording; the judgement follows the provision's polarity and
periods, and gives no stance when no provision speaks to the statement closely."""

from __future__ import annotations

import pytest

from assistant.answer.stance import durations, find_statement, judge, modal_class, statement_of, without_citations


@pytest.mark.parametrize("question,claim", [
    ("执行员说当事人要和解必须先撤回执行申请，对吗？", "当事人要和解必须先撤回执行申请"),
    ("我律师跟我说申请恢复执行之后就不能再起诉了，是真的吗？", "申请恢复执行之后就不能再起诉了"),
    ("听说申请执行的期限是一年，对吗？", "申请执行的期限是一年"),
    ("对方律师认为和解协议没有强制执行力，这种说法对吗", "和解协议没有强制执行力"),
    ("Is it true that the application period for enforcement is six months?", "the application period for enforcement is six months"),
    ("My lawyer says I cannot sue on the settlement once I have applied to resume — is that true?",
     "I cannot sue on the settlement once I have applied to resume"),
    # the frame grammar: a judgement tail (closed class) and a speech or belief marker, in other wordings
    ("对方一口咬定和解协议签了以后原判决就作废了，他说得有道理吗？", "和解协议签了以后原判决就作废了"),
    ("我在书上看到申请执行的期间是一年，现在还适用吗？", "申请执行的期间是一年"),
    ("申请执行的期间是一年，这个说法现在还适用吗？", "申请执行的期间是一年"),
    ("我理解的是，执行和解协议可以变更履行期限，没错吧？", "执行和解协议可以变更履行期限"),
    ("和解协议签了，对方一直不履行。现在恢复执行，已经付的部分应该从原判决金额里扣掉吧？",
     "现在恢复执行，已经付的部分应该从原判决金额里扣掉"),
    ("律师代理我谈执行和解，需要特别授权吗？我理解是必须有特别授权，没错吧？", "必须有特别授权"),
    ("口头和解记入了笔录，法院可以据此裁定中止执行吗？我觉得可以，对不对？", "口头和解记入了笔录，法院可以据此裁定中止执行"),
    ("执行员说可以直接出以物抵债裁定。执行员说的对吗？", "可以直接出以物抵债裁定"),
    ("Someone told me that the court can resume enforcement when the debtor breaches a settlement. Right?",
     "the court can resume enforcement when the debtor breaches a settlement"),
    # an English judging question of its own after the statement: its opening words carry no rule
    ("Where one party is an individual the period to apply for enforcement is one year. Is this still correct?",
     "Where one party is an individual the period to apply for enforcement is one year"),
    ("A court may take as long as it likes to decide on blacklisting. Still true?",
     "A court may take as long as it likes to decide on blacklisting"),
    ("The 2015 interpretation (Fa Shi [2015] No. 16) remains in force. True or false?",
     "The 2015 interpretation (Fa Shi [2015] No. 16) remains in force"),
    ("His lawyer says it ran out. I read that the period starts from the day of the breach. Who is right?",
     "the period starts from the day of the breach"),
])
def test_statement_frames(question, claim):
    st = statement_of(question)
    assert st is not None and st.claim == claim


@pytest.mark.parametrize("question,claim", [
    ("True or false: a suspension of enforcement granted on security may not exceed one year.",
     "a suspension of enforcement granted on security may not exceed one year"),
    ("Correct me if I'm wrong, but the settlement can be oral if the officer writes it into the record.",
     "the settlement can be oral if the officer writes it into the record"),
])
def test_frames_the_grammar_does_not_know_are_left_to_the_detector(question, claim):
    """Exam prefixes and hedges are not in the frame grammar: the learned detector takes the message for a
    statement, and claim_in reads the claim after the colon or the clause that carries the rule."""
    from assistant.answer.statement_detect import StatementDetector

    assert statement_of(question) is None
    st = find_statement(question, StatementDetector.load())
    assert st is not None and claim in st.claim


@pytest.mark.parametrize("question,is_statement", [
    ("My judgment was given in Beijing and the debtor lives in Shanghai. Which court is right?", False),
    ("The debtor paid half. Which figure is correct?", False),
    ("A court may take as long as it likes to decide on blacklisting. Still true?", True),
])
def test_a_judging_question_asked_apart_is_the_detectors_to_decide(question, is_statement):
    """'X. Which court is right?' asks which thing; 'X. Still true?' judges X: the grammar cannot tell them apart by
    the question's words, the learned detector reads the whole message."""
    from assistant.answer.statement_detect import StatementDetector

    assert statement_of(question).asked_apart
    assert (find_statement(question, StatementDetector.load()) is not None) is is_statement


@pytest.mark.parametrize("question", ["和解协议不履行怎么办？", "What is execution reversal?",
                                   "法院说要我补材料，我该补什么？",
                                      "执行回转应当由哪个法院裁定？", "",
                                      "对方不履行和解协议，我能申请恢复执行吗？", "申请执行期间是多久？对吗？",
                                      # whether a thing still stands, not whether someone's statement is right
                                      "我租的门面要被法院拍卖了，我的租赁合同还有效吗？",
                                      "案外人异议被驳回以后，法院的查封现在还有效吗？"])
def test_other_questions_are_not_statements(question):
    assert statement_of(question) is None


@pytest.mark.parametrize("text,cls", [("不得申请", "prohibit"), ("不能再起诉", "prohibit"), ("无需重新立案", "exempt"),
                                      ("应当恢复执行", "oblige"), ("必须先撤回", "oblige"), ("可以申请恢复执行", "permit"),
                                      ("有权提出异议", "permit"), ("可能会被拘留", None), ("申请执行的期间为二年", None)])
def test_modal_classes(text, cls):
    assert modal_class(text) == cls


@pytest.mark.parametrize("text,days", [("期间为二年", {730}), ("一年内", {365}), ("十五日内", {15}), ("six months", {180}),
                                       ("within 15 days", {15})])
def test_durations(text, days):
    assert durations(text) == days


def test_citations_are_cut_from_the_statement():
    claim = "根据民事诉讼法第二百三十条，和解协议不履行的可以恢复执行"
    start = claim.index("民事诉讼法")
    end = claim.index("，")
    assert without_citations(claim, [(start, end)]) == "和解协议不履行的可以恢复执行"


@pytest.mark.parametrize("claim,candidate,truth", [
    ("申请执行的期间是一年", ("cpl", 250), "false"),
    ("申请执行的期间为二年", ("cpl", 250), "true"),
    ("和解协议已经履行完毕的，人民法院应当恢复执行", ("cpl-interp", 465), "false"),
    ("和解协议已经履行完毕的，人民法院不予恢复执行", ("cpl-interp", 465), "true"),
    ("人民法院应当自收到书面异议之日起十五日内审查", ("cpl", 236), "true"),
    ("人民法院应当自收到书面异议之日起三十日内审查", ("cpl", 236), "false"),
    ("被执行人可以申请再审", ("settlement", 1), None),
])
def test_judgement_follows_the_provision(registry, claim, candidate, truth):
    assert judge(claim, [candidate], registry).truth == truth
