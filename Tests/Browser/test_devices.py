"""One contributor on several devices (PRIVACY.md, "Devices"): pairing a second browser, the recovery key, signing
out, and a shared computer that keeps nothing once the browser is closed."""
from selenium.webdriver.common.by import By

from pages import join, open_campaign, post, text_in, visible, wait


def pairing_code(driver):
    driver.find_element(By.ID, "pairing-button").click()
    code = visible(driver, "#pairing-code").text
    assert len(code.replace("-", "")) == 8
    return code


def mine(driver):
    return {node.get_attribute("data-mine-id") for node in driver.find_elements(By.CSS_SELECTOR, "#mine-items > li")}


def test_a_paired_second_browser_sees_edits_and_withdraws_the_first_ones_contribution(server, browsers):
    phone = browsers(375, 800)
    open_campaign(phone, server)
    join(phone)
    idea = post(phone, "Written on my phone on the bus")
    code = pairing_code(phone)
    qr = phone.find_element(By.CSS_SELECTOR, "#pairing-qr svg path")
    assert qr.get_attribute("d").startswith("M"), "the QR code is drawn"

    ward_pc = browsers()
    open_campaign(ward_pc, server)
    visible(ward_pc, "#signin")
    ward_pc.find_element(By.ID, "pair-code").send_keys(code)
    ward_pc.find_element(By.ID, "pair-button").click()
    text_in(ward_pc, "#page-status", "Welcome back")
    wait(ward_pc).until(lambda d: idea in mine(d))

    entry = visible(ward_pc, f'#mine-items li[data-mine-id="{idea}"]')
    entry.find_element(By.XPATH, ".//button[text()='Edit']").click()
    body = visible(ward_pc, f"#edit-body-{idea}")
    body.clear()
    body.send_keys("Finished on the ward computer")
    ward_pc.find_element(By.CSS_SELECTOR, f'#mine-items li[data-mine-id="{idea}"] button[type=submit]').click()
    text_in(ward_pc, f'#mine-items li[data-mine-id="{idea}"] .body', "Finished on the ward computer")
    withdraw = ward_pc.find_element(By.XPATH, f"//li[@data-mine-id='{idea}']//button[text()='Withdraw']")
    withdraw.click()
    withdraw.click()
    text_in(ward_pc, "#mine-status", "withdrawn")

    phone.refresh()
    open_campaign(phone, server)
    text_in(phone, f'#mine-items li[data-mine-id="{idea}"]', "Withdrawn")


def test_the_recovery_key_restores_a_contributor_after_signing_out(server, browser):
    open_campaign(browser, server)
    join(browser)
    idea = post(browser, "Worth coming back for")
    browser.find_element(By.ID, "recovery-button").click()
    key = visible(browser, "#recovery-key").text
    assert len(key.split("-")) == 5
    assert browser.find_element(By.ID, "recovery-save").get_attribute("href").startswith("blob:")

    sign_out = browser.find_element(By.ID, "signout-button")
    sign_out.click()
    sign_out.click()
    text_in(browser, "#page-status", "signed out")
    visible(browser, "#join-button")
    assert browser.find_element(By.ID, "mine").get_attribute("hidden") is not None
    assert not [c for c in browser.get_cookies() if c["name"] == "gs_demo"], "signing out forgets the cookie"

    browser.find_element(By.ID, "recover-key").send_keys(key.lower())
    browser.find_element(By.ID, "recover-button").click()
    text_in(browser, "#page-status", "Welcome back")
    wait(browser).until(lambda d: idea in mine(d))


def close_and_reopen(browsers, driver, profile, server):
    """Quits the browser (as closing its last window does) and opens the same profile again."""
    browsers.close(driver)
    reopened = browsers(profile=profile)
    open_campaign(reopened, server)
    return reopened


def test_a_shared_computer_keeps_nothing_after_the_browser_closes(server, browsers, tmp_path):
    # Control: a personal computer stays signed in across a restart, so the shared case can fail.
    home_profile = tmp_path / "home"
    home = browsers(profile=home_profile)
    open_campaign(home, server)
    join(home)
    home.find_element(By.ID, "compose-body").send_keys("A draft kept on my own computer")
    home = close_and_reopen(browsers, home, home_profile, server)
    visible(home, "#mine")
    assert home.find_element(By.ID, "join").get_attribute("hidden") is not None

    kiosk_profile = tmp_path / "kiosk"
    kiosk = browsers(profile=kiosk_profile)
    open_campaign(kiosk, server)
    kiosk.find_element(By.ID, "shared-computer").click()
    join(kiosk)
    idea = post(kiosk, "Posted from the ward's shared computer")
    kiosk.find_element(By.ID, "compose-body").send_keys("A draft the next person must not find")
    text_in(kiosk, "#devices-summary", "shared computer")
    cookie = next(c for c in kiosk.get_cookies() if c["name"] == "gs_demo")
    assert "expiry" not in cookie, "the token lives in a session cookie"
    stored = kiosk.execute_script("return [localStorage.length, sessionStorage.length]")
    assert stored == [0, 0], "nothing is kept in the browser's storage"

    kiosk = close_and_reopen(browsers, kiosk, kiosk_profile, server)
    visible(kiosk, "#join-button")
    assert kiosk.find_element(By.ID, "mine").get_attribute("hidden") is not None
    assert kiosk.find_element(By.ID, "compose-body").get_property("value") == ""
    assert idea not in mine(kiosk)
    assert not [c for c in kiosk.get_cookies() if c["name"] == "gs_demo"]
