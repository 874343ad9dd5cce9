"""The console's Mail section: relay and queue as counts, an invitation list sent from the box, a blind message to
the author of an idea, a template previewed — and axe finds nothing, at full width and at 360 px."""
import json

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import click, fetch_json, show, sign_in, text_in, visible
from test_accessibility import assert_clean, check


def test_the_mail_section_invites_writes_to_an_author_and_previews_without_showing_an_address(server, browser):
    sign_in(browser, server)
    show(browser, "mail")
    visible(browser, "#mail-relay")
    text_in(browser, "#mail-relay", "No relay is configured")
    assert_clean(check(browser, "console mail"))

    visible(browser, "#mail-invite-csv").send_keys("email\nann.example@trust.example.org\nbob.example@trust.example.org\n")
    click(browser, "#mail-invite-form button[type=submit]")
    text_in(browser, "#section-mail .status", "2 invitations queued")
    text_in(browser, "#mail-invitations", "2 addresses held")
    section = browser.find_element(By.ID, "section-mail").text
    assert "ann.example" not in section and "trust.example.org" not in section

    listing = fetch_json(browser, "GET", "/api/campaigns/demo/contributions?sort=new")
    first = json.loads(listing["body"])["items"][0]["id"]
    visible(browser, "#mail-author-idea").send_keys(str(first))
    browser.find_element(By.ID, "mail-author-text").send_keys("Could you tell us more about this idea?")
    click(browser, "#mail-author-form button[type=submit]")
    text_in(browser, "#section-mail .status", "You will not be told either way")

    Select(visible(browser, "#mail-template")).select_by_value("reminder")
    text_in(browser, "#mail-template-text", "Reminder")
    assert "#code=…" in browser.find_element(By.ID, "mail-template-text").text
    assert_clean(check(browser, "console mail after use", focus=False))
