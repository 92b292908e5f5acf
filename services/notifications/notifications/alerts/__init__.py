"""Alerts: what happened, told to each user it concerns (NT-2), rendered from a template per event
type in the recipient's time zone, then put in their inbox and sent to their email and Discord."""
