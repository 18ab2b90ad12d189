"""Applying fixes to files: ``kaplint check --fix`` and ``--diff``.

A fix replaces a span of the file as stored (offsets after decoding, with the
file's own line endings). Fixes are applied back to front, overlapping fixes
after the first are left for the next run, and a fix whose span no longer
holds the text it was made for (the file changed since it was read) is
skipped. The file keeps its encoding (a legacy one too, when the project names
it), byte-order mark and line endings; a fix whose wording that encoding
cannot hold (a "≥" in a Windows-1252 file) is skipped rather than written as
"?". The file is written atomically, and is not touched at all when nothing changes, so running
``--fix`` twice changes nothing the second time.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from kaplint.files import write_atomically
from kaplint.finding import Finding
from kaplint.loaders.decoding import decode_raw


@dataclass(frozen=True)
class FixedFile:
    """What fixing one file did (or, for ``--diff``, would do)."""

    display: str
    applied: int
    original: str
    fixed: str

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """A unified diff of the change, as ``--diff`` prints it."""
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            fromfile=f"a/{self.display}",
            tofile=f"b/{self.display}",
        )
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


def fixable(findings: list[Finding], unsafe: bool) -> list[Finding]:
    """The findings whose fix may be applied: safe ones, and unsafe ones only when asked."""
    return [finding for finding in findings if finding.fix is not None and (finding.fix.safe or unsafe)]


def fix_file(
    path: Path, display: str, findings: list[Finding], unsafe: bool, write: bool, encoding: str | None = None
) -> FixedFile:
    """Apply the findings' fixes to ``path``; write it (atomically) only if ``write`` and it changed.

    ``encoding`` is the project's legacy encoding, as the file was linted with it;
    the file is decoded exactly as the linter decoded it, so the fixes' offsets hold."""
    data = path.read_bytes()
    raw = decode_raw(data, encoding)
    writable = [finding for finding in fixable(findings, unsafe) if _encodable(finding.fix.replacement, raw.encoding)]  # type: ignore[union-attr]
    fixed, applied = apply_fixes(raw.text, writable)
    result = FixedFile(display, applied, raw.text, fixed)
    if write and result.changed:
        write_atomically(path, raw.bom + fixed.encode(raw.encoding), expected=data)
    return result


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, int]:
    """``text`` with the findings' fixes applied, and how many were applied."""
    applied = 0
    end_of_next = len(text) + 1  # fixes are applied from the end; skip any that overlap one applied later in the text
    for finding in sorted(findings, key=lambda item: (item.fix.offset, item.fix.end_offset), reverse=True):  # type: ignore[union-attr]
        fix = finding.fix
        assert fix is not None
        if fix.end_offset > end_of_next or fix.end_offset > len(text):
            continue
        if text[fix.offset : fix.end_offset] != finding.match:
            continue  # the file no longer holds what the finding was about
        text = text[: fix.offset] + fix.replacement + text[fix.end_offset :]
        end_of_next = fix.offset
        applied += 1
    return text, applied
