"""Results that depend on one block's text alone, kept across documents.

An editor re-lints a page after every edit, and an edit changes one block: the statement
analysis's lexicon scan and the phrase rules' pattern search of every other block would come
out exactly as before. Keyed by the block's text (and whatever else the result depends on),
such results are kept in a small least-recently-used table, so a re-lint only scans the
blocks that changed. Only a long-running process that lints the same text again turns it on
(the language server); a batch run, where every block is new, would pay for the table and
gain nothing, so by default results are computed directly.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, Hashable, TypeVar

T = TypeVar("T")


class BlockMemo:
    """At most ``size`` results by (owner, key), the least recently used dropped first.

    The owner is the object the result was computed with (a compiled rule, the lexicons); it is
    matched by identity and kept alive by its entries, so its id can never be reused for another
    object while a result computed with it is still in the table."""

    enabled = False  # switched on by processes that re-lint edited text (kaplint.server)

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._table: OrderedDict[Hashable, tuple[Any, Any]] = OrderedDict()

    def get(self, owner: Any, key: Hashable, compute: Callable[[], T]) -> T:
        if not BlockMemo.enabled:
            return compute()
        table = self._table
        full_key = (id(owner), key)
        entry = table.get(full_key)
        if entry is not None and entry[0] is owner:
            table.move_to_end(full_key)
            return entry[1]  # type: ignore[no-any-return]
        value = compute()
        table[full_key] = (owner, value)
        if len(table) > self.size:
            table.popitem(last=False)
        return value

    def clear(self) -> None:
        self._table.clear()
