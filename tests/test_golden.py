"""Golden reports for the bundled samples (the README demo).

The committed reports in tests/golden/ are what ``kaplint check samples/``
prints. When a change alters them on purpose, regenerate with
``KAPLINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
FORMATS = {"samples.json": ["--format", "json"], "samples.txt": ["--format", "text", "--no-color", "--statistics"]}


def run(arguments: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "samples", *arguments])
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_sample_reports_match_golden_files(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    exit_code, output = run(FORMATS[name], monkeypatch)
    assert exit_code == 1  # the bad samples have errors
    golden = GOLDEN / name
    if os.environ.get("KAPLINT_UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8"), f"{name} changed; see the module docstring to update it"


def test_bad_samples_have_findings_and_good_samples_have_no_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    _, output = run(["--format", "json"], monkeypatch)
    documents = {document["path"]: document for document in json.loads(output)["documents"]}
    assert len(documents) == len(list((ROOT / "samples").iterdir()))
    for path, document in documents.items():
        errors = [finding for finding in document["findings"] if finding["severity"] == "error"]
        if "-bad" in path:
            assert document["findings"], f"{path} should have findings"
        if "-good" in path:
            assert not errors, f"{path} should have no errors: {errors}"


def test_samples_declare_their_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    _, output = run(["--format", "json"], monkeypatch)
    for document in json.loads(output)["documents"]:
        name = Path(document["path"]).name
        if name.endswith(".md"):
            assert document["profile"] == name.split("-")[0], name
