"""The console's Mail section: relay and queue as counts, an invitation list sent from the box, a blind message to
the author of an idea, a template previewed; and a stranger's request to be invited from an invite-only campaign's
page — axe finds nothing in either, at full width and at 360 px."""
import json
import urllib.request

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


def admin_json(server, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(server.base_url + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {server.staff_token}")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


def test_a_stranger_asks_for_an_invitation_to_an_invite_only_campaign(server, browser):
    slug = "ward-seven"
    admin_json(server, "POST", "/admin/campaigns", {"slug": slug, "title": "Ward seven", "access": "invite"})
    admin_json(server, "POST", f"/admin/campaigns/{slug}/questions", {"phase": "understand", "text": "What gets in the way?"})
    admin_json(server, "POST", f"/admin/campaigns/{slug}/launch", {})
    admin_json(server, "POST", f"/admin/campaigns/{slug}/phases/understand/open", {})
    # The page asks for the contributions, which an invite-only campaign keeps for its members (403 invite_required).
    browser.expected_console += [rf"/api/campaigns/{slug}/contributions.* 403"]
    browser.get(f"{server.base_url}/c/{slug}")
    visible(browser, "#request-invite-open").click()
    visible(browser, "#request-invite-address").send_keys("porter.jones@estates.example.org")
    browser.find_element(By.ID, "request-invite-note").send_keys("Night porter in estates")
    assert_clean(check(browser, "request an invitation", focus=False))
    click(browser, "#request-invite-send")
    text_in(browser, "#request-invite-status", "If the facilitators agree")
    waiting = admin_json(server, "GET", f"/admin/campaigns/{slug}/invitation-requests")
    assert [(r["domain"], r["note"]) for r in waiting["items"]] == [("estates.example.org", "Night porter in estates")]
    # An open campaign offers no such form.
    browser.get(f"{server.base_url}/c/demo")
    visible(browser, "#join")
    assert not browser.find_element(By.ID, "request-invite-card").is_displayed()
