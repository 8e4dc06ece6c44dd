"""Rate limits across workers: two gates (two uvicorn workers or replicas) sharing one real redis-server on
127.0.0.1 allow the limit once between them, not once each; with Redis gone, requests are let through."""

from __future__ import annotations

import shutil
import socket

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from assistant.api import Gate, make_limiter
from assistant.settings import Settings

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server missing: apt-get install -y redis-server "
                                "(scripts/test.sh installs it as root)")


@pytest.fixture(scope="module")
def redis_url():
    from local_servers import redis_server

    with redis_server() as url:
        yield url


def _worker(settings: Settings) -> TestClient:
    app = Starlette(routes=[Route("/api/echo", lambda r: JSONResponse({}), methods=["POST"])])
    return TestClient(Gate(app, settings=settings, limiter=make_limiter(settings)))


def test_two_workers_share_one_budget(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    settings = Settings(rate_limit_per_minute=6, rate_limit_url=redis_url, api_keys={"k1": "p1"})
    a, b = _worker(settings), _worker(settings)
    codes = [(a if i % 2 else b).post("/api/echo").status_code for i in range(10)]
    assert codes.count(200) == 6 and codes[6:] == [429] * 4
    r = a.post("/api/echo")
    assert r.json()["error"]["code"] == "rate_limited" and 1 <= int(r.headers["retry-after"]) <= 10
    per_process = Settings(rate_limit_per_minute=6)  # the default: each worker counts alone
    c, d = _worker(per_process), _worker(per_process)
    assert [(c if i % 2 else d).post("/api/echo").status_code for i in range(10)].count(200) == 10


def test_redis_down_lets_requests_through(caplog):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    w = _worker(Settings(rate_limit_per_minute=1, rate_limit_url=f"redis://127.0.0.1:{dead}/0"))
    assert [w.post("/api/echo").status_code for _ in range(3)] == [200, 200, 200]
    assert "Redis unavailable" in caplog.text
