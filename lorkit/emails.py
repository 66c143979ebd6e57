"""E-mail drafts for each writer, filled in from the profile, in lorkit's own words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lorkit import rules
from lorkit.actions import packet_items
from lorkit.enums import DraftKind, Kind, PacketItem, RotationSpecialty
from lorkit.models import Profile, Rotation, Writer
from lorkit.plan import ask_window, reminder_dates
from lorkit.text_safety import one_line

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

    def __post_init__(self) -> None:
        # A subject is one header line: a line break from user text must never add a header
        # (such as "Bcc:") to what is pasted into a mail program.
        object.__setattr__(self, "subject", one_line(self.subject))

    @property
    def text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}"


def salutation(writer: Writer) -> str:
    """The name as entered, title included: safer than guessing which part is the surname."""
    return f"Dear {one_line(writer.name)},"


def _signature(profile: Profile) -> str:
    return one_line(profile.applicant.name or "") or "[Your name]"


def _track_phrase(profile: Profile) -> str:
    labels = [rules.track(t).label for t in profile.applicant.tracks]
    return " and ".join(labels)


def _rotation_phrase(rotation: Rotation | None) -> str:
    if rotation is None:
        return "our work together"
    service = RotationSpecialty(rotation.specialty).label.split(" (")[0].lower()
    kind = Kind(rotation.kind).label.split(" (")[0].split(" /")[0].lower()
    return f"the {service} {kind} at {one_line(rotation.institution)} ({rotation.start:%B %Y})"


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def upload_by(profile: Profile) -> date:
    """The date we ask writers to upload by: the first reminder date."""
    return reminder_dates(profile.applicant.submission_date)[0]


def _track_paragraphs(profile: Profile) -> str:
    """The paragraphs the chosen tracks add to the ask (a track file's [ask_email]): why
    this training, with the reason taken from the applicant's first career focus that the
    track gives one for."""
    out = []
    for track_id in profile.applicant.tracks:
        extra = rules.track(track_id).ask_email
        if extra is None:
            continue
        reasons = [extra.reasons[c] for c in profile.applicant.career_focus if c in extra.reasons]
        out.append(extra.paragraph.format(reason=reasons[0] if reasons else extra.fallback_reason))
    return "".join(f"\n\n{p}" for p in out)


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
    paragraphs = _track_paragraphs(profile)
    body = (
        f"{salutation(writer)}\n\n"
        f"Thank you for supervising me during {_rotation_phrase(rotation)}. I am applying to "
        f"{_track_phrase(profile)} residency programs in the US, and I would value your support "
        f"very much. Do you feel you know my clinical work well enough to write a strong letter "
        f"of recommendation for me? If not, please say so; I will understand."
        f"{paragraphs}\n\n"
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
