"""Unread chat forwarding (NT-4): a chat message still unread after the marketplace's delay goes to
the recipient's enabled email and Discord, once."""
