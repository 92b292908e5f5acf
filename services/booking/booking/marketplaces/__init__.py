"""The marketplaces booking knows of, learned from the gateway's registration events."""
