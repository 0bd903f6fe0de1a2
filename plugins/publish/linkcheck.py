"""Every internal link, image, ``srcset`` candidate and ``#fragment`` of a built
site resolves to a file (and an ``id``) in the output folder.

Works on files, not over HTTP, and knows the site's address: with
``SITEURL = "https://me.github.io/blog"`` both ``https://me.github.io/blog/x/``
and ``/blog/x/`` mean ``output/x/index.html``, while ``/x/`` is outside the site
(the classic GitHub project-pages breakage) and is reported.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problem import Problem, shown_path, site_files

# Attributes that hold one URL, per tag.
_URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "source": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "object": ("data",),
}
_SRCSET_TAGS = ("img", "source")
# A <link> the browser fetches with the page (the rest, canonical or alternate, are
# only addresses); a, area and link-as-address are followed by people, not loaded.
_LOADED_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "prefetch",
}
_SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data", "about", "sms"}
_CSS_HTTP = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(http://[^"')\s]+)""", re.I)


@dataclass(frozen=True)
class Ref:
    line: int
    tag: str
    attr: str
    url: str
    loaded: bool  # fetched by the browser with the page: http:// is then an error

    def describe(self) -> str:
        return f'<{self.tag} {self.attr}="{self.url}">'


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    alt_missing: list[tuple[int, str]] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if "id" in found:
            self.scan.ids.add(found["id"])
        if tag == "a" and "name" in found:
            self.scan.ids.add(found["name"])
        loaded = tag not in ("a", "area", "link") or bool(
            _LOADED_RELS & set(found.get("rel", "").lower().split())
        )
        for attr in _URL_ATTRS.get(tag, ()):
            if attr in found:
                self.scan.refs.append(Ref(line, tag, attr, found[attr].strip(), loaded))
        if tag in _SRCSET_TAGS and "srcset" in found:
            for url in srcset_urls(found["srcset"]):
                self.scan.refs.append(Ref(line, tag, "srcset", url, True))
        if tag == "img" and "alt" not in found:
            self.scan.alt_missing.append((line, found.get("src", "")))

    handle_startendtag = handle_starttag


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a ``srcset`` (``a.jpg 480w, b.jpg 2x`` -> ``[a.jpg, b.jpg]``)."""
    urls = []
    for candidate in re.split(r",\s+|,$|^\s*,", srcset.strip()):
        words = candidate.split()
        if words:
            urls.append(words[0].rstrip(","))
    return urls


def scan_page(text: str) -> PageScan:
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.scan


@dataclass(frozen=True)
class SiteAddress:
    """Where the output folder lives on the web, from SITEURL."""

    host: str = ""
    base: str = ""  # "/blog" for a project site, "" at a domain's root

    @classmethod
    def from_siteurl(cls, siteurl: str) -> SiteAddress:
        parts = urlsplit(siteurl or "")
        return cls(parts.netloc.lower(), parts.path.rstrip("/"))


def site_path(url: str, page: str, address: SiteAddress) -> tuple[str | None, str]:
    """``(path in the output folder, problem)`` for ``url`` written in ``page``
    (both posix, relative to output). ``(None, "")``: external or not a file."""
    parts = urlsplit(url)
    if parts.scheme.lower() in _SKIPPED_SCHEMES:
        return None, ""
    path = unquote(parts.path)
    if parts.scheme or parts.netloc:
        path = path or "/"
        if (
            not address.host
            or parts.netloc.lower() != address.host
            or not _under(path, address.base)
        ):
            return None, ""  # another site (or another project on the same host)
    if path.startswith("/"):
        if not _under(path, address.base):
            return None, (
                f"root-relative URL outside the site's base path {address.base}/ "
                "(write it with {{ SITEURL }} or relative to the page)"
            )
        path = path[len(address.base) :] or "/"
        resolved = posixpath.normpath(path.lstrip("/") or ".")
    else:
        resolved = posixpath.normpath(
            posixpath.join(posixpath.dirname(page), path or posixpath.basename(page))
        )
    if resolved == ".." or resolved.startswith("../"):
        return None, "points outside the output folder"
    if path.endswith("/") or resolved == ".":
        resolved = posixpath.join(resolved, "index.html")
    return posixpath.normpath(resolved), ""


def _under(path: str, base: str) -> bool:
    return not base or path == base or path.startswith(base + "/")


def check_links(output: Path, siteurl: str = "") -> list[Problem]:
    """All link, image, srcset, fragment, alt and http:// problems of ``output``."""
    address = SiteAddress.from_siteurl(siteurl)
    pages = {
        p.relative_to(output).as_posix(): scan_page(p.read_text(encoding="utf-8"))
        for p in site_files(output, (".html", ".htm"))
    }
    problems = []
    for page, scan in pages.items():
        shown = shown_path(output, output / page)
        for ref in scan.refs:
            message = _check_ref(ref, page, output, pages, address)
            if message:
                problems.append(Problem(shown, ref.line, f"{ref.describe()}: {message}"))
        for line, src in scan.alt_missing:
            problems.append(
                Problem(
                    shown,
                    line,
                    f'<img src="{src}">: no alt attribute '
                    '(describe the image, or alt="" if it is decoration)',
                )
            )
    return problems + check_css(output)


def _check_ref(
    ref: Ref, page: str, output: Path, pages: dict[str, PageScan], address: SiteAddress
) -> str:
    if ref.loaded and ref.url.lower().startswith("http://"):
        return "insecure http:// subresource (browsers block it on an https:// page)"
    if not ref.url:
        if ref.attr == "href":
            return "empty link: it leads nowhere (in Markdown, [text]() has no address)"
        return "empty URL"
    target, problem = site_path(ref.url, page, address)
    if problem or target is None:
        return problem
    file = output / target
    if file.is_dir():  # GitHub Pages serves /x as /x/index.html
        target, file = posixpath.join(target, "index.html"), file / "index.html"
    if not file.is_file():
        return f"no such file output/{target}"
    fragment = unquote(urlsplit(ref.url).fragment)
    if fragment and fragment != "top" and target in pages and fragment not in pages[target].ids:
        return f'no element with id="{fragment}" in output/{target}'
    return ""


def check_css(output: Path) -> list[Problem]:
    """``url(http://...)`` and ``@import "http://..."`` in the site's stylesheets."""
    problems = []
    for sheet in site_files(output, (".css",)):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for match in _CSS_HTTP.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(
                Problem(
                    shown_path(output, sheet),
                    line,
                    f"{match.group(1)}: insecure http:// subresource",
                )
            )
    return problems
