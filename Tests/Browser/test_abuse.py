"""Abuse resistance as a person sees it: joining a campaign that asks for proof of work is still one click, and the
page's own SHA-256 (for pages served without WebCrypto) agrees with the standard."""
import hashlib

from api_client import ApiClient, staff
from pages import join, open_campaign


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
          const nonce = await proof.solve('test-challenge', 10, { useWebCrypto: false });
          done({ plain, nonce });
        }, (error) => done({ error: String(error) }));
    """, texts)
    assert "error" not in digests, digests
    assert digests["plain"] == [hashlib.sha256(t.encode()).hexdigest() for t in texts]
    solved = hashlib.sha256(f"test-challenge:{digests['nonce']}".encode()).digest()
    assert int.from_bytes(solved, "big") >> (256 - 10) == 0, "ten leading zero bits"
