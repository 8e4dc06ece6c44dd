"""Normalize ../shared/sources/statutes into corpus/statutes/ (a developer tool; ../shared does not ship).

Each output file is YAML front matter (metadata from MANIFEST below) + the article text, with source
comments, zero-width characters and amending-decision preambles removed. Run:

    .venv/bin/python scripts/import_sources.py [--sources ../shared/sources]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

SPC = "最高人民法院"
CPL_ALIASES = ["民事诉讼法", "民诉法", "中华人民共和国民事诉讼法", "《民事诉讼法》", "《中华人民共和国民事诉讼法》",
               "Civil Procedure Law", "Civil Procedure Law of the People's Republic of China", "CPL", "PRC Civil Procedure Law"]
CPL_INTERP_ALIASES = ["民诉法解释", "民事诉讼法解释", "民诉解释", "民事诉讼法司法解释", "民诉法司法解释",
                      "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", "最高人民法院关于适用《民事诉讼法》的解释",
                      "关于适用《中华人民共和国民事诉讼法》的解释", "关于适用《民事诉讼法》的解释", "适用民事诉讼法的解释",
                      "法释〔2015〕5号", "法释〔2022〕11号", "SPC Interpretation of the Civil Procedure Law",
                      "SPC Interpretation on the Application of the Civil Procedure Law", "Civil Procedure Law Interpretation",
                      "CPL Interpretation"]
SETTLEMENT_ALIASES = ["执行和解规定", "执行和解若干问题的规定", "关于执行和解若干问题的规定", "最高人民法院关于执行和解若干问题的规定",
                      "执行和解司法解释", "法释〔2018〕3号", "SPC Provisions on Enforcement Settlement",
                      "SPC Provisions on Several Issues Concerning Enforcement Settlement", "Provisions on Enforcement Settlement",
                      "Enforcement Settlement Provisions"]

# One entry per source file. Dates: adopted = first adoption, amended = amendments up to this text,
# effective = when this text took effect (the version id).
MANIFEST: list[dict] = [
    dict(file="民事诉讼法(1991-04-09).md", law_id="cpl", title="中华人民共和国民事诉讼法", short_name="民事诉讼法",
         title_en="Civil Procedure Law of the People's Republic of China", aliases=CPL_ALIASES,
         issuer="全国人民代表大会", doc_number="中华人民共和国主席令第44号", adopted="1991-04-09", amended=[],
         effective="1991-04-09", status="superseded", kind="law", numbering_years=[1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999, 2000, 2001, 2002, 2003, 2004, 2005, 2006]),
    dict(file="民事诉讼法(2007-10-28).md", law_id="cpl", effective="2008-04-01", status="superseded",
         amended=["2007-10-28"], numbering_years=[2007, 2008, 2009, 2010, 2011]),
    dict(file="民事诉讼法(2017-06-27).md", law_id="cpl", effective="2017-07-01", status="superseded",
         amended=["2007-10-28", "2012-08-31", "2017-06-27"], numbering_years=[2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020], numbering_since="2013-01-01",
         note="2012年修正文本（2013-01-01施行）与本文本条文序号相同。"),
    dict(file="民事诉讼法(2021-12-24).md", law_id="cpl", effective="2022-01-01", status="superseded",
         amended=["2007-10-28", "2012-08-31", "2017-06-27", "2021-12-24"], numbering_years=[2021, 2022]),
    dict(file="民事诉讼法(2023-09-01).md", law_id="cpl", effective="2024-01-01", status="in_force",
         amended=["2007-10-28", "2012-08-31", "2017-06-27", "2021-12-24", "2023-09-01"], numbering_years=[2023, 2024, 2025, 2026]),
    dict(file="最高人民法院关于适用《民事诉讼法》的解释(2015-01-30).md", law_id="cpl-interp",
         title="最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", short_name="民诉法解释",
         title_en="Interpretation of the Supreme People's Court on the Application of the Civil Procedure Law",
         aliases=CPL_INTERP_ALIASES, issuer=SPC, doc_number="法释〔2015〕5号", adopted="2014-12-18", amended=[],
         effective="2015-02-04", status="superseded", kind="interpretation", numbering_years=[2015, 2016, 2017, 2018, 2019, 2020, 2021]),
    dict(file="最高人民法院关于适用《民事诉讼法》的解释(2022-04-01).md", law_id="cpl-interp", doc_number="法释〔2022〕11号",
         amended=["2020-12-23", "2022-03-22"], effective="2022-04-10", status="in_force", numbering_years=[2022, 2023, 2024, 2025, 2026]),
    dict(file="最高人民法院关于执行和解若干问题的规定(2018-02-22).md", law_id="settlement",
         title="最高人民法院关于执行和解若干问题的规定", short_name="执行和解规定",
         title_en="Provisions of the Supreme People's Court on Several Issues Concerning Enforcement Settlement",
         aliases=SETTLEMENT_ALIASES, issuer=SPC, doc_number="法释〔2018〕3号", adopted="2017-11-06", amended=[],
         effective="2018-03-01", status="superseded", kind="interpretation", numbering_years=[2018, 2019, 2020]),
    dict(file="最高人民法院关于执行和解若干问题的规定(2020-12-29).md", law_id="settlement", doc_number="法释〔2020〕21号",
         amended=["2020-12-23"], effective="2021-01-01", status="in_force", numbering_years=[2021, 2022, 2023, 2024, 2025, 2026]),
    dict(file="最高人民法院关于人民法院办理执行异议和复议案件若干问题的规定(2020-12-29).md", law_id="objection",
         title="最高人民法院关于人民法院办理执行异议和复议案件若干问题的规定", short_name="执行异议和复议规定",
         title_en="Provisions of the Supreme People's Court on Handling Enforcement Objection and Reconsideration Cases",
         aliases=["执行异议和复议规定", "执行异议复议规定", "执行异议和复议案件规定", "关于人民法院办理执行异议和复议案件若干问题的规定",
                  "法释〔2015〕10号", "SPC Provisions on Enforcement Objections and Reconsideration", "Provisions on Enforcement Objections"],
         issuer=SPC, doc_number="法释〔2015〕10号", adopted="2014-12-29", amended=["2020-12-23"], effective="2021-01-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于人民法院执行工作若干问题的规定（试行）(2020-12-29).md", law_id="enforcement-work",
         title="最高人民法院关于人民法院执行工作若干问题的规定（试行）", short_name="执行工作若干问题规定",
         title_en="Provisions of the Supreme People's Court on Several Issues Concerning the Enforcement Work of People's Courts (Trial)",
         aliases=["执行工作若干问题规定", "执行工作若干问题的规定", "执行工作规定", "关于人民法院执行工作若干问题的规定", "关于人民法院执行工作若干问题的规定（试行）",
                  "最高人民法院关于人民法院执行工作若干问题的规定", "法释〔1998〕15号", "SPC Provisions on Enforcement Work",
                  "Provisions on Several Issues Concerning Enforcement Work"],
         issuer=SPC, doc_number="法释〔1998〕15号", adopted="1998-06-11", amended=["2020-12-23"], effective="2021-01-01",
         status="in_force", kind="interpretation", numbering="dotted"),
    dict(file="最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定(2020-12-29).md", law_id="seizure",
         title="最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定", short_name="查封扣押冻结规定",
         title_en="Provisions of the Supreme People's Court on Seizure, Detention and Freezing of Property in Civil Enforcement",
         aliases=["查封扣押冻结规定", "查封、扣押、冻结财产的规定", "民事执行中查封、扣押、冻结财产的规定", "法释〔2004〕15号",
                  "SPC Provisions on Seizure, Detention and Freezing of Property"],
         issuer=SPC, doc_number="法释〔2004〕15号", adopted="2004-10-26", amended=["2008-12-16", "2020-12-23"], effective="2021-01-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于公布失信被执行人名单信息的若干规定(2013-07-16).md", law_id="dishonest-list",
         title="最高人民法院关于公布失信被执行人名单信息的若干规定", short_name="失信被执行人名单规定",
         title_en="Provisions of the Supreme People's Court on Publishing the List of Dishonest Judgment Debtors",
         aliases=["失信被执行人名单规定", "失信名单规定", "公布失信被执行人名单信息的若干规定", "关于公布失信被执行人名单信息的若干规定",
                  "法释〔2013〕17号", "法释〔2017〕7号", "SPC Provisions on the List of Dishonest Judgment Debtors",
                  "Provisions on the List of Dishonest Judgment Debtors"],
         issuer=SPC, doc_number="法释〔2013〕17号", adopted="2013-07-01", amended=[], effective="2013-10-01",
         status="superseded", kind="interpretation", numbering_years=[2013, 2014, 2015, 2016]),
    dict(file="最高人民法院关于公布失信被执行人名单信息的若干规定(2017-02-28).md", law_id="dishonest-list", doc_number="法释〔2017〕7号",
         amended=["2017-01-16"], effective="2017-05-01", status="in_force", numbering_years=[2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]),
    dict(file="最高人民法院关于限制被执行人高消费的若干规定(2010-07-01).md", law_id="consumption-restriction",
         title="最高人民法院关于限制被执行人高消费的若干规定", short_name="限制高消费规定",
         title_en="Provisions of the Supreme People's Court on Restricting High Consumption by Judgment Debtors",
         aliases=["限制高消费规定", "限高规定", "限制被执行人高消费的若干规定", "关于限制被执行人高消费的若干规定",
                  "限制被执行人高消费及有关消费的若干规定", "关于限制被执行人高消费及有关消费的若干规定",
                  "最高人民法院关于限制被执行人高消费及有关消费的若干规定", "法释〔2010〕8号", "法释〔2015〕17号",
                  "SPC Provisions on Restricting High Consumption", "Provisions on Restricting High Consumption"],
         issuer=SPC, doc_number="法释〔2010〕8号", adopted="2010-05-17", amended=[], effective="2010-10-01",
         status="superseded", kind="interpretation", numbering_years=[2010, 2011, 2012, 2013, 2014]),
    dict(file="最高人民法院关于限制被执行人高消费及有关消费的若干规定(2015-07-20).md", law_id="consumption-restriction",
         title="最高人民法院关于限制被执行人高消费及有关消费的若干规定", doc_number="法释〔2015〕17号", amended=["2015-07-06"],
         effective="2015-07-22", status="in_force", numbering_years=[2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]),
    dict(file="最高人民法院关于公证债权文书执行若干问题的规定(2018-09-30).md", law_id="notarized-debt",
         title="最高人民法院关于公证债权文书执行若干问题的规定", short_name="公证债权文书执行规定",
         title_en="Provisions of the Supreme People's Court on Enforcement of Notarized Creditor's Rights Documents",
         aliases=["公证债权文书执行规定", "公证债权文书执行若干问题的规定", "关于公证债权文书执行若干问题的规定", "法释〔2018〕18号",
                  "SPC Provisions on Enforcement of Notarized Debt Instruments"],
         issuer=SPC, doc_number="法释〔2018〕18号", adopted="2018-06-25", amended=[], effective="2018-10-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于人民法院办理仲裁裁决执行案件若干问题的规定(2018-02-22).md", law_id="arbitration-enforcement",
         title="最高人民法院关于人民法院办理仲裁裁决执行案件若干问题的规定", short_name="仲裁裁决执行规定",
         title_en="Provisions of the Supreme People's Court on Handling Cases of Enforcement of Arbitral Awards",
         aliases=["仲裁裁决执行规定", "办理仲裁裁决执行案件若干问题的规定", "关于人民法院办理仲裁裁决执行案件若干问题的规定", "法释〔2018〕5号",
                  "SPC Provisions on Enforcement of Arbitral Awards"],
         issuer=SPC, doc_number="法释〔2018〕5号", adopted="2018-01-05", amended=[], effective="2018-03-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于审理涉执行司法赔偿案件适用法律若干问题的解释(2022-02-08).md", law_id="enforcement-compensation",
         title="最高人民法院关于审理涉执行司法赔偿案件适用法律若干问题的解释", short_name="涉执行司法赔偿解释",
         title_en="Interpretation of the Supreme People's Court on State Compensation Cases Involving Enforcement",
         aliases=["涉执行司法赔偿解释", "涉执行司法赔偿案件解释", "审理涉执行司法赔偿案件适用法律若干问题的解释", "法释〔2022〕3号",
                  "SPC Interpretation on Judicial Compensation Involving Enforcement"],
         issuer=SPC, doc_number="法释〔2022〕3号", adopted="2021-12-20", amended=[], effective="2022-03-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于执行担保若干问题的规定(2020-12-29).md", law_id="enforcement-guarantee",
         title="最高人民法院关于执行担保若干问题的规定", short_name="执行担保规定",
         title_en="Provisions of the Supreme People's Court on Several Issues Concerning Enforcement Guarantees",
         aliases=["执行担保规定", "执行担保若干问题的规定", "关于执行担保若干问题的规定", "法释〔2018〕4号",
                  "SPC Provisions on Enforcement Guarantees", "Provisions on Enforcement Guarantees"],
         issuer=SPC, doc_number="法释〔2018〕4号", adopted="2017-12-11", amended=["2020-12-23"], effective="2021-01-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释(2014-07-07).md", law_id="delay-interest",
         title="最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释", short_name="迟延履行利息解释",
         title_en="Interpretation of the Supreme People's Court on Calculating Interest on Debts for the Period of Delayed Performance in Enforcement",
         aliases=["迟延履行利息解释", "迟延履行债务利息解释", "计算迟延履行期间的债务利息适用法律若干问题的解释", "法释〔2014〕8号",
                  "SPC Interpretation on Interest for Delayed Performance"],
         issuer=SPC, doc_number="法释〔2014〕8号", adopted="2014-06-09", amended=[], effective="2014-08-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于民事执行中变更、追加当事人若干问题的规定(2020-12-29).md", law_id="party-change",
         title="最高人民法院关于民事执行中变更、追加当事人若干问题的规定", short_name="变更追加当事人规定",
         title_en="Provisions of the Supreme People's Court on Changing and Adding Parties in Civil Enforcement",
         aliases=["变更追加当事人规定", "变更、追加当事人规定", "民事执行中变更、追加当事人若干问题的规定", "法释〔2016〕21号",
                  "SPC Provisions on Changing and Adding Parties in Enforcement"],
         issuer=SPC, doc_number="法释〔2016〕21号", adopted="2016-08-29", amended=["2020-12-23"], effective="2021-01-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于民事执行中财产调查若干问题的规定(2020-12-29).md", law_id="property-investigation",
         title="最高人民法院关于民事执行中财产调查若干问题的规定", short_name="财产调查规定",
         title_en="Provisions of the Supreme People's Court on Property Investigation in Civil Enforcement",
         aliases=["财产调查规定", "民事执行中财产调查若干问题的规定", "法释〔2017〕8号", "SPC Provisions on Property Investigation in Enforcement"],
         issuer=SPC, doc_number="法释〔2017〕8号", adopted="2017-01-25", amended=["2020-12-23"], effective="2021-01-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于适用《民事诉讼法》执行程序若干问题的解释(2020-12-29).md", law_id="enforcement-procedure-interp",
         title="最高人民法院关于适用《中华人民共和国民事诉讼法》执行程序若干问题的解释", short_name="执行程序解释",
         title_en="Interpretation of the Supreme People's Court on the Application of the Enforcement Procedure of the Civil Procedure Law",
         aliases=["执行程序解释", "执行程序若干问题的解释", "关于适用《中华人民共和国民事诉讼法》执行程序若干问题的解释",
                  "关于适用《民事诉讼法》执行程序若干问题的解释", "法释〔2008〕13号", "SPC Interpretation on the Enforcement Procedure"],
         issuer=SPC, doc_number="法释〔2008〕13号", adopted="2008-09-08", amended=["2020-12-23"], effective="2021-01-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于适用《民法典》合同编通则若干问题的解释(2023-12-04).md", law_id="contract-interp",
         title="最高人民法院关于适用《中华人民共和国民法典》合同编通则若干问题的解释", short_name="合同编通则解释",
         title_en="Interpretation of the Supreme People's Court on the General Provisions of the Contracts Book of the Civil Code",
         aliases=["合同编通则解释", "民法典合同编通则解释", "合同通则解释", "法释〔2023〕13号", "SPC Interpretation on the Contracts Book"],
         issuer=SPC, doc_number="法释〔2023〕13号", adopted="2023-05-23", amended=[], effective="2023-12-05",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院、最高人民检察院关于办理拒不执行判决、裁定刑事案件适用法律若干问题的解释(2024-10-30).md",
         law_id="refusal-crime-interp",
         title="最高人民法院、最高人民检察院关于办理拒不执行判决、裁定刑事案件适用法律若干问题的解释", short_name="拒执罪解释",
         title_en="Interpretation of the SPC and SPP on Criminal Cases of Refusing to Enforce Judgments and Rulings",
         aliases=["拒执罪解释", "拒不执行判决、裁定刑事案件解释", "拒不执行判决裁定罪解释", "办理拒不执行判决、裁定刑事案件适用法律若干问题的解释",
                  "法释〔2024〕13号", "SPC-SPP Interpretation on Refusal to Enforce Judgments"],
         issuer="最高人民法院、最高人民检察院", doc_number="法释〔2024〕13号", adopted="2024-01-08", amended=[], effective="2024-12-01",
         status="in_force", kind="interpretation"),
    dict(file="最高人民法院关于审理执行异议之诉案件适用法律问题的解释(2025-07-23).md", law_id="objection-suit-interp",
         title="最高人民法院关于审理执行异议之诉案件适用法律问题的解释", short_name="执行异议之诉解释",
         title_en="Interpretation of the Supreme People's Court on Issues Concerning the Application of Law in the Trial of "
                  "Enforcement Objection Actions",
         aliases=["执行异议之诉解释", "执行异议之诉司法解释", "异议之诉司法解释", "异议之诉解释", "执行异议之诉案件解释",
                  "审理执行异议之诉案件适用法律问题的解释", "关于审理执行异议之诉案件适用法律问题的解释", "法释〔2025〕10号",
                  "SPC Interpretation on Enforcement Objection Actions", "2025 SPC Interpretation on Enforcement Objection Actions",
                  "the 2025 SPC Interpretation on Enforcement Objection Actions", "Interpretation on Enforcement Objection Actions",
                  "SPC Interpretation on Enforcement Objection Suits", "Interpretation on Enforcement Objection Suits",
                  "SPC Interpretation on Execution Objection Lawsuits", "Interpretation on Trial of Enforcement Objection Actions"],
         issuer=SPC, doc_number="法释〔2025〕10号", adopted="2024-12-14", amended=[], published="2025-07-23",
         effective="2025-07-24", status="in_force", kind="interpretation",
         note="第一条、第三条各有一处文字在不同转录本中不同（第一条「负责执行该执行标的[的]人民法院」，第三条「[应]同时判决」）；"
              "逐字引用这两条前应核对最高人民法院公布的文本。"),
    dict(file="民法典-总则(2020-05-28).md", law_id="civil-code", title="中华人民共和国民法典", short_name="民法典",
         title_en="Civil Code of the People's Republic of China",
         aliases=["民法典", "中华人民共和国民法典", "《民法典》", "《中华人民共和国民法典》", "Civil Code", "PRC Civil Code"],
         issuer="全国人民代表大会", doc_number="中华人民共和国主席令第45号", adopted="2020-05-28", amended=[], effective="2021-01-01",
         status="in_force", kind="law", part="总则"),
    dict(file="民法典-合同编(2020-05-28).md", law_id="civil-code", part="合同编"),
]

# A draft the corpus knows only by name: citing it as law in force is an error the guard must catch. Its review was
# terminated in 2024 (../shared/sources/README.md, "Added 2026-12-04"); the record of that is data, not prose in code.
DRAFTS = [
    dict(law_id="enforcement-draft", title="中华人民共和国民事强制执行法（草案）", short_name="民事强制执行法草案",
         title_en="Civil Enforcement Law of the People's Republic of China (Draft)",
         aliases=["民事强制执行法草案", "民事强制执行法（草案）", "中华人民共和国民事强制执行法（草案）", "《民事强制执行法（草案）》",
                  "民事强制执行法", "强制执行法草案", "民事强制执行法草案（2022）", "Civil Enforcement Law (Draft)",
                  "Draft Civil Enforcement Law", "draft Civil Enforcement Law", "Civil Enforcement Law"],
         issuer="最高人民法院提请全国人民代表大会常务委员会审议（2024年终止审议）", doc_number=None, adopted=None, amended=[],
         effective="2022-06-21", status="terminated_draft", kind="draft",
         terminated=dict(year=2024, by="全国人民代表大会常务委员会",
                         source="《全国人民代表大会常务委员会公报》2024年第4号（宪法和法律委员会的报告）",
                         reason="审执分离是在法院内部分离还是在法院外部分离，有待中央作出决定",
                         reported="二手报道多称2024年6月，亦有报道称2024年9月"),
         body="本草案于2022年6月21日提请全国人民代表大会常务委员会第一次审议；2024年，全国人民代表大会常务委员会终止了对它的审议"
              "（见《全国人民代表大会常务委员会公报》2024年第4号所载宪法和法律委员会的报告；理由是审执分离在法院内部还是外部分离"
              "有待中央决定）。它从未通过，不是法律，也不再处于审议之中。语料库不收录其条文。"),
]

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
COMMENT = re.compile(r"<!--.*?-->", re.S)


def _inherit(entries: list[dict]) -> list[dict]:
    """Later revisions of a law repeat only what changed; fill the rest from the first entry of that law."""
    first: dict[str, dict] = {}
    out = []
    for e in entries:
        base = first.setdefault(e["law_id"], e)
        merged = {**base, **e} if base is not e else dict(e)
        merged.pop("note", None) if "note" not in e else None
        out.append(merged)
    return out


def normalize_body(raw: str) -> str:
    body = raw.split("<!-- INFO END -->", 1)[1] if "<!-- INFO END -->" in raw else raw
    # Amending-decision files carry the decision first, then the re-promulgated full text.
    marker = re.search(r"^## 修正后全文.*$", body, re.M)
    if marker:
        body = body[marker.end():]
    body = COMMENT.sub("", body)
    body = ZERO_WIDTH.sub("", body)
    lines = [ln.rstrip().replace("\u3000", " ").strip() if not ln.startswith("#") else ln.rstrip() for ln in body.splitlines()]
    out: list[str] = []
    for ln in lines:
        if not ln:
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(ln)
    return "\n".join(out).strip() + "\n"


def front_matter(entry: dict) -> str:
    keys = ["law_id", "title", "short_name", "title_en", "aliases", "issuer", "doc_number", "adopted", "amended",
            "published", "effective", "numbering_since", "status", "terminated", "kind", "numbering", "numbering_years",
            "part", "note", "source"]
    data = {k: entry[k] for k in keys if k in entry and entry[k] is not None}
    data.setdefault("numbering", "chinese")
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200) + "---\n"


def output_name(entry: dict) -> str:
    part = f"-{entry['part']}" if entry.get("part") else ""
    return f"{entry['law_id']}{part}@{entry['effective']}.md"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "sources")
    ap.add_argument("--out", type=Path, default=REPO / "corpus" / "statutes")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.md"):
        old.unlink()
    for entry in _inherit(MANIFEST):
        src = args.sources / "statutes" / entry["file"]
        raw = src.read_text(encoding="utf-8")
        entry = {**entry, "source": f"{entry['file']} (official text; see corpus/README.md for provenance)"}
        (args.out / output_name(entry)).write_text(front_matter(entry) + "\n" + normalize_body(raw), encoding="utf-8")
    for draft in DRAFTS:
        draft = {**draft, "source": "no official text in the corpus"}
        body = draft.pop("body")
        (args.out / output_name(draft)).write_text(front_matter(draft) + "\n" + body + "\n", encoding="utf-8")
    print(f"wrote {len(list(args.out.glob('*.md')))} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
