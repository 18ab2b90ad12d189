"""Turning rule selectors (codes, names, categories, code prefixes) into rule sets."""

from __future__ import annotations

from dataclasses import dataclass

from kaplint.config import close_matches
from kaplint.finding import CATEGORIES
from kaplint.rulepacks import Rule


class SelectorError(Exception):
    """A selector names no rule; the message suggests the closest one."""


@dataclass(frozen=True)
class RuleIndex:
    """All loaded rules, looked up by code or name."""

    rules: tuple[Rule, ...]

    def by_key(self, key: str) -> Rule | None:
        for rule in self.rules:
            if key in (rule.id, rule.name):
                return rule
        return None

    def resolve(self, selector: str, where: str = "") -> frozenset[str]:
        """Rule ids a selector means: ALL, a code, a name, a category or a code prefix (KAP3)."""
        key = selector.strip()
        if key.upper() == "ALL":
            return frozenset(rule.id for rule in self.rules)
        if key in CATEGORIES:
            return frozenset(rule.id for rule in self.rules if rule.category == key)
        rule = self.by_key(key)
        if rule is not None:
            return frozenset({rule.id})
        prefixed = frozenset(rule.id for rule in self.rules if rule.id.startswith(key) and key[:1].isupper())
        if prefixed:
            return prefixed
        candidates = [rule.id for rule in self.rules] + [rule.name for rule in self.rules] + list(CATEGORIES)
        close = close_matches(key, candidates, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else "; run 'kaplint rules' to list them"
        prefix = f"{where}: " if where else ""
        raise SelectorError(f"{prefix}unknown rule {key!r}{hint}")

    def resolve_all(self, selectors: tuple[str, ...] | list[str], where: str = "") -> frozenset[str]:
        result: set[str] = set()
        for selector in selectors:
            result |= self.resolve(selector, where)
        return frozenset(result)
