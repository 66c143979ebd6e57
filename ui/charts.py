"""Drawing lorkit charts, caching each finished spec in the session for unchanged data."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import state

_CACHE = "chart_specs"
_MAX_SPECS = 24  # a handful per page; old ones fall out


def show(
    name: str,
    data: tuple[Any, ...],
    build: Callable[..., Any],
    *,
    alt_text: str,
    caption: str,
) -> None:
    """Draw `build(*data)` with a one-line caption saying what to look for; the spec is
    rebuilt only when `data` changes.

    The cache lives in this session's state, never in a cache shared between visitors.
    """
    cache: OrderedDict[tuple[str, Any], dict[str, Any]] | None = state.session_memo(_CACHE)
    if cache is None:
        cache = state.set_session_memo(_CACHE, OrderedDict())
    key = (name, data)
    spec = cache.get(key)
    if spec is None:
        spec = build(*data).to_dict()
        cache[key] = spec
        while len(cache) > _MAX_SPECS:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    st.vega_lite_chart(spec, width="stretch", alt=alt_text)
    st.caption(caption)


def empty(note: str) -> None:
    """What stands where a chart would, when there is nothing to draw."""
    st.info(note, icon=":material/bar_chart:")
