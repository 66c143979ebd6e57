"""The plan as dated actions: what to do for each writer, when, and whether it is done.

The dates are the plan's (`lorkit.plan`, one source for the table, the calendar and the
e-mails); this module adds each action's state from today's date and the applicant's ticks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lorkit import rules
from lorkit.assessment import Assessment
from lorkit.enums import LabelledEnum, Location, PacketItem, Status, Step
from lorkit.models import Profile, Writer
from lorkit.plan import ActionKind, PlanEntry, PlanStep

__all__ = [
    "HOME_COUNTRY_OUTLINE",
    "OFF_PIPELINE",
    "PIPELINE",
    "Action",
    "ActionKind",
    "ActionState",
    "PacketNote",
    "build_actions",
    "packet_items",
    "packet_notes",
    "pipeline_counts",
    "state_of",
]


ASSIGN_KINDS = frozenset({ActionKind.ASSIGN, ActionKind.ASSIGN_LATE})


class ActionState(LabelledEnum):
    DONE = ("done", "Done")
    OVERDUE = ("overdue", "Overdue")
    DUE = ("due", "Due now")
    UPCOMING = ("upcoming", "Upcoming")


@dataclass(frozen=True, slots=True)
class Action:
    kind: ActionKind
    writer_id: str | None
    start: date
    end: date
    state: ActionState
    in_set: bool  # the writer is in a recommended set
    # for an assign action: the programs on the list this letter goes to, in list order
    programs: tuple[str, ...] = ()


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


@dataclass(frozen=True, slots=True)
class PacketNote:
    """A packet item lorkit adds for one kind of writer. Unlike a PacketItem it is not (yet)
    a code of the profile format, so it cannot be ticked off in the file."""

    code: str
    label: str  # for the checklist
    phrase: str  # for the cover note, in the applicant's voice


# A writer outside the US may not know the conventions of a US letter of recommendation.
HOME_COUNTRY_OUTLINE = PacketNote(
    "us-letter-outline",
    "A short outline of what US programs look for in a letter (such as how you compare "
    "with your peers)",
    "a short outline of what US residency programs look for in a letter",
)


def packet_notes(writer: Writer) -> list[PacketNote]:
    """The items this writer's packet adds to the checklist of the tracks."""
    return [HOME_COUNTRY_OUTLINE] if writer.location == Location.NON_US else []


def _done(kind: ActionKind, steps: set[Step], end: date, as_of: date) -> bool:
    """Whether an action is done: by the applicant's tick, or, for the asks and the
    follow-up, by a change of the writer's status (which removes them from the plan)."""
    if kind == ActionKind.MENTION:
        return Step.MENTIONED in steps
    if kind == ActionKind.PACKET:
        return Step.PACKET_SENT in steps
    if kind == ActionKind.REMINDER_2W:
        return Step.REMINDED_2W in steps
    if kind == ActionKind.REMINDER_1W:
        return Step.REMINDED_1W in steps
    if kind in ASSIGN_KINDS:  # like the submission itself: done once its day is over
        return as_of > end
    return False


def _writer_actions(
    w: Writer, entry: PlanEntry, as_of: date, in_set: bool, programs: tuple[str, ...]
) -> list[Action]:
    steps = set(w.steps_done)

    def action(step: PlanStep) -> Action:
        done = _done(step.kind, steps, step.end, as_of)
        return Action(
            step.kind,
            w.id,
            step.start,
            step.end,
            state_of(done, step.start, step.end, as_of),
            in_set,
            programs if step.kind in ASSIGN_KINDS else (),
        )

    return [action(s) for s in entry.steps]


def build_actions(a: Assessment) -> list[Action]:
    """Every dated action of the plan, plus submission, by date."""
    profile = a.profile
    submission = profile.applicant.submission_date
    in_set = {x.id for t in a.tracks for x in t.selected}
    writers = {w.id: w for w in profile.writers}
    actions: list[Action] = []
    goes_to: dict[str, list[str]] = {}
    for r in a.programs:
        if r.eligible:
            for x in r.selected:
                goes_to.setdefault(x.id, []).append(r.program.name)
    for entry in a.plan:
        w = writers[entry.writer_id]
        programs = tuple(goes_to.get(w.id, ()))
        actions += _writer_actions(w, entry, a.as_of, w.id in in_set or bool(programs), programs)
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
