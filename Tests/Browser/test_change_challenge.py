"""The method at the Change Challenge's size from the console (issue 20): 1,455 people and 7,524 contributions on a
21-theme codebook, a facilitator and four analysts in two teams. The seed's coded sample stands for the codes of the
weeks before (7,504 items coded by both teams, their disputes settled); what is left is done here through the console:
the team screen, four analysts coding from the 7,524-item queue (a teammate is never handed the same page; codes leave
ten at a time), the agreement report, disputes settled in one step, ideas coded against the themes in Answer by both
teams (the second handed what the first coded), their agreement measured and disputes reconciled apart from
Understand's, 291 ideas
shortlisted 47 → 17 → 15 in one request a round, their guides started, marked final and published many at a time, and
the findings downloaded as CSV files whose figures are those the console showed.

Every request a browser sends is counted (a wrapper around fetch, installed after sign-in): no step across many items
may cost a request per item. Set-up outside the browser is the scene only: the seed, the staff accounts, the ideas
the crowd posts and the guides their authors write."""
import csv
import io
import re
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from api_client import ApiClient, contributor, staff
from conftest import SCREENSHOTS, serving
from pages import PATIENCE, open_phase_in_console as open_phase, screenshot, show, sign_in, text_in, visible, wait

SLUG = "cc"
CODED = 7_504  # the seed's coded sample: twenty items are left for the teams to code on screen
TOTAL = 7_524
IDEAS = 291
SLICE = 10  # items each analyst codes on screen

COUNT_REQUESTS = """
    window.requests = [];
    const original = window.fetch;
    window.fetch = (url, init) => { window.requests.push(`${(init && init.method) || 'GET'} ${url}`); return original(url, init); };
"""


@pytest.fixture(scope="module")
def server():
    yield from serving(("--size", "change-challenge", "--coded-sample", str(CODED), "--slug", SLUG))


def requests(browser, pattern=""):
    return [r for r in browser.execute_script("return window.requests") if re.search(pattern, r)]


def choose_campaign(browser):
    picker = Select(visible(browser, "#campaign-picker"))
    wait(browser).until(lambda d: any(o.get_attribute("value") == SLUG for o in picker.options))
    if picker.first_selected_option.get_attribute("value") != SLUG:
        picker.select_by_value(SLUG)
    wait(browser).until(lambda d: d.execute_script("return document.getElementById('campaign-picker').value") == SLUG)


def sign_in_analyst(browser, server, name, password):
    sign_in(browser, server, name, password)
    choose_campaign(browser)
    browser.execute_script(COUNT_REQUESTS)


def code_slice(browser, themes_for, round_value="understand"):
    """Codes SLICE items on the coding screen, ticking the theme boxes `themes_for(n)` (indexes) for the n-th item.
    Returns the ids coded, in order; the tenth code sends the ten in one request."""
    show(browser, "coding")
    if round_value != "understand":
        Select(visible(browser, "#coding-round")).select_by_value(round_value)
        text_in(browser, "#coding-remaining", f"{IDEAS} items left")  # the round's queue: every idea
    before = len(requests(browser))
    coded = []
    for n in range(SLICE):
        form = visible(browser, "#coding-item form[data-id]")
        item = int(form.get_attribute("data-id"))
        assert item not in coded
        boxes = form.find_elements(By.CSS_SELECTOR, "input[name=theme]")
        for index in themes_for(n):
            boxes[index].click()
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        coded.append(item)
        wait(browser).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'#coding-item form[data-id="{item}"]'))
    text_in(browser, "#section-coding .status", f"Saved {SLICE} codes")
    sent = requests(browser)[before:]
    assert sent == [f"POST /admin/campaigns/{SLUG}/coding/codes"], sent  # one request for ten items, nothing per item
    return coded


def agreement_text(browser):
    return wait(browser).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('#agreement p')].map((p) => p.textContent).find((t) => t.startsWith('Overall'))"))


def figures(text):
    """(items coded by two teams, kappa, {agreed, disputed, awaiting, reconciled}) from the agreement report's words."""
    overall = re.search(r"kappa ([0-9.–]+), over (\d+) items coded by two teams", text)
    status = dict((word, int(n)) for n, word in re.findall(r"(\d+) (settled|disputed|awaiting|reconciled)", text))
    return int(overall.group(2)), overall.group(1), status


def downloaded(browser, directory, name):
    """The export `name` downloaded through its link in the Export section, parsed; its bytes start with the BOM."""
    show(browser, "export")
    target = directory / f"{SLUG}-{name}.csv"
    target.unlink(missing_ok=True)  # downloaded before: the browser saves the new one under the same name
    visible(browser, f'#section-export a[data-export="{name}"]').click()
    deadline = time.monotonic() + PATIENCE  # a bound against hangs, not a measurement
    while (not target.exists() or list(directory.glob("*.crdownload"))) and time.monotonic() < deadline:
        time.sleep(0.2)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), data[:10]
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def shortlist(browser, ideas, round_key, reason, from_round=None):
    """Ticks `ideas` in the shortlist table (filtered to `from_round`) and selects them into `round_key` at once."""
    show(browser, "shortlist")
    if from_round:
        shown = len(requests(browser, r"/shortlist$"))
        Select(visible(browser, "#shortlist-in-round")).select_by_value(from_round)
        wait(browser).until(lambda d: len(requests(d, r"/shortlist$")) > shown)  # the table is read again, filtered
        text_in(browser, "#shortlist-count", f"47 of {IDEAS} ideas shown")
    before = len(requests(browser))
    for idea in ideas:
        visible(browser, f'#shortlist-table tr[data-idea-id="{idea}"] input[name=idea]').click()
    Select(browser.find_element(By.ID, "bulk-round")).select_by_value(round_key)
    browser.find_element(By.ID, "bulk-reason").send_keys(reason)
    browser.find_element(By.XPATH, "//button[text()='Select the ticked ideas']").click()
    text_in(browser, "#section-shortlist .status", f"{len(ideas)} ideas selected into")
    posts = requests(browser, r"^POST ")[-1:]
    assert posts == [f"POST /admin/campaigns/{SLUG}/shortlist/{round_key}"], requests(browser)[before:]
    assert len(requests(browser, r"^POST ")) - len([r for r in requests(browser)[:before] if r.startswith("POST ")]) == 1


def test_the_change_challenge_runs_from_the_console(server, browsers, tmp_path):
    admin = staff(server)
    analysts = {name: admin.ok("POST", "/admin/staff", {"name": name, "role": "analyst", "campaigns": [SLUG]})
                for name in ("ana", "al", "ben", "bo")}

    facilitator = browsers()
    facilitator.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    sign_in(facilitator, server)
    choose_campaign(facilitator)
    facilitator.execute_script(COUNT_REQUESTS)

    # The team screen: the four analysts join the seed's teams A and B.
    show(facilitator, "teams")
    teams = {t["name"]: t["id"] for t in admin.ok("GET", f"/admin/campaigns/{SLUG}/coding/teams")["teams"]}
    for name, team in (("ana", "A"), ("al", "A"), ("ben", "B"), ("bo", "B")):
        Select(visible(facilitator, f'#team-members select[data-staff="{analysts[name]["id"]}"]')).select_by_value(str(teams[team]))
    facilitator.find_element(By.CSS_SELECTOR, "#team-members button[type=submit]").click()
    text_in(facilitator, "#section-teams .status", "Teams saved")

    # Four analysts code from the 7,524-item queue, one browser after another, each giving the rest of their page back
    # to the team when done. Teammates are never handed the same items; between them each team codes all twenty, and
    # team B codes some differently (the last four of ben's ten).
    slices = {}
    plan = {"ana": lambda n: [0], "al": lambda n: [0], "ben": lambda n: [0] if n < 6 else [1], "bo": lambda n: [0]}
    for name in ("ana", "al", "ben", "bo"):
        analyst = browsers()
        sign_in_analyst(analyst, server, name, analysts[name]["password"])
        show(analyst, "coding")
        remaining = visible(analyst, "#coding-remaining").text
        expected = TOTAL - CODED - (SLICE if name in ("al", "bo") else 0)
        assert remaining.startswith(f"{expected} items left"), (name, remaining)
        slices[name] = code_slice(analyst, plan[name])
        analyst.find_element(By.XPATH, "//button[text()='Give my page back']").click()
        text_in(analyst, "#section-coding .status", "given back")
        browsers.close(analyst)
    team_a, team_b = slices["ana"] + slices["al"], slices["ben"] + slices["bo"]
    assert not set(slices["ana"]) & set(slices["al"]) and not set(slices["ben"]) & set(slices["bo"]), \
        "teammates are never handed the same items"
    assert sorted(team_a) == sorted(team_b) and len(team_a) == TOTAL - CODED, "each team codes every item left"
    disputed = {item for n, item in enumerate(slices["ben"]) if n >= 6}

    # The agreement report, then every dispute settled in one step on the reconciliation screen.
    show(facilitator, "coding")
    items, kappa, status = figures(agreement_text(facilitator))
    assert items == TOTAL and status["disputed"] == len(disputed) and status["awaiting"] == 0, (items, status)
    show(facilitator, "reconcile")
    text_in(facilitator, "#reconcile-total", f"{len(disputed)} disputed items")
    for width in (1280, 375):
        screenshot(facilitator, "console-reconcile-cc", width, SCREENSHOTS)
    shown = {int(box.get_attribute("value")) for box in facilitator.find_elements(By.CSS_SELECTOR, "#section-reconcile input[name=item]")}
    assert shown == disputed, (shown, disputed)
    before = len(requests(facilitator))
    visible(facilitator, "#reconcile-all").click()
    facilitator.find_element(By.CSS_SELECTOR, "#section-reconcile input[name=reason]").send_keys("Read against the codebook")
    facilitator.find_element(By.CSS_SELECTOR, f'#reconcile-actions button[data-take="{teams["A"]}"]').click()
    text_in(facilitator, "#section-reconcile .status", f"{len(disputed)} items settled with team A's codes")
    assert requests(facilitator, r"^POST ")[-1] == f"POST /admin/campaigns/{SLUG}/reconcile"
    assert len([r for r in requests(facilitator)[before:] if r.startswith("POST ")]) == 1
    show(facilitator, "coding")
    wait(facilitator).until(lambda d: figures(agreement_text(d))[2].get("disputed") == 0)
    items, kappa, status = figures(agreement_text(facilitator))

    # The findings of Understand leave as CSV with the figures on screen.
    agreement = downloaded(facilitator, tmp_path, "agreement")
    overall = next(row for row in agreement if row["round"] == "understand" and row["theme"] == "(all themes)")
    assert int(overall["items"]) == items and f"{float(overall['mean_kappa']):.2f}" == kappa, (overall, items, kappa)
    findings = downloaded(facilitator, tmp_path, "findings")
    understood = [row for row in findings if row["round"] == "understand"]
    assert len(understood) == status["settled"] + status["reconciled"], (len(understood), status)
    assert sum(1 for row in understood if row["status"] == "reconciled") == status["reconciled"]
    show(facilitator, "stats")  # the findings per theme are charted (a figure), not "No data yet"
    visible(facilitator, "#section-stats figcaption h3")
    charted = [h.text for h in facilitator.find_elements(By.CSS_SELECTOR, "#section-stats figcaption h3")]
    assert "Contributions per theme (settled codes, Understand)" in charted, charted

    # Answer: a question, the phase opened, the crowd's 291 ideas; analysts code ideas against the themes in a round
    # of their own, which leaves Understand's agreement as it was.
    show(facilitator, "setup")
    form = visible(facilitator, "#question-add")
    Select(form.find_element(By.TAG_NAME, "select")).select_by_value("answer")
    form.find_element(By.CSS_SELECTOR, "input").send_keys("What would you change first?")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    text_in(facilitator, "#section-setup .status", "Question added")
    open_phase(facilitator, "answer", "Answer phase opened")
    question = next(q["id"] for q in admin.ok("GET", f"/api/campaigns/{SLUG}")["questions"] if q["phase"] == "answer")
    authors, ideas = [], []
    for person in range(IDEAS // 10 + 1):
        author = contributor(server, SLUG)
        for n in range(min(10, IDEAS - len(ideas))):
            number = len(ideas) + 1
            ideas.append(author.ok("POST", f"/api/campaigns/{SLUG}/contributions", {
                "questionId": question, "title": f"Idea {number}: change {number}",
                "body": f"A concrete change to the service, number {number}, tried on one ward first."})["id"])
            authors.append(author)
    assert len(ideas) == IDEAS
    ana = browsers()
    sign_in_analyst(ana, server, "ana", analysts["ana"]["password"])
    answered = code_slice(ana, lambda n: [n % 3], round_value="answer")
    assert set(answered) <= set(ideas)
    browsers.close(ana)
    show(facilitator, "coding")
    Select(visible(facilitator, "#coding-round")).select_by_value("answer")
    text_in(facilitator, "#agreement", f"{SLICE} awaiting a second team")
    assert "No item has been coded by two teams yet" in facilitator.find_element(By.ID, "agreement").text
    Select(visible(facilitator, "#coding-round")).select_by_value("understand")
    text_in(facilitator, "#agreement", f"over {items} items")
    assert figures(agreement_text(facilitator))[:2] == (items, kappa), "Answer's codes are not mixed into Understand's"

    # Team B codes Answer too. Its queue hands ben the ideas team A coded before any other, so each of his codes
    # completes a pair and the agreement is measured from his first page; he codes the last three differently.
    ben = browsers()
    sign_in_analyst(ben, server, "ben", analysts["ben"]["password"])
    followed = code_slice(ben, lambda n: [n % 3] if n < 7 else [(n + 1) % 3], round_value="answer")
    assert followed == answered, "the second team is handed the ideas the first has coded, in the same order"
    browsers.close(ben)
    answer_disputed = set(answered[7:])
    show(facilitator, "coding")
    Select(visible(facilitator, "#coding-round")).select_by_value("answer")
    text_in(facilitator, "#agreement", f"over {SLICE} items coded by two teams")
    answer_items, answer_kappa, answer_status = figures(agreement_text(facilitator))
    assert answer_items == SLICE and answer_kappa != "–", (answer_items, answer_kappa)
    assert answer_status == {"settled": 7, "disputed": 3, "awaiting": 0, "reconciled": 0}, answer_status

    # The Answer disputes on the reconciliation screen, both teams' codes beside each idea; team B's taken for all.
    show(facilitator, "reconcile")
    Select(visible(facilitator, "#section-reconcile select[name=round]")).select_by_value("answer")
    text_in(facilitator, "#reconcile-total", f"{len(answer_disputed)} disputed items")
    headers = [th.text for th in facilitator.find_elements(By.CSS_SELECTOR, "#section-reconcile table th")]
    column = headers.index("Team B")
    shown_b = {}
    for row in facilitator.find_elements(By.CSS_SELECTOR, "#section-reconcile tr:has(input[name=item])"):
        cells = row.find_elements(By.CSS_SELECTOR, "td, th")
        shown_b[int(row.find_element(By.CSS_SELECTOR, "input[name=item]").get_attribute("value"))] = cells[column].text
    assert set(shown_b) == answer_disputed, (shown_b, answer_disputed)
    before = len(requests(facilitator))
    visible(facilitator, "#reconcile-all").click()
    facilitator.find_element(By.CSS_SELECTOR, "#section-reconcile input[name=reason]").send_keys("The idea's own words")
    facilitator.find_element(By.CSS_SELECTOR, f'#reconcile-actions button[data-take="{teams["B"]}"]').click()
    text_in(facilitator, "#section-reconcile .status", f"{len(answer_disputed)} items settled with team B's codes")
    assert [r for r in requests(facilitator)[before:] if r.startswith("POST ")] == [f"POST /admin/campaigns/{SLUG}/reconcile"]
    text_in(facilitator, "#reconcile-total", "No disputed items in this round")
    show(facilitator, "coding")
    wait(facilitator).until(lambda d: figures(agreement_text(d))[2].get("reconciled") == len(answer_disputed))
    assert figures(agreement_text(facilitator)) == (
        SLICE, answer_kappa, {"settled": 7, "disputed": 0, "awaiting": 0, "reconciled": 3}), "settling changes no code"

    # The Answer round's findings leave as CSV with the figures and codes the console showed, apart from Understand's.
    agreement = downloaded(facilitator, tmp_path, "agreement")
    overall = next(row for row in agreement if row["round"] == "answer" and row["theme"] == "(all themes)")
    assert int(overall["items"]) == SLICE and f"{float(overall['mean_kappa']):.2f}" == answer_kappa, (overall, answer_kappa)
    understood = next(row for row in agreement if row["round"] == "understand" and row["theme"] == "(all themes)")
    assert int(understood["items"]) == items and f"{float(understood['mean_kappa']):.2f}" == kappa
    findings = {int(row["contribution"]): row for row in downloaded(facilitator, tmp_path, "findings") if row["round"] == "answer"}
    assert sorted(findings) == sorted(answered), sorted(findings)
    assert sum(1 for row in findings.values() if row["status"] == "agreed") == 7
    assert {item for item, row in findings.items() if row["status"] == "reconciled"} == answer_disputed
    assert all(findings[item]["themes"] == shown_b[item] for item in answer_disputed), (findings, shown_b)
    answer_codes = [row for row in downloaded(facilitator, tmp_path, "codes") if row["round"] == "answer"]
    assert sorted((int(row["contribution"]), row["team"]) for row in answer_codes) == sorted(
        (item, team) for item in answered for team in ("A", "B")), answer_codes
    for row in answer_codes:
        item = int(row["contribution"])
        assert row["reconciled_themes"] == (shown_b[item] if item in answer_disputed else ""), row
        assert row["coder"].startswith("analyst-"), row  # an analyst's pseudonym, never their name

    # Prioritise 47 of 291, Act 17 of those, each round one request.
    prioritised, acted, published = ideas[:47], ideas[:17], ideas[:15]
    shortlist(facilitator, prioritised, "prioritise", "Most supported by the crowd")
    open_phase(facilitator, "prioritise", "Prioritise phase opened")
    open_phase(facilitator, "act", "Act phase opened")
    shortlist(facilitator, acted, "act", "Affordable this year", from_round="prioritise")

    # Guides: the seventeen started at once; fifteen authors write theirs; marked final and published many at a time.
    show(facilitator, "guides")
    before = len(requests(facilitator))
    visible(facilitator, "#guides-start-all").click()
    text_in(facilitator, "#section-guides .status", "17 guides started")
    guides = {g["contributionId"]: g["id"] for g in admin.ok("GET", f"/admin/campaigns/{SLUG}/guides")["guides"]}
    assert sorted(guides) == sorted(acted)
    for idea in published:
        authors[ideas.index(idea)].ok("PUT", f"/api/guides/{guides[idea]}", {"revision": 0, "title": f"Guide to idea {idea}",
                                                                            "sections": {"problem": "It takes too long.", "whatToDo": "Try it on one ward."}})
    show(facilitator, "campaigns")
    show(facilitator, "guides")
    visible(facilitator, "#guides-all").click()
    facilitator.find_element(By.ID, "guides-final").click()
    text_in(facilitator, "#section-guides .status", "15 guides marked final")
    visible(facilitator, "#guides-all").click()
    facilitator.find_element(By.CSS_SELECTOR, "#guides-many input[name=reason]").send_keys("Clear and costed")
    facilitator.find_element(By.ID, "guides-publish").click()
    text_in(facilitator, "#section-guides .status", "15 guides published")
    posts = [r for r in requests(facilitator)[before:] if r.startswith("POST ")]
    assert posts == [f"POST /admin/campaigns/{SLUG}/guides", f"POST /admin/campaigns/{SLUG}/guides/final",
                     f"POST /admin/campaigns/{SLUG}/shortlist/published"], posts

    for width in (1280, 375):
        screenshot(facilitator, "console-guides-many", width, SCREENSHOTS)
    reader = browsers()
    reader.get(f"{server.base_url}/guide/{SLUG}")
    text_in(reader, "#guide-count", "15 guides")

    # The rounds leave in contributions.csv as the table showed them.
    rows = {int(row["id"]): row for row in downloaded(facilitator, tmp_path, "contributions")}
    for number, chosen in ((1, prioritised), (2, acted), (3, published)):  # rounds by number: 1 prioritise … 3 published
        assert sorted(i for i in ideas if str(number) in re.findall(r"\d+", rows[i]["shortlist_rounds"])) == sorted(chosen), number
    members = {(row["team"], row["member"]) for row in downloaded(facilitator, tmp_path, "teams")}
    assert {("A", "ana"), ("A", "al"), ("B", "ben"), ("B", "bo")} <= members, members  # as saved on the team screen

    # Nothing the facilitator did across many items cost a request per item.
    handled = 2 * SLICE * 2 + 2 * SLICE + IDEAS + 47 + 17 + 15
    assert len(requests(facilitator)) < handled / 4, len(requests(facilitator))
