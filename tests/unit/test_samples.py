"""The sample applicants: each loads, has a blurb, and can be moved to the coming season."""

from __future__ import annotations

import json
from datetime import date

import pytest

from lorkit.assessment import assess
from lorkit.profile_io import profile_from_dict
from lorkit.samples import SAMPLES, load_sample, sample_path, seasons_ahead, shift_to_next_season
from tests.conftest import SAMPLE_NAMES


def test_every_sample_file_has_a_title_and_blurb_and_the_reverse():
    assert sorted(s.name for s in SAMPLES) == SAMPLE_NAMES
    for s in SAMPLES:
        assert s.title and s.blurb.endswith(".")


@pytest.mark.parametrize(
    ("submission", "today", "years"),
    [
        (date(2027, 9, 8), date(2026, 11, 24), 0),
        (date(2027, 9, 8), date(2027, 9, 8), 0),  # submission day itself: still this season
        (date(2027, 9, 8), date(2027, 9, 9), 1),
        (date(2027, 9, 8), date(2031, 1, 15), 4),
        (date(2027, 9, 8), date(2024, 10, 1), -2),
    ],
)
def test_the_season_a_sample_moves_to(submission, today, years):
    assert seasons_ahead(submission, today) == years


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_a_shifted_sample_submits_in_the_next_season_and_keeps_its_shape(name):
    raw = load_sample(name)
    on_disk = sample_path(name).read_text(encoding="utf-8")
    today = date(2030, 10, 2)
    moved = shift_to_next_season(raw, today)

    assert sample_path(name).read_text(encoding="utf-8") == on_disk, "the file is unchanged"
    assert raw == json.loads(on_disk), "the dict passed in is unchanged"
    submission = date.fromisoformat(moved["applicant"]["submission_date"])
    assert today <= submission < date(today.year + 1, today.month, today.day)
    years = submission.year - date.fromisoformat(raw["applicant"]["submission_date"]).year
    assert years == 4
    assert moved["applicant"]["graduation_year"] == raw["applicant"]["graduation_year"] + years
    for before, after in zip(raw["rotations"], moved["rotations"], strict=True):
        for key in ("start", "end"):
            assert date.fromisoformat(after[key]).year == date.fromisoformat(before[key]).year + 4
            assert after[key][4:] == before[key][4:]
    for before, after in zip(raw["writers"], moved["writers"], strict=True):
        for key in ("asked_on", "letter_date"):
            assert (before[key] is None) == (after[key] is None)
        assert {k: v for k, v in after.items() if k not in ("asked_on", "letter_date")} == {
            k: v for k, v in before.items() if k not in ("asked_on", "letter_date")
        }


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_a_shifted_sample_assessed_a_season_later_reads_the_same(name):
    raw = load_sample(name)
    before = assess(profile_from_dict(raw), date(2026, 11, 24))
    moved = shift_to_next_season(raw, date(2029, 9, 1))  # two seasons on
    assert moved["applicant"]["submission_date"].startswith("2029-")
    after = assess(profile_from_dict(moved), date(2028, 11, 24))
    assert [(t.track, t.readiness, t.verdict) for t in after.tracks] == [
        (t.track, t.readiness, t.verdict) for t in before.tracks
    ]
    assert [(f.code, f.writer_id) for f in after.findings] == [
        (f.code, f.writer_id) for f in before.findings
    ]


def test_a_29_february_moves_to_28_february_in_a_common_year():
    raw = {"applicant": {"submission_date": "2028-09-08"}, "rotations": [
        {"start": "2028-02-29", "end": "2028-03-24"}]}  # fmt: skip
    moved = shift_to_next_season(raw, date(2029, 1, 10))
    assert moved["rotations"][0]["start"] == "2029-02-28"
    assert moved["applicant"]["submission_date"] == "2029-09-08"


def test_a_dict_without_a_submission_date_comes_back_unchanged():
    raw = {"applicant": {"submission_date": "soon"}, "rotations": [{"start": "2020-01-01"}]}
    assert shift_to_next_season(raw, date(2030, 1, 1)) == raw
