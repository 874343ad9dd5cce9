"""The progress page after Act: a reader follows the campaign banner to what became of each idea taken forward —
the status, the team's response, the implementation updates and how far along — filters by status, and the page
passes axe at full width and on a phone. Screenshots at 1280 and 375 px."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import SCREENSHOTS
from pages import screenshot, text_in, visible, wait
from scenes import published_guides
from test_accessibility import assert_clean, check

RESPONSE = "Every practice in the east now keeps a call-back list; we will report the waiting times in June."


@pytest.fixture(scope="module")
def scene(server):
    """Three ideas in Act (two guides published): one adopted with two updates, one not taken forward, one only
    shortlisted so far."""
    scene = published_guides(server, count=2)
    admin, guides = scene["admin"], scene["guides"]
    admin.ok("PUT", f"/admin/contributions/{guides[0]['idea']}/status", {"status": "adopted", "response": RESPONSE})
    admin.ok("POST", f"/admin/contributions/{guides[0]['idea']}/updates",
             {"role": "Practice manager", "site": "East Surgery", "note": "List running at two practices.", "percent": 40,
              "on": "2027-01-15"})
    admin.ok("POST", f"/admin/contributions/{guides[0]['idea']}/updates",
             {"role": "Practice manager", "site": "Riverside", "note": "Third practice trained.", "percent": 60,
              "on": "2027-02-01"})
    admin.ok("PUT", f"/admin/contributions/{guides[1]['idea']}/status",
             {"status": "not_taken_forward", "response": "The pharmacy contract already covers this from April."})
    return scene


def items(browser):
    return browser.find_elements(By.CSS_SELECTOR, "#ideas li.progress-item")


def test_a_reader_follows_the_banner_to_what_became_of_each_idea(server, scene, browser):
    guides = scene["guides"]
    browser.get(f"{server.base_url}/c/demo")
    link = visible(browser, "#banner-progress")
    assert "Act" in browser.find_element(By.ID, "banner-phase").text
    link.click()
    wait(browser).until(lambda d: d.current_url.endswith("/c/demo/progress"))
    wait(browser).until(lambda d: len(items(d)) == 3)
    assert browser.find_element(By.ID, "title").text.startswith("Progress: ")
    # In the fixed order of statuses: shortlisted comes before adopted, adopted before not taken forward.
    statuses = [item.get_attribute("data-status") for item in items(browser)]
    assert statuses == ["shortlisted", "adopted", "not_taken_forward"], statuses
    adopted = browser.find_element(By.CSS_SELECTOR, f'#ideas li[data-idea-id="{guides[0]["idea"]}"]')
    assert RESPONSE in adopted.find_element(By.CSS_SELECTOR, ".response").text
    assert "Adopted" in adopted.find_element(By.CSS_SELECTOR, ".pill").text
    assert adopted.find_element(By.TAG_NAME, "progress").get_attribute("value") == "60"
    updates = [li.text for li in adopted.find_elements(By.CSS_SELECTOR, ".updates li")]
    assert len(updates) == 2 and "East Surgery" in updates[0] and "Third practice trained." in updates[1], updates
    waiting = browser.find_element(By.CSS_SELECTOR, f'#ideas li[data-idea-id="{guides[2]["idea"]}"]')
    assert "has not reported on this idea yet" in waiting.text
    summary = browser.find_element(By.ID, "summary").text
    assert "3\nideas followed here" in summary and "1\nadopted" in summary, summary

    Select(browser.find_element(By.ID, "filter-status")).select_by_value("not_taken_forward")
    wait(browser).until(lambda d: len(items(d)) == 1)
    assert "pharmacy contract" in items(browser)[0].text
    text_in(browser, "#idea-count", "1 idea of 3")


def test_an_idea_page_shows_its_outcome_in_its_json(server, scene, browser):
    """Until the idea page lands (issue 21), the idea's JSON carries the outcome the page will show."""
    from api_client import contributor
    reader = contributor(server)
    idea = reader.ok("GET", f"/api/contributions/{scene['guides'][0]['idea']}")
    assert idea["outcome"]["status"] == "adopted" and idea["outcome"]["percent"] == 60


def test_the_progress_page_is_accessible(server, scene, browser):
    browser.get(f"{server.base_url}/c/demo/progress")
    wait(browser).until(lambda d: len(items(d)) == 3)
    assert_clean(check(browser, "progress"))


def test_an_unknown_campaign_says_so(server, browser):
    """The server answers its HTML 404 page for a campaign that does not exist (issue 19), as for /c/nope."""
    browser.expected_console += [r"/c/nope/progress - Failed to load resource: .* 404"]
    browser.get(f"{server.base_url}/c/nope/progress")
    wait(browser).until(lambda d: "could not find" in d.find_element(By.TAG_NAME, "main").text
                        or "There is no page at this address" in d.find_element(By.TAG_NAME, "main").text)


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_the_progress_page(server, scene, browser, width):
    browser.get(f"{server.base_url}/c/demo/progress")
    wait(browser).until(lambda d: len(items(d)) == 3)
    screenshot(browser, "progress", width, SCREENSHOTS)
    browser.get(f"{server.base_url}/c/demo")
    visible(browser, "#banner-progress")
    screenshot(browser, "campaign-act-banner", width, SCREENSHOTS)


def test_hostile_text_in_a_response_stays_text(server, scene, browser):
    hostile = '<img src=x onerror="document.title=\'pwned\'"> <b>bold</b> **not markdown**'
    idea = scene["guides"][2]["idea"]
    scene["admin"].ok("PUT", f"/admin/contributions/{idea}/status", {"status": "under_review", "response": hostile})
    browser.get(f"{server.base_url}/c/demo/progress")
    item = visible(browser, f'#ideas li[data-idea-id="{idea}"] .response')
    assert hostile in item.text
    assert not browser.find_elements(By.CSS_SELECTOR, "#ideas img, #ideas b")
    assert browser.title != "pwned"
