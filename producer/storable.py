"""What both databases can store: the checks that keep one hostile value from failing a whole insert.

A prompt, custom_id, stop string or chat message goes into a TEXT or JSON column on SQLite and
on PostgreSQL alike. PostgreSQL refuses a NUL character in text and ``NaN``/``Infinity`` in
JSON; no database driver can encode a lone UTF-16 surrogate (``"\\ud800"`` in JSON) as UTF-8;
Python's own JSON encoder recurses once per nesting level. Submit checks every value against
all of these on every backend, so a line is refused (with its line number and this reason)
the same way whichever database is behind it, and the bulk insert of the good lines never
meets a value it cannot write.
"""

from __future__ import annotations

import math
from typing import Any

# Lone surrogates: what json.loads makes of "\\ud800" and surrogateescape makes of invalid UTF-8.
_SURROGATES = range(0xD800, 0xE000)
# Longest excerpt of a value quoted in an error message.
SHOWN_CHARS = 60


def show(value: Any) -> str:
    """A short, printable ``repr`` of ``value`` for error messages (never raises, never huge)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"an integer of {value.bit_length()} bits"
    if isinstance(value, list | tuple | dict) and len(value) > 8:
        return f"a {type(value).__name__} of {len(value)} items"
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # a huge int, a structure too deep to print
        return f"a {type(value).__name__}"
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."


def text_problem(value: str, what: str) -> str | None:
    """Why ``value`` cannot be stored as text (a NUL or a lone surrogate), or None."""
    if "\x00" not in value and _encodes(value):
        return None  # the common case, at C speed
    nul = value.find("\x00")
    if nul >= 0:
        return (
            f"{what} contains a NUL character (U+0000) at character {nul + 1}, "
            "which the database cannot store; remove it"
        )
    for i, ch in enumerate(value):
        if ord(ch) in _SURROGATES:
            return (
                f"{what} contains a lone UTF-16 surrogate (U+{ord(ch):04X}) at character {i + 1}; "
                "it is not valid Unicode text"
            )
    return None


def _encodes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def json_problem(value: Any, what: str, *, max_depth: int) -> str | None:
    """Why ``value`` cannot be stored in a JSON column on every backend, or None.

    Walks the value without recursion: strings and keys as :func:`text_problem`, floats
    finite, only JSON types (dict with string keys, list, str, int, float, bool, None), at
    most ``max_depth`` levels of nesting.
    """
    stack: list[tuple[Any, str, int]] = [(value, what, 1)]
    while stack:
        item, where, depth = stack.pop()
        if depth > max_depth:
            return f"{what} is nested more than {max_depth} levels deep"
        if isinstance(item, str):
            problem = text_problem(item, where)
            if problem:
                return problem
        elif isinstance(item, bool) or item is None or isinstance(item, int):
            continue
        elif isinstance(item, float):
            if not math.isfinite(item):
                return f"{where} is {item!r}; JSON numbers must be finite"
        elif isinstance(item, dict):
            for key, sub in item.items():
                if not isinstance(key, str):
                    return f"{where} has a key that is not a string: {show(key)}"
                problem = text_problem(key, f"a key of {where}")
                if problem:
                    return problem
                stack.append((sub, f"{where}.{show(key)[1:-1]}", depth + 1))
        elif isinstance(item, list | tuple):
            stack.extend((sub, f"{where}[{i}]", depth + 1) for i, sub in enumerate(item))
        else:
            return f"{where} is a {type(item).__name__}, which is not a JSON value"
    return None


def printable(text: str) -> str:
    """``text`` with what no database stores (NUL, lone surrogates) written as escapes.

    For text that reports on input (error reasons, excerpts of bad lines), which must be
    recorded whatever the input held.
    """
    if "\x00" not in text and _encodes(text):
        return text
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")
