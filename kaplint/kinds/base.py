"""The contract between rule data (YAML) and the code that checks it (kinds).

A kind declares the parameters it accepts, validates and compiles them once
when the rule pack loads (so a typo in a rule pack fails fast with file and
line), and then checks documents. Kinds return :class:`~kaplint.finding.Match`
objects in block coordinates and never compute source positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.finding import Match
    from kaplint.text.document import Document


class RuleSpec(Protocol):
    """What a kind reads of the rule it checks for.

    A protocol rather than :class:`kaplint.rulepacks.Rule` itself, so that kinds
    never import the rule-pack loader (which imports the kinds to validate packs).
    """

    id: str
    name: str
    category: str
    message: str
    params: dict[str, Any]


class ParamError(Exception):
    """A rule parameter is invalid. ``key`` is the parameter's name (for the line number)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Param:
    """One accepted parameter: its type, default and a line of help."""

    type: str  # str | bool | int | number | regex-list | str-list | list | mapping | path
    default: Any
    help: str


@dataclass(frozen=True)
class CheckContext:
    """What a kind may know about the run besides the document."""

    profile: str
    accepted: re.Pattern[str] | None = None  # the project's accepted vocabulary, as one pattern
    grammar: Any = None  # the run's GrammarChecker (kaplint.grammar.checker) when grammar is checked

    def is_accepted(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies within an accepted term ("Miracle Mile Wellness"
        covers "Miracle"; "utilize" covers "utilized")."""
        if self.accepted is None:
            return False
        return any(found.start() <= start and end <= found.end() for found in self.accepted.finditer(text))


class Kind:
    """Base class of every kind. Subclasses set ``name`` and ``params``."""

    name: ClassVar[str] = ""
    params: ClassVar[dict[str, Param]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every kind's ``compile`` reports an invalid pattern as a ParamError naming the parameter."""
        super().__init_subclass__(**kwargs)
        if "compile" in cls.__dict__:
            compile_params = cls.__dict__["compile"]

            def compile_checked(self: "Kind", params: dict[str, Any]) -> Any:
                try:
                    return compile_params(self, params)
                except re.error as error:
                    raise regex_problem(self.params, params, error) from None

            compile_checked.__doc__ = compile_params.__doc__
            cls.compile = compile_checked  # type: ignore[method-assign]

    def compile(self, params: dict[str, Any]) -> Any:
        """Validate ``params`` and return whatever ``check`` needs, computed once."""
        return validate_params(self.params, params)

    def check(self, rule: "RuleSpec", compiled: Any, document: "Document", context: CheckContext) -> Iterable["Match"]:
        raise NotImplementedError

    def fixable(self, compiled: Any) -> bool:
        """Whether findings of a rule with these parameters can carry a fix."""
        return False

    def metrics(self, rule: "RuleSpec", compiled: Any, document: "Document", context: CheckContext) -> tuple[str, Any] | None:
        """An entry for the report's per-document ``metrics`` (key, value), or None."""
        return None

    def describe(self, compiled: Any) -> list[tuple[str, str]]:
        """Extra (heading, text) sections for ``kaplint explain``, from the compiled parameters."""
        return []


def regex_problem(spec: dict[str, Param], params: dict[str, Any], error: re.error) -> ParamError:
    """The parameter error behind ``error``, raised while a kind compiled its patterns."""
    for key, param in spec.items():
        if param.type != "regex-list":
            continue
        values = params.get(key) or []
        for item in [values] if isinstance(values, str) else values:
            try:
                re.compile(item)
            except re.error as problem:
                return ParamError(key, f"parameter {key!r}: invalid regular expression {item!r}: {problem}")
    return ParamError(next(iter(spec), "params"), f"invalid regular expression: {error}")


def validate_params(spec: dict[str, Param], params: dict[str, Any]) -> dict[str, Any]:
    """Check names and types against ``spec``; fill defaults. Raises :class:`ParamError`."""
    import difflib

    values: dict[str, Any] = {}
    for key, value in params.items():
        if key not in spec:
            close = difflib.get_close_matches(str(key), list(spec), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (accepted: {', '.join(sorted(spec))})"
            raise ParamError(str(key), f"unknown parameter {key!r}{hint}")
        values[key] = _check_type(key, spec[key].type, value)
    for key, param in spec.items():
        values.setdefault(key, param.default)
    return values


def _check_type(key: str, kind: str, value: Any) -> Any:
    def fail(expected: str) -> ParamError:
        shown = list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value
        return ParamError(key, f"parameter {key!r} must be {expected}, not {shown!r}")

    if kind in ("str", "path"):
        if not isinstance(value, str):
            raise fail("a string" if kind == "str" else "a file path")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise fail("true or false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail("a whole number")
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fail("a number")
        return float(value)
    if kind in ("str-list", "regex-list"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise fail("a list of strings")
        # Regular expressions are compiled once, by the kind; a kind's re.error is traced back to
        # the offending pattern by regex_problem (compiling every pattern twice doubled load time).
        return list(value)
    if kind == "list":
        if not isinstance(value, list):
            raise fail("a list")
        return list(value)
    if kind == "mapping":
        if not isinstance(value, dict):
            raise fail("a mapping")
        return dict(value)
    return value
