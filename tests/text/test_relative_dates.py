"""Dates as users write them, resolved against the day the question is set: a labelled table for find_dates.

Each row: the text, the dates find_dates should report in order ('YYYY-MM-DD' for a day, 'YYYY-MM' for a month the
text does not fix to a day), and the day the question is set (TODAY, Monday 23 November 2026, unless given). The
same table measured dateparser and jionlp before find_dates was extended (see the commit that added it).
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.text.dates import find_dates

TODAY = date(2026, 11, 23)          # a Monday
NEW_YEAR = date(2027, 1, 5)         # a Tuesday, for the turn of the year

RELATIVE_DATES = [
    # ----- Chinese: days counted from today
    ("裁定书前天送达的，我还能申请复议吗？", ["2026-11-21"]),
    ("昨天收到法院的执行通知书", ["2026-11-22"]),
    ("大前天签的和解协议", ["2026-11-20"]),
    ("今天法院通知我去拿裁定书", []),                       # the question's own day: the reader's cue
    ("明天就到期了，对方还没付", ["2026-11-24"]),
    ("三天前收到了驳回异议的裁定", ["2026-11-20"]),
    ("十天前法院扣划了存款", ["2026-11-13"]),
    ("两周前法院冻结了我的账户", ["2026-11-09"]),
    ("一个月前申请的强制执行", ["2026-10"]),                # months ago fix a month, not a day
    ("三个月前法院拍卖了房子", ["2026-08"]),
    ("两年前的判决，现在还能申请执行吗", ["2024-11"]),
    ("我在一年前签的协议", ["2025-11"]),
    # weekdays of this, last and next week (weeks run Monday to Sunday)
    ("对方上周三付了两万元", ["2026-11-18"]),
    ("我上星期五提交了执行异议", ["2026-11-20"]),
    ("上周日收到的裁定", ["2026-11-22"]),
    ("下周一要开庭", ["2026-11-30"]),
    ("本周五之前要交材料", ["2026-11-27"]),
    ("对方承诺下周五前付款", ["2026-12-04"]),
    # a day of this, last or next month
    ("上个月20号法院查封了我的房子", ["2026-10-20"]),
    ("上个月二十号对方还了五千", ["2026-10-20"]),
    ("上月20日被执行人付了一部分", ["2026-10-20"]),
    ("本月3号法院送达了裁定", ["2026-11-03"]),
    ("这个月10号我们签了和解", ["2026-11-10"]),
    ("和解协议约定下个月15日前付清", ["2026-12-15"]),
    ("这个月底前付清", ["2026-11-30"]),
    # a year said relative to this one
    ("判决今年3月5日生效，对方一直没履行", ["2026-03-05"]),
    ("去年12月1日签的和解协议", ["2025-12-01"]),
    ("2024年底签的协议", ["2024-12-31"]),
    ("2021年1月底到期", ["2021-01-31"]),
    # month and day without a year: the latest such day up to today, unless the wording looks ahead
    ("裁定书是3月5日送达的", ["2026-03-05"]),
    ("三月五日收到裁定书", ["2026-03-05"]),
    ("我12月1日收到的判决书", ["2025-12-01"]),
    ("12月5号收到的传票", ["2025-12-05"]),
    ("我11月23日收到的", ["2026-11-23"]),
    ("执行和解后，对方于5月8日付了10万", ["2026-05-08"]),
    ("他9月底还了一笔钱", ["2026-09-30"]),
    ("和解协议约定12月31日前付清", ["2026-12-31"]),
    ("借款将于1月10日到期", ["2027-01-10"]),
    ("约定3月底前付清，对方没付", ["2026-03-31"]),           # a default is reported: the day has passed
    # ... and a month and day after a full date take its year
    ("判决2024年3月1日生效，3月5日我申请了执行", ["2024-03-01", "2024-03-05"]),
    ("判决书写的是二〇二五年三月一日生效，三月十日送达给我", ["2025-03-01", "2025-03-10"]),
    ("2025年3月5日签的协议，上周三对方说不付了", ["2025-03-05", "2026-11-18"]),
    # a month without a day: reported as a month
    ("去年12月签的和解协议，到现在一分钱没给", ["2025-12"]),
    ("2025年3月申请了强制执行", ["2025-03"]),
    ("去年3月份判决生效", ["2025-03"]),
    ("前年6月判决生效", ["2024-06"]),
    ("今年5月签的和解协议", ["2026-05"]),
    ("我们下个月签和解", ["2026-12"]),
    ("法院是3月查封的", ["2026-03"]),
    # periods and other numbers are not dates
    ("判决生效十日内履行", []),
    ("收到裁定之日起十日内可以申请复议", []),
    ("上诉期为十五天", []),
    ("三个月内申请", []),
    ("申请执行前要准备什么", []),
    ("最晚哪一天之前必须申请？", []),
    ("信件未载明日期的，自投寄该信件的邮戳日期开始计算", []),
    ("和解协议约定明年3月付款，现在到11月了还没付", ["2027-03", "2026-11"]),   # '明年' lends no year to '11月'
    ("去年12月1日签的和解，3月5日付了一半", ["2025-12-01", "2026-03-05"]),
    ("上周的事", []),
    ("去年的判决", []),
    # ----- English
    ("I received the ruling yesterday.", ["2026-11-22"]),
    ("The day before yesterday I got the notice.", ["2026-11-21"]),
    ("Today I got a letter from the court.", []),
    ("The settlement was signed last Friday.", ["2026-11-20"]),
    ("I applied last Monday.", ["2026-11-16"]),
    ("The settlement is due next Monday.", ["2026-11-30"]),
    ("The court froze my account two weeks ago.", ["2026-11-09"]),
    ("He paid 3 days ago.", ["2026-11-20"]),
    ("The debtor paid a month ago.", ["2026-10"]),
    ("The judgment took effect on 5 March.", ["2026-03-05"]),
    ("The ruling was served on March 5th.", ["2026-03-05"]),
    ("The ruling was served on Mar. 3", ["2026-03-03"]),
    ("The judgment took effect on 10 December.", ["2025-12-10"]),
    ("He must pay by December 31st.", ["2026-12-31"]),
    ("The last instalment was due on 28 August.", ["2026-08-28"]),
    ("The judgment took effect on 1 March 2025 and I applied on 5 March.", ["2025-03-01", "2025-03-05"]),
    ("served on 5 March 2025, or March 6, 2025", ["2025-03-05", "2025-03-06"]),
    ("It became effective on 2024-03-01.", ["2024-03-01"]),
    ("I filed the objection in March.", ["2026-03"]),
    ("We signed in March 2025.", ["2025-03"]),
    ("Last month the court seized my car.", ["2026-10"]),
    ("The debtor must pay within 10 days.", []),
    ("I have 15 days to apply for review.", []),
    ("May I apply now? He may pay later.", []),
    ("He paid last year.", []),
    # ----- at the turn of the year
    ("上个月20号法院查封了我的房子", ["2026-12-20"], NEW_YEAR),
    ("我12月1日收到的判决书", ["2026-12-01"], NEW_YEAR),
    ("去年12月签的和解协议", ["2026-12"], NEW_YEAR),
    ("I received it last Friday.", ["2027-01-01"], NEW_YEAR),
    ("三天前收到了裁定", ["2027-01-02"], NEW_YEAR),
]


def _shown(found) -> str:
    if found.value is not None:
        return found.value.isoformat()
    return f"{found.bounds[0]:%Y-%m}" if found.precision == "month" and found.bounds else "error"


@pytest.mark.parametrize("row", RELATIVE_DATES, ids=[r[0][:30] for r in RELATIVE_DATES])
def test_dates_as_users_write_them(row):
    text, expected, today = (*row, TODAY) if len(row) == 2 else row
    assert [_shown(f) for f in find_dates(text, today)] == expected


def test_a_month_without_a_day_says_so_and_carries_its_days():
    (found,) = find_dates("去年12月签的和解协议", TODAY)
    assert found.value is None and found.error is None and found.precision == "month" and found.relative
    assert found.bounds == (date(2025, 12, 1), date(2025, 12, 31)) and found.surface == "去年12月"


def test_a_relative_date_says_it_was_worked_out_from_today():
    full, rel = find_dates("2025年3月5日签的协议，上周三对方说不付了", TODAY)
    assert (full.relative, full.precision) == (False, "day") and (rel.relative, rel.surface) == (True, "上周三")
    assert rel.bounds == (rel.value, rel.value) == (date(2026, 11, 18),) * 2


def test_a_day_that_exists_in_no_year_is_an_error_and_a_leap_day_without_a_year_is_not_blamed():
    (found,) = find_dates("对方4月31日付的款", TODAY)
    assert found.value is None and "只有30天" in found.error.zh and found.bounds is None
    assert find_dates("以年计算的期间自2月29日起算，次年无对应日的，以2月28日为最后一日", TODAY)[0].surface == "2月28日"
    assert [f.value for f in find_dates("2024年2月1日签的，2月29日付的款", TODAY)] == [date(2024, 2, 1), date(2024, 2, 29)]
