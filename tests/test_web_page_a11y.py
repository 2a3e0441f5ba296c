"""The pages in a real browser: axe-core, driven through Selenium in headless Chromium, finds no
accessibility violations (all of axe's rules: WCAG 2.x A/AA and its best practices).

Needs Debian's ``chromium`` and ``chromium-driver`` (.ci/run installs them); skipped, saying so,
only where they are missing. Pages are served from 127.0.0.1, so nothing leaves the machine.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from bulletin import web

from sample_site import CONFIG, make_batch

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").is_file() else None)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="no browser: install Debian's chromium and chromium-driver (see .ci/run) to run the "
           "axe-core accessibility check")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The fake batch's pages, served over HTTP on a free local port."""
    out = tmp_path_factory.mktemp("a11y-site")
    results = make_batch(out)
    settings = CONFIG
    for r in results:
        web.write_page(r, settings)
    web.write_feed(results, out, settings)
    web.write_index(results, out, settings)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output readable
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=out))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1200,1600", f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {n['target']}: {n.get('failureSummary', '').splitlines()[-1:]}" for n in v["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("path", ["clinic/index.html", "vacunas/index.html", "clinic-ar/index.html",
                                  "print-only/index.html", "index.html"])
def test_no_axe_violations(served, browser, path):
    from axe_core_python.selenium import Axe

    browser.get(f"{served}/{path}")
    assert browser.find_element("tag name", "h1").text  # the page really loaded
    results = Axe().run(browser)
    assert results["passes"], "axe ran no check at all"
    assert results["violations"] == [], report(results["violations"])
    # Again with the transcript open: closed, its colours cannot be checked.
    if browser.execute_script(
            "const d = document.querySelectorAll('details');"
            "d.forEach(e => e.open = true); return d.length;"):
        opened = Axe().run(browser)
        assert opened["violations"] == [], report(opened["violations"])


def test_axe_catches_a_broken_page(served, browser, tmp_path):
    """The check can fail: a page with no language, an unlabelled image link and grey-on-grey."""
    from axe_core_python.selenium import Axe

    browser.get(f"{served}/index.html")
    browser.execute_script(
        "document.documentElement.removeAttribute('lang');"
        "document.body.insertAdjacentHTML('beforeend',"
        " '<a href=\"x\"><img src=\"x.png\"></a><p style=\"color:#aaa;background:#bbb\">faint</p>');")
    ids = {v["id"] for v in Axe().run(browser)["violations"]}
    assert {"html-has-lang", "link-name", "color-contrast"} <= ids, ids


def test_keyboard_focus_is_visible(served, browser):
    """Tab reaches the skip link first, it comes into view, and focused links get a thick ring."""
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{served}/clinic/index.html")
    browser.find_element("tag name", "body").send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip"
    assert active.rect["x"] >= 0 and active.rect["y"] >= 0 and active.is_displayed()
    link = browser.find_element("css selector", ".help a")
    browser.execute_script("arguments[0].focus()", link)
    width = browser.execute_script("return getComputedStyle(arguments[0]).outlineWidth", link)
    assert float(width.removesuffix("px")) >= 3
