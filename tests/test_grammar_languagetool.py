"""The LanguageTool backend against a local server speaking LanguageTool's HTTP API.

The fake server (tests/fake_languagetool.py) answers like the real one, offsets in
UTF-16 code units included, so these tests exercise kaplint's real request, batching,
offset conversion, cache and vocabulary code. The last test runs against a real
LanguageTool when KAPLINT_LANGUAGETOOL_URL is set (on a loopback address: the suite
blocks every other) and is skipped otherwise.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_languagetool import FakeLanguageTool, Problem

from kaplint.cli import main
from kaplint.config import ConfigError, config_from_mapping
from kaplint.engine import Linter, RunOptions
from kaplint.grammar.languagetool import utf16_to_python
from kaplint.grammar.settings import LANGUAGETOOL_DISABLED
from kaplint.grammar.vocabulary import bundled_vocabulary

DATA = Path(__file__).parent / "data" / "grammar"
KETAMIN = Problem(r"\bketamin\b", replacement="ketamine")
PYSCHOTHERAPY = Problem(r"\bpyschotherapy\b", replacement="psychotherapy")
AN_TEST = Problem(r"\ban test\b", rule="EN_A_VS_AN", message="Use \u201ca\u201d instead of \u201can\u201d.", replacement="a test",
                  issue_type="grammar", category="MISC")
DOUBLE_SPACE = Problem(r"  ", rule="WHITESPACE_RULE", message="Possible typo: you repeated a whitespace",
                       issue_type="whitespace", category="TYPOGRAPHY")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A fake LanguageTool, a fresh cache folder, and no real server from the environment."""
    monkeypatch.delenv("KAPLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setenv("KAPLINT_CACHE_DIR", str(tmp_path / "cache"))
    fake = FakeLanguageTool([KETAMIN, PYSCHOTHERAPY, AN_TEST, DOUBLE_SPACE])
    yield fake
    fake.stop()


def linter_for(fake: FakeLanguageTool, **grammar: object) -> Linter:
    settings = {"grammar": {"server": fake.url, **grammar}}
    return Linter(config_from_mapping(settings, Path("kaplint.toml")), RunOptions(select=("grammar",)))


def lint(fake: FakeLanguageTool, text: str, name: str = "page.md", **grammar: object):
    return linter_for(fake, **grammar).lint_bytes(name, text.encode("utf-8")).findings


def at(text: str, finding) -> str:
    """The source text a finding points at, found from its line and column alone."""
    line = text.split("\n")[finding.line - 1]
    return line[finding.column - 1 : finding.end_column - 1]


# Offsets ---------------------------------------------------------------------------------
def test_utf16_offsets_become_python_indices() -> None:
    assert utf16_to_python("plain caf\u00e9") is None  # no astral characters: offsets agree
    table = utf16_to_python("a\U0001F600b")
    assert table == [0, 1, 2, 2, 3]  # the emoji is two code units; "b" is at UTF-16 offset 3
    assert "a\U0001F600b"[table[3]] == "b"


def test_findings_point_at_the_word_after_emoji_and_accents(server: FakeLanguageTool) -> None:
    text = (
        "# Caf\u00e9 \U0001F60A care\n\n"
        "Na\u00efve \U0001F9E0\U0001F9E0 patients ask: is ketamin safe? \U0001F44D\U0001F3FD\n\n"
        "- \u00c9tape \u2014 \U0001F31F pyschotherapy helps.\n"
        "- This is an test.\n"
    )
    findings = lint(server, text)
    assert [(f.name, f.match, at(text, f)) for f in findings] == [
        ("misspelling", "ketamin", "ketamin"),
        ("misspelling", "pyschotherapy", "pyschotherapy"),
        ("grammar-mistake", "an test", "an test"),
    ]
    assert [(f.line, f.column) for f in findings] == [(3, 27), (5, 13), (6, 11)]
    assert findings[0].suggestions == ("ketamine",)
    assert "MORFOLOGIK_RULE_EN_US" in findings[0].message and "languagetool" in findings[0].message


def test_positions_in_html_with_entities(server: FakeLanguageTool) -> None:
    text = "<p>Caf&eacute; &amp; \U0001F600 <b>ketamin</b> care.</p>\n"
    findings = lint(server, text, "page.html")
    assert [(f.match, f.line, at(text, f)) for f in findings] == [("ketamin", 1, "ketamin")]


def test_a_document_is_one_request_and_only_prose_is_sent(server: FakeLanguageTool) -> None:
    text = (
        "---\nauthor: ketamin front matter\n---\n\n# Heading\n\nFirst ketamin paragraph.\n\n"
        "```\nketamin in a code block\n```\n\nSecond with `ketamin code` and https://example.com/ketamin here.\n\n"
        "| a | b |\n| --- | --- |\n| ketamin cell | two |\n"
    )
    findings = lint(server, text)
    assert len(server.checks) == 1
    sent = server.checks[0]["text"]
    assert "front matter" not in sent and "code block" not in sent and "example.com" not in sent and "ketamin code" not in sent
    assert "First ketamin paragraph." in sent and "ketamin cell" in sent
    assert [(f.line, f.match) for f in findings] == [(7, "ketamin"), (17, "ketamin")]


def test_large_documents_are_sent_in_batches(server: FakeLanguageTool) -> None:
    paragraphs = [f"Paragraph {index} about ketamin and care. " * 20 for index in range(60)]
    findings = lint(server, "\n\n".join(paragraphs))
    assert 1 < len(server.checks) < 60
    assert len([f for f in findings if f.name == "misspelling"]) == 60 * 20


# Settings --------------------------------------------------------------------------------
def test_default_disabled_rules_are_sent_and_respected(server: FakeLanguageTool) -> None:
    findings = lint(server, "Two  spaces here.")
    assert findings == []
    assert server.checks[0]["disabledRules"].split(",") == list(LANGUAGETOOL_DISABLED)
    assert server.checks[0]["language"] == "en-US"


def test_disabled_rules_are_configurable(server: FakeLanguageTool) -> None:
    findings = lint(server, "Two  spaces and an test.", **{"disabled-rules": ["EN_A_VS_AN"]})
    assert [f.message.split(" (")[0] for f in findings] == ["Possible typo: you repeated a whitespace"]
    extended = lint(server, "Two  spaces and an test.", **{"extend-disabled-rules": ["EN_A_VS_AN"]})
    assert extended == []
    assert server.checks[-1]["disabledRules"].split(",") == [*LANGUAGETOOL_DISABLED, "EN_A_VS_AN"]


def test_language_is_sent_and_checked_against_the_server(server: FakeLanguageTool) -> None:
    lint(server, "Ketamine care.", language="en-GB")
    assert server.checks[-1]["language"] == "en-GB"
    with pytest.raises(ConfigError, match=r"does not support language 'xx-YY'.*en-GB"):
        linter_for(server, language="xx-YY")


def test_server_from_the_environment_wins(server: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLINT_LANGUAGETOOL_URL", server.url + "/v2/")
    config = config_from_mapping({"grammar": {"server": "http://127.0.0.1:9/"}}, Path("kaplint.toml"))
    findings = Linter(config, RunOptions(select=("grammar",))).lint_bytes("a.md", b"A ketamin dose.").findings
    assert [f.match for f in findings] == ["ketamin"]


@pytest.mark.parametrize(
    "table, message",
    [
        ({"backend": "language-tool"}, "'grammar.backend' must be one of languagetool, harper.*did you mean 'languagetool'"),
        ({"server": "localhost:8081"}, "must be an http:// or https:// URL"),
        ({"disabled-rules": "EN_QUOTES"}, "'grammar.disabled-rules' must be a list"),
        ({"timeout": 0}, "'grammar.timeout' must be a positive number"),
        ({"optionl": True}, "unknown key 'optionl' in 'grammar'; did you mean 'optional'"),
    ],
)
def test_bad_settings_are_clear_errors(table: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config_from_mapping({"grammar": table}, Path("kaplint.toml"))


# Cache -----------------------------------------------------------------------------------
def test_a_rerun_over_unchanged_text_makes_no_requests(server: FakeLanguageTool) -> None:
    text = "First ketamin paragraph.\n\nSecond paragraph.\n\nThird is an test.\n"
    first = lint(server, text)
    assert len(server.checks) == 1
    second = lint(server, text)
    assert len(server.checks) == 1
    assert second == first
    lint(server, text.replace("Second", "Changed"))
    assert len(server.checks) == 2
    assert server.checks[-1]["text"] == "Changed paragraph."  # only the changed paragraph is sent


def test_cache_is_keyed_by_settings(server: FakeLanguageTool) -> None:
    text = "Two  spaces."
    assert lint(server, text) == []
    assert len(lint(server, text, **{"disabled-rules": []})) == 1  # new settings: asked again
    assert len(server.checks) == 2


def test_a_damaged_cache_entry_is_checked_again(server: FakeLanguageTool, tmp_path: Path) -> None:
    lint(server, "A ketamin dose.")
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert [f.match for f in lint(server, "A ketamin dose.")] == ["ketamin"]
    assert len(server.checks) == 2


def test_cache_can_be_switched_off(server: FakeLanguageTool) -> None:
    lint(server, "A ketamin dose.", cache=False)
    lint(server, "A ketamin dose.", cache=False)
    assert len(server.checks) == 2


# Vocabulary ------------------------------------------------------------------------------
def vocabulary_server(fake: FakeLanguageTool) -> None:
    """Make the fake server report every word of the bundled vocabulary as misspelled, as an
    engine without a medical dictionary would, plus the two real misspellings."""
    words = sorted({word for word in bundled_vocabulary() if re.fullmatch(r"[\w-]+", word) and not word.isdigit()}, key=len, reverse=True)
    pattern = r"(?i)(?<![\w-])(?:" + "|".join(re.escape(word) for word in words) + r")(?:e?s|'s)?(?![\w-])"
    fake.problems = [Problem(pattern), KETAMIN, PYSCHOTHERAPY]


def test_domain_words_are_never_misspellings(server: FakeLanguageTool) -> None:
    vocabulary_server(server)
    text = (DATA / "kap-vocabulary.md").read_text(encoding="utf-8")
    assert len(text.split()) >= 500
    assert lint(server, text) == []
    flagged = len(server.answer({"text": text})["matches"])  # type: ignore[arg-type]
    assert flagged >= 80  # the server did report them: kaplint's vocabulary filtered them


def test_real_misspellings_are_still_caught(server: FakeLanguageTool) -> None:
    vocabulary_server(server)
    text = (DATA / "kap-vocabulary.md").read_text(encoding="utf-8")
    text = text.replace("Ketamine itself", "ketamin itself").replace("Psychotherapy is a key", "The pyschotherapy is a key")
    findings = lint(server, text)
    assert [(f.name, f.match) for f in findings] == [("misspelling", "ketamin"), ("misspelling", "pyschotherapy")]


def test_project_vocabulary_is_accepted(server: FakeLanguageTool) -> None:
    server.problems = [Problem(r"\bHarborlight\b"), KETAMIN]
    config = config_from_mapping({"grammar": {"server": server.url}, "vocabulary": {"accept": ["Harborlight"]}}, Path("kaplint.toml"))
    findings = Linter(config, RunOptions(select=("grammar",))).lint_bytes("a.md", b"Harborlight offers ketamin.").findings
    assert [f.match for f in findings] == ["ketamin"]


# Availability and the command line -------------------------------------------------------
@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KAPLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "no-languagetool"))  # nothing installed there
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    (tmp_path / "page.md").write_text("Ketamine cures depression. A ketamin dose.\n", encoding="utf-8")
    return tmp_path


def test_grammar_is_off_by_default_even_with_select_all(folder: Path) -> None:
    (folder / "kaplint.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "--format", "json"])
    assert result.exit_code == 1
    names = {finding["name"] for finding in json.loads(result.stdout)["documents"][0]["findings"]}
    assert "cure" in names and not names & {"misspelling", "grammar-mistake"}


def test_asked_for_and_unavailable_exits_2_saying_why(folder: Path) -> None:
    result = CliRunner().invoke(main, ["check", "page.md", "--grammar"])
    assert result.exit_code == 2
    assert "no LanguageTool server is configured and no local LanguageTool is installed" in result.stderr
    assert "KAPLINT_LANGUAGETOOL_URL" in result.stderr and "kaplint[harper]" in result.stderr
    assert not (folder / "no-languagetool").exists()  # looking never creates the download folder


def test_unreachable_server_exits_2(folder: Path) -> None:
    (folder / "kaplint.toml").write_text('[grammar]\nserver = "http://127.0.0.1:9"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md"])
    assert result.exit_code == 2
    assert "could not reach LanguageTool at http://127.0.0.1:9" in result.stderr


def test_optional_and_unavailable_prints_one_notice_and_runs_the_rest(folder: Path) -> None:
    (folder / "second.md").write_text("Ketamine cures depression.\n", encoding="utf-8")
    (folder / "kaplint.toml").write_text("[grammar]\noptional = true\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "second.md", "-q"])
    assert result.exit_code == 1  # the claims still fail the run
    assert result.stderr.count("notice:") == 1 and "Grammar and spelling were not checked" in result.stderr
    assert result.stdout.count("KAP302") == 2 and "KAP601" not in result.stdout
    asked = CliRunner().invoke(main, ["check", "page.md", "--grammar"])  # --grammar makes it required
    assert asked.exit_code == 2


def test_cli_with_a_server(folder: Path, server: FakeLanguageTool) -> None:
    (folder / "kaplint.toml").write_text(f'[grammar]\nserver = "{server.url}"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "-q", "--no-color"])
    assert result.exit_code == 1
    assert "page.md:1:30 KAP601 misspelling warning: Possible misspelling \"ketamin\"" in result.stdout
    ignored = CliRunner().invoke(main, ["check", "page.md", "-q", "--ignore", "grammar"])
    assert "KAP601" not in ignored.stdout


def test_server_failing_mid_run(folder: Path, server: FakeLanguageTool) -> None:
    server.fail_checks = True
    (folder / "kaplint.toml").write_text(f'[grammar]\nserver = "{server.url}"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "-q"])
    assert result.exit_code == 2
    assert "grammar checks failed: LanguageTool at" in result.stderr and "500" in result.stderr
    assert "KAP302" in result.stdout  # other rules' findings are still reported
    (folder / "kaplint.toml").write_text(f'[grammar]\nserver = "{server.url}"\noptional = true\n', encoding="utf-8")
    optional = CliRunner().invoke(main, ["check", "page.md", "-q"])
    assert optional.exit_code == 1 and "notice: grammar checks stopped" in optional.stderr


def test_installed_language_tool_without_java(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = folder / "no-languagetool" / "LanguageTool-6.6"
    installed.mkdir(parents=True)
    (installed / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setenv("PATH", str(folder))  # no java on PATH
    result = CliRunner().invoke(main, ["check", "page.md", "--grammar"])
    assert result.exit_code == 2
    assert "Java is not on PATH" in result.stderr and "LanguageTool-6.6" in result.stderr


# A real LanguageTool -----------------------------------------------------------------------
@pytest.mark.skipif(not os.environ.get("KAPLINT_LANGUAGETOOL_URL"), reason="set KAPLINT_LANGUAGETOOL_URL to test a real LanguageTool")
def test_real_language_tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAPLINT_CACHE_DIR", str(tmp_path))
    text = "# Care \U0001F60A\n\nEsketamine (Spravato) is given under REMS. \U0001F44D Your ketamin dose is an test.\n"
    linter = Linter(config_from_mapping({"grammar": {}}, Path("kaplint.toml")), RunOptions(select=("grammar",)))
    findings = linter.lint_bytes("page.md", text.encode("utf-8")).findings
    matched = {f.match for f in findings}
    assert "ketamin" in matched
    assert not matched & {"Esketamine", "Spravato", "REMS"}
    for finding in findings:
        assert at(text, finding) == finding.match


def test_installed_local_language_tool_is_started_without_download(folder: Path, server: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch) -> None:
    """With LanguageTool in language-tool-python's download folder and Java on PATH, kaplint
    asks language-tool-python for exactly that version (so it has nothing to download) and
    talks to the server it started. The server itself is the stand-in here."""
    import language_tool_python

    from kaplint.grammar import languagetool

    installed = folder / "no-languagetool" / "LanguageTool-6.6"
    installed.mkdir(parents=True)
    (installed / "languagetool-server.jar").write_bytes(b"")
    java = folder / "bin" / "java"
    java.parent.mkdir()
    java.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", str(java.parent))
    started: list[dict] = []

    class StartedTool:
        def __init__(self, language: str, **options: object) -> None:
            started.append({"language": language, **options})
            self._url = server.url + "/v2/"

        def close(self) -> None:
            pass

    monkeypatch.setattr(language_tool_python, "LanguageTool", StartedTool)
    monkeypatch.setattr(languagetool, "_LOCAL_SERVERS", {})
    (folder / "kaplint.toml").write_text("[grammar]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "-q"])
    assert started == [{"language": "en-US", "language_tool_download_version": "6.6"}]
    assert "KAP601 misspelling" in result.stdout and result.exit_code == 1


def test_settings_mistakes_stop_the_run_even_when_optional(folder: Path, server: FakeLanguageTool) -> None:
    (folder / "kaplint.toml").write_text(f'[grammar]\nserver = "{server.url}"\noptional = true\nlanguage = "xx-YY"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md"])
    assert result.exit_code == 2 and "does not support language 'xx-YY'" in result.stderr


def test_grammar_table_is_merged_through_extend_and_can_be_switched_off(folder: Path, server: FakeLanguageTool) -> None:
    (folder / "base.toml").write_text(f'[grammar]\nserver = "{server.url}"\nlanguage = "en-GB"\n', encoding="utf-8")
    (folder / "kaplint.toml").write_text('extend = "base.toml"\n[grammar]\nextend-disabled-rules = ["EN_A_VS_AN"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "-q"])
    assert "KAP601" in result.stdout
    assert server.checks[-1]["language"] == "en-GB" and server.checks[-1]["disabledRules"].endswith(",EN_A_VS_AN")
    (folder / "kaplint.toml").write_text('extend = "base.toml"\n[grammar]\nenabled = false\n', encoding="utf-8")
    requests = len(server.checks)
    assert "KAP601" not in CliRunner().invoke(main, ["check", "page.md", "-q"]).stdout
    assert len(server.checks) == requests
    assert "KAP601" in CliRunner().invoke(main, ["check", "page.md", "-q", "--grammar"]).stdout  # --grammar turns it on


def test_many_files_with_a_server_are_checked_in_this_process(folder: Path, server: FakeLanguageTool) -> None:
    """Worker processes and the result cache are skipped: a failing server must still fail the run."""
    for number in range(10):
        (folder / f"extra{number}.md").write_text("We give ketamin here.\n", encoding="utf-8")
    (folder / "kaplint.toml").write_text(f'[grammar]\nserver = "{server.url}"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", ".", "-q", "--jobs", "2"])
    assert result.stdout.count("KAP601") >= 10
    server.fail_checks = True
    (folder / "extra0.md").write_text("We give ketamin here today.\n", encoding="utf-8")
    failed = CliRunner().invoke(main, ["check", ".", "-q", "--jobs", "2"])
    assert failed.exit_code == 2 and "grammar checks failed" in failed.stderr
