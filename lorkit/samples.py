"""The sample applicants shipped in lorkit/data/samples, with a line about each."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lorkit.rules import data_dir


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    title: str
    blurb: str


SAMPLES = (
    Sample(
        "pediatrics-guide-example",
        "Pediatrics, US experience",
        "The Pediatrics guide's example: US wards, clinic and NICU months, an internal-medicine "
        "month and a research year.",
    ),
    Sample(
        "med-peds-complete",
        "Med-Peds, complete",
        "US sub-internships in internal medicine and pediatrics plus a Med-Peds clinic; applies "
        "to Med-Peds and Pediatrics.",
    ),
    Sample(
        "home-country-heavy",
        "Mostly home-country letters",
        "Strong home-country pediatricians, one short US observership and a family friend: "
        "shows what to fix.",
    ),
    Sample(
        "early-stage",
        "Early stage, rotations ahead",
        "Two writers so far and US rotations still to come: the plan shows when to mention and "
        "ask.",
    ),
)


def sample_path(name: str) -> Path:
    return data_dir() / "samples" / f"{name}.json"


def load_sample(name: str) -> dict[str, Any]:
    if name not in {s.name for s in SAMPLES}:
        raise KeyError(name)
    return json.loads(sample_path(name).read_text(encoding="utf-8"))
