"""What ``invoke check`` and ``invoke gh-pages`` do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from invoke import Exit

from plugins._shared import cli as site_cli
from plugins._shared.sitebuild import load_settings

from .feeds import check_xml
from .ghpages import DeployError, preflight, publish
from .linkcheck import check_links
from .problem import Problem, drop_ignored
from .validate import validate_html

ROOT = site_cli.ROOT


@dataclass(frozen=True)
class PublishSettings:
    """What the checks and the deploy read from the Pelican settings."""

    output: Path
    siteurl: str = ""
    cname: str = ""
    expected_xml: tuple[str, ...] = ()  # feeds and sitemap the settings promise
    ignore: tuple[str, ...] = ()  # PUBLISH_CHECK_IGNORE: regexes of problems to skip

    @classmethod
    def load(cls, settings_file: Path, output: str | Path | None = None) -> PublishSettings:
        s = load_settings(settings_file)
        expected = [s.get("FEED_ALL_ATOM"), s.get("FEED_ALL_RSS")]
        expected += [v for v in (s.get("TEMPLATE_PAGES") or {}).values() if v.endswith(".xml")]
        return cls(output=Path(output) if output else Path(s["OUTPUT_PATH"]),
                   siteurl=s.get("SITEURL", ""), cname=(s.get("CNAME") or "").strip(),
                   expected_xml=tuple(e for e in expected if e),
                   ignore=tuple(s.get("PUBLISH_CHECK_IGNORE") or ()))


def run_checks(settings: PublishSettings, *, html: bool = True) -> list[Problem]:
    """Every problem of the built site, sorted by file; ``html=False`` skips v.Nu."""
    out = settings.output
    problems = check_links(out, settings.siteurl)
    problems += check_xml(out, settings.siteurl, settings.expected_xml)
    if html:
        problems += validate_html(out)
    return sorted(set(drop_ignored(problems, settings.ignore)),
                  key=lambda p: (p.path, p.line or 0, p.message))


def check(output: str | None = None, *, settings_file: str = "publishconf.py",
          root: Path = ROOT) -> None:
    """Print each problem of the built site; exit 1 if there is any."""
    settings = PublishSettings.load(root / settings_file, output)
    if not (settings.output / "index.html").is_file():
        raise Exit(f"{settings.output} holds no built site: run `invoke preview` "
                   "(or `invoke build`) first", code=2)
    problems = run_checks(settings)
    for problem in problems:
        print(problem)
    if problems:
        raise Exit(f"check failed: {len(problems)} problem(s) in {settings.output}", code=1)
    print(f"check passed: {settings.output} (links, images, fragments, alt text, "
          "feeds, sitemap, HTML)")


def gh_pages(remote: str = "origin", branch: str = "gh-pages", *, root: Path = ROOT) -> str:
    """Build with publishconf.py --strict, check, then commit output/ to ``branch``
    with ghp-import and push it to ``remote``. Returns the published commit."""
    refuse = "gh-pages: nothing was published: "
    try:
        preflight(root, remote, branch)
    except DeployError as error:
        raise Exit(refuse + str(error), code=1) from None
    try:
        site_cli.build(str(root / "publishconf.py"), strict=True)
    except Exit as error:
        raise Exit(refuse + str(error.message), code=1) from None
    settings = PublishSettings.load(root / "publishconf.py")
    problems = run_checks(settings)
    if problems:
        raise Exit(refuse + f"{len(problems)} problem(s) found by the checks:\n  "
                   + "\n  ".join(map(str, problems)), code=1)
    try:
        sha = publish(root, settings.output, remote=remote, branch=branch, cname=settings.cname)
    except DeployError as error:
        raise Exit(refuse + str(error), code=1) from None
    print(f"published {sha[:12]} to {remote} {branch}"
          + (f" (custom domain {settings.cname})" if settings.cname else ""))
    return sha
