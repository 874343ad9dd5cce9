"""Prioritise shows what it is for: the shortlist first, everything else behind a switch and read only, with no vote
button or comment form the phase would refuse. Failed on the pages before issue 21, which mixed the shortlist with
barriers and unchosen ideas and offered votes on them that then said no."""
from selenium.webdriver.common.by import By

from api_client import staff
from pages import open_campaign, sort_by, text_in, visible, wait
from scenes import ideas_in_answer, open_phase
from test_accessibility import assert_clean, check


def listed(driver):
    return [node.get_attribute("data-id") for node in driver.find_elements(By.CSS_SELECTOR, "#items > li.item")]


def test_prioritise_leads_with_the_shortlist_and_the_rest_is_read_only(server, browser):
    _, ideas = ideas_in_answer(server, 3)
    admin = staff(server)
    admin.ok("POST", "/admin/campaigns/demo/shortlist/prioritise", {"contributionId": ideas[1], "reason": "Popular"})
    open_phase(admin, "prioritise")

    open_campaign(browser, server)
    text_in(browser, "#banner-text", "shortlist")
    text_in(browser, "#browse-heading", "The shortlist")
    wait(browser).until(lambda d: listed(d) == [str(ideas[1])])
    assert browser.execute_script("return document.getElementById('browse').compareDocumentPosition("
                                  "document.getElementById('join')) & Node.DOCUMENT_POSITION_FOLLOWING"), "the shortlist comes first"
    assert browser.find_element(By.ID, "show-shortlist").get_attribute("aria-pressed") == "true"
    visible(browser, f'#items li[data-id="{ideas[1]}"] button.vote.up')
    assert not browser.find_element(By.ID, "contribute").is_displayed(), "no new ideas in Prioritise"
    assert not browser.find_element(By.ID, "nav-contribute").is_displayed()
    problems = check(browser, "campaign (prioritise, shortlist)")

    browser.find_element(By.ID, "show-rest").click()
    text_in(browser, "#browse-heading", "Everything else")
    wait(browser).until(lambda d: listed(d) and str(ideas[1]) not in listed(d))
    sort_by(browser, "new")
    assert str(ideas[0]) in listed(browser) and str(ideas[2]) in listed(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, "#items button.vote"), "nothing to press that would refuse"
    node = browser.find_element(By.CSS_SELECTOR, f'#items li[data-id="{ideas[0]}"]')
    assert "up" in node.find_element(By.CSS_SELECTOR, ".votes.read-only").text
    # Its thread is closed and empty: nothing offered to read or write (a bare "Comment" would invite a refusal).
    assert not node.find_element(By.CSS_SELECTOR, ".comments-toggle").is_displayed()
    assert not browser.find_elements(By.CSS_SELECTOR, f"#comments-{ideas[0]} textarea")
    problems += check(browser, "campaign (prioritise, the rest)", focus=False)

    # Its own page says why, and offers neither a vote nor a join that would lead to none.
    browser.get(f"{server.base_url}/c/demo/ideas/{ideas[0]}")
    text_in(browser, "#idea", "was not shortlisted")
    assert not browser.find_elements(By.CSS_SELECTOR, "#idea button.vote")
    assert not browser.find_elements(By.PARTIAL_LINK_TEXT, "Join the campaign to vote")
    text_in(browser, "#discussion", "Comments are closed")
    problems += check(browser, "idea page (prioritise, not shortlisted)", focus=False)
    assert_clean(problems)
