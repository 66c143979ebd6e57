"""`python -m lorkit`: assess (text and JSON), validate, schema, and clean failures."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lorkit import schema as schema_module
from lorkit.assessment import assess
from lorkit.cli import main
from lorkit.letters import SLOTS
from lorkit.next_steps import next_steps
from lorkit.profile_io import MAX_BYTES, load_profile
from lorkit.schema import schema_path, schema_text
from tests.conftest import AS_OF, ROOT, SAMPLE_NAMES, SAMPLES_DIR
from tests.unit.builders import profile_dict, strong_pediatrics_set

GUIDE = str(SAMPLES_DIR / "pediatrics-guide-example.json")
MED_PEDS = str(SAMPLES_DIR / "med-peds-complete.json")
EARLY = str(SAMPLES_DIR / "early-stage.json")
ALL_SAMPLES = [str(SAMPLES_DIR / f"{n}.json") for n in SAMPLE_NAMES]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assess_json(capsys, *files: str, as_of: str = AS_OF.isoformat()) -> list[dict]:
    code, out, err = run(capsys, "assess", *files, "--format", "json", "--as-of", as_of)
    assert code == 0, err
    assert err == ""
    if len(files) == 1:
        return [json.loads(out)]
    return [json.loads(line) for line in out.splitlines()]


# --- the shape of the lorkit-assessment JSON ------------------------------------------------


def check_assessment_shape(data: dict, profile_data: dict) -> None:
    tracks = profile_data["applicant"]["tracks"]
    assert data["format"] == "lorkit-assessment"
    assert data["version"] == 1
    date.fromisoformat(data["as_of"])
    assert [t["track"] for t in data["tracks"]] == tracks
    for t in data["tracks"]:
        assert isinstance(t["readiness"], int) and 0 <= t["readiness"] <= 100
        assert t["verdict"] in ("ready", "nearly-ready", "at-risk", "not-ready")
        assert isinstance(t["selected"], list) and len(t["selected"]) <= 4
        assert t["requirements"], "every track has requirements"
        for r in t["requirements"]:
            assert isinstance(r["code"], str) and isinstance(r["met"], bool)
    writer_ids = [w["id"] for w in profile_data["writers"]]
    assert [x["writer_id"] for x in data["letters"]] == writer_ids
    for x in data["letters"]:
        assert 0 <= x["quality"] <= 100
        assert x["age_years"] >= 0
        assert ("tiers" in x) == ("pediatrics" in tracks)
        assert ("slots" in x) == ("med-peds" in tracks)
        if "tiers" in x:
            assert x["tiers"]["pediatrics"] in range(1, 8)
        if "slots" in x:
            assert x["slots"]["med-peds"] in SLOTS
        assert set(x["values"]) == set(tracks)
        assert set(x["factors"]) == {"quality", *tracks}
        for factor in x["factors"]["quality"]:
            assert set(factor) == {"factor", "label", "multiplier"}
    for f in data["findings"]:
        assert set(f) >= {"code", "severity", "track", "writer_id", "message", "fix"}
        assert f["severity"] in ("error", "warning", "info")
        assert f["track"] is None or f["track"] in tracks
        assert f["writer_id"] is None or f["writer_id"] in writer_ids
        assert f["message"] and f["fix"]
    statuses = {w["id"]: w["status"] for w in profile_data["writers"]}
    for p in data["plan"]:
        assert p["writer_id"] in writer_ids
        # r2: each entry is the writer's status and its dated steps (it used to be the same
        # ask window and reminders for everyone)
        assert p["status"] == statuses[p["writer_id"]] != "declined"
        for s in p["steps"]:
            assert set(s) == {"action", "start", "end"}
            assert date.fromisoformat(s["start"]) <= date.fromisoformat(s["end"])
    below = [t["track"] for t in data["tracks"] if t["verdict"] != "ready"]
    steps = data["next_steps"]
    assert [s["gain"] for s in steps] == sorted((s["gain"] for s in steps), reverse=True)
    assert {s["track"] for s in steps} == set(below)
    for s in steps:
        assert set(s) == {"track", "action", "writer_id", "gain", "message"}
        assert isinstance(s["gain"], int) and s["gain"] >= 0
        assert s["writer_id"] is None or s["writer_id"] in writer_ids
        assert isinstance(s["action"], str) and s["message"]
        assert (s["gain"] == 0) == (s["action"] == "none")


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=SAMPLE_NAMES)
def test_assess_json_for_one_file_is_one_indented_object(capsys, path):
    code, out, err = run(capsys, "assess", path, "--format", "json", "--as-of", "2026-11-24")
    assert (code, err) == (0, "")
    assert out.startswith("{\n  ")
    data = json.loads(out)
    assert data["source"] == path
    check_assessment_shape(data, json.loads(Path(path).read_text(encoding="utf-8")))


def test_assess_json_for_several_files_is_json_lines_with_the_source(capsys):
    lines = assess_json(capsys, *ALL_SAMPLES)
    assert [d["source"] for d in lines] == ALL_SAMPLES
    for data, path in zip(lines, ALL_SAMPLES, strict=True):
        check_assessment_shape(data, json.loads(Path(path).read_text(encoding="utf-8")))


def expected(path: str):
    """The in-process assessment the CLI must agree with (its values are pinned in
    test_golden_samples.py)."""
    return assess(load_profile(path), AS_OF)


def test_assess_json_matches_the_in_process_result(capsys):
    (data,) = assess_json(capsys, GUIDE)
    (peds,) = data["tracks"]
    want = expected(GUIDE).track("pediatrics")
    assert (peds["readiness"], peds["verdict"]) == (want.readiness, want.verdict.value)
    assert peds["selected"] == [x.id for x in want.selected]
    assert peds["verdict"] == "ready"


def test_tiers_appear_only_with_pediatrics_and_slots_only_with_med_peds(capsys):
    guide, med_peds = assess_json(capsys, GUIDE, MED_PEDS)
    assert all("tiers" in x and "slots" not in x for x in guide["letters"])
    assert all("tiers" in x and "slots" in x for x in med_peds["letters"])


def test_the_as_of_date_is_honoured(capsys):
    (early,) = assess_json(capsys, EARLY, as_of="2026-11-24")
    (late,) = assess_json(capsys, EARLY, as_of="2027-08-20")
    assert early["as_of"] == "2026-11-24"
    assert late["as_of"] == "2027-08-20"
    assert "late-ask" not in {f["code"] for f in early["findings"]}
    assert "late-ask" in {f["code"] for f in late["findings"]}


def test_without_as_of_today_is_used(capsys):
    code, out, _ = run(capsys, "assess", GUIDE, "--format", "json")
    assert code == 0
    assert json.loads(out)["as_of"] == date.today().isoformat()


def test_assess_text_for_one_file(capsys):
    code, out, err = run(capsys, "assess", GUIDE, "--as-of", "2026-11-24")
    assert (code, err) == (0, "")
    readiness = expected(GUIDE).track("pediatrics").readiness
    assert f"Pediatrics: READY (readiness {readiness}/100)" in out
    assert "Dr. Helen Marsh" in out
    assert "Plan:" in out
    assert "== " not in out, "one file needs no header"


def test_assess_json_has_the_next_steps_of_the_in_process_result(capsys):
    (data,) = assess_json(capsys, EARLY)
    profile = load_profile(EARLY)
    want = next_steps(profile, AS_OF, assessment=assess(profile, AS_OF))
    assert data["next_steps"] == [s.to_dict() for s in want]
    assert data["next_steps"], "the early-stage sample is below ready"
    for s in data["next_steps"]:
        assert s["gain"] == 0 or f"+{s['gain']} readiness for " in s["message"]


def test_a_ready_profile_has_no_next_steps_in_json_and_says_so_in_text(capsys, tmp_path):
    path = tmp_path / "ready.json"
    path.write_text(json.dumps(profile_dict(strong_pediatrics_set(3))), encoding="utf-8")
    (data,) = assess_json(capsys, str(path))
    assert [t["verdict"] for t in data["tracks"]] == ["ready"]
    assert data["next_steps"] == []
    code, out, _ = run(capsys, "assess", str(path), "--as-of", AS_OF.isoformat())
    assert code == 0
    assert "Next steps:\n  Every track is ready: nothing to add.\n" in out


def test_the_text_report_has_a_numbered_next_steps_section_per_track(capsys):
    code, out, _ = run(capsys, "assess", EARLY, "--as-of", AS_OF.isoformat())
    assert code == 0
    section = out.split("Next steps:\n", 1)[1].split("\nFindings:", 1)[0]
    profile = load_profile(EARLY)
    steps = next_steps(profile, AS_OF)
    assert "  Pediatrics:\n" in section and "  Medicine-Pediatrics:\n" in section
    for track in ("pediatrics", "med-peds"):
        mine = [s for s in steps if s.track == track]
        for i, s in enumerate(mine, 1):
            assert f"    {i}. {s.message}\n" in section


def test_the_text_plan_follows_each_writers_status(capsys):
    code, out, _ = run(capsys, "assess", EARLY, "--as-of", AS_OF.isoformat())
    assert code == 0
    plan = out.split("Plan:\n", 1)[1]
    profile = load_profile(EARLY)
    for w in profile.writers:
        if w.status == "declined":
            assert f"  {w.name} (" not in plan
            continue
        head = f"  {w.name} ({w.status.short.lower()}):\n"
        assert head in plan
        lines = re.split(r"\n  (?=\S)", plan.split(head, 1)[1], maxsplit=1)[0]  # to the next
        asks = "ask formally" in lines
        assert asks == (w.status == "candidate"), w.id
        assert ("send the packet" in lines) == (w.status in ("agreed-strong", "hesitant")), w.id


@pytest.mark.parametrize(
    ("as_of", "words"), [("2027-09-10", "2 days ago"), ("2027-09-09", "1 day ago")]
)
def test_a_submission_date_in_the_past_reads_days_ago_never_negative(capsys, as_of, words):
    code, out, _ = run(capsys, "assess", GUIDE, "--as-of", as_of)
    assert code == 0
    second = out.splitlines()[1]
    assert second.endswith(f"({words})")
    assert "-" not in second.split("(")[-1]


def test_assess_text_for_several_files_has_a_header_per_file(capsys):
    code, out, _ = run(capsys, "assess", GUIDE, MED_PEDS, "--as-of", "2026-11-24")
    assert code == 0
    assert f"== {GUIDE}\n" in out and f"== {MED_PEDS}\n" in out
    readiness = expected(MED_PEDS).track("med-peds").readiness
    assert f"Medicine-Pediatrics: READY (readiness {readiness}/100)" in out


def test_a_bad_file_among_good_ones_is_reported_and_the_rest_still_assessed(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    code, out, err = run(capsys, "assess", GUIDE, str(bad), MED_PEDS, "--format", "json",
                         "--as-of", "2026-11-24")  # fmt: skip
    assert code == 2
    assert [json.loads(line)["source"] for line in out.splitlines()] == [GUIDE, MED_PEDS]
    assert err.count("\n") == 1 and str(bad) in err


# --- validate and schema -----------------------------------------------------------------


def test_validate_reports_each_good_file_as_ok(capsys):
    code, out, err = run(capsys, "validate", *ALL_SAMPLES)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{p}: ok" for p in ALL_SAMPLES]


def test_validate_reports_a_bad_file_and_fails(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    data = json.loads(Path(GUIDE).read_text(encoding="utf-8"))
    data["writers"][1]["status"] = "maybe"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "validate", GUIDE, str(bad))
    assert code == 2
    assert out == f"{GUIDE}: ok\n"
    assert err.startswith(f"lorkit: {bad}: writers[1].status: ")


def test_schema_prints_the_committed_schema(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == json.loads(schema_path().read_text(encoding="utf-8"))
    assert out == schema_path().read_text(encoding="utf-8")


def test_schema_output_is_exactly_what_the_stale_check_expects(capsys, monkeypatch):
    # The README says to regenerate the schema with `python -m lorkit schema > ...`; that must
    # write exactly schema_text(), even when a description holds non-ASCII text.
    original = schema_module.profile_schema
    monkeypatch.setattr(
        schema_module,
        "profile_schema",
        lambda: {**original(), "description": "Letters for an IMG — über-specific"},
    )
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert out == schema_text()


# --- bad input: exit 2, one located line on stderr, no traceback ------------------------------


def oversized(tmp_path: Path) -> Path:
    path = tmp_path / "huge.json"
    path.write_bytes(Path(GUIDE).read_bytes() + b" " * (MAX_BYTES + 1))
    return path


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _guide_with(tmp_path: Path, name: str, change) -> Path:
    data = json.loads(Path(GUIDE).read_text(encoding="utf-8"))
    change(data)
    return _write(tmp_path, name, json.dumps(data, indent=2))


BAD_FILES = {
    "missing file": (lambda tmp: tmp / "nowhere.json", "cannot read"),
    "invalid JSON": (lambda tmp: _write(tmp, "broken.json", '{\n  "format": }'), "line 2, column"),
    "wrong version": (
        lambda tmp: _guide_with(tmp, "v9.json", lambda d: d.update(version=9)),
        "version: ",
    ),
    "wrong format": (
        lambda tmp: _guide_with(tmp, "fmt.json", lambda d: d.update(format="other")),
        "format: ",
    ),
    "invalid field": (
        lambda tmp: _guide_with(
            tmp, "field.json", lambda d: d["writers"][2].update(letter_date="2027-13-01")
        ),
        "writers[2].letter_date: ",
    ),
    "oversized": (oversized, "limit"),
    "not an object": (lambda tmp: _write(tmp, "list.json", "[]"), "JSON object"),
}


@pytest.mark.parametrize("command", ["assess", "validate"])
@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_exits_2_with_one_located_line(capsys, tmp_path, command, kind):
    make, place = BAD_FILES[kind]
    path = make(tmp_path)
    code, out, err = run(capsys, command, str(path))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"lorkit: {path}: ")
    assert place in lines[0]
    assert "Traceback" not in err


# --- as a real subprocess --------------------------------------------------------------------


def test_the_module_runs_as_a_subprocess():
    done = subprocess.run(
        [sys.executable, "-m", "lorkit", "assess", GUIDE, MED_PEDS, "--format", "json",
         "--as-of", "2026-11-24"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [d["source"] for d in lines] == [GUIDE, MED_PEDS]
    assert lines[0]["tracks"][0]["readiness"] == expected(GUIDE).track("pediatrics").readiness


def test_a_bad_file_fails_cleanly_in_a_subprocess(tmp_path):
    bad = _write(tmp_path, "broken.json", "{ not json")
    done = subprocess.run(
        [sys.executable, "-m", "lorkit", "assess", str(bad)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert str(bad) in done.stderr and "line 1, column 3" in done.stderr


def test_the_cli_does_not_import_streamlit():
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys, lorkit.cli; sys.exit('streamlit' in sys.modules or 'altair' in sys.modules)"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, "the CLI must not import streamlit or altair"
