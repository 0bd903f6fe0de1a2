"""``invoke parts-import``: a PCPartPicker export -> ``content/builds/<name>.yaml``."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from invoke import Exit

from plugins._shared.errors import ContentError, display_path

from .parse import parse_build
from .pcpartpicker import ImportedList, parse_export

ROOT = Path(__file__).resolve().parents[2]
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def to_yaml(imported: ImportedList, title: str, currency: str) -> str:
    """The build file's text, in the documented key order."""
    parts = []
    for part in imported.parts:
        entry: dict = {"type": part.type, "name": part.name}
        if part.quantity > 1:
            entry["quantity"] = part.quantity
        if part.price is not None:
            entry["price"] = float(part.price)
        if part.capacity:
            entry["capacity"] = part.capacity
        if part.link:
            entry["link"] = part.link
        notes = [
            n for n in (part.note, "price paid (Purchased For)" if part.purchased else "") if n
        ]
        if notes:
            entry["note"] = "; ".join(notes)
        parts.append(entry)
    data = {"name": title, "currency": currency, "parts": parts}
    header = (
        "# Imported from a PCPartPicker export. Add power: (watts) to parts for a power budget.\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def parts_import(
    file: str, name: str, *, title: str = "", currency: str = "", content: Path | None = None
) -> Path:
    """Convert ``file``; refuse to overwrite; list every row that could not be read."""
    if not _NAME.match(name or ""):
        raise Exit(
            f"--name must be a build name such as prometheus (a-z, 0-9, - and _), got {name!r}",
            code=2,
        )
    source = Path(file)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Exit(f"cannot read {file}: {error}", code=1) from None
    target = (content or ROOT / "content") / "builds" / f"{name}.yaml"
    if target.exists():
        raise Exit(
            f"{display_path(target)} already exists; pick another --name or delete it first", code=1
        )
    imported = parse_export(text)
    for problem in imported.problems:
        place = f"{display_path(source)}:{problem.line}" if problem.line else display_path(source)
        print(f"{place}: {problem.reason}" + (f": {problem.row}" if problem.row else ""))
    if not imported.parts:
        raise Exit(
            f"no part rows found in {file}: expected a PCPartPicker markdown table "
            "(Type|Item|Price) or HTML export (table.pcpp-part-list)",
            code=1,
        )
    code = (currency or imported.currency or "USD").upper()
    text = to_yaml(imported, title or name.replace("-", " ").replace("_", " ").title(), code)
    try:
        parse_build(text, slug=name, path=display_path(target))
    except ContentError as error:  # our own output must always load: a bug if not
        raise Exit(f"import produced an invalid build file: {error}", code=1) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never clobber a build
        handle.write(text)
    skipped = f", {len(imported.problems)} problem(s) above" if imported.problems else ""
    print(f"wrote {display_path(target)}: {len(imported.parts)} part(s) in {code}{skipped}")
    return target
