"""Scenarios (SPEC r2 §3): applying a saved what-if to a copy of the profile, assessing it, and
saying what changed and why."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lorkit.assessment import Assessment, assess
from lorkit.enums import Status
from lorkit.models import Profile, Scenario
from lorkit.profile_io import load_profile, profile_to_dict
from lorkit.scenarios import (
    UnknownScenario,
    apply,
    assess_scenario,
    compare,
    compare_scenarios,
    explain,
    rotation_words,
    scenario_view,
)
from tests.conftest import AS_OF, SAMPLES_DIR
from tests.unit.builders import (
    RECENT_END,
    RECENT_START,
    letter_pair,
    profile_dict,
    rotation,
    strong_pediatrics_set,
    writer,
)
from tests.unit.test_selection_properties import FEW, profiles

Pair = tuple[dict[str, Any], dict[str, Any]]


def build(pairs: list[Pair], *scenarios: dict[str, Any], **extra: Any) -> Profile:
    data = profile_dict(pairs, **extra)
    data["scenarios"] = [
        {"id": f"s{i}", "name": f"Scenario {i}", **s} for i, s in enumerate(scenarios, 1)
    ]
    return Profile.model_validate(data)


def ids(a: Assessment, track: str = "pediatrics") -> list[str]:
    return [x.id for x in a.track(track).selected]


def three_strong_and_a_home_letter() -> list[Pair]:
    """Three strong US pediatric letters, and a weaker one from a pediatrician abroad (w4)."""
    return [*strong_pediatrics_set(3), letter_pair(4, location="non-us")]


def planned_sub_internship(sid: str = "s1") -> dict[str, Any]:
    """A recent four-week US pediatric sub-internship and its attending, agreed."""
    rot = rotation(f"{sid}-r1", start=RECENT_START, end=RECENT_END, institution="Planned Hospital")
    wr = writer(f"{sid}-w1", name="Dr. Planned", rotation_id=f"{sid}-r1")
    return {"add_rotations": [rot], "add_writers": [wr]}


# --- applying ------------------------------------------------------------------------------


def test_apply_never_changes_the_profile_it_is_given():
    profile = build(
        three_strong_and_a_home_letter(),
        {"leave_out": ["w1"], "set_status": {"w2": "hesitant"}, **planned_sub_internship()},
    )
    before = copy.deepcopy(profile.model_dump(mode="json"))
    applied = apply(profile, profile.scenarios[0])

    assert profile.model_dump(mode="json") == before
    assert [w.status for w in profile.writers][:2] == [Status.AGREED_STRONG] * 2
    assert applied.profile is not profile
    assert applied.excluded == {"w1"}
    assert [w.id for w in applied.profile.writers] == ["w1", "w2", "w3", "w4", "s1-w1"]
    assert applied.profile.writers[1].status == Status.HESITANT
    assert [r.id for r in applied.profile.rotations][-1] == "s1-r1"
    assert applied.profile.scenarios == []
    # and assessing it leaves the profile alone too
    assess_scenario(profile, profile.scenarios[0], AS_OF)
    assert profile.model_dump(mode="json") == before


def test_a_status_can_be_set_on_a_planned_writer():
    planned = planned_sub_internship()
    profile = build(strong_pediatrics_set(2), {**planned, "set_status": {"s1-w1": "asked"}})
    applied = apply(profile, profile.scenarios[0])
    assert applied.profile.writers[-1].status == Status.ASKED


def test_leaving_a_letter_out_brings_in_the_next_one_and_says_so():
    profile = build(three_strong_and_a_home_letter(), {"leave_out": ["w1"]})
    base = assess(profile, AS_OF)
    after = assess_scenario(profile, profile.scenarios[0], AS_OF)
    assert ids(base) == ["w1", "w2", "w3"]
    assert ids(after) == ["w2", "w3", "w4"]
    assert after.track("pediatrics").readiness < base.track("pediatrics").readiness
    # the same as the what-if box leaving it out
    assert after.to_dict() == assess(profile, AS_OF, excluded={"w1"}).to_dict()

    c = compare(base, after, profile.scenarios[0])
    [t] = c.tracks
    assert (t.entered, t.left) == (("w4",), ("w1",))
    sentence = c.summary
    assert sentence.startswith("Without Dr. w1's letter, Pediatrics readiness falls from ")
    assert "Dr. w4's letter takes its place in the set" in sentence
    # why w4 is worth less than the letter it replaces
    assert "is worth 48 of 100, because the writer is a pediatrician outside the US" in sentence
    assert f"from {t.readiness_before} to {t.readiness_after}" in sentence


def test_leaving_out_a_letter_the_set_does_not_use_changes_nothing_and_says_why():
    profile = build(three_strong_and_a_home_letter(), {"leave_out": ["w4"]})
    [c] = compare_scenarios(profile, AS_OF)
    assert c.tracks[0].readiness_before == c.tracks[0].readiness_after
    assert not c.tracks[0].changed
    assert c.summary == (
        f"Without Dr. w4's letter, Pediatrics readiness stays at {c.tracks[0].readiness_before}: "
        "that letter was not in the recommended set."
    )


def test_a_writer_who_declines_leaves_the_set_with_the_reason():
    profile = build(three_strong_and_a_home_letter(), {"set_status": {"w2": "declined"}})
    [c] = compare_scenarios(profile, AS_OF)
    assert ids(c.after) == ["w1", "w3", "w4"]
    assert c.tracks[0].left == ("w2",)
    assert c.summary.startswith("With Dr. w2 declining, Pediatrics readiness falls")
    assert "Dr. w2's letter can no longer be sent (the writer declined)" in c.summary
    assert "Dr. w4's letter takes its place in the set" in c.summary


def test_a_candidate_who_agrees_raises_readiness_and_the_letter_is_named():
    pairs = [*strong_pediatrics_set(2), letter_pair(3, status="candidate", asked_for_strong=False)]
    profile = build(pairs, {"set_status": {"w3": "agreed-strong"}})
    [c] = compare_scenarios(profile, AS_OF)
    t = c.tracks[0]
    assert t.readiness_after > t.readiness_before
    assert c.summary.startswith(
        "With Dr. w3 agreeing to write a strong letter, Pediatrics readiness rises"
    )
    assert "Dr. w3's letter is now worth" in c.summary


def test_adding_a_planned_rotation_and_writer_fills_the_set():
    profile = build(strong_pediatrics_set(2), planned_sub_internship())
    [c] = compare_scenarios(profile, AS_OF)
    t = c.tracks[0]
    assert ids(c.before) == ["w1", "w2"]
    assert "s1-w1" in ids(c.after)
    assert t.entered == ("s1-w1",)
    assert t.readiness_after > t.readiness_before
    assert t.verdict_before != "ready"
    assert "too-few-letters" not in {f.code for f in c.after.findings}
    assert t.now_met == ("three-letters",)
    assert c.summary.startswith(
        "With a 4-week US pediatrics sub-internship at Planned Hospital and a letter from "
        "Dr. Planned there, Pediatrics readiness rises"
    )
    assert "Dr. Planned's new letter joins the set" in c.summary
    assert "the set now has at least 3 letters" in c.summary


def test_an_empty_scenario_says_nothing_differs():
    profile = build(strong_pediatrics_set(3), {})
    [c] = compare_scenarios(profile, AS_OF)
    readiness = c.tracks[0].readiness_before
    assert c.summary == (
        f"Nothing differs from the profile as entered: Pediatrics stays at {readiness}, with "
        "the same letters."
    )


def test_every_track_gets_a_sentence_and_only_the_first_repeats_the_change():
    pairs = [
        letter_pair("im", specialty="internal-medicine"),
        *strong_pediatrics_set(3),
        letter_pair("mp", specialty="med-peds", service="med-peds"),
    ]
    profile = build(pairs, {"leave_out": ["w1"]}, tracks=("pediatrics", "med-peds"))
    [c] = compare_scenarios(profile, AS_OF)
    assert [t.track for t in c.tracks] == ["pediatrics", "med-peds"]
    assert c.sentences[0].startswith("Without Dr. w1's letter, Pediatrics readiness")
    assert c.sentences[1].startswith("Medicine-Pediatrics readiness")
    assert all(s.endswith(".") for s in c.sentences)


def test_the_what_if_explanation_names_the_letters_left_out():
    profile = load_profile(SAMPLES_DIR / "med-peds-complete.json")
    base = assess(profile, AS_OF)
    out = base.track("med-peds").selected[0]
    words = explain(base, assess(profile, AS_OF, excluded={out.id}))
    assert words.startswith(f"Without {out.writer.name}'s letter, ")
    assert "readiness falls from" in words
    # and putting it back reads the other way round
    back = explain(assess(profile, AS_OF, excluded={out.id}), base)
    assert back.startswith(f"With {out.writer.name}'s letter back in, ")
    assert "readiness rises" in back


def test_the_sample_scenarios_read_as_an_advisor_would_say_them():
    profile = load_profile(SAMPLES_DIR / "home-country-heavy.json")
    found = compare_scenarios(profile, AS_OF)
    assert [c.scenario.id for c in found if c.scenario] == ["s1", "s2"]
    replace, drop = found
    assert replace.tracks[0].readiness_after > replace.tracks[0].readiness_before
    assert drop.tracks[0].readiness_after < drop.tracks[0].readiness_before
    assert "Dr. Ana Ruiz's new letter takes its place in the set" in replace.summary
    assert drop.summary.startswith("Without Dr. Kevin O'Neill's letter, Pediatrics readiness falls")
    assert "Prof. Mahmud Hasan's letter takes its place" in drop.summary
    assert "too little to count" in drop.summary


def test_comparisons_are_deterministic():
    profile = load_profile(SAMPLES_DIR / "home-country-heavy.json")
    first = [c.to_dict() for c in compare_scenarios(profile, AS_OF)]
    again = [c.to_dict() for c in compare_scenarios(profile.model_copy(deep=True), AS_OF)]
    assert first == again


def test_an_unknown_scenario_names_the_known_ones():
    profile = load_profile(SAMPLES_DIR / "home-country-heavy.json")
    with pytest.raises(UnknownScenario, match="no scenario with the id 'x'; the file has s1, s2"):
        scenario_view(profile, "x", AS_OF)
    view = scenario_view(profile, "s2", AS_OF)
    assert view.scenario is not None and view.scenario.id == "s2"
    assert view.after.excluded == {"w-us-2023"}


def test_rotation_words():
    profile = build(
        [
            letter_pair(1, start="2026-01-05", end="2026-02-27", kind="elective"),
            letter_pair(2, location="non-us", kind="research", service="research"),
        ]
    )
    first, second = profile.rotations
    assert rotation_words(first) == "an 8-week US pediatrics elective at Test Children's Hospital"
    assert rotation_words(second) == "a 4-week research outside the US at Test Children's Hospital"


# --- per program ---------------------------------------------------------------------------


def test_program_coverage_changes_are_listed_and_said():
    pairs = [*strong_pediatrics_set(3), letter_pair("chair", role="department-chair")]
    data = profile_dict(pairs)
    data["programs"] = [
        {"id": "p1", "name": "Chair Program", "track": "pediatrics", "chair_letter": "required"},
        {"id": "p2", "name": "Easy Program", "track": "pediatrics"},
    ]
    data["scenarios"] = [{"id": "s1", "name": "No chair", "leave_out": ["wchair"]}]
    profile = Profile.model_validate(data)
    [c] = compare_scenarios(profile, AS_OF)
    chair, easy = c.programs
    assert (chair.status_before, chair.status_after) == ("covered", "gaps")
    assert "wchair" in chair.left
    assert chair.now_unmet
    assert easy.status_before == easy.status_after
    assert c.sentences[-1] == (
        "Per program: Chair Program now has gaps (it misses a letter from a department chair) "
        "and the letters to assign change for 1 other program."
    )
    assert chair.to_dict()["status"] == {"current": "covered", "scenario": "gaps"}


def test_no_program_sentence_without_programs():
    profile = build(three_strong_and_a_home_letter(), {"leave_out": ["w1"]})
    [c] = compare_scenarios(profile, AS_OF)
    assert c.programs == []
    assert not any(s.startswith("Per program") for s in c.sentences)


# --- properties ----------------------------------------------------------------------------


@FEW
@given(profiles(max_writers=6))
def test_an_empty_scenario_assesses_exactly_like_the_profile(generated):
    profile, as_of = generated
    empty = Scenario(id="s1", name="Nothing")
    assert assess_scenario(profile, empty, as_of).to_dict() == assess(profile, as_of).to_dict()
    c = compare(assess(profile, as_of), assess_scenario(profile, empty, as_of), empty)
    assert not any(t.changed for t in c.tracks)
    assert c.summary.startswith("Nothing differs from the profile as entered")


@FEW
@given(profiles(max_writers=6, min_writers=1), st.data())
def test_any_scenario_leaves_the_profile_alone_and_names_what_it_leaves_out(generated, data):
    profile, as_of = generated
    writer_ids = [w.id for w in profile.writers]
    leave_out = data.draw(st.lists(st.sampled_from(writer_ids), unique=True, max_size=3))
    statuses = data.draw(
        st.dictionaries(st.sampled_from(writer_ids), st.sampled_from(list(Status)), max_size=2)
    )
    scenario = Scenario(id="s1", name="Random", leave_out=leave_out, set_status=statuses)
    before = profile_to_dict(profile)

    after = assess_scenario(profile, scenario, as_of)
    c = compare(assess(profile, as_of), after, scenario)

    assert profile_to_dict(profile) == before
    assert c.to_dict() == compare(assess(profile, as_of), after, scenario).to_dict()
    for t, (old, new) in zip(
        c.tracks, zip(c.before.tracks, after.tracks, strict=True), strict=True
    ):
        assert (t.readiness_before, t.readiness_after) == (old.readiness, new.readiness)
        assert set(t.entered) == {x.id for x in new.selected} - {x.id for x in old.selected}
        assert set(t.left) == {x.id for x in old.selected} - {x.id for x in new.selected}
        assert not set(t.entered) & set(leave_out)
    names = {w.id: w.name for w in profile.writers}
    for wid in leave_out:
        assert names[wid] in c.summary
    assert all(s.endswith(".") for s in c.sentences)
