"""Full-page screenshots of every page at 1280 and 375 px wide, saved under .build/screenshots/ for people to look at."""
import pytest
from selenium.webdriver.common.by import By

from conftest import SCREENSHOTS
from pages import join, open_campaign, post, screenshot, text_in, visible, wait


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_every_page(server, browser, width):
    browser.get(server.base_url + "/")
    visible(browser, "#campaigns li")
    screenshot(browser, "index", width, SCREENSHOTS)

    open_campaign(browser, server)
    screenshot(browser, "campaign-newcomer", width, SCREENSHOTS)
    join(browser)
    if width == 1280:
        post(browser, "Handovers run late because the ward computer takes ten minutes to log in", title="Slow log-in at handover")
        post(browser, "We never know who is in charge at night")
    browser.find_element(By.ID, "compose-body").send_keys("The ward computer is slow at handover")
    visible(browser, "#similar li")
    screenshot(browser, "campaign-joined", width, SCREENSHOTS)

    browser.get(f"{server.base_url}/guide/demo")
    wait(browser).until(lambda d: d.find_element(By.ID, "guide-count").text or d.find_element(By.ID, "status").text)
    screenshot(browser, "guide", width, SCREENSHOTS)

    browser.expected_console += [r"/admin/me - Failed to load resource: .* 401"]
    browser.get(f"{server.base_url}/console")
    visible(browser, "#signin-name")
    screenshot(browser, "console-signin", width, SCREENSHOTS)
    browser.find_element(By.ID, "signin-name").send_keys(server.staff_name)
    browser.find_element(By.ID, "signin-password").send_keys(server.staff_password)
    browser.find_element(By.ID, "signin-button").click()
    text_in(browser, "#who", server.staff_name)
    for section in ("campaigns", "setup", "phases", "moderation", "statements", "codebook", "stats"):
        visible(browser, f'#console-nav a[data-section="{section}"]').click()
        wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, f"#section-{section} .section-body").text.strip())
        screenshot(browser, f"console-{section}", width, SCREENSHOTS)
