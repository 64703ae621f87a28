"""`specq cost profile`: random small architectures of several families timed over a grid of shapes."""

from __future__ import annotations

import dataclasses
import logging
import random
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.costmodel.arch import FAMILIES, ArchSpec
from models.costmodel.measure import measure_steps
from models.costmodel.profile import Measurement, Profile, ProfileHeader
from models.costmodel.roofline import measure_roofline

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProfilePlan:
    """What `specq cost profile` measures."""

    n_archs: int = 42  # spread round-robin over `families`
    shapes_per_arch: int = 14
    repeats: int = 5  # timed runs per shape (plus one warm-up); the median is kept
    max_params: int = 12_000_000
    max_step_flops: float = 3e9  # skip shapes whose step would take too long on a CPU
    families: tuple[str, ...] = FAMILIES
    threads: int = 1  # fixed so timings are comparable on a shared machine
    device: str = "cpu"
    dtype: str = "float32"
    measure_memory: bool = True
    seed: int = 0


QUICK_PLAN = ProfilePlan(n_archs=7, shapes_per_arch=8, repeats=3, max_params=4_000_000, max_step_flops=1.5e9)

_VOCABS = (512, 1024, 2048, 4096, 8192, 16384, 32000)


def sample_config(rng: random.Random, family: str, max_params: int) -> dict[str, Any]:
    """A random small config of ``family`` (kwargs for ``AutoConfig.for_model``) under ``max_params``."""
    for _ in range(1000):
        heads = rng.choice((2, 4, 8, 12, 16))
        head_dim = rng.choice((16, 32, 64))
        # Qwen3 and Gemma decouple head_dim from hidden / heads.
        hidden = 64 * rng.randint(1, 12) if family in ("qwen3", "gemma") else heads * head_dim
        kv = rng.choice([d for d in range(1, heads + 1) if heads % d == 0])
        layers = rng.randint(1, 8)
        ratio = rng.uniform(2.0, 4.0) if family not in ("gpt2", "gpt_neox") else rng.choice((2.0, 3.0, 4.0))
        inter = max(16, int(round(hidden * ratio / 16)) * 16)
        vocab = rng.choice(_VOCABS)
        tied = rng.random() < 0.5
        special: dict[str, Any] = {"pad_token_id": 0, "bos_token_id": 1, "eos_token_id": 2}
        kwargs: dict[str, Any]
        if family == "gpt2":
            kwargs = {
                "n_embd": hidden,
                "n_layer": layers,
                "n_head": heads,
                "n_inner": inter,
                "vocab_size": vocab,
                "n_positions": 2048,
                "tie_word_embeddings": True,
            }
        elif family == "gpt_neox":
            kwargs = {
                "hidden_size": hidden,
                "num_hidden_layers": layers,
                "num_attention_heads": heads,
                "intermediate_size": inter,
                "vocab_size": vocab,
                "max_position_embeddings": 2048,
                "tie_word_embeddings": tied,
            }
        else:
            kwargs = {
                "hidden_size": hidden,
                "num_hidden_layers": layers,
                "num_attention_heads": heads,
                "num_key_value_heads": kv,
                "head_dim": head_dim,
                "intermediate_size": inter,
                "vocab_size": vocab,
                "max_position_embeddings": 4096,
                "tie_word_embeddings": True if family == "gemma" else tied,
            }
        config: dict[str, Any] = {"model_type": family, **kwargs, **special}
        if ArchSpec.from_config(config).param_count() <= max_params:
            return config
    raise ValueError(f"could not sample a {family} config under {max_params} parameters; raise max_params")


def build_model(config_kwargs: Mapping[str, Any], device: str = "cpu", dtype: str = "float32") -> Any:
    """A randomly initialised HF causal LM from ``sample_config`` kwargs (weights do not matter for cost)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    kwargs = dict(config_kwargs)
    config = AutoConfig.for_model(kwargs.pop("model_type"), **kwargs)
    model = AutoModelForCausalLM.from_config(config, dtype=getattr(torch, dtype))
    return model.to(device).eval()


def _sample_shapes(rng: random.Random, spec: ArchSpec, plan: ProfilePlan) -> list[tuple[int, int, list[int]]]:
    """(batch, context, [new_tokens...]) groups: decode/verify steps over a cache, and prefills."""
    params = spec.param_count()
    groups: list[tuple[int, int, list[int]]] = []
    n_shapes, tries = 0, 0
    while n_shapes < plan.shapes_per_arch and tries < 200:
        tries += 1
        if rng.random() < 0.3:  # prefill: all tokens new, no cache
            batch, context = rng.choice((1, 2, 4, 8)), 0
            news = [rng.choice((16, 32, 64, 128, 256))]
        else:  # decode (1 token) and speculative verify (k + 1 tokens) over a cache
            batch = rng.choice((1, 2, 4, 8, 16, 32))
            context = rng.choice((16, 64, 128, 256, 512, 1024))
            news = sorted(rng.sample((1, 2, 3, 5, 8), 2))
        news = [
            t
            for t in news
            if 2.0 * params * batch * t <= plan.max_step_flops
            and batch * (context + t) * spec.vocab * 4 <= 2**29
        ]
        if not news or any(g[0] == batch and g[1] == context for g in groups):
            continue
        groups.append((batch, context, news))
        n_shapes += len(news)
    return groups


def profile_architectures(
    plan: ProfilePlan,
    progress: Callable[[int, int, str], None] | None = None,
    checkpoint: Path | None = None,
) -> Profile:
    """Build random architectures, time their steps (median of repeats) and measure activations.

    ``progress(done, total, label)`` is called after each architecture; with ``checkpoint`` the
    profile so far is written there after each one, so an interrupted run keeps its data.
    """
    import torch
    import transformers

    rng = random.Random(plan.seed)
    previous_threads = torch.get_num_threads()
    torch.set_num_threads(plan.threads)
    try:
        roofline = measure_roofline(plan.device, plan.threads)
        header = ProfileHeader(
            device=roofline.device,
            threads=plan.threads,
            dtype=plan.dtype,
            torch_version=torch.__version__,
            transformers_version=transformers.__version__,
            attn_implementation="unknown",
            roofline=roofline,
            plan={k: list(v) if isinstance(v, tuple) else v for k, v in asdict(plan).items()},
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        profile = Profile(header)
        families = [plan.families[i % len(plan.families)] for i in range(plan.n_archs)]
        archs = [
            (f"{f}-{plan.seed}-{i}", sample_config(rng, f, plan.max_params)) for i, f in enumerate(families)
        ]
        rng.shuffle(archs)  # spread slow periods of a shared machine over families
        reference = build_model(_REFERENCE_CONFIG, plan.device, plan.dtype)
        for done, (arch_id, kwargs) in enumerate(archs, start=1):
            started = time.perf_counter()
            model = build_model(kwargs, plan.device, plan.dtype)
            attn = str(getattr(model.config, "_attn_implementation", "unknown"))
            profile.header = dataclasses.replace(profile.header, attn_implementation=attn)
            spec = ArchSpec.from_config(model.config)
            n_before = len(profile.measurements)
            for batch, context, news in _sample_shapes(rng, spec, plan):
                before = _reference_seconds(reference)
                steps = measure_steps(
                    model, batch, context, news, repeats=plan.repeats, measure_memory=plan.measure_memory,
                    seed=plan.seed, arch_id=arch_id,
                )  # fmt: skip
                ref = (before + _reference_seconds(reference)) / 2
                profile.measurements += [dataclasses.replace(m, reference_seconds=ref) for m in steps]
            del model
            logger.info(
                "profiled %s (%d/%d, %.1fM params): %d steps in %.0f s", arch_id, done, len(archs),
                spec.param_count() / 1e6, len(profile.measurements) - n_before, time.perf_counter() - started,
            )  # fmt: skip
            if checkpoint is not None:
                profile.save(checkpoint)
            if progress is not None:
                progress(done, len(archs), arch_id)
        return profile
    finally:
        torch.set_num_threads(previous_threads)


# A fixed small model timed around every shape group: its slowdown is the machine's at that moment.
_REFERENCE_CONFIG: dict[str, Any] = {
    "model_type": "llama", "hidden_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
    "num_key_value_heads": 2, "intermediate_size": 352, "vocab_size": 2048, "max_position_embeddings": 512,
    "pad_token_id": 0, "bos_token_id": 1, "eos_token_id": 2,
}  # fmt: skip


def _reference_seconds(model: Any) -> float:
    """Median seconds of a decode and a verify step of the reference model (same clock as profiling)."""
    return sum(m.seconds for m in measure_steps(model, 4, 64, [1, 4], repeats=3, measure_memory=False))


def speed_normalized(measurements: Sequence[Measurement]) -> list[Measurement]:
    """Rescale each step to the profile's median machine speed, using its reference timing.

    ``seconds * median(reference) / reference``: on a shared machine whole stretches of a run
    are slower; without this, that slowdown lands on whichever architectures were measured then.
    Returns the input unchanged unless every measurement has a reference timing.
    """
    refs = [m.reference_seconds for m in measurements]
    if not refs or any(r is None or r <= 0 for r in refs):
        return list(measurements)
    typical = statistics.median(r for r in refs if r is not None)
    out = []
    for m in measurements:
        scale = typical / float(m.reference_seconds or typical)
        out.append(
            dataclasses.replace(m, seconds=m.seconds * scale, samples=tuple(x * scale for x in m.samples))
        )
    return out
