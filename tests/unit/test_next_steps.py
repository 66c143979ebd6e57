"""Next steps (SPEC r2 §5): for each track below ready, the actions that raise readiness most,
each with a gain measured by assessing the profile again with the action applied."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorkit.assessment import assess
from lorkit.enums import (
    Kind,
    Location,
    Relationship,
    Role,
    RotationSpecialty,
    Setting,
    Specialty,
    Status,
    Verdict,
)
from lorkit.models import Profile
from lorkit.next_steps import DEFAULT_LIMIT, ORDER, NextAction, NextStep, apply_step, next_steps
from lorkit.profile_io import load_profile
from lorkit.wording import num
from tests.conftest import AS_OF, SAMPLE_NAMES, SAMPLES_DIR
from tests.unit.builders import (
    SUBMISSION,
    letter_pair,
    make_profile,
    profile_dict,
    rotation,
    strong_pediatrics_set,
    writer,
)

HOME = {"location": "non-us"}
# too late for a new four-week block before the ask-by date (11 Aug 2027)
LATE = date(2027, 7, 20)


def two_home_letters() -> list[Any]:
    """Two agreed letters from pediatricians outside the US: a set that needs more."""
    return [letter_pair(1, **HOME), letter_pair(2, **HOME)]


def steps_of(profile: Profile, as_of: date = AS_OF, **kwargs: Any) -> list[NextStep]:
    return next_steps(profile, as_of, **kwargs)


def step(steps: list[NextStep], action: NextAction, writer_id: str | None = None) -> NextStep:
    found = [s for s in steps if s.action == action and s.writer_id == writer_id]
    assert len(found) == 1, [(s.action, s.writer_id) for s in steps]
    return found[0]


def readiness_after(
    profile: Profile, s: NextStep, as_of: date = AS_OF, excluded: frozenset[str] = frozenset()
) -> int:
    changed, out = apply_step(profile, s, excluded)
    return assess(changed, as_of, out).track(s.track).readiness


def assert_measured(profile: Profile, s: NextStep, as_of: date = AS_OF) -> None:
    before = assess(profile, as_of).track(s.track).readiness
    assert readiness_after(profile, s, as_of) - before == s.gain > 0


# --- each action ---------------------------------------------------------------------------------


def test_ask_a_candidate_assuming_they_agree_to_a_strong_letter():
    profile = make_profile(
        [*two_home_letters(), letter_pair(3, status="candidate", knows_goal=False)]
    )
    s = step(steps_of(profile), NextAction.ASK, "w3")
    assert_measured(profile, s)
    assert s.message == (
        f"Ask Dr. w3 for a strong letter and tell them your goal: +{s.gain} readiness for "
        "Pediatrics, if they agree."
    )
    assert s.condition == "if they agree"
    assert dict(s.change.updates["w3"]) == {
        "status": Status.AGREED_STRONG,
        "asked_for_strong": True,
        "knows_goal": True,
    }


def test_no_ask_for_a_writer_who_was_asked_already():
    profile = make_profile([*two_home_letters(), letter_pair(3, status="asked")])
    assert not [s for s in steps_of(profile) if s.action == NextAction.ASK]


def test_replace_a_hesitant_writer_with_another_from_the_same_experience():
    profile = make_profile([*two_home_letters(), letter_pair(3, status="hesitant")])
    s = step(steps_of(profile), NextAction.REPLACE_HESITANT, "w3")
    assert_measured(profile, s)
    assert s.change.leave_out == ("w3",)
    (new,) = s.change.add_writers
    assert new.rotation_id == "r3" and new.status == Status.AGREED_STRONG
    assert new.id not in {w.id for w in profile.writers}
    assert "Dr. w3" in s.message and "hesitant" in s.message


def test_share_the_goal_with_a_writer_who_does_not_know_it():
    profile = make_profile([*two_home_letters(), letter_pair(3, knows_goal=False)])
    s = step(steps_of(profile), NextAction.SHARE_GOAL, "w3")
    assert_measured(profile, s)
    assert s.message.startswith("Tell Dr. w3 you are applying to Pediatrics, and why: +")


def test_waive_the_right_to_see_a_letter():
    profile = make_profile([*two_home_letters(), letter_pair(3, waived=False)])
    s = step(steps_of(profile), NextAction.WAIVE, "w3")
    assert_measured(profile, s)
    assert "Waive your right to see Dr. w3's letter" in s.message


def test_ask_plainly_for_a_strong_letter():
    profile = make_profile(
        [*two_home_letters(), letter_pair(3, status="asked", asked_for_strong=False)]
    )
    s = step(steps_of(profile), NextAction.ASK_STRONG, "w3")
    assert_measured(profile, s)


def test_an_uploaded_letter_cannot_be_waived_or_asked_for_again():
    profile = make_profile(
        [
            *two_home_letters(),
            letter_pair(3, status="uploaded", waived=False, asked_for_strong=False),
        ]
    )
    actions = {(s.action, s.writer_id) for s in steps_of(profile)}
    assert not {(NextAction.WAIVE, "w3"), (NextAction.ASK_STRONG, "w3")} & actions


def test_leaving_a_letter_out_never_shows_as_a_gain():
    # the old letter carries a must-fix finding, but the best set is chosen from every letter,
    # so leaving one out cannot raise readiness
    profile = make_profile(
        [
            letter_pair(1),
            letter_pair(2),
            letter_pair(
                3, start="2021-01-04", end="2021-02-01", letter_date="2021-03-01", status="uploaded"
            ),
        ]
    )
    a = assess(profile, AS_OF)
    assert a.track("pediatrics").verdict != Verdict.READY
    steps = steps_of(profile)
    assert not [s for s in steps if s.action == NextAction.DROP_HARMFUL]
    dropped = assess(profile, AS_OF, {"w3"}).track("pediatrics").readiness
    assert dropped <= a.track("pediatrics").readiness


def test_add_a_hands_on_us_rotation_with_a_writer_there():
    profile = make_profile(two_home_letters())
    s = step(steps_of(profile), NextAction.ADD_ROTATION)
    assert_measured(profile, s)
    (rot,) = s.change.add_rotations
    (who,) = s.change.add_writers
    assert rot.location == Location.US and rot.kind == Kind.ELECTIVE
    assert rot.specialty == RotationSpecialty.PEDIATRICS
    assert rot.end == SUBMISSION - timedelta(days=28) and rot.start > AS_OF
    assert rot.days == 28
    assert (who.rotation_id, who.role, who.relationship) == (
        rot.id,
        Role.ATTENDING,
        Relationship.DIRECT,
    )
    assert who.status == Status.AGREED_STRONG
    assert "4-week hands-on US pediatrics rotation" in s.message
    assert "ending by 11 August 2027" in s.message


def test_a_planned_experience_without_a_writer_is_used_before_a_new_one():
    ahead = rotation("r9", start="2027-03-01", end="2027-03-28")
    profile = make_profile(two_home_letters(), rotations=[ahead])
    s = step(steps_of(profile), NextAction.ADD_ROTATION)
    assert_measured(profile, s)
    assert s.change.add_rotations == ()
    assert s.change.add_writers[0].rotation_id == "r9"
    assert s.message.startswith(
        "Ask the attending who will supervise you at Test Children's Hospital (March 2027)"
    )


def test_for_med_peds_the_missing_department_is_the_one_added():
    # a Med-Peds applicant with pediatric letters only: the IM side is what is missing
    profile = make_profile(
        [letter_pair(1), letter_pair(2), letter_pair(3, **HOME)], tracks=("med-peds",)
    )
    s = step(steps_of(profile), NextAction.ADD_ROTATION)
    assert_measured(profile, s)
    (new,) = s.change.add_writers
    assert new.specialty in (Specialty.INTERNAL_MEDICINE, Specialty.MED_PEDS)


def test_no_new_rotation_once_a_block_no_longer_fits_before_the_ask_by_date():
    profile = make_profile(two_home_letters())
    assert not [s for s in steps_of(profile, LATE) if s.action == NextAction.ADD_ROTATION]


def test_replace_an_old_letter_with_a_recent_one_in_the_same_field():
    old = letter_pair(
        3, start="2021-01-04", end="2021-02-01", letter_date="2021-03-01", status="uploaded"
    )
    profile = make_profile([letter_pair(1), letter_pair(2), old])
    s = step(steps_of(profile), NextAction.REPLACE_STALE, "w3")
    assert_measured(profile, s)
    assert s.change.leave_out == ("w3",)
    (rot,) = s.change.add_rotations
    assert rot.specialty == RotationSpecialty.PEDIATRICS and rot.location == Location.US
    age = num(assess(profile, AS_OF).letter("w3").age_years)
    assert f"Dr. w3's letter ({age} years old at submission)" in s.message


def test_a_candidate_from_long_ago_is_told_to_ask_someone_recent_instead():
    old = letter_pair(3, start="2021-01-04", end="2021-02-01", status="candidate")
    profile = make_profile([letter_pair(1, **HOME), letter_pair(2, **HOME), old])
    s = step(steps_of(profile), NextAction.REPLACE_STALE, "w3")
    assert_measured(profile, s)
    assert s.message.startswith("Instead of Dr. w3, who saw your work ")
    assert "ask a writer from a recent pediatrics experience" in s.message


def test_a_track_below_ready_where_nothing_helps_says_so():
    profile = make_profile([letter_pair(1, status="uploaded", letter_date="2027-01-01")])
    a = assess(profile, LATE)
    assert a.track("pediatrics").verdict == Verdict.NOT_READY
    (s,) = steps_of(profile, LATE)
    assert (s.action, s.writer_id, s.gain, s.helps) == (NextAction.NONE, None, 0, False)
    assert s.message.startswith("No action lorkit can model raises Pediatrics readiness")


def test_the_nothing_step_points_at_the_must_fix_findings_when_they_hold_the_verdict():
    old = letter_pair(
        3, start="2021-01-04", end="2021-02-01", letter_date="2021-03-01", status="uploaded"
    )
    profile = make_profile(
        [letter_pair(1, status="uploaded"), letter_pair(2, status="uploaded"), old]
    )
    (s,) = steps_of(profile, LATE)
    assert s.action == NextAction.NONE
    assert "Must fix" in s.message


# --- which tracks, ranking, limits --------------------------------------------------------------


def test_a_ready_profile_has_no_next_steps():
    profile = make_profile(strong_pediatrics_set(3))
    assert assess(profile, AS_OF).track("pediatrics").verdict == Verdict.READY
    assert steps_of(profile) == []


def test_only_tracks_below_ready_get_steps():
    profile = load_profile(SAMPLES_DIR / "med-peds-complete.json")
    a = assess(profile, AS_OF)
    below = {t.track for t in a.tracks if t.verdict != Verdict.READY}
    assert below == {"pediatrics"}
    assert {s.track for s in steps_of(profile)} == below


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_samples_get_ranked_positive_measured_steps(name):
    profile = load_profile(SAMPLES_DIR / f"{name}.json")
    a = assess(profile, AS_OF)
    steps = steps_of(profile)
    track_order = [t.track for t in a.tracks]
    writer_order = {w.id: i for i, w in enumerate(profile.writers)}
    assert steps == sorted(
        steps,
        key=lambda s: (
            -s.gain,
            track_order.index(s.track),
            ORDER[s.action],
            writer_order.get(s.writer_id or "", len(writer_order)),
        ),
    )
    for t in a.tracks:
        mine = [s for s in steps if s.track == t.track]
        if t.verdict == Verdict.READY:
            assert mine == []
            continue
        assert mine, "a verdict below ready always comes with a step"
        assert len(mine) <= DEFAULT_LIMIT
        assert sum(s.action == NextAction.ADD_ROTATION for s in mine) <= 1
        for s in mine:
            if s.helps:
                assert s.gain > 0
                assert readiness_after(profile, s) - t.readiness == s.gain
                assert f": +{s.gain} readiness for {t.rules.label}" in s.message
    assert steps == steps_of(profile), "deterministic"


def test_ties_go_to_the_action_order_then_the_writer_order():
    # three identical candidates: the same gain each, listed in writer order
    profile = make_profile(
        [
            letter_pair(1, **HOME),
            letter_pair(2, status="candidate", **HOME),
            letter_pair(3, status="candidate", **HOME),
        ]
    )
    steps = steps_of(profile, LATE)
    asks = [s for s in steps if s.action == NextAction.ASK]
    assert [s.writer_id for s in asks] == ["w2", "w3"]
    assert asks[0].gain == asks[1].gain


def test_the_limit_keeps_the_best_steps_per_track():
    profile = make_profile(
        [
            letter_pair(i, status="asked", asked_for_strong=False, knows_goal=False, waived=False)
            for i in range(1, 4)
        ]
    )
    everything = steps_of(profile, limit=50)
    two = steps_of(profile, limit=2)
    assert len(everything) > 2
    assert two == everything[:2]


def test_what_if_exclusions_are_respected():
    profile = make_profile(
        [*two_home_letters(), letter_pair(3, status="candidate", knows_goal=False)]
    )
    steps = steps_of(profile, excluded={"w3"})
    assert not [s for s in steps if s.writer_id == "w3"]
    for s in steps:
        if s.helps:
            before = assess(profile, AS_OF, {"w3"}).track(s.track).readiness
            after = readiness_after(profile, s, excluded=frozenset({"w3"}))
            assert after - before == s.gain


def test_never_sent_writers_are_not_suggested():
    profile = make_profile(
        [
            *two_home_letters(),
            letter_pair(3, status="candidate", relationship="social"),
            letter_pair(4, status="candidate", asked_to_self_draft=True),
            letter_pair(5, status="declined", knows_goal=False),
        ]
    )
    assert not {"w3", "w4", "w5"} & {s.writer_id for s in steps_of(profile)}


def test_next_steps_leave_the_profile_unchanged():
    profile = load_profile(SAMPLES_DIR / "home-country-heavy.json")
    before = profile.model_dump()
    steps_of(profile)
    assert profile.model_dump() == before


def test_the_json_form_of_a_step():
    profile = make_profile(
        [*two_home_letters(), letter_pair(3, status="candidate", knows_goal=False)]
    )
    s = step(steps_of(profile), NextAction.ASK, "w3")
    assert s.to_dict() == {
        "track": "pediatrics",
        "action": "ask",
        "writer_id": "w3",
        "gain": s.gain,
        "message": s.message,
    }


def test_an_assessment_passed_in_gives_the_same_steps():
    profile = load_profile(SAMPLES_DIR / "early-stage.json")
    a = assess(profile, AS_OF)
    assert next_steps(profile, AS_OF, assessment=a) == steps_of(profile)


# --- property: a step's gain is what assessing it again shows ----------------------------------

STATUSES = [m.value for m in Status]


@st.composite
def generated(draw: st.DrawFn) -> tuple[Profile, date]:
    n_rot = draw(st.integers(0, 4))
    rotations = []
    for i in range(n_rot):
        start = draw(st.dates(date(2019, 1, 1), date(2027, 12, 31)))
        rotations.append(
            rotation(
                f"r{i}",
                location=draw(st.sampled_from([m.value for m in Location])),
                specialty=draw(st.sampled_from([m.value for m in RotationSpecialty])),
                setting=draw(st.sampled_from([m.value for m in Setting])),
                kind=draw(st.sampled_from([m.value for m in Kind])),
                start=start.isoformat(),
                end=(start + timedelta(days=draw(st.integers(0, 120)))).isoformat(),
            )
        )
    writers = []
    for i in range(draw(st.integers(0, 6))):
        letter = draw(st.none() | st.dates(date(2019, 1, 1), date(2027, 12, 31)))
        writers.append(
            writer(
                f"w{i}",
                role=draw(st.sampled_from([m.value for m in Role])),
                specialty=draw(st.sampled_from([m.value for m in Specialty])),
                location=draw(st.sampled_from([m.value for m in Location])),
                rotation_id=draw(st.none() | st.sampled_from([r["id"] for r in rotations]))
                if rotations
                else None,
                relationship=draw(st.sampled_from([m.value for m in Relationship])),
                status=draw(st.sampled_from(STATUSES)),
                letter_date=letter.isoformat() if letter else None,
                waived=draw(st.booleans()),
                asked_for_strong=draw(st.booleans()),
                knows_goal=draw(st.booleans()),
                peds_exposure=draw(st.booleans()),
                asked_to_self_draft=draw(st.integers(0, 9)) == 0,
            )
        )
    tracks = draw(st.sampled_from([("pediatrics",), ("med-peds",), ("pediatrics", "med-peds")]))
    submission = draw(st.dates(date(2026, 6, 1), date(2028, 6, 1)))
    data = profile_dict(rotations=rotations, writers=writers, tracks=tracks, submission=submission)
    as_of = draw(st.dates(date(2025, 6, 1), date(2028, 6, 1)))
    return Profile.model_validate(data), as_of


@settings(max_examples=80, deadline=None)
@given(generated())
def test_applying_the_top_next_step_raises_readiness_by_its_stated_gain(case):
    profile, as_of = case
    a = assess(profile, as_of)
    steps = next_steps(profile, as_of, assessment=a)
    below = {t.track for t in a.tracks if t.verdict != Verdict.READY}
    assert {s.track for s in steps} == below, "every track below ready, and only those"
    for track in below:
        mine = [s for s in steps if s.track == track]
        top = mine[0]
        if not top.helps:
            assert len(mine) == 1 and top.gain == 0
            continue
        assert readiness_after(profile, top, as_of) - a.track(track).readiness == top.gain > 0
        assert [s.gain for s in mine] == sorted((s.gain for s in mine), reverse=True)
        assert all(s.gain > 0 and s.helps for s in mine)


@settings(max_examples=40, deadline=None)
@given(generated())
def test_every_listed_step_is_measured(case):
    profile, as_of = case
    a = assess(profile, as_of)
    for s in next_steps(profile, as_of, assessment=a):
        if s.helps:
            assert readiness_after(profile, s, as_of) - a.track(s.track).readiness == s.gain


@settings(max_examples=60, deadline=None)
@given(generated())
def test_the_new_rotation_listed_is_the_best_department_of_all(case):
    # best_rotation skips a department whose letter an earlier one matches on everything the
    # track counts: check against assessing every department in full
    from lorkit.next_steps import _Ids, _rotation_options

    profile, as_of = case
    a = assess(profile, as_of)
    steps = next_steps(profile, as_of, assessment=a, limit=50)
    for t in a.tracks:
        if t.verdict == Verdict.READY:
            continue
        gains = []
        for option in _rotation_options(profile, as_of, _Ids(profile)):
            changed, out = apply_step(
                profile, NextStep(t.track, option.action, None, 0, "", change=option.change)
            )
            gains.append(assess(changed, as_of, out).track(t.track).readiness - t.readiness)
        listed = [s for s in steps if s.track == t.track and s.action == NextAction.ADD_ROTATION]
        best = max(gains, default=0)
        assert [s.gain for s in listed] == ([best] if best > 0 else [])
