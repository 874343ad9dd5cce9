"""A facilitator, signed in on the console, codes two contributions with the keyboard (theme keys, memo, next), then
scores an idea against the criteria and selects it into a shortlist round; the API must show all of it stored.
The codebook, criteria and ideas are set up through the API: that is the scene, not the behaviour under test."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from api_client import staff
from pages import show, sign_in, text_in, visible, wait
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
    text_in(browser, "#section-coding .status", f"contribution {first}")
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
    text_in(browser, "#section-coding .status", f"contribution {second}")

    barrier, block = scene["themes"]
    for item, theme, memo in ((first, barrier, "Mentions the morning phone queue"), (second, block, "Pharmacy as a first stop")):
        codes = scene["admin"].ok("GET", f"/admin/contributions/{item}/codes")["codes"]
        assert [(c["themes"], c["notRelevant"], c["memo"]) for c in codes] == [([theme], False, memo)], codes


def test_facilitator_scores_an_idea_and_shortlists_it(server, scene, browser):
    idea = scene["ideas"][1]
    sign_in(browser, server)
    show(browser, "shortlist")
    row = visible(browser, f'#shortlist-ideas li[data-idea-id="{idea}"]')
    scores = row.find_element(By.CSS_SELECTOR, "form.scores")
    Select(scores.find_element(By.NAME, "impact")).select_by_value("3")
    Select(scores.find_element(By.NAME, "effort")).select_by_value("1")
    scores.find_element(By.TAG_NAME, "button").click()
    text_in(browser, "#section-shortlist .status", f"Scores saved for idea {idea}")

    row = visible(browser, f'#shortlist-ideas li[data-idea-id="{idea}"]')
    form = row.find_element(By.CSS_SELECTOR, "form.shortlist")
    Select(form.find_element(By.NAME, "round")).select_by_value("prioritise")
    form.find_element(By.NAME, "reason").send_keys("Quick to try and people asked for it")
    form.find_element(By.TAG_NAME, "button").click()
    text_in(browser, "#section-shortlist .status", f"Idea {idea} selected into Prioritise")
    text_in(browser, f'#shortlist-ideas li[data-idea-id="{idea}"] .rounds', "Quick to try")

    table = scene["admin"].ok("GET", f"/admin/campaigns/{SLUG}/shortlist")
    stored = next(row for row in table["ideas"] if row["id"] == idea)
    assert stored["myScores"] == {"effort": 1, "impact": 3}, stored
    assert stored["rounds"] == {"prioritise": "Quick to try and people asked for it"}, stored
    others = [row for row in table["ideas"] if row["id"] != idea]
    assert all(not row["rounds"] and not row["myScores"] for row in others), others
