"""Unmerge and official statements on the console (issue 20): a facilitator finds a merged duplicate under "Merged
duplicates" and undoes the merge; posts an official statement to a question, which the campaign page shows as the
team's. Contributions and the merge are made through the API: the scene, not the behaviour under test."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from api_client import contributor, staff
from pages import open_campaign, show, sort_by, sign_in, text_in, visible, wait
from test_accessibility import assert_clean, check

SLUG = "demo"


@pytest.fixture(scope="module")
def scene(server):
    admin = staff(server)
    author = contributor(server)
    campaign = author.ok("GET", f"/api/campaigns/{SLUG}")
    question = next(q for q in campaign["questions"] if q["phase"] == campaign["openPhase"])
    keep, duplicate = (author.ok("POST", f"/api/campaigns/{SLUG}/contributions", {"questionId": question["id"], "body": body})["id"]
                       for body in ("The lifts in block C are always broken", "Block C lifts broken again"))
    admin.ok("POST", f"/admin/contributions/{duplicate}/merge", {"into": keep, "reason": "Same lifts"})
    return {"admin": admin, "keep": keep, "duplicate": duplicate, "question": question}


def test_a_merge_is_undone_from_the_console(server, scene, browser):
    sign_in(browser, server)
    show(browser, "moderation")
    Select(visible(browser, "#moderation-scope")).select_by_value("merged")
    entry = visible(browser, f'#merge-list li[data-merge-source="{scene["duplicate"]}"]')
    assert f"Merged into {scene['keep']}" in entry.text, entry.text
    problems = check(browser, "console moderation (merged duplicates)", focus=False)
    entry.find_element(By.NAME, "reason").send_keys("Different lifts after all")
    entry.find_element(By.CSS_SELECTOR, "button").click()
    text_in(browser, "#section-moderation .status", "Merge undone")
    restored = scene["admin"].ok("GET", f"/api/contributions/{scene['duplicate']}")
    assert restored["state"] == "visible", restored
    assert not scene["admin"].ok("GET", f"/admin/campaigns/{SLUG}/merges")["items"]
    assert_clean(problems)


def test_an_official_statement_is_posted_from_the_console(server, scene, browser):
    sign_in(browser, server)
    show(browser, "statements")
    form = visible(browser, "#statement-form")
    Select(form.find_element(By.NAME, "questionId")).select_by_value(str(scene["question"]["id"]))
    form.find_element(By.NAME, "title").send_keys("We hear you about the lifts")
    form.find_element(By.NAME, "body").send_keys("Estates will replace the block C lifts in March.")
    problems = check(browser, "console official statements", focus=False)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    text_in(browser, "#section-statements .status", "Official statement")
    statement = int(browser.find_element(By.CSS_SELECTOR, "#section-statements .status").text.split()[2])
    posted = scene["admin"].ok("GET", f"/api/contributions/{statement}")
    assert posted["official"] and posted["body"] == "Estates will replace the block C lifts in March.", posted
    visible(browser, "#statement-posted a").click()
    open_campaign(browser, server)
    sort_by(browser, "new")
    shown = visible(browser, f'#items li[data-id="{statement}"]')
    assert "We hear you about the lifts" in shown.text, shown.text
    assert_clean(problems)
