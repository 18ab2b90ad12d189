"""HTML loader: the visible text of a page, block by block, with exact positions.

Uses the standard library's tokenizer with character references left
unconverted, so every piece of text arrives with its own source position and
entities map to the span they were written as. Scripts, styles, templates,
``<head>``, ``hidden`` elements, code and preformatted text are skipped. Runs
of white space collapse to one space, as a browser shows them.

What readers see outside the page body is prose too: the ``<title>`` (the tab
and the search result) and the social and search metadata (``<meta
name="description">``, ``og:title``, ``og:description``, ``twitter:title``,
``twitter:description``) become blocks, titles as level-0 headings; so do the
``alt`` and ``title`` attributes of visible elements (image descriptions and
tooltips), each placed after the block it stands in. Other attributes are
never prose. Attribute values are located in the raw tag, so their entities
map to the span they were written as, like text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from kaplint.text.document import Block, BlockBuilder, Document, LineIndex, SectionPath
from kaplint.loaders.urls import split_urls
from kaplint.suppressions import parse_directive

_SKIPPED = {"script", "style", "head", "template", "noscript", "svg", "math", "code", "pre", "iframe", "object", "select", "textarea"}
_BLOCKS = {
    "p": "paragraph", "div": "paragraph", "section": "paragraph", "article": "paragraph", "main": "paragraph",
    "header": "paragraph", "footer": "paragraph", "nav": "paragraph", "aside": "paragraph", "form": "paragraph",
    "li": "list_item", "dt": "list_item", "dd": "list_item",
    "td": "table_cell", "th": "table_cell", "caption": "paragraph",
    "blockquote": "blockquote", "figcaption": "paragraph", "address": "paragraph", "body": "paragraph",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "ul": "paragraph", "ol": "paragraph", "dl": "paragraph", "table": "paragraph", "tr": "paragraph",
    "thead": "paragraph", "tbody": "paragraph", "tfoot": "paragraph", "hr": "paragraph", "html": "paragraph",
    "label": "paragraph", "button": "paragraph", "fieldset": "paragraph", "legend": "paragraph",
}
# <meta> keys whose content readers see, and the block kind each becomes.
_META_PROSE = {
    "description": "paragraph", "og:description": "paragraph", "twitter:description": "paragraph",
    "og:title": "heading", "twitter:title": "heading",
}
_PROSE_ATTRIBUTES = ("alt", "title")
METADATA_HEADING_LEVEL = 0  # page and card titles: above every section heading
_ATTRIBUTE = re.compile(r"""\s([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


def load_html(path: str, text: str) -> Document:
    """Extract visible prose blocks from an HTML document."""
    document = Document(path=path, format="html", source=text)
    extract_visible_blocks(document, text, 0)
    return document


def extract_visible_blocks(
    document: Document, html_text: str, base_offset: int, sections: tuple[tuple[int, str], ...] = ()
) -> None:
    """Append the visible text of ``html_text`` (found at ``base_offset`` in the source) as blocks.

    Markdown uses this for raw HTML blocks: their tags are skipped, but the
    text a browser would show is prose like any other.
    """
    parser = _VisibleTextParser(document, html_text, base_offset, sections)
    parser.feed(html_text)
    parser.close()
    if parser.title_saved is not None:
        parser._finish_title()  # a <title> never closed: what followed was its text, as a browser reads it
    parser.flush()


class _VisibleTextParser(HTMLParser):
    def __init__(self, document: Document, html_text: str, base_offset: int, sections: tuple[tuple[int, str], ...]) -> None:
        super().__init__(convert_charrefs=False)
        self.document = document
        self.local_lines = LineIndex(html_text)
        self.base_offset = base_offset
        self.stack: list[str] = []
        self.block_kinds: list[tuple[str, int]] = []  # (kind, heading level)
        self.skip_depth = 0
        self.builder = BlockBuilder()
        self.links: list[str] = []
        self.sections = SectionPath(sections)
        self.navigation_starts: list[int] = []  # stack depths where <nav> / role=navigation began
        self.footer_starts: list[int] = []  # stack depths where <footer> / role=contentinfo began
        self.pending: list[tuple[str, str, object]] = []  # (kind, text, map) of attributes, after the current block
        self.title_saved: tuple[BlockBuilder, int] | None = None  # while reading <title>: the body's builder, skip depth
        self.metadata_seen: set[str] = set()  # page and card titles and descriptions already read

    # Positions -----------------------------------------------------------
    def _offset(self) -> int:
        """Source offset of the construct being parsed (getpos is relative to the fed text)."""
        line, column = self.getpos()
        return self.base_offset + self.local_lines.line_starts[line - 1] + column

    # Structure -----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hidden = any(name == "hidden" or (name == "aria-hidden" and value == "true") for name, value in attrs)
        if tag == "meta":
            self._meta(attrs)
            return
        if tag == "title" and "svg" not in self.stack and self.title_saved is None:
            # The page title lives in the skipped <head>, but it is the most read line of all.
            self.stack.append(tag)
            self.title_saved = (self.builder, self.skip_depth)
            self.builder = BlockBuilder()
            self.skip_depth = 0
            return
        if not (self.skip_depth or hidden or tag in _SKIPPED):
            self._prose_attributes()
        if tag in _VOID:
            if tag == "br":
                self._space(self._offset(), len(self.get_starttag_text() or "<br>"))
            elif tag == "hr":
                self.flush()
            return
        self.stack.append(tag)
        if self.skip_depth or tag in _SKIPPED or hidden:
            self.skip_depth += 1
            return
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)
        if tag in _BLOCKS:
            self.flush()
            level = int(tag[1]) if _BLOCKS[tag] == "heading" else 0
            self.block_kinds.append((_BLOCKS[tag], level))
        if tag == "nav" or dict(attrs).get("role") == "navigation":
            self.flush()
            self.navigation_starts.append(len(self.stack))
        if tag == "footer" or dict(attrs).get("role") == "contentinfo":
            self.flush()
            self.footer_starts.append(len(self.stack))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(attrs)
            return
        hidden = any(name == "hidden" or (name == "aria-hidden" and value == "true") for name, value in attrs)
        if not (self.skip_depth or hidden or tag in _SKIPPED):
            self._prose_attributes()
        if tag == "br":
            self._space(self._offset(), len(self.get_starttag_text() or "<br/>"))
        elif tag in _BLOCKS and not self.skip_depth:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_saved is not None:
            while self.stack and self.stack.pop() != "title":
                pass
            self._finish_title()
            return
        if tag not in self.stack:
            return  # stray end tag
        while self.stack:
            open_tag = self.stack.pop()
            if self.skip_depth:
                self.skip_depth -= 1
            elif open_tag in _BLOCKS:
                self.flush()
                if self.block_kinds:
                    self.block_kinds.pop()
            if self.navigation_starts and len(self.stack) < self.navigation_starts[-1]:
                self.flush()
                self.navigation_starts.pop()
            if self.footer_starts and len(self.stack) < self.footer_starts[-1]:
                self.flush()
                self.footer_starts.pop()
            if open_tag == tag:
                break

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        end = start + len(data) + 7
        directive = parse_directive(data, start, end, self.document.lines)
        if directive:
            self.document.directives.append(directive)

    # Text ----------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        position = self._offset()
        for piece, is_url in split_urls(data):
            if not is_url:
                self._append_collapsed(piece, position)
            position += len(piece)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};", name)

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};", name)

    def _reference(self, written: str, name: str) -> None:
        if self.skip_depth:
            return
        start = self._offset()
        source = self.document.source
        length = len(written) if source.startswith(written, start) else len(written) - 1  # "&amp" without ";"
        decoded = html.unescape(source[start : start + length])
        if decoded.isspace():
            self._space(start, length)
        else:
            self.builder.substitute(decoded, start, length)

    def _append_collapsed(self, text: str, start: int) -> None:
        index = 0
        while index < len(text):
            if text[index].isspace():
                end = index
                while end < len(text) and text[end].isspace():
                    end += 1
                self._space(start + index, end - index)
                index = end
            else:
                end = index
                while end < len(text) and not text[end].isspace():
                    end += 1
                self.builder.copy(text[index:end], start + index)
                index = end

    def _space(self, start: int, length: int) -> None:
        if self.builder.length and self.builder.last_char() != " ":
            self.builder.substitute(" ", start, length)

    # Metadata and attributes ------------------------------------------------
    def _finish_title(self) -> None:
        text, source_map = self.builder.strip()
        self.builder, self.skip_depth = self.title_saved or (BlockBuilder(), 0)
        self.title_saved = None
        if text and self._first_metadata(text):
            self.document.blocks.append(Block("heading", text, source_map, (text,), METADATA_HEADING_LEVEL))

    def _first_metadata(self, text: str) -> bool:
        """Whether these words are new among the page's metadata: <title>, og:title and
        twitter:title (or the three descriptions) usually repeat one text, which is linted once."""
        key = " ".join(text.split()).casefold()
        if key in self.metadata_seen:
            return False
        self.metadata_seen.add(key)
        return True

    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        key = (values.get("name") or values.get("property") or "").strip().lower()
        kind = _META_PROSE.get(key)
        if kind is None:
            return
        built = self._attribute_text("content")
        if built is None:
            return
        text, source_map = built
        if not self._first_metadata(text):
            return
        level = METADATA_HEADING_LEVEL
        section = (text,) if kind == "heading" else self.sections.titles
        self.document.blocks.append(Block(kind, text, source_map, section, level))

    def _prose_attributes(self) -> None:
        """Queue the ``alt`` and ``title`` attributes of the tag being parsed (they follow its block)."""
        for name in _PROSE_ATTRIBUTES:
            built = self._attribute_text(name)
            if built is not None:
                self.pending.append(("paragraph", *built))

    def _attribute_text(self, wanted: str) -> tuple[str, object] | None:
        """The value of attribute ``wanted`` of the current start tag, as prose mapped to the source."""
        raw = self.get_starttag_text() or ""
        tag_start = self._offset()
        for found in _ATTRIBUTE.finditer(raw):
            if found.group(1).lower() != wanted:
                continue
            group = next((index for index in (2, 3, 4) if found.group(index) is not None), None)
            if group is None:
                return None
            text, source_map = _value_blocks(self.document.source, tag_start + found.start(group), found.group(group))
            return (text, source_map) if text else None
        return None

    def flush(self) -> None:
        text, source_map = self.builder.strip()
        links = tuple(self.links)
        self.builder = BlockBuilder()
        self.links = []
        pending, self.pending = self.pending, []
        if not text:
            self._append_pending(pending)
            return
        # A <p> inside <li>, <td> or <blockquote> takes its container's kind.
        kind, level = next(((k, lvl) for k, lvl in reversed(self.block_kinds) if k != "paragraph"), ("paragraph", 0))
        if kind == "heading":
            self.sections.enter(level, text)
        section = self.sections.titles
        landmark = "navigation" if self.navigation_starts else "footer" if self.footer_starts else ""
        self.document.blocks.append(Block(kind, text, source_map, section, level, links, landmark))
        self._append_pending(pending)

    def _append_pending(self, pending: list[tuple[str, str, object]]) -> None:
        landmark = "navigation" if self.navigation_starts else "footer" if self.footer_starts else ""
        for kind, text, source_map in pending:
            self.document.blocks.append(Block(kind, text, source_map, self.sections.titles, 0, (), landmark))  # type: ignore[arg-type]


def _value_blocks(source: str, start: int, value: str) -> tuple[str, object]:
    """An attribute value at ``source[start:]``: entities decoded and white space collapsed, mapped exactly."""
    builder = BlockBuilder()
    index = 0
    while index < len(value):
        char = value[index]
        if char.isspace():
            end = index
            while end < len(value) and value[end].isspace():
                end += 1
            if builder.length and builder.last_char() != " ":
                builder.substitute(" ", start + index, end - index)
            index = end
            continue
        if char == "&":
            entity = _ENTITY.match(value, index)
            if entity:
                decoded = html.unescape(entity.group())
                builder.substitute(" " if decoded.isspace() else decoded, start + index, entity.end() - index)
                index = entity.end()
                continue
        builder.copy(char, start + index)
        index += 1
    return builder.strip()
