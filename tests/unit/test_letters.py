"""What a single letter is: its department, pediatric tier, Med-Peds slot, US status and age."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from lorkit.letters import Letter, assess_letters
from tests.conftest import AS_OF
from tests.unit.builders import SUBMISSION, letter_pair, make_profile, rotation, writer

BOTH = ("pediatrics", "med-peds")


def one_letter(
    *, service: str | None = None, kind: str = "sub-internship", as_of: date = AS_OF, **changes: Any
) -> Letter:
    """The assessed letter of a single writer on their own rotation (both tracks chosen)."""
    specialty = changes.pop("specialty", "pediatrics")
    location = changes.pop("location", "us")
    pair = letter_pair(
        1, specialty=specialty, location=location, service=service, kind=kind, **changes
    )
    (letter,) = assess_letters(make_profile([pair], tracks=BOTH), as_of)
    return letter


# --- the Pediatrics tier table (SPEC §4) -------------------------------------------------

TIER_CASES = [
    # (tier expected, description, writer changes, rotation service)
    (1, "US pediatric attending who supervised directly", {}, "pediatrics"),
    (1, "US Med-Peds attending who supervised directly on a combined service",
     {"specialty": "med-peds"}, "med-peds"),
    (1, "US pediatric program director who supervised directly",
     {"role": "program-leadership"}, "pediatrics"),
    (2, "US pediatric program director without direct supervision",
     {"role": "program-leadership", "relationship": "indirect"}, "pediatrics"),
    (2, "US pediatric chair without direct supervision",
     {"role": "department-chair", "relationship": "indirect"}, "pediatrics"),
    (3, "US pediatric subspecialist who supervised directly",
     {"specialty": "peds-subspecialty"}, "peds-subspecialty"),
    (3, "US pediatric attending with only indirect contact",
     {"relationship": "indirect"}, "pediatrics"),
    (4, "US family-medicine attending who saw the applicant with children",
     {"specialty": "family-medicine", "peds_exposure": True}, "family-medicine"),
    (4, "US internal-medicine attending who saw the applicant with children",
     {"specialty": "internal-medicine", "peds_exposure": True}, "internal-medicine"),
    (5, "US pediatric research mentor",
     {"specialty": "peds-subspecialty", "role": "research-mentor",
      "relationship": "research-only"}, "research"),
    (5, "US pediatric attending who knows the applicant from research only",
     {"relationship": "research-only"}, "research"),
    (6, "pediatric attending outside the US",
     {"location": "non-us"}, "pediatrics"),
    (6, "pediatric chair outside the US without direct supervision",
     {"location": "non-us", "role": "department-chair", "relationship": "indirect"}, "pediatrics"),
    (7, "US pediatrician who knows the applicant socially",
     {"relationship": "social"}, "pediatrics"),
    (7, "US pediatric nurse", {"role": "non-physician"}, "pediatrics"),
    (7, "US non-clinical faculty", {"role": "non-clinical-faculty", "specialty": "non-clinical"},
     "non-clinical"),
    (7, "US internal-medicine attending without pediatric exposure",
     {"specialty": "internal-medicine"}, "internal-medicine"),
    (7, "US surgeon", {"specialty": "other-clinical"}, "other-clinical"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("tier", "changes", "service"),
    [(t, c, s) for t, _, c, s in TIER_CASES],
    ids=[f"tier {t}: {d}" for t, d, _, _ in TIER_CASES],
)
def test_the_pediatrics_tier_of_a_letter(tier, changes, service):
    assert one_letter(service=service, **changes).tier == tier


NEAR_MISSES = [
    # (tier the letter does NOT get, description, writer changes, rotation service, tier it gets)
    (1, "US pediatric attending with only indirect contact is not tier 1",
     {"relationship": "indirect"}, "pediatrics", 3),
    (1, "a directly supervising pediatrician outside the US is not tier 1",
     {"location": "non-us"}, "pediatrics", 6),
    (2, "a US pediatric chair who supervised directly is not tier 2 but tier 1",
     {"role": "department-chair"}, "pediatrics", 1),
    (2, "a US IM program director without direct supervision is not tier 2",
     {"role": "program-leadership", "relationship": "indirect",
      "specialty": "internal-medicine"}, "internal-medicine", 7),
    (3, "a pediatric subspecialist outside the US is not tier 3",
     {"specialty": "peds-subspecialty", "location": "non-us"}, "peds-subspecialty", 6),
    (4, "a US family-medicine attending without pediatric exposure is not tier 4",
     {"specialty": "family-medicine"}, "family-medicine", 7),
    (4, "a family-medicine attending outside the US is not tier 4 even with children",
     {"specialty": "family-medicine", "peds_exposure": True, "location": "non-us"},
     "family-medicine", 7),
    (4, "a US family-medicine research mentor is not tier 4 even with children",
     {"specialty": "family-medicine", "peds_exposure": True, "role": "research-mentor",
      "relationship": "research-only"}, "research", 7),
    (5, "a US IM research mentor is not tier 5",
     {"specialty": "internal-medicine", "role": "research-mentor",
      "relationship": "research-only"}, "research", 7),
    (5, "a pediatric research mentor outside the US is not tier 5",
     {"role": "research-mentor", "relationship": "research-only", "location": "non-us"},
     "research", 6),
    (6, "an internist outside the US is not tier 6",
     {"specialty": "internal-medicine", "location": "non-us"}, "internal-medicine", 7),
    (6, "a pediatric nurse outside the US is not tier 6",
     {"role": "non-physician", "location": "non-us"}, "pediatrics", 7),
    (7, "a US pediatric attending who supervised directly is not tier 7",
     {}, "pediatrics", 1),
    (7, "a US pediatric attending with only indirect contact is not tier 7",
     {"relationship": "indirect"}, "pediatrics", 3),
]  # fmt: skip


@pytest.mark.parametrize(
    ("not_tier", "changes", "service", "actual"),
    [(n, c, s, a) for n, _, c, s, a in NEAR_MISSES],
    ids=[d for _, d, _, _, _ in NEAR_MISSES],
)
def test_a_near_miss_gets_a_different_tier(not_tier, changes, service, actual):
    tier = one_letter(service=service, **changes).tier
    assert tier != not_tier
    assert tier == actual


def test_every_tier_from_1_to_7_has_a_case():
    assert {t for t, *_ in TIER_CASES} == set(range(1, 8))
    assert {t for t, *_ in NEAR_MISSES} == set(range(1, 8))


# --- Med-Peds slots ----------------------------------------------------------------------

SLOT_CASES = [
    ("im", "US internist on an IM service", {"specialty": "internal-medicine"},
     "internal-medicine"),
    ("im", "internist outside the US still fills the IM slot",
     {"specialty": "internal-medicine", "location": "non-us"}, "internal-medicine"),
    ("im", "US IM subspecialist on an IM subspecialty service",
     {"specialty": "im-subspecialty"}, "im-subspecialty"),
    ("im", "Med-Peds physician seen on an IM service", {"specialty": "med-peds"},
     "internal-medicine"),
    ("peds", "US pediatrician on a pediatric service", {}, "pediatrics"),
    ("peds", "pediatrician outside the US", {"location": "non-us"}, "pediatrics"),
    ("peds", "Med-Peds physician seen on a pediatric service", {"specialty": "med-peds"},
     "pediatrics"),
    ("med-peds", "Med-Peds physician on a combined service", {"specialty": "med-peds"},
     "med-peds"),
    ("med-peds", "Med-Peds physician outside the US on a combined service",
     {"specialty": "med-peds", "location": "non-us"}, "med-peds"),
    ("supplementary", "research mentor", {"role": "research-mentor",
     "relationship": "research-only"}, "research"),
    ("supplementary", "pediatrician who knows the applicant from research only",
     {"relationship": "research-only"}, "research"),
    ("supplementary", "pediatrician who knows the applicant socially",
     {"relationship": "social"}, "pediatrics"),
    # r2: family medicine or another core clinical field fills the core-clinical slot, which
    # the Med-Peds guide accepts as the third letter (it was "supplementary" before)
    ("core-clinical", "family-medicine attending", {"specialty": "family-medicine",
     "peds_exposure": True}, "family-medicine"),
    ("core-clinical", "surgeon", {"specialty": "other-clinical"}, "other-clinical"),
    ("core-clinical", "pediatrician seen on an IM service", {}, "internal-medicine"),
    ("core-clinical", "internist seen on a pediatric service",
     {"specialty": "internal-medicine"}, "pediatrics"),
    ("core-clinical", "family-medicine attending outside the US",
     {"specialty": "family-medicine", "location": "non-us"}, "family-medicine"),
    ("supplementary", "family-medicine research mentor", {"specialty": "family-medicine",
     "role": "research-mentor", "relationship": "research-only"}, "research"),
    ("supplementary", "nurse on a pediatric service", {"role": "non-physician"}, "pediatrics"),
    ("supplementary", "non-clinical faculty", {"specialty": "non-clinical",
     "role": "non-clinical-faculty"}, "non-clinical"),
    ("supplementary", "non-clinical physician", {"specialty": "non-clinical"}, "non-clinical"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("slot", "changes", "service"),
    [(s, c, r) for s, _, c, r in SLOT_CASES],
    ids=[f"{s}: {d}" for s, d, _, _ in SLOT_CASES],
)
def test_the_med_peds_slot_of_a_letter(slot, changes, service):
    assert one_letter(service=service, **changes).slot == slot


def test_a_non_us_letter_in_a_core_slot_is_not_a_us_core_letter():
    letter = one_letter(service="internal-medicine", specialty="internal-medicine",
                        location="non-us")  # fmt: skip
    assert "im_core" in letter.features
    assert "us_im_core" not in letter.features


# --- departments (SPEC §4) ---------------------------------------------------------------

DEPARTMENT_CASES = [
    # writer specialty, rotation service, (pediatric, im, combined)
    ("pediatrics", "pediatrics", (True, False, False)),
    ("pediatrics", "peds-subspecialty", (True, False, False)),
    ("pediatrics", "med-peds", (True, False, False)),
    ("pediatrics", "internal-medicine", (False, False, False)),
    ("peds-subspecialty", "peds-subspecialty", (True, False, False)),
    ("peds-subspecialty", "med-peds", (True, False, False)),
    ("peds-subspecialty", "im-subspecialty", (False, False, False)),
    ("internal-medicine", "internal-medicine", (False, True, False)),
    ("internal-medicine", "im-subspecialty", (False, True, False)),
    ("internal-medicine", "med-peds", (False, True, False)),
    ("internal-medicine", "pediatrics", (False, False, False)),
    ("im-subspecialty", "im-subspecialty", (False, True, False)),
    ("im-subspecialty", "peds-subspecialty", (False, False, False)),
    ("med-peds", "med-peds", (True, True, True)),
    ("med-peds", "pediatrics", (True, False, False)),
    ("med-peds", "internal-medicine", (False, True, False)),
    ("family-medicine", "pediatrics", (False, False, False)),
    ("family-medicine", "family-medicine", (False, False, False)),
    ("other-clinical", "med-peds", (False, False, False)),
    ("non-clinical", "pediatrics", (False, False, False)),
]


@pytest.mark.parametrize(
    ("specialty", "service", "expected"),
    DEPARTMENT_CASES,
    ids=[f"{s} writer on a {r} service" for s, r, _ in DEPARTMENT_CASES],
)
def test_which_departments_a_letter_counts_for(specialty, service, expected):
    letter = one_letter(service=service, specialty=specialty)
    assert (letter.pediatric, letter.im, letter.combined) == expected


def test_a_med_peds_writer_on_a_combined_service_counts_for_every_core_feature():
    letter = one_letter(service="med-peds", specialty="med-peds")
    for feature in ("pediatric", "im", "combined", "peds_core", "im_core", "us_peds_core",
                    "us_im_core"):  # fmt: skip
        assert feature in letter.features, feature


# --- the US clinical letter ---------------------------------------------------------------

US_CLINICAL_CASES = [
    (True, "US attending, direct supervision", {}),
    (True, "US attending, indirect contact", {"relationship": "indirect"}),
    (True, "US chair, indirect contact", {"role": "department-chair", "relationship": "indirect"}),
    (True, "US program director", {"role": "program-leadership"}),
    (True, "US research mentor who supervised clinical work", {"role": "research-mentor"}),
    (False, "attending outside the US", {"location": "non-us"}),
    (False, "US nurse", {"role": "non-physician"}),
    (False, "US non-clinical faculty", {"role": "non-clinical-faculty"}),
    (False, "US attending, research only", {"relationship": "research-only"}),
    (False, "US attending, social contact", {"relationship": "social"}),
]


@pytest.mark.parametrize(
    ("expected", "changes"),
    [(e, c) for e, _, c in US_CLINICAL_CASES],
    ids=[d for _, d, _ in US_CLINICAL_CASES],
)
def test_which_letters_are_us_clinical_letters(expected, changes):
    letter = one_letter(service="pediatrics", **changes)
    assert letter.us_clinical is expected
    assert ("us_clinical" in letter.features) is expected


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"status": "declined"}, "declined"),
        ({"relationship": "social"}, "social"),
        ({"asked_to_self_draft": True}, "self-draft"),
    ],
)
def test_a_never_sent_letter_is_not_viable_and_counts_for_nothing(changes, reason):
    # r2: a self-drafted or social letter used to count towards "at least 3 letters"
    letter = one_letter(**changes)
    assert letter.never_sent == reason
    assert not letter.viable
    assert letter.credible == {"pediatrics": False, "med-peds": False}
    assert letter.strong == {"pediatrics": False, "med-peds": False}


@pytest.mark.parametrize(
    ("changes", "credible"),
    [
        ({}, {"pediatrics": True, "med-peds": True}),
        # a US internist with no pediatric exposure: tier 7 for Pediatrics (value 40)
        ({"specialty": "internal-medicine", "service": "internal-medicine"},
         {"pediatrics": True, "med-peds": True}),
        # the same, not asked yet and not told the goal: value 33 for Pediatrics
        ({"specialty": "internal-medicine", "service": "internal-medicine",
          "status": "candidate", "knows_goal": False}, {"pediatrics": False, "med-peds": True}),
        # a US research mentor fills no Med-Peds department (value 33)
        ({"role": "research-mentor", "relationship": "research-only", "kind": "research",
          "service": "research"}, {"pediatrics": True, "med-peds": False}),
        # a hesitant nurse
        ({"role": "non-physician", "status": "hesitant"}, {"pediatrics": False, "med-peds": False}),
    ],
    ids=["strong", "internist", "internist not asked", "research mentor", "hesitant nurse"],
)  # fmt: skip
def test_a_letter_is_credible_for_a_track_when_its_value_reaches_the_floor(changes, credible):
    letter = one_letter(**changes)
    assert letter.credible == credible
    for track, value in letter.values.items():
        assert credible[track] == (value >= 35)


def test_a_strong_letter_reaches_the_high_floor_and_has_no_warning_of_its_own():
    assert one_letter().strong == {"pediatrics": True, "med-peds": True}
    not_waived = one_letter(waived=False)
    assert not_waived.values["pediatrics"] >= 70 and not_waived.concerns == ("not-waived",)
    assert not_waived.strong == {"pediatrics": False, "med-peds": False}
    # an info finding (the goal not shared) does not stop a letter being strong
    assert one_letter(knows_goal=False).strong == {"pediatrics": True, "med-peds": True}


# --- working weeks (SPEC r2 §4) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "weeks"),
    [
        ("2026-10-05", "2026-10-30", 4),  # Mon–Fri, four weeks: 26 days
        ("2026-10-05", "2026-11-01", 4),  # the same through Sunday: 28 days
        ("2026-10-19", "2026-10-30", 2),  # Mon–Fri twice: 12 days
        ("2026-10-19", "2026-10-29", 1),  # 11 days
        ("2026-10-26", "2026-10-30", 1),  # one Mon–Fri week
        ("2026-10-26", "2026-10-26", 0),  # a single day
        ("2026-10-05", "2026-10-23", 3),  # 19 days
    ],
)
def test_time_together_is_counted_in_working_weeks(start, end, weeks):
    letter = one_letter(start=start, end=end)
    assert letter.weeks_together == weeks


@pytest.mark.parametrize(
    ("start", "end", "duration"),
    [
        ("2026-10-05", "2026-10-30", 1.0),  # 4 working weeks: long
        ("2026-10-19", "2026-10-30", 0.88),  # 2 working weeks: medium, not short
        ("2026-10-19", "2026-10-29", 0.65),  # 1 working week: short
    ],
)
def test_the_duration_factor_follows_working_weeks(start, end, duration):
    letter = one_letter(start=start, end=end)
    (factor,) = [f for f in letter.quality_factors if f.name == "duration"]
    assert factor.multiplier == duration


# --- viability -------------------------------------------------------------------------------


def test_a_declined_letter_is_not_viable_and_worth_nothing():
    letter = one_letter(status="declined")
    assert not letter.viable
    assert letter.quality == 0
    assert letter.values == {"pediatrics": 0, "med-peds": 0}


@pytest.mark.parametrize("status", ["candidate", "asked", "agreed-strong", "hesitant", "uploaded"])
def test_every_status_but_declined_is_viable(status):
    letter = one_letter(status=status)
    assert letter.viable
    assert letter.quality > 0


def test_a_perfect_recent_letter_scores_100():
    letter = one_letter()
    assert letter.quality == pytest.approx(100)
    assert letter.values["pediatrics"] == pytest.approx(100)


def test_values_are_only_computed_for_the_chosen_tracks():
    profile = make_profile([letter_pair(1)], tracks=["med-peds"])
    (letter,) = assess_letters(profile, AS_OF)
    assert set(letter.values) == {"med-peds"}


# --- letter age -----------------------------------------------------------------------------


def age_of(as_of: date = AS_OF, rotation_changes: dict | None = None, **writer_changes) -> Letter:
    rot = rotation("r1", **(rotation_changes or {}))
    profile = make_profile(rotations=[rot], writers=[writer("w1", **writer_changes)])
    (letter,) = assess_letters(profile, as_of)
    return letter


def days_old(letter: Letter) -> int:
    return round(letter.age_years * 365.25)


def test_a_dated_letter_is_aged_from_its_letter_date_when_that_is_earlier():
    letter = age_of(letter_date="2026-05-08")  # before the rotation ended (2026-06-28)
    assert days_old(letter) == (SUBMISSION - date(2026, 5, 8)).days


def test_a_letter_written_after_the_experience_is_aged_from_the_experience():
    # r2: the earlier of the letter's date and the end of the experience it describes
    letter = age_of(letter_date="2026-09-08")
    assert letter.aged_from == date(2026, 6, 28)
    assert days_old(letter) == (SUBMISSION - date(2026, 6, 28)).days


def test_a_dated_letter_ignores_the_rotation_and_today():
    a = age_of(letter_date="2026-01-10")
    b = age_of(as_of=date(2027, 5, 1), letter_date="2026-01-10",
               rotation_changes={"start": "2027-06-01", "end": "2027-06-28"})  # fmt: skip
    assert a.age_years == b.age_years


def test_an_undated_letter_from_a_finished_rotation_is_aged_from_its_end():
    # r2: the rotation ended in June 2026; a letter written today about it is a June 2026
    # letter for recency (it used to be aged from today)
    letter = age_of()
    assert days_old(letter) == (SUBMISSION - date(2026, 6, 28)).days


def test_a_letter_about_work_under_way_is_aged_from_today():
    letter = age_of(rotation_changes={"start": "2026-11-02", "end": "2026-12-18"})
    assert letter.aged_from == AS_OF


def test_three_2023_electives_with_writers_not_asked_yet_are_old_letters():
    pairs = [
        letter_pair(i, status="candidate", start=f"2023-0{i + 2}-06", end=f"2023-0{i + 3}-03")
        for i in (1, 2, 3)
    ]
    letters = assess_letters(make_profile(pairs), AS_OF)
    for x in letters:
        assert x.aged_from.year == 2023
        assert x.age_years > 4
        assert x.age_band.finding == "old-letter"
        assert "old-letter" in x.concerns


def test_an_undated_letter_from_a_rotation_ahead_is_aged_from_its_end():
    letter = age_of(rotation_changes={"start": "2027-03-01", "end": "2027-03-28"})
    assert days_old(letter) == (SUBMISSION - date(2027, 3, 28)).days


def test_an_undated_letter_without_a_rotation_is_aged_from_today():
    letter = age_of(as_of=date(2025, 9, 8), rotation_id=None)
    assert days_old(letter) == (SUBMISSION - date(2025, 9, 8)).days


def test_a_letter_dated_after_submission_is_zero_years_old():
    letter = age_of(letter_date="2027-12-01", rotation_id=None)
    assert letter.age_years == 0
    assert letter.age_band.code == "le1"


@pytest.mark.parametrize(
    ("days", "band"),
    [
        (0, "le1"),
        (365, "le1"),
        (366, "1-2"),
        (730, "1-2"),
        (731, "2-3"),
        (1095, "2-3"),
        (1096, "gt3"),
        (4000, "gt3"),
    ],
)
def test_the_age_band_of_a_letter(days, band):
    letter = age_of(letter_date=(SUBMISSION - timedelta(days=days)).isoformat(), rotation_id=None)
    assert letter.age_band.code == band


def test_older_age_bands_lower_the_track_value_but_not_the_quality():
    recent = age_of(letter_date="2027-01-01")
    old = age_of(letter_date="2023-01-01")
    assert recent.quality == old.quality
    assert old.values["pediatrics"] < recent.values["pediatrics"]
