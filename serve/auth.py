"""The API key of `specq serve` (``SPECQ_API_KEY``), read by the app and by the binding check."""

from __future__ import annotations

from specq.settings import get_settings


def api_key() -> str | None:
    """The bearer token clients must send (``SPECQ_API_KEY``; empty means none)."""
    key = get_settings().api_key
    return key.get_secret_value() or None if key is not None else None
