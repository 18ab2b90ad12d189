"""MDX: Markdown with JSX components, ``{expressions}`` and ``import``/``export`` statements.

Docusaurus, Next.js and Astro pages are written in MDX; their prose is Markdown
and is linted as such. The code parts are not prose: they are masked before
the Markdown parser sees the text, and masking never changes the length of
the text, so every offset the Markdown loader records is still an offset in
the file as written.

How each part is masked:

- ``import``/``export`` blocks (from a line starting with the keyword to the
  next blank line) become blank lines;
- JSX tags of components (``<Callout type="warning">``, ``</Callout>``,
  ``<Figure src={hero} />``, fragments ``<>``) and ``{...}`` expressions
  (including ``{/* comments */}``) become an HTML comment of the same length
  (``<!--   -->``), which the Markdown loader skips like any comment; pieces
  shorter than a comment become spaces, unless that would turn the rest of a
  line into an indented code block, in which case they stay for the HTML rules
  of Markdown to skip.

Lower-case tags (``<div>``, ``<img alt="...">``) are HTML in MDX as in Markdown
and are left to the Markdown loader. Fenced code blocks and inline code spans
are never touched.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_ESM = re.compile(r"^(?:import|export)\b")
_COMPONENT_TAG = re.compile(r"</?(?:[A-Z][\w.:-]*|>)")
_COMMENT_LENGTH = len("<!---->")


def mask_mdx(text: str, start: int = 0) -> str:
    """``text`` with MDX code replaced by same-length filler from ``start`` on (front matter stays)."""
    chars = list(text)
    lines = text.split("\n")
    offset = 0
    fence = ""
    in_esm = False
    line_starts: list[int] = []
    for line in lines:
        line_starts.append(offset)
        offset += len(line) + 1
    index = 0
    while index < len(lines):
        line, line_start = lines[index], line_starts[index]
        if line_start < start:
            index += 1
            continue
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            index += 1
            continue
        if opening:
            fence = opening.group(1)
            index += 1
            continue
        if in_esm or (_ESM.match(line) and not in_esm):
            in_esm = bool(line.strip())
            _blank(chars, line_start, line_start + len(line))
            index += 1
            continue
        index += 1
    _mask_inline(text, chars, start, line_starts, lines)
    return "".join(chars)


def _mask_inline(text: str, chars: list[str], start: int, line_starts: list[int], lines: list[str]) -> None:
    """Mask component tags and expressions outside code (fences, spans) and already-masked ESM."""
    code = _code_ranges(text, start, line_starts, lines)
    position = start
    code_index = 0
    while position < len(text):
        while code_index < len(code) and code[code_index][1] <= position:
            code_index += 1
        if code_index < len(code) and code[code_index][0] <= position:
            position = code[code_index][1]
            continue
        char = chars[position]
        end = -1
        if char == "{":
            end = _balanced_end(text, position)
        elif char == "<" and _COMPONENT_TAG.match(text, position):
            end = _tag_end(text, position)
        if end > position:
            _mask(text, chars, position, end)
            position = end
        else:
            position += 1


def _code_ranges(text: str, start: int, line_starts: list[int], lines: list[str]) -> list[tuple[int, int]]:
    """Source ranges of fenced code blocks and inline code spans, in order."""
    ranges: list[tuple[int, int]] = []
    fence = ""
    fence_start = 0
    for line, line_start in zip(lines, line_starts):
        if line_start < start:
            continue
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                ranges.append((fence_start, line_start + len(line)))
                fence = ""
            continue
        if opening:
            fence, fence_start = opening.group(1), line_start
            continue
        for span in re.finditer(r"(`+)(?:(?!\1).)*?\1", line):
            ranges.append((line_start + span.start(), line_start + span.end()))
    if fence:
        ranges.append((fence_start, len(text)))
    return sorted(ranges)


def _balanced_end(text: str, position: int) -> int:
    """End (exclusive) of the ``{...}`` expression at ``position``, or -1 when it never closes."""
    depth = 0
    quote = ""
    index = position
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                quote = ""
        elif text.startswith("/*", index):  # a comment: its apostrophes open no string ("{/* Don't */}")
            close = text.find("*/", index + 2)
            if close < 0:
                return -1
            index = close + 2
            continue
        elif text.startswith("//", index):
            newline = text.find("\n", index)
            if newline < 0:
                return -1
            index = newline + 1
            continue
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return -1


def _tag_end(text: str, position: int) -> int:
    """End (exclusive) of the JSX tag at ``position`` (quotes and ``{}`` attribute values skipped)."""
    index = position + 1
    quote = ""
    while index < len(text):
        char = text[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            end = _balanced_end(text, index)
            if end < 0:
                return -1
            index = end
            continue
        elif char == ">":
            return index + 1
        elif char == "<" and index > position + 1 and text[index - 1] != "=":
            return -1  # another tag starts: this '<' was not a tag after all
        index += 1
    return -1


def _mask(text: str, chars: list[str], start: int, end: int) -> None:
    """Replace ``text[start:end]`` by a same-length comment, or by spaces when too short for one."""
    length = end - start
    inline = text[text.rfind("\n", 0, start) + 1 : start].strip() != ""
    if inline and "\n\n" in text[start:end]:
        # inline HTML cannot span a blank line, so a comment opened mid-line would leak "<!--"
        # into the prose: blank the expression instead
        _blank(chars, start, end)
        return
    if length >= _COMMENT_LENGTH:
        filler = "<!--" + "".join("\n" if text[index] == "\n" else " " for index in range(start + 4, end - 3)) + "-->"
        chars[start:end] = list(filler)
        return
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before_blank = not text[line_start:start].strip()
    rest = text[end:line_end].strip()
    if before_blank and rest and (start - line_start) + length >= 4:
        return  # spaces here would make the rest of the line an indented code block
    _blank(chars, start, end)


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "
