"""``--changed-since REF``: keep only findings on lines changed since a git revision.

On a large content repository a pull request should be judged by what it
changes. ``git diff --unified=0 REF`` lists, per file, the line ranges that are
new or changed in the working tree compared with REF (committed, staged or not);
untracked files count as changed throughout. A finding is kept when one of its
lines changed. Findings about a whole document (no matched text, such as a
missing disclosure) are kept when the file changed at all, because any edit
may have caused them. Binary files (.docx) that changed count as changed
throughout, since their "lines" are not the diff's lines.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.engine import DocumentResult
    from kaplint.finding import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_WHOLE_FILE = None  # marker in ChangedLines.files: every line changed


class GitError(Exception):
    """git is missing, the folder is not in a repository, or the revision is unknown."""


@dataclass
class ChangedLines:
    """Changed line numbers per file (absolute, resolved paths); ``None`` means the whole file."""

    files: dict[Path, set[int] | None] = field(default_factory=dict)

    def keeps(self, path: str, line: int, end_line: int, whole_document: bool) -> bool:
        """Whether a finding at ``line``-``end_line`` of ``path`` is on a changed line."""
        resolved = Path(path).resolve()
        if resolved not in self.files:
            return False
        lines = self.files[resolved]
        if lines is _WHOLE_FILE or whole_document:
            return True
        return any(number in lines for number in range(line, max(line, end_line) + 1))


def _git(arguments: list[str], cwd: Path) -> str:
    try:
        completed = subprocess.run(
            ["git", "-c", "core.quotepath=off", *arguments],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and git is not installed or not on PATH") from None
    if completed.returncode != 0:
        raise GitError(completed.stderr.strip() or f"git {' '.join(arguments)} failed")
    return completed.stdout


def _unquote(name: str) -> str:
    """Undo git's C-style quoting of unusual file names ("a\\tb.md")."""
    if len(name) >= 2 and name[0] == name[-1] == '"':
        raw = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        return raw.encode("latin-1").decode("utf-8", "replace")
    return name


def changed_lines(ref: str, cwd: Path | None = None) -> ChangedLines:
    """The lines changed since ``ref`` in the repository holding ``cwd``; :class:`GitError` with a clear message otherwise."""
    cwd = cwd or Path.cwd()
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except GitError as error:
        if "not a git repository" in str(error).lower():
            raise GitError(f"--changed-since needs a git repository, and {cwd} is not inside one") from None
        raise
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)
    except GitError:
        raise GitError(f"--changed-since: unknown git revision {ref!r} (a branch, tag or commit; fetch it first in a shallow clone)") from None
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", ref, "--"], top)
    result = ChangedLines()
    current: Path | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:].removesuffix("\t")  # git ends names holding spaces with a tab
            current = None if name == "/dev/null" else (top / _unquote(name)[2:]).resolve()
            if current is not None:
                result.files.setdefault(current, set())
        elif line.startswith("Binary files ") and line.endswith(" differ"):
            # "Binary files a/x.docx and b/x.docx differ", or /dev/null on either side
            names = line[len("Binary files ") : -len(" differ")].split(" and ")
            new = names[-1]
            if new != "/dev/null":
                result.files[(top / _unquote(new)[2:]).resolve()] = _WHOLE_FILE
        elif current is not None and (hunk := _HUNK.match(line)):
            start, count = int(hunk.group(1)), int(hunk.group(2) if hunk.group(2) is not None else 1)
            lines = result.files.get(current)
            if lines is not _WHOLE_FILE and lines is not None:
                lines.update(range(start, start + count))
    for name in _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0"):
        if name:
            result.files[(top / name).resolve()] = _WHOLE_FILE
    return result


def _about_whole_document(finding: Finding) -> bool:
    """A missing disclosure points at what made it apply, but is about the whole text; so is a finding without matched text."""
    return not finding.match or finding.category == "disclosure"


def keep_changed(results: list[DocumentResult], changed: ChangedLines) -> int:
    """Drop findings on unchanged lines from ``results`` in place; return how many were dropped."""
    dropped = 0
    for result in results:
        kept = [
            finding
            for finding in result.findings
            if changed.keeps(result.path, finding.line, finding.end_line, _about_whole_document(finding))
        ]
        dropped += len(result.findings) - len(kept)
        result.findings = kept
    return dropped
