"""HTTP API (FastAPI): /api/*, /healthz, /widget.js and /embed. Routes only; the logic is in AssistantService.

Policy lives in three ASGI layers, outermost first: CORS (the allowlist in settings) → security headers
(frame-ancestors: only /embed may be framed, and only by allowlisted portals) → the gate (request size
limit, API keys, per-key and per-IP rate limits on /api/*).
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote_plus

from fastapi import FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.audit import AuditLog
from assistant.index.store import IndexError_
from assistant.models import Answer
from assistant.redact import redact
from assistant.retrieve import QueryError
from assistant.settings import Settings
from assistant.view import build_view

STATIC = Path(__file__).resolve().parent / "static"
API_KEY_HEADER = "X-API-Key"
KEY_COOKIE = "assistant_key"


# ===== errors =========================================================================================
class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable: bad_query, invalid_request, malformed_json, payload_too_large, "
                      "rate_limited, invalid_api_key, missing_api_key, not_found, internal_error …")
    message: str = Field(description="Human-readable explanation.")


class ErrorBody(BaseModel):
    error: ErrorDetail
    model_config = ConfigDict(json_schema_extra={"example": {"error": {"code": "bad_query", "message": "empty question"}}})


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                 413: "payload_too_large", 415: "unsupported_media_type", 429: "rate_limited", 500: "internal_error"}
ERRORS = {400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 413: {"model": ErrorBody},
          422: {"model": ErrorBody}, 429: {"model": ErrorBody}}


# ===== request / response models ======================================================================
class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=20_000)


class AskRequest(BaseModel):
    question: str = Field(description="The question, in Chinese or English.", max_length=20_000)
    history: list[Turn] = Field(default_factory=list, max_length=50,
                                description="Earlier turns of the conversation, oldest first.")
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "question": "被执行人不履行执行和解协议，申请执行人怎么办？",
        "history": []}]})


class CitationOut(BaseModel):
    surface: str = Field(description="The citation as written in the answer.")
    span: tuple[int, int] = Field(description="Character span in the answer text.")
    law_id: str | None
    law_title: str | None
    article: int | None
    paragraph: int | None
    item: int | None
    verdict: str = Field(description="valid | unknown_law | nonexistent_article | outdated_numbering | unsupported | not_in_force")
    message: str
    current_article: int | None = None


class SourceOut(BaseModel):
    doc_id: str
    kind: Literal["article", "note"]
    title: str
    text: str
    law_id: str | None = None
    article: int | None = None
    version: str | None = None
    status: str | None = None
    note_id: str | None = None
    highlights: list[tuple[int, int]] = Field(default_factory=list, description="Spans of `text` the answer relies on.")


class AnswerOut(BaseModel):
    id: str
    question: str
    standalone_question: str
    text: str = Field(description="Markdown.")
    lang: Literal["zh", "en"]
    citations: list[CitationOut]
    sources: list[SourceOut]
    abstained: bool
    abstain_reason: str | None = Field(description="out_of_scope | unsupported | refused | needs_context; null when answered")
    composer: str = Field(description="grounded | llm:<model> | navigator")
    prompt_version: str
    follow_ups: list[str] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    view: dict[str, Any] | None = Field(None, description="The answer as parts for the chat page and the widget "
                                        "(conclusion, steps, deadline, numbered references with their verdicts, "
                                        "sources with the relied-on sentences, clean text for copying).")

    @classmethod
    def of(cls, answer: Answer, registry=None) -> "AnswerOut":
        return cls.model_validate({**asdict(answer), "view": build_view(answer, registry).to_dict()})


class CheckRequest(BaseModel):
    text: str = Field(min_length=1, max_length=50_000, description="Any text that cites Chinese law.")
    model_config = ConfigDict(json_schema_extra={"examples": [{"text": "根据民事诉讼法第二百三十三条，执行依据被撤销的，应当执行回转。"}]})


class CurrentOut(BaseModel):
    law: str
    article: int


class CheckedCitationOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: str = Field(description="The citation as written.")
    span: tuple[int, int]
    law: str | None = Field(description="Law id the name resolves to (None: unknown law).")
    law_title: str | None
    article: int | None
    paragraph: int | None
    item: int | None
    verdict: str = Field(description="valid | unknown_law | nonexistent_article | outdated_numbering | unsupported | not_in_force")
    current: CurrentOut | None = Field(description="What the provision is called today, when the text uses an old number.")
    message: str
    version: str | None = Field(description="The version the citation was checked against.")


class CheckResponse(BaseModel):
    """The guard report: every cited provision with its verdict and span."""

    ok: bool = Field(description="True when every citation is valid.")
    lang: str
    truncated: bool
    counts: dict[str, int]
    citations: list[CheckedCitationOut]
    annotated_html: str | None = Field(None, description="The text as HTML with each citation marked (annotate=true).")


class SearchHitOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    kind: Literal["article", "note"]
    law: str | None = None
    law_id: str | None = None
    article: int | None = None
    version: str | None = None
    note_id: str | None = None
    status: str | None = None
    score: float
    text: str
    cites: list[dict[str, Any]] = Field(default_factory=list)


class SearchResponse(BaseModel):
    query: str
    hits: list[SearchHitOut]


class ArticleVersionOut(BaseModel):
    version: str
    status: str
    article: int | None = Field(description="The same provision's number in that version (None: no counterpart).")
    text: str | None


class ArticleOut(BaseModel):
    law_id: str
    title: str
    article: int
    text: str
    version: str
    status: str
    history: list[ArticleVersionOut]


class FeedbackRequest(BaseModel):
    answer_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    rating: Literal["helpful", "not_helpful"]
    comment: str | None = Field(None, max_length=2000)


class OkResponse(BaseModel):
    ok: bool = True


class NavigateRequest(BaseModel):
    facts: dict[str, Any] = Field(description="Facts of the case for the procedure navigator.")


class DeadlineRequest(BaseModel):
    model_config = ConfigDict(extra="allow")
    event: str = Field(description="The triggering event, e.g. the date a settlement agreement was breached.")
    date: str = Field(description="YYYY-MM-DD.")


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    laws: int
    notes: int
    llm: str
    audit: bool


class Ready(BaseModel):
    status: Literal["ready", "not_ready"]
    checks: dict[str, str] = Field(description="index, audit: 'ok' or what is wrong.")


AUDIT_NOTICE = ("本次问答未能写入审计日志（已记录告警）。 The exchange could not be written to the audit log; "
                "the operators have been warned.")


# ===== policy: rate limits, keys, size ==============================================================
class RateLimiter:
    """Token buckets: ``per_minute`` requests a minute per bucket, bursts up to ``per_minute``.

    >>> rl = RateLimiter(2)
    >>> [rl.hit("ip:1", now=0.0)[0], rl.hit("ip:1", now=0.0)[0], rl.hit("ip:1", now=0.0)[0]]
    [True, True, False]
    >>> rl.hit("ip:1", now=30.0)[0]  # one token back after 30 s
    True
    """

    def __init__(self, per_minute: int, max_buckets: int = 100_000):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_buckets = max_buckets
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    def hit(self, bucket: str, now: float | None = None) -> tuple[bool, float]:
        """Take one token; returns (allowed, seconds until a token is back when refused)."""
        if not self.enabled:
            return True, 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(bucket, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[bucket] = (tokens - 1.0, now)
                allowed, wait = True, 0.0
            else:
                self._buckets[bucket] = (tokens, now)
                allowed, wait = False, (1.0 - tokens) / self.rate
            if len(self._buckets) > self.max_buckets:  # forget full buckets (idle clients)
                for k in [k for k, (t, l) in self._buckets.items() if t + (now - l) * self.rate >= self.capacity]:
                    del self._buckets[k]
        return allowed, wait


class RedisRateLimiter:
    """The same token buckets kept in Redis, so that every worker and replica draws on one budget (a per-process
    limiter lets N workers allow N times the limit). One Lua script per hit: atomic, on the server's clock.
    When Redis cannot be reached the request is let through and a warning logged: limits protect the service,
    they must not take it down."""

    _SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local capacity, rate = tonumber(ARGV[1]), tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 't', 'l')
local tokens = math.min(capacity, (tonumber(b[1]) or capacity) + (now - (tonumber(b[2]) or now)) * rate)
local allowed, wait = 0, 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'l', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 1)
return {allowed, tostring(wait)}
"""

    def __init__(self, url: str, per_minute: int, prefix: str = "assistant:rl:"):
        import redis

        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.prefix = prefix
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._hit = self._redis.register_script(self._SCRIPT)

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    def hit(self, bucket: str, now: float | None = None) -> tuple[bool, float]:
        if not self.enabled:
            return True, 0.0
        import redis

        try:
            allowed, wait = self._hit(keys=[self.prefix + bucket], args=[self.capacity, self.rate])
        except redis.RedisError as exc:
            logging.getLogger("assistant.api").warning("rate limiter: Redis unavailable (%s); request let through", exc)
            return True, 0.0
        return bool(int(allowed)), float(wait)


def make_limiter(settings: Settings):
    """Redis when ASSISTANT_RATE_LIMIT_URL is set (several workers or replicas), else in this process."""
    if settings.rate_limit_url:
        return RedisRateLimiter(settings.rate_limit_url, settings.rate_limit_per_minute)
    return RateLimiter(settings.rate_limit_per_minute)


class _TooLarge(HTTPException):
    """Raised while reading a body that outgrows the limit (FastAPI re-raises HTTPExceptions unchanged)."""

    def __init__(self, limit: int):
        super().__init__(413, f"request body is larger than {limit} bytes")


def _json_error_bytes(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()


class Gate:
    """ASGI middleware: request-size limit everywhere; API keys and rate limits on /api/*."""

    def __init__(self, app, settings: Settings, limiter: "RateLimiter | RedisRateLimiter"):
        self.app = app
        self.settings = settings
        self.limiter = limiter

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path: str = scope.get("path", "")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        limit = self.settings.max_body_bytes
        length = headers.get("content-length")
        if length is not None:
            try:
                too_big = int(length) > limit
            except ValueError:
                return await self._send_error(send, 400, "bad_request", "invalid Content-Length")
            if too_big:
                return await self._send_error(send, 413, "payload_too_large",
                                              f"request body is larger than {limit} bytes")

        method = scope.get("method")
        if _gated(path, method):
            ip = _client_ip(scope, headers, self.settings.trust_forwarded_for, self.settings.trusted_proxies)
            key = (headers.get(API_KEY_HEADER.lower()) or _bearer(headers.get("authorization"))
                   or _cookie(headers.get("cookie"), KEY_COOKIE))
            portal = self.settings.api_keys.get(key) if key else None
            if (key and portal is None) or (not key and self.settings.require_api_key):
                # refusals have their own bucket per address: guessing keys is limited like everything else
                if await self._limit(send, f"refused:{ip}", "address"):
                    return
                if key:
                    return await self._send_error(send, 401, "invalid_api_key", "unknown API key")
                return await self._send_error(send, 401, "missing_api_key",
                                              f"send your portal's key in the {API_KEY_HEADER} header (the chat page: "
                                              f"open it once as /?key=YOUR_KEY)")
            if await self._limit(send, f"ip:{ip}", "address"):
                return
            if key and await self._limit(send, f"key:{key}", "API key"):
                return
            scope.setdefault("state", {})["portal"] = portal
        set_cookie = None
        if path == "/" and method == "GET":  # /?key=K: the chat page keeps a valid key in a cookie for its backend
            key = _query_param(scope.get("query_string", b""), "key")
            if key and key in self.settings.api_keys:
                set_cookie = f"{KEY_COOKIE}={key}; Path=/; HttpOnly; SameSite=Strict"

        received = 0
        started = False

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge(limit)
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if set_cookie:
                    message = {**message, "headers": [*message.get("headers", []),
                                                      (b"set-cookie", set_cookie.encode("latin-1"))]}
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._send_error(send, 413, "payload_too_large", f"request body is larger than {limit} bytes")

    async def _limit(self, send, bucket: str, who: str) -> bool:
        """Take a token from the bucket; when it is empty, answer 429 and return True."""
        allowed, wait = self.limiter.hit(bucket)
        if allowed:
            return False
        await self._send_error(send, 429, "rate_limited",
                               f"more than {int(self.limiter.capacity)} requests a minute from this {who}; retry later",
                               {"retry-after": str(max(1, math.ceil(wait)))})
        return True

    @staticmethod
    async def _send_error(send, status: int, code: str, message: str, extra: dict[str, str] | None = None):
        body = _json_error_bytes(code, message)
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        headers += [(k.encode(), v.encode()) for k, v in (extra or {}).items()]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _bearer(value: str | None) -> str | None:
    if value and value.lower().startswith("bearer "):
        return value[7:].strip() or None
    return None


def _gated(path: str, method: str | None) -> bool:
    """What costs work goes through keys and limits: the JSON API, and the chat page's own backend (every
    question from the page is a POST to gradio's queue or call endpoints). Page assets and the event stream
    that carries answers back are not counted again."""
    if method == "OPTIONS":
        return False
    if path.startswith("/api/"):
        return True
    return method == "POST" and path.startswith(("/gradio_api/", "/queue/", "/run/", "/call/"))


def _cookie(header: str | None, name: str) -> str | None:
    for part in (header or "").split(";"):
        k, _, v = part.strip().partition("=")
        if k == name and v:
            return v
    return None


def _query_param(query: bytes, name: str) -> str | None:
    from urllib.parse import parse_qs

    values = parse_qs(query.decode("latin-1")).get(name)
    return values[0] if values else None


def _client_ip(scope, headers: dict[str, str], trust_forwarded: bool, trusted_proxies: int = 1) -> str:
    """The peer address; behind ``trusted_proxies`` proxies of ours, the X-Forwarded-For entry that many from the
    right (each proxy appends the address it saw; anything further left the client wrote itself).

    >>> _client_ip({"client": ("10.0.0.2", 1)}, {"x-forwarded-for": "1.1.1.1, 203.0.113.9"}, True, 1)
    '203.0.113.9'
    >>> _client_ip({"client": ("10.0.0.2", 1)}, {"x-forwarded-for": "203.0.113.9"}, True, 2)
    '10.0.0.2'
    """
    client = scope.get("client")
    peer = client[0] if client else "unknown"
    if trust_forwarded and trusted_proxies > 0 and headers.get("x-forwarded-for"):
        hops = [h.strip() for h in headers["x-forwarded-for"].split(",") if h.strip()]
        if len(hops) >= trusted_proxies:
            return hops[-trusted_proxies]
    return peer


class RedactedAccessLog(logging.Filter):
    """uvicorn's access log line carries the query string (/api/search?q=…): personal numbers in it are
    redacted like everything the audit log stores."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            path, _, query = args[2].partition("?")
            shown = redact(unquote_plus(query))
            if shown != unquote_plus(query):
                record.args = (*args[:2], f"{path}?{shown}", *args[3:])
        return True


def install_access_log_redaction() -> None:
    """Idempotent: one filter on the uvicorn.access logger (it survives uvicorn's own logging set-up)."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactedAccessLog) for f in logger.filters):
        logger.addFilter(RedactedAccessLog())


class SecurityHeaders:
    """ASGI middleware: only /embed may be framed, and only by the allowlisted portal origins."""

    def __init__(self, app, settings: Settings):
        self.app = app
        ancestors = " ".join(["'self'", *settings.cors_origins])
        self.embed_csp = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                          f"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}")
        self.api_csp = "default-src 'none'; frame-ancestors 'none'"
        self.page_csp = self.embed_csp.rsplit("frame-ancestors", 1)[0] + "frame-ancestors 'self'"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path: str = scope.get("path", "")

        async def add_headers(message):
            if message["type"] == "http.response.start":
                h = [(k, v) for k, v in message.get("headers", [])
                     if k.lower() not in (b"x-frame-options", b"content-security-policy")]
                h += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"strict-origin-when-cross-origin")]
                if path == "/embed":
                    h.append((b"content-security-policy", self.embed_csp.encode()))
                elif path == "/":  # the chat page: the widget's policy, framed by no one but itself
                    h += [(b"content-security-policy", self.page_csp.encode()), (b"x-frame-options", b"SAMEORIGIN")]
                elif path.startswith("/api/") or path in ("/healthz", "/readyz"):
                    h += [(b"content-security-policy", self.api_csp.encode()), (b"x-frame-options", b"DENY")]
                elif path in ("/widget.js", "/chat.js", "/chat.css"):
                    h.append((b"cross-origin-resource-policy", b"cross-origin"))
                else:  # /docs
                    h += [(b"content-security-policy", b"frame-ancestors 'self'"), (b"x-frame-options", b"SAMEORIGIN")]
                message = {**message, "headers": h}
            await send(message)

        await self.app(scope, receive, add_headers)


# ===== offline API docs =============================================================================
def _mount_offline_docs(app: FastAPI) -> None:
    """/docs from Swagger UI files shipped in a Python package: FastAPI's default loads them from a CDN,
    which a court's intranet (or this machine) cannot reach."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    app.mount("/docs-static", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title=f"{app.title} — docs",
                                   swagger_js_url="/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-static/swagger-ui.css",
                                   swagger_favicon_url="/docs-static/favicon-32x32.png")


# ===== the app ======================================================================================
def create_app(service, *, audit: AuditLog | None = None, settings: Settings | None = None) -> FastAPI:
    """The FastAPI app for ``service``; mount the chat page on it afterwards (see assistant.ui.mount_ui)."""
    settings = settings or service.settings
    audit = audit if audit is not None else AuditLog.from_settings(settings)
    limiter = make_limiter(settings)
    app = FastAPI(title="Enforcement-law assistant API",
                  description="Answers about Chinese civil enforcement law (执行和解及其救济, 执行回转) with a citation "
                              "guard. Legal information, not legal advice.",
                  version="0.1.0", docs_url=None, redoc_url=None)
    _mount_offline_docs(app)
    install_access_log_redaction()
    app.state.service, app.state.audit, app.state.settings, app.state.limiter = service, audit, settings, limiter
    app.add_middleware(Gate, settings=settings, limiter=limiter)
    app.add_middleware(SecurityHeaders, settings=settings)
    app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_credentials=False,
                       allow_methods=["GET", "POST"], allow_headers=["Content-Type", API_KEY_HEADER, "Authorization"],
                       max_age=600)
    _install_error_handlers(app)

    def portal_of(request: Request) -> str | None:
        return getattr(request.state, "portal", None)

    def channel_of(request: Request, default: str) -> str:
        return "embed" if request.headers.get("x-assistant-client") == "embed" else default

    # ----- answering ------------------------------------------------------------------------------
    @app.post("/api/ask", response_model=AnswerOut, responses=ERRORS, tags=["answer"])
    def ask(body: AskRequest, request: Request) -> AnswerOut:
        """Answer a question; every citation in the answer carries the guard's verdict."""
        t0 = time.perf_counter()
        channel, portal = channel_of(request, "api"), portal_of(request)
        _require_question(body.question)
        try:
            answer = service.ask(body.question, [t.model_dump() for t in body.history])
        except QueryError as exc:
            audit.log_error(body.question, channel=channel, portal=portal, error=f"bad_query: {exc}",
                            total_ms=(time.perf_counter() - t0) * 1000)
            raise ApiError(400, "bad_query", str(exc)) from None
        except Exception as exc:
            audit.log_error(body.question, channel=channel, portal=portal, error=f"internal_error: {type(exc).__name__}",
                            total_ms=(time.perf_counter() - t0) * 1000)
            raise
        out = AnswerOut.of(answer, service.registry)
        if not audit.log_exchange(answer, channel=channel, portal=portal, total_ms=(time.perf_counter() - t0) * 1000):
            out.notices.append(AUDIT_NOTICE)  # the answer still goes out; the operators see a warning
        return out

    @app.post("/api/ask/stream", responses={**ERRORS, 200: {"content": {"text/event-stream": {}},
                                                           "description": "Server-sent events: `delta` "
                                                           "{text} …, `reset` {} (discard the draft), then `final` "
                                                           "(the answer JSON) or `error` {code, message}."}},
              tags=["answer"])
    def ask_stream(body: AskRequest, request: Request):
        """The same answer as server-sent events: text deltas, each sentence once the citation guard has passed it,
        then the final answer (whose text the deltas make up)."""
        t0 = time.perf_counter()
        channel, portal = channel_of(request, "stream"), portal_of(request)
        _require_question(body.question)
        events = iter(service.ask_stream(body.question, [t.model_dump() for t in body.history]))
        try:  # the first event comes after retrieval: a bad query is still a plain 400
            first = next(events, None)
        except QueryError as exc:
            audit.log_error(body.question, channel=channel, portal=portal, error=f"bad_query: {exc}")
            raise ApiError(400, "bad_query", str(exc)) from None

        def sse() -> Iterator[str]:
            ev = first
            it = events
            try:
                while ev is not None:
                    kind = ev.get("type")
                    if kind == "final":
                        answer: Answer = ev["answer"]
                        audit.log_exchange(answer, channel=channel, portal=portal,
                                           total_ms=(time.perf_counter() - t0) * 1000)
                        yield _sse("final", AnswerOut.of(answer, service.registry).model_dump(mode="json"))
                    elif kind == "delta":
                        yield _sse("delta", {"text": ev.get("text", "")})
                    else:
                        yield _sse(str(kind), {k: v for k, v in ev.items() if k != "type"})
                    ev = next(it, None)
            except QueryError as exc:
                yield _sse("error", {"code": "bad_query", "message": str(exc)})
            except Exception as exc:  # the stream has started: report in-band
                audit.log_error(body.question, channel=channel, portal=portal, error=f"internal_error: {type(exc).__name__}")
                yield _sse("error", {"code": "internal_error", "message": "the answer could not be completed"})

        return StreamingResponse(sse(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @app.post("/api/check", response_model=CheckResponse, responses=ERRORS, tags=["guard"])
    def check(body: CheckRequest,
              annotate: bool = Query(False, description="Also return the text as HTML with the citations marked."),
              evidence: bool = Query(False, description="Include the article text each verdict was checked against.")
              ) -> dict:
        """Run the citation guard on any text: every cited provision with its verdict and span."""
        report = service.check(body.text)
        out = report.to_dict(evidence=evidence)
        if annotate:
            out["annotated_html"] = report.annotate_html()
        return out

    # ----- lookup --------------------------------------------------------------------------------
    @app.get("/api/search", response_model=SearchResponse, responses=ERRORS, tags=["lookup"])
    def search(q: str = Query(..., min_length=1, max_length=2000, description="Query text."),
               k: int = Query(10, ge=1, le=50, description="Number of hits.")) -> dict:
        """Hybrid search (exact provision lookup + BM25 + dense) over statutes and commentary notes."""
        try:
            return {"query": q, "hits": service.search(q, k=k)}
        except QueryError as exc:
            raise ApiError(400, "bad_query", str(exc)) from None

    @app.get("/api/articles/{law}/{article}", response_model=ArticleOut, responses={404: {"model": ErrorBody}},
             tags=["lookup"])
    def article(law: str = PathParam(..., max_length=200, description="Any name of the law: 民事诉讼法, 民诉法, cpl …"),
                article: int = PathParam(..., ge=1, le=2000)) -> dict:
        """The current text of an article, with its number and text in every revision."""
        found = service.article(law, article)
        if found is None:
            raise ApiError(404, "not_found", f"no article {article} in {law!r} (unknown law or no such article)")
        return found

    @app.post("/api/navigate", responses=ERRORS, tags=["lookup"])
    def navigate(body: NavigateRequest) -> dict:
        """The procedure navigator: which remedy, which court, which provision, from the facts given."""
        try:
            return service.navigate(body.facts)
        except ValueError as exc:
            raise ApiError(400, "bad_input", str(exc)) from None

    @app.post("/api/deadline", responses=ERRORS, tags=["lookup"])
    def deadline(body: DeadlineRequest) -> dict:
        """Compute a statutory period (e.g. the two-year period to apply for resumed enforcement)."""
        extra = {k: v for k, v in (body.model_extra or {}).items()}
        try:
            return service.deadline(body.event, body.date, **extra)
        except (ValueError, TypeError) as exc:
            raise ApiError(400, "bad_input", str(exc)) from None

    # ----- feedback -------------------------------------------------------------------------------
    @app.post("/api/feedback", response_model=OkResponse, responses=ERRORS, tags=["feedback"])
    def feedback(body: FeedbackRequest, request: Request) -> OkResponse:
        """Helpful or not, with an optional comment (personal numbers are redacted before storage)."""
        if not audit.log_feedback(body.answer_id, body.rating, body.comment, channel=channel_of(request, "api"),
                                  portal=portal_of(request)):
            raise ApiError(503, "feedback_not_stored", "your feedback could not be stored just now; please try later")
        return OkResponse()

    # ----- health, widget, embed -----------------------------------------------------------------
    @app.get("/healthz", response_model=Health, tags=["ops"])
    def healthz() -> Health:
        llm = settings.llm_provider if settings.llm_provider == "none" else f"{settings.llm_provider}:{settings.llm_model}"
        return Health(laws=len(service.registry.laws), notes=len(service.registry.notes), llm=llm, audit=audit.enabled)

    @app.get("/readyz", response_model=Ready, responses={503: {"model": Ready}}, tags=["ops"])
    def readyz():
        """Ready to answer: the index was verified and a probe search finds its document; the audit log takes
        a write. 503 with what is wrong otherwise (a load balancer stops sending traffic)."""
        checks = {"index": service.index_problem() or "ok", "audit": audit.check_writable() or "ok"}
        ready = all(v == "ok" for v in checks.values())
        body = Ready(status="ready" if ready else "not_ready", checks=checks).model_dump()
        return JSONResponse(body, status_code=200 if ready else 503)

    def static(name: str, media_type: str, cache: str = "public, max-age=300"):
        return FileResponse(STATIC / name, media_type=media_type, headers={"Cache-Control": cache})

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"],
                   include_in_schema=False)
    def unknown_api(rest: str, request: Request):
        """Registered last: an /api path no route takes gets the documented JSON error (the chat page mounted at /
        would otherwise answer with its own 404), a known path with another method 405 and its Allow header."""
        allowed = sorted({m for r in app.routes if isinstance(r, APIRoute) and r.path != "/api/{rest:path}"
                          and r.path_regex.match(request.url.path) for m in (r.methods or ())})
        if allowed:
            raise ApiError(405, "method_not_allowed", f"{request.method} is not allowed here; use {', '.join(allowed)}",
                           {"allow": ", ".join(allowed)})
        raise ApiError(404, "not_found", f"no API endpoint {request.url.path}; see /docs")

    @app.get("/widget.js", include_in_schema=False)
    def widget_js():
        return static("widget.js", "text/javascript; charset=utf-8")

    @app.get("/embed", include_in_schema=False)
    def embed():
        return static("embed.html", "text/html; charset=utf-8", "no-cache")

    @app.get("/chat.js", include_in_schema=False)
    def chat_js():  # the chat page's and the widget's one client
        return static("chat.js", "text/javascript; charset=utf-8")

    @app.get("/chat.css", include_in_schema=False)
    def chat_css():
        return static("chat.css", "text/css; charset=utf-8")

    return app


def _require_question(question: str) -> None:
    if not "".join(ch for ch in question if unicodedata.category(ch)[0] not in "CZ"):  # blank, controls, format chars
        raise ApiError(400, "bad_query", "the question is empty")


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            e = next(e for e in errors if e.get("type") == "json_invalid")
            detail = (e.get("ctx") or {}).get("error") or e.get("msg", "")
            return error_response(422, "malformed_json", f"the request body is not valid JSON: {detail}")
        parts = []
        for e in errors[:5]:
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
            parts.append(f"{where}: {e.get('msg')}")
        return error_response(422, "invalid_request", "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error_response(exc.status_code, _STATUS_CODES.get(exc.status_code, "error"), str(exc.detail),
                              getattr(exc, "headers", None))

    @app.exception_handler(IndexError_)
    async def index_unavailable(request: Request, exc: IndexError_):
        return error_response(503, "index_unavailable", "the search index is unavailable; the operators must run "
                              "`assistant index` (see /readyz)", {"retry-after": "60"})

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        return error_response(500, "internal_error", "internal error; the incident was logged")
