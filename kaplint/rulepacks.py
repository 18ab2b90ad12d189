"""Loading and validating rule packs (``rules/*.yml`` and a project's own packs).

Every problem is reported with the pack's path and the line of the offending
key, and all problems in a pack are reported together, so fixing a pack takes
one run, not ten.

The kinds, which validate and compile the parameters, are imported only when a rule
is built, changed or checked: a run whose rules come from the rule cache and whose
file results are all cached needs none of them (see :class:`CompiledParams`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from kaplint import cache
from kaplint.bundled import BundledDataMissing
from kaplint.bundled import bundled_rules_dir as _bundled_rules_dir
from kaplint.config import close_matches
from kaplint.files import display_path
from kaplint.finding import CATEGORIES, SEVERITY_NAMES, Severity
from kaplint.located import LocatedDict, LocatedList
from kaplint.profiles import PROFILES

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.kinds import Kind

RULE_KEYS = ("id", "name", "category", "kind", "severity", "message", "params", "docs", "examples", "enabled", "profiles")
REQUIRED_KEYS = ("id", "name", "category", "kind", "severity", "message", "docs", "examples")
DOC_KEYS = ("what", "why", "sources", "better", "url")
EXAMPLE_KEYS = ("text", "profile", "format", "settings", "note")
ID_PATTERN = re.compile(r"^[A-Z]{2,10}[0-9]{3,4}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RulePackError(Exception):
    """One or more rule packs are invalid; the message lists every problem with file:line."""


@dataclass(frozen=True)
class RuleDocs:
    what: str
    why: str
    sources: tuple[str, ...]
    better: str = ""
    url: str = ""


@dataclass(frozen=True)
class Example:
    """A sample text that must (``fail``) or must not (``pass``) produce the rule's finding."""

    text: str | bytes
    profile: str | None = None
    format: str = "markdown"
    settings: dict[str, Any] = field(default_factory=dict)  # configuration keys for this example
    line: int = 0


def kinds() -> dict[str, Kind]:
    """The kinds by name, imported on first use: importing them imports every kind's module and
    the statement analysis, which a run that only reads cached results never uses."""
    from kaplint.kinds import KINDS

    return KINDS


@dataclass
class CompiledTable:
    """The compiled parameters of the rules of one rule-cache entry, pickled together and
    decoded when a rule's are first needed.

    They are instances of the kinds' classes (patterns, recipes, vocabularies), so decoding
    them imports every kind; a run whose file results are all cached never needs them. They
    are pickled as one list, not rule by rule, so that what several rules share (one
    disclosure vocabulary, whose topics a document memoises by identity) is shared again
    once decoded, as it was when the rules were compiled. ``encoded`` is written by
    :func:`kaplint.cache.dumps` uncompressed, with its own checksum: it is most of the entry,
    and every run that lints a file decodes it, where inflating it cost more than reading it.
    """

    encoded: bytes
    decoded: list[Any] | None = None
    unusable: bool = False

    def values(self) -> list[Any] | None:
        """The rules' compiled parameters in order, or None when the blob cannot be decoded."""
        if self.decoded is None and not self.unusable:
            try:
                found = cache.loads(self.encoded, compressed=False)
            except ValueError:  # tampered with: like any unusable cache entry, a miss, not an error
                found = None
            self.unusable = not isinstance(found, list)
            self.decoded = None if self.unusable else found
        return self.decoded


@dataclass
class CompiledParams:
    """Where a rule's compiled parameters are: computed (``value``), or still at ``index`` in a
    rule-cache table (see :class:`CompiledTable`) until first asked for."""

    value: Any = None
    table: CompiledTable | None = None
    index: int = 0

    def get(self, compile_again: Callable[[], Any]) -> Any:
        """The compiled parameters; ``compile_again`` stands in for a table that cannot be decoded."""
        if self.table is not None:
            values = self.table.values()
            self.value = values[self.index] if values is not None and self.index < len(values) else compile_again()
            self.table = None
        return self.value


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    kind: str
    severity: Severity
    message: str
    params: dict[str, Any]
    docs: RuleDocs
    fail_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    enabled: bool = True
    profiles: tuple[str, ...] = PROFILES
    origin: str = ""  # "path:line" of the rule's definition
    files: tuple[str, ...] = ()  # the files its ``path`` parameters name: its results depend on their contents
    compiled_params: CompiledParams = field(default_factory=CompiledParams, compare=False, repr=False)
    identity: str = field(init=False, default="", compare=False, repr=False)  # see __post_init__

    def __post_init__(self) -> None:
        """Digest what the rule's findings depend on (besides the files it names), for the result
        cache's key. Worked out when the rule is built and kept in the rule cache with it: the
        canonical text of every rule's parameters cost each cached single-file run milliseconds.
        A finding carries the rule's name, category and message, so they count too: without them
        an edited message in a project's own pack was reported as it was before the edit."""
        facts = (self.id, self.name, self.category, self.kind, self.message, self.origin, self.params, self.severity, self.enabled, self.profiles)
        object.__setattr__(self, "identity", cache.digest(cache.canonical(facts)))

    @property
    def compiled(self) -> Any:
        """The kind's compiled form of ``params``, what ``check`` works with (decoded from the rule
        cache on first use)."""
        return self.compiled_params.get(lambda: kinds()[self.kind].compile(dict(self.params)))

    @property
    def fixable(self) -> bool:
        return kinds()[self.kind].fixable(self.compiled)

    def with_params(self, overrides: dict[str, Any]) -> "Rule":
        """A copy with some parameters replaced (from configuration), validated again.

        A mapping parameter is merged key by key, so ``warning-above = {web = 7}``
        changes the web threshold and keeps the other profiles' thresholds.
        """
        from kaplint.kinds import ParamError

        params = dict(self.params)
        for key, value in overrides.items():
            current = params.get(key)
            params[key] = {**current, **value} if isinstance(current, dict) and isinstance(value, dict) else value
        try:
            compiled = kinds()[self.kind].compile(params)
        except ParamError as error:
            raise RulePackError(f"rule-options for {self.name} ({self.id}): {error.message}") from None
        return dataclasses.replace(self, params=params, files=named_files(self.kind, params), compiled_params=CompiledParams(compiled))


def bundled_rules_dir() -> Path:
    """The bundled ``rules/`` folder (see :mod:`kaplint.bundled`), as a rule-pack error when absent."""
    try:
        return _bundled_rules_dir()
    except BundledDataMissing as error:
        raise RulePackError(str(error)) from None


def pack_files(location: Path) -> list[Path]:
    """The YAML files of a pack location (a file, or a folder of ``*.yml``/``*.yaml``)."""
    if location.is_dir():
        return sorted([*location.glob("*.yml"), *location.glob("*.yaml")])
    if location.is_file():
        return [location]
    raise RulePackError(f"{location}: rule pack not found (check 'extend-rules' in your configuration)")


def load_rules(extra_locations: list[Path] | tuple[Path, ...] = ()) -> list[Rule]:
    """Load the bundled packs and any extra ones; raise :class:`RulePackError` listing all problems."""
    from kaplint import rulecache

    bundled = bundled_rules_dir()
    files = pack_files(bundled)
    for location in extra_locations:
        files.extend(pack_files(location))
    cached, cache_key = rulecache.load(files, bundled)
    if cached is not None:
        return cached
    rules: list[Rule] = []
    problems: list[str] = []
    for path in files:
        loaded, pack_problems = load_pack(path)
        rules.extend(loaded)
        problems.extend(pack_problems)
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for rule in rules:
        for key, seen in ((rule.id, seen_ids), (rule.name, seen_names)):
            if key in seen:
                problems.append(f"{rule.origin}: {key!r} is already defined at {seen[key]}")
            else:
                seen[key] = rule.origin
    if problems:
        raise RulePackError("invalid rule pack:\n" + "\n".join(f"  {problem}" for problem in problems))
    rulecache.store(cache_key, rules)
    return rules


_PACK_CACHE: dict[tuple[str, int, int, str], tuple[list[Rule], list[str]]] = {}


def load_pack(path: Path) -> tuple[list[Rule], list[str]]:
    """Load one pack file: (valid rules, problems).

    Packs are cached in memory by path, size and modification time, so a
    process that lints several times (tests, editors) parses each pack once.
    """
    display = display_path(path)
    try:
        status = path.stat()
        key = (str(path.resolve()), status.st_mtime_ns, status.st_size, display)
    except OSError:
        return _load_pack(path, display)
    if key not in _PACK_CACHE:
        _PACK_CACHE[key] = _load_pack(path, display)
    rules, problems = _PACK_CACHE[key]
    return list(rules), list(problems)


def _load_pack(path: Path, display: str) -> tuple[list[Rule], list[str]]:
    from kaplint.yamlsource import YamlSourceError, load_located_yaml

    try:
        data = load_located_yaml(path, display)
    except YamlSourceError as error:
        return [], [str(error)]
    if not isinstance(data, LocatedDict) or "rules" not in data:
        return [], [f"{display}:1: a rule pack is a mapping with a 'rules:' list"]
    for key in data:
        if key not in ("rules", "description"):
            problems = [f"{display}:{data.line_of(key)}: unknown top-level key {key!r} (expected 'rules' or 'description')"]
            return [], problems
    entries = data["rules"]
    if not isinstance(entries, LocatedList):
        return [], [f"{display}:{data.line_of('rules')}: 'rules' must be a list of rules"]
    rules: list[Rule] = []
    problems: list[str] = []
    for index, entry in enumerate(entries):
        line = entries.item_lines[index]
        if not isinstance(entry, LocatedDict):
            problems.append(f"{display}:{line}: each rule must be a mapping")
            continue
        rule, rule_problems = _build_rule(entry, display, path.resolve().parent)
        problems.extend(rule_problems)
        if rule is not None:
            rules.append(rule)
    return rules, problems


def _build_rule(entry: LocatedDict, display: str, folder: Path) -> tuple[Rule | None, list[str]]:
    from kaplint.kinds import KINDS, ParamError

    problems: list[str] = []
    label = f"rule {entry.get('id', '?')}"

    def problem(key: str, message: str) -> None:
        problems.append(f"{display}:{entry.line_of(key)}: {label}: {message}")

    for key in entry:
        if key not in RULE_KEYS:
            close = close_matches(str(key), RULE_KEYS)
            problem(str(key), f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    for key in REQUIRED_KEYS:
        if key not in entry:
            problems.append(f"{display}:{entry.line}: {label}: missing required key {key!r}")
    if problems:
        return None, problems

    rule_id, name = entry["id"], entry["name"]
    if not isinstance(rule_id, str) or not ID_PATTERN.match(rule_id):
        problem("id", f"id {rule_id!r} must be a code like KAP301 (capital letters, then 3-4 digits)")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        problem("name", f"name {name!r} must be kebab-case, naming the problem (e.g. not-addictive)")
    if entry["category"] not in CATEGORIES:
        problem("category", f"category {entry['category']!r} must be one of {', '.join(CATEGORIES)}")
    if entry["kind"] not in KINDS:
        problem("kind", f"kind {entry['kind']!r} is unknown (known kinds: {', '.join(sorted(KINDS))})")
    if entry["severity"] not in SEVERITY_NAMES:
        problem("severity", f"severity {entry['severity']!r} must be one of {', '.join(SEVERITY_NAMES)}")
    if not isinstance(entry["message"], str) or not entry["message"].strip():
        problem("message", "message must be a non-empty string")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        problem("enabled", "enabled must be true or false")
    profiles = entry.get("profiles", list(PROFILES))
    if not isinstance(profiles, list) or any(item not in PROFILES for item in profiles):
        problem("profiles", f"profiles must be a list of {', '.join(PROFILES)}")
    params = entry.get("params", {}) or {}
    if not isinstance(params, dict):
        problem("params", "params must be a mapping")
        params = {}
    docs = _build_docs(entry, problem)
    fail_examples, pass_examples = _build_examples(entry, display, label, problems)
    compiled = None
    if entry["kind"] in KINDS:
        params = resolve_paths(entry["kind"], params, folder)
        try:
            compiled = KINDS[entry["kind"]].compile(dict(params))
        except ParamError as error:
            line = params.line_of(error.key) if isinstance(params, LocatedDict) else entry.line_of("params")
            problems.append(f"{display}:{line}: {label}: {error.message}")
    if problems:
        return None, problems
    return (
        Rule(
            id=rule_id,
            name=name,
            category=entry["category"],
            kind=entry["kind"],
            severity=Severity.parse(entry["severity"]),
            message=entry["message"].strip(),
            params=dict(params),
            docs=docs,
            fail_examples=fail_examples,
            pass_examples=pass_examples,
            enabled=enabled,
            profiles=tuple(profiles),
            origin=f"{display}:{entry.line}",
            files=named_files(entry["kind"], params),
            compiled_params=CompiledParams(compiled),
        ),
        [],
    )


def named_files(kind: str, params: dict[str, Any]) -> tuple[str, ...]:
    """The files named in the kind's ``path`` parameters (once resolved, see :func:`resolve_paths`)."""
    return tuple(
        value for key, spec in kinds()[kind].params.items() if spec.type == "path" and isinstance(value := params.get(key), str) and value
    )


def resolve_paths(kind: str, params: dict[str, Any], base: Path) -> dict[str, Any]:
    """Make file parameters (type ``path``) absolute, relative to ``base`` (the pack's folder)."""
    resolved = dict(params)
    for key, spec in kinds()[kind].params.items():
        value = resolved.get(key)
        if spec.type == "path" and isinstance(value, str) and value and not Path(value).is_absolute():
            resolved[key] = str((base / value).resolve())
    if isinstance(params, LocatedDict):
        located = LocatedDict(resolved)
        located.line, located.key_lines = params.line, params.key_lines
        return located
    return resolved


def _build_docs(entry: LocatedDict, problem: Any) -> RuleDocs:
    docs = entry["docs"]
    if not isinstance(docs, dict):
        problem("docs", "docs must be a mapping with what, why and sources")
        return RuleDocs("", "", ())
    for key in docs:
        if key not in DOC_KEYS:
            problem("docs", f"unknown docs key {key!r} (expected {', '.join(DOC_KEYS)})")
    for key in ("what", "why"):
        if not isinstance(docs.get(key), str) or not docs[key].strip():
            problem("docs", f"docs.{key} must say {'what the rule checks' if key == 'what' else 'why it matters'}")
    sources = docs.get("sources")
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not sources or not all(isinstance(item, str) for item in sources):
        problem("docs", "docs.sources must list at least one source")
        sources = []
    return RuleDocs(
        what=str(docs.get("what", "")).strip(),
        why=str(docs.get("why", "")).strip(),
        sources=tuple(sources),
        better=str(docs.get("better", "") or "").strip(),
        url=str(docs.get("url", "") or "").strip(),
    )


def _build_examples(
    entry: LocatedDict, display: str, label: str, problems: list[str]
) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = entry["examples"]
    line = entry.line_of("examples")
    if not isinstance(examples, dict):
        problems.append(f"{display}:{line}: {label}: examples must be a mapping with 'fail' and 'pass' lists")
        return (), ()
    built: dict[str, tuple[Example, ...]] = {}
    for key in examples:
        if key not in ("fail", "pass"):
            problems.append(f"{display}:{line}: {label}: unknown examples key {key!r} (expected 'fail' and 'pass')")
    for key in ("fail", "pass"):
        items = examples.get(key)
        if not isinstance(items, LocatedList) or not items:
            problems.append(f"{display}:{line}: {label}: examples.{key} must list at least one example")
            built[key] = ()
            continue
        result: list[Example] = []
        for index, item in enumerate(items):
            item_line = items.item_lines[index]
            if isinstance(item, (str, bytes)):
                result.append(Example(item, line=item_line))
            elif isinstance(item, dict) and isinstance(item.get("text"), (str, bytes)):
                unknown = [name for name in item if name not in EXAMPLE_KEYS]
                if unknown:
                    problems.append(f"{display}:{item_line}: {label}: unknown example keys {unknown}")
                if item.get("profile") is not None and item["profile"] not in PROFILES:
                    problems.append(f"{display}:{item_line}: {label}: example profile must be one of {', '.join(PROFILES)}")
                settings = item.get("settings", {})
                if not isinstance(settings, dict):
                    problems.append(f"{display}:{item_line}: {label}: example settings must be a mapping of configuration keys")
                    settings = {}
                result.append(
                    Example(item["text"], item.get("profile"), str(item.get("format", "markdown")), dict(settings), item_line)
                )
            else:
                problems.append(f"{display}:{item_line}: {label}: an example is a string or a mapping with 'text'")
        built[key] = tuple(result)
    return built["fail"], built["pass"]
