"""The lorkit-profile v1 file format: loading, located errors, migrations, round trips, schema."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from lorkit import profile_io
from lorkit.models import Profile
from lorkit.profile_io import (
    MAX_BYTES,
    ProfileError,
    load_profile,
    profile_from_dict,
    profile_from_json,
    profile_to_dict,
    profile_to_json,
)
from lorkit.schema import schema_path, schema_text
from tests.conftest import SAMPLES_DIR

GUIDE = SAMPLES_DIR / "pediatrics-guide-example.json"


def guide_data() -> dict[str, Any]:
    return json.loads(GUIDE.read_text(encoding="utf-8"))


def problems_of(data: Any) -> list[str]:
    """The located problems a raw profile dict is refused with (fails if it is accepted)."""
    with pytest.raises(ProfileError) as caught:
        profile_from_dict(data)
    problems = [str(p) for p in caught.value.problems]
    assert problems, "a refused profile must name at least one problem"
    return problems


def changed(change) -> dict[str, Any]:
    data = guide_data()
    change(data)
    return data


# --- loading what should load ---------------------------------------------------------


def test_every_sample_loads_as_a_profile(sample):
    name, profile = sample
    assert isinstance(profile, Profile)
    assert profile.writers, f"sample {name} should have letter writers"
    assert profile.applicant.tracks, f"sample {name} should choose a track"


def test_there_are_at_least_four_samples():
    assert len(list(SAMPLES_DIR.glob("*.json"))) >= 4


def test_a_file_with_a_utf8_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + GUIDE.read_bytes())
    assert load_profile(path).applicant.name == "Amara Okafor (sample)"


def test_optional_writer_fields_may_be_left_out():
    data = guide_data()
    w = data["writers"][0]
    for key in ("title", "asked_on", "letter_date", "rotation_id", "peds_exposure"):
        w.pop(key)
    profile = profile_from_dict(data)
    assert profile.writers[0].rotation_id is None
    assert profile.writers[0].letter_date is None


def test_a_file_from_before_the_visa_and_previous_season_fields_still_loads():
    data = guide_data()
    data["applicant"].pop("visa")
    for w in data["writers"]:
        w.pop("previous_season")
    profile = profile_from_dict(data)
    assert profile.applicant.visa.value == "either"
    assert not any(w.previous_season for w in profile.writers)
    assert profile.version == 1


@pytest.mark.parametrize("visa", ["j1", "h1b", "either"])
def test_each_visa_choice_loads(visa):
    assert (
        profile_from_dict(changed(lambda d: d["applicant"].update(visa=visa))).applicant.visa
        == visa
    )


def test_an_unknown_visa_is_located():
    (problem,) = problems_of(changed(lambda d: d["applicant"].update(visa="o1")))
    assert problem.startswith("applicant.visa: ")


def test_previous_season_must_be_true_or_false():
    (problem,) = problems_of(changed(lambda d: d["writers"][0].update(previous_season="yes")))
    assert problem.startswith("writers[0].previous_season: ")


# --- located errors -------------------------------------------------------------------


def test_a_bad_enumeration_value_is_located_and_lists_the_allowed_values():
    (problem,) = problems_of(changed(lambda d: d["writers"][2].update(status="maybe")))
    assert problem.startswith("writers[2].status: ")
    assert "'maybe'" in problem
    assert "agreed-strong" in problem


@pytest.mark.parametrize(
    "bad_date",
    ["2027-13-01", "2027-02-30", 20270101, 1700000000.5, "2027-01-01T10:00:00", "next week", ""],
    ids=["month 13", "30 February", "integer", "float", "timestamp", "words", "empty"],
)
def test_a_bad_date_is_located(bad_date):
    (problem,) = problems_of(changed(lambda d: d["writers"][2].update(letter_date=bad_date)))
    assert problem.startswith("writers[2].letter_date: ")


def test_an_impossible_calendar_date_says_it_is_not_a_real_date():
    (problem,) = problems_of(changed(lambda d: d["writers"][2].update(letter_date="2027-13-01")))
    assert "not a real calendar date" in problem


def test_a_number_given_as_a_date_asks_for_the_date_format():
    (problem,) = problems_of(changed(lambda d: d["rotations"][0].update(start=1_700_000_000)))
    assert problem.startswith("rotations[0].start: ")
    assert "2027-09-10" in problem, "the message should show the expected date format"


def test_an_unknown_field_is_located():
    (problem,) = problems_of(changed(lambda d: d["writers"][1].update(colour="red")))
    assert problem.startswith("writers[1].colour: ")
    assert "unknown field" in problem


def test_an_unknown_top_level_field_is_located():
    (problem,) = problems_of(changed(lambda d: d.update(notes="hello")))
    assert problem.startswith("notes: ")


def test_a_missing_required_field_is_located():
    (problem,) = problems_of(changed(lambda d: d["writers"][3].pop("status")))
    assert problem == "writers[3].status: this field is required"


def test_a_missing_submission_date_is_located():
    (problem,) = problems_of(changed(lambda d: d["applicant"].pop("submission_date")))
    assert problem.startswith("applicant.submission_date: ")


def test_a_duplicate_writer_id_names_both_places():
    (problem,) = problems_of(changed(lambda d: d["writers"][2].update(id="w-wards")))
    assert problem.startswith("writers[2].id: ")
    assert "writers[0]" in problem


def test_a_duplicate_rotation_id_names_both_places():
    def dup(d):
        d["rotations"].append(dict(d["rotations"][1]))

    (problem,) = problems_of(changed(dup))
    assert problem.startswith("rotations[6].id: ")
    assert "rotations[1]" in problem


def test_a_rotation_id_that_names_no_rotation_is_located():
    (problem,) = problems_of(changed(lambda d: d["writers"][4].update(rotation_id="r-nowhere")))
    assert problem.startswith("writers[4].rotation_id: ")
    assert "r-nowhere" in problem


def test_a_rotation_that_ends_before_it_starts_is_located():
    (problem,) = problems_of(changed(lambda d: d["rotations"][2].update(end="2026-08-02")))
    assert problem.startswith("rotations[2].end: ")


def test_a_one_day_rotation_is_accepted():
    profile = profile_from_dict(
        changed(lambda d: d["rotations"][2].update(start="2026-08-03", end="2026-08-03"))
    )
    assert profile.rotations[2].days == 1


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("rotations[0].start", "1949-12-31"),
        ("rotations[0].end", "2101-01-01"),
        ("applicant.submission_date", "2200-09-01"),
        ("writers[0].letter_date", "1900-01-01"),
    ],
)
def test_a_date_outside_the_sane_range_is_located(where, value):
    def put(d):
        head, field = where.rsplit(".", 1)
        target: Any = d
        for part in head.replace("]", "").split("."):
            name, _, index = part.partition("[")
            target = target[name]
            if index:
                target = target[int(index)]
        target[field] = value

    problems = problems_of(changed(put))
    assert any(p.startswith(f"{where}: ") and "sane range" in p for p in problems), problems


def test_the_sane_date_range_edges_are_accepted():
    profile = profile_from_dict(
        changed(lambda d: d["rotations"][0].update(start="1950-01-01", end="2100-12-31"))
    )
    assert profile.rotations[0].days > 0


def test_a_track_listed_twice_is_located():
    (problem,) = problems_of(
        changed(lambda d: d["applicant"].update(tracks=["pediatrics", "pediatrics"]))
    )
    assert problem.startswith("applicant.tracks[1]: ")
    assert "twice" in problem


def test_an_unknown_track_is_located_and_lists_the_known_ones():
    (problem,) = problems_of(changed(lambda d: d["applicant"].update(tracks=["surgery"])))
    assert problem.startswith("applicant.tracks[0]: ")
    assert "surgery" in problem
    assert "pediatrics" in problem and "med-peds" in problem


def test_an_empty_track_list_is_refused():
    (problem,) = problems_of(changed(lambda d: d["applicant"].update(tracks=[])))
    assert problem.startswith("applicant.tracks: ")


def test_several_problems_are_all_reported_in_file_order():
    def two(d):
        d["writers"][1]["status"] = "maybe"
        d["writers"][4]["relationship"] = "friend"

    problems = problems_of(changed(two))
    assert [p.split(":")[0] for p in problems] == ["writers[1].status", "writers[4].relationship"]


def test_the_summary_names_the_first_problem_and_counts_the_rest():
    def three(d):
        for i in (0, 1, 2):
            d["writers"][i]["status"] = "maybe"

    with pytest.raises(ProfileError) as caught:
        profile_from_dict(changed(three))
    summary = caught.value.summary()
    assert summary.startswith("writers[0].status: ")
    assert summary.endswith("(and 2 more problems)")


# --- format and version ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["lorkit-assessment", "", None, 1])
def test_a_wrong_format_is_refused(fmt):
    (problem,) = problems_of(changed(lambda d: d.update(format=fmt)))
    assert problem.startswith("format: ")
    assert "not a lorkit profile" in problem


def test_a_missing_format_is_refused():
    (problem,) = problems_of(changed(lambda d: d.pop("format")))
    assert problem.startswith("format: ")


@pytest.mark.parametrize("version", [2, 99])
def test_a_version_newer_than_1_is_refused_with_advice_to_update(version):
    (problem,) = problems_of(changed(lambda d: d.update(version=version)))
    assert problem.startswith("version: ")
    assert "newer" in problem and "update lorkit" in problem


@pytest.mark.parametrize("version", ["1", 1.0, 1.5, True, None, [1]])
def test_a_version_that_is_not_a_whole_number_is_refused(version):
    (problem,) = problems_of(changed(lambda d: d.update(version=version)))
    assert problem.startswith("version: ")
    assert "whole number" in problem


def test_a_missing_version_is_refused():
    (problem,) = problems_of(changed(lambda d: d.pop("version")))
    assert problem.startswith("version: ")


def test_an_older_version_without_a_migration_is_refused():
    (problem,) = problems_of(changed(lambda d: d.update(version=0)))
    assert problem.startswith("version: ")
    assert "not a known version" in problem


def test_a_registered_migration_upgrades_an_old_file(monkeypatch):
    # A pretend version 0 called the rotations "experiences" and the waiver "waiver_signed".
    def upgrade_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
        data = copy.deepcopy(data)
        data["rotations"] = data.pop("experiences")
        for w in data["writers"]:
            w["waived"] = w.pop("waiver_signed")
        data["version"] = 1
        return data

    monkeypatch.setitem(profile_io.MIGRATIONS, 0, upgrade_0_to_1)
    old = guide_data()
    old["version"] = 0
    old["experiences"] = old.pop("rotations")
    for w in old["writers"]:
        w["waiver_signed"] = w.pop("waived")
    old["writers"][1]["waiver_signed"] = False

    profile = profile_from_dict(old)

    assert profile.version == 1
    assert [r.id for r in profile.rotations] == [r["id"] for r in guide_data()["rotations"]]
    assert profile.writers[1].waived is False
    assert profile.writers[0].waived is True


def test_a_migrated_file_is_still_validated(monkeypatch):
    monkeypatch.setitem(profile_io.MIGRATIONS, 0, lambda data: {**data, "version": 1})
    old = changed(lambda d: d["writers"][2].update(status="maybe"))
    old["version"] = 0
    (problem,) = problems_of(old)
    assert problem.startswith("writers[2].status: ")


def test_nothing_is_registered_as_a_migration_in_version_1():
    assert profile_io.MIGRATIONS == {}


# --- raw input: size, JSON syntax, top level ------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_parsing():
    text = json.dumps(guide_data()) + " " * (MAX_BYTES + 1)
    with pytest.raises(ProfileError) as caught:
        profile_from_json(text)
    assert "limit" in caught.value.summary()
    assert f"{MAX_BYTES:,}" in caught.value.summary()


def test_an_oversized_file_on_disk_is_refused(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(GUIDE.read_bytes() + b" " * (MAX_BYTES + 1))
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert "limit" in caught.value.summary()


def test_a_file_just_under_the_size_limit_is_read():
    text = json.dumps(guide_data())
    text += " " * (MAX_BYTES - len(text.encode("utf-8")))
    assert len(text.encode("utf-8")) == MAX_BYTES
    assert profile_from_json(text).applicant.name == "Amara Okafor (sample)"


def test_invalid_json_is_located_by_line_and_column():
    text = '{\n  "format": "lorkit-profile",\n  "version": 1,\n  "applicant": ,\n}'
    with pytest.raises(ProfileError) as caught:
        profile_from_json(text)
    (problem,) = caught.value.problems
    assert problem.where == "line 4, column 16"
    assert "not valid JSON" in problem.message


@pytest.mark.parametrize("text", ["[1, 2]", '"profile"', "42", "null", "true"])
def test_a_top_level_that_is_not_an_object_is_refused(text):
    with pytest.raises(ProfileError) as caught:
        profile_from_json(text)
    assert "JSON object" in caught.value.summary()


def test_an_empty_file_is_refused():
    with pytest.raises(ProfileError) as caught:
        profile_from_json("")
    assert "not valid JSON" in caught.value.summary()


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(ProfileError) as caught:
        profile_from_json(b'{"format": "lorkit-profile", "name": "\xff\xfe"}')
    assert "UTF-8" in caught.value.summary()


def test_deeply_nested_json_is_refused_without_crashing():
    depth = 200_000
    with pytest.raises(ProfileError):
        profile_from_json("[" * depth + "]" * depth)


def test_a_missing_file_is_reported_as_a_profile_error(tmp_path):
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path / "nope.json")
    assert "cannot read" in caught.value.summary()


# --- export and import ----------------------------------------------------------------


def test_export_then_import_gives_back_the_same_profile(sample):
    name, profile = sample
    again = profile_from_json(profile_to_json(profile))
    assert again == profile, f"{name} changed on a round trip"
    assert profile_to_dict(again) == profile_to_dict(profile)


def test_export_keeps_every_field_of_the_sample_file(sample):
    name, profile = sample
    original = json.loads((SAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert profile_to_dict(profile) == original


def test_export_keeps_non_ascii_names_readable():
    profile = profile_from_dict(changed(lambda d: d["writers"][0].update(name="Dr. Zoë Ñúñez")))
    assert "Dr. Zoë Ñúñez" in profile_to_json(profile)


# --- the committed JSON Schema --------------------------------------------------------

REGENERATE = "python -m lorkit schema > lorkit/data/schema/profile.schema.json"


def test_the_committed_schema_is_up_to_date():
    committed = schema_path().read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "lorkit/data/schema/profile.schema.json is stale: the models changed since it was written. "
        f"Regenerate it with `{REGENERATE}` and commit the result."
    )


def test_every_sample_validates_against_the_committed_schema(sample):
    name, _ = sample
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    data = json.loads((SAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_the_committed_schema_rejects_a_bad_enumeration_value():
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    bad = changed(lambda d: d["writers"][0].update(status="maybe"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


def test_the_committed_schema_rejects_an_unknown_track():
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    bad = changed(lambda d: d["applicant"].update(tracks=["surgery"]))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)
