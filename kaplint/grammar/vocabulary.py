"""The domain's own words, which spelling checkers must never report as misspellings.

The bundled list (``rules/data/medical-vocabulary.txt``) covers ketamine, esketamine,
Spravato, KAP, NMDA, REMS and the like; a project adds its own words with
``[tool.kaplint.vocabulary] accept``. Plurals and possessives of an entry are accepted
too, because engines report "troches" and "Spravato's" as words of their own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_WORD_SPLIT = re.compile(r"[\s/]+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def load_word_list(path: Path) -> frozenset[str]:
    """The lower-case words and phrases of a vocabulary file ('#' starts a comment)."""
    entries: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if not entry:
            continue
        entries.add(entry)
        entries.update(part for part in _WORD_SPLIT.split(entry) if part)
    return frozenset(entries)


@lru_cache(maxsize=1)
def bundled_vocabulary() -> frozenset[str]:
    """The vocabulary shipped with kaplint."""
    from kaplint.bundled import bundled_rules_dir

    return load_word_list(bundled_rules_dir() / "data" / "medical-vocabulary.txt")


def _forms(word: str) -> list[str]:
    """``word`` and the stems it may be an inflection of (plural, possessive)."""
    word = word.lower().strip(".,;:!?\"()[]")
    forms = [word]
    bare = _POSSESSIVE.sub("", word)
    if bare != word:
        forms.append(bare)
    for stem in list(forms):
        if stem.endswith("ies") and len(stem) > 4:
            forms.append(stem[:-3] + "y")
        if stem.endswith("es") and len(stem) > 3:
            forms.append(stem[:-2])
        if stem.endswith("s") and len(stem) > 2:
            forms.append(stem[:-1])
    return forms


def is_domain_word(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``word`` (as an engine flagged it) is in ``vocabulary``, directly, as a
    plural or possessive, or as a hyphenated compound of listed words."""
    if any(form in vocabulary for form in _forms(word)):
        return True
    parts = [part for part in re.split(r"[-\u2010\u2011]", word) if part]
    return len(parts) > 1 and all(any(form in vocabulary for form in _forms(part)) for part in parts)
