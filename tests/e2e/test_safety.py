"""Text a user typed is shown as typed: Markdown and HTML in it never take effect.

A profile whose applicant, one writer (left out of the recommended set, so the
Assessment page lists it) and one experience are named with Markdown and HTML is
imported through the Start page; every page is then checked for what that text must
not have produced. The walk runs once per module and each test checks one kind of harm.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from lorkit.samples import load_sample
from tests.e2e import forms
from tests.e2e.conftest import VIEWPORT, App

pytestmark = pytest.mark.e2e

PAYLOAD = "[x](http://example.com) <b>y</b> ![i](http://example.com/i.png)"
ZWSP = "\u200b"
SAMPLE = "pediatrics-guide-example"
LEFT_OUT_WRITER = "w-research"  # left out of the sample's set: named in "Left out"
PAGES = ("start", "writers", "experiences", "assessment", "profile", "method")


@dataclass
class Seen:
    links: dict[str, list[str]] = field(default_factory=dict)  # page -> outerHTML
    images: dict[str, list[str]] = field(default_factory=dict)
    bold_y: dict[str, int] = field(default_factory=dict)
    sidebar: dict[str, str] = field(default_factory=dict)
    main: dict[str, str] = field(default_factory=dict)
    tables: dict[str, list[str]] = field(default_factory=dict)  # page -> overview column


def _hostile_profile(folder: Path) -> Path:
    raw = load_sample(SAMPLE)
    raw["applicant"]["name"] = PAYLOAD  # shown in bold at the top of the sidebar
    for writer in raw["writers"]:
        if writer["id"] == LEFT_OUT_WRITER:
            writer["name"] = PAYLOAD
    raw["rotations"][0]["institution"] = PAYLOAD
    path = folder / "hostile.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def _look(app: App, seen: Seen, name: str) -> None:
    page = app.page
    seen.links[name] = page.locator('a[href*="example.com"]').evaluate_all(
        "(els) => els.map((el) => el.outerHTML)"
    )
    seen.images[name] = page.locator('img[src*="example.com"]').evaluate_all(
        "(els) => els.map((el) => el.outerHTML)"
    )
    seen.bold_y[name] = page.locator("b, strong").evaluate_all(
        "(els) => els.filter((el) => el.textContent.trim() === 'y').length"
    )
    # What a reader sees: the zero-width spaces that keep addresses from turning into links
    # are invisible.
    seen.sidebar[name] = app.sidebar_text().replace(ZWSP, "")
    seen.main[name] = app.main_text().replace(ZWSP, "")
    if name in ("writers", "experiences"):
        label = "Name" if name == "writers" else "Institution"
        seen.tables[name] = forms.overview_column(app, label)


@pytest.fixture(scope="module")
def seen(browser: Any, app_url: str, tmp_path_factory: pytest.TempPathFactory) -> Seen:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(20_000)
    try:
        app = App(context.new_page(), app_url, "test_safety")
        app.goto("start")
        hostile = _hostile_profile(tmp_path_factory.mktemp("hostile"))
        app.page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            hostile
        )
        app.page.get_by_text("Imported hostile.json.").wait_for()
        app.wait_stored("(s) => s !== null")
        app.wait_idle()
        app.check_page("start")
        result = Seen()
        for name in PAGES:
            if name != "start":
                app.nav(name)
            if name == "assessment":
                app.wait_charts()
                app.shot(name)
            _look(app, result, name)
        return result
    finally:
        context.close()


def test_text_is_shown_as_typed(seen: Seen) -> None:
    for name, text in seen.sidebar.items():
        assert PAYLOAD in text, f"the sidebar on {name} does not show the name as typed"
    assert f"{PAYLOAD}: " in seen.main["assessment"], "Left out does not show it as typed"
    assert PAYLOAD in seen.tables["writers"]
    assert PAYLOAD in seen.tables["experiences"]


def test_no_image_from_user_text(seen: Seen) -> None:
    assert {k: v for k, v in seen.images.items() if v} == {}


def test_no_html_from_user_text(seen: Seen) -> None:
    assert {k: v for k, v in seen.bold_y.items() if v} == {}


def test_no_link_from_user_text(seen: Seen) -> None:
    assert {k: v for k, v in seen.links.items() if v} == {}
