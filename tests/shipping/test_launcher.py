"""`lorkit app`: the `streamlit run` command it builds, without starting a server."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lorkit import launcher
from lorkit.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.shipping


def test_in_the_checkout_it_runs_the_checkouts_app():
    assert launcher.app_script() == ROOT / "app.py"


def test_it_listens_on_this_machine_only_unless_told_otherwise():
    cmd = launcher.app_command()
    assert cmd[:5] == [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
    assert cmd[5:] == ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]


def test_extra_arguments_pass_through_and_replace_the_defaults():
    cmd = launcher.app_command(["--server.address=0.0.0.0", "--server.port", "8502"])
    assert cmd[5:] == [
        "--browser.gatherUsageStats", "false", "--server.address=0.0.0.0", "--server.port", "8502",
    ]  # fmt: skip
    # after "--" the arguments are the app's own, not streamlit's
    cmd = launcher.app_command(["--", "--server.address", "x"])
    assert cmd[5:9] == ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]


def test_help_describes_the_command(capsys):
    assert main(["app", "--help"]) == 0
    assert "usage: lorkit app" in capsys.readouterr().out


def test_the_command_list_names_app(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "start the web app" in capsys.readouterr().out


def test_launching_does_not_import_streamlit_into_lorkit():
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys, lorkit.cli, lorkit.launcher as l; l.app_command(); "
         "sys.exit('streamlit' in sys.modules)"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
