"""Inline suppression comments and the filter that applies them.

Syntax (in Markdown and HTML comments)::

    <!-- kaplint-disable KAP301, not-addictive -- quoted from the label -->
    <!-- kaplint-enable -->
    <!-- kaplint-disable-next-line KAP301 -->
    <!-- kaplint-disable-file -->

With no rule list a directive covers every rule. ``-- reason`` is optional
text for reviewers. ``disable-next-line`` covers the first non-blank line after
the comment, like markdownlint's directive of the same name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kaplint.document import Directive, LineIndex

_DIRECTIVE = re.compile(
    r"^\s*kaplint-(?P<action>disable-next-line|disable-file|disable|enable)\b(?P<rest>.*)$",
    re.DOTALL,
)


def parse_directive(comment_body: str, offset: int, end_offset: int, lines: LineIndex) -> Directive | None:
    """Parse the inside of a comment; None when it is not a kaplint directive."""
    match = _DIRECTIVE.match(comment_body)
    if not match:
        return None
    rest = match.group("rest")
    reason = ""
    if "--" in rest:
        rest, reason = rest.split("--", 1)
    rules = tuple(part for part in re.split(r"[\s,]+", rest.strip()) if part)
    line, _ = lines.position(offset)
    end_line, _ = lines.position(max(offset, end_offset - 1))
    return Directive(match.group("action"), rules, line, end_line, offset, end_offset, reason.strip())


@dataclass
class _Scope:
    directive: Directive
    first_line: int
    last_line: int  # inclusive
    used: bool = False


@dataclass
class SuppressionFilter:
    """Decides whether a finding is suppressed, and remembers which directives were used."""

    scopes: list[_Scope] = field(default_factory=list)

    @classmethod
    def from_directives(cls, directives: list[Directive], lines: LineIndex) -> "SuppressionFilter":
        total_lines = len(lines.line_starts)
        scopes: list[_Scope] = []
        open_disables: list[_Scope] = []
        for directive in sorted(directives, key=lambda item: item.offset):
            if directive.action == "disable-file":
                scopes.append(_Scope(directive, 1, total_lines))
            elif directive.action == "disable-next-line":
                target = directive.end_line + 1
                while target <= total_lines and not lines.line_text(target).strip():
                    target += 1
                scopes.append(_Scope(directive, target, target))
            elif directive.action == "disable":
                scope = _Scope(directive, directive.line, total_lines)
                scopes.append(scope)
                open_disables.append(scope)
            elif directive.action == "enable":
                for scope in open_disables:
                    if scope.last_line == total_lines and (
                        not directive.rules or set(directive.rules) & set(scope.directive.rules) or not scope.directive.rules
                    ):
                        scope.last_line = directive.line
                open_disables = [scope for scope in open_disables if scope.last_line == total_lines]
        return cls(scopes)

    def suppresses(self, line: int, rule_ids: set[str], category: str) -> bool:
        """True when a directive covers ``line`` and names this rule (by code, name or category)."""
        hit = False
        for scope in self.scopes:
            if scope.first_line <= line <= scope.last_line:
                names = scope.directive.rules
                if not names or any(name in rule_ids or name == category for name in names):
                    scope.used = True
                    hit = True
        return hit

    def unused(self) -> list[Directive]:
        return [scope.directive for scope in self.scopes if not scope.used]
