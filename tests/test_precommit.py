"""The pre-commit hook, end to end, set up exactly as the README shows.

The README's ``.pre-commit-config.yaml`` snippet is copied into a temporary
content repository, with only the placeholder URL replaced by a copy of this
checkout, tagged with the revision the snippet pins (as a release is tagged).
pre-commit then clones it and installs kaplint into its own virtual environment
with pip (the one slow test; the environment is built once and reused by every
run). The hook must fail on a bad document, pass on a good one, and never be
handed files kaplint does not read.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kaplint.loaders import FORMATS_BY_SUFFIX

ROOT = Path(__file__).resolve().parents[1]
GIT = ("git", "-c", "user.name=kaplint-test", "-c", "user.email=test@kaplint.invalid", "-c", "commit.gpgsign=false")


def hook() -> dict:
    (definition,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return definition


def test_hook_runs_on_exactly_the_formats_kaplint_reads() -> None:
    definition = hook()
    pattern = re.compile(definition["files"])
    for suffix in FORMATS_BY_SUFFIX:
        assert pattern.search(f"docs/page{suffix}") and pattern.search(f"docs/PAGE{suffix.upper()}"), suffix
    for name in ("script.py", "notes.rst", "data.json", "page.md.bak", "image.png", "README"):
        assert not pattern.search(name), name
    # --allow-empty: a commit that stages only excluded files (a README) must not fail the hook.
    assert definition["entry"] == "kaplint check --force-exclude --allow-empty"


def readme_snippet() -> str:
    """The README's first pre-commit configuration: the one that points at kaplint's own repository."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_readme_pins_the_release_tag_of_this_version() -> None:
    """Releases are tagged v<version>; the documented rev must be the tag of the version being documented."""
    pinned = yaml.safe_load(readme_snippet())["repos"][0]
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M).group(1)
    assert pinned["rev"] == f"v{version}"
    assert [entry["id"] for entry in pinned["hooks"]] == [hook()["id"]]


def _copy_checkout(target: Path, tag: str) -> None:
    """This checkout as it is now (committed or not), as a fresh one-commit repository pre-commit can clone."""
    listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    subprocess.run([*GIT, "init", "-q"], cwd=target, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=target, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "kaplint under test"], cwd=target, check=True)
    subprocess.run([*GIT, "tag", "-a", tag, "-m", f"kaplint {tag}"], cwd=target, check=True)


def test_pre_commit_hook_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[test]')")
    snippet = readme_snippet()
    hook_repo = tmp_path / "kaplint"
    hook_repo.mkdir()
    _copy_checkout(hook_repo, yaml.safe_load(snippet)["repos"][0]["rev"])
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "samples" / "web-good.md", content / "good.md")
    shutil.copy(ROOT / "samples" / "web-bad.md", content / "bad.md")
    (content / "README.md").write_text("Ketamine cures depression and is completely safe.\n", encoding="utf-8")
    (content / "notes.py").write_text('"""Ketamine cures depression and is completely safe."""\n', encoding="utf-8")
    assert "<git URL of kaplint>" in snippet
    (content / ".pre-commit-config.yaml").write_text(snippet.replace("<git URL of kaplint>", hook_repo.as_uri()), encoding="utf-8")
    subprocess.run([*GIT, "init", "-q"], cwd=content, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=content, check=True)
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "PRE_COMMIT_COLOR": "never"}
    environment.pop("VIRTUAL_ENV", None)

    def run_hook(*files: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "run", "kaplint", "--verbose", "--files", *files]
        return subprocess.run(command, cwd=content, env=environment, capture_output=True, text=True, timeout=900, check=False)

    good = run_hook("good.md", "notes.py")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"kaplint\.+Passed", good.stdout), good.stdout
    assert "notes.py" not in good.stdout.split("kaplint", 1)[1]  # not a format kaplint reads: never handed over

    # Only excluded files staged (README.md is excluded by default): the hook passes.
    readme_only = run_hook("README.md", "notes.py")
    assert readme_only.returncode == 0, readme_only.stdout + readme_only.stderr
    assert re.search(r"kaplint\.+Passed", readme_only.stdout), readme_only.stdout

    bad = run_hook("good.md", "bad.md", "notes.py")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"kaplint\.+Failed", bad.stdout), bad.stdout
    assert "bad.md:22:3 KAP305 not-addictive error" in bad.stdout
    assert "notes.py" not in bad.stdout.split("kaplint", 1)[1]
