"""Every state change of a booking, from every service, in order."""
