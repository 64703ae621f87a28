"""Files of the OpenAI-compatible API: rows in SQL, bytes under ``<data_dir>/files/<id>``.

The path of a file is derived from its generated id only; the name a client uploads under is
kept for display and never touches the file system.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.schema import ApiFile, FilePurpose
from producer.status import as_utc
from specq.settings import get_settings

_COPY_CHUNK = 1 << 20
MAX_FILENAME = 255


class FileTooLarge(ValueError):
    """An upload over the size limit (``SPECQ_MAX_UPLOAD_MIB``)."""


def new_file_id() -> str:
    return "file-" + secrets.token_hex(12)


def files_dir() -> Path:
    path = get_settings().data_dir.resolve() / "files"
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_path(file_id: str) -> Path:
    """Where the bytes of ``file_id`` live (ids are generated here: hex only, no separators)."""
    return files_dir() / file_id


def max_upload_bytes() -> int:
    return int(get_settings().max_upload_mib * 1024 * 1024)


def _timestamp(dt: datetime | None) -> int | None:
    utc = as_utc(dt)
    return int(utc.timestamp()) if utc is not None else None


def file_object(f: ApiFile) -> dict[str, Any]:
    """The OpenAI ``file`` object."""
    return {
        "id": f.id,
        "object": "file",
        "bytes": f.bytes,
        "created_at": _timestamp(f.created_at),
        "filename": f.filename,
        "purpose": f.purpose,
        "status": "processed",
        "expires_at": None,
        "status_details": None,
    }


def save_upload(session: Session, stream: IO[bytes], filename: str, purpose: str) -> ApiFile:
    """Copy ``stream`` to a new file (raises :class:`FileTooLarge` past the limit, keeping nothing)."""
    limit = max_upload_bytes()
    file_id = new_file_id()
    path = file_path(file_id)
    size = 0
    try:
        with open(path, "xb") as out:
            while chunk := stream.read(_COPY_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FileTooLarge(f"file is over the limit of {limit} bytes (SPECQ_MAX_UPLOAD_MIB)")
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return add_file(session, file_id, filename, purpose, size)


def add_file(session: Session, file_id: str, filename: str, purpose: str, size: int) -> ApiFile:
    """Record a file whose bytes are already at :func:`file_path`."""
    row = ApiFile(id=file_id, filename=filename[:MAX_FILENAME], purpose=purpose, bytes=size)
    session.add(row)
    session.flush()
    return row


def write_output(session: Session, path: Path, filename: str) -> ApiFile | None:
    """Adopt the written file ``path`` as a ``batch_output`` file; None (and gone) when it is empty."""
    size = path.stat().st_size
    if size == 0:
        path.unlink()
        return None
    file_id = new_file_id()
    path.replace(file_path(file_id))
    return add_file(session, file_id, filename, FilePurpose.BATCH_OUTPUT, size)


def get_file(session: Session, file_id: str) -> ApiFile | None:
    return session.get(ApiFile, file_id)


def list_files(
    session: Session, *, purpose: str | None, limit: int, after: str | None, ascending: bool
) -> tuple[list[ApiFile], bool]:
    """A page of files (by created_at, then id) after the file ``after``, and whether more follow."""
    order = (
        (ApiFile.created_at.asc(), ApiFile.id.asc())
        if ascending
        else (ApiFile.created_at.desc(), ApiFile.id.desc())
    )
    stmt = select(ApiFile).order_by(*order)
    if purpose:
        stmt = stmt.where(ApiFile.purpose == purpose)
    if after:
        anchor = session.get(ApiFile, after)
        if anchor is not None:
            stmt = stmt.where(_beyond(anchor, ascending))
    rows = list(session.scalars(stmt.limit(limit + 1)))
    return rows[:limit], len(rows) > limit


def _beyond(anchor: ApiFile, ascending: bool) -> Any:
    from sqlalchemy import and_, or_

    if ascending:
        return or_(
            ApiFile.created_at > anchor.created_at,
            and_(ApiFile.created_at == anchor.created_at, ApiFile.id > anchor.id),
        )
    return or_(
        ApiFile.created_at < anchor.created_at,
        and_(ApiFile.created_at == anchor.created_at, ApiFile.id < anchor.id),
    )


def delete_file(session: Session, file_id: str) -> bool:
    row = session.get(ApiFile, file_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    with contextlib.suppress(FileNotFoundError):
        file_path(file_id).unlink()
    return True


def read_lines(file_id: str) -> Iterable[bytes]:
    """The raw lines of a stored file."""
    with open(file_path(file_id), "rb") as fh:
        yield from fh
