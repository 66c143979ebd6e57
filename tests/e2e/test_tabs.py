"""Two tabs of one browser share its stored copy: neither overwrites the other's change
without asking, and "Clear my data" in one is not undone by the other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import App

pytestmark = pytest.mark.e2e

FIRST = "pediatrics-guide-example"
FIRST_NAME = "Amara Okafor (sample)"
SECOND = "med-peds-complete"
SECOND_NAME = "Mateo Silva (sample)"
CONFLICT = ".st-key-storage_conflict"


@pytest.fixture
def tabs(context: Any, app_url: str, request: pytest.FixtureRequest) -> Iterator[tuple[App, App]]:
    """Two tabs of one browser; the first has opened a sample, the second restored it."""
    first = App(context.new_page(), app_url, f"{request.node.name}-tab1")
    first.goto("start")
    first.load_sample(FIRST)
    first.wait_stored("(s, name) => s !== null && s.profile.applicant.name === name", FIRST_NAME)
    second = App(context.new_page(), app_url, f"{request.node.name}-tab2")
    second.goto("start")
    second.page.get_by_text(FIRST_NAME).first.wait_for()
    second.wait_idle()
    yield first, second


def _stored_name(tab: App) -> str | None:
    stored = tab.stored()
    return None if stored is None else stored["profile"]["applicant"]["name"]


def _rename(tab: App, name: str) -> None:
    tab.nav("profile")
    box = tab.page.locator('input[aria-label="Name (optional)"]')
    box.fill(name)
    box.press("Enter")
    tab.page.get_by_text(name).first.wait_for()  # the sidebar shows the new name
    tab.wait_idle()


def _notice(tab: App) -> str:
    tab.page.locator(CONFLICT).wait_for()
    tab.wait_idle()
    return tab.page.locator(CONFLICT).inner_text()


def test_a_change_in_another_tab_is_never_written_over(tabs: tuple[App, App]) -> None:
    first, second = tabs
    second.nav("start")
    second.load_sample(SECOND)
    second.wait_stored("(s, name) => s !== null && s.profile.applicant.name === name", SECOND_NAME)

    # The first tab is told, and stops saving.
    first.page.bring_to_front()
    assert "changed in another tab" in _notice(first)
    first.shot("told")
    _rename(first, "Edited in the first tab")
    first.page.wait_for_timeout(500)
    assert _stored_name(first) == SECOND_NAME, "the first tab wrote over the second tab's change"

    # Leaving now would lose that edit: the browser asks first.
    first.stay_on_leave = True
    first.page.evaluate("() => { window.location.reload(); }")
    first.page.wait_for_timeout(1000)
    assert "beforeunload" in first.dialogs
    assert "Edited in the first tab" in first.sidebar_text()  # still here
    first.stay_on_leave = False

    # Keeping this tab's version writes it, and now the second tab is told.
    first.page.locator(CONFLICT).get_by_role("button", name="Keep this tab's version").click()
    first.wait_stored(
        "(s, name) => s !== null && s.profile.applicant.name === name", "Edited in the first tab"
    )
    first.wait_idle()
    assert first.page.locator(CONFLICT).count() == 0
    second.page.bring_to_front()
    assert "changed in another tab" in _notice(second)

    # The second tab loads it.
    second.page.locator(CONFLICT).get_by_role("button", name="Load the other tab's version").click()
    second.page.get_by_text("Edited in the first tab").first.wait_for()
    second.wait_idle()
    assert second.page.locator(CONFLICT).count() == 0
    second.check_page("loaded-other")
    assert _stored_name(second) == "Edited in the first tab"


def test_clear_my_data_in_one_tab_stays_cleared(tabs: tuple[App, App]) -> None:
    first, second = tabs
    second.page.locator('[data-testid="stPopover"] button').filter(has_text="Clear my data").click()
    second.page.locator(".st-key-confirm_clear button").click()
    second.wait_stored("(s) => s === null")
    second.wait_idle()

    first.page.bring_to_front()
    assert "cleared in another tab" in _notice(first)
    first.shot("told-cleared")
    # Changing anything in the first tab does not bring the cleared profile back.
    _rename(first, "Still here after the clear")
    first.page.wait_for_timeout(500)
    assert first.stored_text() is None, "the cleared profile was written back"

    first.page.locator(CONFLICT).get_by_role("button", name="Clear this tab too").click()
    first.page.wait_for_function(
        """() => document.querySelector('[data-testid="stSidebarUserContent"]')
            ?.innerText.startsWith('Your application')"""
    )
    first.wait_idle()
    assert first.page.locator(CONFLICT).count() == 0
    assert first.stored_text() is None
    first.reload("profile")
    assert "Your application" in first.sidebar_text()
    assert first.stored_text() is None


def test_a_tab_with_nothing_of_its_own_shows_the_other_tabs_profile(
    context: Any, app_url: str
) -> None:
    empty = App(context.new_page(), app_url, "empty-tab")
    empty.goto("start")
    other = App(context.new_page(), app_url, "other-tab")
    other.goto("start")
    other.load_sample(SECOND)
    other.wait_stored("(s) => s !== null")
    empty.page.bring_to_front()
    empty.page.get_by_text(SECOND_NAME).first.wait_for()
    empty.wait_idle()
    assert empty.page.locator(CONFLICT).count() == 0
