"""Assisted analysis in the console, on a campaign of the Change Challenge's size (7,524 contributions, 21 themes) whose
first 300 contributions two seeded teams have coded blind: the facilitator drafting the codebook sees candidate themes
with quotes and names one; the machine coder's measured agreement is shown; the campaign lets it code the remainder and
takes that back again; an analyst sees the teams' pace and never the machine coder."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from api_client import ApiClient, staff
from conftest import launcher, serving
from pages import confirm_dialog, show, sign_in, text_in, visible, wait
from test_accessibility import axe_problems

SLUG = "cc"
SAMPLE = 300
ITEMS = 7524


@pytest.fixture(scope="module")
def server():
    yield from serving(seed=("--size", "change-challenge", "--slug", SLUG, "--coded-sample", str(SAMPLE)))


def open_assist(browser, server):
    sign_in(browser, server)
    Select(visible(browser, "#campaign-picker")).select_by_value(SLUG)
    node = show(browser, "assist")
    # Drafting candidates from 7,524 texts takes a few seconds on a debug build.
    wait(browser, 120).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#candidate-list > li")
                             and d.find_elements(By.ID, "machine-figure") and d.find_elements(By.ID, "progress-summary"))
    return node


def test_facilitator_drafts_the_codebook_from_candidate_themes(server, browser):
    admin = staff(server)
    open_assist(browser, server)
    cards = browser.find_elements(By.CSS_SELECTOR, "#candidate-list > li")
    assert len(cards) >= 10, len(cards)
    for card in cards[:5]:
        quotes = card.find_elements(By.CSS_SELECTOR, "blockquote.quote")
        assert len(quotes) == 3 and all(q.text.strip() for q in quotes)
    draft = admin.ok("GET", f"/admin/campaigns/{SLUG}/coding/candidates")
    summary = browser.find_element(By.ID, "candidate-summary").text
    assert f"{draft['uncovered']} not covered by any candidate" in summary, summary

    first = cards[0]
    candidate = int(first.get_attribute("data-candidate-id"))
    first.find_element(By.XPATH, ".//button[contains(., 'Name as a theme')]").click()
    name = first.find_element(By.NAME, "name")
    name.send_keys("Tiredness at the end of a shift")
    Select(first.find_element(By.NAME, "kind")).select_by_value("barrier")
    first.find_element(By.XPATH, ".//button[contains(., 'Add to the codebook')]").click()
    text_in(browser, "#section-assist .status", "is in the codebook")
    themes = admin.ok("GET", f"/admin/campaigns/{SLUG}/themes")["themes"]
    theme = next(t for t in themes if t["name"] == "Tiredness at the end of a shift")
    named = next(c for c in admin.ok("GET", f"/admin/campaigns/{SLUG}/coding/candidates")["items"] if c["id"] == candidate)
    assert named["state"] == "named" and named["themeId"] == theme["id"]


def test_facilitator_sees_the_measured_figure_and_lets_the_machine_code_the_rest(server, browser):
    admin = staff(server)
    open_assist(browser, server)
    measured = admin.ok("GET", f"/admin/campaigns/{SLUG}/coding/machine")
    assert measured["heldOut"] == SAMPLE and measured["kappa"] > 0.5, measured
    figure = browser.find_element(By.ID, "machine-figure").text
    assert f"kappa {measured['kappa']:.2f}" in figure and f"{SAMPLE} held-out items" in figure, figure
    rows = browser.find_elements(By.CSS_SELECTOR, "#assist-machine tbody tr")
    assert len(rows) == len(measured["themes"])
    assert "Kappa is Cohen's measure of agreement" in browser.find_element(By.ID, "assist-machine").text  # explained where shown

    eligible = measured["eligible"]
    assert eligible == ITEMS - SAMPLE
    visible(browser, "#assist-machine").find_element(By.XPATH, ".//button[contains(., 'no team has coded')]").click()
    assert f"kappa {measured['kappa']:.2f}" in confirm_dialog(browser)  # the figure beside the decision too
    text_in(browser, "#section-assist .status", f"coded {eligible} items")
    wait(browser, 60).until(lambda d: "On:" in d.find_element(By.ID, "machine-state").text)
    assert f"{eligible} items machine-coded" in browser.find_element(By.ID, "machine-state").text
    listed = visible(browser, "#machine-codes").text
    assert re.search(r"measured at kappa \d\.\d\d on 300 held-out items", listed), listed
    assert admin.ok("GET", f"/admin/campaigns/{SLUG}/coding/machine/codes")["total"] == eligible
    assert axe_problems(browser) == []  # the section at its fullest: candidates, figure, tables, machine codes

    visible(browser, "#assist-machine").find_element(By.XPATH, ".//button[contains(., 'Return them to the teams')]").click()
    confirm_dialog(browser)
    text_in(browser, "#section-assist .status", f"{eligible} items returned to the teams")
    wait(browser, 60).until(lambda d: "Off:" in d.find_element(By.ID, "machine-state").text)
    assert admin.ok("GET", f"/admin/campaigns/{SLUG}/coding/machine/codes")["total"] == 0


def test_an_analyst_sees_the_pace_and_never_the_machine(server, browsers):
    token, password = launcher.add_staff(server.binary, server.db, "bea", "analyst")
    analyst = ApiClient(server.base_url, token=token)
    browser = browsers()
    # Analysts see every console section, and the ones for facilitators answer 403 (issue 20 trims the tabs).
    browser.expected_console += [r"/admin/me - Failed to load resource: .* 401", r"Failed to load resource: .* 403"]
    browser.get(f"{server.base_url}/console")
    visible(browser, "#signin-name").send_keys("bea")
    browser.find_element(By.ID, "signin-password").send_keys(password)
    browser.find_element(By.ID, "signin-button").click()
    text_in(browser, "#who", "bea")
    Select(visible(browser, "#campaign-picker")).select_by_value(SLUG)
    node = show(browser, "assist")
    visible(browser, "#progress-summary")
    assert not node.find_elements(By.ID, "machine-figure") and not node.find_elements(By.ID, "candidate-list")
    assert "kappa" not in node.text.lower() and "suggest" not in node.text.lower()
    status, answer = analyst.send("GET", f"/admin/campaigns/{SLUG}/coding/machine")
    assert status == 403
