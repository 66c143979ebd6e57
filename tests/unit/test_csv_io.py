"""The spreadsheet bridge: experiences and writers to and from CSV, with located problems."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from lorkit import fields
from lorkit.csv_io import COLUMNS, rows_from_csv, rows_to_csv
from lorkit.enums import (
    Kind,
    LabelledEnum,
    Location,
    Relationship,
    Role,
    RotationSpecialty,
    Setting,
    Status,
)
from lorkit.models import Rotation, Writer
from lorkit.profile_io import MAX_PROBLEMS, ProfileError, size_limit_text
from lorkit.samples import SAMPLES, load_sample
from lorkit.workspace import MAX_ROWS, complete_row
from tests.unit.builders import rotation, writer

MODELS: dict[str, type[BaseModel]] = {"rotations": Rotation, "writers": Writer}
CSV_DIR = Path(__file__).parent / "csv"


def problems(section: str, data: str | bytes, **kwargs: Any) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        rows_from_csv(section, data, **kwargs)
    return [str(p) for p in caught.value.problems]


def table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def without_plan(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in fields.WRITER_PLAN_FIELDS}


ROTATION_HEADER = "Id,Institution,Country,Service,Kind,Setting,First day,Last day"
ROTATION_OK = (
    "r1,Test Children's Hospital,us,pediatrics,sub-internship,inpatient,2026-06-01,2026-06-28"
)
WRITER_HEADER = "Id,Name,Experience,Contact,Role,Field,Country,Status,Letter date,Waived"
WRITER_OK = "w1,Dr. One,r1,direct-supervision,attending,pediatrics,us,agreed-strong,,yes"


# --- columns --------------------------------------------------------------------------------


@pytest.mark.parametrize("section", ["rotations", "writers"])
def test_columns_follow_the_field_list_and_the_model(section):
    model_fields = MODELS[section].model_fields
    expected = tuple(
        n
        for n in fields.SECTIONS[section]
        if n in model_fields and n not in fields.WRITER_PLAN_FIELDS
    )
    assert COLUMNS[section] == expected
    assert not set(COLUMNS[section]) & set(fields.WRITER_PLAN_FIELDS)
    # Every field a person enters travels in the file; nothing is silently lost.
    entered = set(model_fields) - set(fields.WRITER_PLAN_FIELDS)
    assert set(COLUMNS[section]) == entered


@pytest.mark.parametrize("section", ["rotations", "writers"])
def test_export_header_is_the_labels_after_a_bom(section):
    text = rows_to_csv(section, [])
    assert text.startswith("\ufeff")
    assert table(text) == [[fields.label(section, n) for n in COLUMNS[section]]]


def test_export_writes_codes_yes_no_iso_dates_and_empty_cells():
    row = writer(letter_date=date(2027, 1, 5), asked_on=None, waived=False, title=None)
    header, cells = table(rows_to_csv("writers", [row]))
    cell = dict(zip(header, cells, strict=True))
    assert cell["Country"] == "us"
    assert cell["Contact"] == "direct-supervision"
    assert cell["Letter date"] == "2027-01-05"
    assert cell["Asked on"] == ""
    assert cell["Position"] == ""
    assert cell["Waived"] == "no"
    assert cell["Asked for strong"] == "yes"


def test_export_never_writes_planning_fields():
    row = writer(packet=["cv"], steps_done=["mentioned"], drafts={"ask": "Dear Dr."})
    text = rows_to_csv("writers", [row])
    assert "cv" not in table(text)[1]
    assert "Dear Dr." not in text


# --- round trip -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [s.name for s in SAMPLES])
def test_every_sample_round_trips(name):
    data = load_sample(name)
    rotations = rows_from_csv("rotations", rows_to_csv("rotations", data["rotations"]))
    assert rotations == [complete_row("rotations", r) for r in data["rotations"]]
    rotation_ids = [r["id"] for r in rotations]
    writers = rows_from_csv(
        "writers", rows_to_csv("writers", data["writers"]), rotation_ids=rotation_ids
    )
    # Planning fields stay behind: imported writers have them at their defaults.
    assert writers == [complete_row("writers", without_plan(w)) for w in data["writers"]]


def _text(multiline: bool = False) -> st.SearchStrategy[str]:
    extra = "=+-@'\",; \t\n" if multiline else "=+-@'\",; "
    chars = st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]) | st.sampled_from(
        extra
    )
    return st.text(chars, min_size=1, max_size=25).map(str.strip).filter(bool)


IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,8}", fullmatch=True)
DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


def codes(enum: type[LabelledEnum] | None) -> st.SearchStrategy[str]:
    assert enum is not None
    return st.sampled_from([m.value for m in enum])


@st.composite
def rotation_rows(draw: st.DrawFn) -> dict[str, Any]:
    start, end = sorted([draw(DATES), draw(DATES)])
    row: dict[str, Any] = {
        "id": draw(IDS),
        "institution": draw(_text()),
        "location": draw(codes(Location)),
        "specialty": draw(codes(RotationSpecialty)),
        "setting": draw(codes(Setting)),
        "kind": draw(codes(Kind)),
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    if "notes" in COLUMNS["rotations"]:
        row["notes"] = draw(st.none() | _text(multiline=True))
    return complete_row("rotations", row)


@st.composite
def writer_rows(draw: st.DrawFn) -> dict[str, Any]:
    optional_date = st.none() | DATES.map(date.isoformat)
    row: dict[str, Any] = {
        "id": draw(IDS),
        "name": draw(_text()),
        "title": draw(st.none() | _text()),
        "role": draw(codes(Role)),
        "specialty": draw(codes(fields.WRITER["specialty"].choices)),
        "location": draw(codes(Location)),
        "rotation_id": draw(st.sampled_from([None, "r1", "r-2"])),
        "relationship": draw(codes(Relationship)),
        "status": draw(codes(Status)),
        "asked_on": draw(optional_date),
        "letter_date": draw(optional_date),
    }
    for name in COLUMNS["writers"]:
        if fields.WRITER[name].kind == "flag":
            row[name] = draw(st.booleans())
    if "notes" in COLUMNS["writers"]:
        row["notes"] = draw(st.none() | _text(multiline=True))
    return complete_row("writers", row)


def _valid(section: str, rows: list[dict[str, Any]]) -> bool:
    try:
        return all(MODELS[section].model_validate(r).model_dump(mode="json") == r for r in rows)
    except ValidationError:
        return False


ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(st.lists(rotation_rows(), min_size=1, max_size=5, unique_by=lambda r: r["id"]))
def test_generated_experiences_round_trip(rows):
    assume(_valid("rotations", rows))
    assert rows_from_csv("rotations", rows_to_csv("rotations", rows)) == rows


@ROUND_TRIP
@given(st.lists(writer_rows(), min_size=1, max_size=5, unique_by=lambda r: r["id"]))
def test_generated_writers_round_trip(rows):
    assume(_valid("writers", rows))
    text = rows_to_csv("writers", rows)
    assert rows_from_csv("writers", text, rotation_ids={"r1", "r-2"}) == rows
    assert rows_from_csv("writers", text.encode("utf-8"), rotation_ids={"r1", "r-2"}) == rows


# --- reading what people and spreadsheets write -------------------------------------------


def test_headers_match_labels_or_field_names_in_any_case_and_order():
    text = (
        " last day ,FIRST_DAY,setting,KIND,Service,location,INSTITUTION\n"
        "2026-06-28,2026-06-01,inpatient,sub-internship,pediatrics,us,Test Children's Hospital\n"
    )
    [row] = rows_from_csv("rotations", text)
    assert row == complete_row("rotations", rotation("r1"))


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("as_bytes", [True, False])
def test_import_takes_bytes_or_text_with_or_without_bom(bom, as_bytes):
    raw = bom + f"{ROTATION_HEADER}\r\n{ROTATION_OK}\r\n".encode()
    data = raw if as_bytes else raw.decode("utf-8")
    [row] = rows_from_csv("rotations", data)
    assert row == complete_row("rotations", rotation("r1"))


def test_semicolon_separated_files_from_european_spreadsheets():
    text = f"{ROTATION_HEADER}\n{ROTATION_OK}\n".replace(",", ";")
    [row] = rows_from_csv("rotations", text)
    assert row["institution"] == "Test Children's Hospital"


def test_choices_accept_codes_or_labels_in_any_case():
    text = (
        "Name,Contact,Role,Field,Country,Status\n"
        "Dr. A,Supervised my clinical work directly,ATTENDING,Pediatrics (general),US,asked\n"
        "Dr. B,direct-supervision,Department chair,im-subspecialty,outside the us,Declined\n"
    )
    a, b = rows_from_csv("writers", text)
    assert (a["relationship"], a["role"], a["specialty"], a["location"]) == (
        "direct-supervision",
        "attending",
        "pediatrics",
        "us",
    )
    assert (b["role"], b["location"], b["status"]) == ("department-chair", "non-us", "declined")


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        *[("yes", True), ("Y", True), ("TRUE", True), ("1", True)],
        *[("no", False), ("n", False), ("False", False), ("0", False)],
    ],
)
def test_flags_accept_yes_no_true_false_and_digits(cell, value):
    text = (
        "Name,Contact,Role,Field,Country,Status,Knows your goal\n"
        f"Dr. A,indirect,attending,pediatrics,us,asked,{cell}\n"
    )
    [row] = rows_from_csv("writers", text)
    assert row["knows_goal"] is value


def test_empty_cells_take_the_default_and_rows_come_back_in_full_shape():
    text = (
        "Name,Contact,Role,Field,Country,Status,Waived,Letter date\n"
        "Dr. A,indirect,attending,pediatrics,us,asked,,\n"
    )
    [row] = rows_from_csv("writers", text)
    assert set(row) == set(Writer.model_fields)
    assert row["waived"] is True  # the model's default
    assert row["letter_date"] is None
    assert row["rotation_id"] is None
    assert (row["packet"], row["steps_done"], row["drafts"]) == ([], [], {})


def test_rows_without_ids_get_fresh_ones_that_avoid_taken_and_file_ids():
    text = (
        f"{ROTATION_HEADER}\n"
        f"{ROTATION_OK.replace('r1,', ',', 1)}\n"
        f"{ROTATION_OK.replace('r1,', 'r5,', 1)}\n"
        f"{ROTATION_OK.replace('r1,', ',', 1)}\n"
    )
    rows = rows_from_csv("rotations", text, taken_ids={"r1", "r2"})
    assert [r["id"] for r in rows] == ["r6", "r5", "r7"]


def test_an_id_column_is_optional():
    header = ROTATION_HEADER.removeprefix("Id,")
    line = ROTATION_OK.removeprefix("r1,")
    rows = rows_from_csv("rotations", f"{header}\n{line}\n{line}\n", taken_ids={"r3"})
    assert [r["id"] for r in rows] == ["r4", "r5"]


def test_blank_rows_are_skipped_but_rows_keep_their_numbers():
    bad = ROTATION_OK.replace("r1", "r2").replace(",us,", ",mars,")
    text = f"{ROTATION_HEADER}\n{ROTATION_OK}\n,,,,,,,\n\n{bad}\n\n"
    assert problems("rotations", text) == [
        "Experiences, row 4, Country: 'mars' is not one of the choices; use one of us, non-us"
    ]


@pytest.mark.skipif("notes" not in COLUMNS["rotations"], reason="experiences have no notes")
def test_multi_line_notes_with_commas_and_quotes_round_trip():
    row = complete_row("rotations", rotation(notes='Presented "two" cases,\nthen - more'))
    assert rows_from_csv("rotations", rows_to_csv("rotations", [row])) == [row]


def test_a_file_saved_by_a_spreadsheet_in_another_language():
    """Excel in many European languages: BOM, semicolons, CRLF, TRUE/FALSE, labels."""
    data = (CSV_DIR / "writers-excel-semicolons.csv").read_bytes()
    marsh, perez = rows_from_csv("writers", data, rotation_ids={"r1"}, taken_ids={"w2"})
    assert marsh["id"] == "w3" and perez["id"] == "w4"
    assert marsh["title"] == "Program director; pediatrics"
    assert (marsh["role"], marsh["status"], marsh["asked_on"]) == (
        "program-leadership",
        "agreed-strong",
        "2026-10-01",
    )
    assert (marsh["waived"], marsh["asked_for_strong"], marsh["knows_goal"]) == (True, True, False)
    assert perez["name"] == "Dr. Juan Pérez"
    assert (perez["location"], perez["role"], perez["rotation_id"]) == ("non-us", "attending", None)
    assert (perez["waived"], perez["peds_exposure"]) == (True, True)


# --- formula injection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "'=quoted", "''+twice"]
)
def test_cells_a_spreadsheet_would_run_get_a_quote_and_come_back_intact(name):
    row = writer(name=name, rotation_id=None)
    header, cells = table(rows_to_csv("writers", [row]))
    cell = cells[header.index("Name")]
    assert cell == "'" + name
    [back] = rows_from_csv("writers", rows_to_csv("writers", [row]))
    assert back["name"] == name


def test_a_leading_quote_before_ordinary_text_is_kept():
    row = writer(name="'Tis Dr. O'Hara", rotation_id=None)
    assert table(rows_to_csv("writers", [row]))[1][1] == "'Tis Dr. O'Hara"
    [back] = rows_from_csv("writers", rows_to_csv("writers", [row]))
    assert back["name"] == "'Tis Dr. O'Hara"


def test_the_quote_protects_tab_and_carriage_return_too():
    header, cells = table(rows_to_csv("writers", [writer(title="\t=1+1", notes=None)]))
    assert cells[header.index("Position")] == "'\t=1+1"


# --- problems, located in the user's words ---------------------------------------------------


def with_cell(header: str, line: str, label: str, value: str) -> str:
    names = header.split(",")
    cells = line.split(",")
    cells[names.index(label)] = value
    return ",".join(cells)


def writers_csv(*changes: tuple[str, str]) -> str:
    """The writer header, one good row, then a row per change, so each bad row is row 2+."""
    lines = [WRITER_HEADER, WRITER_OK]
    for i, (label, value) in enumerate(changes, start=2):
        line = with_cell(WRITER_HEADER, WRITER_OK.replace("w1", f"w{i}"), label, value)
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("label", "value", "message"),
    [
        ("Country", "Canada", "'Canada' is not one of the choices; use one of us, non-us"),
        ("Waived", "maybe", "'maybe' is not yes or no"),
        ("Name", "", "this field is required"),
        ("Status", "", "this field is required"),
        ("Letter date", "2027-02-30", "2027-02-30 is not a real calendar date"),
        ("Letter date", "1900-01-01", "1900-01-01 is outside the sane range"),
        (
            "Letter date",
            "12/25/2027",
            "write dates as year-month-day, e.g. 2027-12-25 for 12/25/2027",
        ),
        ("Letter date", "2027/10/12", "write dates as year-month-day, e.g. 2027-10-12"),
        ("Letter date", "next week", "write dates as year-month-day, e.g. 2027-03-01"),
        (
            "Experience",
            "r9",
            "no experience has the id 'r9'; import your experiences first or leave it empty",
        ),
        ("Id", "w1", "the id 'w1' is also used in row 1"),
        ("Id", "no spaces", "'no spaces' is not a valid id"),
        ("Name", "x" * 121, "at most 120 characters"),
    ],
)
def test_each_problem_names_the_row_and_the_column(label, value, message):
    [found] = problems("writers", writers_csv((label, value)), rotation_ids={"r1"})
    assert found.startswith(f"Letter writers, row 2, {label}: {message}")


@pytest.mark.parametrize("label", ["First day", "Institution", "Kind"])
def test_an_empty_required_cell_is_required(label):
    line = with_cell(ROTATION_HEADER, ROTATION_OK, label, "")
    assert problems("rotations", f"{ROTATION_HEADER}\n{line}\n") == [
        f"Experiences, row 1, {label}: this field is required"
    ]


def test_an_ambiguous_date_is_refused_in_plain_words():
    [found] = problems("writers", writers_csv(("Letter date", "10/12/2027")), rotation_ids={"r1"})
    assert found == (
        "Letter writers, row 2, Letter date: write dates as year-month-day, e.g. 2027-10-12: "
        "10/12/2027 could be read two ways"
    )


def test_an_experience_that_ends_before_it_starts():
    line = with_cell(ROTATION_HEADER, ROTATION_OK, "Last day", "2026-05-01")
    assert problems("rotations", f"{ROTATION_HEADER}\n{line}\n") == [
        "Experiences, row 1, Last day: ends 2026-05-01 before it starts (2026-06-01)"
    ]


def test_a_writer_linked_to_an_experience_needs_that_experience():
    assert problems("writers", writers_csv()) == [
        "Letter writers, row 1, Experience: no experience has the id 'r1'; "
        "import your experiences first or leave it empty"
    ]
    [row] = rows_from_csv("writers", writers_csv().replace(",r1,", ",,"))
    assert row["rotation_id"] is None


def test_all_problems_come_at_once_in_row_and_column_order():
    text = writers_csv(("Country", "Mars"), ("Letter date", "soon"), ("Role", "boss"))
    text = text.replace("Dr. One", "", 1)  # row 1 loses its name
    found = problems("writers", text, rotation_ids={"r1"})
    assert [f.split(":")[0] for f in found] == [
        "Letter writers, row 1, Name",
        "Letter writers, row 2, Country",
        "Letter writers, row 3, Letter date",
        "Letter writers, row 4, Role",
    ]


def test_several_problems_in_one_row_are_all_reported():
    line = "w1,,r1,friend,attending,pediatrics,usa,agreed-strong,01/02/2027,sure"
    found = problems("writers", f"{WRITER_HEADER}\n{line}\n", rotation_ids={"r1"})
    assert [f.split(":")[0].split(", ")[-1] for f in found] == [
        "Name",
        "Contact",
        "Country",
        "Letter date",
        "Waived",
    ]


def test_problems_are_capped_with_a_count_of_the_rest():
    line = with_cell(WRITER_HEADER, WRITER_OK, "Country", "Mars")
    text = WRITER_HEADER + "\n" + "\n".join(line.replace("w1", f"w{i}") for i in range(70))
    with pytest.raises(ProfileError) as caught:
        rows_from_csv("writers", text, rotation_ids={"r1"})
    error = caught.value
    assert error.total == 70
    assert len(error.problems) == MAX_PROBLEMS
    assert str(error.problems[-1]).startswith(f"Letter writers, row {MAX_PROBLEMS}, Country")
    assert error.lines()[-1] == f"… and {70 - MAX_PROBLEMS} more problems"


def test_a_huge_cell_gives_a_short_message():
    found = problems("writers", writers_csv(("Country", "x" * 100_000)), rotation_ids={"r1"})
    assert len(found) == 1
    assert len(found[0]) < 200
    assert "…" in found[0]


# --- the header -------------------------------------------------------------------------------


def test_an_unknown_column_is_named_with_the_expected_columns():
    text = f"{ROTATION_HEADER},Comments\n{ROTATION_OK},great\n"
    [found] = problems("rotations", text)
    expected = ", ".join(fields.label("rotations", n) for n in COLUMNS["rotations"])
    assert found == f"Experiences, column I: unknown column 'Comments'; the columns are {expected}"


def test_a_missing_required_column_is_one_problem_not_one_per_row():
    header = ROTATION_HEADER.replace(",Setting", "")
    line = ROTATION_OK.replace(",inpatient", "")
    found = problems("rotations", f"{header}\n{line}\n{line.replace('r1', 'r2')}\n")
    assert found == ["Experiences: the column Setting is missing; every experience needs it"]


def test_a_column_named_twice():
    text = f"{ROTATION_HEADER},country\n{ROTATION_OK},us\n"
    assert problems("rotations", text) == [
        "Experiences, column I: the column Country appears twice"
    ]


def test_values_under_no_heading_and_cells_beyond_the_header():
    text = f"{ROTATION_HEADER},\n{ROTATION_OK},\n{ROTATION_OK.replace('r1', 'r2')},stray\n"
    assert problems("rotations", text) == [
        "Experiences, column I: this column has values but no heading; name it or delete it"
    ]
    text = f"{ROTATION_HEADER}\n{ROTATION_OK}\n{ROTATION_OK.replace('r1', 'r2')},stray,\n"
    assert problems("rotations", text) == [
        "Experiences, row 2: this row has 10 cells but the header names only 8 columns"
    ]


def test_a_file_without_a_header_row():
    [found] = problems("rotations", f"{ROTATION_OK}\n")
    assert found.startswith("Experiences: the first row must name the columns (Id, Institution")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('"r2,open quote', 'a quote (") opens a cell that is never closed (line 3 of the file)'),
        ('"r2"x,y', 'text follows a closing quote ("); put the whole cell in quotes'),
    ],
)
def test_broken_quoting_names_the_row(line, message):
    [found] = problems("rotations", f"{ROTATION_HEADER}\n{ROTATION_OK}\n{line}\n")
    assert found.startswith(f"Experiences, row 2: cannot be read as CSV: {message}")


def test_quotes_inside_an_unquoted_cell_are_just_text():
    line = with_cell(ROTATION_HEADER, ROTATION_OK, "Institution", 'The "Big" Hospital')
    [row] = rows_from_csv("rotations", f"{ROTATION_HEADER}\n{line}\n")
    assert row["institution"] == 'The "Big" Hospital'


# --- the file ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "the file is empty"),
        ("\ufeff\r\n\r\n", "the file is empty"),
        (",,,\n", "the file is empty"),
        (f"{ROTATION_HEADER}\n", "the file has only the header row; add one row per experience"),
        (f"{ROTATION_HEADER}\n,,,\n\n", "the file has only the header row"),
    ],
)
def test_empty_files_are_refused_in_plain_words(data, message):
    [found] = problems("rotations", data)
    assert found.startswith(f"Experiences: {message}")


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_a_file_that_is_not_utf8(encoding):
    data = f"{ROTATION_HEADER}\n{ROTATION_OK.replace('Test', 'Hôpital')}\n".encode(encoding)
    [found] = problems("rotations", data)
    assert found.startswith("Experiences: the file is not UTF-8 text")
    assert "CSV UTF-8" in found


def test_the_size_is_bounded_before_reading():
    text = f"{ROTATION_HEADER}\n{ROTATION_OK}\n"
    [found] = problems("rotations", text, max_bytes=50)
    size = len(text.encode())
    assert found == f"Experiences: the file is {size:,} bytes; the limit is {size_limit_text(50)}"


def test_the_number_of_rows_is_bounded():
    line = ROTATION_OK.removeprefix("r1")
    text = ROTATION_HEADER + "\n" + "\n".join([line] * (MAX_ROWS + 1)) + "\n"
    assert problems("rotations", text) == [
        f"Experiences: the file has {MAX_ROWS + 1:,} rows; at most {MAX_ROWS:,} can be imported"
    ]
    rows = rows_from_csv("rotations", ROTATION_HEADER + "\n" + "\n".join([line] * MAX_ROWS))
    assert len(rows) == MAX_ROWS
    assert len({r["id"] for r in rows}) == MAX_ROWS


def test_an_unknown_section_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown section"):
        rows_to_csv("scenarios", [])
    with pytest.raises(ValueError, match="unknown section"):
        rows_from_csv("applicant", "Name\nx\n")
