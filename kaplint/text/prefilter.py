"""Cheap prefilters for lexicon patterns: literal words a match cannot do without.

Most blocks of a document contain none of the words a lexicon entry is about, yet running
a case-insensitive regular expression over a block costs a pass over every character.
For each pattern this module works out a set of lower-case literal runs such that every
match contains at least one of them ("side[\\s-]effects?|adverse" needs "side" or
"adverse"; "(?:may|can)\\s+cause" needs "cause"). A block whose lower-cased text contains
none of them cannot match, and the pattern is not run on it. When no such set can be found
(an alternative that starts with a digit class, say), the pattern always runs, so a prefilter
never changes a result.

Hundreds of patterns ask about the same block, so the question is answered from one pass over
it: :func:`literal_index` splits the folded text into its runs of letters once, and every run
a prefilter names is letters only, so it occurs in the text exactly when it is a piece of one
of those words. The pieces of each word are worked out once per process (a page uses a few
hundred different words, a whole corpus a few tens of thousands), and a prefilter is then a
set intersection instead of a search of the text per run.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11 and later
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# Characters that a case-insensitive expression matches against an ASCII letter but that
# str.lower() leaves alone or lowers to two characters (dotless i, long s, dotted capital I:
# "\u0130".lower() is "i" and a combining dot); folded so a prefilter never skips their match.
_ASCII_FOLD = str.maketrans({"\u0131": "i", "\u017f": "s", "\u0130": "i"})


def fold(text: str) -> str:
    """``text`` lower-cased the way the prefilters compare it with their runs."""
    if text.isascii():
        return text.lower()
    return text.translate(_ASCII_FOLD).lower()


_MIN_RUN = 3
_MAX_PIECE = 24  # longer runs are cut to this length, so a LiteralIndex keeps every run as a piece of a word
_MAX_RUNS = 60  # a pattern with more alternatives is in nearly every text: allowing 1,000 changed no timing


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
    if len(runs) > _MAX_RUNS:
        return None
    # A prefix of a literal every match contains is contained too; capped, every run is a piece
    # a LiteralIndex keeps.
    return frozenset(run[:_MAX_PIECE] for run in runs)


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


# Letters as str.isalpha() sees them, and a few more (numerals such as "½" that are not
# decimal digits): a superset, so every letter-only run still lies inside one word.
_LETTERS = re.compile(r"[^\W\d_]+")
_MAX_WORD = 64  # a longer run of letters (a pasted hash, a megabyte without spaces) is not cut up
_WORD_PIECES: dict[str, frozenset[str]] = {}
_WORD_PIECES_LIMIT = 200_000


def _pieces(word: str) -> frozenset[str]:
    """Every substring of ``word`` of ``_MIN_RUN`` to ``_MAX_PIECE`` letters."""
    pieces = _WORD_PIECES.get(word)
    if pieces is None:
        size = len(word)
        pieces = frozenset(
            word[start:end] for start in range(size - _MIN_RUN + 1) for end in range(start + _MIN_RUN, min(size, start + _MAX_PIECE) + 1)
        )
        if len(_WORD_PIECES) >= _WORD_PIECES_LIMIT:
            _WORD_PIECES.clear()
        _WORD_PIECES[word] = pieces
    return pieces


# Off only in tests, which check that an engine without prefilters reports exactly the same.
PREFILTERS_ON = True


class LiteralIndex:
    """Which literal runs a text contains, answered without searching it again.

    ``may_contain(runs)`` is exactly ``any(run in fold(text) for run in runs)`` for runs of
    letters, the kind :func:`required_runs` makes.
    """

    __slots__ = ("_pieces", "_unindexed")

    def __init__(self, text: str) -> None:
        folded = fold(text)
        pieces: set[str] = set()
        too_long = False
        for word in set(_LETTERS.findall(folded)):
            if len(word) < _MIN_RUN:
                continue
            if len(word) > _MAX_WORD:
                too_long = True
                continue
            pieces.update(_pieces(word))
        self._pieces = pieces
        # the folded text, kept only when a word was too long to cut into pieces (searched instead)
        self._unindexed = folded if too_long else ""

    def may_contain(self, runs: frozenset[str] | None) -> bool:
        """Whether the text contains one of ``runs`` (always true for ``None``: no prefilter)."""
        if runs is None or not runs.isdisjoint(self._pieces) or not PREFILTERS_ON:
            return True
        return bool(self._unindexed) and any(run in self._unindexed for run in runs)


# Indexes by text: a block is asked about by every rule, and the table is emptied when it holds
# more than a few thousand texts or a few million characters, so memory stays bounded. A long
# text (a megabyte paragraph) goes to a table of its own that keeps the last few, so it neither
# empties the main table nor is cut into pieces again by every rule that asks about it.
_INDEXES: dict[str, LiteralIndex] = {}
_INDEXES_LIMIT = 4096
_INDEXED_CHARACTERS_LIMIT = 4_000_000
_indexed_characters = 0
_LONG_TEXT = 65_536
_LONG_INDEXES: dict[str, LiteralIndex] = {}
_LONG_INDEXES_LIMIT = 4


def literal_index(text: str) -> LiteralIndex:
    """The :class:`LiteralIndex` of ``text``, shared by every rule that asks about it."""
    global _indexed_characters
    if len(text) > _LONG_TEXT:
        index = _LONG_INDEXES.get(text)
        if index is None:
            index = LiteralIndex(text)
            if len(_LONG_INDEXES) >= _LONG_INDEXES_LIMIT:
                del _LONG_INDEXES[next(iter(_LONG_INDEXES))]  # the oldest
            _LONG_INDEXES[text] = index
        return index
    index = _INDEXES.get(text)
    if index is None:
        index = LiteralIndex(text)
        if len(_INDEXES) >= _INDEXES_LIMIT or _indexed_characters + len(text) > _INDEXED_CHARACTERS_LIMIT:
            _INDEXES.clear()
            _indexed_characters = 0
        _INDEXES[text] = index
        _indexed_characters += len(text)
    return index
