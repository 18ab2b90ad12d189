"""Adding a word to the project's accepted vocabulary from the editor.

The word goes into ``accept`` of the ``[vocabulary]`` table (``[tool.kaplint.vocabulary]`` in
pyproject.toml) of the configuration kaplint uses for the document, edited as text so the
file's comments and layout stay as they are; with no configuration file a ``kaplint.toml``
is created in the document's folder. The result is parsed before it is written, so a file kaplint
cannot edit safely is left alone with a clear message.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from kaplint.files import write_atomically


class VocabularyError(Exception):
    """The configuration could not be edited; the message says what to do instead."""


def _table_name(config_file: Path) -> str:
    return "tool.kaplint.vocabulary" if config_file.name == "pyproject.toml" else "vocabulary"


def _accepted(text: str, config_file: Path) -> list[str]:
    data = tomllib.loads(text)
    if config_file.name == "pyproject.toml":
        data = data.get("tool", {}).get("kaplint", {})
    accept = data.get("vocabulary", {}).get("accept", [])
    return [accept] if isinstance(accept, str) else list(accept)


def with_word(text: str, config_file: Path, word: str) -> str:
    """``text`` of ``config_file`` with ``word`` added to the accepted vocabulary."""
    quoted = json.dumps(word, ensure_ascii=False)
    table = _table_name(config_file)
    lines = text.splitlines(keepends=True)
    header = next((index for index, line in enumerate(lines) if re.match(rf"\s*\[\s*{re.escape(table)}\s*\]\s*(#.*)?$", line)), None)
    if header is None:
        separator = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        return f"{text}{separator}[{table}]\naccept = [{quoted}]\n"
    end = next((index for index in range(header + 1, len(lines)) if re.match(r"\s*\[", lines[index])), len(lines))
    accept = next((index for index in range(header + 1, end) if re.match(r"\s*accept\s*=", lines[index])), None)
    if accept is None:
        lines.insert(header + 1, f"accept = [{quoted}]\n")
        return "".join(lines)
    line = lines[accept]
    if re.search(r"\]\s*(#.*)?$", line.rstrip("\n")):  # the list closes on its own line
        head, close, tail = line.rpartition("]")
        inside = head.split("[", 1)[1].strip() if "[" in head else ""
        lines[accept] = f"{head}{', ' if inside and not inside.endswith(',') else ' ' if inside else ''}{quoted}{close}{tail}"
        return "".join(lines)
    closing = next((index for index in range(accept + 1, end) if lines[index].strip().startswith("]")), None)
    if closing is None:
        raise VocabularyError(f"{config_file}: the accept list is written in a way kaplint cannot edit; add {quoted} by hand")
    indent = re.match(r"\s*", lines[accept + 1] if accept + 1 < closing else "    ").group()
    lines.insert(closing, f"{indent or '    '}{quoted},\n")
    return "".join(lines)


def accept_word(config_file: Path | None, folder: Path, word: str) -> Path:
    """Add ``word`` to the accepted vocabulary; return the file written."""
    target = config_file or folder / "kaplint.toml"
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    try:
        if word in _accepted(text, target):
            return target
        updated = with_word(text, target, word)
        if word not in _accepted(updated, target):
            raise VocabularyError(f"{target}: adding {json.dumps(word)} did not land in the accepted vocabulary; add it by hand")
    except tomllib.TOMLDecodeError as error:
        raise VocabularyError(f"{target}: not valid TOML ({error}); fix it first") from None
    write_atomically(target, updated.encode("utf-8"))
    return target
