"""A draft to challenge: a contributor reads a facilitator's draft section by section, votes, comments and proposes an
amendment (shown as a word diff), then sees the new version once the facilitator accepts it; in the console a
facilitator accepts one amendment and declines another with reasons, and publishes the final version. Axe on the draft
page and the console section, at full width and on a phone; screenshots at 1280 and 375 px."""
import pytest
from selenium.webdriver.common.by import By

from conftest import SCREENSHOTS
from pages import join, open_campaign, screenshot, show, sign_in, text_in, visible, wait
from api_client import contributor, hand_cookies_to, staff
from test_accessibility import assert_clean, check

TEXT = """# Our vision
Care close to home, for **everyone** in the borough.

# Principles
## People first
We listen before we decide. <script>document.title='pwned'</script>
## Open books
- budgets published
- minutes published"""


@pytest.fixture(scope="module")
def draft(server):
    admin = staff(server)
    campaign = admin.ok("GET", "/api/campaigns/demo")
    question = next(q["id"] for q in campaign["questions"] if q["phase"] == campaign["openPhase"])
    created = admin.ok("POST", "/admin/campaigns/demo/drafts", {
        "questionId": question, "title": "A vision for community services", "text": TEXT, "phases": [campaign["openPhase"]]})
    page = admin.ok("GET", f"/api/drafts/{created['id']}")
    return {"id": created["id"], "sections": [s["id"] for s in page["sections"]]}


def open_draft(browser, server):
    browser.get(f"{server.base_url}/c/demo/draft")
    wait(browser).until(lambda d: d.find_element(By.ID, "title").text not in ("", "Loading the draft…"))
    return visible(browser, "#section-list")


def section(browser, section_id):
    return visible(browser, f'#section-list li[data-section-id="{section_id}"]')


def test_a_contributor_challenges_a_section_and_sees_the_new_version(server, draft, browser):
    open_campaign(browser, server)
    assert visible(browser, "#draft-link").get_attribute("href").endswith("/c/demo/draft")
    open_draft(browser, server)
    assert [n.text for n in browser.find_elements(By.CSS_SELECTOR, "#section-list .section-number")] == ["1", "2", "2.1", "2.2"]
    first = section(browser, draft["sections"][0])
    assert first.find_element(By.TAG_NAME, "strong").text == "everyone"
    assert "<script>" in section(browser, draft["sections"][2]).text and browser.title != "pwned"
    assert visible(browser, "#take-part a").text.startswith("Join the campaign")

    open_campaign(browser, server)
    join(browser)
    open_draft(browser, server)
    first = section(browser, draft["sections"][0])
    first.find_element(By.CSS_SELECTOR, ".vote.up").click()
    wait(browser).until(lambda d: section(d, draft["sections"][0]).find_element(By.CSS_SELECTOR, ".up-count").text == "1")
    people = section(browser, draft["sections"][2])
    people.find_element(By.CSS_SELECTOR, ".comments-toggle").click()
    visible(browser, f"#comments-{draft['sections'][2]} textarea").send_keys("Listening is not enough: act on it.")
    people.find_element(By.CSS_SELECTOR, ".comment-form button[type=submit]").click()
    text_in(browser, f"#comments-{draft['sections'][2]} ul", "act on it")

    first = section(browser, draft["sections"][0])
    first.find_element(By.CSS_SELECTOR, ".amend-toggle").click()
    box = visible(browser, f"#amend-form-{draft['sections'][0]} textarea")
    box.clear()
    box.send_keys("Care closer to home, for everyone in the borough.")
    browser.find_element(By.CSS_SELECTOR, f"#amend-form-{draft['sections'][0]} button[type=submit]").click()
    text_in(browser, "#status", "amendment to section 1 is posted")
    amendment = visible(browser, f'li[data-section-id="{draft["sections"][0]}"] li.amendment')
    assert "close" in amendment.find_element(By.TAG_NAME, "del").text
    assert "closer" in amendment.find_element(By.TAG_NAME, "ins").text
    assert "Waiting for the team" in amendment.text and "Yours" in amendment.text

    amendment_id = amendment.get_attribute("data-amendment-id")
    staff(server).ok("POST", f"/admin/amendments/{amendment_id}/decision", {"decision": "accept", "reason": "Closer is what we mean."})
    open_draft(browser, server)
    text_in(browser, "#meta", "Version 2")
    assert "Care closer to home" in section(browser, draft["sections"][0]).find_element(By.CSS_SELECTOR, ".story-body").text
    assert "Closer is what we mean." in visible(browser, f'li[data-amendment-id="{amendment_id}"]').text
    text_in(browser, '#change-list li[data-version="2"]', "section 1 amended")
    browser.find_element(By.CSS_SELECTOR, "#compare-form button[type=submit]").click()
    text_in(browser, "#comparison ins", "closer")


def test_the_draft_page_is_accessible(server, draft, browser):
    client = contributor(server)
    hand_cookies_to(browser, client)
    open_draft(browser, server)
    check_target = section(browser, draft["sections"][1])
    toggle = check_target.find_elements(By.CSS_SELECTOR, ".amend-toggle")
    if toggle:
        toggle[0].click()
    assert_clean(check(browser, "draft page"))


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_the_draft_page(server, draft, browser, width):
    hand_cookies_to(browser, contributor(server))
    open_draft(browser, server)
    screenshot(browser, "draft", width, SCREENSHOTS)


def test_a_facilitator_accepts_and_declines_in_the_console_then_publishes_the_result(server, draft, browser):
    people = [contributor(server), contributor(server)]
    first = people[0].ok("POST", f"/api/drafts/{draft['id']}/sections/{draft['sections'][3]}/amendments",
                         {"body": "- budgets published monthly\n- minutes published"})
    second = people[1].ok("POST", f"/api/drafts/{draft['id']}/sections/{draft['sections'][2]}/amendments",
                          {"body": "We listen, then decide together."})
    sign_in(browser, server)
    node = show(browser, "drafts")
    item = visible(browser, f'#draft-amendments li[data-amendment-id="{first["id"]}"]')
    assert "monthly" in item.find_element(By.TAG_NAME, "ins").text
    for width in (1280, 375):
        browser.execute_script("arguments[0].scrollIntoView()", node)
        screenshot(browser, "console-drafts", width, SCREENSHOTS)
    item.find_element(By.CSS_SELECTOR, "input").send_keys("Monthly is more than the team can do.")
    item.find_element(By.XPATH, ".//button[text()='Decline']").click()
    text_in(browser, "#section-drafts .status", "Amendment declined")
    item = visible(browser, f'#draft-amendments li[data-amendment-id="{second["id"]}"]')
    item.find_element(By.CSS_SELECTOR, "input").send_keys("Deciding together is the point.")
    item.find_element(By.XPATH, ".//button[text()='Accept']").click()
    text_in(browser, "#section-drafts .status", "Amendment accepted")
    page = staff(server).ok("GET", f"/api/drafts/{draft['id']}")
    states = {a["id"]: (a["state"], a["reason"]) for s in page["sections"] for a in s["amendments"]}
    assert states[first["id"]] == ("declined", "Monthly is more than the team can do.")
    assert states[second["id"]] == ("accepted", "Deciding together is the point.")
    assert_clean(check(browser, "console drafts section", focus=False))

    visible(browser, "#draft-final input").send_keys("Agreed at the board, 3 December.")
    browser.find_element(By.CSS_SELECTOR, "#draft-final button[type=submit]").click()
    text_in(browser, "#section-drafts .status", "published as the result")
    assert staff(server).ok("GET", f"/api/drafts/{draft['id']}")["state"] == "final"
