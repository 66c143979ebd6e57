"""`python -m lorkit`: assess, validate, list the finding codes and print the schema."""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from lorkit import registry, rules
from lorkit.assessment import Assessment, assess
from lorkit.models import EARLIEST, LATEST, Profile
from lorkit.next_steps import next_steps
from lorkit.profile_io import ProfileError, load_profile
from lorkit.programs import assignment_csv
from lorkit.report import text_report
from lorkit.scenarios import Comparison, UnknownScenario, heading, scenario_view
from lorkit.schema import schema_text
from lorkit.text_safety import for_terminal, shown

EXIT_OK = 0
EXIT_BAD_INPUT = 2
MAX_MESSAGE = 300  # characters of an argument error; a hostile argument may be huge

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _as_of(text: str) -> date:
    """Strictly YYYY-MM-DD (not the other forms `date.fromisoformat` takes), in the same
    range the profile's dates allow."""
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, got {shown(text)}"
        ) from None
    if not EARLIEST <= day <= LATEST:
        raise argparse.ArgumentTypeError(f"{text} is outside the range {EARLIEST} to {LATEST}")
    return day


class _Parser(argparse.ArgumentParser):
    """Command-line mistakes in one short line (exit 2), not the usage block."""

    def error(self, message: str) -> NoReturn:
        text = for_terminal(message)
        if len(text) > MAX_MESSAGE:
            text = text[:MAX_MESSAGE] + "…"
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {text} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lorkit",
        description="Plan letters of recommendation for US Pediatrics and Med-Peds applications.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("assess", help="assess one or more lorkit-profile files")
    a.add_argument("files", nargs="+", metavar="FILE")
    a.add_argument(
        "--as-of",
        type=_as_of,
        default=None,
        metavar="YYYY-MM-DD",
        help="assess as if today were this date (default: today)",
    )
    a.add_argument("--format", choices=("text", "json"), default="text")
    a.add_argument(
        "--scenario",
        default=None,
        metavar="ID",
        help="assess the file's saved scenario with this id instead of the profile as entered",
    )
    g = sub.add_parser(
        "assign", help="write the ERAS assignment sheet: the letters to assign to each program"
    )
    g.add_argument("file", metavar="FILE")
    g.add_argument("--as-of", type=_as_of, default=None, metavar="YYYY-MM-DD")
    g.add_argument("--format", choices=("csv", "json"), default="csv")
    r = sub.add_parser("report", help="a profile's report: plain text, or the one-page PDF")
    r.add_argument("file", metavar="FILE")
    r.add_argument("--as-of", type=_as_of, default=None, metavar="YYYY-MM-DD")
    r.add_argument("--scenario", default=None, metavar="ID", help="report a saved scenario")
    r.add_argument("--pdf", default=None, metavar="OUT.pdf", help="write the one-page PDF here")
    r.add_argument("--paper", choices=("letter", "a4"), default=None, help="default: letter")
    v = sub.add_parser("validate", help="check lorkit-profile files")
    v.add_argument("files", nargs="+", metavar="FILE")
    sub.add_parser("schema", help="print the JSON Schema of the profile format")
    c = sub.add_parser("codes", help="print every finding code: severity, scope, when it fires")
    c.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    # `lorkit app [STREAMLIT-OPTIONS]`: handled in main() before parsing (see launcher.py)
    sub.add_parser("app", help="start the web app; other options go to `streamlit run`")
    return parser


def _complain(path: str, exc: ProfileError) -> None:
    # one line, whatever the file name or the data hold
    print(for_terminal(f"lorkit: {path}: {exc.summary()}"), file=sys.stderr)


def _assessed(
    path: str, profile: Profile, as_of: date | None, scenario_id: str | None
) -> tuple[Assessment, Comparison | None] | None:
    """The profile's assessment, or its saved scenario's with what it changes; None (said
    in one line) when the file has no scenario with that id."""
    if scenario_id is None:
        return assess(profile, as_of), None
    try:
        view = scenario_view(profile, scenario_id, as_of)
    except UnknownScenario as exc:
        print(for_terminal(f"lorkit: {path}: {exc}"), file=sys.stderr)
        return None
    return view.after, view


def _assess(
    files: Sequence[str], as_of: date | None, fmt: str, scenario_id: str | None = None
) -> int:
    status = EXIT_OK
    many = len(files) > 1
    for i, path in enumerate(files):
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            _complain(path, exc)
            status = EXIT_BAD_INPUT
            continue
        found = _assessed(path, profile, as_of, scenario_id)
        if found is None:
            status = EXIT_BAD_INPUT
            continue
        result, view = found
        steps = next_steps(
            result.profile, result.as_of, excluded=result.excluded, assessment=result
        )
        if fmt == "json":
            data = {
                "source": path,
                **({"scenario": view.to_dict()} if view is not None else {}),
                **result.to_dict(),
                "next_steps": [s.to_dict() for s in steps],
            }
            if many:
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            if many:
                sys.stdout.write(("\n" if i else "") + f"== {for_terminal(path)}\n")
            sys.stdout.write((heading(view) if view else "") + text_report(result, steps))
    return status


def _assign(path: str, as_of: date | None, fmt: str) -> int:
    try:
        profile = load_profile(path)
    except ProfileError as exc:
        _complain(path, exc)
        return EXIT_BAD_INPUT
    result = assess(profile, as_of)
    if fmt == "csv":
        # the csv module's own line ends (CR LF), as a spreadsheet expects
        sys.stdout.buffer.write(assignment_csv(result.programs).encode("utf-8"))
        return EXIT_OK
    data = {
        "source": path,
        "format": "lorkit-assignments",
        "version": 1,
        "as_of": result.as_of.isoformat(),
        "programs": [
            {**p.to_dict(), "letters": [x.writer.name for x in p.selected]} for p in result.programs
        ],
    }
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _report(
    path: str, as_of: date | None, scenario_id: str | None, out: str | None, paper: str | None
) -> int:
    """The text report on stdout, or with `out` the one-page PDF written there."""
    if paper is not None and out is None:
        print("lorkit: --paper needs --pdf OUT.pdf", file=sys.stderr)
        return EXIT_BAD_INPUT
    if out is None:
        return _assess([path], as_of, "text", scenario_id)
    try:
        profile = load_profile(path)
    except ProfileError as exc:
        _complain(path, exc)
        return EXIT_BAD_INPUT
    found = _assessed(path, profile, as_of, scenario_id)
    if found is None:
        return EXIT_BAD_INPUT
    result, view = found
    from lorkit.pdf import one_page_pdf  # fpdf2 and vl-convert load only for a PDF

    data = one_page_pdf(
        result,
        paper="a4" if paper == "a4" else "letter",
        scenario_name=view.scenario.name if view and view.scenario else None,
    )
    try:
        with open(out, "wb") as f:
            f.write(data)
    except OSError as exc:
        text = f"lorkit: {out}: cannot write the PDF ({exc.strerror or exc})"
        print(for_terminal(text), file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _validate(files: Sequence[str]) -> int:
    status = EXIT_OK
    for path in files:
        try:
            load_profile(path)
        except ProfileError as exc:
            _complain(path, exc)
            status = EXIT_BAD_INPUT
        else:
            print(f"{for_terminal(path)}: ok")
    return status


def _safe_streams() -> None:
    # A file name that is not valid UTF-8 reaches Python as lone surrogates; print it
    # escaped rather than fail with UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["app"]:
        # every later argument belongs to `streamlit run`, so argparse must not see them
        from lorkit.launcher import run_app

        return run_app(argv[1:])
    _safe_streams()
    args = _parser().parse_args(argv)
    try:
        # Every command reads the rule book: broken rule data stops here, in one line.
        rules.book()
    except rules.RulesError as exc:
        print(for_terminal(f"lorkit: {exc}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if args.command == "assess":
            return _assess(args.files, args.as_of, args.format, args.scenario)
        if args.command == "assign":
            return _assign(args.file, args.as_of, args.format)
        if args.command == "report":
            return _report(args.file, args.as_of, args.scenario, args.pdf, args.paper)
        if args.command == "validate":
            return _validate(args.files)
        if args.command == "codes":
            sys.stdout.write(registry.table(args.format))
            return EXIT_OK
        # exactly the committed lorkit/data/schema/profile.schema.json (see schema_text)
        sys.stdout.write(schema_text())
        return EXIT_OK
    except BrokenPipeError:
        # e.g. `python -m lorkit assess … | head`: not an error worth a traceback
        sys.stderr.close()
        return EXIT_OK
