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
