"""The advisor's first screen, in a real browser.

At 1280×720 with the sidebar open, every track's verdict, readiness, letters to send and
next steps sit inside the first viewport, above the findings. On a phone (390×844) nothing
on the Assessment or Plan page is wider than the screen, and the timeline's legend fits.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import CHART, IDLE, PAGES, ROOT, SCREENSHOTS, App

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
SAMPLES = ["early-stage", "med-peds-complete", "home-country-heavy", "pediatrics-guide-example"]
CARD = '[class*="st-key-track_card_"]'


@pytest.fixture
def sized(browser: Any, app_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A factory of pages of the app at a given viewport (a fresh context each)."""
    contexts = []

    def make(viewport: dict[str, int]) -> App:
        ctx = browser.new_context(viewport=viewport, is_mobile=viewport["width"] < 600)
        ctx.set_default_timeout(30_000)
        contexts.append(ctx)
        return App(ctx.new_page(), app_url, request.node.name)

    try:
        yield make
    finally:
        for ctx in contexts:
            ctx.close()


def viewport_shot(app: App, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    app.page.screenshot(path=str(SCREENSHOTS / f"{app.test_name}-{name}.png"))


def boxes(app: App) -> list[dict[str, Any]]:
    """Per track card: the bottom of each of its parts, and where the findings start."""
    return app.page.evaluate(
        """(card) => [...document.querySelectorAll(card)].map((c) => {
            const md = [...c.querySelectorAll('[data-testid="stMarkdownContainer"]')];
            const part = (test) => {
                const el = md.find((m) => test(m.innerText.trim()));
                if (!el) return null;
                const r = el.getBoundingClientRect();
                return {top: r.top, bottom: r.bottom};
            };
            const metric = c.querySelector('[data-testid="stMetric"]').getBoundingClientRect();
            return {
                track: c.className.match(/st-key-track_card_(\\S+)/)[1],
                card: c.getBoundingClientRect().top,
                verdict: part((t) => /^(check_circle|trending_up|warning|block)/.test(t)),
                readiness: {top: metric.top, bottom: metric.bottom},
                letters: part((t) => t.startsWith("Letters to send")),
                steps: part((t) => t.startsWith("Next steps")),
            };
        })""",
        CARD,
    )


def findings_top(app: App) -> float:
    return app.page.evaluate(
        """() => [...document.querySelectorAll('h2')]
            .find((h) => h.innerText.trim().startsWith('Findings'))
            .getBoundingClientRect().top"""
    )


def sample_tracks(sample: str) -> list[str]:
    raw = json.loads((ROOT / "lorkit" / "data" / "samples" / f"{sample}.json").read_text("utf-8"))
    return list(raw["applicant"]["tracks"])


@pytest.mark.parametrize("sample", SAMPLES)
def test_verdict_letters_and_next_steps_fit_the_first_screen(sized: Any, sample: str) -> None:
    app = sized(LAPTOP)
    app.open_sample(sample)
    viewport_shot(app, "assessment-1280x720")
    sidebar = app.page.locator('[data-testid="stSidebar"]').bounding_box()
    assert sidebar is not None and sidebar["width"] > 200, "the sidebar is open"
    assert (
        app.page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop") == 0
    )

    found = boxes(app)
    assert sorted(b["track"] for b in found) == sorted(sample_tracks(sample))
    height = LAPTOP["height"]
    for b in found:
        for part in ("verdict", "readiness", "letters"):
            assert b[part] is not None, (b["track"], part)
            assert b[part]["top"] >= 0 and b[part]["bottom"] <= height, (b["track"], part, b)
        if b["steps"] is not None:  # a track below ready
            assert b["steps"]["bottom"] <= height, (b["track"], "next steps", b)
    # two tracks sit side by side on a laptop
    if len(found) == 2:
        assert abs(found[0]["card"] - found[1]["card"]) < 2
    # and the findings come after all of it
    last = max(b[p]["bottom"] for b in found for p in ("letters", "steps") if b[p] is not None)
    assert findings_top(app) > last


def test_a_track_below_ready_shows_its_steps_on_the_first_screen(sized: Any) -> None:
    app = sized(LAPTOP)
    app.open_sample("early-stage")
    found = boxes(app)
    assert found and all(b["steps"] is not None for b in found)


def overflow(app: App) -> dict[str, Any]:
    """How far anything in the main area reaches past the screen's right edge."""
    return app.page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const width = window.innerWidth;
            const wide = [...main.querySelectorAll('*')].filter((e) => {
                const r = e.getBoundingClientRect();
                if (!r.width || !r.height) return false;
                // inside a box that scrolls or clips on its own (a table grid): fine
                for (let p = e.parentElement; p && p !== main; p = p.parentElement) {
                    const s = getComputedStyle(p);
                    if (s.overflowX !== 'visible' && p.getBoundingClientRect().right <= width + 1)
                        return false;
                }
                return r.right > width + 1;
            }).map((e) => (e.dataset.testid || e.tagName) + ' ' + e.getBoundingClientRect().right);
            return {
                page: document.documentElement.scrollWidth - width,
                main: main.scrollWidth - main.clientWidth,
                wide: wide.slice(0, 5),
            };
        }"""
    )


@pytest.mark.parametrize("sample", ["early-stage", "med-peds-complete"])
def test_nothing_overflows_on_a_phone(sized: Any, sample: str) -> None:
    app = sized(PHONE)
    app.open_sample(sample)
    viewport_shot(app, "assessment-390x844")
    assert overflow(app) == {"page": 0, "main": 0, "wide": []}
    # the first screen starts with the first track's verdict and letters
    first = boxes(app)[0]
    assert first["verdict"]["bottom"] <= PHONE["height"]
    assert first["letters"]["top"] < PHONE["height"]

    # the sidebar is folded away on a phone: open the page by its address (the profile
    # comes back from the browser's storage)
    app.page.goto(app.base_url + PAGES["plan"][0])
    app.wait_title(PAGES["plan"][1])
    app.wait_idle()
    app.wait_charts()
    assert overflow(app) == {"page": 0, "main": 0, "wide": []}
    timeline = app.page.locator(CHART).first
    timeline.scroll_into_view_if_needed()
    viewport_shot(app, "plan-timeline-390x844")
    # every legend entry of the timeline is drawn inside the chart, not cut at its edge
    legend = timeline.evaluate(
        """(chart) => {
            const svg = chart.querySelector('svg.marks').getBoundingClientRect();
            return [...chart.querySelectorAll('.role-legend-label text')].map((t) => {
                const r = t.getBoundingClientRect();
                return [t.textContent, r.left >= svg.left - 1 && r.right <= svg.right + 1];
            });
        }"""
    )
    assert legend and all(inside for _, inside in legend), legend
    # the x axis labels do not run into each other
    ticks = timeline.evaluate(
        """(chart) => [...chart.querySelectorAll('.role-axis-label text')]
            .filter((t) => /[A-Z][a-z]{2} \\d{4}/.test(t.textContent)
                && getComputedStyle(t).opacity !== '0')
            .map((t) => { const r = t.getBoundingClientRect(); return [r.left, r.right]; })
            .sort((a, b) => a[0] - b[0])"""
    )
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ticks)), ticks
    app.page.wait_for_selector(IDLE, state="attached")


def test_the_first_screen_is_not_folded(sized: Any) -> None:
    app = sized(LAPTOP)
    app.open_sample("home-country-heavy")
    text = app.main_text()
    # the must-fix items are a heading and a list, not a closed group
    assert re.search(r"Must fix \(\d+\)", text)
    closed = app.page.locator('[data-testid="stExpander"] details:not([open]) summary')
    assert not [s for s in closed.all_inner_texts() if "fix" in s.lower()]
