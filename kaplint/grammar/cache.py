"""A persistent cache of grammar results, so unchanged paragraphs are never checked twice.

Each entry is one small JSON file named by the SHA-256 of the engine's fingerprint and
the paragraph text. Files are written atomically (a temporary file, then a rename), so
two kaplint runs sharing the cache never see half an entry, and the last writer of an
identical entry simply wins. The cache is best effort: a folder that cannot be written
or a damaged entry costs a request, never a wrong result or a crash.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from kaplint.files import write_atomically
from kaplint.grammar.backend import GrammarIssue

CACHE_FORMAT = 1


def default_cache_folder() -> Path:
    """``KAPLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/kaplint``, else ``~/.cache/kaplint``."""
    configured = os.environ.get("KAPLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kaplint"


class GrammarCache:
    """Grammar results on disk, keyed by engine fingerprint and paragraph text."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / f"grammar-v{CACHE_FORMAT}" if folder is not None else None

    @staticmethod
    def key(fingerprint: str, text: str) -> str:
        digest = hashlib.sha256()
        digest.update(fingerprint.encode("utf-8"))
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[GrammarIssue] | None:
        """The stored issues, or None when there is no usable entry."""
        path = self._path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return [GrammarIssue.from_json(item) for item in data["issues"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, issues: list[GrammarIssue]) -> None:
        path = self._path(key)
        if path is None:
            return
        data = json.dumps({"issues": [issue.to_json() for issue in issues]}, ensure_ascii=False)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data.encode("utf-8"))
        except OSError:
            pass  # a read-only cache only costs speed
