"""Markdown loader: markdown-it-py tokens to prose blocks with exact source maps.

markdown-it gives line ranges for blocks but no positions for inline text, and
its inline text has escapes and entities already decoded. So the loader first
maps each inline token's raw content back to source offsets line by line, then
walks the inline children over that raw content with a cursor, copying prose
and skipping markup: emphasis markers, link destinations, code spans, images,
raw HTML tags, autolinks and bare URLs. Code blocks and front-matter settings
never become prose (its title and description do: see frontmatter_prose); raw HTML blocks contribute only the text a browser would show.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kaplint.text.document import Block, BlockBuilder, Document, LineIndex, SectionPath
from kaplint.loaders.frontmatter import split_front_matter
from kaplint.loaders.frontmatter_prose import front_matter_blocks
from kaplint.loaders.urls import split_urls
from kaplint.suppressions import parse_directive

_SPACE_RUN = re.compile(r"( {2,})")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTAINERS = {
    "blockquote_open": "blockquote",
    "list_item_open": "list_item",
    "th_open": "table_cell",
    "td_open": "table_cell",
}

_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return _parser


def load_markdown(path: str, text: str, format: str = "markdown") -> Document:
    """Parse Markdown (or, with ``format="mdx"``, MDX) ``text`` into a :class:`Document`."""
    front = split_front_matter(text)
    document = Document(path=path, format=format, source=text, front_matter=front.data, body_offset=front.body_offset)
    if front.problem is not None:
        document.problems.append(front.problem)
    # Blank the front matter but keep its lines, so token line numbers stay true.
    masked = "\n" * text.count("\n", 0, front.body_offset) + text[front.body_offset :]
    if format == "mdx":
        # Same length as the source (front matter as blank lines of spaces), so the offsets
        # found in the masked text are offsets in the file.
        blank_front = "".join(char if char == "\n" else " " for char in text[: front.body_offset])
        from kaplint.loaders.mdx import mask_mdx  # imported here: most Markdown is not MDX

        masked = mask_mdx(blank_front + text[front.body_offset :], front.body_offset)
    tokens = _markdown().parse(masked)
    _BlockWalker(document, tokens, masked if format == "mdx" else None).walk()
    document.blocks[:0] = front_matter_blocks(text, front.yaml_offset, front.yaml_end)
    return document


class _BlockWalker:
    def __init__(self, document: Document, tokens: list[Token], masked: str | None = None) -> None:
        self.document = document
        self.tokens = tokens
        # The text the parser saw: MDX code is masked in it, at the same offsets as the source.
        self.parsed = masked if masked is not None else document.source
        self.lines: LineIndex = document.lines if masked is None else LineIndex(masked)
        self.collapse_spaces = masked is not None
        self.containers: list[str] = []
        self.list_depth = 0
        self.sections = SectionPath()
        self.row_cursor = 0
        self.heading_level = 0

    def walk(self) -> None:
        for token in self.tokens:
            kind = token.type
            if kind in _CONTAINERS:
                self.containers.append(_CONTAINERS[kind])
                if kind == "list_item_open":
                    self.list_depth += 1
            elif kind in ("blockquote_close", "list_item_close", "th_close", "td_close"):
                if self.containers:
                    self.containers.pop()
                if kind == "list_item_close":
                    self.list_depth -= 1
            elif kind == "tr_open" and token.map:
                self.row_cursor = self.lines.line_starts[token.map[0]]
            elif kind == "heading_open":
                self.heading_level = int(token.tag[1:])
            elif kind == "heading_close":
                self.heading_level = 0
            elif kind == "html_block" and token.map:
                self._html_block(token)
            elif kind == "inline":
                self._inline(token)

    def _html_block(self, token: Token) -> None:
        """Raw HTML: tags and comments are not prose, but the text a browser shows is.

        The HTML loader (and the standard library's parser under it) is imported here, at the
        first HTML block: most Markdown pages have none, and importing them cost a few
        milliseconds of every single-file run."""
        from kaplint.loaders.html import extract_visible_blocks

        start = self.lines.line_starts[token.map[0]]
        end_line = token.map[1]
        end = self.lines.line_starts[end_line] if end_line < len(self.lines.line_starts) else len(self.document.source)
        extract_visible_blocks(self.document, self.parsed[start:end], start, self.sections.entries)

    def _inline(self, token: Token) -> None:
        if self.heading_level:
            kind, level = "heading", self.heading_level
        elif self.containers:
            kind = self.containers[-1]
            level = self.list_depth if kind == "list_item" else 0
        else:
            kind, level = "paragraph", 0
        offsets = self._content_offsets(token, kind == "table_cell")
        if offsets is None:
            return
        inline = _InlineWalker(token.content, offsets, self.document, self.lines, self.collapse_spaces)
        inline.walk(token.children or [])
        text, source_map = inline.builder.strip()
        if not text:
            return
        if kind == "heading":
            self.sections.enter(level, text)
        section = self.sections.titles
        self.document.blocks.append(Block(kind, text, source_map, section, level, tuple(inline.links)))

    def _content_offsets(self, token: Token, in_table: bool) -> list[int] | None:
        """Source offset of every character of ``token.content`` (plus one past the end)."""
        content = token.content
        source = self.parsed
        if in_table:
            start = source.find(content, self.row_cursor) if content else -1
            if start == -1:
                return None
            self.row_cursor = start + len(content)
            return list(range(start, start + len(content) + 1))
        if not token.map:
            return None
        line_index = token.map[0]
        last_line = token.map[1]
        offsets: list[int] = []
        for piece_number, piece in enumerate(content.split("\n")):
            found = None
            while line_index < last_line and line_index < len(self.lines.line_starts):
                line = self.lines.line_text(line_index + 1)
                stripped = line.rstrip()
                if stripped.endswith(piece):
                    found = self.lines.line_starts[line_index] + len(stripped) - len(piece)
                elif piece and piece in line:
                    found = self.lines.line_starts[line_index] + line.find(piece)
                line_index += 1
                if found is not None:
                    break
            if found is None:
                return None
            if piece_number:
                offsets.append(self._previous_line_end(found))  # the newline between pieces
            offsets.extend(range(found, found + len(piece)))
        offsets.append((offsets[-1] + 1) if offsets else self.lines.line_starts[token.map[0]])
        return offsets

    def _previous_line_end(self, offset: int) -> int:
        newline = self.parsed.rfind("\n", 0, offset)
        return newline if newline >= 0 else offset


class _InlineWalker:
    """Walks inline tokens over the raw content, copying prose into a BlockBuilder."""

    def __init__(
        self, content: str, offsets: list[int], document: Document, lines: LineIndex, collapse_spaces: bool = False
    ) -> None:
        self.content = content
        self.collapse_spaces = collapse_spaces  # MDX: a masked expression leaves a run of spaces
        self.offsets = offsets
        self.document = document
        self.lines = lines
        self.cursor = 0
        self.builder = BlockBuilder()
        self.links: list[str] = []
        self.after_skip = False  # just skipped a code span, URL, image or tag

    def source(self, index: int) -> int:
        return self.offsets[min(index, len(self.offsets) - 1)]

    def walk(self, children: list[Token]) -> None:
        skipping_autolink = False
        for child in children:
            kind = child.type
            if skipping_autolink:
                if kind == "link_close":
                    skipping_autolink = False
                continue
            if kind == "text":
                for piece, is_url in split_urls(child.content):
                    if self.collapse_spaces and not is_url and "  " in piece:
                        self._consume_collapsing(piece)
                        continue
                    self._consume_text(piece, emit=not is_url)
                    self.after_skip = is_url
            elif kind in ("softbreak", "hardbreak"):
                newline = self.content.find("\n", self.cursor)
                if newline >= 0:
                    self.builder.substitute(" ", self.source(newline), 1)
                    self.cursor = newline + 1
            elif kind == "code_inline":
                self._skip_code_span(child.markup)
                self.after_skip = True
            elif kind.endswith("_open") or kind.endswith("_close"):
                self._markup(child)
            elif kind == "image":
                self._skip_image()
                self.after_skip = True
            elif kind == "html_inline":
                self._skip_html(child.content)
                if self.collapse_spaces:
                    self.after_skip = True  # masked MDX code: no double space where it stood
                if child.markup == "autolink":
                    skipping_autolink = True
            if kind == "link_open" and child.markup in ("autolink", "linkify"):
                skipping_autolink = True
                self.after_skip = True

    def _consume_collapsing(self, text: str) -> None:
        """Consume ``text``, showing each run of spaces as one (where MDX code was masked)."""
        for piece in _SPACE_RUN.split(text):
            if not piece:
                continue
            if not piece.startswith("  "):
                self._consume_text(piece, emit=True)
                self.after_skip = False
                continue
            start = self.content.find(piece, self.cursor)
            if start < 0:
                return
            if self.builder.last_char() not in (" ", ""):
                self.builder.substitute(" ", self.source(start), len(piece))
            self.cursor = start + len(piece)

    def _markup(self, child: Token) -> None:
        kind = child.type
        if kind == "link_open":
            href = child.attrs.get("href")
            if href:
                self.links.append(str(href))
            if child.markup == "autolink":
                start = self.content.find("<", self.cursor)
                end = self.content.find(">", start)
                if start >= 0 and end >= 0:
                    self.cursor = end + 1
                return
            start = self.content.find("[", self.cursor)
            if start >= 0:
                self.cursor = start + 1
            return
        if kind == "link_close":
            if child.markup == "autolink":
                return
            close = self.content.find("]", self.cursor)
            if close >= 0:
                self.cursor = _skip_link_tail(self.content, close + 1)
            return
        if child.markup:
            found = self.content.find(child.markup, self.cursor)
            if found >= 0:
                self.cursor = found + len(child.markup)

    def _skip_code_span(self, fence: str) -> None:
        start = self.content.find(fence, self.cursor)
        if start < 0:
            return
        position = start + len(fence)
        pattern = re.compile(r"(?<!`)" + re.escape(fence) + r"(?!`)")
        closing = pattern.search(self.content, position)
        self.cursor = closing.end() if closing else len(self.content)

    def _skip_image(self) -> None:
        start = self.content.find("![", self.cursor)
        if start < 0:
            return
        depth = 0
        index = start + 1
        while index < len(self.content):
            char = self.content[index]
            if char == "\\":
                index += 2
                continue
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    break
            index += 1
        self.cursor = _skip_link_tail(self.content, index + 1)

    def _skip_html(self, raw: str) -> None:
        start = self.content.find(raw, self.cursor)
        if start < 0:
            return
        end = start + len(raw)
        if raw.startswith("<!--"):
            body = raw[4:-3] if raw.endswith("-->") else raw[4:]
            directive = parse_directive(body, self.source(start), self.source(end - 1) + 1, self.lines)
            if directive:
                self.document.directives.append(directive)
        self.cursor = end

    def _consume_text(self, text: str, emit: bool) -> None:
        """Advance over ``text`` in the raw content, copying it when ``emit``."""
        content = self.content
        if (
            content.startswith(text, self.cursor)
            and "\n" not in text
            and "\\" not in text
            and "&" not in text
            and not (emit and self.after_skip and text.startswith(" "))
        ):
            # The common case: the text stands verbatim in the source.
            if emit and text:
                self.builder.copy(text, self.source(self.cursor))
                self.after_skip = False
            self.cursor += len(text)
            return
        index = 0
        while index < len(text):
            cursor = self.cursor
            if cursor >= len(content):
                return
            # Fast path: a verbatim run on one line.
            run = 0
            while (
                index + run < len(text)
                and cursor + run < len(content)
                and content[cursor + run] == text[index + run]
                and content[cursor + run] != "\n"
                and content[cursor + run] not in "\\&"
            ):
                run += 1
            if run:
                if emit and self.after_skip and text[index] == " " and self.builder.last_char() in (" ", ""):
                    # Do not leave a double space where skipped code or a URL stood.
                    self.after_skip = False
                    index += 1
                    self.cursor += 1
                    continue
                if emit:
                    self.builder.copy(text[index : index + run], self.source(cursor))
                    self.after_skip = False
                index += run
                self.cursor += run
                continue
            char = text[index]
            raw = content[cursor]
            if raw == "\\" and cursor + 1 < len(content) and content[cursor + 1] == char:
                if emit:
                    self.builder.substitute(char, self.source(cursor), 2)
                index += 1
                self.cursor += 2
                continue
            if raw == "&":
                entity = _ENTITY.match(content, cursor)
                if entity:
                    decoded = html.unescape(entity.group())
                    if decoded and text.startswith(decoded, index):
                        if emit:
                            self.builder.substitute(decoded, self.source(cursor), entity.end() - cursor)
                        index += len(decoded)
                        self.cursor = entity.end()
                        continue
            if raw == char:  # a literal "\" or "&" that is not an escape or entity
                if emit:
                    self.builder.copy(char, self.source(cursor))
                index += 1
                self.cursor += 1
                continue
            # Anything else (markup markdown-it consumed, e.g. a delimiter that
            # did not pair up): move ahead to where this character really is.
            found = content.find(char, cursor + 1)
            if found < 0:
                return
            self.cursor = found


def _skip_link_tail(content: str, index: int) -> int:
    """Skip a link destination ``(url "title")`` or reference ``[ref]`` starting at ``index``."""
    if index >= len(content):
        return index
    opener = content[index]
    if opener == "(":
        depth = 0
        quote = ""
        position = index
        while position < len(content):
            char = content[position]
            if quote:
                if char == quote:
                    quote = ""
            elif char == "\\":
                position += 2
                continue
            elif char in "\"'" and depth == 1 and content[position - 1].isspace():
                quote = char
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return position + 1
            position += 1
        return len(content)
    if opener == "[":
        close = content.find("]", index)
        return close + 1 if close >= 0 else index
    return index

