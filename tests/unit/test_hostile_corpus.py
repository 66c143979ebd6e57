"""Every hostile file (tests/hostile/ plus the large generated ones) through the CLI:
exit 2, one short line on stderr naming the problem, nothing on stdout, no traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from lorkit.cli import main
from tests.conftest import ROOT
from tests.hostile.corpus import EXPECTED, FILES, HERE, generated

MAX_LINE = 500  # characters of the one line a bad file gets

NAMES = [p.name for p in FILES]


def test_every_corpus_file_has_a_readme_line_and_an_expectation():
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `([^`]+\.json)`: ", readme, flags=re.MULTILINE))
    assert listed == set(NAMES), "tests/hostile/README.md must list exactly the corpus files"
    assert set(EXPECTED) == set(NAMES), "tests/hostile/corpus.py EXPECTED must cover every file"


def test_the_crafted_files_are_small():
    # size is the attack only in the generated files; the committed ones stay small
    assert all(p.stat().st_size < 10_000 for p in FILES)


def _check(code: int, out: str, err: str, path: Path, fragment: str) -> None:
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err[:2000]
    assert len(lines[0]) < MAX_LINE, lines[0][:2000]
    assert lines[0].startswith(f"lorkit: {path}: ")
    assert fragment in lines[0]
    assert lines[0].isprintable(), "no control or line-separator characters on the terminal"
    assert "\u202e" not in lines[0] and "\u2067" not in lines[0]


@pytest.mark.parametrize("command", ["validate", "assess"])
@pytest.mark.parametrize("name", NAMES)
def test_a_crafted_file_is_refused_in_one_short_line(capsys, name, command):
    path = HERE / name
    code = main([command, str(path)])
    out, err = capsys.readouterr()
    _check(code, out, err, path, EXPECTED[name])


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("hostile")
    files = {}
    for name, (content, fragment) in generated().items():
        path = folder / f"{name}.json"
        path.write_bytes(content)
        files[name] = (path, fragment)
    return files


@pytest.mark.parametrize("name", sorted(generated()))
def test_a_large_generated_attack_is_refused_in_one_short_line(capsys, big_files, name):
    path, fragment = big_files[name]
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    _check(code, out, err, path, fragment)


def test_the_whole_corpus_through_python_dash_m_lorkit_validate(big_files):
    paths = [str(p) for p in FILES] + [str(p) for p, _ in big_files.values()]
    done = subprocess.run(
        [sys.executable, "-m", "lorkit", "validate", *paths],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == len(paths), done.stderr[:3000]
    for path, line in zip(paths, lines, strict=True):
        assert line.startswith(f"lorkit: {path}: ")
        assert len(line) < MAX_LINE
        assert line.isprintable()
