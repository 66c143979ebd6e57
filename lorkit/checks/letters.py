"""Findings about one letter. Each check sees one letter that is not declined and returns the
terms of its finding, or None (a letter raises a code at most once). A letter that is never
sent (a social contact, a self-drafted letter) raises only the findings tagged NEVER_SENT,
which say why and to choose someone else."""

from __future__ import annotations

from lorkit.checks.base import (
    BOTH_GUIDES,
    LORKIT,
    MEDPEDS_GUIDE,
    NEVER_SENT,
    PEDS_GUIDE,
    FindingRule,
    LetterContext,
    Scope,
    Switch,
    Terms,
    finding,
)
from lorkit.enums import SENIOR_ROLES, Kind, Location, Relationship, Role, Severity, Status

# Statuses in which a letter is on its way: asked, agreed or hesitant, not yet uploaded.
EXPECTING_LETTER = frozenset({Status.ASKED, Status.AGREED_STRONG, Status.HESITANT})

LETTER = Scope.LETTER
NAME = {"name": "Dr. Example"}


@finding(
    "short-rotation",
    Severity.WARNING,
    LETTER,
    title="Short time together",
    when="The experience linked to this writer lasted less than {short_rotation_weeks} working "
    "weeks (a Monday-to-Friday week counts in full).",
    why="Someone who saw you for a few days can only write in generalities, and programs "
    "read a thin letter as a weak one.",
    source=BOTH_GUIDES,
    message="You spent only {days} days with {name}, less than {short_rotation_weeks} working "
    "weeks.",
    fix="Prefer a writer from a rotation of {long_rotation_weeks} working weeks or more; if you "
    "keep this one, remind them of specific patients you cared for together.",
    example={**NAME, "days": "9"},
)
def short_rotation(c: LetterContext, rule: FindingRule) -> Terms | None:
    rot = c.letter.rotation
    if rot is not None and rot.weeks < c.book.scoring.timing.short_rotation_weeks:
        return {"name": c.letter.writer.name, "days": rot.days}
    return None


@finding(
    "observership-only",
    Severity.INFO,
    LETTER,
    title="Observership only",
    when="The writer knows you from an observership.",
    why="Some programs do not count observerships as clinical experience, so this letter "
    "cannot speak to patient care you did yourself.",
    source=BOTH_GUIDES,
    message="{name} knows you from an observership.",
    fix="Pair this letter with one from a hands-on rotation (sub-internship, elective, "
    "externship) where you can.",
    example=NAME,
)
def observership_only(c: LetterContext, rule: FindingRule) -> Terms | None:
    rot = c.letter.rotation
    if rot is not None and rot.kind == Kind.OBSERVERSHIP:
        return {"name": c.letter.writer.name}
    return None


def in_age_band(c: LetterContext, rule: FindingRule) -> Terms | None:
    """An age-band finding: the letter's age band names this rule."""
    if c.letter.age_band.finding == rule.code:
        return {"name": c.letter.writer.name, "age_years": f"{c.letter.age_years:.1f}"}
    return None


finding(
    "aging-letter",
    Severity.WARNING,
    LETTER,
    title="Letter getting old",
    when="The letter will be {band} old on your submission date, counted from the end of the "
    "experience it describes when that is earlier than the letter's date.",
    why="Programs see the date each letter was uploaded, and a letter about work from years "
    "back hints that nobody has watched you work recently.",
    source=PEDS_GUIDE,
    message="{name}'s letter will be {age_years} years old at submission.",
    fix="Ask for an updated letter that covers your recent work, or replace it with one "
    "from a newer experience.",
    example={**NAME, "age_years": "2.5"},
    switch=Switch.AGE_BAND,
)(in_age_band)

finding(
    "old-letter",
    Severity.ERROR,
    LETTER,
    title="Letter too old",
    when="The letter will be {band} old on your submission date, counted from the end of the "
    "experience it describes when that is earlier than the letter's date.",
    why="A letter this old describes someone who has moved on; programs discount it and may "
    "wonder what happened since.",
    source=PEDS_GUIDE,
    message="{name}'s letter will be {age_years} years old at submission.",
    fix="Replace it with a letter from a recent experience; keep it only if nothing else exists.",
    example={**NAME, "age_years": "3.5"},
    switch=Switch.AGE_BAND,
)(in_age_band)


@finding(
    "social-connection",
    Severity.ERROR,
    LETTER,
    title="Social or family connection",
    when="The writer knows you socially or through family, not through your work.",
    why="Such a letter has nothing to say about your clinical ability and can make the "
    "whole application look less credible.",
    source=PEDS_GUIDE,
    message="{name} knows you socially, not from your clinical work, so lorkit never sends "
    "this letter.",
    fix="Choose someone else: a writer who supervised your clinical work.",
    example=NAME,
    tags=(NEVER_SENT,),
)
def social_connection(c: LetterContext, rule: FindingRule) -> Terms | None:
    if c.letter.writer.relationship == Relationship.SOCIAL:
        return {"name": c.letter.writer.name}
    return None


@finding(
    "non-physician-writer",
    Severity.WARNING,
    LETTER,
    title="Writer is not a physician",
    when="The writer's role is non-physician (nurse, psychologist, coordinator…).",
    why="Programs want a physician's judgment of how you reason and care for patients.",
    source=PEDS_GUIDE,
    message="{name} is not a physician.",
    fix="Prefer a physician who supervised you; keep this letter only if its context is "
    "truly exceptional.",
    example=NAME,
)
def non_physician_writer(c: LetterContext, rule: FindingRule) -> Terms | None:
    if c.letter.writer.role == Role.NON_PHYSICIAN:
        return {"name": c.letter.writer.name}
    return None


@finding(
    "non-clinical-writer",
    Severity.WARNING,
    LETTER,
    title="Writer is non-clinical",
    when="The writer is non-clinical faculty, such as a dean or a basic-science teacher.",
    why="A non-clinical writer cannot describe you with patients, which is what the letter is for.",
    source=PEDS_GUIDE,
    message="{name} is non-clinical faculty.",
    fix="Replace this letter with one from a clinical supervisor.",
    example=NAME,
)
def non_clinical_writer(c: LetterContext, rule: FindingRule) -> Terms | None:
    if c.letter.writer.role == Role.NON_CLINICAL_FACULTY:
        return {"name": c.letter.writer.name}
    return None


@finding(
    "distant-senior-writer",
    Severity.WARNING,
    LETTER,
    title="Senior name, little contact",
    when="The writer is a department chair or program leader who did not supervise you directly.",
    why="A well-known name who barely knows you tends to write a generic letter; a detailed "
    "one from an attending who worked with you every day is worth more.",
    source=BOTH_GUIDES,
    message="{name} holds a senior title but did not supervise you directly.",
    fix="Prefer an attending who supervised you day to day, unless this writer knows your "
    "work first-hand and in detail.",
    example=NAME,
)
def distant_senior_writer(c: LetterContext, rule: FindingRule) -> Terms | None:
    w = c.letter.writer
    if w.role in SENIOR_ROLES and w.relationship != Relationship.DIRECT:
        return {"name": w.name}
    return None


@finding(
    "hesitant-writer",
    Severity.WARNING,
    LETTER,
    title="Hesitant writer",
    when="The writer agreed, but sounded vague or reluctant.",
    why="A reluctant yes often turns into a lukewarm letter, and three strong letters beat "
    "four average ones.",
    source=BOTH_GUIDES,
    message="{name} agreed, but sounded hesitant.",
    fix="Thank them and ask another writer; keep this letter only as a last resort.",
    example=NAME,
)
def hesitant_writer(c: LetterContext, rule: FindingRule) -> Terms | None:
    if c.letter.writer.status == Status.HESITANT:
        return {"name": c.letter.writer.name}
    return None


@finding(
    "strong-not-requested",
    Severity.INFO,
    LETTER,
    title="Strong letter not requested",
    when="You asked this writer without asking for a strong letter.",
    why="Asking for a strong letter lets a writer who cannot write one step aside politely, "
    "instead of sending a mild letter.",
    source=BOTH_GUIDES,
    message="You asked {name} without asking for a strong letter.",
    fix="Ask plainly whether they feel able to write a strong letter; it lets them step "
    "aside gracefully if not.",
    example=NAME,
)
def strong_not_requested(c: LetterContext, rule: FindingRule) -> Terms | None:
    w = c.letter.writer
    # advice about how to ask is moot once the letter is uploaded
    if w.status in EXPECTING_LETTER and not w.asked_for_strong:
        return {"name": w.name}
    return None


@finding(
    "goal-not-shared",
    Severity.INFO,
    LETTER,
    title="Career goal not shared",
    when="The writer does not yet know which specialty you are applying to, or why.",
    why="A writer who knows your goal can tie what they saw to it; for Med-Peds that is how "
    "a letter speaks to combined training.",
    source=BOTH_GUIDES,
    message="{name} does not know you are applying to {goal}.",
    fix="Tell them your goal and why, and send your personal statement draft with the packet.",
    example={**NAME, "goal": "Pediatrics"},
)
def goal_not_shared(c: LetterContext, rule: FindingRule) -> Terms | None:
    w = c.letter.writer
    if not w.knows_goal and w.status != Status.UPLOADED:
        return {"name": w.name, "goal": " and ".join(c.track_labels)}
    return None


@finding(
    "not-waived",
    Severity.WARNING,
    LETTER,
    title="Right to see the letter not waived",
    when="You have not waived your right to read this letter.",
    why="Programs trust a waived letter more, because the writer could speak freely.",
    source=PEDS_GUIDE,
    message="You have not waived your right to see {name}'s letter.",
    fix="Waive the right in ERAS when you create the letter request.",
    example=NAME,
)
def not_waived(c: LetterContext, rule: FindingRule) -> Terms | None:
    if not c.letter.writer.waived:
        return {"name": c.letter.writer.name}
    return None


@finding(
    "self-draft-request",
    Severity.ERROR,
    LETTER,
    title="Asked to draft your own letter",
    when="The writer asked you to write the letter for them to sign.",
    why="Writing your own letter breaks the ethics of US applications and can ruin your "
    "credibility if it comes to light.",
    source=MEDPEDS_GUIDE,
    message="{name} asked you to draft your own letter, so lorkit never sends this letter.",
    fix="Decline politely and offer your CV and a summary of your work instead; if they "
    "insist, choose someone else.",
    example=NAME,
    tags=(NEVER_SENT,),
)
def self_draft_request(c: LetterContext, rule: FindingRule) -> Terms | None:
    if c.letter.writer.asked_to_self_draft:
        return {"name": c.letter.writer.name}
    return None


@finding(
    "no-linked-experience",
    Severity.INFO,
    LETTER,
    title="No experience linked",
    when="The writer is not linked to any of your experiences.",
    why="Without the shared experience lorkit cannot tell how long or how closely the writer "
    "saw your work, so it assumes the middle ground.",
    source=LORKIT,
    message="{name} is not linked to any of your experiences.",
    fix="Link the rotation or job where this writer saw your work (Letter writers page).",
    example=NAME,
)
def no_linked_experience(c: LetterContext, rule: FindingRule) -> Terms | None:
    if c.letter.rotation is None:
        return {"name": c.letter.writer.name}
    return None


@finding(
    "reused-letter",
    Severity.WARNING,
    LETTER,
    title="Letter from an earlier season",
    when="The letter was uploaded in an earlier application season.",
    why="Programs see each letter's original upload date, and last season's letter says "
    "nothing about what you have done since.",
    source=BOTH_GUIDES,
    message="{name}'s letter comes from an earlier application season.",
    fix="Ask {name} to update it with what has happened since (new rotations, how you have "
    "grown, your current goal) and to upload the new version.",
    example=NAME,
)
def reused_letter(c: LetterContext, rule: FindingRule) -> Terms | None:
    if c.letter.writer.previous_season:
        return {"name": c.letter.writer.name}
    return None


@finding(
    "home-country-writer",
    Severity.INFO,
    LETTER,
    title="Writer outside the US",
    when="The writer practises outside the US and the letter is not uploaded yet.",
    why="US programs expect a particular kind of letter: specific examples, a comparison with "
    "peers and a clear recommendation. A writer used to another system may not know that.",
    source=PEDS_GUIDE,
    message="{name} writes from outside the US, where letters often follow another style.",
    fix="Send {name} a short outline of what US programs look for: examples of your clinical "
    "work, how you compare with peers they have taught, and a clear recommendation for "
    "{goal} training in the US.",
    example={**NAME, "goal": "Pediatrics"},
)
def home_country_writer(c: LetterContext, rule: FindingRule) -> Terms | None:
    w = c.letter.writer
    if w.location == Location.NON_US and w.status != Status.UPLOADED:
        return {"name": w.name, "goal": " and ".join(c.track_labels)}
    return None
