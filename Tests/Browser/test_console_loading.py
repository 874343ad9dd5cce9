"""Small console behaviours a facilitator trips over (issue 20): the invite codes download is the server's file, byte
for byte, with its UTF-8 byte order mark; the campaign picker names a campaign by its current title once the campaigns
table has read a rename made elsewhere; a section shown while the campaign list is still arriving loads once."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from api_client import staff
from pages import PATIENCE, show, sign_in, text_in, visible, wait

BOM = b"\xef\xbb\xbf"


def saved_file(directory, name):
    """The downloaded file once Chromium has finished writing it (no .crdownload beside it)."""
    target = directory / name
    deadline = time.monotonic() + PATIENCE  # a bound against hangs, not a measurement
    while time.monotonic() < deadline:
        if target.exists() and not list(directory.glob("*.crdownload")):
            return target.read_bytes()
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded: {list(directory.iterdir())}")


def test_invite_codes_download_keeps_the_servers_bytes(server, browser, tmp_path):
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    sign_in(browser, server)
    show(browser, "setup")
    box = visible(browser, "#invite-codes input[type=number]")
    box.clear()
    box.send_keys("3")
    browser.find_element(By.CSS_SELECTOR, "#invite-codes button[type=submit]").click()
    text_in(browser, "#section-setup .status", "3 invite codes created and downloaded")
    data = saved_file(tmp_path, "demo-invites.csv")
    assert data.startswith(BOM + b"code\r\n"), data[:20]
    codes = data[len(BOM):].decode("utf-8").split("\r\n")[1:-1]
    assert len(codes) == 3 and all(codes), codes


def test_the_picker_shows_a_rename_made_elsewhere_once_the_campaigns_table_reads_it(server, browser):
    admin = staff(server)
    admin.ok("POST", "/admin/campaigns", {"slug": "second-ward", "title": "Second ward"})
    sign_in(browser, server)
    show(browser, "campaigns")
    text_in(browser, "#section-campaigns tbody", "Second ward")
    before = admin.ok("GET", "/admin/campaigns/demo")["title"]
    admin.ok("PATCH", "/admin/campaigns/demo", {"title": "Renamed in another tab"})
    try:
        picker = Select(browser.find_element(By.ID, "campaign-picker"))
        assert picker.first_selected_option.get_attribute("value") == "second-ward", "the newest campaign is chosen first"
        picker.select_by_value("demo")  # choosing reloads the table on screen, which reads the list afresh
        text_in(browser, "#section-campaigns tbody", "Renamed in another tab")
        wait(browser).until(lambda d: picker.first_selected_option.text == "Renamed in another tab (demo)")
        assert picker.first_selected_option.get_attribute("value") == "demo"
        show(browser, "setup")
        text_in(browser, "#heading-setup", "Set-up: Renamed in another tab")
    finally:
        admin.ok("PATCH", "/admin/campaigns/demo", {"title": before})


def test_a_section_loads_once_after_signing_in_again(server, browser):
    """Signing out and in again shows the section in the address before the campaign list has arrived: it loads when
    the campaign is chosen, not once before with what was chosen last time and once after."""
    browser.expected_console += [r"/admin/me - Failed to load resource: .* 401"]
    browser.get(f"{server.base_url}/console#section-setup")
    sign_in_here(browser, server)
    text_in(browser, "#heading-setup", "Set-up: ")
    browser.execute_script("""
        window.loads = [];
        const original = window.fetch;
        window.fetch = (url, init) => { window.loads.push(`${(init && init.method) || 'GET'} ${url}`); return original(url, init); };
    """)
    browser.find_element(By.ID, "sign-out").click()
    visible(browser, "#signin-name")
    sign_in_here(browser, server)
    visible(browser, "#question-add")
    slug = wait(browser).until(lambda d: d.execute_script("return document.getElementById('campaign-picker').value"))
    time.sleep(0.5)  # a second, late load would have been sent by now; this is settling, not a measured threshold
    loads = [entry for entry in browser.execute_script("return window.loads") if entry == f"GET /admin/campaigns/{slug}"]
    assert loads == [f"GET /admin/campaigns/{slug}"], browser.execute_script("return window.loads")


def sign_in_here(browser, server):
    """Signs in on the console already open, keeping its address (and so the section it names)."""
    name = visible(browser, "#signin-name")
    name.clear()
    name.send_keys(server.staff_name)
    browser.find_element(By.ID, "signin-password").send_keys(server.staff_password)
    browser.find_element(By.ID, "signin-button").click()
    text_in(browser, "#who", server.staff_name)
