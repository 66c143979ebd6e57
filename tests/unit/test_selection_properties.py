"""Property-based tests of scoring and selection (SPEC §5), with generated profiles."""

from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import combinations
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lorkit import rules
from lorkit.assessment import Assessment, assess
from lorkit.enums import (
    HANDS_ON_KINDS,
    CareerFocus,
    Kind,
    Location,
    Relationship,
    Role,
    RotationSpecialty,
    Setting,
    Severity,
    Specialty,
    Status,
)
from lorkit.letters import Letter, assess_letters
from lorkit.models import Profile
from lorkit.profile_io import profile_from_dict, profile_to_dict
from lorkit.registry import REGISTRY
from lorkit.selection import allowed, best_set, requirement_results, set_score
from tests.conftest import AS_OF
from tests.unit.builders import (
    SUBMISSION,
    letter_pair,
    make_profile,
    profile_dict,
    rotation,
    strong_med_peds_set,
    strong_pediatrics_set,
    writer,
)

TRACK_CHOICES = [
    ["pediatrics"],
    ["med-peds"],
    ["pediatrics", "med-peds"],
    ["med-peds", "pediatrics"],
]
BOTH = ("pediatrics", "med-peds")

FEW = settings(max_examples=60, deadline=None)
SOME = settings(max_examples=120, deadline=None)


def values(enum: Any) -> list[str]:
    return [m.value for m in enum]


# --- strategies ----------------------------------------------------------------------------

submission_dates = st.dates(date(2026, 1, 1), date(2028, 12, 31))
as_of_dates = st.dates(date(2025, 1, 1), date(2029, 6, 30))
maybe_dates = st.none() | st.dates(date(2015, 1, 1), date(2029, 12, 31))


@st.composite
def rotation_dicts(draw: st.DrawFn, rid: str) -> dict[str, Any]:
    start = draw(st.dates(date(2015, 1, 1), date(2028, 12, 31)))
    length = draw(st.integers(0, 500))
    return {
        "id": rid,
        "institution": draw(st.sampled_from(["Hospital A", "Clinic B", "Centre C"])),
        "location": draw(st.sampled_from(values(Location))),
        "specialty": draw(st.sampled_from(values(RotationSpecialty))),
        "setting": draw(st.sampled_from(values(Setting))),
        "kind": draw(st.sampled_from(values(Kind))),
        "start": start.isoformat(),
        "end": (start + timedelta(days=length)).isoformat(),
    }


@st.composite
def writer_dicts(draw: st.DrawFn, wid: str, rotation_ids: list[str]) -> dict[str, Any]:
    asked_on = draw(maybe_dates)
    letter_date = draw(maybe_dates)
    return {
        "id": wid,
        "name": f"Writer {wid}",
        "role": draw(st.sampled_from(values(Role))),
        "specialty": draw(st.sampled_from(values(Specialty))),
        "location": draw(st.sampled_from(values(Location))),
        "rotation_id": draw(st.none() | st.sampled_from(rotation_ids)) if rotation_ids else None,
        "relationship": draw(st.sampled_from(values(Relationship))),
        "status": draw(st.sampled_from(values(Status))),
        "asked_on": asked_on.isoformat() if asked_on else None,
        "letter_date": letter_date.isoformat() if letter_date else None,
        "waived": draw(st.booleans()),
        "asked_for_strong": draw(st.booleans()),
        "knows_goal": draw(st.booleans()),
        "peds_exposure": draw(st.booleans()),
        "asked_to_self_draft": draw(st.booleans()),
    }


@st.composite
def profiles(draw: st.DrawFn, max_writers: int = 10, min_writers: int = 0) -> tuple[Profile, date]:
    """A valid profile with random experiences and writers, and a random 'today'."""
    n_rotations = draw(st.integers(0, 6))
    rotations = [draw(rotation_dicts(f"r{i}")) for i in range(n_rotations)]
    ids = [r["id"] for r in rotations]
    n_writers = draw(st.integers(min_writers, max_writers))
    writers = [draw(writer_dicts(f"w{i}", ids)) for i in range(n_writers)]
    data = profile_dict(
        rotations=rotations,
        writers=writers,
        tracks=draw(st.sampled_from(TRACK_CHOICES)),
        submission=draw(submission_dates),
        career_focus=draw(st.lists(st.sampled_from(values(CareerFocus)), unique=True, max_size=3)),
    )
    return Profile.model_validate(data), draw(as_of_dates)


# --- (a) any valid profile assesses cleanly ------------------------------------------------


def expected_verdict(readiness: int, blocked: bool) -> str:
    if readiness < 40:
        return "not-ready"
    if blocked or readiness < 60:
        return "at-risk"
    if readiness < 80:
        return "nearly-ready"
    return "ready"


def blocking_errors(result: Assessment, track: str, selected: set[str]) -> list[str]:
    """Error findings that hold a track back: its own, and those of the profile or its letters."""
    return [
        f.code
        for f in result.findings
        if f.severity == Severity.ERROR
        and (f.track == track or (f.track is None and f.writer_id in (None, *selected)))
    ]


@SOME
@given(profiles())
def test_any_valid_profile_assesses_to_a_sensible_result(generated):
    profile, as_of = generated
    result = assess(profile, as_of)

    data: dict[str, Any] = result.to_dict()
    json.dumps(data, allow_nan=False)
    assert [t["track"] for t in data["tracks"]] == list(profile.applicant.tracks)

    viable = [x for x in result.letters if x.viable]
    declined = {w.id for w in profile.writers if w.status == Status.DECLINED}
    for t in result.tracks:
        assert isinstance(t.readiness, int)
        assert 0 <= t.readiness <= 100
        ids = [x.id for x in t.selected]
        assert len(ids) == len(set(ids))
        assert len(ids) <= 4
        assert not declined & set(ids), "a declined writer was selected"
        assert len(ids) >= min(t.rules.min_letters, len(viable)), "a usable letter was wasted"
        blocked = blocking_errors(result, t.track, set(ids))
        assert t.verdict.value == expected_verdict(t.readiness, bool(blocked)), (
            t.readiness,
            blocked,
        )
        if any(f.severity == Severity.ERROR and f.track == t.track for f in result.findings):
            assert t.verdict.value in ("at-risk", "not-ready")
    for x in result.letters:
        assert 0 <= x.quality <= 100
        for v in x.values.values():
            assert 0 <= v <= 100
        assert 1 <= x.tier <= 7
    codes = {f.code for f in result.findings}
    assert codes <= set(REGISTRY)


@FEW
@given(profiles())
def test_assessing_the_same_profile_twice_gives_the_same_result(generated):
    profile, as_of = generated
    first = assess(profile, as_of).to_dict()
    again = assess(profile, as_of).to_dict()
    copy = assess(profile_from_dict(profile_to_dict(profile)), as_of).to_dict()
    assert first == again
    assert first == copy


# --- (b) "all else equal" orderings ---------------------------------------------------------


@st.composite
def one_writer(draw: st.DrawFn, linked: bool | None = None) -> dict[str, Any]:
    """One viable writer, their rotation, the submission date and 'today'."""
    rot = draw(rotation_dicts("r1"))
    wr = draw(writer_dicts("w1", ["r1"]))
    wr["status"] = draw(st.sampled_from([s for s in values(Status) if s != "declined"]))
    if linked is not None:
        wr["rotation_id"] = "r1" if linked else None
    return {
        "rotation": rot,
        "writer": wr,
        "submission": draw(submission_dates),
        "as_of": draw(as_of_dates),
    }


def score(case: dict[str, Any], **writer_changes: Any) -> tuple[float, dict[str, float]]:
    """(quality, values per track) of the case's letter after changing the writer."""
    wr = {**case["writer"], **writer_changes}
    profile = make_profile(
        rotations=[case["rotation"]], writers=[wr], tracks=BOTH, submission=case["submission"]
    )
    (letter,) = assess_letters(profile, case["as_of"])
    return letter.quality, letter.values


def with_rotation(case: dict[str, Any], **rotation_changes: Any) -> dict[str, Any]:
    return {**case, "rotation": {**case["rotation"], **rotation_changes}}


def assert_better(high: tuple[float, dict], low: tuple[float, dict], what: str) -> None:
    assert high[0] > low[0], f"quality: {what}"
    for track in BOTH:
        assert high[1][track] > low[1][track], f"{track} value: {what}"


def assert_equal(a: tuple[float, dict], b: tuple[float, dict], what: str) -> None:
    assert a[0] == pytest.approx(b[0]), f"quality: {what}"
    for track in BOTH:
        assert a[1][track] == pytest.approx(b[1][track]), f"{track} value: {what}"


@SOME
@given(one_writer())
def test_a_us_letter_beats_the_same_letter_from_outside_the_us(case):
    us = score(with_rotation(case, location="us"), location="us")
    non_us = score(with_rotation(case, location="non-us"), location="non-us")
    assert_better(us, non_us, "US > non-US")


@SOME
@given(one_writer())
def test_closer_relationships_beat_more_distant_ones(case):
    order = ["direct-supervision", "indirect", "research-only", "social"]
    scored = [score(case, relationship=r) for r in order]
    for i in range(len(order) - 1):
        assert_better(scored[i], scored[i + 1], f"{order[i]} > {order[i + 1]}")


@SOME
@given(one_writer(linked=True), st.sampled_from(sorted(HANDS_ON_KINDS)))
def test_a_hands_on_rotation_beats_an_observership(case, hands_on_kind):
    hands_on = score(with_rotation(case, kind=hands_on_kind.value))
    observing = score(with_rotation(case, kind="observership"))
    assert_better(hands_on, observing, f"{hands_on_kind.value} > observership")


@SOME
@given(
    one_writer(linked=True),
    st.integers(26, 400),  # 4 working weeks or more: floor((days + 2) / 7) >= 4
    st.integers(12, 25),  # 2-3 working weeks
    st.integers(1, 11),  # less than 2 working weeks
)
def test_longer_rotations_beat_shorter_ones(case, long_days, medium_days, short_days):
    end = date.fromisoformat(case["rotation"]["end"])
    assume(end - timedelta(days=long_days) >= date(1950, 1, 2))

    def lasting(days: int) -> tuple[float, dict]:
        start = end - timedelta(days=days - 1)
        return score(with_rotation(case, start=start.isoformat()))

    assert_better(lasting(long_days), lasting(medium_days), ">= 4 weeks > 2-3 weeks")
    assert_better(lasting(medium_days), lasting(short_days), "2-3 weeks > < 2 weeks")


@SOME
@given(one_writer(), st.dates(date(2015, 1, 1), date(2029, 12, 31)), st.integers(1, 2000))
def test_a_younger_letter_is_worth_at_least_as_much_as_an_older_one(case, newer, gap_days):
    older = newer - timedelta(days=gap_days)
    young = score(case, letter_date=newer.isoformat())
    old = score(case, letter_date=older.isoformat())
    assert young[0] == old[0], "age does not change quality"
    for track in BOTH:
        assert young[1][track] >= old[1][track], track


@SOME
@given(one_writer())
def test_a_writer_who_agreed_to_write_strongly_beats_one_not_yet_answered(case):
    strong = score(case, status="agreed-strong")
    assert_better(strong, score(case, status="asked"), "agreed-strong > asked")
    assert_better(strong, score(case, status="candidate"), "agreed-strong > candidate")
    assert_equal(strong, score(case, status="uploaded"), "uploaded = agreed-strong")


@SOME
@given(one_writer())
def test_a_hesitant_writer_is_worth_less_than_one_not_yet_answered(case):
    hesitant = score(case, status="hesitant")
    assert_better(score(case, status="asked"), hesitant, "asked > hesitant")
    assert_better(score(case, status="candidate"), hesitant, "candidate > hesitant")


@SOME
@given(one_writer())
def test_asked_and_candidate_are_worth_the_same_once_a_strong_letter_is_requested(case):
    # A writer who was asked without a request for a strong letter also carries the
    # strong-not-requested factor, which a writer not asked yet cannot have.
    asked = score(case, status="asked", asked_for_strong=True)
    candidate = score(case, status="candidate", asked_for_strong=True)
    assert_equal(asked, candidate, "asked = candidate")


@SOME
@given(one_writer())
def test_declined_letters_are_worth_nothing(case):
    quality, track_values = score(case, status="declined")
    assert quality == 0
    assert set(track_values.values()) == {0}


# --- (c) a strong US letter never lowers readiness -------------------------------------------


def strong_letter(profile: Profile, kind: str) -> tuple[dict, dict]:
    """A strong US letter of the given department, from a recent 4-week hands-on rotation."""
    submission = profile.applicant.submission_date
    end = submission - timedelta(days=60)
    specialty = {"peds": "pediatrics", "im": "internal-medicine", "med-peds": "med-peds"}[kind]
    return letter_pair(
        "strong",
        specialty=specialty,
        start=(end - timedelta(days=27)).isoformat(),
        end=end.isoformat(),
        letter_date=(end + timedelta(days=7)).isoformat(),
    )


@SOME
@given(profiles(max_writers=8), st.sampled_from(["peds", "im", "med-peds"]))
def test_adding_a_strong_us_letter_never_lowers_readiness(generated, kind):
    profile, as_of = generated
    before = assess(profile, as_of)
    rot, wr = strong_letter(profile, kind)
    data = profile_to_dict(profile)
    data["rotations"].append(rot)
    data["writers"].append(wr)
    after = assess(profile_from_dict(data), as_of)
    for t in before.tracks:
        assert after.track(t.track).readiness >= t.readiness, t.track


# --- (d) the chosen set is the best possible set -----------------------------------------------


def brute_force_best(letters: list[Letter], track: rules.TrackRules) -> float:
    """The best score over every allowed set (a set larger than the minimum only when all
    its letters are strong; never a letter that is never sent)."""
    best = 0.0
    for size in range(1, track.max_letters + 1):
        for combo in combinations(letters, size):
            if allowed(combo, track):
                best = max(best, set_score(combo, track))
    return best


def check_optimal(profile: Profile, as_of: date) -> None:
    letters = assess_letters(profile, as_of)
    for track_id in profile.applicant.tracks:
        track = rules.track(track_id)
        chosen, found = best_set(letters, track)
        assert len(chosen) <= track.max_letters
        assert all(x.viable for x in chosen)
        assert allowed(chosen, track) or not chosen
        if chosen:
            assert set_score(chosen, track) == pytest.approx(found, abs=1e-9)
        assert found == pytest.approx(brute_force_best(letters, track), abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(profiles(max_writers=9))
def test_the_chosen_set_scores_as_well_as_the_best_of_every_possible_set(generated):
    check_optimal(*generated)


@st.composite
def crowded_profiles(draw: st.DrawFn) -> tuple[Profile, date]:
    """Many similar writers, so that the pruning of dominated letters really happens."""
    n = draw(st.integers(10, 14))
    rotations = [rotation("r1"), rotation("r2", specialty="internal-medicine")]
    writers = []
    for i in range(n):
        writers.append(
            writer(
                f"w{i}",
                specialty=draw(st.sampled_from(["pediatrics", "internal-medicine", "med-peds"])),
                location=draw(st.sampled_from(["us", "non-us"])),
                rotation_id=draw(st.sampled_from(["r1", "r2", None])),
                relationship=draw(st.sampled_from(["direct-supervision", "indirect"])),
                status=draw(st.sampled_from(["agreed-strong", "asked", "candidate", "hesitant"])),
                knows_goal=draw(st.booleans()),
            )
        )
    data = profile_dict(rotations=rotations, writers=writers, tracks=list(BOTH))
    return Profile.model_validate(data), AS_OF


@settings(max_examples=25, deadline=None)
@given(crowded_profiles())
def test_the_chosen_set_is_still_the_best_with_many_similar_writers(generated):
    check_optimal(*generated)


# --- (e) three strong letters beat four average ones ----------------------------------------


@pytest.mark.parametrize(
    ("track", "strong"),
    [("pediatrics", strong_pediatrics_set(3)), ("med-peds", strong_med_peds_set())],
)
@pytest.mark.parametrize(
    "weak_changes",
    [
        {"role": "non-physician", "status": "hesitant"},
        {"location": "non-us", "status": "hesitant", "asked_for_strong": False},
        {"waived": False},
        {"start": "2026-10-19", "end": "2026-10-23"},
    ],
    ids=["hesitant nurse", "hesitant home-country", "not waived", "one week"],
)
def test_a_weak_fourth_letter_is_left_out(track, strong, weak_changes):
    rotation_keys = {"start", "end"}
    weak = letter_pair(
        "weak",
        **{k: v for k, v in weak_changes.items() if k in rotation_keys},
        **{k: v for k, v in weak_changes.items() if k not in rotation_keys},
    )
    result = assess(make_profile([*strong, weak], tracks=[track]), AS_OF)
    chosen = [x.id for x in result.track(track).selected]
    assert len(chosen) == 3
    assert "wweak" not in chosen
    assert "wweak" in result.track(track).left_out
    assert "weak-fourth-letter" in {f.code for f in result.findings}


@pytest.mark.parametrize(
    ("track", "strong"),
    [("pediatrics", strong_pediatrics_set(3)), ("med-peds", strong_med_peds_set())],
)
@pytest.mark.parametrize(
    ("changes", "code"),
    [({"relationship": "social"}, "social-connection"),
     ({"asked_to_self_draft": True}, "self-draft-request")],
    ids=["social", "self-draft"],
)  # fmt: skip
def test_a_never_sent_letter_is_left_out_and_says_to_choose_someone_else(
    track, strong, changes, code
):
    result = assess(make_profile([*strong, letter_pair("x", **changes)], tracks=[track]), AS_OF)
    t = result.track(track)
    assert "wx" not in {x.id for x in t.selected}
    assert t.left_out["wx"].startswith("Never sent")
    found = [f for f in result.findings if f.writer_id == "wx"]
    assert [f.code for f in found] == [code], "only why it is never sent"
    assert "someone else" in found[0].fix
    assert "weak-fourth-letter" not in {f.code for f in result.findings}


@SOME
@given(one_writer())
def test_any_letter_worth_less_than_the_bar_is_not_sent_as_a_fourth(case):
    rot = {**case["rotation"], "id": "rweak"}
    wr = {**case["writer"], "id": "wweak", "rotation_id": "rweak" if case["writer"]["rotation_id"]
          else None}  # fmt: skip
    strong = strong_pediatrics_set(3)
    profile = make_profile(strong, rotations=[rot], writers=[wr], submission=case["submission"])
    result = assess(profile, case["as_of"])
    peds = result.track("pediatrics")
    weak = result.letter("wweak")
    strong_values = [result.letter(f"w{i}").values["pediatrics"] for i in (1, 2, 3)]
    assume(weak.values["pediatrics"] < rules.track("pediatrics").fourth_letter_min_value)
    assume(min(strong_values) > weak.values["pediatrics"])
    assert "wweak" not in {x.id for x in peds.selected}


def test_a_strong_fourth_letter_is_sent_even_when_three_letters_already_score_100():
    fourth = letter_pair(4, specialty="peds-subspecialty", status="asked")
    result = assess(make_profile([*strong_pediatrics_set(3), fourth]), AS_OF)
    peds = result.track("pediatrics")
    assert peds.readiness == 100
    assert [x.id for x in peds.selected] == ["w1", "w2", "w3", "w4"]
    assert "weak-fourth-letter" not in {f.code for f in result.findings}


def test_a_strong_fourth_letter_raises_readiness_below_the_cap():
    three = [letter_pair(i, status="candidate", knows_goal=False) for i in (1, 2, 3)]
    fourth = letter_pair(4, specialty="peds-subspecialty")  # tier 3: worth 82
    without = assess(make_profile(three), AS_OF).track("pediatrics")
    with_it = assess(make_profile([*three, fourth]), AS_OF).track("pediatrics")
    assert len(with_it.selected) == 4
    assert with_it.score > without.score
    assert with_it.readiness > without.readiness


def test_never_more_than_four_letters_are_selected():
    result = assess(make_profile(strong_pediatrics_set(8), submission=SUBMISSION), AS_OF)
    assert len(result.track("pediatrics").selected) == 4


def test_selection_stays_fast_enough_to_finish_with_hundreds_of_writers():
    # Not a timing assertion: a blind search over all subsets of 300 letters would not finish.
    pairs = [
        letter_pair(i, relationship=("direct-supervision", "indirect")[i % 2],
                    location=("us", "non-us")[i % 3 == 0],
                    specialty=("pediatrics", "internal-medicine", "med-peds")[i % 3])
        for i in range(300)
    ]  # fmt: skip
    result = assess(make_profile(pairs, tracks=list(BOTH)), AS_OF)
    for t in result.tracks:
        assert len(t.selected) == 4


# --- (f) never-sent and credible letters (SPEC r2 §4) -----------------------------------------


@SOME
@given(profiles())
def test_a_never_sent_letter_is_never_selected(generated):
    profile, as_of = generated
    result = assess(profile, as_of)
    never = {
        w.id
        for w in profile.writers
        if w.status == Status.DECLINED or w.relationship == Relationship.SOCIAL
        or w.asked_to_self_draft
    }  # fmt: skip
    for t in result.tracks:
        assert not never & {x.id for x in t.selected}, t.track
    for x in result.letters:
        assert (x.id in never) == (not x.viable)
        assert not any(x.credible.values()) or x.id not in never


@SOME
@given(profiles(max_writers=8), st.data())
def test_a_non_credible_letter_never_changes_a_requirements_met_state(generated, data):
    profile, as_of = generated
    letters = assess_letters(profile, as_of)
    for track_id in profile.applicant.tracks:
        track = rules.track(track_id)
        weak = [x for x in letters if not x.credible[track_id]]
        if not weak:
            continue
        chosen = data.draw(st.lists(st.sampled_from(letters), unique_by=lambda x: x.id,
                                    max_size=4))  # fmt: skip
        extra = data.draw(st.sampled_from(weak))
        without = [x for x in chosen if x.id != extra.id]
        before = [r.met for r in requirement_results(without, track)]
        after = [r.met for r in requirement_results([*without, extra], track)]
        assert before == after, (track_id, extra.id)


@SOME
@given(profiles())
def test_every_track_below_ready_has_a_finding_that_says_why(generated):
    profile, as_of = generated
    result = assess(profile, as_of)
    for t in result.tracks:
        if t.verdict.value == "ready":
            continue
        chosen = {x.id for x in t.selected}
        why = [
            f
            for f in result.findings
            if f.track == t.track
            or (f.severity == Severity.ERROR and f.track is None
                and f.writer_id in (None, *chosen))
        ]  # fmt: skip
        assert why, (t.track, t.readiness, t.verdict)


# --- (g) the optional fourth letter (SPEC r2 §5) ----------------------------------------------


def test_two_good_letters_and_a_family_friend_do_not_make_three():
    friend = letter_pair(3, relationship="social")
    result = assess(make_profile([*strong_pediatrics_set(2), friend]), AS_OF)
    peds = result.track("pediatrics")
    assert [x.id for x in peds.selected] == ["w1", "w2"]
    three = next(r for r in peds.requirements if r.requirement.code == "three-letters")
    assert (three.met, three.have) == (False, 2)
    assert ("too-few-letters", "pediatrics") in {(f.code, f.track) for f in result.findings}
    assert peds.verdict.value in ("at-risk", "not-ready")


def test_a_short_observership_does_not_tick_the_us_im_box_for_med_peds():
    # a 12-day US IM observership: a writer who saw the work indirectly, not asked yet,
    # not told the goal, asked for no strong letter, and hesitant: well below the floor
    weak_im = letter_pair(
        "obs", specialty="internal-medicine", kind="observership", start="2026-10-19",
        end="2026-10-30", relationship="indirect", status="hesitant", knows_goal=False,
        asked_for_strong=False,
    )  # fmt: skip
    strong = [
        letter_pair("im", specialty="internal-medicine", location="non-us"),
        letter_pair("peds"),
        letter_pair("peds2"),
    ]
    result = assess(make_profile([*strong, weak_im], tracks=["med-peds"]), AS_OF)
    t = result.track("med-peds")
    obs = result.letter("wobs")
    assert obs.weeks_together == 2 and "short-rotation" not in obs.concerns
    assert not obs.credible["med-peds"]
    assert "wobs" not in {x.id for x in t.selected}
    us_im = next(r for r in t.requirements if r.requirement.code == "us-im-letter")
    assert not us_im.met


def test_three_strong_letters_beat_four_when_the_fourth_has_a_warning_of_its_own():
    # a US pediatrician worth 85 who has not been waived: strong in value, not in standing
    fourth = letter_pair(4, waived=False)
    result = assess(make_profile([*strong_pediatrics_set(3), fourth]), AS_OF)
    assert result.letter("w4").values["pediatrics"] >= 70
    assert [x.id for x in result.track("pediatrics").selected] == ["w1", "w2", "w3"]
    weak = next(f for f in result.findings if f.code == "weak-fourth-letter")
    assert "right to see the letter not waived" in weak.message


def test_a_fourth_letter_goes_only_when_every_letter_in_the_set_is_strong():
    # the only IM letter is aging (a warning), so a strong fourth pediatric letter waits
    pairs = [
        letter_pair("im", specialty="internal-medicine", letter_date="2025-01-10",
                    start="2024-12-02", end="2024-12-27"),
        letter_pair("peds"),
        letter_pair("peds2"),
        letter_pair("peds3"),
    ]  # fmt: skip
    result = assess(make_profile(pairs, tracks=["med-peds"]), AS_OF)
    t = result.track("med-peds")
    assert "wim" in {x.id for x in t.selected}
    assert len(t.selected) == 3
    weak = next(f for f in result.findings if f.code == "weak-fourth-letter")
    assert "every letter in the set is strong" in weak.message and "Dr. wim" in weak.message


@pytest.mark.parametrize(
    ("changes", "expected", "not_expected"),
    [
        ({"specialty": "internal-medicine", "status": "asked"}, "pediatrician", "longer"),
        ({"start": "2026-10-26", "end": "2026-10-30", "status": "asked"},
         "working weeks or more", "pediatrician"),
        ({"location": "non-us"}, "US pediatrician", "longer"),
    ],
    ids=["internist", "one week", "home country"],
)  # fmt: skip
def test_the_weak_fourth_letter_fix_fits_its_cause(changes, expected, not_expected):
    rotation_keys = {"start", "end"}
    fourth = letter_pair(
        4,
        **{k: v for k, v in changes.items() if k in rotation_keys},
        **{k: v for k, v in changes.items() if k not in rotation_keys},
    )
    result = assess(make_profile([*strong_pediatrics_set(3), fourth]), AS_OF)
    weak = next(f for f in result.findings if f.code == "weak-fourth-letter")
    assert expected in weak.fix
    assert not_expected not in weak.fix


def test_a_letter_left_out_of_a_full_set_for_a_problem_of_its_own_says_so():
    pairs = [*strong_pediatrics_set(4), letter_pair(5, waived=False)]
    result = assess(make_profile(pairs), AS_OF)
    t = result.track("pediatrics")
    assert [x.id for x in t.selected] == ["w1", "w2", "w3", "w4"]
    assert "problem of its own" in t.left_out["w5"]
    assert "right to see the letter not waived" in t.left_out["w5"]
