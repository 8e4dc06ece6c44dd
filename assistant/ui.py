"""The web chat at ``/``: a static page (assistant/static/index.html) driven by the same client as the widget
(assistant/static/chat.js), which asks ``/api/ask`` and renders the answer's structured view (assistant/view.py).

The page holds the conversation and sends it with every question, so the server keeps no chat state: what the
page shows is what the next answer is conditioned on; "新对话" clears both, and a restarted server continues the
conversation on screen. Going through ``/api/*`` also puts the page behind the same gate (keys, rate limits,
request size) as every other client.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from assistant.audit import AuditLog

STATIC = Path(__file__).resolve().parent / "static"


def build_ui(service, *, audit: AuditLog | None = None) -> APIRouter:
    """The chat page's routes; mount them on the API app with :func:`mount_ui`. ``service`` and ``audit`` are the
    API's: the page has no backend of its own."""
    router = APIRouter()

    @router.get("/", include_in_schema=False)
    def chat_page():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    return router


def mount_ui(app, router: APIRouter, path: str = "/"):
    """Add the chat page to the FastAPI app made by :func:`assistant.api.create_app`."""
    app.include_router(router, prefix="" if path == "/" else path.rstrip("/"))
    return app
