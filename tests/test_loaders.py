"""Loaders: which text becomes prose, block kinds, section paths, encodings."""

from __future__ import annotations

import codecs
import io

import pytest

from kaplint.loaders import InputProblem, load, load_text_format
from kaplint.loaders.decoding import decode

MARKDOWN = """---
title: Ketamine care
kaplint:
  profile: consent
---
# Your treatment

Read *this* first. Use `kaplint --fix` only if asked. See <https://example.org> or https://example.org/a.

<!-- kaplint-disable-next-line KAP302 -->
## Risks

- Feeling **sleepy**
  after the dose
- Nausea
  1. nested item

> "It helped me," said one patient.

| Effect | How common |
|---|---|
| Dissociation | Very common |

```
code is not prose
```

<div class="note">Call 988 in a crisis.</div>
"""


def blocks(text: str, fmt: str):
    return [(block.kind, block.text, block.section) for block in load_text_format("x", text, fmt).blocks]


def test_markdown_blocks_kinds_and_sections() -> None:
    document = load_text_format("x.md", MARKDOWN, "markdown")
    assert document.front_matter["kaplint"] == {"profile": "consent"}
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("heading", "Ketamine care"),  # the front matter's title: readers see it
        ("heading", "Your treatment"),
        ("paragraph", "Read this first. Use only if asked. See or ."),
        ("heading", "Risks"),
        ("list_item", "Feeling sleepy after the dose"),
        ("list_item", "Nausea"),
        ("list_item", "nested item"),
        ("blockquote", "\"It helped me,\" said one patient."),
        ("table_cell", "Effect"),
        ("table_cell", "How common"),
        ("table_cell", "Dissociation"),
        ("table_cell", "Very common"),
        ("paragraph", "Call 988 in a crisis."),
    ]
    assert document.blocks[0].level == 0  # a title above the sections, not one of them
    assert document.blocks[1].section == ("Your treatment",)
    assert document.blocks[4].section == ("Your treatment", "Risks")
    assert document.blocks[6].level == 2  # nested list depth
    assert [directive.action for directive in document.directives] == ["disable-next-line"]
    assert document.blocks[2].links == ("https://example.org",)


def test_broken_front_matter_is_never_prose_and_is_reported() -> None:
    document = load_text_format("x.md", "---\ntitle: [unclosed\n---\nBody text.\n", "markdown")
    assert [block.text for block in document.blocks] == ["Body text."]
    (problem,) = document.problems
    assert problem.rule == "malformed-front-matter" and problem.line >= 2


def test_html_visible_text_only() -> None:
    html = """<!doctype html><html><head><title>Hidden title</title><style>p{color:red}</style>
    <script>var claim = "cures depression";</script></head>
    <body><nav><a href="/cures-depression" title="cures depression">Home</a></nav>
    <h1>About &amp; ketamine</h1><p>First&nbsp;line<br>second   line.</p>
    <ul><li><p>Item one</p></li></ul><div hidden>secret</div><pre>code</pre>
    <table><tr><th>Head</th><td>Cell</td></tr></table><blockquote>Quoted</blockquote></body></html>"""
    assert [(kind, text) for kind, text, _ in blocks(html, "html")] == [
        ("heading", "Hidden title"),  # the page title: the tab and the search result
        ("paragraph", "Home"),
        ("paragraph", "cures depression"),  # the link's title attribute (a tooltip), after its block
        ("heading", "About & ketamine"),
        ("paragraph", "First line second line."),
        ("list_item", "Item one"),
        ("table_cell", "Head"),
        ("table_cell", "Cell"),
        ("blockquote", "Quoted"),
    ]


def test_html_fragments_without_body_are_read() -> None:
    assert [text for _, text, _ in blocks("Plain <b>bold</b> text", "html")] == ["Plain bold text"]


def test_plain_text_headings_lists_and_paragraphs() -> None:
    text = "BEFORE YOUR VISIT\n\nDo not eat for\nfour hours.\n\n- Bring a ride\n* Rest\n2) Drink water\n\nAfter care\n==========\nSleep well tonight.\n"
    assert blocks(text, "text") == [
        ("heading", "BEFORE YOUR VISIT", ("BEFORE YOUR VISIT",)),
        ("paragraph", "Do not eat for four hours.", ("BEFORE YOUR VISIT",)),
        ("list_item", "Bring a ride", ("BEFORE YOUR VISIT",)),
        ("list_item", "Rest", ("BEFORE YOUR VISIT",)),
        ("list_item", "Drink water", ("BEFORE YOUR VISIT",)),
        ("heading", "After care", ("After care",)),
        ("paragraph", "Sleep well tonight.", ("After care",)),
    ]


def test_docx_headings_lists_tables() -> None:
    import docx

    word = docx.Document()
    word.add_heading("Consent", level=1)
    word.add_paragraph("Ketamine can raise blood pressure.")
    word.add_paragraph("Bring a ride", style="List Bullet")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Effect"
    table.cell(0, 1).text = "Nausea"
    buffer = io.BytesIO()
    word.save(buffer)
    document = load("x.docx", buffer.getvalue(), "docx")
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("heading", "Consent"),
        ("paragraph", "Ketamine can raise blood pressure."),
        ("list_item", "Bring a ride"),
        ("table_cell", "Effect"),
        ("table_cell", "Nausea"),
    ]
    assert document.source.split("\n")[1] == "Ketamine can raise blood pressure."


def test_corrupt_docx_is_an_input_problem() -> None:
    with pytest.raises(InputProblem) as error:
        load("x.docx", b"PK\x03\x04 not a zip", "docx")
    assert error.value.rule == "unreadable-file"


@pytest.mark.parametrize(
    "data, expected",
    [
        (codecs.BOM_UTF8 + "caf\u00e9".encode(), "caf\u00e9"),
        ("caf\u00e9".encode("utf-16"), "caf\u00e9"),
        (codecs.BOM_UTF16_BE + "caf\u00e9".encode("utf-16-be"), "caf\u00e9"),
        ("a\r\nb\rc\n".encode(), "a\nb\nc\n"),
    ],
)
def test_decoding(data: bytes, expected: str) -> None:
    assert decode(data).text == expected


def test_crlf_keeps_original_line_starts() -> None:
    decoded = decode(b"ab\r\ncd\r\n")
    assert decoded.newline == "\r\n"
    assert decoded.original_line_starts == [0, 4, 8]


def test_invalid_utf8_names_line_and_column() -> None:
    with pytest.raises(InputProblem) as error:
        decode("line one\nabc\u00e9".encode("latin-1"))
    assert (error.value.rule, error.value.line, error.value.column) == ("undecodable-file", 2, 4)


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(InputProblem) as error:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert error.value.rule == "binary-file"


def test_scraped_list_item_continues_on_an_indented_line_and_ends_before_a_new_line() -> None:
    wrapped = load_text_format("x.txt", "- Dizziness that lasts for a short time after your\n  Spravato session ends\n", "text")
    assert [(block.kind, block.text) for block in wrapped.blocks] == [
        ("list_item", "Dizziness that lasts for a short time after your Spravato session ends")
    ]
    # "doctor" ends in "or" but does not break off: the next line is a block of its own
    ended = load_text_format("x.txt", "- Call your doctor\nKetamine is given here.\n", "text")
    assert [block.text for block in ended.blocks] == ["Call your doctor", "Ketamine is given here."]


def test_a_source_line_stays_with_the_line_it_sources_in_scraped_text() -> None:
    text = "About our care\n\nIn one trial, 7 in 10 patients felt relief within a day.\nSource: Smith et al., JAMA Psychiatry, 2019.\n"
    document = load_text_format("x.txt", text, "text")
    assert document.blocks[-1].text.endswith("JAMA Psychiatry, 2019.")
    assert document.blocks[-1].text.startswith("In one trial")
