"""Fuzz: random documents built from citation fragments and hostile characters, for a bounded time; and
1 MB inputs of the worst shapes we know. Nothing crashes, nothing hangs."""

from __future__ import annotations

import random
import time

import pytest

from assistant.guard import VERDICTS, check
from tests.guard.strategies import FRAGMENTS, NEUTRAL_EN, NEUTRAL_ZH, REG, forms

FUZZ_SECONDS = 4.0


def _random_document(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 80)):
        roll = rng.random()
        if roll < 0.3:
            law_id = rng.choice(sorted(REG.laws))
            if REG.law(law_id).current is not None:
                parts.append(rng.choice(forms(law_id, rng.choice([1, 2, 9, 244, 465, 999, 10**6]))))
        elif roll < 0.5:
            parts.append(rng.choice(NEUTRAL_ZH + NEUTRAL_EN))
        elif roll < 0.9:
            parts.append(rng.choice(FRAGMENTS))
        else:
            parts.append("".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 20))))
    return "".join(parts)


def test_fuzz_random_documents():
    rng = random.Random(20240601)
    deadline = time.monotonic() + FUZZ_SECONDS
    runs = 0
    while time.monotonic() < deadline:
        text = _random_document(rng)
        started = time.monotonic()
        report = check(text, REG)
        assert time.monotonic() - started < 2.0, text[:200]
        for c in report.citations:
            assert text[c.start:c.end] == c.text and c.verdict in VERDICTS
        report.annotate_html()
        report.repaired_text
        runs += 1
    assert runs > 50


MB = 1_000_000
HOSTILE = {
    "unbalanced_open": "《" * MB,
    "di_run": "第" * MB,
    "digit_article": "民事诉讼法第" + "9" * (MB - 10) + "条",
    "chinese_numeral_run": "民事诉讼法第" + "九" * (MB // 2) + "条",
    "quotes": "“" * MB,
    "prose": ("根据《中华人民共和国民事诉讼法》第二百三十条，申请执行人可以申请恢复执行。Article 244 of the Civil "
              "Procedure Law provides for reversal. 《民事执行法》第3条\n") * (MB // 120),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_one_megabyte_inputs_finish(name):
    text = HOSTILE[name]
    started = time.monotonic()
    report = check(text, REG)
    elapsed = time.monotonic() - started
    assert elapsed < 20, f"{name}: {elapsed:.1f} s"
    for c in report.citations[:1000]:
        assert text[c.start:c.end] == c.text
