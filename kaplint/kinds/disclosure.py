"""The ``disclosure`` kind: a catalogue element that must be present when it applies.

One rule per element of the disclosure catalogue. A rule says

- ``element``: the catalogue id (reports, configuration and tests name it);
- ``levels``: per profile, ``error`` (required), ``warning`` (recommended) or
  ``off`` (not checked); profiles left out are not checked;
- ``applies``: topics that make the element expected (any one suffices);
  empty means "whenever the document is about ketamine", and ``always-for``
  lists profiles for which it is expected regardless of topic;
- ``evidence``: the statements that satisfy it, each a list of concepts that
  must occur together in one passage (see :mod:`kaplint.text.evidence`;
  ``tied:`` marks a concept that must be said of the first one, in its
  sentence, list lead-in or heading), or
  ``parts`` with ``min-parts`` when the element has several pieces and a
  document must give some of them.

Concepts are named vocabularies: the rule's own ``concepts`` and the shared
ones in the vocabulary file (``rules/data/disclosure-vocabulary.yml``), which
also defines the topics. A document that is not about ketamine, esketamine or
ketamine-assisted psychotherapy is never checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from kaplint.config import close_matches
from kaplint.text.document import Document
from kaplint.text.evidence import (
    Concept,
    Evidence,
    Requirement,
    Statement,
    StatementFinder,
    any_pattern,
    compile_concept,
)
from kaplint.finding import Match, Severity
from kaplint.kinds.base import CheckContext, Kind, Param, ParamError, validate_params
from kaplint.profiles import PROFILES

LEVELS = ("error", "warning", "suggestion", "off")
ELEMENT_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
GATE_TOPIC = "ketamine"  # a document that never mentions this topic gets no disclosure findings
_POLARITIES = {"no": "denied", "any": "any", "section": "section", "tied": "tied"}
_TOPIC_KEYS = frozenset({"description", "when", "concepts", "window", "requires"})


@dataclass(frozen=True)
class Topic:
    """Something a document may talk about, which makes elements applicable."""

    name: str
    description: str
    statements: tuple[Statement, ...]
    window: int
    requires: tuple["Topic", ...] = ()  # topics the document must also talk about


@dataclass(frozen=True)
class Vocabulary:
    """The shared concepts and topics of a vocabulary file."""

    path: str
    concepts: dict[str, Concept]
    topics: dict[str, Topic]


@dataclass(frozen=True)
class Part:
    name: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class CompiledDisclosure:
    element: str
    levels: dict[str, str]
    applies: tuple[str, ...]
    always_for: frozenset[str]
    parts: tuple[Part, ...]
    min_parts: int
    window: int
    contradictions: re.Pattern[str]
    vocabulary: Vocabulary

    def level(self, profile: str) -> str:
        return self.levels.get(profile, "off")

    def applies_text(self) -> str:
        """The applicability condition in words, for ``kaplint explain`` and reports."""
        if not self.applies:
            text = "always (whenever the document is about ketamine treatment)"
        else:
            text = "when " + " or ".join(self.vocabulary.topics[name].description for name in self.applies)
        if self.always_for:
            text += f"; always for {', '.join(sorted(self.always_for))}"
        return text


@dataclass(frozen=True)
class ElementStatus:
    """What one document says about one element."""

    element: str
    level: str  # error | warning | suggestion | off, for the document's profile
    status: str  # present | missing | not-applicable
    evidence: Evidence | None = None  # where it is said, when present
    trigger: Evidence | None = None  # what made it applicable, when a topic did
    parts_found: tuple[str, ...] = ()


class DisclosureKind(Kind):
    name = "disclosure"
    params = {
        "element": Param("str", "", "the catalogue id of the element (kebab-case)"),
        "levels": Param("mapping", {}, "profile -> error | warning | suggestion | off"),
        "applies": Param("str-list", [], "topics that make the element expected; empty means always"),
        "always-for": Param("str-list", [], "profiles for which the element is expected whatever the topic"),
        "concepts": Param("mapping", {}, "name -> list of regular expressions: the element's own vocabularies"),
        "evidence": Param("list", [], "statements that satisfy the element: lists of concept names"),
        "parts": Param("mapping", {}, "part name -> statements, for elements with several pieces"),
        "min-parts": Param("int", 1, "how many parts must be present"),
        "window": Param("int", 1, "how many consecutive sentences one statement may span"),
        "contradictions": Param("regex-list", [], "a passage containing one of these never satisfies the element"),
        "vocabulary": Param("path", "", "file of shared concepts and topics (default: the bundled one)"),
    }

    def compile(self, params: dict[str, Any]) -> CompiledDisclosure:
        values = validate_params(self.params, params)
        element = values["element"]
        if not ELEMENT_PATTERN.match(element):
            raise ParamError("element", "parameter 'element' must be a kebab-case id such as 'driving'")
        levels: dict[str, str] = {}
        for profile, level in values["levels"].items():
            if profile not in PROFILES:
                raise ParamError("levels", f"unknown profile {profile!r} in 'levels' (profiles: {', '.join(PROFILES)})")
            if level not in LEVELS:
                raise ParamError("levels", f"level for {profile!r} must be one of {', '.join(LEVELS)}, not {level!r}")
            levels[profile] = level
        unknown_profiles = set(values["always-for"]) - set(PROFILES)
        if unknown_profiles:
            raise ParamError("always-for", f"unknown profiles {sorted(unknown_profiles)} in 'always-for'")
        vocabulary = load_vocabulary(values["vocabulary"] or str(default_vocabulary_path()))
        for topic in values["applies"]:
            if topic not in vocabulary.topics:
                raise ParamError("applies", f"unknown topic {topic!r} (topics: {', '.join(sorted(vocabulary.topics))})")
        own = _compile_concepts(values["concepts"], "concepts")
        concepts = {**vocabulary.concepts, **own}
        if values["evidence"] and values["parts"]:
            raise ParamError("parts", "give either 'evidence' or 'parts', not both")
        if values["parts"]:
            parts = tuple(
                Part(str(name), _compile_statements(statements, concepts, "parts", f"parts.{name}"))
                for name, statements in values["parts"].items()
            )
        elif values["evidence"]:
            parts = (Part(element, _compile_statements(values["evidence"], concepts, "evidence", "evidence")),)
        else:
            raise ParamError("evidence", "a disclosure rule needs 'evidence' (or 'parts'): what satisfies the element")
        if not 1 <= values["min-parts"] <= len(parts):
            raise ParamError("min-parts", f"'min-parts' must be between 1 and {len(parts)}")
        if not 1 <= values["window"] <= 5:
            raise ParamError("window", "'window' must be between 1 and 5 sentences")
        return CompiledDisclosure(
            element=element,
            levels=levels,
            applies=tuple(values["applies"]),
            always_for=frozenset(values["always-for"]),
            parts=parts,
            min_parts=values["min-parts"],
            window=values["window"],
            contradictions=any_pattern(values["contradictions"]),
            vocabulary=vocabulary,
        )

    def check(self, rule: Any, compiled: CompiledDisclosure, document: Document, context: CheckContext) -> Iterable[Match]:
        status = evaluate(compiled, document, context.profile)
        if status.status != "missing" or status.level == "off":
            return
        message = rule.message
        if status.parts_found:
            names = ", ".join(part.name for part in compiled.parts)
            message += f" (It gives {', '.join(status.parts_found)}; at least {compiled.min_parts} of {names} are needed.)"
        suggestions = (rule.docs.better,) if rule.docs.better else ()
        severity = Severity.parse(status.level)
        if status.trigger is not None:
            yield Match(
                status.trigger.start,
                status.trigger.end,
                message,
                block_index=status.trigger.block_index,
                suggestions=suggestions,
                element=compiled.element,
                severity=severity,
            )
        else:
            # An element that always applies is about the whole document: point at its first words
            # (usually the title), past any page navigation.
            first = next((index for index, block in enumerate(document.blocks) if block.landmark != "navigation"), None)
            yield Match(0, 0, message, block_index=first, suggestions=suggestions, element=compiled.element, severity=severity)

    def describe(self, compiled: CompiledDisclosure) -> list[tuple[str, str]]:
        levels = ", ".join(f"{profile} {compiled.level(profile)}" for profile in PROFILES)
        sections = [
            ("Catalogue element", compiled.element),
            ("When it applies", compiled.applies_text()[0].upper() + compiled.applies_text()[1:] + "."),
            ("Level per profile", levels + " (error = required, warning = recommended)."),
        ]
        if len(compiled.parts) > 1:
            names = ", ".join(part.name for part in compiled.parts)
            sections.append(("Parts", f"At least {compiled.min_parts} of: {names}."))
        return sections


def evaluate(compiled: CompiledDisclosure, document: Document, profile: str) -> ElementStatus:
    """The element's status in ``document`` for ``profile`` (cached on the document)."""
    key = ("disclosure", id(compiled), profile)
    cached = document.memo.get(key)
    if cached is None:
        cached = _evaluate(compiled, document, profile)
        document.memo[key] = cached
    return cached


def _evaluate(compiled: CompiledDisclosure, document: Document, profile: str) -> ElementStatus:
    level = compiled.level(profile)
    gate = compiled.vocabulary.topics.get(GATE_TOPIC)
    if gate is not None and topic_use(document, gate) is None:
        return ElementStatus(compiled.element, level, "not-applicable")
    trigger = None
    if compiled.applies and profile not in compiled.always_for:
        for name in compiled.applies:
            trigger = topic_use(document, compiled.vocabulary.topics[name])
            if trigger is not None:
                break
        if trigger is None:
            return ElementStatus(compiled.element, level, "not-applicable")
    finder = _finder(document, strict=True)
    found: list[tuple[str, Evidence]] = []
    for part in compiled.parts:
        for statement in part.statements:
            evidence = finder.find(statement, compiled.window, compiled.contradictions)
            if evidence is not None:
                found.append((part.name, evidence))
                break
    if len(found) >= compiled.min_parts:
        first = min((evidence for _, evidence in found), key=lambda item: (item.block_index, item.start))
        return ElementStatus(compiled.element, level, "present", first, trigger, tuple(name for name, _ in found))
    parts_found = tuple(name for name, _ in found) if len(compiled.parts) > 1 else ()
    return ElementStatus(compiled.element, level, "missing", None, trigger, parts_found)


def topic_use(document: Document, topic: Topic) -> Evidence | None:
    """Where ``document`` first talks about ``topic`` (cached), or None."""
    key = ("topic", id(topic))
    if key not in document.memo:
        if any(topic_use(document, required) is None for required in topic.requires):
            document.memo[key] = None
            return None
        # The gate counts any mention, a pointer included; other topics must be talked about,
        # so "Visit our Spravato page." does not make the Spravato elements apply.
        finder = _finder(document, strict=topic.name != GATE_TOPIC)
        uses = [finder.first_use(statement, topic.window) for statement in topic.statements]
        found = [use for use in uses if use is not None]
        document.memo[key] = min(found, key=lambda item: (item.block_index, item.start)) if found else None
    return document.memo[key]


def _finder(document: Document, strict: bool) -> StatementFinder:
    key = ("statement-finder", strict)
    if key not in document.memo:
        document.memo[key] = StatementFinder(document, strict=strict)
    return document.memo[key]


# Vocabulary files ----------------------------------------------------------------
def default_vocabulary_path() -> Path:
    from kaplint.bundled import bundled_rules_dir

    return bundled_rules_dir() / "data" / "disclosure-vocabulary.yml"


_VOCABULARIES: dict[tuple[str, int, int], Vocabulary] = {}


def load_vocabulary(path: str) -> Vocabulary:
    """Load (once per file version) and validate a vocabulary file of concepts and topics."""
    try:
        status = Path(path).stat()
    except OSError as error:
        raise ParamError("vocabulary", f"cannot read the vocabulary file {path}: {error.strerror or error}") from None
    key = (path, status.st_mtime_ns, status.st_size)
    if key not in _VOCABULARIES:
        _VOCABULARIES[key] = _read_vocabulary(path)
    return _VOCABULARIES[key]


def _read_vocabulary(path: str) -> Vocabulary:
    import yaml  # here, not at the top: vocabularies are read when rules are compiled, not when they come from the cache

    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ParamError("vocabulary", f"the vocabulary file {path} is not valid YAML: {error}") from None
    if not isinstance(data, dict) or set(data) - {"concepts", "topics"}:
        raise ParamError("vocabulary", f"the vocabulary file {path} must be a mapping with 'concepts' and 'topics'")
    concepts = _compile_concepts(data.get("concepts") or {}, f"{path}: concepts")
    topics: dict[str, Topic] = {}
    for name, entry in (data.get("topics") or {}).items():
        where = f"{path}: topic {name!r}"
        if not isinstance(entry, dict) or "when" not in entry or "description" not in entry or set(entry) - _TOPIC_KEYS:
            raise ParamError("vocabulary", f"{where} needs 'description' and 'when' (and may have {', '.join(sorted(_TOPIC_KEYS - {'description', 'when'}))})")
        own = _compile_concepts(entry.get("concepts") or {}, where)
        statements = _compile_statements(entry["when"], {**concepts, **own}, "vocabulary", where)
        requires = entry.get("requires") or []
        if not isinstance(requires, list) or any(item not in topics for item in requires):
            raise ParamError("vocabulary", f"{where}: 'requires' must list topics defined above it")
        window = entry.get("window", 1)
        if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= 5:
            raise ParamError("vocabulary", f"{where}: 'window' must be a whole number from 1 to 5")
        topics[str(name)] = Topic(str(name), str(entry["description"]), statements, window, tuple(topics[item] for item in requires))
    if GATE_TOPIC not in topics:
        raise ParamError("vocabulary", f"{path} must define the topic {GATE_TOPIC!r}")
    return Vocabulary(path, concepts, topics)


def _compile_concepts(mapping: Any, where: str) -> dict[str, Concept]:
    if not isinstance(mapping, dict):
        raise ParamError("concepts", f"{where} must map names to lists of patterns")
    concepts: dict[str, Concept] = {}
    for name, patterns in mapping.items():
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list) or not patterns or not all(isinstance(item, str) for item in patterns):
            raise ParamError("concepts", f"{where}: concept {name!r} must be a list of patterns")
        try:
            concepts[str(name)] = compile_concept(str(name), patterns)
        except re.error as error:
            raise ParamError("concepts", f"{where}: concept {name!r} has an invalid pattern: {error}") from None
    return concepts


def _compile_statements(entries: Any, concepts: dict[str, Concept], key: str, where: str) -> tuple[Statement, ...]:
    """Statements from YAML: a list whose items are lists of concept names (``no:`` / ``any:`` prefixed).

    ``key`` names the parameter that problems are reported against (for its line), ``where`` the spot.
    """
    if not isinstance(entries, list) or not entries:
        raise ParamError(key, f"{where} must be a list of statements (each a list of concept names)")
    statements: list[Statement] = []
    for entry in entries:
        group: tuple[Concept, ...] = ()
        group_min = 0
        if isinstance(entry, dict):
            if set(entry) - {"at-least", "of", "with"} or not isinstance(entry.get("at-least"), int) or "of" not in entry:
                raise ParamError(key, f"{where}: a counted statement is {{at-least: N, of: [concepts], with: [concepts]}}")
            of = entry["of"]
            if not isinstance(of, list) or not 1 <= entry["at-least"] <= len(of):
                raise ParamError(key, f"{where}: 'at-least' must be between 1 and the number of concepts in 'of'")
            if any(":" in str(name) for name in of):
                raise ParamError(key, f"{where}: the concepts counted in 'of' are always affirmed uses; drop the prefix")
            group = tuple(_requirement(name, concepts, key, where).concept for name in of)
            group_min = entry["at-least"]
            names = entry.get("with") or []
        else:
            names = [entry] if isinstance(entry, str) else entry
            if not isinstance(names, list) or not names:
                raise ParamError(key, f"{where}: each statement is a list of concept names, not {entry!r}")
        if not all(isinstance(name, str) for name in names):
            raise ParamError(key, f"{where}: each statement is a list of concept names, not {entry!r}")
        requirements = tuple(_requirement(name, concepts, key, where) for name in names)
        if requirements and requirements[0].polarity in ("tied", "section"):
            raise ParamError(key, f"{where}: a statement cannot start with a 'tied:' or 'section:' concept; put the core concept first")
        statements.append(Statement(requirements, group, group_min))
    return tuple(statements)


def _requirement(name: str, concepts: dict[str, Concept], key: str, where: str) -> Requirement:
    """``name``, ``no:name``, ``any:name``, ``section:name`` or ``tied:name`` as a requirement on a known concept."""
    prefix, _, bare = name.rpartition(":")
    if prefix and prefix not in _POLARITIES:
        raise ParamError(key, f"{where}: unknown prefix {prefix!r} in {name!r} (use 'no:', 'any:', 'section:' or 'tied:')")
    if bare not in concepts:
        close = close_matches(bare, list(concepts))
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ParamError(key, f"{where}: unknown concept {bare!r}{hint}")
    return Requirement(concepts[bare], _POLARITIES[prefix] if prefix else "affirmed")
