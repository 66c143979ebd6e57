"""The sidebar on every page: where the applicant stands, and their data controls."""

from __future__ import annotations

import re
from typing import Literal

import streamlit as st

from lorkit import rules
from lorkit.assessment import Assessment
from lorkit.enums import ProgramStatus, Verdict
from lorkit.profile_io import ProfileError, profile_to_json
from lorkit.programs import COUNT_WORDS, status_counts
from lorkit.workspace import Workspace, empty_profile, export_profile
from ui import presenter, state, storage
from ui import programs as programs_ui
from ui.text import md_escape

BadgeColour = Literal["red", "orange", "yellow", "blue", "green", "violet", "gray", "primary"]
VERDICT_COLOURS: dict[Verdict, BadgeColour] = {
    Verdict.READY: "green",
    Verdict.NEARLY_READY: "blue",
    Verdict.AT_RISK: "orange",
    Verdict.NOT_READY: "red",
}
VERDICT_ICONS = {
    Verdict.READY: ":material/check_circle:",
    Verdict.NEARLY_READY: ":material/trending_up:",
    Verdict.AT_RISK: ":material/warning:",
    Verdict.NOT_READY: ":material/block:",
}
ISSUE_PAGES = {
    "applicant": ("app_pages/profile.py", "Profile"),
    "rotations": ("app_pages/experiences.py", "Experiences"),
    "writers": ("app_pages/writers.py", "Letter writers"),
    "programs": ("app_pages/programs.py", "Programs"),
}


def export_filename(name: str | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")[:40]
    return f"lorkit-profile-{slug or 'applicant'}.json"


def _clear() -> None:
    state.replace(empty_profile(state.today()), None)
    storage.forget()


def render() -> None:
    """Draw the summary into the current container (the top of the sidebar)."""
    cur = state.current()
    ws, result = cur.workspace, cur.assessment
    name = (ws.raw.get("applicant") or {}).get("name")
    writers = ws.raw.get("writers") or []
    st.markdown(f"**{md_escape(name)}**" if name else "**Your application**")
    if result is None:
        st.caption("Choose a track and a submission date on the Profile page to see results.")
    elif not writers:
        st.caption("Add your experiences and letter writers to see where you stand.")
    else:
        st.caption(
            f"{len(writers)} letter writer{'s' if len(writers) != 1 else ''} · "
            f"submission {result.profile.applicant.submission_date:%d %b %Y}"
        )
        for t in result.tracks:
            label = rules.track(t.track).label
            st.markdown(label)
            cols = st.columns([2, 3], vertical_alignment="center")
            cols[0].markdown(f"**{t.readiness}**/100")
            cols[1].badge(
                t.verdict.label, icon=VERDICT_ICONS[t.verdict], color=VERDICT_COLOURS[t.verdict]
            )
            st.progress(t.readiness / 100)
            chosen = len(t.selected)
            st.caption(f"{chosen} letter{'s' if chosen != 1 else ''} in the recommended set")
        _programs(result)
    if state.excluded():
        n = len(state.excluded())
        st.caption(
            f":material/science: What-if: {n} letter{'s' if n != 1 else ''} left out "
            "(Assessment page)"
        )
    if state.as_of() != state.today():
        st.caption(f":material/event: Rehearsing as of {state.as_of():%d %b %Y}")
    sections = {i.section for i in ws.issues}
    if ws.issues:
        st.warning(
            f"{len(ws.issues)} problem{'s' if len(ws.issues) != 1 else ''} to fix before export",
            icon=":material/error:",
        )
        for section in ISSUE_PAGES:
            if section in sections:
                path, title = ISSUE_PAGES[section]
                st.page_link(path, label=f"Fix on {title}", icon=":material/edit:")
    st.divider()
    presenter.toggle()
    _data_controls(ws)


def _programs(result: Assessment) -> None:
    """How the programs on the list stand, when there are any."""
    if not result.programs:
        return
    counts = status_counts(result.programs)
    n = len(result.programs)
    st.markdown(f"Programs ({n})")
    st.caption(
        " · ".join(
            f"{programs_ui.STATUS_ICONS[s]} {counts[s]} {COUNT_WORDS[s]}" for s in ProgramStatus
        )
    )


_EXPORT = "sidebar_export"  # (data revision, (file text, file name) or None)


def _export(ws: Workspace) -> tuple[str, str] | None:
    """The profile file and its name, or None while rows have problems; worked out once
    per data revision (it takes longer than the rest of the sidebar)."""
    memo = state.session_memo(_EXPORT)
    if memo is not None and memo[0] == state.data_rev():
        return memo[1]
    try:
        profile = export_profile(ws)
    except ProfileError:
        value = None
    else:
        value = (profile_to_json(profile), export_filename(profile.applicant.name))
    state.set_session_memo(_EXPORT, (state.data_rev(), value))
    return value


def _data_controls(ws: Workspace) -> None:
    exported = _export(ws)
    if exported is None:
        st.download_button(
            "Download profile (.json)",
            data="",
            disabled=True,
            icon=":material/download:",
            width="stretch",
            help="Fix the problems listed above first.",
        )
    else:
        st.download_button(
            "Download profile (.json)",
            data=exported[0],
            file_name=exported[1],
            mime="application/json",
            icon=":material/download:",
            on_click="ignore",
            width="stretch",
            key="download_profile",
        )
    with st.popover("Clear my data", icon=":material/delete:", width="stretch"):
        st.write(
            "This removes the profile from this session and from this browser's storage. "
            "Download it first if you want to keep it."
        )
        st.button("Clear everything", type="primary", key="confirm_clear", on_click=_clear)
    st.caption("Your data stays in this browser. The server keeps nothing.")
