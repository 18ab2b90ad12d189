"""Containers that remember the lines they were read from (see :mod:`kaplint.yamlsource`).

Rules keep them in their parameters and examples, so the rule cache holds them too;
they live apart from the YAML loader so that reading rules back from the cache does
not import yaml.
"""

from __future__ import annotations


class LocatedDict(dict):
    """A dict that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]
