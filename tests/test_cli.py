"""CLI tests through click's runner: exit codes, configuration, profiles, suppressions,
standard input, bad input, output formats, the other commands and file discovery.

Every test runs in its own temporary folder (``monkeypatch.chdir(tmp_path)``) with its
own configuration files and documents, so nothing from the repository leaks in.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from click import Option
from click import unstyle as click_unstyle
from click.testing import CliRunner

from kaplint import __version__
from kaplint.cli import main
from kaplint.config import find_config, load_config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# Short KAP-like sentences and what they trigger.
CURE = "Ketamine cures depression."  # KAP302 cure (claims, error), columns 10-26
SAFE = "Our infusions are completely safe."  # KAP303 absolute-safety (claims, error)
CRISIS = "Call 1-800-273-8255."  # KAP413 crisis-line (terminology, error, safe fix "988")
STREET = "Some call it Special K."  # KAP416 street-names (terminology, warning)
CLEAN = "Ketamine is not a cure."  # nothing

FINDING_KEYS = [
    "path", "line", "column", "end_line", "end_column", "offset", "end_offset",
    "rule", "name", "category", "severity", "message", "match", "suggestions", "fix",
]


# Helpers ------------------------------------------------------------------------------
@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working folder for the test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("KAPLINT_DEBUG", raising=False)
    return tmp_path


def write(path: str | Path, content: str | bytes) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_bytes(content.encode("utf-8"))
    return target


def doc(*paragraphs: str) -> str:
    """Paragraphs separated by blank lines: paragraph i is on line 2*i+1."""
    return "\n\n".join(paragraphs) + "\n"


def run(*args: str, input: str | bytes | None = None, color: bool = False):  # type: ignore[no-untyped-def]
    """Invoke kaplint. ``color=False`` behaves like a pipe (click strips ANSI codes), ``True`` like a terminal.

    ``check`` runs with ``--ignore disclosure`` unless the test selects rules itself:
    these tests lint one-line snippets about ketamine, which would lack nearly every
    required disclosure. The disclosure rules have their own tests (test_disclosures.py).
    """
    args_list = list(args)
    if args_list[:1] == ["check"] and "--select" not in args_list:
        args_list[1:1] = ["--ignore", "disclosure"]
    result = CliRunner().invoke(main, args_list, input=input, color=color)
    # Every outcome is a normal exit: no uncaught exception, never a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def run_json(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    result = run("check", "--format", "json", *args, input=input)
    assert result.exit_code in (0, 1), result.output
    return result, json.loads(result.stdout)


def all_findings(data: dict) -> list[dict]:
    return [finding for document in data["documents"] for finding in document["findings"]]


def rules_found(data: dict) -> list[str]:
    return [finding["rule"] for finding in all_findings(data)]


def by_path(data: dict) -> dict[str, dict]:
    return {document["path"]: document for document in data["documents"]}


# 1. Exit codes ------------------------------------------------------------------------
def test_clean_file_exits_zero(here: Path) -> None:
    write("page.md", doc("# Aftercare", CLEAN, "Rest for the rest of the day."))
    result = run("check", "page.md")
    assert result.exit_code == 0
    assert "All clear: no problems in 1 file." in result.stdout


def test_error_finding_exits_one(here: Path) -> None:
    write("page.md", doc(CLEAN, CURE))
    result = run("check", "page.md")
    assert result.exit_code == 1
    assert "page.md:3:10 KAP302 cure error" in result.stdout


def test_exit_zero_flag(here: Path) -> None:
    write("page.md", doc(CURE, SAFE))
    result = run("check", "--exit-zero", "page.md")
    assert result.exit_code == 0
    assert "KAP302" in result.stdout and "KAP303" in result.stdout  # still reported


def test_fail_on_warning(here: Path) -> None:
    write("page.md", doc(STREET))
    default = run("check", "page.md")
    assert default.exit_code == 0
    assert "KAP416 street-names warning" in default.stdout
    strict = run("check", "--fail-on", "warning", "page.md")
    assert strict.exit_code == 1
    # A suggestion-only file does not fail at --fail-on warning.
    write("salt.md", doc("Each vial holds ketamine HCl."))
    salt = run("check", "--fail-on", "warning", "salt.md")
    assert "KAP415" in salt.stdout
    assert salt.exit_code == 0
    assert run("check", "--fail-on", "suggestion", "salt.md").exit_code == 1


def test_fail_on_from_config_and_cli_override(here: Path) -> None:
    write("kaplint.toml", 'fail-on = "warning"\n')
    write("page.md", doc(STREET))
    assert run("check", "page.md").exit_code == 1
    assert run("check", "--fail-on", "error", "page.md").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--fail-on", "fatal"],
        ["--profile", "website"],
        ["--no-such-option"],
    ],
)
def test_bad_option_values_exit_two(here: Path, args: list[str]) -> None:
    write("page.md", doc(CURE))
    result = run("check", *args, "page.md")
    assert result.exit_code == 2
    assert "KAP302" not in result.stdout  # nothing was linted


def test_unknown_select_rule_exits_two_with_suggestion(here: Path) -> None:
    write("page.md", doc(CURE))
    result = run("check", "--select", "cur", "page.md")
    assert result.exit_code == 2
    assert "unknown rule 'cur'" in result.stderr
    assert "did you mean 'cure'" in result.stderr
    result = run("check", "--select", "absolute-safty", "page.md")
    assert result.exit_code == 2
    assert "did you mean 'absolute-safety'" in result.stderr


def test_unknown_ignore_and_extend_select_on_command_line_exit_two(here: Path) -> None:
    write("page.md", doc(CURE))
    assert run("check", "--ignore", "KAP999", "page.md").exit_code == 2
    assert run("check", "--extend-select", "unused-supression", "page.md").exit_code == 2


def test_nonexistent_path_exits_two(here: Path) -> None:
    write("page.md", doc(CURE))
    result = run("check", "page.md", "missing.md")
    assert result.exit_code == 2
    assert "missing.md: no such file or folder" in result.stderr
    assert "KAP302" not in result.stdout


def test_stdin_dash_cannot_be_combined_with_paths(here: Path) -> None:
    write("page.md", doc(CURE))
    result = run("check", "-", "page.md", input=CURE)
    assert result.exit_code == 2
    assert "cannot be combined" in result.stderr


def test_bad_max_file_size_value_exits_two(here: Path) -> None:
    write("page.md", doc(CLEAN))
    result = run("check", "--max-file-size", "huge", "page.md")
    assert result.exit_code == 2
    assert "max-file-size" in result.stderr


# 2. Configuration ---------------------------------------------------------------------
def test_kaplint_toml_found_in_current_folder(here: Path) -> None:
    write("page.md", doc(CURE, SAFE))
    _, before = run_json("page.md")
    assert rules_found(before) == ["KAP302", "KAP303"]
    write("kaplint.toml", 'ignore = ["cure"]\n')
    _, after = run_json("page.md")
    assert rules_found(after) == ["KAP303"]


def test_pyproject_tool_table_found(here: Path) -> None:
    write("pyproject.toml", '[project]\nname = "clinic-site"\n\n[tool.kaplint]\nignore = ["absolute-safety"]\n')
    write("page.md", doc(CURE, SAFE))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP302"]


def test_config_found_in_parent_folder(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("kaplint.toml", 'ignore = ["cure"]\n[per-file-ignores]\n"handouts/*.md" = ["street-names"]\n')
    write("handouts/page.md", doc(CURE, SAFE, STREET))
    monkeypatch.chdir(here / "handouts")
    _, data = run_json()
    assert [document["path"] for document in data["documents"]] == ["page.md"]
    # ignore from the parent config, and the per-file glob is relative to the config's folder.
    assert rules_found(data) == ["KAP303"]


def test_pyproject_in_parent_folder(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("pyproject.toml", '[tool.kaplint]\nselect = ["street-names"]\n')
    write("docs/page.md", doc(CURE, STREET))
    monkeypatch.chdir(here / "docs")
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP416"]


def test_pyproject_without_tool_table_is_skipped(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("kaplint.toml", 'select = ["cure"]\n')
    write("site/pyproject.toml", '[project]\nname = "site"\n')
    write("site/page.md", doc(CURE, SAFE))
    monkeypatch.chdir(here / "site")
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP302"]


def test_kaplint_toml_wins_over_pyproject_in_same_folder(here: Path) -> None:
    write("pyproject.toml", '[tool.kaplint]\nignore = ["cure"]\n')
    write("kaplint.toml", 'ignore = ["absolute-safety"]\n')
    write("page.md", doc(CURE, SAFE))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP302"]


def test_nearest_config_wins_over_parent(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("kaplint.toml", 'ignore = ["cure"]\n')
    write("sub/kaplint.toml", 'ignore = ["absolute-safety"]\n')
    write("sub/page.md", doc(CURE, SAFE))
    monkeypatch.chdir(here / "sub")
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP302"]


def test_extend_inherits_from_base(here: Path) -> None:
    write("base.toml", 'ignore = ["cure"]\n[severity]\nstreet-names = "error"\n')
    write("kaplint.toml", 'extend = "base.toml"\nextend-select = ["unused-suppression"]\n')
    write("page.md", doc(CURE, SAFE, STREET))
    result, data = run_json("page.md")
    findings = {finding["rule"]: finding for finding in all_findings(data)}
    assert sorted(findings) == ["KAP303", "KAP416"]
    assert findings["KAP416"]["severity"] == "error"


def test_extend_relative_to_config_folder(here: Path) -> None:
    write("shared/base.toml", 'select = ["crisis-line"]\n')
    write("kaplint.toml", 'extend = "shared/base.toml"\n')
    write("page.md", doc(CURE, CRISIS))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP413"]


def test_extend_loop_exits_two(here: Path) -> None:
    write("kaplint.toml", 'extend = "base.toml"\n')
    write("base.toml", 'extend = "kaplint.toml"\n')
    write("page.md", doc(CURE))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "loop" in result.stderr


def test_extend_missing_file_exits_two(here: Path) -> None:
    write("kaplint.toml", 'extend = "nowhere.toml"\n')
    write("page.md", doc(CLEAN))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_unknown_key_suggests_closest(here: Path) -> None:
    write("kaplint.toml", '# project settings\nselct = ["cure"]\n')
    write("page.md", doc(CURE))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "did you mean 'select'" in result.stderr
    assert "kaplint.toml:2" in result.stderr  # file and line of the bad key


def test_unknown_key_in_pyproject(here: Path) -> None:
    write("pyproject.toml", '[tool.kaplint]\nignroe = ["cure"]\n')
    write("page.md", doc(CURE))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "did you mean 'ignore'" in result.stderr


@pytest.mark.parametrize(
    "toml, key",
    [
        ('fail-on = "fatal"\n', "fail-on"),
        ("select = 3\n", "select"),
        ('respect-gitignore = "yes"\n', "respect-gitignore"),
        ('max-file-size = "lots"\n', "max-file-size"),
        ('[severity]\ncure = "critical"\n', "severity.cure"),
    ],
)
def test_bad_value_types_exit_two_naming_key(here: Path, toml: str, key: str) -> None:
    write("kaplint.toml", toml)
    write("page.md", doc(CURE))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert f"'{key}'" in result.stderr
    assert "kaplint: error:" in result.stderr


def test_invalid_toml_exits_two(here: Path) -> None:
    write("kaplint.toml", 'select = ["cure"\n')
    write("page.md", doc(CURE))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "invalid TOML" in result.stderr


@pytest.mark.parametrize(
    "selector, expected",
    [
        ("KAP302", ["KAP302"]),
        ("absolute-safety", ["KAP303"]),
        ("terminology", ["KAP413", "KAP416"]),
        ("KAP4", ["KAP413", "KAP416"]),
    ],
)
def test_select_by_code_name_category_prefix(here: Path, selector: str, expected: list[str]) -> None:
    write("kaplint.toml", f'select = ["{selector}"]\n')
    write("page.md", doc(CURE, SAFE, CRISIS, STREET))
    _, data = run_json("page.md")
    assert sorted(rules_found(data)) == expected


@pytest.mark.parametrize(
    "selector, expected",
    [
        ("KAP302", ["KAP303", "KAP413", "KAP416"]),
        ("street-names", ["KAP302", "KAP303", "KAP413"]),
        ("claims", ["KAP413", "KAP416"]),
    ],
)
def test_ignore_by_code_name_category(here: Path, selector: str, expected: list[str]) -> None:
    write("kaplint.toml", f'ignore = ["{selector}"]\n')
    write("page.md", doc(CURE, SAFE, CRISIS, STREET))
    _, data = run_json("page.md")
    assert sorted(rules_found(data)) == expected


def test_extend_select_in_config(here: Path) -> None:
    write("kaplint.toml", 'select = ["cure"]\nextend-select = ["terminology"]\n')
    write("page.md", doc(CURE, SAFE, CRISIS, STREET))
    _, data = run_json("page.md")
    assert sorted(rules_found(data)) == ["KAP302", "KAP413", "KAP416"]


def test_cli_select_replaces_config_select_and_ignore_adds(here: Path) -> None:
    write("kaplint.toml", 'select = ["cure"]\n')
    write("page.md", doc(CURE, SAFE, CRISIS, STREET))
    _, data = run_json("--select", "claims", "page.md")
    assert sorted(rules_found(data)) == ["KAP302", "KAP303"]
    _, data = run_json("--select", "claims,terminology", "--ignore", "KAP303", "--ignore", "street-names", "page.md")
    assert sorted(rules_found(data)) == ["KAP302", "KAP413"]


def test_per_file_ignores_glob(here: Path) -> None:
    write("kaplint.toml", '[per-file-ignores]\n"legal/*.md" = ["claims"]\n')
    write("legal/terms.md", doc(CURE, CRISIS))
    write("legal/deep/terms.md", doc(CURE))
    write("web/home.md", doc(CURE))
    _, data = run_json()
    documents = by_path(data)
    assert [f["rule"] for f in documents["legal/terms.md"]["findings"]] == ["KAP413"]
    # "*" stays within one folder, as in .gitignore.
    assert [f["rule"] for f in documents["legal/deep/terms.md"]["findings"]] == ["KAP302"]
    assert [f["rule"] for f in documents["web/home.md"]["findings"]] == ["KAP302"]


def test_overrides_profile_ignore_and_severity(here: Path) -> None:
    write(
        "kaplint.toml",
        '[[overrides]]\nfiles = ["consent/**"]\nprofile = "consent"\nignore = ["crisis-line"]\n'
        '[overrides.severity]\ncure = "warning"\n',
    )
    write("consent/form.md", doc(CURE, CRISIS))
    write("home.md", doc(CURE, CRISIS))
    result, data = run_json()
    documents = by_path(data)
    form = documents["consent/form.md"]
    assert form["profile"] == "consent"
    assert [(f["rule"], f["severity"]) for f in form["findings"]] == [("KAP302", "warning")]
    home = documents["home.md"]
    assert home["profile"] == "web"
    assert [(f["rule"], f["severity"]) for f in home["findings"]] == [("KAP302", "error"), ("KAP413", "error")]


def test_override_severity_alone_can_make_exit_zero(here: Path) -> None:
    write("kaplint.toml", '[[overrides]]\nfiles = "drafts/*.md"\nseverity = {cure = "suggestion"}\n')
    write("drafts/idea.md", doc(CURE))
    result = run("check")
    assert "KAP302 cure suggestion" in result.stdout
    assert result.exit_code == 0


def test_severity_table(here: Path) -> None:
    write("kaplint.toml", '[severity]\nstreet-names = "error"\nKAP302 = "warning"\n')
    write("page.md", doc(CURE, STREET))
    result, data = run_json("page.md")
    severities = {f["rule"]: f["severity"] for f in all_findings(data)}
    assert severities == {"KAP302": "warning", "KAP416": "error"}
    assert result.exit_code == 1
    assert data["summary"]["errors"] == 1 and data["summary"]["warnings"] == 1


def test_severity_by_category(here: Path) -> None:
    write("kaplint.toml", '[severity]\nclaims = "suggestion"\n')
    write("page.md", doc(CURE, SAFE))
    result, data = run_json("page.md")
    assert {f["severity"] for f in all_findings(data)} == {"suggestion"}
    assert result.exit_code == 0


def test_vocabulary_accept(here: Path) -> None:
    write("page.md", doc(STREET, "Our partner lab has the name Special K Diagnostics."))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP416", "KAP416"]
    write("kaplint.toml", '[vocabulary]\naccept = ["special k"]\n')
    _, data = run_json("page.md")
    assert rules_found(data) == []


def test_unknown_vocabulary_key_exits_two(here: Path) -> None:
    write("kaplint.toml", '[vocabulary]\naccpet = ["Special K"]\n')
    write("page.md", doc(STREET))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "did you mean 'accept'" in result.stderr


def test_config_option(here: Path) -> None:
    write("kaplint.toml", 'select = ["cure"]\n')
    write("ci/strict.toml", 'select = ["street-names"]\nfail-on = "warning"\n')
    write("page.md", doc(CURE, STREET))
    result, data = run_json("--config", "ci/strict.toml", "page.md")
    assert rules_found(data) == ["KAP416"]
    assert result.exit_code == 1
    assert data["summary"]["fail_on"] == "warning"


def test_config_option_missing_file_exits_two(here: Path) -> None:
    write("page.md", doc(CURE))
    result = run("check", "--config", "nope.toml", "page.md")
    assert result.exit_code == 2
    assert "nope.toml" in result.stderr


@pytest.mark.parametrize(
    "toml",
    [
        'ignore = ["KAP999"]\n',
        'extend-select = ["cuer"]\n',
        '[per-file-ignores]\n"*.md" = ["not-a-rule"]\n',
        '[severity]\nKAP999 = "error"\n',
        '[[overrides]]\nfiles = ["*.md"]\nignore = ["KAP999"]\n',
    ],
)
def test_unknown_rule_in_config_exits_two(here: Path, toml: str) -> None:
    write("kaplint.toml", toml)
    write("page.md", doc(CURE))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "unknown rule" in result.stderr
    assert "KAP302" not in result.stdout


def test_rule_options_unknown_rule_exits_two(here: Path) -> None:
    write("kaplint.toml", '[rule-options.long-sentense]\nmax-words = 25\n')
    write("page.md", doc(CURE))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "rule-options" in result.stderr
    assert "long-sentense" in result.stderr


def test_override_unknown_key_and_bad_profile_exit_two(here: Path) -> None:
    write("kaplint.toml", '[[overrides]]\nfiles = ["*.md"]\nprofle = "consent"\n')
    write("page.md", doc(CLEAN))
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "did you mean 'profile'" in result.stderr
    write("kaplint.toml", '[[overrides]]\nfiles = ["*.md"]\nprofile = "consnet"\n')
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "did you mean 'consent'" in result.stderr


# 3. Profiles ----------------------------------------------------------------------------
def test_profile_precedence(here: Path) -> None:
    write("kaplint.toml", '[[overrides]]\nfiles = ["consent/**"]\nprofile = "consent"\n')
    write("consent/front.md", "---\nkaplint: {profile: prep}\n---\n" + doc(CLEAN))
    write("consent/plain.md", doc(CLEAN))
    write("home.md", doc(CLEAN))
    write("note.md", "---\ntitle: Note\nkaplint:\n  profile: integration\n---\n" + doc(CLEAN))
    _, data = run_json("--profile", "email")
    profiles = {path: document["profile"] for path, document in by_path(data).items()}
    assert profiles == {
        "consent/front.md": "prep",  # front matter beats the config override
        "consent/plain.md": "consent",  # config override beats --profile
        "home.md": "email",  # --profile beats the default
        "note.md": "integration",
    }
    _, data = run_json()
    assert by_path(data)["home.md"]["profile"] == "web"  # the default
    assert by_path(data)["consent/plain.md"]["profile"] == "consent"


def test_unknown_front_matter_profile_is_a_finding(here: Path) -> None:
    write("page.md", "---\nkaplint:\n  profile: consnet\n---\n" + doc(CURE))
    result, data = run_json("page.md")
    assert result.exit_code == 1
    document = data["documents"][0]
    assert document["profile"] == "web"
    findings = {f["rule"]: f for f in document["findings"]}
    assert sorted(findings) == ["KAP006", "KAP302"]  # the body is still linted
    assert findings["KAP006"]["name"] == "invalid-settings"
    assert findings["KAP006"]["line"] == 3
    assert "consnet" in findings["KAP006"]["message"]
    assert "did you mean 'consent'" in findings["KAP006"]["message"].lower()
    assert findings["KAP302"]["line"] == 5


def test_unknown_front_matter_key_is_a_finding(here: Path) -> None:
    write("page.md", "---\nkaplint:\n  profil: consent\n---\n" + doc(CLEAN))
    result, data = run_json("page.md")
    assert rules_found(data) == ["KAP006"]
    assert "profile" in all_findings(data)[0]["message"]


def test_front_matter_ignore(here: Path) -> None:
    write("page.md", "---\nkaplint: {ignore: [cure]}\n---\n" + doc(CURE, SAFE))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP303"]
    write("page.md", "---\nkaplint:\n  ignore: claims\n---\n" + doc(CURE, SAFE, CRISIS))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP413"]


def test_front_matter_ignore_unknown_rule_is_a_finding(here: Path) -> None:
    write("page.md", "---\nkaplint:\n  ignore: [cuer]\n---\n" + doc(CLEAN))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP006"]
    assert "cuer" in all_findings(data)[0]["message"]


def test_front_matter_in_plain_text(here: Path) -> None:
    write("handout.txt", "---\nkaplint: {profile: handout, ignore: [absolute-safety]}\n---\n" + doc(CURE, SAFE))
    _, data = run_json("handout.txt")
    document = data["documents"][0]
    assert document["profile"] == "handout"
    assert document["format"] == "text"
    assert [(f["rule"], f["line"]) for f in document["findings"]] == [("KAP302", 4)]


# 4. Suppressions ------------------------------------------------------------------------
def test_markdown_disable_enable_region(here: Path) -> None:
    text = doc(
        "# Aftercare",  # 1
        "<!-- kaplint-disable KAP302 -->",  # 3
        CURE,  # 5
        SAFE,  # 7
        "<!-- kaplint-enable -->",  # 9
        "Ketamine cures anxiety.",  # 11
    )
    write("page.md", text)
    _, data = run_json("page.md")
    assert [(f["rule"], f["line"]) for f in all_findings(data)] == [("KAP303", 7), ("KAP302", 11)]


def test_html_disable_enable_region(here: Path) -> None:
    write(
        "page.html",
        "<html><body>\n"
        "<!-- kaplint-disable cure -->\n"
        f"<p>{CURE}</p>\n"
        "<!-- kaplint-enable -->\n"
        "<p>Ketamine cures anxiety.</p>\n"
        "</body></html>\n",
    )
    _, data = run_json("page.html")
    assert [(f["rule"], f["line"], f["column"]) for f in all_findings(data)] == [("KAP302", 5, 13)]


def test_disable_next_line_by_name_with_reason(here: Path) -> None:
    text = doc(
        "<!-- kaplint-disable-next-line cure -- quoted from a 2019 brochure we are correcting -->",  # 1
        CURE,  # 3 (the blank line in between is skipped)
        CURE,  # 5
    )
    write("page.md", text)
    _, data = run_json("page.md")
    assert [(f["rule"], f["line"]) for f in all_findings(data)] == [("KAP302", 5)]


def test_disable_next_line_only_covers_named_rule(here: Path) -> None:
    write("page.md", f"<!-- kaplint-disable-next-line absolute-safety -->\n{CURE} {SAFE}\n")
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP302"]


def test_disable_next_line_in_html(here: Path) -> None:
    write(
        "page.html",
        "<ul>\n<!-- kaplint-disable-next-line KAP413 -->\n"
        f"<li>{CRISIS}</li>\n<li>Or {CRISIS}</li>\n</ul>\n",
    )
    _, data = run_json("page.html")
    assert [(f["rule"], f["line"]) for f in all_findings(data)] == [("KAP413", 4)]


def test_disable_file(here: Path) -> None:
    write("page.md", doc(CURE, "<!-- kaplint-disable-file -->", SAFE, STREET))
    result, data = run_json("page.md")
    assert rules_found(data) == []
    assert result.exit_code == 0
    write("page.html", f"<p>{CURE}</p>\n<!-- kaplint-disable-file claims -->\n<p>{STREET}</p>\n")
    _, data = run_json("page.html")
    assert rules_found(data) == ["KAP416"]


def test_disable_by_category(here: Path) -> None:
    write("page.md", doc("<!-- kaplint-disable claims -->", CURE, SAFE, CRISIS))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP413"]


def test_disable_several_rules_in_one_comment(here: Path) -> None:
    write("page.md", doc("<!-- kaplint-disable KAP302, absolute-safety -->", CURE, SAFE, CRISIS))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP413"]


def test_suppression_in_code_is_not_a_directive(here: Path) -> None:
    write("page.md", "```html\n<!-- kaplint-disable-file -->\n```\n\n" + doc(CURE))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP302"]


def test_unknown_rule_in_directive_is_a_finding(here: Path) -> None:
    write("page.md", doc("Intro.", "<!-- kaplint-disable-next-line KAP999 -->", CURE))
    result, data = run_json("page.md")
    findings = all_findings(data)
    assert [(f["rule"], f["line"]) for f in findings] == [("KAP006", 3), ("KAP302", 5)]
    assert "KAP999" in findings[0]["message"]
    assert result.exit_code == 1


def test_unused_suppression_only_when_selected(here: Path) -> None:
    write("page.md", doc("<!-- kaplint-disable-next-line cure -->", CLEAN, "<!-- kaplint-disable-next-line street-names -->", STREET))
    result, data = run_json("page.md")
    assert rules_found(data) == []
    assert result.exit_code == 0
    result, data = run_json("--extend-select", "unused-suppression", "page.md")
    findings = all_findings(data)
    assert [(f["rule"], f["name"], f["line"], f["severity"]) for f in findings] == [
        ("KAP007", "unused-suppression", 1, "warning")
    ]
    assert result.exit_code == 0
    # From the configuration too, by code.
    write("kaplint.toml", 'extend-select = ["KAP007"]\n')
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP007"]


def test_directive_in_middle_of_file_counts_lines_right(here: Path) -> None:
    text = doc("# Title", "Intro paragraph.", "<!-- kaplint-disable-next-line -->", SAFE, SAFE)
    write("page.md", text)
    _, data = run_json("page.md")
    assert [(f["rule"], f["line"]) for f in all_findings(data)] == [("KAP303", 9)]


def test_enable_by_code_ends_disable_by_name(here: Path) -> None:
    text = doc(
        "<!-- kaplint-disable cure -->",  # 1
        CURE,  # 3 suppressed
        "<!-- kaplint-enable KAP302 -->",  # 5
        "Ketamine cures anxiety.",  # 7 must be reported
    )
    write("page.md", text)
    _, data = run_json("page.md")
    assert [(f["rule"], f["line"]) for f in all_findings(data)] == [("KAP302", 7)]


# 5. Standard input ----------------------------------------------------------------------
def test_stdin_markdown(here: Path) -> None:
    result = run("check", "-", input=doc(CLEAN, CURE))
    assert result.exit_code == 1
    assert "-:3:10 KAP302 cure error" in result.stdout
    result = run("check", "-", input=doc(CLEAN))
    assert result.exit_code == 0


def test_stdin_filename_html(here: Path) -> None:
    page = (
        "<!doctype html><html><head><title>Ketamine cures depression.</title></head><body>\n"
        f"<p>{CLEAN}</p>\n"
        '<script>var tagline = "Ketamine cures depression.";</script>\n'
        f"<p>{CRISIS}</p>\n</body></html>\n"
    )
    result = run("check", "-", "--stdin-filename", "page.html", input=page)
    assert result.exit_code == 1
    assert "page.html:4:9 KAP413 crisis-line error" in result.stdout
    # the title is prose (the tab and the search result); the script is not
    assert result.stdout.count("KAP302") == 1 and "page.html:1:44 KAP302 cure error" in result.stdout
    _, data = run_json("-", "--stdin-filename", "page.html", input=page)
    document = data["documents"][0]
    assert document["path"] == "page.html"
    assert document["format"] == "html"
    assert [(f["path"], f["rule"]) for f in document["findings"]] == [("page.html", "KAP302"), ("page.html", "KAP413")]
    assert not Path("page.html").exists()


def test_stdin_filename_without_dash(here: Path) -> None:
    result, data = run_json("--stdin-filename", "notes.txt", input=doc(CURE))
    assert data["documents"][0]["path"] == "notes.txt"
    assert data["documents"][0]["format"] == "text"
    assert rules_found(data) == ["KAP302"]


def test_stdin_filename_picks_per_file_settings(here: Path) -> None:
    write("kaplint.toml", '[per-file-ignores]\n"legal/*.md" = ["cure"]\n[[overrides]]\nfiles = "legal/**"\nprofile = "consent"\n')
    _, data = run_json("-", "--stdin-filename", "legal/terms.md", input=doc(CURE, SAFE))
    document = data["documents"][0]
    assert document["profile"] == "consent"
    assert [f["rule"] for f in document["findings"]] == ["KAP303"]


# 6. Bad input -----------------------------------------------------------------------------
def test_invalid_utf8_is_a_finding_and_run_continues(here: Path) -> None:
    write("a-broken.md", b"# Aftercare\n\nKetamine caf\xe9 notes.\n")
    write("b-good.md", doc(CURE))
    result, data = run_json()
    documents = by_path(data)
    assert list(documents) == ["a-broken.md", "b-good.md"]
    broken = documents["a-broken.md"]["findings"]
    assert [(f["rule"], f["name"], f["category"], f["line"], f["column"]) for f in broken] == [
        ("KAP002", "undecodable-file", "input", 3, 13)
    ]
    assert "0xe9" in broken[0]["message"]
    assert [f["rule"] for f in documents["b-good.md"]["findings"]] == ["KAP302"]
    assert result.exit_code == 1
    text = run("check")
    assert "a-broken.md:3:13 KAP002 undecodable-file error" in text.stdout
    assert "b-good.md:1:10 KAP302" in text.stdout
    assert text.exit_code == 1


def test_invalid_utf8_column_counts_characters(here: Path) -> None:
    # "Café " is 5 characters but 6 bytes; the bad byte is the 11th character.
    write("page.md", "Café hello".encode("utf-8") + b"\xff tail\n")
    _, data = run_json("page.md")
    finding = all_findings(data)[0]
    assert (finding["rule"], finding["line"], finding["column"]) == ("KAP002", 1, 11)


def test_invalid_utf8_after_bom_position(here: Path) -> None:
    write("page.md", b"\xef\xbb\xbfKetamine caf\xe9 notes.\n")
    _, data = run_json("page.md")
    finding = all_findings(data)[0]
    assert finding["rule"] == "KAP002"
    assert (finding["line"], finding["column"]) == (1, 13)
    assert "0xe9" in finding["message"]


def test_binary_file_named_md(here: Path) -> None:
    write("scan.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    write("text.md", doc(CLEAN))
    result, data = run_json()
    documents = by_path(data)
    assert [(f["rule"], f["name"]) for f in documents["scan.md"]["findings"]] == [("KAP003", "binary-file")]
    assert documents["text.md"]["findings"] == []
    assert result.exit_code == 1


def test_corrupt_docx(here: Path) -> None:
    write("consent.docx", b"PK\x03\x04 this is not really a Word file")
    write("other.md", doc(CURE))
    result, data = run_json()
    documents = by_path(data)
    assert [(f["rule"], f["name"]) for f in documents["consent.docx"]["findings"]] == [("KAP001", "unreadable-file")]
    assert [f["rule"] for f in documents["other.md"]["findings"]] == ["KAP302"]
    assert result.exit_code == 1
    assert "Traceback" not in run("check", "consent.docx").output


def test_utf16_with_bom_is_linted(here: Path) -> None:
    write("page.md", doc("# Title", CURE).encode("utf-16"))
    result, data = run_json("page.md")
    assert [(f["rule"], f["line"], f["column"], f["match"]) for f in all_findings(data)] == [
        ("KAP302", 3, 10, "cures depression")
    ]
    big_endian = b"\xfe\xff" + doc(CURE).encode("utf-16-be")
    write("be.md", big_endian)
    _, data = run_json("be.md")
    assert [(f["rule"], f["line"], f["column"]) for f in all_findings(data)] == [("KAP302", 1, 10)]


def test_utf8_bom_does_not_shift_columns(here: Path) -> None:
    write("page.md", b"\xef\xbb\xbf" + doc(CURE, SAFE).encode("utf-8"))
    result, data = run_json("page.md")
    assert [(f["rule"], f["line"], f["column"]) for f in all_findings(data)] == [("KAP302", 1, 10), ("KAP303", 3, 19)]
    text = run("check", "page.md").stdout
    assert "page.md:1:10 KAP302" in text
    assert "     1 | Ketamine cures depression.\n" in text  # no BOM in the source line


def test_utf8_bom_with_front_matter(here: Path) -> None:
    write("page.md", b"\xef\xbb\xbf" + ("---\nkaplint: {profile: consent}\n---\n" + doc(CURE)).encode("utf-8"))
    _, data = run_json("page.md")
    assert data["documents"][0]["profile"] == "consent"
    assert [(f["rule"], f["line"]) for f in all_findings(data)] == [("KAP302", 4)]


def test_crlf_positions_and_offsets(here: Path) -> None:
    raw = "# Aftercare\r\n\r\nIntro line.\r\n\r\nKetamine cures depression.\r\nCall 1-800-273-8255.\r\n".encode()
    write("page.md", raw)
    _, data = run_json("page.md")
    findings = all_findings(data)
    assert [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings] == [
        ("KAP302", 5, 10, 5, 26),
        ("KAP413", 6, 6, 6, 20),
    ]
    source = Path("page.md").read_bytes().decode()
    for finding in findings:
        assert source[finding["offset"] : finding["end_offset"]] == finding["match"]
    crisis = findings[1]
    assert crisis["fix"] is not None
    assert source[crisis["fix"]["offset"] : crisis["fix"]["end_offset"]] == "1-800-273-8255"


def test_lone_cr_line_endings(here: Path) -> None:
    write("page.txt", b"Intro line.\r\rKetamine cures depression.\r")
    _, data = run_json("page.txt")
    finding = all_findings(data)[0]
    assert (finding["rule"], finding["line"], finding["column"]) == ("KAP302", 3, 10)
    source = Path("page.txt").read_bytes().decode()
    assert source[finding["offset"] : finding["end_offset"]] == "cures depression"


def test_max_file_size(here: Path) -> None:
    write("big.md", doc(CURE, SAFE))
    write("tiny.md", "Hi.\n")
    result, data = run_json("--max-file-size", "10")
    documents = by_path(data)
    assert [(f["rule"], f["name"]) for f in documents["big.md"]["findings"]] == [("KAP004", "file-too-large")]
    assert documents["tiny.md"]["findings"] == []
    assert result.exit_code == 1
    # The limit also applies to standard input and can come from the configuration.
    _, data = run_json("-", "--max-file-size", "10", input=doc(CURE))
    assert rules_found(data) == ["KAP004"]
    write("kaplint.toml", "max-file-size = 10\n")
    _, data = run_json("big.md")
    assert rules_found(data) == ["KAP004"]
    _, data = run_json("--max-file-size", "1KB", "big.md")  # the command line wins
    assert rules_found(data) == ["KAP302", "KAP303"]


def test_max_file_size_message_is_meaningful(here: Path) -> None:
    write("big.md", doc(CURE, SAFE))
    _, data = run_json("--max-file-size", "10", "big.md")
    message = all_findings(data)[0]["message"]
    assert "0.0 MB, over the 0.0 MB" not in message


def test_broken_front_matter(here: Path) -> None:
    write("page.md", "---\nkaplint: {profile: consent\n---\n" + doc(CURE))
    result, data = run_json("page.md")
    document = data["documents"][0]
    assert document["profile"] == "web"  # fell back
    findings = document["findings"]
    assert [f["rule"] for f in findings] == ["KAP005", "KAP302"]
    assert findings[0]["name"] == "malformed-front-matter"
    assert 2 <= findings[0]["line"] <= 3
    assert (findings[1]["line"], findings[1]["column"]) == (4, 10)  # body still linted
    assert result.exit_code == 1


def test_front_matter_not_a_mapping(here: Path) -> None:
    write("page.md", "---\n- just\n- a list\n---\n" + doc(CLEAN))
    _, data = run_json("page.md")
    assert rules_found(data) == ["KAP005"]


def test_input_rules_can_be_ignored(here: Path) -> None:
    write("scan.md", b"abc\x00def")
    write("kaplint.toml", 'ignore = ["binary-file"]\n')
    result, data = run_json()
    assert rules_found(data) == []
    assert result.exit_code == 0


# 7. Output ------------------------------------------------------------------------------
def test_json_schema(here: Path) -> None:
    write("z.md", doc(CURE))
    write("a.md", doc(CLEAN))
    write("m/b.md", doc(STREET, CRISIS))
    result, data = run_json("z.md", "m", "a.md")
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "kaplint", "version": __version__}
    assert [document["path"] for document in data["documents"]] == ["a.md", "m/b.md", "z.md"]
    summary = data["summary"]
    assert summary["files"] == 3
    assert summary["files_with_findings"] == 2
    assert (summary["findings"], summary["errors"], summary["warnings"], summary["suggestions"]) == (3, 2, 1, 0)
    assert summary["failed"] is True and summary["fail_on"] == "error"
    for finding in all_findings(data):
        assert list(finding) == FINDING_KEYS
    cure = by_path(data)["z.md"]["findings"][0]
    assert cure == {
        "path": "z.md",
        "line": 1,
        "column": 10,
        "end_line": 1,
        "end_column": 26,
        "offset": 9,
        "end_offset": 25,
        "rule": "KAP302",
        "name": "cure",
        "category": "claims",
        "severity": "error",
        "message": cure["message"],
        "match": "cures depression",
        "suggestions": [],
        "fix": None,
    }
    assert "cures depression" in cure["message"]
    # Findings are sorted by position within a document.
    positions = [(f["line"], f["column"]) for f in by_path(data)["m/b.md"]["findings"]]
    assert positions == sorted(positions) == [(1, 14), (3, 6)]


def test_json_crisis_line_fix(here: Path) -> None:
    write("page.md", doc("If you are in crisis, call 1-800-273-8255 now."))
    _, data = run_json("page.md")
    (finding,) = all_findings(data)
    assert finding["rule"] == "KAP413"
    assert finding["suggestions"] == ["988"]
    assert finding["fix"] == {"offset": 27, "end_offset": 41, "replacement": "988", "safe": True}
    source = Path("page.md").read_text()
    assert source[finding["fix"]["offset"] : finding["fix"]["end_offset"]] == "1-800-273-8255"


def test_output_is_deterministic(here: Path) -> None:
    write("b.md", doc(CURE, STREET))
    write("a.html", f"<p>{SAFE}</p>\n")
    first = run("check", "--format", "json").stdout
    second = run("check", "--format", "json").stdout
    assert first == second
    assert str(here) not in first  # relative paths only


def test_github_format(here: Path) -> None:
    write("page.md", doc(CURE, STREET))
    result = run("check", "--format", "github", "page.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=page.md,line=1,col=10,endLine=1,endColumn=26,title=KAP302 cure::")
    assert "cures depression" in lines[0]
    assert lines[1].startswith("::warning file=page.md,line=3,col=14,")


def test_github_format_escapes(here: Path) -> None:
    write("a,b.md", doc(CRISIS))
    result = run("check", "--format", "github", "a,b.md")
    (line,) = result.stdout.splitlines()
    assert line.startswith("::error file=a%2Cb.md,line=1,col=6,")
    assert "%0ASuggestion: 988" in line  # the newline before the suggestion is escaped


def test_sarif_format(here: Path) -> None:
    write("page.md", doc(CURE, STREET, CRISIS))
    result = run("check", "--format", "sarif", "page.md")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["KAP302", "KAP413", "KAP416"]
    assert run0["tool"]["driver"]["name"] == "kaplint"
    results = run0["results"]
    assert [r["ruleId"] for r in results] == ["KAP302", "KAP416", "KAP413"]
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "page.md"
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (1, 10, 1, 26)
    assert region["snippet"]["text"] == "cures depression"
    assert [r["level"] for r in results] == ["error", "warning", "error"]
    assert "fixes" in results[2] and "fixes" not in results[0]


def test_output_file_matches_stdout(here: Path) -> None:
    write("page.md", doc(CURE, STREET))
    write("other.html", f"<p>{CRISIS}</p>\n")
    for fmt in ("text", "json", "sarif", "github"):
        to_file = run("check", "--format", fmt, "--output", f"report-{fmt}.out")
        assert to_file.exit_code == 1  # the exit code does not change
        assert to_file.stdout == ""
        to_stdout = run("check", "--format", fmt)
        assert to_stdout.exit_code == 1
        written = Path(f"report-{fmt}.out").read_text(encoding="utf-8")
        assert written == to_stdout.stdout
        assert written.strip()
    assert json.loads(Path("report-json.out").read_text())["schema_version"] == 1
    assert not [name for name in os.listdir(here) if name.endswith(".tmp")]  # no temporary files left


def test_output_to_missing_folder_exits_two(here: Path) -> None:
    write("page.md", doc(CURE))
    result = run("check", "--output", "nowhere/report.json", "page.md")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_statistics(here: Path) -> None:
    write("a.md", doc(CURE, CURE, STREET))
    write("b.md", doc(CURE, SAFE))
    result = run("check", "--statistics")
    lines = result.stdout.splitlines()
    assert any(re.fullmatch(r"\s*3\s+KAP302\s+cure\s+\[error\]", line) for line in lines)
    assert any(re.fullmatch(r"\s*1\s+KAP303\s+absolute-safety\s+\[error\]", line) for line in lines)
    assert any(re.fullmatch(r"\s*1\s+KAP416\s+street-names\s+\[warning\]", line) for line in lines)
    # Most frequent first.
    order = [line.split()[1] for line in lines if re.match(r"\s*\d+\s+KAP\d+\s", line)]
    assert order[0] == "KAP302"
    assert "Found 5 problems (4 errors, 1 warning) in 2 of 2 files." in result.stdout


def test_quiet(here: Path) -> None:
    write("page.md", doc(CURE, CRISIS))
    result = run("check", "--quiet", "page.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(re.match(r"page\.md:\d+:\d+ KAP\d{3} [a-z-]+ (error|warning|suggestion): ", line) for line in lines)
    assert "Found" not in result.stdout and "|" not in result.stdout
    clean = run("check", "-q", "page.md", "--ignore", "cure,crisis-line")
    assert clean.stdout == "" and clean.exit_code == 0


def test_text_output(here: Path) -> None:
    write("page.md", doc("# Aftercare", CURE, STREET))
    result = run("check", "page.md")
    out = result.stdout
    assert "page.md  (profile: web)" in out
    lines = out.splitlines()
    headline = lines.index(next(line for line in lines if line.startswith("page.md:3:10 KAP302 cure error: ")))
    source_line, caret_line = lines[headline + 1], lines[headline + 2]
    assert source_line.endswith("| Ketamine cures depression.")
    assert source_line.strip().startswith("3 |")
    bar = source_line.index("| ") + 2
    assert caret_line.index("|") == source_line.index("|")
    carets = caret_line[bar:]
    assert carets == " " * 9 + "^" * len("cures depression")
    assert source_line[bar + 9 : bar + 9 + 16] == "cures depression"
    assert "page.md:5:14 KAP416 street-names warning: " in out
    assert out.rstrip().endswith("Found 2 problems (1 error, 1 warning) in 1 of 1 file.")
    assert "\x1b[" not in out  # no colour when not a terminal


def test_no_source(here: Path) -> None:
    write("page.md", doc(CURE))
    plain = run("check", "--no-source", "page.md").stdout
    assert "^" not in plain and " | " not in plain
    assert "page.md:1:10 KAP302" in plain
    assert "Found 1 problem (1 error) in 1 of 1 file." in plain


def test_colour_switches(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("page.md", doc(CURE))
    assert "\x1b[" not in run("check", "page.md", color=True).stdout  # not a terminal: no colour
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = run("check", "page.md", color=True).stdout
    assert "\x1b[" in coloured
    assert click_unstyle(coloured) == run("check", "--no-color", "page.md").stdout  # same text underneath
    assert "\x1b[" not in run("check", "--no-color", "page.md", color=True).stdout
    assert "\x1b[" not in run("check", "--format", "json", "page.md", color=True).stdout
    run("check", "--output", "report.txt", "page.md", color=True)
    assert "\x1b[" not in Path("report.txt").read_text()
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("check", "page.md", color=True).stdout


def test_force_color_in_a_pipe(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("page.md", doc(CURE))
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("check", "page.md", color=False).stdout


def test_suggestion_line_in_text(here: Path) -> None:
    write("page.md", doc(CRISIS))
    out = run("check", "page.md").stdout
    assert "      = suggestion: 988" in out


def test_linting_never_modifies_files(here: Path) -> None:
    files = {
        "page.md": doc(CURE, CRISIS).encode(),
        "crlf.md": b"Ketamine cures depression.\r\nCall 1-800-273-8255.\r\n",
        "bom.txt": b"\xef\xbb\xbf" + doc(CRISIS).encode(),
        "page.html": f"<p>{CRISIS}</p>\n".encode(),
        "bad.md": b"caf\xe9\n",
    }
    for name, data in files.items():
        write(name, data)
        os.utime(name, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = {name: (Path(name).read_bytes(), Path(name).stat().st_mtime_ns) for name in files}
    for fmt in ("text", "json", "sarif", "github"):
        run("check", "--format", fmt, "--statistics")
    run("check", "--output", "report.json", "--format", "json")
    after = {name: (Path(name).read_bytes(), Path(name).stat().st_mtime_ns) for name in files}
    assert after == before
    assert sorted(os.listdir(here)) == sorted([*files, "report.json"])


# 8. Other commands ----------------------------------------------------------------------
def test_version(here: Path) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kaplint, version {__version__}"


def test_rules_text(here: Path) -> None:
    result = run("rules")
    assert result.exit_code == 0
    assert re.search(r"^KAP302\s+cure\s+claims\s+error\s+phrase", result.stdout, re.MULTILINE)
    assert re.search(r"^KAP413\s+crisis-line\s+.*yes\s*$", result.stdout, re.MULTILINE)  # fixable
    assert re.search(r"^KAP007\s+unused-suppression \(off\)", result.stdout, re.MULTILINE)
    codes = re.findall(r"^(KAP\d{3})\s", result.stdout, re.MULTILINE)
    assert codes == sorted(codes)
    assert re.search(rf"\n{len(codes)} rules\.", result.stdout)


def test_rules_json_and_category(here: Path) -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    by_code = {rule["code"]: rule for rule in rules}
    assert by_code["KAP302"]["name"] == "cure"
    assert by_code["KAP302"]["category"] == "claims"
    assert by_code["KAP302"]["severity"] == "error"
    assert by_code["KAP413"]["fixable"] is True
    assert by_code["KAP007"]["enabled"] is False
    claims = json.loads(run("rules", "--format", "json", "--category", "claims").stdout)
    assert claims and {rule["category"] for rule in claims} == {"claims"}
    assert "KAP302" in {rule["code"] for rule in claims} and "KAP413" not in {rule["code"] for rule in claims}


@pytest.mark.parametrize("key", ["not-addictive", "KAP305", "kap305"])
def test_explain(here: Path, key: str) -> None:
    result = run("explain", key)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("KAP305 not-addictive\n")
    for heading in ("What it checks", "Why it matters", "Sources", "Examples that are reported", "Examples that are fine"):
        assert f"\n{heading}\n" in out
    assert "Schedule III" in out
    assert re.search(r"^  - DEA 1999", out, re.MULTILINE)


def test_explain_unknown_rule(here: Path) -> None:
    result = run("explain", "not-addictiv")
    assert result.exit_code == 2
    assert "unknown rule, category or kind 'not-addictiv'" in result.stderr
    assert "did you mean 'not-addictive'" in result.stderr
    result = run("explain", "zzzzzzzz")
    assert result.exit_code == 2
    assert "kaplint rules" in result.stderr


def test_init_writes_loadable_config(here: Path) -> None:
    result = run("init")
    assert result.exit_code == 0
    assert Path("kaplint.toml").is_file()
    config = load_config(find_config(Path.cwd()))
    assert config.path == (here / "kaplint.toml").resolve()
    assert config.fail_on == "error"
    write("page.md", doc(CLEAN))
    assert run("check").exit_code == 0
    write("page.md", doc(CURE))
    assert run("check").exit_code == 1


def test_init_refuses_to_overwrite(here: Path) -> None:
    write("kaplint.toml", 'ignore = ["cure"]\n')
    result = run("init")
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert Path("kaplint.toml").read_text() == 'ignore = ["cure"]\n'
    forced = run("init", "--force")
    assert forced.exit_code == 0
    assert Path("kaplint.toml").read_text() != 'ignore = ["cure"]\n'
    assert load_config(Path("kaplint.toml")).ignore == ()


def test_init_pyproject(here: Path) -> None:
    original = '[project]\nname = "clinic-site"\nversion = "1.0"\n\n[tool.black]\nline-length = 88\n'
    write("pyproject.toml", original)
    result = run("init", "--pyproject")
    assert result.exit_code == 0
    text = Path("pyproject.toml").read_text()
    assert text.startswith(original)
    data = tomllib.loads(text)
    assert data["project"]["name"] == "clinic-site"
    assert data["tool"]["black"] == {"line-length": 88}
    assert data["tool"]["kaplint"] == {"fail-on": "error"}
    assert find_config(Path.cwd()) == (here / "pyproject.toml").resolve()
    assert load_config(here / "pyproject.toml").fail_on == "error"
    write("page.md", doc(CLEAN))
    assert run("check").exit_code == 0
    again = run("init", "--pyproject")
    assert again.exit_code == 2
    assert Path("pyproject.toml").read_text() == text


def test_init_pyproject_creates_file(here: Path) -> None:
    assert run("init", "--pyproject").exit_code == 0
    assert tomllib.loads(Path("pyproject.toml").read_text())["tool"]["kaplint"]["fail-on"] == "error"
    assert not Path("kaplint.toml").exists()


# 9. Discovery ---------------------------------------------------------------------------
def test_discovery_lints_known_formats_recursively(here: Path) -> None:
    import docx

    for name in ("a.md", "b.markdown", "c.txt", "d.html", "e.htm", "sub/deeper/f.md", "UPPER.MD"):
        write(name, f"<p>{CLEAN}</p>\n" if name.endswith(("html", "htm")) else doc(CLEAN))
    word = docx.Document()
    word.add_paragraph("Intro.")
    word.add_paragraph(CURE)
    buffer = io.BytesIO()
    word.save(buffer)
    write("g.docx", buffer.getvalue())
    for name in ("notes.py", "data.json", "readme.rst", "page.pdf", "md", "sub/x.yml"):
        write(name, CURE + "\n")
    result, data = run_json()
    documents = by_path(data)
    assert list(documents) == sorted(
        ["a.md", "b.markdown", "c.txt", "d.html", "e.htm", "sub/deeper/f.md", "UPPER.MD", "g.docx"]
    )
    assert documents["g.docx"]["format"] == "docx"
    assert [(f["rule"], f["line"], f["column"]) for f in documents["g.docx"]["findings"]] == [("KAP302", 2, 10)]
    assert {documents[name]["format"] for name in ("a.md", "b.markdown", "UPPER.MD")} == {"markdown"}
    assert documents["c.txt"]["format"] == "text"
    assert {documents[name]["format"] for name in ("d.html", "e.htm")} == {"html"}


def test_discovery_names_files_behind_symbolic_links_as_resolving_each_one_would(here: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Discovery resolves each folder once and only files that are links themselves; the names and
    the files counted once are what resolving every file gives."""
    from kaplint.config import Config
    from kaplint.discovery import discover
    from kaplint.files import display_path

    outside = tmp_path_factory.mktemp("outside")
    write(outside / "elsewhere.md", doc(CLEAN))
    write("site/page.md", doc(CLEAN))
    write("site/deeper/guide.md", doc(CLEAN))
    Path("site/to-page.md").symlink_to("page.md")  # the same file twice: linted once
    Path("site/to-elsewhere.md").symlink_to(outside / "elsewhere.md")  # outside the folder: named as found
    Path("mirror").symlink_to("site", target_is_directory=True)
    targets = discover([Path("site"), Path("mirror")], Config())
    expected: dict[Path, str] = {}
    for path in sorted(Path("site").rglob("*.md")) + sorted(Path("mirror").rglob("*.md")):
        expected.setdefault(path.resolve(), display_path(path))
    assert sorted(target.display for target in targets) == sorted(expected.values())
    assert {target.display for target in targets} == {"site/deeper/guide.md", "site/page.md", "site/to-elsewhere.md"}


def test_default_excludes(here: Path) -> None:
    write("page.md", doc(CLEAN))
    for folder in ("node_modules/pkg", ".git", ".venv", "build", "dist", "__pycache__", "docs/node_modules"):
        write(f"{folder}/README.md", doc(CURE))
    result, data = run_json()
    assert [document["path"] for document in data["documents"]] == ["page.md"]
    assert result.exit_code == 0


def test_gitignore_honoured(here: Path) -> None:
    write(".gitignore", "# drafts are not published\ndrafts/\n*.tmp.md\n/private.md\n")
    write("docs/.gitignore", "old-*.md\n!old-keep.md\n")
    write("page.md", doc(CLEAN))
    write("drafts/idea.md", doc(CURE))
    write("notes.tmp.md", doc(CURE))
    write("private.md", doc(CURE))
    write("docs/private.md", doc(CLEAN))  # "/private.md" is anchored to the root
    write("docs/old-1.md", doc(CURE))
    write("docs/old-keep.md", doc(CLEAN))
    write("other/old-2.md", doc(CLEAN))  # the docs/.gitignore does not reach here
    _, data = run_json()
    assert [d["path"] for d in data["documents"]] == [
        "docs/old-keep.md", "docs/private.md", "other/old-2.md", "page.md"
    ]
    write("kaplint.toml", "respect-gitignore = false\n")
    _, data = run_json()
    assert "drafts/idea.md" in by_path(data) and "private.md" in by_path(data)


def test_gitignore_applies_when_checking_a_subfolder(here: Path) -> None:
    write(".gitignore", "drafts/\n")
    write("docs/page.md", doc(CLEAN))
    write("docs/drafts/idea.md", doc(CURE))
    _, whole = run_json()
    assert [d["path"] for d in whole["documents"]] == ["docs/page.md"]
    _, sub = run_json("docs")
    assert [d["path"] for d in sub["documents"]] == ["docs/page.md"]


def test_extend_exclude(here: Path) -> None:
    write("kaplint.toml", 'extend-exclude = ["archive/", "**/*-old.md"]\n')
    write("page.md", doc(CLEAN))
    write("archive/2019.md", doc(CURE))
    write("docs/intro-old.md", doc(CURE))
    write("docs/intro.md", doc(CLEAN))
    write("node_modules/x.md", doc(CURE))  # defaults still apply with extend-exclude
    _, data = run_json()
    assert [d["path"] for d in data["documents"]] == ["docs/intro.md", "page.md"]


def test_exclude_replaces_defaults(here: Path) -> None:
    write("kaplint.toml", 'exclude = ["archive/"]\n')
    write("archive/2019.md", doc(CURE))
    write("node_modules/x.md", doc(CLEAN))
    _, data = run_json()
    assert [d["path"] for d in data["documents"]] == ["node_modules/x.md"]


def test_explicit_file_linted_even_if_excluded_unless_force_exclude(here: Path) -> None:
    write("kaplint.toml", 'extend-exclude = ["archive/"]\n')
    write("archive/2019.md", doc(CURE))
    write("node_modules/pkg/README.md", doc(SAFE))
    result, data = run_json("archive/2019.md", "node_modules/pkg/README.md")
    assert [(d["path"], [f["rule"] for f in d["findings"]]) for d in data["documents"]] == [
        ("archive/2019.md", ["KAP302"]),
        ("node_modules/pkg/README.md", ["KAP303"]),
    ]
    assert result.exit_code == 1
    forced = run("check", "--force-exclude", "archive/2019.md", "node_modules/pkg/README.md")
    assert forced.exit_code == 2 and "no files to lint" in forced.stderr  # nothing passes silently
    allowed, data = run_json("--force-exclude", "--allow-empty", "archive/2019.md", "node_modules/pkg/README.md")
    assert data["documents"] == []
    assert allowed.exit_code == 0
    # --force-exclude leaves files that are not excluded alone.
    write("page.md", doc(CURE))
    _, data = run_json("--force-exclude", "archive/2019.md", "page.md")
    assert [d["path"] for d in data["documents"]] == ["page.md"]


def test_explicit_excluded_folder_is_linted(here: Path) -> None:
    write("build/handout.md", doc(CURE))
    result, data = run_json("build")
    assert [d["path"] for d in data["documents"]] == ["build/handout.md"]
    assert result.exit_code == 1


def test_output_sorted_and_deduplicated(here: Path) -> None:
    for name in ("zeta.md", "alpha.md", "mid/beta.md", "mid/alpha.txt"):
        write(name, doc(CURE))
    result = run("check", "-q", "zeta.md", "mid", "alpha.md", "zeta.md", ".")
    paths = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert paths == ["alpha.md", "mid/alpha.txt", "mid/beta.md", "zeta.md"]
    _, data = run_json("zeta.md", "./alpha.md", ".")
    assert [d["path"] for d in data["documents"]] == ["alpha.md", "mid/alpha.txt", "mid/beta.md", "zeta.md"]


def test_empty_folder(here: Path) -> None:
    result = run("check")
    assert result.exit_code == 2
    assert "no files to lint in .: the folder is empty" in result.stderr
    assert "All clear" not in result.output


def test_flow_style_front_matter_problem_points_at_its_line(here: Path) -> None:
    write("page.md", "---\nkaplint: {profile: consnet}\n---\n" + doc(CLEAN))
    _, data = run_json("page.md")
    (finding,) = all_findings(data)
    assert (finding["name"], finding["line"]) == ("invalid-settings", 2)


def test_unknown_rule_message_has_one_end_mark(here: Path) -> None:
    write("page.md", "<!-- kaplint-disable-next-line KAP599 -->\n" + doc(CLEAN))
    _, data = run_json("page.md")
    (finding,) = all_findings(data)
    assert finding["name"] == "invalid-settings"
    assert not finding["message"].endswith("?.")


@pytest.mark.parametrize("size", ["0", "-3", "lots"])
def test_max_file_size_must_be_positive(here: Path, size: str) -> None:
    write("page.md", doc(CLEAN))
    result = run("check", "--max-file-size", size, "page.md")
    assert result.exit_code == 2
    assert "max-file-size" in result.output


def test_a_bad_rule_name_in_the_configuration_names_file_and_line(here: Path) -> None:
    write("page.md", doc("Text."))
    write("pyproject.toml", '[tool.kaplint]\nfail-on = "error"\nignore = ["jargn"]\n')
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "pyproject.toml:3: ignore: unknown rule 'jargn'; did you mean 'jargon'?" in result.stderr


def test_a_setting_written_below_a_table_header_says_how_toml_reads_it(here: Path) -> None:
    write("page.md", doc("Text."))
    write("pyproject.toml", '[tool.kaplint]\n[tool.kaplint.vocabulary]\naccept = ["Elevate Mind"]\nfail-on = "error"\n')
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "pyproject.toml:4: unknown key 'fail-on' in 'vocabulary'" in result.stderr
    assert "move it above the first [tool.kaplint." in result.stderr


@pytest.mark.parametrize(
    ("settings", "place", "message"),
    [
        ('fail-on = "error"\n[severity]\ncure = "eror"\n', "kaplint.toml:3", "did you mean 'error'?"),
        ('fail-on = "error"\nseverity = { cure = "eror" }\n', "kaplint.toml:2", "'severity.cure'"),
        ('fail-on = "error"\n[[overrides]]\nfiles = ["a.md"]\nprofle = "web"\n', "kaplint.toml:4", "did you mean 'profile'?"),
        ('fail-on = "error"\n[rule-options.long-sentence]\nmax-wrds = 3\n', "kaplint.toml:3", "did you mean 'max-words'?"),
        ('fail-on = "error"\n[rule-options.long-sentnce]\nmax-words = 3\n', "kaplint.toml:2", "unknown rule 'long-sentnce'"),
        ('fail-on = "error"\n[disclosures.driving]\nweb = "eror"\n', "kaplint.toml:3", "did you mean 'error'?"),
        ('fail-on = "error"\n[disclosures.drivng]\nweb = "error"\n', "kaplint.toml:2", "did you mean 'driving'?"),
        ('fail-on = "error"\n[grammar]\nengin = "harper"\n', "kaplint.toml:3", "unknown key 'engin'"),
        ('fail-on = "error"\n[per-file-ignores]\n"a.md" = ["jargn"]\n', "kaplint.toml:3", "did you mean 'jargon'?"),
    ],
)
def test_every_configuration_error_in_a_table_names_its_line(here: Path, settings: str, place: str, message: str) -> None:
    write("page.md", doc("Text."))
    write("kaplint.toml", settings)
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert f"{place}: " in result.stderr and message in result.stderr, result.stderr


def test_the_same_errors_in_pyproject_name_their_line_under_tool_kaplint(here: Path) -> None:
    write("page.md", doc("Text."))
    write("pyproject.toml", '[project]\nname = "site"\n\n[tool.kaplint]\nfail-on = "error"\n\n[tool.kaplint.rule-options.long-sentence]\nmax-wrds = 3\n')
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "pyproject.toml:8: " in result.stderr and "'max-wrds'" in result.stderr


def test_check_and_review_word_their_shared_options_the_same() -> None:
    from kaplint.cli import check, review

    def helps(command) -> dict[str, str]:  # type: ignore[no-untyped-def]
        return {param.name: param.help for param in command.params if isinstance(param, Option)}

    shared = {"profile", "select", "extend_select", "ignore", "fail_on", "exit_zero", "config_path"}
    check_help, review_help = helps(check), helps(review)
    assert shared <= check_help.keys() & review_help.keys()
    assert {name: check_help[name] for name in shared} == {name: review_help[name] for name in shared}
