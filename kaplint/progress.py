"""A progress line on standard error for long interactive runs.

A run over a large repository can take a minute; a writer at a terminal should see that it is
moving. After about a second, one line ("kaplint: 120 of 1,000 files, site-3/page-0120.md") is
redrawn in place as files finish, and erased before the report is printed. It never appears
where nobody watches it or where it would corrupt output: when standard error is not a
terminal (pipes, files, most CI runners), when a CI environment variable is set, with
``--quiet``, or when a machine format (JSON, SARIF, ...) goes to standard output, which a
terminal user may be piping while standard error still shows.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable, TextIO

DELAY_SECONDS = 1.0  # runs shorter than this never show a line
REDRAW_SECONDS = 0.1  # at most ten redraws a second
# Set by GitHub Actions, GitLab CI, CircleCI, Travis, Buildkite, Jenkins, Azure Pipelines, TeamCity ...
_CI_VARIABLES = ("CI", "CONTINUOUS_INTEGRATION", "BUILD_NUMBER", "JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION", "GITHUB_ACTIONS", "GITLAB_CI")


def progress_wanted(quiet: bool, output_format: str, output: str | None, stream: TextIO | None = None) -> bool:
    """Whether a run with these options should draw a progress line on ``stream`` (standard error)."""
    stream = stream or sys.stderr
    if quiet or (output_format != "text" and not output):
        return False
    if any(os.environ.get(name) for name in _CI_VARIABLES) or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class Progress:
    """Files done of the total and the file last finished, drawn once the run is slow enough."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 1
        self._clock = clock
        self._started = clock()
        self._last_drawn = float("-inf")
        self._width = 0  # characters of the line on screen, to erase it

    def update(self, done: int, current: str) -> None:
        """Record that ``done`` files have finished, the last being ``current``."""
        if not self.enabled:
            return
        now = self._clock()
        if now - self._started < DELAY_SECONDS or now - self._last_drawn < REDRAW_SECONDS:
            return
        self._last_drawn = now
        import shutil  # here, not at the top: most runs never draw a line

        columns = shutil.get_terminal_size((80, 24)).columns
        line = f"kaplint: {done:,} of {self.total:,} files, {current}"
        if len(line) > columns - 1:
            line = line[: max(columns - 2, 0)] + "\u2026"
        self._write("\r" + line.ljust(self._width))
        self._width = len(line)

    def finish(self) -> None:
        """Erase the line, so the report starts on a clean line."""
        if self._width:
            self._write("\r" + " " * self._width + "\r")
            self._width = 0

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: the run goes on without a line
            self.enabled = False
