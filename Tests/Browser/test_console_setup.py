"""Campaign set-up on the console that cannot misfire (issue 20): a shared access code chosen on create or set later is
needed to join; a campaign is edited after it is made; the heading names the campaign being edited; a failed create
leaves no campaign chosen; Archive, Launch, opening a phase and deleting a question each ask first; phases in words.
What the console did is read back through the API."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from api_client import ApiClient, staff
from pages import click, confirm_dialog, show, sign_in, text_in, visible, wait
from test_accessibility import assert_clean, check


def heading(browser, section):
    return browser.find_element(By.ID, f"heading-{section}").text


def create(browser, slug, title, join="open", code=None):
    form = visible(browser, "#create-campaign")
    for name, value in (("slug", slug), ("title", title)):
        box = form.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)
    form.find_element(By.ID, f"create-join-{join}").click()
    if code is not None:
        box = visible(browser, "#create-campaign input[name=accessCode]")
        box.clear()
        box.send_keys(code)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def joins(server, slug, code=None):
    status, _ = ApiClient(server.base_url).send("POST", f"/api/campaigns/{slug}/join", {} if code is None else {"code": code})
    return status


def test_a_shared_access_code_chosen_on_create_is_needed_to_join(server, browser):
    sign_in(browser, server)
    show(browser, "campaigns")
    create(browser, "ward-seven", "Ward 7 night shifts", join="code", code="night-owls-7")
    text_in(browser, "#section-campaigns .status", "created")
    assert Select(browser.find_element(By.ID, "campaign-picker")).first_selected_option.get_attribute("value") == "ward-seven"
    created = staff(server).ok("GET", "/admin/campaigns/ward-seven")
    assert created["access"] == "invite" and created["hasAccessCode"], created
    # Launching asks first; cancelling launches nothing.
    show(browser, "campaigns")
    click(browser, '#section-campaigns button[aria-label="Launch Ward 7 night shifts"]')
    assert "Launch" in confirm_dialog(browser, "cancel")
    assert staff(server).ok("GET", "/admin/campaigns/ward-seven")["state"] == "draft"
    click(browser, '#section-campaigns button[aria-label="Launch Ward 7 night shifts"]')
    confirm_dialog(browser)
    text_in(browser, "#section-campaigns .status", "is live")
    assert joins(server, "ward-seven") == 403
    assert joins(server, "ward-seven", "night-owls-7") == 201


def test_set_access_code_on_an_open_campaign_takes_effect(server, browser):
    admin = staff(server)
    admin.ok("POST", "/admin/campaigns", {"slug": "open-door", "title": "Open door"})
    admin.ok("POST", "/admin/campaigns/open-door/launch")
    assert joins(server, "open-door") == 201
    sign_in(browser, server)
    Select(visible(browser, "#campaign-picker")).select_by_value("open-door")
    show(browser, "setup")
    wait(browser).until(lambda d: heading(d, "setup") == "Set-up: Open door")
    visible(browser, "#access-code input[name=code]").send_keys("knock-knock")
    browser.find_element(By.CSS_SELECTOR, "#access-code button[type=submit]").click()
    text_in(browser, "#section-setup .status", "need the shared access code")
    assert joins(server, "open-door") == 403
    assert joins(server, "open-door", "knock-knock") == 201


def test_a_campaign_is_edited_after_create_under_its_own_name(server, browser):
    staff(server).ok("POST", "/admin/campaigns", {"slug": "renamed", "title": "First title"})
    sign_in(browser, server)
    Select(visible(browser, "#campaign-picker")).select_by_value("renamed")
    show(browser, "setup")
    wait(browser).until(lambda d: heading(d, "setup") == "Set-up: First title")
    title = visible(browser, "#campaign-details input[name=title]")
    title.clear()
    title.send_keys("Better title")
    summary = browser.find_element(By.CSS_SELECTOR, "#campaign-details input[name=summary]")
    summary.send_keys("What the ward wants changed")
    browser.find_element(By.CSS_SELECTOR, "#campaign-details button[type=submit]").click()
    text_in(browser, "#section-setup .status", "saved")
    wait(browser).until(lambda d: heading(d, "setup") == "Set-up: Better title")
    stored = staff(server).ok("GET", "/admin/campaigns/renamed")
    assert (stored["title"], stored["summary"]) == ("Better title", "What the ward wants changed"), stored
    show(browser, "phases")
    wait(browser).until(lambda d: heading(d, "phases") == "Phases: Better title")


def test_a_failed_create_leaves_no_campaign_chosen(server, browser):
    sign_in(browser, server)
    assert Select(visible(browser, "#campaign-picker")).first_selected_option.get_attribute("value")
    show(browser, "campaigns")
    browser.expected_console += [r"/admin/campaigns - Failed to load resource: .* 409"]
    create(browser, "demo", "A second demo")  # the address is taken
    text_in(browser, "#section-campaigns .status", "No campaign is chosen now")
    assert Select(browser.find_element(By.ID, "campaign-picker")).first_selected_option.get_attribute("value") == ""
    node = show(browser, "setup")
    text_in(browser, "#section-setup .section-body", "Create or choose a campaign first")
    assert heading(browser, "setup") == "Set-up"
    assert not node.find_elements(By.CSS_SELECTOR, "form")


def test_phases_in_words_and_a_phase_opens_only_when_confirmed(server, browser):
    admin = staff(server)
    admin.ok("POST", "/admin/campaigns", {"slug": "phased", "title": "Phased"})
    sign_in(browser, server)
    show(browser, "campaigns")
    row = visible(browser, "#section-campaigns tbody tr:last-child")
    wait(browser).until(lambda d: "Phased" in d.find_element(By.CSS_SELECTOR, "#section-campaigns tbody").text)
    rows = {r.find_elements(By.TAG_NAME, "td")[1].text: r.text for r in browser.find_elements(By.CSS_SELECTOR, "#section-campaigns tbody tr")}
    assert "Draft" in rows["phased"] and "Not started" in rows["phased"], rows
    assert "open now" in rows["demo"] and "none" not in rows["demo"], rows
    Select(visible(browser, "#campaign-picker")).select_by_value("phased")
    show(browser, "phases")
    item = visible(browser, '#section-phases li[data-phase="understand"]')
    assert "Not opened yet" in item.text, item.text
    item.find_element(By.CSS_SELECTOR, ".actions button").click()
    assert "Open Understand" in confirm_dialog(browser, "cancel")
    assert admin.ok("GET", "/admin/campaigns/phased")["phases"][0]["state"] == "pending"
    visible(browser, '#section-phases li[data-phase="understand"] .actions button').click()
    confirm_dialog(browser)
    text_in(browser, "#section-phases .status", "opened")
    assert admin.ok("GET", "/admin/campaigns/phased")["phases"][0]["state"] == "open"
    text_in(browser, '#section-phases li[data-phase="understand"]', "Open now")


def test_archive_and_delete_question_ask_first(server, browser):
    admin = staff(server)
    admin.ok("POST", "/admin/campaigns", {"slug": "asked", "title": "Asked"})
    question = admin.ok("POST", "/admin/campaigns/asked/questions", {"phase": "understand", "text": "What gets in the way?"})
    sign_in(browser, server)
    Select(visible(browser, "#campaign-picker")).select_by_value("asked")
    show(browser, "setup")
    click(browser, '#section-setup button[aria-label="Delete question: What gets in the way?"]')
    assert "Delete question" in confirm_dialog(browser, "cancel")
    assert [q["text"] for q in admin.ok("GET", "/admin/campaigns/asked")["questions"]] == ["What gets in the way?"]
    click(browser, '#section-setup button[aria-label="Delete question: What gets in the way?"]')
    confirm_dialog(browser)
    text_in(browser, "#section-setup .status", "Question deleted")
    assert admin.ok("GET", "/admin/campaigns/asked")["questions"] == [], question
    show(browser, "campaigns")
    click(browser, '#section-campaigns button[aria-label="Archive Asked"]')
    assert "cannot be undone" in confirm_dialog(browser, "cancel")
    assert admin.ok("GET", "/admin/campaigns/asked")["state"] == "draft"
    click(browser, '#section-campaigns button[aria-label="Archive Asked"]')
    confirm_dialog(browser)
    text_in(browser, "#section-campaigns .status", "archived")
    assert admin.ok("GET", "/admin/campaigns/asked")["state"] == "archived"


def test_set_up_screens_and_the_confirmation_pass_axe(server, browser):
    staff(server).ok("POST", "/admin/campaigns", {"slug": "checked", "title": "Checked"})
    sign_in(browser, server)
    Select(visible(browser, "#campaign-picker")).select_by_value("checked")
    show(browser, "campaigns")
    browser.find_element(By.ID, "create-join-code").click()
    visible(browser, "#create-campaign input[name=accessCode]")
    problems = check(browser, "console campaigns (shared code chosen)", focus=False)
    show(browser, "setup")
    visible(browser, "#campaign-details")
    problems += check(browser, "console set-up (details)", focus=False)
    show(browser, "phases")
    visible(browser, '#section-phases li[data-phase="understand"] .actions button').click()
    visible(browser, "dialog.confirm[open]")
    problems += check(browser, "console phase confirmation", focus=False)
    confirm_dialog(browser, "cancel")
    assert_clean(problems)
