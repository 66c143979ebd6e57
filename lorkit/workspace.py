"""The profile while someone is editing it: raw rows that may be incomplete.

The app keeps the profile as a plain JSON-style dict. Rows can be half-filled while the
user types; `check` reports each row's problems in plain words and builds the profile
lorkit can assess from the rows that are complete, so an unfinished row is flagged,
never dropped or fatal.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python

from lorkit import fields, rules
from lorkit.enums import Kind, RotationSpecialty
from lorkit.models import (
    FORMAT,
    MAX_PROGRAMS,
    MAX_SCENARIOS,
    VERSION,
    Applicant,
    Profile,
    Program,
    Rotation,
    Scenario,
    Writer,
    scenario_problems,
)
from lorkit.profile_io import Problem, ProfileError, problems_from, profile_to_dict

ROTATION_FIELDS: tuple[str, ...] = tuple(Rotation.model_fields)
WRITER_FIELDS: tuple[str, ...] = tuple(Writer.model_fields)
APPLICANT_FIELDS: tuple[str, ...] = tuple(Applicant.model_fields)
PROGRAM_FIELDS: tuple[str, ...] = tuple(Program.model_fields)
MAX_ROWS = 2000  # the models' own cap on experiences and on writers
# The models' caps per list section.
CAPS = {
    "rotations": MAX_ROWS,
    "writers": MAX_ROWS,
    "programs": MAX_PROGRAMS,
    "scenarios": MAX_SCENARIOS,
}
LIST_SECTIONS = tuple(CAPS)

_MODELS: dict[str, type[BaseModel]] = {
    "applicant": Applicant,
    "rotations": Rotation,
    "writers": Writer,
    "programs": Program,
    "scenarios": Scenario,
}


def _field_name(where: str) -> str:
    """'packet[0]' → 'packet'."""
    return where.split(".")[0].split("[")[0]


def field_label(section: str, where: str) -> str:
    """'letter_date' or 'packet[0]' → the label the user sees for that field."""
    head = _field_name(where)
    return fields.label(section, head) if head else ""


def place(section: str, index: int | None, where: str = "") -> str:
    """Where a problem is, in the words the user sees: 'Letter writers, row 3, Letter date'."""
    parts = [fields.SECTION_TITLES.get(section, section)]
    if index is not None:
        parts.append(f"row {index + 1}")
    if where:
        parts.append(field_label(section, where))
    return ", ".join(parts)


_FILE_PLACE = re.compile(
    r"^(applicant|rotations|writers|programs|scenarios)(?:\[(\d+)\])?(?:\.([a-z_]+))?$"
)


def screen_place(where: str) -> str:
    """A file location in the words the app uses: 'writers[2].letter_date' → 'Letter
    writers, row 3, Letter date'. Anything else is returned unchanged."""
    m = _FILE_PLACE.match(where)
    if m is None:
        return where
    section, index, name = m.group(1), m.group(2), m.group(3) or ""
    return place(section, int(index) if index is not None else None, name)


def default_submission_date(today: date) -> date:
    """ERAS opens to programs in late September; aim for the coming 10 September."""
    this_year = date(today.year, 9, 10)
    return this_year if today <= date(today.year, 7, 1) else date(today.year + 1, 9, 10)


@cache
def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    # Required fields start empty (None) so that a form shows them unanswered. Cached:
    # pydantic inspects each default factory on every call. Callers copy the result.
    # Defaults as they appear in a file (an enum member becomes its code).
    return {
        name: (
            None
            if info.is_required()
            else to_jsonable_python(info.get_default(call_default_factory=True))
        )
        for name, info in model.model_fields.items()
    }


def blank_row(section: str) -> dict[str, Any]:
    """A new row with every field present: required ones empty, optional ones at default."""
    return copy.deepcopy(_defaults(_MODELS[section]))


def complete_row(section: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row in full shape: known fields kept, absent or empty optional ones at default.

    An optional field stored as null (an older table row, a trimmed browser copy) means
    "not set", which is its default; unknown keys are dropped.
    """
    out = blank_row(section)
    for name, default in out.items():
        value = row.get(name)
        if value is None and default is not None:
            continue
        if name in row:
            out[name] = copy.deepcopy(value)
    return out


def empty_profile(today: date) -> dict[str, Any]:
    applicant = blank_row("applicant")
    applicant.update(
        tracks=[rules.track_ids()[0]],  # the first track in display order
        submission_date=default_submission_date(today).isoformat(),
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "applicant": applicant,
        "rotations": [],
        "writers": [],
        "programs": [],
        "scenarios": [],
    }


def _dedupe(values: Any) -> tuple[Any, bool]:
    if not isinstance(values, list):
        return values, False
    try:
        unique = list(dict.fromkeys(values))
    except TypeError:  # unhashable items: leave them for validation to name
        return values, False
    return unique, len(unique) != len(values)


def restore_profile(raw: Any, today: date) -> tuple[dict[str, Any], list[str]]:
    """Anything shaped roughly like a profile, as a whole profile the app can edit.

    Used for the browser's stored copy, which may come from an older version of the app,
    have half-finished rows, or have been tampered with. It never raises: every row comes
    back in full shape, and what had to be dropped or changed is said in plain words.
    """
    base = empty_profile(today)
    notes: list[str] = []
    if not isinstance(raw, dict):
        return base, ["The stored copy was not a profile, so nothing was restored."]
    applicant = raw.get("applicant")
    if isinstance(applicant, dict):
        base["applicant"] = complete_row("applicant", applicant)
        for name in ("tracks", "career_focus"):
            value, changed = _dedupe(base["applicant"].get(name))
            base["applicant"][name] = value
            if changed:
                notes.append(f"{fields.label('applicant', name)}: a repeated choice was removed.")
    for section in LIST_SECTIONS:
        rows = raw.get(section)
        if not isinstance(rows, list):
            continue
        cap = CAPS[section]
        kept = [complete_row(section, row) for row in rows if isinstance(row, dict)]
        if len(kept) < len(rows):
            notes.append(
                f"{fields.SECTION_TITLES[section]}: {len(rows) - len(kept)} damaged "
                "row(s) could not be read and were left out."
            )
        if len(kept) > cap:
            notes.append(
                f"{fields.SECTION_TITLES[section]}: only the first {cap:,} of "
                f"{len(kept):,} rows were kept."
            )
            kept = kept[:cap]
        base[section] = kept
    return base, notes


def normalise(raw: Any, today: date) -> dict[str, Any]:
    """`restore_profile` without the notes."""
    return restore_profile(raw, today)[0]


@dataclass(frozen=True, slots=True)
class RowIssue:
    section: str
    index: int | None
    name: str  # the row's name or institution, to recognise it by; may be empty
    key: str  # the field's name in the file; empty for a problem with the whole row
    column: str  # the field's on-screen label; empty for a problem with the whole row
    message: str

    @property
    def place(self) -> str:
        head = place(self.section, self.index)
        shown = f" ({self.name})" if self.name else ""
        return f"{head}{shown}, {self.column}" if self.column else f"{head}{shown}"

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass(slots=True)
class Workspace:
    raw: dict[str, Any]
    profile: Profile | None
    issues: list[RowIssue] = field(default_factory=list)
    skipped: dict[str, set[int]] = field(
        default_factory=lambda: {section: set() for section in LIST_SECTIONS}
    )

    @property
    def complete(self) -> bool:
        return self.profile is not None and not self.issues

    def issues_for(self, section: str) -> list[RowIssue]:
        return [i for i in self.issues if i.section == section]


def _row_name(section: str, row: dict[str, Any]) -> str:
    name = row.get("institution") if section == "rotations" else row.get("name")
    return name.strip()[:60] if isinstance(name, str) else ""


def _validate_row(section: str, row: Any) -> tuple[Any, list[Problem]]:
    if not isinstance(row, dict):
        return None, [Problem("", "this row is damaged; delete it and add it again")]
    try:
        return _MODELS[section].model_validate(complete_row(section, row)), []
    except ValidationError as exc:
        return None, problems_from(exc)


def _repeats(values: list[Any]) -> bool:
    return len(set(values)) != len(values)


class _Checker:
    """Checks one profile's rows, section by section, collecting problems as it goes."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.issues: list[RowIssue] = []
        self.skipped: dict[str, set[int]] = {section: set() for section in LIST_SECTIONS}
        self.rotation_rows: dict[str, int] = {}  # every experience id, usable or not

    def flag(self, section: str, index: int | None, row: Any, problems: list[Problem]) -> None:
        name = _row_name(section, row) if isinstance(row, dict) and index is not None else ""
        self.issues.extend(
            RowIssue(
                section, index, name, _field_name(p.where), field_label(section, p.where), p.message
            )
            for p in problems
        )

    def applicant(self) -> Applicant | None:
        applicant, problems = _validate_row("applicant", self.raw.get("applicant") or {})
        if applicant is not None:
            for name in ("tracks", "career_focus"):
                if _repeats(getattr(applicant, name)):
                    problems.append(Problem(name, "the same choice is listed twice"))
        self.flag("applicant", None, self.raw.get("applicant"), problems)
        return None if problems else applicant

    def rotations(self) -> list[Rotation]:
        rotations: list[Rotation] = []
        for i, row in enumerate((self.raw.get("rotations") or [])[:MAX_ROWS]):
            rotation, problems = _validate_row("rotations", row)
            if rotation is not None:
                if rotation.end < rotation.start:
                    problems.append(
                        Problem("end", f"ends {rotation.end} before it starts ({rotation.start})")
                    )
                if rotation.id in self.rotation_rows:
                    problems.append(Problem("id", f"the id {rotation.id!r} is used twice"))
            self._keep(rotations, "rotations", i, row, rotation, problems)
            if isinstance(row, dict) and isinstance(row.get("id"), str):
                self.rotation_rows.setdefault(row["id"], i)
        return rotations

    def _link_problem(self, link: str | None, usable: set[str]) -> Problem | None:
        if link is None or link in usable:
            return None
        if link not in self.rotation_rows:
            return Problem(
                "rotation_id", "the linked experience no longer exists; choose another or none"
            )
        return Problem(
            "rotation_id",
            f"the linked experience (Experiences, row {self.rotation_rows[link] + 1}) has "
            "problems to fix first",
        )

    def writers(self, usable_rotations: set[str]) -> list[Writer]:
        writers: list[Writer] = []
        for i, row in enumerate((self.raw.get("writers") or [])[:MAX_ROWS]):
            writer, problems = _validate_row("writers", row)
            if writer is not None:
                link = self._link_problem(writer.rotation_id, usable_rotations)
                problems += [link] if link else []
                if writer.id in {w.id for w in writers}:
                    problems.append(Problem("id", f"the id {writer.id!r} is used twice"))
            self._keep(writers, "writers", i, row, writer, problems)
        return writers

    def programs(self) -> list[Program]:
        programs: list[Program] = []
        for i, row in enumerate((self.raw.get("programs") or [])[:MAX_PROGRAMS]):
            program, problems = _validate_row("programs", row)
            if program is not None and program.id in {p.id for p in programs}:
                problems.append(Problem("id", f"the id {program.id!r} is used twice"))
            self._keep(programs, "programs", i, row, program, problems)
        return programs

    def scenarios(self, rotations: list[Rotation], writers: list[Writer]) -> list[Scenario]:
        """Scenarios whose own fields are valid and whose references exist among the rows
        that are usable now (a what-if about a writer with problems waits for the fix)."""
        scenarios: list[Scenario] = []
        for i, row in enumerate((self.raw.get("scenarios") or [])[:MAX_SCENARIOS]):
            scenario, problems = _validate_row("scenarios", row)
            if scenario is not None:
                if scenario.id in {s.id for s in scenarios}:
                    problems.append(Problem("id", f"the id {scenario.id!r} is used twice"))
                problems += [
                    Problem(where.split(".", 1)[1] if "." in where else "", message)
                    for where, message in scenario_problems(rotations, writers, scenario)
                ]
            self._keep(scenarios, "scenarios", i, row, scenario, problems)
        return scenarios

    def _keep(
        self, kept: list[Any], section: str, i: int, row: Any, value: Any, problems: list[Problem]
    ) -> None:
        if problems:
            self.flag(section, i, row, problems)
            self.skipped[section].add(i)
        else:
            kept.append(value)

    def beyond_cap(self) -> None:
        # Rows past the models' cap are not read: one problem says so, and they are left out.
        for section, cap in CAPS.items():
            all_rows = self.raw.get(section) or []
            if len(all_rows) > cap:
                extra = len(all_rows) - cap
                problem = Problem(
                    "",
                    f"a profile holds at most {cap:,} rows here; this row and the rest "
                    f"({extra:,} in all) are left out: delete some",
                )
                self.flag(section, cap, all_rows[cap], [problem])
                self.skipped[section].update(range(cap, len(all_rows)))


def check(raw: dict[str, Any]) -> Workspace:
    """Every row's problems in plain words, and the profile made of the rows that have none."""
    checker = _Checker(raw)
    applicant = checker.applicant()
    rotations = checker.rotations()
    writers = checker.writers({r.id for r in rotations})
    programs = checker.programs()
    scenarios = checker.scenarios(rotations, writers)
    checker.beyond_cap()
    profile = None
    if applicant is not None:
        profile = Profile.model_construct(
            format=FORMAT,
            version=VERSION,
            applicant=applicant,
            rotations=rotations,
            writers=writers,
            programs=programs,
            scenarios=scenarios,
        )
    return Workspace(raw=raw, profile=profile, issues=checker.issues, skipped=checker.skipped)


def row_problems(raw: dict[str, Any], section: str, row: dict[str, Any]) -> list[RowIssue]:
    """What would be wrong with `row` once stored in `raw` (replacing the row with its id).

    The same checks as for the whole profile, so a form and the tables never disagree.
    """
    rows = list(raw.get(section) or [])
    index = next((i for i, r in enumerate(rows) if r.get("id") == row.get("id")), len(rows))
    rows[index : index + 1] = [row]
    ws = check({**raw, section: rows})
    return [i for i in ws.issues if i.section == section and i.index == index]


def export_profile(ws: Workspace) -> Profile:
    """The profile as a valid file; refuses while any row still has problems."""
    if ws.profile is None or ws.issues:
        raise ProfileError([Problem(i.place, i.message) for i in ws.issues])
    try:
        return Profile.model_validate(profile_to_dict(ws.profile))
    except ValidationError as exc:  # a rule `check` does not mirror: still a plain message
        raise ProfileError(problems_from(exc)) from None


def next_ids(prefix: str, taken: set[str], count: int) -> list[str]:
    """`count` fresh ids like r7, r8 above every number already in use, so an id that was
    deleted while something still points at it is never handed out again."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    highest = 0
    for t in taken:
        m = pattern.match(t)
        if m:
            highest = max(highest, int(m.group(1)))
    out: list[str] = []
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
        service = RotationSpecialty.short_labels().get(spec, "")
        form = Kind.short_labels().get(kind, "").lower()
        # "Research research" says nothing twice: a research post is just "Research".
        what = service if form == service.lower() else " ".join(x for x in (service, form) if x)
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
