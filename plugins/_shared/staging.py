"""Build a clean site beside the old one, and swap only when it is good.

``publishconf.py`` sets DELETE_OUTPUT_DIRECTORY so nothing stale is ever published.
Pelican deletes the folder before it reads a single post, so a failed
``invoke preview`` used to leave ``output/`` empty. Here the build goes to
``.output.building`` next to it; with no error it replaces ``output/`` (two renames),
with errors it is thrown away and ``output/`` stays the last good site (if there was
none, the new one is kept: every page but the broken ones is better than nothing).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

logger = logging.getLogger("buildlog")


def _beside(final: Path, tag: str) -> Path:
    return final.with_name(f".{final.name}.{tag}")


def staged_output(settings: dict) -> Path | None:
    """Point OUTPUT_PATH at an empty staging folder when the build starts clean;
    None (build in place) otherwise."""
    if not settings.get("DELETE_OUTPUT_DIRECTORY"):
        return None
    final = Path(settings["OUTPUT_PATH"])
    staging = _beside(final, "building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    settings["BUILDLOG_FINAL_OUTPUT"] = str(final)
    settings["OUTPUT_PATH"] = str(staging)
    return staging


def finish_staged(staging: Path, result, settings: dict) -> bool:
    """Swap ``staging`` into place if the build had no error or there is no site to
    keep (True); else drop it."""
    final = Path(settings["BUILDLOG_FINAL_OUTPUT"])
    settings["OUTPUT_PATH"] = str(final)
    if result.errors and final.is_dir() and any(final.iterdir()):
        shutil.rmtree(staging, ignore_errors=True)
        logger.info("%s kept as it was: the new build had errors", final)
        return False
    for name in settings.get("OUTPUT_RETENTION") or ():
        kept = final / name  # e.g. a .git folder the last site carried
        if kept.exists() and not (staging / name).exists():
            shutil.move(str(kept), staging / name)
    previous = _beside(final, "previous")
    shutil.rmtree(previous, ignore_errors=True)
    try:
        if final.exists():
            final.rename(previous)
        staging.rename(final)
    except OSError:  # output/ is a mount point or on another device: move the contents
        _replace_contents(staging, final)
    shutil.rmtree(previous, ignore_errors=True)
    return True


def _replace_contents(staging: Path, final: Path) -> None:
    final.mkdir(parents=True, exist_ok=True)
    for old in list(final.iterdir()):
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        else:
            old.unlink()
    for new in list(staging.iterdir()):
        shutil.move(str(new), final / new.name)
    shutil.rmtree(staging, ignore_errors=True)
