"""Whole clauses: a quotation from a law text never stops before the clause that qualifies it.

Statutes put the exception right after the rule, in the same sentence or after a semicolon: '……可以申请恢复执行；
但是……的除外', '……不予支持，但……的除外', '……应当……，法律另有规定的除外'. A quote that ends before it states the rule
without its exception, sometimes the opposite of what the article means. The qualifier is recognised by the
words statutes use for it, a closed class kept as data in corpus/wording/provisos.yaml (read and validated by
assistant/corpus/wording.py): words such as 但/但是 open the next clause, words such as 除外, 不在此限, 另有规定 close it.

>>> words = ProvisoWords(opens=("但是", "但"), not_opening=(), closes=("除外",))
>>> complete_clause("被执行人可以申请。但是，已经履行完毕的除外。", "被执行人可以申请。", words)
'被执行人可以申请。但是，已经履行完毕的除外。'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class ProvisoWords:
    """The words that open a qualifying clause (`opens`, unless the text there is one of `not_opening`) or close
    the rest of a sentence as an exception (`closes`)."""

    opens: tuple[str, ...]
    not_opening: tuple[str, ...]
    closes: tuple[str, ...]
    _opens: re.Pattern = field(init=False, repr=False, compare=False)
    _closes: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the next clause opens with a proviso (after the punctuation that ends the quote), or the rest of the
        # sentence closes with an exception
        blocked = f"(?!(?:{_alternation(self.not_opening)}))" if self.not_opening else ""
        object.__setattr__(self, "_opens", re.compile(rf"^[\s，,；;。]*{blocked}(?:{_alternation(self.opens)})"))
        object.__setattr__(self, "_closes", re.compile(_alternation(self.closes)))

    def opens_clause(self, clause: str) -> bool:
        return bool(self._opens.match(clause))

    def closes_sentence(self, rest: str) -> bool:
        return bool(self._closes.search(rest))

_SENTENCE_END = re.compile(r"[。！？\n]")
_CLAUSE_END = re.compile(r"[。！？；\n]")


def qualifier_after(text: str, quote: str, words: ProvisoWords) -> str:
    """The qualifying clause that follows `quote` in `text` and the quote leaves out, or ''."""
    core = quote.rstrip("。；;，, ")
    at = text.find(core)
    if not core or at < 0:
        return ""
    end = at + len(core)
    rest = text[end:]
    stop = _SENTENCE_END.search(rest)
    sentence_rest = rest[:stop.end()] if stop else rest
    if words.opens_clause(sentence_rest) or words.closes_sentence(sentence_rest):
        return sentence_rest.strip()
    # a proviso in a sentence of its own, right after ('……。但是，……的除外。')
    after = rest[stop.end():] if stop else ""
    nxt = _CLAUSE_END.search(after)
    following = after[:nxt.end()] if nxt else after
    if stop and rest[:stop.end()].strip(" 。；;") == "" and words.opens_clause(following):
        return following.strip()
    return ""


def complete_clause(text: str, quote: str, words: ProvisoWords) -> str:
    """`quote` extended by the qualifying clause that follows it in `text`, when there is one (repeatedly: an
    exception to the exception is kept too)."""
    for _ in range(3):
        extra = qualifier_after(text, quote, words)
        if not extra:
            return quote
        core = quote.rstrip("。；;，, ")
        at = text.find(core)
        quote = text[at:text.find(extra, at + len(core)) + len(extra)]
    return quote
