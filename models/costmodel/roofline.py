"""The roofline fallback: per op, the larger of FLOPs / peak FLOP/s and bytes / bandwidth, plus a
per-kernel overhead, with the three constants measured once per device and cached.
"""

from __future__ import annotations

import json
import logging
import platform
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.costmodel.features import OpCost

if TYPE_CHECKING:
    import torch

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RooflineConstants:
    """Device constants for the roofline: measured by :func:`measure_roofline`."""

    flops_per_s: float  # fp32 GEMM throughput
    bytes_per_s: float  # elementwise memory bandwidth
    seconds_per_kernel: float  # one small nn.Linear call: dispatch + Python module overhead
    device: str
    threads: int
    measured: bool = True  # False = built-in guesses, used only when calibration was declined

    def step_seconds(self, ops: Iterable[OpCost]) -> float:
        total = 0.0
        for op in ops:
            total += max(op.flops / self.flops_per_s, (op.weight_bytes + op.act_bytes) / self.bytes_per_s)
            total += op.kernels * self.seconds_per_kernel
        return total


# Order-of-magnitude guesses for one CPU core; only used with calibrate=False and no cache.
_GUESSED_ROOFLINE = RooflineConstants(3e10, 5e9, 1e-5, "cpu", 1, measured=False)


def measure_roofline(device: str = "cpu", threads: int | None = None) -> RooflineConstants:
    """Micro-benchmark GEMM FLOP/s, memory bandwidth and per-op overhead (about a second)."""
    import torch

    dev = torch.device(device)
    if threads is not None and dev.type == "cpu":
        torch.set_num_threads(threads)

    # Same clock as measure_steps: the thread's CPU time when one CPU thread does all the work.
    clock = time.thread_time if dev.type == "cpu" and torch.get_num_threads() == 1 else time.perf_counter

    def timed(fn: Callable[[], object], repeats: int) -> float:
        fn()
        synchronize(dev)
        samples = []
        for _ in range(repeats):
            t0 = clock()
            fn()
            synchronize(dev)
            samples.append(clock() - t0)
        return statistics.median(samples)

    n = 1024 if dev.type == "cpu" else 4096
    a, w = torch.randn(n, n, device=dev), torch.randn(n, n, device=dev)
    flops = 2.0 * n**3 / timed(lambda: a @ w, 5)
    big = torch.randn(8 * 1024 * 1024, device=dev)  # 32 MiB: beyond caches
    other = torch.randn_like(big)
    bandwidth = 3.0 * big.numel() * 4 / timed(lambda: big + other, 5)
    lin, x = torch.nn.Linear(16, 16).to(dev), torch.randn(1, 16, device=dev)
    calls = 200
    with torch.inference_mode():
        per_call = timed(lambda: [lin(x) for _ in range(calls)], 3) / calls
    constants = RooflineConstants(flops, bandwidth, per_call, _device_name(dev), torch.get_num_threads())
    logger.info(
        "roofline on %s: %.1f GFLOP/s, %.1f GB/s, %.1f us per kernel",
        constants.device,
        flops / 1e9,
        bandwidth / 1e9,
        per_call * 1e6,
    )
    return constants


def synchronize(dev: torch.device) -> None:
    if dev.type == "cuda":
        import torch

        torch.cuda.synchronize(dev)


def _device_name(dev: torch.device) -> str:
    if dev.type == "cuda":
        import torch

        return f"cuda:{torch.cuda.get_device_name(dev)}"
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:  # not Linux: platform's answer is the best there is
        pass
    return f"cpu:{cpu}"


def cached_roofline(root: Path, calibrate: bool) -> RooflineConstants:
    """Constants cached in ``root``; with no cache, measured (and cached) if ``calibrate``, else guessed."""
    cache = root / "roofline.json"
    if cache.is_file():
        return RooflineConstants(**json.loads(cache.read_text()))
    if not calibrate:
        return _GUESSED_ROOFLINE
    constants = measure_roofline(_resolve_device())
    root.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(asdict(constants), indent=2) + "\n")
    return constants


def _resolve_device() -> str:
    """The settings' device (``auto``: CUDA when present), as torch names it."""
    from models.devices import resolve_device
    from specq.settings import get_settings

    return str(resolve_device(get_settings().device))
