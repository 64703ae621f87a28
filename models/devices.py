"""Where models run: CUDA when present (half precision there), CPU otherwise."""

from __future__ import annotations

import torch


def resolve_device(device: str | torch.device = "auto") -> torch.device:
    """ "auto" -> the first CUDA device if there is one, else the CPU; anything else as torch reads it."""
    if isinstance(device, torch.device):
        return device
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    resolved = torch.device(device)
    if resolved.type == "cuda" and not torch.cuda.is_available():
        raise RuntimeError(f"device {device!r} was asked for but CUDA is not available; use 'cpu' or 'auto'")
    return resolved


def default_dtype(device: torch.device) -> torch.dtype:
    """bfloat16 on GPUs that support it, float16 on older GPUs, float32 on the CPU."""
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return torch.float32
