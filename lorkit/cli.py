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
from lorkit.assessment import assess
from lorkit.models import EARLIEST, LATEST
from lorkit.next_steps import next_steps
from lorkit.profile_io import ProfileError, load_profile
from lorkit.report import text_report
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


def _assess(files: Sequence[str], as_of: date | None, fmt: str) -> int:
    status = EXIT_OK
    many = len(files) > 1
    for i, path in enumerate(files):
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            _complain(path, exc)
            status = EXIT_BAD_INPUT
            continue
        result = assess(profile, as_of)
        steps = next_steps(profile, result.as_of, assessment=result)
        if fmt == "json":
            data = {
                "source": path,
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
            sys.stdout.write(text_report(result, steps))
    return status


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
            return _assess(args.files, args.as_of, args.format)
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
