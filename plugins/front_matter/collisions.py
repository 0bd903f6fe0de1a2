"""Two sources never write one file: an address taken twice is an error naming both.

Pelican either aborts (``FileOverwriteFailedError``, half the site unwritten) or,
when one side set its address itself (``permalink: /``), silently replaces the other
page. Instead, once each kind of source is known, every output file gets one owner:

- generated pages (index, categories, tags, archives, feeds, sitemap, 404, and what
  plugins reserve, such as build pages and their CSV) always keep their address;
- between posts and pages, one whose address is derived keeps it over one that set it
  (``permalink``, ``save_as``, ``url``), then posts over pages, then by file name;
- static files come last.

Each loser is reported at the line that set its address and left out of the site
(lists, feeds, links) before Pelican groups posts into categories and tags.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from plugins._shared.context import build_context, front_matter_line
from plugins._shared.errors import ContentError, display_path, report

SERVICE = "front_matter.outputs"
ADDRESS_KEYS = ("permalink", "save_as", "url", "slug")
ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
PAGE_LISTS = (
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)
FEEDS = ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS")


def output_key(save_as: str) -> str:
    return posixpath.normpath(str(save_as).lstrip("/"))


def address(save_as: str) -> str:
    """``categories/index.html`` -> ``/categories/`` (as a reader types it)."""
    path = "/" + output_key(save_as)
    return (
        path[: -len("index.html")]
        if path.endswith("/index.html") or path == "/index.html"
        else path
    )


@dataclass
class Outputs:
    """Every output file of this build so far, with a description of its owner."""

    owners: dict[str, str] = field(default_factory=dict)

    def claim(self, save_as: str, who: str) -> None:
        if save_as:
            self.owners.setdefault(output_key(save_as), who)


def outputs_of(settings: dict) -> Outputs:
    return build_context(settings).services.setdefault(SERVICE, Outputs())


def _claim_generated(outputs: Outputs, settings: dict, articles: list) -> None:
    """The pages Pelican and our plugins generate, from settings and the posts."""
    for name in settings.get("DIRECT_TEMPLATES", ()):
        outputs.claim(settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"), f"the {name} page")
    for source, target in (settings.get("TEMPLATE_PAGES") or {}).items():
        outputs.claim(target, f"the {posixpath.basename(source)} page")
    for key in FEEDS:
        outputs.claim(settings.get(key) or "", "the site's feed")
    for save_as, who in build_context(settings).reserved_outputs.items():
        outputs.claim(save_as, who)
    for article in articles:
        for category in getattr(article, "categories", None) or [article.category]:
            outputs.claim(category.save_as, f"the category page '{category}'")
            for key in ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"):
                if settings.get(key):
                    outputs.claim(
                        str(settings[key]).format(slug=category.slug),
                        f"the feed of category '{category}'",
                    )
        for tag in getattr(article, "tags", ()):
            outputs.claim(tag.save_as, f"the tag page '{tag}'")
        for author in getattr(article, "authors", ()):
            outputs.claim(author.save_as, f"the author page '{author}'")
        for period in ("YEAR", "MONTH", "DAY"):
            if fmt := settings.get(f"{period}_ARCHIVE_SAVE_AS"):
                outputs.claim(fmt.format(date=article.date), f"the {period.lower()} archive")


def _set_by(content) -> str | None:
    return next((k for k in ADDRESS_KEYS if front_matter_line(content, k) is not None), None)


def _rank(content, kind: int) -> tuple:
    explicit = _set_by(content) in ("permalink", "save_as", "url")
    return explicit, kind, str(content.source_path)


def _lost(content, owner: str, save_as: str, noun: str) -> None:
    key = _set_by(content)
    line = front_matter_line(content, key) if key else 1
    if not owner.startswith("the "):  # another post or page
        fix = "give one of the two another address (permalink, slug or file name)"
    else:
        fix = f"change its {key}" if key else "rename the file or set a 'slug'"
    if output_key(save_as) == "index.html" and owner == "the index page":
        fix += " (to make a page the home page, remove 'index' from DIRECT_TEMPLATES)"
    report(
        ContentError(
            f"address {address(save_as)} is already that of {owner}; this {noun} "
            f"was not written: {fix}",
            path=display_path(content.source_path),
            line=line,
        )
    )


def _who(content) -> str:
    key = _set_by(content)
    line = front_matter_line(content, key) if key else 1
    return f"{display_path(content.source_path)}:{line}"


def settle(outputs: Outputs, contents: list[tuple[object, int]], noun: str) -> set[int]:
    """Claim each content's file in rank order; report and return the ids of those
    whose file is already owned."""
    lost: set[int] = set()
    for content, _kind in sorted(contents, key=lambda c: _rank(*c)):
        save_as = content.save_as
        if not save_as:
            continue
        owner = outputs.owners.get(output_key(save_as))
        if owner is not None:
            _lost(content, owner, save_as, noun)
            lost.add(id(content))
        else:
            outputs.claim(save_as, _who(content))
    return lost


def _drop(generator, lists: tuple[str, ...], lost: set[int]) -> None:
    """Take the lost items out of every list of ``generator`` (in place: the context
    holds the same lists) and out of the source-path index links are resolved by."""
    for name in lists:
        items = getattr(generator, name, None)
        if isinstance(items, list):
            items[:] = [c for c in items if id(c) not in lost]
            for content in items:
                content.translations = [t for t in content.translations if id(t) not in lost]
    generated = generator.context.get("generated_content", {})
    for key in [k for k, c in generated.items() if id(c) in lost]:
        del generated[key]


def _contents(generator, lists: tuple[str, ...], kind: int) -> list[tuple[object, int]]:
    seen: dict[int, tuple[object, int]] = {}
    for name in lists:
        for content in getattr(generator, name, None) or ():
            seen[id(content)] = (content, kind)
    return list(seen.values())


def check_articles(generator) -> None:
    """article_generator_pretaxonomy: posts against generated pages and each other."""
    outputs = outputs_of(generator.settings)
    _claim_generated(outputs, generator.settings, generator.articles)
    lost = settle(outputs, _contents(generator, ARTICLE_LISTS, 0), "post")
    if lost:
        _drop(generator, ARTICLE_LISTS, lost)
        outputs.owners.clear()  # a lost post's categories may be gone: claim again
        _claim_generated(outputs, generator.settings, generator.articles)
        settle(outputs, _contents(generator, ARTICLE_LISTS, 0), "post")


def check_pages(generator) -> None:
    """page_generator_finalized: pages against everything the posts left."""
    lost = settle(outputs_of(generator.settings), _contents(generator, PAGE_LISTS, 1), "page")
    if lost:
        _drop(generator, PAGE_LISTS, lost)


def check_statics(generator) -> None:
    """static_generator_finalized: a static file may not replace any page."""
    outputs = outputs_of(generator.settings)
    for static in list(generator.staticfiles):
        owner = outputs.owners.get(output_key(static.save_as))
        if owner is None:
            outputs.claim(static.save_as, display_path(static.source_path))
            continue
        generator.staticfiles.remove(static)
        report(
            ContentError(
                f"address {address(static.save_as)} is already that of {owner}; "
                "this file was not copied: rename or move it",
                path=display_path(static.source_path),
            )
        )
