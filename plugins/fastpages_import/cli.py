"""``invoke import-fastpages PATH``: copy a fastpages blog in, then build it once to
report, file by file, what came over cleanly, with warnings, or not at all.

Nothing in the site is ever overwritten. Old addresses keep working: each imported
post gets ``permalink:`` set to the URL Jekyll gave it (the post is served there, so
links and search results pointing at it stay valid, without redirect pages).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from invoke import Exit

from plugins._shared.errors import ContentError, display_path
from plugins._shared.sitebuild import build_site
from plugins.front_matter.parse import parse_front_matter
from plugins.notebooks.front import notebook_front
from plugins.notebooks.parse import load_notebook

from . import config as site_config
from .jekyll import add_notebook_permalink, add_permalink, post_url
from .word import WordError, convert_docx

ROOT = Path(__file__).resolve().parents[2]
POSTS = ("*.md", "*.markdown")
SKIPPED_IMAGE_DIRS = {"copied_from_nb"}  # fastpages' own copies of notebook folders


@dataclass
class Report:
    converted: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: dict[Path, list[str]] = field(default_factory=dict)
    problems: dict[Path, list[str]] = field(default_factory=dict)
    other: list[str] = field(default_factory=list)
    settings: list[site_config.Change] = field(default_factory=list)
    images: int = 0

    def skip(self, path: Path | str, why: str) -> None:
        self.skipped.append((str(path), why))


def import_fastpages(
    source: str | Path, site: Path = ROOT, *, check: bool = True, overrides: dict | None = None
) -> Report:
    """Import the fastpages repository ``source`` into ``site``; print the report."""
    source = Path(source).expanduser()
    if not (source / "_config.yml").is_file() and not (source / "_posts").is_dir():
        raise Exit(f"{source} is not a fastpages repository (no _config.yml or _posts/)", code=2)
    content, report = site / "content", Report()
    settings = _read_config(source / "_config.yml", report)
    pattern = settings.pop("permalink", None)
    _posts(source / "_posts", content / "posts", pattern, report)
    _notebooks(source / "_notebooks", content / "posts", pattern, report)
    _word(source / "_word", content, pattern, report)
    _pages(source / "_pages", content / "pages", report)
    report.images += _copy_tree(source / "images", content / "images", report)
    report.settings = site_config.apply(site, site_config.settings_from(settings))
    if check and report.converted:
        _check(site, report, overrides or {})
    print(format_report(report, source))
    return report


def _read_config(path: Path, report: Report) -> dict:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        report.skip(path.name, f"not valid YAML, settings not imported: {error}")
        return {}
    return dict(data) if isinstance(data, dict) else {}


def _write_new(target: Path, text: str, report: Report, note: str = "") -> None:
    """Create ``target``; an existing file is skipped, never replaced."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        report.skip(display_path(target), "already exists (never overwritten)")
        return
    report.converted.append(target)
    if note:
        report.notes.setdefault(target, []).append(note)


def _posts(folder: Path, target: Path, pattern, report: Report) -> None:
    for path in sorted(p for glob in POSTS for p in (folder.glob(glob) if folder.is_dir() else ())):
        text = path.read_text(encoding="utf-8")
        try:
            values = parse_front_matter(text).values
        except ContentError as error:
            values = {}
            report.other.append(f"_posts/{path.name}:{error.line}: {error.message}")
        url = post_url(path.name, values, pattern)
        changed = add_permalink(text, url) if url else None
        note = f"permalink {url} (its fastpages address)" if changed else ""
        _write_new(target / (path.stem + ".md"), changed or text, report, note)


def _notebooks(folder: Path, target: Path, pattern, report: Report) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.ipynb")):
        text, note = path.read_text(encoding="utf-8"), ""
        try:
            nb = load_notebook(text)
            url = post_url(path.name, notebook_front(nb.cells, nb.metadata).values, pattern)
        except ContentError:
            url = None  # copied as is: the build reports what is wrong with it
        if url:
            data = json.loads(text)
            cell = data["cells"][0]
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if (changed := add_notebook_permalink(source, url)) is not None:
                cell["source"] = changed.splitlines(keepends=True)
                text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
                note = f"permalink {url} (its fastpages address)"
        _write_new(target / path.name, text, report, note)
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and p.name[0] not in "._"):
        report.images += _copy_tree(sub, target / sub.name, report)


def _word(folder: Path, content: Path, pattern, report: Report) -> None:
    for path in sorted(folder.glob("*.docx")) if folder.is_dir() else ():
        target = content / "posts" / (path.stem + ".md")
        if target.exists():
            report.skip(display_path(target), "already exists (never overwritten)")
            continue
        try:
            convert_docx(path, content, target, post_url(path.name, {}, pattern))
        except WordError as error:
            report.skip(f"_word/{path.name}", str(error))
            continue
        report.converted.append(target)
        report.notes.setdefault(target, []).append("converted from Word by pandoc")


def _pages(folder: Path, target: Path, report: Report) -> None:
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.suffix.lower() in (".md", ".markdown"):
            _write_new(target / (path.stem + ".md"), path.read_text(encoding="utf-8"), report)
        elif path.is_file():
            report.skip(
                f"_pages/{path.name}",
                "not Markdown: a Jekyll page (buildlog makes its own tags, search and 404 pages)",
            )


def _copy_tree(source: Path, target: Path, report: Report) -> int:
    """Copy files that are not there yet; returns how many were copied."""
    copied = 0
    for path in sorted(source.rglob("*")) if source.is_dir() else ():
        rel = path.relative_to(source)
        if not path.is_file() or rel.parts[0] in SKIPPED_IMAGE_DIRS:
            continue
        if (target / rel).exists():
            report.skip(display_path(target / rel), "already exists (never overwritten)")
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target / rel)
        copied += 1
    return copied


def _check(site: Path, report: Report, overrides: dict) -> None:
    """Build once into a temporary folder; file each warning under its post."""
    with tempfile.TemporaryDirectory() as output:
        result = build_site(
            site / "pelicanconf.py",
            {"PATH": str(site / "content"), "OUTPUT_PATH": output, **overrides},
        )
    names = {p: (str(p), display_path(p)) for p in report.converted}
    for message in result.errors + result.warnings:
        owner = next(
            (p for p, forms in names.items() if any(message.startswith(f + ":") for f in forms)),
            None,
        )
        if owner is None:
            report.other.append(message)
        else:
            report.problems.setdefault(owner, []).append(message)


def format_report(report: Report, source: Path) -> str:
    clean = [p for p in report.converted if p not in report.problems]
    lines = [
        f"Imported {source} ({report.images} image files copied)",
        "",
        f"converted ({len(clean)}):",
    ]
    lines += [
        f"  {display_path(p)}" + "".join(f"  [{n}]" for n in report.notes.get(p, [])) for p in clean
    ]
    lines += ["", f"converted with warnings ({len(report.problems)}):"]
    for path, messages in report.problems.items():
        lines += [f"  {display_path(path)}"] + [f"    {m}" for m in messages]
    lines += ["", f"skipped ({len(report.skipped)}):"]
    lines += [f"  {path}: {why}" for path, why in report.skipped]
    lines += ["", "settings:"]
    lines += [
        f"  {c.file}: {c.key} = {c.value!r}" if c.done else f"  {c.file}: {c.key} not set ({c.why})"
        for c in report.settings
    ]
    if report.other:
        lines += ["", "other problems the build found:"] + [f"  {m}" for m in report.other]
    return "\n".join(lines)
