"""Finding, loading and validating kaplint's configuration.

Configuration lives in ``[tool.kaplint]`` of ``pyproject.toml`` or at the top
level of ``kaplint.toml`` / ``.kaplint.toml``. The nearest file above the
current folder wins (``kaplint.toml`` before ``pyproject.toml`` in the same
folder); ``extend = "path"`` inherits from another file. Every key is checked:
an unknown key or a bad value stops the run with exit code 2 and a message
that names the file, the key and the closest valid key.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Sequence

from kaplint.finding import SEVERITY_NAMES
from kaplint.profiles import DEFAULT_DISCLOSURE_MIN_WORDS, PROFILES

CONFIG_FILES = ("kaplint.toml", ".kaplint.toml", "pyproject.toml")


def _any_case(name: str) -> str:
    """A glob matching ``name`` in any letter case (globs are case-sensitive, like .gitignore)."""
    return "".join(f"[{char.upper()}{char.lower()}]" if char.isalpha() else char for char in name)


# A repository's own files, written for contributors rather than patients: README.md,
# CHANGELOG.txt, CONTRIBUTING.md, LICENSE.md (any case, any extension). They are part of the
# default `exclude`, so `exclude = [...]` replaces them like every default and
# `extend-exclude = ["!README.md"]` brings one back.
PROJECT_FILE_NAMES = ("readme", "changelog", "contributing", "license", "licence")
PROJECT_FILE_EXCLUDE = tuple(
    pattern for name in PROJECT_FILE_NAMES for pattern in (_any_case(name), _any_case(name) + ".*")
)
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "node_modules", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".kaplint_cache", "site-packages", "build", "dist",
    *PROJECT_FILE_EXCLUDE,
)
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024

KEYS = {
    "extend": "str",
    "select": "list",
    "extend-select": "list",
    "ignore": "list",
    "per-file-ignores": "table-of-lists",
    "overrides": "overrides",
    "severity": "severity-table",
    "fail-on": "severity",
    "exclude": "list",
    "extend-exclude": "list",
    "respect-gitignore": "bool",
    "allow-empty": "bool",
    "extend-rules": "list",
    "vocabulary": "vocabulary",
    "rule-options": "table-of-tables",
    "max-file-size": "size",
    "encoding": "encoding",
    "disclosures": "disclosure-levels",
    "disclosure-min-words": "count",
    "grammar": "grammar",
}
DISCLOSURE_LEVELS = ("error", "warning", "suggestion", "off")
OVERRIDE_KEYS = ("files", "profile", "ignore", "severity")
VOCABULARY_KEYS = ("accept", "prefer")


class ConfigError(Exception):
    """The configuration is invalid; the message says where and what to change."""


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    profile: str | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """The effective configuration. Relative globs are relative to ``root``."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    allow_empty: bool = False  # a run that finds no file to lint exits 0 instead of 2
    extend_rules: tuple[Path, ...] = ()
    accepted_terms: tuple[str, ...] = ()
    preferred_terms: dict[str, str] = field(default_factory=dict)  # term -> the project's preferred form
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    encoding: str | None = None  # the legacy encoding of text files that are not UTF-8 (None: refuse them)
    disclosure_levels: dict[str, dict[str, str]] = field(default_factory=dict)  # element -> profile -> level
    disclosure_min_words: int = DEFAULT_DISCLOSURE_MIN_WORDS  # shorter texts get no disclosure checklist
    grammar: Any = None  # kaplint.grammar.settings.GrammarSettings when [tool.kaplint.grammar] is present


def close_matches(word: str, candidates: Sequence[str], cutoff: float = 0.6) -> list[str]:
    """The candidate closest to a misspelt ``word`` (a list of at most one), for "did you mean" hints.

    difflib is imported here, when there is a mistake to explain: a run without one never needs
    it, and importing it cost every run a millisecond."""
    import difflib

    return difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    folder = start.resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def _toml() -> ModuleType:
    """The TOML parser, imported when a configuration file is read: a run in a folder with
    none (a pre-commit hook, an editor's file outside a project) does not pay for importing it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def _has_tool_table(path: Path) -> bool:
    tomllib = _toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let load_config report the problem
    return isinstance(data.get("tool"), dict) and "kaplint" in data["tool"]


def load_config(path: Path | None) -> Config:
    """Load ``path`` (and whatever it extends); ``None`` gives the defaults."""
    if path is None:
        return Config()
    raw = _read_settings(path.resolve(), seen=())
    return _build(raw, path.resolve())


def config_from_mapping(data: dict[str, Any], origin: Path) -> Config:
    """Build a Config from already-parsed settings (rule examples carry their own)."""
    _check_keys(data, origin, "", "settings")
    return _build({key: (value, origin) for key, value in data.items()}, origin)


def _read_settings(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    if path in seen:
        chain = " -> ".join(str(item) for item in (*seen, path))
        raise ConfigError(f"{path}: 'extend' makes a loop: {chain}")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: configuration must be UTF-8 text") from None
    tomllib = _toml()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml" or (set(data) == {"tool"} and isinstance(data["tool"], dict) and "kaplint" in data["tool"]):
        # pyproject.toml, or another file written in its style ([tool.kaplint] ...)
        data = data.get("tool", {}).get("kaplint", {})
        table = "[tool.kaplint]"
    else:
        table = "top level"
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.kaplint] must be a table")
    _check_keys(data, path, text, table)
    settings = {key: (value, path) for key, value in data.items()}
    if "extend" in data:
        if not isinstance(data["extend"], str):
            raise ConfigError(f"{_where(path, text, 'extend')}: 'extend' must be a path to another configuration file")
        base_path = (path.parent / data["extend"]).resolve()
        if not base_path.is_file():
            raise ConfigError(f"{_where(path, text, 'extend')}: 'extend' points to {base_path}, which does not exist")
        base = _read_settings(base_path, (*seen, path))
        settings = _merge(base, settings)
    return settings


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, (value, origin) in child.items():
        if key in ("per-file-ignores", "severity", "rule-options", "vocabulary", "disclosures", "grammar") and key in merged:
            merged[key] = ({**merged[key][0], **value}, origin)
        elif key in ("overrides", "extend-select", "extend-exclude", "extend-rules") and key in merged:
            merged[key] = ([*merged[key][0], *value], origin)
        else:
            merged[key] = (value, origin)
    return merged


def _check_keys(data: dict[str, Any], path: Path, text: str, table: str) -> None:
    for key in data:
        if key not in KEYS:
            close = close_matches(key, list(KEYS))
            hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(KEYS)}"
            raise ConfigError(f"{_where(path, text, key)}: unknown key {key!r} in {table}{hint}")


def _where(path: Path, text: str, key: str) -> str:
    """``path:line`` of the top-level ``key`` in a TOML file, best effort."""
    line = key_line(text, (key,))
    return f"{path}:{line}" if line else str(path)


def locate_key(path: Path | None, *names: str) -> str:
    """``path:line`` of the setting ``names`` (``"severity", "cure"``) in a configuration file, or the
    nearest table or key above it that can be found; just ``path`` (or "configuration") when none can."""
    if path is None:
        return "configuration"
    line = key_line(_safe_text(path), names) if path.is_file() else None
    return f"{path}:{line}" if line else str(path)


_TABLE_HEADER = re.compile(r"^\s*\[\[?([^\[\]]+)\]\]?\s*(?:#.*)?$")
_KEY_PART = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
_KEY_LINE = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(rf"{_KEY_PART}", text))


def key_line(text: str, names: tuple[str, ...]) -> int | None:
    """The 1-based line that defines ``names`` in TOML ``text``: a ``[table]`` header, a ``key =``
    line under its table, or a dotted or inline-table line holding it. When the exact setting
    is not written on a line of its own (``severity = { cure = "eror" }``), the line of the
    longest enclosing table or key is given, the place a reader looks. Settings may sit under
    ``[tool.kaplint]`` (pyproject.toml) or at the top level (kaplint.toml)."""
    best: tuple[int, int] | None = None  # (how many names matched, line)
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = _TABLE_HEADER.match(line)
        if header:
            table = _dotted(header.group(1))
            path = table[2:] if table[:2] == ("tool", "kaplint") else table
        else:
            key = _KEY_LINE.match(line)
            if not key:
                continue
            path = (table[2:] if table[:2] == ("tool", "kaplint") else table) + _dotted(key.group(1))
        if not path or path != names[: len(path)]:
            continue
        if len(path) == len(names):
            return number
        if best is None or len(path) > best[0]:
            best = (len(path), number)
    return best[1] if best else None


def locate_value(path: Path | None, value: str) -> str | None:
    """``path:line`` where the quoted string ``value`` first appears in a configuration file."""
    if path is None or not path.is_file():
        return None
    text = _safe_text(path)
    found = re.search(rf"[\"']{re.escape(value)}[\"']", text)
    if not found:
        return None
    return f"{path}:{text.count(chr(10), 0, found.start()) + 1}"


def _build(settings: dict[str, Any], path: Path) -> Config:
    values: dict[str, Any] = {"path": path, "root": path.parent}
    for key, (value, origin) in settings.items():
        if key == "extend":
            continue
        where = _where(origin, _safe_text(origin), key) if origin.is_file() else str(origin)
        checked = _check_value(key, KEYS[key], value, where, origin)
        attribute = key.replace("-", "_")
        if key == "vocabulary":
            values["accepted_terms"], values["preferred_terms"] = checked
        elif key == "fail-on":
            values["fail_on"] = checked
        elif key == "disclosures":
            values["disclosure_levels"] = checked
        else:
            values[attribute] = checked
    return Config(**values)


def _safe_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _string_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: {key!r} must be a list of strings, e.g. {key} = [\"KAP301\"]")
    return tuple(value)


def _check_severity(value: Any, where: str, key: str) -> str:
    if value not in SEVERITY_NAMES:
        close = close_matches(str(value), SEVERITY_NAMES)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ConfigError(f"{where}: {key!r} must be one of {', '.join(SEVERITY_NAMES)}, not {value!r}{hint}")
    return str(value)


def _check_value(key: str, kind: str, value: Any, where: str, origin: Path) -> Any:
    """``value`` of the setting ``key`` checked and converted; ``where`` is its place, ``origin`` its file."""
    if kind == "list":
        items = _string_list(value, where, key)
        if key == "extend-rules":
            return tuple((origin.parent / item).resolve() for item in items)
        return items
    if kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: {key!r} must be true or false")
        return value
    if kind == "severity":
        return _check_severity(value, where, key)
    if kind == "severity-table":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: {key!r} must be a table of rule = severity")
        return {rule: _check_severity(level, locate_key(origin, key, rule), f"{key}.{rule}") for rule, level in value.items()}
    if kind == "table-of-lists":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: {key!r} must be a table of \"glob\" = [rules]")
        return {glob: _string_list(items, locate_key(origin, key, glob), f"{key}.{glob}") for glob, items in value.items()}
    if kind == "table-of-tables":
        if not isinstance(value, dict) or not all(isinstance(item, dict) for item in value.values()):
            raise ConfigError(f"{where}: {key!r} must be a table of rule tables, e.g. [tool.kaplint.rule-options.long-sentence]")
        return {rule: dict(options) for rule, options in value.items()}
    if kind == "size":
        return _parse_size(value, where, key)
    if kind == "encoding":
        return _check_encoding(value, where, key)
    if kind == "count":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"{where}: {key!r} must be a whole number of words, 0 or more (0 checks every text), not {value!r}")
        return value
    if kind == "disclosure-levels":
        return _disclosure_levels(value, where, origin)
    if kind == "vocabulary":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: 'vocabulary' must be a table with 'accept' and 'prefer'")
        for sub in value:
            if sub not in VOCABULARY_KEYS:
                close = close_matches(sub, VOCABULARY_KEYS)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                if sub in KEYS:  # a top-level key written below the [tool.kaplint.vocabulary] header
                    hint = (
                        f"; {sub!r} is a [tool.kaplint] setting: TOML puts every key after a [table] header into "
                        f"that table, so move it above the first [tool.kaplint.…] header"
                    )
                raise ConfigError(f"{locate_key(origin, key, sub)}: unknown key {sub!r} in 'vocabulary'{hint}")
        prefer = value.get("prefer", {})
        if not isinstance(prefer, dict) or not all(isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip() for k, v in prefer.items()):
            raise ConfigError(f'{where}: \'vocabulary.prefer\' must be a table of "term" = "preferred form", e.g. prefer = {{ "ketamine therapy" = "ketamine treatment" }}')
        return _string_list(value.get("accept", []), where, "vocabulary.accept"), dict(prefer)
    if kind == "overrides":
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ConfigError(f"{where}: 'overrides' must be a list of [[tool.kaplint.overrides]] tables")
        return tuple(_override(item, where, origin) for item in value)
    if kind == "grammar":
        return _grammar_settings(value, where, origin)
    if kind == "str":
        if not isinstance(value, str):
            raise ConfigError(f"{where}: {key!r} must be a string")
        return value
    raise AssertionError(kind)  # pragma: no cover


def _disclosure_levels(value: Any, where: str, origin: Path) -> dict[str, dict[str, str]]:
    """``[disclosures.driving] web = "error"``: per element, the level for each profile."""
    example = "[tool.kaplint.disclosures.driving] with web = \"error\""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'disclosures' must be a table of element tables, e.g. {example}")
    for element, table in value.items():
        if not isinstance(table, dict):
            raise ConfigError(
                f"{locate_key(origin, 'disclosures', str(element))}: 'disclosures.{element}' must be a table of "
                f"profile = level, e.g. {example}"
            )
    levels: dict[str, dict[str, str]] = {}
    for element, table in value.items():
        for profile, level in table.items():
            if profile not in PROFILES:
                close = close_matches(str(profile), PROFILES)
                hint = f"; did you mean {close[0]!r}?" if close else f" (profiles: {', '.join(PROFILES)})"
                raise ConfigError(f"{locate_key(origin, 'disclosures', element, profile)}: unknown profile {profile!r} in 'disclosures.{element}'{hint}")
            if level not in DISCLOSURE_LEVELS:
                close = close_matches(str(level), DISCLOSURE_LEVELS)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise ConfigError(
                    f"{locate_key(origin, 'disclosures', element, profile)}: 'disclosures.{element}.{profile}' must be one of "
                    f"{', '.join(DISCLOSURE_LEVELS)}, not {level!r}{hint}"
                )
        levels[str(element)] = dict(table)
    return levels


def _grammar_settings(value: Any, where: str, origin: Path) -> Any:
    """``[tool.kaplint.grammar]``: validated by the grammar package, which owns its keys."""
    from kaplint.grammar.settings import GrammarSettingsError, parse_grammar_settings

    try:
        return parse_grammar_settings(value)
    except GrammarSettingsError as error:
        named = re.search(r"key '([^']+)'", str(error))  # the message names the key it is about, when it is one
        raise ConfigError(f"{locate_key(origin, 'grammar', named.group(1)) if named else where}: {error}") from None


def _override(item: dict[str, Any], where: str, origin: Path) -> Override:
    for key in item:
        if key not in OVERRIDE_KEYS:
            close = close_matches(key, OVERRIDE_KEYS)
            hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(OVERRIDE_KEYS)}"
            raise ConfigError(f"{locate_key(origin, 'overrides', key)}: unknown key {key!r} in an override{hint}")
    if "files" not in item:
        raise ConfigError(f"{where}: every override needs 'files' (a glob or a list of globs)")
    profile = item.get("profile")
    if profile is not None and profile not in PROFILES:
        close = close_matches(str(profile), PROFILES)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ConfigError(f"{locate_key(origin, 'overrides', 'profile')}: override profile must be one of {', '.join(PROFILES)}, not {profile!r}{hint}")
    severity = item.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: override 'severity' must be a table of rule = severity")
    return Override(
        files=_string_list(item["files"], where, "files"),
        profile=profile,
        ignore=_string_list(item.get("ignore", []), where, "ignore"),
        severity={rule: _check_severity(level, locate_key(origin, "overrides", "severity", rule), f"severity.{rule}") for rule, level in severity.items()},
    )


def _parse_size(value: Any, where: str, key: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*", value)
        if found:
            factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[found.group(2).lower()]
            size = int(float(found.group(1)) * factor)
            if size > 0:
                return size
    raise ConfigError(f"{where}: {key!r} must be a positive size such as 5MB, 500KB or a number of bytes, not {value!r}")


def _check_encoding(value: Any, where: str, key: str) -> str:
    from kaplint.loaders.decoding import legacy_encoding

    if not isinstance(value, str):
        raise ConfigError(f'{where}: {key!r} must be the name of an encoding, e.g. {key} = "cp1252"')
    try:
        return legacy_encoding(value)
    except ValueError as error:
        raise ConfigError(f"{where}: {key!r}: {error}") from None


def parse_encoding(value: str) -> str:
    """Check an encoding given on the command line (``--encoding cp1252``)."""
    return _check_encoding(value, "--encoding", "encoding")


def parse_size(value: str) -> int:
    """Parse a size given on the command line ("5MB")."""
    return _parse_size(value, "--max-file-size", "max-file-size")
