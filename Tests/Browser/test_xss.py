"""Hostile text posted as contributions, titles and comments shows up as plain text and never runs."""
import json

from selenium.webdriver.common.by import By

from pages import sort_by, fetch_json, join, open_campaign, text_in, visible, wait

CORPUS = [
    "<img src=x onerror=window.__xss=1>",
    "<script>window.__xss=2</script>",
    "<svg onload=window.__xss=3>",
    "\"><iframe src=javascript:window.__xss=4>",
    "<a href=\"javascript:window.__xss=5\">click me</a>",
    "{{constructor.constructor('window.__xss=6')()}}",
    "<style>body{display:none}</style>",
    "&lt;b&gt;escaped entities&lt;/b&gt; & ampersands",
]


def test_hostile_text_renders_as_text_and_never_runs(server, browser):
    open_campaign(browser, server)
    join(browser)
    campaign = json.loads(fetch_json(browser, "GET", "/api/campaigns/demo")["body"])
    question = next(q["id"] for q in campaign["questions"] if q["phase"] == campaign["openPhase"])
    ids = []
    for index, text in enumerate(CORPUS):
        answer = fetch_json(browser, "POST", "/api/campaigns/demo/contributions",
                            {"questionId": question, "title": f"T{index} {text}", "body": f"B{index} {text}"})
        assert answer["status"] == 201, answer
        ids.append(json.loads(answer["body"])["id"])
    answer = fetch_json(browser, "POST", f"/api/contributions/{ids[0]}/comments", {"body": CORPUS[0]})
    assert answer["status"] == 201, answer

    browser.refresh()
    open_campaign(browser, server)
    sort_by(browser, "new")
    for index, (item_id, text) in enumerate(zip(ids, CORPUS)):
        node = visible(browser, f'#items li[data-id="{item_id}"]')
        assert node.find_element(By.CSS_SELECTOR, ".body").text == f"B{index} {text}"
        assert node.find_element(By.CSS_SELECTOR, "h3").text == f"T{index} {text}"
    browser.find_element(By.CSS_SELECTOR, f'#items li[data-id="{ids[0]}"] .comments-toggle').click()
    text_in(browser, f"#comments-{ids[0]} ul", CORPUS[0])
    visible(browser, f"#mine-items li[data-mine-id=\"{ids[0]}\"]")
    # Give any injected handler every chance to fire before looking.
    wait(browser).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert browser.execute_script("return window.__xss") is None
    assert not browser.find_elements(By.CSS_SELECTOR, "#items img, #items script, #items svg:not(.icon), #items iframe, #items style, #mine-items img")
    assert browser.find_element(By.TAG_NAME, "body").is_displayed()


def test_similar_suggestions_show_hostile_text_as_text(server, browser):
    open_campaign(browser, server)
    join(browser)
    browser.find_element(By.ID, "compose-body").send_keys("<img src=x onerror=window.__xss=7> please")
    browser.find_element(By.ID, "compose-submit").click()
    text_in(browser, "#compose-status", "posted")
    browser.find_element(By.ID, "compose-body").send_keys("<img src=x onerror=window.__xss=7> again")
    visible(browser, "#similar li")
    assert "onerror" in browser.find_element(By.ID, "similar").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#similar img")
    assert browser.execute_script("return window.__xss") is None
