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
from datetime import date

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
    """A date found in a text: its value (None when it does not exist: then `error` says why) and its span."""

    value: date | None
    start: int
    end: int
    surface: str
    error: DateError | None = None


_MONTH_NUMBERS = {m.lower(): i + 1 for i, m in enumerate(MONTHS_EN)}
_MONTH_NUMBERS.update({k[:3]: v for k, v in list(_MONTH_NUMBERS.items())})
_MONTH_NUMBERS["sept"] = 9
_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"

_RE_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_RE_ZH = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_RE_ZH_CN = re.compile(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]")
_RE_ZH_REL = re.compile(r"(今年|明年|去年|后年|前年)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_RE_ZH_REL_END = re.compile(r"(今年|明年|去年|后年)\s*(?:年底|年末|底)")
_RE_ZH_MD = re.compile(r"(?<![年\d])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_RE_EN_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"\.?,?\s+(\d{4})", re.I)
_RE_EN_MDY = re.compile(_MON + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}
# words after a month and day that say the day has already come ('裁定书11月20日送达')
ALREADY_HAPPENED = r"送达|收到|签收|拿到|送到"


def find_dates(text: str, today: date, *, already_happened: str = ALREADY_HAPPENED) -> list[FoundDate]:
    """Every date in the text, in order; impossible ones carry the error instead of a value.

    A month and day without a year take the year of the nearest full date before them; with none, and
    followed by words saying the day has come (`already_happened`), the latest such day up to today.
    """
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, y: int, mo: int, d: int) -> None:
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        try:
            value, err = make_date(y, mo, d), None
        except DateError as e:
            value, err = None, e
        found.append(FoundDate(value=value, start=m.start(), end=m.end(), surface=m.group(0), error=err))

    for m in _RE_ISO.finditer(text):
        add(m, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _RE_ZH.finditer(text):
        add(m, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _RE_ZH_CN.finditer(text):
        try:
            y, mo, d = parse_digits(m.group(1)), parse_numeral(m.group(2)), parse_numeral(m.group(3))
        except ValueError:      # '十十月': not a numeral, so not a date
            continue
        add(m, y, mo, d)
    for m in _RE_ZH_REL.finditer(text):
        add(m, today.year + _RELATIVE_YEARS[m.group(1)], int(m.group(2)), int(m.group(3)))
    for m in _RE_ZH_REL_END.finditer(text):
        add(m, today.year + _RELATIVE_YEARS[m.group(1)], 12, 31)
    for m in _RE_EN_DMY.finditer(text):
        add(m, int(m.group(3)), _MONTH_NUMBERS[m.group(2).lower()], int(m.group(1)))
    for m in _RE_EN_MDY.finditer(text):
        add(m, int(m.group(3)), _MONTH_NUMBERS[m.group(1).lower()], int(m.group(2)))
    for m in _RE_ZH_MD.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        prior = [f for f in found if f.end <= m.start() and f.value is not None]
        if prior:
            year = max(prior, key=lambda f: f.end).value.year  # type: ignore[union-attr]
        elif re.search(already_happened, text[m.end():m.end() + 6]):
            # service already happened, so the latest such day up to today (the answer shows the full date)
            month, day = int(m.group(1)), int(m.group(2))
            year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        else:
            continue
        add(m, year, int(m.group(1)), int(m.group(2)))
    found.sort(key=lambda f: f.start)
    return found
