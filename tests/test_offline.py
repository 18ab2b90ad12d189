"""kaplint works offline: no download, no network, dictionaries from installed packages."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from conftest import NetworkAccessError
from kaplint.syllables import count_syllables, dictionary, install_for_textstat


def test_the_suite_blocks_the_network() -> None:
    with pytest.raises(NetworkAccessError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(NetworkAccessError):
        socket.getaddrinfo("pypi.org", 443)


def test_cmu_dictionary_comes_from_the_installed_package() -> None:
    table = dictionary()
    assert len(table) > 100_000
    assert table["dissociation"] == 5


def test_textstat_uses_our_dictionary_and_never_downloads(tmp_path, monkeypatch) -> None:
    # An empty NLTK data path: if textstat asked NLTK for cmudict it would try to download it.
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    install_for_textstat()
    import textstat

    text = "Ketamine can raise your blood pressure. A nurse checks on you the whole time."
    assert textstat.syllable_count(text) > 10
    assert textstat.smog_index(text) >= 0
    assert textstat.flesch_kincaid_grade(text) > -5


def test_linting_a_file_imports_no_network_client() -> None:
    """A normal run never imports an HTTP client (language_tool_python, requests, urllib3, nltk)."""
    code = (
        "import sys; from kaplint.cli import main\n"
        "from click.testing import CliRunner\n"
        "result = CliRunner().invoke(main, ['check', '-', '--stdin-filename', 'x.md', '--exit-zero'], input='Ketamine is not a cure.')\n"
        "loaded = [name for name in ('requests', 'urllib3', 'nltk', 'language_tool_python') if name in sys.modules]\n"
        "print(result.exit_code, loaded)\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "0 []"


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("ketamine", 3), ("esketamine", 4), ("dissociation", 5), ("over-the-counter", 5), ("TRD", 3),
        ("IV", 2), ("NMDA", 4), ("988", 3), ("2.5", 3), ("70%", 5), ("2019", 4), ("mg", 3), ("hour", 1),
        ("our", 1), ("fire", 1), ("power", 2), ("patient's", 2), ("nurse's", 2), ("W", 3), ("100", 3),
    ],
)
def test_syllables(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables
