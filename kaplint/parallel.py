"""Linting many files: cached results first, then the rest in worker processes.

The order of results is always the order of the targets, whatever finishes
first, so the report is byte for byte the same as a serial run's. Results are
yielded as soon as they (and everything before them) are ready, and at most a
few files per worker are in flight, so memory does not grow with the size of
the repository beyond the results the caller keeps.

Workers are forked from the parent where the platform allows it, so they
start with the parent's loaded rules; elsewhere each worker builds its own
linter (from the rule-pack cache, so that is quick too).
"""

from __future__ import annotations

import functools
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kaplint import cache, resultcache
from kaplint.loaders import detect_format

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future, ProcessPoolExecutor

    from kaplint.discovery import Target
    from kaplint.engine import DocumentResult, Linter
    from kaplint.resultcache import ResultCache

# Fewer files than this are linted in the main process: starting workers costs more than it saves.
PARALLEL_THRESHOLD = 8
# Files handed to the pool ahead of the one being waited for, per worker.
IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class Outcome:
    """One target's result, or the text of an internal error that stopped it."""

    target: Target
    result: DocumentResult | None = None
    error: str | None = None


@dataclass(frozen=True)
class _Job:
    path: Path
    display: str
    fmt: str
    data: bytes | None  # None: let the linter read the file (too large, or unreadable)
    key: str | None  # where to store the result, when caching


def default_jobs() -> int:
    """Worker processes to use when ``--jobs`` is not given: the CPUs this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not on Linux
        return max(os.cpu_count() or 1, 1)


def lint_targets(
    linter: Linter,
    targets: list[Target],
    jobs: int = 1,
    results: ResultCache | None = None,
) -> Iterator[Outcome]:
    """Lint ``targets`` in order, reusing cached results and sharing the rest among ``jobs`` workers."""
    if jobs <= 1 or len(targets) < PARALLEL_THRESHOLD or os.environ.get("KAPLINT_DEBUG"):
        for target in targets:
            yield _serial(linter, target, results)
        return
    yield from _parallel(linter, targets, jobs, results)


def _prepare(linter: Linter, target: Target, results: ResultCache | None) -> DocumentResult | _Job:
    """A cached result, or the job that computes it (with the bytes already read, so the key and
    the linted text are the same even if the file changes meanwhile)."""
    fmt = detect_format(str(target.path)) or "text"
    try:
        if target.path.stat().st_size > linter.max_file_size:
            return _Job(target.path, target.display, fmt, None, None)
        data = target.path.read_bytes()
    except OSError:
        return _Job(target.path, target.display, fmt, None, None)
    key = results.key(target.display, fmt, data) if results is not None else None
    if key is not None:
        found = resultcache.fetch(key, functools.partial(linter.lint_path, target.path, target.display))
        if found is not None:
            return found
    return _Job(target.path, target.display, fmt, data, key)


def _run(linter: Linter, job: _Job) -> DocumentResult:
    if job.data is None:
        return linter.lint_path(job.path, job.display)
    result = linter.lint_bytes(job.display, job.data, job.fmt)
    if job.key is not None:
        resultcache.store(job.key, result)
    return result


def _serial(linter: Linter, target: Target, results: ResultCache | None) -> Outcome:
    try:
        prepared = _prepare(linter, target, results)
        if not isinstance(prepared, _Job):
            return Outcome(target, prepared)
        return Outcome(target, _run(linter, prepared))
    except Exception as error:
        if os.environ.get("KAPLINT_DEBUG"):
            raise
        return Outcome(target, error=f"{type(error).__name__}: {error}")


# Worker side --------------------------------------------------------------------------

_worker_linter: Linter | None = None


def _start_worker(linter: Linter | None, config: object, options: object, enabled: bool, folder: Path | None) -> None:
    """Worker initialiser: reuse the forked parent's linter, or build one (spawned workers)."""
    global _worker_linter
    cache.configure(enabled, folder)
    if linter is None:
        from kaplint.engine import Linter

        linter = Linter(config, options)  # type: ignore[arg-type]
    _worker_linter = linter


def _work(job: _Job) -> tuple[DocumentResult | None, str | None]:
    assert _worker_linter is not None, "worker not initialised"
    try:
        return _run(_worker_linter, job), None
    except Exception as error:  # noqa: BLE001 - reported by the parent like a serial run's internal error
        return None, f"{type(error).__name__}: {error}"


_forked_linter: Linter | None = None


def _start_forked_worker(enabled: bool, folder: Path | None) -> None:
    _start_worker(_forked_linter, None, None, enabled, folder)


def _executor(linter: Linter, jobs: int) -> ProcessPoolExecutor:
    # Imported here: a run over one file (pre-commit, an editor) never starts workers.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _forked_linter
    enabled, folder = cache.settings.enabled, cache.settings.folder
    if sys.platform.startswith("linux"):
        # Forked workers inherit the loaded rules, compiled parameters and all, instead of loading them again.
        linter.prepare_checks()
        _forked_linter = linter
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_forked_worker, initargs=(enabled, folder))
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(None, linter.config, linter.options, enabled, folder)
    )


def _parallel(linter: Linter, targets: Iterable[Target], jobs: int, results: ResultCache | None) -> Iterator[Outcome]:
    # Entries in target order: a finished Outcome, or the Future of a worker's (result, error).
    pending: deque[tuple[Target, Outcome | Future]] = deque()
    executor: ProcessPoolExecutor | None = None
    in_flight = 0
    limit = jobs * IN_FLIGHT_PER_WORKER

    def settle() -> Outcome:
        nonlocal in_flight
        target, value = pending.popleft()
        if isinstance(value, Outcome):
            return value
        in_flight -= 1
        result, error = value.result()
        return Outcome(target, result, error)

    try:
        for target in targets:
            try:
                prepared = _prepare(linter, target, results)
            except Exception as error:
                if os.environ.get("KAPLINT_DEBUG"):
                    raise
                prepared = Outcome(target, error=f"{type(error).__name__}: {error}")
            if isinstance(prepared, _Job):
                if executor is None:
                    executor = _executor(linter, jobs)
                pending.append((target, executor.submit(_work, prepared)))
                in_flight += 1
            else:
                pending.append((target, prepared if isinstance(prepared, Outcome) else Outcome(target, prepared)))
            # Hand on what is ready at the front; block only when too many files are in flight.
            while pending and (isinstance(pending[0][1], Outcome) or pending[0][1].done() or in_flight > limit):
                yield settle()
        while pending:
            yield settle()
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
