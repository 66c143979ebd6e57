"""Programs to and from CSV: unknown rules as a real answer, visas as a list, located problems.

The programs here are invented; the illustrative list's real programs are tested elsewhere.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lorkit import fields
from lorkit.csv_io import COLUMNS, rows_from_csv, rows_to_csv
from lorkit.models import MAX_PROGRAMS, Program
from lorkit.profile_io import ProfileError
from lorkit.workspace import blank_row, complete_row

HEADER = "Program,Track,Fewest letters,Chair letter,Visas sponsored,Source,Read on"


def program(pid: str = "p1", **changes: Any) -> dict[str, Any]:
    row = blank_row("programs")
    row.update(id=pid, name=f"Invented Program {pid}", track="pediatrics")
    row.update(changes)
    return row


def problems(data: str, **kwargs: Any) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        rows_from_csv("programs", data, **kwargs)
    return [str(p) for p in caught.value.problems]


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def one(line: str, header: str = HEADER) -> dict[str, Any]:
    [row] = rows_from_csv("programs", f"{header}\n{line}\n")
    return row


# --- columns and export ----------------------------------------------------------------------


def test_every_program_field_travels_in_the_file():
    assert set(COLUMNS["programs"]) == set(Program.model_fields)
    labels = next(csv.reader(io.StringIO(rows_to_csv("programs", []).removeprefix("\ufeff"))))
    assert labels == [fields.PROGRAM[n].label for n in COLUMNS["programs"]]


def test_export_writes_unknown_none_and_visa_labels():
    rows = [
        program("p1", letters_min=3, visa=["j1", "h1b"], min_us_letters=0),
        program("p2", visa=[]),
        program("p3"),
    ]
    first, second, third = table(rows_to_csv("programs", rows))
    assert first["Visas sponsored"] == "J-1; H-1B"
    assert first["Fewest letters"] == "3"
    assert first["US letters"] == "0"  # zero is an answer, not "unknown"
    assert second["Visas sponsored"] == "none"
    assert third["Visas sponsored"] == "unknown"
    # every rule the program does not state says so, never an empty cell
    for label in ("Fewest letters", "Pediatric letters", "IM letters", "US letters"):
        assert third[label] == "unknown"
    assert third["Letter age limit (months)"] == third["Graduated within (years)"] == "unknown"
    assert third["Chair letter"] == third["Observership letters"] == "unknown"
    assert third["Most letters"] == "4"
    assert third["Source"] == third["Read on"] == third["Notes"] == ""


def test_a_full_program_round_trips():
    row = program(
        "p7",
        letters_min=3,
        letters_max=4,
        chair_letter="required",
        min_pediatric_letters=1,
        min_im_letters=1,
        min_us_letters=0,
        observership_letters="not-accepted",
        letter_max_age_months=6,
        graduation_within_years=5,
        visa=["j1"],
        source_url="https://example.org/residency",
        as_of="2026-11-01",
        notes="A state medical board letter, by 1 December.\nSecond line, with a comma.",
    )
    assert rows_from_csv("programs", rows_to_csv("programs", [row])) == [row]


counts = st.none() | st.integers(0, 4)
visas = st.none() | st.sampled_from([[], ["j1"], ["h1b"], ["j1", "h1b"]])


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "letters_min": st.none() | st.integers(1, 4),
                "min_pediatric_letters": counts,
                "min_im_letters": counts,
                "min_us_letters": counts,
                "letter_max_age_months": st.none() | st.integers(1, 120),
                "graduation_within_years": st.none() | st.integers(0, 60),
                "visa": visas,
                "chair_letter": st.sampled_from(
                    ["required", "preferred", "not-required", "unknown"]
                ),
                "track": st.sampled_from(["pediatrics", "med-peds"]),
            }
        ),
        min_size=1,
        max_size=5,
    )
)
def test_generated_programs_round_trip(changes):
    rows = [program(f"p{i}", **c) for i, c in enumerate(changes, 1)]
    assert rows_from_csv("programs", rows_to_csv("programs", rows)) == rows


# --- import: unknown, visas, tracks ----------------------------------------------------------


@pytest.mark.parametrize("cell", ["", "unknown", "Unknown", "UNKNOWN", "not stated", "?"])
def test_unknown_or_empty_count_cells_are_null(cell):
    row = one(f"Invented A,pediatrics,{cell},unknown,unknown,,")
    assert row["letters_min"] is None
    assert row["visa"] is None


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        ("J-1", ["j1"]),
        ("j1", ["j1"]),
        ("H-1B", ["h1b"]),
        ('"J-1; H-1B"', ["j1", "h1b"]),
        ('"J-1, H-1B"', ["j1", "h1b"]),
        ("H-1B and J-1", ["h1b", "j1"]),
        ("J-1 / J-1", ["j1"]),
        ("none", []),
        ("None", []),
        ("no visa", []),
        ("unknown", None),
        ("", None),
    ],
)
def test_visa_cells(cell, stored):
    assert one(f"Invented A,pediatrics,3,required,{cell},,")["visa"] == stored


@pytest.mark.parametrize("cell", ["pediatrics", "Pediatrics", "med-peds", "Medicine-Pediatrics"])
def test_tracks_by_code_or_label(cell):
    assert one(f"Invented A,{cell},,,,,")["track"] in ("pediatrics", "med-peds")


def test_labels_of_choices_are_accepted():
    row = one('Invented A,med-peds,2,"Preferred, not required",,,')
    assert row["chair_letter"] == "preferred"
    assert one("Invented A,med-peds,2,Not required,,,")["chair_letter"] == "not-required"


def test_a_semicolon_file_keeps_a_quoted_visa_list():
    text = HEADER.replace(",", ";") + '\nInvented A;pediatrics;3;required;"J-1; H-1B";;\n'
    [row] = rows_from_csv("programs", text)
    assert row["visa"] == ["j1", "h1b"]


def test_rows_come_back_in_full_shape_with_fresh_program_ids():
    text = f"Id,{HEADER}\n,Invented A,pediatrics,,,,,\np4,Invented B,med-peds,,,,,\n"
    rows = rows_from_csv("programs", text, taken_ids={"p1", "r9", "w2"})
    assert [r["id"] for r in rows] == ["p5", "p4"]
    assert all(r == complete_row("programs", r) for r in rows)
    assert all(set(r) == set(blank_row("programs")) for r in rows)


# --- import: problems, located like the app names them ---------------------------------------


@pytest.mark.parametrize(
    ("label", "cell", "message"),
    [
        ("Chair letter", "maybe", "'maybe' is not one of the choices; use one of required"),
        ("Fewest letters", "three", "'three' is not a whole number; write a number like 3"),
        ("Fewest letters", "0", "must be 1 or more, not 0"),
        ("Fewest letters", "5", "must be 4 or less, not 5"),
        ("Visas sponsored", "F-1", "'F-1' is not a list of visas; write J-1, H-1B"),
        ("Visas sponsored", "J-1; F-1", "'J-1; F-1' is not a list of visas"),
        ("Track", "surgery", "'surgery' is not one of the tracks; use one of pediatrics"),
        ("Read on", "11/01/2026", "write dates as year-month-day"),
    ],
)
def test_each_problem_names_row_and_column(label, cell, message):
    good = "Invented A,pediatrics,3,required,J-1,https://example.org,2026-11-01"
    cells = good.split(",")
    cells[HEADER.split(",").index(label)] = cell
    found = problems(f"{HEADER}\n{good}\n{good}\n{','.join(cells)}\n")
    assert len(found) == 1, found
    assert found[0].startswith(f"Programs, row 3, {label}: {message}"), found


def test_a_source_that_is_not_a_web_address_is_refused():
    [found] = problems(f"{HEADER}\nInvented A,pediatrics,3,required,J-1,ftp://example.org,\n")
    assert found.startswith("Programs, row 1, Source: ")


def test_more_letters_asked_than_read_is_refused():
    header = "Program,Track,Fewest letters,Most letters"
    [found] = problems(f"{header}\nInvented A,pediatrics,4,3\n")
    assert found.startswith("Programs, row 1")


def test_name_and_track_are_required():
    found = problems("Program,Track\n,pediatrics\nInvented B,\n")
    assert found == [
        "Programs, row 1, Program: this field is required",
        "Programs, row 2, Track: this field is required",
    ]
    [missing] = problems("Program,Chair letter\nInvented A,required\n")
    assert missing == "Programs: the column Track is missing; every program needs it"


def test_an_experiences_file_is_not_read_as_programs():
    [found] = problems("Institution,Country\nTest Children's Hospital,us\n")
    assert found.startswith("Programs: the first row must name the columns (Id, Program, Track")


def test_repeated_ids_are_named():
    found = problems(f"Id,{HEADER}\np1,Invented A,pediatrics,,,,,\np1,Invented B,pediatrics,,,,,\n")
    assert found == ["Programs, row 2, Id: the id 'p1' is also used in row 1"]


def test_the_number_of_programs_is_bounded_by_the_models_cap():
    line = "Invented A,pediatrics"
    text = "Program,Track\n" + "\n".join([line] * (MAX_PROGRAMS + 1)) + "\n"
    n = MAX_PROGRAMS
    assert problems(text) == [
        f"Programs: the file has {n + 1:,} rows; at most {n:,} can be imported"
    ]
    rows = rows_from_csv("programs", "Program,Track\n" + "\n".join([line] * MAX_PROGRAMS))
    assert len(rows) == MAX_PROGRAMS


def test_a_name_a_spreadsheet_would_run_comes_back_intact():
    row = program("p1", name="=HYPERLINK(1)")
    text = rows_to_csv("programs", [row])
    assert "'=HYPERLINK(1)" in text
    assert rows_from_csv("programs", text) == [row]
