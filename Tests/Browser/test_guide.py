"""The published guide page: the campaign's numbers, its published guides, and filtering them by barrier, by building
block and by search. The guides are written, marked final and published through the API first (the scene)."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from scenes import GUIDE_IDEAS, published_guides
from pages import visible, wait


@pytest.fixture(scope="module")
def scene(server):
    return published_guides(server)


def shown_titles(browser):
    return [node.text for node in browser.find_elements(By.CSS_SELECTOR, "#guides li.guide h3")]


def expect_titles(browser, indexes):
    expected = sorted(GUIDE_IDEAS[i][0] for i in indexes)
    wait(browser).until(lambda d: sorted(shown_titles(d)) == expected)
    assert browser.find_element(By.ID, "guide-count").text == f"Showing {len(indexes)} guide{'' if len(indexes) == 1 else 's'} of 3."


def test_guide_page_filters_by_barrier_building_block_and_search(server, scene, browser):
    browser.get(f"{server.base_url}/guide/demo")
    visible(browser, "#guides li.guide")
    assert "people took part" in browser.find_element(By.ID, "numbers").text
    expect_titles(browser, [0, 1, 2])
    first = browser.find_element(By.CSS_SELECTOR, "#guides li.guide")
    assert "The problem" in first.text, "each guide shows its sections with their headings"

    barrier = Select(visible(browser, "#filter-barrier"))
    block = Select(visible(browser, "#filter-block"))
    assert [o.text for o in barrier.options] == ["All barriers", "Phone queue at 8am", "No bus to the walk-in centre"]
    assert [o.text for o in block.options] == ["All building blocks", "Pharmacists who see people first"]

    barrier.select_by_visible_text("Phone queue at 8am")
    expect_titles(browser, [0])
    guide = browser.find_element(By.CSS_SELECTOR, "#guides li.guide")
    assert "Phone queue at 8am" in guide.find_element(By.CSS_SELECTOR, ".meta").text, "the guide names its themes"
    assert GUIDE_IDEAS[0][4] in guide.text, "the guide's problem text is shown"

    barrier.select_by_index(0)
    block.select_by_visible_text("Pharmacists who see people first")
    expect_titles(browser, [1, 2])
    barrier.select_by_visible_text("No bus to the walk-in centre")
    expect_titles(browser, [2])

    barrier.select_by_index(0)
    block.select_by_index(0)
    expect_titles(browser, [0, 1, 2])
    search = browser.find_element(By.ID, "guide-search")
    search.send_keys("minibus")
    expect_titles(browser, [2])
    search.clear()
    search.send_keys("zzzz-no-such-words")
    wait(browser).until(lambda d: shown_titles(d) == [])
    assert browser.find_element(By.ID, "guide-count").text == "Showing 0 guides of 3."
