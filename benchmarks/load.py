"""Load benchmark: N simulated visitors against one real `streamlit run` server.

Run from the repository root:

    .venv/bin/python benchmarks/load.py --sessions 10

No browsers: each session is a `Tab` (tests/e2e/harness.py), a WebSocket client that speaks
Streamlit's own protocol on /_stcore/stream (BackMsg / ForwardMsg protobufs from
`streamlit.proto`), as the frontend does. Each session, all at once:

1. connects and runs the Start page, and answers the storage bridge's load request as a
   browser with empty storage does (that answer starts a second run);
2. clicks "Open this sample" (a button trigger), which loads the sample and switches to the
   Assessment page; a click that does not end on Assessment with the sample is "lost". By
   default the storage answer of step 1 is held back and sent 0-50 ms before the click (a
   visitor who clicks the moment the page appears); `--no-race` answers it first;
3. reruns the Assessment page `--reruns` times (what any widget change does).

It prints the median and p90 of each kind of run, the lost clicks, and the server's memory
(resident set size from /proc, Linux only): after start-up, with all sessions connected,
and after they have left (the server drops a session 2 s after it disconnects here, so
that its memory can be released).

The server listens on 127.0.0.1 only, on a free port (or LORKIT_E2E_PORT). Sessions and
time are bounded (--sessions ≤ 100, --max-seconds). It prints figures and asserts nothing:
timings depend on the machine.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gc
import os
import platform
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make `tests.e2e.harness` importable

from tests.e2e.harness import Tab, start_server, stop_server  # noqa: E402

SAMPLE = "pediatrics-guide-example"
SAMPLE_NAME = "Amara Okafor"
MAX_SESSIONS = 100
DISCONNECTED_TTL_S = 2


@dataclass
class Result:
    first_s: float = 0.0  # connect → Start drawn and the storage answer taken
    click_s: float = 0.0  # click → Assessment drawn
    reruns_s: list[float] = field(default_factory=list)
    lost_click: bool = False
    error: str = ""


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc), or NaN elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def visit(
    url: str, reruns: int, start_gate: threading.Barrier, deadline: float, race: bool
) -> Result:
    """One visitor, as described in the module docstring."""
    out = Result()
    tab: Tab | None = None
    try:
        start_gate.wait(timeout=60)
        timeout = max(5.0, deadline - time.monotonic())
        t0 = time.perf_counter()
        tab = Tab(url, timeout=timeout, answer_storage=not race)
        tab.run()  # Start, then (unless racing) the storage answer's run
        out.first_s = time.perf_counter() - t0
        click = tab.widget_id(f"sample_{SAMPLE}")
        t1 = time.perf_counter()
        if race:
            # The browser's storage answer goes out just before the click, as when a
            # visitor clicks the moment the page appears.
            tab.send(json_triggers=tab.storage_answer(tab.bridge["load"] if tab.bridge else 1))
            time.sleep(random.uniform(0, 0.05))
        tab.send(triggers=(click,))
        tab.wait_run(quiet=1.0)
        out.click_s = time.perf_counter() - t1 - (1.0 if race else 0.0)
        named = any(SAMPLE_NAME in text for text in tab.texts)
        if tab.page != "assessment" or not named:
            out.lost_click = True
        for _ in range(reruns):
            if time.monotonic() > deadline:
                break
            out.reruns_s.append(tab.run())
        if tab.exceptions:
            out.error = tab.exceptions[0]
    except Exception as exc:  # a benchmark reports failures, it does not stop on them
        out.error = f"{type(exc).__name__}: {exc}"
    finally:
        if tab is not None:
            tab.close()
    return out


def describe(label: str, seconds: list[float]) -> None:
    if not seconds:
        print(f"{label:<44} (none)")
        return
    ms = sorted(s * 1000 for s in seconds)
    p90 = statistics.quantiles(ms, n=10, method="inclusive")[-1] if len(ms) >= 2 else ms[0]
    print(
        f"{label:<44} median {statistics.median(ms):7.0f} ms   p90 {p90:7.0f} ms   "
        f"max {ms[-1]:7.0f} ms   ({len(ms)} runs)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="simulated visitors (≤ 100)")
    parser.add_argument("--reruns", type=int, default=10, help="Assessment reruns per visitor")
    parser.add_argument("--max-seconds", type=float, default=180, help="time bound for the load")
    parser.add_argument(
        "--no-race",
        action="store_true",
        help="answer the storage request before clicking instead of just before the click",
    )
    args = parser.parse_args()
    sessions = max(1, min(args.sessions, MAX_SESSIONS))

    proc, url = start_server(
        extra_args=["--server.disconnectedSessionTTL", str(DISCONNECTED_TTL_S)]
    )
    assert url.startswith("http://127.0.0.1:"), url  # loopback only
    try:
        warm = visit(url, 1, threading.Barrier(1), time.monotonic() + 60, False)  # imports
        if warm.error:
            print(f"warm-up session failed: {warm.error}")
            return 1
        time.sleep(DISCONNECTED_TTL_S + 1)
        gc.collect()
        before = rss_mb(proc.pid)

        gate = threading.Barrier(sessions)
        deadline = time.monotonic() + args.max_seconds
        peak = [before]
        stop = threading.Event()

        def sample_memory() -> None:
            while not stop.wait(0.2):
                peak[0] = max(peak[0], rss_mb(proc.pid))

        sampler = threading.Thread(target=sample_memory, daemon=True)
        sampler.start()
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=sessions) as pool:
            futures = [
                pool.submit(visit, url, args.reruns, gate, deadline, not args.no_race)
                for _ in range(sessions)
            ]
            results = [f.result() for f in futures]
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        time.sleep(DISCONNECTED_TTL_S + 3)  # the server lets the sessions go
        after = rss_mb(proc.pid)
    finally:
        stop_server(proc)

    errors = [r.error for r in results if r.error]
    print(
        f"lorkit load benchmark · {sessions} sessions × {args.reruns} reruns · "
        f"Python {platform.python_version()} · {os.cpu_count()} CPUs · wall {wall:.1f} s"
    )
    describe("first load (Start page)", [r.first_s for r in results if r.first_s])
    describe("click 'Open this sample' → Assessment", [r.click_s for r in results if r.click_s])
    describe("Assessment rerun", [s for r in results for s in r.reruns_s])
    lost = sum(r.lost_click for r in results)
    print(f"{'lost clicks':<44} {lost} of {sessions}")
    print(
        f"{'server memory (RSS)':<44} {before:7.0f} MB idle · {peak[0]:7.0f} MB peak "
        f"(+{(peak[0] - before) / sessions:.1f} MB per session) · {after:7.0f} MB after "
        "they left"
    )
    if errors:
        print(f"{len(errors)} session(s) failed; first: {errors[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
