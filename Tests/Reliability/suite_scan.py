"""The whole-suite privacy scan: every database and log the reliability suite left behind, searched for
client addresses, the user agents the tests sent, and e-mail addresses.

Files are read as raw bytes (so -wal and -journal files and freed pages count too) and every SQLite
database is also read row by row (so text split across overflow pages is seen whole).
"""
import os
import re
import sqlite3

# User agents the suite sends: the helpers' canary, schemathesis, urllib/http.client defaults and the
# browser strings slowhttptest rotates through.
AGENTS = [b"GroundswellCanaryAgent", b"schemathesis/", b"python-requests", b"Python-urllib", b"Mozilla/"]
PATTERNS = {
    "IPv4 address": re.compile(rb"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"),
    "IPv6 loopback": re.compile(rb"(?<![\w:])::1(?![\w:])"),
    "e-mail address": re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
}
SUFFIXES = (".sqlite", ".sqlite-wal", ".sqlite-journal", ".log")


def scanned_files(root):
    for directory, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(SUFFIXES):
                yield os.path.join(directory, name)


def findings_in(data):
    found = set()
    for agent in AGENTS:
        if agent in data:
            found.add(f"user agent {agent.decode()!r}")
    for what, pattern in PATTERNS.items():
        for match in pattern.finditer(data):
            found.add(f"{what} {match.group(0)[:40].decode(errors='replace')!r}")
    return found


def database_text(path):
    """Every text and blob value of every table, joined; empty if the file is not a readable database."""
    try:
        database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        tables = [row[0] for row in database.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
        parts = []
        for table in tables:
            for row in database.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        parts.append(value.encode())
                    elif isinstance(value, bytes):
                        parts.append(value)
        database.close()
        return b"\n".join(parts)
    except sqlite3.Error:
        return b""


def scan(root):
    """`{path relative to root: sorted findings}` for every file that holds something it must not."""
    report = {}
    for path in scanned_files(root):
        with open(path, "rb") as file:
            found = findings_in(file.read())
        if path.endswith(".sqlite"):
            found |= findings_in(database_text(path))
        if found:
            report[os.path.relpath(path, root)] = sorted(found)
    return report


def count(root):
    return sum(1 for _ in scanned_files(root))
