"""Old numbering across every versioned text in the corpus, read from the claim's content when no version is
named: an old number whose claim restates what now sits under another number is outdated_numbering."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from assistant.text.numerals import to_chinese
from assistant.guard.claims import claim_grams, containment, facts_cache
from tests.guard.factories import check_expect, run, verdict
from tests.guard.strategies import REG


def _renumbered_claims():
    """For every text of every law with several texts: (law, version, old number, current number, text) where the
    old article's first sentence is the claim and the current article under the old number says something else."""
    fc = facts_cache(REG)
    out = []
    for law in REG.laws.values():
        texts = [v for v in law.versions if v.articles]
        if law.current is None or len(texts) < 2:
            continue
        for v in texts:
            if v.version == law.current.version:
                continue
            for a in v.articles:
                mapped = REG.map_article(law.law_id, a.number, v.version)
                if a.suffix or mapped is None or mapped == a.number:
                    continue
                first = re.split(r"[。；：]", a.paragraphs[0].text)[0]
                if len(first) < 12 or re.search(r"第[一二三四五六七八九十百零]+[条款项]|本法|本解释|本规定", first):
                    continue  # too short to say anything, or it cites provisions itself
                same = fc.get(law.law_id, law.current.version, a.number)
                if same is not None and containment(claim_grams(first), same) > 0.5:
                    continue  # the current article under the old number says much the same
                text = f"{law.current.short_name}第{to_chinese(a.number)}条规定，{first}。"
                out.append((law.law_id, v.version, a.number, mapped, text))
    return out


RENUMBERED = _renumbered_claims()


def test_every_renumbered_provision_cited_by_its_old_number_is_outdated():
    hits, totals, misses = Counter(), Counter(), []
    for law_id, version, old, new, text in RENUMBERED:
        c = [x for x in run(text).citations if x.citation.article == old][0]
        totals[(law_id, version)] += 1
        if c.verdict == "outdated_numbering" and c.current_article == new:
            hits[(law_id, version)] += 1
        else:
            misses.append((text[:60], c.verdict, c.current_article, new))
    assert {law for law, _ in totals} >= {"cpl", "cpl-interp"}
    for key, n in totals.items():
        assert hits[key] / n >= 0.95, (key, hits[key], n, misses[:10])


OLD_NUMBER_CASES = [
    # 失信规定 2013 → 2017: the concordance lost these (rewritten, split); the claim's content finds the article
    ("失信规定第七条规定，被执行人全部履行了生效法律文书确定义务的，人民法院应当将其有关信息从失信被执行人名单库中删除。",
     verdict("失信规定第七条", "outdated_numbering", 10)),
    ("根据失信规定第三条，被执行人认为将其纳入失信被执行人名单错误的，可以向人民法院申请纠正。",
     verdict("失信规定第三条", "outdated_numbering", 11)),
    # an English claim is read by the acts it names (reporting assets: the 2021 number of the reporting duty)
    ("Under Article 248 of the Civil Procedure Law, a debtor who fails to comply with the enforcement notice must "
     "report its assets for the current period and the preceding year.",
     verdict("Article 248 of the Civil Procedure Law", "outdated_numbering", 252)),
    # 民诉法解释 2015 → 2022
    ("民诉法解释第四百六十七条规定，一方当事人不履行或者不完全履行在执行中双方自愿达成的和解协议，对方当事人申请执行原生效法律文书的，"
     "人民法院应当恢复执行。", verdict("民诉法解释第四百六十七条", "outdated_numbering", 465)),
    # the numbers that stayed: a claim in the current words is valid
    ("失信规定第十条规定，当事人达成执行和解协议且已履行完毕的，人民法院应当在三个工作日内删除失信信息。",
     verdict("失信规定第十条", "valid", 10)),
    ("执行和解规定第九条规定，被执行人一方不履行执行和解协议的，申请执行人可以申请恢复执行原生效法律文书。",
     verdict("执行和解规定第九条", "valid", 9)),
    ("限高规定第一条规定，被执行人未按执行通知书指定的期间履行生效法律文书确定的给付义务的，人民法院可以采取限制消费措施。",
     verdict("限高规定第一条", "valid", 1)),
]


@pytest.mark.parametrize("text,expect", OLD_NUMBER_CASES, ids=[c[0][:24] for c in OLD_NUMBER_CASES])
def test_old_numbers(text, expect):
    check_expect(run(text), expect)


def test_a_number_named_with_the_year_of_the_text_in_force_is_read_in_that_text():
    """'2022年民诉法解释第三百零七条' names today's numbering: when today's text has that number, an old article's words
    under it make the claim unsupported by today's article, not outdated numbering (the writer said which text the
    number is from)."""
    checked = 0
    for law_id, _version, old, _new, text in RENUMBERED:
        law = REG.law(law_id)
        year = law.current.effective.year
        if REG.version_for_year(law_id, year) is not law.current:
            continue  # that year also names an older text: not a way to name the text in force
        if not REG.has_article(law_id, old):
            continue  # no such number today: the old text's number, repaired as outdated, is the helpful reading
        named = text.replace(law.current.short_name, f"{year}年{law.current.short_name}", 1)
        c = [x for x in run(named).citations if x.citation.article == old][0]
        assert c.verdict != "outdated_numbering", (named[:60], c.message)
        checked += 1
    assert checked >= 20
