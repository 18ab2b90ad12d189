"""Front-matter values that readers see, as prose blocks with exact positions.

A page's ``title`` and ``description`` become the browser tab, the search
snippet and the social card; an email's ``subject`` and ``preheader`` are the
first words a patient reads. They are the most read text of all, so every rule
checks them: ``title`` and ``subject`` as headings, ``description`` and
``preheader`` as paragraphs. Other keys (profile, ``kaplint:`` settings,
dates, tags) stay metadata.

Positions come from the YAML parser's marks, and the block text is rebuilt
from the source character by character, so a finding points at its words
inside the quotes even across escapes (``\\"``, ``''``, ``\\u00e9``) and line
folding. Literal (``|``) and folded (``>``) block scalars are read line by
line. A value that cannot be mapped exactly (an escape kaplint does not know,
an alias, a non-string) is skipped rather than reported at a wrong place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kaplint.text.document import Block, BlockBuilder, Segment, SourceMap

if TYPE_CHECKING:  # pragma: no cover
    import yaml

# key -> block kind. Titles and subjects stand above the text like headings.
PROSE_KEYS = {"title": "heading", "subject": "heading", "description": "paragraph", "preheader": "paragraph"}
FRONT_MATTER_HEADING_LEVEL = 0  # below every real heading level: a title, not a section
_STRING_TAG = "tag:yaml.org,2002:str"
_SIMPLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def front_matter_blocks(text: str, yaml_offset: int, yaml_end: int) -> list[Block]:
    """Prose blocks for the reader-facing keys of the YAML at ``text[yaml_offset:yaml_end]``."""
    if yaml_end <= yaml_offset:
        return []
    raw = text[yaml_offset:yaml_end]
    import yaml  # here, not at the top: a page without front matter never needs PyYAML

    try:
        # The pure-Python composer: its marks count characters, as the source offsets do.
        root = yaml.compose(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []  # reported by split_front_matter
    if not isinstance(root, yaml.MappingNode):
        return []
    blocks: list[Block] = []
    seen: set[int] = set()
    texts: set[str] = set()
    for key_node, value_node in root.value:
        kind = PROSE_KEYS.get(str(key_node.value).lower()) if isinstance(key_node, yaml.ScalarNode) else None
        if kind is None or not isinstance(value_node, yaml.ScalarNode) or value_node.tag != _STRING_TAG:
            continue
        if id(value_node) in seen:
            continue  # an alias of a value already read: the same words at the same place
        seen.add(id(value_node))
        built = _scalar_text(raw, value_node)
        if built is None:
            continue
        block_text, source_map = built
        key = " ".join(block_text.split()).casefold()
        if not block_text or key in texts:
            continue  # a description that repeats the title is read once
        texts.add(key)
        shifted = SourceMap([_shift(segment, yaml_offset) for segment in source_map.segments])
        if kind == "heading":
            blocks.append(Block("heading", block_text, shifted, (block_text,), FRONT_MATTER_HEADING_LEVEL))
        else:
            blocks.append(Block("paragraph", block_text, shifted))
    return blocks


def _shift(segment: Segment, offset: int) -> Segment:
    return Segment(segment.text_start, segment.source_start + offset, segment.text_length, segment.source_length)


def _scalar_text(raw: str, node: yaml.ScalarNode) -> tuple[str, SourceMap] | None:
    """The value's prose and its map into ``raw``, or None when it cannot be mapped exactly."""
    start, end = node.start_mark.index, node.end_mark.index
    while start < end and raw[start] in "&!":
        # An anchor (&name) or a tag (!!str) before the value: not part of it.
        found = re.compile(r"[&!]\S*\s+").match(raw, start)
        if not found:
            return None
        start = found.end()
    builder = BlockBuilder()
    if node.style in ("|", ">"):
        ok = _block_scalar(raw, start, end, builder)
    elif node.style in ("'", '"'):
        ok = _flow_scalar(raw, start + 1, end - 1, builder, node.style)
    else:
        ok = _flow_scalar(raw, start, end, builder, "")
    if not ok:
        return None
    text, source_map = builder.strip()
    if " ".join(text.split()) != " ".join(str(node.value).split()):
        return None  # something was read differently: better silent than wrong
    return text, source_map


def _flow_scalar(raw: str, start: int, end: int, builder: BlockBuilder, quote: str) -> bool:
    """Plain, 'single' or "double" quoted text: escapes decoded, folded lines joined by one space."""
    index = start
    while index < end:
        char = raw[index]
        if char == "\n" or (char in " \t" and _only_space_to_newline(raw, index, end)):
            # Line folding: trailing space, the line break(s) and the next line's indent are one space.
            stop = index
            while stop < end and raw[stop] in " \t\n":
                stop += 1
            if "\n" in raw[index:stop]:
                if builder.last_char() not in (" ", ""):
                    builder.substitute(" ", index, stop - index)
                index = stop
                continue
        if quote == "'" and char == "'" and index + 1 < end and raw[index + 1] == "'":
            builder.substitute("'", index, 2)
            index += 2
            continue
        if quote == '"' and char == "\\":
            length, decoded = _escape(raw, index, end)
            if length == 0:
                return False
            if decoded == "":  # an escaped line break: the lines join without a space
                index += length
                while index < end and raw[index] in " \t":
                    index += 1
                continue
            builder.substitute(" " if decoded in "\n\t\r\x85\u2028\u2029" else decoded, index, length)
            index += length
            continue
        builder.copy(char, index)
        index += 1
    return True


def _only_space_to_newline(raw: str, index: int, end: int) -> bool:
    rest = re.match(r"[ \t]*\n", raw[index:end])
    return rest is not None


def _escape(raw: str, index: int, end: int) -> tuple[int, str]:
    """(source length, decoded text) of the double-quoted escape at ``index``; (0, "") when unknown."""
    if index + 1 >= end:
        return 0, ""
    code = raw[index + 1]
    if code == "\n":
        return 2, ""
    if code in _SIMPLE_ESCAPES:
        return 2, _SIMPLE_ESCAPES[code]
    digits = _HEX_ESCAPES.get(code)
    if digits:
        hex_text = raw[index + 2 : index + 2 + digits]
        if len(hex_text) == digits and all(char in "0123456789abcdefABCDEF" for char in hex_text):
            return 2 + digits, chr(int(hex_text, 16))
    return 0, ""


def _block_scalar(raw: str, start: int, end: int, builder: BlockBuilder) -> bool:
    """A literal or folded block scalar: each content line copied, line breaks and indents as one space."""
    header_end = raw.find("\n", start)
    if header_end < 0 or header_end >= end:
        return False
    position = header_end + 1
    indent: int | None = None
    while position < end:
        line_end = raw.find("\n", position)
        line_end = end if line_end < 0 or line_end > end else line_end
        line = raw[position:line_end]
        if line.strip():
            current = len(line) - len(line.lstrip(" "))
            indent = current if indent is None else indent
            if current < indent:
                break
            content_start = position + indent
            content = raw[content_start:line_end].rstrip()
            if builder.length and builder.last_char() != " ":
                gap_start = _previous_content_end(raw, content_start)
                builder.substitute(" ", gap_start, content_start - gap_start)
            builder.copy(content, content_start)
        position = line_end + 1
    return True


def _previous_content_end(raw: str, offset: int) -> int:
    """Offset just after the last non-space character before ``offset``."""
    index = offset
    while index > 0 and raw[index - 1] in " \t\n":
        index -= 1
    return index
