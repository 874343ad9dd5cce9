"""Small helpers that drive Groundswell's pages the way a person would (labels, buttons), shared by the browser tests."""
import json
import urllib.error
import urllib.request
from pathlib import Path

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

# How long a wait may poll before giving up; a bound against hangs, never what a test measures.
PATIENCE = 15


def wait(driver, seconds=PATIENCE):
    return WebDriverWait(driver, seconds)


def visible(driver, css):
    return wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def text_in(driver, css, text):
    return wait(driver).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))


def click(driver, css):
    """Clicks the element matching `css`, looking it up again if a live update redrew it in between."""
    def attempt(d):
        try:
            d.find_element(By.CSS_SELECTOR, css).click()
            return True
        except (StaleElementReferenceException, NoSuchElementException):
            return False
    wait(driver).until(attempt)


def open_campaign(driver, server, slug="demo"):
    driver.get(f"{server.base_url}/c/{slug}")
    wait(driver).until(lambda d: d.find_element(By.ID, "title").text not in ("", "Loading campaign…"))
    wait(driver).until(lambda d: d.execute_script("return document.getElementById('list-status').hidden || "
                                                  "!document.getElementById('list-status').textContent.startsWith('Loading')"))


def sort_by(driver, value):
    """Chooses a sort in the list toolbar and waits for the list to reload."""
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element(By.ID, "sort")).select_by_value(value)
    wait(driver).until(lambda d: d.execute_script(
        "const s = document.getElementById('list-status'); return s.hidden || !s.textContent.startsWith('Loading')"))


def join(driver):
    """Joins from the campaign page, answering the first option of each profile question."""
    visible(driver, "#join-button")
    for select in driver.find_elements(By.CSS_SELECTOR, "#profile-fields select"):
        options = select.find_elements(By.TAG_NAME, "option")
        if len(options) > 1:
            options[1].click()
    driver.find_element(By.ID, "join-button").click()
    wait(driver).until(lambda d: d.find_element(By.ID, "join").get_attribute("hidden") is not None)
    visible(driver, "#compose-body")


def post(driver, body, title=None):
    """Sends a contribution through the form; returns its id once it shows in the list."""
    if title:
        field = driver.find_element(By.ID, "compose-title")
        field.clear()
        field.send_keys(title)
    field = driver.find_element(By.ID, "compose-body")
    field.clear()
    field.send_keys(body)
    driver.find_element(By.ID, "compose-submit").click()
    text_in(driver, "#compose-status", "posted")
    item = wait(driver).until(lambda d: next((node for node in d.find_elements(By.CSS_SELECTOR, "#items > li.item")
                                              if body in node.find_element(By.CSS_SELECTOR, ".body").text), None))
    return item.get_attribute("data-id")


def item(driver, item_id):
    return visible(driver, f'#items li[data-id="{item_id}"]')


def counts(driver, item_id):
    node = item(driver, item_id)
    return int(node.find_element(By.CSS_SELECTOR, ".up-count").text), int(node.find_element(By.CSS_SELECTOR, ".down-count").text)


def pressed(driver, item_id, which):
    return item(driver, item_id).find_element(By.CSS_SELECTOR, f".vote.{which}").get_attribute("aria-pressed") == "true"


def fetch_json(driver, method, path, body=None):
    """Calls the API from inside the page (same cookies, same origin); returns {status, body}."""
    return driver.execute_async_script("""
        const [method, path, body, done] = arguments;
        fetch(path, {method, credentials: 'same-origin', headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
                     body: body === null ? undefined : JSON.stringify(body)})
          .then(async r => done({status: r.status, body: await r.text()}))
          .catch(e => done({status: 0, body: String(e)}));
    """, method, path, body)


def http_status(server, method, path, token=None, body=None):
    """The status code the server answers for a request made outside any browser (used to decide xfail)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(server.base_url + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    request.add_header("Origin", server.base_url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def screenshot(driver, name, width, directory: Path):
    """Saves a full-page screenshot `name-WIDTH.png`, emulating a device of that width."""
    directory.mkdir(parents=True, exist_ok=True)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600})
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    path = directory / f"{name}-{width}.png"
    driver.save_screenshot(str(path))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return path


def sign_in(browser, server, name=None, password=None):
    """Signs a staff member (the server's facilitator unless `name` and `password` are given) in on the console with
    their name and password, as a person would."""
    name, password = (name, password) if name else (server.staff_name, server.staff_password)
    # The console's first "am I signed in?" probe answers 401 before anyone has signed in.
    browser.expected_console += [r"/admin/me - Failed to load resource: .* 401"]
    browser.get(f"{server.base_url}/console")
    visible(browser, "#signin-name").send_keys(name)
    browser.find_element(By.ID, "signin-password").send_keys(password)
    browser.find_element(By.ID, "signin-button").click()
    text_in(browser, "#who", name)


def show(browser, section):
    """Opens a console section from the section navigation; returns the section."""
    visible(browser, f'#console-nav a[data-section="{section}"]').click()
    return visible(browser, f"#section-{section}")


def confirm_dialog(browser, answer="confirm"):
    """The confirmation asked before a step: answers it with its confirming button, or with Cancel."""
    dialog = visible(browser, "dialog.confirm[open]")
    text = dialog.text
    dialog.find_element(By.CSS_SELECTOR, f'button[data-confirm="{answer}"]').click()
    wait(browser).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog.confirm"))
    return text


def open_phase_in_console(browser, kind, status):
    """Opens phase `kind` on the console's Phases section with a note, confirms it, and waits for `status`."""
    show(browser, "phases")
    visible(browser, f'#section-phases li[data-phase="{kind}"] input').send_keys(f"Time for {kind}")
    click(browser, f'#section-phases li[data-phase="{kind}"] .actions button')
    confirm_dialog(browser)
    text_in(browser, "#section-phases .status", status)
