"""Every hostile file (tests/hostile/ plus the large generated ones) uploaded on Start: the
app shows one short error, never an exception, and the data already loaded stays.

One session opens a sample and then receives every file in turn (a fresh session per file
would take minutes on a small machine); a few files also go through the whole flow in a
session of their own.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from lorkit.workspace import screen_place
from tests.app.conftest import (
    APP,
    alerts,
    assert_clean,
    goto,
    open_sample,
    profile,
    rev,
    sample_raw,
    unescape,
    walk,
)
from tests.hostile.corpus import FILES, generated

SAMPLE = "early-stage"
MAX_ERROR = 600  # characters of the error box
MAX_LISTED = 20_000  # characters of the "All N problems" list, however many problems

CASES = {p.name: (p.read_bytes(), None) for p in FILES} | {
    f"{name}.json": case for name, case in generated().items()
}


def _upload(at: AppTest, filename: str, content: bytes) -> AppTest:
    goto(at, "start")
    uploader = at.file_uploader(key=f"import_file_{rev(at)}")
    uploader.upload(filename, content, "application/json").run()
    return at


def _check(at: AppTest, filename: str, before: dict[str, Any], before_rev: int) -> str:
    assert_clean(at, errors_ok=True)  # no exception element
    errors = [unescape(e) for e in alerts(at, "error")]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{filename} was not imported: ")
    assert errors[0].endswith("Your current data is unchanged.")
    assert len(errors[0]) < MAX_ERROR, errors[0][:2000]
    assert not alerts(at, "success")
    listed = [
        t.value
        for node in walk(at.main)
        if getattr(node, "type", "") == "expandable"
        for t in getattr(node, "text", [])
    ]
    assert sum(len(t) for t in listed) < MAX_LISTED
    # the sample is still loaded, untouched
    assert profile(at) == before
    assert rev(at) == before_rev
    assert at.session_state["profile_source"] == f"sample:{SAMPLE}"
    return errors[0]


@pytest.fixture(scope="module")
def session() -> Iterator[tuple[AppTest, dict[str, Any], int]]:
    with patch_config_options({"client.showErrorDetails": "full"}):
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert_clean(at)
        open_sample(at, SAMPLE)
        before = copy.deepcopy(profile(at))
        assert before["writers"], "the sample has writers"
        yield at, before, rev(at)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_upload_is_refused_and_the_sample_stays(session, name):
    at, before, before_rev = session
    content, fragment = CASES[name]
    _upload(at, name, content)
    error = _check(at, name, before, before_rev)
    if fragment is not None:
        # The app names the place the way its pages do ("Letter writers, row 1, Name").
        where, sep, rest = fragment.partition(": ")
        assert (screen_place(where) + sep + rest if sep else fragment) in error


@pytest.mark.parametrize(
    "name",
    ["bcc-newline-name.json", "huge-int-graduation-year.json", "nested-200000-deep.json"],
)
def test_the_whole_flow_in_a_fresh_session(app, name):
    at = open_sample(app(), SAMPLE)
    before, before_rev = profile(at), rev(at)
    assert before["writers"] == sample_raw(SAMPLE)["writers"]
    _upload(at, name, CASES[name][0])
    _check(at, name, before, before_rev)
    goto(at, "assessment")  # and the app still works on the sample
    assert_clean(at)
