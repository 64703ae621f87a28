"""Engine benchmark: SpecDecoder against Hugging Face generate on the same models and prompts.

Greedy decoding, in one process, one method after the other:

- HF `generate` (plain, batch 1) - the reference output and the baseline speed;
- HF assisted generation (`assistant_model`, batch 1 only), with HF's defaults and with k fixed;
- SpecDecoder with `draft=None` (plain decoding through the engine) at batch 1, 8, 32;
- SpecDecoder with the draft, fixed k and k="auto", at batch 1, 8, 32.

Every method's outputs are checked token for token against the reference. Models come
from paths (`--target`, `--draft`: save_pretrained directories), from the local zoo
(`--zoo tiny|bench`), or, with neither, are built from a config: a random Llama
target and a draft made of its first layers (a truncated copy, which agrees with the
target often). Prompts are the first turns of a Spec-Bench style JSONL file.

    python -m bench.engine --prompts /work/shared/data/spec_bench_questions.jsonl
    specq bench engine --target PATH --draft PATH --prompts FILE
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
import logging
import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import torch
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedModel, PreTrainedTokenizerBase

from models.devices import resolve_device
from models.engine.speculative import Output, SamplingParams, SpecDecoder

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineBenchConfig:
    """What to run; every field has a command-line flag of the same name."""

    prompts: Path | None = None  # JSONL: Spec-Bench "turns", "prompt" or "text"; None: zoo's or built-in
    target: str | None = None  # save_pretrained directory or hub name; None = zoo or config-built
    draft: str | None = None  # same tokenizer as the target
    zoo: str | None = None  # "tiny" | "bench": use the local zoo's target_l and draft
    num_prompts: int = 32
    max_new_tokens: int = 128
    max_prompt_tokens: int = 128  # prompts are cut to their last this-many tokens
    k: int = 4
    batch_sizes: tuple[int, ...] = (1, 8, 32)
    device: str = "auto"
    threads: int | None = None  # torch intra-op threads; None = torch's default
    # Config-built models (no --target): a random Llama and a draft of its first layers.
    hidden_size: int = 256
    num_layers: int = 8
    draft_layers: int = 1
    tail_scale: float = 0.01  # damping of the target's layers past the draft's (sets the acceptance)
    vocab_size: int = 4096
    seed: int = 0
    repeats: int = 1  # every method runs this many times, interleaved; the fastest run counts
    # "wall": elapsed time. "process": this process's CPU time, which other processes' load does not
    # inflate; it equals wall time for a single-threaded CPU run on an idle machine (not for GPU runs).
    clock: str = "wall"


@dataclass
class MethodResult:
    """One method's run over all prompts."""

    name: str
    batch_size: int
    seconds: float
    new_tokens: int
    identical: int  # rows whose output equals the reference token for token
    rows: int
    acceptance: float | None = None  # accepted / drafted draft tokens
    tokens_per_step: float | None = None  # new tokens per target verification pass

    @property
    def tokens_per_second(self) -> float:
        return self.new_tokens / self.seconds if self.seconds > 0 else 0.0


@dataclass
class EngineBenchReport:
    config: EngineBenchConfig
    setup: str  # where the models came from, their sizes
    device: str
    results: list[MethodResult] = field(default_factory=list)

    def get(self, name: str) -> MethodResult | None:
        return next((r for r in self.results if r.name == name), None)

    def ratio(self, numerator: str, denominator: str) -> float | None:
        a, b = self.get(numerator), self.get(denominator)
        if a is None or b is None or b.tokens_per_second == 0:
            return None
        return a.tokens_per_second / b.tokens_per_second

    def goals(self) -> list[tuple[str, float | None, float, bool]]:
        """(goal, measured ratio, threshold, met) for the engine's speed goals."""
        rows: list[tuple[str, float | None, float, bool]] = []
        checks = [
            ("SpecDecoder draft=None vs HF generate (batch 1)", "spec_plain_b1", "hf_generate", 0.95),
            ("SpecDecoder batch 1 vs HF assisted (defaults)", "spec_b1", "hf_assisted", 1.10),
            ("SpecDecoder batch 1 vs HF assisted (same k)", "spec_b1", "hf_assisted_k", 1.10),
            ("SpecDecoder batch 8 vs batched plain (batch 8)", "spec_b8", "spec_plain_b8", 1.0),
        ]
        for label, num, den, threshold in checks:
            r = self.ratio(num, den)
            rows.append((label, r, threshold, r is not None and r >= threshold))
        return rows

    def markdown(self) -> str:
        """The results as a Markdown table, for docs/engine.md."""
        lines = [
            f"Setup: {self.setup}; device: {self.device}; {self.config.num_prompts} prompts, "
            f"{self.config.max_new_tokens} new tokens each, greedy, k={self.config.k}; "
            f"{self.config.clock} clock, best of {self.config.repeats} interleaved run(s).",
            "",
            "| method | batch | tokens/s | x HF generate | acceptance | tokens/step | identical |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        base = self.get("hf_generate")
        for r in self.results:
            speed = r.tokens_per_second / base.tokens_per_second if base and base.tokens_per_second else None
            lines.append(
                f"| {r.name} | {r.batch_size} | {r.tokens_per_second:.1f} | {_fmt(speed, 'x')} | "
                f"{_fmt(r.acceptance)} | {_fmt(r.tokens_per_step)} | {r.identical}/{r.rows} |"
            )
        lines += ["", "| goal | measured | target | met |", "| --- | ---: | ---: | :---: |"]
        for label, ratio, threshold, met in self.goals():
            lines.append(f"| {label} | {_fmt(ratio, 'x')} | >= {threshold:.2f}x | {'yes' if met else 'no'} |")
        return "\n".join(lines)


def _fmt(value: float | None, suffix: str = "") -> str:
    return "-" if value is None else f"{value:.2f}{suffix}"


# ---------------------------------------------------------------------------- setup


@dataclass
class _Models:
    target: PreTrainedModel
    draft: PreTrainedModel
    tokenize: Callable[[str], list[int]]
    setup: str
    prompts: Path | None = None  # the prompts that come with the models (the zoo's demo set)


def read_prompt_texts(path: Path | None, limit: int) -> list[str]:
    """First turns of a Spec-Bench JSONL file (or "prompt"/"text" fields); built-in prompts without a file."""
    if path is None:
        base = [
            "Write a short story about a robot who learns to paint.",
            "Explain how a hash table handles collisions, with an example in Python.",
            "A train leaves at 3pm at 60 km/h; another at 4pm at 80 km/h. When does the second catch up?",
            "Summarize the causes of the French Revolution in five bullet points.",
        ]
        return [base[i % len(base)] + f" (variant {i})" for i in range(limit)]
    texts: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{line_no}: not valid JSON ({err})") from err
            text = (record.get("turns") or [None])[0] or record.get("prompt") or record.get("text")
            if not isinstance(text, str):
                raise ValueError(f"{path}:{line_no}: no 'turns', 'prompt' or 'text' string field")
            texts.append(text)
            if len(texts) == limit:
                break
    if len(texts) < limit:
        raise ValueError(f"{path} has {len(texts)} prompts, fewer than --num-prompts {limit}")
    return texts


def truncated_copy(target: PreTrainedModel, layers: int) -> PreTrainedModel:
    """A draft that is the target's embeddings, first `layers` decoder layers, final norm and head."""
    draft = copy.deepcopy(target)
    draft.model.layers = draft.model.layers[:layers]
    draft.config.num_hidden_layers = layers
    if hasattr(draft.config, "layer_types") and draft.config.layer_types is not None:
        draft.config.layer_types = draft.config.layer_types[:layers]
    return draft


def build_models_from_config(cfg: EngineBenchConfig, device: torch.device) -> _Models:
    """A random Llama target and a truncated copy as its draft; prompts as UTF-8 bytes."""
    torch.manual_seed(cfg.seed)
    config = LlamaConfig(
        vocab_size=cfg.vocab_size,
        hidden_size=cfg.hidden_size,
        intermediate_size=cfg.hidden_size * 8 // 3,
        num_hidden_layers=cfg.num_layers,
        num_attention_heads=max(1, cfg.hidden_size // 64),
        num_key_value_heads=max(1, cfg.hidden_size // 128),
        max_position_embeddings=4096,
        bos_token_id=None,
        eos_token_id=None,
        pad_token_id=None,
    )
    target = LlamaForCausalLM(config)
    torch.nn.Module.to(target, device)  # PreTrainedModel.to's decorator hides its signature from mypy
    target.eval()
    # A random network's argmax is fragile: its deep layers change it as much as they like. Damping
    # the layers past the draft's makes the target "the draft plus a refinement", as trained
    # models roughly are; tail_scale sets how often the two agree (0.01: about 0.8 acceptance).
    with torch.no_grad():
        for layer in target.model.layers[cfg.draft_layers :]:
            layer.self_attn.o_proj.weight.mul_(cfg.tail_scale)
            layer.mlp.down_proj.weight.mul_(cfg.tail_scale)
    draft = truncated_copy(target, cfg.draft_layers).eval()
    setup = (
        f"config-built random Llama target ({cfg.num_layers} layers, hidden {cfg.hidden_size}, vocab "
        f"{cfg.vocab_size}, layers past the draft's damped x{cfg.tail_scale}), draft = its first "
        f"{cfg.draft_layers} layer(s); prompts as UTF-8 bytes"
    )
    return _Models(target, draft, lambda text: list(text.encode("utf-8")), setup)


def load_models(cfg: EngineBenchConfig, device: torch.device) -> _Models:
    from models.loading import check_same_tokenizer, load_model_and_tokenizer

    target_path, draft_path = cfg.target, cfg.draft
    zoo_prompts: Path | None = None
    if cfg.zoo is not None:
        from models.zoo import build_zoo

        zoo = build_zoo(cfg.zoo)
        target_path, draft_path = str(zoo.target_l), str(zoo.draft)
        zoo_prompts = Path(zoo.demo_prompts)
    if target_path is None or draft_path is None:
        raise ValueError("give both --target and --draft (or --zoo, or neither for config-built models)")
    dtype = torch.float32 if device.type == "cpu" else None
    target, target_tok = load_model_and_tokenizer(target_path, device=device, dtype=dtype)
    draft, draft_tok = load_model_and_tokenizer(draft_path, device=device, dtype=dtype)
    check_same_tokenizer(target_tok, draft_tok)
    tok: PreTrainedTokenizerBase = target_tok

    def tokenize(text: str) -> list[int]:
        return list(tok.encode(text, add_special_tokens=True))

    n_target = sum(p.numel() for p in target.parameters()) / 1e6
    n_draft = sum(p.numel() for p in draft.parameters()) / 1e6
    source = f"zoo '{cfg.zoo}'" if cfg.zoo else "paths"
    setup = (
        f"{source}: target {target_path} ({n_target:.1f}M params), draft {draft_path} ({n_draft:.1f}M params)"
    )
    return _Models(target, draft, tokenize, setup, zoo_prompts)


# ---------------------------------------------------------------------------- methods


def _hf_generate(
    model: PreTrainedModel, prompts: list[list[int]], max_new: int, **kwargs: object
) -> list[list[int]]:
    outs = []
    for p in prompts:
        ids = torch.tensor([p], device=model.device)
        out = model.generate(  # type: ignore[operator]  # transformers types generate loosely
            ids,
            attention_mask=torch.ones_like(ids),
            do_sample=False,
            max_new_tokens=max_new,
            pad_token_id=0,
            **kwargs,
        )
        outs.append(_trim_eos(out[0, len(p) :].tolist(), model))
    return outs


def _trim_eos(tokens: list[int], model: PreTrainedModel) -> list[int]:
    eos = model.generation_config.eos_token_id
    eos_ids = set(eos if isinstance(eos, list) else [eos]) if eos is not None else set()
    for i, t in enumerate(tokens):
        if t in eos_ids:
            return tokens[: i + 1]
    return tokens


def _spec(decoder: SpecDecoder, prompts: list[list[int]], max_new: int, batch: int) -> list[Output]:
    outs: list[Output] = []
    params = SamplingParams(max_new_tokens=max_new)
    for start in range(0, len(prompts), batch):
        outs.extend(decoder.generate(prompts[start : start + batch], params))
    return outs


def _timed(fn: Callable[[], object], clock: str = "wall") -> tuple[object, float]:
    now = time.process_time if clock == "process" else time.perf_counter
    start = now()
    result = fn()
    return result, now() - start


def run_engine_bench(
    cfg: EngineBenchConfig, progress: Callable[[str], None] | None = None
) -> EngineBenchReport:
    """Run every method on the same models and prompts; return tokens/s, ratios and output checks."""
    say = progress or (lambda message: logger.info(message))
    if cfg.clock not in ("wall", "process"):
        raise ValueError(f"clock must be 'wall' or 'process', got {cfg.clock!r}")
    if cfg.threads is not None:
        torch.set_num_threads(cfg.threads)
    device = resolve_device(cfg.device)
    built = cfg.target is None and cfg.draft is None and cfg.zoo is None
    models = build_models_from_config(cfg, device) if built else load_models(cfg, device)
    target, draft = models.target, models.draft
    texts = read_prompt_texts(cfg.prompts or models.prompts, cfg.num_prompts)
    prompts = [models.tokenize(t)[-cfg.max_prompt_tokens :] for t in texts]
    vocab = int(target.config.vocab_size)
    # Sorted by length, as the router batches them: less padding in batched prefill.
    prompts = sorted(([min(t, vocab - 1) for t in p] for p in prompts), key=len)
    device_name = (
        torch.cuda.get_device_name(device)
        if device.type == "cuda"
        else f"CPU ({platform.processor() or platform.machine()}, {torch.get_num_threads()} threads)"
    )
    report = EngineBenchReport(cfg, models.setup, device_name)
    max_new = cfg.max_new_tokens

    # Warm up every code path on two short runs so one-off costs are not timed.
    warm = prompts[:2]
    _hf_generate(target, warm, 4)
    _hf_generate(target, warm, 4, assistant_model=draft)
    _spec(SpecDecoder(target, draft, k=cfg.k), warm, 4, 2)

    say("HF generate, batch 1: the reference")
    reference = _hf_generate(target, prompts, max_new)
    methods: list[tuple[str, int, Callable[[], list[list[int]] | list[Output]]]] = [
        ("hf_generate", 1, lambda: _hf_generate(target, prompts, max_new)),
        # HF's own defaults: up to 20 draft tokens, stopping early below a confidence threshold.
        ("hf_assisted", 1, lambda: _hf_generate(target, prompts, max_new, assistant_model=draft)),
        (
            "hf_assisted_k",
            1,
            lambda: _hf_generate(
                target,
                prompts,
                max_new,
                assistant_model=draft,
                num_assistant_tokens=cfg.k,
                num_assistant_tokens_schedule="constant",
                assistant_confidence_threshold=0.0,
            ),
        ),
    ]
    for prefix, draft_model, k in (
        ("spec_plain", None, 0),
        ("spec", draft, cfg.k),
        ("spec_auto", draft, "auto"),
    ):
        decoder = SpecDecoder(target, draft_model, k=k)  # type: ignore[arg-type]
        for batch in cfg.batch_sizes:
            methods.append(
                (f"{prefix}_b{batch}", batch, functools.partial(_spec, decoder, prompts, max_new, batch))
            )

    best: dict[str, tuple[float, list[list[int]] | list[Output]]] = {}
    for repeat in range(cfg.repeats):
        for name, _, run in methods:
            say(f"{name} (run {repeat + 1}/{cfg.repeats})")
            outs, seconds = _timed(run, cfg.clock)
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, outs)  # type: ignore[assignment]
    for name, batch, _ in methods:
        seconds, outs = best[name]
        if outs and isinstance(outs[0], Output):
            spec_outs = [o for o in outs if isinstance(o, Output)]
            tokens_lists = [o.token_ids for o in spec_outs]
            drafted = sum(o.stats.drafted_tokens for o in spec_outs)
            accepted = sum(o.stats.accepted_tokens for o in spec_outs)
            steps = sum(o.stats.steps for o in spec_outs)
            acceptance = accepted / drafted if drafted else None
            per_step = (sum(map(len, tokens_lists)) - len(spec_outs)) / steps if steps else None
        else:
            tokens_lists = [list(o) for o in outs if isinstance(o, list)]
            acceptance = per_step = None
        same = sum(o == r for o, r in zip(tokens_lists, reference, strict=True))
        report.results.append(
            MethodResult(
                name,
                batch,
                seconds,
                sum(map(len, tokens_lists)),
                same,
                len(prompts),
                acceptance=acceptance,
                tokens_per_step=per_step,
            )
        )
    return report


def _parse_args(argv: Sequence[str] | None) -> EngineBenchConfig:
    defaults = EngineBenchConfig()
    parser = argparse.ArgumentParser(prog="python -m bench.engine", description=__doc__.split("\n\n")[0])
    parser.add_argument("--prompts", type=Path, default=None)
    parser.add_argument("--target", default=None)
    parser.add_argument("--draft", default=None)
    parser.add_argument("--zoo", default=None, choices=["tiny", "bench"])
    parser.add_argument("--num-prompts", type=int, default=defaults.num_prompts)
    parser.add_argument("--max-new-tokens", type=int, default=defaults.max_new_tokens)
    parser.add_argument("--max-prompt-tokens", type=int, default=defaults.max_prompt_tokens)
    parser.add_argument("--k", type=int, default=defaults.k)
    parser.add_argument(
        "--batch-sizes", type=lambda s: tuple(int(x) for x in s.split(",")), default=defaults.batch_sizes
    )
    parser.add_argument("--device", default=defaults.device)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--hidden-size", type=int, default=defaults.hidden_size)
    parser.add_argument("--num-layers", type=int, default=defaults.num_layers)
    parser.add_argument("--draft-layers", type=int, default=defaults.draft_layers)
    parser.add_argument("--tail-scale", type=float, default=defaults.tail_scale)
    parser.add_argument("--vocab-size", type=int, default=defaults.vocab_size)
    parser.add_argument("--repeats", type=int, default=defaults.repeats)
    parser.add_argument("--clock", choices=["wall", "process"], default=defaults.clock)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    args = parser.parse_args(argv)
    return EngineBenchConfig(**{k.replace("-", "_"): v for k, v in vars(args).items()})


def main(argv: Sequence[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    report = run_engine_bench(_parse_args(argv))
    print(report.markdown())  # noqa: T201 - this is the command's output


if __name__ == "__main__":
    main()
