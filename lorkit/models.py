"""The `lorkit-profile` file format (version 1) as pydantic models.

These models are the single source of truth: the loader validates with them and
`data/schema/profile.schema.json` is generated from them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    model_validator,
)
from pydantic_core import PydanticCustomError

from lorkit.enums import (
    CareerFocus,
    DraftKind,
    Kind,
    Location,
    PacketItem,
    Relationship,
    Role,
    RotationSpecialty,
    Setting,
    Specialty,
    Status,
    Step,
)
from lorkit.rules import track_ids

FORMAT = "lorkit-profile"
VERSION = 1

EARLIEST = date(1950, 1, 1)
LATEST = date(2100, 12, 31)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> Any:
    # Dates travel as YYYY-MM-DD strings; refuse numbers and timestamps, which pydantic's
    # lax mode would otherwise read as seconds since 1970.
    if isinstance(value, datetime):
        raise PydanticCustomError("date_type", "expected a date like 2027-09-10, not a timestamp")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "date_value", "{value} is not a real calendar date", {"value": value}
            ) from None
    raise PydanticCustomError("date_type", "expected a date like 2027-09-10")


def _in_range(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError(
            "date_range",
            "{value} is outside the sane range {lo} to {hi}",
            {"value": value.isoformat(), "lo": EARLIEST.isoformat(), "hi": LATEST.isoformat()},
        )
    return value


IsoDate = Annotated[date, BeforeValidator(_parse_date), AfterValidator(_in_range)]

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$",
        description="Short id, unique within its list (letters, digits, - _ .).",
    ),
]


def _track_id(value: str) -> str:
    if value not in track_ids():
        raise PydanticCustomError(
            "track",
            "unknown track '{value}'; use one of {known}",
            {"value": value, "known": ", ".join(track_ids())},
        )
    return value


TrackId = Annotated[
    str,
    AfterValidator(_track_id),
    Field(json_schema_extra={"enum": list(track_ids())}),
]


def _unique(items: list[Any]) -> list[Any]:
    """Ticked items are a set; keep the first of any repeat, in file order."""
    return list(dict.fromkeys(items))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)


class Applicant(_Model):
    name: str | None = Field(default=None, max_length=120, description="Optional display name.")
    tracks: list[TrackId] = Field(min_length=1, description="One or both tracks applied to.")
    submission_date: IsoDate = Field(description="Planned ERAS submission date.")
    graduation_year: int | None = Field(default=None, ge=1950, le=2100)
    needs_visa: StrictBool = True
    career_focus: list[CareerFocus] = Field(default_factory=list)


class Rotation(_Model):
    id: Identifier
    institution: str = Field(min_length=1, max_length=200)
    location: Location
    specialty: RotationSpecialty
    setting: Setting
    kind: Kind
    start: IsoDate
    end: IsoDate

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class Writer(_Model):
    id: Identifier
    name: str = Field(min_length=1, max_length=120)
    title: str | None = Field(default=None, max_length=200)
    role: Role
    specialty: Specialty
    location: Location
    rotation_id: Identifier | None = Field(
        default=None, description="The experience where this writer saw your work."
    )
    relationship: Relationship
    status: Status
    asked_on: IsoDate | None = None
    letter_date: IsoDate | None = Field(
        default=None, description="Date on the letter, once written or uploaded."
    )
    waived: StrictBool = True
    asked_for_strong: StrictBool = False
    knows_goal: StrictBool = False
    peds_exposure: StrictBool = Field(
        default=False, description="For family-medicine or IM writers: saw you care for children."
    )
    asked_to_self_draft: StrictBool = False
    # Optional planning fields (added within version 1; older files simply lack them).
    packet: Annotated[list[PacketItem], AfterValidator(_unique)] = Field(
        default_factory=list, description="Packet items already prepared or sent."
    )
    steps_done: Annotated[list[Step], AfterValidator(_unique)] = Field(
        default_factory=list, description="Plan steps ticked off (mention, packet, reminders)."
    )
    drafts: dict[DraftKind, Annotated[str, Field(max_length=6000)]] = Field(
        default_factory=dict, description="E-mail drafts the applicant edited, by kind."
    )


class Profile(_Model):
    format: Literal["lorkit-profile"] = FORMAT
    version: Literal[1] = VERSION
    applicant: Applicant
    rotations: list[Rotation] = Field(default_factory=list, max_length=2000)
    writers: list[Writer] = Field(default_factory=list, max_length=2000)

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        problems = consistency_problems(self)
        if problems:
            raise PydanticCustomError(
                "consistency",
                "{first}",
                {"first": f"{problems[0][0]}: {problems[0][1]}", "problems": problems},
            )
        return self

    def rotation(self, rotation_id: str | None) -> Rotation | None:
        if rotation_id is None:
            return None
        return next((r for r in self.rotations if r.id == rotation_id), None)


def _duplicates(kind: str, values: list[str], path: str) -> list[tuple[str, str]]:
    seen: dict[str, int] = {}
    problems = []
    for i, v in enumerate(values):
        if v in seen:
            problems.append((f"{path}[{i}]", f"{kind} {v!r} is listed twice"))
        else:
            seen[v] = i
    return problems


def consistency_problems(profile: Profile) -> list[tuple[str, str]]:
    """Cross-field problems as (location, message) pairs, in file order."""
    problems: list[tuple[str, str]] = []
    problems += _duplicates("track", list(profile.applicant.tracks), "applicant.tracks")
    problems += _duplicates(
        "career focus", [c.value for c in profile.applicant.career_focus], "applicant.career_focus"
    )
    rotation_index: dict[str, int] = {}
    for i, r in enumerate(profile.rotations):
        if r.id in rotation_index:
            first = rotation_index[r.id]
            problems.append(
                (f"rotations[{i}].id", f"id {r.id!r} is already used by rotations[{first}]")
            )
        else:
            rotation_index[r.id] = i
        if r.end < r.start:
            problems.append((f"rotations[{i}].end", f"ends {r.end} before it starts ({r.start})"))
    writer_index: dict[str, int] = {}
    for i, w in enumerate(profile.writers):
        if w.id in writer_index:
            first = writer_index[w.id]
            problems.append(
                (f"writers[{i}].id", f"id {w.id!r} is already used by writers[{first}]")
            )
        else:
            writer_index[w.id] = i
        if w.rotation_id is not None and w.rotation_id not in rotation_index:
            problems.append(
                (f"writers[{i}].rotation_id", f"no experience has the id {w.rotation_id!r}")
            )
    return problems
