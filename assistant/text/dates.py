"""Dates in Chinese and English text: reading one (parse_date), finding every one in a question (find_dates),
and writing one back (fmt, weekday). The one date reader of the code base.

>>> parse_date("2024年2月29日"), parse_date("2024/2/29") == parse_date("2024-02-29")
(datetime.date(2024, 2, 29), True)
>>> [f.value.isoformat() for f in find_dates("二〇二四年三月一日生效，约定2025年1月10日、4月10日付清", date(2026, 11, 23))]
['2024-03-01', '2025-01-10', '2025-04-10']
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.text.bilingual import BilingualError
from assistant.text.numerals import parse_digits, parse_numeral

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


class DateError(BilingualError):
    """A date that does not exist or cannot be read, said in Chinese and English."""

    code = "invalid_date"


def fmt_zh(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_en(d: date) -> str:
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def fmt(d: date, lang: str) -> str:
    return fmt_zh(d) if lang == "zh" else fmt_en(d)


def fmt_month(d: date, lang: str) -> str:
    """The month of a date: '2026年10月', 'October 2026'."""
    return f"{d.year}年{d.month}月" if lang == "zh" else f"{MONTHS_EN[d.month - 1]} {d.year}"


def weekday(d: date, lang: str) -> str:
    return (WEEKDAYS_ZH if lang == "zh" else WEEKDAYS_EN)[d.weekday()]


def make_date(year: int, month: int, day: int) -> date:
    """A date, or DateError saying in both languages why it does not exist."""
    if not 1 <= month <= 12:
        raise DateError(f"{year}年{month}月{day}日不是有效日期：月份应在1至12之间。",
                        f"{year}-{month:02d}-{day:02d} is not a valid date: the month must be 1 to 12.")
    if year < 1 or year > 9999:
        raise DateError(f"{year}年不是有效年份。", f"{year} is not a valid year.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        extra_zh, extra_en = "", ""
        if month == 2 and day == 29:
            extra_zh, extra_en = f"{year}年不是闰年，", f"{year} is not a leap year; "
        raise DateError(
            f"{year}年{month}月{day}日不是有效日期：{extra_zh}{year}年{month}月只有{last}天。",
            f"{year}-{month:02d}-{day:02d} is not a valid date: {extra_en}{MONTHS_EN[month - 1]} {year} has {last} days.")
    return date(year, month, day)


_DATE_RE = re.compile(r"^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*[日号]?\s*$")


def parse_date(value: date | str, field: str = "date") -> date:
    """Accept a date, 'YYYY-MM-DD', 'YYYY/M/D' or 'YYYY年M月D日'; anything else is DateError."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise DateError(f"{field} 不是日期：{value!r}", f"{field} is not a date: {value!r}")
    m = _DATE_RE.match(value)
    if not m:
        raise DateError(f"无法识别的日期“{value}”，请使用 YYYY-MM-DD 格式（如 2025-03-31）。",
                        f"Unrecognised date {value!r}; use YYYY-MM-DD (e.g. 2025-03-31).")
    return make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


# ----- finding the dates in a question -----------------------------------------------------------------

@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: its value (None when it does not exist: then `error` says why; or when the text names
    a month but no day: then `precision` is 'month') and its span.

    bounds: the first and last day the text allows (the day twice for a day, the month's first and last days for a
    month; None for an error). relative: the value was worked out from the day the question is set ('昨天',
    '上个月20号', 'last Friday', '3月5日' with no year), so an answer should show the full date it took.
    """

    value: date | None
    start: int
    end: int
    surface: str
    error: DateError | None = None
    precision: str = "day"          # "day" or "month"
    relative: bool = False
    bounds: tuple[date, date] | None = None


_MONTH_NUMBERS = {m.lower(): i + 1 for i, m in enumerate(MONTHS_EN)}
_MONTH_NUMBERS.update({k[:3]: v for k, v in list(_MONTH_NUMBERS.items())})
_MONTH_NUMBERS["sept"] = 9
_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_CN = "[一二三四五六七八九十]"
_MD = rf"(\d{{1,2}}|{_CN}{{1,3}})"           # a month or a day, in digits or Chinese numerals
_EN_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_WEEKDAY_NUMBERS = {**{c: i for i, c in enumerate("一二三四五六")}, "日": 6, "天": 6,
                    **{str(i + 1): i for i in range(7)}, **{d.lower(): i for i, d in enumerate(WEEKDAYS_EN)}}
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}
_RELATIVE_DAYS = {"大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "昨晚": -1, "明天": 1, "明日": 1, "后天": 2,
                  "大后天": 3, "the day before yesterday": -2, "yesterday": -1, "tomorrow": 1,
                  "the day after tomorrow": 2}
_STEPS = {"上上": -2, "上": -1, "这": 0, "本": 0, "下": 1, "下下": 2, "last": -1, "this": 0, "next": 1}

# full dates, and a month with its year
_RE_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_RE_ZH = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_RE_ZH_CN = re.compile(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]")
_RE_ZH_MONTH_END = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:底|末)")
_RE_ZH_YEAR_END = re.compile(r"(?<!\d)(\d{4})\s*年\s*(?:底|末)")
_RE_ZH_REL = re.compile(rf"(今年|明年|去年|后年|前年)\s*{_MD}\s*月\s*{_MD}\s*[日号]")
_RE_ZH_REL_MONTH_END = re.compile(rf"(今年|明年|去年|后年|前年)\s*{_MD}\s*月\s*(?:底|末)")
_RE_ZH_REL_END = re.compile(r"(今年|明年|去年|后年)\s*(?:年底|年末|底)")
_RE_EN_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"\.?,?\s+(\d{4})", re.I)
_RE_EN_MDY = re.compile(_MON + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_RE_ZH_YM = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?(?![\d日号])")
_RE_ZH_CN_YM = re.compile(rf"([〇零○一二三四五六七八九]{{4}})年({_CN}{{1,2}})月(?:份)?(?!{_CN}|[日号])")
_RE_ZH_REL_YM = re.compile(rf"(今年|明年|去年|后年|前年)\s*{_MD}\s*月(?:份)?(?![\d日号]|{_CN})")
_RE_EN_MY = re.compile(r"\b" + _MON + r"\.?,?\s+(\d{4})\b", re.I)
# dates counted from the day the question is set
_RE_ZH_DAY_WORD = re.compile(r"大前天|(?<!提)前天|昨天|昨日|昨晚|明天|(?<![载说表注标])明日(?!期)|大后天|(?<![之以])后天")
_RE_EN_DAY_WORD = re.compile(r"\b(?:the day before yesterday|yesterday|the day after tomorrow|tomorrow)\b", re.I)
# '三天前', '两周前', '三个月前', '两年前'; not after the event they count from ('开庭三天前'), nor '哪一天之前'
_RE_ZH_AGO = re.compile(r"(?<!生效|送达|收到|到期|届满|开庭|立案|签订|判决|裁定)(?<![哪那这每第同当某前后\d一二两三四五六七八九十])"
                        r"(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*"
                        r"(天|周|个星期|星期|个礼拜|礼拜|个月|年)\s*(?:以前|之前|前)(?!天)")
_RE_EN_AGO = re.compile(r"\b(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                        r"(days?|weeks?|months?|years?)\s+ago\b", re.I)
_RE_ZH_WEEKDAY = re.compile(r"(上上|上|这|本|下下|下)个?(?:周|星期|礼拜)([一二三四五六日天1-7])")
_RE_EN_WEEKDAY = re.compile(r"\b(last|this|next)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)
_RE_ZH_REL_MD = re.compile(rf"(上上|上|这|本|下下|下)个?月\s*{_MD}\s*[日号]")
_RE_ZH_REL_M_END = re.compile(r"(上上|上|这|本|下下|下)个?月\s*(?:底|末)")
_RE_ZH_REL_M = re.compile(r"(上上|上|这|本|下下|下)个?月(?![\d一二三四五六七八九十]|份?(?:内|之内|以内))")
_RE_EN_REL_M = re.compile(r"\b(last|this|next)\s+month\b", re.I)
# a month and day, or a month, without a year: the year of a date before them, else worked out from today
_RE_ZH_MD = re.compile(rf"(?<![年\d{_CN[1:-1]}两个第每])(\d{{1,2}}|{_CN}{{1,3}})\s*月\s*{_MD}\s*[日号]")
_RE_ZH_M_END = re.compile(rf"(?<![年\d{_CN[1:-1]}两个第每])(\d{{1,2}}|{_CN}{{1,3}})\s*月\s*(?:底|末)")
_RE_ZH_M = re.compile(rf"(?<![年\d{_CN[1:-1]}两个第每])(\d{{1,2}}|{_CN}{{1,2}})\s*月(?:份)?"
                      rf"(?![\d{_CN[1:-1]}两日号]|\s*\d|内|之内|以内|间|期)")
_RE_EN_DM = re.compile(r"(?<![\d.])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"\b\.?", re.I)
_RE_EN_MD = re.compile(r"\b" + _MON + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![\d:])", re.I)
_RE_EN_M = re.compile(r"\b(?:in|during|since|until|till|from|early|mid|late|end of|beginning of|start of)\s+"
                      r"(?:early\s+|mid-?\s*|late\s+)?" + _MON + r"\b(?![.,]?\s*\d)", re.I)
# words after a month and day that say the day has already come ('裁定书11月20日送达')
ALREADY_HAPPENED = r"送达|收到|签收|拿到|送到"
# words near a date without a year that look ahead ('约定12月31日前付清', '将于1月10日到期', 'must pay by 31 December')
_LOOKS_AHEAD = re.compile(r"将|即将|快到|届时|到期(?!未|后|了|没|仍)|届满|截止|最迟|最晚|之前|以前|"
                          r"前(?=\s*(?:一次性|分期|全部)?(?:付|还|履行|支付|给付|交|结清|清偿|[，,。；;]|$))|"
                          r"\b(?:by|before|due|will|shall|must|upcoming|until|till)\b", re.I)
# ... unless the text says the day has passed: a default, or an English verb in the past
_HAS_PASSED = re.compile(r"没付|没给|没还|未付|未还|未履行|没履行|没有(?:付|还|履行|给)|一直没|逾期|违约|到期未|过期|已经过了|"
                         r"\b(?:didn't|did not|failed|missed|defaulted|overdue|never paid|has passed|expired)\b", re.I)
_PAST_VERB = re.compile(r"\b(?:was|were|had|did|got|received|paid|served|signed|filed|took|became|made)\b", re.I)
_CLAUSE = re.compile(r"[，,。；;！？?!\n]")


def _number(text: str) -> int:
    """A count, month or day in digits or Chinese numerals ('两' is two)."""
    return int(text) if text.isdigit() else parse_numeral(text.replace("两", "二"))


def _shift_month(year: int, month: int, steps: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + steps, 12)
    return y, m + 1


def _month_days(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _looks_ahead(text: str, start: int, end: int, already_happened: str) -> bool:
    """Whether a month (and day) without a year is one still to come: words of its clause look ahead and the text
    does not say the day has passed."""
    left = max((m.end() for m in _CLAUSE.finditer(text, max(0, start - 16), start)), default=max(0, start - 16))
    right = _CLAUSE.search(text, end)
    before, after = text[left:start], text[end:min(end + 10, right.start() if right else len(text))]
    if re.search(already_happened, text[end:end + 6]) or _PAST_VERB.search(before) or _HAS_PASSED.search(text):
        return False
    return bool(_LOOKS_AHEAD.search(before) or _LOOKS_AHEAD.search(after))


def find_dates(text: str, today: date, *, already_happened: str = ALREADY_HAPPENED) -> list[FoundDate]:
    """Every date in the text, in order; impossible ones carry the error instead of a value, and a month without a
    day is reported as such (precision 'month', value None, its days in `bounds`).

    Dates said relative to the day the question is set ('前天', '上周三', '上个月20号', '三天前', '去年12月',
    'last Friday', 'two weeks ago') are worked out from `today`; '今天' and 'today' are the question's own day and
    are left to the reader. A count of months or years ago ('三个月前') fixes a month, not a day. A month and day
    (or a month) without a year take the year of the nearest date before them whose year the text writes out;
    with none, the latest such day up to today, unless the words around it look ahead ('约定12月31日前付清', '将于…到期',
    'must pay by …') and the text does not say the day has passed, or it is followed by words saying the day has
    come (`already_happened`).

    >>> [(f.surface, f.value, f.precision) for f in find_dates("上周三付了一半，去年12月签的", date(2026, 11, 23))]
    [('上周三', datetime.date(2026, 11, 18), 'day'), ('去年12月', None, 'month')]
    """
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    year_given: list[tuple[int, int]] = []      # (end, year) of dates whose year the text writes out

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    def add(start: int, end: int, *, day: tuple[int, int, int] | date | None = None,
            month: tuple[int, int] | None = None, relative: bool = False, year_stated: bool = False) -> None:
        if not free(start, end):
            return
        value = err = bounds = None
        if month is not None:
            if not 1 <= month[1] <= 12:
                return                      # '13月' is not a month, and not worth an error
            bounds = _month_days(*month)
        elif isinstance(day, date):
            value = day
        else:
            try:
                value = make_date(*day)     # type: ignore[misc]
            except DateError as e:
                err = e
        if value is not None:
            bounds = (value, value)
        taken.append((start, end))
        if year_stated and bounds:
            year_given.append((end, bounds[0].year))
        found.append(FoundDate(value=value, start=start, end=end, surface=text[start:end], error=err,
                               precision="month" if month is not None else "day", relative=relative, bounds=bounds))

    def numbers(m: re.Match, *groups: int) -> list[int] | None:
        try:
            return [_number(m.group(g)) for g in groups]
        except ValueError:                  # '十十月': not a numeral, so not a date
            return None

    def last_day(year: int, month: int) -> tuple[int, int, int]:
        return year, month, calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 1

    # full dates and months with their years
    for m in _RE_ISO.finditer(text):
        add(m.start(), m.end(), day=(int(m.group(1)), int(m.group(2)), int(m.group(3))), year_stated=True)
    for m in _RE_ZH.finditer(text):
        add(m.start(), m.end(), day=(int(m.group(1)), int(m.group(2)), int(m.group(3))), year_stated=True)
    for m in _RE_ZH_CN.finditer(text):
        md = numbers(m, 2, 3)
        if md:
            add(m.start(), m.end(), day=(parse_digits(m.group(1)), *md), year_stated=True)
    for m in _RE_ZH_MONTH_END.finditer(text):
        add(m.start(), m.end(), day=last_day(int(m.group(1)), int(m.group(2))), year_stated=True)
    for m in _RE_ZH_YEAR_END.finditer(text):
        add(m.start(), m.end(), day=(int(m.group(1)), 12, 31), year_stated=True)
    for m in _RE_ZH_REL.finditer(text):
        md = numbers(m, 2, 3)
        if md:
            add(m.start(), m.end(), day=(today.year + _RELATIVE_YEARS[m.group(1)], *md), relative=True)
    for m in _RE_ZH_REL_MONTH_END.finditer(text):
        md = numbers(m, 2)
        if md:
            add(m.start(), m.end(), day=last_day(today.year + _RELATIVE_YEARS[m.group(1)], md[0]), relative=True)
    for m in _RE_ZH_REL_END.finditer(text):
        add(m.start(), m.end(), day=(today.year + _RELATIVE_YEARS[m.group(1)], 12, 31), relative=True)
    for m in _RE_EN_DMY.finditer(text):
        add(m.start(), m.end(), day=(int(m.group(3)), _MONTH_NUMBERS[m.group(2).lower()], int(m.group(1))), year_stated=True)
    for m in _RE_EN_MDY.finditer(text):
        add(m.start(), m.end(), day=(int(m.group(3)), _MONTH_NUMBERS[m.group(1).lower()], int(m.group(2))), year_stated=True)
    for m in _RE_ZH_YM.finditer(text):
        add(m.start(), m.end(), month=(int(m.group(1)), int(m.group(2))), year_stated=True)
    for m in _RE_ZH_CN_YM.finditer(text):
        md = numbers(m, 2)
        if md:
            add(m.start(), m.end(), month=(parse_digits(m.group(1)), md[0]), year_stated=True)
    for m in _RE_ZH_REL_YM.finditer(text):
        md = numbers(m, 2)
        if md:
            add(m.start(), m.end(), month=(today.year + _RELATIVE_YEARS[m.group(1)], md[0]), relative=True)
    for m in _RE_EN_MY.finditer(text):
        if _plain_month_word(m.group(1)):
            add(m.start(), m.end(), month=(int(m.group(2)), _MONTH_NUMBERS[m.group(1).lower()]), year_stated=True)

    # dates counted from today
    for m in (*_RE_ZH_DAY_WORD.finditer(text), *_RE_EN_DAY_WORD.finditer(text)):
        add(m.start(), m.end(), day=today + timedelta(days=_RELATIVE_DAYS[m.group(0).lower()]), relative=True)
    for m in (*_RE_ZH_AGO.finditer(text), *_RE_EN_AGO.finditer(text)):
        n = _EN_COUNT.get(m.group(1).lower()) or numbers(m, 1)
        count = n[0] if isinstance(n, list) else n
        if not count:
            continue
        unit = m.group(2).lower()
        if unit in ("天", "day", "days"):
            add(m.start(), m.end(), day=today - timedelta(days=count), relative=True)
        elif unit.startswith(("周", "星期", "个星期", "礼拜", "个礼拜", "week")):
            add(m.start(), m.end(), day=today - timedelta(weeks=count), relative=True)
        else:   # months or years ago fix a month, not a day
            months = count * (12 if unit in ("年", "year", "years") else 1)
            add(m.start(), m.end(), month=_shift_month(today.year, today.month, -months), relative=True)
    monday = today - timedelta(days=today.weekday())
    for m in (*_RE_ZH_WEEKDAY.finditer(text), *_RE_EN_WEEKDAY.finditer(text)):
        weeks, wd = _STEPS[m.group(1).lower()], _WEEKDAY_NUMBERS[m.group(2).lower()]
        add(m.start(), m.end(), day=monday + timedelta(weeks=weeks, days=wd), relative=True)
    for m in _RE_ZH_REL_MD.finditer(text):
        md = numbers(m, 2)
        if md:
            add(m.start(), m.end(), day=(*_shift_month(today.year, today.month, _STEPS[m.group(1)]), md[0]), relative=True)
    for m in _RE_ZH_REL_M_END.finditer(text):
        add(m.start(), m.end(), day=last_day(*_shift_month(today.year, today.month, _STEPS[m.group(1)])), relative=True)
    for m in (*_RE_ZH_REL_M.finditer(text), *_RE_EN_REL_M.finditer(text)):
        add(m.start(), m.end(), month=_shift_month(today.year, today.month, _STEPS[m.group(1).lower()]), relative=True)

    # a month and day, or a month, without a year
    def year_for(start: int, end: int, month: int, day: int) -> tuple[int, bool]:
        """The year of the date before, else worked out from today (and then relative)."""
        before = [(e, y) for e, y in year_given if e <= start]
        if before:
            return max(before)[1], False
        ahead = _looks_ahead(text, start, end, already_happened)
        if ahead:
            return (today.year if (month, day) >= (today.month, today.day) else today.year + 1), True
        return (today.year if (month, day) <= (today.month, today.day) else today.year - 1), True

    def add_day(start: int, end: int, month: int, day: int) -> None:
        year, relative = year_for(start, end, month, day)
        if relative and (month, day) == (2, 29) and not calendar.isleap(year):
            return      # '自2月29日起算' speaks of any leap day; a year the text does not give is not blamed
        add(start, end, day=(year, month, day), relative=relative)

    for m in _RE_ZH_MD.finditer(text):
        md = numbers(m, 1, 2)
        if md:
            add_day(m.start(), m.end(), *md)
    for m in _RE_ZH_M_END.finditer(text):
        md = numbers(m, 1)
        if md and 1 <= md[0] <= 12:
            y, rel = year_for(m.start(), m.end(), md[0], 31)
            add(m.start(), m.end(), day=last_day(y, md[0]), relative=rel)
    for pattern, month_group, day_group in ((_RE_EN_DM, 2, 1), (_RE_EN_MD, 1, 2)):
        for m in pattern.finditer(text):
            if not _plain_month_word(m.group(month_group)):
                continue
            add_day(m.start(), m.end(), _MONTH_NUMBERS[m.group(month_group).lower()], int(m.group(day_group)))
    for m in _RE_ZH_M.finditer(text):
        md = numbers(m, 1)
        if md and 1 <= md[0] <= 12:
            y, rel = year_for(m.start(), m.end(), md[0], 31 if _looks_ahead(text, m.start(), m.end(), already_happened) else 1)
            add(m.start(), m.end(), month=(y, md[0]), relative=rel)
    for m in _RE_EN_M.finditer(text):
        if _plain_month_word(m.group(1)):
            mo = _MONTH_NUMBERS[m.group(1).lower()]
            y, rel = year_for(m.start(1), m.end(1), mo, 31 if _looks_ahead(text, m.start(1), m.end(1), already_happened) else 1)
            add(m.start(1), m.end(1), month=(y, mo), relative=rel)
    found.sort(key=lambda f: f.start)
    return found


def _plain_month_word(word: str) -> bool:
    """'may' and 'march' in lower case are a verb more often than a month."""
    return word[0].isupper() or word.lower() not in ("may", "mar", "march")
