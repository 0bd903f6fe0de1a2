"""Benchmark social cards (not a test): python -m benchmarks.bench_cards [N]

Makes N posts (default 12), each with a 12 MP photo, and prints:
1. ms per card drawn on one core, over a plain colour and over a 12 MP photo;
2. the speed-up from two workers;
3. what cards add to an unchanged rebuild (livereload after a text edit): the same
   site rebuilt with cards on and off, best of 5.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.bench_photos import make_photos
from plugins._shared.sitebuild import build_site
from plugins.cards.draw import CardJob, make_card
from plugins.cards.fonts import TEXT_FONT, TITLE_FONT

REPO = Path(__file__).resolve().parent.parent


def jobs(root: Path, photos: list[Path | None]) -> list[CardJob]:
    return [
        CardJob(
            root / f"c{i}.png",
            "buildlog",
            f"Part {i}: fitting the GPU and the fans",
            "Prometheus · RTX 2070 Super / Ryzen 7 3700X / 32 GB",
            "9 August 2020 · Workstation Setup",
            photo,
            TITLE_FONT,
            TEXT_FONT,
            "#16202a",
            "#7cc0ee",
        )
        for i, photo in enumerate(photos)
    ]


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def per_card(root: Path, photos: list[Path | None], workers: int) -> float:
    batch = jobs(root, photos)
    for job in batch:
        job.target.unlink(missing_ok=True)
    if workers == 1:
        return timed(lambda: [make_card(j) for j in batch]) / len(batch)
    with ProcessPoolExecutor(workers) as pool:
        return timed(lambda: list(pool.map(make_card, batch))) / len(batch)


def rebuild(root: Path, enabled: bool) -> float:
    settings = {
        "PATH": str(root / "content"),
        "OUTPUT_PATH": str(root / "output"),
        "CACHE_PATH": str(root / "cache"),
        "BUILDLOG_CACHE_PATH": str(root / "cache"),
        "CARDS_ENABLED": enabled,
    }
    build_site(REPO / "pelicanconf.py", settings)  # warm every cache
    return min(build_site(REPO / "pelicanconf.py", settings).seconds for _ in range(5))


def main(count: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-cards-"))
    try:
        images = root / "content" / "images"
        images.mkdir(parents=True)
        photos = make_photos(images, count)
        print(
            f"plain card: {per_card(root, [None] * count, 1) * 1000:.0f} ms, "
            f"12 MP photo card: {per_card(root, photos, 1) * 1000:.0f} ms (one core)"
        )
        one, two = per_card(root, photos, 1), per_card(root, photos, 2)
        print(f"two workers: {one / two:.2f}x faster")
        posts = root / "content" / "posts"
        posts.mkdir()
        for i, photo in enumerate(photos):
            (posts / f"2021-01-{i + 1:02d}-post-{i}.md").write_text(
                f'---\ntitle: Post {i}\n---\n\nText.\n\n![A photo](/images/{photo.name} "P")\n'
            )
        on, off = rebuild(root, True), rebuild(root, False)
        print(f"unchanged rebuild: {on:.2f} s with cards, {off:.2f} s without ({on / off:.2f}x)")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 12)
