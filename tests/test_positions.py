"""Round-trip property: every finding's line, column and offsets point at the
matched text in the source, in every input format, over many generated
documents full of markup that must be skipped or mapped.

Each generated document plants marker words in prose (where they must be
found, exactly once each: front-matter titles and descriptions, HTML titles,
meta descriptions and alt/title attributes included) and in places that are
not prose (code, URLs, other attributes, scripts, comments, front-matter
settings), where they must not be found.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import MARKERS, marker_linter

LINTER = marker_linter()
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

plain_words = st.sampled_from(["the", "dose", "is", "given", "slowly", "ask", "your", "care", "team", "today", "1.5", "mg/kg"])
marker = st.sampled_from(MARKERS)


def check_positions(source: str, findings: list, expected: int, crlf: bool = False) -> None:
    raw = source.replace("\n", "\r\n") if crlf else source
    lines = source.split("\n")
    assert len(findings) == expected, (source, [finding.match for finding in findings])
    for finding in findings:
        assert finding.match.lower() in MARKERS
        assert raw[finding.offset : finding.end_offset] == finding.match, (source, finding)
        assert finding.end_line == finding.line
        assert lines[finding.line - 1][finding.column - 1 : finding.end_column - 1] == finding.match, (source, finding)


# Markdown ---------------------------------------------------------------------

@st.composite
def markdown_inline(draw) -> tuple[str, int]:
    """A line of inline Markdown and how many markers in it are prose."""
    pieces: list[str] = []
    expected = 0
    for _ in range(draw(st.integers(1, 8))):
        choice = draw(st.integers(0, 13))
        word = draw(marker)
        if choice == 0:
            pieces.append(word); expected += 1
        elif choice == 1:
            pieces.append(f"*{word}*"); expected += 1
        elif choice == 2:
            pieces.append(f"**{word} {draw(plain_words)}**"); expected += 1
        elif choice == 3:
            pieces.append(f"[{word}](https://example.org/{draw(marker)} \"{draw(marker)}\")"); expected += 1
        elif choice == 4:
            pieces.append(f"`{word}`")  # code span: not prose
        elif choice == 5:
            pieces.append(f"<https://example.org/{word}>")  # autolink: not prose
        elif choice == 6:
            pieces.append(f"https://example.org/{word}/page")  # bare URL: not prose
        elif choice == 7:
            pieces.append(f"&amp; {word}"); expected += 1
        elif choice == 8:
            pieces.append(f"\\* {word}"); expected += 1
        elif choice == 9:
            pieces.append(f"<span class=\"{draw(marker)}\">{word}</span>"); expected += 1
        elif choice == 10:
            pieces.append(f"![{word}](img/{draw(marker)}.png)")  # image: not prose
        elif choice == 11:
            pieces.append(f"~~{word}~~"); expected += 1
        elif choice == 12:
            pieces.append(f"note <!-- {word} -->")  # comment: not prose
        else:
            pieces.append(draw(plain_words))
    return " ".join(pieces), expected


@st.composite
def markdown_document(draw) -> tuple[str, int]:
    blocks: list[str] = []
    expected = 0
    if draw(st.booleans()):
        # title and description are prose (readers see them); other keys are settings.
        style = draw(st.integers(0, 3))
        word = draw(marker)
        description = [f"{word} and more", f'"a \\"{word}\\" &amp; caf\\u00e9"', f"'it''s {word}'", f">\n  folded\n  {word} text"][style]
        blocks.append(
            f"---\ntitle: {draw(marker)}\ndescription: {description}\ncategory: {draw(marker)}\n"
            f"kaplint:\n  profile: web\n---"
        )
        expected += 2
    for _ in range(draw(st.integers(1, 7))):
        kind = draw(st.integers(0, 12))
        line, count = draw(markdown_inline())
        if kind == 0:
            blocks.append(f"{'#' * draw(st.integers(1, 4))} {line}"); expected += count
        elif kind == 1:
            second, count2 = draw(markdown_inline())
            blocks.append(f"{line}\n{second}"); expected += count + count2
        elif kind == 2:
            second, count2 = draw(markdown_inline())
            nested, count3 = draw(markdown_inline())
            blocks.append(f"- {line}\n  {second}\n    - {nested}"); expected += count + count2 + count3
        elif kind == 3:
            second, count2 = draw(markdown_inline())
            blocks.append(f"> {line}\n> > {second}"); expected += count + count2
        elif kind == 4:
            blocks.append(f"```\n{draw(marker)} {line}\n```")  # fenced code: not prose
        elif kind == 5:
            cell = draw(marker)
            blocks.append(f"| head | {cell} |\n|---|---|\n| *{draw(marker)}* | plain {draw(marker)} |"); expected += 3
        elif kind == 6:
            blocks.append(f"<div class=\"{draw(marker)}\">\n{draw(marker)}\n<!-- {draw(marker)} -->\n</div>")  # visible text only
            expected += 1
        elif kind == 7:
            blocks.append(f"1. {line}\n2. second {draw(marker)}"); expected += count + 1
        elif kind == 8:
            blocks.append(f"{line}\n{'=' * draw(st.integers(1, 5))}"); expected += count  # setext heading
        elif kind == 9:
            blocks.append(f"## {line} ##"); expected += count  # closing hashes
        elif kind == 10:
            word = draw(marker)
            blocks.append(f"See [{word}][ref{len(blocks)}] now.\n\n[ref{len(blocks)}]: https://example.org/{draw(marker)}")
            expected += 1
        elif kind == 11:
            second, count2 = draw(markdown_inline())
            blocks.append(f"{line}  \n{second}\\\nend {draw(marker)}"); expected += count + count2 + 1  # hard breaks
        else:
            blocks.append(f"## Code\n\n    {draw(marker)} indented code")  # indented code: not prose
    return "\n\n".join(blocks) + "\n", expected


@SETTINGS
@given(markdown_document(), st.booleans())
def test_markdown_positions(document: tuple[str, int], crlf: bool) -> None:
    source, expected = document
    raw = source.replace("\n", "\r\n") if crlf else source
    result = LINTER.lint_bytes("doc.md", raw.encode("utf-8"), "markdown")
    check_positions(source, result.findings, expected, crlf)


# HTML -------------------------------------------------------------------------

@st.composite
def html_document(draw) -> tuple[str, int]:
    parts = ["<!doctype html><html><head><title>%s</title><style>.%s{}</style>" % (draw(marker), draw(marker))]
    parts.append('<meta name="description" content="a &amp; %s">' % draw(marker))  # prose: the search snippet
    parts.append('<meta name="keywords" content="%s"></head><body>' % draw(marker))  # not prose
    expected = 2  # the title and the description
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 9))
        word = draw(marker)
        if kind == 0:
            parts.append(f"<p>{draw(plain_words)}\n   {word}   <em>{draw(plain_words)}</em></p>"); expected += 1
        elif kind == 1:
            parts.append(f"<h2 id=\"{draw(marker)}\">{word}</h2>"); expected += 1
        elif kind == 2:
            parts.append(f"<ul><li>{word}</li><li><a href=\"/{draw(marker)}\">{draw(marker)}</a></li></ul>"); expected += 2
        elif kind == 3:
            parts.append(f"<script>var x = '{word}';</script>")
        elif kind == 4:
            parts.append(f"<p>a &amp; b&nbsp;{word} &#169;</p>"); expected += 1
        elif kind == 5:
            parts.append(f"<!-- {word} -->")
        elif kind == 6:
            parts.append(f"<table><tr><td>{word}</td><td><strong>{draw(marker)}</strong></td></tr></table>"); expected += 2
        elif kind == 7:
            parts.append(f"<p>line<br>{word}<br/>end</p>"); expected += 1
        elif kind == 8:
            # alt and title attributes are prose; class and src are not
            parts.append(f"<p>see <img class=\"{draw(marker)}\" alt='the\n  {word}' src=\"/{draw(marker)}.png\"/> <abbr title=\"x &amp; {draw(marker)}\">IV</abbr></p>")
            expected += 2
        else:
            parts.append(f"<pre><code>{word}</code></pre><div hidden>{draw(marker)}<img alt=\"{draw(marker)}\"></div>")
    parts.append("</body></html>\n")
    return "\n".join(parts), expected


@SETTINGS
@given(html_document(), st.booleans())
def test_html_positions(document: tuple[str, int], crlf: bool) -> None:
    source, expected = document
    raw = source.replace("\n", "\r\n") if crlf else source
    result = LINTER.lint_bytes("page.html", raw.encode("utf-8"), "html")
    check_positions(source, result.findings, expected, crlf)


# Plain text -------------------------------------------------------------------

@st.composite
def text_document(draw) -> tuple[str, int]:
    blocks: list[str] = []
    expected = 0
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 3))
        words = [draw(plain_words) for _ in range(draw(st.integers(0, 5)))]
        word = draw(marker)
        if kind == 0:
            blocks.append(" ".join([*words, word]) + ".\n" + "   ".join([draw(plain_words), draw(marker)]) + "."); expected += 2
        elif kind == 1:
            blocks.append(f"- {word} {' '.join(words)}\n- {draw(marker)}\n  continued {draw(marker)}"); expected += 3
        elif kind == 2:
            blocks.append(f"{word.upper()} NOTES"); expected += 1
        else:
            blocks.append(f"See https://example.org/{word} for more.")
    return "\n\n".join(blocks) + "\n", expected


@SETTINGS
@given(text_document(), st.booleans(), st.booleans())
def test_text_positions(document: tuple[str, int], crlf: bool, bom: bool) -> None:
    source, expected = document
    raw = source.replace("\n", "\r\n") if crlf else source
    data = ("\ufeff" + raw).encode("utf-8") if bom else raw.encode("utf-8")
    result = LINTER.lint_bytes("note.txt", data, "text")
    check_positions(source, result.findings, expected, crlf)


@SETTINGS
@given(markdown_document())
def test_utf16_positions(document: tuple[str, int]) -> None:
    source, expected = document
    result = LINTER.lint_bytes("doc.md", source.encode("utf-16"), "markdown")
    check_positions(source, result.findings, expected)


# Word -------------------------------------------------------------------------

@st.composite
def docx_content(draw) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["heading", "paragraph", "list", "empty", "table"]))
        words = [draw(plain_words) for _ in range(draw(st.integers(0, 4)))]
        items.append((kind, " ".join([*words, draw(marker), draw(plain_words)])))
    return items


@settings(max_examples=40, deadline=None)
@given(docx_content())
def test_docx_positions_are_paragraph_and_character(items: list[tuple[str, str]]) -> None:
    import docx

    word = docx.Document()
    paragraphs: list[str] = []  # every paragraph's text, in reading order
    expected = 0
    for kind, text in items:
        if kind == "heading":
            word.add_heading(text, level=2)
        elif kind == "list":
            word.add_paragraph(text, style="List Bullet")
        elif kind == "empty":
            word.add_paragraph("")
            paragraphs.append("")
            continue
        elif kind == "table":
            table = word.add_table(rows=1, cols=2)
            table.cell(0, 0).text = text
            table.cell(0, 1).text = "plain"
            paragraphs.extend([text, "plain"])
            expected += 1
            continue
        else:
            word.add_paragraph(text)
        paragraphs.append(text)
        expected += 1
    buffer = io.BytesIO()
    word.save(buffer)
    result = LINTER.lint_bytes("handout.docx", buffer.getvalue(), "docx")
    assert len(result.findings) == expected
    for finding in result.findings:
        paragraph = paragraphs[finding.line - 1]
        assert paragraph[finding.column - 1 : finding.end_column - 1] == finding.match


# MDX --------------------------------------------------------------------------

@st.composite
def mdx_document(draw) -> tuple[str, int]:
    """Markdown prose among imports, exports, JSX, expressions and JSX comments (which are not prose)."""
    blocks = [f"import {{ Card }} from './{draw(marker)}.js'"]
    expected = 0
    for _ in range(draw(st.integers(1, 7))):
        kind = draw(st.integers(0, 6))
        if kind == 0:
            line, count = draw(markdown_inline())
            blocks.append(line); expected += count
        elif kind == 1:
            blocks.append(f"<Card title=\"{draw(marker)}\" count={{{draw(st.integers(0, 9))}}} />")
        elif kind == 2:
            blocks.append(f"{{/* don't lint {draw(marker)} here */}}")
        elif kind == 3:
            blocks.append(f"{draw(plain_words)} {draw(marker)} and {{props.{draw(marker)}}} end"); expected += 1
        elif kind == 4:
            blocks.append(f"export const meta = {{ note: \"{draw(marker)}'s\" }}")
        elif kind == 5:
            blocks.append(f"<Callout>\n\n{draw(marker)} inside a component\n\n</Callout>"); expected += 1
        else:
            blocks.append(f"## {draw(marker)} {draw(plain_words)}"); expected += 1
    return "\n\n".join(blocks) + "\n", expected


@SETTINGS
@given(mdx_document(), st.booleans())
def test_mdx_positions(document: tuple[str, int], crlf: bool) -> None:
    source, expected = document
    raw = source.replace("\n", "\r\n") if crlf else source
    result = LINTER.lint_bytes("doc.mdx", raw.encode("utf-8"), "mdx")
    check_positions(source, result.findings, expected, crlf)
