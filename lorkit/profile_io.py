"""Reading and writing `lorkit-profile` files, with located, human-readable errors."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lorkit.models import (
    FORMAT,
    VERSION,
    Applicant,
    Profile,
    Rotation,
    Writer,
    raw_consistency_problems,
)
from lorkit.text_safety import shorten, shown

MAX_BYTES = 1_048_576  # 1 MiB: Streamlit's server.maxUploadSize = 1 counts in MiB as well
MAX_DIGITS = 100  # the longest number a profile may hold; real ones have at most 4 digits
MAX_DEPTH = 20  # nesting of objects and lists; a profile needs 4
MAX_PROBLEMS = 50  # problems an error lists; the rest are counted


def size_limit_text(max_bytes: int = MAX_BYTES) -> str:
    """'1 MB (1,048,576 bytes)': how every message states the size limit."""
    mib = max_bytes / 1_048_576
    return f"{mib:g} MB ({max_bytes:,} bytes)" if mib >= 0.1 else f"{max_bytes:,} bytes"


# Each entry upgrades a raw profile dict from version N to N + 1. Version 1 is the first
# published format, so nothing is registered yet; a future version 2 adds {1: upgrade_1_to_2}.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ProfileError(ValueError):
    """A profile file that cannot be used, with the problems found and where they are.

    `problems` holds at most MAX_PROBLEMS of them, in file order; `total` counts them all.
    """

    def __init__(self, problems: list[Problem], *, total: int | None = None) -> None:
        self.total = max(len(problems), total or 0)
        self.problems = list(problems[:MAX_PROBLEMS])
        super().__init__(self.summary())

    @property
    def more(self) -> int:
        """How many problems were found beyond those listed in `problems`."""
        return self.total - len(self.problems)

    def summary(self) -> str:
        first = str(self.problems[0]) if self.problems else "the profile cannot be used"
        more = self.total - 1
        return (
            f"{first} (and {more:,} more problem{'s' if more > 1 else ''})" if more > 0 else first
        )

    def lines(self) -> list[str]:
        """Every listed problem, one per line, then "… and N more problems" if capped."""
        out = [str(p) for p in self.problems]
        if self.more:
            out.append(f"… and {self.more:,} more problem{'s' if self.more > 1 else ''}")
        return out


def _part(part: str | int) -> str:
    return f"[{part}]" if isinstance(part, int) else shorten(str(part))


def location(loc: tuple[str | int, ...]) -> str:
    """('writers', 2, 'letter_date') → 'writers[2].letter_date'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = _part(part)
            out += f".{text}" if out else text
    return out


# --- pydantic's errors in plain words --------------------------------------------------

_FIXED = {
    "missing": "this field is required",
    "extra_forbidden": "unknown field (check the spelling)",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "model_type": "expected an object",
    "model_attributes_type": "expected an object",
    "dict_type": "expected an object",
    "string_too_short": "this field is required",  # empty, or only spaces
    "string_unicode": "contains an invalid character (an unpaired surrogate)",
}
# Messages lorkit writes itself (in lorkit.models): already plain, used as they are.
_OWN = {
    "date_type",
    "date_value",
    "date_range",
    "track",
    "text_control",
    "text_bidi",
    "text_blank",
    "text_invalid",
    "url",
    "letters_range",
}
# What a list holds, for "at most 2,000 experiences".
_NOUNS = {
    "rotations": ("experience", "experiences"),
    "writers": ("letter writer", "letter writers"),
    "programs": ("program", "programs"),
    "scenarios": ("scenario", "scenarios"),
    "add_rotations": ("planned experience", "planned experiences"),
    "add_writers": ("planned writer", "planned writers"),
    "tracks": ("track", "tracks"),
    "career_focus": ("career focus", "career focus choices"),
    "packet": ("packet item", "packet items"),
    "steps_done": ("step", "steps"),
}
IDENTIFIER_RULE = (
    "use letters, digits, - _ . (up to 40 characters, starting with a letter or digit)"
)


def _noun(field: str, count: int) -> str:
    one, many = _NOUNS.get(field, ("item", "items"))
    return f"{count:,} {one if count == 1 else many}"


def _number(kind: str, value: Any, ctx: dict[str, Any], field: str) -> str:
    if isinstance(value, str):
        return "expected a whole number written without quotes, such as 2023, not text"
    return f"expected a whole number, not {shown(value)}"


def _text_too_long(kind: str, value: Any, ctx: dict[str, Any], field: str) -> str:
    size = f" (this has {len(value):,})" if isinstance(value, str) else ""
    return f"at most {ctx.get('max_length', 0):,} characters{size}"


def _pattern(kind: str, value: Any, ctx: dict[str, Any], field: str) -> str:
    if isinstance(value, str) and len(value) > 40:
        return f"{IDENTIFIER_RULE}; this has {len(value):,}"
    if isinstance(value, str) and value:
        return f"{shown(value)} is not a valid id: {IDENTIFIER_RULE}"
    return f"is empty: {IDENTIFIER_RULE}"


def _too_long(kind: str, value: Any, ctx: dict[str, Any], field: str) -> str:
    if isinstance(value, str):
        return _text_too_long(kind, value, ctx, field)
    actual = ctx.get("actual_length")
    have = f" (this has {actual:,})" if isinstance(actual, int) else ""
    return f"at most {_noun(field, ctx.get('max_length', 0))}{have}"


# Each pydantic error type that needs more than a fixed phrase, in plain words.
_WORDING: dict[str, Callable[[str, Any, dict[str, Any], str], str]] = {
    "int_type": _number,
    "int_parsing": _number,
    "int_from_float": _number,
    "string_type": lambda k, v, c, f: f"expected text in quotes, not {shown(v)}",
    "string_too_long": _text_too_long,
    "string_pattern_mismatch": _pattern,
    "too_short": lambda k, v, c, f: f"needs at least {_noun(f, c.get('min_length', 1))}",
    "too_long": _too_long,
    "greater_than_equal": lambda k, v, c, f: f"must be {c.get('ge')} or more, not {shown(v)}",
    "less_than_equal": lambda k, v, c, f: f"must be {c.get('le')} or less, not {shown(v)}",
    "enum": lambda k, v, c, f: f"{shown(v)} is not allowed; use one of {c.get('expected')}",
    "literal_error": lambda k, v, c, f: f"{shown(v)} is not allowed; expected {c.get('expected')}",
}


def _plain(err: Any, field: str) -> str:
    kind = err["type"]
    value = err.get("input")
    # An empty cell is a missing answer, whatever check it failed first.
    if value is None and (kind in _OWN or kind.endswith("_type") or kind in _EMPTY_KINDS):
        return "this field is required"
    if kind in _OWN:
        return str(err["msg"])
    if kind in _FIXED:
        return _FIXED[kind]
    wording = _WORDING.get(kind)
    if wording is not None:
        return wording(kind, value, err.get("ctx") or {}, field)
    return f"{shown(value)} is not a valid value here"


_EMPTY_KINDS = ("enum", "literal_error")


def problems_from(exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        if err["type"] == "consistency":
            problems += [Problem(w, m) for w, m in err["ctx"]["problems"]]
            continue
        # Tagged unions and our annotated validators add internal steps to the location.
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        if loc and loc[-1] == "[key]":
            loc = loc[:-2]  # a bad key of a mapping: the message quotes the key itself
        field = next((p for p in reversed(loc) if isinstance(p, str)), "")
        problems.append(Problem(location(loc), _plain(err, field)))
    return problems


# --- file order ------------------------------------------------------------------------

_TOP = ("format", "version", "applicant", "rotations", "writers")
_ROW_FIELDS = {
    "applicant": tuple(Applicant.model_fields),
    "rotations": tuple(Rotation.model_fields),
    "writers": tuple(Writer.model_fields),
}
_STEP = re.compile(r"\[(\d+)\]|([^.\[]+)")


def _file_order(problem: Problem) -> tuple[int, ...]:
    """Sort key: where a problem sits in a profile file (section, row, field), so field
    errors and cross-field errors come out in one sequence."""
    steps = _STEP.findall(problem.where)
    if not steps or steps[0][1] not in _TOP:
        return (-1,) if not problem.where else (len(_TOP),)
    section = steps[0][1]
    key = [_TOP.index(section)]
    fields = _ROW_FIELDS.get(section, ())
    for index, name in steps[1:]:
        if index:
            key.append(int(index))
        else:
            key.append(fields.index(name) if name in fields else len(fields))
            fields = ()
    return tuple(key)


def in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=_file_order)


# --- versions and validation -----------------------------------------------------------


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a raw profile of any known older version up to the current one."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProfileError([Problem("version", f"expected a whole number, got {shown(version)}")])
    if version > VERSION:
        raise ProfileError(
            [
                Problem(
                    "version",
                    f"version {shown(version)} is newer than this lorkit reads ({VERSION}); "
                    "update lorkit",
                )
            ]
        )
    if version < VERSION and version not in MIGRATIONS:
        raise ProfileError([Problem("version", f"version {shown(version)} is not a known version")])
    while data["version"] < VERSION:
        data = MIGRATIONS[data["version"]](dict(data))
    return data


def profile_from_dict(data: Any) -> Profile:
    if not isinstance(data, dict):
        raise ProfileError([Problem("", "expected a JSON object at the top level")])
    if data.get("format") != FORMAT:
        found = data.get("format")
        raise ProfileError(
            [
                Problem(
                    "format",
                    f"expected '{FORMAT}', got {shown(found)}: this is not a lorkit profile",
                )
            ]
        )
    data = migrate(data)
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        problems = problems_from(exc)
        if not any(e["type"] == "consistency" for e in exc.errors(include_url=False)):
            # Field errors stop pydantic before the cross-field checks: run them on the raw
            # rows, so one pass reports every problem.
            problems += [Problem(w, m) for w, m in raw_consistency_problems(data)]
        raise ProfileError(in_file_order(problems)) from None


# --- raw JSON ---------------------------------------------------------------------------


class _Refused:
    """Stands in, while parsing, for a JSON value lorkit refuses (a number too long to read,
    NaN or Infinity, a key given twice), so the problem can be reported with its place."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _Hooks:
    """The parser's hooks for one document; `refused` counts the stand-ins made, so the
    (slower) search for their places runs only when there are some."""

    def __init__(self) -> None:
        self.refused = 0

    def _refuse(self, message: str) -> _Refused:
        self.refused += 1
        return _Refused(message)

    def parse_int(self, text: str) -> int | _Refused:
        digits = len(text) - text.startswith("-")
        if digits > MAX_DIGITS:
            return self._refuse(
                f"a number with {digits:,} digits is too long "
                f"(numbers here have at most {MAX_DIGITS} digits)"
            )
        return int(text)

    def parse_float(self, text: str) -> float | _Refused:
        if len(text) > MAX_DIGITS:
            return self._refuse(
                f"a number written with {len(text):,} characters is too long "
                f"(numbers here have at most {MAX_DIGITS} digits)"
            )
        return float(text)

    def parse_constant(self, text: str) -> _Refused:
        return self._refuse(f"{text} is not a number JSON allows")

    def object_pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):  # a key given twice: which value counts would be a guess
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    out[key] = self._refuse("this key appears more than once in the same object")
                seen.add(key)
        return out


_TOO_DEEP = f"the JSON is nested too deeply (more than {MAX_DEPTH} levels)"


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")
_LONG_DIGITS = re.compile(rf"[0-9]{{{MAX_DIGITS + 1},}}")


def _check_depth(text: str) -> None:
    """Refuse JSON text nested deeper than MAX_DEPTH. Runs on text that parsed, so strings
    are well formed: drop them, keep the brackets, and peel the innermost pairs off level by
    level (each pass a regular-expression substitution, so a 1 MB file takes milliseconds)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(MAX_DEPTH):
        brackets = _INNERMOST.sub("", brackets)
        if not brackets:
            return
    raise ProfileError([Problem("", _TOO_DEEP)])


def _refused(data: Any) -> ProfileError:
    """The stand-in values with their places, in file order (the first MAX_PROBLEMS of
    them, and how many there are)."""
    problems: list[Problem] = []
    count = 0
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, _Refused):
            count += 1
            if len(problems) < MAX_PROBLEMS:
                problems.append(Problem(location(loc), value.message))
        elif isinstance(value, dict):
            stack.extend(reversed([(v, (*loc, k)) for k, v in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([(v, (*loc, i)) for i, v in enumerate(value)]))
    return ProfileError(problems, total=count)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ProfileError([Problem("", "the file is not UTF-8 text (it looks like UTF-16)")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            [Problem("", f"the file is not UTF-8 text (byte {exc.start + 1:,} cannot be read)")]
        ) from None


# The JSON parser's messages, in plain words.
_JSON_SAYS = {
    "Expecting value": "expected a value",
    "Expecting property name enclosed in double quotes": "expected a field name in double quotes",
    "Expecting ',' delimiter": "expected a comma",
    "Expecting ':' delimiter": "expected a colon",
    "Extra data": "unexpected text after the end of the data",
    "Unterminated string starting at": "text is missing its closing double quote",
    "Invalid control character at": "a line break, tab or control character inside text "
    "must be written as an escape such as \\n",
    "Invalid \\escape": "a backslash in text must be written as \\\\",
    "Invalid \\uXXXX escape": "a \\u escape needs four hexadecimal digits",
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": "unexpected byte order mark",
}


def _json_says(exc: json.JSONDecodeError) -> str:
    return _JSON_SAYS.get(exc.msg, "the text cannot be read as JSON")


def read_json(data: str | bytes, *, max_bytes: int = MAX_BYTES) -> Any:
    """Parse the text of a profile file (an upload, a file, the browser's stored copy) with
    the same limits everywhere: size first, then UTF-8, JSON syntax, number length and
    nesting. Every failure is a ProfileError with a plain, short message."""
    exact = True
    if isinstance(data, str) and len(data) > max_bytes:
        size, exact = len(data), False  # a character takes at least one byte: over already
    elif isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
    else:
        size = len(data)
    if size > max_bytes:
        raise ProfileError(
            [
                Problem(
                    "",
                    f"the file is {'' if exact else 'at least '}{size:,} bytes; "
                    f"the limit is {size_limit_text(max_bytes)}",
                )
            ]
        )
    text = _decode(bytes(data)) if not isinstance(data, str) else data.removeprefix("\ufeff")
    hooks = _Hooks()
    # Numbers go through a Python hook only when the text holds a long run of digits
    # somewhere: reading every number in Python would slow down a large, ordinary file.
    numbers: dict[str, Any] = (
        {"parse_int": hooks.parse_int, "parse_float": hooks.parse_float}
        if _LONG_DIGITS.search(text)
        else {}
    )
    try:
        parsed = json.loads(
            text,
            parse_constant=hooks.parse_constant,
            object_pairs_hook=hooks.object_pairs,
            **numbers,
        )
    except json.JSONDecodeError as exc:
        if not text.strip():
            raise ProfileError([Problem("", "not valid JSON: the file is empty")]) from None
        raise ProfileError(
            [
                Problem(
                    f"line {exc.lineno}, column {exc.colno}", f"not valid JSON ({_json_says(exc)})"
                )
            ]
        ) from None
    except RecursionError:
        raise ProfileError([Problem("", _TOO_DEEP)]) from None
    except ValueError:  # any other refusal by the parser; kept short and plain
        raise ProfileError([Problem("", "not valid JSON")]) from None
    _check_depth(text)
    if hooks.refused:
        raise _refused(parsed)
    return parsed


def profile_from_json(text: str | bytes, *, max_bytes: int = MAX_BYTES) -> Profile:
    return profile_from_dict(read_json(text, max_bytes=max_bytes))


def read_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, read without ever blocking on a
    pipe or device or reading more than max_bytes + 1 bytes."""
    p = os.fspath(path)
    try:
        kind = _not_regular(os.stat(p).st_mode)
        if kind:
            raise ProfileError([Problem("", f"this is {kind}, not a file; give a .json file")])
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        try:
            info = os.fstat(fd)  # the file opened, which may differ from the one looked at
            kind = _not_regular(info.st_mode)
            if kind:
                raise ProfileError([Problem("", f"this is {kind}, not a file; give a .json file")])
            if info.st_size > max_bytes:
                raise ProfileError(
                    [
                        Problem(
                            "",
                            f"the file is {info.st_size:,} bytes; "
                            f"the limit is {size_limit_text(max_bytes)}",
                        )
                    ]
                )
            chunks: list[bytes] = []
            left = max_bytes + 1
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 16))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        raise ProfileError([Problem("", f"cannot read the file ({exc.strerror or exc})")]) from None
    except ProfileError:
        raise
    except ValueError:  # e.g. a NUL character in the name
        raise ProfileError([Problem("", "cannot read the file (the name is not valid)")]) from None
    raw = b"".join(chunks)
    if len(raw) > max_bytes:
        raise ProfileError(
            [Problem("", f"the file is over the limit of {size_limit_text(max_bytes)}")]
        )
    return raw


def _not_regular(mode: int) -> str:
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something that is not a regular file"


def load_profile(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Profile:
    return profile_from_json(read_file(path, max_bytes=max_bytes), max_bytes=max_bytes)


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    data = profile.model_dump(mode="json")
    # Lists added within version 1 are written only when used, so a file without programs
    # or scenarios stays readable by an earlier lorkit.
    for name in ("programs", "scenarios"):
        if not data[name]:
            del data[name]
    return data


def profile_to_json(profile: Profile) -> str:
    return json.dumps(profile_to_dict(profile), indent=2, ensure_ascii=False) + "\n"


def save_profile(profile: Profile, path: str | Path) -> None:
    Path(path).write_text(profile_to_json(profile), encoding="utf-8")
