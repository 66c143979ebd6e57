"""Findings about the whole profile: its story and its dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from lorkit.checks.base import (
    BOTH_GUIDES,
    ERAS,
    PEDS_GUIDE,
    FindingRule,
    ProfileContext,
    Scope,
    Terms,
    finding,
)
from lorkit.checks.letters import EXPECTING_LETTER
from lorkit.enums import Severity, Status
from lorkit.letters import Letter
from lorkit.plan import ask_window
from lorkit.rules import RuleBook

PROFILE = Scope.PROFILE
PLAN = "plan"  # a tag: the Plan page shows these findings beside the actions


def supports(letter: Letter, focus: str, book: RuleBook) -> bool:
    """Whether the letter's experience fits a stated career focus (scoring.toml's
    [narrative] table)."""
    support = book.scoring.narrative.get(focus)
    rot = letter.rotation
    if support is None or rot is None:
        return False
    return (
        rot.setting in support.settings
        or rot.specialty in support.specialties
        or rot.kind in support.kinds
    )


@finding(
    "narrative-mismatch",
    Severity.INFO,
    PROFILE,
    title="Letters don't match your stated focus",
    when="You named a career focus that none of the recommended letters comes from.",
    why="When your statement says one thing and every letter describes another setting, "
    "the story looks inconsistent.",
    source=PEDS_GUIDE,
    message="You list '{focus}' as a focus, but none of your recommended letters comes from "
    "that kind of experience.",
    fix="Add a writer from that setting, or tell your writers about this goal so they can "
    "connect what they saw to it.",
    example={"focus": "Critical care"},
)
def narrative_mismatch(c: ProfileContext, rule: FindingRule) -> Iterator[Terms]:
    chosen = [x for x in c.letters if x.id in c.selected_ids]
    for focus in c.profile.applicant.career_focus:
        if chosen and not any(supports(x, focus, c.book) for x in chosen):
            yield {"focus": focus.label}


@finding(
    "late-ask",
    Severity.WARNING,
    PROFILE,
    title="Ask is late",
    when="The ask-by date ({ask_by_weeks} weeks before submission) has passed and a writer "
    "you need is still only a candidate.",
    why="Writers need {ask_by_weeks}–{ask_from_weeks} weeks for a careful letter; a rushed "
    "letter is a weaker one.",
    source=BOTH_GUIDES,
    message="You have not asked {name} yet, and the ask-by date ({ask_by}) has passed.",
    fix="Ask this week and send the whole packet with the request.",
    example={"name": "Dr. Example", "ask_by": "2027-08-11"},
    tags=(PLAN,),
)
def late_ask(c: ProfileContext, rule: FindingRule) -> Iterator[Terms]:
    _, ask_by = ask_window(c.profile.applicant.submission_date)
    if c.as_of <= ask_by:
        return
    for x in c.letters:
        w = x.writer
        if w.status == Status.CANDIDATE and w.id in c.selected_ids:
            yield {"writer_id": w.id, "name": w.name, "ask_by": ask_by}


@finding(
    "reminder-due",
    Severity.INFO,
    PROFILE,
    title="Time for a reminder",
    when="Submission is {reminder_window_weeks} weeks away or less and the letter is not "
    "uploaded yet.",
    why="A polite reminder {first_reminder} and again {last_reminder} before the deadline "
    "keeps letters on time.",
    source=BOTH_GUIDES,
    message="Submission is {days} days away and {name}'s letter is not uploaded.",
    fix="Send a short, polite reminder with your deadline and offer any missing information.",
    example={"name": "Dr. Example", "days": "10"},
    tags=(PLAN,),
)
def reminder_due(c: ProfileContext, rule: FindingRule) -> Iterator[Terms]:
    submission = c.profile.applicant.submission_date
    window = timedelta(days=c.book.scoring.timing.reminder_window_days)
    if not submission - window <= c.as_of <= submission:
        return
    for x in c.letters:
        w = x.writer
        if w.status in EXPECTING_LETTER:
            yield {"writer_id": w.id, "name": w.name, "days": (submission - c.as_of).days}


@finding(
    "upload-overdue",
    Severity.ERROR,
    PROFILE,
    title="Upload overdue",
    when="Your submission date has passed and a letter you count on is not uploaded.",
    why="Programs review complete applications first; a missing letter can hold yours back.",
    source=ERAS,
    message="Your submission date ({submission}) has passed and {name}'s letter is not uploaded.",
    fix="Contact the writer today; if the letter cannot come soon, assign another one in ERAS.",
    example={"name": "Dr. Example", "submission": "2027-09-08"},
    tags=(PLAN,),
)
def upload_overdue(c: ProfileContext, rule: FindingRule) -> Iterator[Terms]:
    submission = c.profile.applicant.submission_date
    if c.as_of <= submission:
        return
    for x in c.letters:
        w = x.writer
        # a selected candidate is counted on too: the set needs that letter
        if w.status in EXPECTING_LETTER or (
            w.status == Status.CANDIDATE and w.id in c.selected_ids
        ):
            yield {"writer_id": w.id, "name": w.name, "submission": submission}
