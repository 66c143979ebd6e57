"""The canonical, per-session state: the profile as a plain dict, plus what-if choices.

Widgets are views of these keys: they read from them when created and write back through
the functions here, which bump revision counters so that editors re-seed and results are
recomputed only when something changed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
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


def rev() -> int:
    return st.session_state[REV]


def replace(new_raw: dict[str, Any], source: str | None) -> None:
    """Swap in a whole new profile (sample, import, restore, clear)."""
    ss = st.session_state
    ss[PROFILE] = new_raw
    ss[REV] += 1
    ss[DATA_REV] += 1
    ss[EXCLUDED] = []
    ss[SOURCE] = source


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
