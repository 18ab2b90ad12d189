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

A set of runs one of which a match needs says little about a pattern of many alternatives: one
alternative's best run may be a word on every page ("ketamine" in "ketamine is the best"), or
an alternative may need a digit or a sign instead of a word ("988", "$ 100"), and then the
pattern runs everywhere. :func:`needs` reads each alternative as everything it needs together
(runs and signs, :class:`Needs`), so "ketamine is the (best|greatest)" runs only on a text
holding "ketamine" and "best" or "greatest", and "988" only on one holding a digit.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator

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
        parsed = _parsed(pattern)
        if parsed is None:
            return None
        required = _required(parsed)
        if required is None:
            return None
        runs |= required
    if len(runs) > _MAX_RUNS:
        return None
    # A prefix of a literal every match contains is contained too; capped, every run is a piece
    # a LiteralIndex keeps.
    return frozenset(run[:_MAX_PIECE] for run in runs)


@functools.lru_cache(maxsize=64)
def _parsed(pattern: str) -> list[Any] | None:
    """The parsed items of ``pattern`` (None when it does not parse), read only: each pattern is
    read for its runs and for its needs, and parsing is most of compiling a rule pack's prefilters.
    The two readings follow each other, so a few recent patterns are enough to keep: parse trees
    are large, and a cache of every pattern held about ten megabytes for the rest of a run."""
    try:
        return list(sre_parse.parse(pattern))
    except Exception:  # noqa: BLE001 - an unparsable pattern is compiled (and reported) elsewhere
        return None


def _runs_and_items(items: list[Any]) -> Iterator[tuple[str, Any, Any]]:
    """The sequence ``items`` read left to right: each run of literal letters (lower-cased, at
    least ``_MIN_RUN`` long) as ``(run, None, None)``, every other item as ``("", op, value)``.
    Both readings of a pattern (:func:`_required`, :func:`_conjuncts`) walk it this way."""
    current = ""
    for op, value in items:
        if op is sre_constants.LITERAL and chr(value).isalpha():
            current += chr(value).lower()
            continue
        if len(current) >= _MIN_RUN:
            yield current, None, None
        current = ""
        yield "", op, value
    if len(current) >= _MIN_RUN:
        yield current, None, None


def _required(items: list[Any]) -> frozenset[str] | None:
    """A set of runs one of which every match of the sequence ``items`` contains, or None."""
    candidates: list[frozenset[str]] = []
    for run, op, value in _runs_and_items(items):
        if run:
            candidates.append(frozenset({run}))
        elif op is sre_constants.SUBPATTERN:
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
    if not candidates:
        return None
    # The most selective: the longest shortest run, then the fewest runs.
    return max(candidates, key=lambda runs: (min(len(run) for run in runs), -len(runs)))


# Needs: what each alternative of a pattern needs ------------------------------------------

# Besides its runs of letters, a LiteralIndex records the signs a text holds (each character that
# is not a letter, digit, white space or "_" and has no case) and, as DIGIT, whether it holds a
# decimal digit: "988" or "\\d+\\s*%" need a digit, "\\$\\s*\\d" a dollar sign.
DIGIT = "\\d"
_SIGNS = re.compile(r"[^\w\s]")
_ANY_DIGIT = re.compile(r"\d")
_MAX_CONJUNCTS = 3  # an alternative's most selective needs: a fourth would cost every check and skip little
_MAX_ALTERNATIVES = 2000  # more alternatives than this: the plain prefilter is cheaper to ask


@dataclass(frozen=True)
class Needs:
    """What every match of some patterns needs, alternative by alternative.

    An alternative needs one of each of a few sets of *needs*: runs of letters, signs and
    :data:`DIGIT`. ``then`` pairs each need of an alternative's first (most selective) set with
    what the alternatives it opens need besides (an empty tuple: nothing more), so a text is
    asked only about the alternatives whose first need it holds.
    """

    then: tuple[tuple[str, tuple[tuple[frozenset[str], ...], ...]], ...]

    @functools.cached_property
    def keys(self) -> frozenset[str]:
        """Every first need: a text holding none of them cannot match."""
        return frozenset(need for need, _ in self.then)

    @functools.cached_property
    def rest(self) -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
        """``then`` as a mapping, built once (a compiled rule asks for every block)."""
        return dict(self.then)


@dataclass(frozen=True)
class NeedsTable:
    """What each of many patterns needs, asked of a text all at once (:meth:`LiteralIndex.matching`).

    The statement lexicons ask every block about some sixty patterns; asked one by one, the
    questions cost as much as the searches they spare. The table lists, under each first need,
    the patterns (by number) whose alternatives it opens, so a text is read once for the needs
    it holds and only the alternatives they open are asked about the rest.
    """

    count: int
    always: frozenset[int]  # the patterns without a prefilter
    opened: dict[str, tuple[tuple[int, tuple[frozenset[str], ...]], ...]]

    @classmethod
    def of(cls, wanted: list[Needs | None]) -> "NeedsTable":
        """The table of patterns numbered in the order of ``wanted``, what each needs."""
        opened: dict[str, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
        for number, item in enumerate(wanted):
            for need, rests in item.then if item is not None else ():
                opened.setdefault(need, []).extend((number, rest) for rest in rests)
        always = frozenset(number for number, item in enumerate(wanted) if item is None)
        return cls(len(wanted), always, {need: tuple(entries) for need, entries in opened.items()})

    @functools.cached_property
    def keys(self) -> frozenset[str]:
        """Every first need of every pattern, intersected with a text's pieces in one step."""
        return frozenset(self.opened)


def needs(patterns: list[str]) -> Needs | None:
    """What every match of any of ``patterns`` needs, alternative by alternative.

    ``None`` when some alternative needs nothing a LiteralIndex records (then the patterns
    always run). Unlike :func:`required_runs`, every alternative keeps all it needs together,
    so one made of a common word and a rare one is asked about the rare one too.
    """
    then: dict[str, list[tuple[frozenset[str], ...]]] = {}
    count = 0
    for pattern in patterns:
        parsed = _parsed(pattern)
        if parsed is None:
            return None
        for items in _alternatives(parsed):
            wanted = _conjuncts(items)
            count += 1
            if not wanted or count > _MAX_ALTERNATIVES:
                return None
            first, rest = wanted[0], tuple(wanted[1:])
            for need in first:
                _open(then, need, rest)
    return _built(then)


def combined(parts: list[Needs | None]) -> Needs | None:
    """What every match of any of several patterns needs, from what each needs (None when one
    of them has no prefilter): a rule asks it of a block before asking each pattern."""
    then: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for part in parts:
        if part is None:
            return None
        for need, opened in part.then:
            for rest in opened:
                _open(then, need, rest)
    return _built(then)


def _open(then: dict[str, list[tuple[frozenset[str], ...]]], need: str, rest: tuple[frozenset[str], ...]) -> None:
    """Record an alternative whose first needs include ``need`` and that needs ``rest`` besides."""
    opened = then.setdefault(need, [])
    if rest not in opened:
        opened.append(rest)


def _built(then: dict[str, list[tuple[frozenset[str], ...]]]) -> Needs:
    """The :class:`Needs` of the alternatives recorded in ``then``, in a fixed order; under a need
    that opens an alternative needing nothing more, the others are moot and dropped."""
    return Needs(tuple((need, ((),) if () in opened else tuple(opened)) for need, opened in sorted(then.items())))


def _alternatives(items: list[Any]) -> list[list[Any]]:
    """The top-level alternatives of a parsed pattern: ``a|b`` and ``(?:a|b)`` have two."""
    if len(items) == 1:
        op, value = items[0]
        if op is sre_constants.BRANCH:
            return [alternative for branch in value[1] for alternative in _alternatives(list(branch))]
        if op is sre_constants.SUBPATTERN:
            return _alternatives(list(value[-1]))
    return [items]


def _conjuncts(items: list[Any]) -> list[frozenset[str]]:
    """Sets of needs a match of the sequence ``items`` holds one of each, the most selective
    first (at most :data:`_MAX_CONJUNCTS`); empty when it needs nothing recorded."""
    found: list[frozenset[str]] = []
    for run, op, value in _runs_and_items(items):
        found.extend([frozenset({run[:_MAX_PIECE]})] if run else _item_needs(op, value))
    unique = list(dict.fromkeys(found))
    unique.sort(key=_selectivity)
    return unique[:_MAX_CONJUNCTS]


def _selectivity(wanted: frozenset[str]) -> tuple[int, int]:
    """Sort key, most selective first: the longest shortest need (a sign or a digit counts as
    one letter), then the fewest needs."""
    return -min(len(need) if need.isalpha() else 1 for need in wanted), len(wanted)


def _item_needs(op: Any, value: Any) -> list[frozenset[str]]:
    """What one parsed item other than a letter needs: a sign or digit, a class of them, a group,
    a choice between alternatives, a repeat that occurs at least once."""
    if op is sre_constants.LITERAL:
        need = _need_of(chr(value))
        return [frozenset({need})] if need else []
    if op is sre_constants.IN:
        members = _class_needs(value)
        return [members] if members else []
    if op is sre_constants.SUBPATTERN:
        return _conjuncts(list(value[-1]))
    if op is sre_constants.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            inner = _conjuncts(list(branch))
            if not inner:
                return []
            union |= inner[0]
        return [frozenset(union)]
    if op in _REPEATS and value[0] >= 1:
        return _conjuncts(list(value[2]))
    return []


_REPEATS = tuple(getattr(sre_constants, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre_constants, name))


def _need_of(char: str) -> str | None:
    """What a literal character other than a letter needs of a text: DIGIT for a decimal digit
    (what ``\\d`` matches), itself for a sign without case; None for white space and "_"."""
    if char.isdecimal():
        return DIGIT
    if _SIGNS.fullmatch(char) and char.lower() == char == char.upper():
        return char
    return None


def _class_needs(members: list[Any]) -> frozenset[str]:
    """The needs of a character class whose every member is a digit or a sign (``\\d``,
    ``[0-9]``, ``['\u2019]``); empty for any other class."""
    found: set[str] = set()
    for op, value in members:
        if op is sre_constants.CATEGORY and value is sre_constants.CATEGORY_DIGIT:
            found.add(DIGIT)
        elif op is sre_constants.RANGE and all(chr(code).isdecimal() for code in range(value[0], value[1] + 1)):
            found.add(DIGIT)
        elif op is sre_constants.LITERAL and _need_of(chr(value)) is not None:
            found.add(_need_of(chr(value)))  # type: ignore[arg-type]
        else:
            return frozenset()
    return frozenset(found)


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
    letters, the kind :func:`required_runs` makes; ``may_match(needs)`` also knows the text's
    signs and whether it holds a digit (:func:`needs`).
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
        pieces.update(_SIGNS.findall(folded))  # single characters: never a piece of a word
        if _ANY_DIGIT.search(folded):
            pieces.add(DIGIT)
        self._pieces = pieces
        # the folded text, kept only when a word was too long to cut into pieces (searched instead)
        self._unindexed = folded if too_long else ""

    def may_contain(self, runs: frozenset[str] | None) -> bool:
        """Whether the text contains one of ``runs`` (always true for ``None``: no prefilter)."""
        if runs is None or not runs.isdisjoint(self._pieces) or not PREFILTERS_ON:
            return True
        return bool(self._unindexed) and any(run in self._unindexed for run in runs)

    def may_match(self, wanted: Needs | None) -> bool:
        """Whether the text holds all that some alternative of the patterns needs (always true
        for ``None``, and for a text with a word too long to cut into pieces)."""
        if wanted is None or self._unindexed or not PREFILTERS_ON:
            return True
        pieces = self._pieces
        rest = wanted.rest
        for need in wanted.keys.intersection(pieces):
            for others in rest[need]:
                if all(not members.isdisjoint(pieces) for members in others):
                    return True
        return False

    def matching(self, table: NeedsTable) -> set[int]:
        """The numbers of the patterns of ``table`` that may match the text: each answers as
        :meth:`may_match` would for its needs."""
        if self._unindexed or not PREFILTERS_ON:
            return set(range(table.count))
        pieces = self._pieces
        found = set(table.always)
        for need in table.keys.intersection(pieces):
            for number, others in table.opened[need]:
                if number not in found and all(not members.isdisjoint(pieces) for members in others):
                    found.add(number)
        return found


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
