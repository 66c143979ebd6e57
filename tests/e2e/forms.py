"""Browser helpers for the entry forms and the overview tables (Experiences, Letter writers).

A form is filled the way a person fills it: each question is found by its text (the
questions come from `lorkit.fields`, as on screen), a choice by the label of its option, a
date by typing it as year-month-day into the date field. Answers are given as stored
(codes, ISO dates, booleans) and turned into what is on screen here; a writer's experience
is given as the start of its option's text (the institution).

The overview is an `st.dataframe`, drawn on a canvas. glide-data-grid mirrors the visible
cells in an accessible table (`th` headers, `td#glide-cell-<col>-<row>`), which is how its
values are read.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from lorkit import fields
from tests.e2e.conftest import App

ITEMS = {"rotations": "experience", "writers": "writer"}
ADD_KEYS = {"rotations": "add_rotation", "writers": "add_writer"}
RADIO_LIMIT = 4  # ui.forms shows choices with at most this many options as radio buttons
OVERVIEW = '[data-testid="stDataFrame"]'


def question(section: str, name: str) -> str:
    return fields.SECTIONS[section][name].question


# --- filling in a form -----------------------------------------------------------------------


def _choose_option(app: App, combobox: Any, option: str | re.Pattern[str]) -> None:
    combobox.click()
    app.page.get_by_role("option", name=option, exact=isinstance(option, str)).first.click()


def date_field(app: App, text: str) -> Any:
    """The date field (a group of year, month and day segments) asking `text`."""
    return app.page.get_by_role("group", name=text, exact=True)


def _hidden_date(app: App, text: str) -> Any:
    box = date_field(app, text).locator("xpath=ancestor::*[@data-testid='stDateInput'][1]")
    return box.locator('input[type="date"]')


def read_date(app: App, text: str) -> str | None:
    """The date the field holds, as YYYY-MM-DD (None when empty), from the hidden input
    the date field keeps in step with its segments."""
    return _hidden_date(app, text).input_value() or None


def type_date(app: App, text: str, iso: str | None) -> None:
    """Type a date as YYYY-MM-DD into the field asking `text`; None empties it.

    The field is three segments (year, month, day). Typing starts in the year and moves on
    to the month and the day as each one fills; the "-" separators are passed over. Escape
    leaves the field (Enter would submit the form). None clicks the field's Clear button,
    or, without one, empties each segment with Backspace (which steps back a segment).
    """
    segments = date_field(app, text).get_by_role("spinbutton")
    clear = date_field(app, text).locator(
        "xpath=ancestor::*[@data-testid='stDateInput'][1]//*[@data-testid='stDateInputClearButton']"
    )
    if iso is None and clear.count():
        clear.click()  # shown only on a field that may be empty (Streamlit: value=None)
    elif iso is None:
        segments.last.click()
        for _ in range(4 + 2 + 2 + 3):  # every digit, plus a step back between segments
            if (
                read_date(app, text) is None
                and segments.first.get_attribute("aria-valuetext") == "Empty"
            ):
                break
            app.page.keyboard.press("Backspace")
    else:
        segments.first.click()
        app.page.keyboard.type(iso)
    app.page.keyboard.press("Escape")
    expect(_hidden_date(app, text)).to_have_value(iso or "")


def set_answer(app: App, section: str, name: str, value: Any) -> None:
    info = fields.SECTIONS[section][name]
    page = app.page
    ask = info.question
    if info.kind in ("text", "long-text"):
        page.get_by_label(ask, exact=True).fill(value or "")
    elif info.kind == "flag":
        box = page.get_by_label(ask, exact=True)
        if box.is_checked() != bool(value):
            page.get_by_text(ask, exact=True).click()  # the input itself is hidden
        expect(box).to_be_checked(checked=bool(value))
    elif info.kind == "date":
        type_date(app, ask, value)
    elif info.kind == "choice":
        assert info.choices is not None
        label = info.choices.labels()[value]
        if len(info.choices.labels()) <= RADIO_LIMIT:
            group = page.get_by_role("radiogroup", name=ask, exact=True)
            group.get_by_text(label, exact=True).click()
        else:
            _choose_option(app, page.get_by_role("combobox", name=ask, exact=True), label)
    elif info.kind == "link":
        option = re.compile("^" + re.escape(value)) if value else "(not linked to an experience)"
        _choose_option(app, page.get_by_role("combobox", name=ask, exact=True), option)
    else:
        raise AssertionError(f"{section}.{name} is not asked in the form")


def fill(app: App, section: str, answers: dict[str, Any]) -> None:
    for name, value in answers.items():
        set_answer(app, section, name, value)


def save_button(app: App, section: str) -> Any:
    return app.page.get_by_role("button", name=f"Save {ITEMS[section]}")


def save(app: App, section: str) -> None:
    """Click Save and wait until the form has closed (the row was stored)."""
    save_button(app, section).click()
    app.wait_idle()
    app.assert_no_exception()
    expect(save_button(app, section), "the form is still open: not saved").to_have_count(0)


def open_add(app: App, section: str) -> None:
    app.page.locator(f".st-key-{ADD_KEYS[section]} button").click()
    save_button(app, section).wait_for()
    app.wait_idle()


def add(app: App, section: str, answers: dict[str, Any]) -> None:
    """Click 'Add …' on the section's page, answer, save."""
    open_add(app, section)
    fill(app, section, answers)
    save(app, section)


# --- choosing, editing and deleting a row --------------------------------------------------


def choose(app: App, section: str, index: int) -> None:
    """Pick row `index` (0-based) in the 'Change …' drop-down under the overview."""
    chooser = app.page.locator(f'[class*="st-key-choose_{section}_"]').get_by_role("combobox")
    _choose_option(app, chooser, re.compile(rf"^{index + 1} · "))
    app.wait_idle()
    app.page.locator(f'[class*="st-key-edit_{section}_"] button').wait_for()


def open_edit(app: App, section: str, index: int) -> None:
    choose(app, section, index)
    app.page.locator(f'[class*="st-key-edit_{section}_"] button').click()
    save_button(app, section).wait_for()
    app.wait_idle()


def edit(app: App, section: str, index: int, answers: dict[str, Any]) -> None:
    open_edit(app, section, index)
    fill(app, section, answers)
    save(app, section)


def delete(app: App, section: str, index: int) -> str:
    """Delete row `index` through the Delete popover; returns what the popover said."""
    choose(app, section, index)
    main = app.page.locator('[data-testid="stMain"]')
    main.locator('[data-testid="stPopover"] button').filter(has_text="Delete").click()
    confirm = app.page.locator(f'[class*="st-key-delete_{section}_"] button')
    confirm.wait_for()
    said = confirm.locator("xpath=ancestor::*[@data-testid='stVerticalBlock'][1]").inner_text()
    confirm.click()
    app.wait_idle()
    app.assert_no_exception()
    return said


# --- the overview table ----------------------------------------------------------------------


def overview_column(app: App, label: str) -> list[str]:
    """The visible values of the overview's column `label`, top to bottom ([] when there is
    no overview: no rows yet)."""
    table = app.page.locator(OVERVIEW)
    if table.count() == 0:
        return []
    return table.first.evaluate(
        """(root, label) => {
            const th = [...root.querySelectorAll("th")]
                .find((h) => h.textContent.trim() === label);
            if (!th) throw new Error(`no column ${label}`);
            const col = Number(th.getAttribute("aria-colindex")) - 1;
            return [...root.querySelectorAll(`td[id^="glide-cell-${col}-"]`)]
                .map((td) => [Number(td.id.split("-").pop()), td.textContent])
                .sort((a, b) => a[0] - b[0]).map((pair) => pair[1]);
        }""",
        label,
    )


def wait_overview_column(
    app: App, label: str, expected: list[str], timeout_ms: int = 10_000
) -> None:
    app.page.wait_for_function(
        """([sel, label, expected]) => {
            const root = document.querySelector(sel);
            const got = [];
            if (root) {
                const th = [...root.querySelectorAll("th")]
                    .find((h) => h.textContent.trim() === label);
                if (!th) return false;
                const col = Number(th.getAttribute("aria-colindex")) - 1;
                got.push(...[...root.querySelectorAll(`td[id^="glide-cell-${col}-"]`)]
                    .map((td) => [Number(td.id.split("-").pop()), td.textContent])
                    .sort((a, b) => a[0] - b[0]).map((pair) => pair[1]));
            }
            return JSON.stringify(got) === JSON.stringify(expected);
        }""",
        arg=[OVERVIEW, label, expected],
        timeout=timeout_ms,
    )
