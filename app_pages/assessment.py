"""Assessment: the first screen answers (per track the verdict, the letters to send with
their warnings, the top next steps); the what-if, findings, charts and details follow."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import streamlit as st

from lorkit import charts, pdf, registry, rules, wording
from lorkit.assessment import Assessment, TrackAssessment
from lorkit.enums import Severity
from lorkit.findings import Finding
from lorkit.letters import SLOT_LABELS, Letter
from lorkit.report import text_report
from lorkit.workspace import Workspace
from ui import charts as chart_ui
from ui import issues, program_summary, state, style, tables
from ui import next_steps as next_steps_ui
from ui import scenarios as scenarios_ui
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
# How a letter's own warning or error is marked beside it on the first screen.
LETTER_MARKS = {
    Severity.ERROR: ("red", ":material/error:"),
    Severity.WARNING: ("orange", ":material/warning:"),
}
READINESS_HELP = (
    "The recommended set's strength, minus what its unmet requirements cost. See Method."
)


def _pct(multiplier: float) -> str:
    return f"−{(1 - multiplier) * 100:.0f}%"


# --- the first screen ----------------------------------------------------------------------


def _context(ws: Workspace, a: Assessment, names: dict[str, str]) -> None:
    """When the assessment is for, any what-if behind it, and what it leaves out."""
    p = a.profile.applicant
    days = (p.submission_date - a.as_of).days
    when = f"{days} days away" if days >= 0 else f"{-days} days ago"
    line = f"As of {a.as_of:%d %b %Y} · submission {p.submission_date:%d %b %Y} ({when})"
    if a.excluded:
        left_out = ", ".join(md_escape(names.get(w, w)) for w in sorted(a.excluded))
        line += (
            f" · :orange[:material/science: What-if: without {left_out}] "
            "(change it under *What if…* below)"
        )
    st.caption(line)
    skipped = sum(len(v) for v in ws.skipped.values())
    if skipped:
        st.warning(
            f"{skipped} row{'s' if skipped != 1 else ''} with problems "
            f"{'are' if skipped != 1 else 'is'} left out until fixed (see the sidebar).",
            icon=":material/error:",
        )


def letter_concerns(a: Assessment, t: TrackAssessment, x: Letter) -> list[Finding]:
    """The letter's own warnings and errors that matter for this track, errors first."""
    seen: set[str] = set()
    out = []
    for f in a.findings:
        if (
            f.writer_id == x.id
            and f.severity in LETTER_MARKS
            and f.track in (None, t.track)
            and f.program_id is None
            and f.code not in seen
        ):
            seen.add(f.code)
            out.append(f)
    return sorted(out, key=lambda f: f.severity != Severity.ERROR)


def _letter_line(a: Assessment, t: TrackAssessment, i: int, x: Letter) -> str:
    line = f"{i}. {md_escape(x.writer.name)} · {x.writer.status.short}"
    for f in letter_concerns(a, t, x):
        colour, icon = LETTER_MARKS[f.severity]
        title = registry.title(f.code, f.track or t.track)
        line += f"  \n   :{colour}[{icon} {md_escape(title)}]"
    return line


def _verdict(t: TrackAssessment) -> None:
    with st.container(horizontal=True, vertical_alignment="center", key=f"verdict_{t.track}"):
        st.markdown(f"#### {t.rules.label}", anchors=False)
        st.badge(t.verdict.label, icon=VERDICT_ICONS[t.verdict], color=VERDICT_COLOURS[t.verdict])
    st.metric("Readiness", f"{t.readiness}/100", help=READINESS_HELP, width="content")


def requirements_met(t: TrackAssessment) -> str:
    met = sum(r.met for r in t.requirements)
    return f"{met} of {len(t.requirements)} requirements met"


def _letters_to_send(a: Assessment, t: TrackAssessment) -> None:
    heading = f"**Letters to send** ({len(t.selected)}) :gray[· {requirements_met(t)}]"
    if t.selected:
        lines = (_letter_line(a, t, i, x) for i, x in enumerate(t.selected, 1))
        st.markdown(heading + "\n\n" + "\n".join(lines))
    else:
        st.markdown(heading + "\n\nNo usable letters yet.")


def _first_screen(a: Assessment) -> None:
    """Per track, side by side on a wide screen: the verdict and readiness, the letters to
    send (each with its own warnings) and the top next steps."""
    with st.container(key=style.FIRST_SCREEN):
        cols = st.columns(len(a.tracks), gap="medium")
        for col, t in zip(cols, a.tracks, strict=True):
            with col, st.container(border=True, key=f"{style.TRACK_CARD}_{t.track}"):
                _verdict(t)
                _letters_to_send(a, t)
                next_steps_ui.show(a, t.track)


# --- below the first screen ----------------------------------------------------------------


def _what_if(names: dict[str, str]) -> None:
    with st.container(key=style.WHAT_IF):
        _what_if_box(names)


def _what_if_box(names: dict[str, str]) -> None:
    st.header("What if…", divider="gray", anchor="what-if")
    if names:
        key = f"whatif_{state.rev()}"
        state.seed_widget(key, [w for w in state.excluded() if w in names])
        st.multiselect(
            "Leave these letters out",
            options=list(names),
            format_func=names.__getitem__,
            key=key,
            on_change=lambda: state.set_excluded(state.widget(key) or []),
            placeholder="Choose letters to ignore; your data is not changed",
            help="Try the assessment without some letters, e.g. a hesitant writer. They stay "
            "in your data; everything above and below follows the choice.",
        )
    else:
        st.info(
            "Add letter writers to see scores for each letter and the recommended set.",
            icon=":material/info:",
        )
        st.page_link(
            "app_pages/writers.py", label="Go to Letter writers", icon=":material/edit_note:"
        )


def _finding(a: Assessment, f: Finding) -> None:
    title = registry.title(f.code, f.track)
    scope = f"{a.track(f.track).rules.label} · " if f.track else ""
    st.markdown(
        f"**{md_escape(title)}** · {scope}`{f.code}`  \n{md_escape(f.message)}  \n"
        f"*Fix:* {md_escape(f.fix)}"
    )
    st.page_link(
        "app_pages/method.py",
        label=f"Why {f.code} matters",
        query_params={"code": f.code},
        icon=":material/help:",
    )


def _findings(a: Assessment) -> None:
    """Every finding, under a visible heading per severity (none folded away). On paper
    each heading stays with its first finding."""
    groups = [
        (heading, icon, [f for f in a.findings if f.severity == severity])
        for severity, (heading, icon) in SEVERITY_HEADINGS.items()
    ]
    groups = [g for g in groups if g[2]]
    if not groups:
        st.header("Findings", divider="gray", anchor="findings")
        st.success("No findings: nothing to fix or watch.", icon=":material/check:")
    for i, (heading, icon, group) in enumerate(groups):
        with st.container(key=f"{style.KEEP}_findings_{i}"):
            if i == 0:
                st.header("Findings", divider="gray", anchor="findings")
            st.subheader(f"{icon} {heading} ({len(group)})", anchor=False)
            _finding(a, group[0])
        for f in group[1:]:
            _finding(a, f)


def _readiness(a: Assessment) -> None:
    with st.container(key=f"{style.KEEP}_readiness"):
        _readiness_chart(a)


def _readiness_chart(a: Assessment) -> None:
    st.header("Readiness", divider="gray")
    chart_ui.show(
        "readiness",
        (charts.readiness_data(a),),
        charts.readiness_chart,
        alt_text="Readiness per track against the verdict bands",
        caption="Where each track's readiness falls: "
        f"{wording.verdict_caption([t.rules for t in a.tracks])}.",
    )


def _set_table(t: TrackAssessment) -> None:
    tiers = t.rules.relevance_model == "tiers"
    st.table(
        tables.arrow(
            {
                "Writer": [x.writer.name for x in t.selected],
                "Value": [round(x.values[t.track]) for x in t.selected],
                "Tier" if tiers else "Slot": [
                    str(x.tier) if tiers else SLOT_LABELS[x.slot] for x in t.selected
                ],
                "Age at submission": [f"{x.age_years:.1f} y" for x in t.selected],
                "Status": [x.writer.status.label for x in t.selected],
            }
        ),
        hide_index=True,
    )


def _set_and_requirements(a: Assessment, t: TrackAssessment, names: dict[str, str]) -> None:
    left, right = st.columns([3, 2], gap="large")
    with left:
        if t.selected:
            _set_table(t)
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
        next_steps_ui.show_more(a, t.track)


def _track(a: Assessment, t: TrackAssessment, names: dict[str, str], empty_note: str) -> None:
    """One track: the recommended set, what was left out, requirements and its charts."""
    with st.container(key=f"{style.KEEP}_set_{t.track}"):
        st.header(f"{t.rules.label}: the recommended set", divider="gray")
        _set_and_requirements(a, t, names)
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
    with st.container(key=f"{style.KEEP}_recency"):
        _recency_chart(a, empty_note)


def _recency_chart(a: Assessment, empty_note: str) -> None:
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
            tables.arrow(
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
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(
            "Quality starts at 100 and each fact multiplies it; a track's value then weighs "
            "the tier or slot and the letter's age. See Method for every factor."
        )


def _download(a: Assessment) -> None:
    with st.container(key=style.SCREEN_ONLY):
        _downloads(a)


def _downloads(a: Assessment) -> None:
    st.header("Take it with you", divider="gray")
    st.caption(
        "A one-page PDF for the applicant to keep: each track's verdict and the letters to "
        "send, the next steps, the dated actions of the coming weeks and one chart"
        + (", with the what-if above applied" if a.excluded else "")
        + ". It is made when you click."
    )
    steps = next_steps_ui.steps_for(a)
    letter_col, a4_col, text_col = st.columns(3)
    papers: tuple[tuple[Any, pdf.Paper, str], ...] = (
        (letter_col, "letter", "US Letter"),
        (a4_col, "a4", "A4"),
    )
    for col, paper, label in papers:
        with col:
            st.download_button(
                f"One-page PDF ({label})",
                # made on click, not on every rerun: a PDF takes a few tenths of a second
                data=functools.partial(pdf.one_page_pdf, a, steps, paper=paper),
                file_name=pdf.file_name(a, paper),
                mime=pdf.MIME,
                icon=":material/picture_as_pdf:",
                on_click="ignore",
                key=f"pdf_{paper}",
                type="primary" if paper == "letter" else "secondary",
            )
    with text_col:
        st.download_button(
            "Full report (.txt)",
            data=text_report(a, steps),
            file_name="lorkit-report.txt",
            mime="text/plain",
            icon=":material/description:",
            on_click="ignore",
            key="report_txt",
        )


def render() -> None:
    st.title("Assessment")
    cur = state.current()
    ws, a = cur.workspace, cur.assessment
    if a is None:
        issues.profile_needed("see your assessment")
        return
    names = {w.id: w.name for w in a.profile.writers}
    _context(ws, a, names)
    _first_screen(a)
    program_summary.show(a)
    _what_if(names)
    scenarios_ui.show_what_if(cur)
    _findings(a)
    scenarios_ui.render(a)
    empty_note = (
        "Nothing to draw: every letter is left out by the what-if above."
        if a.letters
        else "Nothing to draw yet: add letter writers."
    )
    _readiness(a)
    for t in a.tracks:
        _track(a, t, names, empty_note)
    _recency(a, empty_note)
    _why_each_letter(a)
    _download(a)


render()
