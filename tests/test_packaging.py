"""The bundled rules are found however kaplint is installed, and the docs list every rule."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

import kaplint
from kaplint.rulepacks import bundled_rules_dir, load_rules

ROOT = Path(__file__).resolve().parents[1]


def test_bundled_rules_are_found() -> None:
    folder = bundled_rules_dir()
    assert (folder / "claims.yml").is_file()
    assert len(load_rules()) >= 10


def test_installed_wheel_contains_the_rules() -> None:
    """When kaplint is installed from a wheel (not editable), rules/ travels inside the package."""
    package_folder = Path(kaplint.__file__).resolve().parent
    if package_folder.parent == ROOT:
        pytest.skip("kaplint is imported from the checkout (editable install or source tree)")
    files = [str(item) for item in importlib.metadata.files("kaplint") or []]
    assert "kaplint/rules/claims.yml" in files
    assert bundled_rules_dir() == package_folder / "rules"


def test_readme_rules_index_lists_every_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| (KAP\d{3}) \| ([a-z0-9-]+)", readme, re.MULTILINE))
    assert listed == {(rule.id, rule.name) for rule in load_rules()}


def test_readme_quick_start_has_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"(?ims)^#+\s*quick start.*?```sh\n(.*?)```", readme)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert "kaplint check samples/" in commands[0]
    assert "pytest" in commands[1]


def test_cli_offers_every_report_format() -> None:
    from kaplint.cli import OUTPUT_FORMATS
    from kaplint.reporters import FORMATS

    assert OUTPUT_FORMATS == FORMATS
