"""Start the assistant: the chat page at /, the JSON API under /api, OpenAPI at /docs, the widget at /widget.js.

    python app.py [--host 127.0.0.1] [--port 7860] [--workers 1]

Configuration comes from ASSISTANT_* environment variables (see assistant/settings.py). With ``--workers N``
uvicorn runs N processes on one port, each building the app with :func:`build_app` (the same as
``uvicorn app:build_app --factory --workers N``); they need a chroma server (ASSISTANT_CHROMA_MODE=http), and
for one rate-limit budget and one audit log between them Redis (ASSISTANT_RATE_LIMIT_URL) and PostgreSQL
(ASSISTANT_AUDIT_URL): see docs/deploy.md.
"""

from __future__ import annotations

import argparse
import sys

import uvicorn

from assistant.api import create_app
from assistant.audit import AuditLog
from assistant.service import AssistantService
from assistant.settings import Settings
from assistant.ui import build_ui, mount_ui


def build_app(settings: Settings | None = None):
    """The whole app (API + chat page + widget) on the settings from the environment; the index is verified, and
    built on the first run."""
    settings = settings or Settings()
    service = AssistantService.create(settings, progress=True)
    audit = AuditLog.from_settings(settings)
    app = create_app(service, audit=audit, settings=settings)
    mount_ui(app, build_ui(service, audit=audit))
    return app


def shared_state_problem(settings: Settings, workers: int) -> str | None:
    """Why ``workers`` processes cannot run on these settings (None when they can): the embedded chroma store
    belongs to one process."""
    if workers > 1 and settings.chroma_mode != "http":
        return (f"--workers {workers} needs a chroma server: start `chroma run --path DIR --port 8000` and set "
                "ASSISTANT_CHROMA_MODE=http (the embedded index belongs to one process; see docs/deploy.md)")
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="Interface to listen on (default: loopback only).")
    parser.add_argument("--port", type=int, default=7860, help="Port (default 7860).")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1).")
    args = parser.parse_args()
    if args.workers < 1:
        parser.error("--workers must be 1 or more")

    settings = Settings()
    problem = shared_state_problem(settings, args.workers)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        raise SystemExit(2)
    print(f"[assistant] chat: http://{args.host}:{args.port}/   API docs: http://{args.host}:{args.port}/docs", flush=True)
    if args.workers == 1:
        uvicorn.run(build_app(settings), host=args.host, port=args.port, log_level="info")
    else:
        uvicorn.run("app:build_app", factory=True, workers=args.workers, host=args.host, port=args.port,
                    log_level="info")


if __name__ == "__main__":
    main()
