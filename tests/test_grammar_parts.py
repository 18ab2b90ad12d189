"""The grammar package's small parts: vocabulary matching, the cache and masking."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kaplint.grammar.backend import GrammarIssue
from kaplint.grammar.cache import GrammarCache
from kaplint.grammar.checker import masked_spans
from kaplint.grammar.vocabulary import (
    bundled_vocabulary,
    is_domain_word,
    load_word_list,
)

ISSUE = GrammarIssue(5, 12, "Possible spelling mistake {found}.", "MORFOLOGIK_RULE_EN_US", True, ("ketamine", "k\u00e9tamine"))


@pytest.mark.parametrize(
    "word",
    ["ketamine", "Esketamine", "SPRAVATO", "Spravato's", "Spravato\u2019s", "troches", "NMDA", "REMS", "KAP", "TRD",
     "psychotherapists", "ketamine-assisted", "K-holes", "off-label", "sublingual", "intranasal", "glutamate",
     "contraindications", "benzodiazepines"],
)
def test_domain_words_and_their_forms_are_known(word: str) -> None:
    assert is_domain_word(word, bundled_vocabulary())


@pytest.mark.parametrize("word", ["ketamin", "pyschotherapy", "Spravatto", "ketamines-assisted-x", "glutamat", "troch"])
def test_misspellings_are_not_domain_words(word: str) -> None:
    assert not is_domain_word(word, bundled_vocabulary())


def test_word_list_comments_and_phrases(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# a comment\nSet and Setting  # trailing comment\n\nmg/kg\n", encoding="utf-8")
    assert load_word_list(path) == frozenset({"set and setting", "set", "and", "setting", "mg/kg", "mg", "kg"})


def test_cache_round_trip_and_keys(tmp_path: Path) -> None:
    cache = GrammarCache(tmp_path)
    key = GrammarCache.key("engine-a", "A ketamin dose.")
    assert cache.get(key) is None
    cache.put(key, [ISSUE])
    assert cache.get(key) == [ISSUE]
    assert GrammarCache.key("engine-b", "A ketamin dose.") != key
    assert GrammarCache.key("engine-a", "A ketamin dose!") != key
    assert GrammarCache(None).get(key) is None  # switched off


def test_cache_readers_never_see_half_an_entry(tmp_path: Path) -> None:
    cache = GrammarCache(tmp_path)
    key = GrammarCache.key("engine", "text")
    issues = [ISSUE] * 200
    seen: list[object] = []

    def work() -> None:
        for _ in range(40):
            cache.put(key, issues)
            seen.append(cache.get(key))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(entry == issues for entry in seen)
    assert not list(tmp_path.rglob("*.tmp"))


def test_cache_in_an_unwritable_place_costs_nothing_but_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = GrammarCache(blocker)
    cache.put("ab" * 32, [ISSUE])
    assert cache.get("ab" * 32) is None


def test_masked_spans_cover_urls_emails_and_code() -> None:
    text = "See https://example.com/ketamin, write to care@example.org, visit glowketamine.example/kap or run `kaplint check` now."
    covered = [text[start:end] for start, end in masked_spans(text)]
    assert covered == ["https://example.com/ketamin", "care@example.org", "glowketamine.example/kap", "`kaplint check`"]


@pytest.mark.parametrize(
    "url",
    ["http://localhost:8081", "http://127.0.0.1:8010", "http://[::1]:8081", "http://10.0.3.7:8010", "http://192.168.1.20",
     "http://languagetool:8010", "http://lt.internal:8081", "http://grammar.local"],
)
def test_servers_on_this_machine_or_network_are_used(url: str) -> None:
    from kaplint.grammar.settings import parse_grammar_settings

    assert parse_grammar_settings({"server": url}).server_url() == url


@pytest.mark.parametrize("url", ["https://api.languagetool.org", "http://8.8.8.8:8081", "https://lt.example.com/v2"])
def test_outside_servers_need_the_projects_explicit_consent(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kaplint.grammar.settings import GrammarSettingsError, parse_grammar_settings

    with pytest.raises(GrammarSettingsError, match="remote-server = true"):
        parse_grammar_settings({"server": url}).server_url()
    assert parse_grammar_settings({"server": url, "remote-server": True}).server_url() == url.removesuffix("/v2")
    monkeypatch.setenv("KAPLINT_LANGUAGETOOL_URL", url)  # the environment is held to the same rule
    with pytest.raises(GrammarSettingsError, match="KAPLINT_LANGUAGETOOL_URL"):
        parse_grammar_settings({}).server_url()


@pytest.mark.parametrize("value", ["not a url", "https://api.languagetool.org"])
def test_a_bad_server_in_the_environment_is_a_clear_error_not_a_traceback(tmp_path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from click.testing import CliRunner

    from kaplint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text("We give ketamine here.\n", encoding="utf-8")
    monkeypatch.setenv("KAPLINT_LANGUAGETOOL_URL", value)
    result = CliRunner().invoke(main, ["check", "page.md", "--grammar"])
    assert result.exit_code == 2 and "KAPLINT_LANGUAGETOOL_URL" in result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
