"""The adversarial privacy suite (PRIVACY.md): each test plays one adversary of the privacy model against the real
`groundswell serve` binary with everything that adversary would hold — the database file and its -wal, the
invitation CSV, every export before and after a target joins and posts, the statistics polled around a join, a
client on the event stream — and asserts they cannot put a name or a profile on a contribution."""
import os

import pytest

from harness import BINARY, Server


@pytest.fixture
def server(tmp_path):
    if not os.path.exists(BINARY):
        if os.environ.get("CI"):
            pytest.fail(f"{BINARY} is missing")
        pytest.skip(f"{BINARY} is missing: run `swift build` first")
    running = Server(tmp_path)
    yield running
    running.stop()
    problems = running.log_problems()
    assert not problems, f"{running.log_path} holds what no log may: {problems}"
