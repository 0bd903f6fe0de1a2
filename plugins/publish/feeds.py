"""Feeds and the sitemap: present, well-formed XML, and every page they name exists."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from .linkcheck import SiteAddress, site_path
from .problem import Problem, shown_path, site_files

_ATOM = "{http://www.w3.org/2005/Atom}"
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def check_xml(output: Path, siteurl: str = "", expected: tuple[str, ...] = ()) -> list[Problem]:
    """Problems with the ``*.xml`` files of ``output``; ``expected`` lists the ones
    the settings promise (``feeds/all.atom.xml``, ``sitemap.xml``)."""
    address = SiteAddress.from_siteurl(siteurl)
    problems = [
        Problem(f"output/{name}", None, "missing (the settings ask for it)")
        for name in expected
        if not (output / name).is_file()
    ]
    for file in site_files(output, (".xml",)):
        shown = shown_path(output, file)
        try:
            tree = ET.parse(file)
        except ET.ParseError as error:
            problems.append(Problem(shown, error.position[0], f"not well-formed XML: {error}"))
            continue
        for url in _page_urls(tree.getroot()):
            target, problem = site_path(url, "", address)
            if problem:
                problems.append(Problem(shown, None, f"{url}: {problem}"))
            elif target is not None and not _exists(output, target):
                problems.append(Problem(shown, None, f"{url}: no such file output/{target}"))
    return problems


def _page_urls(root: ET.Element) -> list[str]:
    """The page addresses a feed or sitemap lists (not the URLs inside entries' HTML)."""
    if root.tag == f"{_SITEMAP}urlset":
        return [(loc.text or "").strip() for loc in root.iter(f"{_SITEMAP}loc")]
    if root.tag == f"{_ATOM}feed":
        return [link.get("href", "") for link in root.iter(f"{_ATOM}link")]
    if root.tag == "rss":
        return [(link.text or "").strip() for link in root.iter("link")]
    return []


def _exists(output: Path, target: str) -> bool:
    file = output / target
    return file.is_file() or (file / "index.html").is_file()
