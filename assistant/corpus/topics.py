"""What provisions are about: a small topic vocabulary shared by the answer stage and the citation guard.

A text *names* a topic when one of its triggers occurs in it; an article *evidences* a topic when one of the
evidence strings occurs in its text. The guard refines naming for claims (examples and word-internal matches
do not count, ``assistant.guard.claims.claim_topics``); the answer stage uses the plain forms below.
"""

from __future__ import annotations

# topic id → (claim triggers (Chinese and English, English lower-case), evidence strings in Chinese law text)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "settlement": (("执行和解", "和解协议", "自行和解", "达成和解", "和解", "settlement agreement", "settlement",
                    "settle", "settled"),
                   ("和解",)),
    "resume": (("恢复执行", "恢复对原生效法律文书的执行", "resume enforcement", "resumption of enforcement",
                "resume the enforcement", "resumed enforcement", "resuming enforcement", "resume"),
               ("恢复执行", "恢复对原生效法律文书的执行", "恢复")),
    "reversal": (("执行回转", "回转", "返还", "退还", "enforcement reversal", "reversal", "restitution", "return of property",
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
    "dishonest": (("失信被执行人名单", "失信名单", "失信被执行人", "失信", "老赖", "dishonest", "blacklist",
                   "be listed", "is listed", "are listed", "listed as", "put on the list", "placed on the list"),
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
                       "report its assets", "report its property", "report their assets", "report their property",
                       "report its current assets", "report on its assets", "report assets", "asset report",
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
    "exit_ban": (("限制出境", "exit ban", "exit-ban", "restrict exit", "restrict departure", "departure from china",
                  "leaving the country", "leave the country", "travel ban"), ("出境",)),
    "search": (("搜查", "搜查令", "search warrant", "search the"), ("搜查",)),
    "higher_court": (("上一级人民法院申请执行", "向上一级法院申请执行", "higher court to enforce",
                      "apply to the higher court", "apply to the court at the next level"), ("上一级",)),
    "bank_deposit": (("存款", "银行账户", "deposits", "bank account", "bonds", "shares", "fund units"),
                     ("存款", "债券", "股票", "基金")),
    "income": (("收入", "工资", "income", "wages", "salary"), ("收入",)),
    "minor": (("未成年人", "minor", "minors"), ("未成年",)),
    "nonenforcement": (("不予执行", "non-enforcement", "refuse enforcement", "deny enforcement"), ("不予执行",)),
    "assistance": (("协助执行", "assist in enforcement", "assistance notice"), ("协助",)),
    "list_correction": (("申请纠正", "纠正", "apply for correction", "apply to correct", "correction of the listing"),
                        ("纠正",)),
    "delisting": (("删除失信信息", "删除", "removal from the list", "removed from the list", "remove from the list",
                   "delisting", "delisted", "delete the information"), ("删除",)),
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
    "list_correction": ("申请纠正", "correcting a listing"), "delisting": ("删除失信信息", "removal from the list"),
}


def evidence_topics(text: str) -> frozenset[str]:
    """Topics a law text evidences."""
    return frozenset(topic for topic, (_, ev) in TOPICS.items() if any(e in text for e in ev))


def named_topics(text: str) -> frozenset[str]:
    """Topics a question names (any trigger, case-insensitive)."""
    low = text.lower()
    return frozenset(topic for topic, (triggers, _) in TOPICS.items() if any(t in low for t in triggers))
