"""User text that is safe to check, show in a message, print to a terminal or put in a file.

Three jobs, one place:

* **Checking** (used by `lorkit.models`): which characters a name or a note may hold.
  Control characters are refused (multi-line notes keep line breaks and tabs); the
  invisible characters that reorder text (bidi overrides, embeddings and isolates, the
  "Trojan Source" trick) are refused in names and other one-line fields; a name made only
  of invisible characters is blank. Zero-width joiners and non-joiners inside a real name
  are fine: Arabic, Persian and Indic names need them.
* **Showing a bad value in a message** (`shown`): quoted, escaped and cut to a few dozen
  characters, with the full length, so a 1 MB value never becomes a 1 MB message.
* **Writing to a terminal or a plain-text file** (`for_terminal`, `one_line`): control and
  text-direction characters are escaped, line breaks inside a value cannot start a new
  line, so data that slipped past validation can neither send escape sequences nor fake
  report lines or e-mail headers.
"""

from __future__ import annotations

import reprlib
import unicodedata
from typing import Any

# Bidi controls that change the display order of the text around them: the embeddings and
# overrides (U+202A–U+202E) and the isolates (U+2066–U+2069). Refused in one-line fields.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
# The implicit direction marks (LRM, RLM, ALM) do not reorder anything by themselves and are
# used in mixed-script names; they are allowed, but do not make a name non-blank.
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
# Characters that draw nothing and are not whitespace: fillers and the blank braille cell.
# (Format characters such as zero-width spaces and joiners are found by category, "Cf".)
_FILLERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")

NEWLINES = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
MULTILINE_OK = frozenset("\n\t")

SHOWN_CHARS = 40  # how much of a bad value a message repeats


def is_control(ch: str) -> bool:
    """C0 controls, DEL and the C1 controls (Unicode category Cc)."""
    return unicodedata.category(ch) == "Cc"


def is_surrogate(ch: str) -> bool:
    return "\ud800" <= ch <= "\udfff"


def is_invisible(ch: str) -> bool:
    """Draws nothing on its own: whitespace, format characters (zero-width space, joiners,
    word joiner, byte order mark, direction marks…) and blank fillers."""
    return ch.isspace() or ch in _FILLERS or unicodedata.category(ch) == "Cf"


def is_blank(text: str) -> bool:
    return all(is_invisible(ch) for ch in text)


def codepoint(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _first(text: str, test: Any) -> str | None:
    return next((ch for ch in text if test(ch)), None)


def text_problem(text: str, *, multiline: bool = False) -> tuple[str, str] | None:
    """The first reason this text cannot be stored, as (kind, plain message), or None.

    `multiline` fields (notes, e-mail drafts) may hold line breaks and tabs and any
    direction control; one-line fields (names, titles, places) may not.
    """
    bad = _first(text, is_surrogate)
    if bad is not None:
        return "text_invalid", f"contains an invalid character ({codepoint(bad)})"
    allowed = MULTILINE_OK if multiline else frozenset()
    bad = _first(text, lambda ch: is_control(ch) and ch not in allowed)
    if bad is not None:
        if bad in NEWLINES or bad == "\t":
            what = "a line break" if bad in NEWLINES else "a tab"
            return "text_control", f"contains {what}; keep it on one line"
        return "text_control", f"contains a control character ({codepoint(bad)})"
    if not multiline:
        bad = _first(text, lambda ch: ch in BIDI_CONTROLS or ch in "\u2028\u2029")
        if bad is not None and bad in BIDI_CONTROLS:
            return (
                "text_bidi",
                f"contains an invisible text-direction override character ({codepoint(bad)}), "
                "which can make text display in a misleading order",
            )
        if bad is not None:
            return "text_control", "contains a line break; keep it on one line"
    return None


# --- showing values in messages ---------------------------------------------------------------

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(ch: str, *, keep: frozenset[str] = frozenset()) -> str:
    if ch in keep:
        return ch
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if is_control(ch) or is_surrogate(ch) or ch in BIDI_CONTROLS or ch in "\u2028\u2029":
        n = ord(ch)
        return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"
    return ch


def _escape(text: str, keep: frozenset[str] = frozenset()) -> str:
    if text.isprintable() and not any(ch in BIDI_CONTROLS for ch in text):
        return text  # the common case, fast
    return "".join(_escape_char(ch, keep=keep) for ch in text)


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """At most `limit` characters of text, escaped, then "… (N characters)" if cut."""
    if len(text) <= limit:
        return _escape(text)
    return f"{_escape(text[:limit])}… ({len(text):,} characters)"


_REPR = reprlib.Repr()
_REPR.maxstring = SHOWN_CHARS
_REPR.maxother = SHOWN_CHARS
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = _REPR.maxset = 4
_REPR.maxlevel = 2


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """A value as a message repeats it: strings quoted, everything escaped and bounded."""
    if isinstance(value, str):
        if len(value) <= limit:
            return f"'{_escape(value)}'"
        return f"'{_escape(value[:limit])}…' ({len(value):,} characters)"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = len(str(abs(value))) if value.bit_length() < 13_000 else limit + 1
        return str(value) if digits <= limit else f"a number with over {limit} digits"
    text = _REPR.repr(value)
    if len(text) > 2 * limit:
        text = text[: 2 * limit] + "…"
    return _escape(text)


# --- terminals and plain-text files --------------------------------------------------------


def for_terminal(text: str, *, multiline: bool = False) -> str:
    """Text safe to print: control, direction and surrogate characters escaped (line breaks
    and tabs kept only when `multiline`)."""
    return _escape(text, MULTILINE_OK if multiline else frozenset())


def one_line(text: str) -> str:
    """User text for a single line (an e-mail subject or greeting, a report line, a calendar
    title): runs of whitespace and control characters become one space; direction overrides
    and lone surrogates are dropped."""
    out = []
    for ch in text:
        if ch in BIDI_CONTROLS or is_surrogate(ch):
            continue
        out.append(" " if ch.isspace() or is_control(ch) else ch)
    return " ".join("".join(out).split())
