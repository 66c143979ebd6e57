"""The spreadsheet bridge: experiences and letter writers as CSV files.

Export writes one column per field, headed by the label the app shows (`lorkit.fields`),
with choices as their codes, yes/no flags and year-month-day dates. Import reads such a
file back (or one a person typed), checks every row with the same models as a profile file,
and either returns every row in full shape or refuses the whole file with every problem
found, each placed the way the app numbers rows and names columns:
"Letter writers, row 3, Letter date: …".

Only the standard library's `csv` module is used, so the domain package stays free of
pandas and streamlit.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Mapping
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from lorkit import fields, rules
from lorkit.enums import SponsoredVisa
from lorkit.fields import FieldInfo
from lorkit.models import Program, Rotation, Writer
from lorkit.profile_io import MAX_BYTES, Problem, ProfileError, problems_from, size_limit_text
from lorkit.text_safety import shown
from lorkit.workspace import CAPS, next_ids, place

_MODELS: dict[str, type[BaseModel]] = {
    "rotations": Rotation,
    "writers": Writer,
    "programs": Program,
}
_ID_PREFIX = {"rotations": "r", "writers": "w", "programs": "p"}

BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet; export adds a "'".
_RISKY = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR_FIRST = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[ T].*)?", re.DOTALL)
_YEAR_LAST = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
_EXAMPLE_DATE = "2027-03-01"
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})
_DELIMITERS = (",", ";", "\t")
# A program rule the page does not state: an empty cell or one of these words.
UNKNOWN_WORDS = frozenset({"unknown", "not stated", "?"})
_NO_VISA = frozenset({"none", "no", "no visa", "sponsors none"})
_VISA_SPLIT = re.compile(r"\s*(?:[;,/+&]|\band\b)\s*", re.IGNORECASE)


def _columns(section: str) -> tuple[str, ...]:
    model_fields = _MODELS[section].model_fields
    return tuple(
        name
        for name in fields.SECTIONS[section]
        if name in model_fields and name not in fields.WRITER_PLAN_FIELDS
    )


# Per section, the fields a CSV file holds, in the order the forms ask them.
COLUMNS: dict[str, tuple[str, ...]] = {section: _columns(section) for section in _MODELS}


def _check_section(section: str) -> None:
    if section not in COLUMNS:
        raise ValueError(f"unknown section {section!r}; expected one of {', '.join(COLUMNS)}")


def _info(section: str, name: str) -> FieldInfo:
    return fields.SECTIONS[section][name]


def _labels(section: str) -> list[str]:
    return [fields.label(section, name) for name in COLUMNS[section]]


# --- export ---------------------------------------------------------------------------------


def _guard(text: str) -> str:
    """A "'" before a cell a spreadsheet would run as a formula. A cell that already starts
    with quotes before such a character gets one more, so import can always remove one."""
    return "'" + text if text.lstrip("'").startswith(_RISKY) else text


def guard_cell(text: str) -> str:
    """A cell for any CSV lorkit writes, safe to open in a spreadsheet (see `_guard`)."""
    return _guard(text)


def _unguard(text: str) -> str:
    return text[1:] if _GUARDED.match(text) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, date):
        return value.isoformat()
    return _guard(value if isinstance(value, str) else str(value))


def _export(info: FieldInfo, value: Any) -> str:
    """A program rule that is unknown is written "unknown", so that an empty cell is never
    mistaken for "none"; visas as "J-1; H-1B", or "none" when the program sponsors none."""
    if info.kind in ("count", "visas") and value is None:
        return "unknown"
    if info.kind == "visas" and isinstance(value, list):
        labels = SponsoredVisa.labels()  # rows being edited may hold a damaged value
        return "; ".join(labels.get(str(v), str(v)) for v in value) if value else "none"
    return _cell(value)


def rows_to_csv(section: str, rows: list[dict[str, Any]]) -> str:
    """Experiences ("rotations"), writers ("writers") or programs ("programs") as CSV text
    for a spreadsheet.

    The header holds the on-screen labels; choices are written as their codes, flags as
    yes/no, dates as YYYY-MM-DD, missing values as empty cells. The text starts with a byte
    order mark so that Excel reads it as UTF-8. Writer planning fields are not exported.
    """
    _check_section(section)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_guard(label) for label in _labels(section)])
    for row in rows:
        get = row.get if isinstance(row, Mapping) else (lambda _name: None)
        writer.writerow([_export(_info(section, name), get(name)) for name in COLUMNS[section]])
    return BOM + out.getvalue()


# --- import: the file -------------------------------------------------------------------------


def _refuse(where: str, message: str) -> ProfileError:
    return ProfileError([Problem(where, message)])


def _decode(where: str, data: str | bytes, max_bytes: int) -> str:
    not_utf8 = (
        "the file is not UTF-8 text; in your spreadsheet, save it as 'CSV UTF-8' "
        "and import it again"
    )
    if isinstance(data, str):
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError:
            raise _refuse(where, not_utf8) from None
    else:
        raw = bytes(data)
    if len(raw) > max_bytes:
        raise _refuse(
            where, f"the file is {len(raw):,} bytes; the limit is {size_limit_text(max_bytes)}"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(where, not_utf8.replace("text;", "text (it looks like UTF-16);"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(where, not_utf8) from None


def _delimiter(text: str) -> str:
    """Comma, or the semicolon or tab a spreadsheet in some languages uses instead."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties go to the comma, listed first
    return best if counts[best] else ","


_CSV_ERRORS = {
    "unexpected end of data": 'a quote (") opens a cell that is never closed',
    "expected after": (
        'text follows a closing quote ("); put the whole cell in quotes and double '
        "every quote inside it"
    ),
    "field larger": "a cell is far too long",
}


def _records(section: str, text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    records: list[list[str]] = []
    first_line = 1  # where the record being read starts
    try:
        for cells in reader:
            records.append(cells)
            first_line = reader.line_num + 1
    except csv.Error as exc:
        reason = next((v for k, v in _CSV_ERRORS.items() if k in str(exc)), _bounded(str(exc)))
        # records[0] is the header, so the failing record is data row len(records).
        where = place(section, len(records) - 1 if records else None)
        message = f"cannot be read as CSV: {reason} (line {first_line:,} of the file)"
        raise _refuse(where, message) from None
    return records


def _blank(cells: list[str]) -> bool:
    return all(not cell.strip() for cell in cells)


def _key(text: str) -> str:
    return " ".join(text.lstrip(BOM).replace("_", " ").split()).casefold()


def _column_letter(position: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names a column."""
    letters = ""
    n = position + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header(
    section: str, cells: list[str], problems: list[tuple[tuple[int, int], Problem]]
) -> tuple[list[str | None], set[str]]:
    """Which field each column holds (None: ignored) and the required fields missing."""
    title = place(section, None)
    lookup = {_key(name): name for name in COLUMNS[section]}
    lookup.update({_key(fields.label(section, name)): name for name in COLUMNS[section]})
    expected = ", ".join(_labels(section))
    mapping: list[str | None] = []
    seen: set[str] = set()
    unknown: list[tuple[int, str]] = []
    for position, cell in enumerate(cells):
        name = lookup.get(_key(cell))
        if name is None:
            if _key(cell):
                unknown.append((position, cell))
            mapping.append(None)
        elif name in seen:
            where = f"{title}, column {_column_letter(position)}"
            label = fields.label(section, name)
            problems.append(((-1, position), Problem(where, f"the column {label} appears twice")))
            mapping.append(None)
        else:
            seen.add(name)
            mapping.append(name)
    if not seen:
        found = ", ".join(shown(cell.strip()) for cell in cells[:4] if cell.strip())
        raise _refuse(
            title,
            f"the first row must name the columns ({expected})"
            + (f"; it has {found}" if found else ""),
        )
    for position, cell in unknown:
        where = f"{title}, column {_column_letter(position)}"
        message = f"unknown column {shown(cell.strip())}; the columns are {expected}"
        problems.append(((-1, position), Problem(where, message)))
    missing = {
        name for name in COLUMNS[section] if _info(section, name).required and name not in seen
    }
    for name in COLUMNS[section]:
        if name in missing:
            label = fields.label(section, name)
            message = (
                f"the column {label} is missing; every {fields.SECTION_ITEM[section]} needs it"
            )
            problems.append(((-1, len(cells)), Problem(title, message)))
    return mapping, missing


# --- import: the cells ---------------------------------------------------------------------


def _date_message(text: str) -> str:
    m = _YEAR_FIRST.fullmatch(text)
    if m:
        iso = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
        return f"write dates as year-month-day, e.g. {iso}, not {shown(text)}"
    m = _YEAR_LAST.fullmatch(text)
    if m:
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        readings = []
        for month, day in ((first, second), (second, first)):
            try:
                readings.append(date(year, month, day).isoformat())
            except ValueError:
                continue
        readings = list(dict.fromkeys(readings))
        if len(readings) == 2:
            return (
                f"write dates as year-month-day, e.g. {readings[0]}: {text} could be read two ways"
            )
        if readings:
            return f"write dates as year-month-day, e.g. {readings[0]} for {text}"
    return f"write dates as year-month-day, e.g. {_EXAMPLE_DATE}, not {shown(text)}"


@cache
def _choice_codes(choices: type[Enum]) -> dict[str, str]:
    codes: dict[str, str] = {}
    for member in choices:
        label = getattr(member, "label", None)
        if isinstance(label, str):
            codes[_key(label)] = member.value
    codes.update({_key(member.value): member.value for member in choices})
    return codes


def _count_cell(text: str) -> tuple[Any, str | None]:
    if text.casefold() in UNKNOWN_WORDS:
        return None, None
    if re.fullmatch(r"[0-9]{1,4}", text):
        return int(text), None  # the model checks the range
    return None, f"{shown(text)} is not a whole number; write a number like 3, or unknown"


def _visa_code(word: str) -> str | None:
    squeezed = re.sub(r"[\s-]", "", word).casefold()
    return next((v.value for v in SponsoredVisa if squeezed == v.value), None)


def _visas_cell(text: str) -> tuple[Any, str | None]:
    word = text.casefold()
    if word in UNKNOWN_WORDS:
        return None, None
    if word in _NO_VISA:
        return [], None
    codes = [_visa_code(part) for part in _VISA_SPLIT.split(text) if part]
    if not codes or None in codes:
        allowed = ", ".join(v.label for v in SponsoredVisa)
        return None, (
            f"{shown(text)} is not a list of visas; write {allowed} (several separated "
            "by ;), none, or unknown"
        )
    return list(dict.fromkeys(codes)), None


def _track_cell(text: str) -> tuple[Any, str | None]:
    codes = {_key(t.id): t.id for t in rules.tracks().values()}
    for t in rules.tracks().values():
        codes.update({_key(label): t.id for label in (t.label, t.short_label) if label})
    code = codes.get(_key(text))
    if code is None:
        known = ", ".join(rules.track_ids())
        return None, f"{shown(text)} is not one of the tracks; use one of {known}"
    return code, None


def _parse_cell(info: FieldInfo, cell: str) -> tuple[Any, str | None]:
    """(value, None) or (None, message) for one cell; empty cells are None."""
    text = _unguard(cell).strip()
    if not text:
        return None, None
    if info.kind == "count":
        return _count_cell(text)
    if info.kind == "visas":
        return _visas_cell(text)
    if info.kind == "track":
        return _track_cell(text)
    if info.choices is not None:
        code = _choice_codes(info.choices).get(_key(text))
        if code is None:
            allowed = ", ".join(member.value for member in info.choices)
            return None, f"{shown(text)} is not one of the choices; use one of {allowed}"
        return code, None
    if info.kind == "flag":
        word = text.casefold()
        if word in _YES:
            return True, None
        if word in _NO:
            return False, None
        return None, f"{shown(text)} is not yes or no"
    if info.kind == "date":
        if _ISO_DATE.fullmatch(text):
            return text, None  # the model checks that it is a real date in range
        return None, _date_message(text)
    return text, None


def _field(where: str) -> str:
    return where.split(".")[0].split("[")[0]


def _bounded(message: str) -> str:
    return message if len(message) <= 300 else message[:300] + "…"


# --- import ---------------------------------------------------------------------------------


class _Import:
    """One CSV file being read into rows: the problems found so far, placed by row and column.

    Problems are sorted by (row index, column position); -1 is the header.
    """

    def __init__(self, section: str, header: list[str]) -> None:
        self.section = section
        self.header = header
        self.problems: list[tuple[tuple[int, int], Problem]] = []
        self.mapping, self.missing = _header(section, header, self.problems)
        self.position_of = {n: pos for pos, n in enumerate(self.mapping) if n is not None}

    def flag(self, index: int, name: str, message: str) -> None:
        column = self.position_of.get(name, len(self.mapping))
        self.problems.append(((index, column), Problem(place(self.section, index, name), message)))

    def parse(
        self, index: int, cells: list[str], headless: set[int]
    ) -> tuple[dict[str, Any], set[str]]:
        """One row's cells as values; `bad` names the fields already reported."""
        row: dict[str, Any] = {}
        bad: set[str] = set(self.missing)
        width = len(self.mapping)
        if not _blank(cells[width:]):
            extra = f"this row has {len(cells)} cells but the header names only {width} columns"
            self.problems.append(((index, -1), Problem(place(self.section, index), extra)))
        for position, cell in enumerate(cells[:width]):
            name = self.mapping[position]
            if name is None:
                if cell.strip() and not self.header[position].strip():
                    headless.add(position)
                continue
            value, message = _parse_cell(_info(self.section, name), cell)
            if message is not None:
                self.flag(index, name, message)
                bad.add(name)
            else:
                row[name] = value
        return row, bad

    def validate(self, index: int, row: dict[str, Any], bad: set[str]) -> dict[str, Any] | None:
        try:
            # Empty cells are left out, so optional fields take their defaults and
            # required ones are reported as required; the dump has every field.
            valid = _MODELS[self.section].model_validate(
                {k: v for k, v in row.items() if v is not None}
            )
        except ValidationError as exc:
            for problem in problems_from(exc):
                name = _field(problem.where)
                if name not in bad:
                    bad.add(name)
                    self.flag(index, name, _bounded(problem.message))
            return None
        return valid.model_dump(mode="json")

    def cross_check(
        self,
        index: int,
        row: dict[str, Any],
        bad: set[str],
        first_row_of: dict[str, int],
        known_rotations: set[str],
    ) -> None:
        """Checks across rows: repeated ids, dates in order, links to known experiences."""
        row_id = row.get("id")
        if isinstance(row_id, str) and "id" not in bad:
            if row_id in first_row_of:
                first = first_row_of[row_id] + 1
                self.flag(index, "id", f"the id {shown(row_id)} is also used in row {first}")
            else:
                first_row_of[row_id] = index
        start, end = row.get("start"), row.get("end")
        dated = isinstance(start, str) and isinstance(end, str) and not {"start", "end"} & bad
        if dated and date.fromisoformat(str(end)) < date.fromisoformat(str(start)):
            self.flag(index, "end", f"ends {end} before it starts ({start})")
        link = row.get("rotation_id")
        if link and "rotation_id" not in bad and link not in known_rotations:
            message = (
                f"no experience has the id {shown(link)}; "
                "import your experiences first or leave it empty"
            )
            self.flag(index, "rotation_id", message)


def _trim(title: str, records: list[list[str]]) -> None:
    """Drop trailing blank lines; refuse a file with nothing in it."""
    while records and _blank(records[-1]):
        records.pop()
    if not records or _blank(records[0]):
        raise _refuse(title, "the file is empty")


def _body(title: str, item: str, records: list[list[str]], cap: int) -> list[tuple[int, list[str]]]:
    """The data rows under the header, numbered from 0, blank ones skipped."""
    body = [(index, cells) for index, cells in enumerate(records[1:]) if not _blank(cells)]
    if not body:
        raise _refuse(title, f"the file has only the header row; add one row per {item} under it")
    if len(body) > cap:
        raise _refuse(title, f"the file has {len(body):,} rows; at most {cap:,} can be imported")
    return body


def rows_from_csv(
    section: str,
    data: str | bytes,
    *,
    rotation_ids: Collection[str] = (),
    taken_ids: Collection[str] = (),
    max_bytes: int = MAX_BYTES,
) -> list[dict[str, Any]]:
    """The experiences, writers or programs in a CSV file, checked, each row in full shape.

    Columns are found by their label or field name (any case); choices may be codes or
    labels; rows without an id get fresh ones that avoid `taken_ids` and the file's ids.
    A writer's experience must be one of `rotation_ids`. Raises `ProfileError` with every
    problem found, placed as "Letter writers, row 3, Letter date" where row 1 is the first
    row under the header.
    """
    _check_section(section)
    title = place(section, None)
    records = _records(section, _decode(title, data, max_bytes))
    _trim(title, records)
    reader = _Import(section, records[0])  # a row that is no header is refused here
    body = _body(title, fields.SECTION_ITEM[section], records, CAPS[section])
    headless: set[int] = set()
    parsed = [(index, *reader.parse(index, cells, headless)) for index, cells in body]
    for position in sorted(headless):
        where = f"{title}, column {_column_letter(position)}"
        message = "this column has values but no heading; name it or delete it"
        reader.problems.append(((-1, position), Problem(where, message)))

    # Fresh ids for rows without one, above every id in use or in the file.
    file_ids = {row["id"] for _, row, _ in parsed if isinstance(row.get("id"), str)}
    needing = [row for _, row, bad in parsed if row.get("id") is None and "id" not in bad]
    fresh = next_ids(_ID_PREFIX[section], set(taken_ids) | file_ids, len(needing))
    for row, new_id in zip(needing, fresh, strict=True):
        row["id"] = new_id

    known_rotations = set(rotation_ids) if section == "writers" else set()
    first_row_of: dict[str, int] = {}
    out: list[dict[str, Any]] = []
    for index, row, bad in parsed:
        valid = reader.validate(index, row, bad)
        if valid is not None:
            out.append(valid)
        reader.cross_check(index, row, bad, first_row_of, known_rotations)

    if reader.problems:
        # ProfileError keeps the first MAX_PROBLEMS and counts the rest (`lines()` ends
        # with "… and N more problems").
        reader.problems.sort(key=lambda entry: entry[0])
        raise ProfileError([problem for _, problem in reader.problems])
    return out
