"""The Programs page's blocks: where each program stands, which letter goes where, the ERAS
assignment sheet, and the illustrative list a user can copy programs from.

Program names, writer names and notes are user text: they go into table cells, `st.text`
or `md_escape`d Markdown, never into Markdown as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from lorkit import charts, rules
from lorkit.assessment import Assessment
from lorkit.csv_io import BOM
from lorkit.enums import ProgramStatus
from lorkit.illustrative_programs import (
    LABEL,
    IllustrativeProgram,
    as_row,
    find,
    illustrative_programs,
    rule_summary,
)
from lorkit.programs import ProgramResult, assignment_csv, status_counts
from lorkit.workspace import next_ids, referenced_ids
from ui import charts as chart_ui
from ui import state
from ui.text import md_escape

SECTION = "programs"
SHEET_FILE = "lorkit-eras-assignments.csv"
STATUS_ICONS = {
    ProgramStatus.COVERED: ":material/check_circle:",
    ProgramStatus.GAPS: ":material/warning:",
    ProgramStatus.INELIGIBLE: ":material/block:",
}
NOTES = "Notes"
LIST_KEY = "illustrative_list"
OPEN = "illustrative_open"  # whether the user left the list open (None: never touched)
ADDED = "illustrative_added"  # the id of the program last copied from the list


def added_from_list(row_id: str) -> bool:
    return state.notice(ADDED) == row_id


# --- where each program stands ----------------------------------------------------------------


def status_metrics(results: Sequence[ProgramResult]) -> None:
    counts = status_counts(results)
    for col, status in zip(st.columns(len(counts)), ProgramStatus, strict=True):
        col.metric(f"{status.short}", counts[status], help=status.label)


def _letters(r: ProgramResult) -> str:
    return " · ".join(f"{i}. {x.writer.name}" for i, x in enumerate(r.selected, 1))


def _gaps(r: ProgramResult) -> str:
    if not r.eligible:
        return "Not eligible: " + "; ".join(i.reason for i in r.ineligible)
    return "; ".join(u.label for u in r.unmet)


def results_frame(results: Sequence[ProgramResult], *, notes: bool) -> pd.DataFrame:
    records = []
    for r in results:
        rec: dict[str, Any] = {
            "Program": r.program.name,
            "Status": r.status.short,
            "Unmet rules": _gaps(r),
            "Letters to assign, in order": _letters(r),
            "Track": rules.track(r.program.track).label,
            "To check": " ".join(r.caveats),
        }
        if notes:
            rec[NOTES] = r.program.notes or ""
        records.append(rec)
    columns = ["Program", "Status", "Unmet rules", "Letters to assign, in order", "Track"]
    columns += ["To check", *([NOTES] if notes else [])]
    return pd.DataFrame.from_records(records, columns=columns)


def _fit(frame: pd.DataFrame, column: str) -> int:
    """A width for a column of free text: enough for its longest cell, within bounds, so
    that an empty column does not push the letters off a laptop screen."""
    longest = max([len(column), *(len(str(v)) for v in frame[column])])
    return max(110, min(7 * longest + 24, 420))


def results_table(results: Sequence[ProgramResult], *, presenting: bool) -> None:
    """One row per program; sortable by any column; the name stays pinned. In presenter
    mode the applicant's own notes are left out."""
    frame = results_frame(results, notes=not presenting)
    text = st.column_config.TextColumn
    config = {
        "Program": text("Program", width=200, pinned=True),
        "Status": text("Status", width=95, help="Covered, Gaps or Not eligible"),
        "Track": text("Track", width=150),
    }
    for column in ("Unmet rules", "Letters to assign, in order", "To check", NOTES):
        if column in frame.columns:
            config[column] = text(column, width=_fit(frame, column))
    st.dataframe(
        frame, hide_index=True, width="stretch", column_config=config, key="program_results"
    )


def gap_details(results: Sequence[ProgramResult]) -> None:
    """For each program with gaps or not eligible: what is missing and what to do."""
    open_ones = [r for r in results if r.status != ProgramStatus.COVERED]
    if not open_ones:
        return
    n = len(open_ones)
    with st.expander(f"What to do about the {n} program{'s' if n != 1 else ''} not covered"):
        for r in open_ones:
            st.markdown(f"{STATUS_ICONS[r.status]} **{md_escape(r.program.name)}**")
            lines = [
                f"- Not eligible: {md_escape(i.reason)}. {md_escape(i.fix)}" for i in r.ineligible
            ]
            lines += [
                f"- {md_escape(u.label)}: {md_escape(u.detail)} {md_escape(u.fix)}" for u in r.unmet
            ]
            st.markdown("\n".join(lines))


def matrix(a: Assessment) -> None:
    rows = charts.program_matrix_data(a)
    if not rows:
        chart_ui.empty("No letter can be assigned to any program yet.")
        return
    shown = min(len(a.programs), charts.MATRIX_MAX_PROGRAMS)
    more = len(a.programs) - shown
    chart_ui.show(
        "program_matrix",
        (rows,),
        charts.program_matrix_chart,
        alt_text="Which letter to assign to which program",
        caption="Each row is a program (its status first), each column a letter. "
        + charts.MATRIX_KEY
        + (
            f" The first {shown} programs are drawn; the table lists all {shown + more}."
            if more
            else ""
        ),
    )


def sheet_download(a: Assessment) -> None:
    text = assignment_csv(a.programs)
    st.download_button(
        "Download the ERAS assignment sheet (.csv)",
        # A byte order mark, so that Excel reads names in any script as UTF-8.
        data=text if text.startswith(BOM) else BOM + text,
        file_name=SHEET_FILE,
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="download_assignments",
        type="primary",
    )
    st.caption(
        "One row per program: the letters to assign to it in ERAS, in order, and what is "
        "missing. ERAS does not assign a letter that arrives after you assigned letters: "
        "assign late letters by hand, and check the assignments after every upload."
    )


# --- the illustrative list -----------------------------------------------------------------


def _on_list(entry: IllustrativeProgram) -> bool:
    p = entry.program
    return any(
        r.get("name") == p.name
        and r.get("track") == p.track
        and r.get("source_url") == p.source_url
        for r in state.rows(SECTION)
    )


def _toggled() -> None:
    state.set_session_memo(OPEN, bool(state.widget(LIST_KEY)))


def _add(key: str) -> None:
    entry = find(key)
    if entry is None or _on_list(entry):
        return
    taken = referenced_ids(state.raw()) | {str(r.get("id")) for r in state.rows(SECTION)}
    new_id = next_ids("p", taken, 1)[0]
    state.save_row(SECTION, as_row(entry, new_id))
    state.notify(ADDED, new_id)  # said by the toast, not again at the top of the page
    state.set_session_memo(OPEN, True)  # the user is working in the list: keep it open
    st.toast(f"Added {md_escape(entry.program.name)} to your programs.", icon=":material/check:")


def _entry(entry: IllustrativeProgram) -> None:
    p = entry.program
    with st.container(border=True):
        text_col, button_col = st.columns([4, 1], vertical_alignment="center")
        with text_col:
            st.markdown(f"**{md_escape(p.name)}** · {md_escape(rules.track(p.track).label)}")
            st.caption(md_escape(rule_summary(p)))
            if p.notes:
                st.caption(md_escape(p.notes))
            read = f"Read {p.as_of:%d %b %Y}" if p.as_of else "Date read unknown"
            st.caption(f"{read} · {LABEL}")
            if p.source_url:
                host = (urlsplit(p.source_url).hostname or p.source_url).removeprefix("www.")
                st.page_link(p.source_url, label=f"Source: {host}", icon=":material/open_in_new:")
        with button_col:
            added = _on_list(entry)
            st.button(
                "On your list" if added else "Add to my list",
                icon=":material/check:" if added else ":material/add:",
                key=f"illustrative_{entry.key}",
                disabled=added,
                on_click=_add,
                args=(entry.key,),
                width="stretch",
            )


def illustrative(tracks: Sequence[str], *, expanded: bool) -> None:
    """The shipped examples for the applicant's tracks, each one click from the list."""
    entries = [e for e in illustrative_programs() if not tracks or e.program.track in tracks]
    if not entries:
        return
    # Open as the user left it: it must not close when the first program added from it
    # makes the list non-empty. Until then, open only while the list is empty.
    remembered = state.session_memo(OPEN)
    with st.expander(
        f"{LABEL}: {len(entries)} programs",
        expanded=expanded if remembered is None else bool(remembered),
        icon=":material/school:",
        key=LIST_KEY,
        on_change=_toggled,
    ):
        st.caption(
            "What some programs published about letters, read from their public pages in "
            "late 2026 and written in our own words. Pages change every season: open the "
            "program's site and check each rule before you rely on it. Adding one copies it "
            "to your list, where you can edit it."
        )
        for entry in entries:
            _entry(entry)
