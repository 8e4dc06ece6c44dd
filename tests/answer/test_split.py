"""Several questions in one message are split by their layout, and each part carries the case facts."""

from __future__ import annotations

import pytest

from assistant.answer.split import split_questions, with_facts

FACTS = "甲诉乙借款纠纷，法院判决乙还款50万元。执行中双方和解，约定分两期付款。乙付了第一期后不再履行。"


@pytest.mark.parametrize("layout", [
    "请回答：1. {a} 2. {b}", "问题：（1）{a}（2）{b}", "请分别回答：\n1、{a}\n2、{b}", "(1) {a} (2) {b}", "Q1: {a} Q2: {b}",
])
def test_numbered_sub_questions_after_facts(layout):
    text = FACTS + layout.format(a="甲可以采取哪些救济措施？", b="乙已付的款项如何处理？")
    split = split_questions(text)
    assert split is not None
    assert [p.number for p in split.parts] == [1, 2]
    assert split.parts[0].text.startswith("甲可以") and split.parts[1].text.startswith("乙已付")
    assert split.facts.startswith("甲诉乙") and "请" not in split.facts[-4:]
    assert with_facts(split, split.parts[1]).startswith(FACTS[:10])


def test_questions_in_a_row_lean_on_the_first():
    split = split_questions("和解协议签了对方不履行怎么办？他已经付的钱怎么算？")
    assert split is not None and len(split.parts) == 2
    assert with_facts(split, split.parts[1]).startswith("和解协议签了")


@pytest.mark.parametrize("text", [
    "和解协议不履行怎么办？", "执行中达成和解协议后，被执行人按约履行了第1期，第2期没有履行，怎么办？",
    "民事诉讼法第241条和第244条分别规定什么？", "", "1. 2. 3.",
])
def test_single_questions_are_not_split(text):
    assert split_questions(text) is None


def test_numbers_not_starting_at_one_are_not_sub_questions():
    split = split_questions(FACTS + "请回答：2. 甲可以怎么办？ 3. 乙怎么办？")
    assert split is None or split.facts == ""  # at most two questions in a row, never numbered parts


def test_numbered_facts_before_the_questions_stay_facts():
    case = ("甲乙经法院调解结案。调解书确定：1. 乙分两期付款，各付10万元；2. 乙今后不得使用甲的商标。乙均未履行。"
            "问题：1. 甲的申请是否超过申请执行期间？2. 不作为义务的申请执行期间从何时起算？3. 调解书能否作为执行依据？")
    split = split_questions(case)
    assert split is not None and [p.number for p in split.parts] == [1, 2, 3]
    assert split.parts[0].text.startswith("甲的申请是否超过") and "乙今后不得使用" in split.facts


def test_fused_rankings_put_what_both_searches_rank_high_first():
    from assistant.models import Hit
    from assistant.retrieve import RRF_K, fuse_rankings

    def hit(doc_id: str) -> Hit:
        return Hit(doc_id=doc_id, kind="note", text=doc_id, score=0.0, note_id=doc_id)

    facts_first = [hit("period"), hit("objection"), hit("parties")]
    asked_first = [hit("objection"), hit("suspension")]
    fused = fuse_rankings([facts_first, asked_first], k=3)
    assert [h.doc_id for h in fused] == ["objection", "period", "suspension"]
    assert fused[0].score == 1 / (RRF_K + 2) + 1 / (RRF_K + 1)
    assert fuse_rankings([[], []], k=3) == []


def test_each_part_of_a_case_is_also_searched_for_what_it_asks(service, monkeypatch):
    searched: list[str] = []
    search = service.chain.retriever.search

    def recording(query, k=10, mode="hybrid"):
        searched.append(query)
        return search(query, k=k, mode=mode)

    monkeypatch.setattr(service.chain.retriever, "search", recording)
    case = ("赵某申请执行钱某货款50万元，法院于2025年1月冻结了钱某的银行账户。2025年2月，二人私下签订和解协议，"
            "协议未提交法院。钱某于2025年6月10日向执行法院提出书面异议。\n问题：\n"
            "1. 钱某应通过何种程序主张该私下和解协议？\n2. 法院审查异议期间能否继续扣划钱某的存款？")
    answer = service.ask(case, [])
    assert "**1. " in answer.text and "**2. " in answer.text
    assert "钱某应通过何种程序主张该私下和解协议？" in searched
    assert "法院审查异议期间能否继续扣划钱某的存款？" in searched



def test_a_case_part_is_judged_as_a_statement_only_on_its_own_words(service):
    """A case's facts narrate what parties said, believed and claimed ('丙公司认为…已超过法定期间'); read with them,
    parts that ask what follows were taken for claims to judge and answered '这个说法不正确'. Over the bank's cases
    (eval/bank/cases_A.jsonl), a part is read as a statement exactly when its own words are one."""
    import json

    from assistant.answer.chain import Turn
    from eval.data import EVAL_DIR

    chain = service.chain
    cases = [json.loads(line) for line in (EVAL_DIR / "bank" / "cases_A.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    parts = 0
    for case in cases:
        split = split_questions(case["question"])
        if split is None or not split.facts:
            continue
        for part in split.parts:
            turn = Turn(question=with_facts(split, part), history=[], whole=True, asked=part.text)
            turn.standalone = turn.question
            assert (chain._statement(turn) is None) == (chain.statement_in(part.text) is None), part.text
            parts += 1
    assert parts >= 80
