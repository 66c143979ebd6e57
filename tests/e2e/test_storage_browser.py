"""Hardening for a public demo, in a real browser: crafted stored copies, a reload right
after an edit, no request to any other host, the phone layout, and no swipe navigation."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from lorkit.profile_io import MAX_BYTES
from lorkit.samples import load_sample
from tests.e2e.conftest import PAGES, SCREENSHOTS, App
from tests.e2e.harness import CHROMIUM_ARGS, Tab

pytestmark = pytest.mark.e2e

SAMPLE = "pediatrics-guide-example"
APPLICANT = "Amara Okafor (sample)"
NOTICE = ".st-key-storage_notice"
SIDEBAR = '[data-testid="stSidebar"]'


def _lean_writers(raw: dict[str, Any], count: int) -> list[dict[str, Any]]:
    first = raw["writers"][0]
    lean = {k: first[k] for k in ("name", "role", "specialty", "location", "relationship")}
    return [{**lean, "id": f"w{i}", "status": "candidate"} for i in range(count)]


def _restored(app: App) -> None:
    """After a reload: the browser's copy is back (the sidebar names the applicant)."""
    app.page.locator('[data-testid="stSidebarUserContent"]').get_by_text(APPLICANT).wait_for()
    app.wait_idle()


def _data_controls(app: App) -> None:
    sidebar = app.page.locator('[data-testid="stSidebarUserContent"]')
    sidebar.locator(".st-key-download_profile button").wait_for()
    sidebar.locator('[data-testid="stPopover"] button').filter(has_text="Clear my data").wait_for()


def test_a_crafted_copy_is_repaired_and_breaks_no_page(app: App) -> None:
    raw = load_sample(SAMPLE)
    raw["applicant"]["career_focus"] = ["outpatient", "outpatient"]
    raw["writers"] = raw["writers"] + _lean_writers(raw, 2001)
    app.seed_storage(json.dumps({"profile": raw, "source": f"sample:{SAMPLE}"}))
    app.page.set_default_timeout(120_000)  # Plan and Assessment take seconds for 2,000 writers

    app.goto("start")
    notice = app.page.locator(NOTICE)
    notice.wait_for()
    text = notice.inner_text()
    assert "Career focus: a repeated choice was removed." in text, text
    assert "only the first 2,000 of 2,007 rows were kept" in text, text
    assert len(text) < 1000, text
    _data_controls(app)
    assert APPLICANT in app.sidebar_text()
    app.shot("start-notice")

    for name in PAGES:
        if name != "start":
            app.nav(name)  # no exception on any page (checked by nav)
            _data_controls(app)

    # The repaired copy was written back: a reload brings no notice back.
    stored = app.wait_stored("(s) => s !== null && s.profile.writers.length === 2000")
    assert stored is not None
    assert stored["profile"]["applicant"]["career_focus"] == ["outpatient"]
    app.reload("plan")  # the last page visited
    _restored(app)
    assert app.page.locator(NOTICE).count() == 0


def test_an_oversized_copy_never_reaches_the_server(app: App) -> None:
    raw = load_sample(SAMPLE)
    raw["writers"] = _lean_writers(raw, 30_000)
    text = json.dumps({"profile": raw, "source": None})
    assert len(text) > 4 * MAX_BYTES
    app.seed_storage(text)
    sent: list[int] = []
    app.page.on("websocket", lambda ws: ws.on("framesent", lambda f: sent.append(len(f))))

    app.goto("start")
    notice = app.page.locator(NOTICE)
    notice.wait_for()
    shown = notice.inner_text()
    assert "could not be opened" in shown and "the limit is 1 MB" in shown, shown
    assert sent and max(sent) < 64_000, f"the browser sent {max(sent):,} bytes at once"
    _data_controls(app)
    assert app.stored_text() == text  # kept until the visitor discards or replaces it
    app.shot("start-too-large")

    notice.get_by_role("button", name="Discard the saved copy").click()
    app.wait_stored("(s) => s === null")
    app.wait_idle()
    assert app.page.locator(NOTICE).count() == 0


def test_a_reload_right_after_an_edit_does_not_lose_it(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    app.nav("profile")
    app.stay_on_leave = True  # answer "Stay on page" if the browser asks
    box = app.page.locator('input[aria-label="Name (optional)"]')
    box.fill("Named just before a reload")
    box.press("Enter")
    app.page.wait_for_timeout(30)
    app.page.evaluate("() => { window.location.reload(); }")  # the visitor presses F5
    app.page.wait_for_timeout(500)
    app.wait_idle()
    # Either the edit was already stored, or the browser asked before leaving and the
    # edit was stored while the visitor stayed.
    stored = app.wait_stored(
        "(s) => s !== null && s.profile.applicant.name === 'Named just before a reload'"
    )
    assert stored is not None
    app.stay_on_leave = False
    app.reload("profile")
    app.wait_idle()
    # Restored from the browser. While the restoring run replaces the field, the old one can
    # linger for a moment: read the newest, and allow for a slow, busy machine.
    restored = app.page.locator('input[aria-label="Name (optional)"]').last
    expect(restored).to_have_value("Named just before a reload", timeout=20_000)
    print(f"dialogs while reloading right after the edit: {app.dialogs}")


def test_no_page_requests_another_host(app: App) -> None:
    urls: set[str] = set()
    app.page.context.on("request", lambda r: urls.add(r.url))
    app.page.on("websocket", lambda ws: urls.add(ws.url))
    app.goto("start")
    app.load_sample(SAMPLE)
    for name in PAGES:
        app.nav(name)
    app.reload("plan")  # the last page visited
    own = urlsplit(app.base_url).netloc
    # In-page URLs (the bridge's module is a blob: of this page; data: images) fetch nothing.
    network = {u for u in urls if urlsplit(u).scheme in {"http", "https", "ws", "wss"}}
    others = sorted(u for u in network if urlsplit(u).netloc != own)
    assert not others, f"requests to other hosts: {others}"
    assert all(urlsplit(u).scheme in {"http", "https", "ws", "wss", "blob", "data"} for u in urls)
    icons = app.page.eval_on_selector_all(
        'link[rel~="icon"], link[rel="shortcut icon"]', "(links) => links.map((l) => l.href)"
    )
    assert icons and all(urlsplit(h).netloc in {own, ""} for h in icons), icons
    favicon = [h for h in icons if h.startswith(app.base_url)]
    assert favicon, icons
    response = app.page.request.get(favicon[-1])
    assert response.ok and response.headers["content-type"].startswith("image/png")


@pytest.mark.parametrize(
    ("width", "height", "expanded"), [(390, 844, False), (1366, 768, True)], ids=["phone", "laptop"]
)
def test_the_sidebar_starts_collapsed_on_a_phone(
    browser: Any, app_url: str, width: int, height: int, expanded: bool
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(20_000)
    try:
        app = App(context.new_page(), app_url, f"sidebar-{width}x{height}")
        app.goto("start")
        sidebar = app.page.locator(SIDEBAR)
        assert sidebar.get_attribute("data-collapsed") == ("false" if expanded else "true")
        box = sidebar.bounding_box()
        visible = box is not None and box["x"] + box["width"] > 10
        assert visible == expanded, box
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        app.page.screenshot(path=str(SCREENSHOTS / f"sidebar-{width}x{height}-start.png"))
        # The storage bridge lives in the sidebar: it works collapsed as well.
        app.load_sample(SAMPLE)
        app.wait_stored("(s) => s !== null && s.source === 'sample:' + 'pediatrics-guide-example'")
        app.page.screenshot(path=str(SCREENSHOTS / f"sidebar-{width}x{height}-assessment.png"))
    finally:
        context.close()


def test_sideways_overscroll_never_navigates(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    app.nav("writers")
    values = app.page.evaluate(
        """() => ['html', 'body', '[data-testid="stMain"]', '[data-testid="stApp"]']
            .map((sel) => getComputedStyle(document.querySelector(sel)).overscrollBehaviorX)"""
    )
    assert values == ["none"] * 4, values


def test_the_server_closes_a_connection_that_sends_too_much(app_url: str) -> None:
    """A crafted client (not the app's bridge, which never sends more than the limit) that
    sends a huge stored copy is cut off before the server parses it; a copy at the limit
    still works."""
    from websockets.exceptions import ConnectionClosed

    raw = load_sample(SAMPLE)
    text = json.dumps({"profile": raw, "source": None})
    at_limit = text + " " * (MAX_BYTES - len(text.encode()))
    tab = Tab(app_url, answer_storage=False)
    try:
        tab.run()
        tab.run(json_triggers=tab.storage_answer(1, at_limit))
        assert not tab.exceptions
        assert any(APPLICANT.split(" (")[0] in t for t in tab.texts), tab.texts[:3]
    finally:
        tab.close()

    tab = Tab(app_url, answer_storage=False)
    try:
        tab.run()
        tab.send(json_triggers=tab.storage_answer(1, "x" * (5 * MAX_BYTES)))
        with pytest.raises(ConnectionClosed) as closed:
            tab.wait_run(timeout=30)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009  # too big
    finally:
        tab.close()


def _readme_headers() -> dict[str, str]:
    """The security headers the README tells a public deployment to add at its proxy."""
    from tests.e2e.harness import ROOT

    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| Header | Value |") + 2
    headers = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        name, value = (part.strip() for part in line.strip().strip("|").split("|"))
        headers[name.strip("`")] = value.split("`")[1]
    return headers


def test_the_readmes_security_headers_keep_every_page_working(
    browser: Any, chromium_path: str, app_url: str
) -> None:
    headers = _readme_headers()
    assert {
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Strict-Transport-Security",
        "X-Frame-Options",
        "Permissions-Policy",
    } <= set(headers), headers
    # A proxy would add them; here the browser's own request interception does. Chromium
    # then counts the page as not local, so its local-network check is switched off.
    args = [
        *CHROMIUM_ARGS,
        "--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets",
    ]
    own = browser.browser_type.launch(executable_path=chromium_path, headless=True, args=args)
    violations: list[str] = []
    try:
        context = own.new_context(viewport={"width": 1400, "height": 1400})
        context.set_default_timeout(30_000)

        def add_headers(route: Any) -> None:
            if route.request.resource_type != "document":
                route.continue_()
                return
            response = route.fetch()
            extra = {k.lower(): v for k, v in headers.items()}
            route.fulfill(response=response, headers={**response.headers, **extra})

        context.route(app_url + "/**", add_headers)
        app = App(context.new_page(), app_url, "security-headers")
        app.page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        app.goto("start")
        app.load_sample(SAMPLE)  # charts drawn, checked by load_sample
        app.wait_stored("(s) => s !== null")
        for name in PAGES:
            app.nav(name)
        app.reload("plan")
        _restored(app)
        app.assert_no_exception()
    finally:
        own.close()
    assert not violations, violations
