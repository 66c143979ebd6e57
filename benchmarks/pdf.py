"""PDF benchmark: how long the one-page PDF takes in a fresh process and in a warm one.

Run from the repository root:

    .venv/bin/python benchmarks/pdf.py

It prints each measurement next to its target with PASS or FAIL and exits with status 1
when any target is missed. This is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from lorkit import pdf
from lorkit.assessment import assess
from lorkit.next_steps import next_steps
from lorkit.profile_io import load_profile

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "lorkit" / "data" / "samples"
TYPICAL = SAMPLES / "pediatrics-guide-example.json"
AS_OF = date(2026, 11, 24)

TARGET_COLD_S = 2.0
TARGET_WARM_S = 0.5

# The first call in a fresh interpreter: imports (lorkit, fpdf2, vl-convert), the assessment,
# the next steps, vl-convert's start and the PDF itself. Prints seconds.
FIRST_CALL = """
import sys, time
start = time.perf_counter()
from datetime import date
from lorkit.assessment import assess
from lorkit.pdf import one_page_pdf
from lorkit.profile_io import load_profile
a = assess(load_profile(sys.argv[1]), date.fromisoformat(sys.argv[2]))
data = one_page_pdf(a)
assert data.startswith(b"%PDF-")
print(time.perf_counter() - start)
"""


def children_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far (on a busy
    machine the wall time grows, the CPU time much less)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(label: str, measured: str, target: str, ok: bool) -> None:
    print(f"{label:<62} {measured:<32} target {target:<9} {verdict(ok)}")


def bench_cli(runs: int) -> bool:
    """Wall time of `python -m lorkit report SAMPLE --pdf OUT`, each in a new process."""
    times, cpu = [], []
    with tempfile.TemporaryDirectory(prefix="lorkit-bench-") as tmp:
        out = Path(tmp) / "plan.pdf"
        cmd = [sys.executable, "-m", "lorkit", "report", str(TYPICAL), "--pdf", str(out),
               "--as-of", AS_OF.isoformat()]  # fmt: skip
        for _ in range(runs):
            out.unlink(missing_ok=True)
            before = children_cpu()
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
            times.append(time.perf_counter() - start)
            cpu.append(children_cpu() - before)
            if done.returncode != 0 or not out.read_bytes().startswith(b"%PDF-"):
                print(f"CLI run failed: exit {done.returncode}: {done.stderr.strip()[:200]}")
                return False
    median = statistics.median(times)
    ok = median < TARGET_COLD_S
    report(
        f"cold: `python -m lorkit report … --pdf`, {runs} new processes",
        f"median {median:.2f} s, max {max(times):.2f} s",
        f"< {TARGET_COLD_S:g} s",
        ok,
    )
    print(f"  (for information: median CPU time of those processes {statistics.median(cpu):.2f} s)")
    return ok


def bench_first_call(runs: int) -> bool:
    """The first PDF in a fresh interpreter, timed inside it (no interpreter start)."""
    times = []
    for _ in range(runs):
        cmd = [sys.executable, "-c", FIRST_CALL, str(TYPICAL), AS_OF.isoformat()]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
        if done.returncode != 0:
            print(f"first-call run failed: {done.stderr.strip()[-300:]}")
            return False
        times.append(float(done.stdout.strip()))
    median = statistics.median(times)
    ok = median < TARGET_COLD_S
    report(
        f"cold: imports + assess + first PDF in-process, {runs} processes",
        f"median {median:.2f} s, max {max(times):.2f} s",
        f"< {TARGET_COLD_S:g} s",
        ok,
    )
    return ok


def bench_warm(runs: int) -> bool:
    """Repeated PDFs in this process, for every sample on both papers: the chart cache
    cleared before each call (as after an edit that moves readiness), and kept."""
    cases = []
    for path in sorted(SAMPLES.glob("*.json")):
        a = assess(load_profile(path), AS_OF)
        cases.append((path.stem, a, next_steps(a.profile, a.as_of, assessment=a)))
    pdf.one_page_pdf(cases[0][1], cases[0][2])  # imports and vl-convert's start
    medians: dict[str, float] = {}
    cached: dict[str, float] = {}
    for name, a, steps in cases:
        for paper in pdf.PAPERS:
            fresh, kept = [], []
            for _ in range(runs):
                pdf._png.cache_clear()
                start = time.perf_counter()
                pdf.one_page_pdf(a, steps, paper=paper)
                fresh.append(time.perf_counter() - start)
                start = time.perf_counter()
                pdf.one_page_pdf(a, steps, paper=paper)
                kept.append(time.perf_counter() - start)
            medians[f"{name}/{paper}"] = statistics.median(fresh)
            cached[f"{name}/{paper}"] = statistics.median(kept)
    worst = max(medians.values())
    ok = worst < TARGET_WARM_S
    report(
        f"warm: one PDF, chart redrawn, {runs} runs per sample and paper",
        f"worst median {worst:.3f} s",
        f"< {TARGET_WARM_S:g} s",
        ok,
    )
    print("  (for information: " + ", ".join(f"{k} {v:.3f} s" for k, v in medians.items()) + ")")
    print(f"  (with the chart kept from the last call: worst median {max(cached.values()):.3f} s)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh processes per cold case")
    parser.add_argument("--warm-runs", type=int, default=10, help="warm runs per sample/paper")
    args = parser.parse_args()
    print(
        f"lorkit PDF benchmark: Python {platform.python_version()} on "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    )
    results = [
        bench_cli(args.cold_runs),
        bench_first_call(args.cold_runs),
        bench_warm(args.warm_runs),
    ]
    missed = results.count(False)
    print("all targets met" if not missed else f"{missed} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
