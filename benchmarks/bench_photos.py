"""Benchmark the photos pipeline (not a test): python -m benchmarks.bench_photos [N | FOLDER]

Makes N 12 MP photo-like JPEGs (default 8), or takes the photos in FOLDER (real
phone photos say more: their detail and noise cost the encoders more), and prints:
1. ms per photo for our full variant set (every width, WebP + JPEG), one worker,
   against vipsthumbnail making the same widths and formats;
2. the speed-up from parallel workers;
3. an unchanged rebuild of a site with those photos against a text-only build of the
   same posts (images removed).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from plugins._shared.sitebuild import build_site
from plugins.photos.publish import Pipeline
from plugins.photos.settings import PhotoSettings
from plugins.photos.variants import make_variants

REPO = Path(__file__).resolve().parent.parent
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".heic", ".heif", ".png", ".webp"}


def make_photos(folder: Path, count: int) -> list[Path]:
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:3000, 0:4000]
    paths = []
    for i in range(count):
        base = np.dstack(
            [(x * 255 // 4000 + i * 20) % 256, y * 255 // 3000, (x + y) * 255 // 7000]
        ).astype(np.int16)
        noisy = base + rng.normal(0, 12, (3000, 4000, 1)).astype(np.int16)
        path = folder / f"photo{i}.jpg"
        Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(path, quality=90)
        paths.append(path)
    return paths


def ours(paths: list[Path], root: Path, workers: int) -> float:
    settings = PhotoSettings(
        content=root, output=root / "out", cache=root / f"cache{workers}", workers=workers
    )
    pipeline = Pipeline(settings)
    for path in paths:
        pipeline.request(path, path.name)
    jobs = [p.job for p in pipeline.planned.values()]
    started = time.perf_counter()
    if workers == 1:
        results = [make_variants(j) for j in jobs]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(make_variants, jobs))
    assert not any(results), results
    return time.perf_counter() - started


def vips(paths: list[Path], root: Path, threads: str = "1", widths=(480, 960, 1600)) -> float:
    """vipsthumbnail, one call per width and format over all photos (its best case)."""
    out = root / "vips"
    out.mkdir(exist_ok=True)
    env = dict(os.environ, VIPS_CONCURRENCY=threads)
    started = time.perf_counter()
    for width in widths:
        for fmt in ("webp[Q=80,strip]", "jpg[Q=82,strip,optimize_coding,interlace]"):
            subprocess.run(
                [
                    "vipsthumbnail",
                    *map(str, paths),
                    "-s",
                    f"{width}x",
                    "-o",
                    f"{out}/%s_{width}.{fmt}",
                ],
                check=True,
                env=env,
            )
    return time.perf_counter() - started


def rebuild_ratio(paths: list[Path], root: Path) -> tuple[float, float]:
    post = "---\ntitle: Post {i}\ndescription: d\n---\n\nSome text about the build.\n\n{images}\n"
    sites = {}
    for name, with_images in (("photos", True), ("text", False)):
        site = root / name
        (site / "content/posts").mkdir(parents=True)
        (site / "content/images").mkdir()
        for p in paths:
            shutil.copy(p, site / "content/images" / p.name)
        for i in range(4):
            images = "\n".join(f'![Photo {p.stem}](/images/{p.name} "{p.stem}")' for p in paths)
            (site / f"content/posts/2020-01-0{i + 1}-p{i}.md").write_text(
                post.format(i=i, images=images if with_images else ""), encoding="utf-8"
            )
        sites[name] = site
    overrides = {
        name: {
            "PATH": str(site / "content"),
            "OUTPUT_PATH": str(site / "output"),
            "CACHE_PATH": str(site / "cache"),
            "BUILDLOG_CACHE_PATH": str(site / "cache"),
        }
        for name, site in sites.items()
    }
    for settings in overrides.values():
        build_site(REPO / "pelicanconf.py", settings)  # first build fills the cache
    runs: dict[str, list[float]] = {name: [] for name in sites}
    # Interleaved, so a slow patch of a busy machine hits both sides alike.
    for _ in range(15):
        for name, settings in overrides.items():
            started = time.perf_counter()
            result = build_site(REPO / "pelicanconf.py", settings)
            runs[name].append(time.perf_counter() - started)
            assert not result.errors, result.errors
    return statistics.median(runs["photos"]), statistics.median(runs["text"])


def real_photos(folder: Path, into: Path) -> list[Path]:
    """Copies of the photos in ``folder`` (the originals are never touched)."""
    into.mkdir()
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() in PHOTO_SUFFIXES)
    for path in found:
        shutil.copy(path, into / path.name)
    return [into / p.name for p in found]


def main() -> None:
    arg = sys.argv[1] if len(sys.argv) > 1 else "8"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = (
            make_photos(root, int(arg)) if arg.isdigit() else real_photos(Path(arg), root / "real")
        )
        count = len(paths)
        megapixels = statistics.median(w * h / 1e6 for w, h in (Image.open(p).size for p in paths))
        ms = lambda seconds: seconds * 1000 / count  # noqa: E731
        serial = ours(paths, root, 1)
        reference = vips(paths, root)
        cores = os.cpu_count() or 1
        threaded = vips(paths, root, str(cores))
        parallel = ours(paths, root, cores)
        print(
            f"{count} photos, median {megapixels:.1f} MP, widths 480/960/1600, WebP q80 + JPEG q82 each"
        )
        print(f"ours, 1 worker:          {ms(serial):7.1f} ms/photo (+ stripped full size)")
        print(
            f"vipsthumbnail, 1 thread: {ms(reference):7.1f} ms/photo  "
            f"-> ours/vips = {serial / reference:.2f}x"
        )
        print(f"vipsthumbnail, {cores} threads: {ms(threaded):5.1f} ms/photo")
        print(
            f"ours, {cores} workers:         {ms(parallel):7.1f} ms/photo  "
            f"-> speed-up {serial / parallel:.2f}x"
        )
        photos, text = rebuild_ratio(paths, root)
        print(
            f"unchanged rebuild: {photos * 1000:.0f} ms with photos vs {text * 1000:.0f} ms "
            f"text-only -> {photos / text:.2f}x"
        )


if __name__ == "__main__":
    main()
