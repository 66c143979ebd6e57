"""The profile survives a browser reload, and an export → clear → import round trip."""

from __future__ import annotations

import json

import pytest

from lorkit.profile_io import profile_from_dict, profile_to_dict
from lorkit.samples import load_sample
from tests.e2e import forms
from tests.e2e.conftest import ARTIFACTS, App

pytestmark = pytest.mark.e2e

SAMPLE = "pediatrics-guide-example"
APPLICANT = "Amara Okafor (sample)"


def test_reload_restores_the_profile(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    app.nav("writers")
    names = forms.overview_column(app, "Name")
    forms.edit(app, "writers", 0, {"name": "Dr. Helen Reloaded"})
    names[0] = "Dr. Helen Reloaded"
    before = app.wait_stored(
        "(s, name) => s !== null && s.profile.writers[0].name === name", names[0]
    )
    app.wait_idle()

    # A reload starts a new Streamlit session: the profile comes back from localStorage.
    app.reload("writers")
    forms.wait_overview_column(app, "Name", names)
    app.wait_idle()
    assert APPLICANT in app.sidebar_text()
    app.check_page("writers-reloaded")
    assert app.stored() == before

    app.nav("assessment")
    app.wait_charts()
    assert "Dr. Helen Reloaded" in app.main_text()

    # Reloading on the Assessment page itself draws the restored assessment.
    app.reload("assessment")
    app.wait_main_text("Dr. Helen Reloaded")
    assert app.wait_charts() == 4
    app.wait_idle()
    app.check_page("assessment-reloaded")
    assert app.stored() == before


def test_export_clear_import_round_trip(app: App) -> None:
    app.goto("start")
    app.load_sample(SAMPLE)
    stored = app.wait_stored("(s) => s !== null")
    assert stored["source"] == f"sample:{SAMPLE}"

    # Export from the sidebar.
    with app.page.expect_download() as info:
        app.page.locator(".st-key-download_profile button").click()
    download = info.value
    assert download.suggested_filename == "lorkit-profile-amara-okafor-sample.json"
    target = ARTIFACTS / "downloads" / download.suggested_filename
    target.parent.mkdir(parents=True, exist_ok=True)
    download.save_as(target)
    exported = json.loads(target.read_text("utf-8"))
    assert exported == profile_to_dict(profile_from_dict(load_sample(SAMPLE)))

    # Clear everything.
    app.page.locator('[data-testid="stPopover"] button').filter(has_text="Clear my data").click()
    app.page.locator(".st-key-confirm_clear button").click()
    app.wait_stored("(s) => s === null")
    app.wait_idle()
    sidebar = app.sidebar_text()
    assert sidebar.startswith("Your application") and APPLICANT not in sidebar, sidebar
    app.nav("writers")
    assert forms.overview_column(app, "Name") == []
    app.nav("experiences")
    assert forms.overview_column(app, "Institution") == []
    assert app.stored() is None

    # Import the downloaded file on the Start page.
    app.nav("start")
    app.page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(target)
    app.page.get_by_text(f"Imported {target.name}.").wait_for()
    stored = app.wait_stored("(s) => s !== null")
    app.wait_idle()
    app.check_page("start-imported")
    assert stored["profile"] == exported
    assert stored["source"] == f"file:{target.name}"
    assert APPLICANT in app.sidebar_text()

    app.nav("assessment")
    assert app.wait_charts() == 4
    app.nav("writers")
    forms.wait_overview_column(app, "Name", [w["name"] for w in exported["writers"]])

    # And the app exports the same file again.
    with app.page.expect_download() as info:
        app.page.locator(".st-key-download_profile button").click()
    again = info.value
    assert json.loads(again.path().read_text("utf-8")) == exported
