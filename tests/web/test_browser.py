"""Browser tests: headless Debian chromium (playwright) against the live app. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:.*no_silent_downcasting", "ignore:The copy keyword is deprecated")]

QUESTION = "达成执行和解协议后，被执行人不履行，申请执行人可以怎么办？"
INJECTION = ('执行回转怎么申请？<script>window.__pwned = 1; alert("xss")</script>'
             '<img src=x onerror="window.__pwned = 2"><svg onload="window.__pwned = 3"></svg>')
ANSWER_TIMEOUT = 60_000


def ask(page, question: str) -> None:
    box = page.locator("#ea-question textarea")
    box.fill(question)
    page.locator("#ea-send").click()


def wait_for_answer(page) -> None:
    page.locator("#ea-citations .ea-citations").wait_for(timeout=ANSWER_TIMEOUT)


def test_chat_answer_with_citation_chips(page, live_url, artifacts_dir):
    page.goto(live_url + "/")
    page.locator("#ea-question textarea").wait_for()
    assert "不是法律意见" in page.locator("#ea-notice").inner_text()
    ask(page, QUESTION)
    wait_for_answer(page)
    chips = page.locator("#ea-citations details.ea-chip")
    assert chips.count() > 0
    assert "✓ 已核验" in page.locator("#ea-citations details.ea-chip.v-valid").first.inner_text()
    bot = page.locator("#ea-chat .message-row.bot-row, #ea-chat [data-testid='bot']").last
    assert bot.inner_text().strip()
    assert page.locator("#ea-chat button[aria-label*='opy'], #ea-chat button[title*='opy']").count() > 0  # copy answer
    chips.first.locator("summary").click()  # a chip opens to the guard's message
    assert chips.first.locator(".ea-msg").is_visible()
    page.screenshot(path=str(artifacts_dir / "chat-answer-chips.png"), full_page=True)

    page.locator("#ea-feedback").get_by_text("反馈").first.click()  # feedback with a comment
    page.locator("#ea-rating").get_by_text("有帮助", exact=True).click()
    page.locator("#ea-comment textarea").fill("清楚，谢谢")
    page.locator("#ea-feedback-send").click()
    page.get_by_text("已记录，谢谢您的反馈").wait_for(timeout=10_000)
    assert not page.errors


def test_open_a_source(page, live_url, artifacts_dir):
    page.goto(live_url + "/")
    page.locator("#ea-example-3").click()  # an example question on enforcement reversal
    wait_for_answer(page)
    source = page.locator("#ea-sources details.ea-source").first  # what the answer relies on comes first
    source.locator("summary").click()
    text = source.locator(".ea-source-text")
    assert text.is_visible() and len(text.inner_text()) > 20
    assert source.locator("mark.ea-hl").first.is_visible()  # the span the answer relies on
    source.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "chat-source-open.png"), full_page=True)


def test_switch_to_english(page, live_url, artifacts_dir):
    page.goto(live_url + "/")
    page.locator("#ea-lang").get_by_text("English").click()
    page.locator("#ea-send", has_text="Send").wait_for(timeout=10_000)
    assert "not legal advice" in page.locator("#ea-notice").inner_text()
    assert page.locator("#ea-example-0").inner_text().startswith("The debtor")
    page.locator("#ea-example-0").click()
    wait_for_answer(page)
    assert "Provisions cited" in page.locator("#ea-citations").inner_text()
    page.screenshot(path=str(artifacts_dir / "chat-english.png"), full_page=True)


def test_script_in_question_stays_inert(page, live_url, artifacts_dir):
    page.goto(live_url + "/")
    ask(page, INJECTION)
    page.locator("#ea-chat").get_by_text("<script>", exact=False).first.wait_for(timeout=ANSWER_TIMEOUT)
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#ea-chat script, #ea-chat img[src='x'], #ea-chat svg[onload]").count() == 0
    assert not page.errors  # no alert dialog, no page error
    page.screenshot(path=str(artifacts_dir / "chat-script-inert.png"), full_page=True)


def test_usable_at_375px(browser, live_url, artifacts_dir):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(live_url + "/")
    page.locator("#ea-question textarea").wait_for()
    ask(page, QUESTION)
    wait_for_answer(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal overflow: {width}px"
    assert page.locator("#ea-send").bounding_box()["x"] + page.locator("#ea-send").bounding_box()["width"] <= 375
    page.screenshot(path=str(artifacts_dir / "chat-375px.png"), full_page=True)
    context.close()


def test_widget_on_another_origin(page, portal_url, artifacts_dir):
    page.goto(portal_url)
    button = page.locator("#enforcement-assistant-widget .ea-button")  # inside the open shadow root
    assert "执行咨询" in button.inner_text()
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(15, 118, 110)"  # data-color
    button.click()
    frame = page.frame_locator("#enforcement-assistant-widget iframe")
    frame.locator("#q").fill(QUESTION)
    frame.locator("#q").press("Enter")
    frame.locator(".msg.bot .chip").first.wait_for(timeout=ANSWER_TIMEOUT)
    assert frame.locator(".msg.bot .chip[data-verdict='valid']").count() > 0
    frame.locator(".msg.bot details.sources > summary").first.click()
    frame.locator(".msg.bot details.source > summary").first.click()
    assert frame.locator(".msg.bot .source-text").first.is_visible()
    page.screenshot(path=str(artifacts_dir / "widget-answer.png"), full_page=True)

    frame.locator("#q").fill(INJECTION)
    frame.locator("#send").click()
    frame.locator(".msg.bot").nth(1).locator("p, .chip, blockquote").first.wait_for(timeout=ANSWER_TIMEOUT)
    assert "<script>" in frame.locator(".msg.user").nth(1).inner_text()
    inner = page.frames[-1]
    assert inner.evaluate("window.__pwned") is None and page.evaluate("window.__pwned") is None
    assert not page.errors
    frame.locator(".msg.bot .fb").first.click()  # feedback from the widget
    frame.locator(".thanks").first.wait_for(timeout=10_000)
    page.screenshot(path=str(artifacts_dir / "widget-script-inert.png"), full_page=True)


def test_widget_refused_on_unlisted_origin(page, portal_url, artifacts_dir):
    """The same page from an origin that is not in the allowlist: /embed refuses to be framed."""
    page.goto(portal_url.replace("127.0.0.1", "localhost"))
    page.locator("#enforcement-assistant-widget .ea-button").click()
    iframe = page.locator("#enforcement-assistant-widget iframe")
    iframe.wait_for(state="attached")
    page.wait_for_timeout(1500)
    inner = iframe.element_handle().content_frame()
    assert inner.url.startswith("chrome-error://")  # blocked by frame-ancestors, not merely slow
    assert page.frame_locator("#enforcement-assistant-widget iframe").locator("#q").count() == 0
    page.screenshot(path=str(artifacts_dir / "widget-refused-unlisted-origin.png"))


def test_check_a_pasted_text(page, live_url, artifacts_dir):
    page.goto(live_url + "/")
    page.locator("#ea-check").get_by_text("核验一段文字中的法条引用").click()
    page.locator("#ea-check-input textarea").fill("根据《民事诉讼法》第二百三十三条，执行依据被撤销的，应当执行回转。<b onmouseover=x>")
    page.locator("#ea-check-send").click()
    mark = page.locator("#ea-check-result mark.cite-outdated_numbering")
    mark.wait_for(timeout=20_000)
    assert "第二百四十四条" in page.locator("#ea-check-result li").first.inner_text()
    assert page.locator("#ea-check-result b[onmouseover]").count() == 0
    page.screenshot(path=str(artifacts_dir / "check-pasted-text.png"), full_page=True)


def test_api_docs_render_offline(page, live_url, artifacts_dir):
    """Swagger UI comes from a Python package, not a CDN: it renders with no internet at all."""
    page.goto(live_url + "/docs")
    page.locator(".opblock-summary-path", has_text="/api/ask").first.wait_for(timeout=30_000)
    page.screenshot(path=str(artifacts_dir / "api-docs.png"))
