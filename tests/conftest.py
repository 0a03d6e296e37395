"""Shared fixtures: every test gets its own store via KG_STORE; ../shared is optional."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def regex_cache_directory(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One cache of compiled cue patterns for the session: the user's own cache is left alone."""
    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("regex-cache"))


@pytest.fixture(autouse=True)
def kg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = tmp_path / "store"
    monkeypatch.setenv("KG_STORE", str(store))
    return store


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside the project (the seed and dev corpora live there)")
    return SHARED


def require_or_skip(available: bool, reason: str) -> None:
    """Integration tests skip on a user's machine without the server/browser, never in CI."""
    if available:
        return
    if os.environ.get("KG_REQUIRE_INTEGRATION"):
        pytest.fail(f"required in CI but unavailable: {reason}")
    pytest.skip(reason)
