#!/usr/bin/python3
"""A real SMTP server for parity's tests: aiosmtpd (Debian python3-aiosmtpd)
delivering every accepted message into a Maildir, as Mailman 3's tests do.

Usage: smtpd.py --port N --maildir DIR [--tls-cert F --tls-key F]
                [--require-starttls] [--auth USER:PASS] [--state FILE]

Prints "ready" on standard output once it listens on 127.0.0.1:N.
Recipients whose local part starts with "soft" are answered 451 (try
later), "hard" 550 (no such user) -- unless the file named by --state
holds the word "accept", when the server has changed its mind and
takes them all. Each delivered message gets X-Envelope-From and
X-Envelope-To fields (the envelope, for the tests to read the VERP
return path). --auth requires AUTH PLAIN/LOGIN with that user and
password before MAIL FROM.
"""
import argparse
import asyncio
import mailbox
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, maildir, state):
        self.box = mailbox.Maildir(maildir, create=True)
        self.state = state

    def changed_mind(self):
        if not self.state:
            return False
        try:
            with open(self.state) as f:
                return "accept" in f.read()
        except OSError:
            return False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if not self.changed_mind():
            if local.startswith("soft"):
                return "451 4.2.0 Mailbox busy, try again later"
            if local.startswith("hard"):
                return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        head = ("X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n"
                % (envelope.mail_from, ", ".join(envelope.rcpt_tos))).encode()
        self.box.add(head + envelope.original_content)
        return "250 2.0.0 Message accepted for delivery"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and \
                auth_data.login.decode() == user and auth_data.password.decode() == password:
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)
    return check


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--require-starttls", action="store_true")
    ap.add_argument("--auth")
    ap.add_argument("--state")
    a = ap.parse_args()
    kw = {}
    if a.tls_cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.tls_cert, a.tls_key)
        kw["tls_context"] = ctx
        kw["require_starttls"] = a.require_starttls
    if a.auth:
        user, _, password = a.auth.partition(":")
        kw["authenticator"] = authenticator(user, password)
        kw["auth_required"] = True
        # AUTH over a plain connection only when the test offers no TLS
        kw["auth_require_tls"] = bool(a.tls_cert)
    c = Controller(Handler(a.maildir, a.state), hostname="127.0.0.1", port=a.port,
                   server_hostname="localhost", ready_timeout=10, **kw)
    c.start()
    print("ready", flush=True)
    try:
        loop = asyncio.new_event_loop()
        loop.run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        c.stop()


if __name__ == "__main__":
    sys.exit(main())
