"""Stories on the campaign page: a story posted by staff with a named story-teller shows its structure built as text
(headings, lists, a quote, links only to http(s), hostile markup as text), and a contributor votes and comments on it
as on an idea. Axe at full width and on a phone; screenshots at 1280 and 375 px."""
import pytest
from selenium.webdriver.common.by import By

from conftest import SCREENSHOTS
from pages import join, open_campaign, screenshot, text_in, visible, wait
from api_client import staff
from test_accessibility import assert_clean, check

BODY = """## Why it matters
I have worked nights on Ward 7 for **twelve years**, and *nobody* asked us before.

- the car park is dark after ten
- the last bus goes at eleven

> We were heard at last.

Read [the staff survey](https://example.org/survey), or not [this](javascript:alert(1)) <img src=x onerror="document.title='pwned'">"""


@pytest.fixture(scope="module")
def story(server):
    admin = staff(server)
    campaign = admin.ok("GET", "/api/campaigns/demo")
    question = next(q["id"] for q in campaign["questions"] if q["phase"] == campaign["openPhase"])
    return admin.ok("POST", "/admin/campaigns/demo/stories", {
        "questionId": question, "title": "Nights on Ward 7", "body": BODY, "byline": "Amara Okafor, ward sister",
        "link": "https://video.example/ward7", "linkLabel": "Watch Amara's two-minute film"})


def story_node(browser, story):
    return visible(browser, f'#story-list li[data-story-id="{story["id"]}"]')


def test_a_contributor_reads_votes_and_comments_on_a_story(server, story, browser):
    open_campaign(browser, server)
    node = story_node(browser, story)
    assert "Story by Amara Okafor, ward sister" in node.find_element(By.CSS_SELECTOR, ".pill.storyteller").text
    body = node.find_element(By.CSS_SELECTOR, ".story-body")
    assert body.find_element(By.TAG_NAME, "h5").text == "Why it matters"
    assert body.find_element(By.TAG_NAME, "strong").text == "twelve years"
    assert [li.text for li in body.find_elements(By.CSS_SELECTOR, "ul li")] == ["the car park is dark after ten", "the last bus goes at eleven"]
    assert body.find_element(By.TAG_NAME, "blockquote").text == "We were heard at last."
    links = [a.get_attribute("href") for a in body.find_elements(By.TAG_NAME, "a")]
    assert links == ["https://example.org/survey"], links
    assert "[this](javascript:alert(1))" in body.text and "<img src=x" in body.text
    assert not body.find_elements(By.TAG_NAME, "img") and browser.title != "pwned"
    assert node.find_element(By.CSS_SELECTOR, ".story-link a").get_attribute("href") == "https://video.example/ward7"
    assert not browser.find_elements(By.CSS_SELECTOR, f'#items li[data-id="{story["id"]}"]'), "a story is not among the ideas"

    join(browser)
    node = story_node(browser, story)
    node.find_element(By.CSS_SELECTOR, ".vote.up").click()
    wait(browser).until(lambda d: story_node(d, story).find_element(By.CSS_SELECTOR, ".up-count").text == "1")
    node = story_node(browser, story)
    node.find_element(By.CSS_SELECTOR, ".comments-toggle").click()
    box = visible(browser, f"#comments-{story['id']} textarea")
    box.send_keys("The same on Ward 9, thank you for saying it.")
    node.find_element(By.CSS_SELECTOR, ".comment-form button[type=submit]").click()
    text_in(browser, f"#comments-{story['id']} ul", "The same on Ward 9")


def test_the_stories_are_accessible(server, story, browser):
    open_campaign(browser, server)
    node = story_node(browser, story)
    node.find_element(By.CSS_SELECTOR, ".comments-toggle").click()
    visible(browser, f"#comments-{story['id']} textarea")
    assert_clean(check(browser, "campaign with a story", focus=False))


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_a_story(server, story, browser, width):
    open_campaign(browser, server)
    node = story_node(browser, story)
    browser.execute_script("arguments[0].scrollIntoView()", node)
    screenshot(browser, "campaign-story", width, SCREENSHOTS)
