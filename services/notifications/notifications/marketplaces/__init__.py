"""The marketplaces' notification policy (reminder offsets, unread-chat delay), learned from the
gateway's registration events; a marketplace not known yet runs on the service's defaults."""
