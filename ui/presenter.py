"""Presenter mode, for an advisor sharing the screen with an applicant or a class.

While it is on, every page keeps to what the session is about: notes, e-mail drafts and
e-mail addresses stay hidden (the data is unchanged; turning the mode off shows them
again), and the key figures are drawn larger (`ui.style.PRESENTING`).
"""

from __future__ import annotations

import re

import streamlit as st

from ui import state

KEY = "presenter_mode"  # the sidebar toggle (CSS class st-key-presenter_mode)
# An e-mail address anywhere in a piece of text: something@domain.tld
EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"'.]{2,}")
EMAIL_HIDDEN = "(e-mail hidden)"


def _changed() -> None:
    state.set_presenting(bool(state.widget(KEY)))


def toggle() -> None:
    """The switch in the sidebar."""
    state.seed_widget(KEY, state.presenting())
    st.toggle(
        "Presenter mode",
        key=KEY,
        on_change=_changed,
        help="For sharing your screen: hides notes, e-mail drafts and e-mail addresses, "
        "and shows readiness and verdicts larger. Your data does not change.",
    )


def redact(text: str) -> str:
    """The text with any e-mail address blanked out while presenting (as is otherwise)."""
    return EMAIL.sub(EMAIL_HIDDEN, text) if state.presenting() else text


def hidden(what: str) -> None:
    """Stands where private text would be while presenting."""
    st.caption(
        f":material/visibility_off: {what}: hidden in presenter mode. Switch it off in "
        "the sidebar to show them."
    )
