"""The formats for CI and reviewers: JUnit XML, GitLab Code Quality, Markdown, SARIF against its schema,
``--format auto``, and the HTML report's markup (the browser test is test_html_browser.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main

ROOT = Path(__file__).resolve().parents[1]
CURE = "Ketamine cures depression."  # KAP302 cure, error
STREET = "Some call it Special K."  # KAP416 street-names, warning


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def check(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--ignore", "disclosure", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def samples(fmt: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "samples", "--format", fmt, "--exit-zero"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_junit_has_one_test_case_per_document_and_fails_the_bad_ones(here: Path) -> None:
    Path("bad.md").write_text(f"{CURE}\n\n{STREET}\n")
    Path("warn.md").write_text(f"{STREET}\n")
    Path("clean.md").write_text("Ketamine is not a cure.\n")
    code, output = check("--format", "junit")
    assert code == 1
    root = ET.fromstring(output)
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "1"
    (suite,) = root.findall("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"bad.md", "warn.md", "clean.md"}
    failure = cases["bad.md"].find("failure")
    assert failure is not None and failure.get("type") == "KAP302"
    assert "bad.md:1:10 KAP302 cure error" in failure.text and "KAP416" in failure.text  # every finding listed
    assert cases["warn.md"].find("failure") is None  # below the fail level: reported, not failed
    assert "KAP416" in cases["warn.md"].find("system-out").text
    assert list(cases["clean.md"]) == []
    code, output = check("--format", "junit", "--fail-on", "warning")
    assert ET.fromstring(output).get("failures") == "2"


def test_junit_survives_control_characters_in_messages(here: Path) -> None:
    Path("odd.md").write_bytes(b"Ketamine cures depression.\x01\n")
    _, output = check("--format", "junit")
    ET.fromstring(output)  # parses: no raw control characters


def test_gitlab_code_quality_fields(here: Path) -> None:
    Path("page.md").write_text(f"{CURE}\n\n{STREET}\n\n{CURE}\n")
    code, output = check("--format", "gitlab")
    assert code == 1
    issues = json.loads(output)
    assert len(issues) == 3
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["check_name"].startswith("kaplint/")
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "page.md"
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert [issue["severity"] for issue in issues] == ["major", "minor", "major"]
    assert [issue["location"]["lines"]["begin"] for issue in issues] == [1, 3, 5]
    assert len({issue["fingerprint"] for issue in issues}) == 3  # the repeated claim gets its own fingerprint


def test_gitlab_fingerprints_survive_edits_elsewhere(here: Path) -> None:
    Path("page.md").write_text(f"{CURE}\n")
    first = json.loads(check("--format", "gitlab")[1])
    Path("page.md").write_text(f"# Our clinic\n\nWe are open on weekdays.\n\n{CURE}\n")
    second = json.loads(check("--format", "gitlab")[1])
    assert [issue["fingerprint"] for issue in first] == [issue["fingerprint"] for issue in second if issue["check_name"] == "kaplint/cure"]


def test_sarif_validates_against_the_sarif_2_1_0_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    document = json.loads(samples("sarif", monkeypatch))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=str)
    assert not errors, errors[:3]
    assert document["runs"][0]["results"]
    broken = json.loads(json.dumps(document))
    broken["runs"][0]["results"][0]["level"] = "fatal"  # the validator does catch a wrong value
    assert list(jsonschema.Draft4Validator(schema).iter_errors(broken))


def test_markdown_summary(here: Path) -> None:
    Path("bad|name.md").write_text(f"{CURE}\n\n{STREET}\n")
    Path("clean.md").write_text("Ketamine is not a cure.\n")
    code, output = check("--format", "markdown")
    assert code == 1
    assert output.startswith("## \u274c kaplint: 1 error, 1 warning in 1 of 2 files")
    assert "| `bad\\|name.md` | web | 1 | 1 | 0 |" in output  # pipes in cells are escaped
    assert "clean.md" not in output  # only files with findings
    assert "<details><summary>bad|name.md: 2 findings</summary>" in output
    assert "| 1:10 | \u274c error | KAP302 `cure` |" in output
    Path("bad|name.md").unlink()
    code, output = check("--format", "markdown")
    assert code == 0 and output.startswith("## \u2705 kaplint: no problems in 1 file")


def test_markdown_escapes_html_in_messages(here: Path) -> None:
    from kaplint.reporters.markdown import cell, code

    assert cell("a <script> | b\nc") == "a &lt;script&gt; \\| b c"
    assert code("use `x` here") == "``use `x` here``"


def test_format_auto(here: Path) -> None:
    Path("page.md").write_text(f"{CURE}\n")
    _, inside_actions = check("--format", "auto", env={"GITHUB_ACTIONS": "true"})
    assert inside_actions.startswith("::error file=page.md,line=1,col=10")
    _, elsewhere = check("--format", "auto", env={"GITHUB_ACTIONS": ""})
    assert elsewhere.startswith("page.md")
    assert "\x1b[" not in elsewhere  # not a terminal: plain text
    assert "page.md:1:10 KAP302 cure error" in elsewhere


def test_html_report_is_self_contained_escaped_and_deterministic(here: Path) -> None:
    Path("page.html").write_text("<p>Ketamine cures depression.</p>\n<p>Some call it Special K &amp; more.</p>\n<script>alert(1)</script>\n")
    Path("page.md").write_text(f"# <b>Intro</b>\n\n{CURE}\n")
    code, first = check("--format", "html")
    assert code == 1
    _, second = check("--format", "html")
    assert first == second
    assert first.startswith("<!DOCTYPE html>")
    # no external resources: nothing is loaded from anywhere
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", first)
    assert "@import" not in first and "url(" not in first
    # the documents' own markup is shown as text, never as markup
    assert "<script>alert(1)</script>" not in first
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first
    assert "<b>Intro</b>" not in first
    # every finding with matched text is highlighted once, with a tooltip
    firsts = re.findall(r'<mark class="hl first ([^"]+)" id="(d\d+-f\d+)" tabindex="0"', first)
    assert len(firsts) == 3  # the cure and the street name in page.html, the cure in page.md
    assert {classes.split()[0] for classes, _ in firsts} == {"sev-error", "sev-warning"}
    for _, anchor in firsts:
        assert f'id="{anchor}-tip"' in first and f'href="#{anchor}"' in first


def test_html_highlights_overlapping_findings_with_nested_markup() -> None:
    from kaplint.finding import Finding, Severity
    from kaplint.reporters.html import highlighted_source

    def finding(column: int, end_column: int, rule: str) -> Finding:
        return Finding("a.md", 1, column, 1, end_column, column - 1, end_column - 1, rule, rule.lower(), "claims", Severity.ERROR, "m", "x")

    source = "abcdefghij <i>\n"
    html = highlighted_source(source, [("f1", finding(1, 6, "A")), ("f2", finding(4, 9, "B")), ("f3", finding(12, 15, "C"))])
    # crossing spans: B starts inside A and is reopened after A closes
    text = re.sub(r'<span class="tip".*?</span></span></span>', "", html)
    assert re.sub(r"<[^>]+>", "", text) == "abcdefghij &lt;i&gt;\n"
    ET.fromstring("<root>" + html.replace("&", "&amp;").replace("&amp;lt;", "&lt;").replace("&amp;gt;", "&gt;") + "</root>")  # well nested
    assert html.count('class="hl first') == 3
    assert html.count('data-finding="f2"') == 2  # one focusable piece and one continuation


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_html_report_highlights_text_in_every_document_of_a_large_run(here: Path, jobs: str) -> None:
    """Many files go to worker processes, which drop each file's text unless the report needs it."""
    for number in range(10):
        (here / f"page{number}.md").write_text(f"# Page {number}\n\n{CURE}\n", encoding="utf-8")
    _, output = check(".", "--format", "html", "--jobs", jobs, "--no-cache", "--select", "cure")
    assert len(re.findall(r'<mark class="hl first', output)) == 10
    assert output.count("cures depression") >= 10


def test_baseline_of_a_large_run_matches_its_findings(here: Path) -> None:
    for number in range(10):
        (here / f"page{number}.md").write_text(f"# Page {number}\n\n{CURE}\n", encoding="utf-8")
    check(".", "--select", "cure", "--baseline", "kaplint-baseline.json", "--update-baseline", "--jobs", "2", "--no-cache")
    code, _ = check(".", "--select", "cure", "--baseline", "kaplint-baseline.json", "--jobs", "2", "--no-cache")
    assert code == 0  # every finding is in the baseline, whatever process linted it


def test_every_report_groups_the_same_findings_as_missing_information() -> None:
    """HTML, Word and JSON agree on which findings are missing disclosures: one property decides."""
    from kaplint.finding import Finding, Severity
    from kaplint.reporters.html import finding_group
    from kaplint.word.comments import is_document_level

    def finding(category: str, element: str | None = None) -> Finding:
        return Finding("a.md", 1, 1, 1, 1, 0, 0, "R1", "r", category, Severity.ERROR, "m", "", element=element)

    missing = [finding("disclosure"), finding("disclosure", "E3"), finding("claims", "E7")]
    other = [finding("claims"), finding("readability"), finding("language")]
    for item in missing:
        assert item.reports_missing_information
        assert finding_group(item) == "missing"
        assert is_document_level(item)
        assert "element" in item.to_dict()
    for item in other:
        assert not item.reports_missing_information
        assert finding_group(item) != "missing"
        assert "element" not in item.to_dict()
    assert not is_document_level(finding("claims")) and is_document_level(finding("input"))
