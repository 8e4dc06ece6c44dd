"""English → Chinese legal terms, so BM25 over a Chinese corpus can serve English questions.

Dense retrieval is multilingual but weak across languages on legal text; appending the Chinese terms an
English question names lets the lexical signal help too.
"""

from __future__ import annotations

import re

GLOSSARY: list[tuple[str, str]] = [
    (r"settle(?:ment|d)?\s+agreement|settlement", "执行和解 和解协议"),
    (r"resum\w*\s+(?:the\s+)?enforcement|resum\w*", "恢复执行"),
    (r"execution\s+reversal|revers\w*|restitution|return\w*\s+(?:of\s+)?(?:the\s+)?(?:money|property|assets)", "执行回转 返还"),
    (r"enforc\w*|execution", "执行"),
    (r"apply\w*\s+for\s+enforcement|application\s+for\s+enforcement", "申请执行"),
    (r"time\s+limit|deadline|how\s+long|period|limitation|expire\w*|two[-\s]year", "期间 申请执行的期间 二年"),
    (r"interrupt\w*", "中断"),
    (r"suspen\w*", "中止"),
    (r"reconsideration|review\s+by\s+the\s+higher\s+court", "复议"),
    (r"objection|object\w*|challenge", "异议"),
    (r"third[-\s]party|outsider|non[-\s]party", "案外人"),
    (r"guarant\w*|surety", "担保 担保人 保证"),
    (r"arbitra\w*", "仲裁裁决"),
    (r"notari[sz]\w*", "公证债权文书"),
    (r"state\s+compensation|judicial\s+compensation|compensation", "赔偿 司法赔偿"),
    (r"interest|fruits?|yield", "孳息 利息"),
    (r"unjust\s+enrichment", "不当得利"),
    (r"debtor|judgment\s+debtor|respondent", "被执行人"),
    (r"creditor|applicant", "申请执行人"),
    (r"breach\w*|default\w*|fail\w*\s+to\s+(?:pay|perform)|not\s+pa(?:y|id)|didn'?t\s+pay", "不履行"),
    (r"fully\s+perform\w*|paid\s+(?:in\s+)?full|completed", "履行完毕"),
    (r"late\s+performance|delay\w*|late", "迟延履行"),
    (r"defective", "瑕疵"),
    (r"fraud\w*|deceiv\w*|trick\w*", "欺诈"),
    (r"coerc\w*|duress|threat\w*", "胁迫"),
    (r"invalid\w*|void|revok\w*|rescind\w*", "无效 撤销"),
    (r"sue|lawsuit|suit|litigat\w*|file\s+a\s+case", "诉讼 起诉"),
    (r"seiz\w*|freez\w*|attach\w*", "查封 扣押 冻结"),
    (r"dishonest|blacklist\w*|credit\s+list", "失信被执行人"),
    (r"high\s+consumption|consumption\s+restriction|travel\s+ban", "限制高消费"),
    (r"refus\w*\s+to\s+(?:comply|enforce|perform)|contempt", "拒不执行"),
    (r"in[-\s]kind|property\s+in\s+lieu|transfer\s+of\s+property\s+instead", "以物抵债"),
    (r"escrow|deposit\w*\s+with\s+the\s+court|lodg\w*|refus\w*\s+to\s+(?:accept|take|receive)|won'?t\s+accept", "提存"),
    (r"agent|attorney|lawyer\s+sign\w*|power\s+of\s+attorney", "委托代理人 特别授权"),
    (r"instal+ments?", "分期 履行期间"),
    (r"retrial", "再审"),
    (r"mediation", "调解书"),
    (r"oral", "口头"),
    (r"suspend\w*\s+enforcement|stay\s+of\s+enforcement", "中止执行"),
    (r"terminat\w*", "终结"),
]
# Colloquial Chinese → the statutes' terms (a litigant writes 被骗, the law says 欺诈).
COLLOQUIAL: list[tuple[str, str]] = [
    (r"骗|忽悠|谎称|隐瞒", "欺诈"),
    (r"逼|威胁|恐吓|强迫", "胁迫"),
    (r"赖账|不还|没还|不给|没给|不付|没付|断供|拖着不|不按协议|违约|没按", "不履行"),
    (r"付清|还清|给完|全部付|都付|履行完", "履行完毕"),
    (r"晚了|拖了|迟延|晚付|逾期", "迟延履行"),
    (r"毛病|质量问题|瑕疵|不合格", "瑕疵 履行"),
    (r"要回|退还|退回|拿回|追回|还给我", "返还 执行回转"),
    (r"卖给别人|卖掉了|转卖|已经卖|被卖", "第三人 无法返还 折价"),
    (r"报废|灭失|毁损|烧毁|丢了|没了", "灭失 折价赔偿"),
    (r"利息|收益|赚了|租金|孳息", "孳息"),
    (r"私下|庭外|法院外|自行|自己签", "执行外和解 和解协议"),
    (r"拒收|不收|不肯收", "提存"),
    (r"代签|替我签|代表我|没授权|没有授权", "委托代理人 特别授权"),
    (r"分期|分三期|分几期|第二期|一期", "分期 履行期间"),
    (r"多久|几天|期限|最晚|截止|哪天|到期", "期间"),
    (r"撤销了|被撤销|改判|再审", "撤销 执行回转"),
    (r"国家赔偿|赔偿责任|错误执行", "司法赔偿"),
    (r"追加|变更被执行人", "追加 变更"),
    (r"复议", "复议"),
    (r"申请强制执行|申请法院强制执行", "申请执行"),  # the statutes say 申请执行 (第二百五十条 申请执行的期间)
    (r"担保人|保证人|担保", "担保"),
    (r"抵债|以车抵|以房抵|抵账", "以物抵债"),
]
_COMPILED = [(re.compile(p, re.I), zh) for p, zh in GLOSSARY]
_COLLOQUIAL = [(re.compile(p), zh) for p, zh in COLLOQUIAL]
_LATIN = re.compile(r"[A-Za-z]{3,}")


def expand_english(query: str) -> str:
    """The query plus the Chinese terms its English words name (unchanged when it has no English)."""
    if not _LATIN.search(query):
        return query
    extra = [zh for pattern, zh in _COMPILED if pattern.search(query)]
    return query + (" " + " ".join(dict.fromkeys(extra)) if extra else "")


def expand_query(query: str) -> str:
    """English terms and colloquial Chinese, both mapped to the statutes' vocabulary, for lexical search."""
    query = expand_english(query)
    extra = [zh for pattern, zh in _COLLOQUIAL if pattern.search(query)]
    return query + (" " + " ".join(dict.fromkeys(extra)) if extra else "")
