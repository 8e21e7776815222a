"""Shared fixtures: the golden corpus, a pinned environment for builds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
UPDATE_GOLDEN = os.environ.get("QUIETPRESS_UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True)
def _pinned_environment(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


def corpus_cases(prefix: str = "") -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name.startswith(prefix))


# What a test run may leave in the checkout: pytest's and hypothesis's own caches, bytecode.
_RUN_LEFTOVERS = (".pytest_cache/", ".hypothesis/", "__pycache__/")


def _checkout_status() -> set[str] | None:
    """`git status --porcelain --ignored` of the checkout as a set of lines (None: not a git checkout)."""
    import subprocess

    try:
        done = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=normal"],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return {line for line in done.stdout.splitlines() if not line.rstrip("/").endswith(
        tuple(leftover.rstrip("/") for leftover in _RUN_LEFTOVERS))}


@pytest.fixture(scope="session", autouse=True)
def _checkout_left_as_it_was():
    """Tests write under the temporary folder only: a run that left cache/ or screenshots/ in the
    checkout (or any other file) fails here, naming what it left."""
    before = _checkout_status()
    yield
    after = _checkout_status()
    if before is None or after is None or UPDATE_GOLDEN:
        return
    left = sorted(after - before)
    assert not left, f"the tests left these in the checkout ({ROOT}): {left}"
