"""Blind messages through a real relay: a facilitator writes to "the author of idea N" and invites a shortlisted
author to write their guide, never learning who the author is or whether they left an address; the guide
invitation's link signs a fresh device in as the author, once. And the insider with the database file and its
WAL, who finds no contributor's address in it."""
import os
import re
import time

from test_mail import mail_status, parsed, wait_until

SLUG = "ward-ideas"
ADDRESS = "Sister.Okafor@ward9.example.org"


def leave_address(server, token, address=ADDRESS, announcements=False, alerts=True):
    return server.ok("PUT", f"/api/campaigns/{SLUG}/mail-address",
                     {"address": address, "announcements": announcements, "alerts": alerts}, token)


def open_phase(server, close, open_):
    server.ok("POST", f"/admin/campaigns/{SLUG}/phases/{close}/close", {}, server.admin)
    server.ok("POST", f"/admin/campaigns/{SLUG}/phases/{open_}/open", {}, server.admin)


def idea(server, token, question, title):
    return server.ok("POST", f"/api/campaigns/{SLUG}/contributions",
                     {"questionId": question, "title": title, "body": f"{title}, in more words."}, token).json["id"]


def test_a_blind_message_reaches_the_author_who_opted_in_and_reveals_nothing_to_the_facilitator(server, relay):
    question = server.campaign(SLUG, phase="answer", profile=[])
    reachable, silent = server.join(SLUG), server.join(SLUG)
    leave_address(server, reachable)
    ideas = [idea(server, reachable, question, "Night shuttle"), idea(server, silent, question, "Bike shed")]
    answers = [server.call("POST", f"/admin/contributions/{n}/message",
                           {"subject": "About your idea", "text": "Could you tell us more? — the facilitators"}, server.admin)
               for n in ideas]
    assert [a.status for a in answers] == [202, 202] and answers[0].body == answers[1].body
    [received] = relay.wait_for(1)
    status = wait_until(lambda: (s := mail_status(server, SLUG))["waiting"]["personal"] == 0 and s, what="an empty queue")
    time.sleep(0.5)
    assert len(relay.messages) == 1, "the author without an address got nothing"
    assert received.rcpt_tos == [ADDRESS]
    message = parsed(received)
    assert message["Subject"] == "About your idea"
    text = message.get_body(("plain",)).get_content()
    assert "Could you tell us more?" in text and "Night shuttle" not in text, "the message never names the idea"
    assert message["List-Unsubscribe"] is None, "a one-off message"
    # The facilitator's side: two messages handled, nothing says which author could be reached.
    assert status["outcomes"] == [{"kind": "personal", "outcome": "handled", "code": 0, "count": 2}]
    audit = server.export(SLUG, "audit", server.admin).text
    for where in (str(status), audit):
        assert "ward9" not in where and "Okafor" not in where


def test_the_guide_invitation_signs_any_device_in_as_the_author_once(server, relay):
    question = server.campaign(SLUG, phase="answer", profile=[])
    author = server.join(SLUG)
    leave_address(server, author)
    shortlisted = idea(server, author, question, "Street suppers")
    server.ok("POST", f"/admin/campaigns/{SLUG}/shortlist/prioritise", {"contributionId": shortlisted, "reason": "Popular"},
              server.admin)
    open_phase(server, "answer", "prioritise")
    open_phase(server, "prioritise", "act")
    server.ok("POST", f"/admin/campaigns/{SLUG}/shortlist/act", {"contributionId": shortlisted, "reason": "Feasible"},
              server.admin)
    guide = server.ok("POST", f"/admin/contributions/{shortlisted}/guide", {}, server.admin).json["id"]
    invited = server.call("POST", f"/admin/guides/{guide}/author-invitation", {"note": "We loved this one."}, server.admin)
    assert invited.status == 202 and invited.json == {"queued": 1}
    # First the shortlist alert the author asked for, then the invitation.
    alert, received = relay.wait_for(2)
    assert parsed(alert)["Subject"] == f"Campaign {SLUG}: news about one of your contributions"
    assert received.rcpt_tos == [ADDRESS]
    message = parsed(received)
    assert message["Subject"] == f"Campaign {SLUG}: you are invited to write the guide for your idea"
    text = message.get_body(("plain",)).get_content()
    assert "We loved this one." in text and "Street suppers" not in text
    links = re.findall(r"https://ideas\.example\.org/c/" + SLUG + r"\?guide=(\d+)#pair=([A-Za-z0-9-]+)", text)
    assert links, text
    linked_guide, code = links[0]
    server.secrets.append(code)
    assert int(linked_guide) == guide
    assert code in message.get_body(("html",)).get_content()
    # A device that never joined spends the code and is the author: the guide editor knows them.
    device = server.sign_in(SLUG, "pair", "code", code)
    assert server.ok("GET", f"/api/guides/{guide}", token=device).json["you"] == "Author"
    again = server.call("POST", f"/api/campaigns/{SLUG}/pair", {"code": code})
    assert again.status >= 400, "the link works once"


def test_a_copy_of_the_database_and_its_wal_holds_no_contributor_address(server, relay, tmp_path):
    server.campaign(SLUG, profile=[])
    addresses = [f"Opted.In{n}@ward9.example.org" for n in range(20)]
    tokens = [server.join(SLUG) for _ in addresses]
    for token, address in zip(tokens, addresses):
        leave_address(server, token, address, announcements=True)
    erased = server.ok("DELETE", f"/api/campaigns/{SLUG}/mail-address", token=tokens[0]).json
    assert erased == {"erased": True}
    copy = server.copy_database(str(tmp_path / "copy"))
    raw = b"".join(open(copy + suffix, "rb").read() for suffix in ("", "-wal") if os.path.exists(copy + suffix))
    for address in addresses:
        local = address.split("@")[0]
        for form in {address, address.lower(), local, local.lower()}:
            assert form.encode() not in raw and form.encode("utf-16-le") not in raw, "an address is in the file"
    assert b"ward9" not in raw
    # The exports a facilitator takes hold none either.
    for table, rows in server.exports(SLUG, server.admin).items():
        assert "ward9" not in str(rows), table


def test_an_announcement_reaches_the_list_and_who_asked_once_and_not_who_unsubscribed(server, relay):
    from test_mail import addresses, upload
    server.campaign(SLUG, profile=[])
    invited = addresses(3, prefix="listed")
    assert upload(server, SLUG, invited).status == 202
    first = relay.wait_for(3)
    leaving = next(m for m in first if m.rcpt_tos == [invited[0]])
    one_click = parsed(leaving)["List-Unsubscribe"].strip("<>").split("ideas.example.org", 1)[1]
    assert server.call("POST", one_click, b"List-Unsubscribe=One-Click",
                       headers={"Content-Type": "application/x-www-form-urlencoded"}).status == 200
    news = server.join(SLUG)
    leave_address(server, news, "news.reader@ward9.example.org", announcements=True, alerts=False)
    leave_address(server, server.join(SLUG), "alerts.only@ward9.example.org", announcements=False, alerts=True)
    sent = server.call("POST", f"/admin/campaigns/{SLUG}/announcements", {"event": "phase:understand", "note": "Tell us."},
                       server.admin)
    assert sent.status == 202 and sent.json == {"queued": 3}, sent.text
    again = server.call("POST", f"/admin/campaigns/{SLUG}/announcements", {"event": "phase:understand"}, server.admin)
    assert again.status == 409 and again.json["error"]["code"] == "already_announced"
    received = relay.wait_for(6)[3:]
    time.sleep(0.5)
    assert len(relay.messages) == 6
    assert sorted(r for m in received for r in m.rcpt_tos) == sorted(invited[1:] + ["news.reader@ward9.example.org"])
    for message in map(parsed, received):
        assert message["Subject"] == f"Campaign {SLUG}: the Understand phase is open"
        assert "Tell us." in message.get_body(("plain",)).get_content()
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The invitees' copy carries their own join link; the contributor's does not need one.
    by_address = {m.rcpt_tos[0]: parsed(m).get_body(("plain",)).get_content() for m in received}
    assert "#code=" in by_address[invited[1]] and "#code=" not in by_address["news.reader@ward9.example.org"]
    server.secrets += [re.findall(r"#code=([A-Za-z0-9-]+)", text)[0] for text in by_address.values() if "#code=" in text]


def test_a_request_to_be_invited_approved_by_a_facilitator_brings_an_invitation_that_joins(server, relay):
    server.campaign(SLUG, access="invite", profile=[])
    asked = server.call("POST", f"/api/campaigns/{SLUG}/invitation-requests",
                        {"email": "Porter.Jones@estates.example.org", "note": "Night porter, estates"})
    assert asked.status == 202 and asked.json == {"received": True}
    listed = server.ok("GET", f"/admin/campaigns/{SLUG}/invitation-requests", token=server.admin).json
    assert [(r["domain"], r["note"]) for r in listed["items"]] == [("estates.example.org", "Night porter, estates")]
    assert "Porter" not in str(listed)
    request_id = listed["items"][0]["id"]
    approved = server.call("POST", f"/admin/campaigns/{SLUG}/invitation-requests/{request_id}/approve", {}, server.admin)
    assert approved.status == 202 and approved.json == {"queued": 1}
    [received] = relay.wait_for(1)
    assert received.rcpt_tos == ["Porter.Jones@estates.example.org"]
    text = parsed(received).get_body(("plain",)).get_content()
    code = re.findall(r"#code=([A-Za-z0-9-]+)", text)[0]
    server.secrets.append(code)
    server.join(SLUG, code=code)
    assert server.ok("GET", f"/admin/campaigns/{SLUG}/invitation-requests", token=server.admin).json["items"] == []
