"""E-mail drafts for each writer, filled in from the profile, in lorkit's own words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lorkit import rules
from lorkit.actions import packet_items, packet_notes
from lorkit.enums import DraftKind, Kind, Location, PacketItem, RotationSpecialty, Status
from lorkit.models import Profile, Rotation, Writer
from lorkit.plan import AGREED, ActionKind, PlanEntry, reminder_dates, writer_plan
from lorkit.text_safety import one_line
from lorkit.wording import span

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

# What the outline for a writer outside the US says (the packet note carries it).
US_LETTER_OUTLINE = (
    "\n\nLetters for US residency programs follow their own conventions, so here is the short "
    "outline I mentioned of what programs look for:\n"
    "- how I compare with other doctors at my stage whom you have supervised (for example, "
    "whether I was among the best)\n"
    "- one or two patients I cared for, and what I did for them\n"
    "- my clinical reasoning, my reliability, and how I work with the team and with families\n"
    "- a clear recommendation at the end, without reservations if you feel that way\n"
    "A US letter is usually about one page, on letterhead and signed."
)


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


def writer_upload_by(profile: Profile, entry: PlanEntry, as_of: date) -> date | None:
    """The upload-by date for one writer, from the same plan as the action table: the day of
    their first reminder after they agreed, and not before today. Before they agree, the
    first reminder date, if the ask leaves time before it. None: ask for the letter before
    the submission date (an ask or an agreement that comes too late for a reminder)."""
    packet = entry.step(ActionKind.PACKET)
    if packet is not None or entry.status in AGREED:
        after = packet.start if packet is not None else as_of
        for kind in (ActionKind.REMINDER_2W, ActionKind.REMINDER_1W):
            step = entry.step(kind)
            if step is not None and step.start > after and step.start >= as_of:
                return step.start
        return None
    target = upload_by(profile)
    ask = entry.ask or entry.step(ActionKind.FOLLOW_UP)
    asked = max(ask.end, as_of) if ask is not None else as_of
    return target if asked < target else None


def _upload_sentence(profile: Profile, entry: PlanEntry, as_of: date, lead: str) -> str:
    day = writer_upload_by(profile, entry, as_of)
    if day is None:
        return f"{lead} uploaded as soon as you can, before my submission date."
    return f"{lead} uploaded by {_long(day)}."


def _today(as_of: date | None) -> date:
    return as_of or date.today()


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


def mention(profile: Profile, writer: Writer, rotation: Rotation | None, as_of: date) -> Draft:
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


def ask(profile: Profile, writer: Writer, rotation: Rotation | None, as_of: date) -> Draft:
    submission = profile.applicant.submission_date
    entry = writer_plan(profile, writer, as_of)
    within = span(rules.scoring().plan.packet_within_days, words=True)
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
        f"letter request with its instructions within {within} of your reply. "
        f"{_upload_sentence(profile, entry, as_of, 'Ideally the letter would be')} I will waive my "
        f"right to read it, so please write freely.\n\n"
        f"With many thanks,\n{_signature(profile)}"
    )
    return Draft(
        DraftKind.ASK,
        f"Request for a strong letter of recommendation: {_track_phrase(profile)} residency",
        body,
    )


def packet_note(profile: Profile, writer: Writer, rotation: Rotation | None, as_of: date) -> Draft:
    phrases = [PACKET_PHRASES[item] for item in packet_items(profile)]
    phrases += [note.phrase for note in packet_notes(writer)]
    items = "\n".join(f"- {phrase}" for phrase in phrases)
    entry = writer_plan(profile, writer, as_of)
    outline = US_LETTER_OUTLINE if writer.location == Location.NON_US else ""
    body = (
        f"{salutation(writer)}\n\n"
        f"Thank you again for agreeing to write a letter for me. To make it easier, I have "
        f"attached:\n{items}\n\n"
        f"The summary reminds you of {_rotation_phrase(rotation)} and of a few patients we "
        f"cared for together; it is background, not a draft of the letter. The ERAS request "
        f"explains how to upload through the AAMC Letter Writer Portal (a secure e-mail link "
        f"works too). My submission date is {_long(profile.applicant.submission_date)}, so "
        f"{_upload_sentence(profile, entry, as_of, 'it would help if the letter could be')}"
        f"{outline}\n\n"
        f"Please tell me if anything else would help.\n\n"
        f"Best regards,\n{_signature(profile)}"
    )
    return Draft(DraftKind.PACKET, "Materials for my letter of recommendation", body)


def reminder(profile: Profile, writer: Writer, rotation: Rotation | None, as_of: date) -> Draft:
    if writer.status == Status.ASKED:
        return _follow_up(profile, writer, rotation)
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


def _follow_up(profile: Profile, writer: Writer, rotation: Rotation | None) -> Draft:
    """The reminder for a writer who was asked and has not answered yet."""
    when = f"On {_long(writer.asked_on)} I" if writer.asked_on else "Recently I"
    body = (
        f"{salutation(writer)}\n\n"
        f"I hope you are well. {when} wrote to ask whether you might write a strong letter of "
        f"recommendation for my {_track_phrase(profile)} application, after "
        f"{_rotation_phrase(rotation)}. I know how busy you are, so I wanted to check whether "
        f"my message reached you. My ERAS submission date is "
        f"{_long(profile.applicant.submission_date)}. If you are not able to write it, that is "
        f"completely fine; a short reply either way would help me plan.\n\n"
        f"Thank you,\n{_signature(profile)}"
    )
    return Draft(DraftKind.REMINDER, "Following up on my request for a letter", body)


_BUILDERS = {
    DraftKind.MENTION: mention,
    DraftKind.ASK: ask,
    DraftKind.PACKET: packet_note,
    DraftKind.REMINDER: reminder,
}


def draft(profile: Profile, writer: Writer, kind: DraftKind, as_of: date | None = None) -> Draft:
    """lorkit's draft of this kind for this writer (ignoring any edited version). Its dates
    are the plan's as of `as_of` (default: today), the dates of the action table."""
    return _BUILDERS[kind](profile, writer, profile.rotation(writer.rotation_id), _today(as_of))


def drafts_for(profile: Profile, writer: Writer, as_of: date | None = None) -> dict[DraftKind, str]:
    """Each draft's text: the applicant's edited version where there is one."""
    return {
        kind: writer.drafts.get(kind) or draft(profile, writer, kind, as_of).text
        for kind in DraftKind
    }


# The drafts each planned step calls for.
_STEP_DRAFTS = {
    ActionKind.MENTION: DraftKind.MENTION,
    ActionKind.ASK_AT_END: DraftKind.ASK,
    ActionKind.ASK_NOW: DraftKind.ASK,
    ActionKind.FOLLOW_UP: DraftKind.REMINDER,
    ActionKind.PACKET: DraftKind.PACKET,
    ActionKind.REMINDER_2W: DraftKind.REMINDER,
    ActionKind.REMINDER_1W: DraftKind.REMINDER,
}


def relevant_kinds(profile: Profile, writer: Writer, as_of: date) -> list[DraftKind]:
    """The drafts the writer's planned steps call for: the early mention only while the
    rotation is ahead or under way, the ask only for a writer not asked yet, the packet and
    reminders once they agreed (for a writer who was asked, the reminder is a follow-up);
    none once the letter is uploaded."""
    steps = {_STEP_DRAFTS.get(s.kind) for s in writer_plan(profile, writer, as_of).steps}
    return [k for k in DraftKind if k in steps]
