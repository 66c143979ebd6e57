"""The README stays in step with the code: the finding-code table is the registry's own, and
both commands appear."""

from __future__ import annotations

import re
import subprocess
import sys

from lorkit import registry
from lorkit.registry import REGISTRY
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
_TABLE = re.compile(r"<!-- codes:start -->\n(.*?)<!-- codes:end -->", re.DOTALL)


def test_every_finding_code_is_documented_in_the_readme():
    missing = [code for code in REGISTRY if f"`{code}`" not in README]
    assert not missing, f"add these finding codes to the README table: {missing}"


def test_the_readme_code_table_is_the_generated_one():
    found = _TABLE.search(README)
    assert found, "README.md needs the <!-- codes:start --> … <!-- codes:end --> markers"
    assert found.group(1) == registry.table("markdown"), (
        "the README's finding-code table is stale: replace the lines between the markers "
        "with the output of `python -m lorkit codes --format markdown`"
    )


def test_the_cli_prints_the_same_table():
    done = subprocess.run(
        [sys.executable, "-m", "lorkit", "codes", "--format", "markdown"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == registry.table("markdown")


def test_the_readme_shows_the_two_commands_and_they_exist():
    for command in ("./scripts/start", "./scripts/test"):
        assert command in README
        assert (ROOT / command).is_file()


def test_the_readme_screenshots_exist():
    for name in ("assessment.png", "plan.png"):
        assert f"docs/screenshots/{name}" in README
        assert (ROOT / "docs" / "screenshots" / name).is_file()
