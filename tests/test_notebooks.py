"""Notebook posts: front matter, every cell flag, every output type, markdown cells
through the same plugins as Markdown posts, errors at file:line with the cell."""

from __future__ import annotations

import io
import json

import pytest
from conftest import build, text_of, write_files
from notebook_files import (
    SVG,
    b64,
    fastpages_front,
    image_output,
    jpeg_bytes,
    line_of,
    new_code_cell,
    new_markdown_cell,
    new_output,
    new_raw_cell,
    notebook,
    png_bytes,
)
from PIL import Image

VEGA = {
    "$schema": "https://vega.github.io/schema/vega-lite/v4.json",
    "title": "Epoch time",
    "data": {"name": "d1"},
    "mark": "bar",
    "datasets": {"d1": [{"gpu": "RTX 2070", "seconds": 41.5}, {"gpu": "T4", "seconds": 68.2}]},
}
ALTAIR_HTML = (
    '<div id="altair-viz-1"></div><script type="text/javascript">(function(spec, embedOpt)'
    '{ vegaEmbed("#altair-viz-1", spec, embedOpt); })('
    + json.dumps(VEGA)
    + ', {"mode": "vega-lite"});</script>'
)
PLOTLY = {
    "data": [{"type": "scatter", "name": "loss", "x": [1, 2, 3], "y": [0.9, 0.5, 0.3]}],
    "layout": {"title": {"text": "Training loss"}},
}
DATAFRAME = (
    "<div><style scoped>.dataframe tbody tr th { vertical-align: top; }</style>"
    '<table border="1" class="dataframe"><thead><tr style="text-align: right;">'
    '<th></th><th>model</th></tr></thead><tbody><tr><th>0</th><td onclick="x()">'
    "ResNet-50</td></tr></tbody></table><script>alert(1)</script></div>"
)


def _flags_notebook() -> str:
    return notebook(
        new_markdown_cell(
            fastpages_front(
                "Cell flags", "Every fastpages flag.", ["toc:true", "categories: [gpu, notebooks]"]
            )
        ),
        new_code_cell(
            "#hide\nsecret_setup = 1",
            outputs=[new_output("stream", name="stdout", text="hidden output\n")],
        ),
        new_code_cell(
            "#hide_input\nprint('only the output')",
            outputs=[new_output("stream", name="stdout", text="output without its code\n")],
        ),
        new_code_cell(
            "#hide_output\nprint('only the code')",
            outputs=[new_output("stream", name="stdout", text="never shown\n")],
        ),
        new_code_cell("#collapse-hide\nimport torch  # folded, closed", outputs=[]),
        new_code_cell("# collapse-show\nmodel = 'folded, open'", outputs=[]),
        new_code_cell(
            "#collapse_output\nfor i in range(3): print(i)",
            outputs=[new_output("stream", name="stdout", text="0\n1\n2\n")],
        ),
        new_code_cell("#collapse\nx = 'collapse means closed'", outputs=[]),
        new_markdown_cell("## After the cells\n\nThe end."),
    )


def _outputs_notebook() -> str:
    return notebook(
        new_markdown_cell(fastpages_front("Every output", "Outputs of all kinds.")),
        new_code_cell(
            "print('a'); import sys; print('b', file=sys.stderr)",
            outputs=[
                new_output("stream", name="stdout", text="\x1b[32mgreen\x1b[0m text\n"),
                new_output("stream", name="stdout", text="epoch 1\r"),
                new_output("stream", name="stdout", text="epoch 2\n"),
                new_output("stream", name="stderr", text="a warning\n"),
            ],
        ),
        new_code_cell(
            "1/0",
            outputs=[
                new_output(
                    "error",
                    ename="ZeroDivisionError",
                    evalue="division by zero",
                    traceback=["\x1b[0;31mZeroDivisionError\x1b[0m: division by zero"],
                )
            ],
        ),
        new_code_cell(
            "#| fig-alt: A red rectangle\n#| fig-cap: Loss curve\nplot()",
            outputs=[image_output("image/png", b64(png_bytes()))],
        ),
        new_code_cell("photo()", outputs=[image_output("image/jpeg", b64(jpeg_bytes()))]),
        new_code_cell(
            "tree.plot()",
            outputs=[image_output("image/svg+xml", SVG, "<graphviz.Source at 0x7f00>")],
        ),
        new_code_cell(
            "df",
            outputs=[
                new_output(
                    "execute_result",
                    execution_count=1,
                    data={"text/html": DATAFRAME, "text/plain": "   model\n0  ResNet-50"},
                )
            ],
        ),
        new_code_cell(
            "chart",
            outputs=[
                new_output(
                    "display_data",
                    data={
                        "application/vnd.vegalite.v4+json": VEGA,
                        "text/plain": "<VegaLite 4 object>",
                    },
                )
            ],
        ),
        new_code_cell(
            "altair_chart",
            outputs=[
                new_output(
                    "execute_result",
                    execution_count=2,
                    data={"text/html": ALTAIR_HTML, "text/plain": "alt.Chart(...)"},
                )
            ],
        ),
        new_code_cell(
            "fig.show()",
            outputs=[
                new_output(
                    "display_data",
                    data={
                        "application/vnd.plotly.v1+json": PLOTLY,
                        "text/html": "<div>plotly</div>",
                    },
                )
            ],
        ),
        new_code_cell(
            "slider",
            outputs=[
                new_output(
                    "display_data",
                    data={
                        "application/vnd.jupyter.widget-view+json": {
                            "model_id": "abc",
                            "version_major": 2,
                        },
                        "text/plain": "IntSlider(value=0)",
                    },
                )
            ],
        ),
        new_code_cell(
            "%load_ext x",
            outputs=[
                new_output(
                    "display_data", data={"application/javascript": "document.body.remove()"}
                )
            ],
        ),
        new_code_cell(
            "Markdown('**bold** result')",
            outputs=[
                new_output(
                    "display_data",
                    data={"text/markdown": "**bold** result", "text/plain": "<Markdown>"},
                )
            ],
        ),
        new_code_cell(
            "print(big)",
            outputs=[
                new_output(
                    "stream", name="stdout", text="".join(f"line {i}\n" for i in range(1000))
                )
            ],
        ),
    )


def _plugins_notebook() -> str:
    return notebook(
        new_raw_cell(
            "---\ntitle: Markdown cells use every plugin\ndescription: Raw YAML front "
            "matter.\ncategories: [workstation]\nbadges: true\n---"
        ),
        new_markdown_cell("> **Note:** a callout in a markdown cell.\n\n> Warning: nbdev style"),
        new_markdown_cell("> “Measure twice.”\n― A. Builder"),
        new_markdown_cell(
            '![The logo](my_icons/logo.png "Our logo")\n\n![A shared photo](../images/shared.jpg)'
        ),
        new_markdown_cell(
            "Ship it :rocket: and see {% fn 1 %}.\n\n{{ 'A fastpages footnote.' | fndetail: 1 }}"
        ),
        new_code_cell("x = 1", outputs=[]),
        new_markdown_cell(
            "Pasted: ![pasted](attachment:shot.png)",
            attachments={"shot.png": {"image/png": b64(png_bytes((320, 200), (10, 120, 60)))}},
        ),
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("notebooks")
    write_files(
        root,
        {
            "content/posts/2021-01-01-flags.ipynb": _flags_notebook(),
            "content/posts/2021-01-02-outputs.ipynb": _outputs_notebook(),
            "content/posts/2021-01-03-plugins.ipynb": _plugins_notebook(),
            "content/posts/my_icons/logo.png": png_bytes((400, 200)),
            "content/images/shared.jpg": jpeg_bytes((1200, 800)),
            "content/posts/.ipynb_checkpoints/2021-01-01-flags-checkpoint.ipynb": _flags_notebook(),
            "content/pages/about.md": "---\ntitle: About\n---\nHi.\n",
        },
    )
    return build(root, NOTEBOOK_REPOSITORY="ada/build-log")


def test_builds_clean_and_ignores_checkpoints(site):
    assert site.result.clean, site.messages()
    assert not list(site.output.rglob("*checkpoint*"))


def test_fastpages_front_matter(site):
    page = site.html("2021/01/flags/")
    assert text_of(page.find("h1")) == "Cell flags"
    assert page.find("meta", attrs={"name": "description"})["content"] == "Every fastpages flag."
    assert [a.get_text() for a in page.select(".post-header .chips a")] == ["gpu", "notebooks"]
    assert page.select(".toc a")  # "- toc:true", written without a space, still counts
    assert "Cell flags" not in text_of(page.select_one(".post-body"))  # not shown twice


def test_cell_flags(site):
    body = site.html("2021/01/flags/").select_one(".post-body")
    text = text_of(body)
    assert "secret_setup" not in text and "hidden output" not in text  # #hide
    assert "only the output" not in text and "output without its code" in text  # #hide_input
    assert "only the code" in text and "never shown" not in text  # #hide_output
    folds = body.select("details.nb-fold")
    closed = [d for d in folds if "import torch" in d.get_text()][0]
    assert closed.get("open") is None and closed.summary.get_text() == "Code"
    opened = [d for d in folds if "folded, open" in d.get_text()][0]
    assert opened.get("open") is not None
    output = [d for d in folds if d.summary.get_text() == "Output"][0]
    assert "0\n1\n2" in output.select_one("pre.nb-output").get_text()
    assert "range(3)" not in output.get_text()  # the code stays outside the fold
    assert [d for d in folds if "collapse means closed" in d.get_text()][0].get("open") is None
    assert "#collapse" not in text and "#hide" not in text  # flag lines are not shown
    assert not body.find("script")


def test_text_and_error_outputs(site):
    body = site.html("2021/01/outputs/").select_one(".post-body")
    pres = body.select("pre.nb-output")
    assert "green text" in pres[0].get_text() and "\x1b" not in str(body)  # ANSI stripped
    assert "epoch 2" in pres[0].get_text() and "epoch 1" not in pres[0].get_text()  # \r
    assert "a warning" in body.select_one("pre.nb-stderr").get_text()
    assert "ZeroDivisionError: division by zero" in body.select_one("pre.nb-error").get_text()
    long = [p for p in pres if "line 0" in p.get_text()][0].get_text()
    assert "line 399" in long and "line 400\n" not in long and "600 more lines not shown" in long


def test_image_outputs_go_through_the_photo_pipeline(site):
    body = site.html("2021/01/outputs/").select_one(".post-body")
    figure = body.select_one("figure.photo")
    assert figure.figcaption.get_text(strip=True) == "Loss curve"
    image = figure.find("img")
    assert image["alt"] == "A red rectangle" and image["width"] and image["height"]
    assert figure.find("source", type="image/webp")["srcset"]
    pngs = list((site.output / "images" / "notebooks" / "outputs").glob("*.png"))
    assert len(pngs) == 1
    with Image.open(pngs[0]) as published:
        assert "Software" not in published.info  # matplotlib's text chunk is gone
    variants = list((site.output / "images" / "_v" / "notebooks" / "outputs").glob("*.webp"))
    assert len(variants) >= 2  # the PNG's and the JPEG's
    jpeg = next((site.output / "images" / "notebooks" / "outputs").glob("*.jpg"))
    with Image.open(jpeg) as published:
        assert 0x0110 not in published.getexif()  # the camera model is gone
    svg = body.find("img", src=lambda s: s and s.endswith(".svg"))
    assert (svg["width"], svg["height"]) == ("400", "200")  # 300pt x 150pt
    assert svg["alt"] == "Figure 1 made by notebook cell 6"  # the repr says nothing
    written = (site.output / svg["src"].lstrip("/")).read_text()
    assert "<metadata" not in written and "<rect" in written


def test_html_chart_widget_and_script_outputs(site):
    body = site.html("2021/01/outputs/").select_one(".post-body")
    frame = body.select_one("div.nb-html table.dataframe").parent.parent
    assert frame["tabindex"] == "0" and frame["role"] == "region"
    table = body.select_one("table.dataframe")
    assert table.get("border") is None and not body.find("style")
    assert not body.find("script") and "alert(1)" not in str(body)
    assert not table.find(attrs={"onclick": True}) and "ResNet-50" in table.get_text()
    charts = body.select("figure.nb-chart")
    assert len(charts) == 3  # Vega-Lite JSON, Altair's HTML, Plotly
    vega = charts[0]
    assert "Epoch time" in vega.figcaption.get_text() and "Vega-Lite" in vega.get_text()
    assert [th.get_text() for th in vega.select("th")] == ["gpu", "seconds"]
    assert [td.get_text() for td in vega.select("td")] == ["RTX 2070", "41.5", "T4", "68.2"]
    assert [td.get_text() for td in charts[1].select("td")][:2] == ["RTX 2070", "41.5"]
    assert (
        "Training loss" in charts[2].get_text() and charts[2].find("caption").get_text() == "loss"
    )
    notes = [n.get_text() for n in body.select("p.nb-note")]
    assert any("widget" in n for n in notes) and any("JavaScript" in n for n in notes)
    assert body.select_one("div.nb-html strong").get_text() == "bold"  # text/markdown


def test_markdown_cells_use_every_plugin(site):
    page = site.html("2021/01/plugins/")
    assert text_of(page.find("h1")) == "Markdown cells use every plugin"
    body = page.select_one(".post-body")
    kinds = [a["class"] for a in body.select("aside.callout")]
    assert kinds == [["callout", "note"], ["callout", "warning"]]
    assert body.select_one("figure.quote figcaption cite").get_text() == "A. Builder"
    logo = body.find("img", alt="The logo")
    assert "/images/_v/posts/my_icons/" in logo["src"] or "_v/" in logo["src"]
    assert body.find("img", alt="A shared photo")
    assert "🚀" in body.get_text() and body.select_one(".footnote li")
    pasted = body.find("img", alt="pasted")
    assert pasted and "notebooks/plugins/" in pasted["src"]


def test_badges_link_to_colab_github_and_binder(site):
    links = site.html("2021/01/plugins/").select(".nb-badges a")
    path = "content/posts/2021-01-03-plugins.ipynb"
    assert [(a.get_text(), a["href"]) for a in links] == [
        (
            "Open in Colab",
            f"https://colab.research.google.com/github/ada/build-log/blob/main/{path}",
        ),
        ("View on GitHub", f"https://github.com/ada/build-log/blob/main/{path}"),
        ("Launch Binder", f"https://mybinder.org/v2/gh/ada/build-log/main?labpath={path}"),
    ]
    assert not site.html("2021/01/flags/").select(".nb-badges")  # no badges: true


def test_problems_name_the_file_line_and_cell(make_site):
    broken = '{\n "cells": [\n  {"cell_type": "markdown", "source": ["# x"]\n ]\n}\n'
    text = notebook(
        new_markdown_cell(fastpages_front("Parts", "A tag in a cell.")),
        new_code_cell("x = 1"),
        new_markdown_cell("Intro line.\n{% parts nosuch %}"),
    )
    invalid = json.loads(notebook(new_markdown_cell("# Fine title")))
    del invalid["cells"][0]["source"]
    site = make_site(
        {
            "content/posts/2021-02-01-broken.ipynb": broken,
            "content/posts/2021-02-02-tag.ipynb": text,
            "content/posts/2021-02-03-invalid.ipynb": json.dumps(invalid, indent=1),
            "content/posts/2021-02-04-fine.md": "---\ntitle: Fine\n---\nStill built.\n",
        }
    )
    errors = "\n".join(site.result.errors)
    assert "2021-02-01-broken.ipynb:4:2: not a readable notebook" in errors
    line = line_of(text, "{% parts nosuch %}")
    assert f"2021-02-02-tag.ipynb:{line}: cell 3: unknown build 'nosuch'" in errors
    assert "2021-02-03-invalid.ipynb" in errors and "cell 1: not a valid notebook" in errors
    assert "Traceback" not in errors
    assert text_of(site.html("2021/02/fine/").select_one(".post-body")) == "Still built."
    assert not (site.output / "2021" / "02" / "broken").exists()


def test_notebook_metadata_gives_front_matter(make_site):
    text = notebook(
        new_markdown_cell("Body text only."),
        metadata={
            "title": "From metadata",
            "description": "Set in the notebook's metadata.",
            "authors": [{"name": "Ada Builder"}],
            "language_info": {"name": "python"},
        },
    )
    site = make_site({"content/posts/2021-03-01-meta.ipynb": text})
    assert site.result.clean, site.messages()
    page = site.html("2021/03/meta/")
    assert text_of(page.find("h1")) == "From metadata"
    assert "Ada Builder" in text_of(page.select_one(".post-header"))


def test_invalid_base64_image_is_an_error_at_the_cell(make_site):
    text = notebook(
        new_markdown_cell(fastpages_front("Bad image", "x")),
        new_code_cell("plot()", outputs=[image_output("image/png", "@@not base64@@")]),
    )
    site = make_site({"content/posts/2021-04-01-bad.ipynb": text})
    assert any("cell 2" in e and "not valid base64" in e for e in site.result.errors), (
        site.messages()
    )


def test_png_bytes_helper_writes_a_text_chunk():
    with Image.open(io.BytesIO(png_bytes())) as image:  # guards the stripping test above
        assert "Software" in image.info


def test_cached_output_images_are_pruned_when_the_notebook_changes(tmp_path):
    def write(color):
        write_files(
            tmp_path,
            {
                "content/posts/2021-05-01-plot.ipynb": notebook(
                    new_markdown_cell(fastpages_front("Plot", "One image.")),
                    new_code_cell(
                        "plot()", outputs=[image_output("image/png", b64(png_bytes(color=color)))]
                    ),
                )
            },
        )

    write((1, 2, 3))
    first = build(tmp_path)
    cache = tmp_path / "cache" / "notebooks"
    before = {p.name for p in cache.iterdir()}
    write((4, 5, 6))
    second = build(tmp_path)
    after = {p.name for p in cache.iterdir()}
    assert first.result.clean and second.result.clean, second.messages()
    assert len(before) == len(after) == 1 and before != after
    page = second.html("2021/05/plot/")
    assert next(iter(after)).split(".")[0] in page.select_one(".nb-outputs img")["src"]
