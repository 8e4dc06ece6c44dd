"""Start the assistant: the chat page at /, the JSON API under /api, OpenAPI at /docs, the widget at /widget.js.

    python app.py [--host 127.0.0.1] [--port 7860]

Configuration comes from ASSISTANT_* environment variables (see assistant/settings.py).
"""

from __future__ import annotations

import argparse

import uvicorn

from assistant.api import create_app
from assistant.audit import AuditLog
from assistant.service import AssistantService
from assistant.settings import Settings
from assistant.ui import build_ui, mount_ui


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="Interface to listen on (default: loopback only).")
    parser.add_argument("--port", type=int, default=7860, help="Port (default 7860).")
    args = parser.parse_args()

    settings = Settings()
    service = AssistantService.create(settings, progress=True)  # builds the index on first run
    audit = AuditLog.from_settings(settings)
    app = create_app(service, audit=audit)
    mount_ui(app, build_ui(service, audit=audit))
    print(f"[assistant] chat: http://{args.host}:{args.port}/   API docs: http://{args.host}:{args.port}/docs", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")


if __name__ == "__main__":
    main()
