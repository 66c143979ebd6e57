"""The dated action list behind the Plan page: which actions, when, and their state."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lorkit.actions import (
    HOME_COUNTRY_OUTLINE,
    ActionKind,
    ActionState,
    build_actions,
    packet_items,
    packet_notes,
    pipeline_counts,
    state_of,
)
from lorkit.assessment import assess
from lorkit.enums import PacketItem, Status
from lorkit.profile_io import load_profile
from tests.conftest import AS_OF, SAMPLES_DIR
from tests.unit.builders import SUBMISSION, letter_pair, make_profile, rotation, writer

D = timedelta(days=1)


def actions_for(profile, as_of=AS_OF):
    return build_actions(assess(profile, as_of))


def by_kind(actions, writer_id):
    return {x.kind: x for x in actions if x.writer_id == writer_id}


def test_state_of_covers_done_overdue_due_and_upcoming():
    start, end = date(2027, 1, 10), date(2027, 1, 20)
    assert state_of(True, start, end, date(2030, 1, 1)) == ActionState.DONE
    assert state_of(False, start, end, end + D) == ActionState.OVERDUE
    assert state_of(False, start, end, end) == ActionState.DUE
    assert state_of(False, start, end, start) == ActionState.DUE
    assert state_of(False, start, end, start - D) == ActionState.UPCOMING


def test_a_candidate_from_a_past_experience_is_asked_now_and_nothing_else_yet():
    # SPEC r2 §7: the old plan gave every candidate the 8-to-4-weeks ask window, a packet and
    # reminders; now a candidate from an experience long past is asked now, and the packet
    # and reminders come once they agree
    profile = make_profile([letter_pair(1, status="candidate", asked_for_strong=False)])
    acts = by_kind(actions_for(profile), "w1")
    assert set(acts) == {ActionKind.ASK_NOW}
    ask = acts[ActionKind.ASK_NOW]
    assert (ask.start, ask.end) == (AS_OF, AS_OF + 7 * D)
    assert ask.state == ActionState.DUE


def test_an_agreed_writer_gets_the_packet_and_the_reminders_but_no_ask():
    profile = make_profile([letter_pair(1, status="agreed-strong", asked_on="2027-06-01")])
    acts = by_kind(actions_for(profile), "w1")
    assert set(acts) == {ActionKind.PACKET, ActionKind.REMINDER_2W, ActionKind.REMINDER_1W}
    assert acts[ActionKind.REMINDER_2W].start == SUBMISSION - 14 * D
    assert acts[ActionKind.REMINDER_2W].end == SUBMISSION - 8 * D
    assert acts[ActionKind.REMINDER_1W].start == SUBMISSION - 7 * D
    assert acts[ActionKind.REMINDER_1W].end == SUBMISSION - D


def test_an_asked_writer_gets_a_follow_up_overdue_until_their_status_changes():
    profile = make_profile([letter_pair(1, status="asked", asked_on="2026-11-12")])
    acts = by_kind(actions_for(profile), "w1")
    assert set(acts) == {ActionKind.FOLLOW_UP}
    assert acts[ActionKind.FOLLOW_UP].start == date(2026, 11, 19)
    assert acts[ActionKind.FOLLOW_UP].state == ActionState.DUE
    later = by_kind(actions_for(profile, date(2026, 12, 1)), "w1")
    assert later[ActionKind.FOLLOW_UP].state == ActionState.OVERDUE


def test_an_uploaded_letter_is_to_be_assigned_and_done_once_submission_passes():
    profile = make_profile([letter_pair(1, status="uploaded", letter_date="2027-03-01")])
    acts = by_kind(actions_for(profile), "w1")
    assert set(acts) == {ActionKind.ASSIGN}
    assert acts[ActionKind.ASSIGN].start == SUBMISSION
    assert acts[ActionKind.ASSIGN].state == ActionState.UPCOMING
    after = by_kind(actions_for(profile, SUBMISSION + D), "w1")
    assert after[ActionKind.ASSIGN].state == ActionState.DONE


def test_a_rotation_ahead_gets_mention_and_ask_at_its_end_instead_of_an_ask_now():
    rot = rotation("r1", start="2027-02-01", end="2027-02-28")
    profile = make_profile(
        rotations=[rot], writers=[writer("w1", status="candidate", asked_for_strong=False)]
    )
    acts = by_kind(actions_for(profile), "w1")
    assert ActionKind.ASK_NOW not in acts
    mention = acts[ActionKind.MENTION]
    assert (mention.start, mention.end) == (date(2027, 2, 8), date(2027, 2, 15))
    ask = acts[ActionKind.ASK_AT_END]
    assert ask.start <= date(2027, 2, 28) <= ask.end
    # r2: the packet comes once they agree (it used to be dated from the ask here)
    assert ActionKind.PACKET not in acts


def test_during_the_rotation_the_mention_is_due_and_later_it_is_overdue():
    rot = rotation("r1", start="2027-02-01", end="2027-02-28")
    profile = make_profile(
        rotations=[rot], writers=[writer("w1", status="candidate", asked_for_strong=False)]
    )
    assert (
        by_kind(actions_for(profile, date(2027, 2, 10)), "w1")[ActionKind.MENTION].state
        == ActionState.DUE
    )
    assert (
        by_kind(actions_for(profile, date(2027, 2, 20)), "w1")[ActionKind.MENTION].state
        == ActionState.OVERDUE
    )


def test_ticking_mentioned_marks_the_mention_done_and_asking_ends_mention_and_ask():
    rot = rotation("r1", start="2027-02-01", end="2027-02-28")
    ticked = make_profile(
        rotations=[rot], writers=[writer("w1", status="candidate", steps_done=["mentioned"])]
    )
    acts = by_kind(actions_for(ticked, date(2027, 2, 20)), "w1")
    assert acts[ActionKind.MENTION].state == ActionState.DONE
    # r2: an asked writer's plan is the follow-up; the mention and the ask are behind them
    # (they used to stay listed, as done)
    asked = make_profile(rotations=[rot], writers=[writer("w1", status="asked")])
    acts = by_kind(actions_for(asked, date(2027, 2, 20)), "w1")
    assert set(acts) == {ActionKind.FOLLOW_UP}


def test_the_packet_is_due_in_the_week_after_the_ask_then_overdue_until_ticked():
    pair = letter_pair(1, status="agreed-strong", asked_on="2027-07-20")
    profile = make_profile([pair])
    assert (
        by_kind(actions_for(profile, date(2027, 7, 22)), "w1")[ActionKind.PACKET].state
        == ActionState.DUE
    )
    assert (
        by_kind(actions_for(profile, date(2027, 8, 2)), "w1")[ActionKind.PACKET].state
        == ActionState.OVERDUE
    )
    sent = make_profile(
        [letter_pair(1, status="agreed-strong", asked_on="2027-07-20", steps_done=["packet-sent"])]
    )
    assert (
        by_kind(actions_for(sent, date(2027, 8, 2)), "w1")[ActionKind.PACKET].state
        == ActionState.DONE
    )


def test_reminders_follow_their_ticks():
    profile = make_profile([letter_pair(1, steps_done=["reminded-2w"])])
    acts = by_kind(actions_for(profile, SUBMISSION - 3 * D), "w1")
    assert acts[ActionKind.REMINDER_2W].state == ActionState.DONE
    assert acts[ActionKind.REMINDER_1W].state == ActionState.DUE


def test_declined_writers_have_no_actions():
    # (uploaded writers now have one: assign the letter; see above)
    profile = make_profile([letter_pair(1, status="declined")])
    assert by_kind(actions_for(profile), "w1") == {}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("candidate", {ActionKind.ASK_NOW}),
        ("asked", {ActionKind.FOLLOW_UP}),
        ("agreed-strong", {ActionKind.PACKET, ActionKind.REMINDER_2W, ActionKind.REMINDER_1W}),
        ("hesitant", {ActionKind.PACKET, ActionKind.REMINDER_2W, ActionKind.REMINDER_1W}),
        ("uploaded", {ActionKind.ASSIGN}),
        ("declined", set()),
    ],
)
def test_the_actions_follow_the_writers_status(status, expected):
    profile = make_profile([letter_pair(1, status=status, asked_on="2026-11-01")])
    assert set(by_kind(actions_for(profile), "w1")) == expected


def test_the_packet_is_never_overdue_before_the_ask():
    # asked (and agreed) after the ask-by date: the packet is due from the ask on
    profile = make_profile([letter_pair(1, status="agreed-strong", asked_on="2027-08-20")])
    packet = by_kind(actions_for(profile, date(2027, 8, 18)), "w1")[ActionKind.PACKET]
    assert packet.start == date(2027, 8, 20)
    assert packet.state == ActionState.UPCOMING


def test_submission_is_the_last_action_and_the_list_is_sorted_by_date():
    profile = load_profile(SAMPLES_DIR / "pediatrics-guide-example.json")
    acts = actions_for(profile)
    assert acts[-1].kind == ActionKind.SUBMISSION
    assert acts[-1].start == profile.applicant.submission_date
    assert [x.start for x in acts] == sorted(x.start for x in acts)


def test_in_set_marks_the_writers_of_the_recommended_sets():
    profile = load_profile(SAMPLES_DIR / "pediatrics-guide-example.json")
    a = assess(profile, AS_OF)
    chosen = {x.id for t in a.tracks for x in t.selected}
    for x in build_actions(a):
        if x.writer_id:
            assert x.in_set == (x.writer_id in chosen)


def test_a_home_country_writer_gets_an_outline_of_a_us_letter_and_a_us_writer_does_not():
    home = make_profile([letter_pair(1, location="non-us")]).writers[0]
    us = make_profile([letter_pair(1)]).writers[0]
    assert packet_notes(home) == [HOME_COUNTRY_OUTLINE]
    assert "compare" in HOME_COUNTRY_OUTLINE.label
    assert packet_notes(us) == []


def test_the_packet_checklist_adds_exam_scores_and_combined_points_only_for_med_peds():
    peds = make_profile([letter_pair(1)], tracks=("pediatrics",))
    both = make_profile([letter_pair(1)], tracks=("pediatrics", "med-peds"))
    assert PacketItem.EXAM_SCORES not in packet_items(peds)
    assert PacketItem.COMBINED_POINTS not in packet_items(peds)
    assert set(packet_items(both)) == set(PacketItem)
    assert {
        PacketItem.CV,
        PacketItem.PERSONAL_STATEMENT,
        PacketItem.WORK_SUMMARY,
        PacketItem.PHOTO,
        PacketItem.ERAS_REQUEST,
    } <= set(packet_items(peds))


def test_pipeline_counts_every_writer_once_in_pipeline_order():
    profile = load_profile(SAMPLES_DIR / "home-country-heavy.json")
    counts = pipeline_counts(profile)
    assert sum(counts.values()) == len(profile.writers)
    assert list(counts)[:4] == [
        Status.CANDIDATE,
        Status.ASKED,
        Status.AGREED_STRONG,
        Status.UPLOADED,
    ]
    assert counts[Status.HESITANT] == 1


def test_old_files_without_planning_fields_still_load_and_plan():
    data = make_profile([letter_pair(1)]).model_dump(mode="json")
    for w in data["writers"]:
        for field in ("packet", "steps_done", "drafts"):
            w.pop(field)
    from lorkit.profile_io import profile_from_dict

    profile = profile_from_dict(data)
    assert profile.writers[0].packet == [] and profile.writers[0].steps_done == []
    assert actions_for(profile)


def test_ticks_are_saved_in_the_file_and_repeats_collapse():
    from lorkit.profile_io import profile_from_json, profile_to_json

    profile = make_profile([letter_pair(1, packet=["cv", "photo", "cv"], steps_done=["mentioned"])])
    again = profile_from_json(profile_to_json(profile))
    assert [p.value for p in again.writers[0].packet] == ["cv", "photo"]
    assert [s.value for s in again.writers[0].steps_done] == ["mentioned"]
