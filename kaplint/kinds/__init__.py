"""The closed set of check kinds that YAML rules can use."""

from __future__ import annotations

from kaplint.kinds.base import CheckContext, Kind, Param, ParamError
from kaplint.kinds.input import InputKind
from kaplint.kinds.phrase import PhraseKind

KINDS: dict[str, Kind] = {kind.name: kind for kind in (PhraseKind(), InputKind())}

__all__ = ["KINDS", "CheckContext", "Kind", "Param", "ParamError"]
