"""Hardening against hostile files and values (issue 8): bounded numbers and messages, plain
words, every problem at once, one loading path, safe text, escaped output, a strict CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lorkit import profile_io
from lorkit.assessment import assess
from lorkit.calendar_export import calendar_bytes
from lorkit.cli import main
from lorkit.emails import draft
from lorkit.enums import DraftKind
from lorkit.models import Profile
from lorkit.profile_io import (
    MAX_BYTES,
    MAX_PROBLEMS,
    ProfileError,
    load_profile,
    profile_from_dict,
    profile_from_json,
    profile_to_json,
    read_json,
)
from lorkit.report import text_report
from lorkit.samples import sample_path
from lorkit.text_safety import for_terminal, one_line, shown
from tests.conftest import AS_OF, ROOT
from tests.unit.builders import letter_pair, make_profile, profile_dict

EARLY = sample_path("early-stage")

# Wording that belongs to pydantic or to Python, never to a lorkit message.
LEAKS = re.compile(
    r"Input should|should have|String should|after validation|Value error|valid integer|"
    r"valid string|valid dictionary|pattern|Field required|Extra inputs|unicode string|"
    r"Expecting|delimiter|utf-8-sig|\[type=",
)


def early() -> dict[str, Any]:
    return json.loads(EARLY.read_text(encoding="utf-8"))


def refused(data: Any) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        if isinstance(data, (str, bytes)):
            profile_from_json(data)
        else:
            profile_from_dict(data)
    return caught.value


def messages(data: Any) -> list[str]:
    return [str(p) for p in refused(data).problems]


def only(data: Any) -> str:
    (problem,) = messages(data)
    return problem


def changed(change: Any) -> dict[str, Any]:
    data = early()
    change(data)
    return data


# --- 1. numbers too long to read ---------------------------------------------------------


@pytest.mark.parametrize("field", ["graduation_year", "version"])
def test_a_number_of_5000_digits_is_refused_by_place_not_with_a_crash(field):
    text = json.dumps(early())
    text = (
        text.replace('"version": 1', '"version": ' + "9" * 5000)
        if field == "version"
        else text.replace('"graduation_year": 2025', '"graduation_year": ' + "9" * 5000)
    )
    problem = only(text)
    where = "version" if field == "version" else "applicant.graduation_year"
    assert problem.startswith(f"{where}: a number with 5,000 digits is too long")
    assert len(problem) < 200


def test_numbers_are_bounded_while_parsing_at_max_digits():
    ok = "1" * profile_io.MAX_DIGITS
    assert read_json(f"[{ok}, -{ok}]") == [int(ok), -int(ok)]
    with pytest.raises(ProfileError) as caught:
        read_json(f'{{"a": [1, {ok}1]}}')
    assert str(caught.value.problems[0]).startswith("a[1]: a number with 101 digits")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_by_place(constant):
    text = json.dumps(early()).replace('"graduation_year": 2025', f'"graduation_year": {constant}')
    assert only(text) == f"applicant.graduation_year: {constant} is not a number JSON allows"


def test_a_key_given_twice_in_one_object_is_refused():
    text = json.dumps(early()).replace(
        '"needs_visa": true', '"needs_visa": true, "needs_visa": false'
    )
    assert only(text).startswith("applicant.needs_visa: this key appears more than once")


def test_a_huge_number_in_a_file_on_disk_gives_the_same_message(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"format": "lorkit-profile", "version": int("9" * 4000)}))
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.summary().startswith("version: a number with 4,000 digits")


# --- 2. bad values are never repeated in full ----------------------------------------------

HUGE = 900_000


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: d["writers"][0].update(status="x" * HUGE), "writers[0].status: "),
        (lambda d: d["writers"][0].update(name="x" * HUGE), "writers[0].name: "),
        (lambda d: d["writers"][0].update({"k" * HUGE: 1}), "writers[0].kkkk"),
        (lambda d: d["applicant"].update(tracks=["t" * HUGE]), "applicant.tracks[0]: "),
        (lambda d: d.update(version="v" * HUGE), "version: "),
        (lambda d: d.update(format="f" * HUGE), "format: "),
        (lambda d: d["writers"][1].update(rotation_id="r" * HUGE), "writers[1].rotation_id: "),
        (lambda d: d["rotations"][0].update(kind=["k" * HUGE] * 1000), "rotations[0].kind: "),
    ],
    ids=["enum", "name", "key", "track", "version", "format", "reference", "list"],
)
def test_a_huge_bad_value_is_cut_short_in_the_message(change, place):
    exc = refused(changed(change))
    summary = exc.summary()
    assert summary.startswith(place)
    assert len(summary) < 400, summary[:1000]
    assert len(str(exc)) < 400


def test_a_cut_value_says_how_long_it_was():
    assert shown("x" * HUGE) == f"'{'x' * 40}…' ({HUGE:,} characters)"
    assert shown("short") == "'short'"
    assert shown("a\x1bb\u202ec") == "'a\\x1bb\\u202ec'"
    assert len(shown(list(range(HUGE)))) <= 81
    assert shown(int("9" * 4000)) == "a number with over 40 digits"


# --- 3. plain words, no library wording --------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d.update(writers=[dict(d["writers"][0], id=f"w{i}") for i in range(2001)]),
            "writers: at most 2,000 letter writers (this has 2,001)",
        ),
        (
            lambda d: d["rotations"].extend(
                dict(d["rotations"][0], id=f"r{i}") for i in range(2001 - len(d["rotations"]))
            ),
            "rotations: at most 2,000 experiences (this has 2,001)",
        ),
        (
            lambda d: d["writers"][0].update(name="n" * 5000),
            "writers[0].name: at most 120 characters (this has 5,000)",
        ),
        (
            lambda d: d["rotations"][0].update(institution="i" * 201),
            "rotations[0].institution: at most 200 characters (this has 201)",
        ),
        (
            lambda d: d["writers"][0].update(id="w 1"),
            "writers[0].id: 'w 1' is not a valid id: use letters, digits, - _ . "
            "(up to 40 characters, starting with a letter or digit)",
        ),
        (
            lambda d: d["writers"][0].update(id="w" * 41),
            "writers[0].id: use letters, digits, - _ . (up to 40 characters, starting with a "
            "letter or digit); this has 41",
        ),
        (
            lambda d: d["applicant"].update(graduation_year="2023"),
            "applicant.graduation_year: expected a whole number written without quotes, "
            "such as 2023, not text",
        ),
        (
            lambda d: d["applicant"].update(graduation_year=2023.0),
            "applicant.graduation_year: expected a whole number, not 2023.0",
        ),
        (
            lambda d: d["applicant"].update(graduation_year=1949),
            "applicant.graduation_year: must be 1950 or more, not 1949",
        ),
        (
            lambda d: d["applicant"].update(graduation_year=2101),
            "applicant.graduation_year: must be 2100 or less, not 2101",
        ),
        (
            lambda d: d["writers"][0].update(waived="true"),
            "writers[0].waived: expected true or false",
        ),
        (lambda d: d["writers"][0].update(waived=1), "writers[0].waived: expected true or false"),
        (
            lambda d: d["writers"][0].update(name=5),
            "writers[0].name: expected text in quotes, not 5",
        ),
        (lambda d: d["writers"][0].update(name=" "), "writers[0].name: this field is required"),
        (lambda d: d["applicant"].update(tracks=[]), "applicant.tracks: needs at least 1 track"),
        (lambda d: d.update(rotations={}), "rotations: expected a list"),
        (lambda d: d.update(applicant="me"), "applicant: expected an object"),
        (
            lambda d: d["writers"][0].update(drafts={"bcc": "x"}),
            "writers[0].drafts: 'bcc' is not allowed; use one of 'mention', 'ask', 'packet' "
            "or 'reminder'",
        ),
        (
            lambda d: d["writers"][0].update(drafts={"ask": "x" * 6001}),
            "writers[0].drafts.ask: at most 6,000 characters (this has 6,001)",
        ),
        (
            lambda d: d["writers"][0].update(notes="x" * 1001),
            "writers[0].notes: at most 1,000 characters (this has 1,001)",
        ),
        (
            lambda d: d["writers"][0].update(name="\ud800"),
            "writers[0].name: contains an invalid character (an unpaired surrogate)",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 60 else None,
)
def test_each_kind_of_error_is_in_plain_words(change, expected):
    assert only(changed(change)) == expected


def test_no_message_leaks_library_wording():
    hostile = [
        lambda d: d["writers"][0].update(status=None, role=[1], waived="yes", id="", name=[]),
        lambda d: d["applicant"].update(tracks="pediatrics", career_focus=[[]], needs_visa=None),
        lambda d: d["rotations"][0].update(start=None, end=[], specialty={}, location=3),
        lambda d: d.update(rotations=[1, "x", None], writers=[{}]),
        lambda d: d["writers"][0].update(packet="cv", steps_done=[1], drafts=[]),
        lambda d: d["writers"][0].update(drafts={"ask": 3, "x": "y"}, notes=[]),
        lambda d: d["applicant"].update(graduation_year=True, submission_date=True),
    ]
    for change in hostile:
        for message in messages(changed(change)):
            assert not LEAKS.search(message), message
    for text in ["", "{", '{"a" 1}', '"abc', '{"a":"\t"}', '"\\q"', "{} x", "\ufeff\ufeff{}"]:
        for message in messages(text):
            assert not LEAKS.search(message), message


def test_booleans_stay_strict():
    for value in ("true", 1, 0, "yes", None):
        assert only(changed(lambda d, v=value: d["applicant"].update(needs_visa=v))).startswith(
            "applicant.needs_visa: "
        )


# --- 4. every problem at once ------------------------------------------------------------------


def test_field_errors_and_cross_field_errors_come_together_in_file_order():
    def many(d):
        d["applicant"]["career_focus"] = ["primary-care", "primary-care"]
        d["applicant"]["graduation_year"] = "2023"
        d["rotations"][1]["end"] = "2020-01-01"  # before it starts
        d["rotations"][2]["id"] = "r-home"  # a repeat
        d["rotations"][3]["kind"] = "shadowing"
        d["writers"][0]["status"] = "maybe"
        d["writers"][1]["id"] = "w-home"  # a repeat
        d["writers"][1]["rotation_id"] = "r-gone"

    assert [p.split(": ")[0] for p in messages(changed(many))] == [
        "applicant.graduation_year",
        "applicant.career_focus[1]",
        "rotations[1].end",
        "rotations[2].id",
        "rotations[3].kind",
        "writers[0].status",
        "writers[1].id",
        "writers[1].rotation_id",
    ]


def test_an_invalid_row_still_counts_for_references_and_repeats():
    # The experience has a bad kind, yet its id exists: the writer's link is not "dangling".
    data = changed(lambda d: d["rotations"][1].update(kind="shadowing"))
    assert [p.split(": ")[0] for p in messages(data)] == ["rotations[1].kind"]


def test_the_list_of_problems_is_capped_and_counts_the_rest():
    data = changed(
        lambda d: d.update(
            writers=[dict(d["writers"][0], id=f"w{i}", status="x") for i in range(300)]
        )
    )
    exc = refused(data)
    assert exc.total == 300
    assert len(exc.problems) == MAX_PROBLEMS == 50
    assert exc.summary().endswith("(and 299 more problems)")
    lines = exc.lines()
    assert len(lines) == 51
    assert lines[-1] == "… and 250 more problems"


# --- 5. one loading path with one set of limits -----------------------------------------------


def test_the_size_limit_is_one_mebibyte_like_the_upload_limit():
    assert MAX_BYTES == 1_048_576
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r"^maxUploadSize\s*=\s*1\s*$", config, flags=re.MULTILINE)


@pytest.mark.parametrize("kind", ["str", "bytes"])
def test_read_json_checks_the_size_before_parsing(kind, monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed an oversized input")

    monkeypatch.setattr(profile_io.json, "loads", no_parsing)
    text = "[" * (MAX_BYTES + 1)
    with pytest.raises(ProfileError) as caught:
        read_json(text if kind == "str" else text.encode())
    at_least = "at least " if kind == "str" else ""
    assert caught.value.summary() == (
        f"the file is {at_least}{MAX_BYTES + 1:,} bytes; the limit is 1 MB (1,048,576 bytes)"
    )


def test_every_size_message_states_the_limit_the_same_way(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_BYTES + 10))
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.summary().endswith("the limit is 1 MB (1,048,576 bytes)")


def test_read_json_refuses_non_utf8_utf16_and_deep_nesting():
    with pytest.raises(ProfileError, match="not UTF-8"):
        read_json(b'{"a": "\xff"}')
    with pytest.raises(ProfileError, match="UTF-16"):
        read_json('{"a": 1}'.encode("utf-16"))
    assert read_json(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}
    assert read_json('\ufeff{"a": 1}') == {"a": 1}
    limit = profile_io.MAX_DEPTH
    assert read_json("[" * limit + "]" * limit) is not None
    with pytest.raises(ProfileError, match="nested too deeply"):
        read_json("[" * (limit + 1) + "]" * (limit + 1))
    with pytest.raises(ProfileError, match="nested too deeply"):
        read_json("[" * 300_000)


def test_profile_from_json_and_load_profile_share_read_json(tmp_path, monkeypatch):
    calls = []
    real = profile_io.read_json

    def counted(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(profile_io, "read_json", counted)
    text = EARLY.read_text(encoding="utf-8")
    profile_from_json(text)
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    load_profile(path)
    assert len(calls) == 2


# --- 6. names and free text ----------------------------------------------------------------

Place = tuple[str, int | None, str]  # (section, row index or None, field)

ONE_LINE_FIELDS: list[Place] = [
    ("applicant", None, "name"),
    ("rotations", 0, "institution"),
    ("writers", 0, "name"),
    ("writers", 0, "title"),
]
MULTI_LINE_FIELDS: list[Place] = [("rotations", 0, "notes"), ("writers", 0, "notes")]


def put(section: str, index: int | None, field: str, value: Any) -> dict[str, Any]:
    data = early()
    target = data[section] if index is None else data[section][index]
    target[field] = value
    return data


def where(section: str, index: int | None, field: str) -> str:
    return f"{section}.{field}" if index is None else f"{section}[{index}].{field}"


@pytest.mark.parametrize("place", ONE_LINE_FIELDS, ids=lambda p: where(*p))
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Dr. \x1b[31mRed", "contains a control character (U+001B)"),
        ("Dr. \x9bRed", "contains a control character (U+009B)"),
        ("Dr. \x00Nul", "contains a control character (U+0000)"),
        ("Dr. Ada\nBcc: x@example.com", "contains a line break; keep it on one line"),
        ("Dr. Ada\rStone", "contains a line break; keep it on one line"),
        ("Dr.\tAda", "contains a tab; keep it on one line"),
        ("Dr. Ada\u2028Stone", "contains a line break; keep it on one line"),
        ("Dr. \u202egnitirw", "contains an invisible text-direction override character (U+202E)"),
        ("Dr. \u202aAda", "contains an invisible text-direction override character (U+202A)"),
        ("Dr. \u2066Ada\u2069", "contains an invisible text-direction override character (U+2066)"),
    ],
    ids=["esc", "c1", "nul", "newline", "cr", "tab", "line-separator", "rlo", "lre", "lri"],
)
def test_one_line_fields_refuse_control_and_direction_characters(place: Place, value, message):
    problem = only(put(*place, value))
    assert problem.startswith(f"{where(*place)}: {message}")


@pytest.mark.parametrize("place", ONE_LINE_FIELDS, ids=lambda p: where(*p))
@pytest.mark.parametrize(
    "value",
    ["\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\u3164", "\u200e\u200f", " \u00a0\u3000\u200b"],
    ids=["zwsp", "zero-widths", "hangul-filler", "direction-marks", "spaces"],
)
def test_an_invisible_only_name_is_blank(place: Place, value):
    problem = only(put(*place, value))
    assert problem.startswith(f"{where(*place)}: ")
    assert "blank" in problem or "only invisible characters" in problem


@pytest.mark.parametrize(
    "name",
    [
        "د. فاطمة الزهراء",  # Arabic
        "می\u200cخواهم رضایی",  # Persian with a zero-width non-joiner
        "डॉ. क्ष\u200dत्रिय",  # Devanagari with a zero-width joiner
        "王小明",
        "Dr. Zoë Ñúñez-O'Brien",
        "\u200fد. علي\u200f (Ali)",  # right-to-left marks around a mixed-script name
    ],
)
def test_names_in_any_script_stay_valid(name):
    for place in ONE_LINE_FIELDS:
        data = put(*place, name)
        profile = profile_from_dict(data)
        assert name in profile_to_json(profile)


@pytest.mark.parametrize("place", MULTI_LINE_FIELDS, ids=lambda p: where(*p))
def test_notes_keep_line_breaks_and_tabs_but_refuse_other_controls(place: Place):
    profile = profile_from_dict(put(*place, "First line\r\n\tindented\rthird"))
    holder = profile.rotations[0] if place[0] == "rotations" else profile.writers[0]
    assert holder.notes == "First line\n\tindented\nthird"
    assert (
        only(put(*place, "a\nb\x1b[2J"))
        == f"{where(*place)}: contains a control character (U+001B)"
    )
    assert only(put(*place, "n" * 1001)).startswith(f"{where(*place)}: at most 1,000 characters")


def test_notes_are_optional_and_default_to_none():
    data = early()
    for row in data["rotations"] + data["writers"]:
        row.pop("notes", None)
    profile = profile_from_dict(data)
    assert all(r.notes is None for r in profile.rotations)
    assert all(w.notes is None for w in profile.writers)
    data["writers"][0]["notes"] = "Met weekly; prefers e-mail."
    assert profile_from_dict(data).writers[0].notes == "Met weekly; prefers e-mail."


def test_an_edited_draft_is_multi_line_text():
    draft_text = "Subject: Hi\n\nDear Dr. Ada,\n\tThank you.\n"
    data = put("writers", 0, "drafts", {"ask": draft_text})
    assert profile_from_dict(data).writers[0].drafts[DraftKind.ASK] == draft_text.strip()
    assert "U+0007" in only(put("writers", 0, "drafts", {"ask": "Hi\x07"}))


# --- 7. escaped output: the text report, e-mail drafts, the calendar ---------------------------

EVIL = "Evil\x1b[2J\x1b]0;owned\x07\nFinding: FAKE LINE\r\u202eredaeh\u2066x\u2069\x85"


def bypassed() -> Profile:
    """A profile whose names skipped validation (set after loading), as a bug might allow."""
    profile = make_profile([letter_pair(1), letter_pair(2), letter_pair(3)], tracks=("med-peds",))
    profile.applicant.name = EVIL
    profile.writers[0].name = EVIL
    profile.rotations[0].institution = EVIL
    return profile


def _clean(text: str, *, newlines: bool) -> None:
    allowed = {"\n"} if newlines else set()
    bad = [c for c in text if (not c.isprintable() and c not in allowed) or c in "\u202e\u2066"]
    assert bad == [], sorted(set(bad))


def test_the_text_report_escapes_user_text():
    report = text_report(assess(bypassed(), AS_OF))
    _clean(report, newlines=True)
    assert not any(line.startswith("Finding: FAKE") for line in report.splitlines())
    assert "Evil\\x1b[2J" in report  # shown, escaped


def test_a_line_break_in_a_name_cannot_add_an_email_header():
    profile = bypassed()
    writer = profile.writers[0]
    profile.writers[0].name = "Dr. Ada\nBcc: attacker@example.com"
    for kind in DraftKind:
        d = draft(profile, writer, kind)
        assert "\n" not in d.subject and "\r" not in d.subject
        header, _, _ = d.text.partition("\n\n")
        assert header.count("\n") == 0 and header.startswith("Subject: ")
        assert not any(line.startswith("Bcc:") for line in d.text.splitlines())
        assert "Dear Dr. Ada Bcc: attacker@example.com," in d.text


def test_an_email_subject_is_always_one_line():
    from lorkit.emails import Draft

    assert Draft(DraftKind.ASK, "Hello\r\nBcc: x@example.com", "body").subject == (
        "Hello Bcc: x@example.com"
    )


def test_the_calendar_titles_are_one_clean_line():
    a = assess(bypassed(), AS_OF)
    ics = calendar_bytes(a).decode("utf-8")
    summaries = [line for line in ics.split("\r\n") if line.startswith("SUMMARY")]
    assert summaries
    for line in summaries:
        _clean(line, newlines=False)
        assert "\\n" not in line


def test_terminal_helpers():
    assert for_terminal("a\x1b[31mb\nc\u202ed") == "a\\x1b[31mb\\nc\\u202ed"
    assert for_terminal("a\nb\tc\x07", multiline=True) == "a\nb\tc\\x07"
    assert one_line(" Dr.\r\n Ada \x1b\u202e Stone ") == "Dr. Ada Stone"
    assert for_terminal("د. علي\u200c") == "د. علي\u200c"


# --- 8. the command line ------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, out: str, err: str) -> str:
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert len(lines[0]) < 500
    return lines[0]


def test_a_directory_is_refused(capsys, tmp_path):
    line = one_line_error(*run(capsys, "validate", str(tmp_path)))
    assert line == f"lorkit: {tmp_path}: this is a directory, not a file; give a .json file"


def _limited(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with 1 GB of memory and 60 s: reading /dev/zero or waiting on a pipe would
    fail the test instead of the machine."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "lorkit", *argv],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False, preexec_fn=limit,
    )  # fmt: skip


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_without_reading_it():
    done = _limited("validate", "/dev/zero")
    line = one_line_error(done.returncode, done.stdout, done.stderr)
    assert line == "lorkit: /dev/zero: this is a device, not a file; give a .json file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_refused_without_waiting_on_it(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    done = _limited("validate", str(fifo))
    line = one_line_error(done.returncode, done.stdout, done.stderr)
    assert line.endswith("this is a named pipe, not a file; give a .json file")


def test_at_most_max_bytes_plus_one_are_read_even_if_the_size_lies(tmp_path, monkeypatch):
    path = tmp_path / "grows.json"
    path.write_bytes(b" " * (3 * MAX_BYTES))
    real_fstat, real_read = os.fstat, os.read
    read = []

    class Small:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(profile_io.os, "fstat", lambda fd: Small(real_fstat(fd)))

    def counted_read(fd, n):
        read.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(profile_io.os, "read", counted_read)
    with pytest.raises(ProfileError, match=r"over the limit of 1 MB \(1,048,576 bytes\)"):
        load_profile(path)
    assert sum(read) <= MAX_BYTES + 1


@pytest.mark.parametrize(
    "as_of",
    [
        "20261124",
        "2026-W48-2",
        "2026-11-24T00:00",
        "2026-11-24 ",
        "２０２６-11-24",
        "2026-02-30",
        "1949-12-31",
        "2101-01-01",
        "",
        "x" * 100_000,
    ],
    ids=["basic", "week", "time", "space", "fullwidth", "30-feb", "early", "late", "empty", "huge"],
)
def test_as_of_must_be_a_plain_iso_date_in_range(capsys, as_of):
    code, out, err = run_exit(capsys, "assess", str(EARLY), "--as-of", as_of)
    line = one_line_error(code, out, err)
    assert line.startswith("lorkit assess: error: argument --as-of: ")


def run_exit(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(caught.value.code or 0), out, err


def test_the_as_of_edges_are_accepted(capsys):
    for day in ("1950-01-01", "2100-12-31"):
        code, out, _ = run(capsys, "assess", str(EARLY), "--as-of", day, "--format", "json")
        assert code == 0
        assert json.loads(out)["as_of"] == day


def test_an_unknown_option_is_one_line_too(capsys):
    code, out, err = run_exit(capsys, "validate", str(EARLY), "--colour", "\x1b[31m" + "x" * 5000)
    line = one_line_error(code, out, err)
    assert "\x1b" not in line


def test_a_file_name_with_a_line_break_or_escape_stays_on_one_line(capsys, tmp_path):
    path = tmp_path / "a\nb\x1b[31m.json"
    path.write_text("{", encoding="utf-8")
    line = one_line_error(*run(capsys, "validate", str(path)))
    assert "a\\nb\\x1b[31m.json" in line


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_a_file_name_that_is_not_utf8_is_printed_escaped(tmp_path):
    name = os.fsdecode(b"caf\xe9.json")
    (tmp_path / name).write_bytes(EARLY.read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "lorkit", "validate", name],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("caf") and done.stdout.endswith(".json: ok\n")


def test_days_after_submission_are_counted_up_not_negative():
    profile = make_profile([letter_pair(1)])
    report = text_report(assess(profile, date(2027, 9, 18)))
    assert "submission 2027-09-08 (10 days ago)" in report
    assert "-10" not in report
    ahead = text_report(assess(profile, date(2027, 9, 7)))
    assert "(1 day away)" in ahead


def test_profile_dict_builder_is_still_valid():
    # the builders the other unit tests use do not trip the new text rules
    assert profile_from_dict(profile_dict([letter_pair(1)])).writers[0].name == "Dr. w1"
