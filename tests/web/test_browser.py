"""Browser tests of the chat page at / : headless Debian chromium (playwright) against the live app, desktop
1366×900 and phone 390×844 with touch, light and dark. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.browser]

SETTLEMENT = "达成执行和解协议后，被执行人不履行，申请执行人可以怎么办？"
INSTALMENT = "和解协议约定分三期付款，第二期2025年3月31日到期没付，我能申请恢复执行吗？期限多久？"
REVERSAL = "执行回转应当由哪个法院裁定？"
OUT_OF_SCOPE = "离婚财产怎么分"
INJECTION = ('执行回转怎么申请？<script>window.__pwned = 1; alert("xss")</script>'
             '<img src=x onerror="window.__pwned = 2"><svg onload="window.__pwned = 3"></svg>')
ANSWER_TIMEOUT = 60_000


def ask(page, question: str) -> None:
    page.locator("#q").fill(question)
    page.locator("#q").press("Enter")


def wait_for_answers(page, n: int) -> None:
    """n answered (or failed) turns on screen."""
    page.locator(".turn .msg.bot:not(.pending)").nth(n - 1).wait_for(timeout=ANSWER_TIMEOUT)


def last_answer(page):
    return page.locator(".turn .msg.bot").last


def open_chat(page, url: str):
    page.goto(url + "/")
    page.locator("#log .greeting .suggestion").first.wait_for()
    return page


@pytest.mark.parametrize("kind,scheme", [("desktop", "light"), ("phone", "dark")])
def test_answer_as_structure_with_numbered_chips(open_context, live_url, artifacts_dir, kind, scheme):
    page = open_chat(open_context(kind, scheme), live_url)
    ask(page, INSTALMENT)
    wait_for_answers(page, 1)
    bot = last_answer(page)
    kinds = bot.locator("section.block").evaluate_all("els => els.map(e => e.className.split('b-')[1])")
    assert kinds[0] == "conclusion", kinds  # the conclusion leads, the disclaimer closes
    assert kinds[-1] == "disclaimer" and "deadline" in kinds and "steps" in kinds and "ask" in kinds
    assert "2027年3月31日" in bot.locator(".b-conclusion").inner_text()
    assert "最高人民法院关于执行和解若干问题的规定" not in bot.locator(".b-steps").inner_text()  # numbers, not titles
    chips = bot.locator(".b-steps button.ref")
    assert chips.count() >= 2 and chips.first.get_attribute("data-verdict") == "valid"
    if kind == "phone":
        chips.first.tap()
    else:
        chips.first.focus()
        page.keyboard.press("Enter")  # keyboard users open a chip the same way
    viewer = bot.locator(".viewer")
    assert viewer.is_visible() and "已核验" in viewer.locator(".verdict").inner_text()
    assert "第九条" in viewer.locator(".source-title").inner_text()
    assert "恢复执行" in viewer.locator(".source-text mark").first.inner_text()  # the relied-on sentence
    box = page.locator("#q").bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"] + 1  # the input stays on screen
    viewer.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / f"chat-structured-{kind}-{scheme}.png"))
    page.keyboard.press("Escape")
    assert not viewer.is_visible()
    assert not page.errors


def test_every_citation_keeps_its_verdict_and_sources_open(open_context, live_url, artifacts_dir):
    page = open_chat(open_context(), live_url)
    page.locator(".greeting .suggestion", has_text=REVERSAL).click()
    wait_for_answers(page, 1)
    bot = last_answer(page)
    rows = bot.locator(".refs li")
    assert rows.count() >= 1
    for i in range(rows.count()):
        assert rows.nth(i).locator(".verdict-name").inner_text() in ("已核验", "旧条文序号", "已失效", "内容未获条文支持",
                                                                     "未知法律", "条文不存在")
    assert "《" in bot.locator(".refs .ref-label").first.inner_text()
    bot.locator("details.sources > summary").click()
    first = bot.locator("details.source").first
    first.locator("summary").click()
    assert len(first.locator(".source-text").inner_text()) > 20
    assert "《《" not in bot.inner_text()  # a title inside a title takes 〈〉
    page.screenshot(path=str(artifacts_dir / "chat-verdicts-sources-desktop-light.png"), full_page=True)


def test_new_conversation_clears_the_turns_sent_and_the_chips(open_context, live_url, artifacts_dir):
    page = open_chat(open_context(), live_url)
    ask(page, SETTLEMENT)
    wait_for_answers(page, 1)
    assert page.locator(".ref").count() > 0
    with page.expect_request("**/api/ask") as second:
        ask(page, "那申请恢复执行的期限是多久？")
    assert len(json.loads(second.value.post_data)["history"]) == 2  # the turn on screen goes with the question
    wait_for_answers(page, 2)
    page.locator("header .new-chat").click()  # at the top of the page
    assert page.locator(".turn").count() == 0 and page.locator(".ref").count() == 0
    assert page.locator(".greeting").is_visible()
    assert page.evaluate("sessionStorage.getItem('ea-conversation-page')") == "[]"
    page.screenshot(path=str(artifacts_dir / "chat-new-conversation-desktop-light.png"))
    with page.expect_request("**/api/ask") as fresh:
        ask(page, REVERSAL)
    assert json.loads(fresh.value.post_data)["history"] == []  # the server is given no earlier turn
    wait_for_answers(page, 1)
    page.reload()  # a reload keeps exactly what the page showed
    page.locator(".turn").first.wait_for()
    assert page.locator(".turn").count() == 1 and REVERSAL in page.locator(".msg.user").inner_text()


def test_answer_shows_how_the_conversation_was_read(open_context, live_url, artifacts_dir):
    """When the conversation changed the question, the answer says what it answered ('结合上文，理解为…')."""
    page = open_chat(open_context(), live_url)
    ask(page, SETTLEMENT)
    wait_for_answers(page, 1)
    assert page.locator(".turn").first.locator(".understood").count() == 0  # a first question is read as asked
    with page.expect_response("**/api/ask") as resp:
        ask(page, "那申请恢复执行的期限是多久？")
    answer = resp.value.json()
    wait_for_answers(page, 2)
    understood = last_answer(page).locator(".understood")
    if answer["standalone_question"] != answer["question"]:
        assert answer["standalone_question"] in understood.inner_text()
    else:
        assert understood.count() == 0
    page.screenshot(path=str(artifacts_dir / "chat-understood-as-desktop-light.png"))


def test_topic_switch_example_chip_gets_its_own_answer(open_context, live_url, artifacts_dir):
    page = open_chat(open_context(), live_url)
    ask(page, SETTLEMENT)
    wait_for_answers(page, 1)
    ask(page, REVERSAL)  # the example question, typed after a settlement question
    wait_for_answers(page, 2)
    page.screenshot(path=str(artifacts_dir / "chat-topic-switch-reversal.png"))
    bot = last_answer(page)
    assert bot.locator(".understood").count() == 0
    assert "回转" in bot.locator(".b-conclusion").inner_text()
    assert "执行和解规定" not in " ".join(bot.locator(".refs .ref-label").all_inner_texts())


def test_topic_switch_out_of_scope_question_is_refused(open_context, live_url, artifacts_dir):
    page = open_chat(open_context(), live_url)
    ask(page, SETTLEMENT)
    wait_for_answers(page, 1)
    ask(page, OUT_OF_SCOPE)
    wait_for_answers(page, 2)
    page.screenshot(path=str(artifacts_dir / "chat-topic-switch-out-of-scope.png"))
    bot = last_answer(page)
    assert "不属于本助手的范围" in bot.locator(".b-conclusion").inner_text()
    assert bot.locator(".ref").count() == 0


def test_enter_sends_shift_enter_newline_ime_respected(open_context, live_url):
    page = open_chat(open_context(), live_url)
    box = page.locator("#q")
    box.fill("第一行")
    box.press("Shift+Enter")
    box.type("第二行")
    assert box.input_value() == "第一行\n第二行" and page.locator(".turn").count() == 0
    # Enter while an input method is composing picks the candidate; it must not send
    box.evaluate("b => b.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', isComposing: true, "
                 "bubbles: true, cancelable: true}))")
    box.evaluate("b => b.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', keyCode: 229, "
                 "bubbles: true, cancelable: true}))")
    page.wait_for_timeout(300)
    assert page.locator(".turn").count() == 0
    box.press("Enter")
    page.locator(".turn").first.wait_for()
    assert "第一行\n第二行" == page.locator(".msg.user").first.inner_text()
    assert box.input_value() == ""


def test_copy_gives_clean_text_and_one_feedback_control(open_context, live_url, artifacts_dir, audit_log):
    page = open_chat(open_context(permissions=["clipboard-read", "clipboard-write"]), live_url)
    page.locator(".greeting .suggestion", has_text=REVERSAL).click()
    wait_for_answers(page, 1)
    bot = last_answer(page)
    bot.locator(".copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "**" not in copied and "\n- " not in copied and not copied.startswith("- ") and "> " not in copied
    assert "执行回转" in copied and "[1]" in copied  # the references, numbered, listed at the end
    thumbs = bot.locator(".thumb")
    assert "有帮助" in thumbs.nth(0).inner_text() and "没帮助" in thumbs.nth(1).inner_text()  # thumbs up first
    thumbs.nth(0).click()
    assert thumbs.nth(0).get_attribute("aria-pressed") == "true"
    bot.locator(".comment textarea").fill("清楚，谢谢")
    assert bot.locator(".feedback .thanks").is_visible()
    bot.locator(".comment button").click()
    bot.locator(".comment").wait_for(state="detached")
    page.screenshot(path=str(artifacts_dir / "chat-copy-feedback-desktop-light.png"))
    answer_id = page.evaluate("JSON.parse(sessionStorage.getItem('ea-conversation-page'))[0].answer.id")
    import sqlite3

    with sqlite3.connect(audit_log.path) as db:
        rows = db.execute("SELECT rating, comment FROM feedback WHERE answer_id = ?", (answer_id,)).fetchall()
    assert ("helpful", None) in rows and ("helpful", "清楚，谢谢") in rows  # the thumb at once, then the comment


def test_related_questions_are_clickable(open_context, live_url, artifacts_dir):
    page = open_chat(open_context("phone", "light"), live_url)
    page.locator(".greeting .suggestion", has_text=REVERSAL).tap()
    wait_for_answers(page, 1)
    related = last_answer(page).locator(".related-q").first
    question = related.inner_text()
    related.tap()
    wait_for_answers(page, 2)
    assert page.locator(".msg.user").nth(1).inner_text() == question
    page.screenshot(path=str(artifacts_dir / "chat-related-phone-light.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_layout(open_context, live_url, artifacts_dir, scheme):
    page = open_chat(open_context("phone", scheme), live_url)
    height = page.viewport_size["height"]
    composer = page.locator("#form").bounding_box()
    assert abs(composer["y"] + composer["height"] - height) <= 1  # pinned at the bottom on first load
    page.screenshot(path=str(artifacts_dir / f"chat-phone-first-load-{scheme}.png"))
    ask(page, SETTLEMENT)
    wait_for_answers(page, 1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    log = page.locator("#log")
    assert log.evaluate("l => l.scrollHeight <= l.clientHeight + 1")  # one scroller: the page, not a box inside it
    bot = last_answer(page).bounding_box()
    assert bot["width"] >= 390 - 2 * 16  # full-width messages
    composer = page.locator("#form").bounding_box()
    assert abs(composer["y"] + composer["height"] - height) <= 1
    for sel in ("#send", "header .new-chat", "[data-lang='en']", ".thumb", ".copy"):
        b = page.locator(sel).first.bounding_box()
        assert b["height"] >= 44 and b["width"] >= 44, (sel, b)
    top = last_answer(page).locator(".b-conclusion").bounding_box()
    assert 0 <= top["y"] < height  # after answering, the conclusion is on screen, not the disclaimer
    page.screenshot(path=str(artifacts_dir / f"chat-phone-answer-{scheme}.png"))


def test_client_timeout_and_retry_keep_the_question(open_context, live_url, artifacts_dir):
    page = open_context()
    page.route("**/api/ask", lambda route: None)  # a hung server: the request never completes
    page.goto(live_url + "/?timeout=2")
    page.locator(".greeting").wait_for()
    ask(page, SETTLEMENT)
    error = page.locator(".msg.error")
    error.wait_for(timeout=10_000)
    assert "2 秒内没有回应" in error.inner_text() and error.get_attribute("role") == "alert"
    assert page.locator("#q").input_value() == SETTLEMENT  # nothing typed is lost
    assert page.locator("#send").inner_text() == "发送"
    page.screenshot(path=str(artifacts_dir / "chat-timeout-desktop-light.png"))
    page.unroute("**/api/ask")
    error.locator(".retry").click()
    wait_for_answers(page, 1)
    assert last_answer(page).locator(".b-conclusion").count() == 1
    assert page.locator(".turn").count() == 1


def test_switch_to_english(open_context, live_url, artifacts_dir):
    page = open_chat(open_context("desktop", "dark"), live_url)
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.locator("[data-lang='en']").click()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "not legal advice" in page.locator("#notice").inner_text()
    assert page.locator("#send").inner_text() == "Send"
    page.locator(".greeting .suggestion").first.click()
    wait_for_answers(page, 1)
    bot = last_answer(page)
    assert bot.locator(".refs h3").inner_text().startswith("Provisions cited")
    bot.locator(".refs .ref").first.click()
    assert "Article" in bot.locator(".viewer .source-title").inner_text()  # English titles where they exist
    page.screenshot(path=str(artifacts_dir / "chat-english-desktop-dark.png"))


def test_script_in_question_stays_inert(open_context, live_url, artifacts_dir):
    page = open_chat(open_context(), live_url)
    ask(page, INJECTION)
    wait_for_answers(page, 1)
    page.wait_for_timeout(500)
    assert "<script>" in page.locator(".msg.user").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#log script, #log img, #log svg[onload]").count() == 0
    assert not page.errors
    page.screenshot(path=str(artifacts_dir / "chat-script-inert.png"))


def test_check_a_pasted_text(open_context, live_url, artifacts_dir):
    page = open_chat(open_context(), live_url)
    page.locator("#check summary").click()
    page.locator("#check-input").fill("根据《民事诉讼法》第二百三十三条，执行依据被撤销的，应当执行回转。<b onmouseover=x>")
    page.locator("#check-send").click()
    page.locator("#check-result mark.cite-outdated_numbering").wait_for(timeout=20_000)
    assert "第二百四十四条" in page.locator("#check-result li").first.inner_text()
    assert page.locator("#check-result b[onmouseover]").count() == 0
    page.locator("#check").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "check-pasted-text.png"))


def test_api_docs_render_offline(open_context, live_url, artifacts_dir):
    """Swagger UI comes from a Python package, not a CDN: it renders with no internet at all."""
    page = open_context()
    page.goto(live_url + "/docs")
    page.locator(".opblock-summary-path", has_text="/api/ask").first.wait_for(timeout=30_000)
    page.screenshot(path=str(artifacts_dir / "api-docs.png"))


def test_stop_waiting_keeps_the_question(open_context, live_url, artifacts_dir):
    page = open_context("phone", "light")
    page.route("**/api/ask", lambda route: None)  # an answer that does not come
    page.goto(live_url + "/")
    page.locator(".greeting").wait_for()
    ask(page, SETTLEMENT)
    page.locator(".msg.pending").wait_for()
    assert page.locator(".msg.user").inner_text() == SETTLEMENT  # the question is echoed at once
    stop = page.locator("#send")
    assert stop.inner_text() == "停止"
    stop.tap()
    error = page.locator(".msg.error")
    error.wait_for(timeout=5_000)
    assert "已停止等待回答" in error.inner_text() and error.locator(".retry").is_visible()
    assert page.locator("#q").input_value() == SETTLEMENT and stop.inner_text() == "发送"
    page.screenshot(path=str(artifacts_dir / "chat-stopped-phone-light.png"))
