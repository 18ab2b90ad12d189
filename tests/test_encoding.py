"""Legacy encodings: ``--encoding`` and the ``encoding`` setting read Windows-1252 and Latin-1 files exactly.

Word and Notepad on Windows long saved text as Windows-1252. Without a setting
such a file is refused with the position of its first non-UTF-8 byte and a
pointer to the setting; with one it is read with exact positions, a UTF-8 file
beside it is still read as UTF-8, and ``--fix`` writes it back byte for byte in
its own encoding.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main
from kaplint.loaders.decoding import InputProblem, decode, legacy_encoding

# A curly-quoted word before the problem, so a wrong column count (bytes for characters) would show.
LEGACY_PAGE = "# Caf\u00e9 hours\r\n\r\nOur \u201cquiet\u201d rooms \u2013 open daily. We offer spravato to adults.\r\n"
FIXED_PAGE = LEGACY_PAGE.replace("spravato", "Spravato")

WIDE_FIX_PACK = """
rules:
  - id: CLINIC010
    name: at-least-sign
    category: terminology
    kind: phrase
    severity: warning
    message: Write "{replacement}" in tables.
    params:
      terms: [at least]
      replacement: "\u2265"
      fix: safe
    docs: {what: Short form., why: House style., sources: [Style guide]}
    examples: {fail: [Wait at least an hour.], pass: [Wait an hour.]}
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args])


def findings(result) -> list[dict]:  # type: ignore[no-untyped-def]
    return [finding for file in json.loads(result.stdout)["documents"] for finding in file["findings"]]


def test_a_windows_1252_file_is_refused_without_a_setting_and_says_which_setting_reads_it(here: Path) -> None:
    (here / "page.txt").write_bytes(LEGACY_PAGE.encode("cp1252"))
    (problem,) = findings(check("page.txt"))
    assert problem["name"] == "undecodable-file"
    assert (problem["line"], problem["column"]) == (1, 6)  # the é of "Café"
    assert "--encoding" in problem["message"] and "cp1252" in problem["message"]


@pytest.mark.parametrize("how", ["option", "setting"])
def test_with_an_encoding_the_file_is_read_with_exact_positions(here: Path, how: str) -> None:
    (here / "page.txt").write_bytes(LEGACY_PAGE.encode("cp1252"))
    if how == "setting":
        (here / "kaplint.toml").write_text('encoding = "windows-1252"\n', encoding="utf-8")
        result = check("page.txt", "--select", "drug-name-case")
    else:
        result = check("page.txt", "--select", "drug-name-case", "--encoding", "cp1252")
    (finding,) = findings(result)
    line = LEGACY_PAGE.split("\r\n")[2]
    assert (finding["line"], finding["column"]) == (3, line.index("spravato") + 1)
    assert finding["match"] == "spravato"


def test_utf8_files_beside_legacy_ones_are_still_read_as_utf8(here: Path) -> None:
    (here / "old.txt").write_bytes(LEGACY_PAGE.encode("cp1252"))
    (here / "new.txt").write_text(LEGACY_PAGE, encoding="utf-8", newline="")
    result = check("old.txt", "new.txt", "--select", "drug-name-case", "--encoding", "cp1252")
    files = {file["path"]: file["findings"] for file in json.loads(result.stdout)["documents"]}
    assert [f["column"] for f in files["old.txt"]] == [f["column"] for f in files["new.txt"]]
    assert files["new.txt"][0]["match"] == "spravato"


def test_fix_writes_a_legacy_file_back_in_its_own_encoding_and_line_endings(here: Path) -> None:
    page = here / "page.txt"
    page.write_bytes(LEGACY_PAGE.encode("cp1252"))
    result = CliRunner().invoke(main, ["check", "--no-cache", "page.txt", "--select", "drug-name-case", "--encoding", "cp1252", "--fix"])
    assert "Fixed 1 problem in 1 file." in result.stderr
    assert page.read_bytes() == FIXED_PAGE.encode("cp1252")


def test_a_fix_the_encoding_cannot_hold_is_skipped_not_written_as_a_question_mark(here: Path) -> None:
    (here / "pack.yml").write_text(WIDE_FIX_PACK, encoding="utf-8")
    (here / "kaplint.toml").write_text('extend-rules = ["pack.yml"]\nencoding = "cp1252"\n', encoding="utf-8")
    page = here / "page.txt"
    original = "Caf\u00e9 rules: wait at least an hour before you leave.\n".encode("cp1252")
    page.write_bytes(original)
    result = CliRunner().invoke(main, ["check", "--no-cache", "page.txt", "--select", "at-least-sign", "--fix"])
    assert page.read_bytes() == original
    assert "Fixed 0 problems in 0 files." in result.stderr
    assert "at-least-sign" in result.stdout  # still reported, for a writer to change by hand


def test_a_byte_the_legacy_encoding_does_not_define_is_reported_at_its_place(here: Path) -> None:
    (here / "page.txt").write_bytes(b"Caf\xe9 menu\nsecond line \x81 here\n")  # 0x81 is undefined in Windows-1252
    (problem,) = findings(check("page.txt", "--encoding", "cp1252"))
    assert problem["name"] == "undecodable-file"
    assert (problem["line"], problem["column"]) == (2, 13)
    assert "UTF-8 or cp1252" in problem["message"]


def test_latin_1_reads_every_byte() -> None:
    text = decode("na\u00efve r\u00e9sum\u00e9\n".encode("latin-1"), legacy_encoding("latin-1"))
    assert text.text == "na\u00efve r\u00e9sum\u00e9\n"
    assert text.encoding == "iso8859-1"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cp12522", "did you mean 'cp1252'"),
        ("utf-16", "ASCII-compatible"),
        ("rot13", "ASCII-compatible"),
        ("cp037", "does not keep ASCII"),  # EBCDIC
    ],
)
def test_encodings_kaplint_cannot_use_are_refused_with_a_reason(name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        legacy_encoding(name)


def test_a_bad_encoding_setting_names_the_file_and_line(here: Path) -> None:
    (here / "kaplint.toml").write_text('fail-on = "error"\nencoding = "latin-9x"\n', encoding="utf-8")
    (here / "page.md").write_text("Ketamine.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md"])
    assert result.exit_code == 2
    assert "kaplint.toml:2" in result.stderr and "unknown encoding 'latin-9x'" in result.stderr


def test_a_bad_encoding_option_is_a_usage_error(here: Path) -> None:
    (here / "page.md").write_text("Ketamine.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "page.md", "--encoding", "nonesuch"])
    assert result.exit_code == 2
    assert "--encoding" in result.stderr and "unknown encoding" in result.stderr


def test_cached_results_depend_on_the_encoding(here: Path) -> None:
    (here / "page.txt").write_bytes(LEGACY_PAGE.encode("cp1252"))
    cache = ["--cache-dir", str(here / "cache"), "--format", "json", "--select", "drug-name-case,undecodable-file"]
    refused = CliRunner().invoke(main, ["check", "page.txt", *cache])
    read = CliRunner().invoke(main, ["check", "page.txt", *cache, "--encoding", "cp1252"])
    assert [f["name"] for f in findings(refused)] == ["undecodable-file"]
    assert [f["name"] for f in findings(read)] == ["drug-name-case"]


def test_a_byte_order_mark_wins_over_the_setting() -> None:
    decoded = decode("\ufeffCaf\u00e9\n".encode("utf-8"), "cp1252")
    assert decoded.text == "Caf\u00e9\n"
    with pytest.raises(InputProblem):
        decode(b"\xef\xbb\xbfCaf\xe9\n", "cp1252")  # a UTF-8 mark, then not UTF-8: not silently cp1252
