"""parts: golden HTML for the table and summary, escaping, CSV and JSON-LD."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from golden import assert_golden

from plugins.parts.parse import parse_build
from plugins.parts.render import build_csv, render_summary, render_table

CASES = Path(__file__).parent / "cases" / "parts" / "golden"
NAMES = sorted(p.stem for p in CASES.glob("*.yaml"))


def load(name: str):
    path = CASES / f"{name}.yaml"
    return parse_build(path.read_text(encoding="utf-8"), slug=name, path=str(path))


@pytest.mark.parametrize("name", NAMES)
def test_golden_table(name):
    html = str(render_table(load(name), "/site")) + "\n" + str(render_summary(load(name), "/site"))
    assert_golden(html, CASES / f"{name}.html")


def test_table_structure_and_links():
    soup = BeautifulSoup(str(render_table(load("basic"), "")), "html.parser")
    table = soup.select_one("table.parts-table")
    assert table.caption.get_text(" ", strip=True).startswith("Atlas")
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == [
        "Type",
        "Part",
        "Specs",
        "Qty",
        "Price",
    ]
    assert [td.get_text(strip=True) for td in table.select("tbody td.parts-table__type")] == [
        "CPU",
        "RAM",
        "Case",
        "psu",
    ]
    for link in table.select("a[href^=http]"):
        assert "noopener" in link["rel"] and "external" in link["rel"]
    total = table.select_one("tr.parts-table__total").get_text(" ", strip=True)
    assert total == "Total €386.90"  # 189 + 2 x 71.50 + 54.90, the case has no price
    assert soup.select_one(".parts__actions a")["href"] == "/builds/basic/parts.csv"


def test_power_row_shows_load_and_warns_above_threshold():
    ok = BeautifulSoup(str(render_table(load("basic"))), "html.parser")
    row = ok.select_one("tr.parts-table__power")
    assert "71 W / 400 W (18%)" in row.get_text(" ", strip=True).replace("\xa0", " ")
    assert not ok.select(".parts-warning")
    hot = BeautifulSoup(str(render_table(load("warnings"))), "html.parser")
    assert hot.select_one("tr.parts-table__power--warning")
    assert "700 W / 750 W (93%)" in hot.select_one("tr.parts-table__power").get_text(
        " ", strip=True
    ).replace("\xa0", " ")
    assert "load above 80%" in hot.select_one(".parts-warning").get_text(" ", strip=True)
    lenient = BeautifulSoup(str(render_table(load("warnings"), warn_load=95)), "html.parser")
    assert not lenient.select(".parts-warning")


def test_columns_with_nothing_in_them_are_left_out():
    def headers(yaml_text: str) -> list[str]:
        build = parse_build(yaml_text, slug="x", path="x.yaml")
        soup = BeautifulSoup(str(render_table(build)), "html.parser")
        return [th.get_text(strip=True) for th in soup.select("thead th")]

    assert headers((CASES / "nopsu.yaml").read_text()) == ["Type", "Part", "Specs", "Price"]
    bare = "name: x\nparts:\n  - {type: CPU, name: A}\n  - {type: Case, name: B}\n"
    assert headers(bare) == ["Type", "Part"]
    assert headers(bare.replace("name: B}", "name: B, quantity: 2}")) == ["Type", "Part", "Qty"]


def test_no_power_supply_is_a_visible_warning():
    soup = BeautifulSoup(str(render_table(load("nopsu"))), "html.parser")
    assert "no power supply" in soup.select_one(".parts-warning").get_text(" ", strip=True)


def test_everything_user_written_is_escaped():
    html = str(render_table(load("nopsu"))) + str(render_summary(load("nopsu")))
    soup = BeautifulSoup(html, "html.parser")
    assert [s.get("type") for s in soup.find_all("script")] == ["application/ld+json"]
    assert not soup.find("i") and not soup.find("b")
    assert (
        soup.select_one("tbody th").get_text(strip=True).startswith('<script>alert("x")</script>')
    )
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert "\\u003cscript\\u003e" in html  # inside JSON-LD too


def test_jsonld_is_item_list_of_products():
    soup = BeautifulSoup(str(render_table(load("basic"), "https://x.test")), "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "ItemList" and data["numberOfItems"] == 4
    first = data["itemListElement"][0]
    assert first["position"] == 1 and first["item"]["@type"] == "Product"
    assert first["item"]["offers"] == {"@type": "Offer", "priceCurrency": "EUR", "price": "189.00"}
    assert data["url"] == "https://x.test/builds/basic/"


def test_csv_has_every_part_and_a_total():
    rows = list(csv.reader(io.StringIO(build_csv(load("basic")))))
    assert rows[0][:5] == ["Type", "Part", "Quantity", "Unit price", "Line total"]
    assert rows[2][:6] == ["RAM", "Kingston 16 GB DDR4-2666 ECC", "2", "71.50", "143.00", "EUR"]
    assert rows[-1][:6] == ["Total", "", "", "", "386.90", "EUR"]


def test_csv_defuses_spreadsheet_formulas():
    build = parse_build(
        "name: x\nparts:\n  - {type: CPU, name: '=HYPERLINK(\"http://e\")'}\n",
        slug="x",
        path="x.yaml",
    )
    assert list(csv.reader(io.StringIO(build_csv(build))))[1][1].startswith("'=")
