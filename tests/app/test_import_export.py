"""Importing profile files on Start, and the sidebar's download coming back in unchanged."""

from __future__ import annotations

import json

import pytest

from lorkit.profile_io import MAX_BYTES, profile_from_json, profile_to_dict, profile_to_json
from lorkit.workspace import check, export_profile
from tests.app.conftest import (
    alerts,
    assert_clean,
    download_file,
    edit_row,
    engine,
    expected_results,
    goto,
    open_sample,
    profile,
    rev,
    sample_raw,
    shown_results,
    unescape,
)


def upload(at, filename: str, content: bytes):
    goto(at, "start")
    uploader = at.file_uploader(key=f"import_file_{rev(at)}")
    uploader.upload(filename, content, "application/json").run()
    assert_clean(at, errors_ok=True)
    return at


def test_a_valid_file_replaces_the_data(app):
    at = open_sample(app(), "pediatrics-guide-example")
    content = profile_to_json(profile_from_json(json.dumps(sample_raw("med-peds-complete"))))
    old_rev = rev(at)
    upload(at, "advisor copy.json", content.encode())

    assert [unescape(s) for s in alerts(at, "success")] == ["Imported advisor copy.json."]
    assert not at.error
    assert profile(at) == profile_to_dict(profile_from_json(content))
    assert at.session_state["profile_source"] == "file:advisor copy.json"
    assert rev(at) == old_rev + 1
    goto(at, "assessment")
    assert shown_results(at) == expected_results(engine(sample_raw("med-peds-complete")))


def _sample_with(**changes) -> bytes:
    raw = sample_raw("early-stage")
    for path, value in changes.items():
        target = raw
        *head, last = path.split("__")
        for part in head:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
    return json.dumps(raw).encode()


BAD_FILES = {
    "bad date and unknown field": (
        _sample_with(writers__0__letter_date="2026-13-01", writers__0__nickname="Zed"),
        "Letter writers, row 1, Letter date",
    ),
    "unknown enum value": (
        _sample_with(rotations__1__kind="shadowing"),
        "Experiences, row 2, Kind",
    ),
    "newer version": (_sample_with(version=2), "version"),
    "not a lorkit profile": (json.dumps({"format": "something-else"}).encode(), "format"),
    "not JSON": (b"name,status\nDr. A,asked\n", "line 1, column 1"),
    "not UTF-8": (b'{"format": "lorkit-profile", "x": "\xff\xfe"}', "UTF-8"),
    "nested too deeply": (b"[" * 200_000, "nested too deeply"),
    "over the 1 MB limit": (
        json.dumps({**json.loads(_sample_with()), "padding": "x" * MAX_BYTES}).encode(),
        "the limit is 1 MB (1,048,576 bytes)",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_refused_by_place_and_changes_nothing(app, case):
    content, place = BAD_FILES[case]
    at = open_sample(app(), "home-country-heavy")
    edit_row(at, "writers", 0, {})  # the data has been through a form, as in real use
    before, before_rev = profile(at), rev(at)

    upload(at, "their-file.json", content)

    errors = [unescape(e) for e in alerts(at, "error")]
    assert len(errors) == 1, errors
    assert errors[0].startswith("their-file.json was not imported: ")
    assert place in errors[0]
    assert errors[0].endswith("Your current data is unchanged.")
    assert not alerts(at, "success")
    assert profile(at) == before
    assert rev(at) == before_rev
    assert at.session_state["profile_source"] == "sample:home-country-heavy"


def test_every_problem_of_a_bad_file_is_listed(app):
    at = app()
    content, _ = BAD_FILES["bad date and unknown field"]
    upload(at, "p.json", content)
    assert "(and 1 more problem)" in unescape(at.error[0].value)
    assert at.expander[0].label == "All 2 problems"
    listed = at.expander[0].text[0].value.splitlines()
    assert listed == [
        "Letter writers, row 1, Letter date: 2026-13-01 is not a real calendar date",
        "Letter writers, row 1, nickname: unknown field (check the spelling)",
    ]


def test_the_downloaded_profile_imports_back_unchanged(app):
    at = open_sample(app(), "med-peds-complete")
    edit_row(at, "writers", 1, {"status": "hesitant", "knows_goal": False})
    goto(at, "assessment")
    before = profile(at)
    results = shown_results(at)

    button = at.sidebar.download_button(key="download_profile")
    file = download_file(button)
    data = file.content
    assert (file.filename, file.mimetype) == (
        "lorkit-profile-mateo-silva-sample.json",
        "application/json",
    )
    assert data.decode() == profile_to_json(export_profile(check(before)))
    assert json.loads(data)["writers"][1]["status"] == "hesitant"

    at.button(key="confirm_clear").click().run()  # start from nothing, then import
    assert profile(at)["writers"] == []
    upload(at, "lorkit-profile.json", data)
    assert not at.error
    assert profile(at) == before
    goto(at, "assessment")
    assert shown_results(at) == results


def test_clearing_the_data_drops_the_import_message(app):
    at = upload(app(), "mine.json", json.dumps(sample_raw("early-stage")).encode())
    assert alerts(at, "success")
    at.sidebar.button(key="confirm_clear").click().run()
    assert profile(at)["writers"] == []
    assert not alerts(at, "success"), "Start still says the file was imported"
