"""Secrets out of anything specq prints or logs.

Every URL a command prints or logs (database, broker, `specq sql`) goes through
:func:`redact`. It takes a bare URL or free text that contains URLs (an error message, a
log line) and replaces the password of each ``scheme://user:password@host`` and the value
of each ``password=``/``token=``-style query or key-value parameter with ``***``. The user
name, host, port and path stay, so the message still says where.
"""

from __future__ import annotations

import re

MASK = "***"

# scheme://[user]:password@  -- the password runs to the last "@" before whitespace (an
# unencoded "@" in a password is common), and hosts never contain "@".
_USERINFO = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@]*):(?P<secret>\S*)@(?P<tail>[^\s@]*)")
# password=... in URL query strings and libpq/ODBC key=value strings.
_PARAM = re.compile(
    r"(?P<key>\b(?:password|passwd|pwd|secret|token|api_key|apikey|access_token|sslpassword)=)"
    r"(?P<value>'[^']*'|[^\s&;']+)",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """``text`` with every URL password and ``password=``-style value replaced by ``***``."""
    text = _USERINFO.sub(lambda m: f"{m['head']}:{MASK}@{m['tail']}" if m["secret"] else m[0], text)
    return _PARAM.sub(lambda m: f"{m['key']}{MASK}", text)
