"""A persistent cache of loaded, validated and compiled rule packs.

Compiling the bundled packs' regular expressions is most of a single-file
run's cost (about half a second); reading them back from this cache takes a
few tens of milliseconds. An entry is keyed by the contents of every pack file,
every file in the bundled rules folder (shared vocabularies, word lists), the
running kaplint and Python, and the folder the paths in reports are relative to.
Files that packs name in ``path`` parameters are recorded with their hashes in
the entry and checked before it is used. Only packs that loaded without
problems are cached, so every error message comes from a real load.

The rules' compiled parameters are stored as one blob of their own inside the
entry and decoded only when a rule is first checked (see
:class:`kaplint.rulepacks.CompiledTable`): reading the rules then imports none of
the kinds, which a run whose file results are all cached never needs.

Neither the entry nor the blob is compressed: every run that lints a file reads
both, and inflating some 3 MB of engine code took longer than reading it (a
checksum still turns a damaged entry into a miss). The entry is a few MB on disk.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from kaplint import cache
from kaplint.files import display_path
from kaplint.rulepacks import CompiledParams, CompiledTable, Rule


def _key(files: list[Path], bundled: Path) -> str:
    parts: list[bytes | str] = ["rules", cache.code_fingerprint(), str(Path.cwd())]
    for path in files:
        parts += [str(path.resolve()), display_path(path), cache.file_digest(path)]
    for path in sorted(item for item in bundled.rglob("*") if item.is_file()):
        parts += [path.as_posix(), cache.file_digest(path)]
    return cache.digest(*parts)


def dependencies(rules: list[Rule]) -> list[tuple[str, str]]:
    """(path, hash) of every file a rule names in a ``path`` parameter."""
    found = {path for rule in rules for path in rule.files}
    return [(path, cache.file_digest(Path(path))) for path in sorted(found)]


def _deferred(rules: list[Rule]) -> list[Rule]:
    """Copies of ``rules`` whose compiled parameters are one blob, decoded on first use."""
    table = CompiledTable(cache.dumps([rule.compiled for rule in rules], compressed=False))
    return [dataclasses.replace(rule, compiled_params=CompiledParams(table=table, index=index)) for index, rule in enumerate(rules)]


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
    entry: Any = cache.read_entry(_entry_path(key), compressed=False)
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
    try:
        deferred = _deferred(rules)
    except cache.ENCODING_ERRORS:
        return
    cache.write_entry(_entry_path(key), (dependencies(rules), deferred), compressed=False)
