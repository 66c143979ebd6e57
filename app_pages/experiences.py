"""Experiences: the rotations, jobs and research where people saw your work."""

from __future__ import annotations

import streamlit as st

from lorkit.enums import Kind, Location, RotationSpecialty, Setting
from lorkit.workspace import ROTATION_FIELDS, referenced_ids
from ui import columns, issues, state
from ui.tables import TableSpec, edit_rows

SPEC = TableSpec(
    section="rotations",
    id_prefix="r",
    fields=ROTATION_FIELDS,
    dates=frozenset({"start", "end"}),
    flags=frozenset(),
    defaults={},
)

st.title("Experiences")
st.caption(
    "Every rotation, job or research post where someone could have seen your work. Add a row "
    "with the **+** under the table; select rows to delete them. Letter writers are linked to "
    "these on the next page."
)

rows = edit_rows(
    SPEC,
    column_config={
        "institution": columns.text("Institution", "Hospital, clinic or lab", 200, "large"),
        "location": columns.choice("Location", Location, "us", "Where the experience was"),
        "specialty": columns.choice(
            "Service", RotationSpecialty, "pediatrics", "The department or service"
        ),
        "setting": columns.choice("Setting", Setting, "inpatient", "Where most of the work was"),
        "kind": columns.choice(
            "Kind", Kind, "elective", "Observerships and research are not hands-on"
        ),
        "start": columns.day("Start", "First day"),
        "end": columns.day("End", "Last day"),
    },
    column_order=("institution", "location", "specialty", "setting", "kind", "start", "end"),
    # ids that writers still point at are never handed to a new row
    reserved_ids=referenced_ids(state.raw()),
)

ws = state.current().workspace
issues.show(ws, "rotations", what="experience")

if rows:
    us = sum(1 for r in rows if r.get("location") == "us")
    hands_on = (
        [r for r in ws.profile.rotations if r.kind not in (Kind.OBSERVERSHIP, Kind.RESEARCH)]
        if ws.profile
        else []
    )
    st.caption(
        f"{len(rows)} experience{'s' if len(rows) != 1 else ''}, {us} in the US, "
        f"{len(hands_on)} hands-on."
    )
    if not ws.raw.get("writers"):
        st.page_link(
            "app_pages/writers.py", label="Next: add your letter writers", icon=":material/east:"
        )
else:
    st.info(
        "No experiences yet. Add one with the **+** under the table, or open a sample "
        "applicant from the Start page.",
        icon=":material/info:",
    )
