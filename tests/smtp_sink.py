"""A real SMTP server on 127.0.0.1 for the newsletter tests (aiosmtpd in a thread). It
keeps what it receives and refuses chosen recipients permanently (550) or for a number
of attempts temporarily (451)."""

import email
import email.policy
import socket
from collections import Counter

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SinkHandler:
    def __init__(self):
        self.messages = []
        self.permanent = set()
        self.temporary = Counter()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.permanent:
            return "550 5.1.1 Postfach unbekannt"
        if self.temporary[address] > 0:
            self.temporary[address] -= 1
            return "451 4.3.0 Bitte später erneut versuchen"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def recipients(self):
        return [address for rcpt_tos, _ in self.messages for address in rcpt_tos]


class SmtpSink:
    def __init__(self):
        self.handler = SinkHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def settings(self):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }
