"""One campaign run through Understand → Answer → Prioritise → Act from the console (issue 20), the facilitator in one
browser and a contributor in another: create and set up, launch, open each phase when asked, code the contributions
against a theme added on the Codebook screen, publish it, score and shortlist the idea, start its guide, which its
author writes and the facilitator publishes for the public guide page, and take the findings away as a CSV. Every step is a person's click; the API is only read, to check what the clicks did."""
import csv
import io
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from api_client import staff
from pages import PATIENCE, click, confirm_dialog, join, open_campaign, open_phase_in_console as open_phase, post, show, sign_in, text_in, visible, wait

SLUG = "four-phases"


def add_question(browser, phase, text):
    show(browser, "setup")
    form = visible(browser, "#question-add")
    Select(form.find_element(By.TAG_NAME, "select")).select_by_value(phase)
    form.find_element(By.CSS_SELECTOR, "input").send_keys(text)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    text_in(browser, "#section-setup .status", "Question added")


def shortlist(browser, idea, round_key, reason):
    show(browser, "shortlist")
    visible(browser, f'#shortlist-table tr[data-idea-id="{idea}"] input[name=idea]').click()
    Select(browser.find_element(By.ID, "bulk-round")).select_by_value(round_key)
    browser.find_element(By.ID, "bulk-reason").send_keys(reason)
    browser.find_element(By.XPATH, "//button[text()='Select the ticked ideas']").click()
    text_in(browser, "#section-shortlist .status", "1 idea selected into")


def test_a_campaign_runs_through_all_four_phases_from_the_console(server, browsers, tmp_path):
    admin = staff(server)
    facilitator = browsers()
    facilitator.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    sign_in(facilitator, server)

    # Set-up: create, two questions, launch.
    show(facilitator, "campaigns")
    form = visible(facilitator, "#create-campaign")
    form.find_element(By.NAME, "slug").send_keys(SLUG)
    form.find_element(By.NAME, "title").send_keys("Night shifts on ward 7")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    text_in(facilitator, "#section-campaigns .status", "created")
    add_question(facilitator, "understand", "What makes night shifts hard?")
    add_question(facilitator, "answer", "What would make them better?")
    show(facilitator, "campaigns")
    click(facilitator, '#section-campaigns button[aria-label="Launch Night shifts on ward 7"]')
    confirm_dialog(facilitator)
    text_in(facilitator, "#section-campaigns .status", "is live")

    # Understand: the crowd answers; the facilitator codes against a theme of the codebook and publishes it.
    open_phase(facilitator, "understand", "Understand phase opened")
    person = browsers()
    open_campaign(person, server, SLUG)
    join(person)
    said = [post(person, "Nobody covers breaks after midnight"), post(person, "The night bleep is shared by two wards")]
    show(facilitator, "codebook")
    theme = visible(facilitator, "#theme-add")
    theme.find_element(By.NAME, "name").send_keys("Night cover")
    theme.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    text_in(facilitator, "#section-codebook .status", "added")
    show(facilitator, "coding")
    for _ in said:
        form = visible(facilitator, "#coding-item form[data-id]")
        form.find_element(By.CSS_SELECTOR, "input[name=theme]").click()
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    text_in(facilitator, "#section-coding .status", "Saved 2 codes")
    show(facilitator, "codebook")
    click(facilitator, "#publish-themes")
    text_in(facilitator, "#section-codebook .status", "1 theme published")

    # Answer: an idea against the published theme; scored and shortlisted into Prioritise.
    open_phase(facilitator, "answer", "Answer phase opened")
    open_campaign(person, server, SLUG)
    idea = int(post(person, "A floating nurse covers every break from midnight to six", title="Floating break cover"))
    show(facilitator, "shortlist")
    criteria = visible(facilitator, "#criteria-form")
    criteria.find_element(By.XPATH, ".//button[text()='Add a criterion']").click()
    criteria.find_element(By.NAME, "key").send_keys("impact")
    criteria.find_element(By.NAME, "label").send_keys("Impact on patients")
    criteria.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    text_in(facilitator, "#section-shortlist .status", "Criteria saved")
    Select(visible(facilitator, f'#shortlist-table select[data-idea="{idea}"]')).select_by_value("3")
    facilitator.find_element(By.ID, "save-scores").click()
    text_in(facilitator, "#section-shortlist .status", "Scores saved for 1 idea")
    shortlist(facilitator, idea, "prioritise", "Everyone on nights asked for it")

    # Prioritise, then Act with the idea taken forward.
    open_phase(facilitator, "prioritise", "Prioritise phase opened")
    open_phase(facilitator, "act", "Act phase opened")
    shortlist(facilitator, idea, "act", "Affordable from the bank budget")

    # Act: the idea's guide is started on Guide review, its author writes it from the campaign page, and the
    # facilitator marks it final and publishes it; the public guide page shows it.
    show(facilitator, "guides")
    click(facilitator, "#section-guides button.link")
    text_in(facilitator, "#section-guides .status", f"Guide started for idea {idea}")
    open_campaign(person, server, SLUG)
    visible(person, "#invitation-link").click()
    problem = visible(person, "#section-problem")
    problem.send_keys("Nobody covers breaks after midnight, so nurses skip them.")
    person.find_element(By.ID, "save").click()
    text_in(person, "#status", "Saved as revision 1")
    show(facilitator, "guides")
    click(facilitator, "#guide-list li.item button")
    text_in(facilitator, "#guide-review-title", "Floating break cover")
    text_in(facilitator, "#guide-detail", "Nobody covers breaks after midnight, so nurses skip them.")
    facilitator.find_element(By.XPATH, "//button[text()='Mark final']").click()
    text_in(facilitator, "#section-guides .status", "Guide marked final")
    visible(facilitator, '#guide-detail input[name="publish-reason"]').send_keys("Tried on ward 7 for a month")
    facilitator.find_element(By.XPATH, "//button[text()='Publish in the guide']").click()
    text_in(facilitator, "#section-guides .status", "Guide published")
    person.get(f"{server.base_url}/guide/{SLUG}")
    text_in(person, "#guides li.guide h3", "Floating break cover")
    text_in(person, "#guides li.guide", "Nobody covers breaks after midnight, so nurses skip them.")

    campaign = admin.ok("GET", f"/admin/campaigns/{SLUG}")
    assert [p["state"] for p in campaign["phases"]] == ["closed", "closed", "closed", "open"], campaign["phases"]
    show(facilitator, "campaigns")
    text_in(facilitator, "#section-campaigns tbody", "Act open now")

    # The findings leave as CSV files, with the codes given on screen and dates Excel reads.
    show(facilitator, "export")
    for name in ("codes", "contributions"):
        visible(facilitator, f'#section-export a[data-export="{name}"]').click()
        target = tmp_path / f"{SLUG}-{name}.csv"
        deadline = time.monotonic() + PATIENCE  # a bound against hangs, not a measurement
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert target.exists(), list(tmp_path.iterdir())
    codes = list(csv.DictReader(io.StringIO((tmp_path / f"{SLUG}-codes.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(int(row["contribution"]) for row in codes) == sorted(int(i) for i in said), codes
    assert all(row["themes"] == "Night cover" for row in codes), codes
    rows = list(csv.DictReader(io.StringIO((tmp_path / f"{SLUG}-contributions.csv").read_text(encoding="utf-8-sig"))))
    taken = next(row for row in rows if int(row["id"]) == idea)
    assert taken["shortlist_rounds"], taken
    assert "T" not in taken["created_at"] and len(taken["created_at"]) == len("2026-11-18 11:06:40"), taken
