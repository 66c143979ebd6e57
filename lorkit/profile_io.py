"""Reading and writing `lorkit-profile` files, with located, human-readable errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lorkit.models import FORMAT, VERSION, Profile

MAX_BYTES = 1_000_000

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
    """A profile file that cannot be used, with every problem found and where it is."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.summary())

    def summary(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return f"{first} (and {more} more problem{'s' if more > 1 else ''})" if more else first


def location(loc: tuple[str | int, ...]) -> str:
    """('writers', 2, 'letter_date') → 'writers[2].letter_date'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_FRIENDLY = {
    "missing": "this field is required",
    "extra_forbidden": "unknown field (check the spelling)",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "string_type": "expected text",
    "list_type": "expected a list",
    "model_type": "expected an object",
    "dict_type": "expected an object",
}


def problems_from(exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        if err["type"] == "consistency":
            problems += [Problem(w, m) for w, m in err["ctx"]["problems"]]
            continue
        # Tagged unions and our annotated validators add internal steps to the location.
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        message = _FRIENDLY.get(err["type"], err["msg"])
        if err["type"] == "too_short":
            need = err["ctx"]["min_length"]
            message = f"needs at least {need} item{'s' if need != 1 else ''}"
        if err["type"] == "enum":
            message = f"{err['input']!r} is not allowed; use one of {err['ctx']['expected']}"
        elif err["type"] == "literal_error":
            message = f"{err['input']!r} is not allowed; expected {err['ctx']['expected']}"
        if err.get("input") is None and (err["type"].endswith("_type") or err["type"] == "enum"):
            message = "this field is required"  # an empty cell, not a wrong value
        problems.append(Problem(location(loc), message))
    return problems


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a raw profile of any known older version up to the current one."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProfileError([Problem("version", f"expected a whole number, got {version!r}")])
    if version > VERSION:
        raise ProfileError(
            [
                Problem(
                    "version",
                    f"version {version} is newer than this lorkit reads ({VERSION}); update lorkit",
                )
            ]
        )
    if version < VERSION and version not in MIGRATIONS:
        raise ProfileError([Problem("version", f"version {version} is not a known version")])
    while data["version"] < VERSION:
        data = MIGRATIONS[data["version"]](dict(data))
    return data


def profile_from_dict(data: Any) -> Profile:
    if not isinstance(data, dict):
        raise ProfileError([Problem("", "expected a JSON object at the top level")])
    if data.get("format") != FORMAT:
        found = data.get("format")
        raise ProfileError(
            [Problem("format", f"expected {FORMAT!r}, got {found!r}: this is not a lorkit profile")]
        )
    data = migrate(data)
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(problems_from(exc)) from None


def profile_from_json(text: str | bytes, *, max_bytes: int = MAX_BYTES) -> Profile:
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > max_bytes:
        raise ProfileError(
            [Problem("", f"the file is {size:,} bytes; the limit is {max_bytes:,} bytes")]
        )
    try:
        data = json.loads(text)
    except UnicodeDecodeError:
        raise ProfileError([Problem("", "the file is not UTF-8 text")]) from None
    except json.JSONDecodeError as exc:
        raise ProfileError(
            [Problem(f"line {exc.lineno}, column {exc.colno}", f"not valid JSON ({exc.msg})")]
        ) from None
    except RecursionError:
        raise ProfileError([Problem("", "the JSON is nested too deeply")]) from None
    return profile_from_dict(data)


def load_profile(path: str | Path) -> Profile:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ProfileError(
                [Problem("", f"the file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes")]
            )
        raw = p.read_bytes()
    except OSError as exc:
        raise ProfileError([Problem("", f"cannot read the file ({exc.strerror or exc})")]) from None
    return profile_from_json(raw)


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    return profile.model_dump(mode="json")


def profile_to_json(profile: Profile) -> str:
    return json.dumps(profile_to_dict(profile), indent=2, ensure_ascii=False) + "\n"


def save_profile(profile: Profile, path: str | Path) -> None:
    Path(path).write_text(profile_to_json(profile), encoding="utf-8")
