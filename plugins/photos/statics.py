"""Every file Pelican would copy from STATIC_PATHS (used by a post or not), taken from
its raw copy and published by us: cleaned, copied as text, or refused with an error
that names it (see ``formats.py`` for the table)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from plugins._shared.errors import ContentError, display_path, report

from .formats import is_text, kind_of, matches
from .publish import Pipeline


def take_static_files(generator, pipeline: Pipeline) -> None:
    """Empty Pelican's list of static files; plan each one ourselves."""
    for static in list(generator.staticfiles):
        generator.staticfiles.remove(static)
        rel = Path(static.relative_source_path).as_posix()
        path = pipeline.settings.content / rel
        try:
            _take(static, rel, path, pipeline)
        except ContentError as error:
            shown = display_path(path)
            report(ContentError(error.message.removeprefix(f"image {shown} "), path=shown))


def _take(static, rel: str, path: Path, pipeline: Pipeline) -> None:
    settings, kind = pipeline.settings, kind_of(rel)
    if kind == "litter" or path in pipeline.failed:
        return  # .DS_Store, Thumbs.db, ._*: never published; or reported by a post already
    real = path.resolve()
    if not real.is_relative_to(settings.content):
        raise ContentError(
            f"not published: it is a link to {real}, outside the content "
            "folder; copy the file into content/ instead"
        )
    save_as = Path(static.save_as).as_posix()
    if kind in ("image", "svg"):
        planned, _ = pipeline.request(path, display_path(path), variants=False, save_as=save_as)
        if planned.full_name != save_as:  # HEIC published as .jpg: {static} links follow
            static.override_save_as = static.override_url = planned.full_name
        return
    if (kind == "text" and is_text(path.read_bytes())) or matches(rel, settings.publish_as_is):
        pipeline.copies[settings.output / save_as] = path
        return
    raise ContentError(_refusal(rel, kind))


def _refusal(rel: str, kind: str) -> str:
    how = (
        "clean it (for example `exiftool -all= FILE`), then list it in "
        "STATIC_PUBLISH_AS_IS in pelicanconf.py"
    )
    if kind == "text":
        return (
            "not published: it holds binary data, not UTF-8 text, which buildlog cannot "
            f"check for hidden metadata; delete it if it is a leftover, or {how}"
        )
    suffix = PurePosixPath(rel).suffix or "extension-less"
    return (
        f"not published: buildlog cannot check {suffix} files for hidden metadata "
        "(GPS, names, edit history); delete it if it is a leftover, or " + how
    )
