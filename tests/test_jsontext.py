"""The fast indented JSON encoder writes exactly what the standard library writes."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kaplint import jsontext

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
)
keys = st.one_of(st.text(max_size=10), st.integers(), st.booleans(), st.none(), st.floats().filter(lambda value: not math.isnan(value)))
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.tuples(children), st.dictionaries(keys, children, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=values)
def test_same_text_as_the_standard_library(value: object) -> None:
    assert jsontext.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_unknown_values_are_left_to_the_standard_library() -> None:
    import pytest

    for value in ({(1, 2): 3}, {"a": object()}, [1, {1j}]):
        with pytest.raises(TypeError) as expected:
            json.dumps(value, indent=2, ensure_ascii=False)
        with pytest.raises(TypeError) as got:
            jsontext.dumps(value)
        assert str(got.value) == str(expected.value)
