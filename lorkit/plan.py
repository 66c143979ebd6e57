"""Dates for asking, reminding and (for rotations ahead) mentioning the letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lorkit import rules
from lorkit.enums import Status
from lorkit.models import Profile, Rotation, Writer


@dataclass(frozen=True, slots=True)
class RotationDates:
    rotation_id: str
    mention_from: date
    mention_by: date
    ask_on: date

    def to_dict(self) -> dict[str, str]:
        return {
            "rotation_id": self.rotation_id,
            "mention_from": self.mention_from.isoformat(),
            "mention_by": self.mention_by.isoformat(),
            "ask_on": self.ask_on.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class PlanEntry:
    writer_id: str
    ask_from: date
    ask_by: date
    reminders: tuple[date, ...]
    rotation: RotationDates | None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "writer_id": self.writer_id,
            "ask_from": self.ask_from.isoformat(),
            "ask_by": self.ask_by.isoformat(),
            "reminders": [d.isoformat() for d in self.reminders],
        }
        if self.rotation is not None:
            out["rotation"] = self.rotation.to_dict()
        return out


def ask_window(submission: date) -> tuple[date, date]:
    offsets = rules.scoring().plan
    return (
        submission - timedelta(days=offsets.ask_from_days),
        submission - timedelta(days=offsets.ask_by_days),
    )


def reminder_dates(submission: date) -> tuple[date, ...]:
    return tuple(submission - timedelta(days=d) for d in rules.scoring().plan.reminder_days)


def rotation_dates(rotation: Rotation, as_of: date) -> RotationDates | None:
    """Mention and ask dates for a rotation that is still ahead or under way."""
    if rotation.end < as_of:
        return None
    offsets = rules.scoring().plan
    mention_from = min(rotation.start + timedelta(days=offsets.mention_from_days), rotation.end)
    mention_by = min(rotation.start + timedelta(days=offsets.mention_by_days), rotation.end)
    return RotationDates(rotation.id, mention_from, mention_by, rotation.end)


def needs_plan(writer: Writer) -> bool:
    return writer.status not in (Status.UPLOADED, Status.DECLINED)


def build_plan(profile: Profile, as_of: date) -> list[PlanEntry]:
    submission = profile.applicant.submission_date
    ask_from, ask_by = ask_window(submission)
    reminders = reminder_dates(submission)
    rotations = {r.id: r for r in profile.rotations}
    entries = []
    for w in profile.writers:
        if not needs_plan(w):
            continue
        rotation = rotations.get(w.rotation_id) if w.rotation_id else None
        entries.append(
            PlanEntry(
                writer_id=w.id,
                ask_from=ask_from,
                ask_by=ask_by,
                reminders=reminders,
                rotation=rotation_dates(rotation, as_of) if rotation else None,
            )
        )
    return entries
