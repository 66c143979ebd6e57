"""The sidebar summary (readiness and verdict per track) and 'Clear my data'."""

from __future__ import annotations

from datetime import date

import pytest

from lorkit.workspace import empty_profile
from tests.app.conftest import (
    alerts,
    badges,
    edit_row,
    engine,
    goto,
    open_sample,
    overview,
    page_title,
    profile,
    rev,
    sample_raw,
)
from tests.conftest import SAMPLE_NAMES
from ui.text import md_escape


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sidebar_shows_readiness_and_verdict_per_track(app, name):
    at = open_sample(app(), name)
    a = engine(sample_raw(name))
    for page in ("assessment", "method"):  # drawn after whichever page ran
        if page != "assessment":
            goto(at, page)
        side = at.sidebar
        texts = [m.value for m in side.markdown]
        assert texts[0] == f"**{md_escape(sample_raw(name)['applicant']['name'])}**"
        assert [t for t in texts if "/100" in t] == [f"**{t.readiness}**/100" for t in a.tracks]
        labels = [t.rules.label for t in a.tracks]
        assert [t for t in texts if t in labels] == labels
        assert [label for _, label in badges(side)] == [t.verdict.label for t in a.tracks]
        assert [p.value for p in side.get("progress")] == [t.readiness for t in a.tracks]
        assert [c.value for c in side.caption if "recommended set" in c.value] == [
            f"{len(t.selected)} letter{'s' if len(t.selected) != 1 else ''} in the recommended set"
            for t in a.tracks
        ]


def test_clear_my_data_resets_to_an_empty_profile(app):
    at = open_sample(app(), "med-peds-complete")
    edit_row(at, "writers", 0, {"status": "declined"})
    assert profile(at)["writers"][0]["status"] == "declined"
    old_rev = rev(at)

    at.sidebar.button(key="confirm_clear").click().run()

    assert not at.exception
    assert profile(at) == empty_profile(date.today())
    assert rev(at) == old_rev + 1
    assert at.session_state["excluded"] == []
    assert at.session_state["profile_source"] is None
    # the page redraws from the empty profile: no table, no rows to choose, no results
    assert page_title(at) == "Letter writers"
    assert overview(at) is None
    assert not [s for s in at.selectbox if (s.key or "").startswith("choose_writers_")]
    assert "No letter writers yet" in at.main.info[-1].value
    assert at.sidebar.markdown[0].value == "**Your application**"
    # no verdict for a profile with no letters yet, just what to do next
    assert not at.sidebar.get("progress")
    assert not badges(at.sidebar)
    assert any("Add your experiences and letter writers" in c.value for c in at.sidebar.caption)
    assert not alerts(at.sidebar, "warning")

    goto(at, "assessment")
    assert "Add letter writers to see scores" in at.main.info[0].value
