"""The ``input`` kind: problems with a file itself (unreadable, binary, too large ...).

The engine raises these while reading a file; the kind exists so input rules
are ordinary rules with codes, docs and examples, and can be selected,
ignored or given another severity like any other.
"""

from __future__ import annotations

from typing import Any, Iterable

from kaplint.text.document import Document
from kaplint.finding import Match
from kaplint.kinds.base import CheckContext, Kind


class InputKind(Kind):
    name = "input"
    params = {}

    def check(self, rule: Any, compiled: Any, document: Document, context: CheckContext) -> Iterable[Match]:
        return ()
