"""lorkit: the Streamlit entry point (page config, state, navigation)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import nav, sidebar, state, storage, style

HERE = Path(__file__).resolve().parent
# A favicon shipped with the app: a `:material/…:` icon would be fetched from a font server.
FAVICON = HERE / "ui" / "favicon.png"
# A sideways swipe or overscroll in a wide table must not navigate the browser Back.
# Fixed CSS only: no user text is ever put into it.
STYLE = """<style>
html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
[data-testid="stSidebarContent"], [data-testid="stDataFrame"], .dvn-scroller {
  overscroll-behavior-x: none;
}
</style>"""

st.set_page_config(
    page_title="lorkit · plan your letters of recommendation",
    page_icon=str(FAVICON),
    layout="wide",
    # Expanded on a wide screen, collapsed on a phone.
    initial_sidebar_state="auto",
)
st.html(STYLE)
state.init()
style.inject()  # print style sheet, compact first screen, presenter mode

PAGES = {
    "Get started": [
        st.Page("app_pages/start.py", title="Start", icon=":material/home:", default=True),
    ],
    "Your application": [
        st.Page("app_pages/profile.py", title="Profile", icon=":material/person:"),
        st.Page("app_pages/experiences.py", title="Experiences", icon=":material/local_hospital:"),
        st.Page("app_pages/writers.py", title="Letter writers", icon=":material/edit_note:"),
        st.Page("app_pages/programs.py", title="Programs", icon=":material/school:"),
    ],
    "Results": [
        st.Page("app_pages/assessment.py", title="Assessment", icon=":material/analytics:"),
        st.Page("app_pages/plan.py", title="Plan", icon=":material/event_note:"),
    ],
    "Reference": [
        st.Page("app_pages/method.py", title="Method", icon=":material/menu_book:"),
    ],
}
BY_URL = {p.url_path: p for group in PAGES.values() for p in group}

page = st.navigation(PAGES)
# A page switch a button asked for and that has not happened yet (see ui/nav.py).
target = nav.follow(page.url_path)
if target is not None:
    st.switch_page(BY_URL[target])
# The summary sits at the top of the sidebar but is drawn after the page, so that it shows
# this run's edits; the storage bridge sits at the bottom.
summary = st.sidebar.container()
bridge = st.sidebar.container()
style.arrive(page.url_path)  # a page opened by a button starts at its top
storage.begin()  # the browser's copy and any notice about it, before the page reads the state
page.run()
nav.arrived(page.url_path)
with bridge:
    storage.sync()  # this run's changes, to the browser as early as possible
with summary:
    sidebar.render()
