"""Instruments the corpus knows by name, status and size only (corpus/outside/instruments.yaml): repealed laws,
superseded interpretations and laws in force outside the corpus, bracketed or not, in Chinese and English."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.settings import REPO_ROOT
from tests.guard.factories import check_expect, run, verdict

REPEALED_CASES = [
    # the crash of issue 17: a repealed law, bracketed
    ("根据《合同法》第一百零七条，违约方应承担责任。", verdict("《合同法》第一百零七条", "not_in_force")),
    # unbracketed, after a verb, at the start, with the full title, in arabic digits
    ("根据合同法第一百零七条，违约方应承担责任。", verdict("合同法第一百零七条", "not_in_force")),
    ("担保法第十八条规定了连带责任保证。", verdict("担保法第十八条", "not_in_force")),
    ("《中华人民共和国担保法》第十八条规定了连带责任保证。", verdict("《中华人民共和国担保法》第十八条", "not_in_force")),
    ("依照物权法第190条，抵押权不受影响。", verdict("物权法第190条", "not_in_force")),
    ("《物权法》第一百九十条", verdict("《物权法》第一百九十条", "not_in_force")),
    ("民法通则第一百零八条规定债务应当清偿。", verdict("民法通则第一百零八条", "not_in_force")),
    ("《中华人民共和国民法通则》第一百三十五条规定诉讼时效期间为二年。",
     verdict("《中华人民共和国民法通则》第一百三十五条", "not_in_force")),
    ("依据《担保法解释》第一百三十一条处理。", verdict("《担保法解释》第一百三十一条", "not_in_force")),
    ("民诉意见第二百五十八条", verdict("民诉意见第二百五十八条", "not_in_force")),
    # a number past the repealed law's last article: still not law in force, and the message says both
    ("《合同法》第五百条", verdict("《合同法》第五百条", "not_in_force")),
    # a law named without an article
    ("本案应适用合同法处理。", verdict("合同法", "not_in_force")),
    # English names
    ("Under Article 107 of the Contract Law, the breaching party is liable.", verdict("Article 107", "not_in_force")),
    ("Article 18 of the Guarantee Law provides for joint and several suretyship.",
     verdict("Article 18", "not_in_force")),
    # the writer speaks of the former law: a historical mention, not a basis
    ("原合同法第五十二条规定了合同无效的情形，现已被民法典取代。", verdict("合同法第五十二条", "valid")),
    ("1992年发布的《关于适用〈中华人民共和国民事诉讼法〉若干问题的意见》同时废止。", verdict("若干问题的意见》", "valid")),
    # …but words about the repeal in another clause do not make a cited basis historical
    ("根据合同法第一百零七条，违约方应承担责任，民法典取代合同法后仍是如此。", verdict("合同法第一百零七条", "not_in_force")),
    # the superseded 2015 拒执 interpretation, by its old title and document number: not an unknown law
    ("根据《最高人民法院关于审理拒不执行判决、裁定刑事案件适用法律若干问题的解释》第二条，有能力执行而拒不执行的应当处罚。",
     verdict("第二条", "not_in_force")),
    ("法释〔2015〕16号第三条", verdict("法释〔2015〕16号第三条", "not_in_force")),
    # …and in English, a year inside the name pointing before the interpretation in force
    ("Article 3 of the SPC's 2015 Interpretation on Refusal to Enforce Judgments lists serious circumstances.",
     verdict("Article 3", "not_in_force")),
    # 原 or 'was' about the facts, not the law, in the citation's own clause does not make it historical
    ("《婚姻法》第四十一条规定，离婚时原为夫妻共同生活所负的债务应当共同偿还。", verdict("《婚姻法》第四十一条", "not_in_force")),
    ("Article 135 of the General Principles of the Civil Law sets a two-year period, so the claim was barred.",
     verdict("Article 135", "not_in_force")),
    # interpretations repealed with the laws the 民法典 replaced
    ("依《婚姻法解释（二）》第二十四条，该债务按夫妻共同债务处理。", verdict("《婚姻法解释（二）》第二十四条", "not_in_force")),
    ("民通意见第一百七十三条规定诉讼时效中断。", verdict("民通意见第一百七十三条", "not_in_force")),
    # laws in force outside the corpus: the number is checked
    ("依刑法第三百一十三条处罚。", verdict("刑法第三百一十三条", "valid")),
    ("刑法第五百条", verdict("刑法第五百条", "nonexistent_article")),
    ("Article 999 of the Company Law", verdict("Article 999", "nonexistent_article")),
]


@pytest.mark.parametrize("text,expect", REPEALED_CASES, ids=[c[0][:24] for c in REPEALED_CASES])
def test_outside_instruments(text, expect):
    check_expect(run(text), expect)


def test_repealed_message_names_date_and_successor():
    c = run("根据合同法第一百零七条，违约方应承担责任。").citations[0]
    assert "2021年1月1日" in c.message and "民法典" in c.message and c.current_law == "civil-code"
    c = run("《最高人民法院关于审理拒不执行判决、裁定刑事案件适用法律若干问题的解释》第二条").citations[0]
    assert "2024年12月1日" in c.message and "最高人民检察院" in c.message
    assert c.current_law == "refusal-crime-interp"
    c = run("Article 107 of the Contract Law applies.").citations[0]
    assert "Civil Code" in c.message and c.message[0].isupper()
    c = run("《合同法》第五百条").citations[0]
    assert "428" in c.message


@pytest.mark.parametrize("text", ["劳动合同法第十条规定了劳动合同的订立。", "《劳动合同法》第十条", "城市房地产管理法第五十一条"])
def test_a_longer_unknown_name_is_not_read_as_the_repealed_law_inside_it(text):
    report = run(text)
    assert not any(c.verdict == "not_in_force" or "合同法》已" in c.message for c in report.citations), \
        [(c.text, c.verdict, c.message) for c in report.citations]


def test_cli_check_with_a_repealed_law_does_not_crash():
    """The command of issue 17, end to end: `assistant check - --json` on stdin."""
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "check", "-", "--json"], cwd=REPO_ROOT,
                         input="根据《合同法》第一百零七条，违约方应承担责任。\n", capture_output=True, text=True, timeout=120)
    assert out.returncode in (0, 1), out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    data = json.loads(out.stdout)
    cites = data["citations"] if "citations" in data else data["results"][0]["citations"]
    assert [c["verdict"] for c in cites] == ["not_in_force"]


@pytest.mark.parametrize("status", ["terminated", "withdrawn", "lapsed"])
def test_a_status_the_guard_has_no_words_for_still_gives_a_verdict(status, registry):
    """One factory builds every verdict: a status added to the data later (a terminated draft, a lapsed
    instrument) gives not_in_force with a message, never an exception."""
    from dataclasses import replace

    from assistant.corpus.registry import Law, LawRegistry

    laws = dict(registry.laws)
    draft = laws["enforcement-draft"]
    laws["enforcement-draft"] = Law(draft.law_id, [replace(v, status=status) for v in draft.versions])
    outside = {k: (replace(v, status=status) if k == "contract-law" else v) for k, v in registry.outside.items()}
    reg = LawRegistry(laws, registry._aliases, {k: registry.concordance_rows(k) for k in laws}, outside=outside,
                      partial_totals=registry.partial_totals)
    from assistant.guard import check

    for text in ("《民事强制执行法（草案）》第十条", "合同法第一百零七条", "Article 107 of the Contract Law"):
        c = check(text, reg).citations[0]
        assert c.verdict == "not_in_force" and c.message, (text, c.verdict, c.message)
