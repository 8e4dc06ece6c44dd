"""The server stopped and restarted in the middle of a conversation: the user sees a localized error with a retry
button, nothing typed is lost, and after the restart the retry continues the conversation the page shows."""

from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.browser]

FIRST = "达成执行和解协议后，被执行人不履行，申请执行人可以怎么办？"
SECOND = "申请恢复执行的期限从哪天起算？"
ANSWER_TIMEOUT = 60_000


@pytest.mark.parametrize("path,kind,scheme", [("/", "desktop", "light"), ("/embed", "phone", "dark")])
def test_outage_mid_conversation(open_context, restartable, artifacts_dir, path, kind, scheme):
    page = open_context(kind, scheme)
    page.goto(restartable.url + path)
    page.locator(".greeting").wait_for()
    page.locator("#q").fill(FIRST)
    page.locator("#q").press("Enter")
    page.locator(".turn .msg.bot .b-conclusion").first.wait_for(timeout=ANSWER_TIMEOUT)

    restartable.stop()
    page.locator("#q").fill(SECOND)
    page.locator("#q").press("Enter")
    error = page.locator(".msg.error")
    error.wait_for(timeout=15_000)
    assert "无法连接到服务器" in error.inner_text()  # in the page's language, in the conversation
    assert "Failed to fetch" not in error.inner_text()
    assert page.locator("#q").input_value() == SECOND  # nothing typed is lost
    assert page.locator(".turn").count() == 2  # the first answer is still there
    page.screenshot(path=str(artifacts_dir / f"outage-error-{kind}-{scheme}.png"))

    restartable.start()
    with page.expect_request("**/api/ask") as req:
        error.locator(".retry").click()
    history = json.loads(req.value.post_data)["history"]
    assert [t["content"] for t in history if t["role"] == "user"] == [FIRST]  # the conversation on screen goes on
    page.locator(".turn").nth(1).locator(".msg.bot:not(.pending) .b-conclusion").wait_for(timeout=ANSWER_TIMEOUT)
    assert page.locator(".msg.error").count() == 0 and page.locator(".turn").count() == 2
    assert page.locator("#q").input_value() == ""  # the retried question left the box
    page.screenshot(path=str(artifacts_dir / f"outage-recovered-{kind}-{scheme}.png"))
