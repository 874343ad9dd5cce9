"""Abuse resistance as a person sees it: joining a campaign that asks for proof of work is still one click, the page's
own SHA-256 agrees with the standard, and a contribution held by reports stays in
view, folded, until a moderator keeps it."""
import hashlib
import sqlite3

from selenium.webdriver.common.by import By

from api_client import ApiClient, contributor, staff
from pages import click, item, join, open_campaign, sort_by, text_in, visible, wait


def test_joining_a_campaign_that_asks_for_proof_of_work_is_one_click(server, browser):
    staff(server).ok("PATCH", "/admin/campaigns/demo", {"joinProofBits": 12})
    try:
        refused = ApiClient(server.base_url).send("POST", "/api/campaigns/demo/join", {})
        assert refused[0] == 403 and refused[1]["error"]["code"] == "proof_required"
        open_campaign(browser, server)
        join(browser)  # the page worked out the proof while the form was shown, and sent it
    finally:
        staff(server).ok("PATCH", "/admin/campaigns/demo", {"joinProofBits": 0})


def test_the_pages_own_sha256_matches_the_standard_and_solves_without_webcrypto(server, browser):
    browser.get(f"{server.base_url}/")
    texts = ["", "abc", "x" * 55, "x" * 56, "y" * 64, "z" * 1000, "challenge:12345"]
    digests = browser.execute_async_script("""
        const [texts, done] = arguments;
        import('/js/proof.js').then(async (proof) => {
          const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
          const plain = texts.map((t) => hex(proof.sha256(new TextEncoder().encode(t))));
          const nonce = await proof.solve('test-challenge', 10);
          const long = await proof.solve('c'.repeat(64), 12);
          done({ plain, nonce, long });
        }, (error) => done({ error: String(error) }));
    """, texts)
    assert "error" not in digests, digests
    assert digests["plain"] == [hashlib.sha256(t.encode()).hexdigest() for t in texts]
    solved = hashlib.sha256(f"test-challenge:{digests['nonce']}".encode()).digest()
    assert int.from_bytes(solved, "big") >> (256 - 10) == 0, "ten leading zero bits"
    # A challenge as long as the server's (64 characters): the last-block shortcut, checked the same way.
    solved = hashlib.sha256(f"{'c' * 64}:{digests['long']}".encode()).digest()
    assert int.from_bytes(solved, "big") >> (256 - 12) == 0, "twelve leading zero bits"
    assert all(int.from_bytes(hashlib.sha256(f"{'c' * 64}:{n}".encode()).digest(), "big") >> (256 - 12)
               for n in range(int(digests["long"]))), "and the smallest such nonce"


def test_a_held_contribution_stays_in_view_folded_and_comes_back_when_a_moderator_keeps_it(server, browser):
    team = staff(server)
    threshold = team.ok("GET", "/admin/campaigns/demo")["flagThreshold"]
    team.ok("PATCH", "/admin/campaigns/demo", {"flagThreshold": 1})
    try:
        campaign = ApiClient(server.base_url).ok("GET", "/api/campaigns/demo")
        question = next(q["id"] for q in campaign["questions"] if q["phase"] == campaign["openPhase"])
        author = contributor(server)
        posted = author.ok("POST", "/api/campaigns/demo/contributions",
                           {"questionId": question, "body": "The manager on ward 9 shouts at students"})
        reporters = [contributor(server), contributor(server)]
        # Identities that joined two days ago, as the weighing sees them: moved back in time in the database.
        with sqlite3.connect(server.db) as db:
            db.execute("UPDATE contributors SET joined_on = joined_on - 2")
        open_campaign(browser, server)
        sort_by(browser, "new")
        item(browser, posted["id"])
        for reporter in reporters:
            reporter.ok("POST", f"/api/contributions/{posted['id']}/flags", {"reason": "personal"})
        # The live update folds it in place: no votes, no comments, its text a click away.
        held = f'#items li.is-held[data-id="{posted["id"]}"]'
        text_in(browser, held + " h3", "Waiting for a moderator")
        node = browser.find_element(By.CSS_SELECTOR, held)
        assert not node.find_elements(By.CSS_SELECTOR, ".vote"), "a held contribution takes no votes"
        assert not node.find_element(By.CSS_SELECTOR, ".held-text").is_displayed()
        click(browser, held + " .actions button")
        text_in(browser, held + " .held-text", "shouts at students")

        queue = team.ok("GET", "/admin/campaigns/demo/moderation")
        assert queue["items"][0]["id"] == posted["id"] and queue["items"][0]["status"] == "held"
        team.ok("POST", f"/admin/contributions/{posted['id']}/dismiss", {"reason": "Raised with the ward manager"})
        wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#items li[data-id="{posted["id"]}"] .vote.up'))
        visible(browser, f'#items li[data-id="{posted["id"]}"] .body')
    finally:
        team.ok("PATCH", "/admin/campaigns/demo", {"flagThreshold": threshold})
