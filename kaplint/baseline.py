"""Baselines: adopt kaplint on an existing content repository without fixing everything first.

``--update-baseline`` records today's findings in a JSON file; ``--baseline``
then reports only findings that are not in it. An entry is keyed by the file
(relative to the baseline file's folder, so the run's working folder does not
matter), the rule name and a fingerprint of the matched text and its sentence
(:mod:`kaplint.fingerprint`). Line numbers are not part of the key, so an edit
elsewhere in the file keeps its entries valid. Each entry counts how often the
finding occurs: a second identical claim added later is reported.

Entries of linted files that no finding used are *stale* (the problem was fixed
or reworded); they are counted in the summary so the team can shrink the file.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kaplint.files import write_atomically
from kaplint.fingerprint import fingerprint

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.engine import DocumentResult

BASELINE_VERSION = 1

Key = tuple[str, str, str]  # (path, rule name, fingerprint)


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a kaplint baseline."""


@dataclass
class BaselineOutcome:
    """What applying a baseline did, for the report's summary."""

    path: str
    matched: int = 0  # findings held back because the baseline has them
    stale: int = 0  # baseline occurrences no current finding used
    stale_entries: list[dict[str, Any]] = field(default_factory=list)


def _key_path(path: str, base: Path) -> str:
    """A finding's path relative to the baseline's folder (POSIX), or as given for standard input."""
    if path == "-" or not Path(path).exists():
        return Path(path).as_posix()
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


def finding_keys(results: list[DocumentResult], base: Path) -> list[tuple[Key, DocumentResult, int, str]]:
    """(key, document, index of the finding, match) for every finding, in report order."""
    keyed = []
    for result in results:
        path = _key_path(result.path, base)
        for index, finding in enumerate(result.findings):
            keyed.append(((path, finding.name, fingerprint(finding, result.source)), result, index, finding.match))
    return keyed


def load_baseline(path: Path) -> Counter[Key]:
    """Read a baseline file into occurrence counts; a clear :class:`BaselineError` for anything else."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found; create it with --update-baseline") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}: not valid JSON ({error.msg}); regenerate it with --update-baseline") from None
    if not isinstance(data, dict) or data.get("tool") != "kaplint" or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a kaplint baseline (expected an object with \"tool\": \"kaplint\" and a \"findings\" list)")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: baseline version {data.get('version')!r} is not supported (expected {BASELINE_VERSION})")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(data["findings"], 1):
        try:
            key = (str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))
            count = int(entry.get("count", 1))
        except (TypeError, KeyError, ValueError):
            raise BaselineError(f"{path}: entry {number} needs 'path', 'rule', 'fingerprint' and a numeric 'count'") from None
        counts[key] += max(count, 0)
    return counts


def write_baseline(path: Path, results: list[DocumentResult]) -> int:
    """Write every current finding to ``path``; return the number of entries."""
    base = path.parent
    counts: Counter[Key] = Counter()
    samples: dict[Key, str] = {}
    for key, _result, _index, match in finding_keys(results, base):
        counts[key] += 1
        samples.setdefault(key, match)
    entries = [
        {"path": key[0], "rule": key[1], "fingerprint": key[2], "count": counts[key], "match": samples[key]}
        for key in sorted(counts)
    ]
    data = {"tool": "kaplint", "version": BASELINE_VERSION, "findings": entries}
    write_atomically(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return len(entries)


def apply_baseline(path: Path, results: list[DocumentResult], baseline: Counter[Key]) -> BaselineOutcome:
    """Drop findings the baseline holds (up to each entry's count) from ``results``, in place."""
    outcome = BaselineOutcome(path=str(path))
    remaining = Counter(baseline)
    dropped: dict[int, set[int]] = {}
    for key, result, index, _match in finding_keys(results, path.parent):
        if remaining[key] > 0:
            remaining[key] -= 1
            outcome.matched += 1
            dropped.setdefault(id(result), set()).add(index)
    for result in results:
        gone = dropped.get(id(result))
        if gone:
            result.findings = [finding for index, finding in enumerate(result.findings) if index not in gone]
    linted = {_key_path(result.path, path.parent) for result in results}
    for key in sorted(remaining):
        # Entries of files this run did not lint are not stale: they were simply not checked.
        if remaining[key] > 0 and key[0] in linted:
            outcome.stale += remaining[key]
            outcome.stale_entries.append({"path": key[0], "rule": key[1], "fingerprint": key[2], "count": remaining[key]})
    return outcome
