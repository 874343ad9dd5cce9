"""The whole-suite scan (suite_scan.py) finds what it looks for, in raw files and inside databases."""
import os
import sqlite3
import tempfile

import suite_scan


def test_scan_finds_addresses_agents_and_emails_and_passes_clean_files():
    root = tempfile.mkdtemp(prefix="gs-scan-selftest-")
    try:
        with open(os.path.join(root, "server.log"), "w") as log:
            log.write("GET /healthz 200 2B 0.1ms\nfrom 10.1.2.3 by Mozilla/5.0\n")
        with open(os.path.join(root, "clean.log"), "w") as log:
            log.write("GET /api/campaigns/{slug} 200 2129B 0.8ms\nversion 1.2.3 at 12:30\n")
        database = sqlite3.connect(os.path.join(root, "planted.sqlite"))
        database.execute("CREATE TABLE t (body TEXT, note BLOB)")
        # A body longer than a page, so the address sits in an overflow page.
        database.execute("INSERT INTO t VALUES (?, ?)", ("x" * 9000 + " reach me at ada@example.org ::1", b"127.0.0.1"))
        database.commit()
        database.close()
        report = suite_scan.scan(root)
        assert set(report) == {"server.log", "planted.sqlite"}, report
        assert "IPv4 address '10.1.2.3'" in report["server.log"]
        assert "user agent 'Mozilla/'" in report["server.log"]
        planted = report["planted.sqlite"]
        assert "e-mail address 'ada@example.org'" in planted
        assert "IPv4 address '127.0.0.1'" in planted
        assert "IPv6 loopback '::1'" in planted
    finally:
        for name in os.listdir(root):
            os.remove(os.path.join(root, name))
        os.rmdir(root)
