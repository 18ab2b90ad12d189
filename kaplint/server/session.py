"""What the server knows between requests: the client's settings, and a linter per configuration.

Each document is linted with the configuration ``kaplint check`` would use for its file (the
nearest kaplint.toml or pyproject.toml with [tool.kaplint] above it), refined by the settings
the client sends (``initializationOptions`` or ``workspace/didChangeConfiguration``: select,
ignore, profile). Building a linter compiles every rule pack, so one is kept per configuration
file and settings, and rebuilt when that file changes on disk or the client's settings change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaplint.config import Config, find_config, load_config
from kaplint.engine import DocumentResult, Linter, RunOptions
from kaplint.loaders import detect_format

# Formats an editor edits as text; .docx is reviewed with 'kaplint review', not in an editor.
EDITOR_FORMATS = ("markdown", "mdx", "text", "html")


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(str(item).strip() for item in value if str(item).strip())


@dataclass(frozen=True)
class ClientSettings:
    """Settings an editor sends, as on the command line: --select, --ignore, --profile."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    profile: str | None = None

    @classmethod
    def parse(cls, data: Any) -> "ClientSettings":
        """Read ``{"select": [...], "ignore": [...], "profile": "web"}``, also nested under "kaplint"."""
        if isinstance(data, dict) and isinstance(data.get("kaplint"), dict):
            data = data["kaplint"]
        if not isinstance(data, dict):
            return cls()
        profile = data.get("profile")
        return cls(
            select=_names(data.get("select")) or None,
            ignore=_names(data.get("ignore")),
            profile=str(profile) if isinstance(profile, str) and profile.strip() else None,
        )


class Session:
    """Linters by configuration, and the client's settings."""

    def __init__(self) -> None:
        self.settings = ClientSettings()
        self._linters: dict[tuple[str, int, ClientSettings], Linter] = {}

    def set_settings(self, settings: ClientSettings) -> None:
        self.settings = settings
        self._linters.clear()

    def forget_configurations(self) -> None:
        """Rebuild every linter on next use (a configuration file changed)."""
        self._linters.clear()

    def config_path(self, path: Path) -> Path | None:
        return find_config(path.parent)

    def linter_for(self, path: Path) -> Linter:
        """The linter for a document at ``path``; ConfigError or RulePackError when its configuration is broken."""
        config_file = self.config_path(path)
        stamp = config_file.stat().st_mtime_ns if config_file is not None else 0
        key = (str(config_file), stamp, self.settings)
        linter = self._linters.get(key)
        if linter is None:
            config = load_config(config_file) if config_file is not None else Config(root=path.parent)
            options = RunOptions(select=self.settings.select, ignore=self.settings.ignore, profile=self.settings.profile)
            linter = Linter(config, options)
            self._linters = {item: value for item, value in self._linters.items() if item[0] != key[0]}
            self._linters[key] = linter
        return linter

    def any_rules(self) -> tuple[Any, ...]:
        """The rules of a linter in use (for explanations), or the bundled ones."""
        for linter in self._linters.values():
            return linter.index.rules
        from kaplint.rulepacks import load_rules

        return tuple(load_rules())

    def lint(self, path: Path, text: str) -> tuple[Linter, DocumentResult] | None:
        """Lint the editor's ``text`` of ``path`` with its linter; None for a format kaplint does not
        lint in editors (a .docx is reviewed with 'kaplint review')."""
        fmt = detect_format(str(path))
        if fmt not in EDITOR_FORMATS:
            return None
        linter = self.linter_for(path)
        return linter, linter.lint_bytes(str(path), text.encode("utf-8"), fmt)
