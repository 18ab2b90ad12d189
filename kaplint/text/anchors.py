"""Anchored search: run a pattern only where one of its matches could start.

Python's regular-expression engine tries a pattern such as ``(?<![\\w])(?:cure|heal...)`` at
every position of a text: it finds no literal to skip ahead to in a case-insensitive pattern
that opens with a look-behind. On ordinary blocks the prefilters (:mod:`kaplint.text.prefilter`)
keep most patterns from running at all; on a paragraph of a megabyte, or a sentence of a hundred
thousand words, every pattern holds a word it needs somewhere, so hundreds of patterns each read
the whole text, and the cost of a block grows with its length times the number of patterns.

This module reads from the pattern itself what each of its matches must begin with: a few
lower-case literal *prefixes* ("cure", "heal", "n't"), some of which can only stand at the start
of a word (after ``(?<![\\w])`` or ``\\b``). A :class:`TextIndex` finds where those prefixes
occur in a text from its vocabulary (each distinct word and where it stands, worked out once per
text) rather than by reading the text again, and :func:`finditer_at` tries the pattern at those
positions only, in order, resuming after each match as ``finditer`` does. Every match starts at
one of the positions, and the pattern is tried there exactly as ``finditer`` would try it (the
whole text stays visible to look-behinds and look-aheads), so the matches are the same ones; a
pattern whose prefixes cannot be read (one that opens with ``\\d`` or ``.``), or that can match
the empty string, is searched as before.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from kaplint.text import prefilter
from kaplint.text.prefilter import fold

try:  # Python 3.11 and later
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_MAX_PREFIX = 8  # characters of a prefix worth reading: enough to tell words apart
_MAX_SET = 16  # a character class with more members ends a prefix
_MAX_ANCHORS = 512  # more alternative prefixes than this: the pattern is searched as before
_REPEATS = tuple(
    getattr(sre_constants, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre_constants, name)
)
# A run of letters as the vocabulary counts them (the same runs kaplint.text.prefilter indexes).
_LETTERS = re.compile(r"[^\W\d_]+")
_LEADING_LETTERS = re.compile(r"[^\W\d_]*")
_DIGIT_CHARACTER = re.compile(r"\d")
# Between two words of a term: white space and hyphens ("one hundred", "one-hundred", "side - effects").
_GAP_CHARACTERS = "-\u2010\u2011\u2013"
_NEXT_WORD = re.compile(r"[\s" + re.escape(_GAP_CHARACTERS) + r"]+([^\W\d_]+)")  # a gap, then the next run of letters

# Off only in tests, which check that an engine without anchored search reports exactly the same.
ANCHORS_ON = True


@dataclass(frozen=True)
class Anchors:
    """What every match of a pattern begins with, in folded (lower-case) text.

    A match starts where one of ``word_prefixes`` begins a word (its run of letters starts
    there), where one of ``prefixes`` stands anywhere, where a pair of ``word_pairs`` stands, at a
    decimal digit when ``digits``, or at the start of the text searched when ``text_start`` (a
    pattern opening with ``^``).
    """

    word_prefixes: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    digits: bool = False
    text_start: bool = False
    # (first word, second word's first letters): a match starts where that word starts a word and
    # is followed, after white space and hyphens only, by a word beginning so ("the most", "one-hundred")
    word_pairs: frozenset[tuple[str, str]] = frozenset()

    @functools.cached_property
    def alternatives(self) -> int:
        """How many alternatives the pattern tries at each place of a text it reads: counted once,
        since every span a rule searches asks (a long page has hundreds of thousands)."""
        return len(self.word_prefixes) + len(self.prefixes) + len(self.word_pairs) + self.digits


# How one alternative of a pattern begins: a prefix at a word start or anywhere, a digit, the text's start.
_WORD, _ANYWHERE, _DIGIT, _TEXT_START, _PAIR = "word", "anywhere", "digit", "text-start", "pair"
_Found = frozenset[tuple[str, str]]
_Frame = tuple[Sequence[Any], int, int]  # items of a parsed pattern, the position reached in them, the flags


@functools.lru_cache(maxsize=4096)  # a pattern's literals are a few hundred characters, read again and again
def _fold_char(char: str) -> str | None:
    """``char`` as it stands in folded text wherever a pattern's literal ``char`` matches, or None.

    An ASCII letter matches its other case (and the Kelvin sign, long s and dotless or dotted i,
    which :func:`kaplint.text.prefilter.fold` folds to it); a character without case matches only
    itself. Other letters end a prefix: their case rules are not worth following here.
    """
    if char.isascii() and char.isalpha():
        return char.lower()
    if char.lower() == char == char.upper() and fold(char) == char:
        return char
    return None


def _class_chars(items: list[Any]) -> list[str] | None:
    """The folded members of a character class of a few literals and ranges, or None."""
    chars: set[str] = set()
    for op, value in items:
        if op is sre_constants.LITERAL:
            members: Iterable[int] = (value,)
        elif op is sre_constants.RANGE and value[1] - value[0] < _MAX_SET:
            members = range(value[0], value[1] + 1)
        else:
            return None  # a category (\w, \s), a negated class, a wide range
        for code in members:
            folded = _fold_char(chr(code))
            if folded is None:
                return None
            chars.add(folded)
    return sorted(chars) if 0 < len(chars) <= _MAX_SET else None


def _is_digit_class(items: list[Any]) -> bool:
    return items == [(sre_constants.CATEGORY, sre_constants.CATEGORY_DIGIT)]


def _marks_word_start(op: Any, value: Any) -> bool:
    """Whether a zero-width item at a match's start means the match starts a word, when its
    first character is a letter: ``(?<![\\w])`` (or a class holding ``\\w``), ``\\b``, ``^``."""
    if op is sre_constants.AT:
        return value in (sre_constants.AT_BOUNDARY, sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING)
    if op is sre_constants.ASSERT_NOT:
        direction, body = value
        items = list(body)
        return (
            direction == -1
            and len(items) == 1
            and items[0][0] is sre_constants.IN
            and (sre_constants.CATEGORY, sre_constants.CATEGORY_WORD) in items[0][1]
            and not any(op is sre_constants.NEGATE for op, _ in items[0][1])
        )
    return False


def _gap_width(items: Sequence[Any]) -> int | None:
    """The fewest characters a sequence of parsed items matches, when every character it can
    match is white space or a hyphen (the gap between two words of a term); None otherwise."""
    width = 0
    for op, value in items:
        if op is sre_constants.LITERAL:
            if chr(value) not in _GAP_CHARACTERS and not chr(value).isspace():
                return None
            width += 1
        elif op is sre_constants.IN:
            if not all(
                (kind is sre_constants.CATEGORY and member is sre_constants.CATEGORY_SPACE)
                or (kind is sre_constants.LITERAL and (chr(member) in _GAP_CHARACTERS or chr(member).isspace()))
                for kind, member in value
            ):
                return None
            width += 1
        elif op is sre_constants.SUBPATTERN:
            inner = _gap_width(_items(value[-1]))
            if inner is None:
                return None
            width += inner
        elif op is sre_constants.BRANCH:
            widths = [_gap_width(_items(branch)) for branch in value[1]]
            if any(inner is None for inner in widths):
                return None
            width += min(widths)  # type: ignore[type-var]
        elif op in _REPEATS:
            inner = _gap_width(_items(value[2]))
            if inner is None:
                return None
            width += value[0] * inner
        else:
            return None
    return width


def _opens_text(op: Any, value: Any, flags: int) -> bool:
    """Whether a zero-width item at a match's start ties the match to the start of the text."""
    if op is not sre_constants.AT:
        return False
    return value is sre_constants.AT_BEGINNING_STRING or (value is sre_constants.AT_BEGINNING and not flags & re.MULTILINE)


def _union(parts: Iterable[_Found | None]) -> _Found | None:
    found: set[tuple[str, str]] = set()
    for part in parts:
        if part is None:
            return None
        found |= part
        if len(found) > _MAX_ANCHORS:
            return None
    return frozenset(found)


def _end(word_start: bool, prefix: str) -> _Found | None:
    """The prefix read so far as the anchor of a match; None when nothing was read."""
    if not prefix:
        return None
    kind = _WORD if word_start and _LETTERS.match(prefix) is not None else _ANYWHERE
    return frozenset({(kind, prefix)})


class _TooLong(Exception):
    """A pattern's reading took more steps than its budget."""


class _Reader:
    """Reads how the matches of a pattern begin (see :class:`Anchors`).

    A ``refined`` reading also follows a short word into the next one (pairs) and an optional
    part into what comes after it; with each alternative these multiply, so the refined reading
    has a budget of steps, and a pattern that exceeds it is read plainly instead.

    The same part of a pattern is often read again from the same place with the same prefix
    (every short word of ``(?:a|an|the)\\s+(?:...)`` reads the words after it), so each answer is
    kept, with the steps it took: a repeated reading adds those steps to the count, and the
    budget runs out exactly where reading it again would have run it out. One reader reads one
    parsed pattern, which its caller keeps alive, so the parts are told apart by identity.
    """

    STEPS = 3000

    def __init__(self, refined: bool) -> None:
        self.refined = refined
        self.steps = 0
        self._read: dict[tuple[Any, ...], tuple[_Found | None, int]] = {}

    def walk(self, items: Sequence[Any], position: int, rest: tuple[_Frame, ...], flags: int, word_start: bool, prefix: str) -> _Found | None:
        """How a match begins that goes on with ``items`` from ``position`` (read with ``flags``)
        and then with each (items, position, flags) of ``rest`` in turn, having read ``prefix``
        (folded) so far; ``word_start``: the match starts a word."""
        key = (id(items), position, tuple((id(frame), at, frame_flags) for frame, at, frame_flags in rest), flags, word_start, prefix)
        known = self._read.get(key)
        if known is not None:
            found, steps = known
            self.steps += steps
            if self.refined and self.steps > self.STEPS:
                raise _TooLong
            return found
        before = self.steps
        found = self._walk(items, position, rest, flags, word_start, prefix)
        self._read[key] = (found, self.steps - before)
        return found

    def _walk(self, items: Sequence[Any], position: int, rest: tuple[_Frame, ...], flags: int, word_start: bool, prefix: str) -> _Found | None:
        """:meth:`walk`, read."""
        self.steps += 1
        if self.refined and self.steps > self.STEPS:
            raise _TooLong
        while True:
            if position == len(items):
                if not rest:
                    return _end(word_start, prefix)
                (items, position, flags), rest = rest[0], rest[1:]
                continue
            op, value = items[position]
            position += 1
            if self.refined and op is not sre_constants.LITERAL and word_start and _LETTERS.fullmatch(prefix) and _gap_width(((op, value),)):
                # a whole word, then a gap of white space or hyphens: the rest starts after all of it
                pairs = self._pairs(prefix, ((items, position, flags), *rest), flags)
                if pairs is not None:
                    return pairs
            if op is sre_constants.LITERAL:
                char = _fold_char(chr(value))
                if char is None:
                    return _end(word_start, prefix)
                prefix += char
            elif op is sre_constants.IN:
                if not prefix and _is_digit_class(value):
                    return frozenset({(_DIGIT, "")})
                chars = _class_chars(value)
                if chars is None:
                    return _end(word_start, prefix)
                if len(chars) > 1:
                    following = ((items, position, flags), *rest)
                    return _union(self.walk((), 0, following, flags, word_start, prefix + char) for char in chars)
                prefix += chars[0]
            elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                if not prefix and _opens_text(op, value, flags):
                    return frozenset({(_TEXT_START, "")})
                if not prefix and op is sre_constants.ASSERT and value[0] == 1:
                    # A look-ahead at the start ("(?=n't)") says what the text there begins with.
                    ahead = self.walk(_items(value[1]), 0, (), flags, word_start, "")
                    if ahead is not None:
                        return ahead
                if not prefix and _marks_word_start(op, value):
                    word_start = True
                continue  # reads nothing
            elif op is sre_constants.SUBPATTERN:
                _group, add_flags, del_flags, body = value
                rest = ((items, position, flags), *rest)
                items, position = _items(body), 0
                flags = (flags | add_flags) & ~del_flags
                continue
            elif op is sre_constants.BRANCH:
                following = ((items, position, flags), *rest)
                return _union(self.walk(_items(branch), 0, following, flags, word_start, prefix) for branch in value[1])
            elif op in _REPEATS:
                return self._repeat(value, ((items, position, flags), *rest), flags, word_start, prefix)
            else:
                return _end(word_start, prefix)  # a category, any character, a back-reference ...
            if len(prefix) >= _MAX_PREFIX:
                return _end(word_start, prefix)

    def _repeat(self, value: Any, following: tuple[_Frame, ...], flags: int, word_start: bool, prefix: str) -> _Found | None:
        low, high, body = value
        body = _items(body)
        # A refined reading follows an optional part ("(?:the\\s+)?") into the rest of the
        # pattern; otherwise, and after the first pass through a body that repeats, the prefix ends.
        rest = following if self.refined and high == 1 else ()
        entered = self.walk(body, 0, rest, flags, word_start, prefix) if high > 0 else frozenset()
        if low > 0:
            return entered
        return _union((entered, self.walk((), 0, following, flags, word_start, prefix)))

    def _pairs(self, word: str, following: tuple[_Frame, ...], flags: int) -> _Found | None:
        """Pairs of a short word that starts a match and what the next word begins with, when the
        pattern goes on after the word with a gap (``\\s+``, or hyphens) and then letters: a match of
        ``(?:an?|the)\\s+(?:excellent|optimal)`` starts only where "a", "an" or "the" is followed by
        such a word, which is far rarer than the short word alone."""
        after = self.walk((), 0, following, flags, True, "")
        if after is None or any(kind not in (_WORD, _PAIR) for kind, _ in after):
            return None
        # the next word's first letters (of a pair that follows, its first word; "can't": "can")
        return frozenset((_PAIR, f"{word} {_LEADING_LETTERS.match(second.split(' ')[0]).group()}") for _, second in after)  # type: ignore[union-attr]


def _items(pattern: Any) -> Sequence[Any]:
    """The items of a parsed (sub)pattern, without going through its item-by-item access."""
    return getattr(pattern, "data", pattern)  # type: ignore[no-any-return]


# Anchors by pattern, keyed by identity: hashing a compiled pattern hashes its whole program,
# which for a large alternation costs more than the lookup saves. The pattern is kept with its
# entry, so its id is never reused while the entry stands.
_ANCHORS: dict[int, tuple[re.Pattern[str], Anchors | None]] = {}
_ANCHORS_LIMIT = 8192


def pattern_anchors(pattern: re.Pattern[str]) -> Anchors | None:
    """The :class:`Anchors` of a compiled pattern, or None when it has none that can be read
    (it may start with a word class or any character, or match the empty string)."""
    entry = _ANCHORS.get(id(pattern))
    if entry is not None and entry[0] is pattern:
        return entry[1]
    if len(_ANCHORS) >= _ANCHORS_LIMIT:
        _ANCHORS.clear()
    anchors = _read_anchors(pattern)
    _ANCHORS[id(pattern)] = (pattern, anchors)
    return anchors


def _read_anchors(pattern: re.Pattern[str]) -> Anchors | None:
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern Python compiled parses again; this is belt and braces
        return None
    if parsed.getwidth()[0] < 1:
        return None  # an empty match changes how finditer moves on
    try:
        found = _Reader(refined=True).walk(_items(parsed), 0, (), parsed.state.flags, False, "")
    except _TooLong:
        found = _Reader(refined=False).walk(_items(parsed), 0, (), parsed.state.flags, False, "")
    if found is None:
        return None
    return Anchors(
        word_prefixes=frozenset(prefix for kind, prefix in found if kind == _WORD),
        prefixes=frozenset(prefix for kind, prefix in found if kind == _ANYWHERE),
        digits=(_DIGIT, "") in found,
        text_start=(_TEXT_START, "") in found,
        word_pairs=frozenset(tuple(pair.split(" ")) for kind, pair in found if kind == _PAIR),  # type: ignore[misc]
    )


# Searching ---------------------------------------------------------------------
# Costs measured on this engine, in nanoseconds: reading a text costs a pattern about
# _READ_NS per character plus _READ_PER_PREFIX_NS for each alternative it tries there, and
# trying it at one candidate position about _TRY_NS. With more candidates than that pays for,
# the text is read instead (the matches are the same either way).
_READ_NS = 20
_READ_PER_PREFIX_NS = 3
_TRY_NS = 500


def _candidate_budget(anchors: Anchors, length: int) -> float:
    """How many candidate positions trying ``anchors``' pattern at is cheaper than reading ``length`` characters."""
    return length * (_READ_NS + _READ_PER_PREFIX_NS * anchors.alternatives) / _TRY_NS


class TextIndex:
    """Where words and literal prefixes stand in one text (folded), worked out when first asked.

    The text may be several texts joined (a document's blocks); ``segment_starts`` then says
    where each begins, and the index also knows which of them hold each word.
    """

    def __init__(self, text: str, segment_starts: list[int] | None = None) -> None:
        folded = fold(text)
        self.aligned = len(folded) == len(text)  # always, for the folding kaplint uses; checked all the same
        self.folded = folded
        self._segment_starts = segment_starts or [0]
        self._words: dict[str, array[int]] | None = None  # arrays: a megabyte holds a hundred thousand words
        self._word_segments: dict[str, list[int]] = {}
        self._vocabulary: list[str] = []
        self._vocabulary_text = ""
        self._vocabulary_starts: list[int] = []
        self._words_with: dict[tuple[bool, str], list[str]] = {}
        self._prefix_positions: dict[tuple[bool, str], Sequence[int]] = {}
        self._digits: list[int] | None = None
        self._next_words: dict[str, dict[str, array[int]]] = {}

    def _word_positions(self) -> dict[str, array[int]]:
        """Each distinct word (run of letters) and the sorted positions where it starts."""
        if self._words is None:
            words: dict[str, array[int]] = {}
            segments = self._word_segments
            starts = self._segment_starts
            segment, following = 0, (starts[1] if len(starts) > 1 else len(self.folded) + 1)
            for found in _LETTERS.finditer(self.folded):
                position, word = found.start(), found.group()
                while position >= following:
                    segment += 1
                    following = starts[segment + 1] if segment + 1 < len(starts) else len(self.folded) + 1
                positions = words.get(word)
                if positions is None:
                    words[word] = array("q", (position,))
                    segments[word] = [segment]
                else:
                    positions.append(position)
                    if segments[word][-1] != segment:
                        segments[word].append(segment)
            self._words = words
            self._vocabulary = sorted(words)
            # the vocabulary as one text, to find the words holding some letters with str.find
            self._vocabulary_text = "\n".join(self._vocabulary)
            offset = 0
            for word in self._vocabulary:
                self._vocabulary_starts.append(offset)
                offset += len(word) + 1
        return self._words

    def words_with(self, letters: str, word_start: bool) -> list[str]:
        """The words that start with ``letters`` (``word_start``) or hold them anywhere."""
        key = (word_start, letters)
        words = self._words_with.get(key)
        if words is None:
            self._word_positions()
            words = self._words_with[key] = self._starting(letters) if word_start else self._holding(letters)
        return words

    def _starting(self, letters: str) -> list[str]:
        words = []
        for word in self._vocabulary[bisect.bisect_left(self._vocabulary, letters) :]:
            if not word.startswith(letters):
                break
            words.append(word)
        return words

    def _holding(self, letters: str) -> list[str]:
        words = []
        position = self._vocabulary_text.find(letters)
        while position != -1:
            number = bisect.bisect_right(self._vocabulary_starts, position) - 1
            words.append(self._vocabulary[number])
            following = self._vocabulary_starts[number] + len(self._vocabulary[number]) + 1  # this word is listed
            position = self._vocabulary_text.find(letters, following)
        return words

    def segments_holding(self, runs: Iterable[str]) -> set[int]:
        """The segments whose folded text holds one of ``runs`` (runs of letters, as a prefilter's)."""
        self._word_positions()
        return set().union(*(self._word_segments[word] for run in runs for word in self.words_with(run, False)))

    def occurrence_count(self, runs: Iterable[str]) -> int:
        """About how many times the letter ``runs`` stand in the text (counted by word, not read)."""
        words = self._word_positions()
        return sum(len(words[word]) * word.count(run) for run in runs for word in self.words_with(run, False))

    def prefix_positions(self, word_start: bool, prefix: str) -> Sequence[int]:
        """Sorted positions where ``prefix`` stands (at the start of a word, if ``word_start``)."""
        key = (word_start, prefix)
        positions = self._prefix_positions.get(key)
        if positions is None:
            letters = _LEADING_LETTERS.match(prefix).group()  # type: ignore[union-attr]
            words = self.words_with(letters, word_start) if letters else []
            if word_start and letters == prefix and len(words) == 1:
                positions = self._word_positions()[words[0]]  # one word: its own positions
            else:
                positions = array("q", sorted(self._find(word_start, prefix)))
            self._prefix_positions[key] = positions
        return positions

    def _find(self, word_start: bool, prefix: str) -> Iterator[int]:
        letters = _LEADING_LETTERS.match(prefix).group()  # type: ignore[union-attr]
        if not letters:
            yield from self._occurrences(prefix)
            return
        words = self._word_positions()
        whole = len(letters) < len(prefix)  # a non-letter follows: the word ends with these letters
        for word in self.words_with(letters, word_start):
            if word_start:
                if not whole or word == letters:
                    yield from words[word]
                continue
            offset = word.find(letters)
            while offset != -1:
                if not whole or offset + len(letters) == len(word):
                    yield from (start + offset for start in words[word])
                offset = word.find(letters, offset + 1)

    def _occurrences(self, literal: str) -> Iterator[int]:
        position = self.folded.find(literal)
        while position != -1:
            yield position
            position = self.folded.find(literal, position + 1)

    def pair_positions(self, first: str, seconds: tuple[str, ...]) -> list[int]:
        """Positions of the word ``first`` where the next word, after white space and hyphens only, begins
        with one of ``seconds``."""
        found: list[int] = []
        for following, positions in self._followers(first).items():
            if following.startswith(seconds):
                found += positions
        return found

    def _followers(self, first: str) -> dict[str, array[int]]:
        """Each word that follows the word ``first`` after white space or hyphens, and the positions of
        ``first`` where it does."""
        followers = self._next_words.get(first)
        if followers is None:
            length = len(first)
            followers = {}
            for position in self._word_positions().get(first, ()):
                following = _NEXT_WORD.match(self.folded, position + length)
                if following is not None:
                    positions = followers.get(following.group(1))
                    if positions is None:
                        followers[following.group(1)] = array("q", (position,))
                    else:
                        positions.append(position)
            self._next_words[first] = followers
        return followers

    def digit_positions(self) -> list[int]:
        """Positions of the decimal digits (``\\d``)."""
        if self._digits is None:
            self._digits = [found.start() for found in _DIGIT_CHARACTER.finditer(self.folded)]
        return self._digits

    def candidates(self, anchors: Anchors) -> list[int]:
        """Sorted positions (some perhaps twice) where a match with ``anchors`` may start, besides
        the start of the text itself (:attr:`Anchors.text_start`, which the caller adds)."""
        found: list[int] = []
        if anchors.digits:
            found += self.digit_positions()
        words = self._word_positions()
        for prefix in anchors.word_prefixes:
            # each word starting so, from its own positions (a word two prefixes share comes twice)
            letters = _LEADING_LETTERS.match(prefix).group()  # type: ignore[union-attr]
            whole = len(letters) < len(prefix)
            for word in self.words_with(letters, True):
                if not whole or word == letters:
                    found += words[word]
        for prefix in anchors.prefixes:
            found += self.prefix_positions(False, prefix)
        seconds: dict[str, list[str]] = {}
        for first, second in anchors.word_pairs:
            seconds.setdefault(first, []).append(second)
        for first, following in seconds.items():
            found += self.pair_positions(first, tuple(following))
        found.sort()  # runs already in order: merged, not sorted from scratch
        return found

    def starts(self, pattern: re.Pattern[str]) -> list[int] | None:
        """Sorted positions where a match of ``pattern`` may start (a superset of where one does),
        or None when the pattern should read the whole text (no anchors, or too many candidates)."""
        anchors = pattern_anchors(pattern) if ANCHORS_ON and self.aligned else None
        if anchors is None:
            return None
        found = self.candidates(anchors)
        if anchors.text_start:
            found.insert(0, 0)
        return found if len(found) <= _candidate_budget(anchors, len(self.folded)) else None


def finditer_at(
    pattern: re.Pattern[str], text: str, starts: list[int], pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text, pos, endpos)``, trying the pattern only at ``starts``.

    ``starts`` (sorted; a position may repeat) must hold every position where a match can start,
    as :meth:`TextIndex.starts` gives them, and the pattern must not match the empty string: then
    the first position at or after where the last match ended at which the pattern matches is
    where ``finditer`` finds its next match, and the match is the same.
    """
    end = len(text) if endpos is None else min(endpos, len(text))
    resume = pos
    for number in range(bisect.bisect_left(starts, pos), len(starts)):
        start = starts[number]
        if start >= end:
            break
        if start < resume:
            continue
        found = pattern.match(text, start, end)
        if found is not None:
            yield found
            resume = found.end()


class DocumentIndex:
    """One :class:`TextIndex` of all the blocks of a document, answering block by block.

    A pattern with anchors is tried only where one of its matches may start, in the blocks that
    hold one of the literal runs every match contains (its prefilter,
    :mod:`kaplint.text.prefilter`): its matches in every block come from one pass over those
    places, instead of a visit to each block and a reading of those its prefilter lets through.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.offsets: list[int] = []  # where each block starts in the joined text
        position = 0
        for text in texts:
            self.offsets.append(position)
            position += len(text) + 1
        self.index = TextIndex("\n".join(texts), self.offsets)  # a newline between blocks: no word runs across it
        # the candidates of the patterns searched span by span (sentence by sentence), by id (see _ANCHORS)
        self._kept: dict[int, tuple[re.Pattern[str], array[int] | None]] = {}

    def candidates(self, pattern: re.Pattern[str]) -> list[int] | None:
        """Sorted positions in the joined text where a match of ``pattern`` may start in its block
        (every block's start, for a pattern that opens with ``^``); None when the pattern should
        read the blocks instead (no anchors, or too many candidates)."""
        anchors = pattern_anchors(pattern) if ANCHORS_ON and self.index.aligned else None
        if anchors is None:
            return None
        found = self.index.candidates(anchors)
        if anchors.text_start:
            found = sorted(found + self.offsets)
        return found if len(found) <= _candidate_budget(anchors, len(self.index.folded)) else None

    def span_starts(self, pattern: re.Pattern[str], block: int, start: int, end: int) -> list[int] | None:
        """Where in the text of block ``block`` from ``start`` to ``end``, taken as a text of its own,
        a match of ``pattern`` may start (its first position always, as a text's first word starts
        a word); None when the pattern should read it (see :meth:`candidates`)."""
        entry = self._kept.get(id(pattern))
        if entry is None or entry[0] is not pattern:
            if len(self._kept) >= _KEPT_CANDIDATES:
                self._kept.clear()
            found = self.candidates(pattern)
            entry = self._kept[id(pattern)] = (pattern, None if found is None else array("q", found))
        found = entry[1]
        if found is None:
            return None
        base = self.offsets[block] + start
        low, high = bisect.bisect_left(found, base), bisect.bisect_left(found, self.offsets[block] + end)
        return [0, *(position - base for position in found[low:high] if position != base)]

    def block_matches(self, pattern: re.Pattern[str], runs: frozenset[str] | None = None) -> dict[int, list[re.Match[str]]] | None:
        """The matches of ``pattern.finditer`` in each block that has some, by block; None when the
        pattern should read the blocks instead (see :meth:`candidates`)."""
        found = self.candidates(pattern)
        if found is None:
            return None
        held = self.index.segments_holding(runs) if runs is not None and prefilter.PREFILTERS_ON else None
        matches: dict[int, list[re.Match[str]]] = {}
        if held is not None and len(held) * 4 < len(found):
            for block in sorted(held):  # a rare run: visit its blocks
                start = self.offsets[block]
                low, high = bisect.bisect_left(found, start), bisect.bisect_left(found, start + len(self.texts[block]))
                self._match_block(pattern, block, [position - start for position in found[low:high]], matches)
            return matches
        block, following, resume = -1, 0, 0
        for position in found:
            if position >= following:
                block = bisect.bisect_right(self.offsets, position) - 1
                following = self.offsets[block + 1] if block + 1 < len(self.offsets) else len(self.index.folded) + 1
                resume = 0
                skip = held is not None and block not in held
            offset = position - self.offsets[block]
            if skip or offset < resume or offset >= len(self.texts[block]):
                continue
            match = pattern.match(self.texts[block], offset)
            if match is not None:
                matches.setdefault(block, []).append(match)
                resume = match.end()
        return matches

    def _match_block(self, pattern: re.Pattern[str], block: int, starts: list[int], matches: dict[int, list[re.Match[str]]]) -> None:
        found = list(finditer_at(pattern, self.texts[block], starts))
        if found:
            matches[block] = found


_MEMO_KEY = "anchors"
# Below this many characters of prose, asking each block's prefilters costs less than indexing
# the document (tests lower it, to run the indexed search on small documents).
ANCHORED_MIN_CHARACTERS = 50_000


def document_index(document: Any) -> DocumentIndex | None:
    """The document's :class:`DocumentIndex`, built once and shared by every rule; None for a
    document short enough to search block by block."""
    if _MEMO_KEY not in document.memo:
        texts = [block.text for block in document.blocks]
        long_enough = ANCHORS_ON and sum(len(text) for text in texts) >= ANCHORED_MIN_CHARACTERS
        document.memo[_MEMO_KEY] = DocumentIndex(texts) if long_enough else None
    return document.memo[_MEMO_KEY]  # type: ignore[no-any-return]


# A span of a block at least this long (a sentence of a thousand words) is searched at its anchors;
# a shorter one when reading it would cost a pattern more than a look-up of its places and a try
# or two (about _SPAN_NS nanoseconds, see _candidate_budget).
LONG_SPAN = 4096
_SPAN_NS = 4000
_KEPT_CANDIDATES = 64  # patterns whose candidates a document index keeps for span searches


def span_finditer(index: DocumentIndex | None, pattern: re.Pattern[str], block: int, start: int, text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, where ``text`` is the text of block ``block`` from
    ``start`` on (a sentence, say): a long one, or one a large pattern would read slowly, is tried
    only where the document's index says a match may start."""
    starts = None
    if index is not None and (len(text) >= LONG_SPAN or _costly_to_read(pattern, len(text))):
        starts = index.span_starts(pattern, block, start, start + len(text))
    return pattern.finditer(text) if starts is None else finditer_at(pattern, text, starts)


def _costly_to_read(pattern: re.Pattern[str], length: int) -> bool:
    """Whether reading ``length`` characters costs ``pattern`` more than trying it at its places."""
    anchors = pattern_anchors(pattern) if ANCHORS_ON else None
    if anchors is None:
        return False
    return length * (_READ_NS + _READ_PER_PREFIX_NS * anchors.alternatives) > _SPAN_NS


def span_search(index: DocumentIndex | None, pattern: re.Pattern[str], block: int, start: int, text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a span of a block (see :func:`span_finditer`)."""
    return next(span_finditer(index, pattern, block, start, text), None)


class BlockSearch:
    """How one pattern searches the blocks of one document.

    With the document's :class:`DocumentIndex`, a pattern with anchors has its matches in every
    block found at once, and :attr:`blocks` lists the blocks that have some; one without anchors
    (or matched sentence by sentence, ``per_sentence``) still visits only the blocks holding one
    of its literal ``runs``, found from the index's vocabulary. Without the index (a short
    document), or for a pattern with neither, :attr:`blocks` is None and the caller asks each
    block's prefilter, as before. Either way :meth:`finditer` gives exactly what
    ``pattern.finditer(text)`` gives.
    """

    def __init__(
        self, index: DocumentIndex | None, pattern: re.Pattern[str], runs: frozenset[str] | None = None, per_sentence: bool = False
    ) -> None:
        self.pattern = pattern
        self._matches = None if index is None or per_sentence else index.block_matches(pattern, runs)
        self.blocks: list[int] | None = None
        if self._matches is not None:
            self.blocks = sorted(self._matches)
        elif index is not None and runs is not None and prefilter.PREFILTERS_ON:
            self.blocks = sorted(index.index.segments_holding(runs))
        self._visited = None if self.blocks is None else frozenset(self.blocks)

    @property
    def narrowed(self) -> bool:
        """Whether :attr:`blocks` lists the only blocks the pattern can match in."""
        return self._visited is not None

    def may_match(self, block: int) -> bool:
        """Whether the pattern may match in block ``block`` (always, when not narrowed down)."""
        return self._visited is None or block in self._visited

    def finditer(self, block: int, text: str) -> Iterator[re.Match[str]]:
        """The matches of the pattern in block ``block``, whose text is ``text``."""
        if self._matches is None:
            return self.pattern.finditer(text)
        return iter(self._matches.get(block, ()))
