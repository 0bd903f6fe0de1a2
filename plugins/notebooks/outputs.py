"""What a code cell's outputs become on a static page. Pure: output dicts in, data out.

From each output's bundle we keep the richest thing a page can show without running
code: a chart library's JSON becomes its data table (and its static image, if the
bundle has one); HTML (DataFrames) is sanitized; images are kept as bytes for the
photo pipeline; text and tracebacks lose their ANSI colour codes. Widgets and raw
JavaScript cannot run here: they leave a note saying so.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

from plugins._shared.errors import ContentError

from .charts import Chart, chart_from_html, plotly_chart, vega_chart
from .safe_html import clean_html

# ANSI escape sequences (colours, cursor moves): the same pattern nbconvert strips.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])")
MAX_TEXT_LINES = 400  # a runaway loop's output is cut, with a note saying how much
IMAGES = (("image/png", "png"), ("image/jpeg", "jpg"), ("image/svg+xml", "svg"))
WIDGET = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    "An interactive widget was here; widgets need a running Jupyter kernel, "
    "so this page leaves it out."
)
SCRIPT_NOTE = "A JavaScript output was left out: scripts from notebooks do not run on this site."


@dataclass(frozen=True)
class Output:
    """One thing to show. ``kind``: text, error, image, html, chart or note."""

    kind: str
    text: str = ""
    stream: str = ""
    data: bytes = b""
    ext: str = ""
    chart: Chart | None = None
    fallback: list = field(default_factory=list)  # a chart's static image, if any


def plain(text: str) -> str:
    """Text as a terminal would have left it: ANSI codes gone, ``\\r`` overwrites."""
    text = _ANSI.sub("", text)
    if "\r" in text:
        text = "\n".join(
            line.rsplit("\r", 1)[-1] if not line.endswith("\r") else line
            for line in text.replace("\r\n", "\n").split("\n")
        )
    return text


def _cut(text: str) -> str:
    lines = text.rstrip("\n").split("\n")
    if len(lines) <= MAX_TEXT_LINES:
        return "\n".join(lines)
    more = len(lines) - MAX_TEXT_LINES
    return "\n".join(lines[:MAX_TEXT_LINES] + [f"… {more} more lines not shown"])


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def read_outputs(outputs) -> list[Output]:
    """Outputs in order; consecutive stream outputs of one name join, as Jupyter shows."""
    result: list[Output] = []
    streams: list[str] = []  # raw text of the stream output being joined
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            name, text = output.get("name", "stdout"), _text(output.get("text"))
            if result and result[-1].kind == "text" and result[-1].stream == name and streams:
                result.pop()
                text = streams.pop() + text
            streams[:] = [text]
            result.append(Output("text", _cut(plain(text)), stream=name))
            continue
        streams.clear()
        if kind == "error":
            trace = "\n".join(_text(t) for t in output.get("traceback") or ())
            fallback = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
            result.append(Output("error", _cut(plain(trace) or fallback)))
        elif kind in ("execute_result", "display_data"):
            shown = from_bundle(dict(output.get("data") or {}))
            if shown is not None:
                result.append(shown)
    return result


def from_bundle(data: dict) -> Output | None:
    """The one representation of a rich output we show (None: nothing to show)."""
    if WIDGET in data:
        return Output("note", WIDGET_NOTE)
    images = [_image(data, mime, ext) for mime, ext in IMAGES if mime in data]
    chart = _chart(data)
    if chart is not None:
        return Output("chart", chart=chart, fallback=images[:1])
    if "text/html" in data:
        html = clean_html(_text(data["text/html"]))
        if html.strip():
            return Output("html", html)
    if images:
        return images[0]
    if "text/markdown" in data:
        return Output("markdown", _text(data["text/markdown"]))
    if "text/plain" in data:
        return Output("text", _cut(plain(_text(data["text/plain"]))))
    if "application/javascript" in data:
        return Output("note", SCRIPT_NOTE)
    return None


def _chart(data: dict) -> Chart | None:
    for mime, value in data.items():
        if mime.startswith("application/vnd.vegalite.") and isinstance(value, dict):
            return vega_chart(value)
        if mime == "application/vnd.plotly.v1+json" and isinstance(value, dict):
            return plotly_chart(value)
    if "text/html" in data:
        return chart_from_html(_text(data["text/html"]))
    return None


def _image(data: dict, mime: str, ext: str) -> Output:
    value = data[mime]
    if ext == "svg":
        return Output("image", data=_text(value).encode("utf-8"), ext=ext)
    try:
        raw = base64.b64decode("".join(_text(value).split()), validate=True)
    except (binascii.Error, ValueError):
        raise ContentError(
            f"an output image ({mime}) is not valid base64; "
            "run the cell again and save the notebook"
        ) from None
    return Output("image", data=raw, ext=ext)
