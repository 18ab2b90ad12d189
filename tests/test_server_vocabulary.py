"""Adding a word to the accepted vocabulary edits the configuration as text, keeping everything else."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kaplint.server.vocabulary import VocabularyError, accept_word, with_word


def accepted(text: str, name: str = "kaplint.toml") -> list[str]:
    data = tomllib.loads(text)
    if name == "pyproject.toml":
        data = data["tool"]["kaplint"]
    return data["vocabulary"]["accept"]


@pytest.mark.parametrize(
    ("before", "after_contains"),
    [
        ("", '[vocabulary]\naccept = ["Harbor Light"]\n'),
        ('fail-on = "error"  # strict\n', 'fail-on = "error"  # strict\n\n[vocabulary]\naccept = ["Harbor Light"]\n'),
        ('[vocabulary]\naccept = ["KAP"]\n', 'accept = ["KAP", "Harbor Light"]'),
        ('[vocabulary]\naccept = []\n', 'accept = ["Harbor Light"]'),
        ('[vocabulary]\nprefer = { "ketamine therapy" = "ketamine treatment" }\n', '[vocabulary]\naccept = ["Harbor Light"]\nprefer'),
        ('[vocabulary]\naccept = [\n    "KAP",  # our word\n]\n\n[severity]\ncure = "warning"\n', '    "KAP",  # our word\n    "Harbor Light",\n]'),
    ],
)
def test_the_word_lands_in_accept_and_the_rest_is_kept(before: str, after_contains: str) -> None:
    after = with_word(before, Path("kaplint.toml"), "Harbor Light")
    assert after_contains in after
    assert "Harbor Light" in accepted(after)
    assert after.startswith(before.split("[vocabulary]")[0].rstrip("\n"))


def test_pyproject_gets_the_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "site"\n\n[tool.kaplint]\nfail-on = "error"\n', encoding="utf-8")
    written = accept_word(tmp_path / "pyproject.toml", tmp_path, "Elevate Mind")
    text = written.read_text(encoding="utf-8")
    assert "[tool.kaplint.vocabulary]" in text and accepted(text, "pyproject.toml") == ["Elevate Mind"]
    assert text.startswith('[project]\nname = "site"\n')


def test_no_configuration_creates_kaplint_toml_and_a_word_twice_is_added_once(tmp_path: Path) -> None:
    written = accept_word(None, tmp_path, "TRD")
    assert written == tmp_path / "kaplint.toml"
    accept_word(written, tmp_path, "TRD")
    assert accepted(written.read_text(encoding="utf-8")) == ["TRD"]


def test_a_broken_file_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "kaplint.toml").write_text("ignore = [\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="not valid TOML"):
        accept_word(tmp_path / "kaplint.toml", tmp_path, "TRD")
    assert (tmp_path / "kaplint.toml").read_text(encoding="utf-8") == "ignore = [\n"
