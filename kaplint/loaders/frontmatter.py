"""YAML front matter: metadata at the top of a file.

Its settings (profile, ``kaplint:``) are never prose; the few keys readers see
(title, description, an email's subject and preheader) become prose blocks in
:mod:`kaplint.loaders.frontmatter_prose`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kaplint.loaders.decoding import InputProblem

_OPENING = re.compile(r"\A---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    body_offset: int  # source offset where the body starts
    problem: InputProblem | None = None
    yaml_offset: int = 0  # source offset where the YAML text starts (after the opening ---)
    yaml_end: int = 0  # source offset where it ends (the closing --- line)


_YAML_KEY = re.compile(r"[ \t]*[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)", re.MULTILINE)


def split_front_matter(text: str) -> FrontMatter:
    """Find a leading ``---`` YAML block. Broken YAML is reported, not raised."""
    opening = _OPENING.match(text)
    if not opening:
        return FrontMatter({}, 0)
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        if _YAML_KEY.match(text, opening.end()):  # "---" then "title: ...": front matter someone forgot to close
            return FrontMatter(
                {},
                0,
                InputProblem(
                    "malformed-front-matter",
                    "The front matter that starts on line 1 is never closed with a line '---'; it was read as "
                    "text, so this file's profile and settings fall back to the configuration.",
                    1,
                    1,
                ),
            )
        return FrontMatter({}, 0)
    body_offset = closing.end() + 1 if closing.end() < len(text) else closing.end()
    raw = text[opening.end() : closing.start()]
    yaml_offset = opening.end()
    first_line = 2
    # Imported here, not at the top: most pages have no front matter, and importing PyYAML
    # costs a single-file run more than reading a short page.
    import yaml

    try:
        # libyaml's safe loader when PyYAML was built with it: same results, several times faster.
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return FrontMatter(
            {},
            body_offset,
            InputProblem(
                "malformed-front-matter",
                f"The front matter is not valid YAML ({problem}); it was ignored, so this "
                "file's profile and settings fall back to the configuration.",
                line,
                column,
            ),
        )
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(
            {},
            body_offset,
            InputProblem(
                "malformed-front-matter",
                "The front matter must be a YAML mapping (key: value lines); it was ignored.",
                first_line,
                1,
            ),
        )
    return FrontMatter(data, body_offset, yaml_offset=yaml_offset, yaml_end=closing.start())
