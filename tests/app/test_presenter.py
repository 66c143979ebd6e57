"""Presenter mode (sidebar toggle): while sharing the screen, no page shows notes, e-mail
drafts or e-mail addresses, the key figures are drawn larger, and nothing in the data
changes; switching it off shows everything again."""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.conftest import PAGES as FORM_PAGES
from tests.app.conftest import TITLES as FORM_TITLES
from tests.app.conftest import (
    assert_clean,
    open_edit_form,
    open_sample,
    page_title,
    profile,
    put_profile,
    sample_raw,
    save_form,
)
from ui.presenter import EMAIL_HIDDEN, KEY
from ui.style import PRESENTING

SAMPLE = "early-stage"
# Every page in the navigation, the Programs page included.
PAGES = {**FORM_PAGES, "programs": "app_pages/programs.py"}
TITLES = {**FORM_TITLES, "programs": "Programs"}
WRITER_NOTE = "Reach her at angela.russo@mercy-hospital.example or via her assistant"
ROTATION_NOTE = "Presented two cases; the chief's e-mail is chief@mercy.example"
PROGRAM_NOTE = "Coordinator: ask pd-office@children.example about the chair letter"
ADDRESS_IN_NAME = "Dr. Angela Russo (angela.russo@mercy-hospital.example)"


def sample_with_private_text() -> dict[str, Any]:
    raw = sample_raw(SAMPLE)
    raw["writers"][1]["notes"] = WRITER_NOTE
    raw["rotations"][1]["notes"] = ROTATION_NOTE
    raw["programs"] = [
        {"id": "p1", "name": "Lakeshore Pediatrics", "track": "pediatrics", "notes": PROGRAM_NOTE}
    ]
    return raw


def goto(at: Any, page: str) -> Any:
    at.switch_page(PAGES[page]).run()
    assert_clean(at, errors_ok=page == "start")
    assert page_title(at) == TITLES[page]
    return at


def presenter(at: Any, on: bool) -> Any:
    at.sidebar.toggle(key=KEY).set_value(on).run()
    assert_clean(at)
    return at


def every_text(at: Any) -> str:
    """Everything the page would show as text: elements, widget values, table cells."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "text", "info", "warning", "success", "error"):
        parts += [str(e.value) for e in at.get(kind)]
    for kind in ("text_area", "text_input"):
        parts += [str(w.value) for w in at.get(kind)]
    for frame in at.get("dataframe"):
        parts.append(frame.value.to_csv())
    return "\n".join(parts)


def presenting_style(at: Any) -> bool:
    return any(PRESENTING in h.proto.body for h in at.get("html"))


@pytest.fixture
def shared(app) -> Any:
    at = open_sample(app(), SAMPLE)
    put_profile(at, sample_with_private_text())
    at.run()
    assert_clean(at)
    return at


def test_the_toggle_is_on_every_page_and_stays_on_across_pages(shared):
    at = presenter(shared, True)
    for page in PAGES:
        goto(at, page)
        assert at.sidebar.toggle(key=KEY).value is True, page
        assert presenting_style(at), page
    presenter(at, False)
    assert not presenting_style(at)


def test_writer_notes_are_hidden_in_the_form_and_kept_on_save(shared):
    at = presenter(shared, True)
    open_edit_form(at, "writers", 1)
    assert WRITER_NOTE not in every_text(at)
    assert any("Notes: hidden in presenter mode" in c.value for c in at.caption)
    save_form(at, "writers")  # saving while presenting must not wipe the hidden notes
    assert_clean(at)
    assert profile(at)["writers"][1]["notes"] == WRITER_NOTE

    presenter(at, False)
    open_edit_form(at, "writers", 1)
    assert WRITER_NOTE in every_text(at)


def test_experience_notes_are_hidden_in_the_form(shared):
    at = presenter(shared, True)
    open_edit_form(at, "rotations", 1)
    assert ROTATION_NOTE not in every_text(at)
    assert "chief@mercy.example" not in every_text(at)
    presenter(at, False)
    assert ROTATION_NOTE in every_text(at)


def test_email_drafts_are_hidden_on_the_plan_page(shared):
    at = goto(shared, "plan")
    drafts = [t for t in at.text_area if (t.key or "").startswith("draft_")]
    assert drafts, "the sample's first writer has e-mail drafts"
    presenter(at, True)
    assert not [t for t in at.text_area if (t.key or "").startswith("draft_")]
    assert not [b for b in at.get("download_button") if "(.txt)" in b.proto.label]
    assert any("E-mail drafts: hidden in presenter mode" in c.value for c in at.caption)
    presenter(at, False)
    assert [t for t in at.text_area if (t.key or "").startswith("draft_")]


def test_email_addresses_in_the_overview_tables_are_hidden(app):
    raw = sample_with_private_text()
    raw["writers"][1]["name"] = ADDRESS_IN_NAME
    at = open_sample(app(), SAMPLE)
    put_profile(at, raw)
    goto(at, "writers")
    assert "angela.russo@mercy-hospital.example" in every_text(at)
    presenter(at, True)
    table = every_text(at)
    assert "angela.russo@mercy-hospital.example" not in table
    assert f"Dr. Angela Russo ({EMAIL_HIDDEN})" in table


def show_private_text(at: Any, page: str) -> Any:
    """Open the page with its private text on screen where it has any (an open form)."""
    goto(at, page)
    if page == "writers":
        open_edit_form(at, "writers", 1)
    elif page == "experiences":
        open_edit_form(at, "rotations", 1)
    return at


# What each page shows of the private text when presenter mode is off.
PRIVATE = {
    "writers": WRITER_NOTE,
    "experiences": ROTATION_NOTE,
    "plan": "Subject:",
    "programs": PROGRAM_NOTE,
}


@pytest.mark.parametrize("page", list(PAGES))
def test_no_page_shows_private_text_while_presenting(shared, page):
    at = show_private_text(shared, page)
    if page in PRIVATE:
        assert PRIVATE[page] in every_text(at), "the page shows it when not presenting"
    presenter(at, True)
    text = every_text(at)
    for secret in (WRITER_NOTE, ROTATION_NOTE, PROGRAM_NOTE, "@mercy", "@children"):
        assert secret not in text, (page, secret)
    assert PRIVATE.get(page, WRITER_NOTE) not in text
    assert page_title(at) == TITLES[page]


def test_presenting_changes_nothing_in_the_data(shared):
    before = profile(shared)
    data_rev = shared.session_state["data_rev"]
    at = presenter(shared, True)
    for page in PAGES:
        goto(at, page)
    presenter(at, False)
    assert profile(at) == before
    assert at.session_state["data_rev"] == data_rev
