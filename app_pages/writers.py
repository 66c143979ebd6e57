"""Letter writers: who could write for you, and where each one stands."""

from __future__ import annotations

import streamlit as st

from lorkit.workspace import rotation_labels
from ui import forms, issues, overview, spreadsheet, state
from ui.text import md_escape

SECTION = "writers"


def _experience_labels() -> dict[str, str]:
    labels = rotation_labels(state.raw())
    for w in state.rows(SECTION):
        rid = w.get("rotation_id")
        if isinstance(rid, str) and rid not in labels:
            labels[rid] = "(deleted experience: choose another)"
    return labels


def _row_actions() -> None:
    row = overview.choose_row(SECTION)
    if row is None:
        return
    wid = str(row.get("id"))
    edit_col, delete_col, _ = st.columns(3)
    with edit_col:
        overview.edit_button(SECTION, wid)
    with delete_col:
        overview.delete_button(SECTION, row)


st.title("Letter writers")
st.caption(
    "Everyone who could write for you, including people you have not asked yet. Link each "
    "writer to the experience where they saw your work, and update the status as things move."
)

labels = _experience_labels()
if not state.rows("rotations"):
    st.info(
        "Add your experiences first, so that you can link each writer to one.",
        icon=":material/info:",
    )
    st.page_link(
        "app_pages/experiences.py", label="Go to Experiences", icon=":material/local_hospital:"
    )

if state.editing(SECTION) is None:
    st.button(
        "Add a writer",
        type="primary",
        icon=":material/person_add:",
        key="add_writer",
        on_click=state.open_form,
        args=(SECTION,),
    )
forms.row_form(SECTION, labels)

saved = state.last_saved(SECTION)
if saved is not None and saved[1] == "saved" and state.row(SECTION, str(saved[0])):
    row = state.row(SECTION, str(saved[0])) or {}
    st.success(f"Saved {md_escape(row.get('name'))}.", icon=":material/check:")

cur = state.current()
if state.rows(SECTION):
    overview.table(SECTION, labels)
    n = len(state.rows(SECTION))
    st.caption(f"{n} writer{'s' if n != 1 else ''}. Click a column header to sort.")
    _row_actions()
    issues.show(cur.workspace, SECTION, what="writer")
    if cur.assessment is not None and cur.assessment.letters:
        st.page_link(
            "app_pages/assessment.py",
            label="See how these letters score",
            icon=":material/analytics:",
        )
elif state.editing(SECTION) is None:
    st.info("No letter writers yet. Add the first person who could write for you.")

spreadsheet.section(SECTION)
