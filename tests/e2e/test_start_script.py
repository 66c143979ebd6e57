"""`scripts/start` serves this machine only unless told otherwise, and says where.

The script runs in a copy of the checkout whose `.venv` is a stand-in: its `streamlit`
prints the arguments it was given, and the install stamp is current, so nothing is
installed and no server starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.harness import ROOT

FAKE_STREAMLIT = f"""#!{sys.executable}
import json, sys
print("ARGS " + json.dumps(sys.argv[1:]))
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    for name in ("scripts/start", "scripts/_venv.sh", "pyproject.toml", "constraints.txt"):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    streamlit = bin_dir / "streamlit"
    streamlit.write_text(FAKE_STREAMLIT)
    streamlit.chmod(0o755)
    pins = hashlib.sha256(
        (tmp_path / "pyproject.toml").read_bytes() + (tmp_path / "constraints.txt").read_bytes()
    ).hexdigest()
    (tmp_path / ".venv" / ".lorkit-installed").write_text(f"{pins} \n")
    return tmp_path


def start(checkout: Path, *args: str, **env: str) -> tuple[int, str, list[str]]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LORKIT_")}
    proc = subprocess.run(
        [str(checkout / "scripts" / "start"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    argv: list[str] = next(
        (json.loads(line[5:]) for line in proc.stdout.splitlines() if line.startswith("ARGS ")),
        [],
    )
    return proc.returncode, proc.stdout + proc.stderr, argv


def option(argv: list[str], name: str) -> str | None:
    """The value streamlit uses for `name`: the last one given."""
    values = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == name]
    values += [a.split("=", 1)[1] for a in argv if a.startswith(name + "=")]
    return values[-1] if values else None


def test_by_default_only_this_machine_can_connect(checkout: Path) -> None:
    code, output, argv = start(checkout)
    assert code == 0, output
    assert option(argv, "--server.address") == "127.0.0.1", argv
    assert option(argv, "--server.port") == "8501"
    assert option(argv, "--browser.gatherUsageStats") == "false"
    assert "http://127.0.0.1:8501" in output and "this machine only" in output, output
    assert "installing" not in output  # the stand-in .venv was used as it is


def test_the_port_and_address_can_be_chosen(checkout: Path) -> None:
    code, output, argv = start(checkout, LORKIT_PORT="9123", LORKIT_ADDRESS="0.0.0.0")
    assert code == 0, output
    assert option(argv, "--server.address") == "0.0.0.0"
    assert option(argv, "--server.port") == "9123"
    assert "http://127.0.0.1:9123" in output and "other machines" in output, output


def test_other_arguments_go_to_streamlit(checkout: Path) -> None:
    code, output, argv = start(checkout, "--server.headless", "true")
    assert code == 0, output
    assert option(argv, "--server.headless") == "true"
    assert option(argv, "--server.address") == "127.0.0.1"


def test_a_wrong_port_is_refused(checkout: Path) -> None:
    code, output, argv = start(checkout, LORKIT_PORT="80a")
    assert code != 0 and "LORKIT_PORT" in output and not argv, output


def test_the_browser_tests_server_port_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.e2e import harness

    monkeypatch.delenv(harness.PORT_ENV, raising=False)
    assert 0 < harness.server_port() < 65536  # a free one
    monkeypatch.setenv(harness.PORT_ENV, "8765")
    assert harness.server_port() == 8765
    monkeypatch.setenv(harness.PORT_ENV, "eighty")
    with pytest.raises(RuntimeError, match="LORKIT_E2E_PORT"):
        harness.server_port()
