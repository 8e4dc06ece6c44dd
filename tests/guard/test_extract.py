"""Step 1: every citation form from the issue is found, with the right law, article, 款 and 项."""

from __future__ import annotations

import pytest

from assistant.guard import default_registry, extract_citations
from tests.guard.factories import cite, check_expect, run

EXTRACT_CASES = [
    ("《中华人民共和国民事诉讼法》第二百四十四条", [cite("《中华人民共和国民事诉讼法》第二百四十四条", "cpl", 244)]),
    ("民事诉讼法第244条", [cite("民事诉讼法第244条", "cpl", 244)]),
    ("民诉法第二百四十一条第二款", [cite("民诉法第二百四十一条第二款", "cpl", 241, 2)]),
    ("《执行和解规定》第9条", [cite("《执行和解规定》第9条", "settlement", 9)]),
    ("执行和解若干问题的规定第十一条第（二）项", [cite("执行和解若干问题的规定第十一条第（二）项", "settlement", 11, item=2)]),
    ("民诉法解释第四百六十五条", [cite("民诉法解释第四百六十五条", "cpl-interp", 465)]),
    ("执行和解规定第九条、第十条", [cite("执行和解规定第九条", "settlement", 9), cite("第十条", "settlement", 10)]),
    ("执行和解规定第九条至第十一条", [cite("执行和解规定第九条", "settlement", 9), cite("第十一条", "settlement", 11)]),
    ("民事诉讼法第241条、244条", [cite("民事诉讼法第241条", "cpl", 241), cite("244条", "cpl", 244)]),
    ("民事诉讼法第二百四十一条第一款、第二款", [cite("民事诉讼法第二百四十一条第一款", "cpl", 241, 1),
                                                cite("第二款", "cpl", 241, 2)]),
    ("民事诉讼法第241条规定了执行和解。该条第二款规定了恢复执行。",
     [cite("民事诉讼法第241条", "cpl", 241), cite("该条第二款", "cpl", 241, 2)]),
    ("民事诉讼法第241条规定了执行和解，同法第244条规定了执行回转。",
     [cite("民事诉讼法第241条", "cpl", 241), cite("同法第244条", "cpl", 244)]),
    ("根据《执行和解规定》，当事人可以和解。本规定第9条规定了恢复执行。",
     [cite("本规定第9条", "settlement", 9)]),
    ("民事诉讼法第二百四十一条规定了执行和解。第二百四十四条规定了执行回转。",
     [cite("第二百四十四条", "cpl", 244)]),
    ("Article 244 of the Civil Procedure Law", [cite("Article 244 of the Civil Procedure Law", "cpl", 244)]),
    ("Art. 9 of the SPC Provisions on Enforcement Settlement",
     [cite("Art. 9 of the SPC Provisions on Enforcement Settlement", "settlement", 9)]),
    ("Articles 9 and 10 of the SPC Provisions on Enforcement Settlement apply.",
     [cite("Articles 9", "settlement", 9), cite("10 of the SPC", "settlement", 10)]),
    ("Under CPL Article 241(2), the creditor may resume enforcement.", [cite("CPL Article 241(2)", "cpl", 241, 2)]),
    # 'and Article …' ends a law's name: it is the next citation, not part of 'Civil Procedure Law and Article'
    ("Under Article 238 of the Civil Procedure Law and Article 303 of the SPC Interpretation of the Civil Procedure Law",
     [cite("Article 238 of the Civil Procedure Law", "cpl", 238),
      cite("Article 303 of the SPC Interpretation of the Civil Procedure Law", "cpl-interp", 303)]),
    ("paragraph 2 of Article 241 of the Civil Procedure Law", [cite("paragraph 2 of Article 241", "cpl", 241, 2)]),
    ("the second paragraph of Article 241 of the CPL", [cite("the second paragraph of Article 241", "cpl", 241, 2)]),
    ("Article 9 of the Provisions on Enforcement Settlement; Article 10 of the same Provisions",
     [cite("Article 10 of the same Provisions", "settlement", 10)]),
    ("2017年民事诉讼法第二百三十三条", [cite("2017年民事诉讼法第二百三十三条", "cpl", 233)]),
    ("《民事诉讼法》（2017年修正）第二百三十三条", [cite("《民事诉讼法》（2017年修正）第二百三十三条", "cpl", 233)]),
    ("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百六十五条",
     [cite("第四百六十五条", "cpl-interp", 465)]),
    ("最高院关于执行和解若干问题的规定第9条", [cite("执行和解若干问题的规定第9条", "settlement", 9)]),
    ("《查封、扣押、冻结财产规定》第20条", [cite("《查封、扣押、冻结财产规定》第20条", "seizure", 20)]),
    ("民事诉讼法第2百4十4条", [cite("民事诉讼法第2百4十4条", "cpl", 244)]),
    ("民事诉讼法第２４４条", [cite("民事诉讼法第２４４条", "cpl", 244)]),
    ("民事诉讼法 第 244 条", [cite("第 244 条", "cpl", 244)]),
    ("《民事执行法》第3条", [cite("《民事执行法》第3条", None, 3)]),
    ("依照民事执行法第3条，申请人可以申请。", [cite("民事执行法第3条", None, 3)]),
    ("民事诉讼法实施条例第5条", [cite("民事诉讼法实施条例第5条", None, 5)]),
    ("《执行和解实施细则》要求法院审查。", [cite("《执行和解实施细则》", None, None)]),
    ("The Enforcement Settlement Act requires notarization.", [cite("Enforcement Settlement Act", None, None)]),
    ("民事强制执行法草案第十条", [cite("民事强制执行法草案第十条", "enforcement-draft", 10)]),
    ("Article 1 of the SPC Interpretation on Calculating Debt Interest during Delayed Performance",
     [cite("Article 1 of the SPC Interpretation", "delay-interest", 1)]),
    ("民事诉讼法第二百四十八条第二款列举了六项事由，其中第（四）项为证据伪造。",
     [cite("第（四）项", "cpl", 248, 2, 4)]),
]


@pytest.mark.parametrize("text,expected", EXTRACT_CASES, ids=[c[0][:24] for c in EXTRACT_CASES])
def test_extract(text, expected):
    report = run(text)
    for e in expected:
        check_expect(report, e)


NOT_CITATIONS = [
    "合同第5条约定了违约金。",
    "判决书第二项写明了给付金额。",
    "日本民事诉讼法第260条规定假执行宣告失效。",
    "In Japanese law, article 260 of the Code of Civil Procedure makes the declaration lapse.",
    "Article 5 of the contract sets the price.",
    "第九千九百九十九条",  # no law named anywhere
    "",
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_a_citation(text):
    assert [c for c in run(text).citations if c.citation.article is not None] == []


def test_spans_are_exact_substrings():
    text = "根据《中华人民共和国民事诉讼法》第二百三十条，申请人可以申请恢复执行；Article 9 of the Provisions on Enforcement Settlement."
    for c in extract_citations(text, default_registry()):
        assert text[c.start:c.end] == c.text


def test_law_mentions_without_article_are_extracted():
    cites = extract_citations("民事强制执行法草案尚未通过，应以《执行和解规定》为准。", default_registry())
    laws = [(c.law.law_id, c.article) for c in cites]
    assert ("enforcement-draft", None) in laws and ("settlement", None) in laws


def test_year_qualifier_recorded():
    (c,) = extract_citations("2017年民事诉讼法第二百三十三条", default_registry())
    assert c.law.year == 2017 and c.article == 233
