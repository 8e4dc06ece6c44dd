"""Web fixtures: one real AssistantService for the session (the shared data dir; its index is built once),
the API app for TestClient, a live uvicorn server with the UI on 127.0.0.1, a portal page on another port,
and headless Debian chromium driven by playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from assistant.settings import Settings

PORTAL_KEY = "portal-test-key"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def portal_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def portal_origin(portal_port) -> str:
    return f"http://127.0.0.1:{portal_port}"


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory, portal_origin) -> Settings:
    """Default settings (data dir from ASSISTANT_DATA_DIR or ./data), with a test portal and a scratch audit log."""
    return Settings(audit_db=tmp_path_factory.mktemp("audit") / "audit.sqlite3", cors_origins=[portal_origin],
                    api_keys={PORTAL_KEY: "test-portal"}, rate_limit_per_minute=100_000)


@pytest.fixture(scope="session")
def service(web_settings):
    from assistant.service import AssistantService

    return AssistantService.create(web_settings, progress=True)


@pytest.fixture(scope="session")
def audit_log(web_settings):
    from assistant.audit import AuditLog

    log = AuditLog.from_settings(web_settings)
    yield log
    log.close()


@pytest.fixture(scope="session")
def api_app(service, audit_log):
    from assistant.api import create_app

    return create_app(service, audit=audit_log)


@pytest.fixture(scope="session")
def client(api_app):
    from fastapi.testclient import TestClient

    with TestClient(api_app) as c:
        yield c


class LiveServer:
    def __init__(self, app, port: int):
        import uvicorn

        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                                    timeout_graceful_shutdown=2))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def serve():
    """``with serve(app) as live: live.url``: any app on a free loopback port, for tests that build their own."""
    return lambda app: LiveServer(app, free_port())


@pytest.fixture(scope="session")
def live_url(service, audit_log):
    """The whole app (API + gradio UI + widget) as `python app.py` builds it, on a free loopback port."""
    from assistant.api import create_app
    from assistant.ui import build_ui, mount_ui

    app = create_app(service, audit=audit_log)
    mount_ui(app, build_ui(service, audit=audit_log))
    with LiveServer(app, free_port()) as live:
        assert httpx.get(live.url + "/healthz", timeout=10).status_code == 200
        yield live.url


@pytest.fixture(scope="session")
def portal_url(tmp_path_factory, portal_port, live_url) -> str:
    """A third-party portal page on another port that embeds the widget with one <script> tag."""
    root: Path = tmp_path_factory.mktemp("portal")
    (root / "index.html").write_text(f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>某法院诉讼服务门户</title></head>
<body style="font-family:sans-serif;margin:40px">
<h1>某法院诉讼服务门户（测试页）</h1>
<p>This page is served from another origin and embeds the assistant with one script tag.</p>
<script src="{live_url}/widget.js" data-title="执行咨询" data-color="#0f766e" data-lang="zh"
        data-key="{PORTAL_KEY}"></script>
</body></html>""", encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", portal_port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{portal_port}/index.html"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        """The portal page's request log would only clutter the test output."""


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (scripts/test.sh does this as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, artifacts_dir, request):
    (artifacts_dir / f"FAILED-{request.node.name}.png").unlink(missing_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        pg.screenshot(path=str(artifacts_dir / f"FAILED-{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


# ----- browser contexts for the chat and the widget ------------------------------------------------------
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core 4.14.1 (MPL-2.0), used only by these tests


@pytest.fixture
def open_context(browser, artifacts_dir, request):
    """open_context(kind='desktop'|'phone', scheme='light'|'dark', **extra) → a page; page.errors lists page errors.
    Contexts bypass CSP only so that axe can be injected; the app's own scripts never need it."""
    contexts = []

    def make(kind: str = "desktop", scheme: str = "light", **extra):
        opts = dict(DESKTOP if kind == "desktop" else PHONE)
        opts.update({"color_scheme": scheme, "locale": "zh-CN", "bypass_csp": True, **extra})
        context = browser.new_context(**opts)
        contexts.append(context)
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
        pg.errors = errors  # type: ignore[attr-defined]
        return pg

    yield make
    failed = request.node.rep_call.failed if hasattr(request.node, "rep_call") else False
    for i, context in enumerate(contexts):
        if failed and context.pages:
            context.pages[0].screenshot(path=str(artifacts_dir / f"FAILED-{request.node.name}-{i}.png"), full_page=True)
        context.close()


@pytest.fixture(scope="session")
def run_axe():
    return _run_axe


def _run_axe(target) -> list[dict]:
    """axe-core on a page or frame: the serious and critical violations (impact, rule id, first targets)."""
    if not target.evaluate("typeof window.axe !== 'undefined'"):
        target.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = target.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"impact": v["impact"], "id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture
def restartable(service, audit_log):
    """The whole app on a port of its own, which the test may stop and start again."""
    from assistant.api import create_app
    from assistant.ui import build_ui, mount_ui

    app = create_app(service, audit=audit_log)
    mount_ui(app, build_ui(service, audit=audit_log))
    port = free_port()
    servers = [LiveServer(app, port).__enter__()]

    class Control:
        url = servers[0].url

        @staticmethod
        def stop():
            servers[-1].__exit__(None, None, None)

        @staticmethod
        def start():
            servers.append(LiveServer(app, port).__enter__())

    yield Control
    Control.stop()


# ----- the audit log on each backend ---------------------------------------------------------------------
class AuditBackend:
    """A fresh, empty audit log on one backend: ``open()`` gives an AuditLog on it, ``env`` the environment that
    points the CLI at it, ``raw_bytes()`` everything the database holds on disk (for scans), and
    ``unwritable(log)`` a context in which no row can be written."""

    def __init__(self, name: str, *, path: Path | None = None, postgres=None, database: str | None = None):
        self.name, self.path, self.postgres, self.database = name, path, postgres, database
        self.url = postgres.url(database) if postgres else None
        self.env = {"ASSISTANT_AUDIT_URL": self.url} if self.url else {"ASSISTANT_AUDIT_DB": str(path)}

    def open(self, **kw):
        from assistant.audit import AuditLog

        return AuditLog(url=self.url, **kw) if self.url else AuditLog(self.path, **kw)

    def raw_bytes(self) -> bytes:
        if self.postgres is None:
            return b"".join(p.read_bytes() for p in self.path.parent.glob(self.path.name + "*"))
        self.postgres.sql("CHECKPOINT")  # committed rows reach the table files (the WAL already has them)
        return b"".join(p.read_bytes() for p in self.postgres.datadir.rglob("*") if p.is_file())

    @contextlib.contextmanager
    def unwritable(self, log):
        if self.postgres is None:
            # a directory takes the file's place: sqlite cannot open it, whoever we are, on any filesystem
            log.close()
            for suffix in ("-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            aside = self.path.with_name(self.path.name + ".aside")
            self.path.rename(aside)
            self.path.mkdir()
            try:
                yield
            finally:
                self.path.rmdir()
                aside.rename(self.path)
            return
        # the database turns read-only and the log's open connection is cut, as a failover or a full disk would
        self.postgres.sql(f'ALTER DATABASE "{self.database}" SET default_transaction_read_only = on')
        self.postgres.sql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{self.database}'")
        try:
            yield
        finally:
            self.postgres.sql(f'ALTER DATABASE "{self.database}" SET default_transaction_read_only = off')


@pytest.fixture(params=["sqlite", "postgresql"])
def audit_backend(request, tmp_path) -> AuditBackend:
    """Each audit test runs on SQLite (the embedded default) and on a real PostgreSQL (a fresh database)."""
    if request.param == "sqlite":
        return AuditBackend("sqlite", path=tmp_path / "audit.sqlite3")
    postgres = request.getfixturevalue("postgres")
    database = f"audit_{uuid.uuid4().hex[:12]}"
    postgres.create_database(database)
    return AuditBackend("postgresql", postgres=postgres, database=database)
