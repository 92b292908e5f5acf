"""Routing of partner calls to the services that own them."""
