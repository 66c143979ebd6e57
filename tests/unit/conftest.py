"""Unit-test fixtures: a private copy of the rule data that the engine reads instead."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lorkit import rules
from tests.conftest import ROOT

REAL_DATA = ROOT / "lorkit" / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of lorkit/data/ in a temporary folder, read through $LORKIT_DATA_DIR (the rule
    book is reloaded before and after the test)."""
    copy = tmp_path / "data"
    shutil.copytree(REAL_DATA, copy)
    before = os.environ.get("LORKIT_DATA_DIR")
    os.environ["LORKIT_DATA_DIR"] = str(copy)
    rules.clear_caches()
    try:
        yield copy
    finally:
        if before is None:
            os.environ.pop("LORKIT_DATA_DIR", None)
        else:
            os.environ["LORKIT_DATA_DIR"] = before
        rules.clear_caches()


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a rule file (the test fails if the file no longer has it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
