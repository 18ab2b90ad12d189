"""``kaplint check --fix``, ``--diff`` and ``--unsafe-fixes``: what is written, and what never is."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaplint.cli import main

TEXT = "# Help\n\nCall 1-800-273-8255 for help.\n\nWe use ketamine HCL.\n"
FIXED = "# Help\n\nCall 988 for help.\n\nWe use ketamine hydrochloride.\n"
SELECT = ["--select", "crisis-line,salt-name"]

UNSAFE_PACK = """
rules:
  - id: CLINIC001
    name: old-name
    category: terminology
    kind: phrase
    severity: warning
    message: Use our new name instead of "{match}".
    params:
      terms: [Sunrise Clinic]
      replacement: Harbor Clinic
      fix: unsafe
    docs: {what: Old clinic name., why: We were renamed., sources: [Brand guide]}
    examples: {fail: [Welcome to Sunrise Clinic.], pass: [Welcome to Harbor Clinic.]}
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", *args])


def test_fix_applies_safe_fixes_and_reports_what_is_left(here: Path) -> None:
    (here / "page.md").write_text(TEXT, encoding="utf-8")
    result = run("page.md", *SELECT, "--fix")
    assert (here / "page.md").read_text(encoding="utf-8") == FIXED
    assert "Fixed 2 problems in 1 file." in result.stderr
    assert result.exit_code == 0  # nothing left at the error level


def test_fix_twice_changes_nothing_the_second_time(here: Path) -> None:
    page = here / "page.md"
    page.write_text(TEXT, encoding="utf-8")
    run("page.md", *SELECT, "--fix")
    before = (page.read_bytes(), page.stat().st_mtime_ns)
    result = run("page.md", *SELECT, "--fix")
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before
    assert "Fixed 0 problems in 0 files." in result.stderr


def test_no_write_without_fix_and_diff_only_prints(here: Path) -> None:
    page = here / "page.md"
    page.write_text(TEXT, encoding="utf-8")
    original = page.read_bytes()
    assert run("page.md", *SELECT).exit_code == 1
    result = run("page.md", *SELECT, "--diff")
    assert page.read_bytes() == original
    assert result.exit_code == 1
    assert "--- a/page.md\n+++ b/page.md\n" in result.stdout
    assert "-Call 1-800-273-8255 for help.\n+Call 988 for help.\n" in result.stdout
    clean = here / "clean.md"
    clean.write_text("Call 988 for help.\n", encoding="utf-8")
    assert run("clean.md", *SELECT, "--diff").exit_code == 0


@pytest.mark.parametrize(
    ("encode", "label"),
    [
        (lambda text: text.replace("\n", "\r\n").encode("utf-8"), "crlf"),
        (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8 bom"),
        (lambda text: codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"), "utf-16 le"),
        (lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16 be"),
    ],
)
def test_fix_keeps_encoding_byte_order_mark_and_line_endings(here: Path, encode, label: str) -> None:  # type: ignore[no-untyped-def]
    page = here / "page.md"
    page.write_bytes(encode(TEXT))
    run("page.md", *SELECT, "--fix")
    assert page.read_bytes() == encode(FIXED), label


def test_a_failed_write_leaves_the_original_intact(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = here / "page.md"
    page.write_text(TEXT, encoding="utf-8")

    def broken_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = run("page.md", *SELECT, "--fix")
    assert page.read_text(encoding="utf-8") == TEXT
    assert "could not fix page.md" in result.stderr
    assert sorted(path.name for path in here.iterdir()) == ["page.md"]  # no temporary file left behind


def test_unsafe_fixes_only_when_asked(here: Path) -> None:
    (here / "clinic.yml").write_text(UNSAFE_PACK, encoding="utf-8")
    (here / "kaplint.toml").write_text('extend-rules = ["clinic.yml"]\n', encoding="utf-8")
    page = here / "page.md"
    page.write_text("Welcome to Sunrise Clinic.\n", encoding="utf-8")
    run("page.md", "--select", "old-name", "--fix")
    assert page.read_text(encoding="utf-8") == "Welcome to Sunrise Clinic.\n"
    run("page.md", "--select", "old-name", "--fix", "--unsafe-fixes")
    assert page.read_text(encoding="utf-8") == "Welcome to Harbor Clinic.\n"


def test_files_without_fixes_are_not_touched(here: Path) -> None:
    other = here / "other.md"
    other.write_text("Ketamine is not a cure.\n", encoding="utf-8")
    before = other.stat().st_mtime_ns
    (here / "page.md").write_text(TEXT, encoding="utf-8")
    run(".", *SELECT, "--fix")
    assert other.stat().st_mtime_ns == before


def test_fix_and_diff_refuse_standard_input_and_each_other(here: Path) -> None:
    assert CliRunner().invoke(main, ["check", "-", "--fix"], input=TEXT).exit_code == 2
    (here / "page.md").write_text(TEXT, encoding="utf-8")
    assert run("page.md", "--fix", "--diff").exit_code == 2


def test_drug_names_are_fixed_with_their_own_replacements(here: Path) -> None:
    page = here / "page.md"
    page.write_text("Ask whether spravato suits you.\n\nWe offer IV Ketamine at the Riverside Ketamine Clinic.\n\nWe give esketamine (spravato).\n", encoding="utf-8")
    run("page.md", "--select", "drug-name-case", "--fix")
    assert page.read_text(encoding="utf-8") == (
        "Ask whether Spravato suits you.\n\nWe offer IV ketamine at the Riverside Ketamine Clinic.\n\nWe give Spravato (esketamine).\n"
    )


def test_word_files_get_fixes_reported_but_never_written(here: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("We use ketamine HCL. Ask about spravato.")
    document.save(str(here / "handout.docx"))
    before = (here / "handout.docx").read_bytes()
    result = run("handout.docx", "--select", "salt-name,drug-name-case", "--fix")
    assert (here / "handout.docx").read_bytes() == before
    assert "suggestion: ketamine hydrochloride" in result.output and "suggestion: Spravato" in result.output
    assert "Fixed 0 problems in 0 files." in result.stderr


def test_fix_keeps_the_files_mode(here: Path) -> None:
    page = here / "page.md"
    page.write_text(TEXT, encoding="utf-8")
    os.chmod(page, 0o664)
    run("page.md", *SELECT, "--fix")
    assert page.read_text(encoding="utf-8") == FIXED
    assert oct(page.stat().st_mode & 0o777) == oct(0o664)


def test_fix_writes_through_a_symlink_and_keeps_the_link(here: Path) -> None:
    real = here / "pages" / "real.md"
    real.parent.mkdir()
    real.write_text(TEXT, encoding="utf-8")
    link = here / "page.md"
    link.symlink_to(real)
    run("page.md", *SELECT, "--fix")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == FIXED


def test_a_file_changed_after_it_was_read_is_not_overwritten(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kaplint.fixes as fixes

    page = here / "page.md"
    page.write_text(TEXT, encoding="utf-8")
    edited = TEXT + "\nA line the writer added meanwhile.\n"
    real_apply = fixes.apply_fixes

    def apply_while_someone_edits(text, findings):  # type: ignore[no-untyped-def]
        page.write_text(edited, encoding="utf-8")  # the writer saves between kaplint's read and write
        return real_apply(text, findings)

    monkeypatch.setattr(fixes, "apply_fixes", apply_while_someone_edits)
    result = run("page.md", *SELECT, "--fix")
    assert page.read_text(encoding="utf-8") == edited
    assert "changed on disk" in result.stderr
    assert result.exit_code == 2


def test_new_files_follow_the_umask(here: Path) -> None:
    from kaplint.files import write_atomically

    previous = os.umask(0o027)
    try:
        write_atomically(here / "report.json", b"{}")
    finally:
        os.umask(previous)
    assert oct((here / "report.json").stat().st_mode & 0o777) == oct(0o640)


def test_a_report_written_with_o_keeps_mode_and_link(here: Path) -> None:
    (here / "page.md").write_text(TEXT, encoding="utf-8")
    real = here / "reports" / "kaplint.json"
    real.parent.mkdir()
    real.write_text("{}", encoding="utf-8")
    os.chmod(real, 0o644)
    (here / "report.json").symlink_to(real)
    run("page.md", *SELECT, "--format", "json", "-o", "report.json")
    assert (here / "report.json").is_symlink()
    assert real.read_text(encoding="utf-8").startswith("{") and "crisis-line" in real.read_text(encoding="utf-8")
    assert oct(real.stat().st_mode & 0o777) == oct(0o644)


# A kaplint process whose rename of page.md waits, after the "unchanged on disk" check, until
# the test says go: the widest window a second --fix run could slip into.
SLOW_RENAME = """
import os, sys, time
from pathlib import Path
real_replace = os.replace
def slow_replace(source, target):
    if Path(target).name == "page.md":
        Path("checked").touch()
        while not Path("go").exists():
            time.sleep(0.02)
        time.sleep(0.3)
    return real_replace(source, target)
os.replace = slow_replace
from kaplint.cli import main
sys.argv = ["kaplint", *sys.argv[1:]]
main()
"""


def test_two_fix_runs_at_once_lose_no_edit(here: Path) -> None:
    """Run A checks that page.md is unchanged and is about to rename its fixed copy; run B then
    fixes the same file. B must wait for A and then see A's edit (and refuse, exit 2), never
    write over it or be overwritten by it."""
    import subprocess
    import sys
    import time

    page = here / "page.md"
    page.write_text(TEXT, encoding="utf-8")
    command = ["check", "--no-cache", "page.md", "--fix"]
    pipes = {"cwd": here, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    first = subprocess.Popen([sys.executable, "-c", SLOW_RENAME, *command, "--select", "crisis-line"], **pipes)
    deadline = time.monotonic() + 60
    while not (here / "checked").exists():
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.02)
    second = subprocess.Popen([sys.executable, "-m", "kaplint", *command, "--select", "salt-name"], **pipes)
    time.sleep(1.5)  # B has read the file, fixed it and reached its own check (or the lock)
    (here / "go").touch()
    _, first_err = first.communicate(timeout=120)
    _, second_err = second.communicate(timeout=120)
    final = page.read_text(encoding="utf-8")
    assert first.returncode == 0, first_err
    assert "Call 988 for help." in final  # A's edit survived B
    if "ketamine hydrochloride" not in final:  # B's edit is absent only because B refused and said so
        assert second.returncode == 2 and "changed on disk" in second_err, second_err
    # Running again finishes the job: nothing was lost, so everything can still be fixed.
    run("page.md", *SELECT, "--fix")
    assert page.read_text(encoding="utf-8") == FIXED
