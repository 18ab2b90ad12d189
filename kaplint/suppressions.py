"""Inline suppression comments and the filter that applies them.

Syntax (in Markdown and HTML comments)::

    <!-- kaplint-disable KAP301, not-addictive -- quoted from the label -->
    <!-- kaplint-enable -->
    <!-- kaplint-disable-next-line KAP301 -->
    Ketamine is safe. <!-- kaplint-disable-line absolute-safety -- quoted from the label -->
    <!-- kaplint-disable-file -->

With no rule list a directive covers every rule. ``-- reason`` is optional
text for reviewers. ``disable-next-line`` covers the first non-blank line after
the comment, like markdownlint's directive of the same name; ``disable-line``
covers the line (or lines) the comment stands on, like ESLint's. A ``kaplint-``
comment with any other action is reported, never ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from kaplint.text.document import Directive, LineIndex

_DIRECTIVE = re.compile(r"^\s*kaplint-(?P<action>[A-Za-z][\w-]*?)(?P<rest>(?:\s.*|--.*)?)$", re.DOTALL)
ACTIONS = ("disable", "enable", "disable-line", "disable-next-line", "disable-file")


def parse_directive(comment_body: str, offset: int, end_offset: int, lines: LineIndex) -> Directive | None:
    """Parse the inside of a comment; None when it is not a kaplint directive.

    A comment that starts ``kaplint-`` with an action kaplint does not know
    (``kaplint-disabel``) is still returned, so that it can be reported instead of
    silently changing nothing; see :func:`is_known`."""
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


def is_known(directive: Directive) -> bool:
    """Whether the directive's action is one kaplint carries out."""
    return directive.action in ACTIONS


@dataclass
class _Scope:
    directive: Directive
    rule_ids: frozenset[str] | None  # None: every rule
    first_line: int
    last_line: int  # inclusive
    used: bool = False


@dataclass
class SuppressionFilter:
    """Decides whether a finding is suppressed, and remembers which directives were used.

    Directives name rules by code, name or category; ``resolve`` turns each
    name into rule codes, so ``disable cure`` and ``enable KAP302`` pair up.
    Names that resolve to nothing are reported elsewhere and match no rule.
    """

    scopes: list[_Scope] = field(default_factory=list)

    @classmethod
    def from_directives(
        cls, directives: list[Directive], lines: LineIndex, resolve: Callable[[str], frozenset[str]]
    ) -> "SuppressionFilter":
        total_lines = len(lines.line_starts)

        def rule_ids(directive: Directive) -> frozenset[str] | None:
            if not directive.rules:
                return None
            return frozenset(rule_id for name in directive.rules for rule_id in resolve(name))

        scopes: list[_Scope] = []
        open_disables: list[_Scope] = []
        for directive in sorted(directives, key=lambda item: item.offset):
            ids = rule_ids(directive)
            if directive.action == "disable-file":
                scopes.append(_Scope(directive, ids, 1, total_lines))
            elif directive.action == "disable-line":
                scopes.append(_Scope(directive, ids, directive.line, directive.end_line))
            elif directive.action == "disable-next-line":
                target = directive.end_line + 1
                while target <= total_lines and not lines.line_text(target).strip():
                    target += 1
                scopes.append(_Scope(directive, ids, target, target))
            elif directive.action == "disable":
                scope = _Scope(directive, ids, directive.line, total_lines)
                scopes.append(scope)
                open_disables.append(scope)
            elif directive.action == "enable":
                # An enable closes every open disable it overlaps; a bare enable closes all.
                still_open = []
                for scope in open_disables:
                    if ids is None or scope.rule_ids is None or ids & scope.rule_ids:
                        scope.last_line = directive.line
                    else:
                        still_open.append(scope)
                open_disables = still_open
        return cls(scopes)

    def suppresses(self, line: int, rule_id: str) -> bool:
        """True when a directive covers ``line`` and names this rule (by code, name or category)."""
        hit = False
        for scope in self.scopes:
            if scope.first_line <= line <= scope.last_line and (scope.rule_ids is None or rule_id in scope.rule_ids):
                scope.used = True
                hit = True
        return hit

    def unused(self) -> list[Directive]:
        return [scope.directive for scope in self.scopes if not scope.used]
