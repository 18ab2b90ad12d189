"""HTML loader: the visible text of a page, block by block, with exact positions.

Uses the standard library's tokenizer with character references left
unconverted, so every piece of text arrives with its own source position and
entities map to the span they were written as. Scripts, styles, templates,
``<head>``, ``hidden`` elements, code and preformatted text are skipped; so are
attributes (they are never prose). Runs of white space collapse to one space,
as a browser shows them.
"""

from __future__ import annotations

import html
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

    # Positions -----------------------------------------------------------
    def _offset(self) -> int:
        """Source offset of the construct being parsed (getpos is relative to the fed text)."""
        line, column = self.getpos()
        return self.base_offset + self.local_lines.line_starts[line - 1] + column

    # Structure -----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hidden = any(name == "hidden" or (name == "aria-hidden" and value == "true") for name, value in attrs)
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
        if tag == "br":
            self._space(self._offset(), len(self.get_starttag_text() or "<br/>"))
        elif tag in _BLOCKS and not self.skip_depth:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
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

    def flush(self) -> None:
        text, source_map = self.builder.strip()
        links = tuple(self.links)
        self.builder = BlockBuilder()
        self.links = []
        if not text:
            return
        # A <p> inside <li>, <td> or <blockquote> takes its container's kind.
        kind, level = next(((k, lvl) for k, lvl in reversed(self.block_kinds) if k != "paragraph"), ("paragraph", 0))
        if kind == "heading":
            self.sections.enter(level, text)
        section = self.sections.titles
        landmark = "navigation" if self.navigation_starts else "footer" if self.footer_starts else ""
        self.document.blocks.append(Block(kind, text, source_map, section, level, links, landmark))
