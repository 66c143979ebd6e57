"""Engine benchmark: how fast lorkit assesses profiles and works out their next steps, in-process
and from the CLI.

Run from the repository root:

    .venv/bin/python benchmarks/engine.py

It prints each measurement next to its target with PASS or FAIL and exits with status 1
when any target is missed. This is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from lorkit.assessment import assess
from lorkit.enums import Kind, Location, Relationship, Role, RotationSpecialty, Setting, Specialty
from lorkit.models import Profile
from lorkit.next_steps import next_steps
from lorkit.profile_io import load_profile, profile_from_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "lorkit" / "data" / "samples"
TYPICAL = SAMPLES / "pediatrics-guide-example.json"
AS_OF = date(2026, 11, 24)

TARGET_TYPICAL_MS = 5.0
TARGET_CLI_S = 5.0
TARGET_LARGE_MS = 200.0
TARGET_NEXT_STEPS_MS = 50.0
TARGET_PROGRAMS_MS = 100.0

STATUSES = ["candidate", "asked", "agreed-strong", "hesitant", "declined", "uploaded"]


def codes(enum: Any) -> list[str]:
    return [m.value for m in enum]


def timings_ms(fn: Callable[[], object], runs: int, warmup: int = 5) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def shift(day: str | None, days: int) -> str | None:
    if day is None:
        return None
    moved = date.fromisoformat(day) + timedelta(days=days)
    return min(max(moved, date(1950, 1, 1)), date(2100, 12, 31)).isoformat()


def varied_profile(base: dict[str, Any], rng: random.Random, n: int) -> dict[str, Any]:
    """A sample with its dates moved, writer details shuffled, and some writers dropped."""
    data = json.loads(json.dumps(base))
    offset = rng.randint(-400, 400)
    data["applicant"]["name"] = f"Generated applicant {n}"
    data["applicant"]["submission_date"] = shift(data["applicant"]["submission_date"], offset)
    for r in data["rotations"]:
        r["start"], r["end"] = shift(r["start"], offset), shift(r["end"], offset)
        if rng.random() < 0.3:
            r["kind"] = rng.choice(codes(Kind))
    writers = data["writers"]
    if len(writers) > 2 and rng.random() < 0.3:
        gone = writers.pop(rng.randrange(len(writers)))["id"]
        for s in data.get("scenarios", []):  # a what-if about a writer no longer there
            s["leave_out"] = [w for w in s["leave_out"] if w != gone]
            s["set_status"] = {w: v for w, v in s["set_status"].items() if w != gone}
    for w in writers:
        w["asked_on"] = shift(w["asked_on"], offset)
        w["letter_date"] = shift(w["letter_date"], offset)
        if rng.random() < 0.4:
            w["status"] = rng.choice(STATUSES)
        if rng.random() < 0.2:
            w["relationship"] = rng.choice(codes(Relationship))
        for flag in ("waived", "asked_for_strong", "knows_goal"):
            if rng.random() < 0.15:
                w[flag] = not w[flag]
    return data


def large_profile(writers: int, seed: int = 7) -> Profile:
    """A valid profile with `writers` writers spread over random experiences."""
    rng = random.Random(seed)
    rotations = []
    for i in range(max(1, writers // 5)):
        start = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1800))
        rotations.append(
            {
                "id": f"r{i}",
                "institution": f"Hospital {i}",
                "location": rng.choice(codes(Location)),
                "specialty": rng.choice(codes(RotationSpecialty)),
                "setting": rng.choice(codes(Setting)),
                "kind": rng.choice(codes(Kind)),
                "start": start.isoformat(),
                "end": (start + timedelta(days=rng.randint(3, 120))).isoformat(),
            }
        )
    people = []
    for i in range(writers):
        letter = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1800))
        people.append(
            {
                "id": f"w{i}",
                "name": f"Writer {i}",
                "role": rng.choice(codes(Role)),
                "specialty": rng.choice(codes(Specialty)),
                "location": rng.choice(codes(Location)),
                "rotation_id": rng.choice([None, *(r["id"] for r in rotations)]),
                "relationship": rng.choice(codes(Relationship)),
                "status": rng.choice(STATUSES),
                "letter_date": letter.isoformat() if rng.random() < 0.4 else None,
                "waived": rng.random() < 0.8,
                "asked_for_strong": rng.random() < 0.6,
                "knows_goal": rng.random() < 0.6,
                "peds_exposure": rng.random() < 0.3,
                "asked_to_self_draft": rng.random() < 0.05,
            }
        )
    return Profile.model_validate(
        {
            "format": "lorkit-profile",
            "version": 1,
            "applicant": {
                "tracks": ["pediatrics", "med-peds"],
                "submission_date": "2027-09-08",
                "career_focus": ["inpatient", "primary-care"],
            },
            "rotations": rotations,
            "writers": people,
        }
    )


def with_programs(profile: Profile, programs: int, seed: int = 11) -> Profile:
    """`profile` with `programs` generated programs of both tracks, their rules drawn the way
    program pages state them (most rules unknown, some strict)."""
    rng = random.Random(seed)
    rows = []
    for i in range(programs):
        letters_max = rng.choice([3, 4, 4, 4])
        rows.append(
            {
                "id": f"p{i}",
                "name": f"Program {i}",
                "track": rng.choice(["pediatrics", "med-peds"]),
                "letters_min": rng.choice([None, None, 2, 3, letters_max]),
                "letters_max": letters_max,
                "chair_letter": rng.choice(["unknown", "unknown", "required", "preferred"]),
                "min_pediatric_letters": rng.choice([None, None, 1, 2]),
                "min_im_letters": rng.choice([None, None, 1]),
                "min_us_letters": rng.choice([None, None, 1, 2]),
                "observership_letters": rng.choice(["unknown", "accepted", "not-accepted"]),
                "letter_max_age_months": rng.choice([None, None, None, 6, 12]),
                "graduation_within_years": rng.choice([None, None, 3, 5]),
                "visa": rng.choice([None, [], ["j1"], ["j1", "h1b"]]),
            }
        )
    data = profile.model_dump(mode="json")
    data["programs"] = rows
    return Profile.model_validate(data)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(label: str, measured: str, target: str, ok: bool) -> None:
    print(f"{label:<62} {measured:<32} target {target:<9} {verdict(ok)}")


def bench_typical(runs: int) -> bool:
    profile = load_profile(TYPICAL)
    times = timings_ms(lambda: assess(profile, AS_OF), runs)
    median = statistics.median(times)
    report(
        f"assess the typical profile ({TYPICAL.stem}), {runs} runs",
        f"median {median:.2f} ms, p90 {p90(times):.2f} ms",
        f"< {TARGET_TYPICAL_MS:g} ms",
        median < TARGET_TYPICAL_MS,
    )
    raw = TYPICAL.read_bytes()
    full = timings_ms(lambda: assess(profile_from_json(raw), AS_OF).to_dict(), runs)
    print(
        f"  (for information: read + assess + to_dict, median {statistics.median(full):.2f} ms, "
        f"p90 {p90(full):.2f} ms)"
    )
    return median < TARGET_TYPICAL_MS


def bench_cli(files: int) -> bool:
    rng = random.Random(2026)
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.json"))]
    with tempfile.TemporaryDirectory(prefix="lorkit-bench-") as tmp:
        paths = []
        for n in range(files):
            path = Path(tmp) / f"profile-{n:04d}.json"
            path.write_text(json.dumps(varied_profile(bases[n % len(bases)], rng, n)), "utf-8")
            paths.append(str(path))
        cmd = [sys.executable, "-m", "lorkit", "assess", "--format", "json", "--as-of",
               AS_OF.isoformat(), *paths]  # fmt: skip
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
        wall = time.perf_counter() - start
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) != files:
        first_error = done.stderr.splitlines()[:3]
        print(f"CLI run failed: exit {done.returncode}, {len(lines)} lines; {first_error}")
        return False
    ok = wall < TARGET_CLI_S
    report(
        f"one `python -m lorkit assess --format json` over {files:,} files",
        f"wall {wall:.2f} s ({wall / files * 1000:.2f} ms/file)",
        f"< {TARGET_CLI_S:g} s",
        ok,
    )
    return ok


def bench_large(writers: int, runs: int) -> bool:
    profile = large_profile(writers)
    times = timings_ms(lambda: assess(profile, AS_OF), runs, warmup=2)
    median = statistics.median(times)
    ok = median < TARGET_LARGE_MS
    report(
        f"assess a generated {writers}-writer profile, {runs} runs",
        f"median {median:.1f} ms, p90 {p90(times):.1f} ms",
        f"< {TARGET_LARGE_MS:g} ms",
        ok,
    )
    return ok


def bench_programs(programs: int, writers: int, runs: int) -> bool:
    """The whole assessment of a profile with a long program list: each program's letters
    chosen under its own rules from the shared writer pool."""
    profile = with_programs(large_profile(writers), programs)
    times = timings_ms(lambda: assess(profile, AS_OF), runs, warmup=3)
    median = statistics.median(times)
    ok = median < TARGET_PROGRAMS_MS
    result = assess(profile, AS_OF)
    report(
        f"assess {programs} programs x {writers} writers, {runs} runs",
        f"median {median:.1f} ms, p90 {p90(times):.1f} ms",
        f"< {TARGET_PROGRAMS_MS:g} ms",
        ok,
    )
    states: dict[str, int] = {}
    for r in result.programs:
        states[r.status.value] = states.get(r.status.value, 0) + 1
    print("  (for information: " + ", ".join(f"{v} {k}" for k, v in sorted(states.items())) + ")")
    return ok


def bench_next_steps(runs: int) -> bool:
    """Next steps for each sample (its own assessment included), the median over the
    samples of each sample's median."""
    medians = {}
    for path in sorted(SAMPLES.glob("*.json")):
        profile = load_profile(path)
        medians[path.stem] = statistics.median(
            timings_ms(functools.partial(next_steps, profile, AS_OF), runs, warmup=3)
        )
    median = statistics.median(medians.values())
    ok = median < TARGET_NEXT_STEPS_MS
    report(
        f"next steps for each of the {len(medians)} samples, {runs} runs each",
        f"median {median:.2f} ms, slowest {max(medians.values()):.2f} ms",
        f"< {TARGET_NEXT_STEPS_MS:g} ms",
        ok,
    )
    print("  (for information: " + ", ".join(f"{k} {v:.2f} ms" for k, v in medians.items()) + ")")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000, help="runs of the typical profile")
    parser.add_argument("--files", type=int, default=1000, help="profile files for the CLI run")
    parser.add_argument("--writers", type=int, default=500, help="writers in the large profile")
    parser.add_argument("--large-runs", type=int, default=30, help="runs of the large profile")
    parser.add_argument(
        "--next-steps-runs", type=int, default=200, help="runs of next steps per sample"
    )
    parser.add_argument("--programs", type=int, default=100, help="programs on the long list")
    parser.add_argument(
        "--program-writers", type=int, default=30, help="writers with the long program list"
    )
    parser.add_argument("--program-runs", type=int, default=30, help="runs with the program list")
    args = parser.parse_args()

    print(
        f"lorkit engine benchmark: Python {platform.python_version()} on "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    )
    results = [
        bench_typical(args.runs),
        bench_next_steps(args.next_steps_runs),
        bench_cli(args.files),
        bench_large(args.writers, args.large_runs),
        bench_programs(args.programs, args.program_writers, args.program_runs),
    ]
    missed = results.count(False)
    print("all targets met" if not missed else f"{missed} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
