"""Real-browser fixtures: one Streamlit server and one Chromium for the whole session.

The browser is Debian's Chromium driven by Playwright (`playwright install` cannot
download browsers here). Without a Chromium the tests skip, unless
LORKIT_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.

Every test gets a fresh browser context, so the browser's localStorage starts empty.
Screenshots of every page a test visits go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import CHROMIUM_ARGS, ROOT, find_chromium, start_server, stop_server

ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
STORAGE_KEY = "lorkit.profile.v1"

# Tall enough that most pages fit; `App.shot` grows it further for a full-page picture
# (Streamlit scrolls inside its main container, so Playwright's full_page does not help).
VIEWPORT = {"width": 1400, "height": 1400}

# The title (h1) of each page, to know that a page switch has landed.
PAGES = {
    "start": ("/", "Plan your letters of recommendation"),
    "profile": ("/profile", "Profile"),
    "experiences": ("/experiences", "Experiences"),
    "writers": ("/writers", "Letter writers"),
    "programs": ("/programs", "Programs"),
    "assessment": ("/assessment", "Assessment"),
    "method": ("/method", "Method"),
    "plan": ("/plan", "Plan"),
}
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
CHART = '[data-testid="stVegaLiteChart"]'


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        message = "Chromium not found: install Debian's chromium to run the browser tests"
        if os.environ.get("LORKIT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message} (LORKIT_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def app_url(chromium_path: str) -> Iterator[str]:
    # Depends on chromium_path so that without a browser no server is started either.
    proc, url = start_server(ARTIFACTS / "streamlit-server.log")
    try:
        yield url
    finally:
        stop_server(proc)


# --- Playwright ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    ctx.set_default_timeout(20_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def app(context: Any, app_url: str, request: pytest.FixtureRequest) -> App:
    return App(context.new_page(), app_url, request.node.name)


class App:
    """A page of the running app, with the waits and checks every test needs."""

    def __init__(self, page: Any, base_url: str, test_name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.test_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name).strip("_")
        self.page_errors: list[str] = []
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        # The app asks before the page is left while a change may not be stored yet
        # ("Leave site?"). Tests leave (accept) unless they set `stay_on_leave`.
        self.dialogs: list[str] = []
        self.stay_on_leave = False
        page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.type)
        if dialog.type == "beforeunload" and not self.stay_on_leave:
            dialog.accept()
        else:
            dialog.dismiss()

    # waiting

    def wait_idle(self, settle_ms: int = 250) -> None:
        """Wait until the script run has finished and no new run started for `settle_ms`
        (a run can trigger another, e.g. when the storage bridge answers)."""
        self.page.evaluate("() => { window.__lorkitIdleSince = null; }")
        self.page.wait_for_function(
            """([selector, settle]) => {
                const now = performance.now();
                if (!document.querySelector(selector)) {
                    window.__lorkitIdleSince = null;
                    return false;
                }
                window.__lorkitIdleSince ??= now;
                return now - window.__lorkitIdleSince >= settle;
            }""",
            arg=[IDLE, settle_ms],
            polling=50,
        )

    def wait_title(self, title: str) -> None:
        exact = re.compile(rf"^\s*{re.escape(title)}\s*$")
        self.page.locator("h1").filter(has_text=exact).first.wait_for()

    def goto(self, name: str = "start") -> None:
        path, title = PAGES[name]
        self.page.goto(self.base_url + path)
        self.wait_title(title)
        self.wait_idle()
        self.check_page(name)

    def nav(self, name: str) -> None:
        """Switch page with the sidebar navigation (no reload: the session lives on)."""
        path, title = PAGES[name]
        link = self.page.locator(f'[data-testid="stSidebarNav"] a[href="{self.base_url}{path}"]')
        link.click()
        self.page.wait_for_url(self.base_url + path)
        self.wait_title(title)
        self.wait_idle()
        self.check_page(name)

    def reload(self, name: str) -> None:
        self.page.reload()
        self.wait_title(PAGES[name][1])
        self.wait_idle()

    def load_sample(self, sample: str, *, picture: bool = True) -> None:
        """On the Start page: open a sample, which lands on the Assessment page. Without
        `picture` the viewport is left as it is (a full-page picture grows it)."""
        self.page.locator(f".st-key-sample_{sample} button").click()
        self.page.wait_for_url(self.base_url + PAGES["assessment"][0])
        self.wait_title(PAGES["assessment"][1])
        self.wait_idle()
        self.wait_charts()
        if picture:
            self.check_page("assessment")
        else:
            self.assert_no_exception()

    def open_sample(self, sample: str) -> None:
        """From a fresh Start page, open a sample, keeping the viewport as it is (for tests
        that measure what fits in it)."""
        self.page.goto(self.base_url + PAGES["start"][0])
        self.wait_title(PAGES["start"][1])
        self.wait_idle()
        self.load_sample(sample, picture=False)

    def wait_charts(self, timeout_ms: int = 20_000) -> int:
        """Wait until every Vega-Lite chart on the page holds drawn marks; returns the count."""
        self.page.wait_for_function(
            """(sel) => {
                const charts = [...document.querySelectorAll(sel)];
                return charts.length > 0 && charts.every(
                    (c) => c.querySelector("svg.marks .role-mark, canvas.marks"));
            }""",
            arg=CHART,
            timeout=timeout_ms,
        )
        return self.page.locator(CHART).count()

    # checks

    def assert_no_exception(self) -> None:
        count = self.page.locator(EXCEPTION).count()
        if count:
            text = self.page.locator(EXCEPTION).first.inner_text()
            raise AssertionError(f"{count} exception element(s) on the page; first:\n{text}")
        assert not self.page_errors, f"JavaScript errors: {self.page_errors}"

    def check_page(self, name: str) -> None:
        self.assert_no_exception()
        self.shot(name)

    def shot(self, name: str) -> Path:
        """A picture of the whole page: the viewport is grown to the content's height."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.test_name}-{name}.png"
        # The content's own height, independent of the current viewport.
        height = self.page.evaluate(
            """() => Math.max(...[
                ['[data-testid="stMain"]', '[data-testid="stMainBlockContainer"]'],
                ['[data-testid="stSidebarContent"]', '[data-testid="stSidebarUserContent"]'],
            ].map(([outer, inner]) => {
                const o = document.querySelector(outer), i = document.querySelector(inner);
                return o && i ? i.getBoundingClientRect().bottom + o.scrollTop + 48 : 0;
            }))"""
        )
        size = self.page.viewport_size or VIEWPORT
        wanted = min(max(int(height), VIEWPORT["height"]), 8000)
        if wanted != size["height"]:
            self.page.set_viewport_size({"width": size["width"], "height": wanted})
            self.page.wait_for_timeout(300)  # canvas grids and charts redraw after a resize
        else:
            self.page.wait_for_timeout(100)
        self.page.screenshot(path=str(path))
        return path

    # reading the state

    def seed_storage(self, text: str | None) -> None:
        """Put `text` into the browser's stored copy before the app is opened (from a
        plain page of the same origin, so the app does not run meanwhile)."""
        self.page.goto(self.base_url + "/_stcore/health")
        self.page.evaluate(
            """([key, text]) => text === null
                ? window.localStorage.removeItem(key)
                : window.localStorage.setItem(key, text)""",
            [STORAGE_KEY, text],
        )

    def stored_text(self) -> str | None:
        return self.page.evaluate("(key) => window.localStorage.getItem(key)", STORAGE_KEY)

    def stored(self) -> dict[str, Any] | None:
        """The copy of the profile in the browser's localStorage, parsed, or None."""
        text = self.page.evaluate("(key) => window.localStorage.getItem(key)", STORAGE_KEY)
        return None if text is None else json.loads(text)

    def wait_stored(
        self, predicate_js: str, arg: Any = None, timeout_ms: int = 10_000
    ) -> dict[str, Any] | None:
        """Wait until `(predicate_js)(stored, arg)` holds for the stored copy (null when
        absent); returns the stored copy."""
        self.page.wait_for_function(
            f"""([key, arg]) => {{
                const text = window.localStorage.getItem(key);
                const stored = text === null ? null : JSON.parse(text);
                return ({predicate_js})(stored, arg);
            }}""",
            arg=[STORAGE_KEY, arg],
            timeout=timeout_ms,
        )
        return self.stored()

    def wait_main_text(self, text: str) -> None:
        self.page.wait_for_function(
            """(text) => document.querySelector('[data-testid="stMain"]')?.innerText
                .includes(text)""",
            arg=text,
        )

    def main_text(self) -> str:
        return self.page.locator('[data-testid="stMain"]').inner_text()

    def sidebar_text(self) -> str:
        return self.page.locator('[data-testid="stSidebarUserContent"]').inner_text()


class Grid:
    """An `st.data_editor` on the page. It is drawn on a canvas, so cells are reached by
    coordinates; glide-data-grid mirrors the visible cells in an accessible table inside
    the canvas (`td#glide-cell-<col>-<row>`, col 1 = first data column), which is how
    values are read back and how each click is checked to have landed on the right cell.

    Only the first data column is addressed (Name on Letter writers, Institution on
    Experiences): it starts right after the row-marker column, whatever the widths.
    """

    HEADER_H = 35.0  # px, Streamlit's header row
    ROW_H = 35.0  # px, Streamlit's default row height
    MARKER_X = 16.0  # middle of the row-marker (checkbox) column
    FIRST_COL_X = 90.0  # well inside the first data column (it starts at ~33 px)

    def __init__(self, app: App, index: int = 0) -> None:
        self.app = app
        self.page = app.page
        self.root = self.page.locator('[data-testid="stDataFrame"]').nth(index)
        self.canvas = self.root.locator('canvas[data-testid="data-grid-canvas"]')

    def _box(self) -> dict[str, float]:
        self.canvas.scroll_into_view_if_needed()
        box = self.canvas.bounding_box()
        assert box is not None, "the data editor's canvas is not visible"
        return box

    def _row_y(self, box: dict[str, float], row: int) -> float:
        return box["y"] + self.HEADER_H + self.ROW_H * row + self.ROW_H / 2

    def column(self, col: int = 1) -> list[str]:
        """The visible values of a column, top to bottom (the trailing add-row excluded)."""
        return self.root.locator(f'td[id^="glide-cell-{col}-"]').evaluate_all(
            """(tds) => tds
                .map((td) => [Number(td.id.split("-").pop()), td.textContent])
                .sort((a, b) => a[0] - b[0])
                .map((pair) => pair[1])"""
        )

    def wait_column(self, expected: list[str], col: int = 1, timeout_ms: int = 10_000) -> None:
        self.page.wait_for_function(
            """([root, col, expected]) => {
                const tds = [...root.querySelectorAll(`td[id^="glide-cell-${col}-"]`)];
                const got = tds
                    .map((td) => [Number(td.id.split("-").pop()), td.textContent])
                    .sort((a, b) => a[0] - b[0]).map((pair) => pair[1]);
                return JSON.stringify(got) === JSON.stringify(expected);
            }""",
            arg=[self.root.element_handle(), col, expected],
            timeout=timeout_ms,
        )

    def _editor(self) -> Any:
        editor = self.page.locator("#portal textarea.gdg-input")
        editor.wait_for(state="visible")
        return editor

    def _type_and_commit(self, text: str) -> None:
        editor = self._editor()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.type(text)
        # The grid keeps the editor's value in React state: let it catch up before Enter,
        # or Enter commits the old value.
        self.page.wait_for_function(
            "([el, text]) => el.value === text", arg=[editor.element_handle(), text]
        )
        self.page.wait_for_timeout(150)
        self.page.keyboard.press("Enter")
        editor.wait_for(state="hidden")

    def edit_first_column(self, row: int, text: str) -> None:
        """Select a cell, open its editor with Enter, replace the text, commit with Enter."""
        box = self._box()
        self.page.mouse.click(box["x"] + self.FIRST_COL_X, self._row_y(box, row))
        cell = self.root.locator(f'td[id="glide-cell-1-{row}"]')
        expect(cell, f"the click missed row {row}").to_have_attribute(
            "aria-selected", "true", timeout=3_000
        )
        self.page.keyboard.press("Enter")
        self._type_and_commit(text)

    def add_row(self, text: str) -> None:
        """Click the trailing '+' row under the last row: a row is added and its first
        cell opens for typing."""
        rows = len(self.column())
        box = self._box()
        self.page.mouse.click(box["x"] + self.FIRST_COL_X, self._row_y(box, rows))
        self._type_and_commit(text)

    def delete_row(self, row: int) -> None:
        """Tick the row's checkbox in the marker column, then press Delete."""
        box = self._box()
        self.page.mouse.click(box["x"] + self.MARKER_X, self._row_y(box, row))
        selected = self.root.locator(f'tr[aria-rowindex="{row + 2}"]')
        expect(selected, f"row {row} was not selected").to_have_attribute(
            "aria-selected", "true", timeout=3_000
        )
        self.page.keyboard.press("Delete")
