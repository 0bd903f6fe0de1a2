"""What ``invoke check`` and ``invoke gh-pages`` do."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from invoke import Exit

from plugins._shared import cli as site_cli
from plugins._shared.buildinfo import MARKER, BuildInfo, read_build_info
from plugins._shared.sitebuild import load_settings

from .feeds import check_xml
from .ghpages import DeployError, head_commit, preflight, publish, remote_url
from .guards import (
    build_inputs,
    dirty_problem,
    placeholder_problem,
    repository_problem,
    uncommitted,
)
from .linkcheck import check_links
from .problem import Problem, drop_ignored
from .validate import validate_html

ROOT = site_cli.ROOT
_REBUILD = {"publishconf.py": "invoke preview", "pelicanconf.py": "invoke build"}


@dataclass(frozen=True)
class PublishSettings:
    """What the checks read: the output folder and the settings that built it."""

    output: Path
    siteurl: str = ""
    cname: str = ""
    expected_xml: tuple[str, ...] = ()  # feeds and sitemap the settings promise
    ignore: tuple[str, ...] = ()  # PUBLISH_CHECK_IGNORE: regexes of problems to skip

    @classmethod
    def of(cls, output: Path, info: BuildInfo) -> PublishSettings:
        return cls(
            output=output,
            siteurl=info.siteurl,
            cname=info.cname,
            expected_xml=info.expected_xml,
            ignore=info.ignore,
        )

    @classmethod
    def built(cls, output: Path) -> PublishSettings:
        """For ``output`` as its build marker says it was built (Exit when unknown)."""
        return cls.of(output, built_with(output))


def run_checks(settings: PublishSettings, *, html: bool = True) -> list[Problem]:
    """Every problem of the built site, sorted by file; ``html=False`` skips v.Nu."""
    out = settings.output
    problems = check_links(out, settings.siteurl)
    problems += check_xml(out, settings.siteurl, settings.expected_xml)
    if html:
        problems += validate_html(out)
    return sorted(
        set(drop_ignored(problems, settings.ignore)), key=lambda p: (p.path, p.line or 0, p.message)
    )


def built_with(output: Path, wanted: str | None = None) -> BuildInfo:
    """The settings that built ``output``; Exit with what to run when there is no
    build there, it left no marker, or it was built with other settings than ``wanted``."""
    if not (output / "index.html").is_file():
        raise Exit(
            f"{output} holds no built site: run `invoke build` (local) or "
            "`invoke preview` (production) first",
            code=2,
        )
    info = read_build_info(output)
    if info is None:
        raise Exit(
            f"{output} was not built by buildlog's tasks (no {MARKER}), so its "
            "settings are unknown: run `invoke preview` (production) or `invoke build`, "
            "then `invoke check`",
            code=2,
        )
    if wanted and Path(wanted).name != info.settings:
        fix = _REBUILD.get(Path(wanted).name, f"a build with {wanted}")
        raise Exit(
            f"{output} was built with {info.settings}, not {Path(wanted).name}: "
            f"run `{fix}` first, then `invoke check`",
            code=2,
        )
    return info


def check(
    output: str | None = None, *, settings_file: str | None = None, root: Path = ROOT
) -> None:
    """Print each problem of the built site; exit 1 if there is any."""
    folder = Path(output) if output else Path(load_settings(root / "pelicanconf.py")["OUTPUT_PATH"])
    info = built_with(folder, settings_file)
    problems = run_checks(PublishSettings.of(folder, info))
    for problem in problems:
        print(problem)
    built = (
        f"built with {info.settings} for {info.siteurl}/"
        if info.is_production
        else f"a local build ({info.settings}, links from /)"
    )
    if problems:
        raise Exit(f"check failed: {len(problems)} problem(s) in {folder}, {built}", code=1)
    print(
        f"check passed: {folder}, {built} (links, images, fragments, alt text, feeds, "
        "sitemap, HTML, CSS)"
    )
    if not info.is_production:
        print(
            "This checked the local build; check what you publish with: "
            "invoke preview && invoke check"
        )


def gh_pages(
    remote: str = "origin",
    branch: str = "gh-pages",
    *,
    allow_dirty: bool = False,
    root: Path = ROOT,
) -> str:
    """Build with publishconf.py --strict, check, then commit output/ to ``branch``
    with ghp-import and push it to ``remote``. Returns the published commit."""
    refuse = "gh-pages: nothing was published: "
    try:
        settings = load_settings(root / "publishconf.py")
    except Exception as error:  # a typo in the settings file: say so, no traceback
        raise Exit(
            f"{refuse}publishconf.py cannot be read: {type(error).__name__}: {error}", code=1
        ) from None
    try:
        dirty = _guard(root, remote, branch, settings, allow_dirty)
    except DeployError as error:
        raise Exit(refuse + str(error), code=1) from None
    siteurl = settings["SITEURL"]
    print(
        f"publishing {siteurl}/ to remote '{remote}' ({remote_url(root, remote)}), branch {branch}"
    )
    try:
        site_cli.build(str(root / "publishconf.py"), strict=True)
    except Exit as error:
        raise Exit(refuse + str(error.message), code=1) from None
    output = Path(settings["OUTPUT_PATH"])
    problems = run_checks(PublishSettings.of(output, built_with(output, "publishconf.py")))
    if problems:
        raise Exit(
            refuse
            + f"{len(problems)} problem(s) found by the checks:\n  "
            + "\n  ".join(map(str, problems)),
            code=1,
        )
    try:
        with _set_aside(output / MARKER):
            sha = publish(
                root,
                output,
                remote=remote,
                branch=branch,
                cname=(settings.get("CNAME") or "").strip(),
                message=_message(root, dirty),
            )
    except DeployError as error:
        raise Exit(refuse + str(error), code=1) from None
    print(
        f"published {sha[:12]} to {remote} {branch}: {siteurl}/"
        + (f" (custom domain {settings['CNAME']})" if settings.get("CNAME") else "")
    )
    return sha


def _guard(root: Path, remote: str, branch: str, settings: dict, allow_dirty: bool) -> list[str]:
    """Raise DeployError for each reason not to publish; return the uncommitted
    files that ``allow_dirty`` lets through."""
    problem = placeholder_problem(settings["SITEURL"]) or repository_problem(
        remote, remote_url(root, remote), settings.get("GITHUB_REPOSITORY") or ""
    )
    if problem:  # both before preflight: it contacts the remote
        raise DeployError(problem)
    preflight(root, remote, branch)
    dirty = uncommitted(root, build_inputs(root, settings))
    if dirty and not allow_dirty:
        raise DeployError(dirty_problem(dirty))
    return dirty


def _message(root: Path, dirty: list[str]) -> str:
    message = f"Publish site from {head_commit(root)[:12]}"
    if dirty:
        message += f" plus {len(dirty)} uncommitted file(s) (--allow-dirty)\n\n" + "\n".join(dirty)
    return message


@contextlib.contextmanager
def _set_aside(path: Path):
    """Keep ``path`` out of the folder while it is published, then put it back."""
    if not path.is_file():
        yield
        return
    fd, kept = tempfile.mkstemp(prefix=".buildlog-marker-", dir=path.parent.parent)
    os.close(fd)
    os.replace(path, kept)
    try:
        yield
    finally:
        os.replace(kept, path)
