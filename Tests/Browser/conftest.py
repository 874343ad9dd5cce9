"""Browser tests against the REAL Groundswell server: starts `groundswell serve` on a fresh demo database per test module
and drives headless Chromium; every browser fails its test on any SEVERE console entry it was not told to expect."""
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "Support"))
import launcher  # noqa: E402
SCREENSHOTS = REPO / ".build" / "screenshots"
IN_CI = os.environ.get("CI", "").lower() == "true"


def unavailable(reason):
    """Skips with `reason`, or fails when running in CI, where a missing piece is a broken build."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)")
    pytest.skip(reason)


def server_binary():
    return launcher.binary("release")


def chromium_paths():
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return browser, driver


class Server:
    """A running `groundswell serve` (`launcher.Launched`) with its own demo database and one admin staff member."""

    def __init__(self, binary, workdir, seed=()):
        """`seed`: arguments of a `groundswell seed` run after the demo is loaded (another campaign beside it)."""
        self.binary = binary
        self.db = str(Path(workdir) / "groundswell.sqlite")
        self.staff_name = "ada"
        launcher.seed_demo(binary, self.db)
        if seed:
            launcher.cli(binary, "seed", *seed, "--db", self.db, "--migrations", launcher.MIGRATIONS)
        self.staff_token, self.staff_password = launcher.add_staff(binary, self.db, self.staff_name, "admin")
        self.launched = launcher.Launched(binary, self.db).start()
        self.base_url = self.launched.base_url

    def stop(self):
        self.launched.stop(timeout=10)


def serving(seed=()):
    """A running server on a fresh demo database (plus a `seed` campaign), stopped afterwards."""
    binary = server_binary()
    if not binary.exists():
        unavailable(f"server binary not found at {binary} (build it with `swift build -c release` or set GROUNDSWELL_BIN)")
    with tempfile.TemporaryDirectory(prefix="gs-browser-") as workdir:
        running = Server(binary, workdir, seed)
        try:
            yield running
        finally:
            running.stop()


@pytest.fixture(scope="module")
def server():
    yield from serving()


def make_driver(width, height, profile=None):
    browser, driver_path = chromium_paths()
    if not browser or not driver_path:
        unavailable("chromium and chromedriver are not installed (`make test-deps` installs them)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed (`make test-deps` puts it in .build/venv)")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                 f"--window-size={width},{height}", "--lang=en-GB"):
        options.add_argument(flag)
    if profile:
        # A browser profile on disk: what survives closing the browser and opening it again.
        options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.expected_console = []
    return driver


def console_errors(driver):
    """SEVERE console entries not matched by any pattern in `driver.expected_console`."""
    entries = driver.get_log("browser")
    return [entry["message"] for entry in entries
            if entry["level"] == "SEVERE" and not any(re.search(p, entry["message"]) for p in driver.expected_console)]


@pytest.fixture
def browsers():
    """A factory for independent browser sessions (each has its own cookies); all are checked for console errors.
    `browsers.close(driver)` quits one early, as a person closing the browser would, checking it first."""
    opened = []
    problems = []

    def open_browser(width=1280, height=900, profile=None):
        driver = make_driver(width, height, profile)
        opened.append(driver)
        return driver

    def close(driver):
        opened.remove(driver)
        try:
            problems.extend(console_errors(driver))
        finally:
            driver.quit()

    open_browser.close = close
    yield open_browser
    for driver in list(opened):
        close(driver)
    if problems:
        pytest.fail("browser console errors:\n" + "\n".join(problems))


@pytest.fixture
def browser(browsers):
    return browsers()
