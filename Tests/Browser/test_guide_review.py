"""Guide review in the console: a facilitator opens a guide, reads its revisions and the diff between two, comments,
marks it final and publishes it; the API must show the comment, the final mark and the published guide."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import show, sign_in, text_in, visible, wait
from scenes import guides_in_act

NEW_PROBLEM = "Everyone rings at eight and most give up before they get through.\nThe line is busy until half past."


@pytest.fixture(scope="module")
def scene(server):
    scene = guides_in_act(server)
    guide = scene["guides"][0]
    scene["author"].ok("PUT", f"/api/guides/{guide['id']}", {"revision": 1, "title": guide["title"], "sections": {
        "problem": NEW_PROBLEM, "whatToDo": "Start small with one practice and ask patients after a month."}})
    return scene


def test_facilitator_reviews_comments_marks_final_and_publishes_a_guide(server, scene, browser):
    guide = scene["guides"][0]
    sign_in(browser, server)
    show(browser, "guides")
    visible(browser, f'#guide-list li[data-guide-id="{guide["id"]}"] button').click()
    text_in(browser, "#guide-review-title", guide["title"])
    revisions = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#guide-revisions li")]
    assert [r.split(",")[0] for r in revisions] == ["Revision 1 by Author", "Revision 2 by Author"], revisions

    # The latest change is shown at once: one line kept, one added.
    text_in(browser, "#guide-diff", "From revision 1 to revision 2")
    problem = visible(browser, '#guide-diff pre[data-section="problem"]')
    assert [n.get_attribute("textContent") for n in problem.find_elements(By.TAG_NAME, "ins")] == ["+ Added: The line is busy until half past."]
    assert not problem.find_elements(By.TAG_NAME, "del")
    # From the empty guide, everything is added.
    Select(browser.find_element(By.CSS_SELECTOR, '#guide-detail select[name="from"]')).select_by_value("0")
    browser.find_element(By.XPATH, "//button[text()='Show changes']").click()
    text_in(browser, "#guide-diff", "From revision 0 to revision 2")
    assert "+ Added: Start small with one practice" in browser.find_element(By.CSS_SELECTOR, '#guide-diff pre[data-section="whatToDo"]').get_attribute("textContent")

    browser.find_element(By.CSS_SELECTOR, '#guide-detail textarea[name="comment"]').send_keys("Say what the call-back list costs.")
    browser.find_element(By.XPATH, "//button[text()='Add comment']").click()
    text_in(browser, "#guide-comments", "On revision 2: Say what the call-back list costs.")

    browser.find_element(By.XPATH, "//button[text()='Mark final']").click()
    text_in(browser, "#section-guides .status", "Guide marked final")
    text_in(browser, f'#guide-list li[data-guide-id="{guide["id"]}"] .pill', "Final")
    browser.find_element(By.CSS_SELECTOR, '#guide-detail input[name="publish-reason"]').send_keys("Clear, costed and tried")
    browser.find_element(By.XPATH, "//button[text()='Publish in the guide']").click()
    text_in(browser, "#section-guides .status", "Guide published")
    text_in(browser, f'#guide-list li[data-guide-id="{guide["id"]}"] .pill', "Published")

    stored = scene["admin"].ok("GET", f"/admin/guides/{guide['id']}")
    assert stored["final"] and stored["published"], stored
    assert [(c["revision"], c["body"]) for c in stored["comments"]] == [(2, "Say what the call-back list costs.")]
    public = scene["author"].ok("GET", "/api/campaigns/demo/guide")
    assert [g["title"] for g in public["guides"]] == [guide["title"]], "only the reviewed guide is published"
    others = [scene["admin"].ok("GET", f"/admin/guides/{g['id']}") for g in scene["guides"][1:]]
    assert not any(g["final"] or g["published"] for g in others)


def test_invitation_link_is_shown_once_for_a_key_contributor(server, scene, browser):
    guide = scene["guides"][1]
    sign_in(browser, server)
    show(browser, "guides")
    visible(browser, f'#guide-list li[data-guide-id="{guide["id"]}"] button').click()
    text_in(browser, "#guide-review-title", guide["title"])
    browser.find_element(By.XPATH, "//button[text()='Invite a key contributor']").click()
    link = visible(browser, "#guide-invite code").text
    assert link.startswith(f"{server.base_url}/c/demo?guide={guide['id']}#invite="), link
    assert "Contributor 2" in browser.find_element(By.ID, "guide-invite").text
