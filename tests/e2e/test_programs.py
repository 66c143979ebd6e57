"""A program typed in through the form survives a reload, and the ERAS assignment sheet
downloads with one row per program, as the engine assigns the letters."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from lorkit.assessment import assess
from lorkit.profile_io import profile_from_dict
from lorkit.programs import SHEET_COLUMNS, assignment_rows
from tests.e2e import forms
from tests.e2e.conftest import ARTIFACTS, App

pytestmark = pytest.mark.e2e

SAMPLE = "pediatrics-guide-example"
NAME = "Invented Children's Hospital"
PATH, TITLE = "/programs", "Programs"


def question(name: str) -> str:
    return forms.question("programs", name)


def choose(app: App, name: str, option: str) -> None:
    """Pick `option` in the drop-down asking the question of field `name`."""
    app.page.get_by_role("combobox", name=question(name), exact=True).click()
    app.page.get_by_role("option", name=option, exact=True).first.click()


def open_programs(app: App) -> None:
    """Through the sidebar navigation, so the session (and its sample) lives on."""
    link = app.page.locator(f'[data-testid="stSidebarNav"] a[href="{app.base_url}{PATH}"]')
    link.click()
    app.page.wait_for_url(app.base_url + PATH)
    app.wait_title(TITLE)
    app.wait_idle()
    app.check_page("programs")


def add_program(app: App) -> None:
    app.page.locator(".st-key-add_program button").click()
    save = app.page.get_by_role("button", name="Save program")
    save.wait_for()
    app.wait_idle()
    app.page.get_by_label(question("name"), exact=True).fill(NAME)
    track = app.page.get_by_role("radiogroup", name=question("track"), exact=True)
    track.get_by_text("Pediatrics", exact=True).click()
    choose(app, "letters_min", "3")
    chair = app.page.get_by_role("radiogroup", name=question("chair_letter"), exact=True)
    chair.get_by_text("Not required", exact=True).click()
    choose(app, "visa", "J-1 only")
    app.page.get_by_label(question("source_url"), exact=True).fill("https://example.org/peds")
    forms.type_date(app, question("as_of"), "2026-11-01")
    save.click()
    app.wait_idle()
    app.assert_no_exception()
    expect(save, "the form is still open: not saved").to_have_count(0)


def sheet_rows(app: App) -> list[dict[str, str]]:
    with app.page.expect_download() as info:
        app.page.locator(".st-key-download_assignments button").click()
    download = info.value
    assert download.suggested_filename == "lorkit-eras-assignments.csv"
    target = ARTIFACTS / "downloads" / download.suggested_filename
    target.parent.mkdir(parents=True, exist_ok=True)
    download.save_as(target)
    # As a spreadsheet opens it: UTF-8 with a byte order mark, one row per program.
    text = target.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == SHEET_COLUMNS
    return list(reader)


def test_a_program_typed_in_survives_a_reload_and_the_sheet_downloads(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    open_programs(app)
    add_program(app)
    stored = app.wait_stored(
        "(s, name) => s !== null && (s.profile.programs || []).length === 1 "
        "&& s.profile.programs[0].name === name",
        NAME,
    )
    assert stored is not None
    [program] = stored["profile"]["programs"]
    # the answers given, and every rule left alone stored as unknown (null)
    assert program["id"] == "p1"
    assert (program["track"], program["letters_min"], program["chair_letter"]) == (
        "pediatrics",
        3,
        "not-required",
    )
    assert program["visa"] == ["j1"] and program["as_of"] == "2026-11-01"
    for name in ("min_pediatric_letters", "min_us_letters", "letter_max_age_months"):
        assert program[name] is None, name
    app.wait_idle()

    # A reload starts a new session: the program comes back from the browser's copy.
    app.page.reload()
    app.wait_title(TITLE)
    app.wait_idle()
    # the first table on the page is the results table: the program with its letters
    forms.wait_overview_column(app, "Program", [NAME])
    assert app.stored() == stored
    app.wait_charts()
    app.check_page("programs-reloaded")

    rows = sheet_rows(app)
    profile = profile_from_dict(stored["profile"])
    expected = assignment_rows(assess(profile, date.today()).programs)
    assert rows == expected
    [row] = rows
    assert row["Program"] == NAME and row["Track"] == "Pediatrics"
    assert row["Letter 1"], "the sample's letters are assigned"
    # the page shows the same letters, in the same order, as the sheet
    letters = [row[f"Letter {n}"] for n in range(1, 5) if row[f"Letter {n}"]]
    shown = " · ".join(f"{i}. {name}" for i, name in enumerate(letters, 1))
    assert forms.overview_column(app, "Letters to assign, in order") == [shown]


def _stored_programs(app: App) -> list[dict[str, Any]]:
    stored = app.stored()
    assert stored is not None
    return list(stored["profile"]["programs"])


def test_an_illustrative_program_is_added_with_one_click(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    open_programs(app)
    app.page.locator(".st-key-illustrative_tufts-peds button").click()
    app.wait_stored("(s) => s !== null && (s.profile.programs || []).length === 1")
    app.wait_idle()
    button = app.page.locator(".st-key-illustrative_tufts-peds button")
    expect(button).to_be_disabled()
    expect(button).to_contain_text("On your list")
    [program] = _stored_programs(app)
    assert program["notes"].startswith("From lorkit's illustrative list")
    app.check_page("programs-illustrative")
