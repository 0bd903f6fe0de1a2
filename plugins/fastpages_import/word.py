"""``_word/*.docx`` posts through pandoc, as fastpages converted them: the title from
the file name, images extracted under ``images/word/<slug>/``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from plugins._shared.files import write_atomic

_DATE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.+)$")
TIMEOUT = 120  # seconds for one document


class WordError(Exception):
    """Why a document was not converted (shown in the report)."""


def title_from(stem: str) -> str:
    m = _DATE.match(stem)
    return (m["slug"] if m else stem).replace("-", " ").replace("_", " ").strip()


def convert_docx(docx: Path, content: Path, target: Path, permalink: str | None) -> Path:
    """Write ``target`` (a Markdown post) from ``docx``; WordError says why not."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise WordError(
            "pandoc is not installed (apt-get install pandoc, or brew install "
            "pandoc), so this Word document was not converted"
        )
    slug = _DATE.sub(r"\g<slug>", docx.stem).lower()
    media = Path("images") / "word" / slug
    if (content / media).exists():
        raise WordError(f"content/{media.as_posix()} already exists (never overwritten)")
    try:
        done = subprocess.run(
            [
                pandoc,
                str(docx.resolve()),
                "-t",
                "gfm-raw_html",
                "--wrap=none",
                f"--extract-media={media.as_posix()}",
            ],
            cwd=content,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise WordError(f"pandoc took longer than {TIMEOUT} s") from None
    if done.returncode:
        raise WordError(f"pandoc could not read it: {done.stderr.strip()[:200]}")
    body = done.stdout.replace(f"]({media.as_posix()}/", f"](/{media.as_posix()}/")
    front = [f"title: {json.dumps(title_from(docx.stem))}", "layout: post"]
    if permalink:
        front.append(f"permalink: {json.dumps(permalink)}")
    write_atomic(target, "---\n" + "\n".join(front) + "\n---\n\n" + body)
    return target
