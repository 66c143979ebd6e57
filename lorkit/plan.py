"""The plan: for each writer, the dated steps that the writer's status calls for.

This module is the one source of every date in the plan: the action table, the calendar,
the e-mail drafts and the report all read the steps built here.

- A **candidate** is mentioned 1–2 weeks into a rotation still under way or ahead, and asked
  formally as the experience ends; for an experience long past (or none linked), now. The
  ask never falls after the ask-by date (submission − 4 weeks), let alone after submission.
- An **asked** writer gets a follow-up a week after the ask.
- A writer who **agreed** (strongly, or hesitantly) gets the packet within a few days of
  agreeing, and reminders 2 weeks and 1 week before submission.
- An **uploaded** letter is assigned to the programs at submission; one uploaded after the
  submission date gets its own reminder to assign it by hand, since ERAS does not. A
  **declined** writer, a social contact and a writer who asked you to draft the letter (never
  sent) have no steps.

Every offset comes from the rule book (scoring.toml's [plan]); the numbers in these words
only describe the shipped data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lorkit import rules
from lorkit.enums import LabelledEnum, Status
from lorkit.letters import never_sent
from lorkit.models import Profile, Rotation, Writer

DAY = timedelta(days=1)


class ActionKind(LabelledEnum):
    """One kind of dated step (the order is the order of a writer's steps on a day)."""

    MENTION = ("mention", "Mention the letter")
    ASK_AT_END = ("ask-at-end", "Ask formally at the end of the rotation")
    ASK_NOW = ("ask-now", "Ask formally now")
    FOLLOW_UP = ("follow-up", "Follow up on your request")
    PACKET = ("packet", "Send the packet")
    REMINDER_2W = ("reminder-2w", "Send a gentle reminder")
    REMINDER_1W = ("reminder-1w", "Send a last reminder")
    ASSIGN = ("assign", "Assign the letter to your programs")
    ASSIGN_LATE = ("assign-late", "Assign this late letter to your programs by hand")
    SUBMISSION = ("submission", "Submit your ERAS application")


ASK_KINDS = frozenset({ActionKind.ASK_AT_END, ActionKind.ASK_NOW})
AGREED = frozenset({Status.AGREED_STRONG, Status.HESITANT})


@dataclass(frozen=True, slots=True)
class PlanStep:
    kind: ActionKind
    start: date
    end: date

    def to_dict(self) -> dict[str, str]:
        return {
            "action": self.kind.value,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class RotationDates:
    rotation_id: str
    mention_from: date
    mention_by: date
    ask_on: date


@dataclass(frozen=True, slots=True)
class PlanEntry:
    writer_id: str
    status: Status
    steps: tuple[PlanStep, ...]

    def step(self, kind: ActionKind) -> PlanStep | None:
        return next((s for s in self.steps if s.kind == kind), None)

    @property
    def ask(self) -> PlanStep | None:
        return next((s for s in self.steps if s.kind in ASK_KINDS), None)

    def to_dict(self) -> dict[str, object]:
        return {
            "writer_id": self.writer_id,
            "status": self.status.value,
            "steps": [s.to_dict() for s in self.steps],
        }


# --- the fixed dates ---------------------------------------------------------------------------


def ask_window(submission: date) -> tuple[date, date]:
    """The classic ask window: (submission − ask_from_days, submission − ask_by_days). The
    second date is the ask-by date: no ask is planned after it."""
    offsets = rules.scoring().plan
    return (
        submission - timedelta(days=offsets.ask_from_days),
        submission - timedelta(days=offsets.ask_by_days),
    )


def ask_by(submission: date) -> date:
    return ask_window(submission)[1]


def reminder_dates(submission: date) -> tuple[date, ...]:
    return tuple(submission - timedelta(days=d) for d in rules.scoring().plan.reminder_days)


def follow_up_days() -> int:
    """Days from an ask to its follow-up. scoring.toml has no key of its own for it yet
    (`plan.follow_up_days`); until it does, the plan's own rhythm between two nudges is
    used: the gap between the two reminders."""
    plan = rules.scoring().plan
    own = getattr(plan, "follow_up_days", None)
    if isinstance(own, int) and own > 0:
        return own
    first, last = plan.reminder_days[0], plan.reminder_days[-1]
    return max(1, first - last)


def rotation_dates(rotation: Rotation, as_of: date) -> RotationDates | None:
    """Mention and ask dates for a rotation that is still ahead or under way."""
    if rotation.end < as_of:
        return None
    offsets = rules.scoring().plan
    mention_from = min(rotation.start + timedelta(days=offsets.mention_from_days), rotation.end)
    mention_by = min(rotation.start + timedelta(days=offsets.mention_by_days), rotation.end)
    return RotationDates(rotation.id, mention_from, mention_by, rotation.end)


# --- one writer's steps ----------------------------------------------------------------------


def _window(start: date, end: date, latest: date) -> tuple[date, date]:
    """(start, end) with the end moved back to `latest` at the latest, and the start never
    after the end."""
    end = min(end, latest)
    return min(start, end), end


def _candidate_steps(rotation: Rotation | None, submission: date, as_of: date) -> list[PlanStep]:
    offsets = rules.scoring().plan
    latest = min(ask_by(submission), submission)
    steps: list[PlanStep] = []
    if (
        rotation is not None
        and rotation.end + timedelta(days=offsets.ask_at_end_after_days) >= as_of
    ):
        # the experience is ahead, under way or just over: ask as it ends
        start, end = _window(
            rotation.end - timedelta(days=offsets.ask_at_end_before_days),
            rotation.end + timedelta(days=offsets.ask_at_end_after_days),
            latest,
        )
        dates = rotation_dates(rotation, as_of)
        if dates is not None and dates.mention_from <= end:
            steps.append(
                PlanStep(ActionKind.MENTION, *_window(dates.mention_from, dates.mention_by, end))
            )
        steps.append(PlanStep(ActionKind.ASK_AT_END, start, end))
    else:
        # the experience is long past (or none is linked): ask now
        start, end = _window(as_of, as_of + timedelta(days=offsets.ask_at_end_after_days), latest)
        steps.append(PlanStep(ActionKind.ASK_NOW, start, end))
    return steps


def _follow_up(writer: Writer, submission: date, as_of: date) -> PlanStep:
    gap = timedelta(days=follow_up_days())
    if writer.asked_on is None:  # when they were asked is unknown: follow up now
        base, start = as_of, as_of
    else:
        base, start = writer.asked_on, writer.asked_on + gap
    end = start + gap - DAY
    if end >= submission:  # before submission where the ask leaves room for it
        end = max(base, submission - DAY)
        start = min(start, end)
    return PlanStep(ActionKind.FOLLOW_UP, max(start, base), end)


def _agreed_steps(writer: Writer, submission: date, as_of: date) -> list[PlanStep]:
    offsets = rules.scoring().plan
    # the ask stands in for the day they agreed; unknown, the packet is due from today
    agreed = writer.asked_on
    packet_start = agreed or as_of
    packet_end = packet_start + timedelta(days=offsets.packet_within_days)
    if packet_end >= submission:
        packet_end = max(packet_start, submission - DAY)
    steps = [PlanStep(ActionKind.PACKET, packet_start, packet_end)]
    first, last = reminder_dates(submission)
    for kind, start, end in (
        (ActionKind.REMINDER_2W, first, last - DAY),
        (ActionKind.REMINDER_1W, last, submission - DAY),
    ):
        if agreed is not None and start < agreed:  # no reminder before they agreed
            continue
        steps.append(PlanStep(kind, start, end))
    return steps


def _assign_step(writer: Writer, submission: date) -> PlanStep:
    """Letters in ERAS when you apply are assigned then; a letter that arrives later is not
    assigned automatically, even to programs already given others: assign it by hand the day
    it arrives."""
    arrived = writer.letter_date or submission
    if arrived > submission:
        return PlanStep(ActionKind.ASSIGN_LATE, arrived, arrived)
    return PlanStep(ActionKind.ASSIGN, submission, submission)


def writer_steps(profile: Profile, writer: Writer, as_of: date) -> tuple[PlanStep, ...]:
    """The dated steps for one writer, by status (none for a declined writer)."""
    submission = profile.applicant.submission_date
    status = Status(writer.status)
    if status == Status.CANDIDATE:
        return tuple(_candidate_steps(profile.rotation(writer.rotation_id), submission, as_of))
    if status == Status.ASKED:
        return (_follow_up(writer, submission, as_of),)
    if status in AGREED:
        return tuple(_agreed_steps(writer, submission, as_of))
    if status == Status.UPLOADED:
        return (_assign_step(writer, submission),)
    return ()


def needs_plan(writer: Writer) -> bool:
    """Every writer but those whose letter is never sent (declined, a social contact, one who
    asked you to draft it): their advice is to choose someone else, not to send a packet."""
    return never_sent(writer) is None


def writer_plan(profile: Profile, writer: Writer, as_of: date) -> PlanEntry:
    return PlanEntry(writer.id, Status(writer.status), writer_steps(profile, writer, as_of))


def build_plan(profile: Profile, as_of: date) -> list[PlanEntry]:
    """One entry per writer who has steps ahead, in the order of the writers."""
    return [writer_plan(profile, w, as_of) for w in profile.writers if needs_plan(w)]
