"""The profile while someone is editing it: raw rows that may be incomplete.

The app keeps the profile as a plain JSON-style dict. Rows can be half-filled while the
user types; `check` reports each row's problems in plain words and builds the profile
lorkit can assess from the rows that are complete, so an unfinished row is flagged,
never dropped or fatal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from lorkit.enums import Kind, RotationSpecialty
from lorkit.models import FORMAT, VERSION, Applicant, Profile, Rotation, Writer
from lorkit.profile_io import Problem, ProfileError, problems_from, profile_to_dict

ROTATION_FIELDS: tuple[str, ...] = tuple(Rotation.model_fields)
WRITER_FIELDS: tuple[str, ...] = tuple(Writer.model_fields)
# Planning fields edited on the Plan page, not in the writers table.
WRITER_PLAN_FIELDS = ("packet", "steps_done", "drafts")
WRITER_TABLE_FIELDS = tuple(f for f in WRITER_FIELDS if f not in WRITER_PLAN_FIELDS)
APPLICANT_FIELDS: tuple[str, ...] = tuple(Applicant.model_fields)


# What each field is called on screen, so a problem names the column the user sees.
FIELD_LABELS = {
    "name": "Name",
    "tracks": "Tracks",
    "submission_date": "Submission date",
    "graduation_year": "Graduation year",
    "needs_visa": "Needs a visa",
    "career_focus": "Career focus",
    "id": "Id",
    "institution": "Institution",
    "location": "Location",
    "specialty": "Specialty",
    "setting": "Setting",
    "kind": "Kind",
    "start": "Start",
    "end": "End",
    "title": "Title",
    "role": "Role",
    "rotation_id": "Experience",
    "experience": "Experience",
    "relationship": "Relationship",
    "status": "Status",
    "asked_on": "Asked on",
    "letter_date": "Letter date",
    "waived": "Waived",
    "asked_for_strong": "Asked for strong",
    "knows_goal": "Knows goal",
    "peds_exposure": "Pediatric exposure",
    "asked_to_self_draft": "Asked me to self-draft",
}


def field_label(where: str) -> str:
    head = where.split(".")[0].split("[")[0]
    return FIELD_LABELS.get(head, where)


_SECTION_LABEL = {"applicant": "Profile", "rotations": "Experience", "writers": "Letter writer"}


def default_submission_date(today: date) -> date:
    """ERAS opens to programs in late September; aim for the coming 10 September."""
    this_year = date(today.year, 9, 10)
    return this_year if today <= date(today.year, 7, 1) else date(today.year + 1, 9, 10)


def empty_profile(today: date) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "applicant": {
            "name": None,
            "tracks": ["pediatrics"],
            "submission_date": default_submission_date(today).isoformat(),
            "graduation_year": None,
            "needs_visa": True,
            "career_focus": [],
        },
        "rotations": [],
        "writers": [],
    }


def normalise(raw: Any, today: date) -> dict[str, Any]:
    """Coerce anything shaped roughly like a profile into the dict shape the app edits.

    Used for data restored from the browser's storage, which may be from an older session
    with half-finished rows; it never raises.
    """
    base = empty_profile(today)
    if not isinstance(raw, dict):
        return base
    applicant = raw.get("applicant")
    if isinstance(applicant, dict):
        base["applicant"] = {k: applicant.get(k, base["applicant"][k]) for k in APPLICANT_FIELDS}
    for section, fields in (("rotations", ROTATION_FIELDS), ("writers", WRITER_FIELDS)):
        rows = raw.get(section)
        if isinstance(rows, list):
            base[section] = [
                {k: row.get(k) for k in fields} for row in rows if isinstance(row, dict)
            ]
    return base


@dataclass(frozen=True, slots=True)
class RowIssue:
    section: str
    index: int | None
    label: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.label}: {where}{self.message}"


@dataclass(slots=True)
class Workspace:
    raw: dict[str, Any]
    profile: Profile | None
    issues: list[RowIssue] = field(default_factory=list)
    skipped: dict[str, set[int]] = field(
        default_factory=lambda: {"rotations": set(), "writers": set()}
    )

    @property
    def complete(self) -> bool:
        return self.profile is not None and not self.issues

    def issues_for(self, section: str) -> list[RowIssue]:
        return [i for i in self.issues if i.section == section]


def _row_label(section: str, index: int | None, row: dict[str, Any]) -> str:
    if section == "applicant":
        return "Profile"
    name = row.get("name") if section == "writers" else row.get("institution")
    shown = f" ({name})" if isinstance(name, str) and name.strip() else ""
    return f"{_SECTION_LABEL[section]} row {(index or 0) + 1}{shown}"


def _validate_row(model: type, row: Any) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(row), []
    except ValidationError as exc:
        return None, problems_from(exc)


def check(raw: dict[str, Any]) -> Workspace:
    issues: list[RowIssue] = []
    skipped: dict[str, set[int]] = {"rotations": set(), "writers": set()}

    def flag(section: str, index: int | None, row: dict[str, Any], problems: list[Problem]) -> None:
        label = _row_label(section, index, row)
        issues.extend(
            RowIssue(section, index, label, field_label(p.where), p.message) for p in problems
        )

    applicant, problems = _validate_row(Applicant, raw.get("applicant") or {})
    flag("applicant", None, raw.get("applicant") or {}, problems)
    if applicant is not None and len(set(applicant.tracks)) != len(applicant.tracks):
        flag("applicant", None, {}, [Problem("tracks", "a track is listed twice")])
        applicant = None

    rotations: list[Rotation] = []
    rotation_rows: dict[str, int] = {}
    for i, row in enumerate(raw.get("rotations") or []):
        rotation, problems = _validate_row(Rotation, row)
        if rotation is not None:
            if rotation.end < rotation.start:
                problems.append(
                    Problem("end", f"ends {rotation.end} before it starts ({rotation.start})")
                )
            if rotation.id in rotation_rows:
                problems.append(Problem("id", f"the id {rotation.id!r} is used twice"))
        if problems:
            flag("rotations", i, row, problems)
            skipped["rotations"].add(i)
        else:
            rotations.append(rotation)
        if isinstance(row.get("id"), str):
            rotation_rows.setdefault(row["id"], i)
    usable_rotations = {r.id for r in rotations}

    writers: list[Writer] = []
    writer_ids: set[str] = set()
    for i, row in enumerate(raw.get("writers") or []):
        writer, problems = _validate_row(Writer, row)
        if writer is not None:
            link = writer.rotation_id
            if link is not None and link not in rotation_rows:
                problems.append(
                    Problem(
                        "experience",
                        "the linked experience no longer exists; choose another or none",
                    )
                )
            elif link is not None and link not in usable_rotations:
                problems.append(
                    Problem(
                        "experience",
                        f"the linked experience (row "
                        f"{rotation_rows[link] + 1}) has problems to fix first",
                    )
                )
            if writer.id in writer_ids:
                problems.append(Problem("id", f"the id {writer.id!r} is used twice"))
        if problems:
            flag("writers", i, row, problems)
            skipped["writers"].add(i)
        else:
            writers.append(writer)
            writer_ids.add(writer.id)

    profile = None
    if applicant is not None:
        profile = Profile.model_construct(
            format=FORMAT,
            version=VERSION,
            applicant=applicant,
            rotations=rotations,
            writers=writers,
        )
    return Workspace(raw=raw, profile=profile, issues=issues, skipped=skipped)


def export_profile(ws: Workspace) -> Profile:
    """The profile as a valid file; refuses while any row still has problems."""
    if ws.profile is None or ws.issues:
        raise ProfileError(
            [
                Problem(i.label, f"{i.where}: {i.message}" if i.where else i.message)
                for i in ws.issues
            ]
        )
    return Profile.model_validate(profile_to_dict(ws.profile))


def next_ids(prefix: str, taken: set[str], count: int) -> list[str]:
    """`count` fresh ids like r7, r8 above every number already in use, so an id that was
    deleted while something still points at it is never handed out again."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    highest = 0
    for t in taken:
        m = pattern.match(t)
        if m:
            highest = max(highest, int(m.group(1)))
    out = []
    n = highest
    while len(out) < count:
        n += 1
        candidate = f"{prefix}{n}"
        if candidate not in taken:
            out.append(candidate)
    return out


def referenced_ids(raw: dict[str, Any]) -> set[str]:
    ids: set[str] = set()
    for section in ("rotations", "writers"):
        for row in raw.get(section) or []:
            if isinstance(row.get("id"), str):
                ids.add(row["id"])
    for row in raw.get("writers") or []:
        if isinstance(row.get("rotation_id"), str):
            ids.add(row["rotation_id"])
    return ids


def _month(value: Any) -> str:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%b %Y")
        except ValueError:
            return ""
    return ""


def rotation_labels(raw: dict[str, Any]) -> dict[str, str]:
    """A readable, unique label for each experience id, for choosing it from a list."""
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for row in raw.get("rotations") or []:
        rid = row.get("id")
        if not isinstance(rid, str):
            continue
        parts = [str(row.get("institution") or "Unnamed place")]
        spec, kind = row.get("specialty"), row.get("kind")
        what = " ".join(
            x
            for x in (
                RotationSpecialty(spec).label.split(" (")[0]
                if spec in RotationSpecialty.labels()
                else "",
                Kind(kind).label.split(" (")[0].lower() if kind in Kind.labels() else "",
            )
            if x
        )
        if what:
            parts.append(what)
        when = _month(row.get("start"))
        if when:
            parts.append(when)
        label = " · ".join(parts)
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label} ({seen[label]})"
        labels[rid] = label
    return labels
