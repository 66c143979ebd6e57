"""The browser's first answer about its stored copy never races a click.

A real browser cannot be made to send its messages in a chosen order, so these tests speak
Streamlit's WebSocket protocol directly (`Tab` in harness.py) against the real server and
send the click on "Open this sample" and the storage bridge's answer in the orders a
browser can produce: the answer just before the click, and the answer crossing the
server's page switch (still naming the Start page the browser shows).

Whatever the order: the clicked sample is loaded, the Assessment page is shown, and the
copy that was in the browser is neither loaded over the choice nor lost without asking.
(A message sent right *after* a click can make Streamlit drop the click before any app code
runs; the bridge never sends one then: it waits until the app is idle.)
"""

from __future__ import annotations

import json
import time

import pytest

from lorkit.samples import load_sample
from tests.e2e.harness import Tab

pytestmark = pytest.mark.e2e

CLICKED = "med-peds-complete"
CLICKED_NAME = "Mateo Silva (sample)"
STORED = "pediatrics-guide-example"
STORED_NAME = "Amara Okafor (sample)"


def _answer(tab: Tab, stored: str | None) -> dict:
    """The bridge's answer as both a trigger (this app) and a state value (older bridges)."""
    triggers = tab.storage_answer(1, stored)
    (payload,) = next(iter(triggers.values()))
    return {"json_triggers": triggers, "json_values": {tab.bridge_id: {"loaded": payload["value"]}}}


def _sidebar_name(tab: Tab) -> str:
    """The applicant's name at the top of the sidebar (bold, Markdown-escaped)."""
    names = [t.replace("\\", "") for t in tab.texts if t.startswith("**")]
    names = [t.strip("*") for t in names if "(sample)" in t]
    return names[0] if names else ""


def test_a_message_crossing_the_page_switch_does_not_undo_it(app_url: str) -> None:
    """The click's run switches to Assessment; a message the browser sent before it knew
    (here the storage answer, naming the Start page) arrives as the Assessment run starts.
    The app must still end on Assessment with the clicked sample."""
    stored = json.dumps({"profile": load_sample(STORED), "source": f"sample:{STORED}"})
    tab = Tab(app_url, answer_storage=False)
    try:
        tab.run()
        assert tab.page == "" and tab.bridge is not None  # Start; the bridge asks for the copy
        start_page = tab.page_hash
        tab.send(triggers=(tab.widget_id(f"sample_{CLICKED}"),))
        tab.wait_page_start("assessment")
        tab.send(**_answer(tab, stored), page_hash=start_page)
        tab.wait_run(quiet=1.5)
        assert not tab.exceptions, tab.exceptions
        assert tab.page == "assessment", f"landed on {tab.page!r}: {tab.titles}"
        assert _sidebar_name(tab) == CLICKED_NAME, tab.texts[:5]
        # The saved profile was not loaded over the choice, and it is not overwritten
        # without asking: the visitor is told and chooses.
        assert any("saved earlier" in t for t in tab.texts), tab.texts[:5]
        assert (tab.bridge or {}).get("write") is None, tab.bridge
    finally:
        tab.close()


@pytest.mark.parametrize("gap_ms", [0, 5, 20, 60])
def test_a_click_just_after_the_storage_answer_wins(app_url: str, gap_ms: int) -> None:
    """The browser answers while the visitor clicks: the answer's run is cut short by the
    click (or not); either way the clicked sample is what the visitor gets."""
    stored = json.dumps({"profile": load_sample(STORED), "source": f"sample:{STORED}"})
    tab = Tab(app_url, answer_storage=False)
    try:
        tab.run()
        click = tab.widget_id(f"sample_{CLICKED}")
        tab.send(**_answer(tab, stored))
        time.sleep(gap_ms / 1000)
        tab.send(triggers=(click,))
        tab.wait_run(quiet=1.5)
        assert not tab.exceptions, tab.exceptions
        assert tab.page == "assessment", f"landed on {tab.page!r}: {tab.titles}"
        assert _sidebar_name(tab) == CLICKED_NAME, tab.texts[:5]
    finally:
        tab.close()


def test_a_click_before_an_empty_answer_is_stored(app_url: str) -> None:
    """With nothing stored, the clicked sample is loaded and then written to the browser."""
    tab = Tab(app_url, answer_storage=False)
    try:
        tab.run()
        start_page = tab.page_hash
        tab.send(triggers=(tab.widget_id(f"sample_{CLICKED}"),))
        tab.wait_page_start("assessment")
        tab.send(**_answer(tab, None), page_hash=start_page)
        tab.wait_run(quiet=1.5)
        assert tab.page == "assessment" and _sidebar_name(tab) == CLICKED_NAME
        write = (tab.bridge or {}).get("write")
        assert write is not None and not write["force"], tab.bridge
        assert json.loads(write["value"])["source"] == f"sample:{CLICKED}"
    finally:
        tab.close()
