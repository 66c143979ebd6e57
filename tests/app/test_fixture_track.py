"""A new track is a new file, in the app too: with the made-up Internal Medicine track of
tests/fixtures/ beside the shipped ones, a profile applying to it runs on every page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from lorkit import rules
from tests.app.conftest import PAGES, TITLES, assert_clean, page_title, put_profile
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
PROFILE = FIXTURES / "profiles" / "internal-medicine.json"


@pytest.fixture
def im_rules(data_copy: Path) -> Path:
    """lorkit/data plus the fixture track, read through $LORKIT_DATA_DIR (set before the app
    starts; the rule book is reloaded before and after)."""
    shutil.copy(FIXTURES / "tracks" / "internal-medicine.toml", data_copy / "tracks")
    rules.clear_caches()
    return data_copy


def _raw() -> dict[str, Any]:
    return json.loads(PROFILE.read_text(encoding="utf-8"))


def test_every_page_runs_with_a_profile_for_the_fixture_track(im_rules, app):
    at = app()
    put_profile(at, _raw())
    for page, path in PAGES.items():
        at.switch_page(path).run()
        assert_clean(at, errors_ok=page == "start")
        assert page_title(at) == TITLES[page], page
    assert at.session_state["profile"] == _raw(), "looking changes nothing"


def test_the_assessment_and_method_pages_show_the_fixture_track(im_rules, app):
    at = app()
    put_profile(at, _raw())
    at.switch_page(PAGES["assessment"]).run()
    assert_clean(at)
    headers = [h.value for h in at.main.header]
    assert "Internal Medicine: the recommended set" in headers
    captions = " ".join(c.value for c in at.main.caption)
    # the two tracks' verdict bands differ, and the caption says so
    assert "IM: 75 or more is ready" in captions and "Pediatrics: 80 or more is ready" in captions

    at.switch_page(PAGES["method"]).run()
    assert_clean(at)
    texts = "\n".join(m.value for m in at.main.markdown)
    assert "**IM slots** (an invented table, for tests)" in texts
    assert "**Internal Medicine**: a letter beyond the first 3" in texts

    at.switch_page(PAGES["plan"]).run()
    assert_clean(at)
    labels = [c.label for c in at.main.checkbox]
    assert "USMLE scores" in labels, "the fixture track's packet extra"
