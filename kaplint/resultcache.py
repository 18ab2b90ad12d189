"""Per-file results kept between runs, so re-linting an unchanged repository is nearly free.

A file's entry is keyed by everything its result depends on: its bytes, the
name it is reported under (which also picks its format and per-file settings),
the effective configuration and command-line choices, the rule packs (and the
files they name), the folder kaplint runs in, and the running kaplint and
Python. Change any of them and the key changes, so an entry is never stale,
only unused. Entries are written atomically, so concurrent runs sharing a
folder at worst both compute the same entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kaplint import cache
from kaplint.cache import canonical

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.engine import DocumentResult, Linter


class ResultCache:
    """Look up and store :class:`~kaplint.engine.DocumentResult` objects for one linter."""

    def __init__(self, linter: Linter) -> None:
        from kaplint.rulecache import dependencies

        rules = linter.index.rules
        self.run_key = cache.digest(
            "results",
            cache.code_fingerprint(),
            str(Path.cwd()),
            canonical(linter.config),
            canonical(linter.options),
            canonical(sorted(linter.selected)),
            canonical([rule.identity for rule in rules]),
            canonical(dependencies(list(rules))),
            canonical(_bundled_digests()),
        )

    def key(self, display: str, fmt: str, data: bytes) -> str:
        """The entry key for ``data`` reported as ``display`` in format ``fmt``."""
        return cache.digest(self.run_key, display, fmt, data)


def _entry_path(key: str) -> Path:
    return cache.settings.location() / "results" / key[:2] / f"{key[2:]}.pickle"


def fetch(key: str) -> DocumentResult | None:
    """The result stored under ``key``, or None."""
    from kaplint.engine import DocumentResult

    found = cache.read_entry(_entry_path(key))
    return found if isinstance(found, DocumentResult) else None


def store(key: str, result: DocumentResult) -> None:
    """Store ``result`` under ``key`` (best effort; workers call this too)."""
    cache.write_entry(_entry_path(key), result)


def _bundled_digests() -> list[tuple[str, str]]:
    """Hashes of the bundled rules folder's files (a shared vocabulary can change any rule's results)."""
    from kaplint.bundled import bundled_rules_dir

    folder = bundled_rules_dir()
    return [(path.relative_to(folder).as_posix(), cache.file_digest(path)) for path in sorted(folder.rglob("*")) if path.is_file()]
