"""Small file-system helpers shared by the CLI, discovery, rule packs and caches."""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator


def display_path(path: Path) -> str:
    """How reports and messages name a file: relative to the current folder when inside it, POSIX style."""
    try:
        return display_name(path, path.resolve(), Path.cwd().resolve())
    except OSError:
        return path.as_posix()


def display_name(path: Path, resolved: Path, cwd: Path | None) -> str:
    """:func:`display_path` of ``path``, given it and the current folder (None: unknown) already
    resolved: discovery names thousands of files in a few folders, and resolving each file and
    the current folder again took most of a cached run's discovery."""
    if cwd is None:
        return path.as_posix()
    try:
        return resolved.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


class FileChangedError(OSError):
    """The file changed on disk after kaplint read it; writing would lose that change."""


def write_atomically(path: Path, data: bytes, expected: bytes | None = None, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename,
    so no reader (or a concurrent kaplint) ever sees half a file.

    Nothing about the file but its content changes: a symbolic link is written through to
    its target (the link stays a link), and the target keeps its permission bits and, where
    the system allows, its owner and group; a new file gets the permissions the umask gives.
    With ``expected`` (the bytes the caller read), a file that no longer holds them is not
    written: :class:`FileChangedError`, so an edit made meanwhile (by a person or by a second
    ``--fix``) is never overwritten. Between kaplint processes the check and the rename are
    one step (:func:`_folder_lock`), so two ``--fix`` runs on one file cannot both pass the
    check and the later rename discard the earlier run's edit.

    The content reaches the disk before the rename (``fsync``), so a crash cannot leave the
    file empty. ``durable=False`` skips that for files whose damage is detected and costs only
    a recomputation (cache entries): the ``fsync`` took some 3 ms of every single-file run.
    """
    write_chunks_atomically(path, (data,), expected, durable=durable)


def write_chunks_atomically(path: Path, chunks: Iterable[bytes], expected: bytes | None = None, *, durable: bool = True) -> None:
    """:func:`write_atomically` for content produced piece by piece (a long report)."""
    import tempfile  # here, not at the top: most runs write nothing, and tempfile imports random and shutil

    target = Path(os.path.realpath(path))
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
            if hasattr(os, "chown"):
                try:
                    os.chown(temporary, existing.st_uid, existing.st_gid)
                except OSError:
                    pass  # only the owner's group may be kept, or none: the mode still is
        else:
            os.chmod(temporary, _NEW_FILE_MODE & ~_current_umask())
        if expected is None:
            os.replace(temporary, target)
        else:
            with _folder_lock(target.parent):
                if target.read_bytes() != expected:
                    raise FileChangedError(f"{path} changed on disk after it was read")
                os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_NEW_FILE_MODE = 0o666


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``folder`` while kaplint compares a file and replaces it.

    The lock is on the folder, not the file, because the rename gives the file a new inode
    (a lock on the old one would guard nothing), and no lock file is left behind. It binds
    only kaplint processes (an editor's save is caught by the comparison alone); where the
    system has no ``flock`` (Windows) or the folder cannot be locked (some network file
    systems) the write goes ahead as before, still compared and atomic."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError:
            pass
        yield
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock


def _current_umask() -> int:
    """The process umask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
