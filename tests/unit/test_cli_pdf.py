"""`python -m lorkit report FILE --pdf OUT.pdf [--paper letter|a4]`: the one-page PDF from
the command line, and a one-line error with exit status 2 for every bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from lorkit.cli import main
from tests.conftest import AS_OF, ROOT, SAMPLES_DIR

GUIDE = str(SAMPLES_DIR / "pediatrics-guide-example.json")
DATE = AS_OF.isoformat()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pages(path: Path) -> tuple[int, tuple[float, float], str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    box = reader.pages[0].mediabox
    text = " ".join(reader.pages[0].extract_text().split())
    return len(reader.pages), (float(box.width), float(box.height)), text


def test_report_pdf_writes_one_letter_page(tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    code, stdout, err = run(capsys, "report", GUIDE, "--pdf", str(out), "--as-of", DATE)
    assert (code, stdout, err) == (0, "", "")
    assert out.read_bytes().startswith(b"%PDF-")
    count, size, text = pages(out)
    assert count == 1
    assert size == pytest.approx((612, 792), abs=0.5)
    assert "Letter plan for Amara Okafor (sample)" in text
    assert "As of 24 November 2026" in text


def test_report_pdf_on_a4(tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    code, _, err = run(capsys, "report", GUIDE, "--pdf", str(out), "--paper", "a4")
    assert code == 0, err
    count, size, _ = pages(out)
    assert count == 1
    assert size == pytest.approx((595.28, 841.89), abs=0.5)


def test_report_pdf_of_a_saved_scenario_names_it(tmp_path, capsys):
    data = json.loads(Path(GUIDE).read_text(encoding="utf-8"))
    data["scenarios"] = [{"id": "s1", "name": "Without the NICU letter", "leave_out": ["w-nicu"]}]
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "plan.pdf"
    code, _, err = run(capsys, "report", str(profile), "--pdf", str(out), "--scenario", "s1")
    assert code == 0, err
    _, _, text = pages(out)
    assert "What-if “Without the NICU letter”: without the letter from Dr. Samuel Brooks" in text


def test_report_without_pdf_prints_the_text_report(capsys):
    code, out, err = run(capsys, "report", GUIDE, "--as-of", DATE)
    assert (code, err) == (0, "")
    assert out.startswith("lorkit assessment: Amara Okafor (sample)")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["report", "/no/such/profile.json", "--pdf", "{out}"], "cannot read the file"),
        (["report", GUIDE, "--pdf", "/no/such/folder/plan.pdf"], "cannot write the PDF"),
        (["report", GUIDE, "--pdf", "{tmp}"], "cannot write the PDF"),  # a folder
        (["report", GUIDE, "--paper", "a4"], "--paper needs --pdf"),
        (["report", GUIDE, "--pdf", "{out}", "--scenario", "nope"], "nope"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, argv, says):
    out = tmp_path / "plan.pdf"
    argv = [a.format(out=out, tmp=tmp_path) for a in argv]
    code, stdout, err = run(capsys, *argv)
    assert code == 2
    assert stdout == ""
    assert len(err.strip().splitlines()) == 1 and says in err
    assert not out.exists()


def test_bad_paper_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["report", GUIDE, "--pdf", "x.pdf", "--paper", "legal"])
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_report_pdf_in_a_fresh_process(tmp_path):
    out = tmp_path / "plan.pdf"
    cmd = [sys.executable, "-m", "lorkit", "report", GUIDE, "--pdf", str(out), "--as-of", DATE]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert pages(out)[0] == 1
