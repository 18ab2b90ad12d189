"""Understanding text: the second step of kaplint's flow (load, analyse, apply rules, report).

Loaders (:mod:`kaplint.loaders`) turn files into a :class:`~kaplint.text.document.Document`;
the modules here read it once and describe what it says, so that rules
(:mod:`kaplint.kinds`) ask questions of a description instead of re-scanning text:

- :mod:`~kaplint.text.document`: the document model (blocks, source maps, positions);
- :mod:`~kaplint.text.segmentation`: sentences, and where a question starts asking (the
  headings, question-and-answer pairs and lists of scraped plain text are recovered by the
  plain-text loader, :mod:`kaplint.loaders.text`, so they arrive here as blocks);
- :mod:`~kaplint.text.names`: which capitalised runs are names (agencies, clinics, products);
- :mod:`~kaplint.text.prefilter`: the literal words a pattern needs, to skip text cheaply;
- :mod:`~kaplint.text.negation` and :mod:`~kaplint.text.quotes`: what is denied, and
  whose words a passage is;
- :mod:`~kaplint.text.statements`: one description per sentence (what it is about, what it
  asserts, and how), shared by the claims rules, fair balance and disclosures;
- :mod:`~kaplint.text.evidence`: whether a document states a disclosure's core point.

Readability (:mod:`kaplint.readability`, :mod:`kaplint.syllables`) stays beside the rules
that use it: it measures text rather than describing what it says.

Nothing in this package imports the rules, the engine or the reporters.
"""

from __future__ import annotations

import functools
import re
from typing import Callable


def compiled_later(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that compiles ``pattern`` at its first call and returns that pattern from then on.

    For the patterns of this package and the kinds that many documents never reach (an answer
    to a question, a quotation's attribution, a sentence that rejects a claim): compiled at
    import, they cost every single-file run (pre-commit, an editor) milliseconds for nothing.
    Patterns that every document uses stay compiled at import.
    """
    return functools.cache(functools.partial(re.compile, pattern, flags))
