"""Files and directories only this user may read: the data dir, the SQLite database, logs.

The data dir holds the database (prompts and outputs), the broker socket and the logs, so
specq creates it 0700 and what it writes there 0600, whatever the process umask. SQLite gives
its ``-wal`` and ``-shm`` files the mode of the database file, so creating that file 0600
before SQLite opens it covers them too. Existing files keep their mode (a user may have chosen
it), except the data dir itself when this user owns it: a data dir another command created
0755 (`specq zoo build` before any job) is tightened to 0700.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import IO

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents with mode 0700; an existing directory is kept."""
    missing: list[Path] = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        with contextlib.suppress(FileExistsError):
            d.mkdir(mode=DIR_MODE)
            os.chmod(d, DIR_MODE)  # mkdir's mode is filtered by the umask; chmod is not
    return path


def private_data_dir(path: Path) -> Path:
    """The data dir, created 0700; an existing one this user owns loses its group/other bits."""
    private_dir(path)
    st = path.stat()
    if st.st_uid == os.geteuid() and st.st_mode & 0o077:
        os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 unless it exists."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    return path


def open_private(path: Path, mode: str = "ab") -> IO[bytes]:
    """Open ``path`` for appending bytes; a new file is created 0600."""
    if mode != "ab":
        raise ValueError(f"open_private supports mode 'ab' only, not {mode!r}")
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE), mode)
