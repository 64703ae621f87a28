"""Measuring one model's forward steps: time (median of repeats) and activation memory.

On CUDA activations come from ``torch.cuda.max_memory_allocated``; on CPU from replaying the
allocation events of PyTorch's CPU allocator recorded by ``torch.profiler``
(``profile_memory=True``). Allocations outside PyTorch's allocator (oneDNN scratch, the Python
heap) are not seen. On CPU with one torch thread the timer is the calling thread's CPU time,
so waiting for a core on a shared machine is not counted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from models.costmodel.arch import ArchSpec
from models.costmodel.profile import Measurement
from models.costmodel.roofline import synchronize

if TYPE_CHECKING:
    import torch

logger = logging.getLogger(__name__)


def measure_steps(
    model: Any,
    batch: int,
    context: int,
    new_tokens: Sequence[int],
    *,
    repeats: int = 5,
    measure_memory: bool = True,
    seed: int = 0,
    arch_id: str | None = None,
) -> list[Measurement]:
    """Time steps of a loaded HF causal LM over a ``context``-token cache (median of ``repeats``).

    One prefill builds the cache; each step is rolled back (``cache.crop``) so every repeat
    sees the same context. On CPU with one torch thread every op runs on the calling thread,
    so its CPU time is the step's time without the waits for a core; otherwise wall time.
    Activations are measured in a separate pass when ``measure_memory``.
    """
    import torch

    param = next(model.parameters())
    dev, dtype = param.device, str(param.dtype).removeprefix("torch.")
    spec = ArchSpec.from_config(model.config)
    news = sorted(set(new_tokens))
    gen = torch.Generator().manual_seed(seed)
    ids = torch.randint(0, spec.vocab, (batch, context + max(news)), generator=gen).to(dev)
    thread_cpu = dev.type == "cpu" and torch.get_num_threads() == 1
    clock = time.thread_time if thread_cpu else time.perf_counter
    times: dict[int, list[float]] = {}
    walls: dict[int, list[float]] = {}
    with torch.inference_mode():
        cache = _prefill(model, ids[:, :context]) if context else None
        for t in news:
            step_ids = ids[:, context : context + t]
            times[t], walls[t] = [], []
            for r in range(repeats + 1):  # the first run warms up allocator and kernels
                synchronize(dev)
                w0, t0 = time.perf_counter(), clock()
                out = model(step_ids, cache=cache, use_cache=True)
                synchronize(dev)
                elapsed, wall = clock() - t0, time.perf_counter() - w0
                del out
                if cache is not None:
                    cache.crop(-t)
                if r:
                    times[t].append(elapsed)
                    walls[t].append(wall)
        del cache
        if measure_memory:
            activations = _measure_activations(model, spec, dev, ids, context, news, dtype)
        else:
            activations = dict.fromkeys(news, (None, None))
    name = arch_id or str(getattr(model.config, "name_or_path", "") or spec.family)
    config = json.loads(model.config.to_json_string(use_diff=False))  # as config.json stores it
    return [
        Measurement(
            name,
            config,
            batch,
            t,
            context,
            statistics.median(times[t]),
            tuple(times[t]),
            *activations[t],
            timer="thread_cpu" if thread_cpu else "wall",
            wall_seconds=statistics.median(walls[t]),
        )  # fmt: skip
        for t in news
    ]


def _prefill(model: Any, ids: torch.Tensor) -> Any:
    from transformers import DynamicCache

    cache = DynamicCache(config=model.config)
    model(ids, cache=cache, use_cache=True)
    return cache


def _measure_activations(
    model: Any,
    spec: ArchSpec,
    dev: torch.device,
    ids: torch.Tensor,
    context: int,
    news: list[int],
    dtype: str,
) -> dict[int, tuple[int | None, str | None]]:
    """Transient peak bytes above weights + KV for each step (KV growth of the step excluded)."""
    import torch

    out: dict[int, tuple[int | None, str | None]] = {}
    batch = ids.shape[0]
    if dev.type == "cuda":
        cache = _prefill(model, ids[:, :context]) if context else None
        for t in news:
            torch.cuda.synchronize(dev)
            base = torch.cuda.memory_allocated(dev)
            torch.cuda.reset_peak_memory_stats(dev)
            res = model(ids[:, context : context + t], cache=cache, use_cache=True)
            torch.cuda.synchronize(dev)
            peak = torch.cuda.max_memory_allocated(dev) - base
            del res
            if cache is not None:
                cache.crop(-t)
            growth = batch * t * spec.kv_bytes_per_token(dtype)
            out[t] = (max(0, peak - growth), "cuda_max_memory_allocated")
        return out
    windows = _profiled_steps(model, ids, context, news)
    if windows is None:
        return dict.fromkeys(news, (None, None))
    for t, peak in windows.items():
        growth = batch * t * spec.kv_bytes_per_token(dtype)
        out[t] = (max(0, peak - growth), "torch_profiler_cpu_allocator")
    return out


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Hide what C++ writes to fd 2 (kineto prints two lines per trace start/stop, and warns that
    blocks allocated before the trace have no size - expected here) during the block."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _profiled_steps(model: Any, ids: torch.Tensor, context: int, news: list[int]) -> dict[int, int] | None:
    """Peak of PyTorch CPU-allocator bytes during each step, above the level when the step began.

    The prefill runs inside the trace so the cache's own frees are recorded too; frees of
    blocks allocated before the trace would be invisible and inflate the peak.
    """
    from torch.profiler import ProfilerActivity, profile, record_function

    prof = profile(activities=[ProfilerActivity.CPU], profile_memory=True)
    with _native_stderr_silenced():
        prof.start()
    try:
        cache = _prefill(model, ids[:, :context]) if context else None
        for t in news:
            with record_function(f"specq_step_{t}"):
                res = model(ids[:, context : context + t], cache=cache, use_cache=True)
                del res
            if cache is not None:
                cache.crop(-t)
        del cache
    finally:
        with _native_stderr_silenced():
            prof.stop()
    try:
        events = list(prof.profiler.kineto_results.events())  # type: ignore[union-attr]
    except AttributeError:  # private API moved: say so rather than record a wrong number
        logger.warning("this torch build does not expose profiler memory events; activations not measured")
        return None
    mem = sorted((e.start_ns(), e.nbytes()) for e in events if e.name() == "[memory]")
    marks = {e.name(): (e.start_ns(), e.end_ns()) for e in events if e.name().startswith("specq_step_")}
    peaks: dict[int, int] = {}
    for t in news:
        start, end = marks[f"specq_step_{t}"]
        level = sum(n for ts, n in mem if ts < start)
        running, peak = level, level
        for ts, n in mem:
            if start <= ts <= end:
                running += n
                peak = max(peak, running)
        peaks[t] = peak - level
    return peaks
