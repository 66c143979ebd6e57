"""Per-program assessment (SPEC r2 §5 "Per program"): eligibility, the letters to assign to
each program under its own rules, the rules met or not, and the ERAS assignment sheet."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lorkit.assessment import Assessment, assess
from lorkit.cli import main
from lorkit.enums import ProgramStatus
from lorkit.models import Profile
from lorkit.programs import ProgramResult, assignment_csv, months_old, status_counts
from tests.conftest import AS_OF
from tests.unit.builders import (
    SUBMISSION,
    letter_pair,
    profile_dict,
    strong_med_peds_set,
    strong_pediatrics_set,
    years_before,
)
from tests.unit.test_selection_properties import SOME, profiles

Pair = tuple[dict[str, Any], dict[str, Any]]


def with_programs(
    pairs: list[Pair], *programs: dict[str, Any], tracks: tuple[str, ...] = ("pediatrics",)
) -> dict[str, Any]:
    data = profile_dict(pairs, tracks=tracks)
    data["applicant"].update(needs_visa=True, visa="j1", graduation_year=SUBMISSION.year - 1)
    data["programs"] = [
        {"id": f"p{i}", "name": f"Invented Program {i}", "track": tracks[0], **rules}
        for i, rules in enumerate(programs, 1)
    ]
    return data


def run(data: dict[str, Any]) -> Assessment:
    return assess(Profile.model_validate(data), AS_OF)


def one(data: dict[str, Any]) -> ProgramResult:
    result = run(data)
    assert len(result.programs) == 1
    return result.programs[0]


def rule(result: ProgramResult, code: str) -> Any:
    return next(r for r in result.rules if r.code == code)


def chair_pair(n: str = "chair") -> Pair:
    return letter_pair(n, role="department-chair")


# --- each rule, met and not met ------------------------------------------------------------


def test_a_chair_letter_required_is_unmet_without_a_chair_writer():
    r = one(with_programs(strong_pediatrics_set(3), {"chair_letter": "required"}))
    assert r.status == ProgramStatus.GAPS
    assert not rule(r, "chair-letter").met
    finding = next(f for f in r.findings if f.code == "program-rule-unmet")
    assert finding.program_id == "p1"
    assert "Invented Program 1" in finding.message and "chair" in finding.message


def test_a_chair_letter_required_is_met_and_assigned_with_a_chair_writer():
    pairs = [*strong_pediatrics_set(3), chair_pair()]
    r = one(with_programs(pairs, {"chair_letter": "required"}))
    assert r.status == ProgramStatus.COVERED
    assert "wchair" in [x.id for x in r.selected]
    assert rule(r, "chair-letter").met
    assert not r.findings


def test_a_preferred_chair_letter_never_makes_gaps():
    r = one(with_programs(strong_pediatrics_set(3), {"chair_letter": "preferred"}))
    assert r.status == ProgramStatus.COVERED
    preferred = rule(r, "chair-letter")
    assert not preferred.met and not preferred.required


def observership_case(accepts: str) -> ProgramResult:
    pairs = [*strong_pediatrics_set(2), letter_pair(3, kind="observership")]
    return one(with_programs(pairs, {"observership_letters": accepts}))


def test_observership_letters_not_accepted_leave_the_program_short():
    r = observership_case("not-accepted")
    assert "w3" not in [x.id for x in r.selected]
    assert "observership" in r.not_counted["w3"]
    assert r.status == ProgramStatus.GAPS
    assert not rule(r, "observership").met
    assert "Dr. w3" in rule(r, "observership").detail
    assert not rule(r, "letters-min").met


def test_observership_letters_accepted_count():
    r = observership_case("accepted")
    assert "w3" in [x.id for x in r.selected]
    assert r.status == ProgramStatus.COVERED


def test_observership_letters_not_accepted_but_not_needed_is_met():
    pairs = [*strong_pediatrics_set(3), letter_pair(4, kind="observership")]
    r = one(with_programs(pairs, {"observership_letters": "not-accepted"}))
    assert r.status == ProgramStatus.COVERED
    assert rule(r, "observership").met
    assert "w4" in r.not_counted


def old_letter_case(limit: int | None) -> ProgramResult:
    pairs = strong_pediatrics_set(3)
    pairs[2][1]["letter_date"] = years_before(SUBMISSION, 1.5)
    pairs[2][0].update(start=years_before(SUBMISSION, 1.7), end=years_before(SUBMISSION, 1.6))
    return one(with_programs(pairs, {"letter_max_age_months": limit}))


def test_a_letter_too_old_for_the_program_is_not_assigned():
    r = old_letter_case(12)
    assert "w3" not in [x.id for x in r.selected]
    assert "month" in r.not_counted["w3"]
    assert r.status == ProgramStatus.GAPS
    assert not rule(r, "letter-age").met


def test_a_letter_within_the_programs_age_limit_is_assigned():
    r = old_letter_case(24)
    assert "w3" in [x.id for x in r.selected]
    assert r.status == ProgramStatus.COVERED
    assert rule(r, "letter-age").met


def test_months_old_counts_whole_months():
    assert months_old(date(2027, 3, 8), date(2027, 9, 8)) == 6
    assert months_old(date(2027, 3, 9), date(2027, 9, 8)) == 5


@pytest.mark.parametrize("need,status", [(1, "covered"), (2, "gaps")])
def test_a_us_minimum(need, status):
    pairs = [letter_pair(1), letter_pair(2, location="non-us"), letter_pair(3, location="non-us")]
    r = one(with_programs(pairs, {"min_us_letters": need}))
    assert r.status.value == status
    assert rule(r, "us-letters").met == (status == "covered")


@pytest.mark.parametrize(
    "rules,status",
    [
        ({"min_pediatric_letters": 2, "min_im_letters": 1}, "covered"),
        ({"min_pediatric_letters": 3, "min_im_letters": 1}, "gaps"),
        ({"min_im_letters": 2}, "gaps"),
    ],
)
def test_department_minimums(rules, status):
    pairs = [
        letter_pair(1),
        letter_pair(2),
        letter_pair(3, specialty="internal-medicine"),
        letter_pair(4, specialty="family-medicine"),
    ]
    r = one(with_programs(pairs, rules))
    assert r.status.value == status


def test_department_minimums_change_which_letters_are_assigned():
    """The track's own set may leave the internist out; a program that asks for an IM letter
    gets one."""
    pairs = [*strong_pediatrics_set(3), letter_pair(9, specialty="internal-medicine")]
    result = run(with_programs(pairs, {"min_im_letters": 1, "letters_max": 3}))
    assert "w9" not in [x.id for x in result.track("pediatrics").selected]
    assert "w9" in [x.id for x in result.programs[0].selected]
    assert result.programs[0].status == ProgramStatus.COVERED


@pytest.mark.parametrize(
    "visa,needs,kind,eligible",
    [
        (["j1"], True, "h1b", False),
        (["j1"], True, "j1", True),
        (["j1"], True, "either", True),
        (["h1b"], True, "j1", False),
        ([], True, "either", False),
        ([], False, "either", True),
        (None, True, "h1b", True),
    ],
)
def test_visa_sponsorship_against_the_applicants_need(visa, needs, kind, eligible):
    data = with_programs(strong_pediatrics_set(3), {"visa": visa})
    data["applicant"].update(needs_visa=needs, visa=kind)
    r = one(data)
    assert r.eligible == eligible
    assert (r.status == ProgramStatus.INELIGIBLE) == (not eligible)
    codes = [f.code for f in r.findings]
    assert ("program-ineligible" in codes) == (not eligible)
    if visa is None and needs:
        assert any("visa" in reason for reason in r.reasons)


@pytest.mark.parametrize("graduated_years_ago,eligible", [(5, True), (6, False)])
def test_graduation_window(graduated_years_ago, eligible):
    data = with_programs(strong_pediatrics_set(3), {"graduation_within_years": 5})
    data["applicant"]["graduation_year"] = SUBMISSION.year - graduated_years_ago
    r = one(data)
    assert r.eligible == eligible
    if not eligible:
        assert "5 years" in r.reasons[0] and "6 years" in r.reasons[0]


def test_a_graduation_window_with_no_graduation_year_is_a_caveat_not_a_refusal():
    data = with_programs(strong_pediatrics_set(3), {"graduation_within_years": 5})
    data["applicant"]["graduation_year"] = None
    r = one(data)
    assert r.eligible and any("graduation year" in reason for reason in r.reasons)


def test_a_program_of_a_track_not_applied_to_is_not_eligible():
    data = with_programs(strong_pediatrics_set(3), {})
    data["programs"][0]["track"] = "med-peds"
    r = one(data)
    assert r.status == ProgramStatus.INELIGIBLE and not r.selected


def test_letters_max_caps_the_assignment_and_letters_min_counts_credible_letters():
    pairs = strong_pediatrics_set(4)
    r = one(with_programs(pairs, {"letters_max": 2}))
    assert len(r.selected) == 2
    weak = [
        *strong_pediatrics_set(2),
        letter_pair(3, relationship="research-only", role="non-physician"),
    ]
    r = one(with_programs(weak, {"letters_min": 3}))
    assert not rule(r, "letters-min").met


def test_a_med_peds_program_with_a_chair_rule():
    pairs = [
        *strong_med_peds_set(),
        letter_pair("chair", specialty="internal-medicine", role="department-chair"),
    ]
    r = one(with_programs(pairs, {"chair_letter": "required"}, tracks=("med-peds",)))
    assert r.status == ProgramStatus.COVERED
    assert "wchair" in [x.id for x in r.selected]


def test_programs_never_change_the_tracks_own_set():
    pairs = [*strong_pediatrics_set(3), chair_pair()]
    without = run(with_programs(pairs))
    withp = run(with_programs(pairs, {"chair_letter": "required", "letters_max": 3}))
    assert [x.id for x in without.track("pediatrics").selected] == [
        x.id for x in withp.track("pediatrics").selected
    ]
    assert without.track("pediatrics").readiness == withp.track("pediatrics").readiness


# --- the CLI JSON and the assignment sheet -------------------------------------------------


def test_the_cli_json_lists_each_program(tmp_path, capsys):
    data = with_programs(
        [*strong_pediatrics_set(3)], {"chair_letter": "required"}, {"visa": ["h1b"]}
    )
    data["applicant"]["visa"] = "j1"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["assess", str(path), "--format", "json", "--as-of", AS_OF.isoformat()]) == 0
    out = json.loads(capsys.readouterr().out)
    first, second = out["programs"]
    assert set(first) >= {
        "program_id",
        "name",
        "track",
        "status",
        "eligible",
        "reasons",
        "selected",
        "requirements",
    }
    assert first["status"] == "gaps" and first["selected"] == ["w1", "w2", "w3"]
    assert {"code": "chair-letter", "met": False}.items() <= next(
        r for r in first["requirements"] if r["code"] == "chair-letter"
    ).items()
    assert second["status"] == "ineligible" and not second["eligible"] and second["reasons"]
    program_findings = [f for f in out["findings"] if f["program_id"]]
    assert {f["program_id"] for f in program_findings} == {"p1", "p2"}


def test_the_assign_command_writes_a_spreadsheet_safe_sheet(tmp_path, capsysbinary):
    data = with_programs(strong_pediatrics_set(3), {"chair_letter": "required"}, {})
    data["programs"][1]["name"] = '=HYPERLINK("http://x")'
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["assign", str(path), "--as-of", AS_OF.isoformat()]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Program"] for r in rows] == ["Invented Program 1", '\'=HYPERLINK("http://x")']
    assert [rows[1][f"Letter {i}"] for i in (1, 2, 3, 4)] == ["Dr. w1", "Dr. w2", "Dr. w3", ""]
    assert rows[0]["Status"] == "gaps" and "chair" in rows[0]["Unmet rules"]
    assert rows[1]["Status"] == "covered" and rows[1]["Unmet rules"] == ""
    assert main(["assign", str(path), "--format", "json", "--as-of", AS_OF.isoformat()]) == 0
    out = json.loads(capsysbinary.readouterr().out)
    assert out["programs"][1]["letters"] == ["Dr. w1", "Dr. w2", "Dr. w3"]


def test_assign_refuses_a_bad_file_in_one_line(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    assert main(["assign", str(path)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_profile_without_programs_has_an_empty_sheet():
    result = run(profile_dict(strong_pediatrics_set(3)))
    assert result.programs == []
    assert assignment_csv(result.programs).count("\r\n") == 1
    assert status_counts(result.programs) == dict.fromkeys(ProgramStatus, 0)


# --- properties ----------------------------------------------------------------------------

counts = st.none() | st.integers(0, 4)
program_rules = st.fixed_dictionaries(
    {
        "letters_max": st.integers(1, 4),
        "chair_letter": st.sampled_from(["required", "preferred", "not-required", "unknown"]),
        "min_pediatric_letters": counts,
        "min_im_letters": counts,
        "min_us_letters": counts,
        "observership_letters": st.sampled_from(["accepted", "not-accepted", "unknown"]),
        "letter_max_age_months": st.none() | st.integers(1, 60),
        "graduation_within_years": st.none() | st.integers(0, 10),
        "visa": st.none() | st.lists(st.sampled_from(["j1", "h1b"]), unique=True),
    }
)


def with_rules(profile: Profile, rules: dict[str, Any]) -> Profile:
    data = profile.model_dump(mode="json")
    data["programs"] = [
        {"id": "p1", "name": "Generated", "track": profile.applicant.tracks[0], **rules}
    ]
    return Profile.model_validate(data)


@SOME
@given(profiles(max_writers=8), program_rules)
def test_a_program_never_gets_more_than_letters_max_letters(generated, rules):
    profile, as_of = generated
    result = assess(with_rules(profile, rules), as_of)
    r = result.programs[0]
    assert len(r.selected) <= rules["letters_max"]
    assert all(x.viable for x in r.selected)
    assert not set(r.not_counted) & {x.id for x in r.selected}
    assert (r.status == ProgramStatus.COVERED) == (r.eligible and not r.unmet)


@SOME
@given(profiles(max_writers=8))
def test_a_program_with_only_unknown_rules_gets_the_tracks_own_set(generated):
    profile, as_of = generated
    result = assess(with_rules(profile, {}), as_of)
    track = result.track(profile.applicant.tracks[0])
    assert [x.id for x in result.programs[0].selected] == [x.id for x in track.selected]


@st.composite
def covered_cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A profile with a sound base set (sometimes a chair and an internist too), a few random
    writers, and a program whose rules that base can often meet."""
    from tests.unit.test_selection_properties import writer_dicts

    pairs = list(strong_pediatrics_set(3))
    if draw(st.booleans()):
        pairs.append(chair_pair())
    if draw(st.booleans()):
        pairs.append(letter_pair("im", specialty="internal-medicine"))
    data = profile_dict(pairs)
    data["applicant"]["needs_visa"] = False
    rotation_ids = [r["id"] for r in data["rotations"]]
    for i in range(draw(st.integers(0, 3))):
        data["writers"].append(draw(writer_dicts(f"x{i}", rotation_ids)))
    rules = draw(program_rules)
    rules.update(visa=None, graduation_within_years=None)
    data["programs"] = [{"id": "p1", "name": "Generated", "track": "pediatrics", **rules}]
    extra = draw(writer_dicts("wnew", rotation_ids))
    return data, extra


@SOME
@given(covered_cases())
def test_adding_a_letter_never_turns_a_covered_program_into_one_with_gaps(case):
    data, extra = case
    before = assess(Profile.model_validate(data), AS_OF).programs[0]
    assume(before.status == ProgramStatus.COVERED)
    data["writers"].append(extra)
    after = assess(Profile.model_validate(data), AS_OF).programs[0]
    assert after.status == ProgramStatus.COVERED, [u.label for u in after.unmet]
