"""Have your say on the published guide: a contributor who joined comments under a mini-guide and sees it there;
someone who has not joined is sent to join; a moderator's hide takes the comment off the guide. Axe with the
comments showing; screenshots at 1280 and 375 px."""
import pytest
from selenium.webdriver.common.by import By

from api_client import contributor, hand_cookies_to
from conftest import SCREENSHOTS
from pages import screenshot, text_in, visible, wait
from scenes import published_guides
from test_accessibility import assert_clean, check


@pytest.fixture(scope="module")
def scene(server):
    return published_guides(server, count=2)


def guide_node(browser, guide):
    return visible(browser, f'#guides li.guide[data-guide-id="{guide["id"]}"]')


def test_a_contributor_comments_on_a_published_guide(server, scene, browser):
    guide = scene["guides"][0]
    browser.get(f"{server.base_url}/guide/demo")
    node = guide_node(browser, guide)
    assert "Join the campaign to have your say" in node.find_element(By.CSS_SELECTOR, ".guide-comments").text
    assert not node.find_elements(By.CSS_SELECTOR, ".guide-comments textarea")

    reader = contributor(server)
    browser.get(f"{server.base_url}/c/demo")
    hand_cookies_to(browser, reader)
    browser.get(f"{server.base_url}/guide/demo")
    node = guide_node(browser, guide)
    box = node.find_element(By.CSS_SELECTOR, ".guide-comments textarea")
    box.send_keys("We started a call-back list in March; the 8am queue is gone.")
    node.find_element(By.CSS_SELECTOR, ".guide-comments button[type=submit]").click()
    text_in(browser, f'#guides li.guide[data-guide-id="{guide["id"]}"] .guide-comment-list', "the 8am queue is gone")
    text_in(browser, f'#guides li.guide[data-guide-id="{guide["id"]}"] .guide-comments h4', "1 comment")

    browser.refresh()
    node = guide_node(browser, guide)
    text_in(browser, f'#guides li.guide[data-guide-id="{guide["id"]}"] .guide-comment-list', "the 8am queue is gone")
    comment = node.find_element(By.CSS_SELECTOR, ".guide-comment-list li.comment").get_attribute("data-comment-id")
    scene["admin"].ok("POST", f"/admin/comments/{comment}/hide", {"reason": "test: moderation"})
    browser.refresh()
    node = guide_node(browser, guide)
    wait(browser).until(lambda d: not guide_node(d, guide).find_elements(By.CSS_SELECTOR, ".guide-comment-list li"))
    scene["reader"] = reader


def test_the_guide_with_comments_is_accessible(server, scene, browser):
    guide = scene["guides"][1]
    reader = contributor(server)
    reader.ok("POST", f"/api/guides/{guide['id']}/comments", {"body": "Our pharmacy already does this on Saturdays."})
    browser.get(f"{server.base_url}/c/demo")
    hand_cookies_to(browser, reader)
    browser.get(f"{server.base_url}/guide/demo")
    text_in(browser, f'#guides li.guide[data-guide-id="{guide["id"]}"] .guide-comment-list', "Saturdays")
    assert_clean(check(browser, "guide with comments", focus=False))


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_guide_comments(server, scene, browser, width):
    browser.get(f"{server.base_url}/guide/demo")
    visible(browser, "#guides li.guide .guide-comments")
    screenshot(browser, "guide-comments", width, SCREENSHOTS)
