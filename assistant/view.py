"""The answer as a structured view for the chat page and the widget: built from the Answer record, rendered by
assistant/static/chat.js the same way in both.

The composers write one Markdown string; people read it better as parts: the conclusion first, then the facts the
answer assumed, the steps or paths, the deadline box, cautions, the question back to the user, related questions,
the sources and the disclaimer. Citations become short numbered references (a chip per provision) that open the
article text with the sentence the answer relies on highlighted; every reference keeps the guard's verdict.

>>> _short_label("最高人民法院关于执行和解若干问题的规定", "执行和解规定", "《最高人民法院关于执行和解若干问题的规定》第九条")
'《执行和解规定》第九条'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.text.numerals import to_chinese
from assistant.models import Answer

# A run of text inside a block: plain text, or a reference chip (``ref`` numbers into View.refs).
Segment = dict[str, Any]


@dataclass(frozen=True)
class Ref:
    """One cited provision, numbered in order of first mention."""

    n: int
    label: str  # short: 《执行和解规定》第九条
    surface: str  # as written in the answer
    verdict: str
    message: str
    law_id: str | None = None
    article: int | None = None  # the current number (what the source shows)
    source: int | None = None  # index into View.sources


@dataclass(frozen=True)
class SourceView:
    kind: str  # article | note
    title: str
    title_en: str
    text: str
    meta: str = ""  # version date, status
    status: str = ""
    highlights: tuple[tuple[int, int], ...] = ()
    law_id: str | None = None
    article: int | None = None


@dataclass(frozen=True)
class Block:
    """kind: title | conclusion | facts | steps | list | deadline | cautions | ask | related | paragraph | disclaimer.
    ``items`` holds one list of segments per paragraph or list item; ``subs`` the notes under an item."""

    kind: str
    heading: str = ""
    items: tuple[tuple[Segment, ...], ...] = ()
    subs: tuple[tuple[tuple[Segment, ...], ...], ...] = ()


@dataclass(frozen=True)
class View:
    blocks: tuple[Block, ...]
    refs: tuple[Ref, ...]
    sources: tuple[SourceView, ...]
    understood_as: str | None = None  # the standalone question, when the conversation changed what was asked
    follow_ups: tuple[str, ...] = ()
    plain_text: str = ""  # what "copy" puts on the clipboard: no Markdown marks

    def to_dict(self) -> dict:
        return asdict(self)


_VERDICT_RANK = {"valid": 0, "outdated_numbering": 1, "unsupported": 2, "not_in_force": 3, "unknown_law": 4,
                 "nonexistent_article": 5}
_HEADING = re.compile(r"^(?:\*\*([^*]{1,30})\*\*[：:]?|([^：:。！？!?]{1,16})[：:])$")
_LABELLED = re.compile(r"^\*\*([^*]{1,20})\*\*\s*[：:]\s*")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*•]|\d+[.)、])\s+")
_CONCLUSION = ("结论", "conclusion", "short answer", "答复")
_FACTS = ("我理解的事实", "facts as i understand them", "facts")
_DEADLINE = ("期限", "期间", "deadline", "time limit", "period")
_CAUTIONS = ("注意", "note", "caution", "注意事项")
_RELATED = ("相关问题", "related questions", "你可能还想问")
_PATHS = ("可以走的路", "法律依据", "legal basis", "paths", "what you can do", "步骤")
_GROUP_OPEN = re.compile(r"[（(](?:依据|根据|见|basis|see)?[：:]?\s*$", re.I)
_GROUP_SEP = re.compile(r"^[、，,;；和及与\s]*$")
_GROUP_CLOSE = re.compile(r"^\s*[）)]")


def _short_label(title: str, short: str, surface: str) -> str:
    """The citation with the instrument's short name: 《最高人民法院关于…的规定》第九条 → 《执行和解规定》第九条."""
    bare = surface
    for full in (f"《{title}》", title):
        if full in bare:
            return bare.replace(full, f"《{short}》", 1)
    m = re.search(r"《[^》]*(?:〈[^〉]*〉[^》]*)*》", bare)
    if m:
        return bare[:m.start()] + f"《{short}》" + bare[m.end():]
    return surface


def _plain(text: str) -> str:
    """Inline Markdown marks off: **bold**, `code`, the block-quote sign."""
    return text.replace("**", "").replace("`", "")


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if not c.isspace() and c not in "，。、；：「」《》〈〉（）()“”"]
    return {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}


_SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")


def relied_on_span(article_text: str, claim: str) -> tuple[int, int] | None:
    """The sentence of ``article_text`` that shares most two-character pieces with ``claim`` (the answer's
    sentence that cites it); a quoted 「…」 passage found verbatim wins outright.

    >>> relied_on_span("第一句讲管辖。被执行人不履行和解协议的，可以恢复执行。", "不履行和解协议的，可以申请恢复执行")
    (7, 27)
    """
    for quote in re.findall(r"「([^」]{4,})」", claim):
        at = article_text.find(quote)
        if at >= 0:
            return at, at + len(quote)
    want = _bigrams(claim)
    best, best_score = None, 0.0
    for m in _SENTENCE.finditer(article_text):
        got = _bigrams(m.group())
        if len(got) < 3:
            continue
        score = len(want & got) / len(got) ** 0.5
        if score > best_score:
            best, best_score = (m.start(), m.end()), score
    return best if best_score >= 1.0 else None


def _tokens(answer: Answer, ref_of: dict[int, int]) -> list[Segment]:
    """The answer text as text runs and reference chips, in order."""
    out: list[Segment] = []
    pos = 0
    for i, c in sorted(enumerate(answer.citations), key=lambda ic: ic[1].span[0]):
        start, end = c.span
        if start < pos:  # overlapping spans: the first wins
            continue
        if start > pos:
            out.append({"text": answer.text[pos:start]})
        out.append({"ref": ref_of[i], "inline": True})
        pos = end
    if pos < len(answer.text):
        out.append({"text": answer.text[pos:]})
    return out


def _lines(tokens: list[Segment]) -> list[list[Segment]]:
    lines: list[list[Segment]] = [[]]
    for t in tokens:
        if "ref" in t:
            lines[-1].append(t)
            continue
        parts = t["text"].split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append({"text": part})
    return lines


def _group_refs(line: list[Segment]) -> list[Segment]:
    """'（依据：[1]、[2]）' → the chips alone: the basis reads as numbers, not as three repeated statute titles."""
    out = list(line)
    i = 0
    while i < len(out):
        t = out[i]
        if "text" in t and _GROUP_OPEN.search(t["text"]) and i + 1 < len(out) and "ref" in out[i + 1]:
            j = i + 1
            while j < len(out) and ("ref" in out[j] or _GROUP_SEP.match(out[j]["text"])):
                j += 1
            if j < len(out) and _GROUP_CLOSE.match(out[j]["text"]):
                refs = [dict(r, inline=False) for r in out[i + 1:j] if "ref" in r]
                head = _GROUP_OPEN.sub("", t["text"])
                tail = _GROUP_CLOSE.sub("", out[j]["text"], count=1)
                out[i:j + 1] = ([{"text": head}] if head else []) + refs + ([{"text": tail}] if tail else [])
                i += len(refs) + 1
                continue
        i += 1
    return [s for s in out if "ref" in s or s["text"]]


def _text_of(line: list[Segment]) -> str:
    return "".join(s.get("text", "") for s in line)


def _strip_prefix(line: list[Segment], pattern: re.Pattern) -> list[Segment]:
    if line and "text" in line[0]:
        rest = pattern.sub("", line[0]["text"], count=1)
        return ([{"text": rest}] if rest else []) + line[1:]
    return line


def _clean(line: list[Segment]) -> list[Segment]:
    return [({"text": _plain(s["text"])} if "text" in s else s) for s in line if "ref" in s or _plain(s["text"])]


def _is(heading: str, names: tuple[str, ...]) -> bool:
    h = heading.strip().rstrip("：:").casefold()
    return any(h == n or h.startswith(n) for n in names)


def _split_label(line: list[Segment]) -> tuple[str, list[Segment]]:
    """'**结论**：…' or '期限：…' → ('结论', the rest)."""
    if not line or "text" not in line[0]:
        return "", line
    first = line[0]["text"]
    m = _LABELLED.match(first)
    if not m:
        m = re.match(r"^([^：:。，,！？!?*]{1,8})[：:]\s*", first)
    if not m:
        return "", line
    return m.group(1), _strip_prefix(line, re.compile(re.escape(m.group(0))))


def build_view(answer: Answer, registry=None) -> View:
    """The structured view of ``answer``; ``registry`` (a LawRegistry) gives short names and article texts."""
    refs, ref_of = _refs(answer, registry)
    sources, refs = _sources(answer, refs, registry)
    blocks: list[Block] = []
    current: dict | None = None
    lines = [_group_refs(line) for line in _lines(_tokens(answer, ref_of))]

    def flush():
        nonlocal current
        if current is not None and current["items"]:
            blocks.append(Block(current["kind"], current["heading"], tuple(tuple(i) for i in current["items"]),
                                tuple(tuple(tuple(s) for s in sub) for sub in current["subs"])))
        current = None

    for raw in lines:
        text = _text_of(raw).strip()
        if not text and not any("ref" in s for s in raw):
            flush()
            continue
        if re.fullmatch(r"【[^】]+】", text):
            flush()
            blocks.append(Block("title", items=(({"text": text.strip("【】")},),)))
            continue
        if text.startswith(">") or "不构成法律意见" in text or "not legal advice" in text.casefold():
            flush()
            blocks.append(Block("disclaimer", items=(_clean(_strip_prefix(raw, re.compile(r"^\s*>\s?"))),)))
            continue
        m = _HEADING.match(text)
        if m and not any("ref" in s for s in raw):
            flush()
            heading = (m.group(1) or m.group(2)).strip()
            kind = ("related" if _is(heading, _RELATED) else "cautions" if _is(heading, _CAUTIONS)
                    else "steps" if _is(heading, _PATHS) else "list")
            current = {"kind": kind, "heading": heading, "items": [], "subs": []}
            continue
        item = _LIST_ITEM.match(_text_of(raw[:1]) if raw and "text" in raw[0] else "")
        if item:
            body = _clean(_strip_prefix(raw, _LIST_ITEM))
            if current is None:
                current = {"kind": "list", "heading": "", "items": [], "subs": []}
            if item.group(1) and current["items"]:  # indented: a note under the previous item
                current["subs"][-1].append(body)
            else:
                current["items"].append(body)
                current["subs"].append([])
            continue
        flush()
        label, rest = _split_label(raw)
        rest = _clean(rest)
        if label and _is(label, _CONCLUSION):
            blocks.append(Block("conclusion", items=(tuple(rest),)))
        elif label and _is(label, _FACTS):
            blocks.append(Block("facts", label, (tuple(rest),)))
        elif label and _is(label, _DEADLINE):
            blocks.extend(_deadline(label, rest))
        elif text.endswith(("？", "?")) or "可以接着问" in text or text.startswith("以上只回答"):
            blocks.append(Block("ask", items=(tuple(_clean(raw)),)))
        else:
            blocks.append(Block("paragraph", items=(tuple(_clean(raw)),)))
    flush()
    blocks = _conclusion_first(blocks)
    understood = answer.standalone_question.strip()
    view = View(tuple(blocks), tuple(refs), tuple(sources),
                understood_as=understood if understood and understood != answer.question.strip() else None,
                follow_ups=tuple(answer.follow_ups))
    return View(view.blocks, view.refs, view.sources, view.understood_as, view.follow_ups, plain_text(view))


def _deadline(label: str, rest: list[Segment]) -> list[Block]:
    """'期限：…。结论：最晚应在…。…' → the deadline box, with its own conclusion lifted out to lead the answer."""
    text = _text_of(rest)
    m = re.search(r"(?:结论|Conclusion)[：:]\s*([^。.]*[。.])(\s*[^。.]*还有\d+日。)?", text)
    if not m:
        return [Block("deadline", label, (tuple(rest),))]
    lead = (m.group(1) + (m.group(2) or "")).strip()
    # the box keeps everything but the lifted sentence (its refs stay where they were)
    kept: list[Segment] = []
    cut_from, cut_to, pos = m.start(), m.end(), 0
    for s in rest:
        if "ref" in s:
            kept.append(s)
            continue
        t = s["text"]
        a, b = pos, pos + len(t)
        piece = t[:max(0, cut_from - a)] + t[max(0, cut_to - a):] if a < cut_to and b > cut_from else t
        if piece:
            kept.append({"text": piece})
        pos = b
    return [Block("conclusion", items=(({"text": lead},),)), Block("deadline", label, (tuple(kept),))]


def _conclusion_first(blocks: list[Block]) -> list[Block]:
    """The conclusion leads; without one, the paths' own headings are the conclusion ('可以走的路：A；B'), and
    an answer that is a single paragraph (a refusal, an out-of-scope notice) is its own conclusion."""
    titles = [b for b in blocks if b.kind == "title"]
    conclusions = [b for b in blocks if b.kind == "conclusion"]
    rest = [b for b in blocks if b.kind not in ("title", "conclusion")]
    if not conclusions:
        steps = next((b for b in rest if b.kind == "steps"), None)
        if steps is not None and len(steps.items) > 1:
            heads = []
            for item in steps.items:
                first = _text_of(list(item))
                head = re.split(r"[：:]", first, maxsplit=1)[0].strip()
                if 0 < len(head) <= 40:
                    heads.append(head)
            if len(heads) == len(steps.items):
                joined = "；".join(f"{i}. {h}" for i, h in enumerate(heads, 1))
                conclusions = [Block("conclusion", steps.heading, (({"text": joined},),))]
        if not conclusions:
            para = next((b for b in rest if b.kind == "paragraph"), None)
            if para is not None:
                rest.remove(para)
                conclusions = [Block("conclusion", items=para.items)]
    order = {"facts": 0, "steps": 1, "list": 2, "paragraph": 2, "deadline": 3, "cautions": 4, "ask": 5,
             "related": 6, "disclaimer": 7}
    rest.sort(key=lambda b: order.get(b.kind, 2))  # stable: same-kind blocks keep their order
    return titles + conclusions + rest


def _refs(answer: Answer, registry) -> tuple[list[Ref], dict[int, int]]:
    refs: list[Ref] = []
    key_to_n: dict[tuple, int] = {}
    ref_of: dict[int, int] = {}
    for i, c in sorted(enumerate(answer.citations), key=lambda ic: ic[1].span[0]):
        number = c.current_article or c.article
        key = (c.law_id, c.article, number, c.paragraph, c.verdict) if c.law_id else (c.surface, c.verdict)
        if key not in key_to_n:
            label = c.surface
            if registry is not None and c.law_id in getattr(registry, "laws", {}):
                law = registry.law(c.law_id)
                label = _short_label(law.title, law.short_name, c.surface)  # as written: 2017年…第二百三十三条 stays
            key_to_n[key] = len(refs) + 1
            refs.append(Ref(len(refs) + 1, label, c.surface, c.verdict, c.message, c.law_id, number))
        ref_of[i] = key_to_n[key]
    return refs, ref_of


def _claim_of(answer: Answer, span: tuple[int, int]) -> str:
    """The line (a path, a list item, a paragraph) of the answer around a citation, without the citation."""
    text = answer.text
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[1])
    end = len(text) if end < 0 else end
    return text[start:span[0]] + text[span[1]:end]


def _sources(answer: Answer, refs: list[Ref], registry) -> tuple[list[SourceView], list[Ref]]:
    """Every cited provision's article (the sentence relied on highlighted), then the rest of the answer's sources."""
    by_article = {(s.law_id, s.article): s for s in answer.sources if s.kind == "article"}
    out: list[SourceView] = []
    index: dict[tuple, int] = {}
    claims: dict[int, list[str]] = {}
    for i, c in enumerate(answer.citations):
        n = next((r.n for r in refs if (r.law_id, r.article) == (c.law_id, c.current_article or c.article)), None)
        if n is not None:
            claims.setdefault(n, []).append(_claim_of(answer, c.span))
    new_refs = []
    for r in refs:
        key = (r.law_id, r.article)
        if r.law_id is None or r.article is None:
            new_refs.append(r)
            continue
        if key not in index:
            given = by_article.get(key)
            text, highlights, meta, status, version = "", [], "", "", ""
            if given is not None:
                text, highlights, status, version = given.text, list(given.highlights), given.status or "", given.version or ""
            elif registry is not None and r.law_id in getattr(registry, "laws", {}):
                art = registry.article(r.law_id, r.article)
                if art is not None:
                    current = registry.current_version(r.law_id)
                    text, status, version = art.text, (current.status if current else ""), art.version
            if not text:
                new_refs.append(r)
                continue
            for claim in claims.get(r.n, []):
                span = relied_on_span(text, claim)
                if span and span not in highlights:
                    highlights.append(span)
            title, title_en = _article_titles(r.law_id, r.article, registry)
            index[key] = len(out)
            out.append(SourceView("article", title, title_en, text, version, status,
                                  tuple(sorted(tuple(h) for h in highlights)), r.law_id, r.article))
        new_refs.append(Ref(r.n, r.label, r.surface, r.verdict, r.message, r.law_id, r.article, index[key]))
    for s in answer.sources:
        if s.kind == "article" and (s.law_id, s.article) in index:
            continue
        if s.kind == "article":
            title, title_en = _article_titles(s.law_id, s.article, registry, fallback=s.title)
        else:
            title, title_en = _fix_nesting(s.title), _note_title_en(s.note_id, registry) or _fix_nesting(s.title)
        if s.kind == "article":
            index[(s.law_id, s.article)] = len(out)
        out.append(SourceView(s.kind, title, title_en, s.text, s.version or "", s.status or "",
                              tuple(tuple(h) for h in s.highlights), s.law_id, s.article))
    return out, new_refs


def _fix_nesting(title: str) -> str:
    """《…适用《民事诉讼法》的解释》 → 《…适用〈民事诉讼法〉的解释》: a title inside a title takes the single angle marks."""
    depth, out = 0, []
    for ch in title:
        if ch == "《":
            out.append("《" if depth == 0 else "〈")
            depth += 1
        elif ch == "》":
            depth = max(0, depth - 1)
            out.append("》" if depth == 0 else "〉")
        else:
            out.append(ch)
    return "".join(out)


def _article_titles(law_id, article, registry, fallback: str = "") -> tuple[str, str]:
    if registry is None or law_id not in getattr(registry, "laws", {}) or article is None:
        return _fix_nesting(fallback), _fix_nesting(fallback)
    law = registry.law(law_id)
    return (_fix_nesting(f"《{law.title}》第{to_chinese(article)}条"),
            f"{law.title_en or law.title}, Article {article}")


def _note_title_en(note_id, registry) -> str:
    notes = getattr(registry, "notes", None) if registry is not None else None
    if not note_id or not notes:
        return ""
    note = notes.get(note_id) if isinstance(notes, dict) else next((n for n in notes if n.id == note_id), None)
    return getattr(note, "title_en", "") or ""


def _segments_text(items, refs: dict[int, Ref]) -> str:
    out = []
    for s in items:
        if "text" in s:
            out.append(s["text"])
        else:
            ref = refs[s["ref"]]
            out.append(f"{ref.label}[{ref.n}]" if s.get("inline") else f"[{ref.n}]")
    return "".join(out).strip()


def plain_text(view: View) -> str:
    """The answer as clean text for the clipboard: headings on their own line, numbered steps, '•' bullets, the
    references listed once at the end with their verdicts."""
    refs = {r.n: r for r in view.refs}
    lines: list[str] = []
    for b in view.blocks:
        if b.heading and b.kind not in ("conclusion",):
            lines.append(b.heading.rstrip("：:") + "：")
        for k, item in enumerate(b.items):
            body = _segments_text(item, refs)
            if b.kind == "steps":
                lines.append(f"{k + 1}. {body}")
            elif b.kind in ("list", "cautions", "related"):
                lines.append(f"• {body}")
            else:
                lines.append(body)
            for sub in (b.subs[k] if k < len(b.subs) else ()):
                lines.append("  " + _segments_text(sub, refs))
        lines.append("")
    if view.refs:
        lines.append("依据：" if any("\u4e00" <= ch <= "\u9fff" for ch in "".join(lines)) else "References:")
        lines.extend(f"[{r.n}] {r.label}" for r in view.refs)
    return "\n".join(lines).strip()
