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
        spec = rows_inside(build(*data).to_dict())
        cache[key] = spec
        while len(cache) > _MAX_SPECS:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    st.vega_lite_chart(spec, width="stretch", alt=alt_text)
    st.caption(caption)


# What a single-view spec keeps at the top when its view becomes a layer.
_TOP_LEVEL = frozenset({"$schema", "config", "autosize", "width", "height", "padding", "title"})


def rows_inside(spec: dict[str, Any]) -> dict[str, Any]:
    """The same chart with its rows inside its layers instead of at the top.

    Streamlit converts rows at the top of a spec (and only those) to Arrow through pandas
    on every run, a few milliseconds a chart even when the spec comes from the cache; rows
    inside a layer travel in the spec as they are.
    """
    data = spec.get("data")
    if not isinstance(data, dict) or "values" not in data:
        return spec
    out = {k: v for k, v in spec.items() if k != "data"}
    if "layer" in out:
        out["layer"] = [{"data": data, **layer} for layer in out["layer"]]
        return out
    view = {k: v for k, v in out.items() if k not in _TOP_LEVEL}
    top = {k: v for k, v in out.items() if k in _TOP_LEVEL}
    return {**top, "layer": [{"data": data, **view}]}


def empty(note: str) -> None:
    """What stands where a chart would, when there is nothing to draw."""
    st.info(note, icon=":material/bar_chart:")
