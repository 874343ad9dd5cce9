"""The mail suite: the real `groundswell serve` submitting to a real SMTP relay (aiosmtpd) on loopback, with
STARTTLS on an openssl-made certificate and AUTH; messages parsed with Python's `email` package."""
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "Privacy"))
from harness import BINARY, Server  # noqa: E402  (the privacy suite's server and insider requests)
from relay import Relay  # noqa: E402

# The base of every link in a message; the tests swap it for the address the server really listens on.
PUBLIC_URL = "https://ideas.example.org"
FROM = "Groundswell at St Elsewhere <groundswell@trust.example.org>"


def mail_env(relay, rate=100):
    return {
        "GROUNDSWELL_SMTP_URL": relay.url, "GROUNDSWELL_SMTP_CA_FILE": relay.cert, "GROUNDSWELL_MAIL_FROM": FROM,
        "GROUNDSWELL_PUBLIC_URL": PUBLIC_URL, "GROUNDSWELL_MAIL_RATE": str(rate),
    }


@pytest.fixture
def relay(tmp_path):
    running = Relay(str(tmp_path)).start()
    yield running
    running.stop()


@pytest.fixture
def server(tmp_path, relay):
    if not os.path.exists(BINARY):
        if os.environ.get("CI"):
            pytest.fail(f"{BINARY} is missing")
        pytest.skip(f"{BINARY} is missing: run `swift build` first")
    running = Server(tmp_path, env=mail_env(relay))
    yield running
    running.stop()
    problems = running.log_problems()
    assert not problems, f"{running.log_path} holds what no log may: {problems}"
