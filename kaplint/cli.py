"""The ``kaplint`` command line: check, rules, explain and init.

Exit codes: 0 when no finding is at or above the fail level, 1 when some are,
2 for usage, configuration and rule-pack errors (and internal errors).
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from kaplint import __version__
from kaplint.bundled import BundledDataMissing
from kaplint.config import Config, ConfigError, find_config, load_config, parse_encoding, parse_size
from kaplint.files import write_atomically
from kaplint.finding import SEVERITY_NAMES, Severity
from kaplint.loaders import InputProblem, detect_format
from kaplint.profiles import PROFILES
from kaplint.progress import Progress, progress_wanted
from kaplint.rulepacks import RulePackError, load_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUT_FORMATS = ("text", "json", "github", "sarif")  # kaplint.reporters.FORMATS, without importing it at start-up
OUTPUT_FORMATS += ("junit", "gitlab", "markdown", "html")  # reports for people and CI (issue 8)
AUTO_FORMAT = "auto"  # picks github or text from the environment (see _resolve_format)


class UsageProblem(click.ClickException):
    """A configuration, rule-pack or input-path problem: printed plainly, exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"kaplint: error: {self.message}", err=True)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept both ``--ignore A --ignore B`` and ``--ignore A,B``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _load_config(config_path: str | None) -> Config:
    try:
        path = Path(config_path) if config_path else find_config(Path.cwd())
        if config_path and not Path(config_path).is_file():
            raise ConfigError(f"{config_path}: configuration file not found")
        return load_config(path)
    except ConfigError as error:
        raise UsageProblem(str(error)) from None


def _use_color(no_color: bool, output: str | None) -> bool:
    if no_color or output or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


SELECTION_OPTIONS = (
    click.option("--profile", type=click.Choice(PROFILES), help="Profile for files whose front matter and configuration name none (default: web)."),
    click.option(
        "--select", multiple=True, help="Run only these rules (codes, names, categories, code prefixes or ALL); replaces the configured selection."
    ),
    click.option("--extend-select", multiple=True, help="Run these rules in addition to the selection (for example rules that are off by default)."),
    click.option("--ignore", multiple=True, help="Skip these rules (codes, names or categories)."),
    click.option("--fail-on", type=click.Choice(SEVERITY_NAMES), help="Lowest severity that makes the exit code 1 (default: error)."),
    click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach the --fail-on severity."),
)


@dataclass(frozen=True)
class Selection:
    """The rule-selection and exit-code choices 'check' and 'review' share."""

    profile: str | None
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    exit_zero: bool

    def run_options(self, **more: Any) -> Any:
        """The engine's RunOptions for this selection, with the command's own settings."""
        from kaplint.engine import RunOptions

        return RunOptions(
            select=_split(self.select) or None, extend_select=_split(self.extend_select), ignore=_split(self.ignore), profile=self.profile, **more
        )

    def fail_on_severity(self, config: Config) -> Severity:
        """The lowest severity that fails the run: --fail-on, else the configuration's."""
        return Severity.parse(self.fail_on or config.fail_on)


def _selection_options(command: Any) -> Any:
    """Add the rule-selection and exit-code options that 'check' and 'review' share, worded once,
    and hand them to the command as one ``selection``."""

    @functools.wraps(command)
    def with_selection(**values: Any) -> Any:
        chosen = {name: values.pop(name) for name in Selection.__dataclass_fields__}
        return command(selection=Selection(**chosen), **values)

    for option in reversed(SELECTION_OPTIONS):
        with_selection = option(with_selection)
    return with_selection


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="kaplint")
def main() -> None:
    """kaplint: lint patient materials about ketamine treatment and ketamine-assisted psychotherapy."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice((*OUTPUT_FORMATS, AUTO_FORMAT)), default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str), help="Write the report to FILE instead of standard output.")
@_selection_options
@click.option("--statistics", is_flag=True, help="Also print how often each rule fired.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the findings, one line each.")
@click.option("--no-color", is_flag=True, help="Never colour the output (NO_COLOR is honoured too).")
@click.option("--no-source", is_flag=True, help="Do not show the source line under each finding.")
@click.option("--stdin-filename", help="File name for standard input ('-'): picks the format, settings and the name in reports.")
@click.option("--config", "config_path", type=click.Path(path_type=str), help="Use this configuration file instead of searching for one.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to paths named on the command line too (for pre-commit).")
@click.option("--allow-empty", is_flag=True, help="Exit 0 when the paths hold no file to lint (default: say why and exit 2).")
@click.option("--max-file-size", help="Skip files larger than this (e.g. 5MB) with an input finding.")
@click.option("--encoding", "legacy_encoding", metavar="NAME", help="Read files that are not UTF-8 in this encoding (e.g. cp1252); --fix writes them back in it.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes to the files (atomically), then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that need a writer's review.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them; exit 1 if there are any.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=str), help="Report only findings not recorded in this baseline file.")
@click.option("--update-baseline", is_flag=True, help="Write every current finding to the --baseline file (then report none of them).")
@click.option("--changed-since", metavar="REF", help="Report only findings on lines changed since this git revision (plus untracked files).")
@click.option("--grammar", "check_grammar", is_flag=True, help="Check grammar and spelling too (see [tool.kaplint.grammar]); exit 2 if the engine is unavailable.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes for many files (default 0: one per CPU; 1: no workers).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write cached results and rule packs.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=str), help="Keep the cache here (default: $KAPLINT_CACHE_DIR or ~/.cache/kaplint).")
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    selection: Selection,
    statistics: bool,
    quiet: bool,
    no_color: bool,
    no_source: bool,
    stdin_filename: str | None,
    config_path: str | None,
    force_exclude: bool,
    max_file_size: str | None,
    legacy_encoding: str | None = None,
    apply_fixes: bool = False,
    unsafe_fixes: bool = False,
    show_diff: bool = False,
    baseline_path: str | None = None,
    update_baseline: bool = False,
    changed_since: str | None = None,
    check_grammar: bool = False,
    jobs: int = 0,
    no_cache: bool = False,
    cache_dir: str | None = None,
    allow_empty: bool = False,
) -> None:
    """Lint PATHS (files or folders; default: the current folder; '-' for standard input)."""
    from kaplint.discovery import MissingPathError, Skipped, discover
    from kaplint.engine import DocumentResult, Linter
    from kaplint.reporters import Report, render_chunks

    _configure_cache(no_cache, cache_dir)
    config = _load_config(config_path)
    try:
        size_limit = parse_size(max_file_size) if max_file_size else None
        encoding = parse_encoding(legacy_encoding) if legacy_encoding else None
    except ConfigError as error:
        raise UsageProblem(str(error)) from None
    options = selection.run_options(max_file_size=size_limit, encoding=encoding, grammar=check_grammar)
    try:
        linter = Linter(config, options)
    except (ConfigError, RulePackError, BundledDataMissing) as error:
        raise UsageProblem(str(error)) from None

    results: list[DocumentResult] = []
    targets: list = []
    internal_errors = 0
    reading_stdin = paths == ("-",) or (not paths and stdin_filename)
    if (apply_fixes or show_diff) and reading_stdin:
        raise UsageProblem("--fix and --diff work on files, not on standard input")
    if apply_fixes and show_diff:
        raise UsageProblem("use either --fix (write the fixes) or --diff (show them), not both")
    if update_baseline and not baseline_path:
        raise UsageProblem("--update-baseline needs --baseline FILE: the file to write")
    if changed_since and reading_stdin:
        raise UsageProblem("--changed-since works on files in a git repository, not on standard input")
    if update_baseline and changed_since:
        raise UsageProblem("--update-baseline records every finding; do not combine it with --changed-since")
    output_format = _resolve_format(output_format, output)
    if reading_stdin:
        display = stdin_filename or "-"
        fmt = detect_format(display) or "markdown"
        data = sys.stdin.buffer.read()
        results.append(linter.lint_bytes(display, data, fmt))
    else:
        if "-" in paths:
            raise UsageProblem("'-' (standard input) cannot be combined with other paths")
        skipped = Skipped()
        try:
            targets = discover([Path(item) for item in paths or (".",)], config, force_exclude, skipped)
        except MissingPathError as error:
            raise UsageProblem(str(error)) from None
        if not targets:
            # Nothing passes silently: an empty run is a mistake (wrong folder, wrong
            # extension, everything excluded) unless the pipeline says it is expected.
            if not (allow_empty or config.allow_empty):
                raise UsageProblem(skipped.explain(list(paths or (".",))))
            if not quiet:
                click.echo(f"kaplint: {skipped.explain(list(paths or ('.',)))}", err=True)
        # Only the text report's source lines, the HTML report's highlighted text and baseline
        # fingerprints need each file's text; without them a large run's memory holds findings
        # and metrics, not the whole repository.
        keep_source = (output_format == "text" and not no_source and not quiet) or output_format == "html" or bool(baseline_path)
        progress = Progress(len(targets), enabled=progress_wanted(quiet, output_format, output))
        try:
            for done, outcome in enumerate(_lint_targets(linter, targets, jobs), start=1):
                progress.update(done, outcome.target.display)
                if outcome.result is not None:
                    if not keep_source:
                        outcome.result.source = ""
                    results.append(outcome.result)
                    continue
                internal_errors += 1  # a bug in kaplint must not hide other files' results
                progress.finish()
                click.echo(
                    f"kaplint: internal error while checking {outcome.target.display}: {outcome.error}. "
                    "This is a bug in kaplint; please report it with the file (set KAPLINT_DEBUG=1 for details).",
                    err=True,
                )
        finally:
            progress.finish()

    if show_diff:
        sys.exit(_print_diff(linter, results, targets, unsafe_fixes))
    fix_failures = 0
    if apply_fixes:
        results, fix_failures = _fix_and_relint(linter, results, targets, unsafe_fixes)
    baseline_outcome = _narrow_results(results, baseline_path, update_baseline, changed_since)

    report = Report(
        documents=results,
        rules=linter.index.rules,
        fail_on=selection.fail_on_severity(config),
        color=_use_color(no_color, output) and output_format == "text",
        show_source=not no_source,
        statistics=statistics,
        quiet=quiet,
        baseline=baseline_outcome,
    )
    _write_report(render_chunks(output_format, report), output, report.color)
    if _report_grammar(linter) or internal_errors or fix_failures:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if report.failed() and not selection.exit_zero else EXIT_CLEAN)


def _write_report(chunks: Any, output: str | None, color: bool) -> None:
    """Write the report piece by piece: to standard output, or atomically to ``output``."""
    if not output:
        for chunk in chunks:
            click.echo(chunk, nl=False, color=color or None)
        return
    from kaplint.files import write_chunks_atomically

    try:
        write_chunks_atomically(Path(output), (chunk.encode("utf-8") for chunk in chunks))
    except OSError as error:
        raise UsageProblem(f"cannot write {output}: {error.strerror or error}") from None


def _configure_cache(no_cache: bool, cache_dir: str | None) -> None:
    """Apply --no-cache and --cache-dir before anything loads rule packs."""
    from kaplint import cache

    cache.configure(enabled=not no_cache, folder=Path(cache_dir) if cache_dir else None)


def _lint_targets(linter: Any, targets: list, jobs: int):  # type: ignore[no-untyped-def]
    """Lint the discovered files in order: cached results, then workers when there are many."""
    from kaplint import cache
    from kaplint.parallel import default_jobs, lint_targets
    from kaplint.resultcache import ResultCache

    if linter.grammar.checker is not None:
        # Grammar results depend on an engine that may come and go (a server, an optional
        # backend) and keep their own per-paragraph cache; its notices belong to this process.
        return lint_targets(linter, targets, 1, None)
    results = ResultCache(linter) if cache.settings.enabled else None
    return lint_targets(linter, targets, jobs or default_jobs(), results)


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--category", type=click.Choice(sorted({"readability", "disclosure", "claims", "terminology", "language", "grammar", "input"})), help="Only rules of this category.")
@click.option("--config", "config_path", type=click.Path(path_type=str), help="Configuration file (for extend-rules).")
def list_rules(output_format: str, category: str | None, config_path: str | None) -> None:
    """List every rule: code, name, category, severity, kind, fixable."""
    import json

    rules = _rules(config_path)
    rules = [rule for rule in rules if category is None or rule.category == category]
    if output_format == "markdown":
        from kaplint.reference import reference

        click.echo(reference(rules), nl=False)
        return
    if output_format == "json":
        data = [
            {
                "code": rule.id,
                "name": rule.name,
                "category": rule.category,
                "severity": str(rule.severity),
                "kind": rule.kind,
                "fixable": rule.fixable,
                "enabled": rule.enabled,
                "origin": rule.origin,
                **({"levels": dict(rule.compiled.levels)} if rule.kind == "disclosure" else {}),
            }
            for rule in rules
        ]
        click.echo(json.dumps(data, indent=2))
        return
    kind_width = max([len("kind"), *(len(rule.kind) for rule in rules)])
    header = f"{'code':<8} {'name':<30} {'category':<12} {'severity':<10} {'kind':<{kind_width}} fixable"
    click.echo(header)
    click.echo("-" * len(header))
    for rule in rules:
        fixable = "yes" if rule.fixable else ""
        name = rule.name + ("" if rule.enabled else " (off)")
        severity = "by profile" if rule.kind == "disclosure" else str(rule.severity)
        click.echo(f"{rule.id:<8} {name:<30} {rule.category:<12} {severity:<10} {rule.kind:<{kind_width}} {fixable}")
    click.echo(f"\n{len(rules)} rules. 'kaplint explain CODE' shows what a rule checks and why.")


def _rules(config_path: str | None):  # type: ignore[no-untyped-def]
    config = _load_config(config_path)
    try:
        rules = load_rules(list(config.extend_rules))
    except (RulePackError, BundledDataMissing) as error:
        raise UsageProblem(str(error)) from None
    return sorted(rules, key=lambda rule: rule.id)


@main.command()
@click.argument("rule")
@click.option("--config", "config_path", type=click.Path(path_type=str), help="Configuration file (for extend-rules).")
def explain(rule: str, config_path: str | None) -> None:
    """Explain RULE (a code such as KAP305 or a name such as not-addictive); a category (claims)
    or a kind (phrase) lists its rules, one line each."""
    import difflib
    import textwrap

    from kaplint.kinds import KINDS

    rules = _rules(config_path)
    found = next((item for item in rules if rule in (item.id, item.name) or rule.upper() == item.id), None)
    group = [item for item in rules if rule in (item.category, item.kind)] if found is None else []
    if group:
        what = "category" if any(item.category == rule for item in group) else "kind"
        first_lines = [f"{item.id} {item.name}: {_first_sentence(item.docs.what)}" for item in group]
        click.echo("\n".join([f"{rule} ({what}, {len(group)} rule{'s' if len(group) != 1 else ''}):", *("  " + line for line in first_lines), "", "'kaplint explain <rule>' explains one."]))
        return
    if found is None:
        names = {item.name for item in rules} | {item.id for item in rules} | {item.category for item in rules} | {item.kind for item in rules}
        close = difflib.get_close_matches(rule, sorted(names), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; run 'kaplint rules' to list them"
        raise UsageProblem(f"unknown rule, category or kind {rule!r}{hint}")

    def wrap(text: str, indent: str = "  ") -> str:
        return textwrap.fill(" ".join(text.split()), width=88, initial_indent=indent, subsequent_indent=indent)

    lines = [
        f"{found.id} {found.name}",
        f"  category: {found.category}   severity: {'by profile (below)' if found.kind == 'disclosure' else found.severity}   kind: {found.kind}"
        + ("   fixable: yes" if found.fixable else "")
        + ("" if found.enabled else "   (off by default)"),
        "",
        "What satisfies it" if found.kind == "disclosure" else "What it checks",
        wrap(found.docs.what),
    ]
    for heading, text in KINDS[found.kind].describe(found.compiled):
        lines += ["", heading, wrap(text)]
    lines += ["", "Why it matters", wrap(found.docs.why)]
    if found.docs.better:
        title = "Suggested wording" if found.kind == "disclosure" else "A better way to say it"
        lines += ["", title, wrap(found.docs.better)]
    lines += ["", "Sources"] + [f"  - {source}" for source in found.docs.sources]
    lines += ["", "Examples that are reported"] + [f"  x {_example_text(example.text)}" for example in found.fail_examples]
    lines += ["", "Examples that are fine"] + [f"  + {_example_text(example.text)}" for example in found.pass_examples]
    lines += ["", f"Defined in {found.origin}"]
    click.echo("\n".join(lines))


def _first_sentence(text: str) -> str:
    """The first sentence of a rule's description, on one line."""
    import re

    flat = " ".join(text.split())
    end = re.search(r"(?<=[.!?])\s", flat)
    return flat[: end.start()] if end else flat


def _report_grammar(linter: Any) -> bool:
    """Print the grammar engine's notices (once per run); True when a required engine failed."""
    messages, failed = linter.grammar.outcome()
    for message in messages:
        click.echo(f"kaplint: {message}", err=True)
    return failed


def _fixable_targets(results: list, targets: list, unsafe: bool) -> list[tuple[Any, Any]]:
    """(result, target) pairs of the files that have a fix to apply."""
    from kaplint.fixes import fixable

    by_display = {target.display: target for target in targets}
    return [
        (result, by_display[result.path])
        for result in results
        if result.path in by_display and fixable(result.findings, unsafe)
    ]


def _print_diff(linter: Any, results: list, targets: list, unsafe: bool) -> int:
    """Print what --fix would change; the exit code says whether anything would."""
    from kaplint.fixes import fix_file

    changed = 0
    for result, target in _fixable_targets(results, targets, unsafe):
        fixed = fix_file(target.path, target.display, result.findings, unsafe, write=False, encoding=linter.encoding)
        if fixed.changed:
            changed += 1
            click.echo(fixed.diff(), nl=False)
    click.echo(f"{changed} file{'s' if changed != 1 else ''} would be changed.", err=True)
    return EXIT_FINDINGS if changed else EXIT_CLEAN


def _fix_and_relint(linter: Any, results: list, targets: list, unsafe: bool) -> tuple[list, int]:
    """Apply the fixes file by file, then lint the changed files again so the report shows what is left.

    Returns the results and how many files could not be fixed (the run then exits 2)."""
    from kaplint.files import FileChangedError
    from kaplint.fixes import fix_file

    fixed_count = files = failures = 0
    by_path = {result.path: index for index, result in enumerate(results)}
    for result, target in _fixable_targets(results, targets, unsafe):
        try:
            fixed = fix_file(target.path, target.display, result.findings, unsafe, write=True, encoding=linter.encoding)
        except FileChangedError:
            click.echo(
                f"kaplint: {target.display} changed on disk while it was being fixed; it was left as it is. Run kaplint again.",
                err=True,
            )
            failures += 1
            continue
        except InputProblem as problem:
            click.echo(f"kaplint: could not fix {target.display}: {problem.message}", err=True)
            failures += 1
            continue
        except (OSError, UnicodeError) as error:
            click.echo(f"kaplint: could not fix {target.display}: {error}; the file was left as it was.", err=True)
            failures += 1
            continue
        if fixed.changed:
            fixed_count += fixed.applied
            files += 1
            results[by_path[result.path]] = linter.lint_path(target.path, target.display)
    click.echo(f"Fixed {fixed_count} problem{'s' if fixed_count != 1 else ''} in {files} file{'s' if files != 1 else ''}.", err=True)
    return results, failures


def _resolve_format(output_format: str, output: str | None) -> str:
    """``auto``: annotations inside GitHub Actions, else text (coloured only on a terminal, see _use_color)."""
    if output_format != AUTO_FORMAT:
        return output_format
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" and not output else "text"


def _narrow_results(results: list, baseline_path: str | None, update_baseline: bool, changed_since: str | None) -> Any:
    """Apply --changed-since, then --baseline (writing it first with --update-baseline); returns the baseline outcome."""
    if changed_since:
        from kaplint.changed_lines import GitError, changed_lines, keep_changed

        try:
            keep_changed(results, changed_lines(changed_since))
        except GitError as error:
            raise UsageProblem(str(error)) from None
    if not baseline_path:
        return None
    from kaplint.baseline import BaselineError, apply_baseline, load_baseline, write_baseline

    path = Path(baseline_path)
    try:
        if update_baseline:
            entries = write_baseline(path, results)
            total = sum(len(result.findings) for result in results)
            click.echo(f"Wrote {baseline_path}: {entries} entries for {total} finding{'s' if total != 1 else ''}.", err=True)
        return apply_baseline(path, results, load_baseline(path))
    except BaselineError as error:
        raise UsageProblem(str(error)) from None
    except OSError as error:
        raise UsageProblem(f"cannot write {baseline_path}: {error.strerror or error}") from None


def _example_text(text: str | bytes) -> str:
    if isinstance(text, bytes):
        return f"(raw bytes: {text[:40]!r})"
    return text.replace("\n", " \u21b5 ")


STARTER_CONFIG = """\
# kaplint configuration. Every key is optional; see the README for details.

# Rules to run: codes (KAP305), names (not-addictive), categories (claims) or ALL.
# select = ["ALL"]
# extend-select = ["unused-suppression"]
# ignore = []

# The lowest severity that makes kaplint exit with code 1: error, warning or suggestion.
fail-on = "error"

# Texts shorter than this many words (reminders, text messages) get no disclosure checklist; 0 checks all.
# disclosure-min-words = 40

# Gitignore-style patterns of files and folders not to lint (added to the defaults).
# extend-exclude = ["drafts/", "archive/**"]

# Rules to skip for some files.
# [per-file-ignores]
# "legal/*.md" = ["readability"]

# Settings for groups of files: profile (web, handout, consent, prep, integration, email, transactional),
# rules to ignore, and severity changes.
# [[overrides]]
# files = ["consent/**"]
# profile = "consent"

# Change a rule's severity everywhere.
# [severity]
# street-names = "error"

# Words and phrases kaplint should never flag in this project.
# [vocabulary]
# accept = ["Harbor Light Ketamine Clinic"]
"""


@main.command()
@click.option("--pyproject", is_flag=True, help="Add a [tool.kaplint] table to pyproject.toml instead of writing kaplint.toml.")
@click.option("--force", is_flag=True, help="Overwrite an existing kaplint.toml.")
def init(pyproject: bool, force: bool) -> None:
    """Write a commented starter configuration in the current folder."""
    if pyproject:
        path = Path("pyproject.toml")
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        if "[tool.kaplint" in existing:
            raise UsageProblem("pyproject.toml already has a [tool.kaplint] table; edit it directly")
        body = STARTER_CONFIG.replace("# [per-file-ignores]", "# [tool.kaplint.per-file-ignores]")
        body = body.replace("# [[overrides]]", "# [[tool.kaplint.overrides]]").replace("# [severity]", "# [tool.kaplint.severity]")
        body = body.replace("# [vocabulary]", "# [tool.kaplint.vocabulary]")
        lines = body.splitlines()
        first_table = next(index for index, line in enumerate(lines) if line.startswith("fail-on"))
        body = "\n".join(lines[:first_table] + ["[tool.kaplint]"] + lines[first_table:]) + "\n"
        write_atomically(path, (existing + ("\n" if existing and not existing.endswith("\n\n") else "") + body).encode("utf-8"))
        click.echo("Added [tool.kaplint] to pyproject.toml.")
        return
    path = Path("kaplint.toml")
    if path.exists() and not force:
        raise UsageProblem("kaplint.toml already exists; use --force to overwrite it")
    write_atomically(path, STARTER_CONFIG.encode("utf-8"))
    click.echo("Wrote kaplint.toml.")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="Write the reviewed Word file here (default: FILE.kaplint.docx beside FILE).")
@_selection_options
@click.option("--config", "config_path", type=click.Path(path_type=str), help="Use this configuration file instead of searching for one.")
@click.option("--encoding", "legacy_encoding", metavar="NAME", help="Read a text file that is not UTF-8 in this encoding (e.g. cp1252).")
def review(
    path: Path,
    output: Path | None,
    selection: Selection,
    config_path: str | None,
    legacy_encoding: str | None,
) -> None:
    """Write kaplint's findings on PATH into a Word file as comments.

    A .docx is copied (the original is never touched) with one comment per finding on the
    words it is about and a summary on the title; Markdown, text and HTML become a new Word
    document of their text with the same comments. Settings and the exit code are those of
    'kaplint check' on the same file."""
    from kaplint.engine import Linter
    from kaplint.files import display_path
    from kaplint.word.review import ReviewContext, export_docx, review_docx

    config = _load_config(config_path)
    try:
        encoding = parse_encoding(legacy_encoding) if legacy_encoding else None
        linter = Linter(config, selection.run_options(encoding=encoding))
    except (ConfigError, RulePackError, BundledDataMissing) as error:
        raise UsageProblem(str(error)) from None
    fmt = detect_format(str(path))
    if fmt is None:
        raise UsageProblem(f"{path}: kaplint reviews Word (.docx), Markdown, MDX, text and HTML files")
    target = output or path.with_name(f"{path.stem}.kaplint.docx")
    if target.suffix.lower() != ".docx":
        raise UsageProblem(f"{target}: the review is a Word file; name it with .docx")
    if target.exists() and target.resolve() == path.resolve():
        raise UsageProblem(f"{target}: kaplint never writes over the file it reviews; choose another --output")
    display = display_path(path)
    try:  # read and parse once: the same bytes and document are linted and written back
        data = linter.read_path(path)
        document = linter.load_bytes(display, data, fmt)
    except InputProblem as problem:  # reported even when the input rules are ignored: there is nothing to review
        click.echo(f"{display}: {problem.message}", err=True)
        sys.exit(EXIT_ERROR)
    result = linter.lint_document(document)
    if any(finding.category == "input" for finding in result.findings):
        for finding in result.findings:
            if finding.category == "input":
                click.echo(f"{display}:{finding.line}:{finding.column}: {finding.message}", err=True)
        sys.exit(EXIT_ERROR)
    context = ReviewContext(
        rules_by_id=linter.rules_by_id,
        fail_on=selection.fail_on_severity(config),
        grade_targets=_grade_targets(linter),
    )
    reviewed = review_docx(data, result, context) if fmt == "docx" else export_docx(document, result, context)
    write_atomically(target, reviewed.data)
    failing = sum(1 for finding in result.findings if finding.severity >= context.fail_on)
    click.echo(
        f"Wrote {display_path(target)}: {reviewed.comments} comment{'s' if reviewed.comments != 1 else ''} "
        f"({len(result.findings)} finding{'s' if len(result.findings) != 1 else ''}, {failing} must-fix).",
        err=True,
    )
    sys.exit(EXIT_FINDINGS if failing and not selection.exit_zero else EXIT_CLEAN)


def _grade_targets(linter: Any) -> dict[str, Any]:
    """The reading-grade rule's warning threshold per profile (the target), when it is active."""
    rule = next((rule for rule in linter.index.rules if rule.name == "reading-grade"), None)
    return dict(rule.params.get("warning-above", {})) if rule is not None else {}


@main.command()
def server() -> None:
    """Run the language server (LSP over standard input and output) for editors.

    Needs the optional extra: pip install 'kaplint[server]'. docs/editors.md shows how to set up
    VS Code, Neovim, Helix, Zed, Sublime Text and Emacs."""
    try:
        from kaplint.server.app import run
    except ImportError as error:
        raise UsageProblem(f"the language server needs pygls ({error}); install it with: pip install 'kaplint[server]'") from None
    run()


if __name__ == "__main__":  # pragma: no cover
    main()
