"""Moderation on the console at the scale reports arrive (issue 20, on issue 19's queue API): several reported items
kept at once with one reason, a redaction that covers the title as well as the text, and a duplicate merged into the
contribution found by searching its words. Contributions and reports are made through the API: the scene, not the
behaviour under test."""
import pytest
from selenium.webdriver.common.by import By

from api_client import contributor, staff
from pages import show, sign_in, text_in, visible

SLUG = "demo"


@pytest.fixture(scope="module")
def scene(server):
    admin = staff(server)
    author = contributor(server)
    question = next(q["id"] for q in author.ok("GET", f"/api/campaigns/{SLUG}")["questions"]
                    if q["phase"] == author.ok("GET", f"/api/campaigns/{SLUG}")["openPhase"])
    posted = [author.ok("POST", f"/api/campaigns/{SLUG}/contributions",
                        {"questionId": question, "title": title, "body": body})["id"]
              for title, body in (("Sister Jones ignored me", "Sister Jones on ward 4 never answers the bell."),
                                  ("Parking is full by eight", "There is nowhere to park after 8am."),
                                  ("Night shift handover", "Handover at night is rushed."))]
    reporter = contributor(server)
    for item in posted:
        reporter.ok("POST", f"/api/contributions/{item}/flags", {"reason": "personal"})
    return {"admin": admin, "items": posted}


def test_several_reported_items_are_kept_at_once(server, scene, browser):
    kept = scene["items"][1:]
    sign_in(browser, server)
    show(browser, "moderation")
    for item in kept:
        visible(browser, f'#moderation-list li[data-moderation-id="{item}"] input[name=moderate]').click()
    browser.find_element(By.ID, "moderation-bulk-reason").send_keys("Fair comments about the service")
    browser.find_element(By.XPATH, "//button[text()='Keep the ticked: dismiss their reports']").click()
    text_in(browser, "#section-moderation .status", "2 items kept")
    waiting = {i["id"] for i in scene["admin"].ok("GET", f"/admin/campaigns/{SLUG}/moderation")["items"]}
    assert not waiting & set(kept), waiting
    assert scene["items"][0] in waiting


def test_a_redaction_covers_the_title_and_the_text(server, scene, browser):
    item = scene["items"][0]
    sign_in(browser, server)
    show(browser, "moderation")
    entry = visible(browser, f'#moderation-list li[data-moderation-id="{item}"]')
    entry.find_element(By.XPATH, ".//summary[text()='Redact the text']").click()
    title = entry.find_element(By.CSS_SELECTOR, "details input[name=title]")
    title.clear()
    title.send_keys("[name removed] ignored me")
    body = entry.find_element(By.CSS_SELECTOR, "details textarea[name=body]")
    body.clear()
    body.send_keys("[name removed] on ward 4 never answers the bell.")
    entry.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("A named member of staff")
    entry.find_element(By.XPATH, ".//button[text()='Save redaction']").click()
    text_in(browser, "#section-moderation .status", "redact done")
    shown = scene["admin"].ok("GET", f"/api/contributions/{item}")
    shown = shown.get("contribution", shown)
    assert "Jones" not in shown["title"] and "Jones" not in shown["body"], shown


def test_a_reported_duplicate_is_merged_into_the_contribution_found_by_its_words(server, scene, browser):
    keep = scene["items"][1]  # "Parking is full by eight"
    author, reporter = contributor(server), contributor(server)
    campaign = author.ok("GET", f"/api/campaigns/{SLUG}")
    question = next(q["id"] for q in campaign["questions"] if q["phase"] == campaign["openPhase"])
    duplicate = author.ok("POST", f"/api/campaigns/{SLUG}/contributions",
                          {"questionId": question, "title": "No parking after eight", "body": "Parking is full again by eight."})["id"]
    reporter.ok("POST", f"/api/contributions/{duplicate}/flags", {"reason": "spam"})
    sign_in(browser, server)
    show(browser, "moderation")
    entry = visible(browser, f'#moderation-list li[data-moderation-id="{duplicate}"]')
    entry.find_element(By.XPATH, ".//summary[text()='Merge into another contribution']").click()
    entry.find_element(By.NAME, "merge-search").send_keys("parking eight")
    entry.find_element(By.XPATH, ".//button[text()='Find it']").click()
    target = visible(browser, f'#moderation-list li[data-moderation-id="{duplicate}"] .merge-results button')
    assert target.text == f"Merge into {keep}", target.text  # the duplicate itself is not offered
    entry.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("Same car park")
    target.click()
    text_in(browser, "#section-moderation .status", "merge done")
    merges = scene["admin"].ok("GET", f"/admin/campaigns/{SLUG}/merges")["items"]
    assert any(m["source"]["id"] == duplicate and m["into"]["id"] == keep for m in merges), merges
