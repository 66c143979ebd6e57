"""The Start page: the size it promises is the size it accepts, and an import that worked
is not followed by a warning about replacing data."""

from __future__ import annotations

import json

from lorkit.profile_io import MAX_BYTES, profile_from_json, profile_to_json
from tests.app.conftest import (
    TITLES,
    alerts,
    assert_clean,
    goto,
    open_sample,
    page_title,
    put_profile,
    rev,
    sample_raw,
    unescape,
)

REPLACES = "replaces it"


def _upload(at, name: str, content: bytes):
    at.file_uploader(key=f"import_file_{rev(at)}").upload(name, content, "application/json").run()
    assert_clean(at, errors_ok=True)
    return at


def _own_profile(at):
    """A profile of the visitor's own (typed in, not a sample)."""
    raw = sample_raw("early-stage")
    raw["applicant"]["name"] = "My own name"
    put_profile(at, raw)
    at.session_state["profile_source"] = None
    return goto(at, "start")


def test_the_size_limit_is_stated_as_it_is_enforced(app):
    at = app()
    captions = " ".join(unescape(c.value) for c in at.main.caption)
    assert "up to 1 MB" in captions, captions
    assert MAX_BYTES == 1_048_576  # Streamlit's server.maxUploadSize = 1 is 1 MiB as well
    # A file just under the limit imports; the page promised it.
    content = profile_to_json(profile_from_json(json.dumps(sample_raw("med-peds-complete"))))
    padded = content.encode() + b" " * (MAX_BYTES - len(content.encode()))
    assert len(padded) == MAX_BYTES
    _upload(at, "at-the-limit.json", padded)
    assert [unescape(a) for a in alerts(at, "success")] == ["Imported at-the-limit.json."]


def test_a_successful_import_shows_no_replace_warning(app):
    at = _own_profile(app())
    assert any(REPLACES in a for a in alerts(at, "info"))  # before: the warning is right
    content = profile_to_json(profile_from_json(json.dumps(sample_raw("med-peds-complete"))))
    _upload(at, "advisor.json", content.encode())
    assert alerts(at, "success"), "the import did not succeed"
    assert not any(REPLACES in a for a in alerts(at, "info")), alerts(at, "info")


def test_a_failed_import_keeps_the_replace_warning(app):
    at = _own_profile(app())
    _upload(at, "broken.json", b"{not json")
    assert at.error
    assert any(REPLACES in a for a in alerts(at, "info"))


def test_open_this_sample_and_start_fresh_still_switch_page(app):
    at = open_sample(app(), "med-peds-complete")
    assert page_title(at) == TITLES["assessment"]
    at = goto(app(), "start")
    at.button(key="start_fresh").click().run()
    assert_clean(at)
    assert page_title(at) == TITLES["profile"]
