"""Synthetic build-log sites for the speed budgets (``invoke perf``).

Each post is a ~1,200-word build log like the ones people write: a table of contents,
quotes and callouts, code, a Markdown table; a parts tag on a third of the posts, a
benchmarks tag on a quarter, photos on the rest. The text is generated, not copied,
and the same seed gives the same site, so two runs measure the same work.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from PIL import Image, ImageDraw

# One string reads better than a list of sixty words.
WORDS = (  # noqa: SIM905
    "the build fan case board memory drive supply cable GPU CPU thermal paste "
    "airflow benchmark driver kernel firmware BIOS rack switch router port power "
    "watts quiet loud fast slow cheap spare screw bracket header socket cooler "
    "radiator pump tubing keycap switch plate solder stabilizer nozzle hotend bed "
    "filament extruder belt pulley stepper frame rail carriage layer print"
).split()

BUILD_YAML = """name: Rig {n}
currency: USD
summary: A synthetic workstation
parts:
  - {{type: CPU, name: Ryzen 7 3700X, price: 329.99, power: 65}}
  - {{type: Motherboard, name: B450 Tomahawk, price: 114.99, power: 40}}
  - {{type: Memory, name: 32 GB DDR4-3200, quantity: 2, price: 64.99, power: 6}}
  - {{type: Storage, name: 1 TB NVMe, price: 119.99, power: 8}}
  - {{type: GPU, name: RTX 2070 Super, price: 499.99, power: 215}}
  - {{type: Case, name: Define 7, price: 169.99}}
  - {{type: Power Supply, name: 650 W Gold, price: 109.99, capacity: 650}}
"""


def _sentence(rng: random.Random, words: int = 12) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def post_text(index: int, rng: random.Random, *, photos: list[str]) -> str:
    """One synthetic post (front matter and ~1,200 words of Markdown)."""
    kind = index % 12
    lines = [
        "---",
        f"title: {json.dumps(f'Build log part {index}: {_sentence(rng, 4)[:-1]}')}",
        f"description: {json.dumps(_sentence(rng, 10))}",
        "toc: true",
        f"categories: [{rng.choice(['Workstation', 'Homelab', 'Keyboard', 'Printer'])}]",
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
        "---",
        "",
        f"> “{_sentence(rng, 10)}”",
        "> ― Someone at the bench",
        "",
    ]
    for section in range(6):
        lines += [
            f"## {_sentence(rng, 3)[:-1]} {section}",
            "",
            _paragraph(rng),
            "",
            _paragraph(rng),
            "",
        ]
        if section == 1:
            lines += ["> [!NOTE]", f"> {_sentence(rng)}", "", f"> **Tip:** {_sentence(rng)}", ""]
        if section == 2:
            lines += [
                "```python",
                "import torch",
                "x = torch.randn(1024, 1024)",
                "for _ in range(10):",
                "    x = x @ x.T",
                "print(x.sum())",
                "```",
                "",
            ]
        if section == 3:
            lines += ["| Part | Watts | Note |", "|---|---|---|"]
            lines += [
                f"| {rng.choice(WORDS)} | {rng.randint(5, 300)} | {_sentence(rng, 4)} |"
                for _ in range(5)
            ] + [""]
        if section == 4:
            if kind % 3 == 0:
                lines += [f"{{% parts rig{index % 5} %}}", ""]
            elif kind % 4 == 1:
                lines += ["{% benchmarks perfbench %}", ""]
            elif photos:
                picks = [photos[(index * 3 + k) % len(photos)] for k in range(3)]
                lines += [
                    f'![{_sentence(rng, 4)}](/images/{p} "{_sentence(rng, 5)}")' for p in picks
                ] + [""]
        lines += [f"### Details {section}", "", _paragraph(rng, 4), ""]
    return "\n".join(lines)


def _photo(path: Path, seed: int, size=(1600, 1200)) -> None:
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.rectangle(
            [x, y, x + rng.randrange(300), y + rng.randrange(300)],
            fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)),
        )
    image.save(path, quality=88)


def make_site(root: Path, posts: int, photos: int, seed: int = 1) -> Path:
    """Write ``root/content`` with ``posts`` posts and ``photos`` photos; return it."""
    content = root / "content"
    (content / "posts").mkdir(parents=True, exist_ok=True)
    (content / "images").mkdir(parents=True, exist_ok=True)
    (content / "builds").mkdir(parents=True, exist_ok=True)
    (content / "benchmarks").mkdir(parents=True, exist_ok=True)
    names = [f"p{i:04d}.jpg" for i in range(photos)]
    for i, name in enumerate(names):
        if not (content / "images" / name).exists():
            _photo(content / "images" / name, i)
    for n in range(5):
        (content / "builds" / f"rig{n}.yaml").write_text(BUILD_YAML.format(n=n), encoding="utf-8")
    (content / "benchmarks" / "perfbench.json").write_text(
        json.dumps(_benchmarks()), encoding="utf-8"
    )
    rng = random.Random(seed)
    for i in range(posts):
        day = f"20{10 + i // 365 % 15:02d}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}"
        (content / "posts" / f"{day}-post-{i:04d}.md").write_text(
            post_text(i, rng, photos=names), encoding="utf-8"
        )
    return content


def _benchmarks() -> dict:
    return {
        "title": "Training throughput",
        "systems": {"a": {"label": "Workstation"}, "b": {"label": "Cloud T4"}},
        "baseline": "b",
        "benchmarks": [
            {
                "name": "ResNet-50 training",
                "unit": "images/s",
                "better": "higher",
                "results": {"a": [410, 411, 412], "b": [250, 251, 252]},
            },
            {
                "name": "Epoch time",
                "unit": "s",
                "better": "lower",
                "results": {"a": [61.2, 60.8], "b": [99.0, 101.5]},
            },
        ],
    }
