"""Adversarial inputs for regular expressions, to catch catastrophic backtracking.

Python's engine backtracks: a pattern such as ``(a+)+$`` takes time exponential
in the length of ``aaaa...a!``, so one crafted line in a document could hang a
lint run. Rule packs are data written by many people, so every pattern is
tried on inputs built to hurt it: for each repeated part of the pattern, a text
that matches the pattern up to that part, then the part repeated many times,
then a character that makes the match fail at the very end (which is what
forces the engine to try every way of splitting the repetition). A safe
pattern answers these in microseconds; a catastrophic one never finishes.

Used by the test suite (``tests/test_pattern_safety.py``), which runs the
searches in a child process and stops it when one pattern takes too long.
"""

from __future__ import annotations

import io
import pickle
import re
from collections.abc import Iterator
from typing import Any

try:  # Python 3.11+
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]

PUMPS = 32  # repetitions of a repeated part: 2**32 ways to split it if the pattern is catastrophic
ENDINGS = ("", "\x00", "!", " a1")
MAX_INPUTS = 24  # per pattern, so checking every rule stays quick
GENERIC_UNITS = ("a", "a ", " ", "1", "a-", ".", "\u200b", "\u202e", "n't ")

_C = _sre_constants
_CATEGORY_SAMPLES = {
    "CATEGORY_DIGIT": "1", "CATEGORY_NOT_DIGIT": "a", "CATEGORY_SPACE": " ", "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a", "CATEGORY_NOT_WORD": " ", "CATEGORY_LINEBREAK": "\n", "CATEGORY_NOT_LINEBREAK": "a",
}


def patterns_in(value: Any, unique: bool = True) -> list[re.Pattern]:
    """Every compiled pattern reachable from ``value`` (rules, compiled parameters ...), in the
    order they are reached; without duplicates unless ``unique`` is false (to compare two graphs
    pattern by pattern)."""
    found: list[re.Pattern] = []

    class Collector(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            if isinstance(obj, re.Pattern):
                found.append(obj)
            return NotImplemented

    Collector(io.BytesIO()).dump(value)
    return list(dict.fromkeys(found)) if unique else found


def _sample_set(items: list[tuple[Any, Any]]) -> str:
    negated = any(op is _C.NEGATE for op, _ in items)
    if negated:
        excluded = {chr(value) for op, value in items if op is _C.LITERAL}
        return next(char for char in ("a", " ", "1", "!", "\x01") if char not in excluded)
    for op, value in items:
        if op is _C.LITERAL:
            return chr(value)
        if op is _C.RANGE:
            return chr(value[0])
        if op is _C.CATEGORY:
            return _CATEGORY_SAMPLES.get(str(value), "a")
    return "a"


def _sample(items: Any, pump: int | None, counter: list[int]) -> str:
    """A text matched by the parsed sequence ``items`` (best effort); the repeat numbered ``pump``
    (in walk order) is repeated :data:`PUMPS` times."""
    parts: list[str] = []
    for op, value in items:
        if op is _C.LITERAL:
            parts.append(chr(value))
        elif op is _C.NOT_LITERAL:
            parts.append("a" if value != ord("a") else "b")
        elif op is _C.IN:
            parts.append(_sample_set(value))
        elif op is _C.ANY:
            parts.append("a")
        elif op is _C.CATEGORY:
            parts.append(_CATEGORY_SAMPLES.get(str(value), "a"))
        elif op is _C.BRANCH:
            # The first alternative, unless the repeat to pump lies in another one.
            texts = []
            chosen = 0
            for number, branch in enumerate(value[1]):
                before = counter[0]
                texts.append(_sample(branch, pump, counter))
                if pump is not None and before <= pump < counter[0]:
                    chosen = number
            parts.append(texts[chosen])
        elif op is _C.SUBPATTERN:
            parts.append(_sample(value[-1], pump, counter))
        elif op is _C.ATOMIC_GROUP:
            parts.append(_sample(value, pump, counter))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
            low, _high, body = value
            number = counter[0]
            counter[0] += 1
            inner = _sample(body, pump, counter)
            parts.append(inner * (PUMPS if number == pump else max(low, 1)))
        # Assertions, anchors and back references add no text.
    return "".join(parts)


def adversarial_inputs(pattern: re.Pattern) -> list[str]:
    """Texts likely to make ``pattern`` backtrack as much as it can (at most :data:`MAX_INPUTS`)."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    parsed = _sre_parser.parse(source, pattern.flags & ~re.DEBUG)
    counter = [0]
    _sample(parsed, None, counter)
    texts: dict[str, None] = {}
    for number in range(counter[0]):
        pumped = _sample(parsed, number, [0])
        for ending in ENDINGS:
            texts.setdefault(pumped + ending)
        if len(texts) >= MAX_INPUTS:
            break
    for unit in GENERIC_UNITS:
        texts.setdefault(unit * PUMPS + "\x00")
    return list(texts)


def run(patterns: list[tuple[str, int]]) -> Iterator[int]:
    """Search every adversarial input of each (pattern, flags); yield each pattern's index when done."""
    for index, (source, flags) in enumerate(patterns):
        compiled = re.compile(source, flags)
        for text in adversarial_inputs(compiled):
            compiled.search(text)
        yield index


def _child() -> None:  # pragma: no cover - runs in the test's child process
    import json
    import sys

    patterns = [tuple(item) for item in json.load(sys.stdin)]
    for index in run(patterns):  # type: ignore[arg-type]
        print(index, flush=True)


if __name__ == "__main__":  # pragma: no cover
    _child()
