"""The hostile corpus: the crafted files in this folder, the large attacks generated on the
fly, and what each one's message must mention. Shared by the CLI test
(tests/unit/test_hostile_corpus.py) and the app test (tests/app/test_hostile_import.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from lorkit.profile_io import MAX_BYTES

HERE = Path(__file__).resolve().parent
FILES = sorted(HERE.glob("*.json"))

# A fragment each file's message must contain (its place or its reason).
EXPECTED = {
    "all-problems-at-once.json": "applicant.graduation_year: expected a whole number",
    "applicant-as-list.json": "applicant: expected an object",
    "bad-id.json": "writers[0].id: ",
    "bcc-newline-name.json": "writers[0].name: contains a line break",
    "bidi-isolate-title.json": "writers[0].title: contains an invisible text-direction",
    "bidi-override-name.json": "writers[0].name: contains an invisible text-direction",
    "blank-applicant-name.json": "applicant.name: has only invisible characters",
    "c1-control-institution.json": "rotations[0].institution: contains a control character",
    "control-char-notes.json": "writers[0].notes: contains a control character",
    "control-chars-name.json": "writers[0].name: contains a control character",
    "dangling-rotation-id.json": "writers[0].rotation_id: no experience has the id",
    "date-out-of-range.json": "applicant.submission_date: 9999-12-31 is outside",
    "deep-nesting.json": "nested too deeply",
    "double-bom.json": "byte order mark",
    "duplicate-career-focus.json": "applicant.career_focus[2]: career focus 'outpatient' is listed",
    "duplicate-key.json": "writers[0].status: this key appears more than once",
    "duplicate-track.json": "applicant.tracks[1]: track 'pediatrics' is listed twice",
    "empty.json": "the file is empty",
    "huge-float.json": "applicant.graduation_year: a number written with 5,005 characters",
    "huge-int-graduation-year.json": "applicant.graduation_year: a number with 5,000 digits",
    "huge-int-version.json": "version: a number with 5,000 digits",
    "infinity-year.json": "applicant.graduation_year: -Infinity is not a number JSON allows",
    "lone-surrogate-name.json": "writers[0].name: contains an invalid character",
    "long-enum-value.json": "(4,900 characters) is not allowed",
    "long-name.json": "writers[0].name: at most 120 characters (this has 5,000)",
    "long-unknown-key.json": "(5,000 characters): unknown field",
    "nan-year.json": "applicant.graduation_year: NaN is not a number JSON allows",
    "no-format.json": "this is not a lorkit profile",
    "not-json.csv.json": "line 1, column 1: not valid JSON",
    "not-utf8.json": "not UTF-8",
    "raw-bidi-name.json": "writers[0].name: contains an invisible text-direction",
    "raw-escape-byte.json": "not valid JSON (a line break, tab or control character",
    "string-boolean.json": "writers[0].waived: expected true or false",
    "string-year.json": "applicant.graduation_year: expected a whole number written without",
    "tab-in-name.json": "writers[0].name: contains a tab",
    "timestamp-date.json": "rotations[0].start: expected a date like",
    "too-long-draft.json": "writers[0].drafts.ask: at most 6,000 characters (this has 6,001)",
    "top-level-array.json": "expected a JSON object at the top level",
    "top-level-string.json": "expected a JSON object at the top level",
    "truncated.json": "not valid JSON",
    "unknown-draft-kind.json": "writers[0].drafts: 'bcc' is not allowed",
    "utf16-bom.json": "not UTF-8 text (it looks like UTF-16)",
    "version-as-text.json": "version: expected a whole number",
    "wrong-format.json": "got 'lorkit-assessment': this is not a lorkit profile",
    "wrong-types.json": "rotations: expected a list (and 1 more problem)",
    "wrong-version.json": "version: version 2 is newer than this lorkit reads",
    "zero-width-only-name.json": "writers[0].name: is blank",
}


def base() -> dict[str, Any]:
    """The small valid profile every crafted file starts from."""
    return json.loads((HERE / "wrong-version.json").read_text(encoding="utf-8")) | {"version": 1}


def _with(change: Any) -> bytes:
    data = copy.deepcopy(base())
    change(data)
    return json.dumps(data).encode()


def _writers(n: int, **fields: Any) -> Any:
    def change(d: dict[str, Any]) -> None:
        d["writers"] = [dict(d["writers"][0], id=f"w{i}", **fields) for i in range(n)]

    return change


def _rotations(n: int) -> Any:
    def change(d: dict[str, Any]) -> None:
        d["rotations"] = [dict(d["rotations"][0], id=f"r{i}") for i in range(n)]
        d["writers"][0]["rotation_id"] = "r0"

    return change


def generated() -> dict[str, tuple[bytes, str]]:
    """The large attacks, made here rather than committed: name → (content, fragment)."""
    huge = 900_000
    deep = 200_000
    return {
        "huge-name": (
            _with(lambda d: d["writers"][0].update(name="A" * huge)),
            f"writers[0].name: at most 120 characters (this has {huge:,})",
        ),
        "huge-enum-value": (
            _with(lambda d: d["writers"][0].update(status="x" * huge)),
            f"({huge:,} characters) is not allowed",
        ),
        "huge-unknown-key": (
            _with(lambda d: d["writers"][0].update({"k" * huge: 1})),
            f"({huge:,} characters): unknown field",
        ),
        "2001-writers": (
            _with(_writers(2001)),
            "writers: at most 2,000 letter writers (this has 2,001)",
        ),
        "2001-experiences": (
            _with(_rotations(2001)),
            "rotations: at most 2,000 experiences (this has 2,001)",
        ),
        "300-bad-writers": (
            _with(_writers(300, status="maybe")),
            "(and 299 more problems)",
        ),
        "over-1-MiB": (
            _with(lambda d: d["applicant"].update(name="x" * MAX_BYTES)),
            "the limit is 1 MB (1,048,576 bytes)",
        ),
        "nested-200000-deep": (b"[" * deep + b"]" * deep, "nested too deeply"),
        "many-huge-numbers": (
            ("[" + ",".join(["9" * 4400] * 200) + "]").encode(),
            "a number with 4,400 digits is too long",
        ),
    }
