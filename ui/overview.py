"""The read-only overview of experiences or writers, and the controls to change one row.

Rows are numbered as import and validation messages number them ("row 3"). The table is
sortable and its first columns stay pinned; editing happens in the entry form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from lorkit import fields, rules
from lorkit.enums import SponsoredVisa
from lorkit.fields import FieldInfo
from ui import presenter, state

# Columns of the overview, in order; the first one after "#" is pinned.
COLUMNS = {
    "rotations": ("institution", "location", "specialty", "kind", "setting", "start", "end"),
    "writers": (
        "name",
        "status",
        "relationship",
        "location",
        "rotation_id",
        "role",
        "specialty",
        "asked_on",
        "letter_date",
    ),
    "programs": (
        "name",
        "track",
        "letters_min",
        "chair_letter",
        "min_pediatric_letters",
        "min_im_letters",
        "min_us_letters",
        "observership_letters",
        "letter_max_age_months",
        "graduation_within_years",
        "visa",
        "as_of",
    ),
}
# The field that names a row, to recognise it by in lists and confirmations.
NAME_FIELD = {"rotations": "institution", "writers": "name", "programs": "name"}
# Pixel widths that fit a laptop screen; anything not listed takes what it needs.
WIDTHS = {"name": 170, "institution": 220, "rotation_id": 280, "location": 80, "status": 90}
FLAG_SUMMARY = "Also"  # the writers' ticked facts, in one column


def _cell(info: FieldInfo, value: Any, links: Mapping[str, str]) -> str:
    if value is None or value == "":
        return ""
    if info.kind == "choice" and info.choices is not None:
        return info.choices.short_labels().get(value, str(value))
    if info.kind == "link":
        return links.get(value, "(deleted experience)")
    if info.kind == "track":
        return rules.track(value).label if value in rules.track_ids() else str(value)
    if info.kind == "visas" and isinstance(value, list):
        labels = SponsoredVisa.short_labels()  # a damaged stored copy may hold anything
        return ", ".join(labels.get(str(v), str(v)) for v in value) if value else "None"
    return presenter.redact(str(value))


def _program_cell(info: FieldInfo, value: Any, links: Mapping[str, str]) -> str:
    # A rule the program does not state is a real answer, shown as such, not as a blank.
    if value is None and info.kind in ("count", "visas"):
        return "Unknown"
    return _cell(info, value, links)


def frame(section: str, rows: Sequence[Mapping[str, Any]], links: Mapping[str, str]) -> Any:
    catalogue = fields.SECTIONS[section]
    records = []
    for i, row in enumerate(rows, 1):
        rec: dict[str, Any] = {"#": i}
        cell = _program_cell if section == "programs" else _cell
        for name in COLUMNS[section]:
            rec[catalogue[name].label] = cell(catalogue[name], row.get(name), links)
        if section == "writers":
            ticked = [f.label for f in catalogue.values() if f.kind == "flag" and row.get(f.name)]
            rec[FLAG_SUMMARY] = ", ".join(ticked)
        records.append(rec)
    columns = ["#", *(catalogue[n].label for n in COLUMNS[section])]
    if section == "writers":
        columns.append(FLAG_SUMMARY)
    return pd.DataFrame.from_records(records, columns=columns)


def table(section: str, links: Mapping[str, str] | None = None) -> None:
    rows = state.rows(section)
    if not rows:
        return
    catalogue = fields.SECTIONS[section]
    first = COLUMNS[section][0]
    config: dict[str, Any] = {"#": st.column_config.NumberColumn("#", width=36, pinned=True)}
    for name in COLUMNS[section]:
        label = catalogue[name].label
        config[label] = st.column_config.TextColumn(
            label, width=WIDTHS.get(name), pinned=name == first, help=catalogue[name].hint
        )
    st.dataframe(
        frame(section, rows, links or {}),
        hide_index=True,
        width="stretch",
        column_config=config,
        key=f"overview_{section}",
    )


def row_label(section: str, index: int, row: Mapping[str, Any]) -> str:
    name = row.get(NAME_FIELD[section])
    return f"{index + 1} · {name or '(no name yet)'}"


def choose_row(section: str) -> dict[str, Any] | None:
    """A drop-down of the rows by number and name; returns the chosen row."""
    rows = state.rows(section)
    if not rows:
        return None
    item = fields.SECTION_ITEM[section]
    ids = [r.get("id") for r in rows]
    chosen = st.selectbox(
        f"Change {'an' if item[0] in 'aeiou' else 'a'} {item}",
        range(len(rows)),
        index=None,
        format_func=lambda i: row_label(section, i, rows[i]),
        placeholder=f"Choose {'an' if item[0] in 'aeiou' else 'a'} {item} by its row number",
        key=f"choose_{section}_{state.data_rev()}_{len(ids)}",
    )
    return None if chosen is None else rows[chosen]


def edit_button(section: str, row_id: str) -> None:
    """Open the entry form for this row."""
    st.button(
        "Edit",
        icon=":material/edit:",
        key=f"edit_{section}_{row_id}",
        on_click=state.open_form,
        args=(section, row_id),
        width="stretch",
    )


def delete_button(section: str, row: Mapping[str, Any], extra: str = "") -> None:
    """Delete with one confirmation; says what else changes."""
    item = fields.SECTION_ITEM[section]
    with st.popover("Delete", icon=":material/delete:", width="stretch"):
        name = row.get(NAME_FIELD[section])
        st.text(f"Delete this {item}: {name or '(no name yet)'}?")
        if extra:
            st.caption(extra)
        if st.button(
            f"Yes, delete this {item}",
            type="primary",
            key=f"delete_{section}_{row.get('id')}",
        ):
            state.delete_row(section, str(row.get("id")))
            st.rerun()
