"""The HTTP policy layers on their own: rate limiter, request-size gate, API keys, security headers.

They wrap a two-route Starlette app here (an echo and a stream); tests/web/test_api.py checks the same
policies on the real application.
"""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from assistant.api import Gate, RateLimiter, SecurityHeaders
from assistant.settings import Settings


@pytest.mark.parametrize("per_minute,times,expected", [
    (3, [0, 0, 0, 0], [True, True, True, False]),
    (60, [0] * 60 + [0.5, 1.0], [True] * 60 + [False, True]),  # one token a second
    (0, [0] * 100, [True] * 100),  # 0 = no limit
])
def test_rate_limiter(per_minute, times, expected):
    rl = RateLimiter(per_minute)
    assert [rl.hit("ip:1", now=t)[0] for t in times] == expected


def test_rate_limiter_buckets_are_independent_and_report_wait():
    rl = RateLimiter(1)
    assert rl.hit("ip:1", now=0)[0] and rl.hit("key:a", now=0)[0]
    allowed, wait = rl.hit("ip:1", now=0)
    assert not allowed and wait == pytest.approx(60.0)


async def echo(request: Request):
    body = await request.body()
    return JSONResponse({"bytes": len(body), "portal": request.scope.get("state", {}).get("portal")})


def wrapped(**overrides) -> TestClient:
    settings = Settings(**{"max_body_bytes": 100, "api_keys": {"k1": "portal-1"}, "rate_limit_per_minute": 1000,
                           "cors_origins": ["https://portal.example.org"], **overrides})
    app = Starlette(routes=[Route("/api/echo", echo, methods=["POST"]), Route("/embed", lambda r: PlainTextResponse("e")),
                            Route("/", lambda r: PlainTextResponse("ui"))])
    return TestClient(SecurityHeaders(Gate(app, settings=settings, limiter=RateLimiter(settings.rate_limit_per_minute)),
                                      settings=settings))


def test_size_limit_by_content_length_and_by_stream():
    c = wrapped()
    assert c.post("/api/echo", content=b"x" * 100).json()["bytes"] == 100
    r = c.post("/api/echo", content=b"x" * 101)
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"

    def chunks():  # no Content-Length: counted while reading
        for _ in range(5):
            yield b"x" * 40

    assert c.post("/api/echo", content=chunks()).status_code == 413  # the app's own handler writes the body


def test_api_keys():
    c = wrapped()
    assert c.post("/api/echo", headers={"X-API-Key": "k1"}).json()["portal"] == "portal-1"
    assert c.post("/api/echo", headers={"Authorization": "Bearer k1"}).json()["portal"] == "portal-1"
    r = c.post("/api/echo", headers={"X-API-Key": "nope"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_api_key"
    assert c.post("/api/echo").status_code == 200
    r = wrapped(require_api_key=True).post("/api/echo")
    assert r.status_code == 401 and r.json()["error"]["code"] == "missing_api_key"


def test_rate_limit_per_ip_and_per_key():
    c = wrapped(rate_limit_per_minute=2)
    assert [c.post("/api/echo").status_code for _ in range(3)] == [200, 200, 429]
    r = c.post("/api/echo")
    assert r.json()["error"]["code"] == "rate_limited" and int(r.headers["retry-after"]) >= 1
    assert c.get("/").status_code == 200  # only /api/* is limited


def test_frame_ancestors():
    c = wrapped()
    csp = c.get("/embed").headers["content-security-policy"]
    assert "frame-ancestors 'self' https://portal.example.org" in csp and "script-src 'self'" in csp
    r = c.get("/")
    assert r.headers["x-frame-options"] == "SAMEORIGIN" and r.headers["x-content-type-options"] == "nosniff"
    assert c.post("/api/echo").headers["x-frame-options"] == "DENY"
