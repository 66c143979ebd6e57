"""Letter writers: who could write for you, and where each one stands."""

from __future__ import annotations

import streamlit as st

from lorkit.enums import Location, Relationship, Role, Specialty, Status
from lorkit.workspace import WRITER_TABLE_FIELDS, rotation_labels
from ui import columns, issues, state
from ui.tables import TableSpec, edit_rows

SPEC = TableSpec(
    section="writers",
    id_prefix="w",
    fields=WRITER_TABLE_FIELDS,
    dates=frozenset({"asked_on", "letter_date"}),
    flags=frozenset(
        {"waived", "asked_for_strong", "knows_goal", "peds_exposure", "asked_to_self_draft"}
    ),
    defaults={"waived": True},
)

st.title("Letter writers")
st.caption(
    "Everyone who could write for you, including people you have not asked yet. Link each "
    "writer to the experience where they saw your work; update the status as things move."
)

labels = rotation_labels(state.raw())
linked = {w.get("rotation_id") for w in state.raw().get("writers") or []}
for rid in sorted(r for r in linked if isinstance(r, str) and r not in labels):
    labels[rid] = "(deleted experience: choose another)"
if not labels:
    st.info(
        "Add your experiences first, so that you can link each writer to one.",
        icon=":material/info:",
    )
    st.page_link(
        "app_pages/experiences.py", label="Go to Experiences", icon=":material/local_hospital:"
    )

edit_rows(
    SPEC,
    column_config={
        "name": columns.text(
            "Name", "As it will appear in ERAS, e.g. Dr. Helen Marsh", 120, pinned=True
        ),
        "title": columns.text("Title", "Position, e.g. Pediatric hospitalist (optional)", 200),
        "role": columns.choice("Role", Role, "attending", "Their role towards you"),
        "specialty": columns.choice("Specialty", Specialty, "pediatrics", "Their own field"),
        "location": columns.choice("Location", Location, "us", "Where they practise"),
        "rotation_id": st.column_config.SelectboxColumn(
            "Experience",
            options=list(labels),
            format_func=lambda r: labels.get(r, r),
            help="Where they saw your work",
            width="large",
        ),
        # No default: how well a writer knows your work is the judgment that matters most,
        # and a new row should not count as a strong letter before it is made.
        "relationship": columns.choice(
            "Relationship", Relationship, None, "How they know your work"
        ),
        "status": columns.choice("Status", Status, "candidate", "Where the request stands"),
        "asked_on": columns.day("Asked on", "When you asked formally"),
        "letter_date": columns.day("Letter date", "The date on the letter, once written"),
        "waived": columns.flag("Waived", "You waived your right to read the letter", True),
        "asked_for_strong": columns.flag(
            "Asked strong", "You asked for a strong letter in so many words", False
        ),
        "knows_goal": columns.flag("Knows goal", "They know your specialty choice and why", False),
        "peds_exposure": columns.flag(
            "Peds exposure", "FM or IM writer who saw you care for children", False
        ),
        "asked_to_self_draft": columns.flag(
            "Self-draft?", "They asked you to write the letter yourself", False
        ),
    },
    column_order=(
        "name",
        "title",
        "role",
        "specialty",
        "location",
        "rotation_id",
        "relationship",
        "status",
        "asked_on",
        "letter_date",
        "waived",
        "asked_for_strong",
        "knows_goal",
        "peds_exposure",
        "asked_to_self_draft",
    ),
)

cur = state.current()
issues.show(cur.workspace, "writers", what="writer")
if cur.assessment is not None and cur.assessment.letters:
    st.page_link(
        "app_pages/assessment.py", label="See how these letters score", icon=":material/analytics:"
    )
