"""Small tables for the pages, built as Arrow tables.

Streamlit sends every table to the browser as Arrow: handing it a dict or a pandas frame
costs a conversion through pandas on every run (several milliseconds a table), an Arrow
table almost nothing. Cells stay plain values, never Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]  # Streamlit's own dependency


def arrow(columns: Mapping[str, Sequence[Any]]) -> Any:
    """The columns (name → values, all the same length) as an Arrow table."""
    return pa.table({name: list(values) for name, values in columns.items()})
