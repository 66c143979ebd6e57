"""The README stays in step with the code: every finding code and both commands appear."""

from __future__ import annotations

from lorkit.catalogue import CODES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_finding_code_is_documented_in_the_readme():
    missing = [code for code in CODES if f"`{code}`" not in README]
    assert not missing, f"add these finding codes to the README table: {missing}"


def test_the_readme_shows_the_two_commands_and_they_exist():
    for command in ("./scripts/start", "./scripts/test"):
        assert command in README
        assert (ROOT / command).is_file()


def test_the_readme_screenshots_exist():
    for name in ("assessment.png", "plan.png"):
        assert f"docs/screenshots/{name}" in README
        assert (ROOT / "docs" / "screenshots" / name).is_file()
