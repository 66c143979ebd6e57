"""The sample profiles at a fixed date: pinned readiness, verdicts, letter sets and findings.

These numbers were computed once and then read against the two letter guides. If a rule
change moves them, check the new result is still sensible before updating the pins.
"""

from __future__ import annotations

import pytest

from lorkit.assessment import assess
from lorkit.enums import Severity
from lorkit.profile_io import load_profile
from tests.conftest import AS_OF, SAMPLE_NAMES, SAMPLES_DIR

# track → (readiness, verdict, selected writer ids in the order shown)
EXPECTED_TRACKS = {
    # Two letters so far (one US sub-internship ahead, one home-country): too few for either
    # track, and nothing yet from internal medicine for Med-Peds.
    "early-stage": {
        "pediatrics": (31, "not-ready", ["w-peds-subi", "w-home"]),
        "med-peds": (16, "not-ready", ["w-peds-subi", "w-home"]),
    },
    # Home-country letters only, plus a hesitant observership writer who asked for a
    # self-drafted letter and a family friend: neither is sent; the third letter sent is a
    # six-year-old internal-medicine letter.
    "home-country-heavy": {
        "pediatrics": (21, "not-ready", ["w-home-att", "w-home-chair", "w-home-im"]),
    },
    # US Med-Peds, IM and pediatrics letters: ready for Med-Peds (a strong home-country IM
    # chair is a useful fourth). For Pediatrics the IM letter is the weak third one.
    "med-peds-complete": {
        "med-peds": (95, "ready", ["w-medpeds", "w-im", "w-peds", "w-home"]),
        "pediatrics": (76, "nearly-ready", ["w-medpeds", "w-peds", "w-im"]),
    },
    # The Pediatrics guide's example applicant: two US pediatric attendings who supervised
    # directly, the US neonatologist and, as the guide's "another US clinical letter", the
    # internist who saw adolescents; the research mentor and the home chair are weaker and
    # left out.
    "pediatrics-guide-example": {
        "pediatrics": (92, "ready", ["w-wards", "w-clinic", "w-nicu", "w-im"]),
    },
}

EXPECTED_CODES = {
    "early-stage": {
        "too-few-letters",
        "missing-im-letter",
        "few-us-clinical-letters",
        "no-med-peds-letter",
        "goal-not-shared",
        "narrative-mismatch",
    },
    "home-country-heavy": {
        "old-letter",
        "self-draft-request",
        "social-connection",
        "distant-senior-writer",
        "not-waived",
        "hesitant-writer",
        "short-rotation",
        "home-country-majority",
        "no-us-clinical-letter",
        "no-us-pediatric-letter",
        "narrative-mismatch",
        "strong-not-requested",
        "observership-only",
        "no-linked-experience",
        "too-many-letters",
        "weak-fourth-letter",
    },
    "med-peds-complete": {"weak-fourth-letter"},
    "pediatrics-guide-example": {"goal-not-shared", "too-many-letters"},
}

# The errors, with the track or writer they are about.
EXPECTED_ERRORS = {
    "early-stage": {
        ("too-few-letters", "pediatrics", None),
        ("too-few-letters", "med-peds", None),
        ("missing-im-letter", "med-peds", None),
    },
    "home-country-heavy": {
        ("old-letter", None, "w-home-im"),
        ("self-draft-request", None, "w-us-obs"),
        ("social-connection", None, "w-family"),
    },
    "med-peds-complete": set(),
    "pediatrics-guide-example": set(),
}


def test_every_sample_has_pinned_expectations():
    assert set(SAMPLE_NAMES) == set(EXPECTED_TRACKS) == set(EXPECTED_CODES) == set(EXPECTED_ERRORS)


@pytest.fixture
def result(sample):
    name, profile = sample
    return name, assess(profile, AS_OF)


def test_readiness_verdict_and_letter_set_per_track(result):
    name, a = result
    got = {t.track: (t.readiness, t.verdict.value, [x.id for x in t.selected]) for t in a.tracks}
    assert got == EXPECTED_TRACKS[name]


def test_the_tracks_are_listed_in_the_order_the_applicant_chose(result):
    name, a = result
    assert [t.track for t in a.tracks] == list(EXPECTED_TRACKS[name])


def test_the_finding_codes(result):
    name, a = result
    assert {f.code for f in a.findings} == EXPECTED_CODES[name]


def test_the_errors_and_what_they_are_about(result):
    name, a = result
    errors = {(f.code, f.track, f.writer_id) for f in a.findings if f.severity == Severity.ERROR}
    assert errors == EXPECTED_ERRORS[name]


def test_the_guide_example_leaves_out_the_weaker_letters_with_a_reason():
    a = assess(load_profile(SAMPLES_DIR / "pediatrics-guide-example.json"), AS_OF)
    left_out = a.track("pediatrics").left_out
    assert set(left_out) == {"w-research", "w-chair"}
    assert all(reason.strip() for reason in left_out.values())


def test_the_guide_example_tiers_follow_the_guide_hierarchy():
    a = assess(load_profile(SAMPLES_DIR / "pediatrics-guide-example.json"), AS_OF)
    tiers = {x.id: x.tier for x in a.letters}
    assert tiers == {
        "w-wards": 1,
        "w-clinic": 1,
        "w-nicu": 3,
        "w-im": 4,
        "w-research": 5,
        "w-chair": 6,
    }


def test_the_med_peds_sample_fills_every_slot():
    a = assess(load_profile(SAMPLES_DIR / "med-peds-complete.json"), AS_OF)
    slots = {x.id: x.slot for x in a.letters}
    assert slots == {"w-im": "im", "w-peds": "peds", "w-medpeds": "med-peds", "w-home": "im"}
