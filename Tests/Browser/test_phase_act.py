"""Act is honest: it offers no join, vote or edit that would fail, promises nothing that does not exist, shows the
published guide, and an author finds the guide invitation at the top of the page. Failed on the pages before issue 21
("Join" offered, Edit failing, the guide only a button at the bottom of "Yours")."""
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
    problems += check(author, "campaign (act, author)", focus=False)
    assert_clean(problems)
