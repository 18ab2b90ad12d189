"""Negation: whether the words before a phrase deny it.

Shared by the phrase kind ("ketamine is *not* a cure" is no cure claim) and
the statement finder of the disclosure rules ("there is *no* risk of
addiction" is no misuse warning).
"""

from __future__ import annotations

import re

# Words that turn the rest of their clause into a denial.
_NEGATOR = re.compile(
    r"\b(?:not|no|never|cannot|can't|can['\u2019]t|without|neither|nor|nothing|none|nobody|"
    r"isn['\u2019]t|aren['\u2019]t|wasn['\u2019]t|weren['\u2019]t|don['\u2019]t|doesn['\u2019]t|"
    r"didn['\u2019]t|won['\u2019]t|wouldn['\u2019]t|shouldn['\u2019]t|hasn['\u2019]t|haven['\u2019]t|"
    r"unlikely|untrue|myth)\b",
    re.IGNORECASE,
)
# Negator phrases that do not deny what follows.
_NOT_A_DENIAL = re.compile(
    r"\b(?:not\s+only|not\s+just|no\s+doubt|no\s+wonder|no\s+question|nothing\s+but|nothing\s+short\s+of|without\s+(?:a|any)\s+doubt|"
    r"never\s+been\s+(?:easier|better)|don['\u2019]t\s+worry|no\s+longer|no\s+more\s+than)\b",
    re.IGNORECASE,
)


def is_negated(clause: str) -> bool:
    """True when ``clause`` (the words before a match) denies what follows."""
    cleaned = _NOT_A_DENIAL.sub(" ", clause)
    return bool(_NEGATOR.search(cleaned))
