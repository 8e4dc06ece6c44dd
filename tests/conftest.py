from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from assistant.corpus.registry import LawRegistry
from assistant.settings import REPO_ROOT, Settings

ARTIFACTS = REPO_ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return REPO_ROOT / "corpus"


@pytest.fixture(scope="session")
def registry(corpus_dir) -> LawRegistry:
    return LawRegistry.load(corpus_dir)


@pytest.fixture
def tmp_settings(tmp_path) -> Settings:
    """Settings whose data folder is a fresh temporary directory (the corpus is the real one)."""
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def service():
    """The real service on the default data folder (index built once, then reused across runs)."""
    from datetime import date

    from assistant.service import AssistantService

    return AssistantService.create(Settings(), progress=False, today=date(2026, 11, 23))


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL from Debian on 127.0.0.1 for the session (started on first use). Absent binaries skip the
    tests that need it, with the reason; binaries that are there but do not start fail them, with the server log."""
    from local_servers import ServerDidNotStart, postgres_bindir, postgres_server

    if postgres_bindir() is None:
        pytest.skip("PostgreSQL is not installed: apt-get install -y postgresql (scripts/test.sh installs it as root)")
    with contextlib.ExitStack() as stack:
        try:
            pg = stack.enter_context(postgres_server(durable=False))
        except ServerDidNotStart as exc:
            pytest.fail(f"PostgreSQL is installed but did not start: {exc}", pytrace=False)
        yield pg


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", default=False,
                     help="also run the tests marked slow (retraining the provision selector through the CLI)")


def pytest_collection_modifyitems(config, items):
    # slow tests repeat, end to end, what a cheaper test in the default run already checks; `make test` skips them
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
