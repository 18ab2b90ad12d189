"""Lint what readers see: front-matter titles and descriptions, an email's subject and
preheader, HTML titles, search and social metadata, and alt and title attributes.

Every finding must point at its words in the file as written: inside quotes, past
escapes and entities, across folded lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import MARKERS, marker_linter
from kaplint.cli import main
from kaplint.config import Config
from kaplint.engine import Linter, RunOptions
from kaplint.loaders import load_text_format

KIVRAX, MEPOTIL, SANDORIN, QUELLABINE, TROVANEX = MARKERS
MARKER_LINTER = marker_linter()


def located(source: str, name: str, rules: tuple[str, ...] | None = None) -> list[tuple[int, str, str]]:
    """(line, rule, the source text under the finding) for each finding, checked against its offsets."""
    linter = MARKER_LINTER if rules is None else Linter(Config(), RunOptions(select=rules))
    findings = linter.lint_bytes(name, source.encode("utf-8")).findings
    lines = source.split("\n")
    out = []
    for finding in findings:
        assert finding.end_line == finding.line, finding
        under = lines[finding.line - 1][finding.column - 1 : finding.end_column - 1]
        assert source[finding.offset : finding.end_offset] == under, finding
        out.append((finding.line, finding.rule, under))
    return out


def blocks(source: str, fmt: str) -> list[tuple[str, int, str]]:
    return [(block.kind, block.level, block.text) for block in load_text_format("x", source, fmt).blocks]


# Front matter ------------------------------------------------------------------------
def test_the_issue_title_gets_claim_findings_at_its_columns() -> None:
    source = '---\ntitle: "Ketamine: the 100% safe cure for depression"\n---\nBook a visit today.\n'
    found = located(source, "page.md", ("KAP303",))
    assert found == [(2, "KAP303", "100% safe")]
    (finding,) = Linter(Config(), RunOptions(select=("KAP303",))).lint_bytes("page.md", source.encode()).findings
    assert finding.column == len('title: "Ketamine: the ') + 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (f"plain {KIVRAX} words", f"plain {KIVRAX} words"),
        (f"'single {KIVRAX} it''s'", f"single {KIVRAX} it's"),
        (f'"double \\"{KIVRAX}\\" caf\\u00e9 \\x41"', f'double "{KIVRAX}" café A'),
        (f"plain over\n  two {KIVRAX} lines", f"plain over two {KIVRAX} lines"),
        (f'"quoted over\n  two {KIVRAX} lines"', f"quoted over two {KIVRAX} lines"),
        (f">\n  folded over\n  two {KIVRAX} lines\n", f"folded over two {KIVRAX} lines"),
        (f"|-\n  literal over\n\n  two {KIVRAX} lines\n", f"literal over two {KIVRAX} lines"),
    ],
)
def test_every_yaml_style_maps_exactly(value: str, expected: str) -> None:
    source = f"---\ndescription: {value}\ntags: [{MEPOTIL}]\n---\nBody.\n"
    assert blocks(source, "markdown")[0] == ("paragraph", 0, expected)
    found = located(source, "page.md")
    assert [under for _, _, under in found] == [KIVRAX]


def test_only_reader_facing_keys_are_prose() -> None:
    source = (
        f"---\ntitle: {KIVRAX} care\nslug: {MEPOTIL}\nauthor: {SANDORIN}\nsummary: {SANDORIN}\n"
        f"kaplint:\n  profile: web\n  title: {QUELLABINE}\nseo:\n  description: {QUELLABINE}\n"
        f"description: 2024\n---\n{TROVANEX} in the body.\n"
    )
    assert blocks(source, "markdown") == [("heading", 0, f"{KIVRAX} care"), ("paragraph", 0, f"{TROVANEX} in the body.")]
    assert [(line, under) for line, _, under in located(source, "page.md")] == [(2, KIVRAX), (13, TROVANEX)]


def test_email_subject_and_preheader_in_plain_text() -> None:
    source = (
        f"---\nsubject: 'Your {KIVRAX} visit'\npreheader: \"What to {MEPOTIL} bring\"\nkaplint:\n  profile: email\n---\n"
        f"Dear patient,\n\nSee you {SANDORIN} soon.\n"
    )
    kinds = blocks(source, "text")
    assert kinds[:2] == [("heading", 0, f"Your {KIVRAX} visit"), ("paragraph", 0, f"What to {MEPOTIL} bring")]
    assert [(line, under) for line, _, under in located(source, "email.txt")] == [(2, KIVRAX), (3, MEPOTIL), (9, SANDORIN)]


def test_values_that_cannot_be_mapped_are_skipped_not_misplaced() -> None:
    source = f'---\ntitle: "bad \\q {KIVRAX}"\ndescription: &anchor {MEPOTIL} text\nsubject: *anchor\n---\nBody.\n'
    # an unknown escape makes the YAML invalid: reported as such, never prose
    document = load_text_format("x.md", source, "markdown")
    assert [block.text for block in document.blocks] == ["Body."]
    source = f"---\ndescription: &anchor {MEPOTIL} text\nsubject: *anchor\n---\nBody.\n"
    assert blocks(source, "markdown")[0] == ("paragraph", 0, f"{MEPOTIL} text")  # the alias is not read twice
    assert [under for _, _, under in located(source, "page.md")] == [MEPOTIL]


def test_front_matter_title_is_not_a_body_section() -> None:
    """A title is a level-0 heading: sections and reading-level sections still start at the body's headings."""
    document = load_text_format("x.md", "---\ntitle: Aftercare\n---\n# Aftercare\n\n## Rest\n\nSleep well.\n", "markdown")
    assert [(block.kind, block.level, block.section) for block in document.blocks] == [
        ("heading", 0, ("Aftercare",)),
        ("heading", 1, ("Aftercare",)),
        ("heading", 2, ("Aftercare", "Rest")),
        ("paragraph", 0, ("Aftercare", "Rest")),
    ]
    from kaplint.readability import _section_level

    assert _section_level(document) == 2


def test_mdx_front_matter_is_prose_too() -> None:
    source = f"---\ntitle: '{KIVRAX} day'\n---\nimport X from './x';\n\nText.\n"
    assert [(line, under) for line, _, under in located(source, "page.mdx")] == [(2, KIVRAX)]


# HTML --------------------------------------------------------------------------------
PAGE = f"""<!doctype html>
<html><head>
<title>{KIVRAX} &amp; you</title>
<meta name="description" content="Care &mdash; {MEPOTIL} first">
<meta property="og:title" content='{SANDORIN} today' />
<meta name="twitter:description" content="{QUELLABINE}">
<meta name="keywords" content="{TROVANEX}">
<meta property="og:image" content="/{TROVANEX}.png">
</head>
<body>
<svg><title>{TROVANEX}</title></svg>
<p>Before <img src="/{TROVANEX}.png" alt="A calm
   {KIVRAX} room"> after.</p>
<a href="/{TROVANEX}" title="Read {MEPOTIL}" class="{TROVANEX}">More</a>
<div hidden><img alt="{TROVANEX}"></div>
<img alt="">
</body></html>
"""


def test_html_title_metadata_and_attributes_are_prose() -> None:
    assert blocks(PAGE, "html") == [
        ("heading", 0, f"{KIVRAX} & you"),
        ("paragraph", 0, f"Care \u2014 {MEPOTIL} first"),
        ("heading", 0, f"{SANDORIN} today"),
        ("paragraph", 0, QUELLABINE),
        ("paragraph", 0, "Before after."),
        ("paragraph", 0, f"A calm {KIVRAX} room"),
        ("paragraph", 0, "More"),
        ("paragraph", 0, f"Read {MEPOTIL}"),
    ]
    found = [(line, under) for line, _, under in located(PAGE, "page.html")]
    assert found == [(3, KIVRAX), (4, MEPOTIL), (5, SANDORIN), (6, QUELLABINE), (13, KIVRAX), (14, MEPOTIL)]


def test_html_title_claim_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.html").write_text(
        "<html><head><title>Our infusions are completely safe</title>\n"
        '<meta name="description" content="Ketamine cures depression.">\n'
        "</head><body><p>Book a visit.</p></body></html>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "-q", "--no-color", "--select", "KAP302,KAP303", "page.html"])
    assert result.exit_code == 1
    title_column = len("<html><head><title>Our infusions are ") + 1
    description_column = len('<meta name="description" content="Ketamine ') + 1
    assert [line.split(" ")[:2] for line in result.stdout.splitlines()] == [
        [f"page.html:1:{title_column}", "KAP303"],
        [f"page.html:2:{description_column}", "KAP302"],
    ]


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Unclosed kivrax",
        '<meta name="description"><meta content="x"><meta property="og:title" content="">',
        '<p><img alt=kivrax src=x></p><p title>t</p><p title="">u</p>',
        "<title></title><svg><title>x</title></svg><p>ok</p>",
    ],
)
def test_odd_metadata_never_breaks_loading(page: str) -> None:
    for block in load_text_format("x.html", page, "html").blocks:
        start, end = block.source_span(0, len(block.text))
        assert block.text and start <= end <= len(page)
    located(page, "page.html")  # every marker found points at itself


def test_metadata_that_repeats_itself_is_linted_once() -> None:
    page = (
        '<html><head><title>Ketamine: the miracle cure</title>'
        '<meta property="og:title" content="Ketamine:  the miracle cure">'
        '<meta name="twitter:title" content="ketamine: the miracle cure">'
        '<meta name="description" content="A new path."><meta property="og:description" content="A new path.">'
        "</head><body><p>Text.</p></body></html>"
    )
    linter = Linter(Config(), RunOptions(select=("hype",), profile="web"))
    findings = linter.lint_bytes("page.html", page.encode("utf-8")).findings
    assert [(finding.line, finding.column) for finding in findings] == [(1, 34)]  # in <title>, once
    front = "---\ntitle: Ketamine, the miracle cure\ndescription: Ketamine, the miracle cure\n---\nText.\n"
    document = load_text_format("page.md", front, "markdown")
    assert [block.text for block in document.blocks] == ["Ketamine, the miracle cure", "Text."]
