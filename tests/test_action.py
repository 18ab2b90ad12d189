"""The composite GitHub Action (action.yml): its inputs are wired safely, and its script works."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_composite_and_uses_only_declared_inputs() -> None:
    definition = action()
    assert definition["runs"]["using"] == "composite"
    declared = set(definition["inputs"])
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert set(re.findall(r"inputs\.([\w-]+)", text)) <= declared
    for step in definition["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs must reach scripts through env, not be spliced into them"


def _run_step() -> str:
    (step,) = [step for step in action()["runs"]["steps"] if step.get("name") == "Run kaplint"]
    return step["run"]


@pytest.mark.parametrize(("paths", "expected_code"), [("samples/web-bad.md", 1), ("samples/web-good.md samples/consent-good.md", 0)])
def test_run_step_writes_sarif_summary_and_annotations(tmp_path: Path, paths: str, expected_code: int) -> None:
    summary = tmp_path / "summary.md"
    sarif = tmp_path / "out.sarif"
    environment = {
        **os.environ,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "KAPLINT_PATHS": paths,
        "KAPLINT_ARGS": "--no-color",
        "KAPLINT_SARIF": str(sarif),
        "KAPLINT_SUMMARY": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    completed = subprocess.run(["bash", "-c", _run_step()], cwd=ROOT, env=environment, capture_output=True, text=True, check=False)
    assert completed.returncode == expected_code, completed.stderr
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert summary.read_text(encoding="utf-8").startswith("## ")
    if expected_code:
        assert "::error file=samples/web-bad.md" in completed.stdout


@pytest.mark.parametrize(("args", "expected_code"), [("--no-color", 2), ("--no-color --allow-empty", 0)])
def test_run_step_with_nothing_to_lint_fails_loudly_unless_allowed(tmp_path: Path, args: str, expected_code: int) -> None:
    """A wrong `paths` input (a folder of PDFs) must not turn the check green without a word."""
    (tmp_path / "brochures").mkdir()
    (tmp_path / "brochures" / "infusions.pdf").write_bytes(b"%PDF-1.4")
    environment = {
        **os.environ,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "KAPLINT_PATHS": "brochures",
        "KAPLINT_ARGS": args,
        "KAPLINT_SARIF": str(tmp_path / "out.sarif"),
        "KAPLINT_SUMMARY": "false",
    }
    completed = subprocess.run(["bash", "-c", _run_step()], cwd=tmp_path, env=environment, capture_output=True, text=True, check=False)
    assert completed.returncode == expected_code, completed.stderr
    assert "no files to lint in brochures: 1 file skipped (unsupported type: .pdf)" in completed.stderr
