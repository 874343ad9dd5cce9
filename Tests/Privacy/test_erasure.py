"""Adversary 3 of PRIVACY.md after an erasure: the database file and its -wal copied moments after an author
withdraws an idea, or after staff redact one and purge its original. Neither text, nor its words in the search
index, may be anywhere in the files, in the staff exports or in search.

Each secret word is searched whole and without its first two letters: the search index stores a term after
the letters it shares with the term before it."""
import os

import pytest

from harness import open_copy

SECRET = ["vorpalquokka", "jubjubnarwhal", "frumiousyeti"]


def stolen_bytes(copy):
    return b"".join(open(copy + suffix, "rb").read().lower() for suffix in ("", "-wal") if os.path.exists(copy + suffix))


@pytest.fixture
def scene(server):
    question = server.campaign("ward")
    author = server.join("ward")
    idea = server.post("ward", author, question, " ".join(SECRET) + " names a colleague")
    server.post("ward", author, question, "A contribution that stays")
    return server, author, idea


def assert_erased(server, idea, copy):
    data = stolen_bytes(copy)
    for word in SECRET:
        for piece in (word, word[2:]):
            assert piece.encode() not in data, f"{piece!r} is still in the database files"
    exported = server.export("ward", "contributions").text.lower()
    for word in SECRET:
        assert word not in exported, f"{word!r} is still in the staff export"
    assert server.ok("GET", "/api/campaigns/ward/contributions?q=vorpalquokka").json["items"] == []


def test_a_withdrawn_text_is_gone_from_the_files(scene, tmp_path):
    server, author, idea = scene
    server.ok("DELETE", f"/api/contributions/{idea}", token=author)
    copy = server.copy_database(tmp_path / "stolen")
    (body,) = open_copy(copy).execute("SELECT body FROM contributions WHERE id = ?", (idea,)).fetchone()
    assert body == "", "the withdrawn text is still in its row"
    assert_erased(server, idea, copy)


def test_a_purged_original_is_gone_from_the_files(scene, tmp_path):
    server, _, idea = scene
    server.ok("POST", f"/admin/contributions/{idea}/redact",
              {"body": "[removed by the moderators]", "reason": "names a colleague"}, server.admin)
    server.ok("DELETE", f"/admin/contributions/{idea}/revisions", token=server.admin)
    assert_erased(server, idea, server.copy_database(tmp_path / "stolen"))


def test_a_redacted_then_withdrawn_idea_leaves_neither_its_title_nor_the_original(server, tmp_path):
    """PRIVACY.md, *Erasure*: withdrawing wipes the title and text and the originals of any redaction of it (which
    the moderators' revisions table kept), so a redaction first is no way to keep the words."""
    question = server.campaign("ward", phase="answer")
    author = server.join("ward")
    idea = server.ok("POST", "/api/campaigns/ward/contributions",
                     {"questionId": question, "title": "About " + SECRET[0], "body": " ".join(SECRET[1:]) + " again"},
                     author).json["id"]
    server.ok("POST", f"/admin/contributions/{idea}/redact",
              {"title": "About a colleague", "body": "[removed by the moderators]", "reason": "names a colleague"},
              server.admin)
    assert server.ok("GET", f"/admin/contributions/{idea}/revisions", token=server.admin).json["items"], \
        "the redaction kept its original (the scene is not what it claims)"
    server.ok("DELETE", f"/api/contributions/{idea}", token=author)
    copy = server.copy_database(tmp_path / "stolen")
    (title, body), = open_copy(copy).execute("SELECT title, body FROM contributions WHERE id = ?", (idea,)).fetchall()
    assert (title, body) == (None, ""), "the withdrawn title or text is still in its row"
    assert open_copy(copy).execute("SELECT count(*) FROM revisions WHERE contribution_id = ?", (idea,)).fetchone() == (0,)
    assert_erased(server, idea, copy)
