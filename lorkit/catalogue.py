"""Every finding code lorkit can raise: what triggers it, why it matters, where it comes from.

The Method page and the README are written from this table, so a code is explained in
exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from lorkit.enums import Severity

PEDS_GUIDE = "Pediatrics letters guide (seed 000)"
MEDPEDS_GUIDE = "Med-Peds letters guide (seed 001)"
BOTH_GUIDES = "Both letters guides (seeds 000 and 001)"
ERAS = "ERAS letter rules (domain facts)"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    severity: Severity
    scope: str  # "letter", "pediatrics", "med-peds", "both tracks", "profile"
    title: str
    trigger: str
    why: str
    source: str


_ENTRIES = [
    # --- one letter ---------------------------------------------------------------
    CodeInfo(
        "short-rotation",
        Severity.WARNING,
        "letter",
        "Short time together",
        "The experience linked to this writer lasted less than 2 weeks.",
        "Someone who saw you for a few days can only write in generalities, and programs "
        "read a thin letter as a weak one.",
        BOTH_GUIDES,
    ),
    CodeInfo(
        "observership-only",
        Severity.INFO,
        "letter",
        "Observership only",
        "The writer knows you from an observership.",
        "Some programs do not count observerships as clinical experience, so this letter "
        "cannot speak to patient care you did yourself.",
        BOTH_GUIDES,
    ),
    CodeInfo(
        "aging-letter",
        Severity.WARNING,
        "letter",
        "Letter getting old",
        "The letter will be between 2 and 3 years old on your submission date.",
        "Programs see the date each letter was uploaded; an older letter hints that nobody "
        "has watched you work recently.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "old-letter",
        Severity.ERROR,
        "letter",
        "Letter too old",
        "The letter will be more than 3 years old on your submission date.",
        "A letter this old describes someone who has moved on; programs discount it and may "
        "wonder what happened since.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "social-connection",
        Severity.ERROR,
        "letter",
        "Social or family connection",
        "The writer knows you socially or through family, not through your work.",
        "Such a letter has nothing to say about your clinical ability and can make the "
        "whole application look less credible.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "non-physician-writer",
        Severity.WARNING,
        "letter",
        "Writer is not a physician",
        "The writer's role is non-physician (nurse, psychologist, coordinator…).",
        "Programs want a physician's judgment of how you reason and care for patients.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "non-clinical-writer",
        Severity.WARNING,
        "letter",
        "Writer is non-clinical",
        "The writer is non-clinical faculty, such as a dean or a basic-science teacher.",
        "A non-clinical writer cannot describe you with patients, which is what the letter is for.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "distant-senior-writer",
        Severity.WARNING,
        "letter",
        "Senior name, little contact",
        "The writer is a department chair or program leader who did not supervise you directly.",
        "A well-known name who barely knows you tends to write a generic letter; a detailed "
        "one from an attending who worked with you every day is worth more.",
        BOTH_GUIDES,
    ),
    CodeInfo(
        "hesitant-writer",
        Severity.WARNING,
        "letter",
        "Hesitant writer",
        "The writer agreed, but sounded vague or reluctant.",
        "A reluctant yes often turns into a lukewarm letter, and three strong letters beat "
        "four average ones.",
        BOTH_GUIDES,
    ),
    CodeInfo(
        "strong-not-requested",
        Severity.INFO,
        "letter",
        "Strong letter not requested",
        "You asked this writer without asking for a strong letter.",
        "Asking for a strong letter lets a writer who cannot write one step aside politely, "
        "instead of sending a mild letter.",
        BOTH_GUIDES,
    ),
    CodeInfo(
        "goal-not-shared",
        Severity.INFO,
        "letter",
        "Career goal not shared",
        "The writer does not yet know which specialty you are applying to, or why.",
        "A writer who knows your goal can tie what they saw to it; for Med-Peds that is how "
        "a letter speaks to combined training.",
        BOTH_GUIDES,
    ),
    CodeInfo(
        "not-waived",
        Severity.WARNING,
        "letter",
        "Right to see the letter not waived",
        "You have not waived your right to read this letter.",
        "Programs trust a waived letter more, because the writer could speak freely.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "self-draft-request",
        Severity.ERROR,
        "letter",
        "Asked to draft your own letter",
        "The writer asked you to write the letter for them to sign.",
        "Writing your own letter breaks the ethics of US applications and can ruin your "
        "credibility if it comes to light.",
        MEDPEDS_GUIDE,
    ),
    CodeInfo(
        "no-linked-experience",
        Severity.INFO,
        "letter",
        "No experience linked",
        "The writer is not linked to any of your experiences.",
        "Without the shared experience lorkit cannot tell how long or how closely the writer "
        "saw your work, so it assumes the middle ground.",
        "lorkit",
    ),
    # --- the set, per track -----------------------------------------------------------
    CodeInfo(
        "too-few-letters",
        Severity.ERROR,
        "both tracks",
        "Fewer than 3 letters",
        "The recommended set has fewer than 3 letters that can still be used.",
        "Most programs ask for 3 letters; an application with fewer is often not reviewed.",
        BOTH_GUIDES,
    ),
    CodeInfo(
        "too-few-pediatric-letters",
        Severity.ERROR,
        "pediatrics",
        "Fewer than 2 pediatric letters",
        "Fewer than 2 letters in the set come from pediatricians.",
        "Without two letters from pediatricians programs may doubt your commitment to "
        "children's care.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "no-us-clinical-letter",
        Severity.WARNING,
        "pediatrics",
        "No US clinical letter",
        "No letter in the set comes from a US physician who saw your clinical work.",
        "US letters show programs you can work in a US hospital; home-country letters "
        "usually carry less weight.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "no-us-pediatric-letter",
        Severity.WARNING,
        "pediatrics",
        "No US pediatric letter",
        "No letter in the set comes from a US pediatrician who saw your clinical work.",
        "A US pediatric letter is the strongest evidence that you fit US pediatrics.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "home-country-majority",
        Severity.WARNING,
        "pediatrics",
        "Most letters from outside the US",
        "More than half of the letters in the set come from outside the US.",
        "Programs look for US letters first; a set led by home-country letters reads as "
        "limited US experience.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "too-many-letters",
        Severity.INFO,
        "both tracks",
        "More letters than a program receives",
        "More than 4 letters could be used for this track.",
        "A program can be assigned at most 4 letters, and letters added later are not "
        "assigned automatically: decide which ones each program gets.",
        ERAS,
    ),
    CodeInfo(
        "weak-fourth-letter",
        Severity.INFO,
        "both tracks",
        "Fourth letter left out",
        "A fourth letter exists, but it is weak enough that sending it would lower the set.",
        "Four letters are the ceiling, not a target: a weak fourth letter dilutes three "
        "strong ones.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "missing-im-letter",
        Severity.ERROR,
        "med-peds",
        "No internal-medicine letter",
        "No clinical letter in the set comes from internal medicine.",
        "Med-Peds programs expect at least one letter from each department.",
        MEDPEDS_GUIDE,
    ),
    CodeInfo(
        "missing-pediatric-letter",
        Severity.ERROR,
        "med-peds",
        "No pediatrics letter",
        "No clinical letter in the set comes from pediatrics.",
        "Med-Peds programs expect at least one letter from each department.",
        MEDPEDS_GUIDE,
    ),
    CodeInfo(
        "no-med-peds-letter",
        Severity.INFO,
        "med-peds",
        "No Med-Peds physician's letter",
        "No letter comes from a Med-Peds physician who saw you on a combined service.",
        "Such a letter is welcome but not required; two strong US letters from IM and "
        "pediatrics are better than a weak Med-Peds one.",
        MEDPEDS_GUIDE,
    ),
    CodeInfo(
        "few-us-clinical-letters",
        Severity.WARNING,
        "med-peds",
        "Fewer than 2 US clinical letters",
        "Fewer than 2 letters in the set come from US physicians who saw your clinical work.",
        "Advisors aim for at least 2–3 strong US clinical letters; some programs require one.",
        MEDPEDS_GUIDE,
    ),
    CodeInfo(
        "non-us-core-letter",
        Severity.WARNING,
        "med-peds",
        "Core letter only from outside the US",
        "Your only internal-medicine letter, or your only pediatrics letter, is from outside "
        "the US.",
        "A home-country letter should back up a US letter from the same department, not "
        "stand in for it.",
        MEDPEDS_GUIDE,
    ),
    CodeInfo(
        "combined-fit-unaddressed",
        Severity.WARNING,
        "med-peds",
        "Nobody speaks to combined training",
        "No writer in the set knows you are applying to Med-Peds.",
        "Programs look for a letter that says you would suit combined training; a writer who "
        "does not know your goal cannot say it.",
        MEDPEDS_GUIDE,
    ),
    # --- the whole profile -------------------------------------------------------------
    CodeInfo(
        "narrative-mismatch",
        Severity.INFO,
        "profile",
        "Letters don't match your stated focus",
        "You named a career focus that none of the recommended letters comes from.",
        "When your statement says one thing and every letter describes another setting, "
        "the story looks inconsistent.",
        PEDS_GUIDE,
    ),
    CodeInfo(
        "late-ask",
        Severity.WARNING,
        "profile",
        "Ask is late",
        "The ask-by date (4 weeks before submission) has passed and a writer you need is "
        "still only a candidate.",
        "Writers need 4–8 weeks for a careful letter; a rushed letter is a weaker one.",
        BOTH_GUIDES,
    ),
    CodeInfo(
        "reminder-due",
        Severity.INFO,
        "profile",
        "Time for a reminder",
        "Submission is 2 weeks away or less and the letter is not uploaded yet.",
        "A polite reminder 2 weeks and again 1 week before the deadline keeps letters on time.",
        BOTH_GUIDES,
    ),
    CodeInfo(
        "upload-overdue",
        Severity.ERROR,
        "profile",
        "Upload overdue",
        "Your submission date has passed and a letter you count on is not uploaded.",
        "Programs review complete applications first; a missing letter can hold yours back.",
        ERAS,
    ),
]

CODES: dict[str, CodeInfo] = {e.code: e for e in _ENTRIES}
