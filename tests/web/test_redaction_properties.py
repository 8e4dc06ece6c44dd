"""Redaction, property-tested: 10,000 personal numbers written the ways people write them (separators between
any groups, spaces between every digit, full-width digits, +86) inside Chinese text; none survives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from assistant.redact import redact

SEPARATORS = [" ", "-", ".", "—", "–", "－", "·", "．", "　", " - ", "/", "_", "\u00a0"]
FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
CONTEXT = ["我的身份证号是", "请联系", "电话：", "卡号为", "被执行人账户", "，谢谢。", "执行和解协议约定付款到", "号码 ",
           "（申请执行人）", "My number is ", "", "。"]


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


@st.composite
def id_card(draw) -> str:
    area = draw(st.sampled_from("123456789")) + draw(digits(5))
    year = draw(st.integers(1900, 2025))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    tail = draw(digits(3)) + draw(st.sampled_from("0123456789X"))
    number = f"{area}{year:04d}{month:02d}{day:02d}{tail}"
    return draw(grouped(number, [[6, 8, 4], [6, 4, 4, 4], [3, 3, 4, 4, 4], [18], [6, 12]]))


@st.composite
def mobile(draw) -> str:
    number = "1" + draw(st.sampled_from("3456789")) + draw(digits(9))
    spelled = draw(grouped(number, [[3, 4, 4], [3, 3, 5], [11], [4, 7]]))
    prefix = draw(st.sampled_from(["", "+86 ", "+86-", "86", "0086 ", "+８６"]))
    return prefix + spelled


@st.composite
def bank_card(draw) -> str:
    length = draw(st.integers(16, 19))
    number = draw(st.sampled_from("3456789")) + draw(digits(length - 1))
    return draw(grouped(number, [[4] * (length // 4) + ([length % 4] if length % 4 else []), [6, length - 6],
                                 [length]]))


@st.composite
def grouped(draw, number: str, layouts: list[list[int]]) -> str:
    """The number split into one of the layouts (or one digit a group), joined by one separator, maybe full-width."""
    if draw(st.booleans()) and draw(st.booleans()):
        groups = list(number)  # "1 3 8 0 0 1 3 8 0 0 0"
    else:
        layout = draw(st.sampled_from(layouts))
        groups, pos = [], 0
        for size in layout:
            groups.append(number[pos : pos + size])
            pos += size
        if pos < len(number):
            groups.append(number[pos:])
    sep = draw(st.sampled_from(SEPARATORS)) if len(groups) > 1 else ""
    text = sep.join(g for g in groups if g)
    return text.translate(FULLWIDTH) if draw(st.booleans()) else text


def _no_digit_left(text: str) -> bool:
    return not any(ch.isdigit() for ch in text)


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(number=st.one_of(id_card(), mobile(), bank_card()), before=st.sampled_from(CONTEXT),
       after=st.sampled_from(CONTEXT))
def test_no_personal_number_survives(number, before, after):
    out = redact(before + number + after)
    assert _no_digit_left(out), (number, out)
    assert out.startswith(before) and out.endswith(after)  # the words around the number stay


def test_legal_numbers_and_dates_are_kept():
    for text in ["民事诉讼法第244条", "2025-01-01起两年内", "执行标的额1,000,000元", "（2023）京01执123号",
                 "第238条第1款第2项", "2025年3月31日", "法释〔2018〕3号"]:
        assert redact(text) == text
