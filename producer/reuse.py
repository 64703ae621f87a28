"""Serving identical greedy requests from earlier results (``specq submit --reuse``).

Greedy decoding is deterministic and speculative decoding is lossless, so a request with the
same target model, the same prompt and the same output-shaping parameters has exactly the
output an earlier result already holds, whatever draft produced it. Every prompt gets a
``request_key`` at submit (None when it samples: its output is not a function of the request
alone); with reuse on, prompts whose key matches an earlier result get a copy of it, marked
``draft = '(reused)'`` and ``reused_from`` = the original row, and only the rest are decoded.
The copies carry no speculation statistics (zeros), so acceptance views and the assignment
policy count only real decoding.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from db.queries import PromptRow

# Parameters that do not change a greedy output: the seed, and which draft speculates.
_OUTPUT_NEUTRAL = ("seed", "draft")


def request_key(model_path: str, row: PromptRow, job_params: dict[str, Any]) -> str | None:
    """sha256 of (target model, prompt, output-shaping parameters); None for a sampled request."""
    params = {**job_params, **(row.params or {})}
    if float(params.get("temperature") or 0.0) != 0.0:
        return None
    shaping = {k: v for k, v in sorted(params.items()) if k not in _OUTPUT_NEUTRAL}
    request: dict[str, Any] = {
        "model": model_path,
        "text": row.text,
        "messages": row.messages,
        "params": shaping,
    }
    if row.token_ids is not None:  # only then: the keys of text and chat prompts stay as they were
        request["token_ids"] = row.token_ids
    blob = json.dumps(request, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()
