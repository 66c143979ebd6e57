"""Experiences: the rotations, jobs and research where people saw your work."""

from __future__ import annotations

import streamlit as st

from lorkit.enums import HANDS_ON_KINDS
from ui import forms, issues, overview, spreadsheet, state
from ui.text import md_escape

SECTION = "rotations"


def _add_writer_here(rotation_id: str) -> None:
    state.open_form("writers", rotation_id=rotation_id)


def _linked_writers(rotation_id: str) -> int:
    return sum(1 for w in state.rows("writers") if w.get("rotation_id") == rotation_id)


def _row_actions() -> None:
    row = overview.choose_row(SECTION)
    if row is None:
        return
    rid = str(row.get("id"))
    edit_col, writer_col, delete_col = st.columns(3)
    with edit_col:
        overview.edit_button(SECTION, rid)
    if writer_col.button(
        "Add a writer who saw this work",
        icon=":material/person_add:",
        key=f"writer_from_{rid}",
        width="stretch",
    ):
        _add_writer_here(rid)
        st.switch_page("app_pages/writers.py")
    linked = _linked_writers(rid)
    with delete_col:
        overview.delete_button(
            SECTION,
            row,
            f"{linked} writer{'s' if linked != 1 else ''} linked to it will be unlinked."
            if linked
            else "",
        )


st.title("Experiences")
st.caption(
    "Every rotation, job or research post where someone could have seen your work. Add them "
    "one at a time; then add the people who could write for you from each one."
)

if state.editing(SECTION) is None:
    st.button(
        "Add an experience",
        type="primary",
        icon=":material/add:",
        key="add_rotation",
        on_click=state.open_form,
        args=(SECTION,),
    )
forms.row_form(SECTION)

saved = state.last_saved(SECTION)
if saved is not None and saved[1] == "saved" and state.row(SECTION, str(saved[0])):
    row = state.row(SECTION, str(saved[0])) or {}
    st.success(
        f"Saved. Who saw your work at {md_escape(row.get('institution'))}?",
        icon=":material/check:",
    )
    if st.button(
        "Add a writer from this experience",
        icon=":material/person_add:",
        key="writer_from_saved",
    ):
        _add_writer_here(str(saved[0]))
        st.switch_page("app_pages/writers.py")

rows = state.rows(SECTION)
ws = state.current().workspace
if rows:
    overview.table(SECTION)
    hands_on = sum(1 for r in ws.profile.rotations if r.kind in HANDS_ON_KINDS) if ws.profile else 0
    us = sum(1 for r in rows if r.get("location") == "us")
    st.caption(
        f"{len(rows)} experience{'s' if len(rows) != 1 else ''}, {us} in the US, "
        f"{hands_on} hands-on. Click a column header to sort."
    )
    _row_actions()
    issues.show(ws, SECTION, what="experience")
    if not ws.raw.get("writers"):
        st.page_link(
            "app_pages/writers.py", label="Next: add your letter writers", icon=":material/east:"
        )
elif state.editing(SECTION) is None:
    st.info(
        "No experiences yet. Add your first one, or open a sample applicant from the Start "
        "page to see how lorkit works.",
        icon=":material/info:",
    )

spreadsheet.section(SECTION)
