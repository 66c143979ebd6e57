"""Running the app for a real browser: find Debian's Chromium, start and stop a loopback
`streamlit run app.py`. Shared by the browser tests and benchmarks/app.py."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT = 60.0

CHROMIUM_CANDIDATES = ("/usr/bin/chromium",)
CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing leaves the machine: every host but the local server fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

# --- the browser binary --------------------------------------------------------------------


def find_chromium() -> str | None:
    for path in CHROMIUM_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


# --- the Streamlit server ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(log_path: Path | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start `streamlit run app.py` from the repository root; returns (process, base URL).

    The server's output goes to `log_path`, or nowhere.
    """
    port = free_port()
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb") if log_path is not None else subprocess.DEVNULL
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so it can be ended as a whole
    )
    if log_path is not None:
        log.close()  # type: ignore[union-attr]
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while True:
        if proc.poll() is not None:
            where = log_path or "its output"
            raise RuntimeError(
                f"streamlit exited with {proc.returncode} before answering; see {where}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return proc, url
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            stop_server(proc)
            raise RuntimeError(
                f"streamlit did not answer /_stcore/health within {SERVER_START_TIMEOUT:.0f} s; "
                f"see {log_path or 'its output'}"
            )
        time.sleep(0.2)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


