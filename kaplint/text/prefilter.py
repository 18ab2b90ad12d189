"""Cheap prefilters for lexicon patterns: literal words a match cannot do without.

Most blocks of a document contain none of the words a lexicon entry is about, yet running
a case-insensitive regular expression over a block costs a pass over every character.
For each pattern this module works out a set of lower-case literal runs such that every
match contains at least one of them ("side[\\s-]effects?|adverse" needs "side" or
"adverse"; "(?:may|can)\\s+cause" needs "cause"). A block whose lower-cased text contains
none of them cannot match, and the pattern is not run on it: a substring test is far
cheaper than the expression. When no such set can be found (an alternative that starts
with a digit class, say), the pattern always runs, so a prefilter never changes a result.
"""

from __future__ import annotations

from typing import Any

try:  # Python 3.11 and later
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# Characters that a case-insensitive expression matches against an ASCII letter but that
# str.lower() leaves alone (dotless i, long s); folded so a prefilter never skips their match.
_ASCII_FOLD = str.maketrans({"\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """``text`` lower-cased the way the prefilters compare it with their runs."""
    lowered = text.lower()
    return lowered if lowered.isascii() else lowered.translate(_ASCII_FOLD)


_MIN_RUN = 3
_MAX_RUNS = 60  # past this many alternatives a prefilter costs more than it saves


def required_runs(patterns: list[str]) -> frozenset[str] | None:
    """Lower-case literal runs at least one of which every match of any pattern contains.

    ``None`` when some pattern has an alternative without a run of ``_MIN_RUN`` letters that
    all its matches contain (then there is no prefilter and the patterns always run).
    """
    runs: set[str] = set()
    for pattern in patterns:
        try:
            parsed = sre_parse.parse(pattern)
        except Exception:  # noqa: BLE001 - an unparsable pattern is compiled (and reported) elsewhere
            return None
        required = _required(list(parsed))
        if required is None:
            return None
        runs |= required
    return frozenset(runs) if len(runs) <= _MAX_RUNS else None


def _required(items: list[Any]) -> frozenset[str] | None:
    """A set of runs one of which every match of the sequence ``items`` contains, or None."""
    candidates: list[frozenset[str]] = []
    current = ""
    for op, value in items:
        if op is sre_constants.LITERAL and chr(value).isalpha():
            current += chr(value).lower()
            continue
        if len(current) >= _MIN_RUN:
            candidates.append(frozenset({current}))
        current = ""
        if op is sre_constants.SUBPATTERN:
            inner = _required(list(value[-1]))
            if inner is not None:
                candidates.append(inner)
        elif op is sre_constants.BRANCH:
            union: set[str] = set()
            for branch in value[1]:
                inner = _required(list(branch))
                if inner is None:
                    union = set()
                    break
                union |= inner
            if union:
                candidates.append(frozenset(union))
    if len(current) >= _MIN_RUN:
        candidates.append(frozenset({current}))
    if not candidates:
        return None
    # The most selective: the longest shortest run, then the fewest runs.
    return max(candidates, key=lambda runs: (min(len(run) for run in runs), -len(runs)))
