"""Sending one notification: e-mail over SMTP, or a webhook signed the Standard Webhooks way.

Webhooks (https://www.standardwebhooks.com) carry three headers: ``webhook-id`` (the outbox
row's id, the same on every retry: the receiver deduplicates on it), ``webhook-timestamp``
(Unix seconds of this attempt) and ``webhook-signature`` — ``v1,`` and the base64 HMAC-SHA256,
keyed with the base64-decoded part of the ``whsec_`` secret, of ``"{id}.{timestamp}.{body}"``.
E-mails carry the row's id in their ``Message-ID``, for the same reason.

SMTP settings come from the environment (this module parses them, ``config`` does not):

==============================  ==============================================================
variable                        meaning (default)
==============================  ==============================================================
``ORIENTIR_SMTP_HOST``          the SMTP server; unset means e-mail cannot be sent (rows wait,
                                then go to the dead-letter list to be replayed later)
``ORIENTIR_SMTP_PORT``          its port (465 with ``ssl``, else 587 with ``starttls``, else 25)
``ORIENTIR_SMTP_SECURITY``      ``starttls`` (default), ``ssl`` or ``none``
``ORIENTIR_SMTP_USER``          user name for AUTH (none: no AUTH)
``ORIENTIR_SMTP_PASSWORD``      its password
``ORIENTIR_SMTP_FROM``          the sender address (``orientir@localhost``)
==============================  ==============================================================
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

from orientir.errors import ConfigError, InvalidInput
from orientir.services import error_messages as _error_messages  # noqa: F401  (registers the texts)
from orientir.services.notifications import SECRET_PREFIX

SECURITY_MODES = ("starttls", "ssl", "none")
MAX_RESPONSE_READ = 4096


class DeliveryFailed(Exception):
    """One attempt failed; the message says why and goes into the row's ``last_error``."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None
    port: int
    security: str = "starttls"
    user: str | None = None
    password: str | None = None
    sender: str = "orientir@localhost"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpSettings:
        env = os.environ if env is None else env
        security = (env.get("ORIENTIR_SMTP_SECURITY") or "starttls").lower()
        if security not in SECURITY_MODES:
            raise ConfigError(
                f"ORIENTIR_SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}",
                key="err.senders.orientir_smtp_security_must",
                params={"security_modes": ", ".join(SECURITY_MODES)},
            )
        default_port = {"ssl": 465, "starttls": 587}.get(security, 25)
        raw_port = env.get("ORIENTIR_SMTP_PORT") or str(default_port)
        if not (raw_port.isascii() and raw_port.isdigit()) or not 0 < int(raw_port) < 65536:
            raise ConfigError(
                f"ORIENTIR_SMTP_PORT must be a port number, got {raw_port!r}",
                key="err.senders.orientir_smtp_port_must",
                params={"raw_port": raw_port},
            )
        return cls(
            host=env.get("ORIENTIR_SMTP_HOST") or None,
            port=int(raw_port),
            security=security,
            user=env.get("ORIENTIR_SMTP_USER") or None,
            password=env.get("ORIENTIR_SMTP_PASSWORD") or None,
            sender=env.get("ORIENTIR_SMTP_FROM") or "orientir@localhost",
        )


def message_id_header(message_id: str, sender: str) -> str:
    domain = sender.rpartition("@")[2] or "orientir.invalid"
    return f"<{message_id}@{domain}>"


def build_email(message_id: str, payload: Mapping[str, str], sender: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = payload["to"]
    mail["Subject"] = payload["subject"]
    mail["Message-ID"] = message_id_header(message_id, sender)
    mail["Date"] = formatdate(usegmt=True)
    mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies, please
    mail.set_content(payload["body"])
    return mail


def send_email(
    message_id: str, payload_json: str, settings: SmtpSettings, *, timeout: float
) -> None:
    if settings.host is None:
        raise DeliveryFailed("e-mail is not configured: set ORIENTIR_SMTP_HOST")
    mail = build_email(message_id, json.loads(payload_json), settings.sender)
    try:
        smtp: smtplib.SMTP
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        with smtp:
            if settings.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, settings.password or "")
            smtp.send_message(mail)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryFailed(f"SMTP {settings.host}:{settings.port}: {exc}") from None


def signing_key(secret: str) -> bytes:
    if not secret.startswith(SECRET_PREFIX):
        raise InvalidInput(
            "a webhook secret starts with whsec_",
            key="err.notifications.webhook_secret_starts_whsec",
        )
    return base64.b64decode(secret[len(SECRET_PREFIX) :])


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value for one attempt."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(signing_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirected webhook is a misconfigured receiver; following it would re-send the signed
    # body to a place nobody chose.
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def send_webhook(
    message_id: str, url: str, body: str, secret: str | None, *, timeout: float, timestamp: int
) -> None:
    if secret is None:
        raise DeliveryFailed("the webhook channel was removed: no secret to sign with")
    data = body.encode("utf-8")
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={
            "content-type": "application/json",
            "user-agent": "orientir-webhooks",
            "webhook-id": message_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(secret, message_id, timestamp, data),
        },
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            response.read(MAX_RESPONSE_READ)
            status = response.status
    except urllib.error.HTTPError as exc:
        raise DeliveryFailed(f"HTTP {exc.code} from {url}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryFailed(f"cannot reach {url}: {reason}") from None
    if not 200 <= status < 300:
        raise DeliveryFailed(f"HTTP {status} from {url}")
