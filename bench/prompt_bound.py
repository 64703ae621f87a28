"""What a huge prompt costs a decode worker: tokenizing it, or the size bound that refuses it first.

Runs one of the two on a ``--mib`` MiB prompt with a target's tokenizer (default: the tiny
zoo's target-s, which must be built) and prints the peak RSS before and after and the wall
time. Run each mode in its own process, so the peaks do not mix::

    python -m bench.prompt_bound --mode bound
    python -m bench.prompt_bound --mode tokenize
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("bound", "tokenize"), required=True)
    parser.add_argument("--mib", type=float, default=20.0, help="prompt size in MiB")
    parser.add_argument("--model", type=Path, default=None, help="model dir (default: tiny zoo target-s)")
    args = parser.parse_args()

    from transformers import AutoTokenizer

    from producer.limits import refuse_unfit_prompt

    if args.model is None:
        from models.zoo.resolve import built_zoo

        zoo = built_zoo("tiny")
        if zoo is None:
            raise SystemExit("the tiny zoo is not built: run `specq zoo build --preset tiny` or pass --model")
        args.model = zoo.target_s
    tok = AutoTokenizer.from_pretrained(str(args.model))
    context = json.loads((args.model / "config.json").read_text())["max_position_embeddings"]
    sentence = "The quick brown fox jumps over the lazy dog. "
    text = sentence * int(args.mib * 2**20 // len(sentence))
    before = _peak_mib()
    t0 = time.perf_counter()
    if args.mode == "tokenize":
        outcome = f"{len(tok(text)['input_ids'])} tokens"
    else:
        try:
            refuse_unfit_prompt(tok, text, None, context)
            outcome = "not refused"
        except ValueError as exc:
            outcome = f"refused: {exc}"
    seconds = time.perf_counter() - t0
    print(
        f"{args.mode}: {len(text.encode())} bytes, context {context}: {outcome}\n"
        f"peak RSS {before:.0f} MiB -> {_peak_mib():.0f} MiB, {seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
