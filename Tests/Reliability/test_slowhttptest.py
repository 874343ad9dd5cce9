"""slowhttptest (Debian package) against the real server: slow headers, slow body and slow read.

Each attack runs for a short fixed time with hundreds of connections while a well-behaved client
opens fresh connections and asks for /healthz and a database-backed page; every one of its requests
must be answered 200, and the server must be alive and serving afterwards. The attack tool's own
user agents are browser strings: the fixture's log scan checks none was logged.
"""
import http.client
import os
import re
import resource
import shutil
import subprocess
import time

import pytest

ATTACK_SECONDS = 12
CONNECTIONS = 600
# slowhttptest's flags per attack; `{url}` is filled in with the server's address.
ATTACKS = {
    "slow-headers": ["-H", "-i", "1", "-u", "{url}/healthz"],
    "slow-body": ["-B", "-i", "1", "-s", "4096", "-t", "POST", "-f", "application/json",
                  "-u", "{url}/api/campaigns/demo/contributions"],
    "slow-read": ["-X", "-k", "10", "-n", "1", "-w", "1", "-y", "64", "-z", "16", "-u", "{url}/js/console.js"],
}


def enough_descriptors():
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4 * CONNECTIONS if hard == resource.RLIM_INFINITY else min(hard, 4 * CONNECTIONS)
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def served(port, path):
    """A well-behaved client: a fresh connection, one request, the status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"User-Agent": "GroundswellCanaryAgent/7.3"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_well_behaved_client_served_during_slow_attack(server, attack):
    tool = shutil.which("slowhttptest")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("slowhttptest is missing (`make test-deps` installs it)")
        pytest.skip("slowhttptest is missing (`make test-deps` installs it)")
    url = f"http://127.0.0.1:{server.port}"
    arguments = [argument.format(url=url) for argument in ATTACKS[attack]]
    attacker = subprocess.Popen(
        [tool, *arguments, "-c", str(CONNECTIONS), "-r", "300", "-l", str(ATTACK_SECONDS), "-p", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=enough_descriptors)
    try:
        time.sleep(2)  # let the attack open its connections
        answers = []
        while attacker.poll() is None:
            answers.append(served(server.port, "/healthz"))
            answers.append(served(server.port, "/api/campaigns/demo"))
            time.sleep(0.5)
        output = attacker.stdout.read().decode(errors="replace")
    finally:
        if attacker.poll() is None:
            attacker.kill()
            attacker.wait()
    assert len(answers) >= 4, f"the attack ended before the client could probe: {output[-800:]}"
    held = [int(count) for count in re.findall(r"connected:\s*(\d+)", re.sub(r"\x1b\[[0-9;]*m", "", output))]
    assert held and max(held) >= CONNECTIONS // 2, f"{attack}: the attack never held its connections: {held}"
    assert set(answers) == {200}, f"{attack}: the well-behaved client got {answers}"
    assert server.process.poll() is None, f"{attack}: the server died"
    assert served(server.port, "/healthz") == 200
