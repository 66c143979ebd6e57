"""Shipping fixtures: the wheel, built from exactly what the Dockerfile copies, and a fresh
virtual environment outside the checkout with that wheel installed.

Both are built once per test session, in pytest's temporary folder. Installing needs the
package index (or pip's cache, which makes later runs quick).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.shipping import dockerfile

DOCKERFILE = ROOT / "Dockerfile"
BUILD_TIMEOUT = 300
INSTALL_TIMEOUT = 900


def run(cmd: Sequence[str | Path], *, timeout: float, **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, check=False,
        **kwargs,
    )  # fmt: skip
    assert done.returncode == 0, (
        f"{' '.join(map(str, cmd))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    )
    return done


def outside_checkout(path: Path) -> Path:
    assert not path.resolve().is_relative_to(ROOT), f"{path} must be outside the checkout"
    return path


def clean_env() -> dict[str, str]:
    """The environment for commands run "as a user": nothing points back at the checkout."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "LORKIT_DATA_DIR"):
        env.pop(name, None)
    env["PYTHONNOUSERSITE"] = "1"
    return env


@pytest.fixture(scope="session")
def shipping_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = outside_checkout(tmp_path_factory.mktemp("shipping"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)  # the virtual environment takes ~0.5 GB


@pytest.fixture(scope="session")
def image_source(shipping_tmp: Path) -> Path:
    """The folder where the image runs `pip install .`, holding only what COPY put there."""
    installs = dockerfile.stage(ROOT, DOCKERFILE, shipping_tmp / "image")
    assert len(installs) == 1, f"expected one `pip install` in the Dockerfile, got {installs}"
    return next(iter(installs.values()))


@pytest.fixture(scope="session")
def wheel(image_source: Path, shipping_tmp: Path) -> Path:
    dist = shipping_tmp / "dist"
    # Build isolation: pip fetches the build backend named in pyproject.toml.
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
         "--quiet", "--wheel-dir", dist, "."],
        cwd=image_source, timeout=BUILD_TIMEOUT,
    )  # fmt: skip
    wheels = sorted(dist.glob("lorkit-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="session")
def wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return {n for n in zf.namelist() if not n.endswith("/")}


@dataclass(frozen=True)
class Installed:
    venv: Path
    site: Path  # the venv's site-packages
    workdir: Path  # an empty folder outside the checkout to run commands in

    def bin(self, name: str) -> Path:
        return self.venv / "bin" / name

    def run(self, *args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return run(list(args), timeout=timeout, cwd=self.workdir, env=clean_env())


@pytest.fixture(scope="session")
def installed(wheel: Path, image_source: Path, shipping_tmp: Path) -> Installed:
    """A fresh virtual environment with the wheel installed the way the image installs it."""
    if os.name != "posix":
        pytest.skip("the shipping tests use a POSIX virtual environment layout")
    venv = shipping_tmp / "venv"
    workdir = shipping_tmp / "work"
    workdir.mkdir()
    run([sys.executable, "-m", "venv", venv], timeout=BUILD_TIMEOUT, env=clean_env())
    python = venv / "bin" / "python"
    run(
        [python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "--no-compile",
         "-c", image_source / "constraints.txt", wheel],
        timeout=INSTALL_TIMEOUT, cwd=workdir, env=clean_env(),
    )  # fmt: skip
    site = run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        timeout=60, cwd=workdir, env=clean_env(),
    ).stdout.strip()  # fmt: skip
    return Installed(venv=venv, site=Path(site), workdir=workdir)
