"""Every page runs cleanly, empty and with each sample loaded."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import (
    APP,
    PAGES,
    TITLES,
    assert_clean,
    open_sample,
    page_title,
    sample_raw,
)
from tests.conftest import SAMPLE_NAMES


def _visit_all(at: AppTest) -> dict[str, str]:
    """Open every page; return what went wrong on each."""
    problems = {}
    for page, path in PAGES.items():
        at.switch_page(path).run()
        try:
            assert_clean(at)
            assert page_title(at) == TITLES[page]
            assert at.sidebar.download_button, "the sidebar was not drawn"
        except AssertionError as exc:
            problems[page] = str(exc)
    return problems


def test_every_page_runs_on_an_empty_profile(app):
    at = app()
    assert page_title(at) == TITLES["start"]
    assert _visit_all(at) == {}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_page_runs_with_each_sample(app, name):
    at = open_sample(app(), name)
    data_rev = at.session_state["data_rev"]
    assert _visit_all(at) == {}
    # just looking changes nothing: no page rewrites the data it shows
    assert at.session_state["profile"] == sample_raw(name)
    assert at.session_state["data_rev"] == data_rev


def test_start_fresh_opens_profile_with_an_empty_profile(app):
    at = open_sample(app(), "early-stage")
    at.switch_page(PAGES["start"]).run()
    at.button(key="start_fresh").click().run()
    assert_clean(at)
    assert page_title(at) == TITLES["profile"]
    raw = at.session_state["profile"]
    assert raw["writers"] == [] and raw["rotations"] == []
    assert at.session_state["profile_source"] == "fresh"


def test_deep_link_as_the_first_run_of_a_fresh_server():
    # The first request after a server (re)start, e.g. a visitor refreshing /assessment
    # after a Community Cloud app woke up. With the page files in a folder named `pages/`,
    # Streamlit ran the page without app.py here (v1 multipage mode) and crashed.
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page(PAGES["assessment"]).run()
    assert not at.exception
    assert at.sidebar.download_button
