"""Invitations, reminders and unsubscribing through a real relay: what arrives, parsed as a mail client would,
and what the facilitator sees of it (counts, never addresses)."""
import email
import email.policy
import re
import time
from urllib.parse import urlsplit

from prometheus_client.parser import text_string_to_metric_families

from conftest import FROM, PUBLIC_URL, mail_env
from harness import Server

CAMPAIGN = "ward-ideas"


def upload(server, slug, addresses, header="email", extra=""):
    rows = [header + extra] + [address + ("," if extra else "") for address in addresses]
    return server.call("POST", f"/admin/campaigns/{slug}/invitations", ("\r\n".join(rows) + "\r\n").encode(),
                       server.admin, headers={"Content-Type": "text/csv; charset=utf-8"})


def parsed(received):
    return email.message_from_bytes(received.data, policy=email.policy.default)


def join_link(message):
    text = message.get_body(("plain",)).get_content()
    links = re.findall(re.escape(PUBLIC_URL) + r"/c/[a-z0-9-]+#code=[A-Za-z0-9-]+", text)
    assert links, text
    return links[0]


def mail_status(server, slug):
    return server.ok("GET", f"/admin/campaigns/{slug}/mail", token=server.admin).json


def wait_until(predicate, timeout=60, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def addresses(count, prefix="person"):
    return [f"{prefix}.{n}@trust.example.org" for n in range(count)]


def test_an_invitation_list_of_hundreds_arrives_whole_and_every_link_joins(server, relay):
    server.campaign(CAMPAIGN, access="invite", profile=[])
    invited = addresses(300)
    response = upload(server, CAMPAIGN, invited)
    assert response.status == 202, response.text
    assert response.json == {"queued": 300, "alreadyInvited": 0}
    received = relay.wait_for(300)
    assert sorted(address for message in received for address in message.rcpt_tos) == sorted(invited)
    codes = set()
    for message in map(parsed, received):
        assert message["From"] == FROM
        assert len(message.get_all("To")) == 1 and message["To"].addresses[0].addr_spec in invited
        assert message["Subject"] == f"You are invited to take part in Campaign {CAMPAIGN}"
        assert re.fullmatch(r"<[^<>@\s]+@trust\.example\.org>", message["Message-ID"])
        assert message["Date"].datetime is not None
        assert message.get_content_type() == "multipart/alternative"
        html = message.get_body(("html",)).get_content()
        assert "<img" not in html and "src=" not in html and "<link" not in html
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].startswith(f"<{PUBLIC_URL}/api/unsubscribe/")
        link = join_link(message)
        assert link in html
        codes.add(link.split("#code=")[1])
    assert len(codes) == 300
    server.secrets += list(codes)
    # The link's code joins, once.
    for code in codes:
        server.join(CAMPAIGN, code=code)
    again = server.call("POST", f"/api/campaigns/{CAMPAIGN}/join", {"code": next(iter(codes))})
    assert again.status == 409
    status = mail_status(server, CAMPAIGN)
    assert status["relay"]["state"] == "up"
    assert status["outcomes"] == [{"kind": "invitation", "outcome": "sent", "code": 0, "count": 300}]
    assert status["invitations"]["held"] == 300
    assert all(address not in str(status) for address in invited)


def test_a_bad_row_is_reported_by_line_and_nothing_is_queued(server, relay):
    server.campaign(CAMPAIGN, profile=[])
    response = upload(server, CAMPAIGN, ["a@trust.example.org", "not an address", "b@trust.example.org", "A@trust.example.org"])
    assert response.status == 422, response.text
    error = response.json["error"]
    assert error["code"] == "bad_addresses"
    assert [row["line"] for row in error["rows"]] == [3, 5]
    assert "not an address" not in response.text and "A@trust" not in response.text
    assert upload(server, CAMPAIGN, [], header="name").json["error"]["code"] == "bad_request"
    wrong_type = server.call("POST", f"/admin/campaigns/{CAMPAIGN}/invitations", b"email\r\nx@y.org\r\n", server.admin,
                             headers={"Content-Type": "application/json"})
    assert wrong_type.status == 422 and wrong_type.json["error"]["code"] == "not_csv"
    time.sleep(1)
    assert relay.messages == []
    status = mail_status(server, CAMPAIGN)
    assert status["invitations"]["held"] == 0 and status["waiting"]["invitation"] == 0
    # The same list again only invites who is new.
    assert upload(server, CAMPAIGN, ["a@trust.example.org"]).json == {"queued": 1, "alreadyInvited": 0}
    assert upload(server, CAMPAIGN, ["A@trust.example.org", "c@trust.example.org"]).json == {"queued": 1, "alreadyInvited": 1}
    relay.wait_for(2)


def test_killed_mid_send_every_address_gets_its_message_and_at_most_one_twice(tmp_path, relay):
    server = Server(tmp_path, env=mail_env(relay, rate=25))
    try:
        server.campaign(CAMPAIGN, access="invite", profile=[])
        invited = addresses(150)
        assert upload(server, CAMPAIGN, invited).status == 202
        relay.wait_for(40)
        server.launched.kill()
        server.log.close()
        killed_at = len(relay.messages)
        assert killed_at < 150, "the kill came too late to interrupt anything"
        server.start()
        received = relay.wait_for(150)
        time.sleep(1.5)  # anything resent late would arrive now
        received = list(relay.messages)
        per_address = {}
        for message in received:
            for address in message.rcpt_tos:
                per_address.setdefault(address, []).append(parsed(message)["Message-ID"])
        assert sorted(per_address) == sorted(invited)
        twice = {address: ids for address, ids in per_address.items() if len(ids) > 1}
        assert len(twice) <= 1, f"{len(twice)} addresses got their invitation more than once"
        for ids in twice.values():
            assert len(ids) == 2 and ids[0] == ids[1], "a resent message must keep its Message-ID"
        server.secrets += [join_link(parsed(m)).split("#code=")[1] for m in received]
    finally:
        server.stop()


def metrics(server, text=None):
    """/metrics as Prometheus' own parser reads it: {(sample name, sorted labels): value}."""
    text = text if text is not None else server.ok("GET", "/metrics", token=server.organiser).text
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_relay_down_then_up_queues_and_recovers(server, relay):
    relay.stop()
    server.campaign(CAMPAIGN, profile=[])
    assert upload(server, CAMPAIGN, addresses(5)).status == 202
    status = wait_until(lambda: (s := mail_status(server, CAMPAIGN))["relay"]["state"] == "down" and s, what="relay down")
    assert status["waiting"]["invitation"] == 5 and status["relay"]["problem"]
    # What an operator's alert reads meanwhile: the backlog counts the waiting messages, the relay is down.
    samples = wait_until(lambda: (s := metrics(server))[("groundswell_outbox_backlog", ())] == 5 and s,
                         what="the backlog on /metrics")
    assert samples[("groundswell_mail_relay_up", ())] == 0
    relay.start()
    relay.wait_for(5, timeout=90)
    status = wait_until(lambda: (s := mail_status(server, CAMPAIGN))["waiting"]["invitation"] == 0 and s, what="an empty queue")
    assert status["relay"]["state"] == "up"
    assert status["outcomes"] == [{"kind": "invitation", "outcome": "sent", "code": 0, "count": 5}]


def test_a_refused_recipient_is_a_failure_the_facilitator_sees_as_a_count(server, relay):
    relay.refused.add("gone@trust.example.org")
    server.campaign(CAMPAIGN, profile=[])
    assert upload(server, CAMPAIGN, ["gone@trust.example.org"] + addresses(2)).status == 202
    relay.wait_for(2)
    status = wait_until(lambda: (s := mail_status(server, CAMPAIGN))["waiting"]["invitation"] == 0 and s, what="an empty queue")
    assert sorted((o["outcome"], o["code"], o["count"]) for o in status["outcomes"]) == [("refused", 550, 1), ("sent", 0, 2)]
    assert "gone@" not in str(status)
    # /metrics, read with Prometheus' own parser: the backlog and what became of the messages.
    text = server.ok("GET", "/metrics", token=server.organiser).text
    samples = metrics(server, text)
    assert samples[("groundswell_outbox_backlog", ())] == 0
    assert samples[("groundswell_mail_relay_up", ())] == 1
    assert samples[("groundswell_mail_messages_total", (("kind", "invitation"), ("outcome", "refused")))] == 1
    assert samples[("groundswell_mail_messages_total", (("kind", "invitation"), ("outcome", "sent")))] == 2
    assert "trust.example.org" not in text


def test_unsubscribe_stops_the_next_message(server, relay):
    server.campaign(CAMPAIGN, profile=[])
    invited = addresses(2)
    assert upload(server, CAMPAIGN, invited).status == 202
    first, second = relay.wait_for(2)
    leaving = parsed(first)
    one_click = urlsplit(leaving["List-Unsubscribe"].strip("<>"))
    # RFC 8058 §3.2: the mail client POSTs the body below, with no cookie and no Origin.
    response = server.call("POST", one_click.path, b"List-Unsubscribe=One-Click",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status == 200 and response.json == {"unsubscribed": True}
    assert server.call("GET", one_click.path).status in (404, 405), "a GET must never unsubscribe"
    assert server.call("POST", "/api/unsubscribe/not-a-token", b"").status == 404
    reminder = server.ok("POST", f"/admin/campaigns/{CAMPAIGN}/reminders", {}, server.admin)
    assert reminder.status == 202 and reminder.json == {"queued": 1}
    received = relay.wait_for(3)
    third = parsed(received[2])
    assert received[2].rcpt_tos == second.rcpt_tos
    assert third["Subject"].startswith("Reminder:")
    assert join_link(third) == join_link(parsed(second))
    too_soon = server.call("POST", f"/admin/campaigns/{CAMPAIGN}/reminders", {}, server.admin)
    assert too_soon.status == 409 and too_soon.json["error"]["code"] == "reminder_too_soon"
    server.secrets += [join_link(parsed(m)).split("#code=")[1] for m in received]
    status = mail_status(server, CAMPAIGN)
    assert status["invitations"] == {"held": 1, "unsubscribed": 1, "requests": 0, "retentionDays": 60}


def test_a_copy_of_the_database_and_its_wal_holds_no_address_and_no_code(server, relay, tmp_path):
    server.campaign(CAMPAIGN, access="invite", profile=[])
    invited = addresses(40, prefix="Scan.Me")
    assert upload(server, CAMPAIGN, invited).status == 202
    received = relay.wait_for(40)
    codes = [join_link(parsed(m)).split("#code=")[1] for m in received]
    server.secrets += codes
    server.join(CAMPAIGN, code=codes[0])
    copy = server.copy_database(str(tmp_path / "copy"))
    raw = b"".join(open(copy + suffix, "rb").read() for suffix in ("", "-wal") if __import__("os").path.exists(copy + suffix))
    for address in invited:
        for form in {address, address.lower(), address.split("@")[0], address.split("@")[0].lower()}:
            assert form.encode() not in raw and form.encode("utf-16-le") not in raw, "an address is in the file"
    for code in codes:
        assert code.encode() not in raw and code.replace("-", "").encode() not in raw, "an invite code is in the file"
