"""Adversaries 3 and 4 of PRIVACY.md: someone with the database file, its -wal and the invitation list.

The scene: an invite-only campaign, an invitation CSV mail-merged to eight named people in list order, and
those people joining in another order — one with a rare profile — and each posting an idea. The attacker copies
the database and its -wal and tries every way the old schema allowed to put a name on a contributor."""
import hashlib
import os
import random

import pytest

from harness import COMMON, RARE, open_copy, tables_and_columns

NAMES = ["Ada", "Ben", "Cem", "Dee", "Eli", "Fay", "Gus", "Hal"]


@pytest.fixture
def scene(server, tmp_path):
    question = server.campaign("ward", access="invite")
    codes = server.invites("ward", len(NAMES))
    invitation_list = dict(zip(NAMES, codes))  # what the organiser holds: who got which code
    order = NAMES[:]
    random.Random(17).shuffle(order)
    truth = {}  # name -> (token, contribution id): what the attacker must not recover
    for name in order:
        profile = RARE if name == "Eli" else COMMON
        token = server.join("ward", profile=profile, code=invitation_list[name])
        truth[name] = (token, server.post("ward", token, question, f"An idea nobody should trace to {name}"))
    copy = server.copy_database(tmp_path / "stolen")
    return server, invitation_list, order, truth, copy


def normalised(code):
    return code.upper().replace("-", "").replace(" ", "")


def test_hashing_a_listed_code_finds_nothing_in_the_files(scene):
    _, invitation_list, _, _, copy = scene
    stolen = b"".join(open(copy + suffix, "rb").read() for suffix in ("", "-wal") if os.path.exists(copy + suffix))
    for name, code in invitation_list.items():
        for digest in (hashlib.sha256(("code:" + normalised(code)).encode()).digest(),
                       hashlib.sha256(normalised(code).encode()).digest(),
                       hashlib.sha256(code.encode()).digest()):
            assert digest not in stolen, f"{name}'s code hashes to bytes stored in the database"


def test_no_time_or_order_pairs_an_invite_with_a_contributor(scene):
    _, _, order, _, copy = scene
    db = open_copy(copy)
    schema = tables_and_columns(db)
    # Any time stored with an invite that matches a time stored with a contributor pairs them.
    invite_columns = [c for c in schema["invites"] if c not in ("campaign_id",)]
    contributor_columns = schema["contributors"]
    invite_values = set()
    for column in invite_columns:
        invite_values |= {v for (v,) in db.execute(f'SELECT "{column}" FROM invites') if isinstance(v, int) and v > 10_000}
    for column in contributor_columns:
        if column in ("id", "campaign_id", "shuffle_seed"):
            continue
        values = {v for (v,) in db.execute(f'SELECT "{column}" FROM contributors') if isinstance(v, int)}
        assert not (values & invite_values), f"contributors.{column} shares values with an invite column"
    # Ids in join order: sorting contributors by id (or rowid) must not give the order people joined in.
    ids = [row[0] for row in db.execute("SELECT id FROM contributors ORDER BY rowid")]
    by_id = sorted(ids)
    assert len(ids) == len(order)
    gaps = [b - a for a, b in zip(by_id, by_id[1:])]
    assert not all(gap == 1 for gap in gaps), "contributor ids are a sequence: they give the join order"


def test_contributor_ids_do_not_sort_in_the_order_people_joined(scene):
    _, _, order, truth, copy = scene
    db = open_copy(copy)
    ids = [db.execute("SELECT contributor_id FROM contributions WHERE id = ?", (truth[name][1],)).fetchone()[0]
           for name in order]
    assert len(set(ids)) == len(order)
    # Eight people: random ids come out in exactly this order (or its reverse) once in 20,160 runs.
    assert ids != sorted(ids) and ids != sorted(ids, reverse=True), "contributor ids sort in the order people joined"


def test_invite_and_device_rows_are_not_in_the_order_they_were_made(scene):
    _, _, _, _, copy = scene
    db = open_copy(copy)
    columns = tables_and_columns(db)["invites"]
    assert not any(name in columns for name in ("id", "created_at", "used_at")), \
        f"invite rows keep an id or a time: {columns}"
    for table in ("invites", "devices"):
        without_rowid = db.execute("SELECT 1 FROM pragma_table_list WHERE name = ? AND wr = 1", (table,)).fetchall()
        assert without_rowid, f"{table} rows have a rowid, which keeps the order they were made in"


def test_no_profile_answer_can_be_read_beside_a_contributor(scene):
    _, _, _, _, copy = scene
    db = open_copy(copy)
    rare_values = set(RARE.values())
    for table, columns in tables_and_columns(db).items():
        if table in ("profile_questions", "schema_migrations"):
            continue
        for row in db.execute(f'SELECT * FROM "{table}"'):
            found = rare_values & {value for value in row if isinstance(value, str)}
            assert not found, f"{table} holds the profile answer {found} in clear"
    sizes = {len(blob) for (blob,) in db.execute("SELECT profile FROM contributors")}
    assert len(sizes) == 1, f"sealed profiles differ in size ({sizes}): the size tells who answered what"


def test_the_wal_is_emptied_soon_after_joins(scene):
    server = scene[0]
    assert server.wait_for_empty_wal(), "the -wal still pairs the invites' and the contributors' rows of each join"
