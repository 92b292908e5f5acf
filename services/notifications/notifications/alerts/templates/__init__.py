"""One template per event type and audience: subject, lead, facts and the next step. Email and
Discord formats are made from these (delivery/email_message.py, delivery/discord_message.py)."""
