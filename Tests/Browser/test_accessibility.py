"""Accessibility on every page and console section: axe-core (through axe-selenium-python) with every WCAG 2.0, 2.1
and 2.2 level A and AA rule, plus its one-h1 and one-main-landmark rules, must find nothing; beside it our own a11y.js
checks what axe has no rule for: a visible focus indicator on everything reached with Tab (WCAG 2.4.7) and no
horizontal scrolling at 360 px wide and at 200% zoom (1.4.10)."""
import json
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import unavailable
from pages import join, open_campaign, post, show, sign_in, visible, wait
from scenes import published_guides

CHECKER = (Path(__file__).parent / "a11y.js").read_text()
NARROW = 360
ZOOMED = 640
# Enough presses to reach every control of our longest view (the campaign list); a bound, not something measured.
MAX_TABS = 250
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Best-practice rules that stand in for checks we used to make ourselves; axe runs them only when asked.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_22_AA},
               "rules": {"page-has-heading-one": {"enabled": True}, "landmark-one-main": {"enabled": True}},
               "resultTypes": ["violations"]}


def axe_problems(browser):
    """axe-core's violations on the current page, one line per rule with (some of) the elements it found."""
    try:
        from axe_selenium_python import Axe
    except ImportError:
        unavailable("axe-selenium-python is not installed (`make test-deps` puts it in .build/venv)")
    axe = Axe(browser)
    axe.inject()
    results = axe.run(options=json.dumps(AXE_OPTIONS))
    return [f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(
        f"{' '.join(map(str, node['target']))} — {node['failureSummary'].splitlines()[-1].strip()}" for node in v["nodes"][:6])
        for v in results["violations"]]


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


def narrow(browser, width=NARROW, scale=1, name=None):
    """At 360 px, a phone: no sideways scroll, and axe again (targets and text are laid out anew). With `scale` 2 and
    half a desktop's width, what 200% browser zoom leaves of a 1280 px window."""
    name = name or f"{width} px"
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 800, "deviceScaleFactor": scale, "mobile": scale == 1})
    try:
        wide = run(browser, "overflow()")
        scroll = [] if wide <= width else [f"scrolls sideways at {name}: the page is {wide} px wide"]
        return scroll + [f"at {name}: {problem}" for problem in axe_problems(browser)]
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def zoomed(browser):
    """A 1280 px window at 200% zoom: 640 CSS px at two device pixels each."""
    return narrow(browser, width=ZOOMED, scale=2, name="200% zoom")


def check(browser, page, focus=True):
    """Every problem the checker finds on the current page, prefixed with the page's name."""
    problems = axe_problems(browser) + (focus_problems(browser) if focus else []) + narrow(browser) + zoomed(browser)
    return [f"{page}: {p}" for p in problems]


def assert_clean(problems):
    assert not problems, "accessibility problems:\n" + "\n".join(problems)


def test_checker_finds_problems_it_is_meant_to_find(server, browser):
    """The checks themselves must be able to fail: a page with known faults is reported fault by fault, a WCAG 2.2
    rule (target size) among them, so a stale axe-core without the 2.2 rules fails here."""
    browser.get(server.base_url + "/")
    visible(browser, "#campaigns li")
    browser.execute_script("""
        const bad = document.createElement('div');
        bad.innerHTML = '<p><button class="tiny" aria-label="first tiny"></button>' +
                        '<button class="tiny" aria-label="second tiny"></button></p>' +
                        '<input id="nameless"><button></button><img src="data:,"><p id="grey">faint text</p>' +
                        '<div id="wide">wide</div>';
        document.querySelector('main').append(bad);
        document.getElementById('grey').style.color = '#bbb';
        document.getElementById('wide').style.width = '2000px';
        for (const tiny of document.querySelectorAll('.tiny')) tiny.style.cssText = 'width:10px;height:10px;min-width:0;min-height:0;padding:0;margin:0;border:0';
        const ringless = document.createElement('button');
        ringless.className = 'ringless';
        ringless.textContent = 'No ring';
        document.querySelector('main').prepend(ringless);
        document.styleSheets[0].insertRule('.ringless:focus-visible { outline: none !important; box-shadow: none !important; }');
    """)
    problems = "\n".join(check(browser, "faulty"))
    for expected in ("label (critical)", "button-name (critical)", "image-alt (critical)", "color-contrast (serious)",
                     "target-size (serious)",
                     "scrolls sideways", "no visible focus indicator on button.ringless"):
        assert expected in problems, f"the checks missed: {expected}\n{problems}"


def test_landmark_and_heading_rules_run(server, browser):
    """The two best-practice rules we ask axe for run: a page without its h1 and main is reported."""
    browser.get(server.base_url + "/")
    visible(browser, "#campaigns li")
    browser.execute_script("""
        for (const h1 of document.querySelectorAll('h1')) h1.outerHTML = `<p>${h1.textContent}</p>`;
        const main = document.querySelector('main');
        const div = document.createElement('div');
        div.append(...main.childNodes);
        main.replaceWith(div);
    """)
    problems = "\n".join(axe_problems(browser))
    for expected in ("page-has-heading-one", "landmark-one-main"):
        assert expected in problems, f"axe did not report {expected}\n{problems}"


def test_contributor_pages(server, browser):
    browser.get(server.base_url + "/")
    visible(browser, "#campaigns li")
    problems = check(browser, "landing")
    open_campaign(browser, server)
    problems += check(browser, "campaign (newcomer)")
    join(browser)
    posted = post(browser, "The surgery phone line is engaged for an hour every morning")
    problems += check(browser, "campaign (joined)")
    # The parts that open on demand: similar ideas under the form, a thread, the report form, editing one's own.
    browser.find_element(By.ID, "compose-body").send_keys("The surgery phone line is engaged")
    visible(browser, f'#similar li[data-similar-id="{posted}"]')
    item = visible(browser, f'#items li[data-id="{posted}"]')
    item.find_element(By.CSS_SELECTOR, ".comments-toggle").click()
    visible(browser, f"#comments-{posted} textarea")
    other = browser.find_element(By.CSS_SELECTOR, "#items li[data-mine='false'][data-id]")
    other.find_element(By.CSS_SELECTOR, "button.report").click()
    visible(browser, f"#report-reason-{other.get_attribute('data-id')}")
    visible(browser, f'#mine-items li[data-mine-id="{posted}"]').find_element(By.XPATH, ".//button[text()='Edit']").click()
    visible(browser, f"#edit-body-{posted}")
    problems += check(browser, "campaign (similar, thread, report and edit open)", focus=False)
    assert_clean(problems)


@pytest.fixture(scope="module")
def scene(server):
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


SECTIONS = ("campaigns", "setup", "phases", "moderation", "statements", "teams", "codebook", "coding", "reconcile", "assist", "shortlist", "guides", "stats",
            "export", "staff")
# Sections axe checks in their own suites, with the data that fills them.
CHECKED_ELSEWHERE = {"drafts": "test_drafts.py", "mail": "test_mail_console.py"}


def test_console_signed_in(server, scene, browser):
    sign_in(browser, server)
    listed = [link.get_attribute("data-section")
              for link in visible(browser, "#console-nav").find_elements(By.CSS_SELECTOR, "a[data-section]")]
    assert set(listed) == set(SECTIONS) | set(CHECKED_ELSEWHERE), \
        f"a console section that no accessibility check visits: {sorted(set(listed) - set(SECTIONS) - set(CHECKED_ELSEWHERE))}"
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


def test_pages_that_say_something_went_wrong(server, browser):
    """What a person sees after a wrong or stale link: an unknown campaign, an unknown guide, an editor link without
    its guide. Each says so in words, and axe must find nothing there either."""
    # An unknown campaign's page and guide are the server's HTML 404 page (issue 19), itself a 404 to the browser.
    browser.expected_console += [r"/api/campaigns/nope(/guide)? - Failed to load resource: .* 404",
                                 r"/((c|guide)/nope|no-such-page) - Failed to load resource: .* 404"]
    problems = []
    for path, name in (("/c/nope", "unknown campaign"), ("/guide/nope", "unknown guide"),
                       ("/no-such-page", "mistyped address"), ("/guide-editor.html", "guide editor without a guide")):
        browser.get(server.base_url + path)
        wait(browser).until(lambda d: "could not find" in d.find_element(By.TAG_NAME, "main").text
                            or "There is no page at this address" in d.find_element(By.TAG_NAME, "main").text
                            or "does not name a guide" in d.find_element(By.TAG_NAME, "main").text)
        problems += check(browser, name, focus=False)
    assert_clean(problems)


def test_unsubscribe_page(server, browser):
    """The page a message's unsubscribe link opens (`/unsubscribe.html#token`): as it first shows, with a link cut
    short, and after a token the server does not know, each in words that axe finds nothing wrong with."""
    browser.expected_console += [r"/api/unsubscribe/\S+ - Failed to load resource: .* 404"]
    problems = []
    browser.get(server.base_url + "/unsubscribe.html#" + "A" * 32)
    visible(browser, "#unsubscribe-button")
    problems += check(browser, "unsubscribe")
    browser.find_element(By.ID, "unsubscribe-button").click()
    visible(browser, "#status")
    problems += check(browser, "unsubscribe (unknown token)", focus=False)
    browser.get(server.base_url + "/unsubscribe.html")
    browser.refresh()
    wait(browser).until(lambda d: "incomplete" in d.find_element(By.ID, "status").text)
    problems += check(browser, "unsubscribe (link cut short)", focus=False)
    assert_clean(problems)
