"""Finding the files to lint: walk folders, keep known formats, honour excludes.

Folders are walked in sorted order so output is deterministic. Excludes are
gitignore-style patterns relative to the configuration's folder; ``.gitignore``
files are honoured too unless ``respect-gitignore = false``. Files and folders
named explicitly on the command line are always linted, unless
``--force-exclude`` (what a pre-commit hook wants) applies the excludes to
them as well; inside a named folder the excludes always apply.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kaplint.config import Config
from kaplint.files import display_path
from kaplint.globs import PatternSet
from kaplint.loaders import FORMATS_BY_SUFFIX


@dataclass(frozen=True)
class Target:
    path: Path
    display: str  # relative POSIX path when under the current folder


class MissingPathError(Exception):
    """A path given on the command line does not exist."""


def discover(paths: list[Path], config: Config, force_exclude: bool = False) -> list[Target]:
    """The files to lint under ``paths``, sorted and without duplicates."""
    excludes = PatternSet([*config.exclude, *config.extend_exclude])
    root = config.root.resolve()
    found: dict[Path, Target] = {}
    for path in paths:
        if not path.exists():
            raise MissingPathError(f"{path}: no such file or folder")
        resolved = path.resolve()
        if force_exclude and _excluded(resolved, root, excludes, is_dir=path.is_dir()):
            continue
        if path.is_file():
            found.setdefault(resolved, Target(path, display_path(path)))
            continue
        for file_path in _walk(path, root, excludes, config.respect_gitignore):
            found.setdefault(file_path.resolve(), Target(file_path, display_path(file_path)))
    return sorted(found.values(), key=lambda target: target.display)


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _excluded(path: Path, root: Path, excludes: PatternSet, is_dir: bool) -> bool:
    relative = _relative(path, root)
    if relative is None:
        return bool(excludes.matches(path.name, is_dir))
    return relative != "." and excludes.matches_path_or_parent(relative, is_dir)


def _walk(top: Path, root: Path, excludes: PatternSet, respect_gitignore: bool) -> list[Path]:
    """Files under ``top``. Excludes apply to what lies below ``top``, never to ``top`` itself,
    so a folder named on the command line is linted even when a pattern matches it."""
    results: list[Path] = []
    ignore_sets = _ancestor_gitignores(top.resolve(), root) if respect_gitignore else []
    for folder, dirnames, filenames in os.walk(top):
        current = Path(folder)
        resolved = current.resolve()
        if respect_gitignore:
            patterns = _read_gitignore(current)
            if patterns is not None:
                ignore_sets.append((resolved, patterns))
        # Parents were checked on the way down, so only each entry itself needs a look.
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not _matches(resolved / name, root, excludes, True)
            and not _gitignored(resolved / name, ignore_sets, True)
            and not (current / name).is_symlink()
        )
        for name in sorted(filenames):
            file_path = current / name
            if Path(name).suffix.lower() not in FORMATS_BY_SUFFIX:
                continue
            if _matches(resolved / name, root, excludes, False) or _gitignored(resolved / name, ignore_sets, False):
                continue
            results.append(file_path)
    return results


def _matches(path: Path, root: Path, excludes: PatternSet, is_dir: bool) -> bool:
    relative = _relative(path, root)
    return bool(excludes.matches(relative if relative is not None else path.name, is_dir))


def _read_gitignore(folder: Path) -> PatternSet | None:
    gitignore = folder / ".gitignore"
    if not gitignore.is_file():
        return None
    try:
        return PatternSet(gitignore.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return None


def _ancestor_gitignores(top: Path, root: Path) -> list[tuple[Path, PatternSet]]:
    """``.gitignore`` files of the folders from ``root`` down to just above ``top``.

    Checking a subfolder must skip what checking the whole project skips.
    """
    if top == root or root not in top.parents:
        return []
    folders = [root, *reversed([parent for parent in top.parents if root in parent.parents])]
    found = []
    for folder in folders:
        patterns = _read_gitignore(folder)
        if patterns is not None:
            found.append((folder, patterns))
    return found


def _gitignored(path: Path, ignore_sets: list[tuple[Path, PatternSet]], is_dir: bool) -> bool:
    result = False
    for base, patterns in ignore_sets:
        relative = _relative(path, base)
        if relative is None:
            continue
        verdict = patterns.matches(relative, is_dir)
        if verdict is not None:
            result = verdict
    return result
