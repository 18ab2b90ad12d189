"""Where kaplint keeps its caches, and how cache entries are written and read safely.

Two caches live here: compiled rule packs (:mod:`kaplint.rulecache`) and per-file
results (:mod:`kaplint.resultcache`). Both are pure speed: a missing, stale,
unreadable or corrupt entry is simply recomputed, never an error.

Entries are pickles, because the compiled rules are object graphs that JSON
cannot hold. A pickle can normally call any function while it loads, and a
cache folder may sit inside a repository someone else controls (``--cache-dir``),
so entries are read with :class:`SafeUnpickler`, which only lets kaplint's own
classes and one regular-expression rebuilder be created: no function of the
standard library or of kaplint can be called from a cache file.

Compiled regular expressions pickle as their source text and are compiled
again on load, which would throw the saving away. :class:`EntryPickler` stores
the compiled SRE code instead, and :func:`rebuild_pattern` hands it straight to
the C engine, which validates it. The SRE code format belongs to one Python
version, so every key includes the exact interpreter version.
"""

from __future__ import annotations

import _sre  # the regular-expression engine behind ``re``; used only to rebuild cached patterns
import array
import dataclasses
import enum
import hashlib
import io
import os
import pickle
import re
import sys
import zlib
from pathlib import Path
from typing import Any, Callable, TypeVar

from kaplint import __version__
from kaplint.files import write_atomically

try:  # Python 3.11+
    from re import _compiler as _sre_compiler
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _sre_compiler  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]

ENTRY_FORMAT = 4  # 2: a rule-cache entry keeps the rules' compiled parameters as one blob of their own
# 3: a result entry keeps the finding counts and the JSON report's entry beside the encoded result
# 4: rule-cache entries (with their blob of compiled parameters) and built lexicons are not compressed


class CacheSettings:
    """Whether caches are used in this process, and where they live.

    Set once by the command line (``--no-cache``, ``--cache-dir``); worker
    processes inherit it. ``KAPLINT_NO_CACHE=1`` turns caching off and
    ``KAPLINT_CACHE_DIR`` moves it, for tests and CI.
    """

    def __init__(self) -> None:
        self.requested = True  # False after --no-cache
        self.folder: Path | None = None

    @property
    def enabled(self) -> bool:
        """Read each time, so the environment set by a test harness after import still counts."""
        return self.requested and os.environ.get("KAPLINT_NO_CACHE", "") in ("", "0")

    def location(self) -> Path:
        """The cache folder: ``--cache-dir``, else ``$KAPLINT_CACHE_DIR``, else the user's cache folder."""
        if self.folder is not None:
            return self.folder
        configured = os.environ.get("KAPLINT_CACHE_DIR")
        if configured:
            return Path(configured)
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "kaplint"


settings = CacheSettings()


def configure(enabled: bool = True, folder: Path | None = None) -> None:
    """Apply the command line's cache choices to this process (and the workers it forks)."""
    settings.requested = enabled
    settings.folder = folder


def digest(*parts: bytes | str) -> str:
    """A hex SHA-256 over ``parts``, each length-prefixed so no two part lists collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def canonical(value: Any) -> str:
    """A text form of configuration values and rules that is the same in every process, for keys.

    ``repr`` is not: sets of strings print in an order that changes with the
    interpreter's hash seed, which would make every run miss the cache.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ", ".join(f"{item.name}={canonical(getattr(value, item.name))}" for item in dataclasses.fields(value))
        return f"{type(value).__name__}({fields})"
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{canonical(key)}: {canonical(item)}" for key, item in value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(canonical(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(canonical(item) for item in value) + "]"
    if isinstance(value, Path):
        return repr(value.as_posix())
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    return repr(value)


_code_fingerprint: str | None = None


def code_fingerprint() -> str:
    """Identifies the running kaplint and Python: version numbers plus the size and modification
    time of each of kaplint's source files, so an edited checkout (same version number) never
    reads stale entries. Status, not contents: hashing the sources took a tenth of a
    single-file run; rule packs, which users edit, are hashed by content."""
    global _code_fingerprint
    if _code_fingerprint is None:
        parts: list[bytes | str] = [__version__, sys.version, sys.implementation.name, str(ENTRY_FORMAT)]
        for name, source in _sources(Path(__file__).resolve().parent):
            try:
                status = os.stat(source)
                parts += [name, f"{status.st_size}-{status.st_mtime_ns}"]
            except OSError:
                parts += [name, "unreadable"]
        _code_fingerprint = digest(*parts)
    return _code_fingerprint


def _sources(package: Path) -> list[tuple[str, str]]:
    """(POSIX path relative to ``package``, path) of each of its ``.py`` files, sorted by the former.

    ``os.walk`` and plain strings rather than ``Path.rglob``: making a ``Path`` of every file
    cost a single-file run two of the three milliseconds the fingerprint took."""
    found = []
    for folder, _, names in os.walk(package):
        relative = os.path.relpath(folder, package).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found += [(prefix + name, os.path.join(folder, name)) for name in names if name.endswith(".py")]
    return sorted(found)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's contents ('missing' when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


# Entries ---------------------------------------------------------------------------


def rebuild_pattern(pattern: str | bytes, flags: int, code: bytes, groups: int, groupindex: dict, indexgroup: tuple) -> re.Pattern:
    """A compiled pattern from its cached SRE code (the C engine validates the code)."""
    return _sre.compile(pattern, flags, array.array("I", code).tolist(), groups, groupindex, indexgroup)


def _pattern_state(pattern: re.Pattern) -> tuple[Any, ...]:
    parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
    code = _sre_compiler._code(parsed, pattern.flags)
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    return (pattern.pattern, pattern.flags | state.flags, array.array("I", code).tobytes(), state.groups - 1, dict(state.groupdict), tuple(indexgroup))


class EntryPickler(pickle.Pickler):
    """Pickles compiled patterns as engine code, so loading them needs no compilation."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern):
            return rebuild_pattern, _pattern_state(obj)
        if isinstance(obj, enum.Enum):
            # By value, as every Python writes it: some 3.11 releases pickle a member as
            # getattr(class, name), which the safe unpickler rightly refuses, so the whole
            # cache was silently rebuilt on every run there.
            return type(obj), (obj.value,)
        return NotImplemented


_SAFE_BUILTINS = frozenset({"set", "frozenset", "bytearray", "complex", "range", "slice"})


class SafeUnpickler(pickle.Unpickler):
    """Creates only kaplint's own classes, a few builtin containers and cached patterns."""

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "rebuild_pattern":
            return rebuild_pattern
        if module == "builtins" and name in _SAFE_BUILTINS:
            return super().find_class(module, name)
        if module.startswith("kaplint.") and "." not in name:
            found = super().find_class(module, name)
            # Only value classes: their pickles set fields without running any of kaplint's code.
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, (enum.Enum, dict, list))):
                return found
        raise pickle.UnpicklingError(f"cache entries may not refer to {module}.{name}")


# What pickling a value that cannot be cached raises: the value is then simply not stored.
ENCODING_ERRORS = (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError)


_CHECKSUM_SIZE = 4


def dumps(value: Any, compressed: bool = True) -> bytes:
    """Serialise ``value`` for the cache, compressed unless the caller prefers reading speed to space.

    zlib checks what it inflates; an uncompressed entry starts with a CRC-32 of its own instead,
    so a damaged entry is a miss either way, never a wrong result."""
    buffer = io.BytesIO()
    EntryPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    pickled = buffer.getvalue()
    if compressed:
        return zlib.compress(pickled, 1)
    return zlib.crc32(pickled).to_bytes(_CHECKSUM_SIZE, "big") + pickled


def loads(data: bytes, compressed: bool = True) -> Any:
    """Read a value written by :func:`dumps` (with the same ``compressed``); raises ``ValueError`` for anything unusable."""
    try:
        return SafeUnpickler(_pickled(data, compressed)).load()
    except Exception as error:  # noqa: BLE001 - corrupt, truncated, foreign or tampered entries are all just misses
        raise ValueError(f"unusable cache entry: {error}") from None


def _pickled(data: bytes, compressed: bool) -> io.BytesIO:
    """The pickle inside an entry, checked, as a stream (an uncompressed one is not copied)."""
    if compressed:
        return io.BytesIO(zlib.decompress(data))
    if zlib.crc32(memoryview(data)[_CHECKSUM_SIZE:]) != int.from_bytes(data[:_CHECKSUM_SIZE], "big"):
        raise ValueError("the checksum does not match")
    stream = io.BytesIO(data)
    stream.seek(_CHECKSUM_SIZE)
    return stream


def read_entry(path: Path, compressed: bool = True) -> Any | None:
    """The value stored at ``path``, or None when there is none or it is unusable."""
    try:
        return loads(path.read_bytes(), compressed)
    except (OSError, ValueError):
        return None


def write_entry(path: Path, value: Any, compressed: bool = True) -> None:
    """Store ``value`` at ``path`` atomically; best effort (a read-only cache only costs speed)."""
    try:
        data = dumps(value, compressed)
    except ENCODING_ERRORS:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Not durable: a crash can leave an entry empty or torn, which its checksum turns into a miss.
        write_atomically(path, data, durable=False)
    except OSError:
        pass


T = TypeVar("T")


def built_from(source: Path, build: Callable[[], T], kind: type) -> T:
    """``build()``, or what it returned before for the same contents of ``source``.

    For data compiled from a bundled file at first use (the statement lexicons): compiling
    their patterns costs a single-file run more than linting the file. Keyed by the file's
    contents and the running kaplint and Python; an entry that is not a ``kind`` is ignored.
    Stored uncompressed, like the rule cache: every run that lints a file reads it.
    """
    if not settings.enabled:
        return build()
    try:
        contents = source.read_bytes()
    except OSError:
        return build()
    key = digest("built", kind.__name__, code_fingerprint(), source.resolve().as_posix(), contents)
    path = settings.location() / "built" / f"{key}.pickle"
    found = read_entry(path, compressed=False)
    if isinstance(found, kind):
        return found
    value = build()
    write_entry(path, value, compressed=False)
    return value
