"""A page per idea (/c/SLUG/ideas/ID) and nothing lost before joining: each test here failed on the pages before
issue 21, where an idea had no address (a similar idea was a dead #item-N anchor) and a vote, comment or report
tried before joining was dropped once the person had joined."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

from pages import click, counts, item, join, open_campaign, post, pressed, text_in, visible, wait
from test_accessibility import assert_clean, check


def open_idea(driver, server, idea, slug="demo"):
    driver.get(f"{server.base_url}/c/{slug}/ideas/{idea}")
    wait(driver).until(lambda d: d.find_element(By.ID, "title").text not in ("", "Loading the idea…"))


def meta(driver, prop):
    return driver.find_element(By.CSS_SELECTOR, f'meta[property="{prop}"]').get_attribute("content")


def test_an_idea_opens_from_its_shared_address_with_a_preview_and_no_author(server, browsers):
    author = browsers()
    open_campaign(author, server)
    join(author)
    idea = post(author, "Working parents cannot get to the surgery before six", title="Evening GP appointments")

    colleague = browsers(375, 800)
    open_idea(colleague, server, idea)
    assert colleague.find_element(By.ID, "title").text == "Evening GP appointments"
    assert "before six" in colleague.find_element(By.ID, "idea-body").text
    assert meta(colleague, "og:title").startswith("Evening GP appointments – ")
    assert "before six" in meta(colleague, "og:description")
    assert "Yours" not in colleague.find_element(By.ID, "meta").text
    visible(colleague, "#discussion")
    visible(colleague, "#idea .vote.up")
    assert "Getting the care you need" in colleague.find_element(By.ID, "campaign-name").text
    # The author sees it as theirs, and their own comment lands in the thread on the page.
    open_idea(author, server, idea)
    text_in(author, "#meta", "Yours")
    box = visible(author, "#discussion textarea")
    box.send_keys("Saturday mornings would help too")
    author.find_element(By.CSS_SELECTOR, "#discussion .comment-form button[type=submit]").click()
    text_in(author, "#discussion ul", "Saturday mornings would help too")


def test_a_similar_idea_and_a_search_result_open_the_idea_page(server, browser):
    open_campaign(browser, server)
    join(browser)
    browser.find_element(By.ID, "compose-body").send_keys("The 8am phone scramble to get an appointment")
    visible(browser, "#similar li a")
    assert "/c/demo/ideas/" in browser.find_element(By.CSS_SELECTOR, "#similar li a").get_attribute("href")
    click(browser, "#similar li a")  # looked up again if the hint was redrawn meanwhile
    wait(browser).until(lambda d: "/c/demo/ideas/" in d.current_url)
    wait(browser).until(lambda d: d.find_element(By.ID, "title").text not in ("", "Loading the idea…"))
    assert browser.find_element(By.ID, "idea-body").text

    open_campaign(browser, server)
    browser.find_element(By.ID, "search").send_keys("interpreter")
    def open_result(d):
        """Clicks the result's heading, trying again if the list was redrawn under it (the search reloads as typed)."""
        try:
            heading = next((a for a in d.find_elements(By.CSS_SELECTOR, "#items li.item h3 a") if "interpreter" in a.text.lower()), None)
            if heading:
                heading.click()
            return heading is not None
        except StaleElementReferenceException:
            return False
    wait(browser).until(open_result)
    text_in(browser, "#title", "No interpreter offered")
    assert "/c/demo/ideas/" in browser.current_url


def test_a_vote_before_joining_is_cast_right_after_joining(server, browser):
    open_campaign(browser, server)
    first = browser.find_element(By.CSS_SELECTOR, "#items > li.item").get_attribute("data-id")
    up_before, _ = counts(browser, first)
    item(browser, first).find_element(By.CSS_SELECTOR, ".vote.up").click()
    text_in(browser, "#join-status", "counted as soon as you have joined")
    join(browser)
    text_in(browser, "#page-status", "has been counted")
    wait(browser).until(lambda d: pressed(d, first, "up") and counts(d, first)[0] == up_before + 1)
    # Carried out once: a reload does not vote again, or undo it.
    browser.refresh()
    open_campaign(browser, server)
    wait(browser).until(lambda d: pressed(d, first, "up") and counts(d, first)[0] == up_before + 1)
    assert "counted" not in browser.find_element(By.ID, "page-status").text


def test_a_vote_on_the_idea_page_before_joining_is_cast_after_joining_and_leads_back(server, browser):
    open_campaign(browser, server)
    first = browser.find_element(By.CSS_SELECTOR, "#items > li.item").get_attribute("data-id")
    up_before, _ = counts(browser, first)
    open_idea(browser, server, first)
    click(browser, "#idea .vote.up")
    wait(browser).until(lambda d: d.current_url.endswith("/c/demo#join"))
    text_in(browser, "#join-status", "your vote")
    join(browser)
    text_in(browser, "#page-status", "has been counted")
    browser.find_element(By.LINK_TEXT, "Back to the idea").click()
    wait(browser).until(lambda d: d.current_url.endswith(f"/c/demo/ideas/{first}"))
    wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#idea .vote.up").get_attribute("aria-pressed") == "true")
    assert int(browser.find_element(By.CSS_SELECTOR, "#idea .up-count").text) == up_before + 1


def test_a_comment_and_a_report_before_joining_are_sent_after_joining(server, browsers):
    commenter = browsers()
    open_campaign(commenter, server)
    first = commenter.find_element(By.CSS_SELECTOR, "#items > li.item").get_attribute("data-id")
    node = item(commenter, first)
    node.find_element(By.CSS_SELECTOR, ".comments-toggle").click()
    visible(commenter, f"#comments-{first} textarea").send_keys("Same here on the east side")
    node.find_element(By.CSS_SELECTOR, ".comment-form button[type=submit]").click()
    text_in(commenter, "#join-status", "posted as soon as you have joined")
    join(commenter)
    text_in(commenter, "#page-status", "has been posted")
    click(commenter, f'#items li[data-id="{first}"] .comments-toggle')
    text_in(commenter, f"#comments-{first} ul", "Same here on the east side")

    reporter = browsers()
    open_campaign(reporter, server)
    second = reporter.find_elements(By.CSS_SELECTOR, "#items > li.item")[1].get_attribute("data-id")
    item(reporter, second).find_element(By.CSS_SELECTOR, "button.report").click()
    visible(reporter, f"#report-reason-{second}")
    item(reporter, second).find_element(By.CSS_SELECTOR, ".report-form button[type=submit]").click()
    text_in(reporter, "#join-status", "sent as soon as you have joined")
    join(reporter)
    text_in(reporter, "#page-status", "report")
    assert "sent" in reporter.find_element(By.ID, "page-status").text


def test_an_unknown_idea_is_the_page_not_found(server, browser):
    browser.expected_console += [r"/c/demo/ideas/99999 - Failed to load resource: .* 404"]
    browser.get(f"{server.base_url}/c/demo/ideas/99999")
    text_in(browser, "h1", "Page not found")


def test_the_idea_page_is_accessible(server, browsers):
    author = browsers()
    open_campaign(author, server)
    join(author)
    idea = post(author, "The lift at the health centre has been broken for a month", title="Broken lift")
    problems = []
    open_idea(author, server, idea)
    visible(author, "#discussion textarea")
    problems += check(author, "idea page (joined)")
    reader = browsers()
    open_idea(reader, server, idea)
    visible(reader, "#idea .vote.up")
    problems += check(reader, "idea page (newcomer)")
    assert_clean(problems)
