"""Small hand-made word lists the guard reasons with: units, English number words, function words.

The topic vocabulary the guard also reasons with lives in ``assistant/corpus/topics.py``, shared with the
answer stage.
"""

from __future__ import annotations

import re

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
                    "超出", "达到", "须经", "需经", "扣除", "宽限")
ZH_NUMBER_AFTER = ("内", "以内", "之内", "以下", "以上", "届满", "后", "以前", "之前", "前", "为限", "的期间",
                   "的期限", "期间", "期限", "时效", "起", "计算", "罚款", "拘留", "仍", "未", "尚未", "没有", "之后",
                   "以后", "起算", "的", "为限", "上诉期", "宽限期", "租金")
EN_NUMBER_CONTEXT = re.compile(
    r"(?:within|of|for|period|limit|after|before|up to|no more than|not more than|not exceeding|exceeding|exceed|"
    r"at least|at most|maximum|minimum|is|are|lasts?|runs?|fine|detention|deadline|"
    # caps … at six months, limits … to fifteen days, for the three years preceding
    r"at|to|(?:for|within|of|over|during|in)\s+(?:the|a|its|their|his|her))\s*$", re.I)

# Names that end like a law but are not one (方法, 依法 …) and words that point back to a law named earlier.
NOT_LAW_WORDS = ("方法", "办法", "做法", "说法", "看法", "想法", "执法", "司法", "立法", "违法", "合法", "依法",
                 "非法", "守法", "用法", "写法", "算法", "手法", "语法", "疗法", "技法", "宪法性", "无法", "设法",
                 "方法论", "程序法", "实体法", "部门法", "上位法", "下位法", "特别法", "一般法", "新法", "旧法",
                 "前法", "后法", "原法", "法律法规", "相关法", "有关法")
SHORT_LAWS = ("刑法", "宪法", "民法")  # two-character names that are laws
LAW_SUFFIX = re.compile(r"(?:法典|法|规定|解释|条例|办法|规则|决定|意见|细则|批复|纪要|通知|草案|规程|准则|指引|指南|规范|通则|"
                        r"（试行）|\(试行\)|（草案）|\(草案\))$")
BACKREF_LAW = re.compile(
    r"(?:本|该|同一|同|此|上述|前述|上开|前引|所引|这一|这部|此项|该项|上揭|前揭)"
    r"(?:部)?(?:司法解释|法律|法典|法|规定|解释|条例|办法|规则|意见|决定|草案)$")
# Leading words stripped from a Chinese name before alias lookup (最高院关于执行和解若干问题的规定).
NAME_PREFIXES = ("最高人民法院、最高人民检察院", "最高人民法院", "最高法院", "最高院", "最高法", "两高",
                 "中华人民共和国", "我国", "现行", "新", "关于")

# Words that may stand right before a law's name (根据合同法, 依照担保法, 与物权法): a name found after any other
# Chinese character is part of a longer name (劳动合同法 is not 合同法).
NAME_LEAD_WORDS = re.compile(
    r"(?:根据|依据|依照|按照|参照|适用|违反|援引|引用|对照|参见|详见|结合|主张|认为|提出|请求|申请|可以|应当|能够|"
    r"不得|同时|以及|或者|并且|其中|属于|符合|援用|所称|所述|而且|但是|不过|因为|由于|鉴于|基于|查阅|查看|"
    r"规定了|明确了|指出|写明|载明|另外|此外|同样|因此|所以|那么|即使|如果|只有|只要|关于[^最]{0,2}问题)")
NAME_LEAD_CHARS = set("依按据见即是在由对向将为了而并但则应可其也还与和及或、的原旧前新国照用引反")
