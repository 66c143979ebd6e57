"""The browser's stored copy (ui/storage.py), with the browser simulated.

The storage bridge is a component: what the app tells the browser is the component's data
(`bridge`), and what the browser answers is the component's value, which a test sets
before a run (`answer`, `other_tab`). A stored copy is untrusted input: whatever is in it,
no page breaks, the visitor is told what was wrong in a few plain lines, and Download and
Clear stay available. A change made in another tab is never written over without asking,
and "Clear my data" is never undone by this tab.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import ui.storage
from lorkit.profile_io import MAX_BYTES
from lorkit.workspace import MAX_ROWS
from tests.app.conftest import (
    PAGES,
    TITLES,
    assert_clean,
    goto,
    open_sample,
    page_title,
    profile,
    sample_raw,
    unescape,
    walk,
)

KEY = "lorkit_storage"
STORED = "pediatrics-guide-example"
STORED_NAME = "Amara Okafor (sample)"
CLICKED = "med-peds-complete"


# --- the simulated browser -----------------------------------------------------------------


def bridge(at) -> dict[str, Any]:
    """What the app told the browser in the last run."""
    (component,) = at.get("bidi_component")
    return json.loads(component.proto.json)


def _value(at) -> dict[str, Any]:
    try:
        return dict(at.session_state[KEY])
    except KeyError:
        return {}


def answer(at, text: str | None, *, req: int | None = None, too_large: int = 0):
    """The browser answers the bridge's load request with its stored text, and a run."""
    req = bridge(at).get("load", 1) if req is None else req
    loaded = {"req": req, "available": True, "value": None, "bytes": 0, "tooLarge": False}
    if too_large:
        loaded.update(bytes=too_large, tooLarge=True)
    elif text is not None:
        loaded.update(value=text, bytes=len(text.encode()))
    at.session_state[KEY] = {**_value(at), "loaded": loaded}
    at.run()
    return at


def other_tab(at, n: int, kind: str = "changed"):
    """The browser reports that another tab changed (or cleared) the stored copy."""
    at.session_state[KEY] = {**_value(at), "changed": {"n": n, "kind": kind}}
    at.run()
    return at


def stored_text(raw: dict[str, Any], source: str | None = None) -> str:
    return json.dumps({"profile": raw, "source": source})


def write(at) -> dict[str, Any] | None:
    """The latest write the app asked the browser for, if any."""
    return bridge(at).get("write")


def written(at) -> dict[str, Any]:
    w = write(at)
    assert w is not None, "nothing was written"
    return w


def stored_profile(at) -> dict[str, Any]:
    w = write(at)
    assert w is not None and w["value"] is not None, w
    return json.loads(w["value"])["profile"]


def notices(at) -> list[str]:
    """The texts of the storage notices at the top of the page."""
    out = []
    for node in walk(at.main):
        block_id = getattr(getattr(node, "proto", None), "id", "")
        if getattr(node, "type", "") == "flex_container" and block_id.endswith(
            ("-storage_conflict", "-storage_notice")
        ):
            out += [unescape(a.value) for kind in ("warning", "info") for a in getattr(node, kind)]
    return out


def sidebar_name(at) -> str:
    return unescape(at.sidebar.markdown[0].value).strip("*")


def assert_data_controls(at) -> None:
    """The sidebar still offers Download and Clear my data."""
    assert [b.label for b in at.sidebar.get("download_button")] == ["Download profile (.json)"]
    labels = [p.proto.popover.label for p in at.sidebar.get("popover")]
    assert "Clear my data" in labels, labels


def fresh(app):
    """A new session: its first run asked the browser for its copy."""
    at = app()
    at.default_timeout = 120  # Assessment and Plan take seconds for 2,000 writers
    return at


def test_the_first_run_asks_for_the_copy_and_writes_nothing(app):
    at = fresh(app)
    assert bridge(at)["load"] == 1 and bridge(at)["ack"] == 0
    assert write(at) is None


# --- restoring -----------------------------------------------------------------------------


def test_the_copy_fills_an_untouched_session_and_is_not_written_back(app):
    at = answer(fresh(app), stored_text(sample_raw(STORED), f"sample:{STORED}"))
    assert_clean(at)
    assert sidebar_name(at) == STORED_NAME
    assert at.session_state["profile_source"] == f"sample:{STORED}"
    assert bridge(at)["ack"] == 1
    assert write(at) is None  # nothing changed: the browser keeps its copy as it is
    assert not notices(at)


def test_nothing_stored_leaves_the_session_empty(app):
    at = answer(fresh(app), None)
    assert_clean(at)
    assert at.session_state["data_rev"] == 0 and write(at) is None


def test_the_answer_is_taken_once(app):
    at = answer(fresh(app), stored_text(sample_raw(STORED)))
    rev = at.session_state["data_rev"]
    at.run()  # the same answer is still the component's value
    at.run()
    assert at.session_state["data_rev"] == rev


def test_a_choice_made_before_the_answer_wins_and_the_copy_is_not_lost(app):
    at = open_sample(fresh(app), CLICKED)
    assert write(at) is None  # the browser has not answered yet: nothing is written
    answer(at, stored_text(sample_raw(STORED), f"sample:{STORED}"))
    assert_clean(at)
    assert page_title(at) == TITLES["assessment"]
    assert at.session_state["profile_source"] == f"sample:{CLICKED}"
    assert any("saved earlier" in n for n in notices(at)), notices(at)
    assert write(at) is None, "the saved profile was overwritten without asking"
    assert bridge(at)["hold"]  # leaving the page now asks first

    # "Load the saved profile" asks the browser again and takes its answer, whatever
    # the session holds.
    at.button(key="storage_load_other").click().run()
    assert bridge(at)["load"] == 2
    answer(at, stored_text(sample_raw(STORED), f"sample:{STORED}"))
    assert sidebar_name(at) == STORED_NAME
    assert not notices(at) and write(at) is None


def test_keeping_the_choice_writes_it_over_the_saved_copy(app):
    at = open_sample(fresh(app), CLICKED)
    answer(at, stored_text(sample_raw(STORED)))
    at.button(key="storage_keep_mine").click().run()
    assert_clean(at)
    w = write(at)
    assert w is not None and w["force"], w
    assert stored_profile(at) == profile(at)
    assert not notices(at)


def test_a_choice_made_before_an_empty_answer_is_written(app):
    at = open_sample(fresh(app), CLICKED)
    answer(at, None)
    w = write(at)
    assert w is not None and not w["force"]
    assert json.loads(w["value"])["source"] == f"sample:{CLICKED}"


def test_the_start_page_click_switches_page_even_when_the_run_lands_on_start_again(app):
    """A rerun that still names Start (a message that crossed the page switch) lands on
    Start: the app goes on to Assessment, because that switch has not happened yet."""
    at = fresh(app)
    at.session_state["_memo_nav_wish"] = ("", "assessment")  # the click's callback ran
    at.run()
    assert page_title(at) == TITLES["assessment"]
    at.switch_page(PAGES["start"]).run()  # once there, Start is reachable again
    assert page_title(at) == TITLES["start"]


# --- an untrusted copy -----------------------------------------------------------------------


def _bad(kind: str) -> tuple[str, list[str]]:
    """A crafted stored copy and words the notice must contain."""
    raw = sample_raw(STORED)
    if kind == "career-focus-twice":
        raw["applicant"]["career_focus"] = ["outpatient", "outpatient"]
        return stored_text(raw), ["Career focus", "repeated"]
    if kind == "2001-writers":
        lean = {k: raw["writers"][0][k] for k in ("name", "role", "specialty", "location")}
        lean |= {"relationship": "direct-supervision", "status": "candidate"}
        raw["writers"] = [{**lean, "id": f"w{i}"} for i in range(MAX_ROWS + 1)]
        return stored_text(raw), [f"first {MAX_ROWS:,}"]
    if kind == "tracks-twice":
        raw["applicant"]["tracks"] = ["pediatrics", "pediatrics"]
        return stored_text(raw), ["Tracks", "repeated"]
    if kind == "rows-not-objects":
        raw["writers"] = [1, "two", None, raw["writers"][0]]
        return stored_text(raw), ["3 damaged"]
    if kind == "not-json":
        return '{"profile": {"format": "lorkit-profile", ', ["could not be opened", "JSON"]
    if kind == "not-a-profile":
        return json.dumps({"profile": {"hello": 1}}), ["could not be opened"]
    if kind == "nested-deep":
        return "[" * 5000 + "]" * 5000, ["could not be opened", "nested"]
    if kind == "huge-number":
        return '{"profile": {"format": "lorkit-profile", "version": ' + "9" * 5000 + "}}", [
            "could not be opened"
        ]
    raise AssertionError(kind)


BAD = [
    "career-focus-twice",
    "2001-writers",
    "tracks-twice",
    "rows-not-objects",
    "not-json",
    "not-a-profile",
    "nested-deep",
    "huge-number",
]


@pytest.mark.parametrize("kind", BAD)
def test_a_bad_copy_never_breaks_a_page(app, kind):
    text, words = _bad(kind)
    at = answer(fresh(app), text)
    assert_clean(at)
    assert_data_controls(at)
    shown = notices(at)
    assert len(shown) == 1, shown
    for word in words:
        assert word in shown[0], (word, shown[0])
    lines = shown[0].split("\n")
    assert len(lines) <= 1 + ui.storage.NOTES_SHOWN + 1
    assert all(len(line) <= ui.storage.NOTE_CHARS + 80 for line in lines), lines

    for page in PAGES:
        goto(at, page)  # no exception and no error box on any page
        assert_data_controls(at)
    goto(at, "start")
    assert shown == notices(at), "the notice stays until dismissed"
    at.button(key="storage_dismiss").click().run()
    assert not notices(at)


@pytest.mark.parametrize("kind", ["career-focus-twice", "2001-writers"])
def test_a_repaired_copy_is_written_back_so_it_does_not_come_back(app, kind):
    text, _ = _bad(kind)
    at = answer(fresh(app), text)
    stored = stored_profile(at)
    assert stored == profile(at)
    assert len(stored["applicant"]["career_focus"]) == len(set(stored["applicant"]["career_focus"]))
    assert len(stored["writers"]) <= MAX_ROWS
    # The next session (a reload) restores it without a notice.
    again = answer(fresh(app), written(at)["value"])
    assert not notices(again) and profile(again) == stored


def test_an_unreadable_copy_can_be_discarded(app):
    at = answer(fresh(app), _bad("not-json")[0])
    assert at.session_state["data_rev"] == 0  # nothing of it was used
    at.button(key="storage_discard").click().run()
    assert_clean(at)
    assert write(at) == {"seq": 1, "value": None, "force": True}
    assert not notices(at)


def test_a_copy_over_the_limit_is_refused_before_parsing(app, monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("an oversized copy was parsed")

    monkeypatch.setattr(ui.storage, "read_json", no_parsing)
    monkeypatch.setattr(ui.storage, "restore_profile", no_parsing)
    raw = sample_raw(STORED)
    raw["writers"] = [{**raw["writers"][0], "id": f"w{i}"} for i in range(10_000)]
    text = stored_text(raw)
    assert len(text) > 5 * MAX_BYTES
    # As a browser would send it if it did not check (a crafted client), and as the
    # bridge does: only the size.
    for at in (answer(fresh(app), text), answer(fresh(app), None, too_large=len(text))):
        assert_clean(at)
        assert at.session_state["data_rev"] == 0
        (shown,) = notices(at)
        assert "could not be opened" in shown and "the limit is 1 MB" in shown, shown
        assert_data_controls(at)


def test_the_limit_is_the_upload_limit():
    assert ui.storage.MAX_BYTES == MAX_BYTES == 1_048_576


def test_a_profile_over_the_limit_is_not_written(app):
    at = answer(fresh(app), None)
    raw = sample_raw(STORED)
    raw["writers"] = [
        {**raw["writers"][0], "id": f"w{i}", "drafts": {"ask": "x" * 5000}} for i in range(300)
    ]
    at.session_state["profile"] = raw
    at.session_state["data_rev"] += 1
    at.run()
    assert write(at) is None
    assert any("no longer saved" in w.value for w in at.sidebar.warning), at.sidebar.warning
    assert_data_controls(at)


# --- other tabs ----------------------------------------------------------------------------


def _restored(app):
    at = answer(fresh(app), stored_text(sample_raw(STORED), f"sample:{STORED}"))
    goto(at, "profile")
    return at


def _rename(at, name: str):
    at.text_input(key=f"applicant_name_{at.session_state['profile_rev']}").set_value(name).run()
    assert profile(at)["applicant"]["name"] == name


def test_a_change_in_another_tab_stops_saving_here_until_the_visitor_chooses(app):
    at = _restored(app)
    _rename(at, "Edit in tab one")
    first = write(at)
    assert first is not None and stored_profile(at)["applicant"]["name"] == "Edit in tab one"

    other_tab(at, 1)
    assert any("changed in another tab" in n for n in notices(at)), notices(at)
    _rename(at, "Second edit in tab one")
    assert write(at) == first, "this tab wrote over the other tab's change"
    assert bridge(at)["hold"]  # leaving the page asks first: these edits are not stored
    assert_data_controls(at)

    at.button(key="storage_keep_mine").click().run()
    w = written(at)
    assert first is not None and w["seq"] == first["seq"] + 1 and w["force"]
    assert stored_profile(at)["applicant"]["name"] == "Second edit in tab one"
    assert not notices(at) and not bridge(at)["hold"]


def test_loading_the_other_tabs_version(app):
    at = _restored(app)
    other_tab(at, 1)
    at.button(key="storage_load_other").click().run()
    assert bridge(at)["load"] == 2
    assert any("Loading" in n for n in notices(at))
    other = sample_raw(CLICKED)
    answer(at, stored_text(other, f"sample:{CLICKED}"))
    assert_clean(at)
    assert profile(at)["applicant"]["name"] == other["applicant"]["name"]
    assert not notices(at)
    assert write(at) is None  # what was loaded is what is stored


def test_a_clear_in_another_tab_is_not_undone_here(app):
    at = _restored(app)
    other_tab(at, 1, "cleared")
    assert any("cleared in another tab" in n for n in notices(at)), notices(at)
    _rename(at, "Edit after the clear")
    assert write(at) is None, "the cleared profile was written back"

    at.button(key="storage_load_other").click().run()  # "Clear this tab too"
    answer(at, None)
    assert_clean(at)
    assert not profile(at)["writers"] and not profile(at)["applicant"]["name"]
    assert write(at) is None and not notices(at)


def test_a_tab_with_nothing_of_its_own_shows_the_other_tabs_copy(app):
    at = answer(fresh(app), None)
    other_tab(at, 1)
    assert bridge(at)["load"] == 2 and not notices(at)
    answer(at, stored_text(sample_raw(STORED)))
    assert sidebar_name(at) == STORED_NAME
    assert write(at) is None


def test_each_report_from_the_browser_is_taken_once(app):
    at = _restored(app)
    other_tab(at, 1)
    at.button(key="storage_keep_mine").click().run()
    at.run()  # the same report is still the component's value
    assert not notices(at)


# --- clearing ------------------------------------------------------------------------------


def test_clear_my_data_removes_the_copy_whatever_another_tab_stored(app):
    at = _restored(app)
    other_tab(at, 1)  # even while another tab's change is pending
    at.button(key="confirm_clear").click().run()
    assert_clean(at)
    assert written(at)["value"] is None and written(at)["force"]
    assert not notices(at)
    # Visiting pages afterwards does not store the empty profile again.
    seq = written(at)["seq"]
    goto(at, "profile")
    goto(at, "assessment")
    assert written(at)["seq"] == seq
