"""Two visitors at once: neither sees the other's data (nothing per-user in globals)."""

from __future__ import annotations

import json

from tests.app.conftest import (
    charts,
    edit_row,
    engine,
    expected_results,
    goto,
    open_sample,
    profile,
    sample_raw,
    shown_results,
)

A, B = "pediatrics-guide-example", "home-country-heavy"


def _names(name: str) -> set[str]:
    return {w["name"] for w in sample_raw(name)["writers"]}


def test_two_sessions_keep_their_own_profiles(app):
    first = open_sample(app(), A)
    second = app()
    assert profile(second)["writers"] == []  # a new visitor starts empty
    assert not second.main.info  # and is not told they have their own profile open

    open_sample(second, B)
    edit_row(second, "writers", 0, {"name": "Only In Session Two"})

    first.run()
    assert profile(first) == sample_raw(A)
    assert shown_results(first) == expected_results(engine(sample_raw(A)))
    drawn_first = json.dumps([c["rows"] for c in charts(first.main)])
    assert not any(n in drawn_first for n in _names(B) | {"Only In Session Two"})

    goto(second, "assessment")
    expected_b = sample_raw(B)
    expected_b["writers"][0]["name"] = "Only In Session Two"
    assert profile(second) == expected_b
    assert shown_results(second) == expected_results(engine(expected_b))
    drawn_second = json.dumps([c["rows"] for c in charts(second.main)])
    assert not any(n in drawn_second for n in _names(A))

    # a third visitor arriving later still starts from nothing
    third = app()
    assert profile(third)["writers"] == [] and profile(third)["rotations"] == []
    assert third.sidebar.markdown[0].value == "**Your application**"
