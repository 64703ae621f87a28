"""Stop strings found while decoding: incremental detokenization of each row's tail.

A row with stop strings keeps its generated tokens on the host. After every step the
engine hands it the step's new tokens; `StopStrings.first_stop` decodes a short window
ending at each new token in turn and reports the first token after which the text
contains a stop string, so a stop string split across tokens, or across the accepted
tokens of one speculative step, ends the row exactly where plain decoding would have.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Detokenize = Callable[[list[int]], str]  # token ids -> text (e.g. a tokenizer's `decode`)

# Tokens of slack past the stop string's length in bytes: a window may start inside a
# multi-byte character (decoded as U+FFFD), so it reaches a few tokens further back.
_SLACK = 4


class StopStrings:
    """The stop strings of one request and how to find them in its output."""

    def __init__(self, stops: Sequence[str], detokenize: Detokenize) -> None:
        self.stops = tuple(stops)
        self.detokenize = detokenize
        # Every token decodes to at least one byte (byte-level vocabularies) or one character,
        # so a stop string of b bytes ends within the last b tokens of any text containing it.
        self.window = max(len(s.encode("utf-8")) for s in self.stops) + _SLACK

    def first_stop(self, tokens: list[int], checked: int) -> int | None:
        """The smallest m in (checked, len(tokens)] whose text tokens[:m] contains a stop string, or None.

        `checked`: tokens[:checked] is known to contain none.
        """
        for m in range(checked + 1, len(tokens) + 1):
            text = self.detokenize(tokens[max(0, m - self.window) : m])
            if any(s in text for s in self.stops):
                return m
        return None

    def cut(self, text: str) -> str:
        """The text before the first stop string (as OpenAI returns it), or all of it."""
        found = [i for i in (text.find(s) for s in self.stops) if i >= 0]
        return text[: min(found)] if found else text
