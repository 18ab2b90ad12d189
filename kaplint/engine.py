"""The engine: which rules run on a file, running them, and turning matches into findings.

Rules return matches in block coordinates; this module maps them through each
block's source map to exact lines and columns, stamps the rule's identity and
severity, and then applies, in order: per-file settings (profile, ignores,
severity), front matter settings and inline suppression comments.

The kinds (and the statement analysis they use) are imported when a document is
linted, not when the linter is built: a run whose every result comes from the
result cache builds a linter for the cache key and lints nothing.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kaplint.config import Config, ConfigError, close_matches, locate_key, locate_value
from kaplint.finding import Finding, Fix, Match, Severity
from kaplint.globs import glob_matches
from kaplint.loaders import InputProblem, detect_format, load, unreadable_document
from kaplint.profiles import DEFAULT_PROFILE, PROFILES
from kaplint.rulepacks import Rule, RulePackError, load_rules
from kaplint.selection import RuleIndex, SelectorError

if TYPE_CHECKING:  # pragma: no cover
    from kaplint.text.document import Document

FRONT_MATTER_KEYS = ("profile", "ignore")


@dataclass(frozen=True)
class RunOptions:
    """Command-line choices that refine the configuration for one run."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    profile: str | None = None
    max_file_size: int | None = None
    encoding: str | None = None  # --encoding: the legacy encoding of files that are not UTF-8
    grammar: bool = False  # --grammar: check grammar and spelling, and fail if the engine is unavailable


@dataclass
class DocumentResult:
    """Everything kaplint found out about one input."""

    path: str
    format: str
    profile: str
    findings: list[Finding] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    source: str = ""  # normalised source text, for reporters that show context

    def severity_counts(self) -> Counter[Severity]:
        """How many findings there are of each severity: all a report's summary and exit code need,
        so a result read from the cache can answer without decoding its findings."""
        return Counter(finding.severity for finding in self.findings)


class Linter:
    """Lints documents with one fixed configuration. Build once per run."""

    def __init__(self, config: Config, options: RunOptions | None = None, rules: list[Rule] | None = None) -> None:
        self.config = config
        self.options = options or RunOptions()
        loaded = load_rules(list(config.extend_rules)) if rules is None else rules
        self.index = RuleIndex(tuple(loaded))  # to look up the rules named in rule-options
        self.index = RuleIndex(tuple(self._apply_rule_options(loaded)))
        self.rules_by_id = {rule.id: rule for rule in self.index.rules}
        self.selected = self._selection()
        self.grammar = self._start_grammar()
        self.severity = self._severity_map(config.severity, "severity")
        self.per_file_ignores = [
            (glob, self._resolve(selectors, f"per-file-ignores.{glob}")) for glob, selectors in config.per_file_ignores.items()
        ]
        self.overrides = [
            (
                override,
                self._resolve(override.ignore, "overrides.ignore"),
                self._severity_map(override.severity, "overrides.severity"),
            )
            for override in config.overrides
        ]
        self.max_file_size = self.options.max_file_size if self.options.max_file_size is not None else config.max_file_size
        self.encoding = self.options.encoding or config.encoding

    @functools.cached_property
    def accepted(self) -> re.Pattern[str] | None:
        """The project's accepted vocabulary as one pattern, built when a document is first linted."""
        return accepted_pattern(self.config.accepted_terms)

    def prepare_checks(self) -> None:
        """Decode the selected rules' compiled parameters (importing their kinds) and build the
        accepted vocabulary now, rather than at the first document: workers forked afterwards
        then inherit them instead of each building its own."""
        for rule_id in sorted(self.selected):
            self.rules_by_id[rule_id].compiled  # noqa: B018 - decoded on first access, kept by the rule
        self.accepted  # noqa: B018 - built on first access, kept by the linter

    # Set-up ---------------------------------------------------------------
    def _resolve(self, selectors: tuple[str, ...] | list[str], where: str) -> frozenset[str]:
        try:
            return self.index.resolve_all(selectors, where)
        except SelectorError as error:
            # say where in the configuration the bad name stands ("pyproject.toml:3: ignore: unknown rule ...")
            bad = next((selector for selector in selectors if not self._resolves(selector)), None)
            place = locate_value(self.config.path, bad) if bad is not None else None
            raise ConfigError(f"{place}: {error}" if place else str(error)) from None

    def _resolves(self, selector: str) -> bool:
        try:
            self.index.resolve(selector)
        except SelectorError:
            return False
        return True

    def _apply_rule_options(self, rules: list[Rule]) -> list[Rule]:
        if not self.config.rule_options and not self.config.disclosure_levels and not self.config.preferred_terms:
            return rules
        by_id = {rule.id: rule for rule in rules}
        if self.config.preferred_terms:
            for rule in rules:
                if rule.kind == "preferred-term":
                    try:
                        by_id[rule.id] = rule.with_params({"prefer": dict(self.config.preferred_terms)})
                    except RulePackError as error:
                        raise ConfigError(f"{locate_key(self.config.path, 'vocabulary', 'prefer')}: vocabulary.prefer: {error}") from None
        by_element = {rule.params.get("element"): rule for rule in rules if rule.kind == "disclosure"}
        for element, levels in self.config.disclosure_levels.items():
            rule = by_element.get(element)
            if rule is None:
                close = close_matches(element, [str(item) for item in by_element])
                hint = f"; did you mean {close[0]!r}?" if close else "; 'kaplint rules disclosure' lists them"
                raise ConfigError(f"{locate_key(self.config.path, 'disclosures', element)}: unknown disclosure element {element!r}{hint}")
            by_id[rule.id] = by_id[rule.id].with_params({"levels": levels})
        for key, options in self.config.rule_options.items():
            rule = self.index.by_key(key)
            if rule is None:
                close = close_matches(key, [item.name for item in rules])
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise ConfigError(f"{locate_key(self.config.path, 'rule-options', key)}: rule-options: unknown rule {key!r}{hint}")
            try:
                by_id[rule.id] = by_id[rule.id].with_params(options)
            except RulePackError as error:
                named = next((name for name in options if repr(name) in str(error)), None)
                place = locate_key(self.config.path, "rule-options", key, *([named] if named else []))
                raise ConfigError(f"{place}: {error}") from None
        return [by_id[rule.id] for rule in rules]

    def _selection(self) -> frozenset[str]:
        select = self.options.select if self.options.select is not None else self.config.select
        if select is None:
            chosen = {rule.id for rule in self.index.rules if rule.enabled}
        else:
            chosen = set(self._resolve(select, "select"))
        chosen |= self._resolve((*self.config.extend_select, *self.options.extend_select), "extend-select")
        chosen = self._with_grammar_rules(chosen)
        chosen -= self._resolve((*self.config.ignore, *self.options.ignore), "ignore")
        return frozenset(chosen)

    # Grammar and spelling (issue 7) ----------------------------------------------
    def _with_grammar_rules(self, chosen: set[str]) -> set[str]:
        """Grammar rules run exactly when configuration or --grammar switches grammar checks
        on (``select = ["ALL"]`` alone never starts an engine)."""
        from kaplint.grammar.run import switched_on

        grammar_rules = {rule.id for rule in self.index.rules if rule.kind == "grammar"}
        if switched_on(self.config.grammar, self.options.grammar):
            return chosen | grammar_rules
        return chosen - grammar_rules

    def _start_grammar(self) -> Any:
        """The run's grammar engine when a grammar rule is selected (raises GrammarUnavailable,
        a ConfigError, when it is required and cannot be used)."""
        from kaplint.grammar.run import GrammarRun

        wanted = any(self.rules_by_id[rule_id].kind == "grammar" for rule_id in self.selected)
        run = GrammarRun.start(self.config.grammar, self.options.grammar, wanted)
        if wanted and run.checker is None:  # optional and unavailable: the other rules still run
            self.selected = frozenset(rule_id for rule_id in self.selected if self.rules_by_id[rule_id].kind != "grammar")
        return run

    def _severity_map(self, mapping: dict[str, str], where: str) -> dict[str, Severity]:
        result: dict[str, Severity] = {}
        for selector, level in mapping.items():
            for rule_id in self._resolve([selector], where):
                result[rule_id] = Severity.parse(level)
        return result

    # Per-file settings ----------------------------------------------------
    def _relative(self, path: str) -> str:
        candidate = Path(path)
        try:
            return candidate.resolve().relative_to(self.config.root.resolve()).as_posix()
        except (ValueError, OSError):
            return candidate.as_posix()

    def file_settings(self, path: str) -> tuple[str | None, frozenset[str], dict[str, Severity]]:
        """(profile from config, rules ignored for this file, severity overrides) for ``path``."""
        relative = self._relative(path)
        ignored: set[str] = set()
        severity = dict(self.severity)
        profile = None
        for glob, rule_ids in self.per_file_ignores:
            if glob_matches(glob, relative):
                ignored |= rule_ids
        for override, rule_ids, override_severity in self.overrides:
            if any(glob_matches(glob, relative) for glob in override.files):
                ignored |= rule_ids
                severity.update(override_severity)
                if override.profile:
                    profile = override.profile
        return profile, frozenset(ignored), severity

    # Linting --------------------------------------------------------------
    def lint_path(self, path: Path, display: str) -> DocumentResult:
        """Read and lint one file; unreadable files become ``input`` findings."""
        fmt = detect_format(str(path)) or "text"
        try:
            data = self.read_path(path)
        except InputProblem as problem:
            return self._input_result(display, fmt, problem)
        return self.lint_bytes(display, data, fmt)

    def lint_bytes(self, display: str, data: bytes, fmt: str | None = None) -> DocumentResult:
        """Lint file contents; ``display`` names the file in reports and picks per-file settings."""
        fmt = fmt or detect_format(display) or "text"
        try:
            document = self.load_bytes(display, data, fmt)
        except InputProblem as problem:
            return self._input_result(display, fmt, problem)
        result = self.lint_document(document)
        # The analyses the rules shared refer back to the document (a statement finder keeps it),
        # so without this they would wait for the garbage collector while the report is written:
        # on a 4 MB file, some 70 MB more at the peak. Nothing reads this document again.
        document.memo.clear()
        return result

    def read_path(self, path: Path) -> bytes:
        """A file's bytes, refusing one over the size limit before reading it; raises InputProblem."""
        try:
            size = path.stat().st_size
            if size > self.max_file_size:
                raise InputProblem("file-too-large", _too_large(size, self.max_file_size))
            return path.read_bytes()
        except OSError as error:
            raise InputProblem("unreadable-file", f"kaplint could not read this file: {error.strerror or error}.") from None

    def load_bytes(self, display: str, data: bytes, fmt: str) -> Document:
        """The document model of file contents with this run's limits and encoding; raises InputProblem."""
        unreadable = unreadable_document(display)
        if unreadable is not None:  # an .rtf or .pdf named explicitly: its markup is not prose
            raise unreadable
        if len(data) > self.max_file_size:
            raise InputProblem("file-too-large", _too_large(len(data), self.max_file_size))
        return load(display, data, fmt, self.max_file_size, self.encoding)

    def lint_document(self, document: Document) -> DocumentResult:
        """Run every applicable rule on a loaded document."""
        from kaplint.checklist import disclosure_checklist
        from kaplint.kinds import KINDS, CheckContext

        config_profile, ignored, severity = self.file_settings(document.path)
        findings: list[Finding] = []
        for problem in document.problems:
            findings.extend(self._input_findings(document.path, problem, severity, ignored, document))
        profile, front_ignored, setting_findings = self._front_matter_settings(document, config_profile, severity)
        findings.extend(setting_findings)
        active = [
            self.rules_by_id[rule_id]
            for rule_id in sorted(self.selected - ignored - front_ignored)
            if profile in self.rules_by_id[rule_id].profiles and self.rules_by_id[rule_id].kind != "input"
        ]
        if _too_short_for_disclosures(document, self.config.disclosure_min_words):
            active = [rule for rule in active if rule.kind != "disclosure"]
        context = CheckContext(profile=profile, accepted=self.accepted, grammar=self.grammar.checker)
        seen: set[tuple[str, int, int, str]] = set()
        for rule in active:
            for match in KINDS[rule.kind].check(rule, rule.compiled, document, context):
                finding = self._finding(document, rule, match, severity)
                key = (finding.rule, finding.offset, finding.end_offset, finding.message)
                if key not in seen:  # a rule that reaches the same words twice reports them once
                    seen.add(key)
                    findings.append(finding)
        reported = {finding.rule for finding in findings if finding.category == "disclosure"}
        findings = self._apply_suppressions(document, findings, severity, ignored | front_ignored)
        suppressed = reported - {finding.rule for finding in findings}
        findings.sort(key=Finding.sort_key)
        result = DocumentResult(document.path, document.format, profile, findings, source=document.source)
        result.metrics = document_metrics(document)
        checklist = disclosure_checklist(document, active, profile, severity, suppressed)
        if checklist is not None:
            result.metrics["disclosures"] = checklist
        for rule in active:
            entry = KINDS[rule.kind].metrics(rule, rule.compiled, document, context)
            if entry is not None:
                result.metrics[entry[0]] = entry[1]
        return result

    # Findings ---------------------------------------------------------------
    def _finding(self, document: Document, rule: Rule, match: Match, severity: dict[str, Severity]) -> Finding:
        lines = document.lines
        fix = None
        if match.block_index is None:
            start = end = match.anchor_offset if match.anchor_offset is not None else document.body_offset
            matched = ""
        else:
            block = document.blocks[match.block_index]
            start, end = block.source_span(match.start, match.end)
            matched = block.text[match.start : match.end]
            if match.replacement is not None and document.source[start:end] == matched and document.format != "docx":
                fix = Fix(document.original_offset(start), document.original_offset(end), match.replacement, match.fix_safe)
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        level = severity.get(rule.id) or match.severity or rule.severity
        return Finding(
            path=document.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            offset=document.original_offset(start),
            end_offset=document.original_offset(end),
            rule=rule.id,
            name=rule.name,
            category=rule.category,
            severity=level,
            message=match.message,
            match=matched,
            suggestions=match.suggestions,
            fix=fix,
            element=match.element,
        )

    def _input_findings(
        self,
        path: str,
        problem: InputProblem,
        severity: dict[str, Severity],
        ignored: frozenset[str],
        document: Document | None = None,
    ) -> list[Finding]:
        rule = self.index.by_key(problem.rule)
        if rule is None or rule.id not in self.selected or rule.id in ignored:
            return []
        offset = 0
        if document is not None and problem.line <= len(document.lines.line_starts):
            offset = min(document.lines.offset(problem.line, problem.column), len(document.source))
            offset = document.original_offset(offset)
        return [
            Finding(
                path=path,
                line=problem.line,
                column=problem.column,
                end_line=problem.line,
                end_column=problem.column,
                offset=offset,
                end_offset=offset,
                rule=rule.id,
                name=rule.name,
                category=rule.category,
                severity=severity.get(rule.id, rule.severity),
                message=problem.message,
                match="",
            )
        ]

    def _input_result(self, display: str, fmt: str, problem: InputProblem) -> DocumentResult:
        profile, ignored, severity = self.file_settings(display)
        findings = self._input_findings(display, problem, severity, ignored)
        return DocumentResult(display, fmt, profile or self.options.profile or DEFAULT_PROFILE, findings)

    def _setting_problem(self, document: Document, key: str, message: str, severity: dict[str, Severity]) -> list[Finding]:
        line = _front_matter_line(document, key)
        problem = InputProblem("invalid-settings", message, line, 1)
        return self._input_findings(document.path, problem, severity, frozenset(), document)

    def _front_matter_settings(
        self, document: Document, config_profile: str | None, severity: dict[str, Severity]
    ) -> tuple[str, frozenset[str], list[Finding]]:
        profile = config_profile or self.options.profile or DEFAULT_PROFILE
        settings = document.front_matter.get("kaplint") if document.front_matter else None
        findings: list[Finding] = []
        ignored: frozenset[str] = frozenset()
        if settings is None:
            return profile, ignored, findings
        if not isinstance(settings, dict):
            findings += self._setting_problem(
                document, "kaplint", "The 'kaplint' front matter must be a mapping, e.g. 'kaplint: {profile: consent}'.", severity
            )
            return profile, ignored, findings
        for key in settings:
            if key not in FRONT_MATTER_KEYS:
                close = close_matches(str(key), FRONT_MATTER_KEYS)
                hint = f" Did you mean {close[0]!r}?" if close else f" Valid keys: {', '.join(FRONT_MATTER_KEYS)}."
                findings += self._setting_problem(document, str(key), f"Unknown kaplint front matter key {key!r}.{hint}", severity)
        if "profile" in settings:
            value = settings["profile"]
            if value in PROFILES:
                profile = value
            else:
                close = close_matches(str(value), PROFILES)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                findings += self._setting_problem(
                    document,
                    "profile",
                    f"Unknown profile {value!r} (use one of {', '.join(PROFILES)}); checked as {profile!r} instead.{hint}",
                    severity,
                )
        if "ignore" in settings:
            value = settings["ignore"]
            selectors = [value] if isinstance(value, str) else value
            if not isinstance(selectors, list) or not all(isinstance(item, str) for item in selectors):
                findings += self._setting_problem(document, "ignore", "'ignore' must be a list of rule codes or names.", severity)
            else:
                resolved: set[str] = set()
                for selector in selectors:
                    try:
                        resolved |= self.index.resolve(selector)
                    except SelectorError as error:
                        findings += self._setting_problem(document, "ignore", f"In front matter 'ignore': {_sentence(str(error))}", severity)
                ignored = frozenset(resolved)
        return profile, ignored, findings

    def _apply_suppressions(
        self, document: Document, findings: list[Finding], severity: dict[str, Severity], ignored: frozenset[str]
    ) -> list[Finding]:
        if not document.directives:
            return findings
        from kaplint.suppressions import ACTIONS, SuppressionFilter, is_known

        extra: list[Finding] = []

        def resolve(name: str) -> frozenset[str]:
            try:
                return self.index.resolve(name)
            except SelectorError:
                return frozenset()

        for directive in document.directives:
            if not is_known(directive):
                line, column = document.lines.position(directive.offset)
                guess = close_matches(directive.action, ACTIONS)
                hint = f" Did you mean kaplint-{guess[0]}?" if guess else ""
                problem = InputProblem(
                    "invalid-settings",
                    f"Unknown kaplint comment 'kaplint-{directive.action}'; it changes nothing.{hint} "
                    f"Directives: {', '.join('kaplint-' + action for action in ACTIONS)}.",
                    line,
                    column,
                )
                extra += self._input_findings(document.path, problem, severity, ignored, document)
                continue
            for name in directive.rules:
                try:
                    self.index.resolve(name)
                except SelectorError as error:
                    line, column = document.lines.position(directive.offset)
                    problem = InputProblem("invalid-settings", f"In a kaplint comment: {_sentence(str(error))}", line, column)
                    extra += self._input_findings(document.path, problem, severity, ignored, document)
        known = [directive for directive in document.directives if is_known(directive)]
        suppression = SuppressionFilter.from_directives(known, document.lines, resolve)
        kept = [
            finding
            for finding in findings
            if finding.category == "input" or not suppression.suppresses(finding.line, finding.rule)
        ]
        for directive in suppression.unused():
            line, column = document.lines.position(directive.offset)
            names = ", ".join(directive.rules) or "all rules"
            problem = InputProblem(
                "unused-suppression",
                f"This kaplint-{directive.action} comment ({names}) suppresses nothing; remove it.",
                line,
                column,
            )
            extra += self._input_findings(document.path, problem, severity, ignored, document)
        return kept + extra


def accepted_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for the accepted vocabulary, matched like phrase terms (any case, inflections)."""
    if not terms:
        return None
    from kaplint.kinds.phrase import term_regex

    alternatives = sorted((term_regex(term, True) for term in terms), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)


def _sentence(text: str) -> str:
    """End ``text`` with a full stop unless it already ends a sentence."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _too_large(size: int, limit: int) -> str:
    return (
        f"The file is {_human_size(size)}, over the {_human_size(limit)} limit; it was not linted. "
        "Split it, or raise the limit with --max-file-size or 'max-file-size' in the configuration."
    )


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _front_matter_line(document: Document, key: str) -> int:
    head = document.source[: document.body_offset]
    found = re.search(rf"(?<![\w-]){re.escape(key)}\s*:", head)
    if not found:
        return 1
    return head.count("\n", 0, found.start()) + 1


def _too_short_for_disclosures(document: Document, min_words: int) -> bool:
    """Whether ``document`` is a message too short for the disclosure checklist (a reminder, an SMS).

    Counted only up to ``min_words``, so long documents cost nothing; 0 checks every text.
    """
    if min_words <= 0:
        return False
    from kaplint.text.segmentation import word_count

    count = 0
    for block in document.blocks:
        count += word_count(block.text, min_words - count)
        if count >= min_words:
            return False
    return True


def document_metrics(document: Document) -> dict[str, Any]:
    """The report's per-document ``metrics``: prose size and readability."""
    from kaplint.text.segmentation import segment, word_count
    from kaplint.readability import readability

    return {
        "text": {
            "blocks": len(document.blocks),
            "sentences": len(segment(document).sentences),
            "words": sum(word_count(block.text) for block in document.blocks),
        },
        "readability": readability(document).metrics(),
    }
