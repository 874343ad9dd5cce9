"""A facilitator, signed in on the console, codes two contributions with the keyboard (theme keys, memo, next), then
scores an idea against the criteria and selects it into a shortlist round, scores from the keyboard, filters the table by
round and takes an idea out of the round again; the API must show all of it stored.
The codebook, criteria and ideas are set up through the API: that is the scene, not the behaviour under test."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from api_client import staff
from pages import confirm_dialog, show, sign_in, text_in, visible, wait
from scenes import add_theme, ideas_in_answer

SLUG = "demo"


@pytest.fixture(scope="module")
def scene(server):
    admin = staff(server)
    themes = [add_theme(admin, "Phone queue at 8am", "barrier"), add_theme(admin, "Pharmacists who see people first", "building_block")]
    admin.ok("PUT", f"/admin/campaigns/{SLUG}/criteria",
             {"criteria": [{"key": "impact", "label": "Difference it makes"}, {"key": "effort", "label": "Ease of doing it"}]})
    _, ideas = ideas_in_answer(server, count=2)
    return {"admin": admin, "themes": themes, "ideas": ideas}


def current_item(browser):
    return int(visible(browser, "#coding-item form[data-id]").get_attribute("data-id"))


def type_keys(browser, *keys):
    """Sends keys to whatever has focus, as a person at the keyboard would."""
    browser.switch_to.active_element.send_keys(*keys)


def test_facilitator_codes_two_contributions_with_the_keyboard(server, scene, browser):
    sign_in(browser, server)
    show(browser, "coding")
    first = current_item(browser)
    browser.find_element(By.CSS_SELECTOR, "#coding-item h3").click()  # puts focus in the workspace, not in a field
    type_keys(browser, "1")
    type_keys(browser, "m")
    assert browser.switch_to.active_element.get_attribute("name") == "memo", "M should move to the memo"
    type_keys(browser, "Mentions the morning phone queue")
    type_keys(browser, Keys.CONTROL, Keys.ENTER)
    text_in(browser, "#coding-waiting", "1 code waiting")
    wait(browser).until(lambda d: current_item(d) != first)

    second = current_item(browser)
    assert browser.switch_to.active_element.get_attribute("id") == "coding-item", "focus should return to the workspace"
    type_keys(browser, "2")
    type_keys(browser, "1")
    type_keys(browser, "1")  # toggles theme 1 on and off again: only theme 2 stays
    type_keys(browser, "m")
    type_keys(browser, "Pharmacy as a first stop")
    type_keys(browser, Keys.ESCAPE)
    type_keys(browser, Keys.ENTER)
    text_in(browser, "#coding-waiting", "2 codes waiting")
    browser.find_element(By.ID, "coding-save").click()  # the codes leave together, in one request
    text_in(browser, "#section-coding .status", "Saved 2 codes")

    barrier, block = scene["themes"]
    for item, theme, memo in ((first, barrier, "Mentions the morning phone queue"), (second, block, "Pharmacy as a first stop")):
        codes = scene["admin"].ok("GET", f"/admin/contributions/{item}/codes")["codes"]
        assert [(c["themes"], c["notRelevant"], c["memo"]) for c in codes] == [([theme], False, memo)], codes


def test_facilitator_scores_ideas_in_the_table_and_shortlists_them_in_bulk(server, scene, browser):
    first, second = scene["ideas"][0], scene["ideas"][1]
    sign_in(browser, server)
    show(browser, "shortlist")
    visible(browser, "#shortlist-table")
    Select(visible(browser, f'#shortlist-table select[name="impact"][data-idea="{second}"]')).select_by_value("3")
    Select(browser.find_element(By.CSS_SELECTOR, f'#shortlist-table select[name="effort"][data-idea="{second}"]')).select_by_value("1")
    Select(browser.find_element(By.CSS_SELECTOR, f'#shortlist-table select[name="impact"][data-idea="{first}"]')).select_by_value("1")
    browser.find_element(By.ID, "save-scores").click()
    text_in(browser, "#section-shortlist .status", "Scores saved for 2 ideas")
    # Sorted by total: the idea scored 3 + 1 leads.
    rows = browser.find_elements(By.CSS_SELECTOR, "#shortlist-table tbody tr")
    assert int(rows[0].get_attribute("data-idea-id")) == second

    for idea in (first, second):
        visible(browser, f'#shortlist-table tr[data-idea-id="{idea}"] input[type=checkbox]').click()
    Select(browser.find_element(By.ID, "bulk-round")).select_by_value("prioritise")
    browser.find_element(By.ID, "bulk-reason").send_keys("Quick to try and people asked for it")
    browser.find_element(By.XPATH, "//button[text()='Select the ticked ideas']").click()
    text_in(browser, "#section-shortlist .status", "2 ideas selected into Prioritise")
    text_in(browser, f'#shortlist-table tr[data-idea-id="{second}"]', "Prioritise")

    table = scene["admin"].ok("GET", f"/admin/campaigns/{SLUG}/shortlist")
    stored = {row["id"]: row for row in table["ideas"]}
    assert stored[second]["myScores"] == {"effort": 1, "impact": 3}, stored[second]
    assert stored[first]["myScores"] == {"impact": 1}, stored[first]
    for idea in (first, second):
        assert stored[idea]["rounds"] == {"prioritise": "Quick to try and people asked for it"}, stored[idea]


def test_ideas_are_scored_from_the_keyboard_filtered_by_round_and_taken_out_in_bulk(server, scene, browser):
    first, second = scene["ideas"][0], scene["ideas"][1]
    admin = scene["admin"]
    admin.ok("POST", f"/admin/campaigns/{SLUG}/shortlist/prioritise", {"ids": [first, second], "reason": "Both asked for"})
    sign_in(browser, server)
    show(browser, "shortlist")
    Select(visible(browser, "#shortlist-in-round")).select_by_value("prioritise")
    text_in(browser, "#shortlist-count", "ideas shown")
    visible(browser, f'#shortlist-table tr[data-idea-id="{first}"]')

    # A score typed on the focused control, as a person tabbing through the table would, saved with Enter.
    control = browser.find_element(By.CSS_SELECTOR, f'#shortlist-table select[name="effort"][data-idea="{first}"]')
    browser.execute_script("arguments[0].focus()", control)
    type_keys(browser, "2")
    browser.execute_script("document.getElementById('save-scores').focus()")
    type_keys(browser, Keys.ENTER)
    text_in(browser, "#section-shortlist .status", "Scores saved for 1 idea")
    stored = {row["id"]: row for row in admin.ok("GET", f"/admin/campaigns/{SLUG}/shortlist")["ideas"]}
    assert stored[first]["myScores"].get("effort") == 2, stored[first]

    # Taken out of Prioritise in one request, asked first; the filtered table no longer lists it.
    visible(browser, f'#shortlist-table tr[data-idea-id="{first}"] input[name=idea]').click()
    Select(browser.find_element(By.ID, "bulk-round")).select_by_value("prioritise")
    browser.find_element(By.XPATH, "//button[text()='Take them out']").click()
    assert "Take this idea out?" in confirm_dialog(browser)
    text_in(browser, "#section-shortlist .status", "1 idea taken out of Prioritise")
    wait(browser).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'#shortlist-table tr[data-idea-id="{first}"]'))
    visible(browser, f'#shortlist-table tr[data-idea-id="{second}"]')
    stored = {row["id"]: row for row in admin.ok("GET", f"/admin/campaigns/{SLUG}/shortlist")["ideas"]}
    assert "prioritise" not in stored[first]["rounds"] and "prioritise" in stored[second]["rounds"], (stored[first], stored[second])
