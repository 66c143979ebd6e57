"""The entry forms in a real browser: every row typed, edited or deleted is whole and sticks.

Rows are typed into the forms the way a person does (`tests/e2e/forms.py`). Each change is
checked in the overview table, in the copy of the profile the app writes to the browser's
localStorage (the canonical rows, as the app stores them), after navigating away and back
or reloading, and on the pages that use it (sidebar count, Assessment, Download profile).
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from lorkit.workspace import blank_row
from tests.e2e import forms
from tests.e2e.conftest import STORAGE_KEY, App

pytestmark = pytest.mark.e2e

SAMPLE = "pediatrics-guide-example"
# The sample's writers, in table order; the Assessment page names every one of them.
WRITERS = [
    "Dr. Helen Marsh",
    "Dr. Rafael Ortiz",
    "Dr. Samuel Brooks",
    "Dr. Laura Kim",
    "Dr. Priya Natarajan",
    "Prof. Chukwuemeka Eze",
]
PRIYA = WRITERS.index("Dr. Priya Natarajan")  # her letter has a date; her work was research
EXPERIENCE = {
    "institution": "Typed Children's Hospital",
    "location": "us",
    "specialty": "pediatrics",
    "kind": "sub-internship",
    "setting": "inpatient",
    "start": "2026-03-02",
    "end": "2026-03-29",
    "notes": "Presented two cases",
}
WRITER = {
    "name": "Dr. Typed Writer",
    "title": "Hospitalist",
    "relationship": "direct-supervision",
    "role": "attending",
    "specialty": "pediatrics",
    "location": "us",
    "status": "agreed-strong",
    "asked_on": "2026-03-20",
    "asked_for_strong": True,
    "knows_goal": True,
}
# Every field a row can leave out: a profile trimmed to these must still be whole.
OPTIONAL = {
    "rotations": ["notes"],
    "writers": [
        "title",
        "rotation_id",
        "asked_on",
        "letter_date",
        "waived",
        "asked_for_strong",
        "knows_goal",
        "peds_exposure",
        "asked_to_self_draft",
        "packet",
        "steps_done",
        "drafts",
        "notes",
    ],
}


def _stored_values(app: App, section: str, key: str) -> list[str | None]:
    stored = app.stored()
    assert stored is not None, "nothing in localStorage"
    return [row.get(key) for row in stored["profile"][section]]


def _wait_stored_values(app: App, section: str, key: str, expected: list[str]) -> None:
    app.wait_stored(
        "(s, [section, key, expected]) => s !== null && "
        "JSON.stringify(s.profile[section].map((r) => r[key])) === JSON.stringify(expected)",
        [section, key, expected],
    )


def _download_profile(app: App) -> dict:
    button = app.page.locator(".st-key-download_profile button")
    expect(button).to_be_enabled()
    with app.page.expect_download() as info:
        button.click()
    return json.loads(info.value.path().read_text("utf-8"))


def _problems_flagged(app: App) -> list[str]:
    """Warnings that rows need fixing, in the main area and the sidebar."""
    texts = app.page.locator('[data-testid="stAlert"]').all_inner_texts()
    return [t for t in texts if "attention" in t or "problem" in t or "fix" in t]


def test_a_typed_experience_and_writer_are_whole_after_a_reload(app: App) -> None:
    app.goto("experiences")
    assert forms.overview_column(app, "Institution") == []
    forms.add(app, "rotations", EXPERIENCE)
    forms.wait_overview_column(app, "Institution", [EXPERIENCE["institution"]])
    app.shot("experience-saved")

    # From the experience just saved, straight to a writer who saw that work.
    app.page.locator(".st-key-writer_from_saved button").click()
    app.page.wait_for_url(app.base_url + "/writers")
    app.wait_title("Letter writers")
    forms.save_button(app, "writers").wait_for()
    app.wait_idle()
    linked = app.page.get_by_role("combobox", name=forms.question("writers", "rotation_id"))
    expect(linked).to_have_value(re.compile("^" + re.escape(EXPERIENCE["institution"])))
    # the choices that matter start unanswered
    for name in ("role", "status"):
        choice = app.page.get_by_role("combobox", name=forms.question("writers", name))
        expect(choice).to_have_value("")
    forms.fill(app, "writers", WRITER)
    app.shot("writer-form")
    forms.save(app, "writers")
    forms.wait_overview_column(app, "Name", [WRITER["name"]])
    stored = app.wait_stored("(s) => s !== null && s.profile.writers.length === 1")
    app.wait_idle()

    [rotation] = stored["profile"]["rotations"]
    [writer] = stored["profile"]["writers"]
    assert rotation == {**blank_row("rotations"), **EXPERIENCE, "id": rotation["id"]}
    assert writer == {
        **blank_row("writers"),
        **WRITER,
        "id": writer["id"],
        "rotation_id": rotation["id"],
    }

    # A reload starts a new session: both rows come back whole from the browser's copy.
    app.reload("writers")
    forms.wait_overview_column(app, "Name", [WRITER["name"]])
    app.check_page("writers-reloaded")
    assert forms.overview_column(app, "Experience")[0].startswith(EXPERIENCE["institution"])
    assert "1 letter writer" in app.sidebar_text()
    assert not _problems_flagged(app)
    forms.open_edit(app, "writers", 0)
    assert forms.read_date(app, forms.question("writers", "asked_on")) == WRITER["asked_on"]
    assert forms.read_date(app, forms.question("writers", "letter_date")) is None
    app.page.get_by_role("button", name="Cancel").click()
    app.wait_idle()

    app.nav("experiences")
    forms.wait_overview_column(app, "Institution", [EXPERIENCE["institution"]])
    assert not _problems_flagged(app)
    app.nav("assessment")
    app.wait_main_text(WRITER["name"])  # the letter is scored
    assert app.stored()["profile"] == stored["profile"]
    exported = _download_profile(app)
    assert exported["writers"] == stored["profile"]["writers"]
    assert exported["rotations"] == stored["profile"]["rotations"]
    app.assert_no_exception()


def test_rows_without_their_optional_fields_are_whole(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    app.wait_stored("(s) => s !== null && s.profile.writers.length === 6")
    app.wait_idle()
    # An older app, or a person, left every optional field out of the stored rows.
    app.page.evaluate(
        """([key, optional]) => {
            const stored = JSON.parse(window.localStorage.getItem(key));
            for (const [section, names] of Object.entries(optional)) {
                for (const row of stored.profile[section]) {
                    for (const name of names) delete row[name];
                }
            }
            window.localStorage.setItem(key, JSON.stringify(stored));
        }""",
        [STORAGE_KEY, OPTIONAL],
    )
    trimmed = app.stored()
    assert all("packet" not in w and "title" not in w for w in trimmed["profile"]["writers"])

    app.reload("assessment")
    app.wait_charts()
    app.check_page("assessment-trimmed")
    assert "6 letter writers" in app.sidebar_text()
    assert not _problems_flagged(app)
    app.nav("writers")
    forms.wait_overview_column(app, "Name", WRITERS)
    assert not _problems_flagged(app)
    app.nav("experiences")
    assert not _problems_flagged(app)

    exported = _download_profile(app)
    assert len(exported["writers"]) == 6
    for w in exported["writers"]:
        assert w.keys() == set(blank_row("writers"))
        assert (w["packet"], w["steps_done"], w["drafts"], w["waived"]) == ([], [], {}, True)
        assert w["rotation_id"] is None and w["title"] is None
    assert all(r["notes"] is None for r in exported["rotations"])
    app.assert_no_exception()


def test_writer_edits_stick(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    app.nav("writers")
    forms.wait_overview_column(app, "Name", WRITERS)

    names = list(WRITERS)
    # The same row twice: the second edit wins.
    for new_name, letter_date in (("Dr. Priya Alpha", "2026-07-16"), ("Dr. Priya Beta", None)):
        answers = {"name": new_name} | ({"letter_date": letter_date} if letter_date else {})
        forms.edit(app, "writers", PRIYA, answers)
        names[PRIYA] = new_name
        forms.wait_overview_column(app, "Name", names)
        _wait_stored_values(app, "writers", "name", names)
        app.wait_idle()
        app.assert_no_exception()
    assert _stored_values(app, "writers", "letter_date")[PRIYA] == "2026-07-16"
    app.shot("writers-edited")

    app.nav("assessment")
    app.wait_charts()
    text = app.main_text()
    assert "Dr. Priya Beta" in text, "the Assessment page does not show the edited name"
    assert "Dr. Priya Natarajan" not in text and "Dr. Priya Alpha" not in text
    app.nav("writers")
    forms.wait_overview_column(app, "Name", names)

    # Add a writer through the form.
    forms.add(
        app,
        "writers",
        {**WRITER, "name": "Dr. New Writer", "rotation_id": "Riverside Pediatric Associates"},
    )
    names.append("Dr. New Writer")
    forms.wait_overview_column(app, "Name", names)
    _wait_stored_values(app, "writers", "name", names)
    app.wait_idle()
    new_row = app.stored()["profile"]["writers"][-1]
    assert new_row["id"] and new_row["id"] not in {"w-wards", "w-clinic"}, new_row
    assert new_row["rotation_id"] == "r-clinic"
    assert new_row.keys() == set(blank_row("writers"))
    assert "7 letter writers" in app.sidebar_text()
    app.shot("writers-added")

    # Delete Dr. Rafael Ortiz (row 1).
    said = forms.delete(app, "writers", 1)
    assert "Dr. Rafael Ortiz" in said
    del names[1]
    forms.wait_overview_column(app, "Name", names)
    _wait_stored_values(app, "writers", "name", names)
    app.wait_idle()
    assert "6 letter writers" in app.sidebar_text()
    app.shot("writers-deleted")

    # Everything is still there after leaving the page and coming back.
    app.nav("assessment")
    app.wait_charts()
    assert "Dr. Rafael Ortiz" not in app.main_text()
    app.nav("writers")
    forms.wait_overview_column(app, "Name", names)
    assert _stored_values(app, "writers", "name") == names
    app.assert_no_exception()


def test_experience_edits_stick(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    app.nav("experiences")
    places = forms.overview_column(app, "Institution")
    assert places[0] == "Lakeview Children's Hospital, Heart Center"

    for new_place, start in (("Heart Center One", "2025-07-02"), ("Heart Center Two", None)):
        answers = {"institution": new_place} | ({"start": start} if start else {})
        forms.edit(app, "rotations", 0, answers)
        places[0] = new_place
        forms.wait_overview_column(app, "Institution", places)
        _wait_stored_values(app, "rotations", "institution", places)
        app.wait_idle()
        app.assert_no_exception()
    assert _stored_values(app, "rotations", "start")[0] == "2025-07-02"

    # The writers' experience is labelled from the institution.
    app.nav("writers")
    assert forms.overview_column(app, "Experience")[PRIYA].startswith("Heart Center Two · ")
    app.nav("experiences")
    forms.wait_overview_column(app, "Institution", places)
    assert _stored_values(app, "rotations", "institution") == places

    # Deleting an experience unlinks the writer who saw that work, and says so first.
    said = forms.delete(app, "rotations", 0)
    assert "1 writer linked to it will be unlinked." in said
    del places[0]
    forms.wait_overview_column(app, "Institution", places)
    app.wait_stored(
        "(s) => s.profile.writers.find((w) => w.id === 'w-research').rotation_id === null"
    )
    app.wait_idle()
    assert "6 letter writers" in app.sidebar_text()
    assert not _problems_flagged(app)
    app.assert_no_exception()


def test_an_optional_date_can_be_emptied(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    app.nav("writers")
    forms.open_edit(app, "writers", PRIYA)
    letter = forms.question("writers", "letter_date")
    assert forms.read_date(app, letter) == "2026-07-15"
    forms.type_date(app, letter, None)
    forms.save(app, "writers")
    app.wait_stored(f"(s) => s.profile.writers[{PRIYA}].letter_date === null", timeout_ms=5_000)
