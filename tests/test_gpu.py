"""The GPU path of ``invoke bench-collect`` on a real NVIDIA GPU with PyTorch.

CI machines have no GPU, so these tests are deselected by default (the ``gpu``
marker, pyproject.toml) and run on purpose with ``python -m pytest -m gpu``. Asked
for on a machine without PyTorch or a CUDA device they fail: never a silent skip.
"""

from __future__ import annotations

import json
import math

import pytest
from conftest import build, write_files

from plugins.benchmarks import cli, gpu
from plugins.benchmarks.sysinfo import system_specs

pytestmark = pytest.mark.gpu
GPU_CHARTS = (
    "GPU matmul (fp32)",
    "GPU matmul (fp16)",
    "GPU copy host to device",
    "GPU copy device to host",
)


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    if not gpu.available():
        pytest.fail("-m gpu asks for a GPU: PyTorch with a CUDA device is not available here")
    root = tmp_path_factory.mktemp("gpu")
    folder = root / "content" / "benchmarks"
    cli.collect("gpubox", "gpu", quick=True, label="GPU box", folder=folder, disk_dir=str(root))
    return root, json.loads((folder / "gpu.json").read_text())


def test_gpu_measures_are_collected_with_sane_values(collected):
    _, data = collected
    by_name = {b["name"]: b for b in data["benchmarks"]}
    for name in GPU_CHARTS:
        runs = by_name[name]["results"]["gpubox"]
        assert len(runs) == 3 and all(math.isfinite(r) and r > 0 for r in runs), (name, runs)
    assert by_name["GPU matmul (fp32)"]["unit"] == "TFLOP/s"
    assert by_name["GPU copy host to device"]["unit"] == "GB/s"
    # Half precision runs on tensor cores: faster than fp32 on any GPU PyTorch supports.
    assert max(by_name["GPU matmul (fp16)"]["results"]["gpubox"]) > min(
        by_name["GPU matmul (fp32)"]["results"]["gpubox"]
    )


def test_gpu_is_named_in_the_specs(collected):
    _, data = collected
    specs = data["systems"]["gpubox"]["specs"]
    assert specs["GPU"] == system_specs()["GPU"] and specs["GPU memory"]


def test_gpu_chart_builds_into_a_post(collected):
    root, _ = collected
    write_files(
        root,
        {
            "content/posts/2020-01-01-gpu.md": '---\ntitle: GPU\n---\n\n{% benchmarks gpu "GPU matmul (fp16)" %}\n'
        },
    )
    built = build(root)
    assert built.result.clean, built.messages()
    labels = [t.text for t in built.html("2020/01/gpu/").select(".bench-row__label")]
    assert labels == ["GPU box"]
