"""Keeping a copy of the profile in the browser (localStorage), never on the server.

A browser refresh starts a new Streamlit session with empty state, so the app keeps a copy
of the profile in the browser and restores it. The rules:

* **One bridge per run.** `sync()` draws the bridge component once, at the end of the run,
  with everything the browser should do: answer a load request, write a new copy. Its
  operations carry counters, so the browser does each at most once, however often the same
  instructions arrive.
* **Restore races nothing.** The browser answers the first run's load request with a
  *trigger* (sent once, never stored in the session), and only once the app is idle and
  the visitor has not just clicked or typed: Streamlit drops a click whose run is cut short
  by another message, so the bridge never sends one across a click. The answer is taken by
  a callback, before the page runs, and fills only a session whose data revision is still
  0: whatever the visitor chose before the answer (a sample, an import, a first edit) wins,
  and a saved profile that would be lost by that is not overwritten without asking. A lost
  answer is asked for again.
* **A stored copy is untrusted input.** Its size is checked before it is parsed (the
  browser refuses to send more than the limit at all), it is parsed with the file reader's
  limits, rebuilt by `workspace.restore_profile`, and checked before it is used. Whatever
  was wrong is said in plain, short words; what can be kept is kept, the rest can be
  discarded, and the sidebar's Download and Clear stay available.
* **Tabs never overwrite each other.** The browser writes a new copy only while the stored
  text is still the one this session's data is based on: the answer the server took (each
  answer has a serial, echoed back as `took`) or this tab's last write (compare-and-set).
  When another tab has written or cleared it (the `storage` event, or a failed
  compare-and-set), this tab stops saving and asks: load the other tab's version, or keep
  this one. A tab with nothing of its own simply loads the other tab's copy.
* **Clear is final.** "Clear my data" removes the stored copy whatever is there; a tab still
  holding the old profile cannot write it back without the user choosing to.
* **No edit is lost to a reload.** The copy is written in the same run as the edit, as soon
  as the page has run. Until then (a run is going, or a click or key press has not been
  answered by a finished run yet), and while this tab holds changes it could not save, the
  browser asks before leaving the page (`beforeunload`).
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from lorkit.profile_io import MAX_BYTES, ProfileError, read_json, size_limit_text
from lorkit.workspace import check, empty_profile, export_profile, restore_profile
from ui import state
from ui.text import md_escape

STORAGE_KEY = "lorkit.profile.v1"
COMPONENT_KEY = "lorkit_storage"
NOTE_CHARS = 200  # the longest line a notice shows
NOTES_SHOWN = 5  # lines a notice lists; the rest are counted
SOURCE_CHARS = 300  # a stored "source" longer than this is dropped

_JS = """
const KEY = "__KEY__";
const QUIET_MS = 300;  // after the visitor's last click or key press
const PENDING_MS = 2000;  // the longest a click or key press is taken to await its run
let store = null;
try { store = window.localStorage; } catch (err) { store = null; }

// One record per page load, kept on window so that a remounted bridge finds it again.
const tab = (window.__lorkitStorage ??= {
  seen: undefined,  // the stored text the session's data is based on (null: none)
  wanted: 0,        // the load request to answer
  sent: 0,          // the load request last answered
  serial: 0,        // answers sent
  texts: new Map(), // the text each recent answer carried, by serial
  took: 0,          // the answer the server last took
  limit: 0,
  written: 0,       // the last write done (or refused)
  events: 0,        // changes seen from other tabs (and refused writes)
  kind: null,       // what the last of them was, while not yet reported
  hold: false,      // this tab holds changes it could not save
  lastInput: 0,     // when the visitor last clicked or pressed a key
  lastCall: 0,      // when a finished run last reached the bridge
  timer: null,
  api: null,        // the bridge's latest instance
  listening: false,
});

function read() {
  try { return store ? store.getItem(KEY) : null; } catch (err) { return null; }
}

function busy() {
  const app = document.querySelector('[data-testid="stApp"]');
  const run = app ? app.getAttribute("data-test-script-state") : null;
  return run === "running" || run === "rerunRequested";
}

// Messages to the server wait until the app is idle and the visitor has not just clicked
// or typed: a message that crossed a click on its way could make the server drop the click.
function schedule() {
  if (tab.timer !== null) return;
  tab.timer = setTimeout(function tick() {
    if (busy() || performance.now() - tab.lastInput < QUIET_MS) {
      tab.timer = setTimeout(tick, 50);
      return;
    }
    tab.timer = null;
    flush();
  }, 0);
}

function flush() {
  if (!tab.api) return;
  if (tab.wanted > tab.sent) {
    tab.sent = tab.wanted;
    const text = read();
    tab.serial += 1;
    tab.texts.set(tab.serial, text);  // the base once the server says it took this one
    for (const old of tab.texts.keys()) if (old < tab.serial - 3) tab.texts.delete(old);
    const out = { req: tab.sent, serial: tab.serial, available: store !== null, value: null };
    out.bytes = 0;
    out.tooLarge = false;
    if (text !== null) {
      // Never send more than the limit to the server: count the UTF-8 bytes first.
      out.bytes = text.length > tab.limit ? text.length : new TextEncoder().encode(text).length;
      if (out.bytes > tab.limit) out.tooLarge = true; else out.value = text;
    }
    tab.api.setTriggerValue("loaded", out);
  } else if (tab.kind !== null) {
    tab.api.setStateValue("changed", { n: tab.events, kind: tab.kind });
    tab.kind = null;
  }
  if (tab.wanted > tab.sent || tab.kind !== null) schedule();
}

function tell(kind) {
  tab.events += 1;
  tab.kind = kind;
  schedule();
}

function write(w) {
  if (!store) return;
  const now = read();
  if (!w.force && (tab.seen === undefined || now !== tab.seen)) {
    tell(now === null ? "cleared" : "changed");  // another tab wrote: keep its copy
    return;
  }
  try {
    if (w.value === null) store.removeItem(KEY); else store.setItem(KEY, w.value);
    tab.seen = w.value;
  } catch (err) {
    tell("failed");  // quota exceeded or storage blocked
  }
}

function onStorage(event) {
  if (event.key !== null && event.key !== KEY) return;
  if (tab.seen === undefined) return;  // not loaded yet: the answer will carry the latest
  const now = read();
  if (now !== tab.seen) tell(now === null ? "cleared" : "changed");
}

function onInput() { tab.lastInput = performance.now(); }

function onKey(event) {
  // Not the browser's own keys (F5, Ctrl+R…): those are the reload itself.
  if (event.ctrlKey || event.metaKey || event.altKey || /^F[0-9]+$/.test(event.key)) return;
  onInput();
}

// A change may not be stored yet while a run is going, or just after a click or key press
// that no finished run has answered yet (the app may not show "running" at once).
function unsaved() {
  const pending = tab.lastInput > tab.lastCall && performance.now() - tab.lastInput < PENDING_MS;
  return tab.hold || busy() || pending;
}

function onLeave(event) {
  if (unsaved()) {
    event.preventDefault();
    event.returnValue = "";  // the browser asks "Leave site? Changes may not be saved."
  }
}

export default function (component) {
  tab.api = component;
  tab.lastCall = performance.now();
  if (!tab.listening) {
    window.addEventListener("storage", onStorage);
    window.addEventListener("beforeunload", onLeave);
    window.addEventListener("pointerdown", onInput, true);
    window.addEventListener("keydown", onKey, true);
    tab.listening = true;
  }
  const data = component.data;
  if (!data) return;
  tab.hold = Boolean(data.hold);
  tab.limit = data.limit;
  if (data.took > tab.took && tab.texts.has(data.took)) {
    tab.took = data.took;
    tab.seen = tab.texts.get(data.took);
    const now = read();  // another tab may have written since this answer was sent
    if (now !== tab.seen) tell(now === null ? "cleared" : "changed");
  }
  if (data.write && data.write.seq > tab.written) {
    tab.written = data.write.seq;
    write(data.write);
  }
  // A load request the server has not had an answer to: answer it (again, if an answer
  // was lost), once the app is quiet.
  if (data.load > data.ack) {
    tab.wanted = data.load;
    tab.sent = Math.min(tab.sent, data.ack);
    schedule();
  }
}
""".replace("__KEY__", STORAGE_KEY)

_bridge = st.components.v2.component("lorkit_storage", js=_JS)

_BOOK = "_storage"  # the bridge's bookkeeping, one dict per session


def _book() -> dict[str, Any]:
    ss = st.session_state
    if _BOOK not in ss:
        ss[_BOOK] = {
            "load": 1,  # load requests made (the first run asks at once)
            "ack": 0,  # load answers taken
            "forced": 0,  # a load request whose answer replaces the data even if not pristine
            "events": 0,  # the browser's change reports taken
            "seq": 0,  # writes asked for
            "write": None,  # the latest write: {"seq", "value" (text or None), "force"}
            "stored_rev": 0,  # the data revision the stored copy matches
            "cleared_rev": None,  # the data revision right after "clear my data"
            "conflict": None,  # None or {"kind": "changed" | "cleared" | "earlier", ...}
            "notice": None,  # None or {"kind", "title", "lines", "discard"}
            "took": 0,  # the serial of the browser's answer last taken (the stored copy's base)
            "nonce": 0,
            "too_large": False,  # the profile is over the limit, so it is not stored
        }
    return ss[_BOOK]


def _blank() -> bool:
    """The session has nothing of the visitor's own: never chose anything (no data change,
    no entry form open), or just cleared and nothing since."""
    book = _book()
    rev = state.data_rev()
    untouched = rev == 0 or rev == book["cleared_rev"]
    return untouched and not any(state.editing(s) for s in ("rotations", "writers"))


def _short(text: str) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= NOTE_CHARS else flat[: NOTE_CHARS - 1] + "…"


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 104_858 else f"{size:,} bytes"


def _too_large(size: int) -> str:
    return f"it is {_mb(size)}; the limit is {size_limit_text()}"


def _set_notice(
    kind: str, title: str, lines: list[str] | None = None, *, discard: bool = False
) -> None:
    _book()["notice"] = {
        "kind": kind,
        "title": title,
        "lines": [_short(x) for x in lines or []],
        "discard": discard,
    }


# --- what the browser says -----------------------------------------------------------------


def _has_content(raw: dict[str, Any]) -> bool:
    applicant = raw.get("applicant") or {}
    return bool(raw.get("rotations") or raw.get("writers") or applicant.get("name"))


def _read(value: str) -> tuple[dict[str, Any] | None, str | None, list[str]]:
    """The stored text as (profile, source, notes); profile None when it cannot be used,
    with the reason as the only note."""
    # Measured here, whatever the browser said: at least one byte a character.
    size = len(value) if len(value) > MAX_BYTES else len(value.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        return None, None, [_too_large(size)]
    try:
        stored = read_json(value)
    except ProfileError as exc:
        return None, None, [exc.summary()]
    if isinstance(stored, dict) and isinstance(stored.get("profile"), dict):
        data, source = stored["profile"], stored.get("source")
    elif isinstance(stored, dict) and stored.get("format") == "lorkit-profile":
        data, source = stored, None
    else:
        return None, None, ["it does not hold a lorkit profile"]
    if data.get("format") != "lorkit-profile":
        return None, None, ["it does not hold a lorkit profile"]
    restored, notes = restore_profile(data, state.today())
    try:  # whatever is restored must not break a page: the same checks every page runs
        ws = check(restored)
        if ws.complete:
            export_profile(ws)
    except ProfileError:
        pass  # problems the pages list next to the rows
    except Exception:  # a flaw nothing else catches: set the copy aside rather than break
        return None, None, ["its contents could not be checked"]
    if not isinstance(source, str) or len(source) > SOURCE_CHARS:
        source = None
    return restored, source, notes


def _count(value: Any) -> int | None:
    """A counter the browser sent: a whole number (not a boolean), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _new_answer(answer: Any) -> dict[str, Any] | None:
    """The answer if it answers a request not answered yet (and marks it answered)."""
    book = _book()
    if not isinstance(answer, dict):
        return None
    req = _count(answer.get("req"))
    if req is None or not book["ack"] < req <= book["load"]:
        return None
    book["ack"] = req
    serial = _count(answer.get("serial"))
    if serial is not None:
        book["took"] = serial  # what this session now builds on: the browser compares to it
    return answer


def _take_answer(answer: Any) -> None:
    """Apply the browser's answer to a load request, once."""
    book = _book()
    answer = _new_answer(answer)
    if answer is None:
        return
    forced = answer["req"] == book["forced"]
    if forced:
        book["forced"] = 0
        book["conflict"] = None
    if answer.get("available") is False:
        _set_notice(
            "unavailable",
            "This browser does not let the app keep a copy of your profile, so a refresh "
            "will lose it. Download it from the sidebar to keep it.",
        )
        return
    value = answer.get("value")
    if value is None and not answer.get("tooLarge"):  # nothing stored
        if forced:  # the other tab cleared: clear this one too
            state.replace(empty_profile(state.today()), None)
            book["cleared_rev"] = book["stored_rev"] = state.data_rev()
        return
    if answer.get("tooLarge") or not isinstance(value, str):
        size = _count(answer.get("bytes"))
        profile, source, notes = None, None, [_too_large(size or MAX_BYTES + 1)]
    else:
        profile, source, notes = _read(value)
    if profile is None:
        _set_notice(
            "unreadable",
            "The copy of your profile saved in this browser could not be opened, so it was "
            "not loaded. Anything you enter now replaces it.",
            [f"The reason: {notes[0]}."] if notes else [],
            discard=True,
        )
    elif forced or _blank():
        _restore(profile, source, notes)
    elif _has_content(profile) and profile != state.raw():
        # The visitor chose something before the answer came: keep it, but do not
        # overwrite a saved profile without asking.
        book["conflict"] = {"kind": "earlier"}


def _restore(profile: dict[str, Any], source: str | None, notes: list[str]) -> None:
    state.replace(profile, source)
    # A repaired copy is written back, so that its notes do not come back on every reload.
    _book()["stored_rev"] = state.data_rev() if not notes else -1
    if notes:
        _set_notice(
            "repaired",
            "Your profile was restored from this browser's copy, with these changes:",
            notes,
            discard=True,
        )


def _take_event(event: Any) -> None:
    """Apply the browser's report of a change made elsewhere (or a refused write), once."""
    book = _book()
    if not isinstance(event, dict):
        return
    n = _count(event.get("n"))
    if n is None or n <= book["events"]:
        return
    book["events"] = n
    kind = event.get("kind")
    if kind == "failed":
        _set_notice(
            "failed",
            "This browser refused to keep a copy of your profile (its storage may be full "
            "or blocked). Your changes stay in this tab only: download your profile from "
            "the sidebar to keep it.",
        )
        return
    if book["ack"] < 1:
        return  # the first answer, still to come, carries the latest copy
    if _blank() and book["conflict"] is None:
        # Nothing here to lose: show the other tab's copy (unless the visitor chooses
        # something before it comes).
        _request_load(forced=False)
        return
    if book["conflict"] is not None and book["conflict"].get("loading"):
        return  # the other tab's latest copy is on its way
    book["conflict"] = {"kind": "cleared" if kind == "cleared" else "changed"}


def _component_value() -> dict[str, Any]:
    value = st.session_state.get(COMPONENT_KEY)
    return value if isinstance(value, dict) else {}


def _on_loaded() -> None:
    _take_answer(_component_value().get("loaded"))


def _on_changed() -> None:
    _take_event(_component_value().get("changed"))


# --- what the visitor chooses --------------------------------------------------------------


def _request_load(*, forced: bool) -> None:
    book = _book()
    book["load"] += 1
    if forced:
        book["forced"] = book["load"]


def _load_other() -> None:
    book = _book()
    _request_load(forced=True)
    if book["conflict"] is not None:
        book["conflict"] = {**book["conflict"], "loading": True}


def _keep_mine() -> None:
    book = _book()
    book["conflict"] = None
    _write(force=True)


def _discard() -> None:
    """Remove the stored copy; the session starts empty."""
    state.replace(empty_profile(state.today()), None)
    forget()


def _dismiss() -> None:
    _book()["notice"] = None


def _write(*, force: bool = False) -> None:
    """Ask the browser to store the profile as it now is."""
    book = _book()
    book["stored_rev"] = state.data_rev()
    text = json.dumps(
        {"profile": state.raw(), "source": st.session_state.get(state.SOURCE)},
        ensure_ascii=False,
    )
    book["too_large"] = len(text.encode("utf-8")) > MAX_BYTES
    if book["too_large"]:
        return  # said next to the Download button, while it lasts
    book["seq"] += 1
    book["write"] = {"seq": book["seq"], "value": text, "force": force}


def forget() -> None:
    """After 'clear my data': remove the browser's copy, whatever another tab stored."""
    book = _book()
    book["seq"] += 1
    book["write"] = {"seq": book["seq"], "value": None, "force": True}
    book["cleared_rev"] = book["stored_rev"] = state.data_rev()
    book["conflict"] = None
    book["notice"] = None


# --- the run -------------------------------------------------------------------------------


def begin() -> None:
    """Before the page runs: take any answer the callbacks have not (AppTest sets the
    component's value directly), then show what the visitor needs to know or decide."""
    value = _component_value()
    _take_answer(value.get("loaded"))
    _take_event(value.get("changed"))
    _show_notices()


_CONFLICTS = {
    "changed": (
        "Your profile was changed in another tab of this browser. This tab has stopped "
        "saving, so that neither version is lost.",
        "Load the other tab's version",
    ),
    "cleared": (
        "Your data was cleared in another tab of this browser. This tab still shows the "
        "old profile and no longer saves it.",
        "Clear this tab too",
    ),
    "earlier": (
        "This browser holds a profile saved earlier, which was not loaded because you "
        "started on something else first. This tab does not save until you choose.",
        "Load the saved profile",
    ),
}


def _show_notices() -> None:
    book = _book()
    conflict = book["conflict"]
    if conflict is not None:
        text, load_label = _CONFLICTS[conflict["kind"]]
        with st.container(border=True, key="storage_conflict"):
            if conflict.get("loading"):
                st.info("Loading the copy saved in this browser…", icon=":material/sync:")
            else:
                st.warning(text, icon=":material/sync_problem:")
                left, right = st.columns(2)
                left.button(
                    load_label, key="storage_load_other", on_click=_load_other, width="stretch"
                )
                right.button(
                    "Keep this tab's version",
                    key="storage_keep_mine",
                    on_click=_keep_mine,
                    width="stretch",
                    help="Save what this tab shows over the browser's copy.",
                )
    notice = book["notice"]
    if notice is not None:
        with st.container(border=True, key="storage_notice"):
            lines = notice["lines"][:NOTES_SHOWN]
            more = len(notice["lines"]) - len(lines)
            body = "\n".join(f"- {md_escape(x)}" for x in lines)
            if more > 0:
                body += f"\n- and {more} more change{'s' if more != 1 else ''}"
            text = md_escape(notice["title"]) + (f"\n{body}" if body else "")
            st.warning(text, icon=":material/info:")
            left, right = st.columns(2)
            left.button("OK", key="storage_dismiss", on_click=_dismiss, width="stretch")
            if notice["discard"]:
                right.button(
                    "Discard the saved copy",
                    key="storage_discard",
                    on_click=_discard,
                    width="stretch",
                    help="Remove the copy from this browser and start with an empty profile.",
                )


def sync() -> None:
    """After the page has run: the bridge, with what the browser should do now."""
    book = _book()
    ready = book["ack"] >= 1
    if ready and book["conflict"] is None and state.data_rev() != book["stored_rev"]:
        if state.data_rev() == 0:
            book["stored_rev"] = 0
        else:
            _write()
    data: dict[str, Any] = {
        "limit": MAX_BYTES,
        "load": book["load"],
        "ack": book["ack"],
        "took": book["took"],
        "write": book["write"],
        # changes this tab holds back while another tab's copy is unresolved
        "hold": book["conflict"] is not None and state.data_rev() != book["stored_rev"],
    }
    if book["load"] > book["ack"]:
        book["nonce"] += 1
        data["nonce"] = book["nonce"]  # new instructions each run until the answer comes
    _bridge(
        key=COMPONENT_KEY,
        data=data,
        on_loaded_change=_on_loaded,
        on_changed_change=_on_changed,
    )
    if book.get("too_large"):
        st.warning(
            f"Your profile is larger than {size_limit_text()}, the most this browser keeps: "
            "changes are no longer saved in it. Download your profile to keep it.",
            icon=":material/warning:",
        )
