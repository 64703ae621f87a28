"""Continuous vs static batching through the engine on a ragged workload.

Static batching: the prompts in order, `batch` at a time, each batch decoded by
`SpecDecoder.generate` until its longest row ends (rows that finish early leave, nothing
takes their place). Continuous batching: one `DecodeSession(max_rows=batch)`, every prompt
added up front; a waiting prompt joins as soon as a row finishes. Same decoder, same
prompts, greedy, so both produce the same tokens (checked).

The workload is ragged as bulk jobs are: per-line max_new_tokens drawn uniformly from
[min_new, max_new] (seeded), and the model's real eos token ends rows early (the zoo's
held-out documents, cut to their first 60%, which the model completes and closes). Each
configuration is timed `repeats` times, static and continuous interleaved; the report is
the median tokens/s of each and the median (min-max) of the per-repeat ratios.

Models: the tiny zoo (real trained models, `--zoo tiny`, built or read from `--zoo-root`),
or target/draft directories. Small on purpose: on a shared CPU keep the run to minutes.

    python -m bench.continuous --zoo tiny --zoo-root .specq/test-zoo --batch-sizes 8,32,64
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import PreTrainedModel

from models.engine.speculative import Output, SamplingParams, SpecDecoder

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContinuousBenchConfig:
    """What to run; every field has a command-line flag of the same name."""

    zoo: str | None = "tiny"  # zoo preset for target-l and the general draft; None: --target/--draft
    zoo_root: Path | None = None  # where the zoo is built / cached; None: settings' zoo dir
    target: str | None = None  # save_pretrained directory (with --draft), instead of a zoo
    draft: str | None = None
    batch_sizes: tuple[int, ...] = (8, 32, 64)
    prompts_per_row: int = 3  # prompts = batch x this, so every batch size sees rows join
    min_new: int = 8
    max_new: int = 256
    max_prompt_tokens: int = 96
    k: int = 4
    speculative: bool = True  # False: plain decoding (draft=None) through the same engine
    repeats: int = 3
    seed: int = 0
    threads: int = 1


@dataclass
class Measurement:
    batch: int
    prompts: int
    tokens: int  # generated tokens (the same for both: outputs are checked equal)
    eos_share: float  # rows ended by eos rather than their budget
    static_tps: list[float]
    continuous_tps: list[float]

    @property
    def ratios(self) -> list[float]:
        return [c / s for c, s in zip(self.continuous_tps, self.static_tps, strict=True)]

    def line(self) -> str:
        r = self.ratios
        return (
            f"batch {self.batch:3d}: {self.prompts} prompts, {self.tokens} tokens, "
            f"eos-ended {self.eos_share:.0%}; "
            f"static {statistics.median(self.static_tps):7.1f} tok/s, continuous "
            f"{statistics.median(self.continuous_tps):7.1f} tok/s; continuous/static "
            f"{statistics.median(r):.2f}x (min {min(r):.2f}, max {max(r):.2f}, {len(r)} repeats)"
        )


def load(cfg: ContinuousBenchConfig) -> tuple[PreTrainedModel, PreTrainedModel, list[list[int]], str]:
    """Target, draft, tokenized prompts (the zoo's held-out prompts of every task) and a setup line."""
    from models.loading import load_model_and_tokenizer

    if cfg.zoo is not None:
        from models.zoo import build_zoo

        zoo = build_zoo(cfg.zoo, root=cfg.zoo_root)
        target_path, draft_path = str(zoo.target_l), str(zoo.draft)
        files = [zoo.prompts[t] for t in sorted(zoo.prompts)]
    elif cfg.target and cfg.draft:
        target_path, draft_path, files = cfg.target, cfg.draft, []
    else:
        raise ValueError("give --zoo, or both --target and --draft")
    target, tok = load_model_and_tokenizer(target_path, device="cpu", dtype=torch.float32)
    draft, _ = load_model_and_tokenizer(draft_path, device="cpu", dtype=torch.float32)
    texts: list[str] = []
    for path in files:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts.append(record.get("prompt") or record.get("text") or str(record))
    if not texts:
        texts = [f"Explain item {i} of the list in a few sentences." for i in range(64)]
    # The held-out prompts are whole documents (a function, a paragraph, a question): cut to their
    # first 60% so the model continues them and ends with its own eos after a ragged number of tokens.
    encoded = [tok.encode(t) for t in texts]
    prompts = [ids[: max(1, len(ids) * 3 // 5)][: cfg.max_prompt_tokens] for ids in encoded]
    setup = f"target {target_path}, draft {draft_path}, {len(prompts)} distinct prompts, CPU float32"
    return target, draft, [p for p in prompts if p], setup


def workload(
    prompts: list[list[int]], n: int, cfg: ContinuousBenchConfig
) -> tuple[list[list[int]], list[SamplingParams]]:
    rng = random.Random(cfg.seed)
    chosen = [prompts[i % len(prompts)] for i in range(n)]
    rng.shuffle(chosen)
    params = [SamplingParams(max_new_tokens=rng.randint(cfg.min_new, cfg.max_new)) for _ in range(n)]
    return chosen, params


def run_static(
    dec: SpecDecoder, prompts: list[list[int]], params: list[SamplingParams], batch: int
) -> list[Output]:
    outs: list[Output] = []
    for start in range(0, len(prompts), batch):
        outs.extend(dec.generate(prompts[start : start + batch], params[start : start + batch]))
    return outs


def run_continuous(
    dec: SpecDecoder, prompts: list[list[int]], params: list[SamplingParams], batch: int
) -> list[Output]:
    session = dec.session(max_rows=batch)
    for i, (p, sp) in enumerate(zip(prompts, params, strict=True)):
        session.add(i, p, sp)
    done = dict(session.run())
    return [done[i] for i in range(len(prompts))]


def run_bench(cfg: ContinuousBenchConfig) -> tuple[str, list[Measurement]]:
    torch.set_num_threads(cfg.threads)
    target, draft, prompts, setup = load(cfg)
    dec = SpecDecoder(target, draft if cfg.speculative else None, k=cfg.k)
    results = []
    with torch.inference_mode():
        run_continuous(dec, prompts[:4], [SamplingParams(max_new_tokens=8)] * 4, 4)  # warm-up
        for batch in cfg.batch_sizes:
            rows, params = workload(prompts, batch * cfg.prompts_per_row, cfg)
            static_tps: list[float] = []
            continuous_tps: list[float] = []
            reference: list[list[int]] | None = None
            for _ in range(cfg.repeats):
                for name in ("static", "continuous"):
                    run = run_static if name == "static" else run_continuous
                    start = time.perf_counter()
                    outs = run(dec, rows, params, batch)
                    seconds = time.perf_counter() - start
                    tokens = [o.token_ids for o in outs]
                    if reference is None:
                        reference = tokens
                    elif tokens != reference:
                        raise AssertionError(f"batch {batch}: {name} batching changed the output")
                    (static_tps if name == "static" else continuous_tps).append(
                        sum(len(t) for t in tokens) / seconds
                    )
            assert reference is not None
            eos_share = sum(o.finish_reason == "stop" for o in outs) / len(outs)
            m = Measurement(
                batch, len(rows), sum(len(t) for t in reference), eos_share, static_tps, continuous_tps
            )
            logger.info("%s", m.line())
            results.append(m)
    mode = f"speculative k={cfg.k}" if cfg.speculative else "plain decoding (no draft)"
    return f"{setup}; {mode}; {cfg.threads} thread(s)", results


def _parse_args(argv: Sequence[str] | None) -> ContinuousBenchConfig:
    d = ContinuousBenchConfig()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--zoo", default=d.zoo, help="zoo preset ('none' to use --target/--draft)")
    ap.add_argument("--zoo-root", type=Path, default=None)
    ap.add_argument("--target")
    ap.add_argument("--draft")
    ap.add_argument("--batch-sizes", default=",".join(map(str, d.batch_sizes)))
    ap.add_argument("--prompts-per-row", type=int, default=d.prompts_per_row)
    ap.add_argument("--min-new", type=int, default=d.min_new)
    ap.add_argument("--max-new", type=int, default=d.max_new)
    ap.add_argument("--k", type=int, default=d.k)
    ap.add_argument("--plain", action="store_true", help="no draft: plain decoding through the engine")
    ap.add_argument("--repeats", type=int, default=d.repeats)
    ap.add_argument("--seed", type=int, default=d.seed)
    ap.add_argument("--threads", type=int, default=d.threads)
    a = ap.parse_args(argv)
    return ContinuousBenchConfig(
        zoo=None if a.zoo in (None, "none") else a.zoo,
        zoo_root=a.zoo_root,
        target=a.target,
        draft=a.draft,
        batch_sizes=tuple(int(b) for b in a.batch_sizes.split(",")),
        prompts_per_row=a.prompts_per_row,
        min_new=a.min_new,
        max_new=a.max_new,
        k=a.k,
        speculative=not a.plain,
        repeats=a.repeats,
        seed=a.seed,
        threads=a.threads,
    )


def main(argv: Sequence[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    setup, results = run_bench(_parse_args(argv))
    logger.info("setup: %s", setup)
    for m in results:
        logger.info("%s", m.line())


if __name__ == "__main__":
    main()
