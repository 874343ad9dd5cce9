"""A small HTTP client for setting up test state through the real API (outside any browser): a cookie jar per
contributor, a Bearer token for staff, the Origin header the server's cross-site check wants."""
import http.cookiejar
import json
import urllib.error
import urllib.request


class ApiFailure(AssertionError):
    """A set-up call answered something other than what the scene needed."""


class ApiClient:
    def __init__(self, base_url, token=None):
        self.base_url = base_url
        self.token = token
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def send(self, method, path, body=None, headers=None):
        """Returns (status, parsed JSON or text) for any status."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        request.add_header("Accept", "application/json")
        request.add_header("Origin", self.base_url)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with self.opener.open(request) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        try:
            return status, json.loads(text) if text else {}
        except ValueError:
            return status, text

    def ok(self, method, path, body=None, headers=None):
        """Like `send`, but a non-2xx answer fails the scene with the server's message."""
        status, answer = self.send(method, path, body, headers)
        if not 200 <= status < 300:
            raise ApiFailure(f"{method} {path} answered {status}: {str(answer)[:300]}")
        return answer


def hand_cookies_to(browser, client):
    """Gives a browser the contributor's cookies, as if they opened the site on the device they joined from."""
    browser.get(client.base_url + "/")
    for cookie in client.cookies:
        browser.add_cookie({"name": cookie.name, "value": cookie.value, "path": cookie.path or "/"})


def contributor(server, slug="demo"):
    """A contributor who has joined `slug`, answering the first choice of every profile question."""
    client = ApiClient(server.base_url)
    campaign = client.ok("GET", f"/api/campaigns/{slug}")
    profile = {q["key"]: q["choices"][0] for q in campaign.get("profileQuestions", []) if q.get("choices")}
    client.ok("POST", f"/api/campaigns/{slug}/join", {"profile": profile})
    return client


def staff(server):
    return ApiClient(server.base_url, token=server.staff_token)
