"""A team running the coding on the console (issue 20): a facilitator forms two teams of analysts on the team screen,
an analyst signs in and sees only the sections they may use, with the question beside each item; disputes are
settled many at a time on the reconciliation screen; an export link saves the file to disk with its byte order mark.
The campaign's contributions, themes and the teams' codes are set up through the API: the scene, not the behaviour."""
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from api_client import ApiClient, staff
from pages import PATIENCE, show, sign_in, text_in, visible, wait
from scenes import add_theme

SLUG = "demo"


@pytest.fixture(scope="module")
def scene(server):
    admin = staff(server)
    themes = [add_theme(admin, "Waiting on the phone", "barrier"), add_theme(admin, "Neighbours who help", "building_block")]
    analysts = {}
    for name in ("ana", "al", "ben", "bo"):
        created = admin.ok("POST", "/admin/staff", {"name": name, "role": "analyst", "campaigns": [SLUG]})
        analysts[name] = created
    return {"admin": admin, "themes": themes, "analysts": analysts}


def sign_in_as(browser, server, name, password):
    sign_in(browser, server, name, password)
    # The campaign list has arrived and the campaign is chosen, so no section loads a second time under the test.
    wait(browser).until(lambda d: d.execute_script("return document.getElementById('campaign-picker').value") == SLUG)


def test_facilitator_forms_two_teams_on_the_team_screen(server, scene, browser):
    sign_in(browser, server)
    section = show(browser, "teams")
    for team in ("A", "B"):
        form = visible(browser, "#team-add")
        form.find_element(By.NAME, "team").send_keys(team)
        form.find_element(By.TAG_NAME, "button").click()
        text_in(browser, "#section-teams .status", f"Team {team} added")
    Select(visible(browser, "#team-settings select")).select_by_value("2")
    browser.find_element(By.CSS_SELECTOR, "#team-settings button").click()
    text_in(browser, "#section-teams .status", "two teams")
    teams = {t["name"]: t["id"] for t in scene["admin"].ok("GET", f"/admin/campaigns/{SLUG}/coding/teams")["teams"]}
    for name, team in (("ana", "A"), ("al", "A"), ("ben", "B"), ("bo", "B")):
        staff_id = scene["analysts"][name]["id"]
        Select(visible(browser, f'#team-members select[data-staff="{staff_id}"]')).select_by_value(str(teams[team]))
    section.find_element(By.CSS_SELECTOR, "#team-members button[type=submit]").click()
    text_in(browser, "#section-teams .status", "Teams saved")
    stored = scene["admin"].ok("GET", f"/admin/campaigns/{SLUG}/coding/teams")
    members = {t["name"]: sorted(t["members"]) for t in stored["teams"]}
    ids = {name: created["id"] for name, created in scene["analysts"].items()}
    assert members == {"A": sorted([ids["ana"], ids["al"]]), "B": sorted([ids["ben"], ids["bo"]])}, members
    assert stored["teamsPerItem"] == 2


def test_an_analyst_sees_only_their_sections_and_codes_with_the_question_shown(server, scene, browser):
    ana = scene["analysts"]["ana"]
    sign_in_as(browser, server, "ana", ana["password"])
    tabs = [a.get_attribute("data-section") for a in browser.find_elements(By.CSS_SELECTOR, "#console-nav a")]
    assert tabs == ["campaigns", "codebook", "coding", "assist"], tabs
    show(browser, "coding")
    question = visible(browser, "#coding-item .question").text
    assert question.startswith("Question: ") and len(question) > len("Question: "), question
    item = int(visible(browser, "#coding-item form[data-id]").get_attribute("data-id"))
    visible(browser, "#coding-item input[name=theme]").click()
    browser.find_element(By.CSS_SELECTOR, "#coding-item button[type=submit]").click()
    text_in(browser, "#coding-waiting", "1 code waiting")
    visible(browser, "#coding-save").click()
    text_in(browser, "#section-coding .status", "Saved 1 code")
    client = ApiClient(server.base_url, ana["token"])
    assert any(code["mine"] for code in client.ok("GET", f"/admin/contributions/{item}/codes")["codes"])
    problems = [p.text for p in browser.find_elements(By.CSS_SELECTOR, ".status.is-error, .notice") if p.text.strip()]
    assert not problems, problems


def test_an_analysts_codes_leave_many_at_a_time(server, scene, browser):
    """Coding a page sends the codes in one request per ten items, never one per item (issue 20)."""
    ben = scene["analysts"]["ben"]
    sign_in_as(browser, server, "ben", ben["password"])
    show(browser, "coding")
    visible(browser, "#coding-item form[data-id]")
    browser.execute_script("""
        window.codingRequests = [];
        const original = window.fetch;
        window.fetch = (url, init) => { window.codingRequests.push(`${(init && init.method) || 'GET'} ${url}`); return original(url, init); };
    """)
    coded = []
    for _ in range(3):
        form = visible(browser, "#coding-item form[data-id]")
        coded.append(int(form.get_attribute("data-id")))
        form.find_element(By.CSS_SELECTOR, "input[name=theme]").click()
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(browser).until(lambda d: f"{len(coded)} code" in d.find_element(By.ID, "coding-waiting").text)
    assert browser.execute_script("return window.codingRequests") == []
    visible(browser, "#coding-save").click()
    text_in(browser, "#section-coding .status", "Saved 3 codes")
    requests = browser.execute_script("return window.codingRequests")
    assert requests == [f"POST /admin/campaigns/{SLUG}/coding/codes"], requests
    client = ApiClient(server.base_url, ben["token"])
    for item in coded:
        assert any(code["mine"] for code in client.ok("GET", f"/admin/contributions/{item}/codes")["codes"]), item


def test_disputes_are_settled_many_at_a_time(server, scene, browser):
    admin = scene["admin"]
    teams = {t["name"]: t for t in admin.ok("GET", f"/admin/campaigns/{SLUG}/coding/teams")["teams"]}
    if not teams:  # this test alone: form the teams through the API
        for name, members in (("A", ["ana", "al"]), ("B", ["ben", "bo"])):
            admin.ok("PUT", f"/admin/campaigns/{SLUG}/coding/teams", {"name": name, "members": [scene["analysts"][m]["id"] for m in members]})
        admin.ok("PUT", f"/admin/campaigns/{SLUG}/coding/settings", {"teamsPerItem": 2})
        teams = {t["name"]: t for t in admin.ok("GET", f"/admin/campaigns/{SLUG}/coding/teams")["teams"]}
    barrier, block = scene["themes"]
    from api_client import ApiClient
    clients = {name: ApiClient(server.base_url, created["token"]) for name, created in scene["analysts"].items()}
    for client in clients.values():  # whatever an earlier test's analyst had claimed goes back to the team
        client.ok("DELETE", f"/admin/campaigns/{SLUG}/coding/claims")
    # The screen is open while the teams code: Refresh reads the new disputes.
    sign_in(browser, server)
    show(browser, "reconcile")
    visible(browser, "#reconcile-total")
    # Three items no team has coded yet (the queue hands al what team B coded in an earlier test first), so each of
    # the two codes below makes a dispute.
    page = clients["al"].ok("GET", f"/admin/campaigns/{SLUG}/coding/queue")["items"]
    items = [item["id"] for item in page if not admin.ok("GET", f"/admin/contributions/{item['id']}/codes")["codes"]][:3]
    assert len(items) == 3, page
    clients["al"].ok("POST", f"/admin/campaigns/{SLUG}/coding/codes",
                     {"items": [{"contributionId": i, "themes": [barrier], "notRelevant": False} for i in items]})
    clients["bo"].ok("POST", f"/admin/campaigns/{SLUG}/coding/codes",
                     {"items": [{"contributionId": i, "themes": [block], "notRelevant": False} for i in items]})
    before = admin.ok("GET", f"/admin/campaigns/{SLUG}/agreement")["status"]

    assert f"{before['disputed']} disputed" not in browser.find_element(By.ID, "reconcile-total").text  # as it was opened
    visible(browser, "#reconcile-refresh").click()
    text_in(browser, "#reconcile-total", f"{before['disputed']} disputed")
    visible(browser, "#reconcile-all").click()
    visible(browser, f'#reconcile-actions button[data-take="{teams["B"]["id"]}"]').click()
    text_in(browser, "#section-reconcile .status", "settled with team B")
    after = admin.ok("GET", f"/admin/campaigns/{SLUG}/agreement")["status"]
    assert after["reconciled"] == before["reconciled"] + before["disputed"], (before, after)
    assert after["disputed"] == 0
    for item in items:
        settled = admin.ok("GET", f"/admin/contributions/{item}/codes")["reconciled"]
        assert settled["themes"] == [block], settled


def test_an_export_link_saves_the_file_with_its_byte_order_mark(server, scene, browser, tmp_path):
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    sign_in(browser, server)
    show(browser, "export")
    visible(browser, '#section-export a[data-export="codes"]').click()
    target = tmp_path / f"{SLUG}-codes.csv"
    deadline = time.monotonic() + PATIENCE  # a bound against hangs, not a measurement
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert target.exists(), list(tmp_path.iterdir())
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:20]
    assert raw[3:].decode("utf-8").startswith("contribution,round,team,coder,themes")
