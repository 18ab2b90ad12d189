"""Safe YAML loading that remembers where every mapping and list item came from.

Rule packs are data written by people; when one is wrong, the error must name
the file and line. Only YAML's safe constructors are used, so a rule pack can
never run code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kaplint.located import LocatedDict, LocatedList

__all__ = ["LocatedDict", "LocatedList", "YamlSourceError", "load_located_yaml"]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading (libyaml's parser when available) with line numbers kept."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    mapping = LocatedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LocatedList:
    items = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlSourceError(Exception):
    """A YAML file could not be read; the message names file and line."""


def load_located_yaml(path: Path, display: str | None = None) -> Any:
    """Load a YAML file with line information; raise :class:`YamlSourceError` on any problem.

    ``display`` is how errors name the file (default: the path as given).
    """
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise YamlSourceError(f"{name}: cannot read rule pack ({error})") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = getattr(error, "problem", None) or str(error)
        raise YamlSourceError(f"{where}: invalid YAML: {problem}") from None
