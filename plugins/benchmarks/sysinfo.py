"""What the machine is: CPU, cores, RAM, OS, Python and (via nvidia-smi) GPUs."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from pathlib import Path


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def physical_cores() -> int | None:
    cores, physical = set(), ""
    for line in _read("/proc/cpuinfo").splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "physical id":
            physical = value.strip()
        elif key.strip() == "core id":
            cores.add((physical, value.strip()))
    return len(cores) or None


def memory_gib() -> float | None:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return None


def os_name() -> str:
    pretty = next(
        (
            line.split("=", 1)[1].strip('"')
            for line in _read("/etc/os-release").splitlines()
            if line.startswith("PRETTY_NAME=")
        ),
        platform.system(),
    )
    return f"{pretty}, kernel {platform.release()}"


def gpus() -> list[dict[str, str]]:
    """One dict per NVIDIA GPU (name, memory, driver); empty without nvidia-smi."""
    if not shutil.which("nvidia-smi"):
        return []
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    rows = [[c.strip() for c in line.split(",")] for line in out.splitlines() if line.strip()]
    return [{"GPU": r[0], "GPU memory": r[1], "GPU driver": r[2]} for r in rows if len(r) == 3]


def system_specs() -> dict[str, str]:
    threads = os.cpu_count() or 0
    cores = physical_cores()
    specs = {
        "CPU": cpu_model(),
        "Cores": f"{cores} cores, {threads} threads" if cores else f"{threads} threads",
    }
    if (ram := memory_gib()) is not None:
        specs["RAM"] = f"{ram:.1f} GiB"
    specs["OS"] = os_name()
    specs["Python"] = platform.python_version()
    for i, gpu in enumerate(gpus()):
        suffix = f" {i}" if i else ""
        specs.update({f"{k}{suffix}": v for k, v in gpu.items()})
    return specs
