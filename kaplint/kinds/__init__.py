"""The closed set of check kinds that YAML rules can use."""

from __future__ import annotations

from kaplint.kinds.abbreviation import AbbreviationKind
from kaplint.kinds.balance import BalanceKind
from kaplint.kinds.base import CheckContext, Kind, Param, ParamError
from kaplint.kinds.conditions import ConditionListKind
from kaplint.kinds.disclosure import DisclosureKind
from kaplint.kinds.grammar import GrammarKind
from kaplint.kinds.input import InputKind
from kaplint.kinds.jargon import JargonKind
from kaplint.kinds.phrase import PhraseKind
from kaplint.kinds.preferred import PreferredTermKind
from kaplint.kinds.readability import GradeKind, LengthKind, PassiveKind

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (PhraseKind(), InputKind(), GradeKind(), LengthKind(), PassiveKind(), AbbreviationKind(), JargonKind(), DisclosureKind(), ConditionListKind(), BalanceKind(), PreferredTermKind())
}
KINDS[GrammarKind.name] = GrammarKind()  # grammar and spelling (issue 7)

__all__ = ["KINDS", "CheckContext", "Kind", "Param", "ParamError"]
