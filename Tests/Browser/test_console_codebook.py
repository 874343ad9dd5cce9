"""The codebook on the console (issue 20): a facilitator imports a CSV or JSON codebook from a file and edits themes;
a file with bad rows imports nothing and the console lists the lines; an analyst adds a theme but keeps no codebook.
What the console did is read back through the API."""
import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from api_client import staff
from pages import click, show, sign_in, text_in, visible, wait
from test_accessibility import assert_clean, check
from test_coding_team import sign_in_as

SLUG = "demo"


def themes(server):
    listed = staff(server).ok("GET", f"/admin/campaigns/{SLUG}/themes")["themes"]
    names = {t["id"]: t["name"] for t in listed}
    return {t["name"]: {"kind": t["kind"], "parent": names.get(t["parentId"]), "archived": t["archived"],
                        "description": t["description"]} for t in listed}


def upload(browser, path):
    show(browser, "codebook")
    visible(browser, "#codebook-import input[type=file]").send_keys(str(path))
    browser.find_element(By.CSS_SELECTOR, "#codebook-import button[type=submit]").click()


def test_a_csv_codebook_is_imported_from_the_console(server, browser, tmp_path):
    path = tmp_path / "codebook.csv"
    path.write_text("\ufeffname,kind,description,parent\nGetting through,theme,Reaching anyone at all,\n"
                    "Phone queues,barrier,Lines engaged for an hour,Getting through\nCafé chats,building_block,,\n", encoding="utf-8")
    sign_in(browser, server)
    upload(browser, path)
    text_in(browser, "#section-codebook .status", "3 themes imported from codebook.csv")
    stored = themes(server)
    assert stored["Phone queues"]["parent"] == "Getting through" and stored["Phone queues"]["kind"] == "barrier", stored
    assert "Café chats" in stored
    text_in(browser, "#section-codebook table", "Phone queues")


def test_a_codebook_with_bad_rows_imports_nothing_and_says_which(server, browser, tmp_path):
    before = themes(server)
    path = tmp_path / "bad.csv"
    path.write_text("name,parent\nA fine theme,\nOrphan,Nowhere\n,\n", encoding="utf-8")
    sign_in(browser, server)
    browser.expected_console += [r"/codebook - Failed to load resource: .* 422"]
    upload(browser, path)
    text_in(browser, "#section-codebook .status", "Nothing was imported")
    problems = [li.text for li in visible(browser, "#codebook-problems").find_elements(By.TAG_NAME, "li")]
    assert problems[0].startswith("Line 3:") and "Nowhere" in problems[0], problems
    assert problems[1].startswith("Line 4:"), problems
    assert themes(server) == before


def test_a_json_codebook_is_imported_from_the_console(server, browser, tmp_path):
    path = tmp_path / "codebook.json"
    path.write_text(json.dumps([{"name": "Rota gaps", "kind": "barrier"}, {"name": "Night cover", "parent": "Rota gaps"}]))
    sign_in(browser, server)
    upload(browser, path)
    text_in(browser, "#section-codebook .status", "2 themes imported from codebook.json")
    assert themes(server)["Night cover"]["parent"] == "Rota gaps"


def test_a_facilitator_edits_and_archives_a_theme(server, browser):
    admin = staff(server)
    theme = admin.ok("POST", f"/admin/campaigns/{SLUG}/themes", {"name": "Parkng", "kind": "barrier"})
    sign_in(browser, server)
    show(browser, "codebook")
    click(browser, '#section-codebook button[aria-label="Edit theme Parkng"]')
    form = visible(browser, f"#theme-edit-{theme['id']}")
    name = form.find_element(By.NAME, "name")
    name.clear()
    name.send_keys("Parking")
    form.find_element(By.NAME, "description").send_keys("No spaces near the clinic")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    text_in(browser, "#section-codebook .status", "Theme “Parking” saved")
    stored = themes(server)["Parking"]
    assert stored["description"] == "No spaces near the clinic" and not stored["archived"], stored
    click(browser, '#section-codebook button[aria-label="Edit theme Parking"]')
    visible(browser, f"#theme-edit-{theme['id']} input[name=archived]").click()
    browser.find_element(By.CSS_SELECTOR, f"#theme-edit-{theme['id']} button[type=submit]").click()
    wait(browser).until(lambda d: themes(server)["Parking"]["archived"])
    text_in(browser, "#section-codebook table", "Archived")


def test_an_analyst_adds_a_theme_but_keeps_no_codebook(server, browser):
    created = staff(server).ok("POST", "/admin/staff", {"name": "cody", "role": "analyst", "campaigns": [SLUG]})
    sign_in_as(browser, server, "cody", created["password"])
    node = show(browser, "codebook")
    form = visible(browser, "#theme-add")
    form.find_element(By.NAME, "name").send_keys("Waiting rooms")
    Select(form.find_element(By.NAME, "kind")).select_by_value("building_block")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    text_in(browser, "#section-codebook .status", "Theme “Waiting rooms” added")
    assert themes(server)["Waiting rooms"]["kind"] == "building_block"
    assert not node.find_elements(By.CSS_SELECTOR, "#codebook-import, button[aria-label^='Edit theme']")


def test_the_codebook_screen_passes_axe(server, browser):
    staff(server).ok("POST", f"/admin/campaigns/{SLUG}/themes", {"name": "Checked theme", "kind": "barrier"})
    sign_in(browser, server)
    show(browser, "codebook")
    click(browser, '#section-codebook button[aria-label="Edit theme Checked theme"]')
    visible(browser, "#theme-editor form")
    assert_clean(check(browser, "console codebook (editing a theme)", focus=False))
