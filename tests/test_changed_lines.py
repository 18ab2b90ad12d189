"""``--changed-since``: findings on lines changed since a git revision, in a temporary repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CURE = "Ketamine cures depression."  # KAP302
SAFE = "Our infusions are completely safe."  # KAP303
STREET = "Some call it Special K."  # KAP416


def git(*args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    git("init", "-q", "-b", "main")
    Path("old.md").write_text(f"{CURE}\n\n{STREET}\n\nKetamine is not a cure.\n")
    Path("same.md").write_text(f"{CURE}\n")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    return tmp_path


def run(*args: str) -> tuple[int, dict, str]:
    ignore = [] if "--select" in args else ["--ignore", "disclosure"]
    result = CliRunner().invoke(main, ["check", *ignore, "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, (json.loads(result.stdout) if result.stdout.startswith("{") else {}), result.stderr


def found(data: dict) -> list[tuple[str, str, int]]:
    return [(document["path"], finding["rule"], finding["line"]) for document in data["documents"] for finding in document["findings"]]


def test_only_changed_and_untracked_lines_are_reported(repo: Path) -> None:
    # line 5 changes (a new claim), a line is inserted above the street name: its line moves but did not change
    Path("old.md").write_text(f"{CURE}\n\nNew paragraph.\n\n{STREET}\n\n{SAFE}\n")
    Path("new.md").write_text(f"{STREET}\n")  # untracked: changed throughout
    code, data, _ = run("--changed-since", "HEAD")
    assert code == 1
    assert found(data) == [("new.md", "KAP416", 1), ("old.md", "KAP303", 7)]
    assert [document["path"] for document in data["documents"]] == ["new.md", "old.md", "same.md"]  # still all linted


def test_committed_changes_since_an_older_revision_count(repo: Path) -> None:
    Path("same.md").write_text(f"{CURE}\n\n{SAFE}\n")
    git("commit", "-q", "-am", "second")
    assert found(run("--changed-since", "HEAD")[1]) == []
    assert found(run("--changed-since", "HEAD~1")[1]) == [("same.md", "KAP303", 3)]


def test_document_level_findings_are_kept_for_changed_files(repo: Path) -> None:
    Path("kaplint.toml").write_text("disclosure-min-words = 0\n")  # the one-line page stands for a whole page
    Path("same.md").write_text(f"{CURE}\n\nWe are open on weekdays.\n")
    _, data, _ = run("--changed-since", "HEAD", "--select", "missing-off-label,cure")
    rules = [(path, rule) for path, rule, _ in found(data)]
    assert ("same.md", "KAP201") in rules and ("same.md", "KAP302") not in rules
    assert not [path for path, _ in rules if path == "old.md"]


def test_unknown_revision_is_a_clear_error(repo: Path) -> None:
    code, _, stderr = run("--changed-since", "no-such-branch")
    assert code == 2 and "unknown git revision 'no-such-branch'" in stderr and "Traceback" not in stderr


def test_outside_a_repository_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    Path("page.md").write_text(f"{CURE}\n")
    code, _, stderr = run("--changed-since", "main")
    assert code == 2 and "needs a git repository" in stderr


def test_file_names_with_spaces_and_unicode(repo: Path) -> None:
    Path("my page ü.md").write_text(f"{CURE}\n")
    git("add", ".")
    git("commit", "-q", "-m", "third")
    Path("my page ü.md").write_text(f"{CURE}\n\n{SAFE}\n")
    assert found(run("--changed-since", "HEAD")[1]) == [("my page ü.md", "KAP303", 3)]


def test_standard_input_is_refused(repo: Path) -> None:
    result = CliRunner().invoke(main, ["check", "-", "--changed-since", "HEAD"], input=CURE)
    assert result.exit_code == 2 and "not on standard input" in result.stderr
