"""The caches and worker processes change speed only, never results.

Each test turns caching on in its own temporary folder (the suite keeps it off
elsewhere) and compares against a run without the cache or without workers.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kaplint import cache, resultcache, rulecache
from kaplint.patternsafety import patterns_in
from kaplint.cli import main
from kaplint.rulepacks import bundled_rules_dir, load_rules, pack_files

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Caching on, in a fresh folder; the working folder is a fresh one too."""
    folder = tmp_path / "cache"
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("KAPLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("KAPLINT_DEBUG", raising=False)
    monkeypatch.setenv("KAPLINT_CACHE_DIR", str(folder))
    cache.configure(enabled=True, folder=None)
    return folder


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--no-color", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def copy_samples(count: int) -> list[str]:
    sources = sorted(SAMPLES.glob("*.md"))
    names = []
    for index in range(count):
        source = sources[index % len(sources)]
        name = f"doc-{index:02d}-{source.name}"
        Path(name).write_bytes(source.read_bytes())
        names.append(name)
    return names


# Rule packs --------------------------------------------------------------------------
def test_cached_rule_packs_compile_to_the_same_patterns(cache_folder: Path) -> None:
    fresh = load_rules()
    entries = list((cache_folder / "rules").glob("*.pickle"))
    assert len(entries) == 1
    cached, _ = rulecache.load(pack_files(bundled_rules_dir()), bundled_rules_dir())
    assert cached is not None
    assert [rule.id for rule in cached] == [rule.id for rule in fresh]
    assert cached == fresh  # ids, params, docs and examples
    fresh_patterns = patterns_in([r.compiled for r in fresh], unique=False)
    cached_patterns = patterns_in([r.compiled for r in cached], unique=False)
    assert len(cached_patterns) == len(fresh_patterns) > 100
    # Pattern equality compares the engine code, so this checks the rebuilt programs too.
    assert all(cached == recompiled for cached, recompiled in zip(cached_patterns, fresh_patterns))
    assert all(pattern == re.compile(pattern.pattern, pattern.flags) for pattern in cached_patterns)


def test_a_corrupt_rule_cache_entry_is_rebuilt(cache_folder: Path) -> None:
    expected = [rule.id for rule in load_rules()]
    (entry,) = (cache_folder / "rules").glob("*.pickle")
    entry.write_bytes(b"not a cache entry")
    assert [rule.id for rule in load_rules()] == expected
    assert cache.read_entry(entry, compressed=False) is not None  # written again


def test_cached_rules_decode_their_compiled_parameters_on_first_use_and_share_them_as_before(cache_folder: Path) -> None:
    fresh = load_rules()
    cached, _ = rulecache.load(pack_files(bundled_rules_dir()), bundled_rules_dir())
    assert cached is not None
    assert all(rule.compiled_params.table is not None for rule in cached)  # nothing decoded yet
    assert [rule.identity for rule in cached] == [rule.identity for rule in fresh]
    assert [rule.files for rule in cached] == [rule.files for rule in fresh]

    def vocabularies(rules: list) -> set[int]:
        return {id(rule.compiled.vocabulary) for rule in rules if rule.kind == "disclosure"}

    # The disclosure rules share one vocabulary, whose topics documents memoise by identity.
    assert len(vocabularies(cached)) == len(vocabularies(fresh)) == 1


def test_an_unusable_compiled_parameters_blob_is_compiled_again(cache_folder: Path) -> None:
    fresh = load_rules()
    (entry,) = (cache_folder / "rules").glob("*.pickle")
    recorded, rules = cache.read_entry(entry, compressed=False)
    rules[0].compiled_params.table.encoded = b"not compiled parameters"  # one table for all the rules
    cache.write_entry(entry, (recorded, rules), compressed=False)
    cached, _ = rulecache.load(pack_files(bundled_rules_dir()), bundled_rules_dir())
    assert cached is not None and cached[0].compiled_params.table is not None
    fresh_patterns = patterns_in([r.compiled for r in fresh], unique=False)
    assert patterns_in([r.compiled for r in cached], unique=False) == fresh_patterns


# A rule pack of one phrase rule (its message is replaced to change the pack) and, in PACK, a
# jargon rule that names a word list of its own.
PHRASE_PACK = """rules:
  - id: TST901
    name: test-word
    category: claims
    kind: phrase
    severity: warning
    message: "WORD"
    params: {terms: [blorple]}
    docs: {what: a test, why: a test, sources: [none]}
    examples: {fail: [blorple], pass: [nothing]}
"""
PACK = PHRASE_PACK + """  - id: TST902
    name: test-jargon
    category: readability
    kind: jargon
    severity: suggestion
    message: 'try "{plain}"'
    params: {list: words.yml}
    docs: {what: a test, why: a test, sources: [none]}
    examples: {fail: [ill], pass: [nothing]}
"""
WORDS = "- term: ill\n  kind: plain\n  plain: [sick]\n"


def test_a_changed_pack_file_is_not_served_from_the_cache(cache_folder: Path, tmp_path: Path) -> None:
    pack = tmp_path / "extra.yml"
    pack.write_text(PHRASE_PACK.replace("WORD", "first"), encoding="utf-8")
    assert {r.message for r in load_rules([pack]) if r.id == "TST901"} == {"first"}
    pack.write_text(PHRASE_PACK.replace("WORD", "second"), encoding="utf-8")
    assert {r.message for r in load_rules([pack]) if r.id == "TST901"} == {"second"}


def test_cache_entries_cannot_run_code(tmp_path: Path) -> None:
    class Exploit:
        def __reduce__(self) -> tuple[Any, ...]:
            return (Path.touch, (tmp_path / "pwned",))

    entry = tmp_path / "entry.pickle"
    import zlib

    entry.write_bytes(zlib.compress(pickle.dumps(Exploit())))
    assert cache.read_entry(entry) is None
    assert not (tmp_path / "pwned").exists()
    with pytest.raises(ValueError):
        cache.loads(zlib.compress(pickle.dumps(print)))


# Results -----------------------------------------------------------------------------
def test_a_warm_run_reports_the_same_and_reads_the_cache(cache_folder: Path) -> None:
    names = copy_samples(3)
    cold = run("--exit-zero", *names)
    assert len(list((cache_folder / "results").rglob("*.pickle"))) == 3
    warm = run("--exit-zero", *names)
    assert warm == cold
    assert run("--exit-zero", "--no-cache", *names) == cold


def test_a_changed_file_or_setting_is_linted_again(cache_folder: Path) -> None:
    Path("page.md").write_text("Ketamine cures depression.\n", encoding="utf-8")
    _, first = run("--select", "cure", "page.md")
    assert "KAP302" in first
    Path("page.md").write_text("Ketamine is not a cure.\n", encoding="utf-8")
    _, second = run("--select", "cure", "page.md")
    assert "KAP302" not in second
    _, third = run("--select", "hype", "page.md")
    assert "KAP302" not in third
    Path("page.md").write_text("Ketamine cures depression.\n", encoding="utf-8")
    _, fourth = run("--select", "cure", "--fail-on", "warning", "page.md")
    assert "KAP302" in fourth


def test_no_cache_writes_nothing(cache_folder: Path) -> None:
    names = copy_samples(2)
    run("--exit-zero", "--no-cache", *names)
    assert not (cache_folder / "results").exists()
    assert not (cache_folder / "rules").exists()


def test_cache_dir_option(cache_folder: Path, tmp_path: Path) -> None:
    names = copy_samples(1)
    other = tmp_path / "elsewhere"
    run("--exit-zero", "--cache-dir", str(other), *names)
    assert list((other / "results").rglob("*.pickle"))
    assert not (cache_folder / "results").exists()


def test_an_unwritable_cache_folder_only_costs_speed(cache_folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    names = copy_samples(1)
    assert run("--exit-zero", "--cache-dir", str(blocker / "cache"), *names) == run("--exit-zero", "--no-cache", *names)


REPORT_FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab", "markdown", "html")


def test_a_warm_run_reports_the_same_in_every_format_with_the_same_exit_code(cache_folder: Path) -> None:
    names = copy_samples(4)
    Path("short.txt").write_text("Talk with your care team.\n", encoding="utf-8")  # a file without findings
    names.append("short.txt")
    run("--exit-zero", *names)  # fills the cache; the output format is not part of a result's key
    for output_format in REPORT_FORMATS:
        for fail_on in ("error", "suggestion"):
            options = ("--format", output_format, "--fail-on", fail_on, *names)
            assert run(*options) == run("--no-cache", *options), (output_format, fail_on)
    assert run("--select", "hype", "short.txt") == (0, run("--no-cache", "--select", "hype", "short.txt")[1])


def test_a_warm_json_run_decodes_no_result(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: the summary and each document's entry come from the cache entry as stored."""
    names = copy_samples(3)
    cold = run("--format", "json", *names)

    def refuse(self: resultcache.CachedResult) -> None:
        raise AssertionError(f"{self.path} was decoded")

    monkeypatch.setattr(resultcache.CachedResult, "decoded", refuse)
    assert run("--format", "json", *names) == cold


def test_a_cached_result_reports_what_its_findings_become(cache_folder: Path) -> None:
    """Once something replaces a cached result's findings (a baseline, --changed-since), its counts
    and JSON entry follow them rather than the entry as stored."""
    from kaplint.config import Config
    from kaplint.engine import DocumentResult, Linter
    from kaplint.reporters.json import document_entry

    result = Linter(Config()).lint_path(SAMPLES / "web-bad.md", "web-bad.md")
    cached = resultcache.CachedResult(resultcache.StoredResult.of(result), lint_again=lambda: result)
    assert document_entry(cached) == document_entry(result)
    assert cached.severity_counts() == result.severity_counts()
    cached.source = ""  # dropped by a run that shows no source: the stored entry still holds
    assert cached.stored is not None and cached.source == ""
    kept = [finding for finding in result.findings if str(finding.severity) != "error"]
    cached.findings = kept
    narrowed = DocumentResult(result.path, result.format, result.profile, kept, result.metrics)
    assert cached.stored is None
    assert document_entry(cached) == document_entry(narrowed)
    assert cached.severity_counts() == narrowed.severity_counts() != result.severity_counts()


def test_a_baseline_narrows_cached_results_as_it_does_fresh_ones(cache_folder: Path) -> None:
    names = copy_samples(2)
    run("--exit-zero", "--baseline", "baseline.json", "--update-baseline", *names)
    with Path(names[0]).open("a", encoding="utf-8") as page:
        page.write("\nKetamine cures depression.\n")
    for output_format in ("json", "text"):
        options = ("--format", output_format, "--baseline", "baseline.json", *names)
        assert run(*options) == run("--no-cache", *options)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_narrows_cached_results_as_it_does_fresh_ones(cache_folder: Path) -> None:
    names = copy_samples(2)
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *command], check=True, capture_output=True)
    run("--exit-zero", *names)
    with Path(names[1]).open("a", encoding="utf-8") as page:
        page.write("\nKetamine cures depression.\n")
    run("--exit-zero", *names)
    options = ("--format", "json", "--changed-since", "HEAD", *names)
    assert run(*options) == run("--no-cache", *options)


def entries(folder: Path) -> set[Path]:
    return set((folder / "results").rglob("*.pickle"))


def test_a_result_is_linted_again_whenever_an_input_of_it_changes(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """File bytes and name, configuration, rule packs, the files rules name, options and kaplint's
    version are all in a result's key: each change is a miss (a new entry) with the fresh run's report."""
    page, pack, words = Path("page.md"), Path("extra.yml"), Path("words.yml")
    page.write_text("# Ketamine\n\nKetamine cures depression.\n", encoding="utf-8")
    pack.write_text(PACK.replace("WORD", "first"), encoding="utf-8")
    words.write_text(WORDS, encoding="utf-8")

    def changed(*options: str, name: str = "page.md") -> None:
        before = entries(cache_folder)
        warm = run("--format", "json", *options, name)
        assert entries(cache_folder) - before, "the change was not a miss"
        assert warm == run("--no-cache", "--format", "json", *options, name)
        after = entries(cache_folder)
        assert run("--format", "json", *options, name) == warm
        assert entries(cache_folder) == after  # and the next run is a hit

    changed()
    page.write_text("# Ketamine\n\nKetamine cures depression for everyone.\n", encoding="utf-8")
    changed()
    Path("renamed.md").write_bytes(page.read_bytes())
    changed(name="renamed.md")
    changed("--profile", "consent")
    changed("--select", "cure")
    Path("pyproject.toml").write_text('[tool.kaplint]\nignore = ["cure"]\n', encoding="utf-8")
    changed()
    Path("pyproject.toml").write_text(f'[tool.kaplint]\nextend-rules = ["{pack.name}"]\n', encoding="utf-8")
    page.write_text("# Ketamine\n\nKetamine is a blorple for the ill.\n", encoding="utf-8")
    changed()
    pack.write_text(PACK.replace("WORD", "second"), encoding="utf-8")
    changed()
    words.write_text(WORDS.replace("[sick]", "[unwell]"), encoding="utf-8")  # a file a rule of the pack names
    changed()
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    monkeypatch.setattr(cache, "_code_fingerprint", None)
    changed()


def test_the_code_fingerprint_covers_every_source_file_of_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint lists the sources with os.walk; it must see what a recursive glob sees."""
    package = Path(cache.__file__).resolve().parent
    expected = sorted(path.relative_to(package).as_posix() for path in package.rglob("*.py"))
    assert [name for name, _ in cache._sources(package)] == expected
    assert "text/evidence.py" in expected
    copy = tmp_path / "kaplint"
    (copy / "text").mkdir(parents=True)
    (copy / "cache.py").write_text("", encoding="utf-8")
    (copy / "text" / "evidence.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(cache, "__file__", str(copy / "cache.py"))
    monkeypatch.setattr(cache, "_code_fingerprint", None)
    before = cache.code_fingerprint()
    (copy / "text" / "evidence.py").write_text("# edited\n", encoding="utf-8")  # a module in a subpackage changes
    monkeypatch.setattr(cache, "_code_fingerprint", None)
    assert cache.code_fingerprint() != before


def test_a_result_entry_that_cannot_be_decoded_or_is_damaged_is_linted_again(cache_folder: Path) -> None:
    names = copy_samples(3)
    fresh = run("--no-cache", *names), run("--no-cache", "--format", "json", *names)
    run(*names)
    first, second, third = sorted(entries(cache_folder))
    stored = cache.read_entry(first, compressed=False)
    cache.write_entry(first, dataclasses.replace(stored, encoded=b"not a result"), compressed=False)
    stored = cache.read_entry(second, compressed=False)
    cache.write_entry(second, dataclasses.replace(stored, counts={"error": 1}), compressed=False)  # not what kaplint writes
    data = bytearray(third.read_bytes())
    data[data.index(b'"findings"') + 2] ^= 0x20  # one letter of the JSON entry changes case: the checksum fails
    third.write_bytes(bytes(data))
    assert cache.read_entry(third, compressed=False) is None
    assert (run(*names), run("--format", "json", *names)) == fresh  # the text report decodes every result


# Workers -----------------------------------------------------------------------------
def test_workers_give_the_same_report_in_the_same_order(cache_folder: Path) -> None:
    names = copy_samples(10)
    Path("broken.md").write_bytes(b"\xff\xfe\x00bad \xc3\x28 bytes")
    names.append("broken.md")
    serial = run("--exit-zero", "--no-cache", "--jobs", "1", "--format", "json", *names)
    parallel = run("--exit-zero", "--no-cache", "--jobs", "2", "--format", "json", *names)
    assert parallel == serial
    cold = run("--exit-zero", "--jobs", "2", "--format", "json", *names)
    Path(names[3]).write_text("Ketamine cures depression.\n", encoding="utf-8")  # one file changes
    half_warm = run("--exit-zero", "--jobs", "2", "--format", "json", *names)
    assert cold == serial
    assert half_warm == run("--exit-zero", "--no-cache", "--jobs", "1", "--format", "json", *names)
    assert half_warm != serial


def test_the_json_report_built_per_document_is_the_same_text() -> None:
    import json

    from kaplint.config import Config
    from kaplint.engine import Linter
    from kaplint.reporters import Report
    from kaplint.reporters import json as json_reporter

    linter = Linter(Config())
    documents = [linter.lint_path(path, path.name) for path in sorted(SAMPLES.glob("*.md"))[:3]]
    for subset in (documents, documents[:1], []):
        report = Report(documents=subset, rules=())
        expected = json.dumps(json_reporter.report_data(report), indent=2, ensure_ascii=False) + "\n"
        assert json_reporter.render(report) == expected


def test_concurrent_runs_can_share_a_cache_folder(cache_folder: Path) -> None:
    import os
    import subprocess
    import sys

    names = copy_samples(4)
    command = [sys.executable, "-m", "kaplint", "check", "--exit-zero", "--no-color", "--jobs", "1", *names]
    environment = {**os.environ, "KAPLINT_CACHE_DIR": str(cache_folder)}
    environment.pop("KAPLINT_NO_CACHE", None)
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment) for _ in range(3)]
    outputs = [process.communicate() for process in processes]
    assert all(process.returncode == 0 for process in processes), outputs
    assert len({stdout for stdout, _ in outputs}) == 1 and not any(stderr for _, stderr in outputs)
    assert outputs[0][0].decode() == run_uncached(names)
    assert not list(cache_folder.rglob("*.tmp"))  # no half-written entries left behind


def run_uncached(names: list[str]) -> str:
    return run("--exit-zero", "--no-cache", *names)[1]


def test_enum_members_are_cached_by_value_whatever_the_python_release(monkeypatch: pytest.MonkeyPatch) -> None:
    """Some 3.11 releases pickle an enum member as getattr(class, name), which the safe unpickler
    refuses; every rule-pack entry then failed to load and was rebuilt on every run."""
    from kaplint.finding import Severity

    monkeypatch.setattr(Severity, "__reduce_ex__", lambda self, protocol: (getattr, (type(self), self.name)))
    assert cache.loads(cache.dumps([Severity.WARNING, Severity.ERROR])) == [Severity.WARNING, Severity.ERROR]


def test_rule_cache_entries_are_stored_uncompressed_and_checked(cache_folder: Path) -> None:
    """Issue 19: every single-file run reads the rule cache, where inflating it cost more than reading it;
    a damaged byte is still a miss (the checksum), never wrong rules."""
    expected = [rule.id for rule in load_rules()]
    (entry,) = (cache_folder / "rules").glob("*.pickle")
    recorded, rules = cache.read_entry(entry, compressed=False)
    assert rules[0].compiled_params.table.values() is not None  # the blob is uncompressed too
    damaged = bytearray(entry.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    entry.write_bytes(bytes(damaged))
    assert cache.read_entry(entry, compressed=False) is None
    assert [rule.id for rule in load_rules()] == expected  # compiled again


def test_cache_entries_skip_the_fsync_that_reports_and_fixes_keep(tmp_path: Path, monkeypatch) -> None:
    """Issue 19: the fsync of the result entry took some 3 ms of every single-file run; a cache entry
    a crash leaves empty or torn is a miss (its checksum), while a report or a fixed file must survive."""
    from kaplint import files

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda descriptor: synced.append(descriptor) or real_fsync(descriptor))
    entry = tmp_path / "cache" / "entry.pickle"
    cache.write_entry(entry, ["a value"], compressed=False)
    assert synced == []
    assert cache.read_entry(entry, compressed=False) == ["a value"]
    entry.write_bytes(b"")  # what a crash may leave of it
    assert cache.read_entry(entry, compressed=False) is None
    files.write_atomically(tmp_path / "report.json", b"{}\n")
    assert len(synced) == 1
