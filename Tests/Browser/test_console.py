"""A facilitator signs in, opens the next phase, hides an item and downloads an export; every console section renders."""
import json
import time

import pytest
from selenium.webdriver.common.by import By

from pages import click, confirm_dialog, sort_by, PATIENCE, fetch_json, http_status, join, open_campaign, post, show, sign_in, text_in, visible, wait

PHASE_ORDER = ["understand", "answer", "prioritise", "act"]


def need(server, method, path, body=None):
    """The admin endpoint a test drives answers 200 (a broken route fails the test, it is not skipped)."""
    status = http_status(server, method, path, token=server.staff_token, body=body)
    assert status == 200, f"{method} {path} answered {status}"
    return status


def test_facilitator_signs_in_and_opens_the_next_phase(server, browser):
    need(server, "GET", "/admin/me")
    sign_in(browser, server)
    need(server, "GET", "/admin/campaigns/demo")
    current = json.loads(fetch_json(browser, "GET", "/api/campaigns/demo")["body"])["openPhase"]
    following = PHASE_ORDER[PHASE_ORDER.index(current) + 1]
    show(browser, "phases")
    button = visible(browser, f'#section-phases li[data-phase="{following}"] button')
    browser.find_element(By.CSS_SELECTOR, f'#section-phases li[data-phase="{following}"] input').send_keys("Enough understanding gathered")
    button.click()
    confirm_dialog(browser)
    text_in(browser, "#section-phases .status", "opened")
    wait(browser).until(lambda d: json.loads(fetch_json(d, "GET", "/api/campaigns/demo")["body"])["openPhase"] == following)


def test_facilitator_hides_a_reported_item(server, browsers):
    contributor = browsers()
    open_campaign(contributor, server)
    join(contributor)
    kept = post(contributor, "This one stays for everyone to read")
    idea = post(contributor, "This one will be hidden by the moderators")
    fetch_json(contributor, "POST", f"/api/contributions/{idea}/flags", {"reason": "offensive"})

    need(server, "GET", "/admin/campaigns/demo/moderation")
    facilitator = browsers()
    sign_in(facilitator, server)
    show(facilitator, "moderation")
    entry = visible(facilitator, f'#section-moderation li[data-moderation-id="{idea}"]')
    entry.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("Breaks the house rules")
    entry.find_element(By.XPATH, ".//button[text()='Hide']").click()
    text_in(facilitator, "#section-moderation .status", "hide done")
    contributor.refresh()
    open_campaign(contributor, server)
    sort_by(contributor, "new")  # the newest first, so a still-visible item could not hide below the first page
    assert contributor.find_elements(By.CSS_SELECTOR, f'#items li[data-id="{kept}"]'), "the item posted just before should still show"
    assert not contributor.find_elements(By.CSS_SELECTOR, f'#items li[data-id="{idea}"]')


def test_facilitator_downloads_an_export(server, browser, tmp_path):
    need(server, "GET", "/admin/campaigns/demo/export/contributions.csv")
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    sign_in(browser, server)
    show(browser, "export")
    visible(browser, '#section-export a[data-export="contributions"]').click()
    deadline = time.monotonic() + PATIENCE  # a bound against hangs, not a measurement
    target = tmp_path / "demo-contributions.csv"
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert target.exists(), list(tmp_path.iterdir())
    assert target.read_text().strip(), "the export is empty"


def test_every_export_button_downloads_its_table_and_the_admin_gets_the_linked_one(server, browser, tmp_path):
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    sign_in(browser, server)
    show(browser, "export")
    visible(browser, '#section-export a[data-export="codes"]')
    names = [link.get_attribute("data-export")
             for link in browser.find_elements(By.CSS_SELECTOR, "#section-export a[data-export]")]
    assert {"participants", "linked", "agreement", "findings", "teams", "machine_codes", "json"} <= set(names), names
    for name in names:
        click(browser, f'#section-export a[data-export="{name}"]')
        target = tmp_path / (f"demo.json" if name == "json" else f"demo-{name}.csv")
        deadline = time.monotonic() + PATIENCE  # a bound against hangs, not a measurement
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert target.exists(), f"{name}: {list(tmp_path.iterdir())}"
    header = (tmp_path / "demo-linked.csv").read_text().lstrip("\ufeff").splitlines()[0]
    assert header.startswith("contribution,phase,question,state,author,profile")


def test_every_console_section_renders(server, browser):
    need(server, "GET", "/admin/me")
    sign_in(browser, server)
    for section in ("campaigns", "setup", "phases", "moderation", "statements", "teams", "codebook", "coding", "reconcile", "assist", "shortlist", "guides",
                    "stats", "export", "staff"):
        node = show(browser, section)
        wait(browser).until(lambda d: node.find_element(By.CSS_SELECTOR, ".section-body").text.strip())
        problems = [p.text for p in node.find_elements(By.CSS_SELECTOR, ".status.is-error, .notice") if p.text.strip()]
        assert not problems, f"the {section} section failed to load: {problems}"
