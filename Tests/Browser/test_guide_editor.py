"""The guide editor: a key contributor opens the invitation link, edits and saves; when the author saved in between,
the save is refused with the conflict explained and the newer text shown, nothing typed is lost, and a second save
builds on the newer revision. Revisions are listed; someone without an invitation is told plainly."""
import pytest
from selenium.webdriver.common.by import By

from api_client import hand_cookies_to
from pages import open_campaign, text_in, visible, wait
from scenes import guides_in_act

OURS = "Without a car the walk-in centre is two buses and an hour away. The last bus back leaves at six."
THEIRS = "Ask the council to run the minibus from the library car park."


@pytest.fixture(scope="module")
def scene(server):
    scene = guides_in_act(server)
    scene["guide"] = scene["guides"][2]
    scene["invite"] = scene["admin"].ok("POST", f"/admin/guides/{scene['guide']['id']}/invitations", {})
    return scene


def box(browser, key):
    return browser.find_element(By.ID, f"section-{key}")


def replace_text(field, text):
    field.clear()
    field.send_keys(text)


def test_invited_contributor_edits_and_is_told_about_a_conflict(server, scene, browser):
    guide = scene["guide"]
    browser.expected_console += [r"/api/guides/\d+ - Failed to load resource: .* 409"]  # the refused save, on purpose
    browser.get(server.base_url + scene["invite"]["link"])
    visible(browser, "#editor")
    text_in(browser, "#who", "Contributor 2")
    assert "invite=" not in browser.current_url, "the token leaves the address bar once read"
    assert browser.find_element(By.ID, "guide-title").get_attribute("value") == guide["title"]

    replace_text(box(browser, "problem"), guide["problem"] + " Buses stop at six.")
    browser.refresh()  # an unsaved edit survives a reload
    visible(browser, "#editor")
    text_in(browser, "#status", "Your unsaved changes from last time are back")
    assert box(browser, "problem").get_attribute("value") == guide["problem"] + " Buses stop at six."
    browser.find_element(By.ID, "save").click()
    text_in(browser, "#status", "Saved as revision 2")

    # The author saves while the contributor is still typing.
    scene["author"].ok("PUT", f"/api/guides/{guide['id']}", {"revision": 2, "title": guide["title"], "sections": {
        "problem": guide["problem"] + " Buses stop at six.", "whatToDo": THEIRS}})
    replace_text(box(browser, "problem"), OURS)
    browser.find_element(By.ID, "save").click()
    conflict = visible(browser, "#conflict")
    assert "Your changes were not saved" in conflict.text and "Revision 3 was saved by someone else" in conflict.text, conflict.text
    assert "nothing you typed is lost" in conflict.text
    assert box(browser, "problem").get_attribute("value") == OURS, "the contributor's text stays in the box"
    theirs = visible(browser, '[data-section="whatToDo"] .theirs')
    assert THEIRS in theirs.text
    assert browser.find_element(By.CSS_SELECTOR, '[data-section="problem"] .theirs').get_attribute("hidden") is not None, \
        "only the sections the other editor changed show their text"

    theirs.find_element(By.TAG_NAME, "button").click()
    assert box(browser, "whatToDo").get_attribute("value") == THEIRS
    browser.find_element(By.ID, "save").click()
    text_in(browser, "#status", "Saved as revision 4")
    assert not browser.find_element(By.ID, "conflict").is_displayed()
    wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#revisions li")) == 4)
    editors = [li.text.split(",")[0] for li in browser.find_elements(By.CSS_SELECTOR, "#revisions li")]
    assert editors == ["Revision 1 by Author", "Revision 2 by Contributor 2", "Revision 3 by Author", "Revision 4 by Contributor 2"]

    stored = scene["author"].ok("GET", f"/api/guides/{guide['id']}")
    sections = {s["key"]: s["body"] for s in stored["sections"]}
    assert stored["revision"] == 4 and sections["problem"] == OURS and sections["whatToDo"] == THEIRS, stored


def test_someone_without_an_invitation_is_told_who_may_edit(server, scene, browser):
    browser.expected_console += [r"/api/guides/\d+ - Failed to load resource: .* 401"]
    browser.get(f"{server.base_url}/guide-editor.html?c=demo&guide={scene['guide']['id']}")
    text_in(browser, "#status", "Only the idea's author and the people the facilitators invited can edit this guide")
    assert not browser.find_element(By.ID, "editor").is_displayed()


def test_the_author_finds_the_editor_under_their_contributions(server, scene, browser):
    guide = scene["guides"][0]
    hand_cookies_to(browser, scene["author"])
    open_campaign(browser, server)
    link = visible(browser, f'#mine-items li[data-mine-id="{guide["idea"]}"] .guide-invite a')
    assert link.text == "Keep writing its guide"
    others = browser.find_elements(By.CSS_SELECTOR, "#mine-items .guide-invite a")
    assert len(others) == len(scene["guides"]), "each of the author's ideas with a guide links to it, and no other"
    link.click()
    visible(browser, "#editor")
    text_in(browser, "#who", "“Author”")
    assert browser.find_element(By.ID, "guide-title").get_attribute("value") == guide["title"]
    assert browser.find_element(By.ID, "section-problem").get_attribute("value") == guide["problem"]


def test_on_a_shared_computer_the_authors_draft_is_not_kept(server, scene, browser):
    code = scene["author"].ok("POST", "/api/campaigns/demo/pairing", {})["code"]
    open_campaign(browser, server)
    browser.find_element(By.ID, "shared-computer").click()
    browser.find_element(By.ID, "pair-code").send_keys(code)
    browser.find_element(By.ID, "pair-button").click()
    text_in(browser, "#page-status", "Welcome back")
    guide = scene["guides"][0]
    browser.get(f"{server.base_url}/guide-editor.html?c=demo&guide={guide['id']}")
    visible(browser, "#editor")
    text_in(browser, "#who", "Author")
    box(browser, "problem").send_keys(" A sentence typed on the ward computer.")
    assert browser.execute_script("return localStorage.length") == 0, "a shared computer keeps no draft"
