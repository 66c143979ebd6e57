"""The what-if box leaves letters out of the assessment without touching the data."""

from __future__ import annotations

from tests.app.conftest import (
    engine,
    expected_results,
    goto,
    open_sample,
    profile,
    rev,
    sample_raw,
    shown_results,
)

SAMPLE = "med-peds-complete"


def _recommended(at) -> list[list[str]]:
    tables = [t.value for t in at.main.table if {"Tier", "Slot"} & set(t.value.columns)]
    return [list(df["Writer"]) for df in tables]


def test_leaving_letters_out_changes_the_set_but_not_the_profile(app):
    at = open_sample(app(), SAMPLE)
    raw = sample_raw(SAMPLE)
    before = engine(raw)
    data_rev = at.session_state["data_rev"]
    box = at.multiselect(key=f"whatif_{rev(at)}")
    assert box.options == [w["name"] for w in raw["writers"]]
    assert box.value == []

    # leave out the strongest letter of each track
    out = sorted({t.selected[0].id for t in before.tracks})
    box.set_value(out).run()
    after = engine(raw, excluded=out)

    assert at.session_state["excluded"] == out
    assert shown_results(at) == expected_results(after)
    assert _recommended(at) == [[x.writer.name for x in t.selected] for t in after.tracks]
    for t in after.tracks:
        assert not {x.id for x in t.selected} & set(out)
    assert [[x.id for x in t.selected] for t in after.tracks] != [
        [x.id for x in t.selected] for t in before.tracks
    ]
    # the data is untouched: same profile, no change recorded
    assert profile(at) == raw
    assert at.session_state["data_rev"] == data_rev

    # the choice is kept while visiting other pages
    goto(at, "writers")
    goto(at, "assessment")
    assert at.multiselect(key=f"whatif_{rev(at)}").value == out
    assert shown_results(at) == expected_results(after)
    assert profile(at) == raw

    # and emptying the box brings the full assessment back
    at.multiselect(key=f"whatif_{rev(at)}").set_value([]).run()
    assert shown_results(at) == expected_results(before)
    assert _recommended(at) == [[x.writer.name for x in t.selected] for t in before.tracks]


def test_leaving_every_letter_out_gives_an_empty_but_working_page(app):
    at = open_sample(app(), SAMPLE)
    everyone = [w["id"] for w in sample_raw(SAMPLE)["writers"]]
    at.multiselect(key=f"whatif_{rev(at)}").set_value(everyone).run()
    assert not at.exception and not at.error
    assert shown_results(at) == expected_results(engine(sample_raw(SAMPLE), excluded=everyone))
    assert _recommended(at) == []
    assert profile(at) == sample_raw(SAMPLE)
