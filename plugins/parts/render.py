"""A build as HTML (table, summary), CSV and JSON-LD. Markup comes from Jinja
templates with autoescape on; the rest are plain data structures."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from markupsafe import Markup

from plugins._shared.render import Templates

from .model import Build, Part, summarize
from .money import format_price, plain_amount

BUILDS_URL = "builds/"


def build_url(slug: str, siteurl: str = "") -> str:
    return f"{siteurl}/{BUILDS_URL}{slug}/"


def _row(part: Part, currency: str) -> dict:
    return {
        "part": part,
        "price": format_price(part.line_total, currency) if part.price is not None else "",
        "each": format_price(part.price, currency)
        if part.price is not None and part.quantity > 1
        else "",
    }


@dataclass(frozen=True)
class Columns:
    """The optional columns that have something in them."""

    specs: bool
    qty: bool
    price: bool

    @property
    def count(self) -> int:
        return 2 + self.specs + self.qty + self.price


def columns(build: Build) -> Columns:
    """Specs only if a part has some, Qty only if a part is not single, Price only
    if a part has one: an empty column costs a phone a third of its width."""
    return Columns(
        specs=any(p.specs for p in build.parts),
        qty=any(p.quantity > 1 for p in build.parts),
        price=build.has_prices,
    )


def render_table(
    build: Build,
    siteurl: str = "",
    *,
    warn_load: int = 80,
    page_link: bool = True,
    templates: Templates | None = None,
) -> Markup:
    """The spec table with total, power budget, CSV link and JSON-LD."""
    power = build.power
    load = power.load_percent if power else None
    return (templates or Templates.default()).render(
        "parts/table.html",
        build=build,
        cols=columns(build),
        rows=[_row(p, build.currency) for p in build.parts],
        total=format_price(build.total, build.currency) if build.has_prices else "",
        power=power,
        load=load,
        warn_load=warn_load,
        power_warning=bool(power) and (load is None or load > warn_load),
        csv_url=build_url(build.slug, siteurl) + "parts.csv",
        page_url=build_url(build.slug, siteurl) if page_link else "",
        jsonld=jsonld(build, build_url(build.slug, siteurl)),
    )


def render_summary(
    build: Build, siteurl: str = "", *, templates: Templates | None = None
) -> Markup:
    return (templates or Templates.default()).render(
        "parts/summary.html",
        build=build,
        summary=summarize(build),
        page_url=build_url(build.slug, siteurl),
    )


def render_inline_summary(
    build: Build, siteurl: str = "", *, templates: Templates | None = None
) -> Markup:
    """The summary as a link inside a sentence."""
    return (templates or Templates.default()).render(
        "parts/inline_summary.html",
        build=build,
        summary=summarize(build),
        page_url=build_url(build.slug, siteurl),
    )


def render_inline_error(message: str, *, templates: Templates | None = None) -> Markup:
    """An error inside a sentence: a box would break the paragraph around it."""
    return (templates or Templates.default()).render("parts/inline_error.html", message=message)


def jsonld(build: Build, url: str) -> dict:
    """schema.org ``ItemList`` of ``Product``, one per part, in table order."""
    items = []
    for position, part in enumerate(build.parts, start=1):
        product: dict = {"@type": "Product", "name": part.name, "category": part.type}
        if part.link:
            product["url"] = part.link
        if part.price is not None:
            product["offers"] = {
                "@type": "Offer",
                "priceCurrency": build.currency,
                "price": plain_amount(part.price, build.currency),
            }
        if part.specs:
            product["additionalProperty"] = [
                {"@type": "PropertyValue", "name": label, "value": value}
                for label, value in part.specs
            ]
        items.append({"@type": "ListItem", "position": position, "item": product})
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": build.name,
        "url": url,
        "numberOfItems": len(items),
        "itemListElement": items,
    }


CSV_HEADER = (
    "Type",
    "Part",
    "Quantity",
    "Unit price",
    "Line total",
    "Currency",
    "Power (W)",
    "Specs",
    "Link",
    "Note",
)


def _cell(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: quote them."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def build_csv(build: Build) -> str:
    """The table's data as CSV (UTF-8, one row per part, a total row last)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for part in build.parts:
        priced = part.price is not None
        writer.writerow(
            [
                _cell(v)
                for v in (
                    part.type,
                    part.name,
                    str(part.quantity),
                    plain_amount(part.price, build.currency) if priced else "",
                    plain_amount(part.line_total, build.currency) if priced else "",
                    build.currency if priced else "",
                    f"{part.power.normalize():f}" if part.power is not None else "",
                    "; ".join(f"{label}: {value}" for label, value in part.specs),
                    part.link or "",
                    part.note_text,
                )
            ]
        )
    writer.writerow(
        [
            "Total",
            "",
            "",
            "",
            plain_amount(build.total, build.currency),
            build.currency,
            "",
            "",
            "",
            "",
        ]
    )
    return out.getvalue()
