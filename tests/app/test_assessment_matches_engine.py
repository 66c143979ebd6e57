"""Sample → Assessment: the verdicts, tables and charts on screen are lorkit's own results."""

from __future__ import annotations

from collections import Counter

import pytest

from lorkit.charts import SLOT_SHORT
from tests.app.conftest import (
    badges,
    chart_kind,
    chart_rows,
    charts,
    engine,
    expected_results,
    open_sample,
    sample_raw,
    shown_results,
)
from tests.conftest import SAMPLE_NAMES

COLOURS = {"ready": "green", "nearly-ready": "blue", "at-risk": "orange", "not-ready": "red"}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_verdicts_and_recommended_sets_match_the_engine(app, name):
    at = open_sample(app(), name)
    a = engine(sample_raw(name))

    assert shown_results(at) == expected_results(a)
    assert [c for c, _ in badges(at.main)] == [COLOURS[t.verdict.value] for t in a.tracks]
    assert [h.value for h in at.main.header if h.value.endswith("the recommended set")] == [
        f"{t.rules.label}: the recommended set" for t in a.tracks
    ]
    # the letters to send say how many of the track's requirements they meet
    met = [m.value for m in at.main.markdown if m.value.startswith("**Letters to send**")]
    assert [m.split("\n")[0] for m in met] == [
        f"**Letters to send** ({len(t.selected)}) :gray[· "
        f"{sum(r.met for r in t.requirements)} of {len(t.requirements)} requirements met]"
        for t in a.tracks
    ]
    set_tables = [t.value for t in at.main.table if {"Tier", "Slot"} & set(t.value.columns)]
    assert [list(df["Writer"]) for df in set_tables] == [
        [x.writer.name for x in t.selected] for t in a.tracks if t.selected
    ]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_charts_hold_the_assessment_data(app, name):
    at = open_sample(app(), name)
    a = engine(sample_raw(name))
    viable = [x for x in a.considered if x.viable]

    expected_kinds = ["readiness"]
    for t in a.tracks:
        if t.selected:
            expected_kinds.append("coverage")
        if a.considered:
            expected_kinds.append("tiers" if t.track == "pediatrics" else "slots")
    if viable:
        expected_kinds.append("recency")
    # the scenarios chart is tested in test_scenarios.py; here: one when the sample has any
    drawn = [c for c in charts(at.main) if chart_kind(c) != "scenarios"]
    assert len(charts(at.main)) - len(drawn) == (1 if a.profile.scenarios else 0)
    assert [chart_kind(c) for c in drawn] == expected_kinds
    by_kind: dict[str, list] = {}
    for c in drawn:
        by_kind.setdefault(chart_kind(c), []).append(c)

    # readiness: one bar per track, in the page's order
    bars = chart_rows(by_kind["readiness"][0], "track", "readiness")
    assert [(r["track"], r["readiness"], r["verdict"]) for r in bars] == [
        (t.rules.label, t.readiness, t.verdict.label) for t in a.tracks
    ]

    # coverage: per location, the bars add up to the selected letters there (a letter that
    # is both pediatric and IM counts in both departments)
    coverage = iter(by_kind.get("coverage", []))
    for t in (t for t in a.tracks if t.selected):
        rows = chart_rows(next(coverage), "department", "location", "letters")
        for location, us in (("US", True), ("Outside the US", False)):
            here = [x for x in t.selected if x.us == us]
            shown = {r["department"]: r["letters"] for r in rows if r["location"] == location}
            assert sum(shown.values()) == sum(max(1, x.pediatric + x.im) for x in here)
            assert shown["Pediatrics"] == sum(x.pediatric for x in here)
            assert shown["Internal medicine"] == sum(x.im for x in here)
            assert shown["Other"] == sum(not (x.pediatric or x.im) for x in here)

    # tier ladder / slots: every considered, viable letter on its rung, split by the set
    for t in a.tracks:
        if not a.considered:
            continue
        chosen = {x.id for x in t.selected}
        if t.track == "pediatrics":
            rows = chart_rows(by_kind["tiers"][0], "tier", "group", "letters")
            shown = Counter({(r["tier"], r["group"]): r["letters"] for r in rows})
            expected = Counter(
                (x.tier, "Recommended" if x.id in chosen else "Not recommended") for x in viable
            )
        else:
            rows = chart_rows(by_kind["slots"][0], "slot", "group", "letters")
            shown = Counter({(r["slot"], r["group"]): r["letters"] for r in rows})
            expected = Counter(
                (SLOT_SHORT[x.slot], "Recommended" if x.id in chosen else "Not recommended")
                for x in viable
            )
        assert +shown == expected, t.track

    # recency: one point per viable letter, at its age on the submission date
    if viable:
        points = chart_rows(by_kind["recency"][0], "writer", "age")
        chosen = {x.writer.name for t in a.tracks for x in t.selected}  # in any track's set
        assert sorted((p["writer"], p["age"], p["group"]) for p in points) == sorted(
            (
                x.writer.name,
                round(x.age_years, 2),
                "Recommended" if x.writer.name in chosen else "Not recommended",
            )
            for x in viable
        )
