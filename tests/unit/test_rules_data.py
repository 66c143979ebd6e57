"""Rules as data: the track and scoring files load, are validated, and drive the engine."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lorkit import rules
from lorkit.assessment import assess
from lorkit.profile_io import ProfileError, load_profile, profile_from_dict
from tests.conftest import AS_OF, ROOT, SAMPLES_DIR
from tests.unit.builders import profile_dict, strong_pediatrics_set

REAL_DATA = ROOT / "lorkit" / "data"


def _clear_rule_caches() -> None:
    rules.clear_caches()


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    """A private copy of lorkit/data/ that the engine reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(REAL_DATA, copy)
    before = os.environ.get("LORKIT_DATA_DIR")
    os.environ["LORKIT_DATA_DIR"] = str(copy)
    _clear_rule_caches()
    try:
        yield copy
    finally:
        if before is None:
            os.environ.pop("LORKIT_DATA_DIR", None)
        else:
            os.environ["LORKIT_DATA_DIR"] = before
        _clear_rule_caches()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the shipped files ------------------------------------------------------------------


def test_the_shipped_tracks_are_pediatrics_then_med_peds():
    assert rules.track_ids() == ("pediatrics", "med-peds")


def test_each_track_uses_the_relevance_model_the_spec_describes():
    assert rules.track("pediatrics").relevance_model == "tiers"
    assert set(rules.track("pediatrics").tiers or {}) == set(range(1, 8))
    assert rules.track("med-peds").relevance_model == "slots"
    assert set(rules.track("med-peds").slots or {}) == {
        "im",
        "peds",
        "med-peds",
        "core-clinical",
        "supplementary",
    }


@pytest.mark.parametrize("track_id", ["pediatrics", "med-peds"])
def test_each_shipped_track_follows_the_spec_limits(track_id):
    t = rules.track(track_id)
    assert t.max_letters == 4, "ERAS lets a program receive at most 4 letters"
    assert t.min_letters == 3, "most programs ask for 3 letters"
    assert (t.verdict.ready, t.verdict.nearly_ready, t.verdict.at_risk) == (80, 60, 40)


@pytest.mark.parametrize("track_id", ["pediatrics", "med-peds"])
def test_each_requirement_raises_a_catalogued_finding(track_id):
    from lorkit.registry import REGISTRY

    for req in rules.track(track_id).requirements:
        assert req.finding in REGISTRY, (
            f"{track_id}: {req.code} names unknown finding {req.finding}"
        )
    for code in rules.track(track_id).set_findings:
        assert code in REGISTRY


def test_tier_and_recency_factors_never_rise_as_letters_get_weaker():
    for t in rules.tracks().values():
        if t.tiers:
            factors = [t.tiers[i] for i in sorted(t.tiers)]
            assert factors == sorted(factors, reverse=True), f"{t.id}: tiers out of order"
        bands = [b.code for b in rules.scoring().age_bands.bands]
        recency = [t.recency_factors[b] for b in bands]
        assert recency == sorted(recency, reverse=True), f"{t.id}: recency out of order"


def test_the_scoring_file_loads_with_four_age_bands():
    s = rules.scoring()
    assert [b.code for b in s.age_bands.bands] == ["le1", "1-2", "2-3", "gt3"]
    assert [b.max_years for b in s.age_bands.bands] == [1.0, 2.0, 3.0, None]


def test_the_data_directory_can_be_moved_with_an_environment_variable(data_copy):
    assert rules.data_dir() == data_copy
    assert set(rules.tracks()) == {"pediatrics", "med-peds"}


# --- malformed rule files ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('relevance_model = "tiers"', 'relevance_model = "ranks"'),
        ("max_letters = 4", "max_letters = 0"),
        ('feature = "pediatric"', 'feature = "paediatric"'),
        ("min = 2", "min = 2\nmin_share = 0.5"),
        ("[tiers]", "[tier_table]"),
        ("ready = 80", 'ready = "eighty"'),
        ('id = "pediatrics"', 'id = "pediatrics"\ncolour = "blue"'),
        ('label = "Pediatrics"', 'label = "Pediatrics'),
        ('code = "us-majority"', 'code = "us-pediatric-letter"'),
    ],
    ids=[
        "unknown relevance model",
        "no letters allowed",
        "unknown feature",
        "two thresholds",
        "tiers table missing",
        "text for a number",
        "unknown key",
        "broken TOML",
        "requirement code twice",
    ],
)
def test_a_malformed_track_file_raises_a_rules_error(data_copy, old, new):
    edit(data_copy / "tracks" / "pediatrics.toml", old, new)
    with pytest.raises(rules.RulesError) as caught:
        rules.tracks()
    assert "pediatrics.toml" in str(caught.value)


def test_two_track_files_with_the_same_id_raise_a_rules_error(data_copy):
    shutil.copy(data_copy / "tracks" / "pediatrics.toml", data_copy / "tracks" / "zz-copy.toml")
    with pytest.raises(rules.RulesError, match="defined twice"):
        rules.tracks()


def test_an_empty_tracks_folder_raises_a_rules_error(data_copy):
    for path in (data_copy / "tracks").glob("*.toml"):
        path.unlink()
    with pytest.raises(rules.RulesError, match="no track rules"):
        rules.tracks()


def test_recency_factors_missing_an_age_band_raise_a_rules_error(data_copy):
    edit(data_copy / "tracks" / "med-peds.toml", "gt3 = 0.45\n", "")
    with pytest.raises(rules.RulesError, match="recency_factors"):
        rules.scoring()


def test_age_bands_out_of_order_raise_a_rules_error(data_copy):
    edit(data_copy / "scoring.toml", "max_years = 2.0", "max_years = 0.5")
    with pytest.raises(rules.RulesError, match=r"scoring\.toml"):
        rules.scoring()


def test_a_missing_scoring_file_raises_a_rules_error(data_copy):
    (data_copy / "scoring.toml").unlink()
    with pytest.raises(rules.RulesError):
        rules.scoring()


# --- changing the data changes the result, with no code change --------------------------


def test_lowering_the_minimum_letters_to_2_changes_the_result(data_copy):
    # two strong pediatric letters (the early-stage sample used to be this case)
    profile = profile_from_dict(
        profile_dict(strong_pediatrics_set(2), tracks=["pediatrics", "med-peds"])
    )
    before = assess(profile, AS_OF).track("pediatrics")
    assert before.readiness < 60
    assert not next(r for r in before.requirements if r.requirement.code == "three-letters").met

    edit(data_copy / "tracks" / "pediatrics.toml", "min = 3", "min = 2")
    _clear_rule_caches()
    after = assess(profile, AS_OF)

    peds = after.track("pediatrics")
    assert peds.rules.min_letters == 2
    assert peds.readiness > before.readiness
    assert all(r.met for r in peds.requirements)
    assert ("too-few-letters", "pediatrics") not in {(f.code, f.track) for f in after.findings}
    assert ("too-few-letters", "med-peds") in {(f.code, f.track) for f in after.findings}


def test_raising_the_ready_band_changes_the_verdict(data_copy):
    profile = load_profile(SAMPLES_DIR / "pediatrics-guide-example.json")
    before = assess(profile, AS_OF).track("pediatrics")
    assert 80 <= before.readiness < 95 and before.verdict.value == "ready"

    edit(data_copy / "tracks" / "pediatrics.toml", "ready = 80", "ready = 95")
    _clear_rule_caches()
    after = assess(profile, AS_OF).track("pediatrics")

    assert after.readiness == before.readiness
    assert after.verdict.value == "nearly-ready"


def test_changing_a_quality_weight_changes_letter_quality(data_copy):
    profile = load_profile(SAMPLES_DIR / "pediatrics-guide-example.json")
    before = assess(profile, AS_OF).letter("w-chair").quality

    edit(data_copy / "scoring.toml", "non-us = 0.8", "non-us = 0.5")
    _clear_rule_caches()
    after = assess(profile, AS_OF).letter("w-chair").quality

    assert after == pytest.approx(before * 0.5 / 0.8)


def test_a_new_track_file_is_accepted_by_the_engine(data_copy):
    source = (data_copy / "tracks" / "pediatrics.toml").read_text(encoding="utf-8")
    text = source.replace('id = "pediatrics"', 'id = "pediatrics-rural"', 1)
    text = text.replace('label = "Pediatrics"', 'label = "Rural pediatrics"', 1)
    text = text.replace("order = 1", "order = 3", 1)
    text = text.replace("ready = 80", "ready = 70", 1)
    (data_copy / "tracks" / "pediatrics-rural.toml").write_text(text, encoding="utf-8")
    _clear_rule_caches()

    assert rules.track_ids() == ("pediatrics", "med-peds", "pediatrics-rural")
    profile = profile_from_dict(
        profile_dict(strong_pediatrics_set(2), tracks=["pediatrics", "pediatrics-rural"])
    )
    result = assess(profile, AS_OF)

    assert [t.track for t in result.tracks] == ["pediatrics", "pediatrics-rural"]
    rural = result.track("pediatrics-rural")
    assert rural.readiness == result.track("pediatrics").readiness
    assert {f.code for f in result.findings if f.track == "pediatrics-rural"} == {"too-few-letters"}
    data: dict[str, Any] = result.to_dict()
    assert set(data["letters"][0]["values"]) == {"pediatrics", "pediatrics-rural"}


def test_a_track_that_does_not_exist_in_the_data_is_refused_in_a_profile(data_copy):
    (data_copy / "tracks" / "med-peds.toml").unlink()
    _clear_rule_caches()
    with pytest.raises(ProfileError) as caught:
        profile_from_dict(profile_dict(strong_pediatrics_set(), tracks=["med-peds"]))
    assert caught.value.problems[0].where == "applicant.tracks[0]"
