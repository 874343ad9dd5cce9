"""Staff managed from the console (issue 20): an admin adds an account and reads its id, password and token once,
changes its role and campaigns, signs it out everywhere by revoking its tokens (the account stays), then disables
it — each step that cannot be undone asked first; and a refusal reads as the server's own sentence. Only the account's
own token, used through the API, checks what the console did."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from api_client import ApiClient, staff
from pages import confirm_dialog, show, sign_in, text_in, visible, wait
from test_accessibility import assert_clean, check


def account(admin, name):
    return next(a for a in admin.ok("GET", "/admin/staff")["items"] if a["name"] == name)


def test_an_admin_adds_changes_signs_out_and_disables_an_account(server, browser):
    admin = staff(server)
    sign_in(browser, server)
    section = show(browser, "staff")
    form = visible(browser, "#staff-add")
    form.find_element(By.NAME, "name").send_keys("dee")
    Select(form.find_element(By.NAME, "role")).select_by_value("analyst")
    form.find_element(By.NAME, "campaigns").send_keys("demo")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    created = visible(browser, "#staff-created p")
    stored = account(admin, "dee")
    assert f"Account dee (id {stored['id']}) created" in created.text, created.text
    password, token = (code.text for code in created.find_elements(By.TAG_NAME, "code"))
    assert len(password) >= 20 and token
    dee = ApiClient(server.base_url, token=token)
    assert dee.ok("GET", "/admin/me")["role"] == "analyst"
    problems = check(browser, "console staff", focus=False)

    # A new role, and the campaign list kept as it was.
    Select(visible(browser, 'select[aria-label="Role of dee"]')).select_by_value("facilitator")
    section.find_element(By.CSS_SELECTOR, 'button[aria-label="Save dee"]').click()
    text_in(browser, "#section-staff .status", "dee saved")
    assert account(admin, "dee")["role"] == "facilitator" and account(admin, "dee")["campaigns"] == ["demo"]

    # Revoking asks first; Cancel changes nothing, then the token stops working and the account stays.
    section.find_element(By.CSS_SELECTOR, 'button[aria-label="Revoke the tokens of dee"]').click()
    assert "Sign dee out everywhere?" in confirm_dialog(browser, "cancel")
    assert dee.ok("GET", "/admin/me")["name"] == "dee"
    section.find_element(By.CSS_SELECTOR, 'button[aria-label="Revoke the tokens of dee"]').click()
    confirm_dialog(browser)
    text_in(browser, "#section-staff .status", "dee is signed out everywhere")
    assert dee.send("GET", "/admin/me")[0] == 401
    assert not account(admin, "dee")["disabled"]

    section.find_element(By.CSS_SELECTOR, 'button[aria-label="Disable dee"]').click()
    assert "Disable dee?" in confirm_dialog(browser)
    text_in(browser, "#section-staff .status", "dee is disabled")
    wait(browser).until(lambda d: not d.find_elements(By.CSS_SELECTOR, 'button[aria-label="Disable dee"]'))
    assert account(admin, "dee")["disabled"]
    assert_clean(problems)


def test_a_refusal_reads_as_the_servers_own_sentence(server, browser):
    """An admin demoting themself is refused (409 own_account): the status says what the server said, not the page's
    generic words for a conflict."""
    sign_in(browser, server)
    section = show(browser, "staff")
    browser.expected_console += [r"/admin/staff/ada - Failed to load resource: .* 409"]
    Select(visible(browser, f'select[aria-label="Role of {server.staff_name}"]')).select_by_value("analyst")
    section.find_element(By.CSS_SELECTOR, f'button[aria-label="Save {server.staff_name}"]').click()
    text_in(browser, "#section-staff .status", "You cannot demote or disable your own account.")
    assert "clashes" not in browser.find_element(By.CSS_SELECTOR, "#section-staff .status").text
    assert account(staff(server), server.staff_name)["role"] == "admin"

