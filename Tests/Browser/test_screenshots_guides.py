"""Screenshots at 1280 and 375 px of the pages that need a campaign in Act: the guide page with published guides, the
guide editor (also showing a conflict), and the console's coding, shortlist and guide review sections."""
import pytest
from selenium.webdriver.common.by import By

from conftest import SCREENSHOTS
from pages import screenshot, show, sign_in, text_in, visible, wait
from scenes import published_guides


@pytest.fixture(scope="module")
def scene(server):
    return published_guides(server, count=2)


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_the_guide_pages(server, scene, browser, width):
    browser.get(f"{server.base_url}/guide/demo")
    visible(browser, "#guides li.guide")
    screenshot(browser, "guide-published", width, SCREENSHOTS)

    guide = scene["guides"][2]
    invite = scene["admin"].ok("POST", f"/admin/guides/{guide['id']}/invitations", {})
    browser.expected_console += [r"/api/guides/\d+ - Failed to load resource: .* 409"]
    browser.get(server.base_url + invite["link"])
    visible(browser, "#editor")
    screenshot(browser, "guide-editor", width, SCREENSHOTS)
    current = scene["author"].ok("GET", f"/api/guides/{guide['id']}")
    scene["author"].ok("PUT", f"/api/guides/{guide['id']}", {"revision": current["revision"], "title": guide["title"],
                                                            "sections": {"whatToDo": f"Ask the council first ({width})."}})
    browser.find_element(By.ID, "section-problem").send_keys(" Buses stop at six.")
    browser.find_element(By.ID, "save").click()
    visible(browser, "#conflict")
    screenshot(browser, "guide-editor-conflict", width, SCREENSHOTS)

    sign_in(browser, server)
    for section in ("coding", "shortlist", "guides"):
        node = show(browser, section)
        wait(browser).until(lambda d: node.find_element(By.CSS_SELECTOR, ".section-body").text.strip())
        if section == "guides":
            visible(browser, f'#guide-list li[data-guide-id="{scene["guides"][0]["id"]}"] button').click()
            text_in(browser, "#guide-review-title", scene["guides"][0]["title"])
        screenshot(browser, f"console-{section}", width, SCREENSHOTS)
