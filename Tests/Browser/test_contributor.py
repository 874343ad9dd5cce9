"""A newcomer's whole journey on the campaign page: join, post, similar ideas, votes, comments, reports, drafts, own items."""
from selenium.webdriver.common.by import By

from pages import click, counts, sort_by, item, join, open_campaign, post, pressed, text_in, visible, wait


def test_newcomer_joins_posts_sees_similar_votes_comments_and_reports(server, browser):
    open_campaign(browser, server)
    assert "anonymous" in browser.find_element(By.ID, "privacy").text.lower()
    assert "never store" in browser.find_element(By.ID, "privacy").text.lower()
    join(browser)

    first = post(browser, "Night shifts have nobody to cover our breaks", title="Break cover at night")

    browser.find_element(By.ID, "compose-body").send_keys("Nobody covers breaks on night shifts")
    visible(browser, f'#similar li[data-similar-id="{first}"]')
    browser.find_element(By.ID, "compose-body").clear()

    node = item(browser, first)
    node.find_element(By.CSS_SELECTOR, ".vote.up").click()
    wait(browser).until(lambda d: pressed(d, first, "up") and counts(d, first) == (1, 0))
    node.find_element(By.CSS_SELECTOR, ".vote.down").click()
    wait(browser).until(lambda d: pressed(d, first, "down") and not pressed(d, first, "up") and counts(d, first) == (0, 1))

    node.find_element(By.CSS_SELECTOR, ".comments-toggle").click()
    box = visible(browser, f"#comments-{first} textarea")
    box.send_keys("Same on our ward, every night")
    node.find_element(By.CSS_SELECTOR, ".comment-form button[type=submit]").click()
    text_in(browser, f"#comments-{first} ul", "Same on our ward, every night")
    click(browser, f"#comments-{first} .comment button.reply")
    reply = visible(browser, f"#comments-{first} .comment .comment-form textarea")
    reply.send_keys("Agreed, and at weekends")
    browser.find_element(By.CSS_SELECTOR, f"#comments-{first} .comment .comment-form button[type=submit]").click()
    text_in(browser, f"#comments-{first} .replies", "Agreed, and at weekends")

    # Nobody reports their own idea; someone else's they can.
    assert not node.find_elements(By.CSS_SELECTOR, "button.report")
    other = browser.find_element(By.CSS_SELECTOR, "#items li[data-mine='false'][data-id]")
    theirs = other.get_attribute("data-id")
    other.find_element(By.CSS_SELECTOR, "button.report").click()
    visible(browser, f"#report-reason-{theirs}")
    other.find_element(By.CSS_SELECTOR, ".report-form button[type=submit]").click()
    text_in(browser, f'#items li[data-id="{theirs}"] .report-form', "Thank you")


def test_an_unsent_draft_survives_a_reload(server, browser):
    open_campaign(browser, server)
    join(browser)
    browser.find_element(By.ID, "compose-title").send_keys("Half-written idea")
    browser.find_element(By.ID, "compose-body").send_keys("This is not finished yet")
    browser.refresh()
    open_campaign(browser, server)
    wait(browser).until(lambda d: d.find_element(By.ID, "compose-body").get_property("value") == "This is not finished yet")
    assert browser.find_element(By.ID, "compose-title").get_property("value") == "Half-written idea"


def test_own_contribution_can_be_edited_then_withdrawn(server, browser):
    open_campaign(browser, server)
    join(browser)
    mine = post(browser, "Rotas come out too late to plan childcare")
    entry = visible(browser, f'#mine-items li[data-mine-id="{mine}"]')
    entry.find_element(By.XPATH, ".//button[text()='Edit']").click()
    body = visible(browser, f"#edit-body-{mine}")
    body.clear()
    body.send_keys("Rotas come out too late to plan childcare or study")
    browser.find_element(By.XPATH, "//button[text()='Save changes']").click()
    text_in(browser, "#mine-status", "saved")
    text_in(browser, f'#mine-items li[data-mine-id="{mine}"]', "or study")

    withdraw = visible(browser, f'#mine-items li[data-mine-id="{mine}"] button.danger')
    withdraw.click()
    text_in(browser, f'#mine-items li[data-mine-id="{mine}"] button.danger', "Yes, withdraw it")
    browser.find_element(By.CSS_SELECTOR, f'#mine-items li[data-mine-id="{mine}"] button.danger').click()
    text_in(browser, "#mine-status", "withdrawn")
    wait(browser).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'#items li[data-id="{mine}"]'))


def author_and_live_reader(server, browsers, text):
    """An author who has just posted `text`, and a second session reading the newest first, live."""
    author = browsers()
    reader = browsers()
    open_campaign(author, server)
    join(author)
    idea = post(author, text)
    open_campaign(reader, server)
    sort_by(reader, "new")
    wait(reader).until(lambda d: d.execute_script("return document.documentElement.dataset.live") == "connected")
    return author, reader, idea


def test_a_second_session_sees_vote_counts_change_live(server, browsers):
    author, reader, idea = author_and_live_reader(server, browsers, "Put a water cooler in the staff room")
    assert counts(reader, idea) == (0, 0)
    item(author, idea).find_element(By.CSS_SELECTOR, ".vote.up").click()
    wait(reader).until(lambda d: counts(d, idea) == (1, 0))
    assert "1 thumb up" in reader.find_element(By.ID, "live").get_attribute("textContent")


def test_one_intervals_totals_update_every_contribution_they_name(server, browsers):
    """Vote totals come as one `totals` event per interval with a row per changed contribution: each row lands."""
    author = browsers()
    reader = browsers()
    open_campaign(author, server)
    join(author)
    first = post(author, "Open the staff canteen at night")
    second = post(author, "Keep spare chargers at the nurses' station")
    open_campaign(reader, server)
    sort_by(reader, "new")
    wait(reader).until(lambda d: d.execute_script("return document.documentElement.dataset.live") == "connected")
    item(author, first).find_element(By.CSS_SELECTOR, ".vote.up").click()
    wait(author).until(lambda d: counts(d, first) == (1, 0))
    item(author, second).find_element(By.CSS_SELECTOR, ".vote.down").click()
    wait(reader).until(lambda d: counts(d, first) == (1, 0) and counts(d, second) == (0, 1))
    # The rows come in id order and the later idea has the higher id, so its totals are the last announced.
    assert "1 thumb down" in reader.find_element(By.ID, "live").get_attribute("textContent")


def test_a_second_session_sees_a_withdrawn_contribution_disappear_live(server, browsers):
    author, reader, idea = author_and_live_reader(server, browsers, "Let porters book the lifts for bed moves")
    item(reader, idea)
    mine = f'#mine-items li[data-mine-id="{idea}"] button.danger'
    visible(author, mine).click()
    text_in(author, mine, "Yes, withdraw it")
    author.find_element(By.CSS_SELECTOR, mine).click()
    wait(reader).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'#items li[data-id="{idea}"]'))
    assert "removed" in reader.find_element(By.ID, "live").get_attribute("textContent")


def test_voting_works_from_the_keyboard_with_a_visible_focus(server, browser):
    from selenium.webdriver.common.keys import Keys

    open_campaign(browser, server)
    join(browser)
    idea = post(browser, "Keyboard users vote too")
    button = item(browser, idea).find_element(By.CSS_SELECTOR, ".vote.up")
    browser.execute_script("arguments[0].focus()", item(browser, idea).find_element(By.CSS_SELECTOR, ".comments-toggle"))
    # Shift+Tab from the comment toggle lands on "Down", once more on "Up": the buttons are in the tab order.
    browser.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
    browser.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
    assert browser.switch_to.active_element == button
    ring = browser.execute_script("const s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.boxShadow]", button)
    assert ring[0] != "none" or ring[1] != "none", "the focused button shows no focus indicator"
    browser.switch_to.active_element.send_keys(Keys.SPACE)
    wait(browser).until(lambda d: pressed(d, idea, "up") and counts(d, idea) == (1, 0))
