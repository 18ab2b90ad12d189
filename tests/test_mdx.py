"""MDX pages (Docusaurus, Next.js, Astro): the Markdown prose is linted, the code is not.

``import``/``export`` statements, JSX component tags and ``{expressions}`` are
skipped, and skipping them never shifts a position: every finding's line and
column point at its words in the file as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import MARKERS, marker_linter
from kaplint.cli import main
from kaplint.config import Config
from kaplint.discovery import discover
from kaplint.engine import Linter, RunOptions
from kaplint.loaders import detect_format, load
from kaplint.loaders.mdx import mask_mdx

LINTER = marker_linter()


def marker_findings(source: str) -> list:
    """Marker findings on ``source`` as an .mdx file, each checked to point at its own words."""
    findings = LINTER.lint_bytes("page.mdx", source.encode("utf-8")).findings
    lines = source.split("\n")
    for finding in findings:
        assert source[finding.offset : finding.end_offset] == finding.match, finding
        assert lines[finding.line - 1][finding.column - 1 : finding.end_column - 1] == finding.match, finding
    return findings


def block_texts(source: str) -> list[str]:
    return [block.text for block in load("page.mdx", source.encode("utf-8"), "mdx").blocks]


def test_mdx_is_a_known_format_and_discovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert detect_format("docs/intro.mdx") == detect_format("docs/INTRO.MDX") == "mdx"
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/intro.mdx").write_text("# Hi\n", encoding="utf-8")
    assert [target.display for target in discover([Path(".")], Config(root=tmp_path))] == ["docs/intro.mdx"]


def test_masking_keeps_length_and_lines() -> None:
    source = 'import X from "./x";\n\n<Note kind="a">\nText {value} here.\n</Note>\n'
    masked = mask_mdx(source)
    assert len(masked) == len(source)
    assert [index for index, char in enumerate(masked) if char == "\n"] == [
        index for index, char in enumerate(source) if char == "\n"
    ]
    assert "import" not in masked and "Note" not in masked and "value" not in masked
    assert "Text" in masked and "here." in masked


def test_imports_exports_jsx_and_expressions_are_skipped() -> None:
    kivrax, mepotil, sandorin, quellabine, trovanex = MARKERS
    source = (
        "---\ntitle: Aftercare\n---\n"
        f"import {{ Alert }} from '@site/src/{kivrax}';\n"
        f"import Chart from './{kivrax}-chart';\n"
        "\n"
        f"export const meta = {{\n  label: '{mepotil}',\n}};\n"
        "\n"
        "# After your session\n"
        "\n"
        f'<Alert kind="{sandorin}" icon={{<Star label="{sandorin}" />}}>\n'
        f"Rest today, {quellabine} included, and drink water.\n"
        "</Alert>\n"
        "\n"
        f"Call {{site.{mepotil}}} if you feel unwell. <Badge tone=\"{kivrax}\">{trovanex}</Badge> helps.\n"
        "\n"
        f"{{/* {sandorin}: reviewer note */}}\n"
        "\n"
        f'<Chart data={{[{{ name: "{kivrax}" }}]}} />\n'
        "\n"
        f"```jsx\n<Alert>{kivrax}</Alert>\n```\n"
        "\n"
        f"Type `{{{mepotil}}}` into the box, then {trovanex}.\n"
    )
    findings = marker_findings(source)
    assert sorted(finding.match for finding in findings) == sorted([quellabine, trovanex, trovanex])
    texts = block_texts(source)
    assert "Call if you feel unwell. " + trovanex + " helps." in texts
    assert f"Rest today, {quellabine} included, and drink water." in texts
    assert not any("import" in text or "{" in text or "<" in text for text in texts)


def test_short_component_tags_and_expressions() -> None:
    kivrax, mepotil = MARKERS[:2]
    source = f"Book now. <Tip>{kivrax}</Tip> and {{n}} more {mepotil}.\n\n<Tip>\n{kivrax} here.\n</Tip>\n"
    findings = marker_findings(source)
    assert [finding.match for finding in findings] == [kivrax, mepotil, kivrax]
    assert block_texts(source) == [f"Book now. {kivrax} and more {mepotil}.", f"{kivrax} here."]


def test_lower_case_html_in_mdx_is_read_as_html() -> None:
    kivrax, mepotil = MARKERS[:2]
    source = f'<div className="{mepotil}">\n\n{kivrax} matters.\n\n</div>\n'
    assert [finding.match for finding in marker_findings(source)] == [kivrax]


def test_real_rule_positions_in_mdx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A claim inside a component's children is reported at its columns in the file."""
    monkeypatch.chdir(tmp_path)
    source = (
        "import Callout from '@theme/Callout';\n\n"
        "<Callout type=\"info\">\nFor {clinic.name} patients, ketamine cures depression.\n</Callout>\n"
    )
    Path("page.mdx").write_text(source, encoding="utf-8")
    result = Linter(Config(), RunOptions(select=("KAP302",))).lint_bytes("page.mdx", source.encode("utf-8"))
    (finding,) = result.findings
    line = source.split("\n")[finding.line - 1]
    assert (finding.line, line[finding.column - 1 : finding.end_column - 1]) == (4, "cures depression")
    cli = CliRunner().invoke(main, ["check", "--select", "KAP302", "-q", "--no-color", "page.mdx"])
    assert cli.exit_code == 1
    assert cli.stdout.startswith(f"page.mdx:4:{finding.column} KAP302 cure error")


def test_a_jsx_comment_with_an_apostrophe_is_not_prose() -> None:
    document = load("page.mdx", "{/* Don't remove: ketamine is 100% safe */}\n\nReal prose about ketamine.\n".encode(), "mdx")
    assert [block.text for block in document.blocks] == ["Real prose about ketamine."]


def test_an_inline_expression_across_a_blank_line_leaks_no_comment_marker() -> None:
    document = load("page.mdx", "Intro text {cond &&\n\n  <Card />} more text.\n".encode(), "mdx")
    assert all("<!--" not in block.text and "-->" not in block.text for block in document.blocks)
    assert document.blocks[0].text == "Intro text"
