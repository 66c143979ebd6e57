"""Plan: what to do next, week by week, for each writer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from lorkit import charts, registry
from lorkit.actions import (
    Action,
    ActionState,
    build_actions,
    packet_items,
    packet_notes,
    pipeline_counts,
)
from lorkit.assessment import Assessment
from lorkit.calendar_export import calendar_bytes
from lorkit.emails import draft, drafts_for, relevant_kinds
from lorkit.enums import LabelledEnum, Severity, Status, Step
from lorkit.models import EARLIEST, LATEST, Writer
from ui import charts as chart_ui
from ui import issues, presenter, state
from ui.clipboard import copy_button
from ui.text import md_escape

PLAN_CODES = registry.tagged("plan")  # the findings about dates
STATE_COLOURS = {  # text colour per state; the state is also written out
    ActionState.OVERDUE.label: "color: #D55E00; font-weight: 600",
    ActionState.DUE.label: "color: #B07800; font-weight: 600",
    ActionState.UPCOMING.label: "color: #555555",
    ActionState.DONE.label: "color: #009E73",
}


def _set_as_of() -> None:
    chosen = state.widget(f"plan_as_of_{state.rev()}")
    state.set_as_of(chosen if isinstance(chosen, date) else None)


def _back_to_today() -> None:
    state.set_as_of(None)
    state.set_widget(f"plan_as_of_{state.rev()}", state.today())


def _writer_row(writer_id: str) -> dict[str, Any]:
    row = state.row("writers", writer_id)
    if row is None:
        raise KeyError(writer_id)
    return row


def _toggle(writer_id: str, field: str, code: str, key: str) -> None:
    row = _writer_row(writer_id)
    ticked = [c for c in row.get(field) or [] if c != code]
    if state.widget(key):
        ticked.append(code)
    state.update_row("writers", writer_id, **{field: ticked})


def _tick_boxes(
    writer_id: str, field: str, prefix: str, items: Sequence[LabelledEnum], ticked: list[Any]
) -> None:
    """One checkbox per item, seeded from the writer's saved ticks, saving every change."""
    for item in items:
        key = f"{prefix}_{state.rev()}_{writer_id}_{item.value}"
        state.seed_widget(key, item in ticked)
        st.checkbox(
            item.label, key=key, on_change=_toggle, args=(writer_id, field, item.value, key)
        )


def _save_draft(writer_id: str, kind: str, key: str, original: str) -> None:
    saved = dict(_writer_row(writer_id).get("drafts") or {})
    text = state.widget(key) or ""
    if text.strip() == original.strip():
        saved.pop(kind, None)  # back to lorkit's draft: keep following the profile
    else:
        saved[kind] = text
    state.update_row("writers", writer_id, drafts=saved)


def _reset_draft(writer_id: str, kind: str, key: str, original: str) -> None:
    saved = {k: v for k, v in (_writer_row(writer_id).get("drafts") or {}).items() if k != kind}
    state.update_row("writers", writer_id, drafts=saved)
    state.set_widget(key, original)


def _as_of(a: Assessment) -> None:
    """The date the plan is drawn for, and how far away submission is."""
    submission = a.profile.applicant.submission_date
    as_of_key = f"plan_as_of_{state.rev()}"
    state.seed_widget(as_of_key, state.as_of())
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    with left:
        st.date_input(
            "Plan as of",
            key=as_of_key,
            on_change=_set_as_of,
            min_value=EARLIEST,
            max_value=LATEST,
            format="YYYY-MM-DD",
            help="Rehearse: see what would be due, overdue or done on another day.",
        )
    with right:
        if state.as_of() != state.today():
            st.button("Back to today", on_click=_back_to_today, icon=":material/today:")
    days = (submission - a.as_of).days
    st.caption(
        f"Submission {submission:%d %b %Y}: "
        + (f"{days} days to go." if days >= 0 else f"{-days} days ago.")
    )


def _counts_and_timing(a: Assessment, actions: list[Action]) -> None:
    counts = {s: sum(1 for x in actions if x.state == s) for s in ActionState}
    cols = st.columns(4)
    for col, s in zip(
        cols,
        (ActionState.OVERDUE, ActionState.DUE, ActionState.UPCOMING, ActionState.DONE),
        strict=True,
    ):
        col.metric(s.label, counts[s])

    timing = [f for f in a.findings if f.code in PLAN_CODES]
    for f in timing:
        show = (
            st.error
            if f.severity == Severity.ERROR
            else (st.warning if f.severity == Severity.WARNING else st.info)
        )
        show(f"{md_escape(f.message)} {md_escape(f.fix)}", icon=":material/schedule:")


def _actions_table(a: Assessment, actions: list[Action], names: dict[str, str]) -> None:
    statuses = {w.id: w.status for w in a.profile.writers}
    st.header("Actions by date", divider="gray")
    show_done = st.toggle("Show done actions", value=False, key="plan_show_done")
    listed = [x for x in actions if show_done or x.state != ActionState.DONE]
    if listed:
        table = pd.DataFrame(
            {
                "State": [x.state.label for x in listed],
                "From": [x.start for x in listed],
                "Until": [x.end for x in listed],
                "Action": [x.kind.label for x in listed],
                "Writer": [names.get(x.writer_id or "", "") for x in listed],
                "Writer status": [
                    statuses[x.writer_id].label if x.writer_id else "" for x in listed
                ],
                "In a recommended set": [x.in_set for x in listed],
                **({"Assign to": [", ".join(x.programs) for x in listed]} if a.programs else {}),
            }
        )
        st.dataframe(
            table.style.map(lambda v: STATE_COLOURS.get(v, ""), subset=["State"]),
            hide_index=True,
            width="stretch",
            column_config={
                "From": st.column_config.DateColumn(format="D MMM YYYY"),
                "Until": st.column_config.DateColumn(format="D MMM YYYY"),
                # the writer's name must never be cut: the action is about them
                "Writer": st.column_config.TextColumn(width="medium", pinned=True),
                "In a recommended set": st.column_config.CheckboxColumn("In a set"),
            },
        )
    else:
        st.success("Everything is done.", icon=":material/check:")
    st.download_button(
        "Add every date to your calendar (.ics)",
        data=calendar_bytes(a, actions),
        file_name="lorkit-plan.ics",
        mime="text/calendar",
        icon=":material/event:",
        on_click="ignore",
        key="download_ics",
    )


def _timeline(a: Assessment, actions: list[Action]) -> None:
    st.header("Timeline", divider="gray")
    chart_ui.show(
        "timeline",
        charts.timeline_data(a, actions, state.today()),
        charts.timeline_chart,
        alt_text="Timeline of experiences, ask windows, packets and reminders",
        caption="Each writer's steps over time (faded once done), the experiences still "
        "relevant, and dashed lines for today and your submission date.",
    )


def _progress(a: Assessment) -> None:
    st.header("Progress", divider="gray")
    pipe_counts = pipeline_counts(a.profile)
    c1, c2 = st.columns([3, 2], gap="large")
    with c1:
        if a.profile.writers:
            chart_ui.show(
                "pipeline",
                (charts.pipeline_data(pipe_counts),),
                charts.pipeline_chart,
                alt_text="Writers at each stage",
                caption="Writers at each stage, from candidate to uploaded; hesitant and "
                "declined writers are set apart.",
            )
        else:
            chart_ui.empty("Nothing to draw yet: add letter writers.")
    with c2:
        recommended = {x.id for t in a.tracks for x in t.selected}
        done = sum(
            1 for w in a.profile.writers if w.id in recommended and w.status == Status.UPLOADED
        )
        st.metric(
            "Recommended letters uploaded",
            f"{done} of {len(recommended)}",
            help="Letters in any recommended set that are already in ERAS.",
        )
        st.caption(
            f"{pipe_counts[Status.UPLOADED]} uploaded in all, "
            f"{pipe_counts[Status.AGREED_STRONG]} agreed, "
            f"{pipe_counts[Status.ASKED]} waiting for an answer."
        )


def _writer_sections(a: Assessment, names: dict[str, str]) -> None:
    """One writer at a time: the packet, the steps done and the e-mail drafts."""
    st.header("Packet and e-mails", divider="gray")
    writers = [w for w in a.profile.writers if w.status != Status.DECLINED]
    if not writers:
        st.info("Add letter writers to prepare their packets and e-mails.", icon=":material/info:")
    else:
        chosen_id = st.selectbox(
            "Writer",
            options=[w.id for w in writers],
            format_func=names.__getitem__,
            key=f"plan_writer_{state.rev()}",
        )
        writer = next(w for w in writers if w.id == chosen_id)
        packet_col, steps_col = st.columns(2, gap="large")
        with packet_col:
            st.markdown("**Packet checklist**")
            _tick_boxes(writer.id, "packet", "packet", packet_items(a.profile), writer.packet)
            notes = packet_notes(writer)
            if notes:
                st.markdown("\n".join(f"- {md_escape(n.label)}" for n in notes))
                st.caption(
                    "For a writer outside the US; the packet cover note below includes the "
                    "outline. (Not saved as a tick.)"
                )
        with steps_col:
            st.markdown("**Steps done**")
            st.caption(
                f"Status: {writer.status.label}. Asking is tracked by the status on "
                "the Letter writers page."
            )
            _tick_boxes(writer.id, "steps_done", "step", list(Step), writer.steps_done)

        _drafts(a, writer)


def _drafts(a: Assessment, writer: Writer) -> None:
    st.markdown("**E-mail drafts**")
    if state.presenting():
        presenter.hidden("E-mail drafts")
        return
    st.caption(
        "Written from your profile; edit them here (your edits are saved with your "
        "data), then copy or download."
    )
    kinds = relevant_kinds(a.profile, writer, a.as_of)
    texts = drafts_for(a.profile, writer, a.as_of)
    if not kinds:
        st.info(
            "No e-mail to send now: the letter is in ERAS. Assign it to your programs.",
            icon=":material/mark_email_read:",
        )
    tabs = st.tabs([k.label for k in kinds]) if kinds else []
    for tab, kind in zip(tabs, kinds, strict=True):
        with tab:
            original = draft(a.profile, writer, kind, a.as_of).text
            key = f"draft_{state.rev()}_{writer.id}_{kind.value}"
            state.seed_widget(key, texts[kind])
            st.text_area(
                kind.label,
                key=key,
                height=320,
                label_visibility="collapsed",
                on_change=_save_draft,
                args=(writer.id, kind.value, key, original),
            )
            text = state.widget(key) or ""
            b1, b2, b3 = st.columns([1, 2, 2], vertical_alignment="center")
            with b1:
                copy_button(text, key=f"copy_{writer.id}_{kind.value}")
            with b2:
                st.download_button(
                    "Download (.txt)",
                    data=text,
                    file_name=f"lorkit-{kind.value}-{writer.id}.txt",
                    mime="text/plain",
                    on_click="ignore",
                    key=f"dl_{writer.id}_{kind.value}",
                    icon=":material/download:",
                )
            with b3:
                if kind in writer.drafts:
                    st.button(
                        "Go back to lorkit's draft",
                        key=f"reset_{writer.id}_{kind.value}",
                        on_click=_reset_draft,
                        args=(writer.id, kind.value, key, original),
                        icon=":material/undo:",
                    )


def render() -> None:
    st.title("Plan")
    a = state.current().assessment
    if a is None:
        issues.profile_needed("build your plan")
        return
    _as_of(a)
    actions = build_actions(a)
    names = {w.id: w.name for w in a.profile.writers}
    _counts_and_timing(a, actions)
    _actions_table(a, actions, names)
    _timeline(a, actions)
    _progress(a)
    _writer_sections(a, names)


render()
