"""Is a question about civil enforcement at all? Out-of-scope questions get a short statement of scope."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.legal_systems import names_pattern

IN_SCOPE = re.compile(
    r"执行|和解|回转|申请执行|被执行|强制|查封|扣押|冻结|拍卖|失信|限高|限制高消费|拒执|拒不执行|判决|裁定|调解书|仲裁裁决|公证债权|"
    r"债务人|债权人|欠款|欠钱|欠我|还钱|付款|付了|还了|没付|没还|履行|担保|保证人|异议|复议|恢复|起诉|诉讼|民事诉讼法|民诉|法院|孳息|不当得利|司法赔偿|期间|时效|终本|"
    r"enforce|execution|settle|judgment|judgement|debtor|creditor|court|ruling|award|reversal|restitution|guarantor|"
    r"objection|resum|civil procedure|seiz|freez|auction|dishonest|pay|paid|owe|debt|deadline|time limit|"
    r"Civil Procedure Law|article", re.I)

OUT_OF_SCOPE: list[tuple[str, re.Pattern, str, str]] = [
    ("criminal", re.compile(r"量刑|判几年|刑期|坐牢|缓刑|死刑|无期|盗窃|抢劫|故意伤害|诈骗罪|取保候审|自首|sentenc|prison|jail|parole|theft|robbery|murder|criminal penalt", re.I),
     "刑事量刑问题属于刑法和刑事诉讼领域。", "Criminal sentencing belongs to criminal law and criminal procedure. "),
    ("family", re.compile(r"离婚|夫妻|婚内|抚养|抚养权|彩礼|婚姻|继承|遗嘱|divorc|custody|marri|alimony|inherit|testament|testator|probate|"
                r"\b(?:a|the|his|her|my|their|father's|mother's) will\b(?! (?:not|be|have|pay|enforce|the court|i|we|they)\b)", re.I),
     "婚姻家庭与继承问题属于婚姻家庭法领域。", "Family and inheritance matters belong to family law. "),
    ("tax", re.compile(r"个税|个人所得税|税务|纳税|增值税|退税|发票|\btax|\bVAT\b", re.I),
     "税务问题请咨询税务机关或税务专业人士。", "Tax questions belong with the tax authority or a tax adviser. "),
    ("labour", re.compile(r"劳动仲裁|劳动合同|工伤|社保|加班费|辞退|裁员|labou?r arbitration|employment|overtime|"
                r"(?:unfair|wrongful) dismissal|dismissed from (?:my|his|her|their|the) job|laid off|layoff|social insurance", re.I),
     "劳动争议问题属于劳动法领域，一般先经劳动仲裁。", "Employment disputes belong to labour law and usually go to labour arbitration first. "),
    ("immigration", re.compile(r"签证|移民|出入境|护照|绿卡|\bvisas?\b|immigra|passport|green card", re.I),
     "出入境与移民问题请咨询出入境管理机关。", "Visa and immigration questions belong with the immigration authorities. "),
    ("traffic", re.compile(r"交通事故|驾照|扣分|罚单|酒驾|traffic|driving licen|speeding", re.I),
     "交通管理问题请咨询公安交通管理部门。", "Traffic matters belong with the traffic police. "),
    ("general", re.compile(r"天气|股票|菜谱|写一首|写诗|翻译一下|weather|stock price|recipe|poem|write a song", re.I),
     "", ""),
]

# An enforcement question mentioning a family or criminal matter in passing is still ours.
STRONG_IN_SCOPE = re.compile(r"执行和解|恢复执行|执行回转|申请执行|被执行人|强制执行|执行异议|拒不执行|拒执|失信|限高|限制高消费|"
                             r"案外人|许可执行之诉|第三人撤销之诉|参与分配|追加被执行人|变更追加|终结本次执行|终本|迟延履行利息|"
                             r"迟延履行金|"
                             r"enforcement|execution reversal|resume enforcement|settlement agreement|judgment debtor", re.I)


# A question asking what a provision it names says ('第…条讲的是什么', 'What does Article … provide?').
ASKS_CONTENT = re.compile(r"(?:讲|说|规定)(?:的是|了)?(?:什么|啥)|(?:内容|原文)是什么|怎么(?:规定|说)的?|"
                          r"\bwhat (?:does|do) .{0,80}\b(?:say|provide|state)s?\b|\bwhat is in\b|\bwording of\b", re.I)
# A question about other legal systems (the comparative notes answer it; the navigator applies Chinese rules only).
OTHER_SYSTEMS = names_pattern()
# A question about scholarship, other legal systems or reform (doctrine notes may answer it).
ASKS_DOCTRINE = re.compile(rf"学说|学者|理论|观点|争议|比较|改革|完善|建议|草案|性质|什么关系|{OTHER_SYSTEMS}|"
                           r"doctrine|scholar|debate|theor|compar|reform|draft|nature", re.I)


@dataclass(frozen=True)
class ScopeDecision:
    in_scope: bool
    topic: str | None
    hint_zh: str = ""
    hint_en: str = ""


# Looking up one's own case needs the courts' case systems, which this assistant has no access to; it is asked
# in enforcement words, so it is recognised before them.
CASE_STATUS = re.compile(
    r"(帮我)?(查|查询|查一下|查查|看看|看一下)(一下)?.{0,6}(我的|我们的|这个)?(案子|案件|案号|执行进度|执行情况|进展|进度)|"
    r"(案子|案件|执行)(现在)?(执行)?(到|进行到)(了)?哪一?步|(案子|案件|执行)的?(进展|进度)(怎么样|如何|到哪)|"
    r"(check|look up|track) (the )?(status|progress) of my case|where is my case|status of my (enforcement )?case",
    re.I)
CASE_STATUS_HINT = ("查询具体案件的进展需要法院的案件系统，本助手无法访问；可以通过中国执行信息公开网、人民法院在线服务平台，"
                    "或直接联系承办法院查询。",
                    "Looking up a particular case needs the courts' case systems, which this assistant cannot reach; "
                    "use the China Enforcement Information Disclosure website, the People's Court Online Service, "
                    "or ask the court handling the case. ")


def classify_scope(question: str) -> ScopeDecision:
    if CASE_STATUS.search(question):
        return ScopeDecision(False, "case_status", *CASE_STATUS_HINT)
    if STRONG_IN_SCOPE.search(question):
        return ScopeDecision(True, None)
    for topic, pattern, zh, en in OUT_OF_SCOPE:
        if pattern.search(question):
            return ScopeDecision(False, topic, zh, en)
    if IN_SCOPE.search(question):
        return ScopeDecision(True, None)
    return ScopeDecision(False, "unrelated")
