"""Baselines: adopting kaplint on existing content, then editing, fixing and adding findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main

CURE = "Ketamine cures depression."  # KAP302 cure, error
STREET = "Some call it Special K."  # KAP416 street-names, warning


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, ["check", "--ignore", "disclosure", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    data = json.loads(result.stdout) if result.stdout.startswith("{") else {}
    return result.exit_code, data, result.stderr


def rules(data: dict) -> list[tuple[str, int]]:
    return [(finding["rule"], finding["line"]) for document in data["documents"] for finding in document["findings"]]


def adopt() -> None:
    code, data, stderr = run("--baseline", "kaplint-baseline.json", "--update-baseline")
    assert code == 0 and rules(data) == [] and "Wrote kaplint-baseline.json: 2 entries for 3 findings" in stderr


def test_adopting_writes_every_finding_and_then_reports_none(here: Path) -> None:
    Path("page.md").write_text(f"{CURE}\n\n{STREET}\n\n{CURE}\n")
    assert rules(run()[1]) == [("KAP302", 1), ("KAP416", 3), ("KAP302", 5)]
    adopt()
    baseline = json.loads(Path("kaplint-baseline.json").read_text())
    assert baseline["tool"] == "kaplint" and baseline["version"] == 1
    counts = {(entry["rule"], entry["count"]) for entry in baseline["findings"]}
    assert counts == {("cure", 2), ("street-names", 1)}  # duplicates counted, not listed twice
    assert {entry["path"] for entry in baseline["findings"]} == {"page.md"}
    code, data, _ = run("--baseline", "kaplint-baseline.json")
    assert code == 0 and rules(data) == []
    assert data["summary"]["baseline"]["matched"] == 3 and data["summary"]["baseline"]["stale"] == 0


def test_editing_another_line_keeps_the_baseline_valid(here: Path) -> None:
    Path("page.md").write_text(f"{CURE}\n\n{STREET}\n")
    adopt_two = run("--baseline", "b.json", "--update-baseline")
    assert adopt_two[0] == 0
    Path("page.md").write_text(f"# Welcome\n\nOur clinic is open on weekdays.\n\n{CURE}\n\n{STREET} More text here.\n")
    code, data, _ = run("--baseline", "b.json")
    assert code == 0 and rules(data) == []
    assert data["summary"]["baseline"] == {"path": "b.json", "matched": 2, "stale": 0, "stale_entries": []}


def test_fixing_a_finding_makes_its_entry_stale(here: Path) -> None:
    Path("page.md").write_text(f"{CURE}\n\n{STREET}\n")
    run("--baseline", "b.json", "--update-baseline")
    Path("page.md").write_text(f"Ketamine is not a cure.\n\n{STREET}\n")
    code, data, _ = run("--baseline", "b.json")
    assert code == 0 and rules(data) == []
    summary = data["summary"]["baseline"]
    assert summary["matched"] == 1 and summary["stale"] == 1
    assert [entry["rule"] for entry in summary["stale_entries"]] == ["cure"]
    text = CliRunner().invoke(main, ["check", "--ignore", "disclosure", "--baseline", "b.json"]).stdout
    assert "Baseline b.json: 1 known finding not shown; 1 stale entry (fixed or reworded)" in text


def test_adding_a_new_finding_reports_it(here: Path) -> None:
    Path("page.md").write_text(f"{CURE}\n\n{STREET}\n")
    run("--baseline", "b.json", "--update-baseline")
    Path("page.md").write_text(f"{CURE}\n\n{STREET}\n\nOur infusions are completely safe.\n\n{CURE}\n")
    code, data, _ = run("--baseline", "b.json")
    # the new claim and the second copy of the known one; the first copy stays covered
    assert code == 1 and rules(data) == [("KAP303", 5), ("KAP302", 7)]


def test_rewording_the_sentence_of_a_finding_reports_it_again(here: Path) -> None:
    Path("page.md").write_text(f"{CURE}\n")
    run("--baseline", "b.json", "--update-baseline")
    Path("page.md").write_text("Ketamine cures depression and anxiety.\n")
    code, data, _ = run("--baseline", "b.json")
    assert code == 1 and rules(data) == [("KAP302", 1)]
    assert data["summary"]["baseline"]["stale"] == 1


def test_entries_are_relative_to_the_baseline_file_not_the_working_folder(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("docs").mkdir()
    Path("docs/page.md").write_text(f"{CURE}\n")
    run("docs", "--baseline", "b.json", "--update-baseline")
    monkeypatch.chdir(here / "docs")
    code, data, _ = run("page.md", "--baseline", "../b.json")
    assert code == 0 and rules(data) == []


def test_files_not_linted_leave_their_entries_alone(here: Path) -> None:
    Path("a.md").write_text(f"{CURE}\n")
    Path("b.md").write_text(f"{STREET}\n")
    run("--baseline", "b.json", "--update-baseline")
    _, data, _ = run("a.md", "--baseline", "b.json")
    assert data["summary"]["baseline"]["stale"] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found; create it with --update-baseline"),
        ("{not json", "not valid JSON"),
        ('{"tool": "other"}', "not a kaplint baseline"),
        ('{"tool": "kaplint", "version": 9, "findings": []}', "baseline version 9 is not supported"),
        ('{"tool": "kaplint", "version": 1, "findings": [{"path": "a"}]}', "entry 1 needs 'path', 'rule', 'fingerprint'"),
    ],
)
def test_bad_baseline_files_are_clear_errors(here: Path, content: str | None, message: str) -> None:
    Path("page.md").write_text(f"{CURE}\n")
    if content is not None:
        Path("b.json").write_text(content)
    code, _, stderr = run("--baseline", "b.json")
    assert code == 2 and message in stderr and "Traceback" not in stderr


def test_update_baseline_needs_a_file(here: Path) -> None:
    code, _, stderr = run("--update-baseline")
    assert code == 2 and "--update-baseline needs --baseline FILE" in stderr
