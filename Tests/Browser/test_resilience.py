"""Clear messages when things go wrong, and no lost draft: the network drops while sending a contribution."""
from selenium.webdriver.common.by import By

from pages import join, open_campaign, text_in, wait


def test_network_failure_keeps_the_draft_and_says_so(server, browser):
    open_campaign(browser, server)
    join(browser)
    browser.find_element(By.ID, "compose-body").send_keys("Written on a train with no signal")
    browser.expected_console += [r"net::ERR_INTERNET_DISCONNECTED", r"ERR_NETWORK_CHANGED"]
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    browser.find_element(By.ID, "compose-submit").click()
    text_in(browser, "#compose-status", "could not reach the server")
    assert "Problem:" in browser.find_element(By.ID, "compose-status").text, "the error must be stated in words, not colour alone"
    assert browser.find_element(By.ID, "compose-body").get_property("value") == "Written on a train with no signal"
    browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    browser.refresh()
    open_campaign(browser, server)
    wait(browser).until(lambda d: d.find_element(By.ID, "compose-body").get_property("value") == "Written on a train with no signal")
    browser.find_element(By.ID, "compose-submit").click()
    text_in(browser, "#compose-status", "posted")
    browser.refresh()
    open_campaign(browser, server)
    assert browser.find_element(By.ID, "compose-body").get_property("value") == "", "a sent contribution must not come back as a draft"
