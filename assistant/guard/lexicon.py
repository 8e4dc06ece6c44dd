"""Small hand-made word lists the guard reasons with: topics, units, English number words, function words.

Topics are deliberately few and specific. A claim *names* a topic when one of its triggers occurs in it;
an article *mentions* a topic when one of the evidence strings occurs in its text, its chapter
headings, its law's title, or an article it cross-refers to.
"""

from __future__ import annotations

import re

# topic id → (claim triggers (Chinese and English, English lower-case), evidence strings in Chinese law text)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "settlement": (("执行和解", "和解协议", "自行和解", "达成和解", "和解", "settlement agreement", "settlement",
                    "settle", "settled"),
                   ("和解",)),
    "resume": (("恢复执行", "恢复对原生效法律文书的执行", "resume enforcement", "resumption of enforcement",
                "resume the enforcement", "resumed enforcement", "resuming enforcement", "resume"),
               ("恢复执行", "恢复对原生效法律文书的执行", "恢复")),
    "reversal": (("执行回转", "回转", "返还", "退还", "enforcement reversal", "reversal", "restitution",
                  "return the property", "return of the property", "return the money", "give back"),
                 ("回转", "返还", "退还")),
    "objection": (("执行异议", "提出异议", "书面异议", "异议", "objection", "object to", "objects to", "object",
                   "objects"),
                  ("异议",)),
    "reconsideration": (("申请复议", "复议", "reconsideration", "review by the higher court"), ("复议",)),
    "guarantee": (("执行担保", "担保人", "担保", "guarantee", "guarantor", "security", "surety"),
                  ("担保", "保证")),
    "stay": (("暂缓执行", "stay of enforcement", "stay enforcement", "postpone enforcement", "defer enforcement"),
             ("暂缓",)),
    "time_limit": (("申请执行期间", "申请执行的期间", "申请执行时效", "申请执行期限", "执行时效", "恢复执行的期间",
                    "恢复执行期间", "limitation period", "time limit for applying", "period for applying",
                    "period for application", "two-year period", "time limit"),
                   ("申请执行的期间", "申请执行期间", "申请执行时效", "时效", "期间")),
    "period_calc": (("期间开始", "不计算在期间内", "不计入期间", "期间届满的最后一日", "法定休假日", "在途时间",
                     "期间计算", "first day", "not counted", "public holiday", "in transit", "computation of periods",
                     "calculating periods"),
                    ("期间",)),
    "dishonest": (("失信被执行人名单", "失信名单", "失信被执行人", "失信", "老赖", "dishonest", "blacklist"),
                  ("失信",)),
    "consumption": (("限制高消费", "限制消费", "限高", "高消费", "high consumption", "consumption restriction",
                     "restriction on consumption", "restricting consumption", "restrict consumption", "luxury"),
                    ("消费",)),
    "refusal_crime": (("拒不执行判决、裁定罪", "拒不执行判决裁定罪", "拒执罪", "拒不执行", "refusal to enforce",
                       "refusing to enforce", "refuse to enforce", "refusal-to-enforce", "refuses to comply",
                       "refusal to comply"),
                      ("拒不执行", "拒不履行", "拒绝履行", "妨害", "拒执")),
    "suspension": (("中止执行", "suspend enforcement", "suspension of enforcement", "suspends enforcement",
                    "suspend the enforcement", "suspended"),
                   ("中止", "暂缓")),
    "termination": (("终结执行", "终结原生效法律文书的执行", "terminate enforcement", "termination of enforcement",
                     "terminates enforcement", "terminate the enforcement"),
                    ("终结",)),
    "end_current": (("终结本次执行", "终本", "无财产可供执行", "未发现可供执行的财产", "no property", "no assets",
                     "terminate the current enforcement", "end the current enforcement",
                     "current enforcement procedure"),
                    ("终结本次执行", "可供执行的财产")),
    "delay_interest": (("迟延履行利息", "迟延履行期间的债务利息", "加倍支付", "加倍部分", "迟延履行金", "债务利息",
                        "迟延履行期间",
                        "delay interest", "interest for delayed performance", "double interest",
                        "delayed performance", "late-performance", "late payment"),
                       ("迟延履行", "加倍")),
    "seizure": (("查封", "扣押", "冻结", "seal up", "seizure", "seize", "freeze", "freezing", "attachment",
                 "attach"),
                ("查封", "扣押", "冻结")),
    "auction": (("拍卖", "变卖", "auction"), ("拍卖", "变卖")),
    "party_change": (("变更被执行人", "追加被执行人", "变更申请执行人", "追加当事人", "变更、追加", "追加",
                      "adding a party", "add a party", "changing parties", "addition of parties", "added as",
                      "add the"),
                     ("变更", "追加")),
    "third_party": (("案外人", "third party", "third-party", "outsider", "non-party"), ("案外人", "第三人")),
    "commission": (("委托执行", "委托当地人民法院", "受委托", "entrusted enforcement", "entrust"), ("委托",)),
    "deposit": (("提存", "escrow", "lodge", "deposit the"), ("提存",)),
    "property_in_kind": (("以物抵债", "抵债", "in-kind satisfaction", "in lieu of payment", "transfer in lieu",
                          "in satisfaction of the debt"), ("抵债", "清偿")),
    "investigation": (("财产报告", "报告财产", "财产调查", "悬赏", "审计", "report property", "property report",
                       "investigation", "disclosure of assets", "reward", "audit"),
                      ("报告", "调查", "悬赏", "审计")),
    "arbitration": (("仲裁裁决", "不予执行仲裁", "arbitral award", "arbitration award", "arbitral"), ("仲裁",)),
    "notarized": (("公证债权文书", "notarized", "notarised", "notarial"), ("公证",)),
    "compensation": (("司法赔偿", "国家赔偿", "state compensation", "judicial compensation"), ("赔偿",)),
    "supervision": (("法律监督", "检察监督", "procuratorial supervision", "procuratorate"), ("监督", "检察")),
    "retrial": (("再审", "审判监督程序", "retrial"), ("再审", "审判监督")),
    "mediation_doc": (("调解书", "mediation statement", "mediation document"), ("调解",)),
    "payment_order": (("支付令", "督促程序", "payment order"), ("支付令", "督促")),
    "public_notice": (("公示催告", "public summons"), ("公示催告",)),
    "death": (("公民死亡", "被执行人死亡", "遗产", "death of the debtor", "estate", "dies", "deceased"),
              ("死亡", "遗产", "终止")),
    "detention": (("拘留", "罚款", "detention", "detain", "fine of", "fined", "fines"), ("拘留", "罚款")),
    "exit_ban": (("限制出境", "exit ban", "restrict exit", "leaving the country", "leave the country"), ("出境",)),
    "search": (("搜查", "搜查令", "search warrant", "search the"), ("搜查",)),
    "higher_court": (("上一级人民法院申请执行", "向上一级法院申请执行", "higher court to enforce",
                      "apply to the higher court", "apply to the court at the next level"), ("上一级",)),
    "bank_deposit": (("存款", "银行账户", "deposits", "bank account", "bonds", "shares", "fund units"),
                     ("存款", "债券", "股票", "基金")),
    "income": (("收入", "工资", "income", "wages", "salary"), ("收入",)),
    "minor": (("未成年人", "minor", "minors"), ("未成年",)),
    "nonenforcement": (("不予执行", "non-enforcement", "refuse enforcement", "deny enforcement"), ("不予执行",)),
    "assistance": (("协助执行", "assist in enforcement", "assistance notice"), ("协助",)),
}

# Words a claim uses to present a text as the law in force now.
PRESENT_MARKERS = ("现行", "目前", "现在", "当前", "如今", "现已", "仍然有效", "仍有效", "现有效",
                   "currently", "current ", "in force", "presently", "now in effect")
# Words that mark an earlier text: 原民事诉讼法, 修改前的民事诉讼法, the former …
HISTORICAL_PREFIX = re.compile(r"(?:原|旧|修改前的?|修正前的?|修订前的?|此前的?|former|old|previous|prior)\s*$", re.I)

# Chinese units for periods, amounts and multiples; canonical unit codes.
ZH_UNITS = {"个工作日": "wd", "工作日": "wd", "个月": "m", "日": "d", "天": "d", "年": "y", "月": "m",
            "元": "yuan", "倍": "x", "%": "pct", "％": "pct", "小时": "h", "周": "w"}
EN_UNITS = {"working day": "wd", "working days": "wd", "business day": "wd", "business days": "wd",
            "day": "d", "days": "d", "month": "m", "months": "m", "year": "y", "years": "y",
            "hour": "h", "hours": "h", "week": "w", "weeks": "w", "yuan": "yuan", "times": "x", "percent": "pct",
            "per cent": "pct"}
EN_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                   "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                   "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                   "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
                   "a": 1, "an": 1, "single": 1, "double": 2}
EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
               "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}

# Text around a number that makes it a statement about a period, amount or limit (not a fact of the case).
ZH_NUMBER_BEFORE = ("为", "是", "在", "于", "超过", "不超过", "不满", "满", "逾", "最长", "最短", "最高", "最低",
                    "不少于", "不低于", "不得超过", "不得少于", "罚款", "拘留", "期间", "期限", "时效", "处",
                    "有期徒刑", "以", "按", "计", "延长", "长达", "仅", "只有", "后", "起", "之日起", "经过", "历时",
                    "超出", "达到")
ZH_NUMBER_AFTER = ("内", "以内", "之内", "以下", "以上", "届满", "后", "以前", "之前", "前", "为限", "的期间",
                   "的期限", "期间", "期限", "时效", "起", "计算", "罚款", "拘留", "仍", "未", "尚未", "没有", "之后",
                   "以后", "起算", "的", "为限")
EN_NUMBER_CONTEXT = re.compile(
    r"(?:within|of|for|period|limit|after|before|up to|no more than|not more than|not exceeding|exceeding|exceed|"
    r"at least|at most|maximum|minimum|is|are|lasts?|runs?|fine|detention|deadline)\s*$", re.I)

# Names that end like a law but are not one (方法, 依法 …) and words that point back to a law named earlier.
NOT_LAW_WORDS = ("方法", "办法", "做法", "说法", "看法", "想法", "执法", "司法", "立法", "违法", "合法", "依法",
                 "非法", "守法", "用法", "写法", "算法", "手法", "语法", "疗法", "技法", "宪法性", "无法", "设法",
                 "方法论", "程序法", "实体法", "部门法", "上位法", "下位法", "特别法", "一般法", "新法", "旧法",
                 "前法", "后法", "原法", "法律法规", "相关法", "有关法")
SHORT_LAWS = ("刑法", "宪法", "民法")  # two-character names that are laws
LAW_SUFFIX = re.compile(r"(?:法典|法|规定|解释|条例|办法|规则|决定|意见|细则|批复|纪要|通知|草案|规程|准则|指引|指南|规范|通则|"
                        r"（试行）|\(试行\)|（草案）|\(草案\))$")
BACKREF_LAW = re.compile(
    r"(?:本|该|同|此|上述|前述|上开|前引|所引|这一|这部|此项|该项|上揭|前揭)"
    r"(?:部)?(?:司法解释|法律|法典|法|规定|解释|条例|办法|规则|意见|决定)$")
# Leading words stripped from a Chinese name before alias lookup (最高院关于执行和解若干问题的规定).
NAME_PREFIXES = ("最高人民法院、最高人民检察院", "最高人民法院", "最高法院", "最高院", "最高法", "两高",
                 "中华人民共和国", "我国", "现行", "新", "关于")

# Laws outside the corpus that were repealed when the 民法典 took effect (2021-01-01).
REPEALED_LAWS = {
    "合同法": "中华人民共和国合同法", "担保法": "中华人民共和国担保法", "物权法": "中华人民共和国物权法",
    "民法通则": "中华人民共和国民法通则", "民法总则": "中华人民共和国民法总则",
    "侵权责任法": "中华人民共和国侵权责任法", "婚姻法": "中华人民共和国婚姻法", "继承法": "中华人民共和国继承法",
    "收养法": "中华人民共和国收养法",
}

# Real laws the corpus holds only in part: their true last article number.
KNOWN_TOTALS = {"civil-code": 1260}

# Laws in force that the corpus does not hold: (official title, last article number). A citation of one is
# reported valid but unverified (only the article number is checked), not as an unknown law.
EXTERNAL_LAWS = {
    "刑法": ("中华人民共和国刑法", 452), "criminal law": ("中华人民共和国刑法", 452),
    "宪法": ("中华人民共和国宪法", 143), "constitution": ("中华人民共和国宪法", 143),
    "刑事诉讼法": ("中华人民共和国刑事诉讼法", 308), "criminal procedure law": ("中华人民共和国刑事诉讼法", 308),
    "行政诉讼法": ("中华人民共和国行政诉讼法", 103), "administrative procedure law": ("中华人民共和国行政诉讼法", 103),
    "仲裁法": ("中华人民共和国仲裁法", 80), "arbitration law": ("中华人民共和国仲裁法", 80),
    "公证法": ("中华人民共和国公证法", 53), "notarization law": ("中华人民共和国公证法", 53),
    "公司法": ("中华人民共和国公司法", 266), "company law": ("中华人民共和国公司法", 266),
    "企业破产法": ("中华人民共和国企业破产法", 136), "enterprise bankruptcy law": ("中华人民共和国企业破产法", 136),
    "国家赔偿法": ("中华人民共和国国家赔偿法", 42), "state compensation law": ("中华人民共和国国家赔偿法", 42),
    "治安管理处罚法": ("中华人民共和国治安管理处罚法", 119),
    "律师法": ("中华人民共和国律师法", 61), "人民法院组织法": ("中华人民共和国人民法院组织法", 59),
}

# How a topic is named in messages: (Chinese, English).
TOPIC_LABELS = {
    "settlement": ("执行和解", "enforcement settlement"), "resume": ("恢复执行", "resuming enforcement"),
    "reversal": ("执行回转", "enforcement reversal"), "objection": ("执行异议", "objections"),
    "reconsideration": ("复议", "reconsideration"), "guarantee": ("担保", "guarantees"), "stay": ("暂缓执行", "stay"),
    "time_limit": ("申请执行期间", "time limit for enforcement"), "period_calc": ("期间计算", "computing periods"),
    "dishonest": ("失信被执行人名单", "dishonest-debtor list"), "consumption": ("限制消费", "consumption restrictions"),
    "refusal_crime": ("拒不执行", "refusal to enforce"), "suspension": ("中止执行", "suspension"),
    "termination": ("终结执行", "termination"), "end_current": ("终结本次执行", "ending the current procedure"),
    "delay_interest": ("迟延履行利息", "delay interest"), "seizure": ("查封、扣押、冻结", "seizure and freezing"),
    "auction": ("拍卖、变卖", "auctions"), "party_change": ("变更、追加当事人", "changing or adding parties"),
    "third_party": ("案外人", "third parties"), "commission": ("委托执行", "entrusted enforcement"),
    "deposit": ("提存", "deposit"), "property_in_kind": ("以物抵债", "satisfaction in kind"),
    "investigation": ("财产调查", "property investigation"), "arbitration": ("仲裁裁决", "arbitral awards"),
    "notarized": ("公证债权文书", "notarized debt instruments"), "compensation": ("司法赔偿", "state compensation"),
    "supervision": ("检察监督", "procuratorial supervision"), "retrial": ("再审", "retrial"),
    "mediation_doc": ("调解书", "mediation statements"), "payment_order": ("支付令", "payment orders"),
    "public_notice": ("公示催告", "public summons"), "death": ("被执行人死亡或终止", "death of the debtor"),
    "detention": ("拘留、罚款", "detention and fines"), "exit_ban": ("限制出境", "exit bans"),
    "search": ("搜查", "search"), "higher_court": ("向上一级法院申请执行", "applying to the higher court"),
    "bank_deposit": ("存款、债券、股票", "deposits and securities"), "income": ("收入", "income"),
    "minor": ("未成年人", "minors"), "nonenforcement": ("不予执行", "non-enforcement"),
    "assistance": ("协助执行", "assistance in enforcement"),
}
