"""The reading of a denial before a match (negation.is_denied) answers as the whole-window
reading it replaced: "non-" found from the end, and clause breaks searched from the last
one-character break on before the whole window is."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from kaplint.text import negation
from kaplint.text.negation import is_denied, is_negated

_PREFIX_DENIAL = re.compile(r"\bnon[\s\u2010\u2011-]*$", re.IGNORECASE)


def _is_denied_reading_the_whole_window(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 200) : start]
    if _PREFIX_DENIAL.search(before) or negation._SUFFIX_DENIAL.search(text[end : end + 12]):
        return True
    breaks = list(negation._CLAUSE_BREAK.finditer(before))
    while breaks:
        last = breaks.pop()
        after = before[last.end() :]
        if last.group() == "," and len(after.split()) <= 3 and not negation._CLAUSE_VERB.search(after):
            continue
        before = after
        break
    return is_negated(" ".join(before.split()[-6:]))


def test_white_space_is_what_backslash_s_matches() -> None:
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(code)))
    assert set(negation._WHITE_SPACE) == set(every)


_PIECES = st.sampled_from(
    ["no", "not", "non", "Non", "NON-", "non\u2010", "never", "nausea", "headache", "or", "and", "it", "may", ",", ", ", ".", ". ", "!", "?",
     ";", ":", "\u2014", "(", ")", " - ", " \u2013 ", "\n", " ", "  ", "\u00a0", "but", "so that", "as long as", "not yet", "yet", "if",
     "free", "-free", "x" * 30, "drug", "\u201d", "'", "_"]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.data())
def test_a_denial_is_read_as_before(pieces: list[str], data: st.DataObject) -> None:
    text = " ".join(pieces) if data.draw(st.booleans()) else "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert is_denied(text, start, end) == _is_denied_reading_the_whole_window(text, start, end)
