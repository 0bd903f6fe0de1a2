"""Notebooks for tests, made with nbformat the way Jupyter saves them (one JSON string
per source line), with real images in their outputs."""

from __future__ import annotations

import base64
import io
import json

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell
from PIL import Image, PngImagePlugin

SVG = (
    '<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
    'width="300pt" height="150pt" viewBox="0 0 300 150"><metadata><rdf>2020-01-01 '
    'Matplotlib v3.1.1</rdf></metadata><rect width="300" height="150" fill="#369"/></svg>'
)


def png_bytes(size=(640, 360), color=(200, 60, 40)) -> bytes:
    """A PNG carrying a text chunk, as matplotlib writes ('Software: matplotlib')."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "matplotlib version3.1.1, https://matplotlib.org/")
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def jpeg_bytes(size=(800, 600)) -> bytes:
    """A JPEG with an EXIF block holding a camera model."""
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera 3000"
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def image_output(mime: str, data: str, text: str = "<Figure size 640x360 with 1 Axes>"):
    return new_output("display_data", data={mime: data, "text/plain": text})


def fastpages_front(title="A notebook post", description="What it shows.", keys=()) -> str:
    lines = [f"# {title}", f"> {description}", ""] + [f"- {k}" for k in keys]
    return "\n".join(lines)


def notebook(*cells, metadata=None) -> str:
    """The file text of a notebook with ``cells``, as Jupyter writes it."""
    nb = new_notebook(
        cells=list(cells),
        metadata=metadata
        or {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    return nbformat.writes(nb) + "\n"


def line_of(text: str, needle: str) -> int:
    """The 1-based file line holding the JSON-encoded ``needle``."""
    encoded = json.dumps(needle)[1:-1]
    return next(i for i, line in enumerate(text.splitlines(), 1) if encoded in line)


__all__ = ["new_code_cell", "new_markdown_cell", "new_output", "new_raw_cell"]
