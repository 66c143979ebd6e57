"""A new track is a new file: a made-up Internal Medicine track (tests/fixtures/tracks/) runs
through the engine and the CLI with no code change, next to the shipped tracks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lorkit import registry, rules
from lorkit.actions import packet_items
from lorkit.assessment import assess
from lorkit.emails import draft
from lorkit.enums import DraftKind, PacketItem
from lorkit.profile_io import load_profile
from tests.conftest import AS_OF, ROOT

FIXTURES = ROOT / "tests" / "fixtures"
TRACK_FILE = FIXTURES / "tracks" / "internal-medicine.toml"
PROFILE = FIXTURES / "profiles" / "internal-medicine.json"
IM = "internal-medicine"


@pytest.fixture
def with_im_track(data_copy: Path) -> Path:
    shutil.copy(TRACK_FILE, data_copy / "tracks" / TRACK_FILE.name)
    rules.clear_caches()
    return data_copy


def run_cli(data: Path | None, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LORKIT_DATA_DIR"}
    if data is not None:
        env["LORKIT_DATA_DIR"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "lorkit", *argv],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False, env=env,
    )  # fmt: skip


def test_the_fixture_track_joins_the_rule_book(with_im_track):
    assert rules.track_ids() == ("pediatrics", "med-peds", IM)
    t = rules.track(IM)
    assert (t.label, t.short, t.relevance_model) == ("Internal Medicine", "IM", "slots")
    # the registry describes it too: its requirements raise the findings they name
    assert "IM" in registry.describe("too-few-letters").tracks
    assert registry.describe("home-country-majority").tracks == ("Pediatrics", "IM")


def test_a_profile_for_the_fixture_track_is_assessed(with_im_track):
    profile = load_profile(PROFILE)
    a = assess(profile, AS_OF)
    assert [t.track for t in a.tracks] == [IM, "pediatrics"]
    im = a.track(IM)
    # 76 since r2: the four-week Mon–Fri block ahead (26 days) is 4 working weeks
    assert im.readiness == 76 and im.verdict.value == "ready", "its own bands: ready at 75"
    assert [x.id for x in im.selected] == ["w-im", "w-ahead", "w-home"]
    assert [r.requirement.code for r in im.requirements] == [
        "three-letters",
        "im-letter",
        "two-us-clinical-letters",
        "us-im-letter",
        "us-majority",
    ]
    data: dict[str, Any] = a.to_dict()
    letter = data["letters"][0]
    assert letter["slots"] == {IM: "im"} and letter["tiers"] == {"pediatrics": 7}
    assert set(letter["values"]) == {IM, "pediatrics"}


def test_its_packet_and_e_mail_come_from_the_track_file(with_im_track):
    profile = load_profile(PROFILE)
    assert PacketItem.EXAM_SCORES in packet_items(profile)
    assert PacketItem.COMBINED_POINTS not in packet_items(profile)
    text = draft(profile, profile.writers[0], DraftKind.ASK).text
    assert "I am applying to internal medicine because I want a career in hospital medicine" in text
    assert "combined training" not in text


def test_its_findings_name_the_track(with_im_track, tmp_path):
    raw = json.loads(PROFILE.read_text(encoding="utf-8"))
    raw["applicant"]["tracks"] = [IM]
    raw["writers"] = [w for w in raw["writers"] if w["id"] in ("w-home", "w-peds")]
    path = tmp_path / "two-letters.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    a = assess(load_profile(path), AS_OF)
    found = {(f.code, f.track) for f in a.findings}
    assert ("too-few-letters", IM) in found
    assert ("non-us-core-letter", IM) in found
    message = next(f.message for f in a.findings if f.code == "too-few-letters")
    assert message == "Only 2 letters for Internal Medicine count; programs usually ask for 3."


def test_the_cli_validates_and_assesses_it_in_a_subprocess(with_im_track):
    done = run_cli(with_im_track, "validate", str(PROFILE))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"{PROFILE}: ok\n"

    done = run_cli(
        with_im_track, "assess", str(PROFILE), "--format", "json", "--as-of", "2026-11-24"
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [t["track"] for t in data["tracks"]] == [IM, "pediatrics"]
    im = data["tracks"][0]
    assert (im["readiness"], im["verdict"]) == (76, "ready")
    expected = assess(load_profile(PROFILE), date(2026, 11, 24)).to_dict()
    # the CLI adds the source file and the next steps (see tests/unit/test_cli.py)
    assert {k: v for k, v in data.items() if k not in ("source", "next_steps")} == expected

    done = run_cli(with_im_track, "codes", "--format", "json")
    assert done.returncode == 0, done.stderr
    codes = {x["code"]: x for x in json.loads(done.stdout)}
    assert codes["missing-im-letter"]["tracks"] == ["Med-Peds", "IM"]


def test_without_the_track_file_the_profile_is_refused_in_one_located_line():
    done = run_cli(None, "validate", str(PROFILE))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"lorkit: {PROFILE}: applicant.tracks[0]: unknown track 'internal-medicine'; "
        "use one of pediatrics, med-peds"
    ]
