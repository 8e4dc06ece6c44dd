"""eval.slice: a topic slice of the bank, traced item by item (the bank is development data; blind sets are not)."""

from __future__ import annotations

from eval.slice import BANK_FILES, failure_class, in_topic, load_items, main, summarise, topic_keys, trace


def test_the_third_party_slice_is_defined_by_provisions_the_corpus_holds(registry):
    keys = topic_keys("third_party", registry)
    assert "cpl:238" in keys and "objection-suit-interp:1" in keys
    items = load_items(BANK_FILES)
    picked = [i for i in items if in_topic(i, keys, registry)]
    assert 10 <= len(picked) < len(items) // 4
    # a bank question labelled only with settlement provisions is not in it
    assert not in_topic({"provisions": [{"law": "执行和解规定", "article": 9}], "notes": []}, keys, registry)
    assert in_topic({"provisions": [], "notes": ["proc-third-party-objection"]}, keys, registry)


def test_a_traced_item_says_where_the_chain_went(service):
    item = {"id": "t1", "author": "T", "question": "案外人异议被驳回后，认为原判决错误的，应当怎么办？",
            "notes": ["proc-objection-retrial-or-revocation-suit"],
            "provisions": [{"law": "民事诉讼法", "article": 238}], "must_mention": ["再审"]}
    row = trace(item, service)
    assert row["composer"] in ("grounded", "navigator") and row["top_notes"]
    assert row["failure"] == failure_class(row)
    assert (row["failure"] is None) == (row["concluded_right"] is not False)
    summary = summarise([row])
    assert summary["by_author"]["T"]["n"] == 1


def test_failure_classes_follow_the_chain_in_order():
    base = {"concluded_right": False, "abstained": None, "composer": "grounded", "labelled_notes": ["n"],
            "note_rank": 0, "concluded_from": "n"}
    assert failure_class({**base, "concluded_right": True}) is None
    assert failure_class({**base, "abstained": "out_of_scope"}) == "refused:out_of_scope"
    assert failure_class({**base, "composer": "navigator"}) == "routed_to_navigator"
    assert failure_class({**base, "note_rank": None}) == "retrieval_missed_note"
    assert failure_class({**base, "concluded_from": "m"}) == "other_note_concluded"
    assert failure_class(base) == "right_note_wrong_first_citation"


def test_blind_sets_are_refused(tmp_path, capsys):
    from eval.data import EVAL_DIR

    assert main(["--topic", "third_party", "--files", str(EVAL_DIR / "blind" / "questions.jsonl")]) == 2
    assert "aggregate only" in capsys.readouterr().err
