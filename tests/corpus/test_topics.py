"""The shared topic vocabulary: what a question names and what a law text shows."""

from __future__ import annotations

import pytest

from assistant.corpus.topics import TOPIC_LABELS, TOPICS, evidence_topics, named_topics


@pytest.mark.parametrize("text, topic", [
    ("民诉法第240条执行回转", "reversal"),
    ("What about the guarantor?", "guarantee"),
    ("申请执行时效是多久", "time_limit"),
    ("和解协议签了对方不履行", "settlement"),
])
def test_named_topics(text, topic):
    assert topic in named_topics(text)


def test_evidence_is_read_in_the_law_text(registry):
    assert "reversal" in evidence_topics(registry.article("cpl", 244).text)  # …责令取得财产的人返还
    assert "reversal" not in evidence_topics(registry.article("cpl", 240).text)  # 委托执行
    assert "settlement" in evidence_topics(registry.article("cpl", 241).text)


def test_every_topic_has_a_label_in_both_languages():
    assert set(TOPIC_LABELS) == set(TOPICS)
    assert all(zh and en for zh, en in TOPIC_LABELS.values())
