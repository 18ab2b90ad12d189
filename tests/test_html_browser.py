"""The HTML report of the samples in a real headless browser (Debian's Chromium through Selenium).

Checks what a reader sees: highlights, the disclosure checklist and the grade
chart are visible; a severity filter hides findings; moving to a highlight with
the keyboard shows its message. The screenshots land in ``test-output/`` (or
``$KAPLINT_TEST_OUTPUT``) for a person to look at.

Skipped when Chromium, ChromeDriver or Selenium are missing, unless
``KAPLINT_REQUIRE_BROWSER=1`` (set by ``.ci/run``): then a missing browser fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("KAPLINT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KAPLINT_CHROMEDRIVER", "/usr/bin/chromedriver")
# Chromium flags for a closed network: no sandbox (root in CI), no GPU, and nothing that phones home and waits.
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1000",
)


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    problem = _missing()
    if problem:
        if os.environ.get("KAPLINT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KAPLINT_REQUIRE_BROWSER=1 but {problem}")
        pytest.skip(problem)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never try to download a driver
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # Headless windows are never focused; without this, :focus styles would not apply.
    driver.execute_cdp_cmd("Emulation.setFocusEmulationEnabled", {"enabled": True})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "report.html"
    completed = subprocess.run(
        [sys.executable, "-m", "kaplint", "check", "samples", "--format", "html", "--output", str(target), "--exit-zero"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return target


def output_dir() -> Path:
    folder = Path(os.environ.get("KAPLINT_TEST_OUTPUT", ROOT / "test-output"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def visible_marks(driver, selector: str) -> int:  # type: ignore[no-untyped-def]
    """Highlights of ``selector`` that are drawn with a background (a filtered-out one has none)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).filter(function (m) {"
        " var s = getComputedStyle(m); return s.backgroundColor !== 'rgba(0, 0, 0, 0)' && m.getClientRects().length; }).length;",
        selector,
    )


def test_report_in_a_browser(browser, report: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(report.as_uri())
    assert browser.title.startswith("kaplint report")
    web_bad = browser.find_element(By.XPATH, "//section[h2='samples/web-bad.md']")

    # highlights in the text, the checklist and the chart are there and visible
    marks = web_bad.find_elements(By.CSS_SELECTOR, "pre.source mark.first")
    assert len(marks) > 10
    assert visible_marks(browser, "section mark.first.sev-error") > 20
    checklist = web_bad.find_element(By.CSS_SELECTOR, ".checklist")
    assert checklist.is_displayed() and "Missing" in checklist.text and "off-label" in checklist.text
    chart = web_bad.find_element(By.CSS_SELECTOR, "svg.grade-chart")
    assert chart.is_displayed() and chart.size["height"] > 100
    bars = chart.find_elements(By.CSS_SELECTOR, "rect.bar")
    assert len(bars) >= 3 and all(bar.size["width"] > 0 for bar in bars)
    assert chart.find_elements(By.CSS_SELECTOR, "line.target")
    browser.execute_script("arguments[0].scrollIntoView()", web_bad)
    browser.save_screenshot(str(output_dir() / "html-report-scorecard.png"))

    # filters: without errors, no error highlight or list item is shown, the others stay
    filters = browser.find_element(By.ID, "filters")
    assert filters.is_displayed()  # the script revealed them
    errors_before = visible_marks(browser, "section mark.first.sev-error")
    warnings_before = visible_marks(browser, "section mark.first.sev-warning")
    error_item = web_bad.find_element(By.CSS_SELECTOR, "li.item.sev-error")
    assert error_item.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "input[value='sev-error']").click()
    assert visible_marks(browser, "section mark.first.sev-error") == 0 < errors_before
    assert visible_marks(browser, "section mark.first.sev-warning") == warnings_before
    assert not error_item.is_displayed()
    assert "Showing" in browser.find_element(By.ID, "shown").text and "of" in browser.find_element(By.ID, "shown").text
    browser.find_element(By.CSS_SELECTOR, "input[value='sev-error']").click()
    assert visible_marks(browser, "section mark.first.sev-error") == errors_before

    # a finding by keyboard: Tab moves through the highlights, focus shows the tooltip
    first_mark = marks[0]
    tip = first_mark.find_element(By.CSS_SELECTOR, ".tip")
    assert not tip.is_displayed()
    link = web_bad.find_element(By.CSS_SELECTOR, "li.item a.jump")
    link.send_keys(Keys.ENTER)  # the findings list leads to the highlight and focuses it
    focused = browser.switch_to.active_element
    assert focused.tag_name == "mark" and "first" in focused.get_attribute("class")
    focused_tip = focused.find_element(By.CSS_SELECTOR, ".tip")
    assert focused_tip.is_displayed()
    assert focused.get_attribute("aria-describedby") == focused_tip.get_attribute("id")
    assert focused_tip.text.strip()
    rule = focused_tip.find_element(By.TAG_NAME, "b").text
    assert rule.startswith("KAP")
    focused.send_keys(Keys.TAB)
    following = browser.switch_to.active_element
    assert following.tag_name == "mark" and following.get_attribute("id") != focused.get_attribute("id")
    assert following.find_element(By.CSS_SELECTOR, ".tip").is_displayed()
    assert not focused_tip.is_displayed()
    browser.save_screenshot(str(output_dir() / "html-report-finding.png"))
    assert (output_dir() / "html-report-finding.png").stat().st_size > 10_000

    # the tooltip of the highlight that starts furthest right is moved back inside the window
    start, overflow = browser.execute_script(
        "var marks = Array.from(arguments[0].querySelectorAll('pre.source mark.first'));"
        "marks.sort(function (a, b) { return b.getClientRects()[0].left - a.getClientRects()[0].left; });"
        "marks[0].scrollIntoView({block: 'center'}); marks[0].focus({preventScroll: true});"
        "var width = document.documentElement.clientWidth;"
        "return [marks[0].getClientRects()[0].left / width, marks[0].querySelector('.tip').getBoundingClientRect().right - width];",
        web_bad,
    )
    assert start > 0.6  # far enough right that a tooltip placed at its start would not fit
    assert overflow <= 0


def test_findings_read_as_a_review(browser, report: Path) -> None:  # type: ignore[no-untyped-def]
    """The verdict in words, findings in groups with plain titles, explanations folded under them,
    missing information with text to copy, and short sections shown but not judged."""
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    headline = browser.find_element(By.CSS_SELECTOR, "header .headline")
    assert headline.text.startswith("Not ready to publish:") and "must-fix finding" in headline.text
    web_bad = browser.find_element(By.XPATH, "//section[h2='samples/web-bad.md']")
    assert web_bad.find_element(By.CSS_SELECTOR, ".doc-verdict").text.startswith("Not ready to publish:")
    titles = [group.text.split(" (")[0] for group in web_bad.find_elements(By.CSS_SELECTOR, ".group h4")]
    assert titles == ["Missing information", "Wording to change", "Readability"]

    # within a group, errors come before warnings and suggestions
    wording = web_bad.find_element(By.CSS_SELECTOR, ".group-wording")
    severities = [item.get_attribute("class").split()[1] for item in wording.find_elements(By.CSS_SELECTOR, "li.item")]
    order = {"sev-error": 0, "sev-warning": 1, "sev-suggestion": 2}
    assert severities == sorted(severities, key=order.__getitem__)

    # a plain title first, the code after it; the explanation folded until asked for
    item = wording.find_element(By.CSS_SELECTOR, "li.item")
    title = item.find_element(By.CSS_SELECTOR, ".title")
    code = item.find_element(By.CSS_SELECTOR, ".code")
    assert title.location["x"] < code.location["x"] or title.location["y"] < code.location["y"]
    assert not title.text.startswith("KAP") and code.text.startswith("KAP")
    explain = item.find_element(By.CSS_SELECTOR, "details.explain")
    why = explain.find_element(By.XPATH, ".//p[b='Why it matters.']")
    assert not why.is_displayed()
    explain.find_element(By.TAG_NAME, "summary").click()
    assert why.is_displayed() and len(why.text) > 40
    assert explain.find_element(By.CSS_SELECTOR, ".sources").is_displayed()
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", item)
    browser.save_screenshot(str(output_dir() / "html-report-explanation.png"))

    # missing information carries the text to add, ready to copy
    missing = web_bad.find_element(By.CSS_SELECTOR, ".group-missing")
    copy = missing.find_element(By.CSS_SELECTOR, "li.item .add blockquote.copy")
    assert copy.is_displayed() and len(copy.text) > 30
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", missing)
    browser.save_screenshot(str(output_dir() / "html-report-groups.png"))

    # one line on what SMOG measures; sections too short to judge are grey and say so
    note = web_bad.find_element(By.CSS_SELECTOR, ".card.grade .note")
    assert "SMOG estimates" in note.text
    chart = web_bad.find_element(By.CSS_SELECTOR, ".card.chart")
    unjudged = chart.find_elements(By.CSS_SELECTOR, "svg.grade-chart rect.bar.st-unjudged")
    assert unjudged and "not judged" in chart.find_element(By.CSS_SELECTOR, "svg desc").get_attribute("textContent")
    assert "shown but not judged" in chart.text


def test_report_without_script_is_complete(browser, report: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    without_script = tmp_path / "no-script.html"
    text = report.read_text(encoding="utf-8")
    without_script.write_text(text[: text.index("<script>")] + "</body></html>\n", encoding="utf-8")
    browser.get(without_script.as_uri())
    assert not browser.find_element(By.ID, "filters").is_displayed()  # filters need the script; nothing else does
    assert visible_marks(browser, "section mark.first") > 50
    assert browser.find_element(By.CSS_SELECTOR, "svg.grade-chart").is_displayed()
