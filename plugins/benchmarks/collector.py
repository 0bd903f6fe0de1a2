"""``bench-collect``: measure this machine with what is installed.

Always: memory copy and disk sequential write/read (standard library). With NumPy:
matmul GFLOP/s in float32 and float64. With PyTorch and CUDA: GPU matmul TFLOP/s
and host<->device copy GB/s. Each test repeats and keeps every run (the chart shows
the median and spread). The temporary file is removed even on Ctrl-C.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

from .model import Measure, Result


@dataclass(frozen=True)
class Plan:
    repeats: int = 5
    matmul_n: int = 2048
    copy_mib: int = 256
    disk_mib: int = 512
    gpu_n: int = 8192
    gpu_copy_mib: int = 512
    min_time: float = 0.2  # seconds per timed run: short calls are repeated within a run


DEFAULT = Plan()
QUICK = Plan(
    repeats=3, matmul_n=256, copy_mib=16, disk_mib=8, gpu_n=1024, gpu_copy_mib=32, min_time=0.03
)


class Progress:
    """``[#####-----] 3/8 NumPy matmul (float64)`` on stderr, redrawn in place on a terminal."""

    def __init__(self, total: int, stream=sys.stderr, width: int = 24):
        self.total, self.done, self.stream, self.width = total, 0, stream, width
        self.tty = stream.isatty()

    def step(self, label: str) -> None:
        filled = round(self.width * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"[{bar}] {self.done}/{self.total} {label}"
        self.stream.write(f"\r\x1b[2K{line}" if self.tty else line + "\n")
        self.stream.flush()
        self.done += 1

    def finish(self) -> None:
        self.done = self.total
        self.step("done")
        if self.tty:
            self.stream.write("\n")


def _timed(fn: Callable[[], object], calls: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def rates(fn: Callable[[], object], work: float, plan: Plan) -> list[float]:
    """``work`` per second of ``fn``, once per repeat, each run long enough
    (``plan.min_time``) that timer resolution and scheduling noise stay small."""
    first = max(_timed(fn), 1e-9)  # also the warm-up (threads, caches, page faults)
    calls = max(1, round(plan.min_time / first))
    return [work / _timed(fn, calls) for _ in range(plan.repeats)]


def memory_copy(plan: Plan) -> list[Measure]:
    size = plan.copy_mib * 2**20
    src, dst = bytearray(os.urandom(1 << 20)) * plan.copy_mib, bytearray(size)

    def copy():
        dst[:] = src  # one memcpy of the whole buffer

    runs = rates(copy, size / 1e9, plan)
    return [Measure("Memory copy", "", "GB/s", "higher", Result.of(runs))]


def disk(plan: Plan, folder: str | None = None) -> list[Measure]:
    """Sequential write (fsync'd) then read of a temporary file, cache dropped between."""
    chunk = os.urandom(4 << 20)
    count = max(plan.disk_mib // 4, 1)
    writes, reads = [], []
    fd, path = tempfile.mkstemp(prefix="buildlog-bench-", dir=folder)
    try:
        for _ in range(plan.repeats):
            os.lseek(fd, 0, os.SEEK_SET)
            start = time.perf_counter()
            for _ in range(count):
                os.write(fd, chunk)
            os.fsync(fd)
            writes.append(count * len(chunk) / (time.perf_counter() - start) / 1e6)
            if hasattr(os, "posix_fadvise"):  # read from the disk, not the page cache
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.lseek(fd, 0, os.SEEK_SET)
            start = time.perf_counter()
            while os.read(fd, len(chunk)):
                pass
            reads.append(count * len(chunk) / (time.perf_counter() - start) / 1e6)
    finally:
        os.close(fd)
        os.unlink(path)
    return [
        Measure("Disk sequential write", "", "MB/s", "higher", Result.of(writes)),
        Measure("Disk sequential read", "", "MB/s", "higher", Result.of(reads)),
    ]


def numpy_matmul(plan: Plan) -> list[Measure]:
    try:
        import numpy as np
    except ImportError:
        return []
    out, n = [], plan.matmul_n
    rng = np.random.default_rng(0)
    for dtype in ("float32", "float64"):
        a, b = (rng.standard_normal((n, n)).astype(dtype) for _ in range(2))
        runs = rates(lambda a=a, b=b: a @ b, 2 * n**3 / 1e9, plan)
        out.append(Measure(f"NumPy matmul ({dtype})", "", "GFLOP/s", "higher", Result.of(runs)))
    return out


def steps(plan: Plan, disk_dir: str | None) -> list[tuple[str, Callable[[], list[Measure]]]]:
    from . import gpu

    todo = [
        ("memory copy", lambda: memory_copy(plan)),
        ("disk write/read", lambda: disk(plan, disk_dir)),
        ("NumPy matmul", lambda: numpy_matmul(plan)),
    ]
    if gpu.available():
        todo += [("GPU matmul", lambda: gpu.matmul(plan)), ("GPU copy", lambda: gpu.copy(plan))]
    return todo


def collect(plan: Plan = DEFAULT, disk_dir: str | None = None, stream=sys.stderr) -> list[Measure]:
    todo = steps(plan, disk_dir)
    progress = Progress(len(todo), stream)
    measures: list[Measure] = []
    for label, run in todo:
        progress.step(label)
        measures += run()
    progress.finish()
    return measures
