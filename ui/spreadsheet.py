"""The spreadsheet bridge: a section's rows as a CSV file, and back, with the same checks."""

from __future__ import annotations

import streamlit as st

from lorkit import fields
from lorkit.csv_io import rows_from_csv, rows_to_csv
from lorkit.profile_io import ProfileError
from lorkit.workspace import complete_row, referenced_ids
from ui import state
from ui.text import md_escape

FILE_NAMES = {
    "rotations": "lorkit-experiences.csv",
    "writers": "lorkit-writers.csv",
    "programs": "lorkit-programs.csv",
}
# What a section's cells need beyond dates, said under the heading.
EXTRA_HINTS = {
    "programs": " Write unknown for a rule the program does not state; visas as J-1, H-1B, "
    "J-1; H-1B, none or unknown.",
}


def _import(section: str, key: str) -> None:
    uploaded = state.widget(key)
    if uploaded is None:
        return
    rotation_ids = [str(r.get("id")) for r in state.rows("rotations")]
    try:
        rows = rows_from_csv(
            section,
            uploaded.getvalue(),
            rotation_ids=rotation_ids,
            taken_ids=referenced_ids(state.raw()) - {str(r.get("id")) for r in state.rows(section)},
        )
    except ProfileError as exc:
        state.notify(f"csv_{section}", ("error", uploaded.name, exc.lines()))
        return
    if section == "writers":
        # The plan's ticks and edited drafts are not in the spreadsheet: keep them by id.
        before = {w.get("id"): w for w in state.rows("writers")}
        rows = [
            {**row, **{f: before[row["id"]][f] for f in fields.WRITER_PLAN_FIELDS}}
            if row.get("id") in before
            else row
            for row in rows
        ]
    state.update(section, [complete_row(section, r) for r in rows])
    state.notify(f"csv_{section}", ("ok", uploaded.name, [f"{len(rows)} rows imported"]))


def section(name: str) -> None:
    """Download the rows as CSV, or replace them from a CSV file."""
    title = fields.SECTION_TITLES[name].lower()
    st.divider()
    st.markdown("##### Work in a spreadsheet")
    st.caption(
        f"Download your {title} as a CSV file, edit them in Excel, Numbers or Google Sheets, "
        f"and import the file again. Importing replaces the {title} listed here; nothing "
        "changes if the file has a problem. Write dates as year-month-day (2027-03-01)."
        + EXTRA_HINTS.get(name, "")
    )
    rows = state.rows(name)
    down, up = st.columns([1, 2], gap="large")
    down.download_button(
        f"Download {title} (.csv)",
        data=rows_to_csv(name, rows),
        file_name=FILE_NAMES[name],
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"csv_download_{name}",
    )
    key = f"csv_upload_{name}_{state.rev()}_{state.data_rev()}"
    up.file_uploader(
        f"Import {title} from a CSV file",
        type=["csv"],
        key=key,
        on_change=_import,
        args=(name, key),
    )
    result = state.notice(f"csv_{name}")
    if result is None:
        return
    status, file_name, lines = result
    if status == "ok":
        st.success(f"Imported {md_escape(file_name)}: {lines[0]}.", icon=":material/check:")
    else:
        n = len(lines)
        st.error(
            f"{md_escape(file_name)} was not imported ({n} problem{'s' if n != 1 else ''}); "
            f"your {title} are unchanged:",
            icon=":material/error:",
        )
        st.text("\n".join(lines))
