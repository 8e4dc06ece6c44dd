"""Whole clauses: a quotation from a law text never stops before the clause that qualifies it.

Statutes put the exception right after the rule, in the same sentence or after a semicolon: '……可以申请恢复执行；
但是……的除外', '……不予支持，但……的除外', '……应当……，法律另有规定的除外'. A quote that ends before it states the rule
without its exception, sometimes the opposite of what the article means. The qualifier is recognised by the
words statutes use for it (但/但是 opening the next clause; 除外, 不在此限, 另有规定 closing it).

>>> complete_clause("被执行人可以申请。但是，已经履行完毕的除外。", "被执行人可以申请。")
'被执行人可以申请。但是，已经履行完毕的除外。'
"""

from __future__ import annotations

import re

# the next clause opens with a proviso, or the rest of the sentence closes with an exception
_OPENS_PROVISO = re.compile(r"^[\s，,；;。]*(?:但是|但|除(?!权)|不过|然而)")
_CLOSES_EXCEPTION = re.compile(r"除外|不在此限|另有规定|另有约定的?除外")
_SENTENCE_END = re.compile(r"[。！？\n]")
_CLAUSE_END = re.compile(r"[。！？；\n]")


def qualifier_after(text: str, quote: str) -> str:
    """The qualifying clause that follows `quote` in `text` and the quote leaves out, or ''."""
    core = quote.rstrip("。；;，, ")
    at = text.find(core)
    if not core or at < 0:
        return ""
    end = at + len(core)
    rest = text[end:]
    stop = _SENTENCE_END.search(rest)
    sentence_rest = rest[:stop.end()] if stop else rest
    if _OPENS_PROVISO.match(sentence_rest) or _CLOSES_EXCEPTION.search(sentence_rest):
        return sentence_rest.strip()
    # a proviso in a sentence of its own, right after ('……。但是，……的除外。')
    after = rest[stop.end():] if stop else ""
    nxt = _CLAUSE_END.search(after)
    following = after[:nxt.end()] if nxt else after
    if stop and rest[:stop.end()].strip(" 。；;") == "" and _OPENS_PROVISO.match(following):
        return following.strip()
    return ""


def complete_clause(text: str, quote: str) -> str:
    """`quote` extended by the qualifying clause that follows it in `text`, when there is one (repeatedly: an
    exception to the exception is kept too)."""
    for _ in range(3):
        extra = qualifier_after(text, quote)
        if not extra:
            return quote
        core = quote.rstrip("。；;，, ")
        at = text.find(core)
        quote = text[at:text.find(extra, at + len(core)) + len(extra)]
    return quote
