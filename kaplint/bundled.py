"""Where kaplint's bundled data lives: the ``rules/`` folder shipped with the package.

Kept apart from :mod:`kaplint.rulepacks` so that kinds and other readers of the
bundled data files (vocabularies, lexicons) never import the rule-pack loader,
which itself imports the kinds.
"""

from __future__ import annotations

from pathlib import Path


class BundledDataMissing(Exception):
    """The installed package has no ``rules/`` folder (a broken installation)."""


def bundled_rules_dir() -> Path:
    """The bundled ``rules/`` folder: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise BundledDataMissing(
        f"kaplint's bundled rules were not found next to {package}; reinstall kaplint (pip install --force-reinstall kaplint)."
    )
