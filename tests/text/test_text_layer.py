"""The one text layer: numerals against cn2an, dates, language, the other legal systems."""

from __future__ import annotations

from datetime import date

import cn2an
import pytest

from assistant.text.dates import DateError, find_dates, fmt_en, fmt_zh, make_date, parse_date, weekday
from assistant.text.language import detect_lang
from assistant.text.legal_systems import AT_LARGE, OTHER_SYSTEMS_RE, SYSTEMS, systems_named
from assistant.text.numerals import parse_amount, parse_digits, parse_number, parse_numeral, to_chinese

TODAY = date(2026, 11, 23)


# ----- numerals: our parser and writer against cn2an ------------------------------------------------------
# every number up to 10,000 (article numbers, periods, years) and a spread of larger ones up to 100,000
NUMBERS = [*range(0, 10_001), *range(10_001, 100_001, 89), 100_000]

def test_to_chinese_writes_what_cn2an_writes_and_reads_back():
    mismatches = [n for n in NUMBERS if to_chinese(n) != cn2an.an2cn(n)]
    assert mismatches == []


def test_parse_numeral_reads_what_cn2an_reads():
    mismatches = []
    for n in NUMBERS:
        text = cn2an.an2cn(n)
        if parse_numeral(text) != cn2an.cn2an(text, "strict"):
            mismatches.append(text)
    assert mismatches == []


NUMERAL_CASES = [
    # (text, ours, what cn2an 'normal' says or None where it refuses)
    ("二百四十四", 244, 244), ("两百", 200, 200), ("一万零十", 10010, 10010), ("〇", 0, 0), ("二四", 24, 24),
    ("２４４", 244, None), ("244", 244, None),
]


@pytest.mark.parametrize("text,ours,theirs", NUMERAL_CASES)
def test_numeral_table(text, ours, theirs):
    assert parse_numeral(text) == ours
    if theirs is not None:
        assert cn2an.cn2an(text, "normal") == theirs


@pytest.mark.parametrize("text", ["十十", "二百百", "", "abc", "一点五"])
def test_malformed_numerals_are_value_errors(text):
    with pytest.raises(ValueError):
        parse_numeral(text)
    assert parse_number(text) is None


def test_lenient_forms():
    assert parse_number("2百4十4") == 244 and parse_number("十万") == 100000
    assert parse_digits("二〇〇〇") == 2000 and parse_digits("二〇二四") == 2024
    assert parse_amount("3.5万") == 35000.0 and parse_amount("十二点五") == 12.5 and parse_amount("两千") == 2000.0
    assert parse_amount("很多") is None
    with pytest.raises(ValueError):
        parse_digits("二十")


# ----- dates ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2024-02-29", date(2024, 2, 29)), ("2024/2/29", date(2024, 2, 29)), ("2024年2月29日", date(2024, 2, 29)),
    ("2025.3.31", date(2025, 3, 31)), (" 2025年3月31号 ", date(2025, 3, 31)),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text,words", [("2025-02-29", "不是闰年"), ("2025-13-01", "月份应在1至12之间"),
                                        ("2025-04-31", "只有30天"), ("yesterday", "无法识别"), (20250101, "不是日期")])
def test_bad_dates_say_why_in_both_languages(text, words):
    with pytest.raises(DateError) as e:
        parse_date(text)  # type: ignore[arg-type]
    assert words in e.value.zh and e.value.en and e.value.to_dict()["error"] == "invalid_date"


FIND_CASES = [
    ("判决2024年3月1日生效", ["2024-03-01"]),
    ("二〇二四年十二月三十一日到期", ["2024-12-31"]),
    ("二〇〇〇年一月一日", ["2000-01-01"]),
    ("约定2025年1月10日、4月10日，明年年底前付清", ["2025-01-10", "2025-04-10", "2027-12-31"]),
    ("served on 5 March 2025, or March 6, 2025", ["2025-03-05", "2025-03-06"]),
    ("裁定书12月20日送达", ["2025-12-20"]),          # after today's 23 November: last year's
    ("和解协议约定12月31日前付清", ["2026-12-31"]),    # a due day without a year: the next one (relative)
    ("十十月一日", []),
]


@pytest.mark.parametrize("text,expected", FIND_CASES)
def test_find_dates(text, expected):
    assert [f.value.isoformat() for f in find_dates(text, TODAY) if f.value] == expected


def test_an_impossible_date_found_in_text_carries_its_error():
    (found,) = find_dates("2025年2月29日签的协议", TODAY)
    assert found.value is None and "不是闰年" in found.error.zh and found.surface == "2025年2月29日"


def test_writing_dates():
    d = make_date(2026, 10, 1)
    assert (fmt_zh(d), fmt_en(d), weekday(d, "zh"), weekday(d, "en")) == (
        "2026年10月1日", "1 October 2026", "星期四", "Thursday")


# ----- language --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,lang", [
    ("和解协议对方不履行怎么办", "zh"), ("What is 执行回转 under Chinese law?", "en"), ("", "zh"),
    ("Article 244 of the 民事诉讼法 provides for reversal.", "en"),
    ("根据《民事诉讼法》第244条（Article 244）应当执行回转。", "zh"), ("OK", "en"), ("执行", "zh"),
])
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


# ----- other legal systems ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,ids", [
    ("德国和日本的执行和解制度有什么不同？", ["germany", "japan"]),
    ("我国台湾地区强制执行法怎么规定的", ["taiwan"]),
    ("How does Japanese law treat settlement?", ["japan"]),
    ("外国法上有没有类似制度", ["foreign"]),
    ("Please answer in English", []),
    ("民事诉讼法第二百四十四条", []),
])
def test_systems_named(text, ids):
    assert [s.id for s in systems_named(text)] == ids
    assert bool(OTHER_SYSTEMS_RE.search(text)) == bool(ids)


def test_every_system_has_names_and_labels_in_both_languages():
    for s in (*SYSTEMS, AT_LARGE):
        assert s.names_zh and s.names_en and s.label_zh and s.label_en
        assert all(n == n.lower() for n in s.names_en)
