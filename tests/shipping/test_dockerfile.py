"""The Dockerfile, checked without Docker (not available on the development machine): it
copies only paths that exist, installs lorkit from a wheel that carries the rule data and the
app, runs that installed app on every interface, as a non-root user, with a health check."""

from __future__ import annotations

import re
import shlex
import tomllib

import pytest

from tests.conftest import ROOT
from tests.shipping import dockerfile
from tests.shipping.conftest import DOCKERFILE

pytestmark = pytest.mark.shipping

INSTRUCTIONS = dockerfile.instructions(DOCKERFILE.read_text(encoding="utf-8"))
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _one(keyword: str) -> dockerfile.Instruction:
    found = [i for i in INSTRUCTIONS if i.keyword == keyword]
    assert found, f"the Dockerfile has no {keyword}"
    return found[-1]  # the one in force


def test_every_copied_path_exists_and_is_not_dockerignored():
    files = dockerfile.context_files(ROOT)
    copies = dockerfile.copies(INSTRUCTIONS)
    assert copies
    for cp in copies:
        for source in cp.sources:
            assert (ROOT / source).exists(), f"Dockerfile line {cp.line}: {source} does not exist"
            assert dockerfile._matching(source, files), (
                f"Dockerfile line {cp.line}: {source} is excluded by .dockerignore"
            )


def test_the_image_gets_every_file_the_wheel_is_built_from():
    copied = {s.strip("/") for cp in dockerfile.copies(INSTRUCTIONS) for s in cp.sources}
    needed = {"pyproject.toml", "constraints.txt", PYPROJECT["project"]["readme"]}
    needed |= {"lorkit", "app.py", "app_pages", "ui", ".streamlit"}
    assert needed <= copied, f"the Dockerfile does not copy {sorted(needed - copied)}"


def test_lorkit_is_installed_from_a_wheel_with_the_pinned_versions():
    installs = [i for i in INSTRUCTIONS if i.keyword == "RUN" and "pip install" in i.args]
    assert len(installs) == 1
    words = shlex.split(installs[0].args.split("&&")[0])
    assert "-e" not in words and "--editable" not in words, "the image must not be editable"
    assert words[-1] == "."
    assert words[words.index("-c") + 1] == "constraints.txt"


def test_the_command_runs_the_installed_app_on_every_interface(wheel_files):
    cmd = dockerfile.exec_form(_one("CMD"))
    assert cmd[:2] == ["lorkit", "app"], "the image starts the installed app with `lorkit app`"
    assert PYPROJECT["project"]["scripts"]["lorkit"] == "lorkit.cli:main"
    # what `lorkit app` runs (lorkit.launcher.app_script) is in the installed files
    assert "lorkit_app/app.py" in wheel_files
    options = " ".join(cmd[2:])
    assert re.search(r"--server\.address[= ]0\.0\.0\.0\b", options), (
        "a container must listen on 0.0.0.0 explicitly"
    )
    port = re.search(r"--server\.port[= ](\d+)", options)
    assert port, "the CMD names the port it serves on"
    assert f"EXPOSE {port.group(1)}" in {f"EXPOSE {i.args}" for i in INSTRUCTIONS}
    assert f"127.0.0.1:{port.group(1)}/_stcore/health" in _one("HEALTHCHECK").args


def test_the_app_runs_as_a_user_other_than_root():
    user = _one("USER").args
    assert user not in ("root", "0", "0:0")
    assert any(i.keyword == "RUN" and "useradd" in i.args and user in i.args for i in INSTRUCTIONS)


def test_the_installed_files_include_the_rule_data_and_samples(wheel_files):
    data = ROOT / "lorkit" / "data"
    expected = {f"lorkit/{p.relative_to(data.parent).as_posix()}" for p in data.rglob("*.*")}
    assert {"lorkit/data/scoring.toml", "lorkit/data/schema/profile.schema.json"} <= expected
    assert any(p.startswith("lorkit/data/tracks/") for p in expected)
    assert any(p.startswith("lorkit/data/samples/") for p in expected)
    assert expected <= wheel_files, f"missing from the wheel: {sorted(expected - wheel_files)}"
