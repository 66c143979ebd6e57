"""Start: load a sample, import a file, or start fresh."""

from __future__ import annotations

import streamlit as st

from lorkit.profile_io import ProfileError, profile_from_json, profile_to_dict
from lorkit.samples import SAMPLES, load_sample
from lorkit.workspace import empty_profile
from ui import state
from ui.text import md_escape

UPLOAD_KEY = "import_file"
IMPORT_RESULT = "_import_result"  # (profile_rev, "ok" | "error", file name, error)


def _load_sample(name: str) -> None:
    state.replace(load_sample(name), f"sample:{name}")


def _import() -> None:
    uploaded = st.session_state.get(f"{UPLOAD_KEY}_{state.rev()}")
    if uploaded is None:
        return
    try:
        profile = profile_from_json(uploaded.getvalue())
    except ProfileError as exc:
        st.session_state[IMPORT_RESULT] = (state.rev(), "error", uploaded.name, exc)
        return
    state.replace(profile_to_dict(profile), f"file:{uploaded.name}")
    st.session_state[IMPORT_RESULT] = (state.rev(), "ok", uploaded.name, None)


def _start_fresh() -> None:
    state.replace(empty_profile(state.today()), "fresh")


st.title("Plan your letters of recommendation")
st.markdown(
    "For international medical graduates applying to **US Pediatrics** or "
    "**Medicine-Pediatrics** residency. Enter your clinical experiences and the people who "
    "could write for you; lorkit scores each letter, picks the best set to send (a program "
    "receives at most four), explains every gap and turns it into a dated plan."
)

cur = state.current()
source = st.session_state.get(state.SOURCE)
has_rows = bool(cur.workspace.raw.get("writers") or cur.workspace.raw.get("rotations"))
if has_rows and not (source or "").startswith("sample:"):
    st.info(
        "You are working on your own profile. Loading a sample, importing a file or starting "
        "fresh replaces it: download it from the sidebar first if you want to keep it.",
        icon=":material/info:",
    )

samples_col, import_col, fresh_col = st.columns([5, 4, 3], gap="large")

with samples_col:
    st.subheader("Explore a sample applicant")
    for sample in SAMPLES:
        with st.container(border=True):
            st.markdown(f"**{sample.title}**")
            st.caption(sample.blurb)
            if st.button(
                "Open this sample", key=f"sample_{sample.name}", icon=":material/play_arrow:"
            ):
                _load_sample(sample.name)
                st.switch_page("app_pages/assessment.py")

with import_col:
    st.subheader("Import a profile file")
    st.caption(
        "A `lorkit-profile` JSON file, up to 1 MB, such as one downloaded from the "
        "sidebar or sent by your advisor."
    )
    st.file_uploader(
        "Profile file",
        type=["json"],
        key=f"{UPLOAD_KEY}_{state.rev()}",
        on_change=_import,
        label_visibility="collapsed",
    )
    # A message about an import holds only until the data is replaced again (sample, clear…).
    result = st.session_state.get(IMPORT_RESULT)
    if result is not None and result[0] == state.rev():
        _, status, filename, exc = result
        if status == "ok":
            st.success(f"Imported {md_escape(filename)}.", icon=":material/check:")
            st.page_link(
                "app_pages/assessment.py", label="See the assessment", icon=":material/analytics:"
            )
        else:
            st.error(
                f"{md_escape(filename)} was not imported: {md_escape(exc.summary())}. "
                "Your current data is unchanged.",
                icon=":material/error:",
            )
            if len(exc.problems) > 1:
                with st.expander(f"All {len(exc.problems)} problems"):
                    st.text("\n".join(str(p) for p in exc.problems))

with fresh_col:
    st.subheader("Start fresh")
    st.caption("An empty profile: add your experiences, then your letter writers.")
    if st.button("Start a new profile", icon=":material/add:", key="start_fresh"):
        _start_fresh()
        st.switch_page("app_pages/profile.py")

st.divider()
st.markdown("##### Your privacy")
st.markdown(
    "Nothing you enter is stored on the server. Your profile lives in this browser tab's "
    "session, with a copy in this browser's own storage so that a refresh loses nothing. "
    "**Clear my data** in the sidebar removes both; **Download profile** gives you a file to "
    "keep or to share with an advisor."
)
