"""Steps 2–3: one verdict per citation, conservative: valid unless there is evidence against it."""

from __future__ import annotations

import pytest

from tests.guard.factories import check_expect, run, verdict

VERDICT_CASES = [
    # valid
    ("民事诉讼法第二百五十条规定，申请执行的期间为二年。", verdict("民事诉讼法第二百五十条", "valid", 250)),
    ("根据《执行和解规定》第九条，被执行人不履行和解协议的，申请执行人可以申请恢复执行，也可以提起诉讼。",
     verdict("《执行和解规定》第九条", "valid", 9)),
    ("Article 244 of the Civil Procedure Law provides for restitution after the judgment is set aside.",
     verdict("Article 244", "valid", 244)),
    ("执行和解规定第二条第（三）项", verdict("执行和解规定第二条第（三）项", "valid", 2)),
    ("依刑法第三百一十三条处罚。", verdict("刑法第三百一十三条", "valid")),  # outside the corpus: number only
    # a bare number after 现为 / 现行 is read in the text in force, even when the year before it names an old one
    ("2017年民事诉讼法第二百三十九条现为第二百五十条。", verdict("第二百五十条", "valid", 250)),
    ("2017年民事诉讼法第二百三十九条现为第二百五十条。", verdict("2017年民事诉讼法第二百三十九条", "valid", 250)),
    ("执行和解规定援引的2017年民事诉讼法第二百三十九条、第二百二十五条分别为现行第二百五十条、第二百三十六条。",
     verdict("第二百三十六条", "valid", 236)),
    # the old numbers of a 分别为现行 / "are now Articles" sentence are explained, not applied as law in force
    ("执行和解规定援引的2017年民事诉讼法第二百三十九条、第二百二十五条分别为现行第二百五十条、第二百三十六条。",
     verdict("第二百二十五条", "valid", 236)),
    ("执行和解规定援引的2017年民事诉讼法第二百三十九条、第二百二十五条分别为现行第二百五十条、第二百三十六条。",
     verdict("2017年民事诉讼法第二百三十九条", "valid", 250)),
    ("Articles 239 and 225 of the 2017 Civil Procedure Law are now Articles 250 and 236 of the text in force.",
     verdict("Articles 239", "valid", 250)),
    # 'is now Article 244': the bare English number after 'now' is the text in force's, not the 2012 law's 244 (now 255)
    ("Article 233 of the 2012 Civil Procedure Law is now Article 244.", verdict("Article 244", "valid", 244)),
    # a statute amended in place stays in force: a revision's number applied as law is an outdated number
    ("依据2017年民事诉讼法第二百三十九条，申请执行的期间为二年。",
     verdict("2017年民事诉讼法第二百三十九条", "outdated_numbering", 250)),
    ("2017年民事诉讼法第二百三十三条规定了执行回转，2007年的第二百零七条规定了执行和解。", verdict("第二百零七条", None, 241)),
    # outdated numbering
    ("根据《中华人民共和国民事诉讼法》第二百三十条，申请执行人可以申请恢复执行。",
     verdict("第二百三十条", "outdated_numbering", 241)),
    ("民事诉讼法第二百三十三条规定了执行回转。", verdict("民事诉讼法第二百三十三条", "outdated_numbering", 244)),
    ("民诉法解释第五百五十一条", verdict("民诉法解释第五百五十一条", "outdated_numbering", 549)),
    ("According to Article 239 of the Civil Procedure Law, the period for applying for enforcement is two years.",
     verdict("Article 239", "outdated_numbering", 250)),
    ("对执行行为异议裁定不服的，可以自裁定送达之日起十日内向上一级法院申请复议（民诉法第二百二十五条）。",
     verdict("民诉法第二百二十五条", "outdated_numbering", 236)),
    # a year names the revision: its rule is read from that text; stated as the rule, the number is out of date …
    ("2017年民事诉讼法第二百三十三条规定了执行回转。", verdict("2017年民事诉讼法第二百三十三条", "outdated_numbering", 244)),
    ("《民事诉讼法》（2017年修正）第二百三十三条规定了执行回转。", verdict("第二百三十三条", "outdated_numbering", 244)),
    # … told as the history of the text (two revisions, then and now), it is valid
    ("2017年民事诉讼法第二百三十三条规定了执行回转，2023年修正后该内容位于第二百四十四条。",
     verdict("2017年民事诉讼法第二百三十三条", "valid", 244)),
    ("Article 104 of the 2007 Civil Procedure Law capped fines on individuals at RMB 10,000; the cap is now RMB 100,000.",
     verdict("Article 104", "valid", 118)),
    # nonexistent
    ("执行和解规定第25条规定了和解协议的登记。", verdict("执行和解规定第25条", "nonexistent_article")),
    ("民事诉讼法第九千九百九十九条", verdict("民事诉讼法第九千九百九十九条", "nonexistent_article")),
    ("民事诉讼法第二百五十条第四款规定，申请执行期间届满的，债权消灭。",
     verdict("民事诉讼法第二百五十条第四款", "nonexistent_article")),
    ("Under Article 9999 of the Civil Procedure Law, settlements are binding.", verdict("Article 9999", "nonexistent_article")),
    # unknown law
    ("依据《执行和解实施细则》第五条，和解协议须经法院确认。", verdict("《执行和解实施细则》第五条", "unknown_law")),
    ("Article 7 of the Enforcement Reversal Regulations requires security.", verdict("Article 7", "unknown_law")),
    # not in force
    ("根据民事强制执行法草案第一百零三条，和解协议可以作为执行依据。", verdict("民事强制执行法草案第一百零三条", "not_in_force")),
    ("依据《最高人民法院关于限制被执行人高消费的若干规定》第三条，被限制高消费的被执行人不得乘坐飞机。",
     verdict("第三条", "not_in_force")),
    ("依据《最高人民法院关于公布失信被执行人名单信息的若干规定》（2013）第七条，法院应当删除信息。",
     verdict("第七条", "not_in_force")),
    ("《民事强制执行法（草案）》已于2023年施行。", verdict("《民事强制执行法（草案）》", "not_in_force")),
    # unsupported: quotation, number, topic, contradiction
    ("民诉法解释第四百六十五条规定：“和解协议已经部分履行的，人民法院不予恢复执行。”",
     verdict("民诉法解释第四百六十五条", "unsupported")),
    ("民事诉讼法第二百五十条规定申请执行期间为三年。", verdict("民事诉讼法第二百五十条", "unsupported")),
    ("民事诉讼法第二百四十四条规定了执行和解制度。", verdict("民事诉讼法第二百四十四条", "unsupported")),
    ("《执行和解规定》第六条规定，当事人达成以物抵债执行和解协议的，人民法院可以依据该协议作出以物抵债裁定。",
     verdict("《执行和解规定》第六条", "unsupported")),
    ("Fines on individuals are capped at RMB 10,000 under Article 118 of the Civil Procedure Law.",
     verdict("Article 118", "unsupported")),
    ("Article 242 of the Civil Procedure Law allows suspension of enforcement on the debtor's guarantee alone, "
     "without the creditor's consent.", verdict("Article 242", "unsupported")),
]


@pytest.mark.parametrize("text,expected", VERDICT_CASES, ids=[c[0][:28] for c in VERDICT_CASES])
def test_verdict(text, expected):
    check_expect(run(text), expected)


def test_messages_follow_the_text_language():
    zh = run("民事诉讼法第二百三十三条规定了执行回转。").citations[0].message
    en = run("Article 233 of the Civil Procedure Law governs reversal of enforcement.").citations[0].message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert en.isascii()


def test_lang_override():
    msg = run("民事诉讼法第二百三十三条规定了执行回转。", lang="en").citations[0].message
    assert "Article 244" in msg


def test_evidence_carries_article_text_and_missing_span():
    c = run("民事诉讼法第二百五十条规定申请执行期间为三年。").citations[0]
    assert "申请执行的期间为二年" in c.evidence.article_text and "三年" in c.evidence.missing


def test_outdated_evidence_is_the_old_article():
    c = run("民事诉讼法第二百三十三条规定了执行回转。").citations[0]
    assert c.version == "2017-07-01" and "责令取得财产的人返还" in c.evidence.article_text


def test_renumbering_explained_by_the_writer_is_not_flagged():
    c = run("该条原文引用的「民事诉讼法第一百一十一条」即现行第一百一十四条。").citations[0]
    assert c.verdict == "valid"


def test_ok_only_when_all_valid():
    assert run("民事诉讼法第二百四十四条规定了执行回转。").ok
    assert not run("民事诉讼法第二百三十三条规定了执行回转。").ok
    assert run("没有引用任何法条。").ok
