"""Per-file results kept between runs, so re-linting an unchanged repository is nearly free.

A file's entry is keyed by everything its result depends on: its bytes, the
name it is reported under (which also picks its format and per-file settings),
the effective configuration and command-line choices, the rule packs (and the
files they name), the folder kaplint runs in, and the running kaplint and
Python. Change any of them and the key changes, so an entry is never stale,
only unused. Entries are written atomically, so concurrent runs sharing a
folder at worst both compute the same entry.

An entry holds the result itself, encoded on its own, and beside it what a run
over many cached files needs most: the finding counts (the summary and the exit
code) and the document's entry of the JSON report. A warm run reporting JSON
reads those and never decodes a finding; decoding a thousand results and
formatting their report again was most of such a run. The entry is not
compressed as a whole (only the encoded result is): inflating the JSON text,
some forty kilobytes for a page of 700 words, took most of what was left, and
a cache is worth its disk space only while it is fast.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from kaplint import cache
from kaplint.cache import canonical
from kaplint.engine import DocumentResult
from kaplint.finding import Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.engine import Linter


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


@dataclass(frozen=True)
class StoredResult:
    """One file's cache entry: the result, encoded, and what reports need without decoding it."""

    path: str
    format: str
    profile: str
    counts: dict[Severity, int]  # findings per severity, as DocumentResult.severity_counts() gives them
    json_entry: str  # the document's entry of the JSON report (kaplint.reporters.json.document_entry)
    encoded: bytes  # the DocumentResult, by kaplint.cache.dumps (compressed)

    @classmethod
    def of(cls, result: DocumentResult) -> StoredResult:
        """The entry for ``result``; raises one of :data:`kaplint.cache.ENCODING_ERRORS` when it cannot be cached."""
        from kaplint.reporters.json import document_entry

        counts = dict(result.severity_counts())
        return cls(result.path, result.format, result.profile, counts, document_entry(result), cache.dumps(result))

    def well_formed(self) -> bool:
        """Whether every field has its type: an entry written by another program is a miss, not a crash later."""
        texts = (self.path, self.format, self.profile, self.json_entry)
        counts = self.counts
        return (
            all(type(text) is str for text in texts)
            and type(self.encoded) is bytes
            and type(counts) is dict
            and all(type(severity) is Severity and type(count) is int and count > 0 for severity, count in counts.items())
        )


class CachedResult(DocumentResult):
    """A file's result read from the cache.

    Its name, format, profile, finding counts and JSON report entry come straight from
    the entry; its findings, metrics and source are decoded the first time anything
    reads or replaces them. From then on it is an ordinary result, and its counts and
    JSON entry are computed from what was decoded, so whatever changes the findings
    afterwards (a baseline, ``--changed-since``) shows in every report. An entry that
    cannot be decoded (it was tampered with) is linted again, like any unusable entry.
    """

    def __init__(self, stored: StoredResult, lint_again: Callable[[], DocumentResult]) -> None:
        # Not the dataclass's __init__: findings, metrics and source are properties here.
        self.path = stored.path
        self.format = stored.format
        self.profile = stored.profile
        self._stored: StoredResult | None = stored
        self._lint_again = lint_again
        self._decoded: DocumentResult | None = None
        self._source: str | None = None  # set when the run drops text it will not show

    @property
    def stored(self) -> StoredResult | None:
        """The entry, while it still describes this result (until something decodes it)."""
        return self._stored

    def decoded(self) -> DocumentResult:
        """The result itself, decoded once (or linted again when the entry cannot be decoded)."""
        if self._decoded is None:
            assert self._stored is not None
            try:
                found = cache.loads(self._stored.encoded)
            except ValueError:
                found = None
            self._decoded = found if type(found) is DocumentResult else self._lint_again()
            self._stored = None  # its counts and JSON entry no longer speak for this result
        return self._decoded

    def severity_counts(self) -> Counter[Severity]:
        if self._stored is not None:
            return Counter(self._stored.counts)
        return self.decoded().severity_counts()

    @property  # type: ignore[override]
    def findings(self) -> list[Finding]:
        return self.decoded().findings

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self.decoded().findings = value

    @property  # type: ignore[override]
    def metrics(self) -> dict[str, Any]:
        return self.decoded().metrics

    @metrics.setter
    def metrics(self, value: dict[str, Any]) -> None:
        self.decoded().metrics = value

    @property  # type: ignore[override]
    def source(self) -> str:
        return self._source if self._source is not None else self.decoded().source

    @source.setter
    def source(self, value: str) -> None:
        # Neither the counts nor the JSON entry hold the source, so dropping it decodes nothing.
        self._source = value


def _entry_path(key: str) -> Path:
    return cache.settings.location() / "results" / key[:2] / f"{key[2:]}.pickle"


def fetch(key: str, lint_again: Callable[[], DocumentResult]) -> CachedResult | None:
    """The result stored under ``key``, or None; ``lint_again`` stands in for an entry that cannot be decoded."""
    found = cache.read_entry(_entry_path(key), compressed=False)
    if not isinstance(found, StoredResult) or not found.well_formed():
        return None
    return CachedResult(found, lint_again)


def store(key: str, result: DocumentResult) -> None:
    """Store ``result`` under ``key`` (best effort; workers call this too)."""
    try:
        stored = StoredResult.of(result)
    except cache.ENCODING_ERRORS:
        return
    cache.write_entry(_entry_path(key), stored, compressed=False)


def _bundled_digests() -> list[tuple[str, str]]:
    """Hashes of the bundled rules folder's files (a shared vocabulary can change any rule's results)."""
    from kaplint.bundled import bundled_rules_dir

    folder = bundled_rules_dir()
    return [(path.relative_to(folder).as_posix(), cache.file_digest(path)) for path in sorted(folder.rglob("*")) if path.is_file()]
