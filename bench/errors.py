"""The error a measurement raises for a value the user gave: the CLI reports it against its option."""

from __future__ import annotations


class OptionError(ValueError):
    """A value the user gave (or left to its default) that cannot be used; ``option`` names it if known."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option
