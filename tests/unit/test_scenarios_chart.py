"""The chart that compares readiness per track across the profile and its scenarios."""

from __future__ import annotations

from typing import Any

import altair as alt

from lorkit import charts, rules
from lorkit.assessment import assess
from lorkit.profile_io import load_profile
from lorkit.scenarios import compare_scenarios
from tests.conftest import AS_OF, SAMPLES_DIR

MIN_PX = 12


def _columns(name: str = "home-country-heavy") -> list[tuple[str, Any]]:
    profile = load_profile(SAMPLES_DIR / f"{name}.json")
    base = assess(profile, AS_OF)
    found = compare_scenarios(profile, AS_OF, base)
    names = [s.name for s in profile.scenarios]
    return [("Profile as entered", base), *zip(names, (c.after for c in found), strict=True)]


def _two_track_columns() -> list[tuple[str, Any]]:
    base = assess(load_profile(SAMPLES_DIR / "med-peds-complete.json"), AS_OF)
    left_out = assess(base.profile, AS_OF, excluded={"w-im"})
    return [("Profile as entered", base), ("Same name", left_out), ("Same name", base)]


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return spec["layer"]


def _mark(layer: dict[str, Any]) -> dict[str, Any]:
    mark = layer["mark"]
    return mark if isinstance(mark, dict) else {"type": mark}


def test_data_has_a_row_per_column_and_track_and_the_rule_books_edges():
    columns = _two_track_columns()
    rows, edges = charts.scenario_readiness_data(columns)
    expected = [
        (label, t.rules.short, t.readiness, t.verdict.label)
        for label, (_, a) in zip(
            ["Profile as entered", "Same name", "Same name (2)"], columns, strict=True
        )
        for t in a.tracks
    ]
    assert list(rows) == expected
    bands = rules.track("pediatrics").verdict
    assert edges == (
        (bands.at_risk, "At risk"),
        (bands.nearly_ready, "Nearly ready"),
        (bands.ready, "Ready"),
    )
    hash((rows, edges))  # rows are hashable, so the app can cache the spec


def test_the_spec_holds_every_readiness_with_its_number_and_the_dashed_edges():
    rows, edges = charts.scenario_readiness_data(_columns())
    spec = charts.scenario_readiness_chart(rows, edges).to_dict()
    layers = _layers(spec)
    points = next(layer for layer in layers if _mark(layer)["type"] == "point")
    values = points.get("data", {}).get("values") or []
    assert [(v["column"], v["track"], v["readiness"]) for v in values] == [
        (r[0], r[1], r[2]) for r in rows
    ]
    numbers = next(
        layer
        for layer in layers
        if _mark(layer)["type"] == "text" and layer["encoding"]["text"]["field"] == "readiness"
    )
    assert numbers["encoding"]["yOffset"]["field"] == "slot"
    names = next(
        layer
        for layer in layers
        if _mark(layer)["type"] == "text" and layer["encoding"]["text"]["field"] == "column"
    )
    assert [v["column"] for v in names["data"]["values"]] == [
        "Profile as entered",
        "Replace last season's letter with a US sub-internship",
        "Drop last season's letter now",
    ]
    dashed = next(layer for layer in layers if _mark(layer).get("strokeDash"))
    assert [v["at"] for v in dashed["data"]["values"]] == [e[0] for e in edges]


def test_tracks_differ_by_shape_as_well_as_colour_and_the_legend_names_them():
    rows, edges = charts.scenario_readiness_data(_two_track_columns())
    spec = charts.scenario_readiness_chart(rows, edges).to_dict()
    points = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "point")
    shape, colour = points["encoding"]["shape"], points["encoding"]["color"]
    assert shape["field"] == colour["field"] == "track"
    assert shape["title"] == colour["title"] == "Track"
    assert shape["legend"]["title"] == colour["legend"]["title"] == "Track"
    assert shape["scale"]["domain"] == ["Med-Peds", "Pediatrics"]
    assert len(set(shape["scale"]["range"])) == 2  # readable in greyscale
    grey = [_luminance(c) for c in colour["scale"]["range"]]
    assert abs(grey[0] - grey[1]) > 0.1  # and the colours differ in lightness too


def test_text_is_at_least_12_px():
    rows, edges = charts.scenario_readiness_data(_two_track_columns())
    spec = charts.scenario_readiness_chart(rows, edges).to_dict()
    config = spec["config"]
    for part in ("axis", "legend"):
        assert config[part]["labelFontSize"] >= MIN_PX
        assert config[part]["titleFontSize"] >= MIN_PX
    texts = [_mark(layer) for layer in _layers(spec) if _mark(layer)["type"] == "text"]
    assert len(texts) == 2 and all(t["fontSize"] >= MIN_PX for t in texts)


def test_channels_are_objects_not_shorthand_strings():
    rows, edges = charts.scenario_readiness_data(_columns())
    chart = charts.scenario_readiness_chart(rows, edges)
    assert isinstance(chart, alt.LayerChart)
    for layer in chart.layer:
        for name in ("x", "y", "yOffset", "shape", "color", "text"):
            channel = getattr(layer.encoding, name, alt.Undefined)
            if channel is alt.Undefined or not hasattr(channel, "shorthand"):
                continue
            assert channel.shorthand is alt.Undefined, (name, channel.shorthand)


def test_tracks_with_different_bands_draw_no_shared_edges():
    rows, _ = charts.scenario_readiness_data(_two_track_columns())
    spec = charts.scenario_readiness_chart(rows, ()).to_dict()
    dashed = next(layer for layer in _layers(spec) if _mark(layer).get("strokeDash"))
    assert dashed["data"]["values"] == []


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
