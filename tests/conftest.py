"""Shared fixtures: the repository paths and the sample profiles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

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
