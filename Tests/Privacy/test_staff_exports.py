"""Adversary 2 of PRIVACY.md: an organiser with every export, taken as often as they like, and the statistics.

The scene: an open campaign with profile questions where five colleagues have joined, posted, commented and
voted. Then the target — the only consultant surgeon over 40 — joins and posts; the organiser exports
everything before and after, and reads the statistics around the join."""
import re

import pytest

from harness import COMMON, RARE

PSEUDONYM = re.compile(r"^[0-9a-f]{16}$")


@pytest.fixture
def crowd(server):
    question = server.campaign("ward")
    people = []
    for index in range(5):
        token = server.join("ward", profile=COMMON if index % 2 == 0 else {"role": "Porter", "age": "40 or over"})
        idea = server.post("ward", token, question, f"Colleague idea {index}")
        people.append((token, idea))
    for token, _ in people:
        for _, idea in people:
            server.ok("PUT", f"/api/contributions/{idea}/vote", {"value": 1}, token)
        server.ok("POST", f"/api/contributions/{people[0][1]}/comments", {"body": "Agreed"}, token)
    return server, question, people


def identifiers(rows):
    """Every cell that looks like a person's pseudonym, by column."""
    found = {}
    for row in rows:
        for column, value in row.items():
            if isinstance(value, str) and PSEUDONYM.match(value) and column not in ("hash",):
                found.setdefault(column, set()).add(value)
    return found


def test_no_two_tables_or_exports_join_on_a_person(crowd):
    server = crowd[0]
    first = server.exports("ward")
    second = server.exports("ward")
    tables = {name: rows for name, rows in first.items() if name != "export.json"}
    tables.update({f"second {name}": rows for name, rows in second.items() if name != "export.json"})
    for name, document in (("export.json", first["export.json"]), ("second export.json", second["export.json"])):
        for table, rows in document.items():
            if isinstance(rows, list) and rows and isinstance(rows[0], dict):
                tables[f"{name}:{table}"] = [{k: v for k, v in row.items()} for row in rows]
    seen = {}
    for name, rows in tables.items():
        for column, values in identifiers(rows).items():
            for value in values:
                seen.setdefault(value, set()).add(f"{name}.{column}")
    shared = {value: places for value, places in seen.items() if len(places) > 1}
    assert not shared, f"a person's pseudonym joins rows across tables or exports: {sorted(shared.values())[:3]}"
    for name, rows in tables.items():
        for row in rows:
            assert not any("contributor" in column or column in ("participant", "author") for column in row), \
                f"{name} has a contributor column"


def test_exports_around_a_join_do_not_single_out_the_newcomer(crowd):
    server, question = crowd[0], crowd[1]
    before = server.exports("ward")
    stats_before = server.stats("ward")
    target = server.join("ward", profile=RARE)
    server.post("ward", target, question, "The target's idea")
    server.ok("PUT", f"/api/contributions/{crowd[2][0][1]}/vote", {"value": -1}, target)
    after = server.exports("ward")
    stats_after = server.stats("ward")

    assert after["participants"] == before["participants"], "the participants export moved with one join"
    assert after["export.json"]["participants"] == before["export.json"]["participants"]
    assert stats_after["byProfile"] == stats_before["byProfile"], "the statistics' profile figures moved with one join"
    for document in (after, stats_after):
        assert RARE["role"] not in str(document.get("participants", document.get("byProfile"))), \
            "the newcomer's rare answer shows"
    # The new contribution is there (it is public), with nothing beside it that points at a person.
    new = [row for row in after["contributions"] if row["body"] == "The target's idea"]
    assert len(new) == 1 and not identifiers(new)
    new_votes = len(after["votes"]) - len(before["votes"])
    assert new_votes == 1 and not identifiers(after["votes"])


def test_participants_come_from_a_release_never_from_the_live_joins(server):
    """The participants table is the latest statistics release, made after midnight UTC, which this suite does not
    wait for; `PrivacyStatisticsTests.theParticipantsExportIsTheReleaseSortedByAnswersAndKAnonymous` moves a clock
    past it and checks the released rows' order and suppression. Here: today's joins are in no row at all, so neither
    their order nor their answers can show, and no column but the answers stands beside them."""
    server.campaign("ward")
    answers = [COMMON, {"role": "Porter", "age": "40 or over"}, COMMON, {"role": "Porter", "age": "40 or over"},
               COMMON, RARE]
    for profile in answers:
        server.join("ward", profile=profile)
    export = server.export("ward", "participants")
    assert export.text.lstrip("\ufeff").splitlines()[0] == "profile,role,age", "a column beside the answers"
    assert export.rows() == [], "participants who joined since the last release are listed"
