"""Negation: whether the words before a phrase deny it.

Shared by the phrase kind ("ketamine is *not* a cure" is no cure claim), the
statement finder of the disclosure rules ("there is *no* risk of addiction"
is no misuse warning), and the balance and condition-list kinds.
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


# A contrast denies only the phrase right after it: "temporary rather than a permanent cure",
# but not "we chose ketamine rather than ECT because it cures depression".
_CONTRAST_BEFORE = re.compile(r"\b(?:rather\s+than|instead\s+of)(?:\s+(?:a|an|the|any))?\s*$", re.IGNORECASE)


def is_negated(clause: str) -> bool:
    """True when ``clause`` (the words before a match) denies what follows."""
    cleaned = _NOT_A_DENIAL.sub(" ", clause)
    return bool(_NEGATOR.search(cleaned) or _CONTRAST_BEFORE.search(cleaned))


# Clause boundaries for negation: the end of a sentence or line, punctuation, and the
# conjunctions that start a new clause, so "Do not take ketamine if you are pregnant" keeps
# "pregnant" affirmed and "Tiredness is not rare. There are no ..." does not deny the second sentence.
_CLAUSE_BREAK = re.compile(
    r"[.!?](?=[\s\"'\u201d\u2019)\]]|$)|\n|[,;:\u2014()]|\s[\u2013-]\s|\b(?:but|however|although|though|(?<!\bnot\s)(?<!\bnor\s)yet|whereas|while|if|because|since|when|"
    r"whenever|unless|until|so\s+that|as\s+long\s+as)\b",
    re.IGNORECASE,
)
_NEGATION_WINDOW_WORDS = 6
_LOOKBACK_CHARACTERS = 200  # a clause is never longer; bounds the work on run-on "sentences"
_LIST_MEMBER_WORDS = 3
# Words that start a new clause after a comma rather than continue a list ("..., and it doesn't help").
_CLAUSE_VERB = re.compile(
    r"\b(?:may|might|can|could|will|would|is|are|was|were|feel|feels|get|gets|have|has|cause|causes|"
    r"it|you|they|we|he|she|this|that|these|those|there|i)\b",
    re.IGNORECASE,
)
_SUFFIX_DENIAL = re.compile(r"^[\s\u2010\u2011-]*free\b", re.IGNORECASE)


# White space as ``\\s`` matches it (str.isspace), and the hyphens "non-" may stand before.
_WHITE_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_AFTER_NON = _WHITE_SPACE + "\u2010\u2011-"
_WORD_CHARACTER = re.compile(r"\w")
# Breaks of one character, which no longer break contains: a search for breaks that starts at one
# of them finds exactly the breaks a search of the whole text finds from there on.
_UP_TO_LAST_SINGLE_BREAK = re.compile(r".*[,;:\u2014().!?]", re.DOTALL)


def is_denied(text: str, start: int, end: int) -> bool:
    """Whether the occurrence ``text[start:end]`` is denied where it stands.

    The clause is read back to its start; across commas that only separate list
    members ("no nausea, headache or dizziness"), the list's negation carries over.
    """
    before = text[max(0, start - _LOOKBACK_CHARACTERS) : start]
    if _ends_with_non(before) or _SUFFIX_DENIAL.search(text[end : end + 12]):
        return True
    clause = " ".join(_clause_before(before).split()[-_NEGATION_WINDOW_WORDS:])
    return is_negated(clause)


def _ends_with_non(before: str) -> bool:
    """Whether ``before`` ends with the word "non" and hyphens or white space ("non-", "non "):
    what ``\\bnon[\\s\\u2010\\u2011-]*$`` finds, read from the end instead of searched for from the start."""
    rest = before.rstrip(_AFTER_NON)
    return rest[-3:].lower() == "non" and (len(rest) == 3 or _WORD_CHARACTER.match(rest[-4]) is None)


def _clause_before(before: str) -> str:
    """The part of ``before`` after its last clause break, a list member's comma aside.

    The breaks from the last one-character break on (a comma, a full stop ...) decide it unless
    they are all list commas; only then is the whole of ``before`` searched.
    """
    last = _UP_TO_LAST_SINGLE_BREAK.match(before)
    if last is not None:
        clause = _after_last_break(before, list(_CLAUSE_BREAK.finditer(before, last.end() - 1)))
        if clause is not None:
            return clause
    clause = _after_last_break(before, list(_CLAUSE_BREAK.finditer(before)))
    return before if clause is None else clause


def _after_last_break(before: str, breaks: list[re.Match[str]]) -> str | None:
    """The text after the last of ``breaks`` that ends a clause (None: each is a list comma)."""
    while breaks:
        last = breaks.pop()
        after = before[last.end() :]
        if last.group() == "," and len(after.split()) <= _LIST_MEMBER_WORDS and not _CLAUSE_VERB.search(after):
            # A list member: the negation, if any, stands before the list.
            continue
        return after
    return None
