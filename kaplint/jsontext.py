"""Indented JSON text, the same as ``json.dumps(value, indent=2, ensure_ascii=False)``, faster.

With ``indent`` the standard library falls back from its C encoder to a Python
generator that yields every bracket and comma separately; for a report of a
thousand files that took most of a cached run. This encoder builds the same
text with one list of pieces and the C string escaper. Anything it does not
know (other key types, custom objects) is left to the standard library.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring  # C escaper, as ensure_ascii=False uses
from typing import Any

_INFINITY = float("inf")


class _Unsupported(Exception):
    """A value the fast path does not handle; the standard encoder is used instead."""


def dumps(value: Any, indent: int = 2) -> str:
    """``json.dumps(value, indent=indent, ensure_ascii=False)``."""
    parts: list[str] = []
    try:
        _encode(value, parts, "\n", " " * indent)
    except _Unsupported:
        return json.dumps(value, indent=indent, ensure_ascii=False)
    return "".join(parts)


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return '"' + int.__repr__(key) + '"'
    if isinstance(key, float):
        return '"' + _float(key) + '"'
    raise _Unsupported


def _encode(value: Any, parts: list[str], newline: str, step: str) -> None:
    # The order of these checks is the standard encoder's (bool before int, str subclasses as str).
    if isinstance(value, str):
        parts.append(encode_basestring(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        parts.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + step
        parts.append("[" + inner)
        for number, item in enumerate(value):
            if number:
                parts.append("," + inner)
            _encode(item, parts, inner, step)
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + step
        parts.append("{" + inner)
        for number, (key, item) in enumerate(value.items()):
            if number:
                parts.append("," + inner)
            parts.append(_key(key) + ": ")
            _encode(item, parts, inner, step)
        parts.append(newline + "}")
    else:
        raise _Unsupported
