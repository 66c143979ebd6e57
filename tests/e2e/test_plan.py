"""The Plan page in a real browser: a packet tick survives a reload; the .ics downloads."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from lorkit.actions import build_actions
from lorkit.assessment import assess
from lorkit.profile_io import profile_from_dict
from lorkit.samples import load_sample
from tests.e2e.conftest import ARTIFACTS, App

pytestmark = pytest.mark.e2e

SAMPLE = "early-stage"
ITEM = "ERAS letter request: instructions, Letter ID and dates"


def _item(app: App) -> object:
    return app.page.get_by_role("checkbox", name=ITEM)


def test_a_packet_tick_survives_a_reload(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    app.nav("plan")
    first = load_sample(SAMPLE)["writers"][0]  # the writer the Plan page opens on
    assert "eras-request" not in first["packet"]
    assert not _item(app).is_checked()

    # the box itself is visually hidden; its label takes the click
    app.page.locator("label").filter(has_text=ITEM).click()
    app.wait_stored(
        "(s, id) => s !== null && s.profile.writers.find((w) => w.id === id)"
        ".packet.includes('eras-request')",
        first["id"],
    )
    app.wait_idle()
    app.check_page("plan-ticked")

    app.reload("plan")
    app.wait_idle()
    assert _item(app).is_checked(), "the tick was lost on reload"
    stored = app.stored()
    assert stored is not None
    writer = next(w for w in stored["profile"]["writers"] if w["id"] == first["id"])
    assert writer["packet"] == [*first["packet"], "eras-request"]
    app.check_page("plan-reloaded")


def test_the_calendar_downloads_with_every_action(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    app.nav("plan")
    with app.page.expect_download() as info:
        app.page.locator(".st-key-download_ics button").click()
    download = info.value
    assert download.suggested_filename == "lorkit-plan.ics"
    target = ARTIFACTS / "downloads" / "lorkit-plan.ics"
    target.parent.mkdir(parents=True, exist_ok=True)
    download.save_as(target)

    cal = Calendar.from_ical(target.read_bytes())
    events = cal.walk("VEVENT")
    # the app plans as of today
    actions = build_actions(assess(profile_from_dict(load_sample(SAMPLE)), date.today()))
    assert len(events) == len(actions)
    assert sorted(e.decoded("DTSTART") for e in events) == sorted(x.start for x in actions)
    assert any(str(e["SUMMARY"]) == "Submit your ERAS application" for e in events)
    app.assert_no_exception()


def test_copy_puts_the_draft_on_the_clipboard(app: App) -> None:
    app.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.base_url)
    app.goto("start")
    app.load_sample(SAMPLE)
    app.nav("plan")
    shown = app.page.locator('[data-testid="stTextArea"] textarea').first.input_value()
    button = app.page.locator("button.copy").first
    button.click()
    # the button lives in the component's shadow root: a locator reaches it, a query does not
    expect(button).to_have_text("Copied")
    copied = app.page.evaluate("() => navigator.clipboard.readText()")
    assert copied == shown
    assert copied.startswith("Subject: ")
    app.assert_no_exception()
