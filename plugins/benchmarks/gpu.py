"""GPU measurements with PyTorch and CUDA, when both are there (optional: nothing
here runs, and nothing fails, on a machine without them)."""

from __future__ import annotations

import time

from .model import Measure, Result


def _torch():
    try:
        import torch
    except ImportError:
        return None
    return torch if torch.cuda.is_available() else None


def available() -> bool:
    return _torch() is not None


def _per_call(torch, fn, calls: int) -> float:
    fn()
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / calls


def matmul(plan) -> list[Measure]:
    """TFLOP/s of an n×n matmul in fp32, fp16 and (where supported) bf16."""
    torch = _torch()
    n, out = plan.gpu_n, []
    kinds = [("fp32", torch.float32), ("fp16", torch.float16)]
    if torch.cuda.is_bf16_supported():
        kinds.append(("bf16", torch.bfloat16))
    for name, dtype in kinds:
        a = torch.randn(n, n, device="cuda", dtype=dtype)
        b = torch.randn(n, n, device="cuda", dtype=dtype)
        runs = [
            2 * n**3 / _per_call(torch, lambda a=a, b=b: a @ b, 10) / 1e12
            for _ in range(plan.repeats)
        ]
        out.append(Measure(f"GPU matmul ({name})", "", "TFLOP/s", "higher", Result.of(runs)))
    torch.cuda.empty_cache()
    return out


def copy(plan) -> list[Measure]:
    """Host-to-device and device-to-host GB/s from pinned memory."""
    torch = _torch()
    size = plan.gpu_copy_mib * 2**20
    host = torch.empty(size, dtype=torch.uint8).pin_memory()
    device = torch.empty(size, dtype=torch.uint8, device="cuda")
    h2d = [
        size / _per_call(torch, lambda: device.copy_(host), 5) / 1e9 for _ in range(plan.repeats)
    ]
    d2h = [
        size / _per_call(torch, lambda: host.copy_(device), 5) / 1e9 for _ in range(plan.repeats)
    ]
    torch.cuda.empty_cache()
    return [
        Measure("GPU copy host to device", "", "GB/s", "higher", Result.of(h2d)),
        Measure("GPU copy device to host", "", "GB/s", "higher", Result.of(d2h)),
    ]
