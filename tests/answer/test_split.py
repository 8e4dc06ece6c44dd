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
