"""Profile: who is applying, to what, and when."""

from __future__ import annotations

from datetime import date

import streamlit as st

from lorkit import rules
from lorkit.enums import CareerFocus, Visa
from lorkit.models import EARLIEST, LATEST
from lorkit.workspace import complete_row
from ui import issues, state

st.title("Profile")
st.caption(
    "Who is applying, to which track, and when. The submission date drives letter ages "
    "and every date in the plan."
)

current = state.raw().get("applicant") or {}
rev = state.rev()


def _key(name: str) -> str:
    return f"applicant_{name}_{rev}"


def _seed(name: str, value: object) -> str:
    key = _key(name)
    state.seed_widget(key, value)
    return key


def _as_date(value: object) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


track_labels = {t.id: t.label for t in rules.tracks().values()}
focus_labels = CareerFocus.labels()
visa_labels = Visa.labels()

left, right = st.columns(2, gap="large")
with left:
    name = st.text_input(
        "Name (optional)",
        key=_seed("name", current.get("name") or ""),
        max_chars=120,
        help="Shown on your exported files and e-mail drafts.",
    )
    tracks = st.multiselect(
        "Tracks you are applying to",
        options=list(track_labels),
        format_func=track_labels.__getitem__,
        key=_seed("tracks", [t for t in current.get("tracks") or [] if t in track_labels]),
        help="Choose one or both. Each track is scored with its own rules.",
    )
    submission = st.date_input(
        "Planned ERAS submission date",
        key=_seed("submission_date", _as_date(current.get("submission_date"))),
        min_value=EARLIEST,
        max_value=LATEST,
        format="YYYY-MM-DD",
        help="Programs start reviewing applications in late September.",
    )
with right:
    grad_year = st.number_input(
        "Medical school graduation year (optional)",
        key=_seed(
            "graduation_year",
            current.get("graduation_year")
            if isinstance(current.get("graduation_year"), int)
            else None,
        ),
        min_value=1950,
        max_value=2100,
        step=1,
        placeholder="e.g. 2024",
    )
    needs_visa = st.toggle(
        "I will need visa sponsorship",
        key=_seed("needs_visa", current.get("needs_visa") is not False),
    )
    visa = st.radio(
        "Which visa can you train on?",
        options=list(visa_labels),
        format_func=visa_labels.__getitem__,
        key=_seed("visa", current.get("visa") if current.get("visa") in visa_labels else "either"),
        horizontal=True,
        disabled=not needs_visa,
        help="Programs sponsor different visas; some sponsor only J-1. Only read when you "
        "need sponsorship.",
    )
    focus = st.multiselect(
        "Career focus (optional)",
        options=list(focus_labels),
        format_func=focus_labels.__getitem__,
        key=_seed(
            "career_focus", [c for c in current.get("career_focus") or [] if c in focus_labels]
        ),
        help="lorkit checks that your recommended letters come from settings that support it.",
    )

answers = {
    **current,  # fields this page does not ask about keep their values
    "name": name.strip() or None,
    "tracks": tracks,
    "submission_date": submission.isoformat() if submission else None,
    "graduation_year": int(grad_year) if grad_year is not None else None,
    "needs_visa": bool(needs_visa),
    "visa": visa,
    "career_focus": focus,
}
# Looking at the page changes nothing: a field absent from the file is at its default.
if complete_row("applicant", answers) != complete_row("applicant", current):
    state.update("applicant", answers)

ws = state.current().workspace
issues.show(ws, "applicant", what="field")
if ws.profile is not None and not ws.raw.get("rotations"):
    st.info("Next: list the experiences where people saw your work.", icon=":material/east:")
    st.page_link(
        "app_pages/experiences.py", label="Go to Experiences", icon=":material/local_hospital:"
    )
