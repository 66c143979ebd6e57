"""The plan as an iCalendar (.ics) file, built with the `icalendar` library."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar, Event

from lorkit import rules
from lorkit.actions import Action, ActionKind, build_actions, packet_items, packet_notes
from lorkit.assessment import Assessment
from lorkit.text_safety import one_line
from lorkit.wording import span, weeks

PRODID = "-//lorkit//letters of recommendation plan//EN"


def _summary(action: Action, names: dict[str, str]) -> str:
    if action.writer_id is None:
        return action.kind.label
    # icalendar escapes line breaks, commas and semicolons but passes other control and
    # text-direction characters through: a title is one plain line.
    return one_line(f"{action.kind.label}: {names.get(action.writer_id, action.writer_id)}")


def _description(action: Action, a: Assessment) -> str:
    submission = a.profile.applicant.submission_date
    plan = rules.scoring().plan
    first, last = plan.reminder_days[0], plan.reminder_days[-1]
    writer = next((w for w in a.profile.writers if w.id == action.writer_id), None)
    items = [i.label for i in packet_items(a.profile)]
    items += [n.label for n in packet_notes(writer)] if writer is not None else []
    lines = {
        ActionKind.MENTION: f"{weeks(plan.mention_from_days)}–{span(plan.mention_by_days)} into "
        "the rotation, mention that you would like to ask for a letter at its end.",
        ActionKind.ASK_AT_END: "As the rotation ends, ask whether they can write a strong letter "
        f"(by {span(plan.ask_by_days)} before submission at the latest).",
        ActionKind.ASK_NOW: "The experience is over: ask now whether they can write a strong "
        f"letter (by {span(plan.ask_by_days)} before submission at the latest).",
        ActionKind.FOLLOW_UP: "No answer yet: send a short, friendly follow-up.",
        ActionKind.PACKET: "Send the packet: " + "; ".join(items) + ".",
        ActionKind.REMINDER_2W: f"{span(first, words=True).capitalize()} before submission: a "
        "short, polite reminder.",
        ActionKind.REMINDER_1W: f"{span(last, words=True).capitalize()} before submission: a "
        "last reminder if still pending.",
        ActionKind.ASSIGN: "In ERAS, assign this letter to each program it suits; letters that "
        "arrive after you apply are not assigned automatically.",
        ActionKind.ASSIGN_LATE: "This letter arrived after you applied, and ERAS does not "
        "assign late letters: assign it by hand to each program that should see it, then "
        "check the assignments report.",
        ActionKind.SUBMISSION: "Submit your ERAS application and assign letters to programs.",
    }
    return f"{lines[action.kind]} Submission: {submission.isoformat()}. (lorkit plan)"


def build_calendar(a: Assessment, actions: list[Action] | None = None) -> Calendar:
    actions = actions if actions is not None else build_actions(a)
    names = {w.id: w.name for w in a.profile.writers}
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Letters of recommendation plan")
    stamp = datetime.combine(a.as_of, time(0, 0), tzinfo=UTC)
    for action in actions:
        event = Event()
        who = action.writer_id or "application"
        # Stable ids: importing an updated plan replaces events instead of duplicating them.
        event.add("uid", f"{who}-{action.kind.value}@lorkit")
        event.add("dtstamp", stamp)
        event.add("dtstart", action.start)
        event.add("dtend", action.end + timedelta(days=1))  # all-day: DTEND is exclusive
        event.add("summary", _summary(action, names))
        event.add("description", _description(action, a))
        event.add("categories", ["lorkit", action.state.label])
        cal.add_component(event)
    return cal


def calendar_bytes(a: Assessment, actions: list[Action] | None = None) -> bytes:
    return build_calendar(a, actions).to_ical()
