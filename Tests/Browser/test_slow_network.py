"""Slow and broken networks: a vote shows at once and is undone, with the reason, when it fails; a visible notice says
when live updates drop and when they are back. Failed on the pages before issue 21 (a greyed button until the answer
came, and nothing said when the stream dropped)."""
from selenium.webdriver.common.by import By

from pages import counts, item, join, open_campaign, post, pressed, text_in, wait

OFFLINE = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
ONLINE = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}


def network(browser, conditions):
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", conditions)


def test_a_vote_shows_at_once_and_is_undone_when_it_fails(server, browser):
    browser.expected_console += [r"net::ERR_INTERNET_DISCONNECTED", r"ERR_NETWORK_CHANGED", r"/events"]
    open_campaign(browser, server)
    join(browser)
    idea = post(browser, "Night buses stop before the late shift ends")
    # On a slow line the vote is shown the moment it is pressed, before any answer (read in the same task as the click).
    network(browser, {"offline": False, "latency": 1500, "downloadThroughput": 50_000, "uploadThroughput": 50_000})
    shown = browser.execute_script("const b = arguments[0]; b.click(); return [b.getAttribute('aria-pressed'), "
                                   "b.querySelector('.up-count').textContent]",
                                   item(browser, idea).find_element(By.CSS_SELECTOR, ".vote.up"))
    assert shown == ["true", "1"], shown
    wait(browser).until(lambda d: pressed(d, idea, "up") and counts(d, idea) == (1, 0))
    # Offline, it is shown, then undone with the reason.
    network(browser, OFFLINE)
    item(browser, idea).find_element(By.CSS_SELECTOR, ".vote.down").click()
    text_in(browser, f'#items li[data-id="{idea}"] .votes .status', "Your vote was not counted")
    wait(browser).until(lambda d: pressed(d, idea, "up") and not pressed(d, idea, "down") and counts(d, idea) == (1, 0))
    network(browser, ONLINE)


def test_a_notice_says_when_live_updates_drop_and_when_they_are_back(server, browser):
    """The stream is cut by blocking its address (emulated offline keeps an open stream open); the browser's own
    retries then fail until it is unblocked."""
    browser.expected_console += [r"/events", r"ERR_BLOCKED_BY_CLIENT"]
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/campaigns/demo/events*"]})
    open_campaign(browser, server)
    text_in(browser, "#live-status", "Live updates have stopped")
    assert browser.execute_script("return document.documentElement.dataset.live") == "reconnecting"
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    text_in(browser, "#live-status", "Live updates are back")
    wait(browser).until(lambda d: d.execute_script("return document.documentElement.dataset.live") == "connected")
