"""A real Groundswell server for the privacy suite, and the requests an insider would make of it."""
import csv
import http.client
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("GROUNDSWELL_BIN", os.path.join(ROOT, ".build/debug/groundswell"))
if not os.path.isabs(BINARY):
    BINARY = os.path.join(ROOT, BINARY)
# The migrations and pages of the tree the binary was built from (so an older build can be attacked too).
if "/.build/" in BINARY:
    ROOT = BINARY.split("/.build/")[0]
MIGRATIONS = os.path.join(ROOT, "Migrations")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Support"))
import launcher  # noqa: E402

# A campaign's profile questions: one common choice each, and a combination only one person will give.
PROFILE = [
    {"key": "role", "label": "Role", "choices": ["Nurse", "Porter", "Consultant surgeon"], "required": False},
    {"key": "age", "label": "Age", "choices": ["Under 40", "40 or over"], "required": False},
]
COMMON = {"role": "Nurse", "age": "Under 40"}
RARE = {"role": "Consultant surgeon", "age": "40 or over"}


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def json(self):
        return json.loads(self.body) if self.body else None

    def rows(self):
        """A CSV body as a list of dicts (the byte order mark dropped)."""
        return list(csv.DictReader(io.StringIO(self.text.lstrip("\ufeff"))))


class Server:
    """`groundswell serve` on a fresh database in `directory`, with an admin and an organiser."""

    def __init__(self, directory, env=None):
        self.directory = str(directory)
        self.db = os.path.join(self.directory, "groundswell.sqlite")
        self.log_path = self.db + ".log"
        self.env = dict(os.environ, GROUNDSWELL_RATE_LIMITS="off", **(env or {}))
        self.secrets = []  # every token, code and key handed out: none may reach the log
        self.admin = self.add_staff("root", "admin")
        self.organiser = self.add_staff("olive", "organiser")
        self.start()

    def cli(self, *args):
        return subprocess.run([BINARY, *args, "--db", self.db, "--migrations", MIGRATIONS],
                              check=True, capture_output=True, text=True, env=self.env).stdout

    def add_staff(self, name, role):
        token = self.cli("staff", "add", name, "--role", role).strip().splitlines()[-1].strip()
        self.secrets.append(token)
        return token

    def start(self):
        self.log = open(self.log_path, "ab")
        self.launched = launcher.Launched(BINARY, self.db, env=self.env, stderr=self.log, root=ROOT).start()
        self.process = self.launched.process
        self.port = self.launched.port

    def stop(self):
        self.launched.stop(timeout=20)
        self.log.close()

    def call(self, method, path, body=None, token=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        sent = {"Content-Type": "application/json"}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        sent.update(headers or {})
        payload = body if body is None or isinstance(body, bytes) else json.dumps(body)
        connection.request(method, path, body=payload, headers=sent)
        response = connection.getresponse()
        result = Response(response.status, dict(response.getheaders()), response.read())
        connection.close()
        return result

    def ok(self, method, path, body=None, token=None):
        response = self.call(method, path, body, token)
        assert 200 <= response.status < 300, f"{method} {path}: {response.status} {response.text[:300]}"
        return response

    # Staff set-up, as a facilitator would do it through the admin API.

    def campaign(self, slug, access="open", profile=PROFILE, phase="understand"):
        """A live campaign with one question in `phase` (open) and the profile questions; returns the question id."""
        self.ok("POST", "/admin/campaigns", {"slug": slug, "title": f"Campaign {slug}", "access": access}, self.admin)
        question = self.ok("POST", f"/admin/campaigns/{slug}/questions",
                           {"phase": phase, "text": "What gets in the way?"}, self.admin).json["id"]
        self.ok("PUT", f"/admin/campaigns/{slug}/profile-questions", profile, self.admin)
        self.ok("POST", f"/admin/campaigns/{slug}/launch", {}, self.admin)
        for earlier in ("understand", "answer", "prioritise", "act"):
            self.ok("POST", f"/admin/campaigns/{slug}/phases/{earlier}/open", {}, self.admin)
            if earlier == phase:
                return question
            self.ok("POST", f"/admin/campaigns/{slug}/phases/{earlier}/close", {}, self.admin)
        raise ValueError(phase)

    def invites(self, slug, count):
        """The invitation CSV an organiser mail-merges: codes in list order."""
        response = self.ok("POST", f"/admin/campaigns/{slug}/invites", {"count": count}, self.admin)
        codes = [row["code"] for row in response.rows()]
        self.secrets += codes
        return codes

    # Contributors.

    def join(self, slug, profile=None, code=None, shared=None):
        body = {}
        if profile:
            body["profile"] = profile
        if code:
            body["code"] = code
        if shared is not None:
            body["shared"] = shared
        response = self.call("POST", f"/api/campaigns/{slug}/join", body)
        assert response.status == 201, f"join: {response.status} {response.text[:300]}"
        self.secrets.append(response.json["token"])
        return response.json["token"]

    def pairing_code(self, slug, token):
        code = self.ok("POST", f"/api/campaigns/{slug}/pairing", {}, token).json["code"]
        self.secrets.append(code)
        return code

    def recovery_key(self, slug, token):
        key = self.ok("POST", f"/api/campaigns/{slug}/recovery-key", {}, token).json["recoveryKey"]
        self.secrets.append(key)
        return key

    def sign_in(self, slug, path, field, value):
        """A new device signed in with a pairing code or recovery key; returns its token."""
        token = self.ok("POST", f"/api/campaigns/{slug}/{path}", {field: value}).json["token"]
        self.secrets.append(token)
        return token

    def log_problems(self):
        """What the server's log must never hold: a client address, or any token, code or key handed out."""
        with open(self.log_path, "rb") as file:
            text = file.read().decode("utf-8", "replace")
        problems = ["the client address 127.0.0.1"] if "127.0.0.1" in text else []
        return problems + [f"a secret ({secret[:4]}…)" for secret in self.secrets if secret and secret in text]

    def post(self, slug, token, question, body):
        return self.ok("POST", f"/api/campaigns/{slug}/contributions", {"questionId": question, "body": body}, token).json["id"]

    # What insiders take away.

    def export(self, slug, table, token=None):
        return self.ok("GET", f"/admin/campaigns/{slug}/export/{table}.csv", token=token or self.organiser)

    def exports(self, slug, token=None):
        """Every staff export of the campaign: each CSV's rows by table name, and the open-data JSON."""
        tables = {}
        for table in ["contributions", "comments", "votes", "codes", "agreement", "participants", "stats", "audit"]:
            tables[table] = self.export(slug, table, token).rows()
        tables["export.json"] = self.ok("GET", f"/admin/campaigns/{slug}/export.json", token=token or self.organiser).json
        return tables

    def stats(self, slug):
        return self.ok("GET", f"/admin/campaigns/{slug}/stats", token=self.organiser).json

    def copy_database(self, into):
        """What a backup or the host yields: the database file and its -wal, copied as they are on disk."""
        os.makedirs(into, exist_ok=True)
        for suffix in ("", "-wal"):
            if os.path.exists(self.db + suffix):
                shutil.copyfile(self.db + suffix, os.path.join(into, "copy.sqlite" + suffix))
        return os.path.join(into, "copy.sqlite")

    def wait_for_empty_wal(self, timeout=10.0):
        """Waits until the -wal file holds nothing (the server truncates it after joins and erasures)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not os.path.exists(self.db + "-wal") or os.path.getsize(self.db + "-wal") == 0:
                return True
            time.sleep(0.05)
        return False


def open_copy(path):
    """A copied database with its -wal applied, as an insider would open it (it is their copy)."""
    return sqlite3.connect(path)


def tables_and_columns(db):
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: [row[1] for row in db.execute(f'PRAGMA table_info("{name}")')] for name in names}


class EventStream:
    """A client on a campaign's event stream, as anyone on the web can open one: every byte is kept."""

    def __init__(self, server, slug):
        self.socket = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        self.socket.sendall(f"GET /api/campaigns/{slug}/events HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        self.received = b""
        self.read_until(b": connected")

    def read_until(self, marker, timeout=10.0):
        deadline = time.monotonic() + timeout
        while marker not in self.received:
            self.socket.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = self.socket.recv(65536)
            except socket.timeout:
                raise AssertionError(f"the stream never sent {marker!r}")
            if not chunk:
                raise AssertionError("the stream closed")
            self.received += chunk

    def read_for(self, seconds):
        """Everything that arrives within `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.socket.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = self.socket.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            self.received += chunk

    def events(self, name):
        """The JSON data of every `name` event received so far, in order."""
        text = self.received.decode("utf-8", "replace")
        return [json.loads(data) for event, data in re.findall(r"event: (\w+)\ndata: (.*)\n", text) if event == name]

    def close(self):
        self.socket.close()
