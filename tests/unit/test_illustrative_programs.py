"""The illustrative program list shipped in lorkit/data/programs: checked at load, dated,
sourced, and copied to a user's list with a fresh id and the reminder to verify."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lorkit import rules
from lorkit.enums import ChairLetter, ObservershipLetters, SponsoredVisa
from lorkit.illustrative_programs import (
    FILE,
    IllustrativeError,
    as_row,
    find,
    illustrative_programs,
    rule_summary,
)
from lorkit.models import Program
from lorkit.workspace import blank_row, check, empty_profile

READ_ON = date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from lorkit.illustrative_programs import clear_cache

    clear_cache()
    yield
    clear_cache()


def test_the_list_covers_both_tracks_and_every_entry_is_sourced_and_dated():
    entries = illustrative_programs()
    assert len(entries) >= 10
    assert {e.program.track for e in entries} == set(rules.track_ids())
    assert len({e.key for e in entries}) == len(entries)
    assert len({(e.program.name, e.program.track) for e in entries}) == len(entries)
    for e in entries:
        assert e.program.source_url is not None
        assert e.program.source_url.startswith("https://")
        assert e.program.as_of == READ_ON
        assert e.program.notes, e.key  # what the fields cannot hold, in our own words


def test_entries_hold_the_rules_the_facts_state():
    chair = find("utsw-medpeds")
    assert chair is not None
    assert chair.program.chair_letter == ChairLetter.REQUIRED
    seattle = find("seattle-peds")
    assert seattle is not None
    assert seattle.program.observership_letters == ObservershipLetters.NOT_ACCEPTED
    sinai = find("sinai-baltimore-peds")
    assert sinai is not None
    assert sinai.program.graduation_within_years == 5
    assert sinai.program.visa == [SponsoredVisa.J1]
    marshfield = find("marshfield-medpeds")
    assert marshfield is not None and marshfield.program.min_us_letters == 1
    ucdavis = find("ucdavis-peds")
    assert ucdavis is not None and "Medical Board of California" in (ucdavis.program.notes or "")
    # a page that says nothing about a rule leaves it unknown
    chop = find("chop-peds")
    assert chop is not None and chop.program.visa is None and chop.program.min_us_letters is None


def test_a_copy_gets_a_fresh_id_full_shape_and_the_reminder_to_verify():
    entry = find("cincinnati-medpeds")
    assert entry is not None
    row = as_row(entry, "p12")
    assert row["id"] == "p12"
    assert set(row) == set(blank_row("programs"))
    assert row["notes"].startswith(
        "From lorkit's illustrative list (read 2026-11-01): verify on the program's site. "
    )
    assert Program.model_validate(row).visa == [SponsoredVisa.J1]
    raw = empty_profile(date(2026, 11, 20))
    raw["applicant"]["tracks"] = ["med-peds"]
    raw["programs"] = [row, as_row(entry, "p13")]
    ws = check(raw)
    assert ws.issues == [] and ws.profile is not None and len(ws.profile.programs) == 2


def test_every_copy_is_a_valid_program_row():
    for i, entry in enumerate(illustrative_programs(), 1):
        row = as_row(entry, f"p{i}")
        assert Program.model_validate(row).model_dump(mode="json") == row


@pytest.mark.parametrize(
    ("changes", "summary"),
    [
        ({}, "States none of the letter rules lorkit checks."),
        ({"letters_min": 3}, "At least 3 letters."),
        ({"letters_min": 2, "letters_max": 3}, "At least 2 letters (reads at most 3)."),
        ({"chair_letter": "required"}, "A chair letter is required."),
        ({"min_pediatric_letters": 2}, "2 or more from a pediatrician."),
        ({"min_us_letters": 0}, "Letters need not come from the US."),
        ({"observership_letters": "not-accepted"}, "Observership letters not counted."),
        ({"letter_max_age_months": 6}, "Letters from the last 6 months."),
        ({"graduation_within_years": 1}, "Graduated within 1 year."),
        ({"visa": []}, "Sponsors no visa."),
        ({"visa": ["j1"]}, "Visa: J-1 only."),
        ({"visa": ["j1", "h1b"]}, "Visa: J-1 or H-1B."),
        (
            {"letters_min": 3, "min_im_letters": 1, "visa": ["h1b"]},
            "At least 3 letters; at least 1 from an internist; visa: H-1B only.",
        ),
    ],
)
def test_rule_summary_says_only_the_stated_rules(changes, summary):
    program = Program.model_validate(
        {"id": "x", "name": "Invented", "track": "pediatrics", **changes}
    )
    assert rule_summary(program) == summary


# --- broken or missing data ----------------------------------------------------------------


def _write(data_copy: Path, text: str) -> Path:
    path = data_copy / FILE
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = """
[[programs]]
key = "{key}"
name = "Invented {key}"
track = "{track}"
source_url = "https://example.org/"
as_of = 2026-11-01
"""


def test_a_broken_entry_stops_the_load_with_one_located_line(data_copy):
    path = _write(data_copy, ENTRY.format(key="a", track="pediatrics") + 'visa = ["f1"]\n')
    with pytest.raises(IllustrativeError) as caught:
        illustrative_programs()
    assert str(caught.value).startswith(f"{path}: programs[0].visa")


@pytest.mark.parametrize("missing", ["source_url", "as_of"])
def test_an_entry_must_say_where_and_when_it_was_read(data_copy, missing):
    text = "\n".join(
        line
        for line in ENTRY.format(key="a", track="pediatrics").splitlines()
        if not line.startswith(missing)
    )
    path = _write(data_copy, text)
    with pytest.raises(IllustrativeError, match=rf"^{path}: programs\[0\]\.{missing}: "):
        illustrative_programs()


def test_a_repeated_key_is_refused(data_copy):
    _write(data_copy, ENTRY.format(key="a", track="pediatrics") * 2)
    with pytest.raises(IllustrativeError, match=r"programs\[1\]\.key: 'a' is used twice"):
        illustrative_programs()


def test_an_unknown_field_is_refused(data_copy):
    _write(data_copy, ENTRY.format(key="a", track="pediatrics") + "ranking = 1\n")
    with pytest.raises(IllustrativeError, match=r"programs\[0\]\.ranking"):
        illustrative_programs()


def test_entries_of_a_track_the_rule_book_lacks_are_left_out(data_copy):
    _write(
        data_copy,
        ENTRY.format(key="a", track="pediatrics") + ENTRY.format(key="b", track="surgery"),
    )
    assert [e.key for e in illustrative_programs()] == ["a"]


def test_a_rule_folder_without_a_list_has_none(data_copy):
    (data_copy / FILE).unlink()
    assert illustrative_programs() == ()
    assert find("chop-peds") is None
