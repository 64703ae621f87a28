"""Submission speed: N prompts from a JSONL file into a fresh SQLite database.

Times ``producer.submit_job`` end to end (read, validate, bulk insert, job bookkeeping),
without enqueueing. ``--length-check`` serves the target from a directory holding only a
byte-level BPE tokenizer (trained here in a second) and a ``--context``-token context, so
prompts are checked as for a local target: submit tokenizes only those whose UTF-8 size does
not prove they fit, so ``--context 256`` (with 128 new tokens) tokenizes about two thirds
of the generated prompts (those over 128 bytes).
``--tokenizer DIR`` uses a real model directory instead::

    python -m bench.submit --n 100000
    python -m bench.submit --n 100000 --length-check
    python -m bench.submit --n 100000 --length-check --context 256
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from db.session import init_db, make_engine
from producer.submit import submit_job
from specq.deployment import DeploymentError, load_deployment, parse_deployment

_WORDS = [
    "the",
    "a",
    "of",
    "to",
    "in",
    "and",
    "is",
    "for",
    "on",
    "that",
    "with",
    "as",
    "by",
    "speculative",
    "draft",
    "target",
    "token",
    "model",
    "batch",
    "queue",
]


@dataclass(frozen=True)
class SubmitBench:
    n: int
    seconds: float  # submit_job wall time
    cpu_seconds: float  # CPU time of this process (and tokenizer threads) during submit_job
    prompts_per_s: float
    total: int
    invalid: int
    length_checked: bool


def write_prompts(path: Path, n: int, seed: int = 0) -> None:
    """``n`` JSONL lines of 10-60 word prompts with custom ids."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(10, 60)))
            fh.write(json.dumps({"custom_id": f"req-{i}", "prompt": words}) + "\n")


def build_tokenizer_dir(out: Path, vocab_size: int = 2000, context: int = 2048) -> Path:
    """A model directory with only tokenizer.json and config.json (no weights)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False
    )
    rng = random.Random(1)
    tok.train_from_iterator((" ".join(rng.choice(_WORDS) for _ in range(30)) for _ in range(2000)), trainer)
    out.mkdir(parents=True, exist_ok=True)
    tok.save(str(out / "tokenizer.json"))
    (out / "config.json").write_text(json.dumps({"max_position_embeddings": context}))
    return out


def run(n: int, tokenizer_dir: Path | None = None, workdir: Path | None = None) -> SubmitBench:
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        root = Path(tmp)
        data = root / "prompts.jsonl"
        write_prompts(data, n)
        engine = make_engine(f"sqlite:///{root / 'bench.db'}")
        init_db(engine)  # schema creation is not part of submission
        if tokenizer_dir is None:
            deployment = load_deployment()
            target = next(iter(deployment.targets))
        else:
            target = "bench-target"
            deployment = parse_deployment(
                {"targets": {target: {"path": str(tokenizer_dir.resolve()), "default_draft": "none"}}}, None
            )
        t0, c0 = time.perf_counter(), time.process_time()
        result = submit_job(data, target, enqueue=False, deployment=deployment, engine=engine)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        engine.dispose()
    return SubmitBench(n, seconds, cpu, n / seconds, result.total, result.invalid, result.length_checked)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="prompts to submit")
    parser.add_argument("--tokenizer", type=Path, default=None, help="model dir with tokenizer.json")
    parser.add_argument(
        "--length-check", action="store_true", help="check lengths with a BPE tokenizer built here"
    )
    parser.add_argument(
        "--context", type=int, default=2048, help="context of --length-check's target (small = tokenize more)"
    )
    args = parser.parse_args(argv)
    try:
        if args.length_check and args.tokenizer is None:
            with tempfile.TemporaryDirectory() as tmp:
                r = run(args.n, build_tokenizer_dir(Path(tmp) / "tok", context=args.context))
        else:
            r = run(args.n, args.tokenizer)
    except DeploymentError as exc:
        parser.error(str(exc))
    checked = "with" if r.length_checked else "without"
    print(  # noqa: T201 - a benchmark's report is its output
        f"submitted {r.total} prompts ({r.invalid} invalid) into SQLite in {r.seconds:.2f} s wall, "
        f"{r.cpu_seconds:.2f} s CPU ({r.prompts_per_s:,.0f} prompts/s, {checked} the prompt length check)"
    )


if __name__ == "__main__":
    main()
