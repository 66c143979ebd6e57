"""How the programs on the list stand, in one line for the Assessment page.

The counts come from `lorkit.programs.status_counts`; program names are user text, so the
line holds only numbers and fixed words.
"""

from __future__ import annotations

import streamlit as st

from lorkit.assessment import Assessment
from lorkit.enums import ProgramStatus
from lorkit.programs import status_counts

WORDS = {
    ProgramStatus.COVERED: ("covered", ":green"),
    ProgramStatus.GAPS: ("with gaps", ":orange"),
    ProgramStatus.INELIGIBLE: ("not eligible", ":red"),
}


def line(a: Assessment) -> str:
    """'3 programs: 1 covered · 1 with gaps · 1 not eligible' (empty with no programs)."""
    if not a.programs:
        return ""
    counts = status_counts(a.programs)
    parts = [f"{counts[s]} {word}" for s, (word, _) in WORDS.items()]
    total = len(a.programs)
    return f"{total} program{'s' if total != 1 else ''} on your list: " + " · ".join(parts)


def show(a: Assessment) -> None:
    """The counts, each in its colour, with a link to the page that explains them."""
    if not a.programs:
        return
    counts = status_counts(a.programs)
    total = len(a.programs)
    parts = [f"{colour}[**{counts[s]}** {word}]" for s, (word, colour) in WORDS.items()]
    with st.container(border=True, key="program_summary"):
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.markdown(
            f"**{total} program{'s' if total != 1 else ''} on your list:** " + " · ".join(parts)
        )
        right.page_link(
            "app_pages/programs.py", label="Letters per program", icon=":material/school:"
        )
