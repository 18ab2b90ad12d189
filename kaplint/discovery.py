"""Finding the files to lint: walk folders, keep known formats, honour excludes.

Folders are walked in sorted order so output is deterministic. Excludes are
gitignore-style patterns relative to the configuration's folder; ``.gitignore``
files are honoured too unless ``respect-gitignore = false``. Files and folders
named explicitly on the command line are always linted, unless
``--force-exclude`` (what a pre-commit hook wants) applies the excludes to
them as well; inside a named folder the excludes always apply.

Whatever is passed over is tallied in a :class:`Skipped`, so a run that finds
nothing to lint can say why (unsupported types, excludes, .gitignore) instead
of passing silently.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kaplint.config import PROJECT_FILE_NAMES, Config
from kaplint.files import display_name, display_path
from kaplint.globs import PatternSet
from kaplint.loaders import FORMATS_BY_SUFFIX


@dataclass(frozen=True)
class Target:
    path: Path
    display: str  # relative POSIX path when under the current folder


class MissingPathError(Exception):
    """A path given on the command line does not exist."""


@dataclass
class Skipped:
    """What discovery passed over, so an empty run can explain itself."""

    unsupported: Counter[str] = field(default_factory=Counter)  # file suffix ("" for none) -> files
    excluded: list[str] = field(default_factory=list)  # display paths matched by exclude patterns ("dir/" for folders)
    gitignored: int = 0  # files and folders skipped because of .gitignore

    @property
    def unsupported_files(self) -> int:
        return sum(self.unsupported.values())

    def explain(self, paths: list[str]) -> str:
        """Why nothing was found to lint under ``paths``, in one sentence a writer can act on."""
        where = ", ".join(paths) if paths else "."
        reasons: list[str] = []
        if self.unsupported:
            kinds = ", ".join(
                f"{suffix or 'no extension'}" + (f" \u00d7{count}" if count > 1 else "")
                for suffix, count in sorted(self.unsupported.items(), key=lambda item: (-item[1], item[0]))[:4]
            )
            more = ", ..." if len(self.unsupported) > 4 else ""
            reasons.append(f"{_count(self.unsupported_files, 'file')} skipped (unsupported type: {kinds}{more})")
        if self.excluded:
            names = ", ".join(self.excluded[:3]) + (", ..." if len(self.excluded) > 3 else "")
            reasons.append(f"{len(self.excluded)} excluded by the configuration ({names})")
        if self.gitignored:
            reasons.append(f"{self.gitignored} ignored by .gitignore")
        found = "; ".join(reasons) if reasons else "the folder is empty"
        hints: list[str] = []
        if self.unsupported or not reasons:
            hints.append(f"supported types are {', '.join(sorted(set(FORMATS_BY_SUFFIX)))}")
        if any(_is_project_file(name) for name in self.excluded):
            hints.append(
                "README, CHANGELOG, CONTRIBUTING and LICENSE files are excluded by default "
                "(name one on the command line, or re-include it with extend-exclude = [\"!README.md\"])"
            )
        hints.append("use --allow-empty (or allow-empty = true) to accept a run with nothing to lint")
        advice = "; ".join(hints)
        return f"no files to lint in {where}: {found}. {advice[0].upper()}{advice[1:]}."


def _is_project_file(display: str) -> bool:
    name = display.rstrip("/").rsplit("/", 1)[-1].lower()
    return name.split(".", 1)[0] in PROJECT_FILE_NAMES


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def discover(
    paths: list[Path], config: Config, force_exclude: bool = False, skipped: Skipped | None = None
) -> list[Target]:
    """The files to lint under ``paths``, sorted and without duplicates.

    When ``skipped`` is given it is filled with what was passed over and why.
    """
    excludes = PatternSet([*config.exclude, *config.extend_exclude])
    root = config.root.resolve()
    cwd = _current_folder()
    tally = skipped if skipped is not None else Skipped()
    found: dict[Path, Target] = {}
    for path in paths:
        if not path.exists():
            raise MissingPathError(f"{path}: no such file or folder")
        resolved = path.resolve()
        if force_exclude and _excluded(resolved, root, excludes, is_dir=path.is_dir()):
            tally.excluded.append(display_path(path) + ("/" if path.is_dir() else ""))
            continue
        if path.is_file():
            found.setdefault(resolved, Target(path, display_path(path)))
            continue
        for file_path, resolved in _walk(path, root, excludes, config.respect_gitignore, tally):
            found.setdefault(resolved, Target(file_path, display_name(file_path, resolved, cwd)))
    return sorted(found.values(), key=lambda target: target.display)


def _current_folder() -> Path | None:
    """The current folder, resolved (None when it is gone), once for every file discovery names."""
    try:
        return Path.cwd().resolve()
    except OSError:
        return None


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


def _walk(top: Path, root: Path, excludes: PatternSet, respect_gitignore: bool, tally: Skipped) -> list[tuple[Path, Path]]:
    """Files under ``top``, each with its resolved path. Excludes apply to what lies below ``top``,
    never to ``top`` itself, so a folder named on the command line is linted even when a pattern
    matches it."""
    results: list[tuple[Path, Path]] = []
    ignore_sets = _ancestor_gitignores(top.resolve(), root) if respect_gitignore else []
    for folder, dirnames, filenames in os.walk(top):
        current = Path(folder)
        resolved = current.resolve()
        if respect_gitignore:
            patterns = _read_gitignore(current)
            if patterns is not None:
                ignore_sets.append((resolved, patterns))
        # Parents were checked on the way down, so only each entry itself needs a look.
        kept = []
        for name in sorted(dirnames):
            if (current / name).is_symlink():
                continue
            if _matches(resolved / name, root, excludes, True):
                tally.excluded.append(display_path(current / name) + "/")
            elif _gitignored(resolved / name, ignore_sets, True):
                tally.gitignored += 1
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            file_path = current / name
            suffix = Path(name).suffix.lower()
            if suffix not in FORMATS_BY_SUFFIX:
                if not name.startswith("."):  # .gitignore, .DS_Store: not worth a word
                    tally.unsupported[suffix] += 1
                continue
            in_resolved_folder = resolved / name
            if _matches(in_resolved_folder, root, excludes, False):
                tally.excluded.append(display_path(file_path))
                continue
            if _gitignored(in_resolved_folder, ignore_sets, False):
                tally.gitignored += 1
                continue
            results.append((file_path, _resolved_file(file_path, in_resolved_folder)))
    return results


def _resolved_file(path: Path, in_resolved_folder: Path) -> Path:
    """``path.resolve()``, given the file's name joined to its folder's resolved path: the same
    path unless the file itself is a symbolic link, which one ``lstat`` tells (resolving every
    file walked its whole path again, one ``lstat`` per folder)."""
    return path.resolve() if os.path.islink(path) else in_resolved_folder


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
