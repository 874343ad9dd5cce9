"""Act is honest: it offers no join, vote or edit that would fail, promises nothing that does not exist, shows the
published guide, and an author finds the guide invitation at the top of the page. Failed on the pages before issue 21
("Join" offered, Edit failing, the guide only a button at the bottom of "Yours")."""
import re

from selenium.webdriver.common.by import By

from api_client import hand_cookies_to
from pages import open_campaign, text_in, visible, wait
from scenes import published_guides
from test_accessibility import assert_clean, check


def test_act_offers_nothing_it_refuses_and_shows_the_guide_and_the_invitation(server, browsers):
    scene = published_guides(server, count=1)

    newcomer = browsers(375, 800)
    open_campaign(newcomer, server)
    text_in(newcomer, "#banner-phase", "Act")
    visible(newcomer, "#banner-progress")
    visible(newcomer, "#banner-guide")
    visible(newcomer, "#guide-link")
    assert not newcomer.find_element(By.ID, "join-button").is_displayed(), "joining would lead to nothing to do"
    assert newcomer.find_element(By.ID, "shared-computer").is_displayed(), "signing back in on a shared computer still can"
    assert not newcomer.find_elements(By.CSS_SELECTOR, "#items button.vote")
    assert "read-only" not in newcomer.find_element(By.ID, "banner").text.lower()
    # Commenting has closed, so no idea offers "Comment": a thread with comments reads "Comments (n)" and opens read
    # only, one with none offers nothing (the chosen ideas have none; the old pages offered "Comment" on each).
    wait(newcomer).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#items .comments-toggle"))
    toggles = newcomer.find_elements(By.CSS_SELECTOR, "#items .comments-toggle")
    shown = [toggle for toggle in toggles if toggle.is_displayed()]
    assert len(shown) < len(toggles), "the chosen ideas have no comments, so their threads offer nothing"
    assert all(re.fullmatch(r"Comments \(\d+\)", toggle.text) for toggle in shown), [toggle.text for toggle in shown]
    if shown:
        shown[0].click()
        panel = visible(newcomer, f"#{shown[0].get_attribute('aria-controls')}")
        assert not panel.find_elements(By.TAG_NAME, "textarea") and "closed" in panel.text
    problems = check(newcomer, "campaign (act, newcomer)")

    author = browsers()
    hand_cookies_to(author, scene["author"])
    open_campaign(author, server)
    invitation = visible(author, "#invitation")
    assert author.execute_script("return arguments[0].getBoundingClientRect().top", invitation) < \
        author.execute_script("return document.getElementById('browse').getBoundingClientRect().top"), "at the top"
    assert "guide" in invitation.text.lower()
    assert "guide=" in author.find_element(By.ID, "invitation-link").get_attribute("href")
    visible(author, "#nav-mine")
    wait(author).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#mine-items li"))
    assert not author.find_elements(By.XPATH, "//section[@id='mine']//button[text()='Edit']"), "editing is over in Act"
    assert "editing has closed" in author.find_element(By.ID, "mine-intro").text.lower(), "the list does not promise edits"
    # Nobody reports their own idea: the author's chosen ideas in the list offer no Report (the old pages did).
    own = author.find_elements(By.CSS_SELECTOR, "#items li[data-mine='true']")
    assert own and not any(item.find_elements(By.CSS_SELECTOR, "button.report") for item in own)
    problems += check(author, "campaign (act, author)", focus=False)
    assert_clean(problems)
