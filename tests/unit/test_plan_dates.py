"""The plan: ask window, reminders, and the mention/ask dates of rotations still to come."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lorkit.assessment import assess
from lorkit.plan import PlanEntry, build_plan
from tests.conftest import AS_OF
from tests.unit.builders import SUBMISSION, letter_pair, make_profile, rotation, writer


def plan_for(*pairs, as_of: date = AS_OF, submission: date = SUBMISSION) -> dict[str, PlanEntry]:
    profile = make_profile(pairs, submission=submission)
    return {e.writer_id: e for e in build_plan(profile, as_of)}


def test_the_ask_window_runs_from_8_to_4_weeks_before_submission():
    (entry,) = plan_for(letter_pair(1, status="candidate")).values()
    assert entry.ask_from == SUBMISSION - timedelta(days=56)
    assert entry.ask_by == SUBMISSION - timedelta(days=28)
    assert (entry.ask_from, entry.ask_by) == (date(2027, 7, 14), date(2027, 8, 11))


def test_reminders_fall_2_weeks_and_1_week_before_submission():
    (entry,) = plan_for(letter_pair(1, status="asked")).values()
    assert entry.reminders == (SUBMISSION - timedelta(days=14), SUBMISSION - timedelta(days=7))


@pytest.mark.parametrize("submission", [date(2027, 9, 1), date(2028, 2, 29), date(2026, 1, 3)])
def test_the_dates_move_with_the_submission_date(submission):
    (entry,) = plan_for(letter_pair(1), submission=submission, as_of=date(2025, 1, 1)).values()
    assert submission - entry.ask_from == timedelta(weeks=8)
    assert submission - entry.ask_by == timedelta(weeks=4)
    assert [submission - d for d in entry.reminders] == [timedelta(weeks=2), timedelta(weeks=1)]


@pytest.mark.parametrize(
    ("status", "planned"),
    [
        ("candidate", True),
        ("asked", True),
        ("agreed-strong", True),
        ("hesitant", True),
        ("uploaded", False),
        ("declined", False),
    ],
)
def test_which_writers_get_a_plan_entry(status, planned):
    entries = plan_for(letter_pair(1, status=status))
    assert ("w1" in entries) is planned


def test_entries_follow_the_order_of_the_writers():
    pairs = [letter_pair(i, status=s) for i, s in enumerate(["asked", "uploaded", "candidate"])]
    assert list(plan_for(*pairs)) == ["w0", "w2"]


def test_a_finished_rotation_gets_no_rotation_dates():
    (entry,) = plan_for(letter_pair(1, start="2026-06-01", end="2026-06-28")).values()
    assert entry.rotation is None


def test_an_unlinked_writer_gets_no_rotation_dates():
    profile = make_profile(rotations=[rotation("r1")], writers=[writer("w1", rotation_id=None)])
    (entry,) = build_plan(profile, AS_OF)
    assert entry.rotation is None


def test_a_rotation_ahead_gets_mention_dates_one_to_two_weeks_in_and_an_ask_at_its_end():
    (entry,) = plan_for(letter_pair(1, start="2027-03-01", end="2027-03-28")).values()
    assert entry.rotation is not None
    assert entry.rotation.rotation_id == "r1"
    assert entry.rotation.mention_from == date(2027, 3, 8)
    assert entry.rotation.mention_by == date(2027, 3, 15)
    assert entry.rotation.ask_on == date(2027, 3, 28)


def test_a_rotation_under_way_still_gets_its_dates():
    as_of = date(2027, 3, 20)
    (entry,) = plan_for(letter_pair(1, start="2027-03-01", end="2027-03-28"), as_of=as_of).values()
    assert entry.rotation is not None
    assert entry.rotation.ask_on == date(2027, 3, 28)


def test_a_rotation_ending_today_still_gets_its_dates():
    as_of = date(2027, 3, 28)
    (entry,) = plan_for(letter_pair(1, start="2027-03-01", end="2027-03-28"), as_of=as_of).values()
    assert entry.rotation is not None


def test_a_rotation_that_ended_yesterday_gets_none():
    as_of = date(2027, 3, 29)
    (entry,) = plan_for(letter_pair(1, start="2027-03-01", end="2027-03-28"), as_of=as_of).values()
    assert entry.rotation is None


@pytest.mark.parametrize(
    ("end", "mention_from", "mention_by"),
    [
        ("2027-03-10", "2027-03-08", "2027-03-10"),  # 10 days: mention ends with the rotation
        ("2027-03-05", "2027-03-05", "2027-03-05"),  # 5 days: both fall on the last day
        ("2027-03-01", "2027-03-01", "2027-03-01"),  # a single day
    ],
)
def test_mention_dates_never_fall_after_a_short_rotation_ends(end, mention_from, mention_by):
    (entry,) = plan_for(letter_pair(1, start="2027-03-01", end=end)).values()
    assert entry.rotation is not None
    assert entry.rotation.mention_from == date.fromisoformat(mention_from)
    assert entry.rotation.mention_by == date.fromisoformat(mention_by)
    assert entry.rotation.ask_on == date.fromisoformat(end)


def test_the_plan_in_the_json_has_the_rotation_dates_only_when_there_are_some():
    pairs = [letter_pair(1, start="2027-03-01", end="2027-03-28"), letter_pair(2)]
    plan = assess(make_profile(pairs), AS_OF).to_dict()["plan"]
    assert plan[0] == {
        "writer_id": "w1",
        "ask_from": "2027-07-14",
        "ask_by": "2027-08-11",
        "reminders": ["2027-08-25", "2027-09-01"],
        "rotation": {
            "rotation_id": "r1",
            "mention_from": "2027-03-08",
            "mention_by": "2027-03-15",
            "ask_on": "2027-03-28",
        },
    }
    assert "rotation" not in plan[1]


def test_a_writer_left_out_in_a_what_if_has_no_plan_entry():
    pairs = [letter_pair(i) for i in (1, 2, 3)]
    result = assess(make_profile(pairs), AS_OF, excluded={"w2"})
    assert [e.writer_id for e in result.plan] == ["w1", "w3"]
