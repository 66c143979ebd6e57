"""How the programs on the list stand, in one line for the Assessment page.

The counts come from `lorkit.programs.status_counts`; program names are user text, so the
line holds only numbers and fixed words.
"""

from __future__ import annotations

import streamlit as st

from lorkit.assessment import Assessment
from lorkit.enums import ProgramStatus
from lorkit.programs import COUNT_WORDS, status_counts

COLOURS = {
    ProgramStatus.COVERED: ":green",
    ProgramStatus.GAPS: ":orange",
    ProgramStatus.INELIGIBLE: ":red",
}


def show(a: Assessment) -> None:
    """The counts, each in its colour, with a link to the page that explains them."""
    if not a.programs:
        return
    counts = status_counts(a.programs)
    total = len(a.programs)
    parts = [f"{colour}[**{counts[s]}** {COUNT_WORDS[s]}]" for s, colour in COLOURS.items()]
    with st.container(border=True, key="program_summary"):
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.markdown(
            f"**{total} program{'s' if total != 1 else ''} on your list:** " + " · ".join(parts)
        )
        right.page_link(
            "app_pages/programs.py", label="Letters per program", icon=":material/school:"
        )
