"""The one-page PDF downloads from the Assessment page in a real browser: one page, the
applicant's name and each track's verdict on it, and the what-if named when one is on."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lorkit.profile_io import load_profile
from tests.conftest import SAMPLES_DIR
from tests.e2e.conftest import ARTIFACTS, App

pytestmark = pytest.mark.e2e

SAMPLE = "med-peds-complete"


def download_pdf(app: App, paper: str) -> tuple[str, bytes]:
    with app.page.expect_download(timeout=60_000) as info:
        app.page.locator(f".st-key-pdf_{paper} button").click()
    download = info.value
    target = ARTIFACTS / "downloads" / download.suggested_filename
    target.parent.mkdir(parents=True, exist_ok=True)
    download.save_as(target)
    return download.suggested_filename, target.read_bytes()


def text_of(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join((p.extract_text() or "") for p in reader.pages)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_one_page_pdf_downloads(app: App, paper: str) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    name, data = download_pdf(app, paper)
    assert name.endswith(f"-{paper}.pdf")
    assert data.startswith(b"%PDF")
    pages, text = text_of(data)
    assert pages == 1
    profile = load_profile(SAMPLES_DIR / f"{SAMPLE}.json")
    squeezed = "".join(text.split())
    assert "".join((profile.applicant.name or "").split()) in squeezed
    app.assert_no_exception()


def test_the_pdf_names_the_what_if(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    profile = load_profile(SAMPLES_DIR / f"{SAMPLE}.json")
    left_out = profile.writers[0].name
    box = app.page.get_by_role("combobox", name="Leave these letters out")
    box.click()
    app.page.get_by_role("option", name=left_out, exact=True).click()
    app.page.keyboard.press("Escape")
    app.wait_idle()
    _, data = download_pdf(app, "letter")
    pages, text = text_of(data)
    assert pages == 1
    squeezed = "".join(text.split())
    assert "What-if" in text or "what-if" in text.lower()
    assert "".join(left_out.split()) in squeezed
