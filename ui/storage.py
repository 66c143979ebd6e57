"""Keeping a copy of the profile in the browser (localStorage), never on the server.

A browser refresh starts a new Streamlit session with empty state. On the first run of a
session this bridge asks the browser for its stored copy and, if the user has not started
on something else meanwhile, restores it. From then on every change is written back.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from lorkit.workspace import normalise
from ui import state

STORAGE_KEY = "lorkit.profile.v1"

_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  if (!data) return;
  const KEY = "__KEY__";
  let store = null;
  try { store = window.localStorage; } catch (err) { store = null; }
  if (data.op === "load") {
    let value = null;
    try { value = store ? store.getItem(KEY) : null; } catch (err) { value = null; }
    setStateValue("loaded", { value: value, available: store !== null });
  } else if (store && data.op === "save") {
    try { store.setItem(KEY, data.value); } catch (err) { /* quota or privacy mode */ }
  } else if (store && data.op === "clear") {
    try { store.removeItem(KEY); } catch (err) { /* nothing stored */ }
  }
}
""".replace("__KEY__", STORAGE_KEY)

_bridge = st.components.v2.component("lorkit_storage", js=_JS)

_PHASE = "_storage_phase"  # "loading" until the browser has answered, then "ready"
_CLEARED_AT = "_storage_cleared_at"  # DATA_REV right after "clear my data"
_RESTORED = "_storage_restored"  # set when this session took the browser's copy


def _restore(loaded: Any) -> None:
    if not isinstance(loaded, dict):
        return
    text = loaded.get("value")
    # Only restore into an untouched session: a sample or import chosen meanwhile wins.
    if not isinstance(text, str) or st.session_state[state.DATA_REV] != 0:
        return
    try:
        stored = json.loads(text)
    except (ValueError, RecursionError):
        return
    if not isinstance(stored, dict):
        return
    data = stored.get("profile")
    source = stored.get("source")
    if isinstance(data, dict) and data.get("format") == "lorkit-profile":
        state.replace(normalise(data, state.today()), source if isinstance(source, str) else None)
        st.session_state[_RESTORED] = True


def forget() -> None:
    """Ask the browser to drop its copy (after 'clear my data')."""
    st.session_state[_CLEARED_AT] = st.session_state[state.DATA_REV]


def restore() -> bool:
    """Before the page runs: until the browser has answered, ask it for its copy.

    Returns whether the bridge was mounted in this run.
    """
    ss = st.session_state
    if ss.get(_PHASE, "loading") != "loading":
        return False
    result = _bridge(key="lorkit_storage", data={"op": "load"}, on_loaded_change=lambda: None)
    loaded = getattr(result, "loaded", None)
    if loaded is not None:  # None: no answer yet, or not a browser (tests)
        ss[_PHASE] = "ready"
        _restore(loaded)
        if ss[state.DATA_REV] != 0 and ss.get(_RESTORED) is None:
            st.rerun()  # the user loaded something before the browser answered: store it
    return True


def save() -> None:
    """After the page has run: write the profile, as it now is, to the browser."""
    ss = st.session_state
    if ss.get(_PHASE) != "ready":
        return
    if ss[state.DATA_REV] == 0:
        payload: dict[str, Any] = {"op": "idle"}  # nothing entered yet: store nothing
    elif ss.get(_CLEARED_AT) == ss[state.DATA_REV]:
        payload = {"op": "clear"}
    else:
        stored = {"profile": state.raw(), "source": ss.get(state.SOURCE)}
        payload = {"op": "save", "value": json.dumps(stored, ensure_ascii=False)}
    _bridge(key="lorkit_storage", data=payload, on_loaded_change=lambda: None)
