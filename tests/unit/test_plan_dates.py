"""The plan's dates: each writer's steps follow their status (SPEC r2 §7).

A candidate is mentioned and asked (at the end of the experience, or now for one long past,
never after the ask-by date); an asked writer gets a follow-up; a writer who agreed gets the
packet and reminders; an uploaded letter is assigned to the programs.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorkit import rules
from lorkit.assessment import assess
from lorkit.plan import (
    ASK_KINDS,
    ActionKind,
    PlanEntry,
    ask_by,
    ask_window,
    build_plan,
    follow_up_days,
    reminder_dates,
    rotation_dates,
)
from lorkit.profile_io import profile_from_dict
from tests.conftest import AS_OF
from tests.unit.builders import (
    SUBMISSION,
    letter_pair,
    make_profile,
    profile_dict,
    rotation,
    writer,
)

D = timedelta(days=1)
ASK_BY = SUBMISSION - 28 * D  # 2027-08-11


def plan_for(*pairs, as_of: date = AS_OF, submission: date = SUBMISSION) -> dict[str, PlanEntry]:
    profile = make_profile(pairs, submission=submission)
    return {e.writer_id: e for e in build_plan(profile, as_of)}


def only(*pairs, **kwargs) -> PlanEntry:
    (entry,) = plan_for(*pairs, **kwargs).values()
    return entry


def kinds(entry: PlanEntry) -> list[ActionKind]:
    return [s.kind for s in entry.steps]


def dates(entry: PlanEntry, kind: ActionKind) -> tuple[date, date]:
    step = entry.step(kind)
    assert step is not None, f"no {kind} in {kinds(entry)}"
    return step.start, step.end


# --- the fixed dates ---------------------------------------------------------------------------


def test_the_ask_window_runs_from_8_to_4_weeks_before_submission():
    assert ask_window(SUBMISSION) == (SUBMISSION - 56 * D, SUBMISSION - 28 * D)
    assert ask_window(SUBMISSION) == (date(2027, 7, 14), date(2027, 8, 11))
    assert ask_by(SUBMISSION) == ASK_BY


def test_reminders_fall_2_weeks_and_1_week_before_submission():
    # was tested on an asked writer; in r2 reminders belong to a writer who agreed
    entry = only(letter_pair(1, status="agreed-strong", asked_on="2027-06-01"))
    assert dates(entry, ActionKind.REMINDER_2W) == (SUBMISSION - 14 * D, SUBMISSION - 8 * D)
    assert dates(entry, ActionKind.REMINDER_1W) == (SUBMISSION - 7 * D, SUBMISSION - D)
    assert reminder_dates(SUBMISSION) == (SUBMISSION - 14 * D, SUBMISSION - 7 * D)


@pytest.mark.parametrize("submission", [date(2027, 9, 1), date(2028, 2, 29), date(2026, 1, 3)])
def test_the_dates_move_with_the_submission_date(submission):
    ask_from, by = ask_window(submission)
    assert submission - ask_from == timedelta(weeks=8)
    assert submission - by == timedelta(weeks=4)
    assert [submission - d for d in reminder_dates(submission)] == [
        timedelta(weeks=2),
        timedelta(weeks=1),
    ]
    entry = only(letter_pair(1), submission=submission, as_of=date(2025, 1, 1))
    assert submission - dates(entry, ActionKind.REMINDER_2W)[0] == timedelta(weeks=2)
    assert submission - dates(entry, ActionKind.REMINDER_1W)[0] == timedelta(weeks=1)


def test_the_follow_up_comes_a_week_after_the_ask():
    assert follow_up_days() == 7


# --- which writers, in which order ----------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "planned"),
    [
        ("candidate", True),
        ("asked", True),
        ("agreed-strong", True),
        ("hesitant", True),
        ("uploaded", True),  # r2: "assign it to your programs" (was: no entry)
        ("declined", False),
    ],
)
def test_which_writers_get_a_plan_entry(status, planned):
    entries = plan_for(letter_pair(1, status=status))
    assert ("w1" in entries) is planned


def test_entries_follow_the_order_of_the_writers():
    pairs = [letter_pair(i, status=s) for i, s in enumerate(["asked", "uploaded", "candidate"])]
    # r2: the uploaded letter has an entry too (assign it); was ["w0", "w2"]
    assert list(plan_for(*pairs)) == ["w0", "w1", "w2"]


# --- a candidate -------------------------------------------------------------------------------


def test_a_rotation_ahead_gets_mention_dates_one_to_two_weeks_in_and_an_ask_at_its_end():
    entry = only(letter_pair(1, status="candidate", start="2027-03-01", end="2027-03-28"))
    assert kinds(entry) == [ActionKind.MENTION, ActionKind.ASK_AT_END]
    assert dates(entry, ActionKind.MENTION) == (date(2027, 3, 8), date(2027, 3, 15))
    assert dates(entry, ActionKind.ASK_AT_END) == (date(2027, 3, 24), date(2027, 4, 4))


def test_a_rotation_under_way_still_gets_its_dates():
    entry = only(
        letter_pair(1, status="candidate", start="2027-03-01", end="2027-03-28"),
        as_of=date(2027, 3, 20),
    )
    assert kinds(entry) == [ActionKind.MENTION, ActionKind.ASK_AT_END]
    assert dates(entry, ActionKind.ASK_AT_END)[0] <= date(2027, 3, 28)


def test_a_rotation_that_just_ended_is_still_asked_as_it_ends_without_a_mention():
    entry = only(
        letter_pair(1, status="candidate", start="2027-03-01", end="2027-03-28"),
        as_of=date(2027, 4, 1),
    )
    assert kinds(entry) == [ActionKind.ASK_AT_END]


def test_an_experience_long_past_is_asked_now_not_in_the_weeks_before_submission():
    # the rotation ended in June 2026: the ask is now (24 Nov 2026), not a year later in the
    # old 8-to-4-weeks window
    entry = only(letter_pair(1, status="candidate"))
    assert kinds(entry) == [ActionKind.ASK_NOW]
    start, end = dates(entry, ActionKind.ASK_NOW)
    assert start == AS_OF
    assert end == AS_OF + timedelta(days=rules.scoring().plan.ask_at_end_after_days)


def test_an_unlinked_candidate_is_asked_now():
    profile = make_profile(
        rotations=[rotation("r1")], writers=[writer("w1", status="candidate", rotation_id=None)]
    )
    (entry,) = build_plan(profile, AS_OF)
    assert kinds(entry) == [ActionKind.ASK_NOW]


def test_an_ask_is_never_planned_after_the_ask_by_date():
    # the rotation ends in late August: the formal ask moves to the ask-by date
    entry = only(letter_pair(1, status="candidate", start="2027-08-02", end="2027-08-29"))
    start, end = dates(entry, ActionKind.ASK_AT_END)
    assert (start, end) == (ASK_BY, ASK_BY)
    assert dates(entry, ActionKind.MENTION) == (date(2027, 8, 9), ASK_BY)


def test_a_rotation_starting_after_the_ask_by_date_gets_no_mention():
    entry = only(letter_pair(1, status="candidate", start="2027-08-16", end="2027-09-05"))
    assert kinds(entry) == [ActionKind.ASK_AT_END]
    assert dates(entry, ActionKind.ASK_AT_END)[1] == ASK_BY


def test_after_the_ask_by_date_the_ask_is_overdue_from_that_date_not_dated_later():
    late = SUBMISSION - 10 * D
    entry = only(letter_pair(1, status="candidate"), as_of=late)
    start, end = dates(entry, ActionKind.ASK_NOW)
    assert (start, end) == (ASK_BY, ASK_BY)
    assert end < late and end < SUBMISSION


@pytest.mark.parametrize("status", ["asked", "agreed-strong", "hesitant", "uploaded"])
def test_no_ask_and_no_mention_for_a_writer_already_asked(status):
    entry = only(letter_pair(1, status=status, start="2027-03-01", end="2027-03-28"))
    assert not {ActionKind.MENTION, *ASK_KINDS} & set(kinds(entry))
    assert entry.ask is None


# --- asked, agreed, uploaded -------------------------------------------------------------------


def test_an_asked_writer_gets_a_follow_up_a_week_after_the_ask():
    entry = only(letter_pair(1, status="asked", asked_on="2026-11-20"))
    assert kinds(entry) == [ActionKind.FOLLOW_UP]
    assert dates(entry, ActionKind.FOLLOW_UP) == (date(2026, 11, 27), date(2026, 12, 3))


def test_an_asked_writer_without_an_ask_date_is_followed_up_now():
    entry = only(letter_pair(1, status="asked", asked_on=None))
    assert dates(entry, ActionKind.FOLLOW_UP)[0] == AS_OF


def test_a_follow_up_is_never_after_submission():
    entry = only(letter_pair(1, status="asked", asked_on="2027-09-05"), as_of=date(2027, 9, 5))
    start, end = dates(entry, ActionKind.FOLLOW_UP)
    assert start <= end < SUBMISSION
    assert start >= date(2027, 9, 5)


@pytest.mark.parametrize("status", ["agreed-strong", "hesitant"])
def test_a_writer_who_agreed_gets_the_packet_then_the_reminders(status):
    entry = only(letter_pair(1, status=status, asked_on="2027-07-20"))
    assert kinds(entry) == [ActionKind.PACKET, ActionKind.REMINDER_2W, ActionKind.REMINDER_1W]
    assert dates(entry, ActionKind.PACKET) == (date(2027, 7, 20), date(2027, 7, 27))


def test_the_packet_never_comes_before_the_ask():
    # asked after the ask-by date: the packet follows the ask (it used to be dated before it)
    entry = only(letter_pair(1, status="agreed-strong", asked_on="2027-08-27"))
    start, end = dates(entry, ActionKind.PACKET)
    assert start == date(2027, 8, 27) and end == date(2027, 9, 3)
    # and no reminder is planned before they agreed
    assert kinds(entry) == [ActionKind.PACKET, ActionKind.REMINDER_1W]


def test_a_packet_is_never_due_after_submission():
    entry = only(letter_pair(1, status="agreed-strong", asked_on="2027-09-05"))
    start, end = dates(entry, ActionKind.PACKET)
    assert start == date(2027, 9, 5) and end == SUBMISSION - D


def test_an_agreed_writer_without_an_ask_date_gets_the_packet_now_and_both_reminders():
    entry = only(letter_pair(1, status="agreed-strong", asked_on=None))
    assert dates(entry, ActionKind.PACKET)[0] == AS_OF
    assert ActionKind.REMINDER_2W in kinds(entry) and ActionKind.REMINDER_1W in kinds(entry)


def test_an_uploaded_letter_is_assigned_when_you_apply_or_when_a_late_one_arrives():
    on_time = only(letter_pair(1, status="uploaded", letter_date="2027-06-01"))
    assert kinds(on_time) == [ActionKind.ASSIGN]
    assert dates(on_time, ActionKind.ASSIGN) == (SUBMISSION, SUBMISSION)
    late = only(letter_pair(1, status="uploaded", letter_date="2027-09-20"))
    # a letter uploaded after applying is not assigned automatically: its own reminder
    assert kinds(late) == [ActionKind.ASSIGN_LATE]
    assert dates(late, ActionKind.ASSIGN_LATE) == (date(2027, 9, 20), date(2027, 9, 20))


# --- rotation dates (the mention) -----------------------------------------------------------------


def test_a_rotation_ending_today_still_gets_its_dates():
    rot = make_profile([letter_pair(1, start="2027-03-01", end="2027-03-28")]).rotations[0]
    assert rotation_dates(rot, date(2027, 3, 28)) is not None
    assert rotation_dates(rot, date(2027, 3, 29)) is None


@pytest.mark.parametrize(
    ("end", "mention_from", "mention_by"),
    [
        ("2027-03-10", "2027-03-08", "2027-03-10"),  # 10 days: mention ends with the rotation
        ("2027-03-05", "2027-03-05", "2027-03-05"),  # 5 days: both fall on the last day
        ("2027-03-01", "2027-03-01", "2027-03-01"),  # a single day
    ],
)
def test_mention_dates_never_fall_after_a_short_rotation_ends(end, mention_from, mention_by):
    rot = make_profile([letter_pair(1, start="2027-03-01", end=end)]).rotations[0]
    got = rotation_dates(rot, AS_OF)
    assert got is not None
    assert got.mention_from == date.fromisoformat(mention_from)
    assert got.mention_by == date.fromisoformat(mention_by)
    assert got.ask_on == date.fromisoformat(end)
    entry = only(letter_pair(1, status="candidate", start="2027-03-01", end=end))
    mention = entry.step(ActionKind.MENTION)
    if mention is not None:
        assert mention.end <= date.fromisoformat(end)


# --- the JSON and the what-if -------------------------------------------------------------------


def test_the_plan_in_the_json_lists_each_writers_status_and_dated_steps():
    pairs = [
        letter_pair(1, status="candidate", start="2027-03-01", end="2027-03-28"),
        letter_pair(2, status="agreed-strong", asked_on="2027-06-01"),
    ]
    plan: Any = assess(make_profile(pairs), AS_OF).to_dict()["plan"]
    assert plan[0] == {
        "writer_id": "w1",
        "status": "candidate",
        "steps": [
            {"action": "mention", "start": "2027-03-08", "end": "2027-03-15"},
            {"action": "ask-at-end", "start": "2027-03-24", "end": "2027-04-04"},
        ],
    }
    assert plan[1] == {
        "writer_id": "w2",
        "status": "agreed-strong",
        "steps": [
            {"action": "packet", "start": "2027-06-01", "end": "2027-06-08"},
            {"action": "reminder-2w", "start": "2027-08-25", "end": "2027-08-31"},
            {"action": "reminder-1w", "start": "2027-09-01", "end": "2027-09-07"},
        ],
    }


def test_a_writer_left_out_in_a_what_if_has_no_plan_entry():
    pairs = [letter_pair(i) for i in (1, 2, 3)]
    result = assess(make_profile(pairs), AS_OF, excluded={"w2"})
    assert [e.writer_id for e in result.plan] == ["w1", "w3"]


# --- properties ----------------------------------------------------------------------------------

STATUSES = ["candidate", "asked", "agreed-strong", "hesitant", "declined", "uploaded"]
days = st.dates(date(2025, 1, 1), date(2028, 12, 31))


@st.composite
def planned_profiles(draw):
    submission = draw(st.dates(date(2026, 6, 1), date(2028, 6, 1)))
    start = draw(days)
    end = start + timedelta(days=draw(st.integers(0, 120)))
    status = draw(st.sampled_from(STATUSES))
    linked = draw(st.booleans())
    data = profile_dict(
        rotations=[rotation("r1", start=start.isoformat(), end=end.isoformat())],
        writers=[
            writer(
                "w1",
                status=status,
                rotation_id="r1" if linked else None,
                asked_on=draw(st.none() | days.map(date.isoformat)),
                letter_date=draw(st.none() | days.map(date.isoformat)),
            )
        ],
        submission=submission,
    )
    return profile_from_dict(data), draw(days)


@settings(max_examples=200, deadline=None)
@given(planned_profiles())
def test_every_step_is_well_formed_and_asks_are_never_after_the_ask_by_date(case):
    profile, as_of = case
    submission = profile.applicant.submission_date
    for entry in build_plan(profile, as_of):
        for step in entry.steps:
            assert step.start <= step.end
            if step.kind in ASK_KINDS or step.kind == ActionKind.MENTION:
                assert step.end <= ask_by(submission) <= submission
            if step.kind in (ActionKind.FOLLOW_UP, ActionKind.PACKET):
                w = profile.writers[0]
                if w.asked_on is not None and w.asked_on < submission:
                    assert step.start >= w.asked_on and step.end < submission
        if entry.status.value in ("agreed-strong", "hesitant", "uploaded"):
            assert entry.ask is None and entry.step(ActionKind.MENTION) is None
