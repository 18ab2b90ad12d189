"""The Harper backend, for real: harper-py linting in process, no server, no Java.

CI installs the ``harper`` extra and sets ``KAPLINT_REQUIRE_HARPER=1``: with it, a
missing harper-py is a failure, not a skip. Elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kaplint.config import ConfigError, config_from_mapping
from kaplint.engine import Linter, RunOptions

try:
    import harper  # noqa: F401
except ImportError:  # pragma: no cover - depends on the environment
    if os.environ.get("KAPLINT_REQUIRE_HARPER"):
        pytest.fail("harper-py is not installed, but KAPLINT_REQUIRE_HARPER is set (.ci/run installs kaplint[harper])")
    pytest.skip("harper-py is not installed (pip install 'kaplint[harper]')", allow_module_level=True)

DATA = Path(__file__).parent / "data" / "grammar"


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KAPLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def lint(text: str, name: str = "page.md", **grammar: object):
    config = config_from_mapping({"grammar": {"backend": "harper", **grammar}}, Path("kaplint.toml"))
    return Linter(config, RunOptions(select=("grammar",))).lint_bytes(name, text.encode("utf-8")).findings


def at(text: str, finding) -> str:
    line = text.split("\n")[finding.line - 1]
    return line[finding.column - 1 : finding.end_column - 1]


def test_kap_text_full_of_domain_terms_has_no_spelling_findings() -> None:
    text = (DATA / "kap-vocabulary.md").read_text(encoding="utf-8")
    assert len(text.split()) >= 500
    assert [(f.line, f.match, f.message) for f in lint(text)] == []


def test_the_vocabulary_is_what_keeps_them_quiet() -> None:
    """Without the vocabulary Harper reports the domain's words, so the test above means something."""
    from harper import Linter as HarperLinter

    text = (DATA / "kap-vocabulary.md").read_text(encoding="utf-8")
    unknown = {lint.problem_text for lint in HarperLinter().lint(text, language="markdown") if lint.lint_kind == "Spelling"}
    assert {"esketamine", "Esketamine", "Spravato", "NMDA", "KAP", "Intranasal", "troche", "glutamate"} <= unknown


def test_real_misspellings_are_caught_among_domain_terms() -> None:
    text = (DATA / "kap-vocabulary.md").read_text(encoding="utf-8")
    text = text.replace("Ketamine itself", "Ketamin itself").replace("Psychotherapy is a key", "The pyschotherapy is a key")
    findings = lint(text)
    assert [(f.name, f.match, at(text, f)) for f in findings] == [
        ("misspelling", "Ketamin", "Ketamin"),
        ("misspelling", "pyschotherapy", "pyschotherapy"),
    ]
    assert "Ketamine" in findings[0].suggestions and findings[1].suggestions[0] == "psychotherapy"


def test_positions_with_emoji_accents_and_markup() -> None:
    text = "# Caf\u00e9 \U0001F60A\n\nNa\u00efve \U0001F9E0 **patients** ask: is [ketamin](https://x.org) safe?\n\n- This is an test \U0001F44D of the the form.\n"
    findings = lint(text)
    assert [(f.name, f.line, at(text, f)) for f in findings] == [
        ("misspelling", 3, "ketamin"),
        ("grammar-mistake", 5, "an"),
        ("grammar-mistake", 5, "the the"),
    ]


def test_cached_results_match_fresh_ones(cache: Path) -> None:
    text = "Your ketamin dose is an test.\n"
    first = lint(text)
    assert list(cache.rglob("*.json"))
    assert lint(text) == first


def test_unknown_harper_rule_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="Harper has no rule 'SpelCheck'; did you mean 'SpellCheck'"):
        lint("Text.", **{"disabled-rules": ["SpelCheck"]})


def test_harper_checks_english_only() -> None:
    with pytest.raises(ConfigError, match="Harper backend checks English only"):
        lint("Text.", language="de-DE")


def test_british_dialect() -> None:
    assert [f.match for f in lint("The colour of the troche.", language="en-GB")] == []
    assert [f.match for f in lint("The colour of the troche.", language="en-US")] == ["colour"]


def test_a_cached_run_never_loads_harper(monkeypatch: pytest.MonkeyPatch) -> None:
    from kaplint.grammar import harper as backend

    text = "Your ketamin dose is an test.\n"
    first = lint(text)
    monkeypatch.setattr(backend, "_LINTERS", {})
    assert lint(text) == first
    assert backend._LINTERS == {}  # every paragraph came from the cache
