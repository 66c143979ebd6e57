"""lorkit: the Streamlit entry point (page config, state, navigation)."""

from __future__ import annotations

import streamlit as st

from ui import sidebar, state, storage

st.set_page_config(
    page_title="lorkit · plan your letters of recommendation",
    page_icon=":material/mail:",
    layout="wide",
    initial_sidebar_state="expanded",
)
state.init()

PAGES = {
    "Get started": [
        st.Page("app_pages/start.py", title="Start", icon=":material/home:", default=True),
    ],
    "Your application": [
        st.Page("app_pages/profile.py", title="Profile", icon=":material/person:"),
        st.Page("app_pages/experiences.py", title="Experiences", icon=":material/local_hospital:"),
        st.Page("app_pages/writers.py", title="Letter writers", icon=":material/edit_note:"),
    ],
    "Results": [
        st.Page("app_pages/assessment.py", title="Assessment", icon=":material/analytics:"),
        st.Page("app_pages/plan.py", title="Plan", icon=":material/event_note:"),
    ],
    "Reference": [
        st.Page("app_pages/method.py", title="Method", icon=":material/menu_book:"),
    ],
}

page = st.navigation(PAGES)
# The summary sits at the top of the sidebar but is drawn after the page, so that it shows
# this run's edits; the storage bridge sits at the bottom.
summary = st.sidebar.container()
bridge = st.sidebar.container()
with bridge:
    mounted = storage.restore()  # the browser's copy, before anything reads the state
page.run()
with summary:
    sidebar.render()
if not mounted:
    with bridge:
        storage.save()
