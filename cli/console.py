"""The CLI's two consoles. Messages are never hard-wrapped: a user copies paths and commands
out of them, and a wrap inside a path (rich wraps at 80 columns without a terminal) breaks the
copy and any script that reads the output. Tables still fit the terminal.
"""

from __future__ import annotations

from rich.console import Console

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
