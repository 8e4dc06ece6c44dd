"""Real servers from Debian packages on 127.0.0.1, for the tests and bench/load_test.py: PostgreSQL (the audit
log), redis-server (shared rate limits) and a chroma server (`chroma run`, the shared vector index).

Each runs in its own scratch folder on a free port and is stopped (and the folder removed) on leaving the
``with`` block. PostgreSQL's initdb and postgres refuse to run as root: as root they run as the ``postgres``
user (or ``nobody``), which is why the scratch folder is made outside pytest's root-only temporary tree.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


class ServerDidNotStart(RuntimeError):
    """The binary is there but the server did not come up; the message carries the end of its log."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, name: str, log: Path | None, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        with contextlib.suppress(OSError):
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            state = f"exited with {proc.returncode}" if proc.poll() is not None else f"not listening after {seconds:g} s"
            raise ServerDidNotStart(f"{name} on 127.0.0.1:{port} {state}\n{tail}")
        time.sleep(0.05)


def stop_process(proc: subprocess.Popen, grace: float = 15) -> None:
    """Terminate, and kill what is still running after ``grace`` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


# ----- PostgreSQL --------------------------------------------------------------------------------------------

def postgres_bindir() -> Path | None:
    """The newest Debian PostgreSQL's bin folder (/usr/lib/postgresql/N/bin), else initdb on PATH; None if absent."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _unprivileged_user() -> str | None:
    """The user to run PostgreSQL as: None when we are not root (run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise ServerDidNotStart("running as root and neither a postgres nor a nobody user exists to run PostgreSQL as")


@dataclass
class PostgresServer:
    port: int
    datadir: Path
    superuser: str = "postgres"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.superuser}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)


@contextlib.contextmanager
def postgres_server(*, durable: bool = True) -> Iterator[PostgresServer]:
    """initdb into a scratch folder, then postgres on a free 127.0.0.1 port (trust authentication, loopback only).
    ``durable=False`` switches fsync off (tests: nothing to keep, and a busy disk must not slow them)."""
    bindir = postgres_bindir()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL is not installed (apt-get install -y postgresql)")
    user = _unprivileged_user()
    root = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
    datadir, log = root / "data", root / "server.log"
    as_user = ["runuser", "-u", user, "--"] if user else []
    proc = None
    try:
        if user:
            os.chmod(root, 0o755)
            shutil.chown(root, user)
        init = subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres",
                               "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"],
                              capture_output=True, text=True, timeout=120)
        if init.returncode != 0:
            raise ServerDidNotStart(f"initdb failed ({init.returncode}): {init.stderr[-2000:] or init.stdout[-2000:]}")
        port = free_port()
        options = ["-c", "listen_addresses=127.0.0.1", "-p", str(port), "-k", str(root),
                   "-c", "max_connections=50", "-c", "shared_buffers=32MB"]
        if not durable:
            options += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        with open(log, "wb") as log_fh:
            proc = subprocess.Popen([*as_user, str(bindir / "postgres"), "-D", str(datadir), *options],
                                    stdout=log_fh, stderr=subprocess.STDOUT)
        _wait_for_port(port, proc, "postgres", log, 60)
        yield PostgresServer(port=port, datadir=datadir)
    finally:
        if proc is not None:
            stop_process(proc)
        shutil.rmtree(root, ignore_errors=True)


# ----- Redis and chroma --------------------------------------------------------------------------------------

@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """redis-server on a free 127.0.0.1 port, nothing persisted; yields redis://127.0.0.1:PORT/0."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server is not installed (apt-get install -y redis-server)")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="assistant-redis-") as workdir:
        proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                                 "no", "--dir", workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for_port(port, proc, "redis-server", None, 20)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            stop_process(proc)


@contextlib.contextmanager
def chroma_server(path: Path) -> Iterator[int]:
    """`chroma run` (the chromadb package's server, beside this Python) on a free 127.0.0.1 port over ``path``;
    yields the port."""
    chroma = Path(sys.executable).with_name("chroma")
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="assistant-chroma-", suffix=".log")[1])
    with open(log, "wb") as log_fh:
        proc = subprocess.Popen([str(chroma), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                                stdout=log_fh, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, proc, "chroma run", log, 120)
        yield port
    finally:
        stop_process(proc)
        log.unlink(missing_ok=True)
