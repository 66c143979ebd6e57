"""The `lorkit-profile` file format (version 1) as pydantic models.

These models are the single source of truth: the loader validates with them and
`lorkit/data/schema/profile.schema.json` is generated from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)
from pydantic_core import PydanticCustomError

from lorkit.enums import (
    CareerFocus,
    ChairLetter,
    DraftKind,
    Kind,
    Location,
    ObservershipLetters,
    PacketItem,
    Relationship,
    Role,
    RotationSpecialty,
    Setting,
    Specialty,
    SponsoredVisa,
    Status,
    Step,
    Visa,
)
from lorkit.rules import track_ids
from lorkit.text_safety import is_blank, shown, text_problem

FORMAT: Final = "lorkit-profile"
VERSION: Final = 1

EARLIEST = date(1950, 1, 1)
LATEST = date(2100, 12, 31)
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _parse_date(value: Any) -> Any:
    # Dates travel as YYYY-MM-DD strings; refuse numbers and timestamps, which pydantic's
    # lax mode would otherwise read as seconds since 1970.
    if isinstance(value, datetime):
        raise PydanticCustomError("date_type", "expected a date like 2027-09-10, not a timestamp")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError(
                "date_value", "{value} is not a real calendar date", {"value": text}
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
            "unknown track {value}; use one of {known}",
            {"value": shown(value), "known": ", ".join(track_ids())},
        )
    return value


def _track_enum(schema: dict[str, Any]) -> None:
    # filled in when the schema is generated, not at import: importing lorkit must not
    # load the rule book (broken rule data is reported by the CLI, not as a traceback)
    schema["enum"] = list(track_ids())


TrackId = Annotated[
    str,
    AfterValidator(_track_id),
    Field(json_schema_extra=_track_enum),
]


def _unique(items: list[Any]) -> list[Any]:
    """Ticked items are a set; keep the first of any repeat, in file order."""
    return list(dict.fromkeys(items))


# --- text fields -------------------------------------------------------------------------
# Every free-text field is one of the types below, so each gets the same character rules
# (see lorkit.text_safety): one-line fields refuse control and text-direction override
# characters; multi-line fields keep line breaks and tabs; a required name made only of
# invisible characters is blank.


def _one_line_chars(value: str) -> str:
    problem = text_problem(value)
    if problem is not None:
        raise PydanticCustomError(problem[0], problem[1])
    return value


def _multiline_chars(value: str) -> str:
    problem = text_problem(value, multiline=True)
    if problem is not None:
        raise PydanticCustomError(problem[0], problem[1])
    return value


def _unix_newlines(value: Any) -> Any:
    # Text pasted from Windows files arrives with CR LF line ends: keep the line breaks.
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _not_blank(value: str) -> str:
    if is_blank(value):
        raise PydanticCustomError("text_blank", "is blank (it has only invisible characters)")
    return value


def _empty_or_visible(value: str) -> str:
    if value and is_blank(value):
        raise PydanticCustomError(
            "text_blank", "has only invisible characters; type something or leave it empty"
        )
    return value


_ONE_LINE = AfterValidator(_one_line_chars)
_REQUIRED = AfterValidator(_not_blank)
_OPTIONAL = AfterValidator(_empty_or_visible)
# Multi-line: the Field comes before the BeforeValidator so that the length is checked as a
# string's length (after the line ends are made uniform).
_MULTILINE = (BeforeValidator(_unix_newlines), AfterValidator(_multiline_chars))

Name = Annotated[str, Field(min_length=1, max_length=120), _ONE_LINE, _REQUIRED]  # a writer
OptionalName = Annotated[str, Field(max_length=120), _ONE_LINE, _OPTIONAL]  # the applicant
Place = Annotated[str, Field(min_length=1, max_length=200), _ONE_LINE, _REQUIRED]
OptionalLine = Annotated[str, Field(max_length=200), _ONE_LINE, _OPTIONAL]  # a title
Notes = Annotated[str, Field(max_length=1000), *_MULTILINE]
DraftText = Annotated[str, Field(max_length=6000), *_MULTILINE]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)


class Applicant(_Model):
    name: OptionalName | None = Field(default=None, description="Optional display name.")
    tracks: list[TrackId] = Field(min_length=1, description="One or both tracks applied to.")
    submission_date: IsoDate = Field(description="Planned ERAS submission date.")
    graduation_year: StrictInt | None = Field(
        default=None, ge=1950, le=2100, description="Year of graduation from medical school."
    )
    needs_visa: StrictBool = True
    visa: Visa = Field(
        default=Visa.EITHER,
        description="The visa you can train on, when you need one: j1, h1b or either.",
    )
    career_focus: list[CareerFocus] = Field(default_factory=list)


def working_weeks(start: date, end: date) -> int:
    """Whole working weeks from `start` to `end` (both days included), counted so that a
    Monday-to-Friday block counts in full: floor((days + 2) / 7). Four Mon–Fri weeks (26
    days) are 4 weeks; 12 days (Mon–Fri twice) are 2."""
    days = (end - start).days + 1
    return max(0, (days + 2) // 7)


class Rotation(_Model):
    id: Identifier
    institution: Place
    location: Location
    specialty: RotationSpecialty
    setting: Setting
    kind: Kind
    start: IsoDate
    end: IsoDate
    notes: Notes | None = Field(
        default=None, description="Optional notes: what you did, notable cases, who saw your work."
    )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> int:
        """Working weeks together (see `working_weeks`)."""
        return working_weeks(self.start, self.end)


class Writer(_Model):
    id: Identifier
    name: Name
    title: OptionalLine | None = None
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
    previous_season: StrictBool = Field(
        default=False,
        description="The letter was uploaded in an earlier ERAS season (programs see its "
        "original upload date).",
    )
    # Optional planning fields (added within version 1; older files simply lack them).
    packet: Annotated[list[PacketItem], AfterValidator(_unique)] = Field(
        default_factory=list, description="Packet items already prepared or sent."
    )
    steps_done: Annotated[list[Step], AfterValidator(_unique)] = Field(
        default_factory=list, description="Plan steps ticked off (mention, packet, reminders)."
    )
    drafts: dict[DraftKind, DraftText] = Field(
        default_factory=dict, description="E-mail drafts the applicant edited, by kind."
    )
    notes: Notes | None = Field(
        default=None, description="Optional notes about this writer and the letter."
    )


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _web_address(value: str) -> str:
    if value and not _URL.match(value):
        raise PydanticCustomError("url", "expected a web address starting with https:// or http://")
    return value


WebAddress = Annotated[str, Field(max_length=500), _ONE_LINE, AfterValidator(_web_address)]
LetterCount = Annotated[StrictInt, Field(ge=0, le=4)]


class Program(_Model):
    """One residency program on the applicant's list, with the letter rules it publishes.

    Every rule can be unknown (null, or "unknown"): most program pages say nothing about
    most of them, and an unknown rule is simply not applied.
    """

    id: Identifier
    name: Place
    track: TrackId
    letters_min: Annotated[StrictInt, Field(ge=1, le=4)] | None = Field(
        default=None, description="Fewest letters the program asks for; null: it does not say."
    )
    letters_max: Annotated[StrictInt, Field(ge=1, le=4)] = Field(
        default=4, description="Most letters it reads (ERAS allows at most 4 per program)."
    )
    chair_letter: ChairLetter = ChairLetter.UNKNOWN
    min_pediatric_letters: LetterCount | None = None
    min_im_letters: LetterCount | None = None
    min_us_letters: LetterCount | None = None
    observership_letters: ObservershipLetters = ObservershipLetters.UNKNOWN
    letter_max_age_months: Annotated[StrictInt, Field(ge=1, le=120)] | None = Field(
        default=None, description="Letters must be at most this many months old; null: no limit."
    )
    graduation_within_years: Annotated[StrictInt, Field(ge=0, le=60)] | None = Field(
        default=None, description="Graduated at most this many years before applying."
    )
    visa: Annotated[list[SponsoredVisa], AfterValidator(_unique)] | None = Field(
        default=None,
        description="Visas the program sponsors: [] sponsors none; null: it does not say.",
    )
    source_url: WebAddress | None = Field(
        default=None, description="The page these rules were read from."
    )
    as_of: IsoDate | None = Field(default=None, description="The date the page was read.")
    notes: Notes | None = None

    @model_validator(mode="after")
    def _counts_fit(self) -> Program:
        if self.letters_min is not None and self.letters_min > self.letters_max:
            raise PydanticCustomError(
                "letters_range",
                "asks for at least {lo} letters but reads at most {hi}",
                {"lo": self.letters_min, "hi": self.letters_max},
            )
        return self


class Scenario(_Model):
    """A named what-if, assessed beside the profile without changing it."""

    id: Identifier
    name: Annotated[str, Field(min_length=1, max_length=120), _ONE_LINE, _REQUIRED]
    leave_out: Annotated[list[Identifier], AfterValidator(_unique)] = Field(
        default_factory=list, description="Writer ids left out of the letter sets."
    )
    set_status: dict[Identifier, Status] = Field(
        default_factory=dict, description="Writer id → the status assumed in this what-if."
    )
    add_rotations: list[Rotation] = Field(default_factory=list, max_length=50)
    add_writers: list[Writer] = Field(default_factory=list, max_length=50)
    notes: Notes | None = None


MAX_PROGRAMS = 500
MAX_SCENARIOS = 50
MAX_ROWS = 2000  # experiences, and letter writers, per profile


class Profile(_Model):
    format: Literal["lorkit-profile"] = FORMAT
    version: Literal[1] = VERSION
    applicant: Applicant
    rotations: list[Rotation] = Field(default_factory=list, max_length=MAX_ROWS)
    writers: list[Writer] = Field(default_factory=list, max_length=MAX_ROWS)
    programs: list[Program] = Field(default_factory=list, max_length=MAX_PROGRAMS)
    scenarios: list[Scenario] = Field(default_factory=list, max_length=MAX_SCENARIOS)

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


# --- cross-field checks ------------------------------------------------------------------
# They run on the validated profile and, when some fields are invalid, on the raw rows as far
# as they can be read, so that one pass reports every problem of a file.


def _duplicates(kind: str, values: list[Any], path: str) -> list[tuple[str, str]]:
    seen: set[str] = set()
    problems = []
    for i, v in enumerate(values):
        if not isinstance(v, str):
            continue
        if v in seen:
            problems.append((f"{path}[{i}]", f"{kind} {shown(v)} is listed twice"))
        else:
            seen.add(v)
    return problems


def _consistency(
    tracks: list[Any],
    career_focus: list[Any],
    rotations: list[tuple[Any, date | None, date | None]] | None,
    writers: list[tuple[Any, Any]],
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    problems += _duplicates("track", tracks, "applicant.tracks")
    problems += _duplicates("career focus", career_focus, "applicant.career_focus")
    rotation_index: dict[str, int] = {}
    for i, (rid, start, end) in enumerate(rotations or []):
        if isinstance(rid, str):
            if rid in rotation_index:
                first = rotation_index[rid]
                problems.append(
                    (f"rotations[{i}].id", f"id {shown(rid)} is already used by rotations[{first}]")
                )
            else:
                rotation_index[rid] = i
        if start is not None and end is not None and end < start:
            problems.append((f"rotations[{i}].end", f"ends {end} before it starts ({start})"))
    writer_index: dict[str, int] = {}
    for i, (wid, link) in enumerate(writers):
        if isinstance(wid, str):
            if wid in writer_index:
                first = writer_index[wid]
                problems.append(
                    (f"writers[{i}].id", f"id {shown(wid)} is already used by writers[{first}]")
                )
            else:
                writer_index[wid] = i
        if rotations is not None and isinstance(link, str) and link not in rotation_index:
            problems.append(
                (f"writers[{i}].rotation_id", f"no experience has the id {shown(link)}")
            )
    return problems


@dataclass(frozen=True, slots=True)
class _ScenarioRefs:
    """What a scenario points at, as far as it can be read."""

    id: Any
    leave_out: list[Any]
    set_status: list[Any]
    add_rotations: list[Any]
    add_writers: list[tuple[Any, Any]]
    rotation_spans: list[tuple[int, date | None, date | None]] = field(default_factory=list)


def _scenario_problems(
    rotation_ids: set[Any], writer_ids: set[Any], scenarios: list[_ScenarioRefs]
) -> list[tuple[str, str]]:
    problems = _duplicates("scenario id", [s.id for s in scenarios], "scenarios")
    for i, s in enumerate(scenarios):
        at = f"scenarios[{i}]"
        added_rotations = {r for r in s.add_rotations if isinstance(r, str)}
        added_writers = {w for w, _ in s.add_writers if isinstance(w, str)}
        for j, rid in enumerate(s.add_rotations):
            if rid in rotation_ids:
                problems.append((f"{at}.add_rotations[{j}].id", f"id {shown(rid)} is already used"))
        for j, start, end in s.rotation_spans:
            if start is not None and end is not None and end < start:
                problems.append(
                    (f"{at}.add_rotations[{j}].end", f"ends {end} before it starts ({start})")
                )
        for j, (wid, link) in enumerate(s.add_writers):
            if wid in writer_ids:
                problems.append((f"{at}.add_writers[{j}].id", f"id {shown(wid)} is already used"))
            if isinstance(link, str) and link not in rotation_ids | added_rotations:
                problems.append(
                    (
                        f"{at}.add_writers[{j}].rotation_id",
                        f"no experience has the id {shown(link)}",
                    )
                )
        known = writer_ids | added_writers
        for name, ids in (("leave_out", s.leave_out), ("set_status", s.set_status)):
            for wid in ids:
                if isinstance(wid, str) and wid not in known:
                    problems.append((f"{at}.{name}", f"no letter writer has the id {shown(wid)}"))
    return problems


def scenario_problems(
    rotations: list[Rotation], writers: list[Writer], scenario: Scenario
) -> list[tuple[str, str]]:
    """What one scenario points at that the rows do not have ('scenarios[0].leave_out', …)."""
    refs = _ScenarioRefs(
        scenario.id,
        list(scenario.leave_out),
        list(scenario.set_status),
        [r.id for r in scenario.add_rotations],
        [(w.id, w.rotation_id) for w in scenario.add_writers],
        [(j, r.start, r.end) for j, r in enumerate(scenario.add_rotations)],
    )
    return _scenario_problems({r.id for r in rotations}, {w.id for w in writers}, [refs])


def consistency_problems(profile: Profile) -> list[tuple[str, str]]:
    """Cross-field problems as (location, message) pairs, in file order."""
    problems = _consistency(
        list(profile.applicant.tracks),
        [c.value for c in profile.applicant.career_focus],
        [(r.id, r.start, r.end) for r in profile.rotations],
        [(w.id, w.rotation_id) for w in profile.writers],
    )
    problems += _duplicates("program id", [p.id for p in profile.programs], "programs")
    scenarios = [
        _ScenarioRefs(
            s.id,
            list(s.leave_out),
            list(s.set_status),
            [r.id for r in s.add_rotations],
            [(w.id, w.rotation_id) for w in s.add_writers],
            [(j, r.start, r.end) for j, r in enumerate(s.add_rotations)],
        )
        for s in profile.scenarios
    ]
    return problems + _scenario_problems(
        {r.id for r in profile.rotations}, {w.id for w in profile.writers}, scenarios
    )


def _raw_date(value: Any) -> date | None:
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            return None
        return day if EARLIEST <= day <= LATEST else None
    return None


def _rows(value: Any) -> list[dict[str, Any]] | None:
    if not isinstance(value, list):
        return None
    return [row if isinstance(row, dict) else {} for row in value]


def _raw_text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None  # as the models strip it


def _raw_texts(value: Any) -> list[str | None]:
    return [_raw_text(v) for v in value] if isinstance(value, list) else []


def raw_consistency_problems(data: Any) -> list[tuple[str, str]]:
    """The cross-field problems of a raw profile dict whose fields may not all be valid:
    whatever can be read is checked (ids as far as they are text, dates as far as they are
    real dates); what cannot is left to the field errors."""
    if not isinstance(data, dict):
        return []
    applicant = data.get("applicant")
    applicant = applicant if isinstance(applicant, dict) else {}
    rotation_rows = _rows(data.get("rotations", []))
    rotations = (
        None
        if rotation_rows is None
        else [
            (_raw_text(r.get("id")), _raw_date(r.get("start")), _raw_date(r.get("end")))
            for r in rotation_rows
        ]
    )
    writers = [
        (_raw_text(w.get("id")), _raw_text(w.get("rotation_id")))
        for w in _rows(data.get("writers", [])) or []
    ]
    problems = _consistency(
        _raw_texts(applicant.get("tracks")),
        _raw_texts(applicant.get("career_focus")),
        rotations,
        writers,
    )
    programs = _rows(data.get("programs", [])) or []
    problems += _duplicates("program id", [_raw_text(p.get("id")) for p in programs], "programs")
    if rotations is None:
        return problems
    scenarios = [_raw_scenario(s) for s in _rows(data.get("scenarios", [])) or []]
    return problems + _scenario_problems(
        {r for r, _, _ in rotations}, {w for w, _ in writers}, scenarios
    )


def _raw_scenario(row: dict[str, Any]) -> _ScenarioRefs:
    status = row.get("set_status")
    return _ScenarioRefs(
        _raw_text(row.get("id")),
        _raw_texts(row.get("leave_out")),
        [_raw_text(k) for k in status] if isinstance(status, dict) else [],
        [_raw_text(r.get("id")) for r in _rows(row.get("add_rotations", [])) or []],
        [
            (_raw_text(w.get("id")), _raw_text(w.get("rotation_id")))
            for w in _rows(row.get("add_writers", [])) or []
        ],
        [
            (j, _raw_date(r.get("start")), _raw_date(r.get("end")))
            for j, r in enumerate(_rows(row.get("add_rotations", [])) or [])
        ],
    )
