"""No input crashes kaplint: property-based tests over the loaders, the engine and the reporters.

Random Unicode (right-to-left and zero-width characters included), invalid
bytes, Markdown and HTML fragments in random order, very long lines, deeply
nested lists and empty files must all give a result (at worst an ``input``
finding), findings that point inside the file, and reports that render. Rule
packs, configuration and front matter are data: YAML tags that would build
Python objects are refused, never run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaplint.cli import main
from kaplint.config import Config
from kaplint.engine import DocumentResult, Linter
from kaplint.reporters import Report, render
from kaplint.rulepacks import RulePackError, load_rules

FORMATS = ("markdown", "text", "html", "docx")
SPECIAL = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width characters and a stray byte-order mark
    "\u202e", "\u202d", "\u200f", "\u2067", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",  # right to left
    "e\u0301", "\U0001f600", "\u00a0", "\u2028", "\r", "\r\n", "\t", "\x00", "\x0c",
]
MARKUP = [
    "# ", "## ", "\n", "\n\n", "- ", "  - ", "1. ", "> ", "| a | b |\n|---|---|\n", "```\n", "`", "*", "**", "_", "[link](x)",
    "<!-- kaplint-disable -->", "<!-- kaplint-enable -->", "<!-- kaplint-disable-next-line cure -->", "---\n", "kaplint:\n",
    "&amp;", "&#x202e;", "<p>", "</p>", "<div>", "<li>", "<script>", "<h1>", "\\*", "Dr. ", "e.g. ", "1.5 mg/kg. ",
]
PROSE = [
    "Ketamine cures depression.", "Our infusions are completely safe.", "Call 1-800-273-8255.", "Is it addictive? No!",
    "Ketamine is not a cure.", "You may feel dissociation.", "Results vary.", "TRD (treatment-resistant depression)",
]

fragments = st.one_of(
    st.text(max_size=40),
    st.sampled_from(SPECIAL),
    st.sampled_from(MARKUP),
    st.sampled_from(PROSE),
)
documents = st.lists(fragments, max_size=40).map("".join)
encodings = st.sampled_from(["utf-8", "utf-16", "utf-8-sig"])
ROBUST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(root=Path.cwd()))


def check_result(result: DocumentResult, size: int) -> None:
    """A result with findings inside the file, that every reporter can render."""
    assert isinstance(result, DocumentResult)
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1, finding
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column), finding
        assert 0 <= finding.offset <= finding.end_offset <= max(size, 1), finding
    report = Report(documents=[result], rules=())
    for name in ("text", "json", "github", "sarif"):
        assert isinstance(render(name, report), str)
    json.loads(render("json", report))


@ROBUST
@given(text=documents, fmt=st.sampled_from(FORMATS[:3]), encoding=encodings)
def test_random_documents_lint_without_errors(linter: Linter, text: str, fmt: str, encoding: str) -> None:
    data = text.encode(encoding, "surrogatepass")
    check_result(linter.lint_bytes(f"page.{'md' if fmt == 'markdown' else 'txt' if fmt == 'text' else 'html'}", data, fmt), len(data))


@ROBUST
@given(data=st.binary(max_size=600), fmt=st.sampled_from(FORMATS))
def test_random_bytes_become_findings_not_crashes(linter: Linter, data: bytes, fmt: str) -> None:
    check_result(linter.lint_bytes("file", data, fmt), len(data))


@ROBUST
@given(prefix=documents, middle=st.binary(min_size=1, max_size=8), suffix=documents)
def test_invalid_bytes_inside_text(linter: Linter, prefix: str, middle: bytes, suffix: str) -> None:
    data = prefix.encode("utf-8", "surrogatepass") + middle + suffix.encode("utf-8", "surrogatepass")
    check_result(linter.lint_bytes("page.md", data, "markdown"), len(data))


@pytest.mark.parametrize(
    "name, data",
    [
        ("empty.md", b""),
        ("bom.md", b"\xef\xbb\xbf"),
        ("bom16.md", b"\xff\xfe"),
        ("newlines.md", b"\n" * 10_000),
        ("long-line.md", ("Ketamine is safe and it cures depression " * 300).encode()),
        ("long-word.txt", b"a" * 60_000),
        ("nested-list.md", "".join("  " * depth + "- item, ketamine cures\n" for depth in range(400)).encode()),
        ("nested-quote.md", (">" * 300 + " Ketamine cures depression.\n").encode()),
        ("nested.html", ("<div><ul><li>" * 800 + "Ketamine cures depression." + "</li></ul></div>" * 800).encode()),
        ("zero-width.md", ("Ke\u200btamine cu\u200dres de\u2060pression. \u202eSpecial K\u202c. " * 200).encode()),
        ("unclosed.md", b"---\nkaplint: [\n" + b"```\n" * 3 + b"<!-- kaplint-disable"),
        ("front-matter-tag.md", b"---\nx: !!python/object/apply:os.system ['echo hacked']\n---\nText.\n"),
        ("docx.docx", b"PK\x03\x04not really a zip"),
    ],
)
def test_hostile_inputs(linter: Linter, name: str, data: bytes) -> None:
    fmt = {"md": "markdown", "txt": "text", "html": "html", "docx": "docx"}[name.rsplit(".", 1)[1]]
    check_result(linter.lint_bytes(name, data, fmt), len(data))


def test_hostile_files_through_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_bytes(b"\xff\xfe\xfd broken")
    Path("b.html").write_bytes(b"<div>" * 3000)
    Path("c.txt").write_bytes(b"\x00" * 100)
    Path("d.docx").write_bytes(b"")
    Path("e.md").write_bytes(b"x" * (5 * 1024 * 1024 + 1))  # over the default 5 MB limit
    result = CliRunner().invoke(main, ["check", "--format", "json", "."])
    assert isinstance(result.exception, SystemExit) and result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    by_path = {document["path"]: document for document in report["documents"]}
    assert [finding["name"] for finding in by_path["e.md"]["findings"]] == ["file-too-large"]
    assert set(by_path) == {"a.md", "b.html", "c.txt", "d.docx", "e.md"}


def test_rule_packs_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    pack = tmp_path / "evil.yml"
    pack.write_text(f"rules:\n  - !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(RulePackError):
        load_rules([pack])
    assert not marker.exists()


def test_configuration_cannot_run_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "ran"
    Path("kaplint.toml").write_text(f'select = ["!!python/object/apply:os.system [\'touch {marker}\']"]\n', encoding="utf-8")
    Path("page.md").write_text(f"---\nkaplint: !!python/object/apply:os.system ['touch {marker}']\n---\nText.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    Path("kaplint.toml").unlink()
    result = CliRunner().invoke(main, ["check", "--format", "json", "page.md"])
    assert result.exit_code in (0, 1)
    assert not marker.exists()


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(list("aZ9._%+-@ /:,!(\u0130\u017f") + ["www.", "http://", "a@b.co", "x.org"]), max_size=30).map("".join))
def test_url_finder_matches_the_url_pattern(text: str) -> None:
    from kaplint.loaders.urls import URL_PATTERN, _url_matches

    assert [m.span() for m in _url_matches(text)] == [m.span() for m in URL_PATTERN.finditer(text)]


def test_front_matter_never_closed_is_reported() -> None:
    from kaplint.config import Config
    from kaplint.engine import Linter, RunOptions

    linter = Linter(Config(), RunOptions(select=("malformed-front-matter",)))
    unclosed = linter.lint_bytes("page.md", b"---\ntitle: Our care\nprofile: handout\n\n# Care\n\nText.\n").findings
    assert [(finding.name, finding.line) for finding in unclosed] == [("malformed-front-matter", 1)]
    # a thematic break at the top is not front matter
    assert linter.lint_bytes("page.md", b"---\n\nText under a rule.\n").findings == []


def test_a_document_format_kaplint_does_not_read_is_an_input_finding(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from kaplint.cli import main

    page = tmp_path / "consent.rtf"
    page.write_bytes(b"{\\rtf1 Ketamine is safe.}")
    result = CliRunner().invoke(main, ["check", str(page), "--format", "json"])
    assert result.exit_code == 1
    assert '"unreadable-file"' in result.output and "does not read Rich Text" in result.output
    assert "drug-name-case" not in result.output  # its markup was not read as prose
