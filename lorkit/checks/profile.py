"""Findings about the whole profile: its story and its dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from lorkit.checks.base import (
    BOTH_GUIDES,
    ERAS,
    PEDS_GUIDE,
    PROGRAMS,
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
    """Whether the letter's experience, or its writer's own field, fits a stated career focus
    (scoring.toml's [narrative] table): a pediatric cardiologist who mentored your research
    speaks to a subspecialty focus whatever the experience was."""
    support = book.scoring.narrative.get(focus)
    if support is None:
        return False
    if letter.writer.specialty in support.writer_specialties:
        return True
    rot = letter.rotation
    if rot is None:
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
    when="Your submission date has passed and a letter your set needs is not uploaded: without "
    "it, the uploaded letters do not meet the track's requirements.",
    why="Programs review complete applications first; a missing letter can hold yours back.",
    source=ERAS,
    message="Your submission date ({submission}) has passed and {name}'s letter, which your "
    "set needs, is not uploaded.",
    fix="Contact the writer today; if the letter cannot come soon, assign another one in ERAS. "
    "When it arrives, assign it to your programs yourself.",
    example={"name": "Dr. Example", "submission": "2027-09-08"},
    tags=(PLAN,),
)
def upload_overdue(c: ProfileContext, rule: FindingRule) -> Iterator[Terms]:
    submission = c.profile.applicant.submission_date
    if c.as_of <= submission:
        return
    for x in c.letters:
        w = x.writer
        if w.id in c.needed_ids and w.status != Status.UPLOADED:
            yield {"writer_id": w.id, "name": w.name, "submission": submission}


@finding(
    "assign-late-letters",
    Severity.INFO,
    PROFILE,
    title="Assign letters that arrive after you apply",
    when="Your submission date has passed and a letter is still on its way (one your set "
    "does not need), or was written after you applied.",
    why="ERAS does not assign a letter uploaded after you apply to your programs: you have to "
    "assign it yourself, or programs never see it.",
    source=ERAS,
    message="{name}'s letter {state}.",
    fix="Once it is uploaded, assign it in ERAS to each program that should see it (a program "
    "receives at most {max_letters} letters).",
    example={"name": "Dr. Example", "state": "is still on its way"},
    tags=(PLAN,),
)
def assign_late_letters(c: ProfileContext, rule: FindingRule) -> Iterator[Terms]:
    submission = c.profile.applicant.submission_date
    if c.as_of <= submission:
        return
    for x in c.letters:
        w = x.writer
        if not x.viable:
            continue
        if w.status in EXPECTING_LETTER and w.id not in c.needed_ids:
            yield {"writer_id": w.id, "name": w.name, "state": "is still on its way"}
        elif w.status == Status.UPLOADED and w.letter_date and w.letter_date > submission:
            state = f"was written after you applied ({w.letter_date.isoformat()})"
            yield {"writer_id": w.id, "name": w.name, "state": state}


@finding(
    "graduation-gap",
    Severity.INFO,
    PROFILE,
    title="Graduated some years ago",
    when="You graduated more than {graduation_gap_years} years before your submission date.",
    why="More programs screen out applicants who graduated long ago, and for those who did, "
    "recent hands-on US experience weighs more.",
    source=PROGRAMS,
    message="You graduated in {year}, {years} years before you submit.",
    fix="Check each program's graduation cut-off before you apply, and make sure your letters "
    "show recent hands-on US clinical work.",
    example={"year": "2019", "years": "8"},
)
def graduation_gap(c: ProfileContext, rule: FindingRule) -> Iterator[Terms]:
    a = c.profile.applicant
    if a.graduation_year is None:
        return
    years = a.submission_date.year - a.graduation_year
    if years > c.book.scoring.timing.graduation_gap_years:
        yield {"year": a.graduation_year, "years": years}
