"""Editable tables that never lose an edit.

`st.data_editor` reverts edits when its output is fed back as its input, so each editor is
seeded from the canonical rows once, when it first appears (or when the whole profile is
replaced), and its output is copied to the canonical rows on every run.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st

from lorkit.workspace import next_ids
from ui import state


@dataclass(frozen=True, slots=True)
class TableSpec:
    section: str  # "rotations" or "writers"
    id_prefix: str  # "r" or "w"
    fields: Sequence[str]  # the fields shown in the table, in file order
    dates: frozenset[str]
    flags: frozenset[str]  # booleans
    defaults: Mapping[str, Any]  # values for a freshly added row


def _cell(value: Any) -> Any:
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _to_date(value: Any) -> date | None:
    value = _cell(value)
    if value is None:
        return None
    if isinstance(value, datetime):  # includes pd.Timestamp
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def seed_frame(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    records = []
    for row in rows:
        rec: dict[str, Any] = {}
        for f in spec.fields:
            v = row.get(f)
            if f in spec.dates:
                v = _to_date(v)
            elif f in spec.flags:
                v = bool(v) if v is not None else bool(spec.defaults.get(f, False))
            rec[f] = v
        records.append(rec)
    frame = pd.DataFrame.from_records(records, columns=list(spec.fields))
    for f in spec.fields:
        frame[f] = frame[f].astype(bool) if f in spec.flags else frame[f].astype(object)
    return frame


def rows_from_frame(
    spec: TableSpec,
    frame: pd.DataFrame,
    taken: set[str],
    previous: Sequence[Mapping[str, Any]] = (),
) -> list[dict[str, Any]]:
    """Canonical rows from the editor's output, giving added rows stable fresh ids.

    Fields the table does not show are carried over from the previous row with that id.
    """
    before = {r.get("id"): r for r in previous if isinstance(r.get("id"), str)}
    rows = []
    for rec in frame.to_dict("records"):
        row: dict[str, Any] = {}
        for f in spec.fields:
            v = _cell(rec.get(f))
            if f in spec.dates:
                d = _to_date(v)
                v = d.isoformat() if d else None
            elif f in spec.flags:
                v = bool(v) if v is not None else bool(spec.defaults.get(f, False))
            elif isinstance(v, str):
                v = v.strip() or None
            row[f] = v
        for f, v in before.get(row.get("id"), {}).items():
            row.setdefault(f, v)
        rows.append(row)
    missing = [r for r in rows if not r.get("id")]
    for row, new_id in zip(missing, next_ids(spec.id_prefix, taken, len(missing)), strict=True):
        row["id"] = new_id
    return rows


def edit_rows(
    spec: TableSpec,
    *,
    column_config: Mapping[str, Any],
    column_order: Sequence[str],
    reserved_ids: Collection[str] = (),
) -> list[dict[str, Any]]:
    """Show the editor for one section and store its output; returns the current rows."""
    ss = st.session_state
    key = f"{spec.section}_editor_{state.rev()}"
    seed_key = f"_seed_{spec.section}"
    if key not in ss or seed_key not in ss or ss[seed_key][0] != key:
        rows = state.raw().get(spec.section) or []
        frame = seed_frame(spec, rows)
        taken = {r["id"] for r in rows if isinstance(r.get("id"), str)} | set(reserved_ids)
        ss[seed_key] = (key, frame, taken)
    _, frame, taken = ss[seed_key]
    edited = st.data_editor(
        frame,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        column_config=dict(column_config),
        column_order=list(column_order),
        width="stretch",
    )
    rows = rows_from_frame(spec, edited, taken, state.raw().get(spec.section) or [])
    state.update(spec.section, rows)
    return rows
