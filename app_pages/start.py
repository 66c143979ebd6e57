"""Start: load a sample, import a file, or start fresh."""

from __future__ import annotations

import streamlit as st

from lorkit.profile_io import MAX_BYTES, ProfileError, profile_from_json, profile_to_dict
from lorkit.samples import SAMPLES, load_sample, shift_to_next_season
from lorkit.workspace import empty_profile, screen_place
from ui import nav, state
from ui.text import md_escape

UPLOAD_KEY = "import_file"
IMPORT_RESULT = "_import_result"  # (profile_rev, "ok" | "error", file name, error)


# Buttons act in callbacks, so the data changes before the page runs; the page switch they
# ask for is made by app.py, again if another rerun lands on Start first (see ui/nav.py).


def _load_sample(name: str) -> None:
    # A sample reads as the coming season whenever it is opened; the file keeps its dates.
    state.replace(shift_to_next_season(load_sample(name), state.today()), f"sample:{name}")
    nav.go("", "assessment")


def _screen_lines(exc: ProfileError) -> list[str]:
    """The problems named the way the app's pages name rows and fields."""
    lines = [
        f"{screen_place(p.where)}: {p.message}" if p.where else p.message for p in exc.problems
    ]
    return lines + exc.lines()[len(exc.problems) :]


def _screen_summary(exc: ProfileError) -> str:
    first = _screen_lines(exc)[0] if exc.problems else exc.summary()
    more = exc.total - 1
    return f"{first} (and {more:,} more problem{'s' if more > 1 else ''})" if more > 0 else first


def _import() -> None:
    uploaded = state.widget(f"{UPLOAD_KEY}_{state.rev()}")
    if uploaded is None:
        return
    try:
        profile = profile_from_json(uploaded.getvalue())
    except ProfileError as exc:
        state.notify(IMPORT_RESULT, (state.rev(), "error", uploaded.name, exc))
        return
    state.replace(profile_to_dict(profile), f"file:{uploaded.name}")
    state.notify(IMPORT_RESULT, (state.rev(), "ok", uploaded.name, None))


def _start_fresh() -> None:
    state.replace(empty_profile(state.today()), "fresh")
    nav.go("", "profile")


st.title("Plan your letters of recommendation")
st.markdown(
    "For international medical graduates applying to **US Pediatrics** or "
    "**Medicine-Pediatrics** residency. Enter your clinical experiences and the people who "
    "could write for you; lorkit scores each letter, picks the best set to send (a program "
    "receives at most four), explains every gap and turns it into a dated plan."
)

cur = state.current()
source = state.source()
has_rows = bool(cur.workspace.raw.get("writers") or cur.workspace.raw.get("rotations"))
result = state.notice(IMPORT_RESULT)
just_imported = result is not None and result[0] == state.rev() and result[1] == "ok"
if has_rows and not (source or "").startswith("sample:") and not just_imported:
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
            st.button(
                "Open this sample",
                key=f"sample_{sample.name}",
                icon=":material/play_arrow:",
                on_click=_load_sample,
                args=(sample.name,),
            )

with import_col:
    st.subheader("Import a profile file")
    st.caption(
        f"A `lorkit-profile` JSON file, up to {MAX_BYTES // 1_048_576} MB, such as one "
        "downloaded from the sidebar or sent by your advisor."
    )
    st.file_uploader(
        "Profile file",
        type=["json"],
        key=f"{UPLOAD_KEY}_{state.rev()}",
        on_change=_import,
        label_visibility="collapsed",
    )
    # A message about an import holds only until the data is replaced again (sample, clear…).
    if result is not None and result[0] == state.rev():
        _, status, filename, exc = result
        if status == "ok":
            st.success(f"Imported {md_escape(filename)}.", icon=":material/check:")
            st.page_link(
                "app_pages/assessment.py", label="See the assessment", icon=":material/analytics:"
            )
        else:
            st.error(
                f"{md_escape(filename)} was not imported: {md_escape(_screen_summary(exc))}. "
                "Your current data is unchanged.",
                icon=":material/error:",
            )
            if exc.total > 1:
                with st.expander(f"All {exc.total} problems"):
                    st.text("\n".join(_screen_lines(exc)))

with fresh_col:
    st.subheader("Start fresh")
    st.caption("An empty profile: add your experiences, then your letter writers.")
    st.button(
        "Start a new profile", icon=":material/add:", key="start_fresh", on_click=_start_fresh
    )

st.divider()
st.markdown("##### Your privacy")
st.markdown(
    "Nothing you enter is stored on the server. Your profile lives in this browser tab's "
    "session, with a copy in this browser's own storage so that a refresh loses nothing. "
    "**Clear my data** in the sidebar removes both; **Download profile** gives you a file to "
    "keep or to share with an advisor."
)
