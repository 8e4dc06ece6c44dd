"""Browser tests of the one-tag widget on a portal served from another origin: a dialog that takes focus and keeps
it, Escape, greeting, follow-ups, new conversation, the same answer rendering as the page, a compact launcher
on phones, and the frame-ancestors refusal on an unlisted origin. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.browser]

QUESTION = "达成执行和解协议后，被执行人不履行，申请执行人可以怎么办？"
INJECTION = ('执行回转怎么申请？<script>window.__pwned = 1; alert("xss")</script>'
             '<img src=x onerror="window.__pwned = 2"><svg onload="window.__pwned = 3"></svg>')
ANSWER_TIMEOUT = 60_000
LAUNCHER = "#enforcement-assistant-widget .ea-button"


def open_widget(page, portal_url: str):
    page.goto(portal_url)
    page.locator(LAUNCHER).click()
    frame = page.frame_locator("#enforcement-assistant-widget iframe")
    frame.locator(".greeting .suggestion").first.wait_for()
    return frame


def inner_frame(page):
    return page.locator("#enforcement-assistant-widget iframe").element_handle().content_frame()


@pytest.mark.parametrize("kind,scheme", [("desktop", "light"), ("phone", "dark")])
def test_widget_dialog_focus_escape_and_greeting(open_context, portal_url, artifacts_dir, kind, scheme):
    page = open_context(kind, scheme)
    page.goto(portal_url)
    launcher = page.locator(LAUNCHER)
    name = launcher.evaluate("b => b.getAttribute('aria-label')")
    assert name is None and "执行咨询" in launcher.text_content()  # the accessible name is the visible text
    if kind == "phone":
        box = launcher.bounding_box()
        assert box["width"] <= 64 and box["height"] >= 44  # a compact round launcher
        page.screenshot(path=str(artifacts_dir / f"widget-launcher-{kind}-{scheme}.png"))
        launcher.tap()
    else:
        launcher.focus()
        page.keyboard.press("Enter")
    frame = page.frame_locator("#enforcement-assistant-widget iframe")
    frame.locator(".greeting .suggestion").first.wait_for()
    assert frame.locator(".greeting .suggestion").count() == 4
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'enforcement-assistant-widget'")
    inner = inner_frame(page)
    inner.wait_for_function("() => document.activeElement && document.activeElement.id === 'q'")  # focus moved in
    page.screenshot(path=str(artifacts_dir / f"widget-open-{kind}-{scheme}.png"))
    if kind == "desktop":  # Tab never leaves the dialog for the portal
        for _ in range(12):
            page.keyboard.press("Tab")
            in_widget = page.evaluate("document.activeElement && document.activeElement.id") == "enforcement-assistant-widget"
            assert in_widget, "focus left the widget for the portal"
    frame.locator("#q").fill("正在输入")
    frame.locator("#q").press("Escape")  # Escape while typing closes the dialog
    page.locator("#enforcement-assistant-widget .ea-panel.open").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "enforcement-assistant-widget"
    assert launcher.evaluate("b => b.getRootNode().activeElement === b")  # focus back on the launcher
    assert launcher.get_attribute("aria-expanded") == "false"


def test_widget_answer_followups_new_conversation(open_context, portal_url, artifacts_dir):
    page = open_context()
    frame = open_widget(page, portal_url)
    frame.locator(".greeting .suggestion").first.click()
    frame.locator(".msg.bot .b-conclusion").first.wait_for(timeout=ANSWER_TIMEOUT)
    bot = frame.locator(".msg.bot").last
    assert bot.locator(".ref[data-verdict='valid']").count() > 0
    assert bot.locator("section.block").first.get_attribute("class").endswith("b-conclusion")
    bot.locator(".b-steps .ref").first.click()  # the same chips and article viewer as the page
    assert bot.locator(".viewer mark").first.is_visible()
    assert "- " not in bot.locator(".b-steps").inner_text()  # no raw Markdown list marks
    page.screenshot(path=str(artifacts_dir / "widget-answer-desktop-light.png"))

    question = "达成执行和解协议后，被执行人不履行，申请执行人可以怎么办？"
    follow = frame.locator(".follow-ups .suggestion, .b-ask .suggestion, .related-q").first
    if follow.count():
        with page.expect_request("**/api/ask") as req:
            follow.click()
        assert json.loads(req.value.post_data)["history"][0]["content"] == question
        frame.locator(".turn").nth(1).locator(".msg.bot:not(.pending)").wait_for(timeout=ANSWER_TIMEOUT)
    frame.locator(".new-chat").click()  # new conversation inside the widget
    assert frame.locator(".turn").count() == 0 and frame.locator(".greeting").is_visible()
    with page.expect_request("**/api/ask") as req:
        frame.locator("#q").fill("执行回转应当由哪个法院裁定？")
        frame.locator("#q").press("Enter")
    assert json.loads(req.value.post_data)["history"] == []
    frame.locator(".msg.bot:not(.pending)").first.wait_for(timeout=ANSWER_TIMEOUT)
    page.screenshot(path=str(artifacts_dir / "widget-new-conversation-desktop-light.png"))


def test_widget_feedback_and_inert_script(open_context, portal_url, artifacts_dir):
    page = open_context("phone", "light")
    frame = open_widget(page, portal_url)
    frame.locator("#q").fill(INJECTION)
    frame.locator("#send").tap()
    frame.locator(".msg.bot:not(.pending)").first.wait_for(timeout=ANSWER_TIMEOUT)
    assert "<script>" in frame.locator(".msg.user").first.inner_text()
    assert inner_frame(page).evaluate("window.__pwned") is None and page.evaluate("window.__pwned") is None
    assert not page.errors
    thumbs = frame.locator(".msg.bot .thumb")
    if thumbs.count():
        thumbs.first.tap()
        frame.locator(".feedback .thanks").first.wait_for(timeout=10_000)
    box = frame.locator("#form").bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"] + 1  # the input at the bottom, on screen
    page.screenshot(path=str(artifacts_dir / "widget-phone-light.png"))


def test_widget_refused_on_unlisted_origin(open_context, portal_url, artifacts_dir):
    """The same page from an origin that is not in the allowlist: /embed refuses to be framed."""
    page = open_context()
    page.goto(portal_url.replace("127.0.0.1", "localhost"))
    page.locator(LAUNCHER).click()
    iframe = page.locator("#enforcement-assistant-widget iframe")
    iframe.wait_for(state="attached")
    page.wait_for_timeout(1500)
    inner = iframe.element_handle().content_frame()
    assert inner.url.startswith("chrome-error://")  # blocked by frame-ancestors, not merely slow
    assert page.frame_locator("#enforcement-assistant-widget iframe").locator("#q").count() == 0
    page.screenshot(path=str(artifacts_dir / "widget-refused-unlisted-origin.png"))
