"""`python -m lorkit`: assess, validate and print the schema from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date

from lorkit.assessment import assess
from lorkit.profile_io import ProfileError, load_profile
from lorkit.report import text_report
from lorkit.schema import schema_text

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    return parser


def _complain(path: str, exc: ProfileError) -> None:
    print(f"lorkit: {path}: {exc.summary()}", file=sys.stderr)


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
        if fmt == "json":
            data = {"source": path, **result.to_dict()}
            if many:
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            if many:
                sys.stdout.write(("\n" if i else "") + f"== {path}\n")
            sys.stdout.write(text_report(result))
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
            print(f"{path}: ok")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "assess":
            return _assess(args.files, args.as_of, args.format)
        if args.command == "validate":
            return _validate(args.files)
        # exactly the committed data/schema/profile.schema.json (see schema_text)
        sys.stdout.write(schema_text())
        return EXIT_OK
    except BrokenPipeError:
        # e.g. `python -m lorkit assess … | head`: not an error worth a traceback
        sys.stderr.close()
        return EXIT_OK
