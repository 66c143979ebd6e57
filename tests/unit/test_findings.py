"""Every finding code: one profile that raises it and a near miss that does not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from lorkit.assessment import Assessment, assess
from lorkit.models import Profile
from lorkit.registry import REGISTRY
from tests.conftest import AS_OF
from tests.unit.builders import (
    SUBMISSION,
    letter_pair,
    make_profile,
    profile_dict,
    strong_med_peds_set,
    strong_pediatrics_set,
    years_before,
)

ASK_BY = SUBMISSION - timedelta(days=28)
REMINDER_START = SUBMISSION - timedelta(days=14)


@dataclass
class Case:
    profile: Profile
    as_of: date = AS_OF
    track: str | None = None  # the track the finding should name (None: no track)
    writer_id: str | None = None  # the writer it should name (None: no writer)

    def run(self) -> Assessment:
        return assess(self.profile, self.as_of)


POSITIVE: dict[str, Callable[[], Case]] = {}
NEGATIVE: dict[str, Callable[[], Case]] = {}


def positive(code: str) -> Callable[[Callable[[], Case]], Callable[[], Case]]:
    def register(fn: Callable[[], Case]) -> Callable[[], Case]:
        assert code not in POSITIVE, f"two positive cases for {code}"
        POSITIVE[code] = fn
        return fn

    return register


def negative(code: str) -> Callable[[Callable[[], Case]], Callable[[], Case]]:
    def register(fn: Callable[[], Case]) -> Callable[[], Case]:
        assert code not in NEGATIVE, f"two negative cases for {code}"
        NEGATIVE[code] = fn
        return fn

    return register


def peds_with(rotation_changes: dict[str, Any] | None = None, **w1_changes: Any) -> Profile:
    """Three strong US pediatric letters for Pediatrics, with writer w1 (and r1) changed."""
    pairs = strong_pediatrics_set(3)
    rot, wr = pairs[0]
    rot.update(rotation_changes or {})
    wr.update(w1_changes)
    return make_profile(pairs)


def letter_case(rotation_changes: dict[str, Any] | None = None, **w1_changes: Any) -> Case:
    return Case(peds_with(rotation_changes, **w1_changes), writer_id="w1")


def peds_set(*pairs: tuple[dict, dict], **kwargs: Any) -> Case:
    return Case(make_profile(pairs, **kwargs), track="pediatrics")


def med_peds_set(*pairs: tuple[dict, dict], **kwargs: Any) -> Case:
    return Case(make_profile(pairs, tracks=["med-peds"], **kwargs), track="med-peds")


# --- one letter --------------------------------------------------------------------------


@positive("short-rotation")
def _():
    return letter_case({"start": "2026-10-19", "end": "2026-10-29"})  # 11 days: 1 working week


@negative("short-rotation")
def _():
    # 12 days, Mon–Fri twice: 2 working weeks (r2; it used to count as less than 2 weeks)
    return letter_case({"start": "2026-10-19", "end": "2026-10-30"})


@positive("observership-only")
def _():
    return letter_case({"kind": "observership"})


@negative("observership-only")
def _():
    return letter_case({"kind": "externship"})


@positive("aging-letter")
def _():
    return letter_case(letter_date=years_before(SUBMISSION, 2.5))


@negative("aging-letter")
def _():
    return letter_case(letter_date=years_before(SUBMISSION, 1.9))


@positive("old-letter")
def _():
    return letter_case(letter_date=years_before(SUBMISSION, 3.5))


@negative("old-letter")
def _():
    return letter_case(letter_date=years_before(SUBMISSION, 2.9))


@positive("social-connection")
def _():
    return letter_case(relationship="social")


@negative("social-connection")
def _():
    return letter_case(relationship="indirect")


@positive("non-physician-writer")
def _():
    return letter_case(role="non-physician")


@negative("non-physician-writer")
def _():
    return letter_case(role="non-clinical-faculty")


@positive("non-clinical-writer")
def _():
    return letter_case(role="non-clinical-faculty")


@negative("non-clinical-writer")
def _():
    return letter_case(role="non-physician")


@positive("distant-senior-writer")
def _():
    return letter_case(role="department-chair", relationship="indirect")


@negative("distant-senior-writer")
def _():
    return letter_case(role="department-chair", relationship="direct-supervision")


@positive("hesitant-writer")
def _():
    return letter_case(status="hesitant")


@negative("hesitant-writer")
def _():
    return letter_case(status="asked")


@positive("strong-not-requested")
def _():
    return letter_case(status="asked", asked_for_strong=False)


@negative("strong-not-requested")
def _():
    # not asked yet, so there has been no chance to ask for a strong letter
    return letter_case(status="candidate", asked_for_strong=False)


@positive("goal-not-shared")
def _():
    return letter_case(knows_goal=False)


@negative("goal-not-shared")
def _():
    return letter_case(knows_goal=True, asked_for_strong=False, status="candidate")


@positive("not-waived")
def _():
    return letter_case(waived=False)


@negative("not-waived")
def _():
    return letter_case(waived=True, knows_goal=False)


@positive("self-draft-request")
def _():
    return letter_case(asked_to_self_draft=True)


@negative("self-draft-request")
def _():
    return letter_case(asked_to_self_draft=False, status="hesitant")


@positive("reused-letter")
def _():
    return letter_case(previous_season=True)


@negative("reused-letter")
def _():
    return letter_case(previous_season=False, waived=False)


@positive("home-country-writer")
def _():
    return letter_case({"location": "non-us"}, location="non-us", status="candidate")


@negative("home-country-writer")
def _():
    # the letter is uploaded: too late for an outline
    return letter_case({"location": "non-us"}, location="non-us", status="uploaded")


@positive("no-linked-experience")
def _():
    return letter_case(rotation_id=None)


@negative("no-linked-experience")
def _():
    return letter_case({"kind": "observership"}, rotation_id="r1")


# --- the Pediatrics set ------------------------------------------------------------------


@positive("too-few-letters")
def _():
    return peds_set(*strong_pediatrics_set(2))


@negative("too-few-letters")
def _():
    return peds_set(*strong_pediatrics_set(3))


@positive("too-few-pediatric-letters")
def _():
    return peds_set(
        letter_pair(1),
        letter_pair(2, specialty="internal-medicine"),
        letter_pair(3, specialty="internal-medicine"),
    )


@negative("too-few-pediatric-letters")
def _():
    return peds_set(letter_pair(1), letter_pair(2), letter_pair(3, specialty="internal-medicine"))


@positive("no-us-clinical-letter")
def _():
    return peds_set(*(letter_pair(i, location="non-us") for i in (1, 2, 3)))


@negative("no-us-clinical-letter")
def _():
    # a US internist who supervised the applicant is a US clinical letter (not a pediatric one)
    return peds_set(
        letter_pair(1, location="non-us"),
        letter_pair(2, location="non-us"),
        letter_pair(3, specialty="internal-medicine"),
    )


@positive("no-us-pediatric-letter")
def _():
    return peds_set(
        letter_pair(1, location="non-us"),
        letter_pair(2, location="non-us"),
        letter_pair(3, specialty="internal-medicine"),
    )


@negative("no-us-pediatric-letter")
def _():
    return peds_set(
        letter_pair(1, location="non-us"),
        letter_pair(2, location="non-us"),
        letter_pair(3, relationship="indirect"),
    )


@positive("home-country-majority")
def _():
    return peds_set(
        letter_pair(1, location="non-us"), letter_pair(2, location="non-us"), letter_pair(3)
    )


@negative("home-country-majority")
def _():
    return peds_set(letter_pair(1, location="non-us"), letter_pair(2), letter_pair(3))


@positive("too-many-letters")
def _():
    return peds_set(*strong_pediatrics_set(5))


@negative("too-many-letters")
def _():
    pairs = strong_pediatrics_set(5)
    pairs[4][1]["status"] = "declined"
    return peds_set(*pairs)


@positive("weak-fourth-letter")
def _():
    # a US internist without pediatric exposure: credible (value 40) but not strong
    return peds_set(*strong_pediatrics_set(3), letter_pair(4, specialty="internal-medicine"))


@negative("weak-fourth-letter")
def _():
    # a good fourth letter (a US subspecialist) is worth sending, even next to three perfect ones
    return peds_set(
        *strong_pediatrics_set(3), letter_pair(4, specialty="peds-subspecialty", status="asked")
    )


@positive("no-hands-on-us-letter")
def _():
    return peds_set(*(letter_pair(i, kind="observership") for i in (1, 2, 3)))


@negative("no-hands-on-us-letter")
def _():
    return peds_set(letter_pair(1, kind="observership"), letter_pair(2, kind="observership"),
                    letter_pair(3))  # fmt: skip


@positive("weak-set")
def _():
    # three US pediatricians who saw the work only indirectly: every requirement is met, but
    # each letter is worth 68
    return peds_set(*(letter_pair(i, relationship="indirect") for i in (1, 2, 3)))


@negative("weak-set")
def _():
    # two letters only: the set is short, which too-few-letters says instead
    return peds_set(*(letter_pair(i, relationship="indirect") for i in (1, 2)))


# --- the Med-Peds set --------------------------------------------------------------------


@positive("missing-im-letter")
def _():
    return med_peds_set(letter_pair(1), letter_pair(2), letter_pair(3))


@negative("missing-im-letter")
def _():
    # a non-US internist still fills the IM slot
    return med_peds_set(
        letter_pair(1, specialty="internal-medicine", location="non-us"),
        letter_pair(2),
        letter_pair(3),
    )


@positive("missing-pediatric-letter")
def _():
    return med_peds_set(*(letter_pair(i, specialty="internal-medicine") for i in (1, 2, 3)))


@negative("missing-pediatric-letter")
def _():
    return med_peds_set(
        letter_pair(1, specialty="internal-medicine"),
        letter_pair(2, specialty="internal-medicine"),
        letter_pair(3, location="non-us"),
    )


@positive("no-med-peds-letter")
def _():
    return med_peds_set(
        letter_pair(1, specialty="internal-medicine"), letter_pair(2), letter_pair(3)
    )


@negative("no-med-peds-letter")
def _():
    return med_peds_set(*strong_med_peds_set())


@positive("few-us-clinical-letters")
def _():
    return med_peds_set(
        letter_pair(1, specialty="internal-medicine"),
        letter_pair(2, location="non-us"),
        letter_pair(3, location="non-us"),
    )


@negative("few-us-clinical-letters")
def _():
    return med_peds_set(
        letter_pair(1, specialty="internal-medicine"),
        letter_pair(2),
        letter_pair(3, location="non-us"),
    )


@positive("non-us-core-letter")
def _():
    return med_peds_set(
        letter_pair(1, specialty="internal-medicine", location="non-us"),
        letter_pair(2),
        letter_pair(3),
    )


@negative("non-us-core-letter")
def _():
    # with no IM letter at all, the missing-im-letter error says it; no second finding
    return med_peds_set(letter_pair(1), letter_pair(2), letter_pair(3))


@positive("combined-fit-unaddressed")
def _():
    pairs = strong_med_peds_set()
    for _, wr in pairs:
        wr["knows_goal"] = False
    return med_peds_set(*pairs)


@negative("combined-fit-unaddressed")
def _():
    pairs = strong_med_peds_set()
    for _, wr in pairs[1:]:
        wr["knows_goal"] = False
    return med_peds_set(*pairs)


# --- the whole profile -------------------------------------------------------------------


@positive("narrative-mismatch")
def _():
    return Case(make_profile(strong_pediatrics_set(3), career_focus=["critical-care"]))


@negative("narrative-mismatch")
def _():
    return Case(make_profile(strong_pediatrics_set(3), career_focus=["inpatient"]))


def candidate_case(as_of: date, status: str = "candidate") -> Case:
    pairs = strong_pediatrics_set(3)
    pairs[0][1]["status"] = status
    pairs[0][1]["asked_for_strong"] = status != "candidate"
    return Case(make_profile(pairs), as_of=as_of, writer_id="w1")


@positive("late-ask")
def _():
    return candidate_case(ASK_BY + timedelta(days=1))


@negative("late-ask")
def _():
    return candidate_case(ASK_BY)


@positive("reminder-due")
def _():
    return candidate_case(REMINDER_START, status="asked")


@negative("reminder-due")
def _():
    return candidate_case(REMINDER_START - timedelta(days=1), status="asked")


@positive("upload-overdue")
def _():
    return candidate_case(SUBMISSION + timedelta(days=1), status="asked")


@negative("upload-overdue")
def _():
    return candidate_case(SUBMISSION, status="asked")


def after_applying(as_of: date, status: str = "asked") -> Case:
    """Three uploaded letters that meet the requirements, and a fourth writer w1 pending."""
    pairs = strong_pediatrics_set(4)
    for _, wr in pairs[1:]:
        wr["status"] = "uploaded"
    pairs[0][1]["status"] = status
    return Case(make_profile(pairs), as_of=as_of, writer_id="w1")


@positive("assign-late-letters")
def _():
    return after_applying(SUBMISSION + timedelta(days=1))


@negative("assign-late-letters")
def _():
    return after_applying(SUBMISSION)


def graduated(year: int) -> Case:
    data = profile_dict(strong_pediatrics_set(3))
    data["applicant"]["graduation_year"] = year
    return Case(Profile.model_validate(data))


@positive("graduation-gap")
def _():
    return graduated(SUBMISSION.year - 6)


@negative("graduation-gap")
def _():
    return graduated(SUBMISSION.year - 5)


def with_program(**rules: Any) -> Case:
    """A ready Pediatrics profile (a J-1 applicant who graduated in the submission year)
    with one program on its list."""
    data = profile_dict(strong_pediatrics_set(3))
    data["applicant"].update(needs_visa=True, visa="j1", graduation_year=SUBMISSION.year)
    data["programs"] = [{"id": "p1", "name": "Invented Program", "track": "pediatrics", **rules}]
    return Case(Profile.model_validate(data))


@positive("program-ineligible")
def _():
    return with_program(visa=["h1b"])


@negative("program-ineligible")
def _():
    return with_program(visa=["j1", "h1b"], graduation_within_years=0)


@positive("program-rule-unmet")
def _():
    return with_program(chair_letter="required")


@negative("program-rule-unmet")
def _():
    return with_program(chair_letter="preferred", min_pediatric_letters=2, min_us_letters=1)


# --- the tests ---------------------------------------------------------------------------


def test_every_catalogued_code_has_a_positive_and_a_negative_case():
    assert set(POSITIVE) == set(REGISTRY), "add a positive case for each new finding code"
    assert set(NEGATIVE) == set(REGISTRY), "add a negative case for each new finding code"


def test_the_positive_cases_together_raise_every_catalogued_code():
    produced = set()
    for build in POSITIVE.values():
        produced |= {f.code for f in build().run().findings}
    assert produced == set(REGISTRY)


@pytest.mark.parametrize("code", sorted(POSITIVE))
def test_the_finding_is_raised(code):
    case = POSITIVE[code]()
    found = [f for f in case.run().findings if f.code == code]
    assert found, f"{code} was not raised"
    matching = [f for f in found if f.track == case.track and f.writer_id == case.writer_id]
    assert matching, (
        f"{code} was raised for {[(f.track, f.writer_id) for f in found]}, "
        f"expected track={case.track} writer={case.writer_id}"
    )
    f = matching[0]
    assert f.severity == REGISTRY[code].severity
    assert f.message.strip() and f.fix.strip()
    assert code not in f.message, "messages are for people: no codes in them"


@pytest.mark.parametrize("code", sorted(NEGATIVE))
def test_the_near_miss_does_not_raise_the_finding(code):
    case = NEGATIVE[code]()
    codes = [f.code for f in case.run().findings]
    assert code not in codes


@pytest.mark.parametrize(
    "build",
    [
        lambda: make_profile(strong_pediatrics_set(3)),
        lambda: make_profile(strong_med_peds_set(), tracks=["med-peds"]),
        lambda: make_profile(
            [
                letter_pair("im", specialty="internal-medicine", peds_exposure=True),
                *strong_med_peds_set()[1:],
            ],
            tracks=["pediatrics", "med-peds"],
        ),
    ],
    ids=["pediatrics", "med-peds", "both tracks"],
)
def test_a_strong_complete_profile_has_no_findings_and_is_ready(build):
    result = assess(build(), AS_OF)
    assert [f.code for f in result.findings] == []
    for t in result.tracks:
        assert t.verdict.value == "ready", (t.track, t.readiness)


def test_a_declined_writer_raises_no_letter_findings():
    profile = peds_with(
        {"kind": "observership", "start": "2026-06-20", "end": "2026-06-22"},
        status="declined",
        relationship="social",
        role="non-physician",
        waived=False,
        knows_goal=False,
        asked_to_self_draft=True,
        letter_date="2020-01-01",
    )
    result = assess(profile, AS_OF)
    assert [f for f in result.findings if f.writer_id == "w1"] == []


def test_a_candidate_left_out_of_every_set_is_not_late():
    pairs = [*strong_pediatrics_set(3), letter_pair(4, relationship="social", status="candidate")]
    result = assess(make_profile(pairs), ASK_BY + timedelta(days=1))
    assert "w4" not in {x.id for x in result.track("pediatrics").selected}
    assert ("late-ask", "w4") not in {(f.code, f.writer_id) for f in result.findings}


def test_an_uploaded_letter_is_never_due_or_overdue():
    for as_of in (REMINDER_START, SUBMISSION + timedelta(days=30)):
        result = candidate_case(as_of, status="uploaded").run()
        codes_for_w1 = {f.code for f in result.findings if f.writer_id == "w1"}
        codes_for_w2 = {f.code for f in result.findings if f.writer_id == "w2"}
        assert {"reminder-due", "upload-overdue"}.isdisjoint(codes_for_w1)
        assert {"reminder-due", "upload-overdue"} & codes_for_w2, "w2 has not uploaded"


def test_a_selected_candidate_is_overdue_once_submission_has_passed():
    result = candidate_case(SUBMISSION + timedelta(days=1)).run()
    assert ("upload-overdue", "w1") in {(f.code, f.writer_id) for f in result.findings}


def test_findings_are_listed_errors_first_then_warnings_then_info():
    profile = peds_with(letter_date="2023-01-10", waived=False, knows_goal=False)
    order = {"error": 0, "warning": 1, "info": 2}
    severities = [order[f.severity.value] for f in assess(profile, AS_OF).findings]
    assert len(set(severities)) == 3
    assert severities == sorted(severities)


# --- error findings and the verdict ------------------------------------------------------


def test_an_error_on_a_letter_left_out_does_not_block_a_ready_verdict():
    pairs = [*strong_pediatrics_set(3), letter_pair(4, relationship="social")]
    result = assess(make_profile(pairs), AS_OF)
    assert "social-connection" in {f.code for f in result.findings}
    assert result.track("pediatrics").verdict.value == "ready"


def test_an_error_on_a_selected_letter_makes_the_track_at_risk():
    # an old letter (an error) that still counts: it is chosen as the third letter
    result = assess(peds_with(letter_date=years_before(SUBMISSION, 3.2)), AS_OF)
    peds = result.track("pediatrics")
    assert "w1" in {x.id for x in peds.selected}
    assert ("old-letter", "w1") in {(f.code, f.writer_id) for f in result.findings}
    assert peds.readiness >= 60
    assert peds.verdict.value == "at-risk"


def test_a_self_drafted_letter_is_never_selected():
    # r2: it used to be chosen (and counted) as the third letter
    result = assess(peds_with(asked_to_self_draft=True), AS_OF)
    peds = result.track("pediatrics")
    assert "w1" not in {x.id for x in peds.selected}
    assert ("too-few-letters", "pediatrics") in {(f.code, f.track) for f in result.findings}


# --- after submission (SPEC r2 §5) ----------------------------------------------------------


def test_after_applying_a_complete_set_makes_a_pending_extra_a_reminder_not_an_error():
    result = after_applying(SUBMISSION + timedelta(days=3)).run()
    about_w1 = {(f.code, f.severity.value) for f in result.findings if f.writer_id == "w1"}
    assert ("assign-late-letters", "info") in about_w1
    assert "upload-overdue" not in {f.code for f in result.findings}
    assert result.track("pediatrics").verdict.value == "ready"


def test_after_applying_a_letter_the_set_needs_is_overdue():
    # only two letters are uploaded: the set needs the pending one
    case = after_applying(SUBMISSION + timedelta(days=3))
    data = profile_dict(strong_pediatrics_set(3))
    data["writers"][0]["status"] = "asked"
    data["writers"][1]["status"] = "uploaded"
    data["writers"][2]["status"] = "uploaded"
    result = assess(Profile.model_validate(data), case.as_of)
    overdue = [f for f in result.findings if f.code == "upload-overdue"]
    assert [(f.writer_id, f.severity.value) for f in overdue] == [("w1", "error")]
    assert "assign-late-letters" not in {f.code for f in result.findings if f.writer_id == "w1"}


def test_a_letter_written_after_applying_is_a_reminder_to_assign_it():
    case = after_applying(SUBMISSION + timedelta(days=20), status="uploaded")
    data = profile_dict(strong_pediatrics_set(4))
    for wr in data["writers"]:
        wr["status"] = "uploaded"
    data["writers"][0]["letter_date"] = (SUBMISSION + timedelta(days=10)).isoformat()
    result = assess(Profile.model_validate(data), case.as_of)
    late = [f for f in result.findings if f.code == "assign-late-letters"]
    assert [f.writer_id for f in late] == ["w1"]
    assert "after you applied" in late[0].message


def test_an_error_on_one_track_does_not_block_the_other():
    # three strong pediatric letters: ready for Pediatrics, but no IM letter for Med-Peds
    profile = make_profile(strong_pediatrics_set(3), tracks=["pediatrics", "med-peds"])
    result = assess(profile, AS_OF)
    assert ("missing-im-letter", "med-peds") in {(f.code, f.track) for f in result.findings}
    assert result.track("pediatrics").verdict.value == "ready"
    assert result.track("med-peds").verdict.value in ("at-risk", "not-ready")


# --- words (SPEC r2 §6) -------------------------------------------------------------------------


def test_a_subspecialty_focus_is_supported_by_a_pediatric_subspecialist_mentor():
    mentor = letter_pair(
        3, specialty="peds-subspecialty", role="research-mentor", relationship="research-only",
        kind="research", service="research",
    )  # fmt: skip
    profile = make_profile([*strong_pediatrics_set(2), mentor], career_focus=["subspecialty"])
    result = assess(profile, AS_OF)
    assert "w3" in {x.id for x in result.track("pediatrics").selected}
    assert "narrative-mismatch" not in {f.code for f in result.findings}
    # near miss: a general pediatric research mentor does not speak to a subspecialty
    general = letter_pair(3, role="research-mentor", relationship="research-only",
                          kind="research", service="research")  # fmt: skip
    profile = make_profile([*strong_pediatrics_set(2), general], career_focus=["subspecialty"])
    assert "narrative-mismatch" in {f.code for f in assess(profile, AS_OF).findings}


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([letter_pair(1), letter_pair(2, specialty="internal-medicine", peds_exposure=True),
          letter_pair(3, specialty="internal-medicine", peds_exposure=True)],
         "Only 1 letter from pediatricians counts for Pediatrics; aim for at least 2."),
        ([letter_pair(1, specialty="internal-medicine", peds_exposure=True),
          letter_pair(2, specialty="internal-medicine", peds_exposure=True),
          letter_pair(3, specialty="internal-medicine", peds_exposure=True)],
         "No letter from pediatricians counts for Pediatrics; aim for at least 2."),
    ],
    ids=["one", "none"],
)  # fmt: skip
def test_requirement_messages_agree_in_number(pairs, expected):
    result = assess(make_profile(pairs), AS_OF)
    (f,) = [f for f in result.findings if f.code == "too-few-pediatric-letters"]
    assert f.message == expected


def test_a_weak_letter_in_the_set_is_named_as_too_weak_to_count():
    weak = letter_pair(3, role="non-physician", status="hesitant")
    result = assess(make_profile([*strong_pediatrics_set(2), weak]), AS_OF)
    assert "w3" in {x.id for x in result.track("pediatrics").selected}
    (f,) = [f for f in result.findings if f.code == "too-few-letters"]
    assert f.message == (
        "Only 2 letters for Pediatrics count (Dr. w3's letter, value 13 of 100, is too weak to "
        "count); programs usually ask for 3."
    )


def test_values_are_shown_on_their_scale():
    pairs = [*strong_pediatrics_set(3), letter_pair(4, specialty="internal-medicine")]
    result = assess(make_profile(pairs), AS_OF)
    reason = result.track("pediatrics").left_out["w4"]
    assert reason.startswith("Value 40 of 100") and "Worth" not in reason
    (f,) = [f for f in result.findings if f.code == "weak-fourth-letter"]
    assert "(value 40 of 100)" in f.message
    assert "pediatrician" in f.fix and "longer" not in f.fix


def test_a_value_just_below_a_floor_is_not_rounded_up_to_it():
    from lorkit.wording import of_100

    assert of_100(69.96, 70) == "69.9 of 100"
    assert of_100(69.96) == "70 of 100"
    assert of_100(44.4, 70) == "44 of 100"


def test_a_textbook_us_im_peds_and_family_medicine_set_is_ready_for_med_peds():
    pairs = [
        letter_pair("im", specialty="internal-medicine"),
        letter_pair("peds"),
        letter_pair("fm", specialty="family-medicine"),
    ]
    result = assess(make_profile(pairs, tracks=["med-peds"]), AS_OF)
    t = result.track("med-peds")
    assert result.letter("wfm").slot == "core-clinical"
    assert [x.id for x in t.selected] == ["wim", "wpeds", "wfm"]
    assert t.readiness >= 80 and t.verdict.value == "ready"
    assert {f.code for f in result.findings} == {"no-med-peds-letter"}
