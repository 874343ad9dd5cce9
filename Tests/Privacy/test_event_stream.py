"""Adversary 5 of PRIVACY.md: a client on the public event stream of a campaign, watching while staff moderate
and a contributor votes in a quiet moment."""
import pytest

from harness import EventStream, Server


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path, env={"GROUNDSWELL_COUNT_INTERVAL": "1"})
    yield running
    running.stop()
    assert not running.log_problems()


def test_the_text_of_a_hidden_idea_never_goes_out(server):
    question = server.campaign("ward", phase="answer")
    author = server.join("ward")
    idea = server.post("ward", author, question, "A secret that was hidden by moderators")
    server.ok("POST", "/admin/campaigns/ward/shortlist/prioritise", {"contributionId": idea, "reason": "promising"},
              server.admin)
    watcher = EventStream(server, "ward")
    server.ok("POST", f"/admin/contributions/{idea}/hide", {"reason": "names a patient"}, server.admin)
    watcher.read_until(b"event: removed")
    server.ok("DELETE", f"/admin/campaigns/ward/shortlist/prioritise/{idea}", token=server.admin)
    server.ok("POST", f"/admin/contributions/{idea}/redact", {"body": "Still hidden, redacted", "reason": "names"},
              server.admin)
    watcher.read_for(1.5)
    watcher.close()
    assert b"A secret that was hidden" not in watcher.received, "a hidden idea's text went out on the stream"
    assert b"Still hidden, redacted" not in watcher.received, "a hidden idea's redacted text went out on the stream"


def test_the_text_of_a_merged_or_withdrawn_idea_never_goes_out(server):
    """The other ways an idea stops being visible (issue 17 found deselecting any of them broadcast its text): merged
    into another, or withdrawn by its author, then taken off the shortlist by staff."""
    question = server.campaign("ward", phase="answer")
    author = server.join("ward")
    merged = server.post("ward", author, question, "A duplicate whose words were merged away")
    kept = server.post("ward", author, question, "The idea it was merged into")
    withdrawn = server.post("ward", author, question, "An idea its author took back")
    for idea in (merged, withdrawn):
        server.ok("POST", "/admin/campaigns/ward/shortlist/prioritise", {"contributionId": idea, "reason": "promising"},
                  server.admin)
    watcher = EventStream(server, "ward")
    server.ok("POST", f"/admin/contributions/{merged}/merge", {"into": kept, "reason": "the same idea"}, server.admin)
    server.ok("DELETE", f"/api/contributions/{withdrawn}", token=author)
    for idea in (merged, withdrawn):
        server.ok("DELETE", f"/admin/campaigns/ward/shortlist/prioritise/{idea}", token=server.admin)
    watcher.read_for(1.5)
    watcher.close()
    assert b"event: removed" in watcher.received
    assert b"merged away" not in watcher.received, "a merged idea's text went out on the stream"
    assert b"took back" not in watcher.received, "a withdrawn idea's text went out on the stream"


def test_votes_reach_the_stream_as_totals_not_clicks(server):
    question = server.campaign("ward")
    author = server.join("ward")
    first = server.post("ward", author, question, "First idea")
    second = server.post("ward", author, question, "Second idea")
    voter = server.join("ward")
    watcher = EventStream(server, "ward")
    # One person's clicks in a quiet moment: the second idea first, then changes of mind.
    for idea, value in [(second, 1), (first, -1), (second, -1), (first, 1), (second, 1), (first, -1)]:
        server.ok("PUT", f"/api/contributions/{idea}/vote", {"value": value}, voter)
    watcher.read_for(2.5)
    watcher.close()
    assert not watcher.events("votes"), "an event per contribution or per click went out"
    batches = watcher.events("totals")
    assert batches, "vote totals reach the stream"
    # The clicks take milliseconds, so they fall in one interval or straddle two: one event per interval.
    assert len(batches) <= 2, f"one event per click lets a watcher follow one person's votes: {batches}"
    rows = [row for batch in batches for row in batch]
    assert all(len(row) == 4 and all(isinstance(n, (int, float)) for n in row) for row in rows), \
        f"a row carries more than [id, up, down, score]: {rows}"
    assert len(rows) <= 4, f"each interval names a contribution once: {rows}"
    latest = {row[0]: (row[1], row[2]) for row in rows}
    assert latest == {first: (0, 1), second: (1, 0)}
    for batch in batches:
        ids = [row[0] for row in batch]
        assert ids == sorted(set(ids)), f"totals come in contribution order, not in the order of the clicks: {ids}"
