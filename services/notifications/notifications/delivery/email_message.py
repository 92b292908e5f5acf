"""An alert as an email: plain text, with a Message-ID made from the delivery, so a receiving
server (or a person) can tell a retried send from a new alert."""

from email.message import EmailMessage
from email.utils import formatdate

from notifications.alerts.models import Alert

FOOTER = "You get this because you enabled email alerts. Choose which alerts reach you in your notification settings."


def email_message(alert: Alert, to: str, sender: str, delivery_id: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = alert.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = f"<{delivery_id}@notifications.lessons>"
    message.set_content(f"{alert.text}\n\n--\n{FOOTER}\n")
    return message
