"""Running the app for a real browser: find Debian's Chromium, start and stop a loopback
`streamlit run app.py`, and `Tab`, a simulated browser tab that speaks Streamlit's own
WebSocket protocol. Shared by the browser tests and the benchmarks (app.py, load.py).

The server's port is a free one, or LORKIT_E2E_PORT when set."""

from __future__ import annotations

import contextlib
import json
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
from typing import Any

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


PORT_ENV = "LORKIT_E2E_PORT"


def server_port() -> int:
    """LORKIT_E2E_PORT when set (e.g. to reach the server from elsewhere), else a free port."""
    wanted = os.environ.get(PORT_ENV, "").strip()
    if not wanted:
        return free_port()
    if not wanted.isdigit() or not 0 < int(wanted) < 65536:
        raise RuntimeError(f"{PORT_ENV} must be a port number (1-65535), not {wanted!r}")
    return int(wanted)


def start_server(
    log_path: Path | None = None,
    port: int | None = None,
    extra_args: list[str] | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `streamlit run app.py` from the repository root; returns (process, base URL).

    The server's output goes to `log_path`, or nowhere. The port is `port`, else
    `server_port()`. `extra_args` are more `streamlit run` options.
    """
    port = port if port is not None else server_port()
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
            *(extra_args or []),
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


# --- a browser tab without a browser: Streamlit's WebSocket protocol -----------------------


class Tab:
    """One simulated browser tab: a WebSocket to `/_stcore/stream` that sends `BackMsg`
    protobufs (rerun requests with widget states) and reads the `ForwardMsg`s of each run,
    as Streamlit's frontend does. Used by the load benchmark and by tests that need exact
    control over the order of messages (which no real browser gives).

    Like a browser with empty storage, it answers the storage bridge's load request
    (`answer_storage`, on by default); it never writes anything.
    """

    def __init__(self, base_url: str, *, timeout: float = 60.0, answer_storage: bool = True):
        from websockets.sync.client import connect
        from websockets.typing import Subprotocol

        self.timeout = timeout
        self.answer_storage = answer_storage
        self._connection = connect(
            base_url.replace("http://", "ws://", 1) + "/_stcore/stream",
            subprotocols=[Subprotocol("streamlit")],
            max_size=None,
            compression=None,
            open_timeout=timeout,
        )
        self.ws = self._connection.__enter__()
        self.page_hash = ""  # the page the server last ran, as a browser would remember it
        self.values: dict[str, Any] = {}  # component state values sent so far, by widget id
        self.pages: dict[str, str] = {}  # page script hash -> url path ("" = the default)
        self.elements: dict[str, Any] = {}  # widget id -> element proto, from the last run
        self.bridge: dict[str, Any] | None = None  # the storage bridge's data, last run
        self.bridge_id = ""
        self.exceptions: list[str] = []
        self.titles: list[str] = []  # h1 texts of the last run
        self.texts: list[str] = []  # Markdown texts of the last run (main area and sidebar)
        self.runs = 0  # script runs that finished successfully

    # sending

    def send(
        self,
        *,
        triggers: tuple[str, ...] = (),
        json_triggers: dict[str, Any] | None = None,
        json_values: dict[str, Any] | None = None,
        page_hash: str | None = None,
    ) -> None:
        """Send one rerun request: `triggers` are widget ids of buttons clicked,
        `json_triggers` / `json_values` are component trigger / state values by widget id.
        Like the browser, state values are kept and sent again with every later request;
        triggers are sent once."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        self.values.update(json_values or {})
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = ""
        cs.page_script_hash = self.page_hash if page_hash is None else page_hash
        for wid in triggers:
            w = cs.widget_states.widgets.add()
            w.id = wid
            w.trigger_value = True
        for wid, value in (json_triggers or {}).items():
            w = cs.widget_states.widgets.add()
            w.id = wid
            w.json_trigger_value = json.dumps(value)
        for wid, value in self.values.items():
            w = cs.widget_states.widgets.add()
            w.id = wid
            w.json_value = json.dumps(value)
        self.ws.send(msg.SerializeToString())

    def widget_id(self, key: str) -> str:
        """The id of the widget with user key `key` in the last run."""
        for wid in self.elements:
            if wid.endswith(f"-{key}"):
                return wid
        raise KeyError(
            f"no widget with key {key!r} in the last run (page {self.page!r}, "
            f"titles {self.titles}, exceptions {self.exceptions[:1]})"
        )

    def storage_answer(self, req: int, value: str | None = None) -> dict[str, Any]:
        """The bridge's trigger payload for 'the browser answered load request `req`'."""
        trigger_id = f"$$STREAMLIT_INTERNAL_KEY_{self.bridge_id}__events"
        loaded = {
            "req": req,
            "available": True,
            "value": value,
            "bytes": 0 if value is None else len(value.encode()),
            "tooLarge": False,
        }
        return {trigger_id: [{"event": "loaded", "value": loaded}]}

    # receiving

    def _receive(self, deadline: float) -> Any:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no answer from the server in time")
        msg = ForwardMsg()
        msg.ParseFromString(self.ws.recv(timeout=remaining))  # TimeoutError when none comes
        return msg

    def wait_run(self, timeout: float | None = None, *, quiet: float = 0.0) -> None:
        """Read messages until a script run finishes successfully and no other run starts
        within `quiet` seconds (requests still in flight start more runs)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        finished_at: float | None = None
        while True:
            if finished_at is not None:
                try:
                    msg = self._receive(min(deadline, finished_at + quiet))
                except TimeoutError:
                    return
            else:
                msg = self._receive(deadline)
            if msg.WhichOneof("type") == "new_session":
                finished_at = None
            if self._handle(msg) and self._settled():
                if quiet <= 0:
                    return
                finished_at = time.monotonic()

    def wait_page_start(self, url_path: str, timeout: float | None = None) -> None:
        """Read messages until a run of page `url_path` starts (its navigation message:
        with `st.navigation` the server names the page only once app.py has chosen it)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            msg = self._receive(deadline)
            self._handle(msg)
            if msg.WhichOneof("type") == "navigation" and self.page == url_path:
                return

    def _handle(self, msg: Any) -> bool:
        """Take one message in; returns whether it says a run finished successfully."""
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._new_run(msg.new_session)
        elif kind == "navigation":
            for p in msg.navigation.app_pages:
                self.pages[p.page_script_hash] = p.url_pathname
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element)
        elif kind == "script_finished" and msg.script_finished == 0:  # FINISHED_SUCCESSFULLY
            self.runs += 1
            return True
        return False

    def _settled(self) -> bool:
        """After a finished run: answer the storage bridge like a browser, if asked to.
        Returns False when that starts another run to wait for."""
        bridge = self.bridge or {}
        if self.answer_storage and bridge.get("load", 0) > bridge.get("ack", 0):
            self.send(json_triggers=self.storage_answer(bridge["load"]))
            return False
        return True

    def _new_run(self, new_session: Any) -> None:
        for p in new_session.app_pages:
            self.pages[p.page_script_hash] = p.url_pathname
        self.page_hash = new_session.page_script_hash
        self.elements = {}
        self.titles = []
        self.texts = []
        self.bridge = None

    def _element(self, el: Any) -> None:
        kind = el.WhichOneof("type")
        inner = getattr(el, kind)
        wid = getattr(inner, "id", "")
        if kind == "exception":
            self.exceptions.append(f"{inner.type}: {inner.message}")
        elif kind == "heading" and inner.tag == "h1":
            self.titles.append(inner.body)
        elif kind in ("markdown", "alert"):
            self.texts.append(inner.body)
        elif kind == "bidi_component" and wid.endswith("-lorkit_storage"):
            data = inner.json or (inner.mixed.json if inner.HasField("mixed") else "")
            self.bridge = json.loads(data) if data else None
            self.bridge_id = wid
        if isinstance(wid, str) and wid:
            self.elements[wid] = inner

    @property
    def page(self) -> str:
        """The url path of the page the server last ran ("" = Start)."""
        return self.pages.get(self.page_hash, "?")

    def run(self, **send_args: Any) -> float:
        """Send a rerun request and wait for it to settle; returns the seconds it took."""
        start = time.perf_counter()
        self.send(**send_args)
        self.wait_run()
        return time.perf_counter() - start

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._connection.__exit__(None, None, None)
