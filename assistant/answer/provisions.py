"""How the navigator and the deadline calculator name the provisions they rely on.

A provision is a ``(law_id, article)`` pair in the *current* numbering (docs/formats.md). The names
below are checked against the registry by the tests (every name resolves to its law id), so the
citation guard can read what the navigator writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.text.bilingual import BilingualError
from assistant.text.numerals import to_chinese

Provision = tuple[str, int]

# law id -> (name used in Chinese citations, English name)
LAW_NAMES: dict[str, tuple[str, str]] = {
    "cpl": ("民事诉讼法", "Civil Procedure Law"),
    "cpl-interp": ("最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释", "SPC Interpretation of the Civil Procedure Law"),
    "settlement": ("最高人民法院关于执行和解若干问题的规定", "SPC Provisions on Enforcement Settlement"),
    "objection": ("最高人民法院关于人民法院办理执行异议和复议案件若干问题的规定",
                  "SPC Provisions on Enforcement Objections and Reconsideration"),
    "enforcement-work": ("最高人民法院关于人民法院执行工作若干问题的规定（试行）",
                         "SPC Provisions on the Enforcement Work of People's Courts (Trial)"),
    "enforcement-procedure-interp": ("最高人民法院关于适用〈中华人民共和国民事诉讼法〉执行程序若干问题的解释",
                                     "SPC Interpretation on the Enforcement Procedure"),
    "arbitration-enforcement": ("最高人民法院关于人民法院办理仲裁裁决执行案件若干问题的规定",
                                "SPC Provisions on Enforcement of Arbitral Awards"),
    "notarized-debt": ("最高人民法院关于公证债权文书执行若干问题的规定",
                       "SPC Provisions on Enforcement of Notarized Debt Instruments"),
    "party-change": ("最高人民法院关于民事执行中变更、追加当事人若干问题的规定",
                     "SPC Provisions on Changing and Adding Parties in Enforcement"),
    "dishonest-list": ("最高人民法院关于公布失信被执行人名单信息的若干规定",
                       "SPC Provisions on the List of Dishonest Judgment Debtors"),
    "enforcement-guarantee": ("最高人民法院关于执行担保若干问题的规定", "SPC Provisions on Enforcement Guarantees"),
    "objection-suit-interp": ("最高人民法院关于审理执行异议之诉案件适用法律问题的解释",
                              "SPC Interpretation on Enforcement Objection Actions"),
    "civil-code": ("民法典", "Civil Code"),
}


def cite_zh(p: Provision) -> str:
    """《民事诉讼法》第…条 with the article in Chinese numerals — current numbering, the form the guard reads."""
    law_id, article = p
    return f"《{LAW_NAMES[law_id][0]}》第{to_chinese(article)}条"


def cite_en(p: Provision) -> str:
    """'Article N of the Civil Procedure Law' — the form the guard reads in English text."""
    law_id, article = p
    return f"Article {article} of the {LAW_NAMES[law_id][1]}"


def cite_list(provisions, lang: str) -> str:
    items = [cite_zh(p) if lang == "zh" else cite_en(p) for p in dedupe(provisions)]
    return ("、" if lang == "zh" else "; ").join(items)


def dedupe(provisions) -> list[Provision]:
    seen: list[Provision] = []
    for p in provisions:
        p = (p[0], int(p[1]))
        if p not in seen:
            seen.append(p)
    return seen


class InputError(BilingualError):
    """Bad input for the navigator or the calculator: a clear message in Chinese and English.

    ``str(err)`` gives both; ``err.message(lang)`` one; ``err.to_dict()`` is what the API returns.
    """

    code = "invalid_input"


@dataclass(frozen=True)
class Caveat:
    """A warning or note attached to a result: a stable code and the text in both languages."""

    code: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en
