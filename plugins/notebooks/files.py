"""The files this build's notebooks make: output images kept in the cache for the photo
pipeline, and (with the photos plugin off) files written straight into the output."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from plugins._shared.files import write_atomic

_CACHED = re.compile(r"^[0-9a-f]{16}\.[a-z]+$")  # <sha256 prefix>.<ext>, as cached() names


@dataclass
class NotebookFiles:
    cache: Path
    written: dict[str, bytes] = field(default_factory=dict)  # site path -> bytes
    used: set[str] = field(default_factory=set)

    def cached(self, name: str, data: bytes) -> Path:
        """``data`` as ``<cache>/<name>`` (written once: the name is its hash)."""
        path = self.cache / name
        if not path.is_file():
            write_atomic(path, data)
        self.used.add(name)
        return path

    def finish(self, output: Path) -> None:
        """Write the direct files; drop cached images no notebook used this build."""
        for rel, data in self.written.items():
            write_atomic(output / rel, data, durable=False)
        for path in self.cache.iterdir() if self.cache.is_dir() else ():
            if path.is_file() and _CACHED.match(path.name) and path.name not in self.used:
                path.unlink()
