"""The Profile page's track choice drives which tracks Assessment shows."""

from __future__ import annotations

from tests.app.conftest import (
    alerts,
    chart_kind,
    charts,
    engine,
    expected_results,
    goto,
    open_sample,
    profile,
    rev,
    sample_raw,
    shown_results,
    unescape,
)

SAMPLE = "pediatrics-guide-example"


def test_choosing_both_tracks_adds_the_med_peds_section_and_charts(app):
    at = open_sample(app(), SAMPLE)
    assert [chart_kind(c) for c in charts(at.main)].count("slots") == 0
    goto(at, "profile")
    tracks = at.multiselect(key=f"applicant_tracks_{rev(at)}")
    assert tracks.value == ["pediatrics"]
    tracks.set_value(["pediatrics", "med-peds"]).run()

    expected = sample_raw(SAMPLE)
    expected["applicant"]["tracks"] = ["pediatrics", "med-peds"]
    assert profile(at) == expected
    assert not alerts(at, "warning")

    goto(at, "assessment")
    a = engine(expected)
    assert shown_results(at) == expected_results(a)
    headers = [h.value for h in at.main.header]
    assert "Pediatrics: the recommended set" in headers
    assert "Medicine-Pediatrics: the recommended set" in headers
    kinds = [chart_kind(c) for c in charts(at.main)]
    assert kinds.count("coverage") == sum(bool(t.selected) for t in a.tracks) == 2
    assert kinds.count("tiers") == kinds.count("slots") == 1
    assert len(at.sidebar.get("progress")) == 2


def test_clearing_all_tracks_asks_for_one_and_nothing_breaks(app):
    at = open_sample(app(), SAMPLE)
    goto(at, "profile")
    at.multiselect(key=f"applicant_tracks_{rev(at)}").set_value([]).run()
    assert profile(at)["applicant"]["tracks"] == []
    warnings = [unescape(w) for w in alerts(at.main, "warning")]
    assert len(warnings) == 1 and warnings[0].startswith("Fix these to see your assessment:")
    assert "Tracks" in warnings[0]

    goto(at, "assessment")
    assert [i.value for i in at.main.info] == [
        "Choose at least one track and a submission date to see your assessment."
    ]
    assert not charts(at.main) and not at.main.metric
    assert any("Choose a track" in c.value for c in at.sidebar.caption)
    assert at.sidebar.download_button[0].proto.disabled

    # putting a track back restores the assessment
    goto(at, "profile")
    at.multiselect(key=f"applicant_tracks_{rev(at)}").set_value(["pediatrics"]).run()
    goto(at, "assessment")
    assert shown_results(at) == expected_results(engine(sample_raw(SAMPLE)))


def test_the_name_typed_on_profile_heads_the_sidebar(app):
    at = app()
    goto(at, "profile")
    at.text_input(key=f"applicant_name_{rev(at)}").input("  Ana Lima ").run()
    assert profile(at)["applicant"]["name"] == "Ana Lima"
    assert at.sidebar.markdown[0].value == "**Ana Lima**"
