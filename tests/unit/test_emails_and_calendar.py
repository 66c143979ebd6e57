"""E-mail drafts filled from the profile, and the .ics calendar parsed back."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar

from lorkit.actions import ActionKind, build_actions
from lorkit.assessment import assess
from lorkit.calendar_export import calendar_bytes
from lorkit.emails import draft, drafts_for, relevant_kinds, upload_by
from lorkit.enums import DraftKind
from lorkit.profile_io import load_profile
from tests.conftest import AS_OF, SAMPLES_DIR
from tests.unit.builders import letter_pair, make_profile, rotation, writer

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
    assert profile.applicant.name in text
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
    past = make_profile([letter_pair(1)])
    assert DraftKind.MENTION not in relevant_kinds(past, past.writers[0], AS_OF)
    ahead = make_profile(
        rotations=[rotation("r1", start="2027-02-01", end="2027-02-28")], writers=[writer("w1")]
    )
    assert relevant_kinds(ahead, ahead.writers[0], AS_OF) == list(DraftKind)


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
