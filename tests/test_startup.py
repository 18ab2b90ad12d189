"""A pre-commit run pays only for what it uses: heavy libraries stay unimported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from kaplint.cli import main
try:
    main(["check", "--exit-zero", "--no-cache", sys.argv[1]])
except SystemExit:
    pass
unused = ("kaplint.grammar.checker", "kaplint.grammar.backend", "kaplint.grammar.settings", "kaplint.baseline",
          "kaplint.changed_lines", "kaplint.fingerprint", "harper", "urllib.request", "multiprocessing", "concurrent.futures",
          "kaplint.server", "kaplint.word", "kaplint.reporters.html", "kaplint.reporters.sarif")
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in
      ("docx", "markdown_it", "textstat", "language_tool_python", "lxml", "importlib_metadata") or name in unused)))
"""


def test_a_text_file_imports_no_parser_for_other_formats_grammar_or_baseline(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Ketamine is not a cure. Talk with your doctor.\n", encoding="utf-8")
    completed = subprocess.run([sys.executable, "-c", PROBE, str(page)], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert json.loads(completed.stdout.strip().splitlines()[-1]) == []


CACHED_PROBE = """
import json, sys
from kaplint.cli import main
try:
    main(["check", "--exit-zero", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(sorted(name for name in sys.modules if name.startswith("kaplint.kinds") or name.split(".")[0] == "yaml"
      or name in ("kaplint.text.statements", "kaplint.text.evidence"))), file=sys.stderr)
"""


def test_a_cached_result_needs_no_kind_statement_analysis_or_yaml(tmp_path: Path, monkeypatch) -> None:
    """Issue 19: re-checking an unchanged file (pre-commit, an editor's save) reads its result from
    the cache, so it must not pay for importing the checks or decoding the rules' compiled parameters."""
    monkeypatch.setenv("KAPLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KAPLINT_NO_CACHE", raising=False)
    page = tmp_path / "page.md"
    page.write_text("# Ketamine\n\nKetamine cures depression for everyone. Talk with your doctor.\n", encoding="utf-8")

    def probe() -> tuple[str, list[str]]:
        completed = subprocess.run([sys.executable, "-c", CACHED_PROBE, str(page)], capture_output=True, text=True, check=True, cwd=tmp_path)
        return completed.stdout, json.loads(completed.stderr.strip().splitlines()[-1])

    first_output, first_modules = probe()
    second_output, second_modules = probe()
    assert "kaplint.kinds.phrase" in first_modules  # the first run lints the file
    assert "KAP" in first_output
    assert second_output == first_output
    assert second_modules == []


def test_the_lexicons_are_compiled_once_and_then_read_from_the_cache(tmp_path, monkeypatch) -> None:
    """Compiling the statement lexicons cost a single-file run more than linting its file."""
    from kaplint import cache
    from kaplint.text import statements

    monkeypatch.setenv("KAPLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("KAPLINT_NO_CACHE", raising=False)
    # an earlier in-process run with --no-cache or --cache-dir leaves its choice in the settings
    monkeypatch.setattr(cache.settings, "requested", True)
    monkeypatch.setattr(cache.settings, "folder", None)
    built = []
    original = statements._read_lexicons
    monkeypatch.setattr(statements, "_read_lexicons", lambda location: built.append(location) or original(location))
    statements.load_lexicons.cache_clear()
    try:
        first = statements.load_lexicons()
        statements.load_lexicons.cache_clear()
        second = statements.load_lexicons()
    finally:
        statements.load_lexicons.cache_clear()
    assert len(built) == 1  # the second process-wide load came from the cache folder
    assert list((tmp_path / "built").iterdir())
    assert second.cues.keys() == first.cues.keys()
    assert all(second.cues[name].pattern == pattern.pattern for name, pattern in first.cues.items())


UNCACHED_RESULT_PROBE = """
import json, sys
from kaplint.cli import main
try:
    main(["check", "--exit-zero", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in ("yaml", "tomllib", "tomli", "difflib")
      or (sys.argv[1].endswith(".md") and name in ("html.parser", "kaplint.loaders.html", "kaplint.loaders.mdx")))), file=sys.stderr)
"""


def test_a_new_file_with_the_rules_cached_imports_no_yaml_or_toml_parser(tmp_path: Path, monkeypatch) -> None:
    """Issue 19: the pre-commit and editor path (rule packs cached, the file's result not) reads no
    YAML when the page has no front matter, and no TOML when no configuration file is found. It
    imports difflib only to explain a mistake, and a Markdown page without raw HTML or MDX imports
    neither the HTML parser nor the MDX masking."""
    monkeypatch.setenv("KAPLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KAPLINT_NO_CACHE", raising=False)
    pages = tmp_path / "pages"
    pages.mkdir()
    for number, suffix in enumerate(("md", "txt", "html", "md")):
        (pages / f"page-{number}.{suffix}").write_text(
            f"# Ketamine, page {number}\n\nKetamine cures depression for everyone. Talk with your doctor.\n", encoding="utf-8"
        )

    def imported(page: Path) -> list[str]:
        completed = subprocess.run([sys.executable, "-c", UNCACHED_RESULT_PROBE, str(page)], capture_output=True, text=True, check=True, cwd=pages)
        return json.loads(completed.stderr.strip().splitlines()[-1])

    assert "yaml" in imported(pages / "page-0.md")  # the first run compiles the rule packs
    for number, suffix in enumerate(("txt", "html", "md"), start=1):
        assert imported(pages / f"page-{number}.{suffix}") == []


def test_a_file_named_on_the_command_line_compiles_no_exclude_pattern(tmp_path: Path, monkeypatch) -> None:
    """Issue 19: excludes apply only inside folders (or with --force-exclude), so discovering one
    named file must not pay for compiling the default exclude patterns."""
    from kaplint import globs
    from kaplint.config import Config
    from kaplint.discovery import discover

    page = tmp_path / "page.md"
    page.write_text("# Ketamine\n", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "hidden.md").write_text("# Hidden\n", encoding="utf-8")
    compiled: list[str] = []
    original = globs.compile_pattern
    monkeypatch.setattr(globs, "compile_pattern", lambda pattern: compiled.append(pattern) or original(pattern))
    monkeypatch.chdir(tmp_path)
    config = Config(root=tmp_path)
    assert [target.display for target in discover([Path("page.md")], config)] == ["page.md"]
    assert compiled == []
    assert [target.display for target in discover([Path(".")], config)] == ["page.md"]  # inside a folder they apply
    assert compiled


def test_patterns_compiled_later_wait_for_text_that_needs_them() -> None:
    """Issue 19: a pattern that many documents never reach (an attribution of a quotation, the
    answer to a question) is compiled at its first use, once, not when its module is imported."""
    import re

    from kaplint.engine import Linter
    from kaplint.config import Config
    from kaplint.text import compiled_later, quotes

    later = compiled_later(r"\bketamine\b", re.IGNORECASE)
    assert later.cache_info().currsize == 0
    assert later() is later() and later().search("KETAMINE") is not None
    assert later.cache_info().currsize == 1

    for accessor in (quotes._attribution, quotes._first_person):
        accessor.cache_clear()
    linter = Linter(Config())
    linter.lint_bytes("plain.md", b"# Ketamine\n\nKetamine is a medicine. Your doctor checks your blood pressure.\n")
    assert quotes._first_person.cache_info().currsize == 0  # no quotation: no attribution to look for
    assert quotes._attribution.cache_info().currsize == 0
    assert quotes.is_testimony("I felt better in a week,", "says Maria.", "")
    assert quotes._first_person.cache_info().currsize == quotes._attribution.cache_info().currsize == 1
