"""Sending an email over SMTP (aiosmtplib) to the configured server."""

from email.message import EmailMessage

import aiosmtplib

from notifications.delivery.outcomes import Delivered, Outcome, Refused, RetryLater
from notifications.settings import NotificationsSettings


async def send_email(message: EmailMessage, settings: NotificationsSettings) -> Outcome:
    try:
        await aiosmtplib.send(
            message, hostname=settings.smtp_host, port=settings.smtp_port, username=settings.smtp_username,
            password=settings.smtp_password, use_tls=settings.smtp_security == "tls",
            start_tls=settings.smtp_security == "starttls", timeout=settings.send_timeout_s)
    except aiosmtplib.SMTPRecipientsRefused as exc:
        refusal = exc.recipients[0]
        return smtp_outcome(refusal.code, f"recipient refused: {refusal.message}")
    except aiosmtplib.SMTPResponseException as exc:
        return smtp_outcome(exc.code, exc.message)
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        return RetryLater(f"SMTP server unreachable ({type(exc).__name__}: {exc})")
    return Delivered()


def smtp_outcome(code: int, message: str) -> Outcome:
    """A 5xx reply is final (no such mailbox, policy); a 4xx one is the server asking to come back."""
    error = f"SMTP {code} {message}".strip()
    return Refused(error) if 500 <= code < 600 else RetryLater(error)
