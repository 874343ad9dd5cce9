"""/metrics scraped the way Prometheus scrapes it, its text parsed by prometheus-client's own parser: on the metrics
listener (`GROUNDSWELL_METRICS_PORT`, no token) and on the main port (a staff token), while real traffic runs — a
contributor voting, an event stream held open — and with nothing in any label that points at a person."""
import http.client
import json
import os
import re
import socket
import tempfile

import pytest
from prometheus_client.parser import text_string_to_metric_families

from conftest import CANARY_AGENT, RunningServer, require_binary, seed_demo

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "none"}


@pytest.fixture
def metrics_server():
    require_binary()
    db = os.path.join(tempfile.mkdtemp(prefix="gs-metrics-"), "groundswell.sqlite")
    seed_demo(db)
    running = RunningServer(db, env={"GROUNDSWELL_METRICS_PORT": "0"})
    running.start()
    line = running.process.stdout.readline()
    match = re.search(r"metrics on http://127\.0\.0\.1:(\d+)/metrics", line)
    assert match, f"no metrics listener announced: {line!r}"
    running.metrics_port = int(match.group(1))
    yield running
    running.stop()
    problems = running.scan_log()
    assert not problems, f"{running.log_path} holds personal data or secrets: {problems}"


def scrape(port, token=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"User-Agent": CANARY_AGENT, **({"Authorization": f"Bearer {token}"} if token else {})}
    connection.request("GET", "/metrics", headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, response.getheader("Content-Type"), body


def families(text):
    return {family.name: family for family in text_string_to_metric_families(text)}


def value(family, **labels):
    """The one sample of a counter or gauge with these labels."""
    found = [s.value for s in family.samples
             if s.name in (family.name, family.name + "_total") and all(s.labels.get(k) == v for k, v in labels.items())]
    assert len(found) == 1, f"{family.name}{labels}: {found}"
    return found[0]


def open_stream(port, slug="demo"):
    """An event stream held open, as a browser on the campaign page holds it."""
    stream = socket.create_connection(("127.0.0.1", port), timeout=10)
    stream.sendall(f"GET /api/campaigns/{slug}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {CANARY_AGENT}\r\n"
                   "Accept: text/event-stream\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += stream.recv(4096)
    assert head.startswith(b"HTTP/1.1 200"), head[:80]
    return stream


def test_prometheus_parses_what_the_server_reports(metrics_server):
    server = metrics_server
    token = server.join()
    status, listing = server.call("GET", "/api/campaigns/demo/contributions?sort=new")
    assert status == 200
    target = listing["items"][0]["id"]
    for vote in (1, -1, 1):
        status, _ = server.call("PUT", f"/api/contributions/{target}/vote", {"value": vote}, token=token)
        assert status == 200, f"vote answered {status}"
    stream = open_stream(server.port)
    try:
        status, content_type, text = scrape(server.metrics_port)
    finally:
        stream.close()
    assert status == 200
    assert content_type == "text/plain; version=0.0.4; charset=utf-8"
    found = families(text)

    requests = found["groundswell_http_requests"]
    assert requests.type == "counter"
    assert value(requests, method="PUT", route="/api/contributions/{id}/vote", status="200") == 3
    assert value(requests, method="POST", route="/api/campaigns/{slug}/join", status="201") == 1

    latency = found["groundswell_http_request_duration_seconds"]
    assert latency.type == "histogram"
    vote_labels = {"method": "PUT", "route": "/api/contributions/{id}/vote", "status": "200"}
    buckets = [s for s in latency.samples if s.name.endswith("_bucket") and all(s.labels[k] == v for k, v in vote_labels.items())]
    assert [s.value for s in buckets] == sorted(s.value for s in buckets), "buckets must be cumulative"
    assert buckets[-1].labels["le"] == "+Inf" and buckets[-1].value == 3

    batches = found["groundswell_writer_batch_size"]
    assert batches.type == "histogram"
    assert next(s.value for s in batches.samples if s.name.endswith("_sum")) >= 4  # the join and three votes
    assert found["groundswell_writer_commit_duration_seconds"].type == "histogram"

    for gauge in ("groundswell_http_connections", "groundswell_event_streams", "groundswell_writer_queue_depth",
                  "groundswell_vote_journal_depth"):
        assert found[gauge].type == "gauge", gauge
    assert value(found["groundswell_event_streams"]) == 1, "the open stream is counted"
    assert value(found["groundswell_http_connections"]) >= 1

    # Nothing in a label can point at a person or what they wrote: methods, route patterns, statuses, bucket bounds.
    for family in found.values():
        for sample in family.samples:
            for name, label in sample.labels.items():
                assert name in {"method", "route", "status", "le"}, f"{sample.name} has a label {name}"
                if name == "method":
                    assert label in METHODS
                elif name == "route":
                    assert label in ("static", "unmatched") or (label.startswith("/") and not re.search(r"\d", label)), label
                elif name == "status":
                    assert re.fullmatch(r"[1-5]\d\d", label), label
    assert token not in text and f"/api/contributions/{target}" not in text


def test_the_main_port_serves_metrics_to_staff_only(metrics_server):
    server = metrics_server
    status, _, body = scrape(server.port)
    assert status == 401 and json.loads(body)["error"]["code"] == "unauthorized"
    assert scrape(server.port, token=server.join())[0] == 401, "a contributor is not staff"
    status, content_type, text = scrape(server.port, token=server.add_staff("ops", "organiser"))
    assert status == 200 and content_type.startswith("text/plain; version=0.0.4")
    assert "groundswell_http_requests" in families(text)
