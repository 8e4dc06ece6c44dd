"""One gate for every way in: the chat page's backend (gradio's queue) takes the same keys and limits as
/api/*, X-Forwarded-For is read from the right, and guessing keys is rate limited."""

from __future__ import annotations

from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from assistant.api import Gate, RateLimiter
from assistant.settings import Settings


async def echo(request: Request):
    return JSONResponse({"portal": request.scope.get("state", {}).get("portal")})


def gated(**overrides) -> TestClient:
    settings = Settings(**{"api_keys": {"k1": "portal-1"}, "rate_limit_per_minute": 1000, **overrides})
    app = Starlette(routes=[Route("/api/echo", echo, methods=["POST"]),
                            Route("/gradio_api/queue/join", echo, methods=["POST"]),
                            Route("/gradio_api/queue/data", lambda r: PlainTextResponse("stream")),
                            Route("/", lambda r: PlainTextResponse("ui"))])
    return TestClient(Gate(app, settings=settings, limiter=RateLimiter(settings.rate_limit_per_minute)))


def test_the_chat_backend_needs_a_key_when_keys_are_required():
    c = gated(require_api_key=True)
    r = c.post("/gradio_api/queue/join", json={})
    assert r.status_code == 401 and r.json()["error"]["code"] == "missing_api_key"
    assert c.get("/").status_code == 200  # the page itself loads (and explains nothing is answered without a key)
    page = c.get("/?key=k1")  # a key holder opens the page once with the key: a cookie carries it
    assert "assistant_key=k1" in page.headers["set-cookie"] and "HttpOnly" in page.headers["set-cookie"]
    assert c.post("/gradio_api/queue/join", json={}).json()["portal"] == "portal-1"
    assert "set-cookie" not in gated().get("/?key=wrong").headers


def test_the_chat_backend_is_rate_limited_like_the_api():
    c = gated(rate_limit_per_minute=5)
    codes = [c.post("/gradio_api/queue/join", json={}).status_code for _ in range(8)]
    assert codes == [200] * 5 + [429] * 3
    assert c.post("/api/echo").status_code == 429  # one bucket per address for every way in
    assert c.get("/gradio_api/queue/data").status_code == 200  # the answer stream is not counted again


def test_invalid_keys_are_rate_limited():
    c = gated(rate_limit_per_minute=3)
    codes = [c.post("/api/echo", headers={"X-API-Key": f"guess-{i}"}).status_code for i in range(6)]
    assert codes == [401] * 3 + [429] * 3


def test_forwarded_for_is_read_from_the_right():
    c = gated(rate_limit_per_minute=2, trust_forwarded_for=True, trusted_proxies=1)
    # a client rotating the leftmost entry is still one client: the proxy appended its real address
    codes = [c.post("/api/echo", headers={"X-Forwarded-For": f"10.9.9.{i}, 198.51.100.7"}).status_code
             for i in range(3)]
    assert codes == [200, 200, 429]
    assert c.post("/api/echo", headers={"X-Forwarded-For": "198.51.100.8"}).status_code == 200  # another client
    untrusted = gated(rate_limit_per_minute=2)  # without trust the header is ignored: the peer address counts
    codes = [untrusted.post("/api/echo", headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code for i in range(3)]
    assert codes == [200, 200, 429]


def test_the_real_chat_page_backend_is_gated(service, audit_log):
    """The whole app as app.py builds it, keys required and 5 a minute: questions posted to gradio's queue without
    a key are refused (401, then 429); with the page's key cookie they reach gradio."""
    from assistant.api import create_app
    from assistant.ui import build_ui, mount_ui

    def app_with(**overrides):
        settings = service.settings.model_copy(update={"require_api_key": True, "rate_limit_per_minute": 5,
                                                       **overrides})
        app = create_app(service, audit=audit_log, settings=settings)
        mount_ui(app, build_ui(service, audit=audit_log))
        return app

    join = {"data": ["和解协议不履行怎么办？", [], "zh"], "fn_index": 0, "session_hash": "gate-test",
            "event_data": None, "trigger_id": 1}
    with TestClient(app_with()) as c:
        codes = [c.post("/gradio_api/queue/join", json=join).status_code for _ in range(8)]
        assert codes == [401] * 5 + [429] * 3
    with TestClient(app_with()) as c:
        key = next(iter(service.settings.api_keys))
        assert c.get(f"/?key={key}").status_code == 200
        r = c.post("/gradio_api/queue/join", json=join)
        assert r.status_code not in (401, 429), r.text
