"""An invite link with ?code= fills the access code in (and takes it out of the address bar), so joining is one click.
Failed on the pages before issue 21, which read only #code= and left the field empty."""
from selenium.webdriver.common.by import By

from api_client import staff
from pages import join, visible, wait


def test_an_invite_link_with_a_code_fills_it_in(server, browser):
    admin = staff(server)
    admin.ok("PATCH", "/admin/campaigns/demo", {"access": "invite"})
    admin.ok("PUT", "/admin/campaigns/demo/access-code", {"code": "WARD-SEVEN"})
    # Until they join, an invite-only campaign's contributions are for its members: the list answers 403.
    browser.expected_console += [r"403"]
    browser.get(f"{server.base_url}/c/demo?code=WARD-SEVEN")
    field = visible(browser, "#join-code")
    wait(browser).until(lambda d: field.get_property("value") == "WARD-SEVEN")
    assert "code=" not in browser.current_url
    join(browser)
    assert "joined" in browser.find_element(By.ID, "page-status").text.lower()
