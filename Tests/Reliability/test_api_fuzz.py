"""API fuzzing with schemathesis against the served /openapi.json of the real server.

Three runs, each bounded to `EXAMPLES` generated cases per operation:
- contributor routes (everything outside /admin) with a joined contributor's Bearer token;
- /admin routes with an admin's Bearer token from `groundswell staff add`;
- /admin routes without credentials: every answer must be 401 (sign-in itself: a refusal, never 2xx).
Every other case is aimed at the demo campaign and its first rows (`aim`) so the run reaches the
handlers instead of stopping at 404. Schemathesis also probes methods a route lacks: 405 or 501.
The event stream is left out: it never ends, so a generic client would wait on it forever.
Every check schemathesis has runs (`CHECKS = None`): the document declares the contributor API's
2xx bodies and the error envelope of every 4xx/5xx, so response_schema_conformance has teeth;
`excluded_checks` names the few cases where positive_data_acceptance cannot hold, and why.
"""
import itertools
import os

import pytest

if not os.environ.get("CI"):
    pytest.importorskip("schemathesis", reason="schemathesis is not installed (`make test-deps` puts it in .build/venv)")
import hypothesis  # noqa: E402 (schemathesis brings it)
import schemathesis  # noqa: E402
from schemathesis.checks import positive_data_acceptance  # noqa: E402

from conftest import CANARY_AGENT

EXAMPLES = 25
CHECKS = None  # every check schemathesis has
SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate])
STREAM = "/api/campaigns/{slug}/events"
# Requests that would end the admin run's own credentials rather than test anything.
SELF_REVOKING = [("DELETE", "/admin/tokens/{id}"), ("DELETE", "/admin/session"), ("PATCH", "/admin/staff/{name}")]
# The same for the contributor run: signing its own device out.
SIGN_OUT = ("DELETE", "/api/campaigns/{slug}/device")


@pytest.fixture
def served_schema(server):
    return schemathesis.openapi.from_url(f"http://127.0.0.1:{server.port}/openapi.json")


@pytest.fixture
def contributor_token(server):
    return server.join()


@pytest.fixture
def admin_token(server):
    return server.add_staff("ada", "admin")


# Filters go on the lazy schema: the pytest plugin replaces the fixture's own filter set with these.
contributor = (schemathesis.pytest.from_fixture("served_schema").exclude(path_regex="^/admin").exclude(path=STREAM)
               .exclude(method=SIGN_OUT[0], path=SIGN_OUT[1]))
admin = schemathesis.pytest.from_fixture("served_schema").include(path_regex="^/admin")
for _method, _path in SELF_REVOKING:
    admin = admin.exclude(method=_method, path=_path)
anonymous_admin = schemathesis.pytest.from_fixture("served_schema").include(path_regex="^/admin")


def headers(token=None):
    sent = {"User-Agent": CANARY_AGENT}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    return sent


_turns = itertools.count()
PHASES = ["understand", "answer", "prioritise", "act", "published"]


def aim(case):
    """Every other case names the demo campaign and its first rows, so the run gets past 404s into the handlers."""
    turn = next(_turns)
    parameters = case.path_parameters
    if turn % 2 or not parameters:
        return
    for name in list(parameters):
        if name == "slug":
            parameters[name] = "demo"
        elif name == "id":
            parameters[name] = 1 + (turn // 2) % 12
        elif name in ("phase", "round"):
            parameters[name] = PHASES[(turn // 2) % len(PHASES)]


def call_and_validate(case, token=None):
    """No 5xx and schema conformance; schemathesis also probes methods the route lacks: those must be refused."""
    aim(case)
    if case.method.upper() != case.operation.method.upper():
        response = case.call(headers=headers(token))
        # 405 for a method the route lacks; 501 (RFC 9110 15.6.2) for one the server implements nowhere, e.g. TRACE.
        assert response.status_code in (405, 501), f"{case.method} {case.formatted_path} answered {response.status_code}"
        return None
    return case.call_and_validate(headers=headers(token), checks=CHECKS, excluded_checks=excluded_checks(case))


# Body fields that name another row: a random id names none, and is refused with 422 naming the field.
REFERENCES = ("questionId", "parentId", "themes")
# Routes whose body is a secret (a pairing code, a recovery key): a random one names nobody, refused with 403.
SECRETS = ("/api/campaigns/{slug}/pair", "/api/campaigns/{slug}/recover")
# Routes whose body carries an e-mail address: it must be a mailbox a relay takes (RFC 5321, `MailAddress`), which the
# document's types cannot say, so a random string is rightly refused with 422.
ADDRESSES = ("/api/campaigns/{slug}/mail-address", "/api/campaigns/{slug}/invitation-requests")


def excluded_checks(case):
    """Checks that cannot hold for this case, each for a reason a schema cannot express."""
    if case.operation.path.startswith("/admin"):
        # The admin request bodies are not described in the document yet (only in each summary), so
        # schemathesis sends bodies the handlers rightly refuse.
        return [positive_data_acceptance]
    if (case.query or {}).get("cursor"):
        # The listing cursor is opaque (CursorCodec): a random one is rightly refused with 422.
        return [positive_data_acceptance]
    if isinstance(case.body, dict) and any(case.body.get(name) not in (None, []) for name in REFERENCES):
        return [positive_data_acceptance]
    if case.operation.path in SECRETS:
        return [positive_data_acceptance]
    if case.operation.path in ADDRESSES and case.operation.method.upper() in ("PUT", "POST"):
        return [positive_data_acceptance]
    return []


@contributor.parametrize()
@SETTINGS
def test_contributor_routes(case, contributor_token):
    call_and_validate(case, contributor_token)


@admin.parametrize()
@SETTINGS
def test_admin_routes_as_admin(case, admin_token):
    response = call_and_validate(case, admin_token)
    if response is not None and case.operation.path != "/admin/session":
        # The token must really sign the run in, or it would only repeat the anonymous one.
        assert response.status_code != 401, f"{case.method} {case.formatted_path}: the admin token was refused"


@anonymous_admin.parametrize()
@SETTINGS
def test_admin_routes_refuse_anonymous_callers(case):
    if case.method.upper() != case.operation.method.upper():
        call_and_validate(case)
        return
    response = case.call(headers=headers())
    status = response.status_code
    if case.operation.method.upper() == "POST" and case.operation.path == "/admin/session":
        # Sign-in itself is open: random names and passwords must be refused, not crash it.
        assert status < 500 and not 200 <= status < 300, f"sign-in with {case.body!r} answered {status}"
    elif status == 400 and carries_nul(case):
        # A NUL in the decoded path or query is malformed HTTP: the parser answers 400 before any route
        # (and so before any sign-in check) sees the request.
        assert response.json()["error"]["code"] == "bad_request", response.text
    else:
        assert status == 401, f"{case.operation.method.upper()} {case.formatted_path} without credentials answered {status}"


def carries_nul(case):
    """Whether a NUL is anywhere in the path parameters or the query: names, values, nested values."""
    def texts(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield str(key)
                yield from texts(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from texts(item)
        else:
            yield str(value)
    return any("\x00" in text for text in texts([case.path_parameters or {}, case.query or {}]))
