"""Scenarios on the Assessment page: save named what-ifs and compare them side by side.

A scenario lives in the profile (its "scenarios" list), so it travels with the exported file
and the browser's copy; it never changes the rows it talks about. Everything the section
says comes from `lorkit.scenarios`: each scenario is assessed with the ordinary engine and
compared with the profile as entered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import streamlit as st

from lorkit import charts, fields, wording
from lorkit.assessment import Assessment, assess
from lorkit.enums import ProgramStatus
from lorkit.fields import FieldInfo
from lorkit.models import EARLIEST, LATEST, MAX_SCENARIOS, Profile
from lorkit.scenarios import Comparison, compare_scenarios, explain
from lorkit.workspace import blank_row, complete_row, next_ids, referenced_ids, row_problems
from ui import charts as chart_ui
from ui import state
from ui.text import md_escape

SECTION = "scenarios"
CURRENT = "Profile as entered"
# The Assessment page's what-if box (app_pages/assessment.py keys it by the profile revision).
WHAT_IF_KEY = "whatif_{rev}"
# The planned experience and writer a scenario can add: the questions the entry forms ask.
ROTATION_QUESTIONS = ("institution", "location", "specialty", "kind", "setting", "start", "end")
WRITER_QUESTIONS = ("name", "relationship", "role", "specialty", "status")
WRITER_FLAGS = ("asked_for_strong", "knows_goal", "waived")
NONE = "(no change)"
STATUS_QUESTION = replace(fields.WRITER["status"], question="What if their answer is…")
# A planned experience is still ahead: the entry forms' questions, asked in the future tense.
PLANNED_ROTATION = {
    "institution": "Where will this experience be?",
    "location": "Will it be in the United States?",
    "specialty": "Which service or department will it be?",
    "kind": "What kind of experience will it be?",
    "setting": "Where will most of the work happen?",
    "start": "What will be the first day?",
    "end": "What will be the last day?",
}
PLANNED_WRITER = {
    "name": "Who will write? (a name, or a placeholder)",
    "relationship": "Will they supervise you directly?",
    "role": "What will their role be towards you?",
    "status": "What answer do you assume?",
    "asked_for_strong": "You will ask, in so many words, for a strong letter",
    "knows_goal": "They will know which specialty you are applying to, and why",
    "waived": "You will waive your right to read the letter",
}


def _planned_question(catalogue: Mapping[str, FieldInfo], name: str) -> FieldInfo:
    words = PLANNED_ROTATION if catalogue is fields.ROTATION else PLANNED_WRITER
    info = catalogue[name]
    return replace(info, question=words[name]) if name in words else info


# --- the assessments, computed once per change ----------------------------------------------


def _base(a: Assessment) -> Assessment:
    """The profile as entered (no letters left out), for the same date as `a`."""
    if not a.excluded:
        return a
    key = (state.data_rev(), a.as_of)
    memo = state.session_memo("scenario_base")
    if memo is not None and memo[0] == key:
        return memo[1]
    return state.set_session_memo("scenario_base", (key, assess(a.profile, a.as_of)))[1]


def comparisons(a: Assessment) -> list[Comparison]:
    """Every valid saved scenario against the profile as entered."""
    key = (state.data_rev(), a.as_of)
    memo = state.session_memo("scenario_comparisons")
    if memo is not None and memo[0] == key:
        return memo[1]
    found = compare_scenarios(a.profile, a.as_of, base=_base(a))
    return state.set_session_memo("scenario_comparisons", (key, found))[1]


def explain_what_if(cur: state.Current) -> str | None:
    """What the what-if box changes and why, in plain sentences (None when it leaves nothing
    out)."""
    a = cur.assessment
    if a is None or not a.excluded:
        return None
    key = (state.data_rev(), a.as_of, a.excluded)
    memo = state.session_memo("what_if_words")
    if memo is not None and memo[0] == key:
        return memo[1]
    return state.set_session_memo("what_if_words", (key, explain(_base(a), a)))[1]


def show_what_if(cur: state.Current) -> None:
    """The what-if's explanation, under its box."""
    words = explain_what_if(cur)
    if words:
        st.info(md_escape(words), icon=":material/lightbulb:")


# --- saving and deleting ---------------------------------------------------------------------


def _new_id() -> str:
    taken = {str(s.get("id")) for s in state.rows(SECTION) if isinstance(s, dict)}
    return next_ids("s", taken, 1)[0]


def _room() -> bool:
    if len(state.rows(SECTION)) < MAX_SCENARIOS:
        return True
    st.caption(f"A profile keeps at most {MAX_SCENARIOS} scenarios: delete one to save another.")
    return False


def _store(row: dict[str, Any]) -> list[str]:
    """Save the scenario if the profile accepts it; else the problems, in plain words."""
    row = complete_row(SECTION, row)
    problems = row_problems(state.raw(), SECTION, row)
    if problems:
        return [f"{p.column}: {p.message}" if p.column else p.message for p in problems]
    state.save_row(SECTION, row)
    state.notify("scenario_saved", row["name"])
    return []


def _what_if_name(names: Mapping[str, str], ids: Sequence[str]) -> str:
    shown = [names.get(i, i) for i in ids]
    if len(shown) > 3:
        return f"Without {len(shown)} letters"
    return "Without " + wording.and_list(shown)


def _save_what_if(profile: Profile) -> None:
    """Save the letters the what-if box leaves out as a named scenario."""
    left_out = set(state.excluded())
    excluded = [w.id for w in profile.writers if w.id in left_out]
    if not excluded or not _room():
        return
    same = next(
        (
            sc
            for sc in profile.scenarios
            if set(sc.leave_out) == set(excluded)
            and not (sc.set_status or sc.add_rotations or sc.add_writers)
        ),
        None,
    )
    if same is not None:
        st.caption(f"The what-if above is saved as the scenario {md_escape(same.name)}.")
        return
    names = {w.id: w.name for w in profile.writers}
    key = "scenario_whatif_name_" + "|".join(excluded)
    state.seed_widget(key, _what_if_name(names, excluded))
    with st.container(border=True):
        st.markdown("**Keep this what-if**")
        name = st.text_input("Name it", key=key, max_chars=120)
        if st.button("Save as a scenario", icon=":material/bookmark_add:", key="save_what_if"):
            row = {
                **blank_row(SECTION),
                "id": _new_id(),
                "name": name.strip(),
                "leave_out": excluded,
            }
            problems = _store(row)
            if problems:
                st.error("Not saved:", icon=":material/error:")
                st.text("\n".join(problems))
            else:
                st.rerun()


def _delete(c: Comparison) -> None:
    assert c.scenario is not None
    with st.popover("Delete", icon=":material/delete:"):
        st.text(f"Delete the scenario {c.scenario.name}? Your profile is not changed.")
        if st.button(
            "Yes, delete this scenario", type="primary", key=f"delete_scenario_{c.scenario.id}"
        ):
            state.delete_row(SECTION, c.scenario.id)
            st.rerun()


def _use_as_what_if(c: Comparison) -> None:
    """A scenario that only leaves letters out can be tried in the what-if box."""
    s = c.scenario
    assert s is not None
    if not s.leave_out or s.set_status or s.add_rotations or s.add_writers:
        return

    def use() -> None:
        state.set_excluded(list(s.leave_out))
        state.set_widget(WHAT_IF_KEY.format(rev=state.rev()), list(s.leave_out))

    st.button(
        "Use as the what-if",
        icon=":material/science:",
        key=f"use_scenario_{s.id}",
        on_click=use,
        help="Leave these letters out in the what-if box at the top of the page.",
    )


# --- building a scenario in a form ---------------------------------------------------------


def _key(nonce: int, name: str) -> str:
    return f"scenario_form_{nonce}_{name}"


def _choice(info: FieldInfo, key: str, options: Sequence[str] | None = None) -> Any:
    assert info.choices is not None
    labels = info.choices.labels()
    return st.selectbox(
        info.question,
        list(options or labels),
        index=None,
        format_func=labels.__getitem__,
        placeholder="Choose an answer",
        key=key,
    )


def _ask(info: FieldInfo, key: str) -> Any:
    """One question of the entry forms, with its hint."""
    if info.kind == "choice":
        answer = _choice(info, key)
    elif info.kind == "date":
        answer = st.date_input(
            info.question, value=None, min_value=EARLIEST, max_value=LATEST, key=key
        )
        answer = answer.isoformat() if isinstance(answer, date) else None
    elif info.kind == "flag":
        answer = st.checkbox(info.question, value=info.name == "waived", key=key)
    else:
        answer = (st.text_input(info.question, max_chars=120, key=key) or "").strip() or None
    st.caption(info.hint)
    return answer


def _in_pairs(infos: Sequence[FieldInfo], nonce: int, prefix: str) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for i in range(0, len(infos), 2):
        for col, info in zip(st.columns(2, gap="large"), infos[i : i + 2], strict=False):
            with col:
                answers[info.name] = _ask(info, _key(nonce, f"{prefix}_{info.name}"))
    return answers


def _status_changes(profile: Profile, nonce: int) -> dict[str, str]:
    """Writer → assumed status, one pair of drop-downs per change (a new pair appears when
    the last one is used)."""
    names = {w.id: w.name for w in profile.writers}
    chosen: dict[str, str] = {}
    for i in range(len(names)):
        left, right = st.columns(2, gap="large")
        writer = left.selectbox(
            "Whose answer changes?" if i == 0 else "And whose else?",
            [None, *names],
            format_func=lambda w: NONE if w is None else names[w],
            key=_key(nonce, f"status_writer_{i}"),
        )
        with right:
            status = _choice(STATUS_QUESTION, _key(nonce, f"status_value_{i}"))
        if writer is None:
            break
        if status is not None:
            chosen[writer] = status
    return chosen


def _planned(raw_ids: set[str], scenario_id: str, nonce: int) -> tuple[list[Any], list[Any]]:
    """The planned experience and its writer, as full rows (or nothing when not asked for)."""
    if not st.toggle("Add a planned experience and a writer there", key=_key(nonce, "planned_on")):
        return [], []
    st.markdown("**The planned experience**")
    rot = _in_pairs(
        [_planned_question(fields.ROTATION, n) for n in ROTATION_QUESTIONS], nonce, "rot"
    )
    st.markdown("**The writer who will see your work there**")
    wr = _in_pairs([_planned_question(fields.WRITER, n) for n in WRITER_QUESTIONS], nonce, "wr")
    wr.update(_in_pairs([_planned_question(fields.WRITER, n) for n in WRITER_FLAGS], nonce, "flag"))
    rotation_id = next_ids(f"{scenario_id}-r", raw_ids, 1)[0]
    writer_id = next_ids(f"{scenario_id}-w", raw_ids, 1)[0]
    rotation = complete_row("rotations", {**rot, "id": rotation_id})
    writer = complete_row(
        "writers",
        {**wr, "id": writer_id, "rotation_id": rotation_id, "location": rot.get("location")},
    )
    return [rotation], [writer]


def _planned_problems(rotations: list[Any], writers: list[Any]) -> list[str]:
    """Unanswered or wrong answers about the planned rows, named by their questions."""

    def ask(catalogue: Mapping[str, FieldInfo], name: str) -> str:
        return _planned_question(catalogue, name).question

    out = []
    for row in rotations:
        out += [
            f"{ask(fields.ROTATION, k)} — please answer" for k in ROTATION_QUESTIONS if not row[k]
        ]
        if row["start"] and row["end"] and row["end"] < row["start"]:
            out.append(f"{ask(fields.ROTATION, 'end')} — it ends before it starts")
    for row in writers:
        out += [f"{ask(fields.WRITER, k)} — please answer" for k in WRITER_QUESTIONS if not row[k]]
    return out


def _build_form(profile: Profile) -> None:
    editing = state.editing(SECTION)
    if editing is None:
        if _room():
            st.button(
                "Build a scenario",
                icon=":material/add:",
                key="add_scenario",
                on_click=state.open_form,
                args=(SECTION,),
            )
        return
    nonce = editing.nonce
    scenario_id = _new_id()
    with st.container(border=True):
        st.subheader("Build a scenario", anchor=False)
        name = st.text_input("What do you want to call it?", max_chars=120, key=_key(nonce, "name"))
        st.caption("For example: Add a US internal-medicine sub-internship in March.")
        names = {w.id: w.name for w in profile.writers}
        leave_out = st.multiselect(
            "Leave these letters out",
            list(names),
            format_func=names.__getitem__,
            key=_key(nonce, "leave_out"),
            placeholder="None",
        )
        st.markdown("**Change where a request stands**")
        statuses = _status_changes(profile, nonce)
        rotations, writers = _planned(referenced_ids(state.raw()), scenario_id, nonce)
        notes = st.text_area(
            "Notes (optional)", max_chars=1000, height=68, key=_key(nonce, "notes")
        )
        if editing.problems:
            st.error("Not saved yet. Please answer or correct:", icon=":material/error:")
            st.text("\n".join(str(p) for p in editing.problems))
        save_col, cancel_col = st.columns(2)
        saved = save_col.button(
            "Save scenario",
            type="primary",
            icon=":material/check:",
            width="stretch",
            key="save_scenario",
        )
        cancelled = cancel_col.button("Cancel", width="stretch", key="cancel_scenario")
    if cancelled:
        state.close_form(SECTION)
        st.rerun()
    if not saved:
        return
    row = {
        **blank_row(SECTION),
        "id": scenario_id,
        "name": (name or "").strip(),
        "leave_out": list(leave_out),
        "set_status": statuses,
        "add_rotations": rotations,
        "add_writers": writers,
        "notes": (notes or "").strip() or None,
    }
    problems = ["Name — please answer"] if not row["name"] else []
    problems += _planned_problems(rotations, writers)
    problems = problems or _store(row)
    if problems:
        state.form_failed(SECTION, problems)
    else:
        state.close_form(SECTION)
    st.rerun()


# --- comparing -------------------------------------------------------------------------------


def _signed(before: int, after: int) -> str:
    return f"{after} ({after - before:+d})" if after != before else str(after)


def _track_rows(base: Assessment, found: Sequence[Comparison]) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for i, t in enumerate(base.tracks):
        label = t.rules.short
        changes = [(c, c.tracks[i]) for c in found]
        rows[f"{label}: readiness"] = [
            str(t.readiness),
            *(_signed(ch.readiness_before, ch.readiness_after) for _, ch in changes),
        ]
        rows[f"{label}: verdict"] = [
            t.verdict.label,
            *(c.after.tracks[i].verdict.label for c, _ in changes),
        ]
        rows[f"{label}: letters that join"] = [
            "—",
            *(", ".join(_names(c, ch.entered)) or "none" for c, ch in changes),
        ]
        rows[f"{label}: letters that leave"] = [
            "—",
            *(", ".join(_names(c, ch.left)) or "none" for c, ch in changes),
        ]
    return rows


def _names(c: Comparison, ids: Sequence[str]) -> list[str]:
    names = {w.id: w.name for w in c.after.profile.writers}
    names.update({w.id: w.name for w in c.before.profile.writers})
    return [names.get(i, i) for i in ids]


def _program_rows(base: Assessment, found: Sequence[Comparison]) -> dict[str, list[str]]:
    """Programs covered, then each program whose status moves in some scenario."""
    if not base.programs:
        return {}

    def covered(a: Assessment) -> str:
        n = sum(1 for p in a.programs if p.status == ProgramStatus.COVERED)
        return f"{n} of {len(a.programs)}"

    rows = {"Programs covered": [covered(base), *(covered(c.after) for c in found)]}
    for i, p in enumerate(base.programs):
        moved = any(c.programs[i].status_before != c.programs[i].status_after for c in found)
        if moved:
            rows[f"Program: {p.program.name}"] = [
                p.status.short,
                *(ProgramStatus(c.programs[i].status_after).short for c in found),
            ]
    return rows


def _table(base: Assessment, found: Sequence[Comparison]) -> None:
    """The profile and every scenario side by side, one column each."""
    headers = wording.numbered_repeats(
        [CURRENT, *(c.scenario.name for c in found if c.scenario is not None)]
    )
    rows = {**_track_rows(base, found), **_program_rows(base, found)}
    table: dict[str, list[str]] = {"": list(rows)}
    for j, header in enumerate(headers):
        table[header] = [values[j] for values in rows.values()]
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="scenario_table",
        # the row names stay in view when a phone scrolls the scenarios sideways
        column_config={"": st.column_config.TextColumn("", pinned=True)},
    )


def _chart(base: Assessment, found: Sequence[Comparison]) -> None:
    columns = [(CURRENT, base), *((c.scenario.name, c.after) for c in found if c.scenario)]
    data = charts.scenario_readiness_data(columns)
    _, edges = data
    lines = (
        " Dashed lines mark where "
        + wording.and_list([f"{str(band).lower()} starts ({_float(at):.0f})" for at, band in edges])
        + "."
        if edges
        else ""
    )
    chart_ui.show(
        "scenarios",
        data,
        charts.scenario_readiness_chart,
        alt_text="Readiness per track for the profile as entered and each scenario",
        caption="Readiness per track: the profile as entered first, then each scenario." + lines,
    )


def _float(value: object) -> float:
    return float(value) if isinstance(value, int | float | str) else 0.0


def _scenario_card(c: Comparison) -> None:
    s = c.scenario
    assert s is not None
    with st.container(border=True):
        st.markdown(f"**{md_escape(s.name)}**")
        for sentence in c.sentences:
            st.markdown(md_escape(sentence))
        if s.notes and not state.presenting():
            st.caption(md_escape(s.notes))
        with st.container(horizontal=True):
            _use_as_what_if(c)
            _delete(c)


def _broken() -> None:
    """Saved scenarios the profile cannot use now, with a way to delete each."""
    ws = state.current().workspace
    issues = ws.issues_for(SECTION)
    rows = state.rows(SECTION)
    for index in sorted({i.index for i in issues if i.index is not None}):
        row = rows[index] if index < len(rows) and isinstance(rows[index], dict) else {}
        mine = [str(i) for i in issues if i.index == index]
        with st.container(border=True):
            st.warning(
                "This scenario is set aside until it is fixed or deleted:",
                icon=":material/error:",
            )
            st.text("\n".join(mine))
            if isinstance(row.get("id"), str) and st.button(
                "Delete this scenario", key=f"delete_broken_scenario_{index}"
            ):
                state.delete_row(SECTION, row["id"])
                st.rerun()


def _saved_message() -> None:
    name = state.notice("scenario_saved")
    done = state.last_saved(SECTION)
    if name and done is not None and done[1] == "saved":
        st.success(f"Saved the scenario {md_escape(name)}.", icon=":material/check:")


def render(a: Assessment) -> None:
    """The Scenarios section: save, build, compare, chart and delete named what-ifs."""
    st.header("Scenarios", divider="gray")
    st.caption(
        "Try a what-if and keep it under a name: leave letters out, assume another answer "
        "from a writer, or add a planned experience with a writer there. Scenarios are saved "
        "in your profile file and never change your data."
    )
    _saved_message()
    _save_what_if(a.profile)
    _build_form(a.profile)
    found = comparisons(a)
    _broken()
    if not found:
        st.info("No scenarios saved yet.", icon=":material/info:")
        return
    base = _base(a)
    _table(base, found)
    _chart(base, found)
    for c in found:
        _scenario_card(c)
