"""Make the missing cache entries on every core, with a progress line, and report each
failure at every post line that uses the photo."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from plugins._shared.errors import ContentError, display_path, report

from .variants import make_variants

PROGRESS_OVER = 5  # show progress when more jobs than this are made


def make_all(todo: list, workers: int) -> set[str]:
    """Run ``make_variants`` for each Planned in ``todo``; return the failed sources' rels."""
    if not todo:
        return set()
    workers = min(workers, len(todo))
    jobs = [p.job for p in todo]
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor  # only when there is work

        with ProcessPoolExecutor(max_workers=workers) as pool:
            return _collect(todo, pool.map(make_variants, jobs))
    return _collect(todo, map(make_variants, jobs))


def _collect(todo: list, results: Iterator[str | None]) -> set[str]:
    from concurrent.futures.process import BrokenProcessPool

    failed = set()
    show = len(todo) > PROGRESS_OVER
    live = show and sys.stderr.isatty()
    total = sum(len(p.job.files()) for p in todo)
    made, broken = 0, ""
    for planned in todo:
        try:
            problem = broken or next(results)
        except BrokenProcessPool:  # a worker died (out of memory?): the rest fail too
            problem = broken = "could not be processed: a worker process stopped unexpectedly"
        made += len(planned.job.files())
        if live or (show and made == total):
            print(f"\rphotos: {made}/{total} variants", end="", file=sys.stderr, flush=True)
        if problem:
            failed.add(planned.job.source.rel)
            name = display_path(planned.job.path)
            for path, line in planned.places or [(name, None)]:
                report(ContentError(f"image {name} {problem}", path=path, line=line))
    if show:
        print(file=sys.stderr)
    return failed
