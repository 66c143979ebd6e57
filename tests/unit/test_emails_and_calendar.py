"""E-mail drafts filled from the profile, and the .ics calendar parsed back."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from lorkit.actions import ActionKind, build_actions
from lorkit.assessment import assess
from lorkit.calendar_export import calendar_bytes
from lorkit.emails import draft, drafts_for, relevant_kinds, upload_by
from lorkit.enums import DraftKind
from lorkit.profile_io import load_profile
from tests.conftest import AS_OF, SAMPLES_DIR
from tests.unit.builders import SUBMISSION, letter_pair, make_profile, rotation, writer

MED_PEDS = SAMPLES_DIR / "med-peds-complete.json"
GUIDE = SAMPLES_DIR / "pediatrics-guide-example.json"


def test_the_ask_asks_for_a_strong_letter_with_dates_names_and_the_place():
    profile = load_profile(GUIDE)
    w = next(x for x in profile.writers if x.id == "w-clinic")
    text = draft(profile, w, DraftKind.ASK).text
    assert "strong letter" in text
    assert "Dear Dr. Rafael Ortiz," in text
    assert "Riverside Pediatric Associates" in text
    assert "8 September 2027" in text  # submission
    assert "25 August 2027" in text  # upload-by: two weeks before
    assert profile.applicant.name is not None and profile.applicant.name in text
    assert "Medicine-Pediatrics" not in text


def test_a_med_peds_ask_says_why_combined_training():
    profile = load_profile(MED_PEDS)
    w = profile.writers[0]
    text = draft(profile, w, DraftKind.ASK).text
    assert "combined training" in text
    # the stated focus (adolescent transition) becomes the reason
    assert "adolescents and young adults" in text


def test_without_a_focus_the_combined_reason_is_left_for_the_applicant_to_fill():
    profile = make_profile([letter_pair(1)], tracks=("med-peds",))
    text = draft(profile, profile.writers[0], DraftKind.ASK).text
    assert "[one sentence on why you want combined training]" in text


def test_the_packet_note_lists_the_checklist_of_the_tracks():
    peds = load_profile(GUIDE)
    text = draft(peds, peds.writers[0], DraftKind.PACKET).text
    assert "my CV" in text and "personal statement" in text and "Letter ID" in text
    assert "USMLE" not in text
    med = load_profile(MED_PEDS)
    text = draft(med, med.writers[0], DraftKind.PACKET).text
    assert "USMLE" in text and "combined" in text


def test_the_reminder_is_polite_and_names_the_submission_date():
    profile = load_profile(GUIDE)
    text = draft(profile, profile.writers[1], DraftKind.REMINDER).text
    assert "reminder" in text.lower()
    assert "8 September 2027" in text


def test_an_unnamed_applicant_gets_a_placeholder_signature():
    data = make_profile([letter_pair(1)]).model_dump(mode="json")
    data["applicant"]["name"] = None
    from lorkit.models import Profile

    profile = Profile.model_validate(data)
    assert (
        draft(profile, profile.writers[0], DraftKind.MENTION).text.rstrip().endswith("[Your name]")
    )


def test_the_early_mention_is_offered_only_while_the_rotation_is_ahead_or_under_way():
    past = make_profile([letter_pair(1, status="candidate")])
    assert relevant_kinds(past, past.writers[0], AS_OF) == [DraftKind.ASK]
    # r2: the drafts follow the status, so the writer here is a candidate (the builders'
    # default writer has agreed, and was offered every draft before)
    ahead = make_profile(
        rotations=[rotation("r1", start="2027-02-01", end="2027-02-28")],
        writers=[writer("w1", status="candidate")],
    )
    assert relevant_kinds(ahead, ahead.writers[0], AS_OF) == [DraftKind.MENTION, DraftKind.ASK]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("candidate", [DraftKind.ASK]),
        ("asked", [DraftKind.REMINDER]),
        ("agreed-strong", [DraftKind.PACKET, DraftKind.REMINDER]),
        ("hesitant", [DraftKind.PACKET, DraftKind.REMINDER]),
        ("uploaded", []),
        ("declined", []),
    ],
)
def test_the_drafts_follow_the_status_and_no_ask_once_they_agreed(status, expected):
    profile = make_profile(
        rotations=[rotation("r1", start="2027-02-01", end="2027-02-28")],
        writers=[writer("w1", status=status)],
    )
    got = relevant_kinds(profile, profile.writers[0], AS_OF)
    assert got == ([DraftKind.MENTION, *expected] if status == "candidate" else expected)
    if status != "candidate":
        assert DraftKind.ASK not in got and DraftKind.MENTION not in got


def test_the_reminder_of_a_writer_who_was_asked_is_a_follow_up_with_the_ask_date():
    profile = make_profile([letter_pair(1, status="asked", asked_on="2026-11-12")])
    text = draft(profile, profile.writers[0], DraftKind.REMINDER, AS_OF).text
    assert "Thursday 12 November 2026" in text
    assert "agreed" not in text
    agreed = make_profile([letter_pair(1, status="agreed-strong")])
    assert "kindly agreed" in draft(agreed, agreed.writers[0], DraftKind.REMINDER, AS_OF).text


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def test_the_dates_in_the_drafts_are_the_dates_in_the_action_table():
    profile = make_profile(
        [
            letter_pair(1, status="agreed-strong", asked_on="2027-06-01"),
            letter_pair(2, status="agreed-strong", asked_on="2027-08-27"),  # after 2 weeks out
            letter_pair(3, status="candidate"),
        ]
    )
    a = assess(profile, AS_OF)
    actions = build_actions(a)
    for w in profile.writers:
        mine = {x.kind: x for x in actions if x.writer_id == w.id}
        text = (
            draft(profile, w, DraftKind.PACKET, AS_OF).text
            + draft(profile, w, DraftKind.ASK, AS_OF).text
        )
        shown = set(re.findall(r"[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}", text))
        table = {_long(x.start) for x in mine.values()} | {_long(x.end) for x in mine.values()}
        submission = _long(profile.applicant.submission_date)
        assert shown - {submission} <= table | {_long(upload_by(profile))}, w.id
        if w.id == "w1":
            first = mine[ActionKind.REMINDER_2W].start
            assert f"uploaded by {_long(first)}" in text
        if w.id == "w2":  # agreed after the gentle reminder's date: by the last one
            assert ActionKind.REMINDER_2W not in mine
            assert f"uploaded by {_long(mine[ActionKind.REMINDER_1W].start)}" in text


def test_an_ask_after_the_reminders_asks_for_the_letter_before_submission():
    profile = make_profile([letter_pair(1, status="candidate")])
    late = SUBMISSION - timedelta(days=10)
    text = draft(profile, profile.writers[0], DraftKind.ASK, late).text
    assert "as soon as you can, before my submission date" in text
    assert _long(upload_by(profile)) not in text


def test_a_home_country_writers_packet_note_carries_the_outline_of_a_us_letter():
    home = make_profile([letter_pair(1, location="non-us")])
    text = draft(home, home.writers[0], DraftKind.PACKET, AS_OF).text
    assert "what US residency programs look for in a letter" in text
    assert "compare" in text
    us = make_profile([letter_pair(1)])
    assert (
        "US residency programs look for"
        not in draft(us, us.writers[0], DraftKind.PACKET, AS_OF).text
    )


def test_edited_drafts_replace_lorkits_own():
    profile = make_profile([letter_pair(1, drafts={"ask": "My own words."})])
    texts = drafts_for(profile, profile.writers[0])
    assert texts[DraftKind.ASK] == "My own words."
    assert texts[DraftKind.REMINDER].startswith("Subject:")


def test_upload_by_is_two_weeks_before_submission():
    profile = make_profile([letter_pair(1)])
    assert upload_by(profile) == profile.applicant.submission_date - timedelta(days=14)


# --- calendar ---------------------------------------------------------------------------


def parsed(profile, as_of=AS_OF):
    a = assess(profile, as_of)
    return a, build_actions(a), Calendar.from_ical(calendar_bytes(a))


def test_every_action_is_an_all_day_event_with_its_dates():
    _, actions, cal = parsed(load_profile(GUIDE))
    events = cal.walk("VEVENT")
    assert len(events) == len(actions)
    by_uid = {str(e["UID"]): e for e in events}
    for x in actions:
        e = by_uid[f"{x.writer_id or 'application'}-{x.kind.value}@lorkit"]
        start = e.decoded("DTSTART")
        end = e.decoded("DTEND")
        assert isinstance(start, date) and not hasattr(start, "hour")
        assert start == x.start
        assert end == x.end + timedelta(days=1)


def test_the_calendar_has_the_submission_and_names_the_writers():
    profile = load_profile(GUIDE)
    _, _, cal = parsed(profile)
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert "Submit your ERAS application" in summaries
    assert any("Dr. Laura Kim" in s for s in summaries)
    sub = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Submit"))
    assert sub.decoded("DTSTART") == profile.applicant.submission_date


def test_the_calendar_is_valid_icalendar_with_stable_uids():
    profile = load_profile(SAMPLES_DIR / "early-stage.json")
    _, _, first = parsed(profile)
    _, _, again = parsed(profile, AS_OF + timedelta(days=30))
    assert first["VERSION"] == "2.0"
    assert str(first["PRODID"]).startswith("-//lorkit//")
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]


def test_rotation_dates_appear_for_a_rotation_ahead():
    profile = load_profile(SAMPLES_DIR / "early-stage.json")
    _, actions, cal = parsed(profile)
    mention = next(x for x in actions if x.kind == ActionKind.MENTION)
    event = next(
        e for e in cal.walk("VEVENT") if str(e["UID"]) == f"{mention.writer_id}-mention@lorkit"
    )
    assert event.decoded("DTSTART") == date(2027, 2, 8)


def test_the_calendar_describes_every_kind_of_action():
    profile = make_profile(
        [
            letter_pair(1, status="candidate", start="2027-03-01", end="2027-03-28"),
            letter_pair(2, status="candidate"),
            letter_pair(3, status="asked", asked_on="2026-11-20"),
            letter_pair(4, status="agreed-strong", location="non-us"),
            letter_pair(5, status="uploaded"),
            # uploaded after the submission date: a reminder to assign it by hand
            letter_pair(6, status="uploaded", letter_date="2027-09-20"),
        ]
    )
    _, actions, cal = parsed(profile)
    assert {x.kind for x in actions} == set(ActionKind)
    late = next(x for x in actions if x.kind == ActionKind.ASSIGN_LATE)
    assert late.writer_id == "w6" and late.start == date(2027, 9, 20)
    by_uid = {str(e["UID"]): str(e["DESCRIPTION"]) for e in cal.walk("VEVENT")}
    assert "compare" in by_uid["w4-packet@lorkit"]  # the outline for a home-country writer
    assert "compare" not in by_uid.get("w1-packet@lorkit", "")
    assert "assign" in by_uid["w5-assign@lorkit"]
    assert "by hand" in by_uid["w6-assign-late@lorkit"]
