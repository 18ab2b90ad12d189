"""Nothing passes silently: project files excluded by default, and a run with nothing to lint says why.

A repository's README, CHANGELOG, CONTRIBUTING and LICENSE files are written for
contributors, not patients: a folder walk skips them (any case, any extension),
a file named on the command line is still linted, and configuration can bring
them back. A run whose paths hold no file kaplint can lint exits 2 with the
reasons, unless --allow-empty (or ``allow-empty = true``) accepts it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main
from kaplint.config import Config, load_config
from kaplint.discovery import Skipped, discover

CURE = "Ketamine cures depression.\n"
CLEAN = "Ketamine is not a cure.\n"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(name: str, text: str = CLEAN) -> None:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def check(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["check", "--ignore", "disclosure", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def found(config: Config | None = None, *paths: str) -> list[str]:
    return [target.display for target in discover([Path(p) for p in paths or (".",)], config or Config(root=Path.cwd()))]


# Default excludes -----------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["README.md", "readme.txt", "Readme.markdown", "CHANGELOG.md", "changelog.txt", "CONTRIBUTING.md",
     "LICENSE.md", "license.txt", "LICENCE.html", "docs/README.mdx", "guides/deep/Changelog.md"],
)
def test_project_files_are_excluded_from_a_folder_walk(here: Path, name: str) -> None:
    write("page.md")
    write(name, CURE)
    assert found() == ["page.md"]


@pytest.mark.parametrize("name", ["readme-first.md", "readmes.md", "license-agreement-consent.md", "changes.md", "my-readme.md"])
def test_pages_that_only_resemble_project_files_are_linted(here: Path, name: str) -> None:
    write(name)
    assert found() == [name]


def test_named_project_file_is_still_linted(here: Path) -> None:
    write("README.md", CURE)
    result = check("README.md", "--format", "json")
    assert result.exit_code == 1
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == ["README.md"]


def test_project_files_can_be_brought_back_or_the_defaults_replaced(here: Path) -> None:
    write("README.md", CURE)
    write("CHANGELOG.md", CURE)
    write("kaplint.toml", 'extend-exclude = ["!README.md"]\n')
    assert found(load_config(Path("kaplint.toml"))) == ["README.md"]
    write("kaplint.toml", 'exclude = ["drafts/"]\n')
    assert found(load_config(Path("kaplint.toml"))) == ["CHANGELOG.md", "README.md"]


# What discovery passed over ---------------------------------------------------------
def test_skipped_tallies_types_excludes_and_gitignore(here: Path) -> None:
    for name in ("docs/a.pdf", "docs/b.pdf", "docs/notes.rst", "docs/LICENSE"):
        write(name)
    write("docs/README.md")
    write("docs/node_modules/x.md")
    write("docs/.gitignore", "draft.md\n")
    write("docs/draft.md")
    skipped = Skipped()
    assert discover([Path("docs")], Config(root=Path.cwd()), skipped=skipped) == []
    assert dict(skipped.unsupported) == {".pdf": 2, ".rst": 1, "": 1}  # hidden files are not counted
    assert skipped.excluded == ["docs/node_modules/", "docs/README.md"]
    assert skipped.gitignored == 1


# Empty runs -----------------------------------------------------------------------
def test_folder_with_nothing_lintable_exits_2_and_says_why(here: Path) -> None:
    write("docs/brochure.pdf")
    write("docs/slides.pdf")
    write("docs/notes.rst")
    write("docs/README.md", CURE)
    write("docs/CHANGELOG.txt", CURE)
    result = check("docs")
    assert result.exit_code == 2
    message = result.stderr
    assert message.startswith("kaplint: error: no files to lint in docs: 3 files skipped (unsupported type: .pdf \u00d72, .rst)")
    assert "2 excluded by the configuration (docs/CHANGELOG.txt, docs/README.md)" in message
    assert "--allow-empty" in message
    assert "All clear" not in result.output


def test_empty_folder_exits_2(here: Path) -> None:
    Path("empty").mkdir()
    result = check("empty")
    assert result.exit_code == 2
    assert "no files to lint in empty: the folder is empty" in result.stderr
    assert "Supported types are" in result.stderr and ".mdx" in result.stderr


def test_allow_empty_option_and_setting_exit_0_with_a_note(here: Path) -> None:
    write("notes.rst")
    result = check("--allow-empty")
    assert result.exit_code == 0
    assert "No files were linted." in result.stdout
    assert "no files to lint in .: 1 file skipped (unsupported type: .rst)" in result.stderr
    write("kaplint.toml", "allow-empty = true\n")
    assert check().exit_code == 0
    write("kaplint.toml", 'allow-empty = "yes"\n')
    bad = check()
    assert bad.exit_code == 2 and "'allow-empty' must be true or false" in bad.stderr


def test_force_excluded_files_only_exit_2_unless_allowed(here: Path) -> None:
    """What the pre-commit hook sees when a commit stages only a README (it passes --allow-empty)."""
    write("README.md", CURE)
    assert check("--force-exclude", "README.md").exit_code == 2
    allowed = check("--force-exclude", "--allow-empty", "README.md")
    assert allowed.exit_code == 0
    assert "README, CHANGELOG, CONTRIBUTING and LICENSE files are excluded by default" in allowed.stderr


def test_a_run_with_files_is_unchanged(here: Path) -> None:
    write("page.md")
    write("notes.rst")
    result = check()
    assert result.exit_code == 0
    assert "All clear: no problems in 1 file." in result.stdout
    assert result.stderr == ""
