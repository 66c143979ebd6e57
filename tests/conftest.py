"""Shared fixtures: the repository paths and the sample profiles."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lorkit import rules
from lorkit.models import Profile
from lorkit.profile_io import load_profile

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "lorkit" / "data" / "samples"
SAMPLE_NAMES = sorted(p.stem for p in SAMPLES_DIR.glob("*.json"))
# Fixed "today" for every test that depends on the date, so results never drift.
AS_OF = date(2026, 11, 24)


@pytest.fixture(params=SAMPLE_NAMES)
def sample(request: pytest.FixtureRequest) -> tuple[str, Profile]:
    return request.param, load_profile(SAMPLES_DIR / f"{request.param}.json")


REAL_DATA = ROOT / "lorkit" / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of lorkit/data/ in a temporary folder, read through $LORKIT_DATA_DIR (the rule
    book is reloaded before and after the test)."""
    copy = tmp_path / "data"
    shutil.copytree(REAL_DATA, copy)
    before = os.environ.get("LORKIT_DATA_DIR")
    os.environ["LORKIT_DATA_DIR"] = str(copy)
    rules.clear_caches()
    try:
        yield copy
    finally:
        if before is None:
            os.environ.pop("LORKIT_DATA_DIR", None)
        else:
            os.environ["LORKIT_DATA_DIR"] = before
        rules.clear_caches()
