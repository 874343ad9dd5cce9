"""A real SMTP relay on loopback for the mail suite: aiosmtpd with STARTTLS required on a certificate made with
`openssl`, AUTH PLAIN/LOGIN required, every message kept as received, and some recipients refused for good."""
import os
import socket
import ssl
import subprocess
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "groundswell"
PASSWORD = "relay pässword:@/"  # needs percent-encoding in the URL: the server must decode it


def make_certificate(directory):
    """A self-signed certificate for 127.0.0.1 (and localhost), which is also the CA file the server is given."""
    cert, key = os.path.join(directory, "relay.pem"), os.path.join(directory, "relay.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Received:
    def __init__(self, mail_from, rcpt_tos, data):
        self.mail_from, self.rcpt_tos, self.data = mail_from, rcpt_tos, data


class Handler:
    def __init__(self, relay):
        self.relay = relay

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.relay.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.relay.keep(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode():
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


class Relay:
    """Start, stop and start again on the same port (a relay outage); `messages` holds every one received."""

    def __init__(self, directory):
        self.cert, self.key = make_certificate(directory)
        self.port = free_port()
        self.refused = set()
        self.messages = []
        self.lock = threading.Condition()
        self.controller = None

    @property
    def url(self):
        from urllib.parse import quote
        return f"smtp://{USER}:{quote(PASSWORD, safe='')}@localhost:{self.port}"

    def keep(self, received):
        with self.lock:
            self.messages.append(received)
            self.lock.notify_all()

    def start(self):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        self.controller = Controller(
            Handler(self), hostname="127.0.0.1", port=self.port, tls_context=context, require_starttls=True,
            authenticator=authenticate, auth_required=True, auth_require_tls=True)
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def wait_for(self, count, timeout=120):
        """Waits (a bound against hangs, not a measurement) until `count` messages have arrived."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(self.messages)} of {count} messages arrived")
                self.lock.wait(left)
            return list(self.messages)
