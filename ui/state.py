"""The canonical, per-session state: the profile as a plain dict, plus what-if choices.

Widgets are views of these keys: they read from them when created and write back through
the functions here, which bump revision counters so that editors re-seed and results are
recomputed only when something changed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from dataclasses import replace as replace_fields
from datetime import date
from typing import Any

import streamlit as st

from lorkit.assessment import Assessment, assess
from lorkit.workspace import Workspace, check, empty_profile

PROFILE = "profile"  # the raw lorkit-profile dict being edited
REV = "profile_rev"  # bumped when the whole profile is replaced: editors re-seed
DATA_REV = "data_rev"  # bumped on every change
EXCLUDED = "excluded"  # writer ids left out of consideration (what-if)
AS_OF = "as_of"  # None = today; a date to rehearse the plan
SOURCE = "profile_source"  # where the data came from, for the Start page
PRESENTING = "presenting"  # presenter mode: screen-sharing, private text hidden
_MEMO = "_current"


def today() -> date:
    return date.today()


def init() -> None:
    ss = st.session_state
    if PROFILE not in ss:
        ss[PROFILE] = empty_profile(today())
        ss[REV] = 0
        ss[DATA_REV] = 0
        ss[EXCLUDED] = []
        ss[AS_OF] = None
        ss[SOURCE] = None


def raw() -> dict[str, Any]:
    return st.session_state[PROFILE]


def source() -> str | None:
    """Where the profile came from: 'sample:…', 'file:…', 'fresh', or None."""
    value = st.session_state.get(SOURCE)
    return value if isinstance(value, str) else None


def rev() -> int:
    return st.session_state[REV]


def data_rev() -> int:
    return st.session_state[DATA_REV]


def replace(new_raw: dict[str, Any], source: str | None) -> None:
    """Swap in a whole new profile (sample, import, restore, clear)."""
    ss = st.session_state
    ss[PROFILE] = new_raw
    ss[REV] += 1
    ss[DATA_REV] += 1
    ss[EXCLUDED] = []
    ss[SOURCE] = source
    ss[_EDITING] = {}
    ss[_SAVED] = {}
    ss[_NOTICES] = {}


def update(section: str, value: Any) -> None:
    """Store an edit to one section ('applicant', 'rotations' or 'writers')."""
    ss = st.session_state
    if ss[PROFILE].get(section) == value:
        return
    new = dict(ss[PROFILE])
    new[section] = copy.deepcopy(value)
    ss[PROFILE] = new
    ss[DATA_REV] += 1
    if section == "writers":
        # a what-if choice about a deleted writer must not carry over to a new one
        ids = {w.get("id") for w in value}
        ss[EXCLUDED] = [w for w in ss[EXCLUDED] if w in ids]


def set_excluded(writer_ids: list[str]) -> None:
    st.session_state[EXCLUDED] = list(writer_ids)


def excluded() -> list[str]:
    return st.session_state[EXCLUDED]


def as_of() -> date:
    return st.session_state[AS_OF] or today()


def set_as_of(value: date | None) -> None:
    st.session_state[AS_OF] = None if value == today() else value


def presenting() -> bool:
    """Whether presenter mode is on (for screen-sharing): pages hide notes, e-mail drafts
    and e-mail addresses, and show the key figures larger."""
    return bool(st.session_state.get(PRESENTING, False))


def set_presenting(on: bool) -> None:
    st.session_state[PRESENTING] = bool(on)


def widget(key: str) -> Any:
    """What a widget holds now (None before it first appears)."""
    return st.session_state.get(key)


def set_widget(key: str, value: Any) -> None:
    """Put a value into a widget from a callback (before the widget is drawn again)."""
    st.session_state[key] = value


def session_memo(name: str) -> Any:
    """A value this session keeps for itself (caches that hold the applicant's data)."""
    return st.session_state.get(f"_memo_{name}")


def set_session_memo(name: str, value: Any) -> Any:
    st.session_state[f"_memo_{name}"] = value
    return value


def update_row(section: str, row_id: str, **changes: Any) -> None:
    """Change some fields of one row, found by its id (a plan tick, an edited draft)."""
    row = next(r for r in rows(section) if r.get("id") == row_id)
    save_row(section, {**row, **changes})


def seed_widget(key: str, value: Any) -> None:
    """Give a widget its first value from the canonical data, once: after that the widget's
    own state is the truth until it is removed (feeding values back in reverts edits)."""
    if key not in st.session_state:
        st.session_state[key] = value


# --- rows, one at a time (the entry forms) -------------------------------------------------

_EDITING = "_editing"  # section → Editing: the row a form is open for
_SAVED = "_saved"  # section → (row id, what happened), for the message after a form closes


@dataclass(frozen=True, slots=True)
class Editing:
    row_id: str | None  # None: a new row
    preset: dict[str, Any]  # answers filled in before the form opens (a new writer's experience)
    nonce: int  # part of the form's widget keys, so that every opening starts afresh
    problems: tuple[Any, ...] = ()  # what stopped the last Save


def editing(section: str) -> Editing | None:
    return st.session_state.get(_EDITING, {}).get(section)


def open_form(section: str, row_id: str | None = None, **preset: Any) -> None:
    """Open the entry form for a row (None: a new one)."""
    ss = st.session_state
    forms = dict(ss.get(_EDITING, {}))
    nonce = ss.get("_editing_nonce", 0) + 1
    ss["_editing_nonce"] = nonce
    forms[section] = Editing(row_id, dict(preset), nonce)
    ss[_EDITING] = forms
    ss.get(_SAVED, {}).pop(section, None)


def form_failed(section: str, problems: list[Any]) -> None:
    """Keep the form open and remember why its Save was refused."""
    ss = st.session_state
    current = ss.get(_EDITING, {}).get(section)
    if current is not None:
        ss[_EDITING] = {**ss[_EDITING], section: replace_fields(current, problems=tuple(problems))}


def close_form(section: str) -> None:
    forms = dict(st.session_state.get(_EDITING, {}))
    forms.pop(section, None)
    st.session_state[_EDITING] = forms


def rows(section: str) -> list[dict[str, Any]]:
    return list(raw().get(section) or [])


def row(section: str, row_id: str) -> dict[str, Any] | None:
    return next((r for r in rows(section) if r.get("id") == row_id), None)


def save_row(section: str, new_row: dict[str, Any]) -> None:
    """Store a whole row: replace the row with its id, or add it at the end."""
    current = rows(section)
    for i, old in enumerate(current):
        if old.get("id") == new_row.get("id"):
            current[i] = new_row
            break
    else:
        current.append(new_row)
    update(section, current)
    st.session_state.setdefault(_SAVED, {})[section] = (new_row.get("id"), "saved")


def delete_row(section: str, row_id: str) -> int:
    """Remove a row; writers who saw the work of a deleted experience are unlinked.

    Returns how many writers were unlinked.
    """
    update(section, [r for r in rows(section) if r.get("id") != row_id])
    unlinked = 0
    if section == "rotations":
        writers = rows("writers")
        for i, w in enumerate(writers):
            if w.get("rotation_id") == row_id:
                writers[i] = {**w, "rotation_id": None}
                unlinked += 1
        if unlinked:
            update("writers", writers)
    if section in ("rotations", "writers"):
        _forget_in_scenarios(section, row_id)
    st.session_state.setdefault(_SAVED, {})[section] = (row_id, "deleted")
    return unlinked


def _scenario_without(scenario: Any, section: str, row_id: str) -> Any:
    if not isinstance(scenario, dict):
        return scenario
    if section == "writers":
        leave_out, statuses = scenario.get("leave_out"), scenario.get("set_status")
        return {
            **scenario,
            "leave_out": [w for w in leave_out if w != row_id]
            if isinstance(leave_out, list)
            else leave_out,
            "set_status": {k: v for k, v in statuses.items() if k != row_id}
            if isinstance(statuses, dict)
            else statuses,
        }
    added = scenario.get("add_writers")
    if not isinstance(added, list):
        return scenario
    return {
        **scenario,
        "add_writers": [
            {**w, "rotation_id": None}
            if isinstance(w, dict) and w.get("rotation_id") == row_id
            else w
            for w in added
        ],
    }


def _forget_in_scenarios(section: str, row_id: str) -> None:
    """Saved scenarios stop pointing at a deleted row, so they never block the profile: a
    deleted writer leaves their letters-left-out and status lists, and a planned writer at a
    deleted experience is unlinked from it."""
    scenarios = rows("scenarios")
    kept = [_scenario_without(s, section, row_id) for s in scenarios]
    if kept != scenarios:
        update("scenarios", kept)


_NOTICES = "_notices"  # what an action wants to say on the next run, by topic


def notify(topic: str, value: Any) -> None:
    """Remember a message for the next run; it lasts until the profile is replaced."""
    st.session_state[_NOTICES] = {**st.session_state.get(_NOTICES, {}), topic: value}


def notice(topic: str) -> Any:
    return st.session_state.get(_NOTICES, {}).get(topic)


def last_saved(section: str) -> tuple[str | None, str] | None:
    """The row the last form saved or deleted in this section, until another form opens."""
    return st.session_state.get(_SAVED, {}).get(section)


@dataclass(frozen=True, slots=True)
class Current:
    workspace: Workspace
    assessment: Assessment | None


def current() -> Current:
    """The checked workspace and its assessment, recomputed only when inputs changed."""
    ss = st.session_state
    key = (ss[DATA_REV], tuple(ss[EXCLUDED]), as_of())
    memo = ss.get(_MEMO)
    if memo is not None and memo[0] == key:
        return memo[1]
    ws = check(ss[PROFILE])
    result = None
    if ws.profile is not None:
        result = assess(ws.profile, as_of(), excluded=set(ss[EXCLUDED]))
    value = Current(ws, result)
    ss[_MEMO] = (key, value)
    return value
