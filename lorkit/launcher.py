"""`lorkit app`: start the Streamlit app, from the checkout or from an installed wheel.

The wheel installs the app beside this package as `lorkit_app/` (app.py, app_pages/, ui/ and
the .streamlit/ settings). Streamlit runs as `python -m streamlit run <app.py>`, replacing this
process, so lorkit itself never imports streamlit.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

APP_PACKAGE = "lorkit_app"
# Added unless the caller passes the option itself: listen on this machine only, and send
# no usage statistics. A container passes --server.address=0.0.0.0.
DEFAULT_OPTIONS = (
    ("--server.address", "127.0.0.1"),
    ("--browser.gatherUsageStats", "false"),
)
USAGE = """\
usage: lorkit app [STREAMLIT-OPTIONS] [-- APP-ARGS]

Start the lorkit web app with `streamlit run`, on http://localhost:8501 by default.
Options go to `streamlit run`, for example --server.port 8502 or --server.headless true.
Without --server.address the app listens on 127.0.0.1 only.
"""


def _is_app_folder(folder: Path) -> bool:
    return (folder / "app.py").is_file() and (folder / "app_pages").is_dir()


def app_script() -> Path:
    """The app's entry point: `lorkit_app/app.py` where the wheel installed it, else the
    `app.py` beside the lorkit package in a checkout."""
    folders: list[Path] = []
    spec = importlib.util.find_spec(APP_PACKAGE)
    if spec is not None and spec.submodule_search_locations is not None:
        folders += [Path(p) for p in spec.submodule_search_locations]
    folders.append(Path(__file__).resolve().parent.parent)
    for folder in folders:
        if _is_app_folder(folder):
            return folder / "app.py"
    raise FileNotFoundError(
        "lorkit: the app's files are missing (looked in "
        + ", ".join(str(f) for f in folders)
        + "); reinstall lorkit"
    )


def _given(options: Sequence[str], name: str) -> bool:
    return any(o == name or o.startswith(name + "=") for o in options)


def app_command(args: Sequence[str] = ()) -> list[str]:
    """The `streamlit run` command line for the app, with `args` passed through."""
    args = list(args)
    ours = args[: args.index("--")] if "--" in args else args  # after "--": the app's own
    defaults: list[str] = []
    for name, value in DEFAULT_OPTIONS:
        if not _given(ours, name):
            defaults += [name, value]
    return [sys.executable, "-m", "streamlit", "run", str(app_script()), *defaults, *args]


def run_app(args: Sequence[str] = ()) -> int:
    """Start the app; on POSIX this process becomes the Streamlit server."""
    if list(args) in (["-h"], ["--help"]):
        sys.stdout.write(USAGE)
        return 0
    try:
        command = app_command(args)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    if os.name == "posix":
        # exec, so that signals (Ctrl-C, a container's stop) reach the server directly
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)
    return subprocess.call(command)
