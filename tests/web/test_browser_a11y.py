"""Accessibility in the browser: axe-core (vendored in tests/web/vendor) finds no serious or critical issue on the
chat page, the widget's frame and a portal page with the widget open, in light and dark mode; focus is visible on
every control; <html lang> follows the page language. Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

QUESTION = "和解协议约定分三期付款，第二期2025年3月31日到期没付，我能申请恢复执行吗？期限多久？"
ANSWER_TIMEOUT = 60_000


def _answered(target) -> None:
    """Put every kind of element on screen: an answer with chips, an open article, the feedback form."""
    target.locator("#q").fill(QUESTION)
    target.locator("#q").press("Enter")
    target.locator(".msg.bot .b-conclusion").first.wait_for(timeout=ANSWER_TIMEOUT)
    target.locator(".refs .ref").first.click()
    target.locator(".thumb").first.click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_chat_page(open_context, run_axe, live_url, artifacts_dir, scheme):
    page = open_context("desktop", scheme)
    page.goto(live_url + "/")
    page.locator(".greeting").wait_for()
    assert run_axe(page) == []
    _answered(page)
    page.locator("#check summary").click()
    assert run_axe(page) == []
    page.screenshot(path=str(artifacts_dir / f"a11y-chat-{scheme}.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_embed(open_context, run_axe, live_url, artifacts_dir, scheme):
    page = open_context("phone", scheme)
    page.goto(live_url + "/embed?lang=zh")
    page.locator(".greeting").wait_for()
    assert run_axe(page) == []
    _answered(page)
    assert run_axe(page) == []
    page.screenshot(path=str(artifacts_dir / f"a11y-embed-{scheme}.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_portal_with_widget_open(open_context, run_axe, portal_url, artifacts_dir, scheme):
    page = open_context("desktop", scheme)
    page.goto(portal_url)
    page.locator("#enforcement-assistant-widget .ea-button").click()
    frame_el = page.locator("#enforcement-assistant-widget iframe")
    page.frame_locator("#enforcement-assistant-widget iframe").locator(".greeting").wait_for()
    assert run_axe(page) == []  # the portal with the launcher and the dialog
    inner = frame_el.element_handle().content_frame()
    _answered(page.frame_locator("#enforcement-assistant-widget iframe"))
    assert run_axe(inner) == []  # the chat inside the frame
    page.screenshot(path=str(artifacts_dir / f"a11y-portal-widget-{scheme}.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_visible_on_every_control(open_context, live_url, artifacts_dir, scheme):
    page = open_context("desktop", scheme)
    page.goto(live_url + "/")
    page.locator(".greeting").wait_for()
    _answered(page)
    seen = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
            const s = getComputedStyle(e); return {tag: e.tagName, cls: e.className, outline: s.outlineStyle,
            width: parseFloat(s.outlineWidth)}; }""")
        if style is None:
            continue
        seen += 1
        assert style["outline"] != "none" and style["width"] >= 2, style  # a visible ring, not the browser's nothing
    assert seen >= 20
    page.locator("[data-lang='en']").focus()
    page.screenshot(path=str(artifacts_dir / f"a11y-focus-ring-{scheme}.png"))


def test_html_lang_follows_the_page_language(open_context, live_url):
    page = open_context("desktop", "light", locale="en-US")  # the browser's language does not decide
    page.goto(live_url + "/")
    page.locator(".greeting").wait_for()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.locator("[data-lang='en']").click()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.goto(live_url + "/embed?lang=en")
    page.locator(".greeting").wait_for()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#send").inner_text() == "Send"
