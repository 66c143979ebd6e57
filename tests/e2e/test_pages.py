"""Open each sample from Start and walk every page with the sidebar navigation."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import CHART, ROOT, App

pytestmark = pytest.mark.e2e

# Charts on Assessment: readiness, then per track a coverage chart and its tier ladder
# (Pediatrics) or slot chart (Med-Peds), then letter ages; and the scenarios chart for a
# sample that ships scenarios.
EXPECTED_CHARTS = {
    "pediatrics-guide-example": 4,
    "med-peds-complete": 6,
    "home-country-heavy": 5,
    "early-stage": 6,
}


@pytest.mark.parametrize("sample", list(EXPECTED_CHARTS))
def test_every_page_renders_a_sample(app: App, sample: str) -> None:
    raw = json.loads((ROOT / "lorkit" / "data" / "samples" / f"{sample}.json").read_text("utf-8"))
    name = raw["applicant"]["name"]

    app.goto("start")
    app.load_sample(sample)  # lands on Assessment
    assert app.wait_charts() == EXPECTED_CHARTS[sample]
    assert name in app.sidebar_text()

    for page in ("profile", "experiences", "writers", "plan", "method", "start", "assessment"):
        app.nav(page)
        assert name in app.sidebar_text(), f"the sidebar lost the profile on {page}"
        if page == "plan":
            # the timeline and the pipeline
            assert app.wait_charts() == 2

    # Back on Assessment (through the navigation, not a reload): every chart drawn again.
    assert app.wait_charts() == EXPECTED_CHARTS[sample]
    marks = app.page.locator(CHART).evaluate_all(
        "(charts) => charts.map((c) => c.querySelectorAll('.role-mark > *').length)"
    )
    assert all(n > 0 for n in marks), f"a chart drew no marks: {marks}"
    app.assert_no_exception()
