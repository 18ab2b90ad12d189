"""A persistent cache of loaded, validated and compiled rule packs.

Compiling the bundled packs' regular expressions is most of a single-file
run's cost (about half a second); reading them back from this cache takes a
few tens of milliseconds. An entry is keyed by the contents of every pack file,
every file in the bundled rules folder (shared vocabularies, word lists), the
running kaplint and Python, and the folder the paths in reports are relative to.
Files that packs name in ``path`` parameters are recorded with their hashes in
the entry and checked before it is used. Only packs that loaded without
problems are cached, so every error message comes from a real load.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kaplint import cache
from kaplint.files import display_path

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.rulepacks import Rule


def _key(files: list[Path], bundled: Path) -> str:
    parts: list[bytes | str] = ["rules", cache.code_fingerprint(), str(Path.cwd())]
    for path in files:
        parts += [str(path.resolve()), display_path(path), cache.file_digest(path)]
    for path in sorted(item for item in bundled.rglob("*") if item.is_file()):
        parts += [path.as_posix(), cache.file_digest(path)]
    return cache.digest(*parts)


def dependencies(rules: list[Rule]) -> list[tuple[str, str]]:
    """(path, hash) of every file a rule names in a ``path`` parameter."""
    from kaplint.kinds import KINDS

    found: set[str] = set()
    for rule in rules:
        for key, spec in KINDS[rule.kind].params.items():
            value = rule.params.get(key)
            if spec.type == "path" and isinstance(value, str) and value:
                found.add(value)
    return [(path, cache.file_digest(Path(path))) for path in sorted(found)]


def _entry_path(key: str) -> Path:
    return cache.settings.location() / "rules" / f"{key}.pickle"


def load(files: list[Path], bundled: Path) -> tuple[list[Rule] | None, str | None]:
    """(cached rules or None, the key to store under); the key is None when caching is off."""
    if not cache.settings.enabled:
        return None, None
    try:
        key = _key(files, bundled)
    except OSError:
        return None, None
    entry: Any = cache.read_entry(_entry_path(key))
    if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], list)):
        return None, key
    recorded, rules = entry
    if any(cache.file_digest(Path(path)) != expected for path, expected in recorded):
        return None, key
    return rules, key


def store(key: str | None, rules: list[Rule]) -> None:
    """Save freshly loaded rules under ``key`` (from :func:`load`)."""
    if key is None:
        return
    cache.write_entry(_entry_path(key), (dependencies(rules), rules))
