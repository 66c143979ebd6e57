"""`python -m lorkit assess FILE --scenario ID`: one saved scenario, in text and JSON."""

from __future__ import annotations

import json

from lorkit.cli import main
from lorkit.next_steps import next_steps
from lorkit.profile_io import load_profile
from lorkit.scenarios import apply, assess_scenario, scenario_view
from tests.conftest import AS_OF, SAMPLES_DIR

WITH = str(SAMPLES_DIR / "home-country-heavy.json")  # the sample with saved scenarios
WITHOUT = str(SAMPLES_DIR / "early-stage.json")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_reflects_the_scenario_and_says_which(capsys):
    code, out, err = run(
        capsys, "assess", WITH, "--scenario", "s1", "--format", "json", "--as-of", AS_OF.isoformat()
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    profile = load_profile(WITH)
    scenario = profile.scenarios[0]
    expected = assess_scenario(profile, scenario, AS_OF)
    view = scenario_view(profile, "s1", AS_OF)

    assert data["scenario"]["id"] == "s1"
    assert data["scenario"]["name"] == scenario.name
    assert data["scenario"]["summary"] == view.summary
    assert data["scenario"]["tracks"][0]["readiness"] == {
        "current": view.before.tracks[0].readiness,
        "scenario": expected.tracks[0].readiness,
    }
    for key, value in expected.to_dict().items():
        assert data[key] == value, key
    assert "s1-w1" in data["tracks"][0]["selected"]  # the planned writer
    applied = apply(profile, scenario)
    steps = next_steps(applied.profile, AS_OF, excluded=applied.excluded, assessment=expected)
    assert data["next_steps"] == [s.to_dict() for s in steps]


def test_text_opens_with_the_scenario_and_what_it_changes(capsys):
    code, out, _ = run(capsys, "assess", WITH, "--scenario", "s2", "--as-of", AS_OF.isoformat())
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Scenario: Drop last season's letter now (s2). A what-if, not the profile as entered."
    )
    assert lines[1].startswith("  Without Dr. Kevin O'Neill's letter, Pediatrics readiness falls")
    assert "lorkit assessment: Nadia Rahman (sample)" in out
    # the report is the scenario's: the letter left out is not in the set
    assert "Dr. Kevin O'Neill: value" not in out.split("Left out:")[0]


def test_an_unknown_id_exits_2_with_one_line_naming_the_known_ids(capsys):
    code, out, err = run(capsys, "assess", WITH, "--scenario", "nope")
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        f"lorkit: {WITH}: no scenario with the id 'nope'; the file has s1, s2"
    ]


def test_a_file_without_scenarios_says_so(capsys):
    code, _, err = run(capsys, "assess", WITHOUT, "--scenario", "s1")
    assert code == 2
    assert err.strip().endswith("no scenario with the id 's1'; the file has no scenarios")


def test_several_files_go_on_past_one_without_the_scenario(capsys):
    code, out, err = run(capsys, "assess", WITHOUT, WITH, "--scenario", "s2", "--format", "json")
    assert code == 2
    assert len(err.splitlines()) == 1 and WITHOUT in err
    [line] = out.splitlines()
    data = json.loads(line)
    assert (data["source"], data["scenario"]["id"]) == (WITH, "s2")


def test_without_the_option_the_output_has_no_scenario(capsys):
    code, out, _ = run(capsys, "assess", WITH, "--format", "json", "--as-of", AS_OF.isoformat())
    assert code == 0
    assert "scenario" not in json.loads(out)
