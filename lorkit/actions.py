"""The plan as dated actions: what to do for each writer, when, and whether it is done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lorkit import rules
from lorkit.assessment import Assessment
from lorkit.enums import LabelledEnum, PacketItem, Status, Step
from lorkit.models import Profile, Writer
from lorkit.plan import PlanEntry


class ActionState(LabelledEnum):
    DONE = ("done", "Done")
    OVERDUE = ("overdue", "Overdue")
    DUE = ("due", "Due now")
    UPCOMING = ("upcoming", "Upcoming")


class ActionKind(LabelledEnum):
    MENTION = ("mention", "Mention the letter")
    ASK_AT_END = ("ask-at-end", "Ask formally at the end of the rotation")
    ASK_WINDOW = ("ask-window", "Ask for a strong letter")
    PACKET = ("packet", "Send the packet")
    REMINDER_2W = ("reminder-2w", "Send a gentle reminder")
    REMINDER_1W = ("reminder-1w", "Send a last reminder")
    SUBMISSION = ("submission", "Submit your ERAS application")


@dataclass(frozen=True, slots=True)
class Action:
    kind: ActionKind
    writer_id: str | None
    start: date
    end: date
    state: ActionState
    in_set: bool  # the writer is in a recommended set


def state_of(done: bool, start: date, end: date, as_of: date) -> ActionState:
    if done:
        return ActionState.DONE
    if as_of > end:
        return ActionState.OVERDUE
    if as_of >= start:
        return ActionState.DUE
    return ActionState.UPCOMING


def packet_items(profile: Profile) -> list[PacketItem]:
    """The packet checklist for this applicant's tracks: what every writer receives
    (scoring.toml's packet.always) and each chosen track's packet_extras."""
    book = rules.book()
    wanted = set(book.scoring.packet.always)
    for t in profile.applicant.tracks:
        wanted.update(book.track(t).packet_extras)
    return [i for i in PacketItem if i.value in wanted]


def _asked(w: Writer) -> bool:
    return w.status != Status.CANDIDATE


def _writer_actions(
    w: Writer, entry: PlanEntry, submission: date, as_of: date, in_set: bool
) -> list[Action]:
    steps = set(w.steps_done)
    offsets = rules.scoring().plan
    out: list[Action] = []

    def add(kind: ActionKind, start: date, end: date, done: bool) -> None:
        out.append(Action(kind, w.id, start, end, state_of(done, start, end, as_of), in_set))

    rot = entry.rotation
    if rot is not None:
        add(
            ActionKind.MENTION,
            rot.mention_from,
            rot.mention_by,
            _asked(w) or Step.MENTIONED in steps,
        )
        add(
            ActionKind.ASK_AT_END,
            rot.ask_on - timedelta(days=offsets.ask_at_end_before_days),
            rot.ask_on + timedelta(days=offsets.ask_at_end_after_days),
            _asked(w),
        )
    else:
        add(ActionKind.ASK_WINDOW, entry.ask_from, entry.ask_by, _asked(w))
    # The packet follows the ask (within packet_within_days), by the ask-by date at the latest.
    asked_on = w.asked_on or (rot.ask_on if rot else entry.ask_from)
    packet_start = min(asked_on, entry.ask_by)
    packet_by = asked_on + timedelta(days=offsets.packet_within_days)
    add(
        ActionKind.PACKET,
        packet_start,
        max(packet_start, min(packet_by, entry.ask_by)),
        Step.PACKET_SENT in steps,
    )
    # the rule book holds exactly two reminders (rules.REMINDERS): a gentle one, a last one
    first, last = entry.reminders
    add(ActionKind.REMINDER_2W, first, last - timedelta(days=1), Step.REMINDED_2W in steps)
    add(ActionKind.REMINDER_1W, last, submission - timedelta(days=1), Step.REMINDED_1W in steps)
    return out


def build_actions(a: Assessment) -> list[Action]:
    """Every dated action for the writers still to upload, plus submission, by date."""
    profile = a.profile
    submission = profile.applicant.submission_date
    in_set = {x.id for t in a.tracks for x in t.selected}
    writers = {w.id: w for w in profile.writers}
    actions: list[Action] = []
    for entry in a.plan:
        w = writers[entry.writer_id]
        actions += _writer_actions(w, entry, submission, a.as_of, w.id in in_set)
    actions.append(
        Action(
            ActionKind.SUBMISSION,
            None,
            submission,
            submission,
            state_of(a.as_of > submission, submission, submission, a.as_of),
            True,
        )
    )
    order = {w.id: i for i, w in enumerate(profile.writers)}
    kinds = list(ActionKind)
    return sorted(
        actions, key=lambda x: (x.start, order.get(x.writer_id or "", 1 << 30), kinds.index(x.kind))
    )


PIPELINE = (Status.CANDIDATE, Status.ASKED, Status.AGREED_STRONG, Status.UPLOADED)
OFF_PIPELINE = (Status.HESITANT, Status.DECLINED)


def pipeline_counts(profile: Profile) -> dict[Status, int]:
    counts = {s: 0 for s in (*PIPELINE, *OFF_PIPELINE)}
    for w in profile.writers:
        counts[Status(w.status)] += 1
    return counts
