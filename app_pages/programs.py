"""Programs: each program's letter rules, the letters to assign to it, and the ERAS sheet."""

from __future__ import annotations

import streamlit as st

from ui import forms, issues, overview, spreadsheet, state
from ui import programs as programs_ui
from ui.text import md_escape

SECTION = "programs"


def _row_actions() -> None:
    row = overview.choose_row(SECTION)
    if row is None:
        return
    edit_col, delete_col, _ = st.columns(3)
    with edit_col:
        overview.edit_button(SECTION, str(row.get("id")))
    with delete_col:
        overview.delete_button(SECTION, row)


def _results() -> None:
    a = state.current().assessment
    if a is None:
        issues.profile_needed("see where each program stands")
        return
    if not a.programs:
        st.info("Fix the problems listed below to see where your programs stand.")
        return
    st.subheader("Where each program stands", anchor=False)
    programs_ui.status_metrics(a.programs)
    # Presenter mode leaves out the applicant's own notes on a shared screen.
    programs_ui.results_table(a.programs, presenting=state.presenting())
    st.caption(
        "Click a column header to sort. The letters are the best your writers can give "
        "each program under its own rules, at most the number it reads."
    )
    programs_ui.gap_details(a.programs)
    programs_ui.sheet_download(a)
    st.subheader("Which letter goes to which program", anchor=False)
    programs_ui.matrix(a)


st.title("Programs")
st.caption(
    "The programs you apply to and the letter rules each one publishes. lorkit picks the "
    "best letters to assign to each program in ERAS (at most 4) and shows which rules are "
    "still unmet. A rule the program does not state is simply unknown."
)

if state.editing(SECTION) is None:
    st.button(
        "Add a program",
        type="primary",
        icon=":material/add:",
        key="add_program",
        on_click=state.open_form,
        args=(SECTION,),
    )
forms.row_form(SECTION)

saved = state.last_saved(SECTION)
if (
    saved is not None
    and saved[1] == "saved"
    and state.row(SECTION, str(saved[0]))
    and not programs_ui.added_from_list(str(saved[0]))
):
    row = state.row(SECTION, str(saved[0])) or {}
    st.success(f"Saved {md_escape(row.get('name'))}.", icon=":material/check:")

rows = state.rows(SECTION)
applicant_tracks = (state.raw().get("applicant") or {}).get("tracks") or []
if rows:
    _results()
    st.subheader("Your program list", anchor=False)
    overview.table(SECTION)
    n = len(rows)
    st.caption(f"{n} program{'s' if n != 1 else ''}. Click a column header to sort.")
    _row_actions()
    issues.show(state.current().workspace, SECTION, what="program")
elif state.editing(SECTION) is None:
    st.info(
        "No programs yet. Add the programs you apply to, or copy some from the illustrative "
        "list below and check each one on the program's site.",
        icon=":material/info:",
    )

programs_ui.illustrative([t for t in applicant_tracks if isinstance(t, str)], expanded=not rows)
spreadsheet.section(SECTION)
