"""The marketplaces the platform serves: registered by operators, announced to the services by event."""
