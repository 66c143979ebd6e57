"""The browser's own Print of the Assessment page (Chromium's print to PDF, Letter size):
the page's content without the sidebar, the header or any control, no chart cut in two,
and no blank sheet."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from lorkit.assessment import assess
from lorkit.profile_io import profile_from_dict
from lorkit.samples import load_sample
from tests.e2e.conftest import ARTIFACTS, App

pytestmark = pytest.mark.e2e

SAMPLES = ["early-stage", "home-country-heavy"]
# Words that only the sidebar, the navigation or a control would put on paper.
NOT_ON_PAPER = (
    "Download profile",
    "Clear my data",
    "Presenter mode",
    "Your data stays in this browser",
    "Get started",
    "Leave these letters out",
    "Choose letters to ignore",
    "One-page PDF (US Letter)",
    "Full report (.txt)",
    "matters",  # the "Why … matters" links to the Method page
)


def squeeze(text: str) -> str:
    """Text without any spacing (PDF text extraction spaces words its own way)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def laptop(browser: Any, app_url: str, request: pytest.FixtureRequest) -> Iterator[App]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    ctx.set_default_timeout(30_000)
    try:
        yield App(ctx.new_page(), app_url, request.node.name)
    finally:
        ctx.close()


@pytest.mark.parametrize("sample", SAMPLES)
def test_printing_the_assessment_leaves_out_the_sidebar_and_controls(
    laptop: App, sample: str
) -> None:
    laptop.open_sample(sample)
    pdf = laptop.page.pdf(format="Letter", print_background=True)
    (ARTIFACTS / f"print-{sample}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() or "" for page in reader.pages]
    text = squeeze("\n".join(pages))

    a = assess(profile_from_dict(load_sample(sample)), date.today())
    for t in a.tracks:
        assert squeeze(t.rules.label) in text
        assert squeeze(t.verdict.label) in text
        assert squeeze(f"{t.readiness}/100") in text
        for x in t.selected:
            assert squeeze(x.writer.name) in text, x.writer.name
    for words in NOT_ON_PAPER:
        assert squeeze(words) not in text, words
    assert all(squeeze(p) for p in pages), "a blank sheet"
    print(f"{sample}: {len(pages)} pages")  # shown with -s; see test-artifacts for the PDF


def test_the_print_style_sheet_hides_chrome_and_keeps_charts_whole(laptop: App) -> None:
    laptop.open_sample("early-stage")
    laptop.page.emulate_media(media="print")
    shown = laptop.page.evaluate(
        """() => {
            const visible = (sel) => [...document.querySelectorAll(sel)]
                .filter((e) => e.getClientRects().length > 0).length;
            const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
            return {
                sidebar: visible('[data-testid="stSidebar"]'),
                header: visible('[data-testid="stHeader"]'),
                widgets: visible('[data-testid="stMultiSelect"], [data-testid="stButton"], '
                    + '[data-testid="stDownloadButton"], [data-testid="stPageLink"], '
                    + '[data-testid="stFileUploader"]'),
                charts: charts.length,
                whole: charts.filter((c) => getComputedStyle(c).breakInside === 'avoid').length,
                first: visible('[class*="st-key-track_card_"]'),
            };
        }"""
    )
    assert shown["sidebar"] == 0 and shown["header"] == 0 and shown["widgets"] == 0, shown
    assert shown["charts"] > 0 and shown["whole"] == shown["charts"], shown
    assert shown["first"] >= 1, shown
    laptop.page.emulate_media(media="screen")
    assert laptop.page.locator('[data-testid="stSidebar"]').is_visible()
