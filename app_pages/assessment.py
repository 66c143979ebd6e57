"""Assessment: verdicts, the recommended letters, findings and charts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from lorkit import charts, registry, rules, wording
from lorkit.assessment import Assessment, TrackAssessment
from lorkit.enums import Severity
from lorkit.letters import SLOT_LABELS
from lorkit.report import text_report
from lorkit.workspace import Workspace
from ui import charts as chart_ui
from ui import issues, state
from ui import next_steps as next_steps_ui
from ui.sidebar import VERDICT_COLOURS, VERDICT_ICONS
from ui.text import md_escape

MET = ":green[:material/check_circle:]"
UNMET = ":red[:material/cancel:]"
# The chart of each relevance model: title, data, builder, alt text, caption ({track}: the
# track's short name).
RELEVANCE_CHARTS: dict[
    str, tuple[str, Callable[..., tuple[Any, ...]], Callable[..., Any], str, str]
] = {
    "tiers": (
        "{track} tier ladder",
        lambda a, track: (charts.tier_data(a, track),),
        charts.tier_chart,
        "Letters per {track} tier",
        "How many of your letters sit on each rung, 1 strongest; aim for the top three rungs.",
    ),
    "slots": (
        "{track} slots",
        charts.slot_data,
        charts.slot_chart,
        "Letters per {track} slot",
        "Letters per department slot; ticks mark the minimum the {track} rules ask for.",
    ),
}
SEVERITY_HEADINGS = {
    Severity.ERROR: ("Must fix", ":material/error:"),
    Severity.WARNING: ("Should fix", ":material/warning:"),
    Severity.INFO: ("Worth knowing", ":material/info:"),
}


def _pct(multiplier: float) -> str:
    return f"−{(1 - multiplier) * 100:.0f}%"


def _context(ws: Workspace, a: Assessment) -> None:
    """When the assessment is for, and what it leaves out."""
    p = a.profile.applicant
    days = (p.submission_date - a.as_of).days
    when = f"{days} days away" if days >= 0 else f"{-days} days ago"
    st.caption(f"As of {a.as_of:%d %b %Y} · submission {p.submission_date:%d %b %Y} ({when})")
    skipped = sum(len(v) for v in ws.skipped.values())
    if skipped:
        st.warning(
            f"{skipped} row{'s' if skipped != 1 else ''} with problems "
            f"{'are' if skipped != 1 else 'is'} left out until fixed (see the sidebar).",
            icon=":material/error:",
        )


def _what_if(names: dict[str, str]) -> None:
    if names:
        key = f"whatif_{state.rev()}"
        state.seed_widget(key, [w for w in state.excluded() if w in names])
        st.multiselect(
            "What if… leave these letters out",
            options=list(names),
            format_func=names.__getitem__,
            key=key,
            on_change=lambda: state.set_excluded(state.widget(key) or []),
            placeholder="Choose letters to ignore; your data is not changed",
            help="Try the assessment without some letters, e.g. a hesitant writer. They stay "
            "in your data.",
        )
    else:
        st.info(
            "Add letter writers to see scores for each letter and the recommended set.",
            icon=":material/info:",
        )
        st.page_link(
            "app_pages/writers.py", label="Go to Letter writers", icon=":material/edit_note:"
        )


def _verdicts(a: Assessment) -> None:
    # --- verdicts ------------------------------------------------------------------------
    cols = st.columns(len(a.tracks))
    for col, t in zip(cols, a.tracks, strict=True):
        with col, st.container(border=True):
            st.markdown(f"**{t.rules.label}**")
            met = sum(r.met for r in t.requirements)
            st.metric(
                "Readiness",
                f"{t.readiness}/100",
                help="The recommended set's strength, minus what its unmet "
                "requirements cost. See Method.",
            )
            st.badge(
                t.verdict.label, icon=VERDICT_ICONS[t.verdict], color=VERDICT_COLOURS[t.verdict]
            )
            st.caption(
                f"{met} of {len(t.requirements)} requirements met · "
                f"{len(t.selected)} letters recommended"
            )
            next_steps_ui.show(a, t.track)
    chart_ui.show(
        "readiness",
        (charts.readiness_data(a),),
        charts.readiness_chart,
        alt_text="Readiness per track against the verdict bands",
        caption="Where each track's readiness falls: "
        f"{wording.verdict_caption([t.rules for t in a.tracks])}.",
    )


def _track(a: Assessment, t: TrackAssessment, names: dict[str, str], empty_note: str) -> None:
    """One track: the recommended set, what was left out, requirements and its charts."""
    st.header(f"{t.rules.label}: the recommended set", divider="gray")
    left, right = st.columns([3, 2], gap="large")
    with left:
        if t.selected:
            tiers = t.rules.relevance_model == "tiers"
            st.dataframe(
                {
                    "Writer": [x.writer.name for x in t.selected],
                    "Value": [round(x.values[t.track]) for x in t.selected],
                    "Tier" if tiers else "Slot": [
                        str(x.tier) if tiers else SLOT_LABELS[x.slot] for x in t.selected
                    ],
                    "Age at submission": [f"{x.age_years:.1f} y" for x in t.selected],
                    "Status": [x.writer.status.label for x in t.selected],
                },
                hide_index=True,
                width="stretch",
            )
        else:
            st.info("No usable letters yet.", icon=":material/info:")
        if t.left_out:
            st.markdown("**Left out**")
            st.markdown(
                "\n".join(
                    f"- {md_escape(names[w])}: {md_escape(reason)}"
                    for w, reason in t.left_out.items()
                )
            )
    with right:
        st.markdown("**Requirements**")
        st.markdown(
            "\n".join(
                f"- {MET if r.met else UNMET} "
                f"{md_escape(r.requirement.label)}: have {r.have}, need {r.need}"
                for r in t.requirements
            )
        )
    c1, c2 = st.columns(2, gap="large")
    with c1:
        st.markdown("**Coverage of the set**")
        if t.selected:
            chart_ui.show(
                "coverage",
                charts.coverage_data(a, t.track),
                charts.coverage_chart,
                alt_text=f"{t.rules.label}: letters by department and location",
                caption="Bars count the recommended letters by department, split US / "
                "outside the US; ticks mark the minimum each department needs. A "
                "Med-Peds letter counts for both departments.",
            )
        else:
            chart_ui.empty("Nothing to draw yet: the set is empty.")
    with c2:
        title, data, build, alt_text, caption = RELEVANCE_CHARTS[t.rules.relevance_model]
        st.markdown(f"**{title.format(track=t.rules.short)}**")
        if a.considered:
            chart_ui.show(
                t.rules.relevance_model,
                data(a, t.track),
                build,
                alt_text=alt_text.format(track=t.rules.short),
                caption=caption.format(track=t.rules.short),
            )
        else:
            chart_ui.empty(empty_note)


def _recency(a: Assessment, empty_note: str) -> None:
    # --- recency ---------------------------------------------------------------------------
    st.header("Letter ages", divider="gray")
    recency_rows = charts.recency_data(a)
    if recency_rows:
        chart_ui.show(
            "recency",
            (recency_rows,),
            charts.recency_chart,
            alt_text="Each letter's age at submission against the age bands",
            caption="Each letter's age on your submission date. "
            f"{wording.recency_caption(rules.book())} Letters not yet written are dated "
            "from the end of the experience, or from today.",
        )
    else:
        chart_ui.empty(empty_note)


def _why_each_letter(a: Assessment) -> None:
    with st.expander("Why each letter scores what it does", icon=":material/calculate:"):
        st.dataframe(
            {
                "Writer": [x.writer.name for x in a.considered],
                "Status": [x.writer.status.label for x in a.considered],
                "Quality": [round(x.quality) for x in a.considered],
                **{
                    f"{t.rules.label} value": [round(x.values[t.track]) for x in a.considered]
                    for t in a.tracks
                },
                "Age at submission": [x.age_band.label for x in a.considered],
                "What costs quality": [
                    "; ".join(
                        f"{f.label} ({_pct(f.multiplier)})"
                        for f in x.quality_factors
                        if f.multiplier < 1
                    )
                    or "nothing"
                    for x in a.considered
                ],
            },
            hide_index=True,
            width="stretch",
        )
        st.caption(
            "Quality starts at 100 and each fact multiplies it; a track's value then weighs "
            "the tier or slot and the letter's age. See Method for every factor."
        )


def _findings(a: Assessment) -> None:
    # --- findings --------------------------------------------------------------------------
    st.header("Findings", divider="gray")
    if not a.findings:
        st.success("No findings: nothing to fix or watch.", icon=":material/check:")
    for severity, (heading, icon) in SEVERITY_HEADINGS.items():
        group = [f for f in a.findings if f.severity == severity]
        if not group:
            continue
        with st.expander(
            f"{heading} ({len(group)})", icon=icon, expanded=severity != Severity.INFO
        ):
            for f in group:
                title = registry.title(f.code, f.track)
                scope = f"{a.track(f.track).rules.label} · " if f.track else ""
                st.markdown(
                    f"**{title}** · {scope}`{f.code}`  \n{md_escape(f.message)}  \n"
                    f"*Fix:* {md_escape(f.fix)}"
                )
                st.page_link(
                    "app_pages/method.py",
                    label=f"Why {f.code} matters",
                    query_params={"code": f.code},
                    icon=":material/help:",
                )


def _download(a: Assessment) -> None:
    st.divider()
    st.download_button(
        "Download a one-page summary (.txt)",
        data=text_report(a, next_steps_ui.steps_for(a)),
        file_name="lorkit-summary.txt",
        mime="text/plain",
        icon=":material/print:",
        on_click="ignore",
    )


def render() -> None:
    st.title("Assessment")
    cur = state.current()
    ws, a = cur.workspace, cur.assessment
    if a is None:
        issues.profile_needed("see your assessment")
        return
    _context(ws, a)
    names = {w.id: w.name for w in a.profile.writers}
    _what_if(names)
    empty_note = (
        "Nothing to draw: every letter is left out by the what-if above."
        if a.letters
        else "Nothing to draw yet: add letter writers."
    )
    _verdicts(a)
    for t in a.tracks:
        _track(a, t, names, empty_note)
    _recency(a, empty_note)
    _why_each_letter(a)
    _findings(a)
    _download(a)


render()
