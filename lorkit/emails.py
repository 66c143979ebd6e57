"""E-mail drafts for each writer, filled in from the profile, in lorkit's own words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lorkit import rules
from lorkit.actions import packet_items
from lorkit.enums import CareerFocus, DraftKind, Kind, PacketItem, RotationSpecialty
from lorkit.models import Profile, Rotation, Writer
from lorkit.plan import ask_window, reminder_dates

# What a stated career focus says about wanting combined training.
COMBINED_REASONS = {
    CareerFocus.ADOLESCENT_TRANSITION: "caring for adolescents and young adults with "
    "childhood-onset conditions as they move into adult care",
    CareerFocus.PRIMARY_CARE: "primary care for whole families, children and adults alike",
    CareerFocus.INPATIENT: "hospital medicine for both children and adults",
    CareerFocus.CRITICAL_CARE: "acute care across the age range",
    CareerFocus.OUTPATIENT: "long-term clinic care that follows patients from childhood into "
    "adult life",
    CareerFocus.SUBSPECIALTY: "a subspecialty that spans pediatric and adult patients",
    CareerFocus.RESEARCH: "research on conditions that start in childhood and continue into "
    "adulthood",
}


# How each packet item reads in a cover note, in the applicant's voice.
PACKET_PHRASES = {
    PacketItem.CV: "my CV",
    PacketItem.PERSONAL_STATEMENT: "a draft of my personal statement",
    PacketItem.WORK_SUMMARY: "a short summary of our work together, with a few notable patients",
    PacketItem.PHOTO: "a recent photo",
    PacketItem.ERAS_REQUEST: "the ERAS letter request, with its Letter ID and upload instructions",
    PacketItem.EXAM_SCORES: "my USMLE scores",
    PacketItem.COMBINED_POINTS: "a few points on why I am applying to combined "
    "Medicine-Pediatrics training",
}


@dataclass(frozen=True, slots=True)
class Draft:
    kind: DraftKind
    subject: str
    body: str

    @property
    def text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}"


def salutation(writer: Writer) -> str:
    """The name as entered, title included: safer than guessing which part is the surname."""
    return f"Dear {writer.name},"


def _signature(profile: Profile) -> str:
    return profile.applicant.name or "[Your name]"


def _track_phrase(profile: Profile) -> str:
    labels = [rules.track(t).label for t in profile.applicant.tracks]
    return " and ".join(labels)


def _rotation_phrase(rotation: Rotation | None) -> str:
    if rotation is None:
        return "our work together"
    service = RotationSpecialty(rotation.specialty).label.split(" (")[0].lower()
    kind = Kind(rotation.kind).label.split(" (")[0].split(" /")[0].lower()
    return f"the {service} {kind} at {rotation.institution} ({rotation.start:%B %Y})"


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def upload_by(profile: Profile) -> date:
    """The date we ask writers to upload by: the first reminder date, two weeks ahead."""
    return reminder_dates(profile.applicant.submission_date)[0]


def _combined_paragraph(profile: Profile) -> str:
    reasons = [COMBINED_REASONS[c] for c in profile.applicant.career_focus if c in COMBINED_REASONS]
    why = reasons[0] if reasons else "[one sentence on why you want combined training]"
    return (
        "I am applying to Medicine-Pediatrics because I want a career in " + why + ". If you "
        "feel comfortable, a few words on how I moved between adult and pediatric care, or on "
        "my fit for combined training, would help programs a great deal."
    )


def mention(profile: Profile, writer: Writer, rotation: Rotation | None) -> Draft:
    body = (
        f"{salutation(writer)}\n\n"
        f"I am getting a lot out of {_rotation_phrase(rotation)}, and I am grateful for your "
        f"teaching. I plan to apply to {_track_phrase(profile)} residency programs in the US "
        f"this coming season. If, by the end of the rotation, you feel you know my work well, "
        f"would you consider writing a letter of recommendation for me? I will ask properly "
        f"towards the end, and I will understand completely if it is not possible.\n\n"
        f"Thank you,\n{_signature(profile)}"
    )
    return Draft(DraftKind.MENTION, "A letter of recommendation, later in the rotation?", body)


def ask(profile: Profile, writer: Writer, rotation: Rotation | None) -> Draft:
    submission = profile.applicant.submission_date
    _, ask_by = ask_window(submission)
    combined = (
        f"\n\n{_combined_paragraph(profile)}" if "med-peds" in profile.applicant.tracks else ""
    )
    body = (
        f"{salutation(writer)}\n\n"
        f"Thank you for supervising me during {_rotation_phrase(rotation)}. I am applying to "
        f"{_track_phrase(profile)} residency programs in the US, and I would value your support "
        f"very much. Do you feel you know my clinical work well enough to write a strong letter "
        f"of recommendation for me? If not, please say so; I will understand."
        f"{combined}\n\n"
        f"My ERAS submission date is {_long(submission)}. If you agree, I will send you my CV, "
        f"a draft of my personal statement, a short summary of our work together and the ERAS "
        f"letter request with its instructions by {_long(ask_by)}. Ideally the letter would be "
        f"uploaded by {_long(upload_by(profile))}. I will waive my right to read it, so please "
        f"write freely.\n\n"
        f"With many thanks,\n{_signature(profile)}"
    )
    return Draft(
        DraftKind.ASK,
        f"Request for a strong letter of recommendation: {_track_phrase(profile)} residency",
        body,
    )


def packet_note(profile: Profile, writer: Writer, rotation: Rotation | None) -> Draft:
    items = "\n".join(f"- {PACKET_PHRASES[item]}" for item in packet_items(profile))
    body = (
        f"{salutation(writer)}\n\n"
        f"Thank you again for agreeing to write a letter for me. To make it easier, I have "
        f"attached:\n{items}\n\n"
        f"The summary reminds you of {_rotation_phrase(rotation)} and of a few patients we "
        f"cared for together; it is background, not a draft of the letter. The ERAS request "
        f"explains how to upload through the AAMC Letter Writer Portal (a secure e-mail link "
        f"works too). My submission date is {_long(profile.applicant.submission_date)}, so it "
        f"would help if the letter could be uploaded by {_long(upload_by(profile))}.\n\n"
        f"Please tell me if anything else would help.\n\n"
        f"Best regards,\n{_signature(profile)}"
    )
    return Draft(DraftKind.PACKET, "Materials for my letter of recommendation", body)


def reminder(profile: Profile, writer: Writer, rotation: Rotation | None) -> Draft:
    body = (
        f"{salutation(writer)}\n\n"
        f"I hope you are well. I am writing to check in on the letter of recommendation you "
        f"kindly agreed to write for my {_track_phrase(profile)} application. My ERAS "
        f"submission date is {_long(profile.applicant.submission_date)}, so it would help a "
        f"great deal if the letter could be uploaded in the next few days. If there is anything "
        f"more I can send you, please let me know.\n\n"
        f"Thank you again for your support,\n{_signature(profile)}"
    )
    return Draft(DraftKind.REMINDER, "A gentle reminder about my letter of recommendation", body)


_BUILDERS = {
    DraftKind.MENTION: mention,
    DraftKind.ASK: ask,
    DraftKind.PACKET: packet_note,
    DraftKind.REMINDER: reminder,
}


def draft(profile: Profile, writer: Writer, kind: DraftKind) -> Draft:
    """lorkit's draft of this kind for this writer (ignoring any edited version)."""
    return _BUILDERS[kind](profile, writer, profile.rotation(writer.rotation_id))


def drafts_for(profile: Profile, writer: Writer) -> dict[DraftKind, str]:
    """Each draft's text: the applicant's edited version where there is one."""
    return {
        kind: writer.drafts.get(kind) or draft(profile, writer, kind).text for kind in DraftKind
    }


def relevant_kinds(profile: Profile, writer: Writer, as_of: date) -> list[DraftKind]:
    """The drafts that make sense now: the early mention only while the rotation is ahead or
    under way."""
    rotation = profile.rotation(writer.rotation_id)
    ongoing = rotation is not None and rotation.end >= as_of
    return [k for k in DraftKind if k != DraftKind.MENTION or ongoing]
