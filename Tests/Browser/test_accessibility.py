"""Automated accessibility checks on every page with our own in-page checker (a11y.js): names for every control,
button, link and image, one h1, a main landmark, unique ids, text contrast (4.5:1, 3:1 for large text), a visible
focus indicator on everything reached with Tab, and no horizontal scrolling at 360 px wide."""
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from pages import join, open_campaign, post, show, sign_in, visible, wait
from scenes import published_guides

CHECKER = (Path(__file__).parent / "a11y.js").read_text()
NARROW = 360
# Enough presses to reach every control of our longest view (the campaign list); a bound, not something measured.
MAX_TABS = 250


def run(browser, call):
    return browser.execute_script(CHECKER + f"return a11y.{call};")


def focus_problems(browser):
    """Tabs through the page from the top; every element reached must look different from its unfocused self."""
    run(browser, "snapshotFocusables()")
    problems, seen = [], set()
    for _ in range(MAX_TABS):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        name, problem = run(browser, "focusProblem()")
        if name in seen:
            break  # back at the start: the whole tab order has been seen
        seen.add(name)
        if problem:
            problems.append(problem)
    return problems


def narrow_overflow(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": NARROW, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    try:
        width = run(browser, "overflow()")
        return [] if width <= NARROW else [f"scrolls sideways at {NARROW} px: the page is {width} px wide"]
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def check(browser, page, focus=True):
    """Every problem the checker finds on the current page, prefixed with the page's name."""
    problems = run(browser, "audit()") + (focus_problems(browser) if focus else []) + narrow_overflow(browser)
    return [f"{page}: {p}" for p in problems]


def assert_clean(problems):
    assert not problems, "accessibility problems:\n" + "\n".join(problems)


def test_checker_finds_problems_it_is_meant_to_find(server, browser):
    """The checker itself must be able to fail: a page with known faults is reported fault by fault."""
    browser.get(server.base_url + "/")
    visible(browser, "#campaigns li")
    browser.execute_script("""
        const bad = document.createElement('div');
        bad.innerHTML = '<input id="nameless"><button></button><img src="data:,"><h1>Second</h1>' +
                        '<p id="grey">faint text</p><span id="nameless">dup</span><div id="wide">wide</div>';
        document.querySelector('main').append(bad);
        document.getElementById('grey').style.color = '#bbb';
        document.getElementById('wide').style.width = '2000px';
        const ringless = document.createElement('button');
        ringless.className = 'ringless';
        ringless.textContent = 'No ring';
        document.querySelector('main').prepend(ringless);
        document.styleSheets[0].insertRule('.ringless:focus-visible { outline: none !important; box-shadow: none !important; }');
    """)
    problems = "\n".join(check(browser, "faulty"))
    for expected in ("form control without a name: input#nameless", "button or link without a name: button",
                     "image without alt", "expected one h1, found 2", 'id "nameless" used 2 times', "contrast",
                     "scrolls sideways", "no visible focus indicator on button.ringless"):
        assert expected in problems, f"the checker missed: {expected}\n{problems}"


def test_contributor_pages(server, browser):
    browser.get(server.base_url + "/")
    visible(browser, "#campaigns li")
    problems = check(browser, "landing")
    open_campaign(browser, server)
    problems += check(browser, "campaign (newcomer)")
    join(browser)
    post(browser, "The surgery phone line is engaged for an hour every morning")
    problems += check(browser, "campaign (joined)")
    assert_clean(problems)


@pytest.fixture(scope="module")
def scene(server):
    if server.staff_token is None:
        pytest.fail(server.staff_problem)
    scene = published_guides(server, count=2)
    scene["invite"] = scene["admin"].ok("POST", f"/admin/guides/{scene['guides'][2]['id']}/invitations", {})
    return scene


def test_guide_page(server, scene, browser):
    browser.get(f"{server.base_url}/guide/demo")
    visible(browser, "#guides li.guide")
    assert_clean(check(browser, "guide"))


def test_guide_editor(server, scene, browser):
    browser.get(server.base_url + scene["invite"]["link"])
    visible(browser, "#editor")
    assert_clean(check(browser, "guide editor"))


SECTIONS = ("campaigns", "setup", "phases", "moderation", "coding", "shortlist", "guides", "stats", "export")


def test_console_signed_in(server, scene, browser):
    sign_in(browser, server)
    problems = []
    for section in SECTIONS:
        node = show(browser, section)
        wait(browser).until(lambda d: node.find_element(By.CSS_SELECTOR, ".section-body").text.strip())
        problems += check(browser, f"console {section}", focus=section in ("coding", "guides"))
    show(browser, "guides")
    visible(browser, "#guide-list li button").click()
    visible(browser, "#guide-review-title")
    problems += check(browser, "console guide review")
    assert_clean(problems)


def test_console_sign_in_page(server, browser):
    browser.expected_console += [r"/admin/me - Failed to load resource: .* 401"]
    browser.get(f"{server.base_url}/console")
    visible(browser, "#signin-name")
    assert_clean(check(browser, "console sign-in"))
