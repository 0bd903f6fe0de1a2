"""What ``invoke setup`` does: ask (or take as options) what makes the site yours,
write it into pelicanconf.py and publishconf.py, and take the demo out on request.

Asks only on a terminal, and only for what no option gave; elsewhere (a script,
CI) it changes exactly what the options say and keeps the rest.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from invoke import Exit

from plugins._shared.files import write_atomic
from plugins.publish.guards import placeholder_problem

from . import answers, demo
from .settings_file import SettingsFileError, read_values, rewritten

ROOT = Path(__file__).resolve().parents[2]
SITE_KEYS = ("SITENAME", "SITESUBTITLE", "AUTHOR", "SOCIAL_LINKS")
PUBLISH_KEYS = ("GITHUB_REPOSITORY", "SITE_ADDRESS", "CUSTOM_DOMAIN")


@dataclass(frozen=True)
class Site:
    """What setup writes: the yours-blocks of both settings files."""

    name: str
    subtitle: str
    author: str
    social: tuple[tuple[str, str], ...]
    repository: str
    domain: str
    address: str

    @classmethod
    def read(cls, root: Path) -> Site:
        own = read_values(root / "pelicanconf.py", SITE_KEYS)
        pub = read_values(root / "publishconf.py", PUBLISH_KEYS)
        return cls(
            own.get("SITENAME", ""),
            own.get("SITESUBTITLE", ""),
            own.get("AUTHOR", ""),
            tuple(tuple(p) for p in own.get("SOCIAL_LINKS", ())),
            pub.get("GITHUB_REPOSITORY", ""),
            pub.get("CUSTOM_DOMAIN", ""),
            pub.get("SITE_ADDRESS", ""),
        )

    def write(self, root: Path) -> None:
        """Both files or neither: each is rewritten in memory before either is saved."""
        texts = {
            "pelicanconf.py": {
                "SITENAME": self.name,
                "SITESUBTITLE": self.subtitle,
                "AUTHOR": self.author,
                "SOCIAL_LINKS": self.social,
            },
            "publishconf.py": {
                "GITHUB_REPOSITORY": self.repository,
                "SITE_ADDRESS": self.address,
                "CUSTOM_DOMAIN": self.domain,
            },
        }
        texts = {name: rewritten(root / name, values) for name, values in texts.items()}
        for name, text in texts.items():
            write_atomic(root / name, text)

    @property
    def published_at(self) -> str:
        return f"https://{self.domain}" if self.domain else self.address


Ask = Callable[[str], str]


def _value(option: str | None, current, parse, label: str, ask: Ask | None, flag: str):
    """The option's value, else the answer to a prompt, else ``current``."""
    if option is not None:
        try:
            return parse(option)
        except ValueError as error:
            raise Exit(f"{flag}: {error}", code=2) from None
    if ask is None:
        return current
    while True:
        shown = current if isinstance(current, str) else ""
        typed = ask(f"{label} [{shown}]: " if shown else f"{label}: ").strip()
        try:
            return parse(typed) if typed else current
        except ValueError as error:
            print(f"  {error}")


def _ask_social(current: tuple, ask: Ask) -> tuple[tuple[str, str], ...]:
    listed = ", ".join(f"{n}={u}" for n, u in current) or "none"
    print(f"Links to you elsewhere, shown in the footer (now: {listed}).")
    print("  One per line as Name=URL; an empty line keeps them, '-' removes them all.")
    links: list[tuple[str, str]] = []
    while True:
        typed = ask("  link: ").strip()
        if not typed:
            return tuple(links) or current
        if typed == "-":
            return ()
        try:
            links.append(answers.parse_social(typed))
        except ValueError as error:
            print(f"  {error}")


def gather(site: Site, options: dict, ask: Ask | None) -> Site:
    """``site`` with the options applied and, when ``ask`` is given, the questions answered."""
    name = _value(
        options.get("name"),
        site.name,
        lambda t: answers.parse_text(t, "the name"),
        "Site name",
        ask,
        "--name",
    )
    subtitle = _value(
        options.get("subtitle"),
        site.subtitle,
        lambda t: " ".join(t.split()),
        "One-line subtitle",
        ask,
        "--subtitle",
    )
    author = _value(
        options.get("author"),
        site.author,
        lambda t: answers.parse_text(t, "your name"),
        "Your name (bylines)",
        ask,
        "--author",
    )
    repository = _value(
        options.get("repo"),
        site.repository,
        answers.parse_repository,
        "GitHub repository (user/repository)",
        ask,
        "--repo",
    )
    domain = _value(
        options.get("domain"),
        site.domain,
        answers.parse_domain,
        "Custom domain (empty: user.github.io)",
        ask,
        "--domain",
    )
    social = site.social
    if options.get("social"):
        try:
            social = tuple(answers.parse_social(s) for s in options["social"])
        except ValueError as error:
            raise Exit(f"--social: {error}", code=2) from None
    elif ask is not None:
        social = _ask_social(site.social, ask)
    address = answers.site_address(repository) if repository else site.address
    return replace(
        site,
        name=name,
        subtitle=subtitle,
        author=author,
        social=social,
        repository=repository,
        domain=domain,
        address=address,
    )


def setup(
    *, options: dict, remove_demo: bool | None = None, root: Path = ROOT, ask: Ask | None = None
) -> Site:
    """Make the site yours; see the module docstring. Returns what was written."""
    if ask is None and sys.stdin.isatty():
        ask = input
    site = gather(Site.read(root), options, ask)
    present = demo.demo_files(root)
    if remove_demo is None and ask is not None and present.files:
        remove_demo = ask(
            f"Remove the demo build log ({present.describe(root)})? [y/N]: "
        ).strip().lower() in ("y", "yes")
    try:
        site.write(root)
    except SettingsFileError as error:
        raise Exit(f"setup: nothing was changed: {error}", code=1) from None
    removed = _take_out_demo(root) if remove_demo else []
    about = (
        demo.write_about(root, site.author, site.social)
        if remove_demo or demo.is_demo_about(root)
        else None
    )
    _report(site, removed, about.relative_to(root) if about else None)
    return site


def _take_out_demo(root: Path) -> list[Path]:
    gone = demo.remove_demo(root)
    output = root / "output"
    if output.is_dir():  # its pages would still be served by `invoke serve`
        shutil.rmtree(output)
    return gone


def _report(site: Site, removed: list[Path], about: Path | None) -> None:
    print(
        f"wrote pelicanconf.py: SITENAME={site.name!r}, AUTHOR={site.author!r}, "
        f"{len(site.social)} social link(s)"
    )
    print(f"wrote publishconf.py: the site will be published at {site.published_at}/")
    if removed:
        print(f"removed the demo: {len(removed)} file(s) (posts, builds, benchmarks, photos)")
    if about:
        print(f"wrote {about}: your About page (edit it as you like)")
    if placeholder_problem(site.published_at):
        print(
            "The address is still the kit's placeholder: run `invoke setup --repo "
            "user/repository` (or --domain) before you publish."
        )
    print("Next: invoke build serve, then commit (git add -A && git commit -m 'Make it mine').")
