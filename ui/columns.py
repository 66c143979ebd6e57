"""Column settings shared by the editable tables: dropdowns show labels, store codes."""

from __future__ import annotations

from typing import Any

import streamlit as st

from lorkit.enums import LabelledEnum
from lorkit.models import EARLIEST, LATEST


def choice(
    label: str, enum: type[LabelledEnum], default: str | None, help: str, width: str = "medium"
) -> Any:
    labels = enum.labels()
    return st.column_config.SelectboxColumn(
        label,
        options=list(labels),
        format_func=lambda code: labels.get(code, str(code)),
        default=default,
        help=help,
        width=width,
    )


def day(label: str, help: str) -> Any:
    return st.column_config.DateColumn(
        label,
        format="YYYY-MM-DD",
        min_value=EARLIEST,
        max_value=LATEST,
        help=help,
        width="small",
    )


def flag(label: str, help: str, default: bool) -> Any:
    return st.column_config.CheckboxColumn(label, help=help, default=default, width="small")


def text(label: str, help: str, max_chars: int, width: str = "medium", pinned: bool = False) -> Any:
    return st.column_config.TextColumn(
        label, help=help, max_chars=max_chars, width=width, pinned=pinned
    )
