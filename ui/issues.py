"""Showing a section's validation problems next to its data."""

from __future__ import annotations

import streamlit as st

from lorkit.workspace import Workspace
from ui.text import md_escape


def show(ws: Workspace, section: str, *, what: str) -> None:
    """List the section's problems; rows with problems are kept but left out of results."""
    issues = ws.issues_for(section)
    if not issues:
        return
    rows = {i.index for i in issues}
    lines = "\n".join(f"- {md_escape(str(i))}" for i in issues)
    if section == "applicant":
        intro = "Fix these to see your assessment:"
    else:
        n = len(rows)
        intro = (
            f"{n} {what}{'s' if n != 1 else ''} need{'s' if n == 1 else ''} attention. "
            "They are kept here but left out of the assessment until fixed:"
        )
    st.warning(f"{intro}\n{lines}", icon=":material/error:")


def profile_needed(what: str) -> None:
    """In place of results: say what is missing and link to the Profile page."""
    st.info(f"Choose at least one track and a submission date to {what}.", icon=":material/info:")
    st.page_link("app_pages/profile.py", label="Go to Profile", icon=":material/person:")
