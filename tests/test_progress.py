"""The progress line: drawn on an interactive terminal for long runs, silent everywhere else."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kaplint.progress import _CI_VARIABLES, Progress, progress_wanted


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")


def test_a_slow_run_draws_one_line_and_erases_it(interactive: None) -> None:
    terminal, clock = _Terminal(), _Clock()
    progress = Progress(1000, stream=terminal, clock=clock)
    progress.update(1, "a.md")
    assert terminal.getvalue() == ""  # the first second stays quiet
    clock.now += 1.5
    progress.update(120, "site-3/page-0120.md")
    assert terminal.getvalue() == "\rkaplint: 120 of 1,000 files, site-3/page-0120.md"
    clock.now += 0.01
    progress.update(121, "site-3/page-0121.md")  # too soon to redraw
    assert terminal.getvalue().count("\r") == 1
    clock.now += 0.5
    progress.update(122, "b.md")
    assert terminal.getvalue().endswith("\rkaplint: 122 of 1,000 files, b.md" + " " * (len("site-3/page-0120.md") - len("b.md")))
    progress.finish()
    assert terminal.getvalue().endswith("\r" + " " * len("kaplint: 122 of 1,000 files, b.md") + "\r")


def test_a_fast_run_draws_nothing(interactive: None) -> None:
    terminal, clock = _Terminal(), _Clock()
    progress = Progress(3, stream=terminal, clock=clock)
    for done in (1, 2, 3):
        clock.now += 0.2
        progress.update(done, "a.md")
    progress.finish()
    assert terminal.getvalue() == ""


@pytest.mark.parametrize(
    ("quiet", "output_format", "output", "wanted"),
    [
        (False, "text", None, True),
        (True, "text", None, False),  # --quiet
        (False, "json", None, False),  # a machine format on standard output
        (False, "sarif", None, False),
        (False, "json", "report.json", True),  # written to a file: the terminal is free
    ],
)
def test_options_that_silence_the_line(interactive: None, quiet: bool, output_format: str, output: str | None, wanted: bool) -> None:
    assert progress_wanted(quiet, output_format, output, _Terminal()) is wanted


def test_pipes_and_files_get_no_line(interactive: None) -> None:
    assert not progress_wanted(False, "text", None, io.StringIO())


@pytest.mark.parametrize("variable", ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILD_NUMBER"])
def test_ci_runs_get_no_line(interactive: None, monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv(variable, "true")
    assert not progress_wanted(False, "text", None, _Terminal())


def _slow_folder(folder: Path) -> None:
    """Enough real pages that a run without a cache takes more than the progress line's delay."""
    sample = (Path(__file__).resolve().parents[1] / "samples" / "web-good.md").read_text(encoding="utf-8")
    for number in range(40):
        (folder / f"page-{number:02d}.md").write_text(sample, encoding="utf-8")


def _run_with_standard_error(folder: Path, stderr: int, *options: str) -> subprocess.CompletedProcess[bytes]:
    environment = {key: value for key, value in os.environ.items() if key not in _CI_VARIABLES}
    environment["TERM"] = "xterm"
    command = [sys.executable, "-m", "kaplint", "check", "--exit-zero", "--no-cache", "--jobs", "1", *options, str(folder)]
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=stderr, env=environment, check=False)


def _on_a_terminal(folder: Path, *options: str) -> bytes:
    """What a run writes to standard error when standard error is a terminal (a pseudo-terminal)."""
    import pty

    controller, terminal = pty.openpty()
    try:
        done = _run_with_standard_error(folder, terminal, *options)
        os.close(terminal)
        drawn = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal side is closed and everything was read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(controller)
    assert done.returncode == 0
    assert b"of 40 files" not in done.stdout
    return drawn


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_real_slow_run_shows_the_line_on_a_terminal_only(tmp_path: Path) -> None:
    _slow_folder(tmp_path)
    assert b"of 40 files" in _on_a_terminal(tmp_path)  # the positive control: a terminal sees the line
    assert b"of 40 files" not in _on_a_terminal(tmp_path, "--format", "json")  # JSON on standard output
    assert b"of 40 files" not in _on_a_terminal(tmp_path, "--quiet")
    piped = _run_with_standard_error(tmp_path, subprocess.PIPE)
    assert b"of 40 files" not in piped.stderr and b"\r" not in piped.stderr
