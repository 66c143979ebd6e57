"""App benchmark: how fast the Assessment page reruns, against a plain Streamlit page.

Run from the repository root:

    .venv/bin/python benchmarks/app.py

1. Median and p90 AppTest rerun time of the Assessment page with the
   pediatrics-guide-example sample loaded (through the Start page's button, as a visitor
   would), after a few warm-up runs.
2. In the same process, the median AppTest rerun of benchmarks/plain_page.py, a copy of
   Streamlit's own dataframe demo with offline data; the Assessment page must take at
   most 1.5 times as long (PASS/FAIL).
3. In a real browser (Debian's Chromium through Playwright, skipped when absent): the time
   from `page.goto(<server>/)` through clicking the sample's button until every
   Assessment chart is drawn; median over fresh browser contexts.

With `--profile N`, also prints the N costliest calls (cumulative time) of 20 Assessment
reruns under cProfile, limited to the app's own code and Streamlit's element functions:
where a slow rerun spends its time.

Exits with status 1 when the ratio target is missed. This is a script, not a test:
timings depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import platform
import pstats
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make `tests.e2e.harness` importable

from tests.e2e.harness import CHROMIUM_ARGS, find_chromium, start_server, stop_server  # noqa: E402

APP = ROOT / "app.py"
PLAIN = ROOT / "benchmarks" / "plain_page.py"
SAMPLE = "pediatrics-guide-example"
TARGET_RATIO = 1.5
RUN_TIMEOUT_S = 30.0

CHART = '[data-testid="stVegaLiteChart"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def rerun_times_ms(at: AppTest, runs: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        at.run(timeout=RUN_TIMEOUT_S)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run(timeout=RUN_TIMEOUT_S)
        out.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(f"the page raised: {at.exception[0].value}")
    return out


def chart_count(at: AppTest) -> int:
    return len(at.get("vega_lite_chart")) + len(at.get("arrow_vega_lite_chart"))


def assessment_app() -> AppTest:
    """The app from app.py with the sample opened from the Start page's button."""
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    at.run()
    at.button(key=f"sample_{SAMPLE}").click().run()
    if at.exception:
        raise RuntimeError(f"the Assessment page raised: {at.exception[0].value}")
    titles = [t.value for t in at.title]
    if "Assessment" not in titles:
        raise RuntimeError(f"opening the sample did not land on Assessment: {titles}")
    return at


def plain_app() -> AppTest:
    at = AppTest.from_file(str(PLAIN), default_timeout=RUN_TIMEOUT_S)
    at.run()
    if at.exception:
        raise RuntimeError(f"plain_page.py raised: {at.exception[0].value}")
    return at


def describe(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(
        f"{label:<58} median {median:7.1f} ms   p90 {p90(times):7.1f} ms   "
        f"min {min(times):7.1f} ms   ({len(times)} reruns)"
    )
    return median


# --- where the time goes -------------------------------------------------------------------

PROFILED = r"(lorkit|/ui/|app_pages|app\.py|streamlit/elements|dataframe_util)"


def profile_reruns(at: AppTest, runs: int, top: int) -> None:
    """cProfile `runs` reruns. AppTest runs the script in a thread of its own, which a
    profiler started here would not see: the profiler is switched on inside that thread."""
    profiler = cProfile.Profile()
    plain_run = threading.Thread.run

    def profiled_run(thread: threading.Thread) -> None:
        profiler.enable()
        try:
            plain_run(thread)
        finally:
            profiler.disable()

    threading.Thread.run = profiled_run  # type: ignore[method-assign,assignment]
    try:
        for _ in range(runs):
            at.run(timeout=RUN_TIMEOUT_S)
    finally:
        threading.Thread.run = plain_run  # type: ignore[method-assign]
    print(f"\nProfile of {runs} Assessment reruns (cumulative seconds, all reruns):")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(PROFILED, top)


# --- the real browser ----------------------------------------------------------------------


def time_to_charts(browser: Any, url: str, expected: int) -> float:
    """Seconds from goto(/) through the sample button to every Assessment chart drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        start = time.perf_counter()
        page.goto(f"{url}/")
        page.locator(f".st-key-sample_{SAMPLE} button").click()
        page.wait_for_function(
            """([selector, expected]) => {
                const charts = [...document.querySelectorAll(selector)];
                return charts.length === expected && charts.every(
                    (c) => c.querySelector("svg.marks .role-mark, canvas.marks"));
            }""",
            arg=[CHART, expected],
            polling=20,
        )
        elapsed = time.perf_counter() - start
        page.wait_for_selector(IDLE, state="attached")
        return elapsed
    finally:
        context.close()


def bench_browser(runs: int, expected: int) -> None:
    chromium = find_chromium()
    if chromium is None:
        print("browser: skipped (Chromium not found: install Debian's chromium)")
        return
    from playwright.sync_api import sync_playwright

    proc, url = start_server()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
            try:
                first = time_to_charts(browser, url, expected)  # server's first session
                times = [time_to_charts(browser, url, expected) for _ in range(runs)]
            finally:
                browser.close()
    finally:
        stop_server(proc)
    print(
        f"{'browser: goto / → sample button → all ' + str(expected) + ' charts drawn':<58} "
        f"median {statistics.median(times):7.2f} s    min {min(times):.2f} s   "
        f"max {max(times):.2f} s   ({runs} fresh contexts; first, cold: {first:.2f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="timed reruns per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed reruns first")
    parser.add_argument("--browser-runs", type=int, default=5, help="0 skips the browser")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="print the N costliest calls"
    )
    args = parser.parse_args(argv)

    print(
        f"lorkit app benchmark · Python {platform.python_version()} · "
        f"{platform.machine()} · {os.cpu_count()} CPUs"
    )
    os.chdir(ROOT)  # the app opens its pages and data relative to the repository root
    # AppTest sets session state from the main thread; Streamlit warns about it each time.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    makers: dict[str, Callable[[], AppTest]] = {
        "assessment": assessment_app,
        "plain": plain_app,
    }
    apps = {name: make() for name, make in makers.items()}
    charts = chart_count(apps["assessment"])
    # Interleave the two pages' batches so that drift in machine load hits both alike.
    times: dict[str, list[float]] = {name: [] for name in apps}
    for at in apps.values():
        rerun_times_ms(at, 0, args.warmup)
    batch = max(1, args.runs // 5)
    while len(times["assessment"]) < args.runs:
        n = min(batch, args.runs - len(times["assessment"]))
        for name, at in apps.items():
            times[name] += rerun_times_ms(at, n, 0)

    a = describe(f"AppTest rerun: Assessment ({SAMPLE}, {charts} charts)", times["assessment"])
    b = describe("AppTest rerun: plain page (Streamlit's dataframe demo)", times["plain"])
    ratio = a / b
    ok = ratio <= TARGET_RATIO
    print(
        f"{'ratio Assessment / plain page':<58} {ratio:.2f}×   target ≤ {TARGET_RATIO}   "
        f"{'PASS' if ok else 'FAIL'}"
    )
    if args.profile > 0:
        profile_reruns(apps["assessment"], 20, args.profile)
    if args.browser_runs > 0:
        bench_browser(args.browser_runs, charts)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
