"""Cleaned feed entries kept by the HTML they were cleaned from.

The same post HTML gives the same cleaned HTML, as long as buildlog's code is the
same: entries are keyed by the SHA-256 of the HTML, and the whole file by the content
cache's fingerprint (code, libraries, settings). A build keeps only the entries it
used, so the file never outgrows the site.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from plugins._shared.contentcache import content_cache
from plugins._shared.context import build_context
from plugins._shared.files import write_atomic

from .clean import clean_feed_html

SERVICE = "feeds"


@dataclass
class CleanedEntries:
    file: Path | None
    fingerprint: str = ""
    known: dict[str, str] = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_build(cls, settings: dict) -> CleanedEntries:
        """Loaded from the content cache's folder; kept in memory only when the
        content cache is off."""
        cache = content_cache(build_context(settings))
        if cache is None:
            return cls(None)
        memo = cls(cache.folder / "feeds" / "cleaned.json", cache.fingerprint)
        try:
            saved = json.loads(memo.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return memo
        if isinstance(saved, dict) and saved.get("fingerprint") == memo.fingerprint:
            memo.known = dict(saved.get("entries") or {})
        return memo

    def clean(self, html: str) -> str:
        key = hashlib.sha256(html.encode()).hexdigest()
        cleaned = self.used.get(key) or self.known.get(key)
        if cleaned is None:
            cleaned = clean_feed_html(html)
        self.used[key] = cleaned
        return cleaned

    def save(self) -> None:
        if self.file is not None and self.used != self.known:
            doc = {"fingerprint": self.fingerprint, "entries": self.used}
            write_atomic(self.file, json.dumps(doc), durable=False)
